package domino_test

import (
	"errors"
	"fmt"
	"strings"
	"testing"

	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/dominoeks/pulumi-dominoeks/domino"
	"github.com/dominoeks/pulumi-dominoeks/internal/awsfacts"
	"github.com/dominoeks/pulumi-dominoeks/internal/preview"
)

// pool is an additional pool of m5.xlarge nodes with the given changes.
func pool(name string, f func(p *domino.NodePool)) []domino.NodePool {
	p := domino.NodePool{Name: name, InstanceTypes: []string{"m5.xlarge"}}
	if f != nil {
		f(&p)
	}
	return []domino.NodePool{p}
}

func manyLabels(n int) map[string]string {
	m := map[string]string{}
	for i := range n {
		m[fmt.Sprintf("example.com/l%02d", i)] = "v"
	}
	return m
}

func manyTaints(n int) []domino.Taint {
	var ts []domino.Taint
	for i := range n {
		ts = append(ts, domino.Taint{Key: fmt.Sprintf("example.com/t%02d", i), Value: "v", Effect: "NoSchedule"})
	}
	return ts
}

func manyStrings(n int, format string) []string {
	var out []string
	for i := range n {
		out = append(out, fmt.Sprintf(format, i))
	}
	return out
}

const (
	testVPC    = "vpc-0123456789abcdef0"
	testKeyID  = "1234abcd-12ab-34cd-56ef-1234567890ab"
	testKeyArn = "arn:aws:kms:us-west-2:123456789012:key/" + testKeyID
)

// byoVPC is an existing VPC with well-formed subnets.
func byoVPC(a *domino.DominoEKSArgs) {
	a.VpcId = pulumi.StringPtr(testVPC)
	a.PrivateSubnetIds = pulumi.ToStringArray([]string{"subnet-0000000a", "subnet-0000000b", "subnet-0000000c"})
}

