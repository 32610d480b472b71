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
	filters := zoneFilters(args)
	var names, ids []resource.PropertyValue
	for _, z := range m.listedZones() {
		if slices.Contains(exNames, z.Name) || slices.Contains(exIDs, z.ID) || !z.matches(filters) {
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

// ListedZone is a zone as DescribeAvailabilityZones lists it.
type ListedZone struct {
	Name, ID string
	// Type is "availability-zone" (default), "local-zone" or "wavelength-zone".
	Type string
	// OptIn is "opt-in-not-required" (default), "opted-in" or "not-opted-in".
	OptIn string
}

// listedZones are the zones the mocked account lists: Options.Zones, in
// their order, else the table's row (Availability Zones needing no opt-in).
// A zone the account has not opted in to is listed only with
// allAvailabilityZones, as EC2 does; the mock lists opted-in ones.
func (m *mocks) listedZones() []ListedZone {
	if m.opts.Zones != nil {
		return m.opts.Zones
	}
	rz, _ := awsfacts.ZonesOf(m.region())
	var out []ListedZone
	for _, z := range rz.Zones {
		out = append(out, ListedZone{Name: z.Name, ID: z.ID})
	}
	return out
}

// zoneFilters reads the filters argument: name → accepted values.
func zoneFilters(args pulumi.MockCallArgs) map[string][]string {
	out := map[string][]string{}
	v, ok := args.Args["filters"]
	if !ok || !v.IsArray() {
		return out
	}
	for _, f := range v.ArrayValue() {
		if !f.IsObject() {
			continue
		}
		o := f.ObjectValue()
		name := o["name"]
		if !name.IsString() {
			continue
		}
		for _, val := range o["values"].ArrayValue() {
			if val.IsString() {
				out[name.StringValue()] = append(out[name.StringValue()], val.StringValue())
			}
		}
	}
	return out
}

// matches applies the zone-type and opt-in-status filters as EC2 does.
func (z ListedZone) matches(filters map[string][]string) bool {
	typ, optIn := z.Type, z.OptIn
	if typ == "" {
		typ = "availability-zone"
	}
	if optIn == "" {
		optIn = "opt-in-not-required"
	}
	for name, values := range filters {
		switch name {
		case "zone-type":
			if !slices.Contains(values, typ) {
				return false
			}
		case "opt-in-status":
			if !slices.Contains(values, optIn) {
				return false
			}
		}
	}
	return true
}
