package plan

import (
	"encoding/json"
	"fmt"
	"slices"
	"strings"

	"github.com/dominoeks/pulumi-dominoeks/internal/cliread"
	"github.com/dominoeks/pulumi-dominoeks/internal/preview"
)

// statefulTypes hold data: removing one from the plan leaves it retained (or
// deletes it with deleteDataOnDestroy).
var statefulTypes = []string{"aws:s3/bucketV2:BucketV2", "aws:s3/bucket:Bucket", "aws:efs/fileSystem:FileSystem",
	"aws:kms/key:Key", "aws:ecr/repository:Repository", "aws:eks/cluster:Cluster"}

// PreviousPlan is what `--compare` reads from a `dominoeks plan --json` document.
type PreviousPlan struct {
	Resources []preview.Resource
	// Region the previous plan deployed to (its cost.region).
	Region string
}

// LoadPlan reads a `dominoeks plan --json` document; anything else (`{}`, a
// stack export, an empty plan) is refused.
func LoadPlan(path string) (PreviousPlan, error) {
	data, err := cliread.PlanDocument.Read(path)
	if err != nil {
		return PreviousPlan{}, err
	}
	var doc struct {
		Resources *[]preview.Resource `json:"resources"`
		Cost      *struct {
			Region string `json:"region"`
		} `json:"cost"`
		CriticalPath *json.RawMessage `json:"criticalPath"`
	}
	if err := json.Unmarshal(data, &doc); err != nil {
		return PreviousPlan{}, fmt.Errorf("previous plan %s: not a `dominoeks plan --json` document: %w", path, err)
	}
	if doc.Resources == nil || len(*doc.Resources) == 0 || doc.Cost == nil || doc.CriticalPath == nil {
		return PreviousPlan{}, fmt.Errorf("previous plan %s: not a `dominoeks plan --json` document (it needs resources, cost and criticalPath): write one with `dominoeks plan --json > old.json` before the change", path)
	}
	return PreviousPlan{Resources: *doc.Resources, Region: doc.Cost.Region}, nil
}

// LoadPlanResources reads the resources of a `dominoeks plan --json` document.
func LoadPlanResources(path string) ([]preview.Resource, error) {
	p, err := LoadPlan(path)
	return p.Resources, err
}

// Comparison is what applying a plan over a previous one does to data.
type Comparison struct {
	// Warnings name every replacement or removal, with its cited reason.
	Warnings []string
	// Stateful counts the stateful resources replaced or dropped: CI gates on it.
	Stateful int
}

// Compare compares the previous plan with the current one (in region).
func Compare(prev PreviousPlan, cur []preview.Resource, region string) Comparison {
	if prev.Region != "" && region != "" && prev.Region != region {
		var c Comparison
		for _, o := range prev.Resources {
			if slices.Contains(statefulTypes, o.Type) {
				c.Stateful++
				c.Warnings = append(c.Warnings, fmt.Sprintf("%s %s: region %s → %s replaces it with a new, empty one in %s; the old one would be %s (%s)",
					shortType(o.Type), name(o), prev.Region, region, region, fate(o), RegionFact))
			}
		}
		slices.Sort(c.Warnings)
		return c
	}
	return compareResources(prev.Resources, cur)
}

// CompareResources warns about what applying the new plan over the old one
// would do to stateful resources: a replacement (a new, empty bucket, file
// system or repository, or a new cluster) or a removal. Pulumi shows these
// in its preview too; the planner says so before any account is involved.
func CompareResources(old, cur []preview.Resource) []string {
	return compareResources(old, cur).Warnings
}

func compareResources(old, cur []preview.Resource) Comparison {
	byURN := map[string]preview.Resource{}
	for _, r := range cur {
		byURN[r.URN] = r
	}
	var c Comparison
	for _, o := range old {
		stateful := slices.Contains(statefulTypes, o.Type)
		n, kept := byURN[o.URN]
		if !kept {
			switch {
			case stateful:
				c.Stateful++
				c.Warnings = append(c.Warnings, fmt.Sprintf("%s %s leaves the plan: renamed or removed, it would be %s", shortType(o.Type), name(o), fate(o)))
			case o.Type == typeNodeGroup:
				// No data, but every node is drained and its pods move: never silent
				// (an older stack's spanning platform group becomes one per zone).
				c.Warnings = append(c.Warnings, fmt.Sprintf("%s %s leaves the plan: EKS drains and terminates its nodes and their pods "+
					"reschedule on the plan's other groups of pool %s (README, \"Moving an existing stack's platform pool\")",
					shortType(o.Type), name(o), poolOf(o, nil)))
			}
			continue
		}
		for _, f := range ReplaceFacts[o.Type] {
			before, after := fmt.Sprint(o.Inputs[f.Key]), fmt.Sprint(n.Inputs[f.Key])
			if before == after || after == "<computed>" || o.Inputs[f.Key] == nil {
				continue // adding a setting (secrets encryption, say) is an update
			}
			if stateful || o.Type == "aws:ec2/vpc:Vpc" {
				c.Stateful++
			}
			c.Warnings = append(c.Warnings, fmt.Sprintf("%s %s: %s %s → %s replaces it (%s); the old one would be %s (%s)",
				shortType(o.Type), name(o), f.Key, before, after, f.Why, fate(o), f.Source))
		}
		for _, f := range RollFacts[o.Type] {
			before, after := fmt.Sprint(o.Inputs[f.Key]), fmt.Sprint(n.Inputs[f.Key])
			if before != after && o.Inputs[f.Key] != nil && after != "<computed>" {
				c.Warnings = append(c.Warnings, fmt.Sprintf("%s %s: %s %s → %s %s (%s)", shortType(o.Type), name(o), f.Key, before, after, f.Why, f.Source))
			}
		}
	}
	slices.Sort(c.Warnings)
	return c
}

// RollFacts are inputs whose change updates a resource in place but replaces
// what runs on it: a node group's nodes. Not stateful (the data is elsewhere),
// but worth a line in `--compare`.
var RollFacts = map[string][]ReplaceFact{
	"aws:eks/nodeGroup:NodeGroup": {{Key: "releaseVersion", Why: "rolls the group's nodes onto the new AMI, max unavailable per its updateConfig",
		Source: "EKS user guide, \"Update a managed node group for your cluster\" (https://docs.aws.amazon.com/eks/latest/userguide/update-managed-node-group.html)"}},
}

func shortType(typ string) string {
	_, member, _ := strings.Cut(typ, "/")
	if member == "" {
		return typ
	}
	return strings.SplitN(member, ":", 2)[0]
}

func name(r preview.Resource) string { return urnName(r.URN) }

// urnName is the logical name at the end of a URN.
func urnName(urn string) string {
	if i := strings.LastIndex(urn, "::"); i >= 0 {
		return urn[i+2:]
	}
	return urn
}

func fate(r preview.Resource) string {
	if r.RetainOnDelete {
		return "retained (not deleted; import it to keep using it)"
	}
	return "deleted"
}
