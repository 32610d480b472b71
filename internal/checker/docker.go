package checker

import (
	"context"
	"fmt"
	"regexp"
	"strings"
)

// amiFamily classifies how a node group's AMI runs containers.
type amiFamily int

const (
	familyUnknown  amiFamily = iota
	familyAL2                // Amazon Linux 2 EKS AMI: bootstrap.sh, docker0 opt-in
	familyNoDocker           // AL2023, Bottlerocket, Windows: no docker0 bridge to enable
)

var (
	// dockerBridgeFlag matches bootstrap.sh --enable-docker-bridge true.
	dockerBridgeFlag = regexp.MustCompile(`--enable-docker-bridge(?:\s+|=)["']?true\b`)
	// dockerBridgeJQ matches a jq edit such as jq '.bridge="docker0"'.
	dockerBridgeJQ = regexp.MustCompile(`\.bridge\s*=\s*\\?["']docker0`)
	// dockerBridgeJSON matches a literal daemon.json "bridge": "docker0".
	dockerBridgeJSON = regexp.MustCompile(`["']bridge["']\s*:\s*\\?["']docker0`)
)

// dockerBridgeEnabled reports whether user data enables the docker0 bridge.
func dockerBridgeEnabled(userData string) bool {
	return dockerBridgeFlag.MatchString(userData) ||
		dockerBridgeJQ.MatchString(userData) ||
		dockerBridgeJSON.MatchString(userData)
}

// classifyAMI determines the AMI family from the EKS AMI type and, for
// custom AMIs, from the shape of the user data.
func classifyAMI(amiType, userData string) amiFamily {
	u := strings.ToUpper(amiType)
	switch {
	case strings.HasPrefix(u, "AL2023"), strings.HasPrefix(u, "BOTTLEROCKET"), strings.HasPrefix(u, "WINDOWS"):
		return familyNoDocker
	case strings.HasPrefix(u, "AL2_"):
		return familyAL2
	}
	switch {
	case strings.Contains(userData, "/etc/eks/bootstrap.sh"):
		return familyAL2
	case strings.Contains(userData, "node.eks.aws"), strings.Contains(userData, "[settings"):
		return familyNoDocker
	}
	return familyUnknown
}

func (r *runner) checkDockerBridge(_ context.Context, st *state) ([]Result, error) {
	const (
		id    = CheckDockerBridge
		title = "Docker bridge enabled on AL2 nodes"
		fix   = "in the launch template user data call /etc/eks/bootstrap.sh <cluster> --enable-docker-bridge true (or set .bridge=\"docker0\" in /etc/docker/daemon.json with jq); AL2023/Bottlerocket AMIs need nothing"
	)
	groups := st.dominoGroups()
	if len(groups) == 0 {
		return []Result{warn(id, title, "skipped: no node group carries a "+LabelNodePool+" label", "see "+CheckPlatformPool)}, nil
	}
	var bad, unknown, ok, na []string
	for _, g := range groups {
		switch classifyAMI(g.AMIType, g.UserData) {
		case familyNoDocker:
			na = append(na, fmt.Sprintf("%s (%s)", g.Name, g.AMIType))
		case familyUnknown:
			unknown = append(unknown, fmt.Sprintf("%s (AMI type %s, AMI family not recognised)", g.Name, g.AMIType))
		case familyAL2:
			switch {
			case g.LaunchTemplate == "":
				bad = append(bad, g.Name+": AL2 without a launch template, so bootstrap.sh runs without --enable-docker-bridge")
			case !dockerBridgeEnabled(g.UserData):
				bad = append(bad, fmt.Sprintf("%s: user data of launch template %s does not enable the docker bridge", g.Name, g.LaunchTemplate))
			default:
				ok = append(ok, g.Name)
			}
		}
	}
	var ev []string
	if len(bad) > 0 {
		ev = append(ev, bad...)
	}
	if len(unknown) > 0 {
		ev = append(ev, unknown...)
	}
	if len(ok) > 0 {
		ev = append(ev, "enabled on "+strings.Join(ok, ", "))
	}
	if len(na) > 0 {
		ev = append(ev, "not applicable (no Docker daemon) on "+strings.Join(na, ", "))
	}
	evidence := strings.Join(ev, "; ")
	switch {
	case len(bad) > 0:
		return []Result{fail(id, title, evidence, fix)}, nil
	case len(unknown) > 0:
		return []Result{warn(id, title, evidence, "verify the AMI; if it runs Docker, enable the docker0 bridge: "+fix)}, nil
	}
	return []Result{pass(id, title, evidence)}, nil
}
