package preflight

import (
	"context"
	"fmt"
	"maps"
	"slices"
	"strings"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/eks"

	"github.com/dominoeks/pulumi-dominoeks/internal/checker"
)

const addonTitle = "EKS offers every pinned add-on version for the Kubernetes version"

// checkAddonVersions verifies each add-on version the plan pins
// (awsfacts.AddonVersions or addonVersions) is one EKS offers for the planned
// Kubernetes version in the region (DescribeAddonVersions): a version it does
// not offer fails CreateAddon/UpdateAddon with InvalidParameterException
// ("Addon version specified is not supported") after the cluster exists.
func (r *runner) checkAddonVersions(ctx context.Context) ([]checker.Result, error) {
	k8s := r.d.KubernetesVersion
	if len(r.d.Addons) == 0 || k8s == "" {
		return []checker.Result{pass(CheckAddonVersions, addonTitle, "no add-on version pinned: EKS installs its default versions")}, nil
	}
	var ok, missing []string
	var fixes []string
	for _, name := range slices.Sorted(maps.Keys(r.d.Addons)) {
		want := r.d.Addons[name]
		offered, err := r.offeredAddonVersions(ctx, name, k8s)
		if err != nil {
			if !answered(err) {
				return nil, fmt.Errorf("describe add-on versions of %s: %w", name, err)
			}
			return []checker.Result{warn(CheckAddonVersions, addonTitle, "DescribeAddonVersions: "+errCode(err),
				"grant eks:DescribeAddonVersions to verify the pinned add-on versions")}, nil
		}
		if slices.Contains(offered, want) {
			ok = append(ok, name+" "+want)
			continue
		}
		missing = append(missing, fmt.Sprintf("%s %s is not offered for Kubernetes %s in %s", name, want, k8s, r.d.Region))
		fix := fmt.Sprintf("set addonVersions.%s to an offered version", name)
		if len(offered) > 0 {
			fix += " (" + strings.Join(offered, ", ") + ")"
		}
		fixes = append(fixes, fix)
	}
	if len(missing) > 0 {
		return []checker.Result{fail(CheckAddonVersions, addonTitle, strings.Join(missing, "; "), strings.Join(fixes, "; "))}, nil
	}
	return []checker.Result{pass(CheckAddonVersions, addonTitle, "Kubernetes "+k8s+": "+strings.Join(ok, ", "))}, nil
}

// offeredAddonVersions lists the versions of an add-on EKS offers for a
// Kubernetes version, EKS's default first.
func (r *runner) offeredAddonVersions(ctx context.Context, name, k8s string) ([]string, error) {
	var out []string
	p := eks.NewDescribeAddonVersionsPaginator(r.c.EKS, &eks.DescribeAddonVersionsInput{
		AddonName: aws.String(name), KubernetesVersion: aws.String(k8s),
	})
	for p.HasMorePages() {
		page, err := p.NextPage(ctx)
		if err != nil {
			return nil, err
		}
		for _, a := range page.Addons {
			for _, v := range a.AddonVersions {
				for _, c := range v.Compatibilities {
					if aws.ToString(c.ClusterVersion) == k8s {
						out = append(out, aws.ToString(v.AddonVersion))
						break
					}
				}
			}
		}
	}
	return out, nil
}
