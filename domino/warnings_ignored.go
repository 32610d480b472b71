package domino

import "strconv"

// ignoredWarnings say which settings the user wrote have no effect in this
// configuration: silently dropping them would hide a misunderstanding.
func (a DominoEKSArgs) ignoredWarnings(s spec) []string {
	var w []string
	if len(a.PublicAccessCidrs) > 0 && !s.PublicEndpoint {
		w = append(w, "publicAccessCidrs: ignored, the API endpoint is private (endpointPublicAccess is false); "+
			"set endpointPublicAccess true to open the public endpoint to these CIDRs, or remove publicAccessCidrs")
	}
	if s.BringYourOwnVPC {
		for _, f := range []struct {
			name string
			set  bool
		}{
			{"vpcCidr", a.VpcCidr != ""},
			{"privateSubnetCidrs", len(a.PrivateSubnetCidrs) > 0},
			{"publicSubnetCidrs", len(a.PublicSubnetCidrs) > 0},
		} {
			if f.set {
				w = append(w, f.name+": ignored beside vpcId: the component uses the existing VPC and its subnets (privateSubnetIds) and creates no network; remove "+f.name)
			}
		}
	}
	if a.EfsProvisionedThroughputMibps != 0 && s.EfsThroughputMode != "provisioned" {
		w = append(w, "efsProvisionedThroughputMibps: "+strconv.FormatFloat(a.EfsProvisionedThroughputMibps, 'g', -1, 64)+
			" is ignored in efsThroughputMode "+s.EfsThroughputMode+"; set efsThroughputMode provisioned to provision it, or remove it")
	}
	return w
}
