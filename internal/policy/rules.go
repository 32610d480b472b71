package policy

import (
	"fmt"
	"github.com/dominoeks/pulumi-dominoeks/internal/iamdoc"
	"github.com/dominoeks/pulumi-dominoeks/internal/preview"
	"slices"
	"strings"
)

var allLogTypes = []string{"api", "audit", "authenticator", "controllerManager", "scheduler"}

func checkEBSEncrypted(p *plan) []Violation {
	var out []Violation
	for _, lt := range p.of(tLaunchTemplate) {
		for _, bdm := range list(lt.Inputs["blockDeviceMappings"]) {
			if ebs := get(bdm, "ebs"); ebs != nil && !truthy(get(ebs, "encrypted")) {
				out = append(out, Violation{URN: lt.URN, Message: fmt.Sprintf("volume %s is not encrypted", str(get(bdm, "deviceName")))})
			}
		}
	}
	for _, sc := range p.of(tStorageClass) {
		prov := str(sc.Inputs["provisioner"])
		if (prov == "ebs.csi.aws.com" || prov == "kubernetes.io/aws-ebs") && !truthy(get(sc.Inputs, "parameters", "encrypted")) {
			out = append(out, Violation{URN: sc.URN, Message: "EBS storage class does not set encrypted: \"true\""})
		}
	}
	return out
}

func checkEFSEncrypted(p *plan) []Violation {
	var out []Violation
	for _, fs := range p.of(tEFS) {
		if !truthy(fs.Inputs["encrypted"]) {
			out = append(out, Violation{URN: fs.URN, Message: "file system is not encrypted"})
		}
	}
	return out
}

// buckets returns the planned buckets by name.
func (p *plan) buckets() map[string]string {
	out := map[string]string{}
	for _, b := range p.of(tBucket, tBucketLegacy) {
		out[str(b.Inputs["bucket"])] = b.URN
	}
	return out
}

// bucketsWithout reports every planned bucket not in has.
func (p *plan) bucketsWithout(has map[string]bool, problem string) []Violation {
	var out []Violation
	for name, urn := range p.buckets() {
		if !has[name] {
			out = append(out, Violation{URN: urn, Message: "bucket " + name + " " + problem})
		}
	}
	return out
}

func checkS3Encrypted(p *plan) []Violation {
	enc := map[string]bool{}
	for _, r := range p.of(tSSE) {
		for _, rule := range list(r.Inputs["rules"]) {
			if alg := str(get(rule, "applyServerSideEncryptionByDefault", "sseAlgorithm")); alg == "AES256" || strings.HasPrefix(alg, "aws:kms") {
				enc[bucketName(r)] = true
			}
		}
	}
	return p.bucketsWithout(enc, "has no default server-side encryption")
}

func checkS3PublicAccess(p *plan) []Violation {
	blocked := map[string]bool{}
	for _, r := range p.of(tPAB) {
		all := true
		for _, k := range []string{"blockPublicAcls", "blockPublicPolicy", "ignorePublicAcls", "restrictPublicBuckets"} {
			all = all && truthy(r.Inputs[k])
		}
		if all {
			blocked[bucketName(r)] = true
		}
	}
	return p.bucketsWithout(blocked, "does not block all public access")
}

// statement is an IAM policy statement with Action/Resource normalised to lists.
type statement = iamdoc.Statement

func parsePolicy(doc string) ([]statement, error) { return iamdoc.Parse(doc) }

func stringList(v any) []string { return iamdoc.Strings(v) }

func checkS3TLS(p *plan) []Violation {
	tls := map[string]bool{}
	for _, r := range p.of(tBucketPolicy) {
		stmts, err := parsePolicy(str(r.Inputs["policy"]))
		if err != nil {
			continue
		}
		for _, s := range stmts {
			cond := str(get(s.Condition, "Bool", "aws:SecureTransport"))
			if s.Effect == "Deny" && cond == "false" && (slices.Contains(s.Actions, "s3:*") || slices.Contains(s.Actions, "*")) {
				name := bucketName(r)
				if slices.Contains(s.Resources, "arn:aws:s3:::"+name) && slices.Contains(s.Resources, "arn:aws:s3:::"+name+"/*") {
					tls[name] = true
				}
			}
		}
	}
	return p.bucketsWithout(tls, "has no policy denying non-TLS requests")
}

func checkIMDSv2(p *plan) []Violation {
	var out []Violation
	for _, lt := range p.of(tLaunchTemplate) {
		if str(get(lt.Inputs, "metadataOptions", "httpTokens")) != "required" {
			out = append(out, Violation{URN: lt.URN, Message: "metadataOptions.httpTokens is not \"required\" (IMDSv2)"})
		}
	}
	return out
}

