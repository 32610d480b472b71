package domino

import (
	"regexp"

	"github.com/dominoeks/pulumi-dominoeks/internal/awsfacts"
	"strings"
)

// instanceTypeRE matches "<family>.<size>", e.g. m5.2xlarge, p4d.24xlarge, m7i.metal-24xl.
var instanceTypeRE = regexp.MustCompile(`^([a-z][a-z0-9-]*[0-9][a-z-]*)\.((nano|micro|small|medium|large|metal)|([0-9]{1,2}xlarge)|xlarge|metal-[0-9]{2}xl)$`)

// x86Families are the x86_64 EC2 families the EKS x86_64 AMI types run on.
var x86Families = map[string]bool{
	"t3": true, "t3a": true,
	"m5": true, "m5a": true, "m5d": true, "m5n": true, "m5zn": true, "m6i": true, "m6a": true, "m6id": true, "m6in": true, "m7i": true, "m7a": true, "m7i-flex": true, "m8i": true,
	"c5": true, "c5a": true, "c5d": true, "c5n": true, "c6i": true, "c6a": true, "c6id": true, "c6in": true, "c7i": true, "c7a": true, "c8i": true,
	"r5": true, "r5a": true, "r5d": true, "r5n": true, "r6i": true, "r6a": true, "r6id": true, "r7i": true, "r7a": true, "r8i": true,
	"x1": true, "x1e": true, "x2idn": true, "x2iedn": true, "z1d": true, "i3": true, "i4i": true,
}

// gpuFamilies are the NVIDIA GPU families the EKS accelerated AMI types
// support (one table, shared with the offline engine's rules).
var gpuFamilies = awsfacts.NvidiaFamilies

// armFamilies are Graviton families: recognised to give a precise error.
var armFamilies = map[string]bool{
	"t4g": true, "m6g": true, "m6gd": true, "m7g": true, "m7gd": true, "m8g": true,
	"c6g": true, "c6gn": true, "c7g": true, "c7gn": true, "c8g": true, "r6g": true, "r7g": true, "r8g": true, "g5g": true,
}

func instanceFamily(it string) string {
	fam, _, _ := strings.Cut(it, ".")
	return fam
}

func isGPUInstance(it string) bool { return gpuFamilies[instanceFamily(it)] }

// checkInstanceType returns "" when it is a known x86_64 or GPU instance type,
// otherwise the problem with it.
func checkInstanceType(it string) string {
	if !instanceTypeRE.MatchString(it) {
		return "is not an EC2 instance type (expected <family>.<size>, e.g. m5.2xlarge)"
	}
	fam := instanceFamily(it)
	switch {
	case x86Families[fam] || gpuFamilies[fam]:
		return ""
	case armFamilies[fam]:
		return "is a Graviton (arm64) instance type; the node AMI types here are x86_64"
	default:
		return "has an unknown instance family " + `"` + fam + `"`
	}
}
