package preflight

import (
	"context"
	"errors"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/servicequotas"
	sqtypes "github.com/aws/aws-sdk-go-v2/service/servicequotas/types"
	"github.com/aws/smithy-go"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/dominoeks/pulumi-dominoeks/internal/plan"
	"github.com/dominoeks/pulumi-dominoeks/internal/preview"
)

func TestFamilyOf(t *testing.T) {
	tests := []struct {
		instanceType string
		spot         bool
		code         string
		ok           bool
	}{
		{"m5.2xlarge", false, "L-1216C47A", true},
		{"m7i-flex.large", false, "L-1216C47A", true},
		{"c5ad.2xlarge", false, "L-1216C47A", true},
		{"r6id.4xlarge", false, "L-1216C47A", true},
		{"im4gn.large", false, "L-1216C47A", true},
		{"g5.xlarge", false, "L-DB2E81BA", true},
		{"vt1.3xlarge", false, "L-DB2E81BA", true},
		{"p4d.24xlarge", false, "L-417A185B", true},
		{"inf2.xlarge", false, "L-1945791B", true},
		{"f1.2xlarge", false, "L-74FC7D96", true},
		{"x2idn.16xlarge", false, "L-7295265B", true},
		{"m5.2xlarge", true, "L-34B43A08", true},
		{"g4dn.xlarge", true, "L-3819A6DF", true},
		{"p3.2xlarge", true, "L-7212CCBC", true},
		{"inf2.xlarge", true, "", false}, // no Spot family modelled
		{"trn1.2xlarge", false, "", false},
		{"u-6tb1.metal", false, "", false},
	}
	for _, tt := range tests {
		t.Run(tt.instanceType, func(t *testing.T) {
			f, ok := FamilyOf(tt.instanceType, tt.spot)
			assert.Equal(t, tt.ok, ok)
			assert.Equal(t, tt.code, f.Quota.Code)
			if ok {
				assert.Equal(t, tt.spot, f.Spot)
			}
		})
	}
}

func TestParseToolVersions(t *testing.T) {
	tests := []struct {
		name  string
		parse func(string) (Version, error)
		out   string
		want  Version
		err   bool
	}{
		{"aws v2", ParseAWSCLIVersion, "aws-cli/2.15.0 Python/3.11.6 Linux/6.1 exe/x86_64", Version{2, 15, 0}, false},
		{"aws v1 on stderr", ParseAWSCLIVersion, "aws-cli/1.18.69 Python/2.7.18 Linux/4.14 botocore/1.16.19\n", Version{1, 18, 69}, false},
		{"aws garbage", ParseAWSCLIVersion, "command not found", Version{}, true},
		{"kubectl json", ParseKubectlVersion, `{"clientVersion":{"major":"1","minor":"30","gitVersion":"v1.30.2"},"kustomizeVersion":"v5.0.4"}`, Version{1, 30, 2}, false},
		{"kubectl json with warning", ParseKubectlVersion, "WARNING: x\n{\"clientVersion\":{\"gitVersion\":\"v1.29.0-eks-5e0fdde\"}}", Version{1, 29, 0}, false},
		{"kubectl text", ParseKubectlVersion, "Client Version: v1.28.3\nKustomize Version: v5.0.4", Version{1, 28, 3}, false},
		{"kubectl old text", ParseKubectlVersion, `Client Version: version.Info{Major:"1", Minor:"23", GitVersion:"v1.23.17", GitCommit:"x"}`, Version{1, 23, 17}, false},
		{"kubectl garbage", ParseKubectlVersion, "error: unknown flag: --output", Version{}, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			v, err := tt.parse(tt.out)
			if tt.err {
				require.Error(t, err)
				return
			}
			require.NoError(t, err)
			assert.Equal(t, tt.want, v)
		})
	}
}

