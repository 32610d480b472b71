package main

import (
	"fmt"
	"path"
	"strings"

	"github.com/dominoeks/pulumi-dominoeks/internal/preview"
)

// settingsFunc summarises the key inputs of one resource type.
type settingsFunc func(in map[string]any, x resourceIndex) []string

// settingsByType holds the key settings shown in the resource tree. Types
// not listed show only their data safety options.
var settingsByType = map[string]settingsFunc{
	"aws:ec2/vpc:Vpc": func(in map[string]any, _ resourceIndex) []string {
		return []string{"cidr=" + str(in["cidrBlock"])}
	},
	"aws:ec2/subnet:Subnet": func(in map[string]any, _ resourceIndex) []string {
		return []string{"cidr=" + str(in["cidrBlock"]), "az=" + str(in["availabilityZone"])}
	},
	"aws:ec2/natGateway:NatGateway": func(in map[string]any, x resourceIndex) []string {
		return []string{"az=" + x.zoneOf(in["subnetId"])}
	},
	"aws:ec2/routeTable:RouteTable": func(in map[string]any, _ resourceIndex) []string {
		var out []string
		for _, rt := range list(in["routes"]) {
			m, _ := rt.(map[string]any)
			target := firstOf(m, "natGatewayId", "gatewayId", "transitGatewayId", "vpcEndpointId")
			out = append(out, "route "+str(m["cidrBlock"])+"→"+target)
		}
		if len(out) == 0 {
			out = append(out, "local routes only")
		}
		return out
	},
	"aws:ec2/securityGroup:SecurityGroup": func(in map[string]any, _ resourceIndex) []string {
		return []string{fmt.Sprintf("ingress rules=%d", len(list(in["ingress"]))), fmt.Sprintf("egress rules=%d", len(list(in["egress"])))}
	},
	"aws:ec2/securityGroupRule:SecurityGroupRule": func(in map[string]any, _ resourceIndex) []string {
		return []string{str(in["type"]), str(in["protocol"]) + " " + portRange(in["fromPort"], in["toPort"])}
	},
	"aws:ec2/launchTemplate:LaunchTemplate": func(in map[string]any, _ resourceIndex) []string {
		ebs := get(in, "blockDeviceMappings", 0, "ebs")
		out := []string{fmt.Sprintf("disk=%v GiB %s", get(ebs, "volumeSize"), str(get(ebs, "volumeType")))}
		if str(get(ebs, "encrypted")) == "true" {
			out = append(out, "encrypted")
		}
		if str(get(in, "metadataOptions", "httpTokens")) == "required" {
			out = append(out, "IMDSv2 required")
		}
		return out
	},
	"aws:eks/nodeGroup:NodeGroup": func(in map[string]any, x resourceIndex) []string {
		var zones []string
		for _, id := range list(in["subnetIds"]) {
			if z := x.zoneOf(id); z != "" {
				zones = append(zones, z)
			}
		}
		sc := get(in, "scalingConfig")
		return []string{
			"instances=" + strings.Join(strs(in["instanceTypes"]), ","),
			fmt.Sprintf("min/max/desired=%v/%v/%v", get(sc, "minSize"), get(sc, "maxSize"), get(sc, "desiredSize")),
			"az=" + strings.Join(zones, ","),
			str(in["amiType"]),
		}
	},
	"eks:index:Cluster": func(in map[string]any, _ resourceIndex) []string {
		endpoint := "private endpoint"
		if b, _ := in["endpointPublicAccess"].(bool); b {
			endpoint = "public+private endpoint"
		}
		return []string{"name=" + str(in["name"]), "version=" + str(in["version"]), endpoint,
			fmt.Sprintf("control-plane logs=%d", len(list(in["enabledClusterLogTypes"])))}
	},
	"aws:eks/addon:Addon": func(in map[string]any, _ resourceIndex) []string {
		// The version is pinned per Kubernetes version (awsfacts.AddonVersions) or
		// overridden; without a pin it is EKS's default, read at deploy.
		version := str(in["addonVersion"])
		if version == preview.EKSDefaultAddonVersion {
			version = "EKS default (resolved at deploy)"
		}
		return []string{"addon=" + str(in["addonName"]), "version=" + version}
	},
	"aws:iam/rolePolicyAttachment:RolePolicyAttachment": func(in map[string]any, _ resourceIndex) []string {
		return []string{"policy=" + path.Base(str(in["policyArn"]))}
	},
	"aws:efs/fileSystem:FileSystem": func(in map[string]any, _ resourceIndex) []string {
		out := []string{"throughput=" + str(in["throughputMode"])}
		if b, _ := in["encrypted"].(bool); b {
			out = append(out, "encrypted")
		}
		return out
	},
	"aws:efs/mountTarget:MountTarget": func(in map[string]any, x resourceIndex) []string {
		return []string{"az=" + x.zoneOf(in["subnetId"])}
	},
	"aws:s3/bucketV2:BucketV2": func(in map[string]any, _ resourceIndex) []string {
		return []string{"bucket=" + str(in["bucket"])}
	},
	"aws:s3/bucketVersioningV2:BucketVersioningV2": func(in map[string]any, _ resourceIndex) []string {
		return []string{"versioning=" + str(get(in, "versioningConfiguration", "status"))}
	},
	"aws:acm/certificate:Certificate": func(in map[string]any, _ resourceIndex) []string {
		return []string{"domain=" + str(in["domainName"]), "validation=" + str(in["validationMethod"])}
	},
	"kubernetes:storage.k8s.io/v1:StorageClass": func(in map[string]any, _ resourceIndex) []string {
		params := get(in, "parameters")
		return []string{"provisioner=" + str(in["provisioner"]), "type=" + str(get(params, "type")),
			"fsType=" + str(get(params, "csi.storage.k8s.io/fstype")), "binding=" + str(in["volumeBindingMode"])}
	},
}

// get walks nested maps (string keys) and lists (int keys).
func get(v any, keys ...any) any {
	for _, k := range keys {
		switch key := k.(type) {
		case string:
			m, _ := v.(map[string]any)
			v = m[key]
		case int:
			l, _ := v.([]any)
			if key >= len(l) {
				return nil
			}
			v = l[key]
		}
	}
	return v
}

func str(v any) string {
	s, _ := v.(string)
	return s
}

func list(v any) []any {
	l, _ := v.([]any)
	return l
}

func strs(v any) []string {
	var out []string
	for _, e := range list(v) {
		if s, ok := e.(string); ok {
			out = append(out, s)
		}
	}
	return out
}

// firstOf returns the first non-empty string value among keys of m.
func firstOf(m map[string]any, keys ...string) string {
	for _, k := range keys {
		if s := str(m[k]); s != "" {
			return s
		}
	}
	return "?"
}

func portRange(from, to any) string {
	f, t := fmt.Sprint(from), fmt.Sprint(to)
	if f == t {
		return "port " + f
	}
	return "ports " + f + "-" + t
}
