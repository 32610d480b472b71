package plan

import (
	"errors"
	"fmt"
	"strings"

	"github.com/dominoeks/pulumi-dominoeks/domino"
	"github.com/dominoeks/pulumi-dominoeks/internal/preview"
)

// cause explains a violation of an AWS rule by the setting that breaks it,
// or returns nil when the configuration does not explain it (then the
// violation is the component's own bug).
type cause func(c causeInput, v preview.Violation) *domino.FieldError

// causeInput is the configuration a cause reads.
type causeInput struct {
	args domino.DominoEKSArgs
	// name is the component name (dominoeks:name).
	name string
	// groups maps node group logical names to their pools.
	groups map[string]domino.NodeGroupOrigin
}

// settingCauses are the engine rules (internal/preview, each citing its
// source) a configuration setting can break, with the setting that breaks
// it. A violation caused by a setting is a configuration mistake: `dominoeks
// plan` exits 2 naming the field, its value and the fix.
var settingCauses = map[string]cause{
	"private-subnet-egress":         endpointsOff,
	"ssm-managed-private-endpoints": endpointsOff,
	"gpu-ami-type":                  gpuOff,
	"logs-log-group-exists":         flowLogGroupHeld,
	"workload:image-pull-through":   pullThroughOff,
}

// pullThroughOff: natMode none with ecrPullThroughCache false leaves nodes
// no way to public quay.io images (no NAT, no cache rule).
func pullThroughOff(c causeInput, v preview.Violation) *domino.FieldError {
	a := c.args
	if a.NatMode != domino.NatNone || a.EcrPullThroughCache == nil || *a.EcrPullThroughCache || !strings.Contains(v.Problem, "pull-through-cache-rule") {
		return nil
	}
	return &domino.FieldError{Field: "ecrPullThroughCache", Value: false,
		Problem: "with natMode none the nodes have no Internet egress, so without the quay.io pull-through cache its public images cannot be pulled: " + refusal(v),
		Fix:     "leave ecrPullThroughCache unset (natMode none turns it on), or set natMode to single or per-az"}
}

// endpointsOff: natMode none with vpcEndpoints false leaves the private
// subnets without a way to ECR, S3, EC2, STS and Systems Manager.
func endpointsOff(c causeInput, v preview.Violation) *domino.FieldError {
	a := c.args
	if a.NatMode != domino.NatNone || a.VpcEndpoints == nil || *a.VpcEndpoints || a.VpcId != nil {
		return nil
	}
	return &domino.FieldError{Field: "vpcEndpoints", Value: false,
		Problem: "with natMode none the private subnets have no NAT route, so without VPC endpoints " + refusal(v),
		Fix:     "leave vpcEndpoints unset (natMode none then creates the endpoints), or set natMode to single or per-az"}
}

// gpuOff: a pool written gpu false whose instance types have NVIDIA GPUs
// gets the standard AMI type, which has no NVIDIA driver.
func gpuOff(c causeInput, v preview.Violation) *domino.FieldError {
	o, ok := c.groups[urnName(v.URN)]
	if !ok || o.Written.GPU == nil || *o.Written.GPU {
		return nil
	}
	return &domino.FieldError{Field: o.Field + ".gpu", Value: false,
		Problem: refusal(v),
		Fix:     "leave gpu unset (it follows the instance types) or set it true, or use instance types without GPUs"}
}

// flowLogGroupHeld: the flow-log group is named after the cluster and not
// retained by a destroy, so the account holds it only for another
// deployment of the same cluster name.
func flowLogGroupHeld(c causeInput, v preview.Violation) *domino.FieldError {
	cluster := c.args.ClusterName
	if cluster == "" {
		cluster = c.name
	}
	group := domino.FlowLogGroupName(cluster)
	if !strings.Contains(v.Problem, fmt.Sprintf("%q", group)) {
		return nil
	}
	return &domino.FieldError{Field: "clusterName", Value: cluster,
		Problem: fmt.Sprintf("names the VPC flow-log group %s, which the account already holds (another deployment of that cluster name?): %s", group, refusal(v)),
		Fix:     "set clusterName to a name no other deployment in the account uses, set flowLogs false, or delete the log group (aws logs delete-log-group --log-group-name " + group + ")"}
}

// refusal says what AWS would refuse and why, with the rule and its source.
func refusal(v preview.Violation) string {
	return fmt.Sprintf("AWS would refuse %s: %s [rule %s, source: %s]", urnName(v.URN), v.Problem, v.Rule, v.Source)
}

// explainViolations turns a *preview.ViolationError inside err whose every
// violation a setting explains into a *ConfigError naming the settings
// (once each); otherwise it returns err unchanged: a violation no setting
// explains is the component's own.
func explainViolations(err error, in causeInput) error {
	var ve *preview.ViolationError
	if !errors.As(err, &ve) || len(ve.Violations) == 0 {
		return err
	}
	var problems []*domino.FieldError
	seen := map[string]bool{}
	for _, v := range ve.Violations {
		explain, ok := settingCauses[v.Rule]
		if !ok {
			return err
		}
		fe := explain(in, v)
		if fe == nil {
			return err
		}
		if key := fe.Field + "\x00" + v.Rule; !seen[key] {
			seen[key] = true
			problems = append(problems, fe)
		}
	}
	return &ConfigError{Err: &domino.ValidationError{Problems: problems}}
}