func checkNodesPrivate(p *plan) []Violation {
	var out []Violation
	// Subnets whose route table sends traffic to an Internet gateway are public.
	rtPublic := map[string]bool{}
	for _, rt := range p.of(tRouteTable) {
		for _, r := range list(rt.Inputs["routes"]) {
			if strings.HasPrefix(str(get(r, "gatewayId")), "igw-") {
				rtPublic[rt.ID] = true
			}
		}
	}
	subnetPublic := map[string]bool{}
	for _, a := range p.of(tRTAssoc) {
		if rtPublic[str(a.Inputs["routeTableId"])] {
			subnetPublic[str(a.Inputs["subnetId"])] = true
		}
	}
	for _, ng := range p.of(tNodeGroup) {
		for _, id := range stringList(ng.Inputs["subnetIds"]) {
			sub, known := p.byID[id]
			switch {
			case subnetPublic[id]:
				out = append(out, Violation{URN: ng.URN, Message: "uses subnet " + id + ", which routes to an Internet gateway"})
			case known && truthy(sub.Inputs["mapPublicIpOnLaunch"]):
				out = append(out, Violation{URN: ng.URN, Message: "uses subnet " + id + ", which assigns public IPs"})
			}
		}
	}
	for _, lt := range p.of(tLaunchTemplate) {
		for _, ni := range list(lt.Inputs["networkInterfaces"]) {
			if truthy(get(ni, "associatePublicIpAddress")) {
				out = append(out, Violation{URN: lt.URN, Message: "network interface associates a public IP"})
			}
		}
	}
	return out
}

func checkIAMExact(p *plan) []Violation {
	known := p.buckets()
	var out []Violation
	for _, r := range p.of(tRolePolicy, tPolicy) {
		stmts, err := parsePolicy(str(r.Inputs["policy"]))
		if err != nil {
			out = append(out, Violation{URN: r.URN, Message: "policy document does not parse: " + err.Error()})
			continue
		}
		for _, s := range stmts {
			if s.Effect != "Allow" {
				continue
			}
			s3 := false
			for _, a := range s.Actions {
				if a == "*" || a == "s3:*" || strings.HasPrefix(a, "s3:") && strings.Contains(a, "*") {
					out = append(out, Violation{URN: r.URN, Message: "allows wildcard action " + a})
				}
				if strings.HasPrefix(a, "s3:") || a == "*" {
					s3 = true
				}
			}
			if !s3 {
				continue
			}
			for _, res := range s.Resources {
				name := strings.TrimSuffix(strings.TrimPrefix(res, "arn:aws:s3:::"), "/*")
				if res == "*" || !strings.HasPrefix(res, "arn:aws:s3:::") || strings.Contains(name, "*") {
					out = append(out, Violation{URN: r.URN, Message: "S3 access on non-exact resource " + res})
				} else if _, ok := known[name]; !ok {
					out = append(out, Violation{URN: r.URN, Message: "S3 access on a bucket this plan does not own: " + res})
				}
			}
		}
	}
	return out
}

// nodeSecurityGroups are the security groups attached to node launch templates
// other than the EKS-managed cluster security group.
func (p *plan) nodeSecurityGroups() map[string]bool {
	out := map[string]bool{}
	for _, lt := range p.of(tLaunchTemplate) {
		for _, id := range stringList(lt.Inputs["vpcSecurityGroupIds"]) {
			if _, planned := p.byID[id]; planned {
				out[id] = true
			}
		}
	}
	return out
}

// ingressRules returns every ingress rule as (security group id, rule inputs, urn).
type ingress struct {
	sg, urn    string
	protocol   string
	from, to   float64
	cidrs      []string
	sourceSG   string
	selfSource bool
}

func (p *plan) ingressRules() []ingress {
	var out []ingress
	for _, sg := range p.of(tSG) {
		for _, r := range list(sg.Inputs["ingress"]) {
			in := ingress{sg: sg.ID, urn: sg.URN, protocol: str(get(r, "protocol")), cidrs: append(stringList(get(r, "cidrBlocks")), stringList(get(r, "ipv6CidrBlocks"))...), selfSource: truthy(get(r, "self"))}
			in.from, _ = get(r, "fromPort").(float64)
			in.to, _ = get(r, "toPort").(float64)
			if sgs := stringList(get(r, "securityGroups")); len(sgs) > 0 {
				in.sourceSG = sgs[0]
			}
			out = append(out, in)
		}
	}
	for _, r := range p.of(tSGRule) {
		if str(r.Inputs["type"]) != "ingress" {
			continue
		}
		in := ingress{sg: str(r.Inputs["securityGroupId"]), urn: r.URN, protocol: str(r.Inputs["protocol"]),
			cidrs: append(stringList(r.Inputs["cidrBlocks"]), stringList(r.Inputs["ipv6CidrBlocks"])...), sourceSG: str(r.Inputs["sourceSecurityGroupId"]), selfSource: truthy(r.Inputs["self"])}
		in.from, _ = r.Inputs["fromPort"].(float64)
		in.to, _ = r.Inputs["toPort"].(float64)
		out = append(out, in)
	}
	for _, r := range p.of(tSGIngress) {
		in := ingress{sg: str(r.Inputs["securityGroupId"]), urn: r.URN, protocol: str(r.Inputs["ipProtocol"]), sourceSG: str(r.Inputs["referencedSecurityGroupId"])}
		for _, k := range []string{"cidrIpv4", "cidrIpv6"} {
			if c := str(r.Inputs[k]); c != "" {
				in.cidrs = append(in.cidrs, c)
			}
		}
		in.from, _ = r.Inputs["fromPort"].(float64)
		in.to, _ = r.Inputs["toPort"].(float64)
		out = append(out, in)
	}
	return out
}

