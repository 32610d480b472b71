package preflight

import (
	"context"
	"errors"
	"fmt"
	"os/exec"
	"slices"
	"strings"

	"github.com/dominoeks/pulumi-dominoeks/internal/awsfacts"
	"github.com/dominoeks/pulumi-dominoeks/internal/checker"
)

const (
	pluginTitle       = "Session Manager plugin on PATH (dominoeks tunnel opens the port forward with it)"
	ssmPathTitle      = "The access host reaches Systems Manager: NAT or the ssm, ssmmessages and ec2messages endpoints"
	hostOfferedTitle  = "The access host's instance type is offered in its subnet's zone"
	noAccessHost      = "not applicable: the plan has no access host (accessHost off)"
	pluginFix         = "install the Session Manager plugin for the AWS CLI where you run dominoeks tunnel: " + awsfacts.SessionManagerPluginInstallURL
	ssmPathFixNoRoute = "give the host a NAT route (natMode per-az or single) or the ssm, ssmmessages and ec2messages interface endpoints (natMode none with vpcEndpoints on plans them)"
)

// checkAccessPath checks what the planned access host needs to be reached:
// the Session Manager plugin on this machine and a route from the host to
// Systems Manager. The host's instance type offering is checked with the
// node groups' (checkZonesAndOfferings).
func (r *runner) checkAccessPath(ctx context.Context) ([]checker.Result, error) {
	if r.d.AccessHost == nil {
		return []checker.Result{pass(CheckSessionManagerPlugin, pluginTitle, noAccessHost), pass(CheckAccessSSMPath, ssmPathTitle, noAccessHost)}, nil
	}
	return []checker.Result{r.checkPlugin(ctx), r.checkSSMPath()}, nil
}

// checkPlugin looks for session-manager-plugin on PATH and reports its version.
func (r *runner) checkPlugin(ctx context.Context) checker.Result {
	out, err := r.opts.Tools.Run(ctx, awsfacts.SessionManagerPlugin, "--version")
	switch {
	case errors.Is(err, exec.ErrNotFound):
		return fail(CheckSessionManagerPlugin, pluginTitle, awsfacts.SessionManagerPlugin+" not found on PATH", pluginFix)
	case err != nil:
		return fail(CheckSessionManagerPlugin, pluginTitle,
			fmt.Sprintf("`%s --version` failed: %v (%q)", awsfacts.SessionManagerPlugin, err, firstLine(out)), pluginFix)
	}
	return pass(CheckSessionManagerPlugin, pluginTitle, fmt.Sprintf("%s %s", awsfacts.SessionManagerPlugin, firstLine(out)))
}

// checkSSMPath: the SSM agent registers and relays sessions over outbound
// HTTPS, through NAT or the Systems Manager interface endpoints (Systems
// Manager user guide, "Improve the security of EC2 instances by using VPC
// endpoints for Systems Manager"; awsfacts.SSMEndpoints).
func (r *runner) checkSSMPath() checker.Result {
	h := r.d.AccessHost
	if n := r.d.NATGateways(); n > 0 {
		return pass(CheckAccessSSMPath, ssmPathTitle, fmt.Sprintf("%d NAT gateway(s) planned: the host reaches Systems Manager through NAT", n))
	}
	var missing []string
	for _, svc := range awsfacts.SSMEndpoints {
		if !slices.Contains(h.SSMEndpoints, svc) {
			missing = append(missing, svc)
		}
	}
	if len(missing) == 0 {
		return pass(CheckAccessSSMPath, ssmPathTitle, "no NAT; interface endpoints planned in "+r.where(h)+": "+strings.Join(h.SSMEndpoints, ", "))
	}
	if h.VPCID == "" {
		return warn(CheckAccessSSMPath, ssmPathTitle,
			fmt.Sprintf("the access host's subnet %s is not created by the plan and no NAT gateway is planned: its route to Systems Manager is not known", h.SubnetID),
			"make sure subnet "+h.SubnetID+" has a NAT route or the VPC has the ssm, ssmmessages and ec2messages interface endpoints with private DNS")
	}
	return fail(CheckAccessSSMPath, ssmPathTitle,
		fmt.Sprintf("no NAT gateway and no interface endpoint for %s planned in %s: the SSM agent cannot register, so no session reaches the host",
			strings.Join(missing, ", "), r.where(h)), ssmPathFixNoRoute)
}

// hostOffering words the access host's offering; lookupErr is the answered
// error of the lookup, if any.
func (r *runner) hostOffering(ps []placement, offered map[string]bool, lookupErr error) checker.Result {
	h := r.d.AccessHost
	switch {
	case h == nil:
		return pass(CheckAccessHostOffered, hostOfferedTitle, noAccessHost)
	case len(ps) == 0:
		return warn(CheckAccessHostOffered, hostOfferedTitle,
			fmt.Sprintf("the zone of the access host's subnet %s is not known from the plan (an existing subnet)", h.SubnetID),
			"check: aws ec2 describe-instance-type-offerings --location-type availability-zone --filters Name=instance-type,Values="+h.InstanceType)
	case lookupErr != nil:
		return warn(CheckAccessHostOffered, hostOfferedTitle, "DescribeInstanceTypeOfferings: "+errCode(lookupErr), "grant ec2:DescribeInstanceTypeOfferings")
	}
	if missing, _ := missingOfferings(ps, offered); len(missing) > 0 {
		return fail(CheckAccessHostOffered, hostOfferedTitle, strings.Join(missing, "; "),
			"set accessHostInstanceType to a type offered in "+h.Zone+" (aws ec2 describe-instance-type-offerings --location-type availability-zone --filters Name=location,Values="+h.Zone+")")
	}
	return pass(CheckAccessHostOffered, hostOfferedTitle, fmt.Sprintf("%s offered in %s", h.InstanceType, h.Zone))
}

// where names the host's VPC for evidence.
func (r *runner) where(h *AccessHost) string {
	if r.d.NewVPCIDs[h.VPCID] {
		return "the new VPC"
	}
	return "VPC " + h.VPCID
}