// limitCases: one row per limit of domino.Limits(), refused before anything
// is registered with the field, the value and the fix. The limit's ID names
// the rule's source (checked below against the table's citation).
var limitCases = []struct {
	limit string
	name  string
	set   func(a *domino.DominoEKSArgs)
	field string
	value string
	fix   string
}{
	{"nodegroup-label-length", "label key over 63 characters", func(a *domino.DominoEKSArgs) {
		a.AdditionalPools = pool("x", func(p *domino.NodePool) { p.Labels = map[string]string{"example.com/" + strings.Repeat("k", 55): "v"} })
	}, "additionalPools[0].labels", "example.com/kkk", "63 characters"},
	{"nodegroup-label-length", "empty label value", func(a *domino.DominoEKSArgs) {
		a.AdditionalPools = pool("x", func(p *domino.NodePool) { p.Labels = map[string]string{"tier": ""} })
	}, "additionalPools[0].labels[tier]", `""`, "give the label a value"},
	{"nodegroup-taint-values", "taint value with a space", func(a *domino.DominoEKSArgs) {
		a.AdditionalPools = pool("x", func(p *domino.NodePool) {
			p.Taints = []domino.Taint{{Key: "dedicated", Value: "big jobs", Effect: "NoSchedule"}}
		})
	}, "additionalPools[0].taints[0].value", `"big jobs"`, "\"true\""},
	{"nodegroup-taint-values", "taint key over 63 characters", func(a *domino.DominoEKSArgs) {
		a.AdditionalPools = pool("x", func(p *domino.NodePool) {
			p.Taints = []domino.Taint{{Key: "example.com/" + strings.Repeat("k", 55), Effect: "NoSchedule"}}
		})
	}, "additionalPools[0].taints[0].key", "example.com/kkk", "shorten the key"},
	{"nodegroup-taints-unique", "same key and effect twice", func(a *domino.DominoEKSArgs) {
		a.AdditionalPools = pool("x", func(p *domino.NodePool) {
			p.Taints = []domino.Taint{{Key: "gpu", Value: "a", Effect: "NoSchedule"}, {Key: "gpu", Value: "b", Effect: "NoSchedule"}}
		})
	}, "additionalPools[0].taints[1]", "gpu:NoSchedule", "each key and effect once"},
	{"nodegroup-taints-max", "51 taints", func(a *domino.DominoEKSArgs) {
		a.AdditionalPools = pool("x", func(p *domino.NodePool) { p.Taints = manyTaints(51) })
	}, "additionalPools[0].taints", "51 taints", "remove taints"},
	{"asg-tags-max", "labels and taints overflow the Auto Scaling group's tags", func(a *domino.DominoEKSArgs) {
		a.AdditionalPools = pool("x", func(p *domino.NodePool) { p.Labels = manyLabels(40); p.Taints = manyTaints(6) })
	}, "additionalPools[0].labels", "42 labels, 6 taints", "at most 43 labels and taints"},
	{"tags-characters", "tag key IAM refuses", func(a *domino.DominoEKSArgs) { a.Tags = map[string]string{"cost#center": "42"} },
		"tags", `"cost#center"`, "letters, digits"},
	{"tags-characters", "tag value IAM refuses", func(a *domino.DominoEKSArgs) { a.Tags = map[string]string{"owner": "a&b"} },
		"tags[owner]", `"a&b"`, "letters, digits"},
	{"tags-max", "48 user tags plus the component's 3", func(a *domino.DominoEKSArgs) {
		a.Tags = map[string]string{}
		for _, k := range manyStrings(48, "t%02d") {
			a.Tags[k] = "v"
		}
	}, "tags", "48 tags", "at most 47 tags"},
	{"efs-access-point-path", "trailing slash", func(a *domino.DominoEKSArgs) { a.EfsAccessPointPath = "/domino/" },
		"efsAccessPointPath", `"/domino/"`, "without a trailing /"},
	{"efs-access-point-path", "five levels", func(a *domino.DominoEKSArgs) { a.EfsAccessPointPath = "/a/b/c/d/e" },
		"efsAccessPointPath", `"/a/b/c/d/e"`, "up to 4 levels"},
	{"efs-access-point-path", ".-leading part", func(a *domino.DominoEKSArgs) { a.EfsAccessPointPath = "/domino/.hidden" },
		"efsAccessPointPath", `"/domino/.hidden"`, "e.g. /domino"},
	{"efs-access-point-path", "forbidden character", func(a *domino.DominoEKSArgs) { a.EfsAccessPointPath = "/domino$data" },
		"efsAccessPointPath", `"/domino$data"`, "absolute path"},
	{"kms-key-arn", "alias ARN", func(a *domino.DominoEKSArgs) { a.KmsKeyArn = "arn:aws:kms:us-west-2:123456789012:alias/domino" },
		"kmsKeyArn", "alias/domino", "use the key's ARN"},
	{"kms-key-arn", "key of another region", func(a *domino.DominoEKSArgs) { a.KmsKeyArn = strings.Replace(testKeyArn, "us-west-2", "us-east-1", 1) },
		"kmsKeyArn", "us-east-1", "use a key of us-west-2"},
	{"kms-key-arn", "malformed key id", func(a *domino.DominoEKSArgs) { a.KmsKeyArn = "arn:aws:kms:us-west-2:123456789012:key/my-key" },
		"kmsKeyArn", "key/my-key", "describe-key"},
	{"arn-partition", "China partition admin in a commercial region", func(a *domino.DominoEKSArgs) {
		a.AdminPrincipalArns = []string{"arn:aws-cn:iam::123456789012:role/ci"}
	}, "adminPrincipalArns[0]", "arn:aws-cn:iam::123456789012:role/ci", "arn:aws:"},
	{"arn-partition", "GovCloud key in a commercial region", func(a *domino.DominoEKSArgs) {
		a.KmsKeyArn = strings.Replace(testKeyArn, "arn:aws:", "arn:aws-us-gov:", 1)
	}, "kmsKeyArn", "arn:aws-us-gov:kms", "arn:aws:"},
	{"cidr-canonical", "VPC CIDR with host bits", func(a *domino.DominoEKSArgs) { a.VpcCidr = "10.0.0.1/16" },
		"vpcCidr", `"10.0.0.1/16"`, "use 10.0.0.0/16"},
	{"cidr-canonical", "public access CIDR with host bits", func(a *domino.DominoEKSArgs) {
		a.EndpointPublicAccess, a.PublicAccessCidrs = true, []string{"203.0.113.7/24"}
	}, "publicAccessCidrs", `"203.0.113.7/24"`, "use 203.0.113.0/24"},
	{"cidr-reserved-ranges", "loopback VPC", func(a *domino.DominoEKSArgs) {
		a.VpcCidr = "127.0.0.0/16"
		a.PrivateSubnetCidrs = []string{"127.0.0.0/19", "127.0.32.0/19", "127.0.64.0/19"}
		a.PublicSubnetCidrs = []string{"127.0.224.0/22", "127.0.228.0/22", "127.0.232.0/22"}
	}, "vpcCidr", `"127.0.0.0/16"`, "10.0.0.0/16"},
	{"cidr-reserved-ranges", "link-local VPC", func(a *domino.DominoEKSArgs) {
		a.VpcCidr = "169.254.0.0/16"
		a.PrivateSubnetCidrs = []string{"169.254.0.0/19", "169.254.32.0/19", "169.254.64.0/19"}
		a.PublicSubnetCidrs = []string{"169.254.224.0/22", "169.254.228.0/22", "169.254.232.0/22"}
	}, "vpcCidr", "link-local", "RFC 1918"},
	{"subnet-pod-capacity", "/24 private subnets for 20 m5.2xlarge nodes per zone", func(a *domino.DominoEKSArgs) {
		a.PrivateSubnetCidrs = []string{"10.0.0.0/24", "10.0.1.0/24", "10.0.2.0/24"}
	}, "privateSubnetCidrs", `"10.0.0.0/24"`, "use a /21 or larger private subnet"},
	{"public-access-cidrs", "IPv6 CIDR", func(a *domino.DominoEKSArgs) {
		a.EndpointPublicAccess, a.PublicAccessCidrs = true, []string{"2001:db8::/32"}
	}, "publicAccessCidrs", `"2001:db8::/32"`, "IPv4 CIDRs"},
	{"public-access-cidrs", "41 CIDRs", func(a *domino.DominoEKSArgs) {
		a.EndpointPublicAccess, a.PublicAccessCidrs = true, manyStrings(41, "198.51.%d.0/24")
	}, "publicAccessCidrs", "41 CIDRs", "merge ranges"},
	{"instance-type-size", "a size m5 does not have", func(a *domino.DominoEKSArgs) {
		a.DefaultPool = &domino.NodePool{InstanceTypes: []string{"m5.3xlarge"}}
	}, "defaultPool.instanceTypes", `"m5.3xlarge"`, "m5.2xlarge, m5.4xlarge"},
	{"instance-type-size", "a GPU size that does not exist", func(a *domino.DominoEKSArgs) {
		a.EnableGpuPool, a.GpuPool = true, &domino.NodePool{InstanceTypes: []string{"p3.4xlarge"}}
	}, "gpuPool.instanceTypes", `"p3.4xlarge"`, "p3.2xlarge, p3.8xlarge, p3.16xlarge"},
	{"nodegroup-instance-types-max", "21 instance types", func(a *domino.DominoEKSArgs) {
		a.AdditionalPools = pool("x", func(p *domino.NodePool) {
			p.InstanceTypes = append(manyStrings(8, "m5.large"), "m5.xlarge", "m5.2xlarge", "m5.4xlarge", "m5.8xlarge", "m5.12xlarge", "m5.16xlarge",
				"m5.24xlarge", "c5.large", "c5.xlarge", "c5.2xlarge", "c5.4xlarge", "c5.9xlarge", "c5.12xlarge")
		})
	}, "additionalPools[0].instanceTypes", "21 types", "at most 20"},
	{"hostname-length", "over 253 characters", func(a *domino.DominoEKSArgs) {
		a.Hostname = strings.Repeat(strings.Repeat("a", 60)+".", 4) + "example.com"
	}, "hostname", "aaaa", "shorter FQDN"},
	{"hostname-length", "over 64 characters with a certificate", func(a *domino.DominoEKSArgs) {
		a.Hostname, a.Route53ZoneId = strings.Repeat("d", 60)+".example.com", pulumi.StringPtr("Z0123456789ABCDEFGHIJ")
	}, "hostname", "ddd", "at most 64 characters"},
	{"route53-zone-id", "a domain instead of a zone id", func(a *domino.DominoEKSArgs) {
		a.Hostname, a.Route53ZoneId = "domino.example.com", pulumi.StringPtr("example.com")
	}, "route53ZoneId", `"example.com"`, "list-hosted-zones-by-name"},
	{"vpc-subnet-id-format", "VPC id", func(a *domino.DominoEKSArgs) { byoVPC(a); a.VpcId = pulumi.StringPtr("vpc-prod") },
		"vpcId", `"vpc-prod"`, "8 or 17 hexadecimal digits"},
	{"vpc-subnet-id-format", "subnet id", func(a *domino.DominoEKSArgs) {
		byoVPC(a)
		a.PrivateSubnetIds = pulumi.ToStringArray([]string{"subnet-0000000a", "private-b", "subnet-0000000c"})
	}, "privateSubnetIds[1]", `"private-b"`, "8 or 17 hexadecimal digits"},
	{"subnets-need-vpc", "subnets without vpcId", func(a *domino.DominoEKSArgs) {
		a.PrivateSubnetIds = pulumi.ToStringArray([]string{"subnet-0000000a", "subnet-0000000b", "subnet-0000000c"})
	}, "privateSubnetIds", "<set>", "set vpcId"},
	{"subnet-listed-once", "a private subnet twice", func(a *domino.DominoEKSArgs) {
		byoVPC(a)
		a.PrivateSubnetIds = pulumi.ToStringArray([]string{"subnet-0000000a", "subnet-0000000a", "subnet-0000000c"})
	}, "privateSubnetIds", `"subnet-0000000a"`, "list each subnet once"},
	{"subnet-listed-once", "a subnet both private and public", func(a *domino.DominoEKSArgs) {
		byoVPC(a)
		a.PublicSubnetIds = pulumi.ToStringArray([]string{"subnet-0000000b"})
	}, "publicSubnetIds", `"subnet-0000000b"`, "private subnets only in privateSubnetIds"},
	{"pool-zone-listed-once", "a zone twice in a pool", func(a *domino.DominoEKSArgs) {
		a.DefaultPool = &domino.NodePool{AvailabilityZones: []string{"us-west-2a", "us-west-2b", "us-west-2a"}}
	}, "defaultPool.availabilityZones", `"us-west-2a"`, "each zone once"},
}

