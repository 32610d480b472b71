package workloads

import (
	"github.com/dominoeks/pulumi-dominoeks/internal/awsfacts"
	"github.com/dominoeks/pulumi-dominoeks/internal/kubesetup"
	"github.com/dominoeks/pulumi-dominoeks/internal/preview"
)

// tHelmRelease is the type of a Helm release created through the API.
const tHelmRelease = "kubernetes:helm.sh/v3:Release"

// planCalico finds the planned Calico: the tigera-operator release created
// through the API, or its `helm upgrade --install` step in the
// kubernetesSetup output when the API is not reachable during `up`. A plan
// assumes the operator then runs calico-node on every node (check proves it).
func planCalico(releases []preview.Resource, outputs map[string]any) *Calico {
	for _, r := range releases {
		if str(r.Inputs, "chart") == awsfacts.CalicoChart {
			return &Calico{Evidence: "helm release " + str(r.Inputs, "name") + " (" + awsfacts.CalicoChart + " " + str(r.Inputs, "version") + ")",
				URN: r.URN, Enforcing: true}
		}
	}
	setup, _ := outputs["kubernetesSetup"].(string)
	steps, _ := kubesetup.Parse(setup) // an unreadable step is reported by NodePoolsFromPlan
	for _, c := range steps.Charts {
		if c.Chart == awsfacts.CalicoChart {
			return &Calico{Evidence: "kubernetesSetup installs " + awsfacts.CalicoChart + " (release " + c.Release + ") through the tunnel", Enforcing: true}
		}
	}
	return nil
}
