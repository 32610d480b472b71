package workloads

import (
	"encoding/json"
	"fmt"
	"slices"
	"strconv"
	"strings"
)

// Cluster capabilities the workloads need.
const (
	// CapNetworkPolicy: NetworkPolicies are enforced by exactly one engine:
	// the vpc-cni managed add-on (>= v1.14) with enableNetworkPolicy "true",
	// or Calico with the agent off (networkpolicy.go).
	CapNetworkPolicy = "network-policy-enforced"
	// CapEBSCSIAddon: the EBS CSI driver runs as a managed add-on with a
	// service account role.
	CapEBSCSIAddon = "ebs-csi-addon"
	// CapEBSStartupTaint: compute and GPU nodes of groups that are never
	// empty start tainted ebs.csi.aws.com/agent-not-ready:NoExecute until the
	// driver runs (groups that may be at zero must not: see
	// domino nodeGroupSpec.nodeTaints and internal/scheduling).
	CapEBSStartupTaint = "ebs-csi-startup-taint"
	// CapAutoDiscovery: every node group's Auto Scaling group carries the
	// discovery tags, and the installer asks for auto-discovery only.
	CapAutoDiscovery = "autoscaler-auto-discovery"
	// CapAbortIncompleteUploads: every data bucket aborts incomplete
	// multipart uploads.
	CapAbortIncompleteUploads = "abort-incomplete-multipart-uploads"
	// CapInstallerBlobStores: installer values name each blob store's bucket
	// and, when the key encrypts them, its sse_kms_key_id.
	CapInstallerBlobStores = "installer-blob-stores"
	// CapInstallerRegistry: installer values point the internal registry at
	// its bucket (internal_docker_registry.s3_override).
	CapInstallerRegistry = "installer-internal-registry"
	// CapInstallerExternalRegistry: external_docker_registry names the
	// registry prefix under which <prefix>/environment and <prefix>/model exist.
	CapInstallerExternalRegistry = "installer-external-registry"
	// CapMountTargetPerNodeZone: an EFS mount target in every zone a node runs in.
	CapMountTargetPerNodeZone = "efs-mount-target-per-node-zone"
	// CapVPCDNS: the VPC resolves and assigns DNS names (efs-utils finds the
	// zone's mount target by the file system's DNS name).
	CapVPCDNS = "vpc-dns"
	// CapPullThroughRule: an ECR pull-through cache rule exists, the only
	// way nodes without Internet egress get Domino's quay.io images.
	CapPullThroughRule = "pull-through-cache-rule"
)

// EBSStartupTaintKey is the EBS CSI driver's node startup taint.
const EBSStartupTaintKey = "ebs.csi.aws.com/agent-not-ready"

// NetworkPolicyMinCNI is the first VPC CNI version enforcing NetworkPolicies
// with its own agent (not a requirement when Calico enforces them).
var NetworkPolicyMinCNI = [3]int{1, 14, 0}

var capabilities = map[string]func(*Deployment) CapabilityResult{
	CapNetworkPolicy:             networkPolicy,
	CapEBSCSIAddon:               ebsCSIAddon,
	CapEBSStartupTaint:           ebsStartupTaint,
	CapAutoDiscovery:             autoDiscovery,
	CapAbortIncompleteUploads:    abortIncompleteUploads,
	CapInstallerBlobStores:       installerBlobStores,
	CapInstallerRegistry:         installerRegistry,
	CapInstallerExternalRegistry: installerExternalRegistry,
	CapMountTargetPerNodeZone:    mountTargetPerNodeZone,
	CapVPCDNS:                    vpcDNS,
	CapPullThroughRule:           pullThroughRule,
}

func ok(id, evidence, urn string) CapabilityResult {
	return CapabilityResult{ID: id, Status: Satisfied, Evidence: evidence, URN: urn}
}
func gap(id, evidence, urn string) CapabilityResult {
	return CapabilityResult{ID: id, Status: Gap, Evidence: evidence, URN: urn}
}
func unknown(id, evidence string) CapabilityResult {
	return CapabilityResult{ID: id, Status: Unknown, Evidence: evidence}
}

// NetworkPolicyEnabled reports whether a vpc-cni configuration (JSON
// configurationValues) turns network policy enforcement on.
func NetworkPolicyEnabled(configuration string) bool {
	var cfg map[string]any
	if json.Unmarshal([]byte(configuration), &cfg) != nil {
		return false
	}
	switch v := cfg["enableNetworkPolicy"].(type) {
	case string:
		return v == "true"
	case bool:
		return v
	}
	return false
}

// versionAtLeast compares an add-on version "v1.19.2-eksbuild.1" with min;
// ok is false when the version does not parse.
func versionAtLeast(version string, min [3]int) (atLeast, ok bool) {
	v := strings.TrimPrefix(version, "v")
	v, _, _ = strings.Cut(v, "-")
	parts := strings.Split(v, ".")
	if len(parts) < 2 {
		return false, false
	}
	var got [3]int
	for i := 0; i < len(parts) && i < 3; i++ {
		n, err := strconv.Atoi(parts[i])
		if err != nil {
			return false, false
		}
		got[i] = n
	}
	for i := range got {
		if got[i] != min[i] {
			return got[i] > min[i], true
		}
	}
	return true, true
}