// TestLimitsRefuseBeforeRegistering: every row is refused by Validate with a
// FieldError naming the field, the value and the fix, and NewDominoEKS
// registers nothing.
func TestLimitsRefuseBeforeRegistering(t *testing.T) {
	for _, tc := range allLimitCases() {
		t.Run(tc.limit+"/"+tc.name, func(t *testing.T) {
			args := domino.DominoEKSArgs{}
			tc.set(&args)
			err := args.Validate()
			require.Error(t, err)
			var ve *domino.ValidationError
			require.True(t, errors.As(err, &ve), "a *ValidationError: %v", err)
			var hit *domino.FieldError
			for _, fe := range ve.Problems {
				if fe.Field == tc.field && strings.Contains(fe.Error(), tc.value) && strings.Contains(fe.Fix, tc.fix) {
					hit = fe
				}
			}
			require.NotNil(t, hit, "no problem naming field %s, value %s and fix %q in:\n%v", tc.field, tc.value, tc.fix, err)
			assert.NotEmpty(t, hit.Problem)

			_, runErr := preview.Run(domino.Program("domino", args), preview.Options{})
			require.Error(t, runErr)
			assert.Contains(t, runErr.Error(), tc.field)
			res, _ := preview.Run(func(ctx *pulumi.Context) (pulumi.Map, error) {
				_, _ = domino.NewDominoEKS(ctx, "domino", args)
				return nil, nil
			}, preview.Options{})
			assert.Empty(t, res.Resources, "nothing is registered for a refused config")
		})
	}
}

