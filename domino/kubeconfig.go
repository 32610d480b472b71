package domino

import (
	"encoding/json"
	"fmt"

	awseks "github.com/pulumi/pulumi-aws/sdk/v6/go/aws/eks"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi/config"
)

// awsCredentials are the credentials the AWS provider uses, which the
// kubeconfig must use too: the principal that creates the cluster is the one
// EKS makes admin.
type awsCredentials struct {
	// Profile is aws:profile (a named profile of the shared config files).
	Profile string
	// RoleArn is the role of aws:assumeRole (or the last of aws:assumeRoles).
	RoleArn string
}

// providerCredentials reads the AWS provider's profile and assumed role from
// the stack config. pulumi-eks v2.8.1 picks up aws:profile (and AWS_PROFILE)
// itself but not an assumed role (cluster.ts createCluster), and the
// kubeconfig it exports carries neither (genKubeconfig(false)).
func providerCredentials(ctx *pulumi.Context) (awsCredentials, error) {
	c := awsCredentials{Profile: config.Get(ctx, "aws:profile")}
	if raw := config.Get(ctx, "aws:assumeRole"); raw != "" {
		var one struct {
			RoleArn string `json:"roleArn"`
		}
		if err := json.Unmarshal([]byte(raw), &one); err != nil {
			return c, fmt.Errorf("aws:assumeRole: %w", err)
		}
		c.RoleArn = one.RoleArn
	}
	if raw := config.Get(ctx, "aws:assumeRoles"); raw != "" {
		var many []struct {
			RoleArn string `json:"roleArn"`
		}
		if err := json.Unmarshal([]byte(raw), &many); err != nil {
			return c, fmt.Errorf("aws:assumeRoles: %w", err)
		}
		if len(many) > 0 {
			c.RoleArn = many[len(many)-1].RoleArn
		}
	}
	return c, nil
}

// Kubeconfig returns a kubeconfig (JSON) for the cluster whose token comes
// from `aws eks get-token` with the given credentials, in the shape
// pulumi-eks generates (cluster.ts generateKubeconfig), plus the region so
// the token does not depend on the caller's default region.
func Kubeconfig(clusterName, endpoint, caData, region string, creds awsCredentials) (string, error) {
	args := []string{"eks", "get-token", "--cluster-name", clusterName, "--region", region, "--output", "json"}
	if creds.RoleArn != "" {
		args = append(args, "--role", creds.RoleArn)
	}
	env := []map[string]string{{"name": "KUBERNETES_EXEC_INFO", "value": `{"apiVersion": "client.authentication.k8s.io/v1beta1"}`}}
	if creds.Profile != "" {
		env = append(env, map[string]string{"name": "AWS_PROFILE", "value": creds.Profile})
	}
	doc := map[string]any{
		"apiVersion": "v1", "kind": "Config", "current-context": "aws",
		"clusters": []any{map[string]any{"name": "kubernetes", "cluster": map[string]any{
			"server": endpoint, "certificate-authority-data": caData,
		}}},
		"contexts": []any{map[string]any{"name": "aws", "context": map[string]any{"cluster": "kubernetes", "user": "aws"}}},
		"users": []any{map[string]any{"name": "aws", "user": map[string]any{"exec": map[string]any{
			"apiVersion": "client.authentication.k8s.io/v1beta1", "command": "aws", "args": args, "env": env,
		}}}},
	}
	out, err := json.Marshal(doc)
	if err != nil {
		return "", fmt.Errorf("kubeconfig: %w", err)
	}
	return string(out), nil
}

// kubeconfigOutput is Kubeconfig for the EKS cluster once it exists.
func kubeconfigOutput(ek awseks.ClusterOutput, region string, creds awsCredentials) pulumi.StringOutput {
	return pulumi.All(ek.Name(), ek.Endpoint(), ek.CertificateAuthority().Data()).ApplyT(func(v []any) (string, error) {
		ca := ""
		if p, ok := v[2].(*string); ok && p != nil {
			ca = *p
		}
		return Kubeconfig(v[0].(string), v[1].(string), ca, region, creds)
	}).(pulumi.StringOutput)
}