func checkEFSIngress(p *plan) []Violation {
	efsSGs := map[string]bool{}
	for _, mt := range p.of(tMountTarget) {
		for _, id := range stringList(mt.Inputs["securityGroups"]) {
			efsSGs[id] = true
		}
	}
	nodeSGs := p.nodeSecurityGroups()
	var out []Violation
	for _, in := range p.ingressRules() {
		if !efsSGs[in.sg] {
			continue
		}
		switch {
		case len(in.cidrs) > 0:
			out = append(out, Violation{URN: in.urn, Message: fmt.Sprintf("EFS security group admits CIDRs %v", in.cidrs)})
		case in.protocol != "tcp" || in.from != 2049 || in.to != 2049:
			out = append(out, Violation{URN: in.urn, Message: fmt.Sprintf("EFS security group admits %s %v-%v; only TCP 2049 is allowed", in.protocol, in.from, in.to)})
		case !nodeSGs[in.sourceSG]:
			out = append(out, Violation{URN: in.urn, Message: "NFS source " + in.sourceSG + " is not the node security group"})
		}
	}
	return out
}

func openCIDR(c string) bool { return c == "0.0.0.0/0" || c == "::/0" }

func checkOpenIngress(p *plan) []Violation {
	var out []Violation
	for _, in := range p.ingressRules() {
		for _, c := range in.cidrs {
			if openCIDR(c) {
				out = append(out, Violation{URN: in.urn, Message: "ingress from " + c})
			}
		}
	}
	for _, c := range p.of(tEKSComponent) {
		if truthy(c.Inputs["endpointPublicAccess"]) {
			cidrs := stringList(c.Inputs["publicAccessCidrs"])
			if len(cidrs) == 0 {
				out = append(out, Violation{URN: c.URN, Message: "public API endpoint without publicAccessCidrs is open to 0.0.0.0/0"})
			}
			for _, cidr := range cidrs {
				if openCIDR(cidr) {
					out = append(out, Violation{URN: c.URN, Message: "public API endpoint open to " + cidr})
				}
			}
		}
	}
	return out
}

func checkLogging(p *plan) []Violation {
	var out []Violation
	clusters := p.of(tEKSComponent, tEKSCluster)
	if len(clusters) == 0 {
		return []Violation{{Message: "the plan has no EKS cluster"}}
	}
	for _, c := range clusters {
		got := stringList(c.Inputs["enabledClusterLogTypes"])
		for _, want := range allLogTypes {
			if !slices.Contains(got, want) {
				out = append(out, Violation{URN: c.URN, Message: "control-plane log type " + want + " is not enabled"})
			}
		}
	}
	return out
}

func checkRetained(p *plan) []Violation {
	var out []Violation
	for _, r := range p.of(tEFS, tBucket, tBucketLegacy) {
		if !r.RetainOnDelete {
			out = append(out, Violation{URN: r.URN, Message: "stateful resource is not retained on delete"})
		}
		if truthy(r.Inputs["forceDestroy"]) {
			out = append(out, Violation{URN: r.URN, Message: "bucket is force-destroyable"})
		}
	}
	return out
}

// checkEndpoints: every interface endpoint has private DNS (nodes reach AWS
// APIs by their usual names, privately) and sits behind security groups
// whose ingress is TCP 443 from security groups only.
func checkEndpoints(p *plan) []Violation {
	var out []Violation
	sgs := map[string]preview.Resource{}
	for _, sg := range p.of(tSG) {
		sgs[sg.ID] = sg
	}
	for _, ep := range p.of(tVpcEndpoint) {
		if str(ep.Inputs["vpcEndpointType"]) != "Interface" {
			continue
		}
		if !truthy(ep.Inputs["privateDnsEnabled"]) {
			out = append(out, Violation{URN: ep.URN, Message: "interface endpoint without private DNS"})
		}
		for _, id := range stringList(ep.Inputs["securityGroupIds"]) {
			sg, ok := sgs[id]
			if !ok {
				continue
			}
			for _, r := range list(sg.Inputs["ingress"]) {
				from, _ := get(r, "fromPort").(float64)
				to, _ := get(r, "toPort").(float64)
				if str(get(r, "protocol")) != "tcp" || from != 443 || to != 443 || len(stringList(get(r, "cidrBlocks"))) > 0 {
					out = append(out, Violation{URN: sg.URN, Message: "endpoint security group admits more than HTTPS from security groups"})
				}
			}
		}
	}
	return out
}