// TestEveryLimitIsCitedAndTested: each limit cites where it is written down
// and has a refusing row above; no row names an unknown limit.
func TestEveryLimitIsCitedAndTested(t *testing.T) {
	tested := map[string]bool{}
	for _, tc := range allLimitCases() {
		tested[tc.limit] = true
	}
	seen := map[string]bool{}
	for _, l := range domino.Limits() {
		assert.False(t, seen[l.ID], "duplicate limit %s", l.ID)
		seen[l.ID] = true
		assert.Regexp(t, `https://|internal/`, l.Source, "%s cites its source", l.ID)
		assert.True(t, tested[l.ID], "limit %s has no refusing row", l.ID)
	}
	for id := range tested {
		assert.True(t, seen[id], "row for unknown limit %s", id)
	}
	assert.GreaterOrEqual(t, len(seen), 22)
}

// TestLimitsAcceptTheirEdges: values at the limits are accepted.
func TestLimitsAcceptTheirEdges(t *testing.T) {
	for name, set := range map[string]func(a *domino.DominoEKSArgs){
		"63-character label key": func(a *domino.DominoEKSArgs) {
			a.AdditionalPools = pool("x", func(p *domino.NodePool) { p.Labels = map[string]string{"example.com/" + strings.Repeat("k", 51): "v"} })
		},
		"50 Auto Scaling group tags": func(a *domino.DominoEKSArgs) {
			// EKS's 3; the autoscaler's 2, the FUSE resource and the EBS zone label;
			// the node-pool and domino-node labels; 41 taints.
			a.AdditionalPools = pool("x", func(p *domino.NodePool) { p.Taints = manyTaints(41) })
		},
		"47 user tags":          func(a *domino.DominoEKSArgs) { a.Tags = tagMap(47) },
		"root access point":     func(a *domino.DominoEKSArgs) { a.EfsAccessPointPath = "/" },
		"four levels":           func(a *domino.DominoEKSArgs) { a.EfsAccessPointPath = "/a/b/c/d" },
		"key ARN of the region": func(a *domino.DominoEKSArgs) { a.KmsKeyArn = testKeyArn },
		"multi-Region key": func(a *domino.DominoEKSArgs) {
			a.KmsKeyArn = "arn:aws:kms:us-west-2:123456789012:key/mrk-1234abcd12ab34cd56ef1234567890ab"
		},
		"40 public CIDRs": func(a *domino.DominoEKSArgs) {
			a.EndpointPublicAccess, a.PublicAccessCidrs = true, manyStrings(40, "198.51.%d.0/24")
		},
		"64-character hostname": func(a *domino.DominoEKSArgs) {
			a.Hostname, a.Route53ZoneId = strings.Repeat("d", 52)+".example.com", pulumi.StringPtr("Z0123456789ABCDEFGHIJ")
		},
		"17-digit ids": byoVPC,
		"hosted zone path prefix": func(a *domino.DominoEKSArgs) {
			a.Hostname, a.Route53ZoneId = "d.example.com", pulumi.StringPtr("/hostedzone/Z123")
		},
		"m5.metal": func(a *domino.DominoEKSArgs) { a.DefaultPool = &domino.NodePool{InstanceTypes: []string{"m5.metal"}} },
	} {
		t.Run(name, func(t *testing.T) {
			args := domino.DominoEKSArgs{}
			set(&args)
			assert.NoError(t, args.Validate())
		})
	}
}

