package checker

import (
	"context"
	"fmt"
	"strings"

	"github.com/dominoeks/pulumi-dominoeks/internal/scheduling"
	"github.com/dominoeks/pulumi-dominoeks/internal/workloads"
	appsv1 "k8s.io/api/apps/v1"
	corev1 "k8s.io/api/core/v1"
	apierrors "k8s.io/apimachinery/pkg/api/errors"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
)

const (
	schedulingClassesTitle    = "Every Domino pod class has a node group in each zone it must run in"
	schedulingDaemonSetsTitle = "Every DaemonSet runs on the node groups it must serve"
)

// liveDaemonSets locates the table's DaemonSets in the cluster, so that
// their real selectors, tolerations and requests are judged.
var liveDaemonSets = map[string]struct{ namespace, name string }{
	"aws-node":     {"kube-system", "aws-node"},
	"kube-proxy":   {"kube-system", "kube-proxy"},
	"ebs-csi-node": {"kube-system", "ebs-csi-node"},
	// The tigera-operator's DaemonSets (awsfacts.CalicoSystemNamespace).
	"calico-node":     {"calico-system", "calico-node"},
	"csi-node-driver": {"calico-system", "csi-node-driver"},
}

// checkScheduling asks the scheduling model (internal/scheduling) the
// plan's question of the live cluster: the node groups as DescribeNodegroup
// and their Auto Scaling groups' tags describe them, and — with
// --kubeconfig — the DaemonSets as they really are.
func (r *runner) checkScheduling(ctx context.Context, d *workloads.Deployment) ([]Result, error) {
	c := scheduling.FromDeployment(d)
	if len(c.Groups) == 0 {
		ev := "skipped: no Domino node group found"
		return []Result{warn(CheckSchedulingClasses, schedulingClassesTitle, ev, "see "+CheckPlatformPool),
			warn(CheckSchedulingDaemonSets, schedulingDaemonSetsTitle, ev, "see "+CheckPlatformPool)}, nil
	}
	source := "the table's DaemonSets (pass --kubeconfig to judge the cluster's own)"
	if r.c.Kube != nil {
		ds, read, err := r.readDaemonSets(ctx, c)
		if err != nil {
			return nil, err
		}
		c.DaemonSets = ds
		source = "the cluster's DaemonSets " + strings.Join(read, ", ") + " and the table's others"
	}
	report := scheduling.Evaluate(c)
	var classGaps, dsGaps, classWarn, dsWarn []string
	for _, f := range report.Gaps {
		if strings.HasPrefix(f.Subject, "daemonset/") {
			dsGaps = append(dsGaps, f.Problem)
		} else {
			classGaps = append(classGaps, f.Problem)
		}
	}
	for _, f := range report.Warnings {
		if strings.HasPrefix(f.Subject, "daemonset/") {
			dsWarn = append(dsWarn, f.Problem)
		} else {
			classWarn = append(classWarn, f.Problem)
		}
	}
	placed := 0
	for _, p := range report.Placements {
		if p.NodeGroup != "" {
			placed++
		}
	}
	classEv := fmt.Sprintf("%d of %d class/zone placements found, templates as %s build them", placed, len(report.Placements),
		strings.Join(report.Autoscaler, "; "))
	fix := "remove the taint or add the label the class needs, or give the node group a node in the zone (minSize 1); " +
		"a group at size 0 must carry no taint Domino's pods do not tolerate"
	return []Result{
		schedulingResult(CheckSchedulingClasses, schedulingClassesTitle, classEv, classGaps, classWarn, fix),
		schedulingResult(CheckSchedulingDaemonSets, schedulingDaemonSetsTitle, "judged with "+source, dsGaps, dsWarn,
			"add the node group's taints to the DaemonSet's tolerations, or remove them from the node group"),
	}, nil
}

func schedulingResult(id, title, ev string, gaps, warnings []string, fix string) Result {
	switch {
	case len(gaps) > 0:
		return fail(id, title, strings.Join(append(gaps, warnings...), "; "), fix)
	case len(warnings) > 0:
		return warn(id, title, strings.Join(warnings, "; "), fix)
	}
	return pass(id, title, ev)
}

// readDaemonSets returns the table's DaemonSets with the pod templates of
// those the cluster runs replacing the table's selectors, tolerations and
// requests; read names the ones found.
func (r *runner) readDaemonSets(ctx context.Context, c scheduling.Cluster) (out []scheduling.DaemonSet, read []string, err error) {
	for _, ds := range scheduling.DaemonSetsFor(c) {
		at, known := liveDaemonSets[ds.ID]
		if !known {
			out = append(out, ds)
			continue
		}
		r.progress("get DaemonSet " + at.namespace + "/" + at.name)
		live, err := r.c.Kube.AppsV1().DaemonSets(at.namespace).Get(ctx, at.name, metav1.GetOptions{})
		switch {
		case apierrors.IsNotFound(err):
			out = append(out, ds)
			continue
		case err != nil:
			return nil, nil, fmt.Errorf("get DaemonSet %s/%s: %w", at.namespace, at.name, err)
		}
		out = append(out, withTemplate(ds, live))
		read = append(read, at.namespace+"/"+at.name)
	}
	return out, read, nil
}

// withTemplate is the table's DaemonSet judged by the live pod template.
func withTemplate(ds scheduling.DaemonSet, live *appsv1.DaemonSet) scheduling.DaemonSet {
	spec := live.Spec.Template.Spec
	ds.NodeSelector, ds.Affinity, ds.Tolerations = spec.NodeSelector, spec.Affinity, spec.Tolerations
	var requests []corev1.ResourceList
	for _, c := range spec.Containers {
		requests = append(requests, c.Resources.Requests)
	}
	ds.Requests = scheduling.SumRequests(requests...)
	return ds
}
