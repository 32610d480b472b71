package domino

import "fmt"

// Warnings returns what a user should know about a valid configuration, such as
// the docker bridge not applying to AL2023 nodes. NewDominoEKS logs each one.
func (a DominoEKSArgs) Warnings(name string) []string {
	s := a.resolve(name)
	w := append(s.warnings(), a.ignoredWarnings(s)...)
	if a.BucketVersioning {
		w = append(w, "bucketVersioning: deprecated and ignored: every bucket is versioned, noncurrent versions expire after noncurrentVersionExpirationDays; remove the setting")
	}
	return w
}

func (s spec) warnings() []string {
	var w []string
	if s.DockerBridge && !DockerBridgeApplies(s.AmiFamily) {
		w = append(w, fmt.Sprintf("docker bridge: not applicable to %s nodes, which run containerd without Docker; "+
			"no docker bridge user data is emitted (current Domino versions build with containerd; Docker-based builds "+
			"need amiFamily AL2 on an AMI that still runs Docker)", s.AmiFamily))
	}
	if s.DockerBridge && DockerBridgeApplies(s.AmiFamily) {
		w = append(w, "docker bridge: EKS AL2 AMIs for Kubernetes 1.25 and later no longer install Docker; the bridge "+
			"configuration is written to /etc/docker/daemon.json and takes effect only on AMIs that run Docker")
	}
	if !s.CreateStorageClass {
		w = append(w, "domino-compute-storage: not created by Pulumi, which cannot reach the private API endpoint of the VPC it creates; "+
			"the Domino installer creates it (installerValues storage_classes.block.create: true), or kubectl apply the storageClassManifest output from inside the VPC")
	}
	if s.NatMode == NatNone && !s.VpcEndpoints && s.BringYourOwnVPC {
		w = append(w, "natMode none: nodes have no Internet egress; the VPC must provide endpoints for ECR (api, dkr), S3, STS and EC2 or nodes cannot join")
	}
	if s.NatMode == NatNone && s.VpcEndpoints {
		w = append(w, "natMode none: nodes reach AWS only through the VPC endpoints; images from public registries outside ECR cannot be pulled")
	}
	if s.NatMode == NatSingle && len(s.AZs) > 1 {
		w = append(w, "natMode single: all zones egress through one NAT gateway in "+s.AZs[0]+"; losing that zone cuts egress for all")
	}
	for _, p := range s.Pools {
		if p.field == platformField && len(p.AZs) == 1 {
			w = append(w, "platform pool in 1 availability zone: Domino services cannot run as highly available ReplicaSets; use 3 zones for HA")
		}
	}
	for _, c := range s.PublicAccessCidrs {
		if c == "0.0.0.0/0" || c == "::/0" {
			w = append(w, "publicAccessCidrs includes "+c+": the Kubernetes API is reachable from the whole Internet")
		}
	}
	w = append(w, s.poolSizeWarnings()...)
	w = append(w, s.spanWarnings()...)
	w = append(w, s.karpenterWarnings()...) // warnings_karpenter.go
	w = append(w, s.hostnameWarnings()...)
	w = append(w, s.keyWarnings()...)
	w = append(w, s.addonWarnings()...)
	w = append(w, s.calicoWarnings()...) // calico.go
	w = append(w, s.quotaWarnings()...)
	w = append(w, s.registryWarnings()...) // imagesupply.go
	w = append(w, s.zoneWarnings()...)     // zones_offline.go
	return w
}
