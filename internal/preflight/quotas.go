package preflight

import (
	"context"
	"fmt"
	"strings"

	"github.com/dominoeks/pulumi-dominoeks/internal/awsfacts"
	"github.com/dominoeks/pulumi-dominoeks/internal/checker"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/servicequotas"
)

// Quota is one Service Quotas quota the pre-flight compares against.
type Quota struct {
	// Service is the Service Quotas service code ("ec2", "vpc").
	Service string
	// Code is the quota code, e.g. "L-1216C47A".
	Code string
	// Name is the quota's name as the console shows it.
	Name string
	// Default is the value assumed when neither the applied nor the AWS
	// default value can be read (the check then WARNs).
	Default float64
}

// Network quotas. Codes: https://docs.aws.amazon.com/vpc/latest/userguide/amazon-vpc-limits.html
// and https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/elastic-ip-addresses-eip.html#using-instance-addressing-limit
var (
	QuotaEIPs               = Quota{"ec2", "L-0263D0A3", "EC2-VPC Elastic IPs", 5}
	QuotaVPCs               = Quota{"vpc", "L-F678F1CE", "VPCs per Region", 5}
	QuotaNATPerAZ           = Quota{"vpc", "L-FE5A380F", "NAT gateways per Availability Zone", 5}
	QuotaInterfaceEndpoints = Quota{"vpc", "L-29B6F2EB", "Interface VPC endpoints per VPC", 50}
)

// EKS quotas on managed node groups: the entries of the awsfacts table the
// plan's quota warnings read, compared here with the account's applied values.
var (
	QuotaNodeGroupsPerCluster = quotaOf(awsfacts.EKSManagedNodeGroupsPerCluster)
	QuotaNodesPerNodeGroup    = quotaOf(awsfacts.EKSNodesPerManagedNodeGroup)
)

// quotaOf is the pre-flight's view of a quota of the awsfacts table.
func quotaOf(q awsfacts.ServiceQuota) Quota {
	return Quota{Service: q.Service, Code: q.Code, Name: q.Name, Default: float64(q.Default)}
}

// Family is a vCPU quota family: EC2 counts running instances' vCPUs per
// family of instance types, separately for On-Demand and Spot
// (https://docs.aws.amazon.com/ec2/latest/instancetypes/ec2-instance-quotas.html).
type Family struct {
	// Key is the short stable name used in check IDs ("standard", "g-vt", ...).
	Key string
	// Label describes the family ("Standard (A, C, D, H, I, M, R, T, Z)").
	Label string
	// Spot is true for the Spot Instance Requests family.
	Spot bool
	// Quota is the family's vCPU quota.
	Quota Quota
}

// CheckID is the family's check identifier, e.g. "quota.vcpu.standard" or
// "quota.vcpu.spot-standard".
func (f Family) CheckID() string {
	if f.Spot {
		return "quota.vcpu.spot-" + f.Key
	}
	return "quota.vcpu." + f.Key
}

// vCPU families by the letters of an instance type before its generation
// digit ("m" for m5.2xlarge, "inf" for inf2.xlarge). Defaults are the
// values the Service Quotas console lists for a new account.
var (
	onDemandFamilies = map[string]Family{
		"standard": {Key: "standard", Label: "Running On-Demand Standard (A, C, D, H, I, M, R, T, Z)", Quota: Quota{"ec2", "L-1216C47A", "Running On-Demand Standard (A, C, D, H, I, M, R, T, Z) instances", 5}},
		"g-vt":     {Key: "g-vt", Label: "Running On-Demand G and VT", Quota: Quota{"ec2", "L-DB2E81BA", "Running On-Demand G and VT instances", 0}},
		"p":        {Key: "p", Label: "Running On-Demand P", Quota: Quota{"ec2", "L-417A185B", "Running On-Demand P instances", 0}},
		"inf":      {Key: "inf", Label: "Running On-Demand Inf", Quota: Quota{"ec2", "L-1945791B", "Running On-Demand Inf instances", 0}},
		"f":        {Key: "f", Label: "Running On-Demand F", Quota: Quota{"ec2", "L-74FC7D96", "Running On-Demand F instances", 0}},
		"x":        {Key: "x", Label: "Running On-Demand X", Quota: Quota{"ec2", "L-7295265B", "Running On-Demand X instances", 0}},
	}
	spotFamilies = map[string]Family{
		"standard": {Key: "standard", Spot: true, Label: "All Standard (A, C, D, H, I, M, R, T, Z) Spot", Quota: Quota{"ec2", "L-34B43A08", "All Standard (A, C, D, H, I, M, R, T, Z) Spot Instance Requests", 5}},
		"g-vt":     {Key: "g-vt", Spot: true, Label: "All G and VT Spot", Quota: Quota{"ec2", "L-3819A6DF", "All G and VT Spot Instance Requests", 0}},
		"p":        {Key: "p", Spot: true, Label: "All P Spot", Quota: Quota{"ec2", "L-7212CCBC", "All P Spot Instance Requests", 0}},
	}
	// familyOfPrefix maps instance type prefixes to family keys.
	familyOfPrefix = map[string]string{
		"a": "standard", "c": "standard", "d": "standard", "h": "standard", "i": "standard",
		"m": "standard", "r": "standard", "t": "standard", "z": "standard",
		"im": "standard", "is": "standard", // im4gn, is4gen: storage-optimised I family
		"g": "g-vt", "vt": "g-vt",
		"p": "p", "inf": "inf", "f": "f", "x": "x",
	}
)