// The pre-flight's counts come from the same plan the cost estimate prices:
// one NAT gateway and one public IPv4 item per NAT/EIP, node groups at the
// same max sizes.
func TestFromPlanAgreesWithCost(t *testing.T) {
	tests := []struct {
		name       string
		config     map[string]string
		nat, eips  int
		zones      []string
		maxVCPUish int // sum of max sizes
	}{
		{"default: NAT per zone", nil, 3, 3, []string{"us-west-2a", "us-west-2b", "us-west-2c"}, 63},
		{"single NAT", map[string]string{"dominoeks:natMode": "single"}, 1, 1, []string{"us-west-2a", "us-west-2b", "us-west-2c"}, 63},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			cfg := map[string]string{}
			for k, v := range tt.config {
				cfg[k] = v
			}
			p, err := plan.Build(plan.Options{Config: cfg})
			require.NoError(t, err)
			d := FromPlan(p)
			natItems, eipItems := 0, 0
			maxByURN := map[string]float64{}
			for _, it := range p.Cost.Items {
				switch it.Description {
				case "NAT gateway (data processing excluded)":
					natItems++
				case "public IPv4 address":
					eipItems++
				default:
					if it.Unit == "hour" { // instance-hours; EBS disks are GB-month
						maxByURN[it.URN] += it.QuantityMax
					}
				}
			}
			assert.Equal(t, tt.nat, d.NATGateways())
			assert.Equal(t, natItems, d.NATGateways(), "NAT gateways: preflight and cost disagree")
			assert.Equal(t, tt.eips, d.EIPs)
			assert.Equal(t, eipItems, d.EIPs, "EIPs: preflight and cost disagree")
			assert.Equal(t, 1, d.VPCs)
			assert.Equal(t, tt.zones, d.Zones)
			assert.Equal(t, "domino", d.ClusterName)
			assert.NotEmpty(t, d.KubernetesVersion)
			sum := 0
			for _, pool := range d.Pools {
				sum += pool.MaxSize
				assert.Equal(t, float64(pool.MaxSize), maxByURN[pool.URN], "node group %s: max size differs from the cost's", pool.Name)
				assert.NotEmpty(t, pool.AMIType)
			}
			assert.Equal(t, tt.maxVCPUish, sum)
			assert.Equal(t, []string{"domino-{account}-us-west-2-backups", "domino-{account}-us-west-2-blobs", "domino-{account}-us-west-2-logs"},
				d.BucketNames("{account}"))
			assert.Equal(t, []string{"domino-111122223333-us-west-2-backups", "domino-111122223333-us-west-2-blobs", "domino-111122223333-us-west-2-logs"},
				d.BucketNames("111122223333"))
		})
	}
}

// stubQuotas answers GetServiceQuota and GetAWSDefaultServiceQuota with fixed results.
type stubQuotas struct {
	applied, def       *float64
	appliedErr, defErr error
}

func (s stubQuotas) GetServiceQuota(context.Context, *servicequotas.GetServiceQuotaInput, ...func(*servicequotas.Options)) (*servicequotas.GetServiceQuotaOutput, error) {
	if s.appliedErr != nil {
		return nil, s.appliedErr
	}
	return &servicequotas.GetServiceQuotaOutput{Quota: &sqtypes.ServiceQuota{Value: s.applied}}, nil
}

func (s stubQuotas) GetAWSDefaultServiceQuota(context.Context, *servicequotas.GetAWSDefaultServiceQuotaInput, ...func(*servicequotas.Options)) (*servicequotas.GetAWSDefaultServiceQuotaOutput, error) {
	if s.defErr != nil {
		return nil, s.defErr
	}
	return &servicequotas.GetAWSDefaultServiceQuotaOutput{Quota: &sqtypes.ServiceQuota{Value: s.def}}, nil
}

