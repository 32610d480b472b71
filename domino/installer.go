package domino

import (
	"fmt"
	"maps"
	"slices"
	"sort"

	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
	"sigs.k8s.io/yaml"
)

// Domino namespaces (seed): platform services, executions, installer metadata.
const (
	NamespacePlatform = "platform"
	NamespaceCompute  = "compute"
	NamespaceSystem   = "domino-system"
)

// InstallerInputs are the deployed values the Domino installer configuration needs.
type InstallerInputs struct {
	ClusterName     string
	Region          string
	Hostname        string
	EfsFileSystemID string
	// EfsAccessPointID is the datasets access point.
	EfsAccessPointID string
	// RegistryBucket is the internal Docker registry's bucket ("" when off).
	RegistryBucket string
	// EcrRepositories maps environment and model to their repository URLs (empty when off).
	EcrRepositories  map[string]string
	BlobsBucket      string
	LogsBucket       string
	BackupsBucket    string
	StorageClassName string
	// CreateBlockStorageClass asks the installer to create the block storage
	// class, with BlockStorageParameters, when Pulumi does not.
	CreateBlockStorageClass bool
	BlockStorageParameters  map[string]string
	// AutoscalerGroups lists each node group's Auto Scaling group with its bounds.
	AutoscalerGroups []AutoscalerGroup
}

// AutoscalerGroup is one Auto Scaling group the cluster autoscaler manages.
type AutoscalerGroup struct {
	Name    string `json:"name"`
	MinSize int    `json:"min_size"`
	MaxSize int    `json:"max_size"`
}

type s3Store struct {
	Type string `json:"type"`
	S3   struct {
		Region string `json:"region"`
		Bucket string `json:"bucket"`
	} `json:"s3"`
}

func newS3Store(region, bucket string) s3Store {
	st := s3Store{Type: "s3"}
	st.S3.Region, st.S3.Bucket = region, bucket
	return st
}

// RenderInstallerValues returns the Domino installer configuration (YAML)
// for a deployment: hostname, namespaces, storage classes (block:
// domino-compute-storage on EBS; shared: the datasets EFS), blob storage
// (projects, logs, backups on S3) and the autoscaler's groups.
func RenderInstallerValues(in InstallerInputs) (string, error) {
	groups := append([]AutoscalerGroup(nil), in.AutoscalerGroups...)
	sort.Slice(groups, func(i, j int) bool { return groups[i].Name < groups[j].Name })
	doc := map[string]any{
		"name":     in.ClusterName,
		"hostname": in.Hostname,
		"namespaces": map[string]any{
			"platform": map[string]any{"name": NamespacePlatform},
			"compute":  map[string]any{"name": NamespaceCompute},
			"system":   map[string]any{"name": NamespaceSystem},
		},
		"storage_classes": map[string]any{
			"block": blockStorageClass(in),
			"shared": map[string]any{
				"create": true, "name": "dominoshared", "type": "efs",
				"access_modes": []string{"ReadWriteMany"},
				"efs": map[string]any{"region": in.Region, "filesystem_id": in.EfsFileSystemID,
					"access_point_id": in.EfsAccessPointID},
			},
		},
		"blob_storage": map[string]any{
			"projects": newS3Store(in.Region, in.BlobsBucket),
			"logs":     newS3Store(in.Region, in.LogsBucket),
			"backups":  newS3Store(in.Region, in.BackupsBucket),
		},
		"autoscaler": map[string]any{
			"enabled":        true,
			"cloud_provider": "aws",
			"auto_discovery": map[string]any{"cluster_name": in.ClusterName},
			"aws":            map[string]any{"region": in.Region},
			"groups":         groups,
		},
	}
	addRegistryValues(doc, in)
	out, err := yaml.Marshal(doc)
	if err != nil {
		return "", fmt.Errorf("installer values: %w", err)
	}
	return string(out), nil
}

// blockStorageClass is the installer's block storage class entry: created by
// the installer (with the class's parameters) when Pulumi did not create it.
func blockStorageClass(in InstallerInputs) map[string]any {
	out := map[string]any{
		"create": in.CreateBlockStorageClass, "name": in.StorageClassName, "type": "ebs",
		"access_modes": []string{"ReadWriteOnce"}, "default": false,
	}
	if in.CreateBlockStorageClass {
		out["parameters"] = in.BlockStorageParameters
	}
	return out
}

// installerValues resolves the deployed values and renders the installer configuration.
func installerValues(s spec, c *cluster, st *storage, b *buckets, pools *nodePools, ext installerExtras) pulumi.StringOutput {
	keys := slices.Sorted(maps.Keys(pools.Groups))
	asgs := pulumi.StringArray{}
	for _, k := range keys {
		ng := pools.Groups[k]
		asgs = append(asgs, asgName(ng))
	}
	return pulumi.All(c.Name, st.FileSystem.ID(), asgs,
		b.Buckets[BucketBlobs].Bucket, b.Buckets[BucketLogs].Bucket, b.Buckets[BucketBackups].Bucket,
		ext.AccessPoint.ID(), optionalBucket(b, BucketRegistry), ext.Registry.repositoryURLs(), s.keyArn(),
	).ApplyT(func(v []any) (string, error) {
		in := InstallerInputs{
			ClusterName: v[0].(string), Region: s.Region, Hostname: s.Hostname,
			EfsFileSystemID: string(v[1].(pulumi.ID)),
			BlobsBucket:     v[3].(string), LogsBucket: v[4].(string), BackupsBucket: v[5].(string),
			StorageClassName:        DefaultStorageClassName,
			CreateBlockStorageClass: !s.CreateStorageClass,
			BlockStorageParameters:  parametersWithKey(storageClass(s.StorageVolumeType).Parameters, v[9].(string)),
			EfsAccessPointID:        string(v[6].(pulumi.ID)), RegistryBucket: v[7].(string),
			EcrRepositories: v[8].(map[string]string),
		}
		for i, name := range v[2].([]string) {
			p := pools.Specs[keys[i]].Pool
			in.AutoscalerGroups = append(in.AutoscalerGroups, AutoscalerGroup{Name: name, MinSize: p.Min, MaxSize: p.Max})
		}
		return RenderInstallerValues(in)
	}).(pulumi.StringOutput)
}
