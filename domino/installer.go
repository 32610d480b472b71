package domino

import (
	"fmt"
	"strings"

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
	// ExternalDockerRegistry is "<registry host>/<cluster>", under which the
	// ECR repositories <...>/environment and <...>/model exist ("" when off).
	ExternalDockerRegistry string
	BlobsBucket            string
	LogsBucket             string
	BackupsBucket          string
	// MonitoringBucket receives the buckets' access logs ("" when off).
	MonitoringBucket string
	// KMSKeyArn is the customer key encrypting the data buckets and the
	// block volumes ("" with AWS managed keys).
	KMSKeyArn        string
	StorageClassName string
	// CreateBlockStorageClass asks the installer to create the block storage
	// class, with BlockStorageParameters, when Pulumi does not.
	CreateBlockStorageClass bool
	BlockStorageParameters  map[string]string
	// ImageRegistry is where Domino's images are mirrored ("" when unset).
	ImageRegistry string
	// CertificateArn is the ACM certificate created for the hostname ("" when none).
	CertificateArn string
}

// InstallerKeys are the top-level keys installer values may carry: the
// infrastructure facts this stack knows, as Domino's Terraform hands them
// over (domino_config_values, examples/deploy/terraform/infra/outputs.tf:
// name, autoscaler, internal_docker_registry, external_docker_registry,
// storage_classes, blob_storage) plus hostname, enable_network_policies (the
// vpc-cni add-on's agent or Calico enforces them), helm.image_registries (imageRegistry) and
// release_overrides (the certificate). Preset-owned keys (namespaces,
// storage_classes.block.default, ...) are left to the preset
// `ddlctl create config --preset eks` writes.
var InstallerKeys = []string{"name", "hostname", "enable_network_policies", "storage_classes", "blob_storage", "autoscaler",
	"internal_docker_registry", "external_docker_registry", "helm", "release_overrides"}

// certificateAnnotation is the Service annotation naming the ACM certificate
// of an AWS load balancer. Source: Kubernetes in-tree AWS cloud provider and
// AWS Load Balancer Controller, "Service annotations"
// (https://kubernetes-sigs.github.io/aws-load-balancer-controller/latest/guide/service/annotations/#ssl-cert);
// Domino's EKS example configuration sets it on nginx-ingress's controller service.
const certificateAnnotation = "service.beta.kubernetes.io/aws-load-balancer-ssl-cert"

// s3Store is a blob store of the installer configuration:
// blob_storage.<store>: {type: s3, s3: {region, bucket, sse_kms_key_id}}.
type s3Store struct {
	Type string  `json:"type"`
	S3   s3Place `json:"s3"`
}

type s3Place struct {
	Region string `json:"region"`
	Bucket string `json:"bucket"`
	// SSEKMSKeyID is the key the bucket's objects are encrypted with.
	SSEKMSKeyID string `json:"sse_kms_key_id,omitempty"`
}

// RenderInstallerValues returns the Domino installer configuration overlay
// (YAML) for a deployment, keyed and nested as Domino's "Install
// configuration reference" documents, to merge into the file
// `ddlctl create config --preset eks` writes: infrastructure facts only
// (InstallerKeys) — hostname, network policies, storage classes (block:
// domino-compute-storage on EBS with the key; shared: the datasets EFS),
// blob storage on S3 with sse_kms_key_id, the autoscaler's auto-discovery,
// the registries (internal on S3, ECR as external_docker_registry, the
// image mirror under helm.image_registries) and the created certificate.
// Preset-owned keys (namespaces, storage_classes.block.default) are left to
// the preset.
//
// It covers every value Domino's Terraform hands over as
// domino_config_values (examples/deploy/terraform/infra/outputs.tf), where
// two keys nest differently: Domino's Terraform puts blob_storage under
// storage_classes and gives each store {region, bucket, sse_kms_key_id}
// without type/s3; the configuration reference has blob_storage at the top
// level with type: s3 and an s3 block. This follows the reference.
func RenderInstallerValues(in InstallerInputs) (string, error) {
	doc := map[string]any{
		"name":     in.ClusterName,
		"hostname": in.Hostname,
		// The vpc-cni add-on's agent or Calico enforces them (the workload
		// table's network-policy-enforced, networkPolicyProvider).
		"enable_network_policies": true,
		"storage_classes": map[string]any{
			"block": blockStorageClass(in),
			"shared": map[string]any{
				"create": true, "name": "dominoshared", "type": "efs",
				"access_modes": []string{"ReadWriteMany"},
				"efs": map[string]any{"region": in.Region, "filesystem_id": in.EfsFileSystemID,
					"access_point_id": in.EfsAccessPointID},
			},
		},
		"blob_storage": blobStores(in),
		// Auto-discovery only: group names go stale when a node group is
		// replaced, and cluster-autoscaler's docs advise against listing
		// groups beside auto-discovery.
		// With karpenter: true it finds only the platform pool's groups:
		// Karpenter-served pools have no Auto Scaling group to discover, so
		// the two never manage the same nodes. Domino documents no installer
		// value for Karpenter (Domino's Terraform v3.49.0 hands none over;
		// its examples/karpenter/MIGRATION.md only scales cluster-autoscaler
		// to zero by kubectl while moving node groups), so none is set.
		"autoscaler": map[string]any{
			"enabled":        true,
			"cloud_provider": "aws",
			"auto_discovery": map[string]any{"cluster_name": in.ClusterName},
			"aws":            map[string]any{"region": in.Region},
		},
	}
	if in.RegistryBucket != "" {
		doc["internal_docker_registry"] = map[string]any{"s3_override": s3Place{
			Region: in.Region, Bucket: in.RegistryBucket, SSEKMSKeyID: in.KMSKeyArn,
		}}
	}
	if in.ExternalDockerRegistry != "" {
		doc["external_docker_registry"] = in.ExternalDockerRegistry
	}
	if in.ImageRegistry != "" {
		// The registry Domino's images are mirrored into: its host, where
		// Domino's EKS example configuration lists image registries (issue
		// 26). Not verified: Domino's Terraform (f22412b0) has no such key
		// (only calico.image_registry), and this project found none in
		// Domino's published configuration reference; `plan` warns that
		// re-pointing the platform images is left to the installer.
		host, _, _ := strings.Cut(in.ImageRegistry, "/")
		doc["helm"] = map[string]any{"image_registries": []map[string]any{{"server": host}}}
	}
	if in.CertificateArn != "" {
		doc["release_overrides"] = map[string]any{"nginx-ingress": map[string]any{"chart_values": map[string]any{
			"controller": map[string]any{"service": map[string]any{"annotations": map[string]any{certificateAnnotation: in.CertificateArn}}},
		}}}
	}
	out, err := yaml.Marshal(doc)
	if err != nil {
		return "", fmt.Errorf("installer values: %w", err)
	}
	return string(out), nil
}

