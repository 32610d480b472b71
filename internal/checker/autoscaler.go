package checker

import (
	"context"
	"fmt"
	"maps"
	"slices"
	"strings"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/autoscaling"
)

// Cluster-autoscaler tag keys.
const (
	tagAutoscalerEnabled = "k8s.io/cluster-autoscaler/enabled"
	tagAutoscalerPrefix  = "k8s.io/cluster-autoscaler/"
	tagNodeTemplateLabel = "k8s.io/cluster-autoscaler/node-template/label/"
)

// describeASGBatch is how many Auto Scaling group names are sent per call.
const describeASGBatch = 50

func (r *runner) checkAutoscalerTags(ctx context.Context, st *state) ([]Result, error) {
	const (
		id    = CheckAutoscalerTags
		title = "Cluster-autoscaler tags on the node groups' Auto Scaling groups"
	)
	fix := fmt.Sprintf("tag each Auto Scaling group with %s=true, %s%s=owned and %s<key>=<value> for every node label (propagate_at_launch not needed)",
		tagAutoscalerEnabled, tagAutoscalerPrefix, r.opts.Cluster, tagNodeTemplateLabel)
	groups := st.dominoGroups()
	if len(groups) == 0 {
		return []Result{warn(id, title, "skipped: no node group carries a "+LabelNodePool+" label", "see "+CheckPlatformPool)}, nil
	}
	var names []string
	for _, g := range groups {
		names = append(names, g.ASGs...)
	}
	tags, err := r.asgTags(ctx, names)
	if err != nil {
		return nil, err
	}
	var problems []string
	checked := 0
	for _, g := range groups {
		if len(g.ASGs) == 0 {
			problems = append(problems, g.Name+": EKS reports no Auto Scaling group")
			continue
		}
		want := map[string]string{
			tagAutoscalerEnabled:                 "true",
			tagAutoscalerPrefix + r.opts.Cluster: "owned",
		}
		for k, v := range g.Labels {
			want[tagNodeTemplateLabel+k] = v
		}
		for _, asg := range g.ASGs {
			have, ok := tags[asg]
			if !ok {
				problems = append(problems, fmt.Sprintf("%s: Auto Scaling group %s not found", g.Name, asg))
				continue
			}
			checked++
			var missing []string
			for _, k := range slices.Sorted(maps.Keys(want)) {
				v, ok := have[k]
				switch {
				case !ok:
					missing = append(missing, fmt.Sprintf("%s=%s missing", k, want[k]))
				case !strings.EqualFold(v, want[k]):
					missing = append(missing, fmt.Sprintf("%s is %q, want %q", k, v, want[k]))
				}
			}
			if len(missing) > 0 {
				problems = append(problems, fmt.Sprintf("%s (ASG %s): %s", g.Name, asg, strings.Join(missing, ", ")))
			}
		}
	}
	if len(problems) > 0 {
		return []Result{fail(id, title, strings.Join(problems, "; "), fix)}, nil
	}
	return []Result{pass(id, title, fmt.Sprintf("%d Auto Scaling group(s) of %d node group(s) carry the enabled, owned and node-template label tags", checked, len(groups)))}, nil
}

// asgTags returns the tags of the named Auto Scaling groups that exist.
func (r *runner) asgTags(ctx context.Context, names []string) (map[string]map[string]string, error) {
	out := map[string]map[string]string{}
	for start := 0; start < len(names); start += describeASGBatch {
		batch := names[start:min(start+describeASGBatch, len(names))]
		p := autoscaling.NewDescribeAutoScalingGroupsPaginator(r.c.AutoScaling, &autoscaling.DescribeAutoScalingGroupsInput{
			AutoScalingGroupNames: batch,
		})
		for p.HasMorePages() {
			page, err := p.NextPage(ctx)
			if err != nil {
				return nil, fmt.Errorf("describe Auto Scaling groups %s: %w", strings.Join(batch, ", "), err)
			}
			for _, g := range page.AutoScalingGroups {
				tags := map[string]string{}
				for _, t := range g.Tags {
					tags[aws.ToString(t.Key)] = aws.ToString(t.Value)
				}
				out[aws.ToString(g.AutoScalingGroupName)] = tags
			}
		}
	}
	return out, nil
}
