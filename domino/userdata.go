package domino

import (
	"fmt"
	"strings"
)

// userDataBoundary separates the MIME parts of node user data.
const userDataBoundary = "==DOMINOEKS=="

// dockerBridgeScript enables Docker bridge networking (seed: "--enable-docker-bridge
// true"). EKS managed node groups run the AMI's bootstrap.sh themselves, so the
// flag cannot be passed; this applies the same change bootstrap.sh makes for it
// (the seed's eksctl jq edit: bridge docker0, live-restore false) to both the
// daemon config and bootstrap's template, then restarts Docker when it runs.
const dockerBridgeScript = `#!/bin/bash
# Domino requires Docker bridge networking for environment builds.
set -o errexit -o nounset -o pipefail
enable_bridge() {
  local f="$1"
  [ -f "$f" ] || echo '{}' > "$f"
  cp "$f" "$f.dominoeks-backup"
  jq '.bridge="docker0" | ."live-restore"=false' "$f.dominoeks-backup" > "$f"
}
mkdir -p /etc/docker
enable_bridge /etc/docker/daemon.json
if [ -f /etc/eks/docker-daemon.json ]; then
  enable_bridge /etc/eks/docker-daemon.json
fi
if systemctl is-active --quiet docker; then
  systemctl restart docker
fi
`

// DockerBridgeApplies reports whether the docker bridge setting applies to
// nodes of the AMI family: only AL2 EKS AMIs run Docker.
func DockerBridgeApplies(amiFamily string) bool { return amiFamily == AmiAL2 }

// RenderUserData returns the MIME multipart user data for a node launch
// template, or "" when the nodes need none. EKS merges it with its own
// bootstrap part. It fails on an unknown AMI family rather than emit a script
// that would break node start-up.
func RenderUserData(amiFamily string, dockerBridge bool) (string, error) {
	var parts []string
	switch amiFamily {
	case AmiAL2:
		if dockerBridge {
			parts = append(parts, mimePart("text/x-shellscript", dockerBridgeScript))
		}
	case AmiAL2023:
		// containerd only: the docker bridge is not applicable (see Warnings).
	default:
		return "", fmt.Errorf("user data: unsupported AMI family %q (use %s or %s)", amiFamily, AmiAL2, AmiAL2023)
	}
	if len(parts) == 0 {
		return "", nil
	}
	var b strings.Builder
	b.WriteString("MIME-Version: 1.0\n")
	fmt.Fprintf(&b, "Content-Type: multipart/mixed; boundary=\"%s\"\n\n", userDataBoundary)
	for _, p := range parts {
		fmt.Fprintf(&b, "--%s\n%s\n", userDataBoundary, p)
	}
	fmt.Fprintf(&b, "--%s--\n", userDataBoundary)
	return b.String(), nil
}

func mimePart(contentType, body string) string {
	return fmt.Sprintf("Content-Type: %s; charset=\"us-ascii\"\n\n%s", contentType, body)
}
