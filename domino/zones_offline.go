package domino

import (
	"fmt"
	"strings"

	"github.com/dominoeks/pulumi-dominoeks/internal/awsfacts"
)

// Offline, zone names and their IDs come from one reference account
// (awsfacts.RegionZoneTable): AWS maps names to zone IDs per account, and
// which names an account has differs too (us-west-1 gives each account two of
// a, b and c). So offline zone facts are warnings; the account's answer at
// deploy time, and `dominoeks preflight`, decide.

// zoneIDsKnown reports whether zones carry their zone IDs: an answer of the
// account. Zones without IDs are the table's names only (a run that leaves
// the mapping to the live account, preview.Options.ZoneIDsUnknown).
func zoneIDsKnown(zones []awsfacts.Zone) bool {
	for _, z := range zones {
		if z.ID == "" {
			return false
		}
	}
	return len(zones) > 0
}

// zoneWarnings say, offline, which listed zones the reference account lacks
// or maps to a zone ID EKS refuses: the user's account may differ, preflight
// checks it.
func (s spec) zoneWarnings() []string {
	if s.zonesFromAccount {
		return nil // the account's answer: validateZones decides
	}
	table := tableZones(s.Region)
	if len(table) == 0 {
		return nil
	}
	var w []string
	for _, az := range s.AZs {
		if !strings.HasPrefix(az, s.Region) {
			continue // refused as a zone of another region
		}
		z, ok := awsfacts.Find(table, az)
		switch {
		case !ok:
			w = append(w, fmt.Sprintf("availabilityZones: %s is not a zone of the reference account's %s (%s); zone names differ per account: "+
				"`aws ec2 describe-availability-zones --region %s` lists yours, `dominoeks preflight` checks them", az, s.Region,
				strings.Join(awsfacts.Names(table), ", "), s.Region))
		case !awsfacts.EKSSupportsZoneID(z.ID):
			w = append(w, fmt.Sprintf("availabilityZones: %s is zone ID %s in the reference account, where EKS creates no clusters (%s); "+
				"names map to zone IDs per account: `dominoeks preflight` checks your account's mapping before a deploy", az, z.ID, awsfacts.EKSUnsupportedZoneSource))
		}
	}
	return w
}
