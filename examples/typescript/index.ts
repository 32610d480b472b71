// The seed's Domino-ready EKS cluster from TypeScript: us-west-2 a/b/c, the
// platform pool (3 × m5.4xlarge, 128 GiB) spanning the zones, the default pool
// (1-20 × m5.2xlarge, 400 GiB) per zone, and the optional default-gpu pool
// (`pulumi config set enableGpuPool true`). The same program as
// examples/yaml/Pulumi.yaml and, in Go, examples/default.
import * as pulumi from "@pulumi/pulumi";
import * as dominoeks from "@dominoeks/pulumi-dominoeks";

const config = new pulumi.Config();

const domino = new dominoeks.DominoEKS("domino", {
    region: "us-west-2",
    availabilityZones: ["us-west-2a", "us-west-2b", "us-west-2c"],
    kubernetesVersion: "1.35",
    natMode: "per-az",
    platformPool: {
        instanceTypes: ["m5.4xlarge"],
        minSize: 3,
        maxSize: 3,
        desiredSize: 3,
        diskSizeGib: 128,
    },
    defaultPool: {
        instanceTypes: ["m5.2xlarge"],
        minSize: 1,
        maxSize: 20,
        desiredSize: 1,
        diskSizeGib: 400,
    },
    enableGpuPool: config.getBoolean("enableGpuPool") ?? false,
});

// What a platform engineer records for the Domino installer.
export const clusterName = domino.clusterName;
export const kubeconfig = domino.kubeconfig;
export const vpcId = domino.vpcId;
export const nodeRoleArn = domino.nodeRoleArn;
export const nodeGroups = domino.nodeGroups;
export const autoscalingGroups = domino.autoscalingGroups;
export const efsFileSystemId = domino.efsFileSystemId;
export const blobsBucket = domino.blobsBucket;
export const logsBucket = domino.logsBucket;
export const backupsBucket = domino.backupsBucket;
export const storageClassName = domino.storageClassName;
export const installerValues = domino.installerValues;
