package plan

import (
	"encoding/json"
	"fmt"
	"slices"
	"strings"

	"github.com/dominoeks/pulumi-dominoeks/internal/preview"
)

// replaceKeys are the inputs whose change replaces a stateful resource: AWS
// fixes them at creation (a bucket's name, a cluster's name, a repository's
// name), so a new value means a new, empty resource.
var replaceKeys = map[string][]string{
	"aws:s3/bucketV2:BucketV2":                            {"bucket"},
	"aws:s3/bucket:Bucket":                                {"bucket"},
	"aws:eks/cluster:Cluster":                             {"name"},
	"aws:ecr/repository:Repository":                       {"name"},
	"aws:efs/fileSystem:FileSystem":                       {"creationToken", "performanceMode"},
	"aws:kms/key:Key":                                     {"customerMasterKeySpec", "keyUsage"},
	"aws:cloudwatch/logGroup:LogGroup":                    {"name"},
	"aws:iam/openIdConnectProvider:OpenIdConnectProvider": {"url"},
}

// statefulTypes hold data: removing one from the plan leaves it retained (or
// deletes it with deleteDataOnDestroy).
var statefulTypes = []string{"aws:s3/bucketV2:BucketV2", "aws:s3/bucket:Bucket", "aws:efs/fileSystem:FileSystem",
	"aws:kms/key:Key", "aws:ecr/repository:Repository", "aws:eks/cluster:Cluster"}

// LoadPlanResources reads the resources of a `dominoeks plan --json` document.
func LoadPlanResources(path string) ([]preview.Resource, error) {
	data, err := readBounded(path, MaxPlanDocumentBytes)
	if err != nil {
		return nil, fmt.Errorf("read previous plan: %w", err)
	}
	var doc struct {
		Resources []preview.Resource `json:"resources"`
	}
	if err := json.Unmarshal(data, &doc); err != nil {
		return nil, fmt.Errorf("previous plan %s: not a `dominoeks plan --json` document: %w", path, err)
	}
	return doc.Resources, nil
}

// CompareResources warns about what applying the new plan over the old one
// would do to stateful resources: a replacement (a new, empty bucket, file
// system or repository, or a new cluster) or a removal. Pulumi shows these
// in its preview too; the planner says so before any account is involved.
func CompareResources(old, cur []preview.Resource) []string {
	byURN := map[string]preview.Resource{}
	for _, r := range cur {
		byURN[r.URN] = r
	}
	var out []string
	for _, o := range old {
		n, kept := byURN[o.URN]
		if !kept {
			if slices.Contains(statefulTypes, o.Type) {
				out = append(out, fmt.Sprintf("%s %s leaves the plan: renamed or removed, it would be %s", shortType(o.Type), name(o), fate(o)))
			}
			continue
		}
		for _, k := range replaceKeys[o.Type] {
			before, after := fmt.Sprint(o.Inputs[k]), fmt.Sprint(n.Inputs[k])
			if o.Inputs[k] != nil && before != after && after != "<computed>" {
				out = append(out, fmt.Sprintf("%s %s: %s %s → %s replaces it with a new, empty one (AWS fixes %s at creation); the old one would be %s",
					shortType(o.Type), name(o), k, before, after, k, fate(o)))
			}
		}
	}
	slices.Sort(out)
	return out
}

func shortType(typ string) string {
	_, member, _ := strings.Cut(typ, "/")
	if member == "" {
		return typ
	}
	return strings.SplitN(member, ":", 2)[0]
}

func name(r preview.Resource) string {
	if i := strings.LastIndex(r.URN, "::"); i >= 0 {
		return r.URN[i+2:]
	}
	return r.URN
}

func fate(r preview.Resource) string {
	if r.RetainOnDelete {
		return "retained (not deleted; import it to keep using it)"
	}
	return "deleted"
}
