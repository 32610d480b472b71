package domino

import (
	"fmt"

	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws/iam"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
)

// autoScalingRoleName is EC2 Auto Scaling's service-linked role.
const autoScalingRoleName = "AWSServiceRoleForAutoScaling"

// ensureAutoScalingRole returns what the customer key must wait for: KMS
// refuses a key policy naming a principal that does not exist
// ("MalformedPolicyDocumentException: ... invalid principals"), and the Auto
// Scaling service-linked role exists only once the account has used Auto
// Scaling. When the getRole lookup finds no such role (IAM NoSuchEntity; any
// other error stops the run), the component creates it (iam.ServiceLinkedRole)
// and keeps it registered on later runs, recognising it by its description; an
// account that had the role keeps it untouched.
// Sources: KMS developer guide, "Key policies" (principals must exist); EC2
// Auto Scaling user guide, "Service-linked roles".
func ensureAutoScalingRole(ctx *pulumi.Context, s spec, opts ...pulumi.ResourceOption) ([]pulumi.Resource, error) {
	desc := "EC2 Auto Scaling (created for the managed node groups of " + s.ClusterName + ")"
	found, err := iam.LookupRole(ctx, &iam.LookupRoleArgs{Name: autoScalingRoleName})
	var adopt []pulumi.ResourceOption
	switch {
	case err == nil && found.Description != desc:
		return nil, nil // the account's own role: not this stack's to manage
	case err == nil:
		// This stack created it: keep it registered (dropping it from the
		// program would delete it from the stack). After a destroy (no
		// cluster), the retained role is adopted.
		if !s.clusterExists {
			adopt = []pulumi.ResourceOption{pulumi.Import(pulumi.ID(found.Arn)), pulumi.IgnoreChanges([]string{"description", "tags"})}
		}
	case !isNotFound(err):
		// Access denied, throttling, no credentials: not an answer.
		return nil, fmt.Errorf("look up the Auto Scaling service-linked role %s (iam:GetRole): %w", autoScalingRoleName, err)
	}
	role, err := iam.NewServiceLinkedRole(ctx, s.Name+"-autoscaling", &iam.ServiceLinkedRoleArgs{
		AwsServiceName: pulumi.String("autoscaling.amazonaws.com"),
		Description:    pulumi.String(desc),
	}, append(append(append([]pulumi.ResourceOption{}, opts...),
		// Other Auto Scaling groups of the account may come to rely on it.
		pulumi.RetainOnDelete(true)), adopt...)...)
	if err != nil {
		return nil, fmt.Errorf("Auto Scaling service-linked role: %w", err)
	}
	return []pulumi.Resource{role}, nil
}