// FamilyOf returns the vCPU quota family of an instance type for the capacity
// type (ON_DEMAND or SPOT); ok is false for types outside the known families
// (trn, dl, u-, hpc, mac, ...).
func FamilyOf(instanceType string, spot bool) (Family, bool) {
	prefix := instanceType
	if i := strings.IndexAny(instanceType, "0123456789.-"); i >= 0 {
		prefix = instanceType[:i]
	}
	key, ok := familyOfPrefix[strings.ToLower(prefix)]
	if !ok {
		return Family{}, false
	}
	if spot {
		f, ok := spotFamilies[key]
		return f, ok
	}
	return onDemandFamilies[key], true
}

// quotaValue is a quota's value and where it came from.
type quotaValue struct {
	value float64
	// source is "applied", "AWS default" or "built-in default".
	source string
	// caveat explains a value that could not be read from the account; the
	// check WARNs unless it fails anyway.
	caveat string
}

func (q quotaValue) String() string {
	return fmt.Sprintf("%g (%s)", q.value, q.source)
}

// lookupQuota reads the applied value of q, falling back to the AWS default
// (GetAWSDefaultServiceQuota) and then to q.Default. A caveat is set when the
// applied value could not be read for any reason other than "not set".
func (r *runner) lookupQuota(ctx context.Context, q Quota) (quotaValue, error) {
	out, err := r.c.Quotas.GetServiceQuota(ctx, &servicequotas.GetServiceQuotaInput{ServiceCode: aws.String(q.Service), QuotaCode: aws.String(q.Code)})
	if err == nil && out.Quota != nil && out.Quota.Value != nil {
		return quotaValue{value: *out.Quota.Value, source: "applied"}, nil
	}
	if err != nil && !answered(err) {
		return quotaValue{}, fmt.Errorf("read quota %s/%s: %w", q.Service, q.Code, err)
	}
	var caveat string
	if err != nil && checker.APIErrorCode(err) != "NoSuchResourceException" {
		caveat = fmt.Sprintf("applied quota %s unreadable (%s)", q.Code, errCode(err))
	}
	def, derr := r.c.Quotas.GetAWSDefaultServiceQuota(ctx, &servicequotas.GetAWSDefaultServiceQuotaInput{ServiceCode: aws.String(q.Service), QuotaCode: aws.String(q.Code)})
	if derr == nil && def.Quota != nil && def.Quota.Value != nil {
		return quotaValue{value: *def.Quota.Value, source: "AWS default", caveat: caveat}, nil
	}
	if derr != nil && !answered(derr) {
		return quotaValue{}, fmt.Errorf("read default quota %s/%s: %w", q.Service, q.Code, derr)
	}
	code := "no value"
	if derr != nil {
		code = errCode(derr)
	}
	return quotaValue{
		value:  q.Default,
		source: "built-in default",
		caveat: fmt.Sprintf("quota %s unreadable through Service Quotas (%s); assumed the new-account default %g", q.Code, code, q.Default),
	}, nil
}

// quotaFix is the usual remedy for a quota shortfall.
func quotaFix(q Quota, need float64) string {
	return fmt.Sprintf("request an increase of %q (%s %s) to at least %g: aws service-quotas request-service-quota-increase --service-code %s --quota-code %s --desired-value %g",
		q.Name, q.Service, q.Code, need, q.Service, q.Code, need)
}