func ebsCSIAddon(d *Deployment) CapabilityResult {
	a, found := d.Addons["aws-ebs-csi-driver"]
	switch {
	case !found:
		return gap(CapEBSCSIAddon, "no aws-ebs-csi-driver add-on: nothing provisions domino-compute-storage volumes", "")
	case a.ServiceAccountRoleARN == "":
		return gap(CapEBSCSIAddon, "the aws-ebs-csi-driver add-on has no service account role", a.URN)
	}
	return ok(CapEBSCSIAddon, "aws-ebs-csi-driver add-on "+a.Version+" as "+a.ServiceAccountRoleARN, a.URN)
}

func ebsStartupTaint(d *Deployment) CapabilityResult {
	var missing, have []string
	urn := ""
	for _, g := range d.NodeGroups {
		// A group the autoscaler may scale from zero must not start tainted
		// (the scheduling model, internal/scheduling, decides those).
		if !g.Compute || !g.NeverEmpty() {
			continue
		}
		if slices.ContainsFunc(g.Taints, func(t Taint) bool { return t.Key == EBSStartupTaintKey && t.Effect == "NoExecute" }) {
			have = append(have, g.Name)
		} else {
			missing = append(missing, g.Name)
			if urn == "" {
				urn = g.URN
			}
		}
	}
	if len(missing) > 0 {
		return gap(CapEBSStartupTaint, "compute node groups without the taint "+EBSStartupTaintKey+":NoExecute: "+strings.Join(missing, ", "), urn)
	}
	return ok(CapEBSStartupTaint, fmt.Sprintf("%d compute node group(s) start tainted %s:NoExecute", len(have), EBSStartupTaintKey), "")
}

func autoDiscovery(d *Deployment) CapabilityResult {
	var untagged []string
	unknownTags := false
	for _, g := range d.NodeGroups {
		switch {
		case g.AutoDiscoveryTags == nil:
			unknownTags = true
		case !*g.AutoDiscoveryTags:
			untagged = append(untagged, g.Name)
		}
	}
	if len(untagged) > 0 {
		return gap(CapAutoDiscovery, "Auto Scaling groups without k8s.io/cluster-autoscaler/enabled and k8s.io/cluster-autoscaler/"+d.Cluster+": "+strings.Join(untagged, ", "), "")
	}
	if d.Installer != nil {
		as, _ := d.Installer["autoscaler"].(map[string]any)
		disc, _ := as["auto_discovery"].(map[string]any)
		if name, _ := disc["cluster_name"].(string); name != d.Cluster {
			return gap(CapAutoDiscovery, fmt.Sprintf("installer values autoscaler.auto_discovery.cluster_name is %q, not %q", name, d.Cluster), "")
		}
		if groups, _ := as["groups"].([]any); len(groups) > 0 {
			return gap(CapAutoDiscovery, "installer values list autoscaler.groups beside auto-discovery: names go stale when a node group is replaced", "")
		}
	}
	if unknownTags {
		return unknown(CapAutoDiscovery, "the Auto Scaling groups' tags are not known")
	}
	return ok(CapAutoDiscovery, fmt.Sprintf("%d node group(s) tagged for auto-discovery of cluster %s", len(d.NodeGroups), d.Cluster), "")
}

func abortIncompleteUploads(d *Deployment) CapabilityResult {
	var missing []string
	urn := ""
	for _, role := range append(slices.Clone(DataBucketRoles), BucketRegistry) {
		b, found := d.Buckets[role]
		if !found {
			continue
		}
		if b.AbortsIncompleteUploads == nil {
			return unknown(CapAbortIncompleteUploads, "the lifecycle configuration of "+b.Name+" is not known")
		}
		if !*b.AbortsIncompleteUploads {
			missing = append(missing, b.Name)
			urn = b.URN
		}
	}
	if len(missing) > 0 {
		return gap(CapAbortIncompleteUploads, "no lifecycle rule aborts incomplete multipart uploads in "+strings.Join(missing, ", ")+": orphaned parts are billed and invisible", urn)
	}
	return ok(CapAbortIncompleteUploads, "every data bucket aborts incomplete multipart uploads", "")
}

// installerString reads a nested string of the installer values.
func installerString(doc map[string]any, path ...string) string {
	var v any = doc
	for _, k := range path {
		m, _ := v.(map[string]any)
		v = m[k]
	}
	s, _ := v.(string)
	return s
}

// InstallerStores maps the installer's blob stores to bucket roles.
var InstallerStores = map[string]string{"projects": BucketBlobs, "logs": BucketLogs, "backups": BucketBackups}

