package checker

import (
	"context"
	"fmt"
	"slices"
	"strings"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/ec2"
	ec2types "github.com/aws/aws-sdk-go-v2/service/ec2/types"
	"github.com/aws/aws-sdk-go-v2/service/iam"
	"github.com/aws/aws-sdk-go-v2/service/ssm"
	ssmtypes "github.com/aws/aws-sdk-go-v2/service/ssm/types"

	"github.com/dominoeks/pulumi-dominoeks/internal/awsfacts"
	"github.com/dominoeks/pulumi-dominoeks/internal/workloads"
)

const accessHostTitle = "The access host's SSM agent is online (dominoeks tunnel reaches the private API through it)"

// accessHostFix: what an SSM agent needs to come online. Sources: Systems
// Manager user guide, "Improve the security of EC2 instances by using VPC
// endpoints for Systems Manager" and "Configure instance permissions
// required for Systems Manager".
var accessHostFix = "the SSM agent registers over outbound HTTPS: give the host's subnet a NAT route or the " +
	strings.Join(awsfacts.SSMEndpoints, ", ") + " interface endpoints with private DNS, and its instance profile role " +
	"AmazonSSMManagedInstanceCore (ssm:UpdateInstanceInformation, ssmmessages:*); the agent retries on its own, or reboot the host"

// accessHostFacts is what the checker found about the cluster's access host.
type accessHostFacts struct {
	// instance is the access host; nil when none exists or unread is set.
	instance *ec2types.Instance
	// unread says why the instances could not be listed.
	unread string
	// roleARN is its instance profile's role ("" without a profile or role);
	// profileUnread says why the profile could not be read.
	roleARN, profileUnread string
}

// accessHostStates are the states of an instance that still exists.
var accessHostStates = []string{"pending", "running", "stopping", "stopped"}

// gatherAccessHost finds the instance tagged
// dominodatalab.com/access-host=<cluster> (the running one first) and the
// role of its instance profile.
func (r *runner) gatherAccessHost(ctx context.Context, st *state) error {
	r.progress("describe the access host")
	var found []ec2types.Instance
	p := ec2.NewDescribeInstancesPaginator(r.c.EC2, &ec2.DescribeInstancesInput{Filters: []ec2types.Filter{
		{Name: aws.String("tag:" + workloads.AccessHostTag), Values: []string{r.opts.Cluster}},
		{Name: aws.String("instance-state-name"), Values: accessHostStates},
	}})
	for p.HasMorePages() {
		page, err := p.NextPage(ctx)
		if optionalAPIError(err) {
			st.accessHost.unread = unreadReason(err)
			return nil
		}
		if err != nil {
			return fmt.Errorf("describe the access host (instances tagged %s=%s): %w", workloads.AccessHostTag, r.opts.Cluster, err)
		}
		for _, res := range page.Reservations {
			found = append(found, res.Instances...)
		}
	}
	if len(found) == 0 {
		return nil
	}
	slices.SortStableFunc(found, func(a, b ec2types.Instance) int {
		ra, rb := running(a), running(b)
		switch {
		case ra && !rb:
			return -1
		case rb && !ra:
			return 1
		}
		return strings.Compare(aws.ToString(a.InstanceId), aws.ToString(b.InstanceId))
	})
	st.accessHost.instance = &found[0]
	prof := found[0].IamInstanceProfile
	if prof == nil || aws.ToString(prof.Arn) == "" {
		return nil
	}
	name := roleNameFromARN(aws.ToString(prof.Arn)) // instance-profile/<path>/<name>: the last segment
	out, err := r.c.IAM.GetInstanceProfile(ctx, &iam.GetInstanceProfileInput{InstanceProfileName: aws.String(name)})
	switch {
	case APIErrorCode(err) == "NoSuchEntity":
		return nil
	case optionalAPIError(err):
		st.accessHost.profileUnread = unreadReason(err)
		return nil
	case err != nil:
		return fmt.Errorf("get instance profile %q of the access host: %w", name, err)
	}
	if roles := out.InstanceProfile.Roles; len(roles) > 0 {
		st.accessHost.roleARN = aws.ToString(roles[0].Arn)
	}
	return nil
}