func tagMap(n int) map[string]string {
	m := map[string]string{}
	for _, k := range manyStrings(n, "t%02d") {
		m[k] = "v"
	}
	return m
}

// TestRaisedMinSizeCarriesDesiredSize: raising minSize alone is valid; the
// desired size follows it (and a lowered maxSize), unless it is set.
func TestRaisedMinSizeCarriesDesiredSize(t *testing.T) {
	for name, tc := range map[string]struct {
		pool *domino.NodePool
		ok   bool
	}{
		"default pool minSize 5":     {&domino.NodePool{MinSize: ip(5)}, true},
		"platform pool maxSize 6":    {&domino.NodePool{MinSize: ip(4), MaxSize: ip(6)}, true},
		"explicit desired below min": {&domino.NodePool{MinSize: ip(5), DesiredSize: ip(1)}, false},
	} {
		t.Run(name, func(t *testing.T) {
			err := domino.DominoEKSArgs{DefaultPool: tc.pool}.Validate()
			if tc.ok {
				assert.NoError(t, err)
			} else {
				assert.ErrorContains(t, err, "defaultPool.desiredSize")
			}
		})
	}
	res := plan(t, domino.DominoEKSArgs{DefaultPool: &domino.NodePool{MinSize: ip(5)}})
	for _, ng := range res.Find("aws:eks/nodeGroup:NodeGroup") {
		if strings.Contains(ng.Name, "-default-") {
			sc := ng.Inputs["scalingConfig"].(map[string]any)
			assert.Equal(t, 5.0, sc["desiredSize"], ng.Name)
			assert.Equal(t, 5.0, sc["minSize"], ng.Name)
		}
	}
}

