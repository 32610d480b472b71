package domino_test

import (
	"encoding/base64"
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/dominoeks/pulumi-dominoeks/domino"
	"github.com/dominoeks/pulumi-dominoeks/internal/preview"
	"github.com/stretchr/testify/require"
)

var update = flag.Bool("update", false, "rewrite golden files")

const (
	nodeGroupType = "aws:eks/nodeGroup:NodeGroup"
	ltType        = "aws:ec2/launchTemplate:LaunchTemplate"
	subnetType    = "aws:ec2/subnet:Subnet"
	asgTagType    = "aws:autoscaling/tag:Tag"
	componentType = "dominoeks:index:DominoEKS"
)

// plan runs NewDominoEKS("domino", args) under the preview engine.
func plan(t testing.TB, args domino.DominoEKSArgs) *preview.Result {
	t.Helper()
	res, err := preview.Run(domino.Program("domino", args), preview.Options{})
	require.NoError(t, err)
	return res
}

// golden compares got with testdata/name, rewriting it under -update.
func golden(t *testing.T, name, got string) {
	t.Helper()
	path := filepath.Join("testdata", name)
	if *update {
		require.NoError(t, os.WriteFile(path, []byte(got), 0o644))
	}
	want, err := os.ReadFile(path)
	require.NoError(t, err, "missing golden file; run go test ./domino -update")
	require.Equal(t, string(want), got, "golden %s differs; run go test ./domino -update if intended", name)
}

// m navigates nested plain maps: m(res.Inputs, "scalingConfig", "minSize").
func m(v any, path ...string) any {
	for _, p := range path {
		mm, ok := v.(map[string]any)
		if !ok {
			return nil
		}
		v = mm[p]
	}
	return v
}

func strs(v any) []string {
	arr, _ := v.([]any)
	out := make([]string, 0, len(arr))
	for _, e := range arr {
		out = append(out, e.(string))
	}
	return out
}

func num(v any) int {
	f, _ := v.(float64)
	return int(f)
}

// nodeGroupView is a node group as the seed's table describes it.
type nodeGroupView struct {
	Name          string
	AZs           []string
	InstanceTypes []string
	Min, Max, Des int
	DiskGiB       int
	Labels        map[string]string
	AmiType       string
	LaunchTmpl    map[string]any
	Taints        []any
}

func nodeGroups(t *testing.T, res *preview.Result) map[string]nodeGroupView {
	t.Helper()
	subnetAZ := map[string]string{}
	for _, s := range res.Find(subnetType) {
		subnetAZ[s.ID] = s.Inputs["availabilityZone"].(string)
	}
	lts := map[string]map[string]any{}
	for _, lt := range res.Find(ltType) {
		lts[lt.ID] = lt.Inputs
	}
	out := map[string]nodeGroupView{}
	for _, ng := range res.Find(nodeGroupType) {
		v := nodeGroupView{
			Name:          ng.Name,
			InstanceTypes: strs(ng.Inputs["instanceTypes"]),
			Min:           num(m(ng.Inputs, "scalingConfig", "minSize")),
			Max:           num(m(ng.Inputs, "scalingConfig", "maxSize")),
			Des:           num(m(ng.Inputs, "scalingConfig", "desiredSize")),
			Labels:        map[string]string{},
			AmiType:       ng.Inputs["amiType"].(string),
		}
		for _, id := range strs(ng.Inputs["subnetIds"]) {
			v.AZs = append(v.AZs, subnetAZ[id])
		}
		sort.Strings(v.AZs)
		for k, val := range ng.Inputs["labels"].(map[string]any) {
			v.Labels[k] = val.(string)
		}
		lt := lts[m(ng.Inputs, "launchTemplate", "id").(string)]
		require.NotNil(t, lt, "node group %s launch template", ng.Name)
		v.LaunchTmpl = lt
		bdm := lt["blockDeviceMappings"].([]any)[0]
		v.DiskGiB = num(m(bdm, "ebs", "volumeSize"))
		v.Taints, _ = ng.Inputs["taints"].([]any)
		out[ng.Name] = v
	}
	return out
}

func userData(t *testing.T, lt map[string]any) string {
	t.Helper()
	ud, ok := lt["userData"].(string)
	if !ok {
		return ""
	}
	raw, err := base64.StdEncoding.DecodeString(ud)
	require.NoError(t, err)
	return string(raw)
}

func urns(res *preview.Result) []string {
	out := make([]string, 0, len(res.Resources))
	for _, r := range res.Resources {
		out = append(out, r.URN)
	}
	return out
}

func policyJSON(t *testing.T, s string) map[string]any {
	t.Helper()
	var doc map[string]any
	require.NoError(t, json.Unmarshal([]byte(s), &doc))
	return doc
}

func hasPrefixAny(s string, prefixes ...string) bool {
	for _, p := range prefixes {
		if strings.HasPrefix(s, p) {
			return true
		}
	}
	return false
}