// blobStores are the blob stores: projects (user data), logs and backups,
// each with the customer key when it encrypts them; monitoring (access logs,
// SSE-S3 by necessity) when access logging is on.
func blobStores(in InstallerInputs) map[string]any {
	store := func(bucket, key string) s3Store {
		return s3Store{Type: "s3", S3: s3Place{Region: in.Region, Bucket: bucket, SSEKMSKeyID: key}}
	}
	out := map[string]any{
		"projects": store(in.BlobsBucket, in.KMSKeyArn),
		"logs":     store(in.LogsBucket, in.KMSKeyArn),
		"backups":  store(in.BackupsBucket, in.KMSKeyArn),
	}
	if in.MonitoringBucket != "" {
		out["monitoring"] = store(in.MonitoringBucket, "")
	}
	return out
}

// blockStorageClass is the installer's block storage class entry: created by
// the installer when Pulumi did not create it; its parameters (with the
// key's kmsKeyId, as Domino's Terraform hands over) either way.
func blockStorageClass(in InstallerInputs) map[string]any {
	return map[string]any{
		"create": in.CreateBlockStorageClass, "name": in.StorageClassName, "type": "ebs",
		"access_modes": []string{"ReadWriteOnce"},
		"parameters":   in.BlockStorageParameters,
	}
}

// externalDockerRegistry is the registry prefix Domino appends /environment
// and /model to: the environment repository's URL without its last part.
func externalDockerRegistry(urls map[string]string) string {
	u, ok := urls[RepositoryEnvironment]
	if !ok {
		return ""
	}
	return strings.TrimSuffix(u, "/"+RepositoryEnvironment)
}

// installerValues resolves the deployed values and renders the installer configuration.
func installerValues(s spec, c *cluster, st *storage, b *buckets, ext installerExtras) pulumi.StringOutput {
	return pulumi.All(c.Name, st.FileSystem.ID(),
		b.Buckets[BucketBlobs].Bucket, b.Buckets[BucketLogs].Bucket, b.Buckets[BucketBackups].Bucket,
		ext.AccessPoint.ID(), optionalBucket(b, BucketRegistry), ext.Registry.repositoryURLs(), s.keyArn(),
		optionalBucket(b, BucketMonitoring), ext.CertificateArn,
	).ApplyT(func(v []any) (string, error) {
		key := v[8].(string)
		in := InstallerInputs{
			ClusterName: v[0].(string), Region: s.Region, Hostname: s.Hostname,
			EfsFileSystemID: string(v[1].(pulumi.ID)),
			BlobsBucket:     v[2].(string), LogsBucket: v[3].(string), BackupsBucket: v[4].(string),
			StorageClassName:        DefaultStorageClassName,
			CreateBlockStorageClass: !s.CreateStorageClass,
			BlockStorageParameters:  parametersWithKey(storageClass(s.StorageVolumeType).Parameters, key),
			EfsAccessPointID:        string(v[5].(pulumi.ID)), RegistryBucket: v[6].(string),
			ExternalDockerRegistry: externalDockerRegistry(v[7].(map[string]string)),
			KMSKeyArn:              key,
			MonitoringBucket:       v[9].(string),
			CertificateArn:         v[10].(string),
			ImageRegistry:          s.ImageRegistry,
		}
		return RenderInstallerValues(in)
	}).(pulumi.StringOutput)
}