func TestLookupQuotaFallsBack(t *testing.T) {
	denied := &smithy.GenericAPIError{Code: "AccessDeniedException", Message: "no"}
	notSet := &smithy.GenericAPIError{Code: "NoSuchResourceException", Message: "no"}
	tests := []struct {
		name    string
		stub    stubQuotas
		value   float64
		source  string
		caveat  string
		wantErr bool
	}{
		{"applied", stubQuotas{applied: aws.Float64(64)}, 64, "applied", "", false},
		{"not set: AWS default", stubQuotas{appliedErr: notSet, def: aws.Float64(32)}, 32, "AWS default", "", false},
		{"denied: AWS default with caveat", stubQuotas{appliedErr: denied, def: aws.Float64(32)}, 32, "AWS default", "AccessDeniedException", false},
		{"all denied: built-in default", stubQuotas{appliedErr: denied, defErr: denied}, 5, "built-in default", "assumed the new-account default 5", false},
		{"unreachable: error", stubQuotas{appliedErr: errors.New("dial tcp: connection refused")}, 0, "", "", true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := &runner{c: Clients{Quotas: tt.stub}}
			q, err := r.lookupQuota(context.Background(), QuotaEIPs)
			if tt.wantErr {
				require.Error(t, err)
				return
			}
			require.NoError(t, err)
			assert.Equal(t, tt.value, q.value)
			assert.Equal(t, tt.source, q.source)
			if tt.caveat == "" {
				assert.Empty(t, q.caveat)
			} else {
				assert.Contains(t, q.caveat, tt.caveat)
			}
		})
	}
}

// Counts are generic over the recorded resources: interface endpoints by
// vpcEndpointType (gateway endpoints have no such quota), fixed role names only.
func TestFromPlanCountsResourcesByType(t *testing.T) {
	res := func(typ, id string, inputs map[string]any) preview.Resource {
		return preview.Resource{Type: typ, ID: id, URN: "urn:" + typ + "::" + id, Inputs: inputs}
	}
	p := &plan.Plan{Name: "x", Region: "eu-west-1", Resources: []preview.Resource{
		res(typeVPC, "vpc-new", map[string]any{}),
		res(typeSubnet, "subnet-a", map[string]any{"availabilityZone": "eu-west-1a"}),
		res(typeSubnet, "subnet-b", map[string]any{"availabilityZone": "eu-west-1b"}),
		res(typeNATGateway, "nat-1", map[string]any{"subnetId": "subnet-a"}),
		res(typeNATGateway, "nat-2", map[string]any{"subnetId": "subnet-a"}),
		res(typeEIP, "eip-1", map[string]any{}),
		res(typeEIP, "eip-2", map[string]any{}),
		res(typeVPCEndpoint, "vpce-ecr", map[string]any{"vpcId": "vpc-new", "vpcEndpointType": "Interface"}),
		res(typeVPCEndpoint, "vpce-sts", map[string]any{"vpcId": "vpc-new", "vpcEndpointType": "Interface"}),
		res(typeVPCEndpoint, "vpce-s3", map[string]any{"vpcId": "vpc-new", "vpcEndpointType": "Gateway"}),
		res(typeVPCEndpoint, "vpce-old", map[string]any{"vpcId": "vpc-existing", "vpcEndpointType": "Interface"}),
		res(typeRole, "role-1", map[string]any{"name": "fixed-role"}),
		res(typeRole, "role-2", map[string]any{}),
		res(typeCluster, "c", map[string]any{"name": "my-cluster", "version": "1.34"}),
	}}
	d := FromPlan(p)
	assert.Equal(t, 1, d.VPCs)
	assert.Equal(t, 2, d.EIPs)
	assert.Equal(t, map[string]int{"eu-west-1a": 2}, d.NATGatewaysByZone)
	assert.Equal(t, map[string]int{"vpc-new": 2, "vpc-existing": 1}, d.InterfaceEndpointsByVPC)
	assert.Equal(t, map[string]bool{"vpc-new": true}, d.NewVPCIDs)
	assert.Equal(t, []string{"fixed-role"}, d.RoleNames)
	assert.Equal(t, "my-cluster", d.ClusterName)
	assert.Equal(t, "1.34", d.KubernetesVersion)
	assert.Equal(t, []string{"eu-west-1a"}, d.Zones)
}
