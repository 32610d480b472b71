// Command default deploys the seed's Domino-ready EKS cluster: us-west-2 a/b/c,
// platform (3 × m5.4xlarge) and default (1-20 × m5.2xlarge per zone) pools,
// EFS, three S3 buckets and the domino-compute-storage class.
//
// Every DominoEKSArgs setting can be set in the stack config under the
// "dominoeks" namespace, e.g. `pulumi config set dominoeks:natMode single`.
package main

import (
	"github.com/dominoeks/pulumi-dominoeks/domino"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
)

func main() {
	pulumi.Run(func(ctx *pulumi.Context) error {
		_, err := domino.DeployFromConfig(ctx)
		return err
	})
}