// TestQuotaWarnings: sizes above EKS's default quotas are warned about in the
// plan (quotas can be raised; preflight reads the applied values).
func TestQuotaWarnings(t *testing.T) {
	big := domino.DominoEKSArgs{DefaultPool: &domino.NodePool{MaxSize: ip(500), InstanceTypes: []string{"m5.large"}}, PrivateSubnetCidrs: []string{"10.0.0.0/18", "10.0.64.0/18", "10.0.128.0/18"},
		PublicSubnetCidrs: []string{"10.0.224.0/22", "10.0.228.0/22", "10.0.232.0/22"}}
	require.NoError(t, big.Validate())
	assert.Contains(t, strings.Join(big.Warnings("domino"), "\n"),
		"defaultPool.maxSize: 500 is above EKS's default quota of 450 nodes per managed node group; raise it first (Service Quotas: Amazon EKS, \"Nodes per managed node group\", L-BD136A63)")
	atQuota := big
	atQuota.DefaultPool = &domino.NodePool{MaxSize: ip(awsfacts.EKSNodesPerManagedNodeGroup.Default), InstanceTypes: []string{"m5.large"}}
	require.NoError(t, atQuota.Validate())
	assert.NotContains(t, strings.Join(atQuota.Warnings("domino"), "\n"), "default quota", "maxSize equal to the quota fits")

	var pools []domino.NodePool
	for i := range 9 {
		pools = append(pools, domino.NodePool{Name: fmt.Sprintf("p%d", i), InstanceTypes: []string{"m5.xlarge"}, MaxSize: ip(2)})
	}
	many := domino.DominoEKSArgs{AdditionalPools: pools}
	require.NoError(t, many.Validate())
	assert.Contains(t, strings.Join(many.Warnings("domino"), "\n"),
		"node pools: 33 managed node groups (one per pool and zone) are above EKS's default quota of 30 per cluster; raise it first (Service Quotas: Amazon EKS, \"Managed node groups per cluster\", L-6D54EA21)")
	assert.NotContains(t, strings.Join(domino.DominoEKSArgs{}.Warnings("domino"), "\n"), "default quota")
}
