package policy

import (
	"github.com/dominoeks/pulumi-dominoeks/internal/preview"
)

// Resource type tokens the rules inspect.
const (
	tLaunchTemplate = "aws:ec2/launchTemplate:LaunchTemplate"
	tNodeGroup      = "aws:eks/nodeGroup:NodeGroup"
	tSubnet         = "aws:ec2/subnet:Subnet"
	tRouteTable     = "aws:ec2/routeTable:RouteTable"
	tRTAssoc        = "aws:ec2/routeTableAssociation:RouteTableAssociation"
	tSG             = "aws:ec2/securityGroup:SecurityGroup"
	tSGRule         = "aws:ec2/securityGroupRule:SecurityGroupRule"
	tSGIngress      = "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule"
	tEFS            = "aws:efs/fileSystem:FileSystem"
	tMountTarget    = "aws:efs/mountTarget:MountTarget"
	tBucket         = "aws:s3/bucketV2:BucketV2"
	tBucketLegacy   = "aws:s3/bucket:Bucket"
	tSSE            = "aws:s3/bucketServerSideEncryptionConfigurationV2:BucketServerSideEncryptionConfigurationV2"
	tPAB            = "aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock"
	tBucketPolicy   = "aws:s3/bucketPolicy:BucketPolicy"
	tRolePolicy     = "aws:iam/rolePolicy:RolePolicy"
	tPolicy         = "aws:iam/policy:Policy"
	tStorageClass   = "kubernetes:storage.k8s.io/v1:StorageClass"
	tEKSComponent   = "eks:index:Cluster"
	tEKSCluster     = "aws:eks/cluster:Cluster"
	tVpcEndpoint    = "aws:ec2/vpcEndpoint:VpcEndpoint"
)

// plan indexes a recorded plan for the rules.
type plan struct {
	res    *preview.Result
	byID   map[string]preview.Resource
	byType map[string][]preview.Resource
}

func newPlan(res *preview.Result) *plan {
	p := &plan{res: res, byID: map[string]preview.Resource{}, byType: map[string][]preview.Resource{}}
	for _, r := range res.Resources {
		if r.ID != "" {
			p.byID[r.ID] = r
		}
		p.byType[r.Type] = append(p.byType[r.Type], r)
	}
	return p
}

func (p *plan) of(types ...string) []preview.Resource {
	var out []preview.Resource
	for _, t := range types {
		out = append(out, p.byType[t]...)
	}
	return out
}

// get navigates nested maps (preview.Field).
func get(v any, path ...string) any { return preview.Field(v, path...) }

func list(v any) []any {
	l, _ := v.([]any)
	return l
}

func str(v any) string {
	s, _ := v.(string)
	return s
}

// truthy accepts the bool true and the string "true" (launch templates use strings).
func truthy(v any) bool {
	switch x := v.(type) {
	case bool:
		return x
	case string:
		return x == "true"
	}
	return false
}

// bucketName returns the bucket a bucket-scoped resource refers to.
func bucketName(r preview.Resource) string { return str(r.Inputs["bucket"]) }