func installerBlobStores(d *Deployment) CapabilityResult {
	if d.Installer == nil {
		return unknown(CapInstallerBlobStores, "installer values are not known")
	}
	for _, store := range []string{"projects", "logs", "backups"} {
		b, found := d.Buckets[InstallerStores[store]]
		if !found {
			continue
		}
		if t := installerString(d.Installer, "blob_storage", store, "type"); t != "s3" {
			return gap(CapInstallerBlobStores, fmt.Sprintf("blob_storage.%s.type is %q, not s3", store, t), "")
		}
		if got := installerString(d.Installer, "blob_storage", store, "s3", "bucket"); got != b.Name {
			return gap(CapInstallerBlobStores, fmt.Sprintf("blob_storage.%s.s3.bucket is %q, not %s", store, got, b.Name), "")
		}
		if b.KMSKeyARN != "" {
			if got := installerString(d.Installer, "blob_storage", store, "s3", "sse_kms_key_id"); got != b.KMSKeyARN {
				return gap(CapInstallerBlobStores, fmt.Sprintf("blob_storage.%s.s3.sse_kms_key_id is %q, not the bucket's key %s", store, got, b.KMSKeyARN), "")
			}
		}
	}
	return ok(CapInstallerBlobStores, "blob_storage names each store's bucket (and its key)", "")
}

func installerRegistry(d *Deployment) CapabilityResult {
	if d.Installer == nil {
		return unknown(CapInstallerRegistry, "installer values are not known")
	}
	b := d.Buckets[BucketRegistry]
	if got := installerString(d.Installer, "internal_docker_registry", "s3_override", "bucket"); got != b.Name {
		return gap(CapInstallerRegistry, fmt.Sprintf("internal_docker_registry.s3_override.bucket is %q, not %s", got, b.Name), "")
	}
	if b.KMSKeyARN != "" {
		if got := installerString(d.Installer, "internal_docker_registry", "s3_override", "sse_kms_key_id"); got != b.KMSKeyARN {
			return gap(CapInstallerRegistry, fmt.Sprintf("internal_docker_registry.s3_override.sse_kms_key_id is %q, not %s", got, b.KMSKeyARN), "")
		}
	}
	return ok(CapInstallerRegistry, "internal_docker_registry.s3_override names "+b.Name, "")
}

// RepositoryRoles are the repositories Domino appends to external_docker_registry.
var RepositoryRoles = []string{"environment", "model"}

func installerExternalRegistry(d *Deployment) CapabilityResult {
	if d.Installer == nil {
		return unknown(CapInstallerExternalRegistry, "installer values are not known")
	}
	ext := installerString(d.Installer, "external_docker_registry")
	if ext == "" {
		return gap(CapInstallerExternalRegistry, "external_docker_registry is not set: Domino pushes builds to its internal registry instead of ECR", "")
	}
	for _, role := range RepositoryRoles {
		if !slices.ContainsFunc(d.Repositories, func(r Repository) bool { return r.URL == ext+"/"+role }) {
			return gap(CapInstallerExternalRegistry, fmt.Sprintf("external_docker_registry %q: no repository %s/%s", ext, ext, role), "")
		}
	}
	return ok(CapInstallerExternalRegistry, "external_docker_registry "+ext+" (Domino appends /environment and /model)", "")
}

func mountTargetPerNodeZone(d *Deployment) CapabilityResult {
	if d.FileSystemARN == "" {
		return unknown(CapMountTargetPerNodeZone, "no EFS file system is known")
	}
	var missing []string
	for _, z := range d.nodeZones() {
		if !slices.Contains(d.MountTargetZones, z) {
			missing = append(missing, z)
		}
	}
	if len(missing) > 0 {
		return gap(CapMountTargetPerNodeZone, "node groups run in zones without an EFS mount target: "+strings.Join(missing, ", "), "")
	}
	return ok(CapMountTargetPerNodeZone, "mount targets in "+strings.Join(d.MountTargetZones, ", "), "")
}

func vpcDNS(d *Deployment) CapabilityResult {
	switch {
	case d.VPCDNS == nil:
		return unknown(CapVPCDNS, "the VPC's DNS settings are not known (an existing VPC)")
	case !*d.VPCDNS:
		return gap(CapVPCDNS, "the VPC lacks DNS support or DNS hostnames: efs-utils cannot resolve the file system's DNS name", "")
	}
	return ok(CapVPCDNS, "the VPC has DNS support and DNS hostnames", "")
}

// pullThroughRule: nodes without Internet egress (no NAT) pull Domino's
// quay.io images only through an ECR pull-through cache rule.
func pullThroughRule(d *Deployment) CapabilityResult {
	if len(d.PullThroughPrefixes) > 0 {
		return ok(CapPullThroughRule, "pull-through cache rule(s) with prefix "+strings.Join(d.PullThroughPrefixes, ", "), "")
	}
	if d.NodeEgress != nil && !*d.NodeEgress {
		return gap(CapPullThroughRule, "the nodes have no Internet egress (no NAT) and no ECR pull-through cache rule exists: public quay.io images cannot be pulled (the cache serves public images only; Domino's private images need imageRegistry)", "")
	}
	return unknown(CapPullThroughRule, "whether the nodes reach quay.io is not known")
}
