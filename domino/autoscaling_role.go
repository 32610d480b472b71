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
// Scaling. When the getRole lookup finds no such role, the component creates
// it (iam.ServiceLinkedRole); an account that has the role keeps it untouched.
// Sources: KMS developer guide, "Key policies" (principals must exist); EC2
// Auto Scaling user guide, "Service-linked roles".
func ensureAutoScalingRole(ctx *pulumi.Context, s spec, opts ...pulumi.ResourceOption) ([]pulumi.Resource, error) {
	if _, err := iam.LookupRole(ctx, &iam.LookupRoleArgs{Name: autoScalingRoleName}); err == nil {
		return nil, nil
	}
	role, err := iam.NewServiceLinkedRole(ctx, s.Name+"-autoscaling", &iam.ServiceLinkedRoleArgs{
		AwsServiceName: pulumi.String("autoscaling.amazonaws.com"),
		Description:    pulumi.String("EC2 Auto Scaling (created for the managed node groups of " + s.ClusterName + ")"),
	}, append(append([]pulumi.ResourceOption{}, opts...),
		// Other Auto Scaling groups of the account may come to rely on it.
		pulumi.RetainOnDelete(true))...)
	if err != nil {
		return nil, fmt.Errorf("Auto Scaling service-linked role: %w", err)
	}
	return []pulumi.Resource{role}, nil
}