func running(i ec2types.Instance) bool {
	return i.State != nil && i.State.Name == ec2types.InstanceStateNameRunning
}

// checkAccessHost reports whether the access host's SSM agent is online:
// Systems Manager DescribeInstanceInformation's PingStatus (Online,
// ConnectionLost, Inactive; an instance that never registered is absent).
// Source: Systems Manager API reference, "InstanceInformation".
func (r *runner) checkAccessHost(ctx context.Context, st *state) ([]Result, error) {
	const id = CheckAccessHostOnline
	if err := r.gatherAccessHost(ctx, st); err != nil {
		return nil, err
	}
	h := st.accessHost
	switch {
	case h.unread != "":
		return []Result{warn(id, accessHostTitle, "could not read the access host: "+h.unread, "grant ec2:DescribeInstances")}, nil
	case h.instance == nil:
		return []Result{pass(id, accessHostTitle, fmt.Sprintf("not applicable: no instance tagged %s=%s (accessHost off)", workloads.AccessHostTag, r.opts.Cluster))}, nil
	}
	inst := aws.ToString(h.instance.InstanceId)
	if !running(*h.instance) {
		return []Result{fail(id, accessHostTitle, fmt.Sprintf("access host %s is %s", inst, h.instance.State.Name),
			"start it: aws ec2 start-instances --instance-ids "+inst)}, nil
	}
	if r.c.SSM == nil {
		return []Result{warn(id, accessHostTitle, "access host "+inst+" is running; Systems Manager was not queried", "run the check with a Systems Manager client")}, nil
	}
	r.progress("describe instance information of " + inst)
	out, err := r.c.SSM.DescribeInstanceInformation(ctx, &ssm.DescribeInstanceInformationInput{
		Filters: []ssmtypes.InstanceInformationStringFilter{{Key: aws.String("InstanceIds"), Values: []string{inst}}},
	})
	if optionalAPIError(err) {
		return []Result{warn(id, accessHostTitle, "access host "+inst+" is running; could not read its SSM agent status: "+unreadReason(err),
			"grant ssm:DescribeInstanceInformation")}, nil
	}
	if err != nil {
		return nil, fmt.Errorf("describe SSM instance information of the access host %s: %w", inst, err)
	}
	for _, info := range out.InstanceInformationList {
		if aws.ToString(info.InstanceId) != inst {
			continue
		}
		ev := fmt.Sprintf("access host %s: PingStatus %s", inst, info.PingStatus)
		if info.LastPingDateTime != nil {
			ev += ", last ping " + info.LastPingDateTime.UTC().Format("2006-01-02 15:04:05Z")
		}
		if v := aws.ToString(info.AgentVersion); v != "" {
			ev += ", agent " + v
		}
		if info.PingStatus == ssmtypes.PingStatusOnline {
			return []Result{pass(id, accessHostTitle, ev)}, nil
		}
		return []Result{fail(id, accessHostTitle, ev, accessHostFix)}, nil
	}
	return []Result{fail(id, accessHostTitle, "access host "+inst+" is running but not registered with Systems Manager", accessHostFix)}, nil
}

// liveAccessHost puts the access host and its role into the deployment the
// workload table is evaluated against.
func (r *runner) liveAccessHost(ctx context.Context, st *state, d *workloads.Deployment, unk *unknowns) error {
	h := st.accessHost
	switch {
	case h.unread != "":
		unk.applies[workloads.IDAccessHost] = "could not read the access host: " + h.unread
		return nil
	case h.instance == nil:
		return nil
	case h.profileUnread != "":
		unk.applies[workloads.IDAccessHost] = "could not read the access host's instance profile: " + h.profileUnread
		return nil
	}
	d.AccessHost = true
	if h.roleARN == "" {
		return nil
	}
	role, err := r.liveRole(ctx, h.roleARN)
	if err != nil {
		return err
	}
	d.AccessHostRole = role
	return nil
}
