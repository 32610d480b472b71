package domino

import (
	"fmt"
	"strings"

	"github.com/dominoeks/pulumi-dominoeks/internal/sizing"
)

// seedSizes are the seed's minimum node sizes for the pools it names, by
// argument. The requirements checker (`dominoeks check`) holds live node
// groups to the same table and FAILs a pool below it, so a pool that warns
// here fails there.
var seedSizes = map[string]sizing.Minimum{
	platformField: sizing.Platform,
	"defaultPool": sizing.Default,
	"gpuPool":     sizing.GPU,
}

// poolSizeWarnings flags seed pools whose instance types or disks are smaller
// than the seed's: allowed (a small test cluster is legitimate), but Domino's
// services may not fit, and `dominoeks check` would fail the cluster.
func (s spec) poolSizeWarnings() []string {
	var w []string
	for _, p := range s.Pools {
		m, ok := seedSizes[p.field]
		if !ok {
			continue
		}
		for _, it := range p.InstanceTypes {
			c, known := sizing.Lookup(it)
			if known && !m.Fits(c) {
				w = append(w, fmt.Sprintf("%s.instanceTypes: %s (%d vCPU, %d GiB) is smaller than the seed's %s node (%s); "+
					"Domino's workloads may not fit and `dominoeks check` fails this pool; use %s or larger",
					p.field, it, c.VCPU, c.MemGiB, m.Role, m.Describe(), m.RefType))
			}
		}
		if p.DiskGiB < m.DiskGiB {
			w = append(w, fmt.Sprintf("%s.diskSizeGib: %d GiB is below the seed's %d GiB for %s nodes; "+
				"images and ephemeral storage may fill the disk and `dominoeks check` fails this pool; use %d GiB or more",
				p.field, p.DiskGiB, m.DiskGiB, m.Role, m.DiskGiB))
		}
	}
	return w
}

// spanWarnings flags compute pools (any pool but the platform pool) whose one
// node group spans several zones: the seed needs one group per zone, because
// the EBS volumes of executions are zonal and the cluster autoscaler must be
// able to add a node in the volume's zone.
func (s spec) spanWarnings() []string {
	var w []string
	for _, p := range s.Pools {
		if p.field == platformField || !p.Span || len(p.AZs) < 2 || s.karpenterServes(p) {
			continue
		}
		w = append(w, fmt.Sprintf("%s (%s): spanAZs true makes one node group across %s; compute pools need one node group "+
			"per zone (the seed: execution volumes are zonal, so pods must land in their volume's zone); remove spanAZs",
			p.field, p.Name, strings.Join(p.AZs, ", ")))
	}
	return w
}

// hostnameWarnings flags a missing FQDN or certificate: the seed requires
// both to serve Domino over HTTPS, and the installer values need the FQDN.
func (s spec) hostnameWarnings() []string {
	switch {
	case s.Hostname == "":
		return []string{"hostname: not set, so the installer values carry hostname \"\"; Domino serves from one FQDN " +
			"(the seed: record it for the installer); set hostname, e.g. domino.example.com, and route53ZoneId for its certificate"}
	case s.route53ZoneID == nil:
		return []string{"hostname " + s.Hostname + " without route53ZoneId: no certificate is issued, and Domino needs one " +
			"covering the FQDN to serve HTTPS; set route53ZoneId to the hosted zone of " + s.Hostname +
			" for a DNS-validated ACM certificate, or bring your own certificate to the installer"}
	}
	return nil
}
