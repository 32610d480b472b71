package preview

import (
	"slices"

	"github.com/dominoeks/pulumi-dominoeks/internal/awsfacts"
	"github.com/pulumi/pulumi/sdk/v3/go/common/resource"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
)

// region is the region the mocked AWS provider deploys to: aws:region, else
// the region its environment gives (Options.ProviderRegion), else Region.
func (m *mocks) region() string {
	if r := m.opts.Config["aws:region"]; r != "" {
		return r
	}
	if m.opts.ProviderRegion != "" {
		return m.opts.ProviderRegion
	}
	return Region
}

// availabilityZones answers aws:index/getAvailabilityZones from the region's
// row of awsfacts.RegionZoneTable (the reference account's names and zone
// IDs), honouring excludeNames and excludeZoneIds as EC2 does. With
// Options.ZoneIDsUnknown the zone IDs are left out: the names are known, the
// account's mapping is not (preflight checks it live).
func (m *mocks) availabilityZones(args pulumi.MockCallArgs) resource.PropertyMap {
	out := args.Args.Copy()
	exclude := func(key string) []string {
		var l []string
		if v, ok := args.Args[resource.PropertyKey(key)]; ok && v.IsArray() {
			for _, e := range v.ArrayValue() {
				if e.IsString() {
					l = append(l, e.StringValue())
				}
			}
		}
		return l
	}
	exNames, exIDs := exclude("excludeNames"), exclude("excludeZoneIds")
	var names, ids []resource.PropertyValue
	rz, _ := awsfacts.ZonesOf(m.region())
	for _, z := range rz.Zones {
		if slices.Contains(exNames, z.Name) || slices.Contains(exIDs, z.ID) {
			continue
		}
		names = append(names, resource.NewProperty(z.Name))
		id := z.ID
		if m.opts.ZoneIDsUnknown {
			id = ""
		}
		ids = append(ids, resource.NewProperty(id))
	}
	out["id"] = resource.NewProperty(m.region())
	out["names"] = resource.NewProperty(names)
	out["zoneIds"] = resource.NewProperty(ids)
	out["groupNames"] = resource.NewProperty(names)
	return out
}
