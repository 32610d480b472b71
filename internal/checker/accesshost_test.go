package checker

import (
	"context"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/ec2"
	ec2types "github.com/aws/aws-sdk-go-v2/service/ec2/types"
	"github.com/aws/aws-sdk-go-v2/service/ecr"
	ecrtypes "github.com/aws/aws-sdk-go-v2/service/ecr/types"
	"github.com/aws/aws-sdk-go-v2/service/ssm"
	ssmtypes "github.com/aws/aws-sdk-go-v2/service/ssm/types"
	"github.com/aws/smithy-go"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/dominoeks/pulumi-dominoeks/internal/workloads"
)

// hostEC2 answers DescribeInstances with the instances given (or err).
type hostEC2 struct {
	EC2API
	instances []ec2types.Instance
	err       error
}

func (h hostEC2) DescribeInstances(context.Context, *ec2.DescribeInstancesInput, ...func(*ec2.Options)) (*ec2.DescribeInstancesOutput, error) {
	if h.err != nil {
		return nil, h.err
	}
	return &ec2.DescribeInstancesOutput{Reservations: []ec2types.Reservation{{Instances: h.instances}}}, nil
}

// deniedSSM refuses DescribeInstanceInformation.
type deniedSSM struct{}

func (deniedSSM) DescribeInstanceInformation(context.Context, *ssm.DescribeInstanceInformationInput, ...func(*ssm.Options)) (*ssm.DescribeInstanceInformationOutput, error) {
	return nil, &smithy.GenericAPIError{Code: "AccessDeniedException", Message: "not authorized to perform ssm:DescribeInstanceInformation"}
}

func TestAccessHostOnline(t *testing.T) {
	host := func(id string, state ec2types.InstanceStateName) ec2types.Instance {
		return ec2types.Instance{InstanceId: aws.String(id), State: &ec2types.InstanceState{Name: state}}
	}
	denied := &smithy.GenericAPIError{Code: "UnauthorizedOperation", Message: "not authorized"}
	tests := []struct {
		name     string
		ec2      hostEC2
		ssm      SSMAPI
		status   Status
		evidence string
	}{
		{"no access host", hostEC2{}, agentSSM{}, StatusPass, "not applicable: no instance tagged dominodatalab.com/access-host=domino"},
		{"online", hostEC2{instances: []ec2types.Instance{host("i-0a1b2c3d4e5f60718", ec2types.InstanceStateNameRunning)}},
			agentSSM{"i-0a1b2c3d4e5f60718": ssmtypes.PingStatusOnline}, StatusPass, "access host i-0a1b2c3d4e5f60718: PingStatus Online"},
		{"the running host is the one asked about", hostEC2{instances: []ec2types.Instance{
			host("i-00000000000000001", ec2types.InstanceStateNameStopped), host("i-0a1b2c3d4e5f60718", ec2types.InstanceStateNameRunning)}},
			agentSSM{"i-0a1b2c3d4e5f60718": ssmtypes.PingStatusOnline, "i-00000000000000001": ssmtypes.PingStatusConnectionLost}, StatusPass, "i-0a1b2c3d4e5f60718: PingStatus Online"},
		{"inactive", hostEC2{instances: []ec2types.Instance{host("i-0a1b2c3d4e5f60718", ec2types.InstanceStateNameRunning)}},
			agentSSM{"i-0a1b2c3d4e5f60718": ssmtypes.PingStatusInactive}, StatusFail, "PingStatus Inactive"},
		{"never registered", hostEC2{instances: []ec2types.Instance{host("i-0a1b2c3d4e5f60718", ec2types.InstanceStateNameRunning)}},
			agentSSM{"i-0ffffffffffffffff": ssmtypes.PingStatusOnline}, StatusFail, "not registered with Systems Manager"},
		{"stopped", hostEC2{instances: []ec2types.Instance{host("i-0a1b2c3d4e5f60718", ec2types.InstanceStateNameStopped)}},
			agentSSM{}, StatusFail, "access host i-0a1b2c3d4e5f60718 is stopped"},
		{"SSM denied: unknown", hostEC2{instances: []ec2types.Instance{host("i-0a1b2c3d4e5f60718", ec2types.InstanceStateNameRunning)}},
			deniedSSM{}, StatusWarn, "could not read its SSM agent status"},
		{"instances denied: unknown", hostEC2{err: denied}, agentSSM{}, StatusWarn, "could not read the access host"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := &runner{c: Clients{EC2: tt.ec2, SSM: tt.ssm}, opts: Options{Cluster: "domino"}}
			results, err := r.checkAccessHost(context.Background(), &state{})
			require.NoError(t, err)
			require.Len(t, results, 1)
			res := results[0]
			assert.Equal(t, CheckAccessHostOnline, res.ID)
			assert.Equal(t, tt.status, res.Status, res.Evidence)
			assert.Contains(t, res.Evidence, tt.evidence)
			if tt.status == StatusFail && tt.name != "stopped" {
				assert.Contains(t, res.Fix, "ssm, ssmmessages, ec2messages")
				assert.Contains(t, res.Fix, "AmazonSSMManagedInstanceCore")
			}
		})
	}
}

// deniedECR refuses DescribePullThroughCacheRules.
type deniedECR struct{ ECRAPI }

func (deniedECR) DescribePullThroughCacheRules(context.Context, *ecr.DescribePullThroughCacheRulesInput, ...func(*ecr.Options)) (*ecr.DescribePullThroughCacheRulesOutput, error) {
	return nil, &smithy.GenericAPIError{Code: "AccessDeniedException", Message: "not authorized to perform ecr:DescribePullThroughCacheRules"}
}

// Unreadable pull-through rules never conclude "no rule": the workload is
// unknown (WARN), not a gap, not "not applicable".
func TestPullThroughUnreadable(t *testing.T) {
	r := &runner{c: Clients{ECR: deniedECR{}}, opts: Options{Cluster: "domino"}}
	d := &workloads.Deployment{Cluster: "domino"}
	unk := unknowns{applies: map[string]string{}}
	require.NoError(t, r.livePullThrough(context.Background(), d, &unk))
	assert.Empty(t, d.PullThroughPrefixes)
	assert.Contains(t, unk.applies[workloads.IDImagePullThrough], "AccessDeniedException")

	var w workloads.Workload
	for _, e := range workloads.Table() {
		if e.ID == workloads.IDImagePullThrough {
			w = e
		}
	}
	noEgress := false
	d.NodeEgress = &noEgress
	var res workloads.Result
	for _, e := range workloads.Evaluate(d) {
		if e.ID == w.ID {
			res = e
		}
	}
	require.Equal(t, workloads.Gap, res.Status, "without the unknowns the missing rule is a gap")
	got := workloadResult("workload."+w.ID, w, liveResult(w, res, unk))
	assert.NotEqual(t, StatusPass, got.Status)
	assert.Contains(t, got.Evidence, "pull-through-cache-rule: could not read the ECR pull-through cache rules")
}

// Only the cluster's own rules (<cluster>-... or <cluster>/...) count.
func TestPullThroughOwnRules(t *testing.T) {
	rules := pullThroughECR{rules: fixture{}.pullThrough}
	rules.rules = append(rules.rules, ruleWithPrefix("domino-quay"), ruleWithPrefix("other-quay"), ruleWithPrefix("dominoes-quay"), ruleWithPrefix("domino/quay"))
	r := &runner{c: Clients{ECR: rules}, opts: Options{Cluster: "Domino"}}
	d := &workloads.Deployment{}
	unk := unknowns{applies: map[string]string{}}
	require.NoError(t, r.livePullThrough(context.Background(), d, &unk))
	assert.Equal(t, []string{"domino-quay", "domino/quay"}, d.PullThroughPrefixes, "the component's and Domino Terraform's prefixes")
	assert.Empty(t, unk.applies)
}

func ruleWithPrefix(prefix string) ecrtypes.PullThroughCacheRule {
	return ecrtypes.PullThroughCacheRule{EcrRepositoryPrefix: aws.String(prefix), UpstreamRegistryUrl: aws.String("quay.io")}
}
