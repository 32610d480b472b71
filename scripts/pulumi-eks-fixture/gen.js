#!/usr/bin/env node
// gen.js records what the real pulumi-eks v2.8.1 `eks:index:Cluster` component
// registers, and what it returns to the engine, for the arguments our Go
// component (domino/cluster.go) passes.
//
// It runs the provider's own JavaScript (node_modules/@pulumi/eks, the code the
// pulumi-resource-eks v2.8.1 plugin is built from) through the same entry point
// the plugin's Construct RPC uses (cmd/provider/cluster.js
// clusterProviderFactory().construct), under @pulumi/pulumi runtime mocks, and
// records every RegisterResource / RegisterResourceOutputs / Invoke request off
// the mock monitor, i.e. the wire form the engine would receive.
//
//   npm ci && node gen.js > children-2.8.1.json     all variants, one JSON
//   node gen.js --variant a                          one variant (used internally)
//
// Each variant runs in its own child process: the Pulumi runtime state is global.
// Fake `aws` and `kubectl` executables are put first on PATH (pulumi-eks checks
// their versions, dependencies.ts); every invocation is logged and reported.
"use strict";

const childProcess = require("child_process");
const crypto = require("crypto");
const fs = require("fs");
const os = require("os");
const path = require("path");

const ACCOUNT = "123456789012";
const REGION = "us-west-2";
const COMPONENT = "domino-eks"; // logical name newCluster gives eks.NewCluster (n + "-eks")
const CLUSTER_NAME = "domino"; // s.ClusterName
const PARENT_TYPE = "dominoeks:index:DominoEKS"; // domino.Token
const PARENT_NAME = "domino";

const ADMIN_ROLE = `arn:aws:iam::${ACCOUNT}:role/domino-admin`;
const KEY_ARN = `arn:aws:kms:${REGION}:${ACCOUNT}:key/11111111-2222-3333-4444-555555555555`;

// Variants: each is a function of the base arguments. `config` is Pulumi stack
// config the engine hands the provider in ConstructRequest; `env` is the
// provider process environment (inherited from the pulumi CLI).
const VARIANTS = {
    a: { doc: "base: the arguments domino/cluster.go passes (preview)" },
    "a-up": { doc: "base, run as an update (isDryRun() false) instead of a preview", preview: false },
    b: {
        doc: "base + accessEntries with one extra admin principal (AmazonEKSClusterAdminPolicy, cluster scope)",
        args: (x) => ({
            ...x,
            accessEntries: {
                admin: {
                    principalArn: ADMIN_ROLE,
                    accessPolicies: {
                        clusterAdmin: {
                            policyArn: "arn:aws:eks::aws:cluster-access-policy/AmazonEKSClusterAdminPolicy",
                            accessScope: { type: "cluster" },
                        },
                    },
                },
            },
        }),
    },
    "c-profile": {
        doc: "base + providerCredentialOpts {profileName: prod}",
        args: (x) => ({ ...x, providerCredentialOpts: { profileName: "prod" } }),
    },
    "c-role": {
        doc: "base + providerCredentialOpts {roleArn: deployer}",
        args: (x) => ({ ...x, providerCredentialOpts: { roleArn: `arn:aws:iam::${ACCOUNT}:role/deployer` } }),
    },
    "c-config-aws-profile": {
        doc: "base, no providerCredentialOpts, stack config aws:profile=prod (createCluster reads it)",
        config: { "aws:profile": "prod" },
    },
    "c-env-AWS_PROFILE": {
        doc: "base, no providerCredentialOpts, AWS_PROFILE=prod in the provider's environment",
        env: { AWS_PROFILE: "prod" },
    },
    d: {
        doc: "base + encryptionConfigKeyArn (a KMS key ARN output)",
        args: (x, o) => ({ ...x, encryptionConfigKeyArn: o(KEY_ARN) }),
    },
    "m-getKubeconfig": {
        doc: "base, then the eks:index:Cluster/getKubeconfig method (Go: Cluster.GetKubeconfig) with profileName and roleArn; see methodResult",
        method: { profileName: "prod", roleArn: `arn:aws:iam::${ACCOUNT}:role/deployer` },
    },
    e: {
        doc: "base with endpointPublicAccess true and publicAccessCidrs (preview; the /healthz wait only runs on update)",
        args: (x) => ({ ...x, endpointPublicAccess: true, publicAccessCidrs: ["203.0.113.0/24"] }),
    },
};

// Where each child comes from in pulumi-eks v2.8.1 (github.com/pulumi/pulumi-eks,
// tag v2.8.1, nodejs/eks/*.ts), matched on the suffix after the component name.
const SOURCES = [
    [/-eksRole$/, "cluster.ts:497-510 (new ServiceRole(`${name}-eksRole`)), servicerole.ts:66"],
    [/-eksRole-role$/, "servicerole.ts:82-90 (new aws.iam.Role(`${name}-role`), no name: auto-named)"],
    [/-eksRole-[0-9a-f]{8}$/, "servicerole.ts:93-103 (`${name}-${sha1hash(policy.id)}`, sha1 of the policy id, 8 hex)"],
    [/-eksClusterSecurityGroup$/, "cluster.ts:519-533"],
    [/-eksClusterInternetEgressRule$/, "cluster.ts:536-548"],
    [/-eksCluster$/, "cluster.ts:586-629 (accessConfig 611-619, ignoreChanges 627)"],
    [/-eks-k8s$/, "cluster.ts:739-746 (kubeconfig = genKubeconfig(true), with AWS_PROFILE)"],
    [/-defaultNodeGroupInstanceRole$/, "cluster.ts:850-864 -> authenticationMode.ts:179-192"],
    [/-nodeSecurityGroup$/, "securitygroup.ts:101-115 (called from cluster.ts:1919-1933)"],
    [/-eksNodeIngressRule$/, "securitygroup.ts:118-129"],
    [/-eksNodeClusterIngressRule$/, "securitygroup.ts:132-144"],
    [/-eksExtApiServerClusterIngressRule$/, "securitygroup.ts:147-159"],
    [/-eksNodeInternetEgressRule$/, "securitygroup.ts:162-173"],
    [/-eksClusterIngressRule$/, "securitygroup.ts:176-187"],
    [/-provider$/, "cluster.ts:1964-1970 (kubeconfigJson = genKubeconfig(false), no AWS_PROFILE)"],
    [/-admin-clusterAdmin$/, "authenticationMode.ts:194-210 (`${componentName}-${name}-${associationName}`, parent: the entry)"],
    [/-admin$/, "cluster.ts:866-872 -> authenticationMode.ts:184-192 (`${componentName}-${name}`)"],
];

function sourceOf(name) {
    for (const [re, src] of SOURCES) if (re.test(name)) return src;
    return undefined;
}

// schemaOutputs lists eks:index:Cluster's outputs from the package's schema.json.
function schemaOutputs() {
    const schema = require("@pulumi/eks/cmd/provider/schema.json");
    const r = schema.resources["eks:index:Cluster"];
    const required = new Set(r.requiredOutputs || []);
    return {
        requiredOutputs: r.requiredOutputs || [],
        note: "schema.json declares no requiredOutputs for eks:index:Cluster; the Go SDK types are in sdk/v2@v2.8.1/go/eks/cluster.go",
        properties: Object.fromEntries(
            Object.entries(r.properties).map(([k, v]) => [
                k,
                { type: v.$ref || (v.items ? `array<${v.items.$ref || v.items.type}>` : v.type), required: required.has(k) },
            ]),
        ),
        methods: r.methods || {},
    };
}

// ---------------------------------------------------------------- driver ----

function writeFakeTools(dir) {
    const log = path.join(dir, "calls.log");
    const aws =
        `#!/bin/sh\necho "aws $*" >> "${log}"\n` +
        `case "$1" in --version) echo "aws-cli/2.17.0 Python/3.11.9 Linux/6.1 exe/x86_64.ubuntu.22";; ` +
        `*) echo "fake aws: unexpected call: $*" >&2; exit 1;; esac\n`;
    const kubectl =
        `#!/bin/sh\necho "kubectl $*" >> "${log}"\n` +
        `case "$*" in "version --client=true --output=json") echo '{"clientVersion":{"major":"1","minor":"31",` +
        `"gitVersion":"v1.31.0","platform":"linux/amd64"},"kustomizeVersion":"v5.4.2"}';; ` +
        `*) echo "fake kubectl: unexpected call: $*" >&2; exit 1;; esac\n`;
    fs.writeFileSync(path.join(dir, "aws"), aws, { mode: 0o755 });
    fs.writeFileSync(path.join(dir, "kubectl"), kubectl, { mode: 0o755 });
    return log;
}

function runAll() {
    const started = Date.now();
    const out = {
        generatedBy: "gen.js (node gen.js > children-2.8.1.json)",
        versions: {},
        conventions: {
            component: `${PARENT_TYPE} "${PARENT_NAME}" -> eks:index:Cluster "${COMPONENT}" (name arg "${CLUSTER_NAME}")`,
            parent: "parent is \"<type>::<name>\" of the parent resource",
            refs: "{\"$ref\": \"<type>::<name>\", id} is a resource reference; \"<unknown>\" an unknown; {\"$secret\": v} a secret",
            autoName:
                "autoName is what the AWS provider fills in when the name property is not set: <logical name>-<7 hex>, checked against maxLen (pulumi-aws provider/resources.go)",
            mockValues: "ids, ARNs, endpoint and CA data are mock values chosen by gen.js, not by pulumi-eks",
        },
        schemaOutputs: schemaOutputs(),
        variants: {},
    };
    for (const p of ["eks", "pulumi", "aws", "kubernetes"]) {
        out.versions[`@pulumi/${p}`] = require(`@pulumi/${p}/package.json`).version;
    }
    out.versions.node = process.version;
    for (const id of Object.keys(VARIANTS)) {
        const v = VARIANTS[id];
        const dir = fs.mkdtempSync(path.join(os.tmpdir(), "eksfix-"));
        const log = writeFakeTools(dir);
        const env = { ...process.env, PATH: `${dir}${path.delimiter}${process.env.PATH}` };
        delete env.AWS_PROFILE;
        delete env.PULUMI_CONFIG;
        Object.assign(env, v.env || {});
        const r = childProcess.spawnSync(process.execPath, [__filename, "--variant", id], {
            env,
            encoding: "utf8",
            maxBuffer: 64 << 20,
        });
        if (r.status !== 0) {
            process.stderr.write(r.stderr);
            throw new Error(`variant ${id} failed (exit ${r.status})`);
        }
        const res = JSON.parse(r.stdout);
        res.externalCommands = fs.existsSync(log) ? fs.readFileSync(log, "utf8").trim().split("\n") : [];
        out.variants[id] = res;
        fs.rmSync(dir, { recursive: true, force: true });
    }
    out.diffFromBase = diffVariants(out.variants);
    out.generationSeconds = Math.round((Date.now() - started) / 100) / 10;
    process.stdout.write(JSON.stringify(out, null, 2) + "\n");
}

// diffVariants lists, per variant, the children added/removed versus "a" and
// the children whose inputs differ.
function diffVariants(variants) {
    const base = variants.a;
    const key = (c) => `${c.type}::${c.name}`;
    const byKey = (v) => new Map(v.children.map((c) => [key(c), c]));
    const b = byKey(base);
    const result = {};
    for (const [id, v] of Object.entries(variants)) {
        if (id === "a") continue;
        const m = byKey(v);
        const d = { added: [], removed: [], changedInputs: {} };
        for (const k of m.keys()) if (!b.has(k)) d.added.push(k);
        for (const k of b.keys()) if (!m.has(k)) d.removed.push(k);
        for (const [k, c] of m) {
            if (!b.has(k)) continue;
            const before = b.get(k).inputs;
            const changed = Object.keys({ ...before, ...c.inputs }).filter(
                (p) => JSON.stringify(before[p]) !== JSON.stringify(c.inputs[p]),
            );
            if (changed.length) d.changedInputs[k] = changed;
        }
        result[id] = d;
    }
    return result;
}

// ------------------------------------------------------------ one variant ----

const AUTONAME = {
    // pulumi-aws provider/resources.go: "aws_iam_role": {"name": tfbridge.AutoName("name", 64, "-")};
    // other resources with a "name" property get the provider-wide default autonaming (max 255).
    "aws:iam/role:Role": { property: "name", maxLen: 64 },
    "aws:ec2/securityGroup:SecurityGroup": { property: "name", maxLen: 255 },
    "aws:iam/instanceProfile:InstanceProfile": { property: "name", maxLen: 128 },
};

function hex(s, n) {
    return crypto.createHash("sha256").update(s).digest("hex").substring(0, n);
}

function mockState(args) {
    const { type, name, inputs } = args;
    const s = { ...inputs };
    let id = `${name}-id`;
    const auto = AUTONAME[type];
    if (auto && s[auto.property] === undefined) s[auto.property] = `${name}-${hex(name, 7)}`;
    switch (type) {
        case "aws:iam/role:Role":
            id = s.name;
            s.arn = `arn:aws:iam::${ACCOUNT}:role/${s.name}`;
            s.uniqueId = `AROA${hex(name, 16).toUpperCase()}`;
            break;
        case "aws:iam/rolePolicyAttachment:RolePolicyAttachment":
            id = `${typeof s.role === "string" ? s.role : "role"}-${hex(name, 20)}`;
            break;
        case "aws:ec2/securityGroup:SecurityGroup":
            id = `sg-${hex(name, 17)}`;
            s.arn = `arn:aws:ec2:${REGION}:${ACCOUNT}:security-group/${id}`;
            s.ownerId = ACCOUNT;
            break;
        case "aws:ec2/securityGroupRule:SecurityGroupRule":
            id = `sgrule-${parseInt(hex(name, 8), 16)}`;
            s.securityGroupRuleId = `sgr-${hex(name, 17)}`;
            break;
        case "aws:eks/cluster:Cluster": {
            const cn = s.name || `${name}-${hex(name, 7)}`;
            id = cn;
            s.name = cn;
            s.arn = `arn:aws:eks:${REGION}:${ACCOUNT}:cluster/${cn}`;
            s.endpoint = `https://${hex(cn, 32).toUpperCase()}.gr7.${REGION}.eks.amazonaws.com`;
            s.certificateAuthority = { data: Buffer.from(`mock-ca-of-${cn}`).toString("base64") };
            s.identities = [{ oidcs: [{ issuer: `https://oidc.eks.${REGION}.amazonaws.com/id/${hex(cn, 32).toUpperCase()}` }] }];
            s.vpcConfig = { ...(s.vpcConfig || {}), clusterSecurityGroupId: `sg-${hex(cn + "eks", 17)}`, vpcId: "vpc-0123456789abcdef0" };
            s.platformVersion = "eks.1";
            s.status = "ACTIVE";
            s.clusterId = hex(cn, 8);
            break;
        }
        case "aws:eks/accessEntry:AccessEntry":
            id = `${s.clusterName}:${s.principalArn}`;
            s.accessEntryArn = `arn:aws:eks:${REGION}:${ACCOUNT}:access-entry/${s.clusterName}/role/${ACCOUNT}/x/${hex(name, 8)}`;
            if (s.type === undefined) s.type = "STANDARD";
            if (s.kubernetesGroups === undefined) s.kubernetesGroups = [];
            break;
        case "aws:eks/accessPolicyAssociation:AccessPolicyAssociation":
            id = `${s.clusterName}#${s.principalArn}#${s.policyArn}`;
            break;
        case "aws:kms/key:Key":
            id = "11111111-2222-3333-4444-555555555555";
            s.arn = KEY_ARN;
            break;
        default:
            if (type.startsWith("pulumi:providers:")) id = `${hex(name, 8)}-0000-4000-8000-${hex(name, 12)}`;
    }
    return { id: args.custom ? id : undefined, state: s };
}

function mockCall(args) {
    switch (args.token) {
        case "aws:index/getPartition:getPartition":
            return { id: "aws", partition: "aws", dnsSuffix: "amazonaws.com", reverseDnsPrefix: "com.amazonaws" };
        case "aws:index/getCallerIdentity:getCallerIdentity":
            return { id: ACCOUNT, accountId: ACCOUNT, arn: `arn:aws:iam::${ACCOUNT}:user/deployer`, userId: "AIDA" };
        case "aws:index/getRegion:getRegion":
            return { id: REGION, name: REGION, description: "US West (Oregon)", endpoint: `ec2.${REGION}.amazonaws.com` };
        default:
            throw new Error(`gen.js: unmocked invoke ${args.token}`);
    }
}

async function runVariant(id) {
    const v = VARIANTS[id];
    const preview = v.preview !== undefined ? v.preview : true;
    const pulumi = require("@pulumi/pulumi");
    const rpc = require("@pulumi/pulumi/runtime/rpc");
    const settings = require("@pulumi/pulumi/runtime/settings");
    const runtimeConfig = require("@pulumi/pulumi/runtime/config");

    const registrations = [];
    const outputsByUrn = new Map();
    const invokes = [];
    const logs = [];

    await pulumi.runtime.setMocks(
        {
            newResource: (a) => mockState(a),
            call: (a) => mockCall(a),
        },
        "domino",
        "dev",
        preview,
    );
    for (const [k, val] of Object.entries(v.config || {})) runtimeConfig.setConfig(k, val);

    // Record the raw requests before the mock monitor answers them.
    const monitor = settings.getMonitor();
    const origRegister = monitor.registerResource.bind(monitor);
    monitor.registerResource = (req, cb) => {
        const pd = {};
        req.getPropertydependenciesMap().forEach((deps, k) => {
            const urns = deps.getUrnsList();
            if (urns.length) pd[k] = urns;
        });
        registrations.push({
            type: req.getType(),
            name: req.getName(),
            parent: req.getParent(),
            custom: req.getCustom(),
            provider: req.getProvider(),
            providers: Object.fromEntries(req.getProvidersMap().entries()),
            dependsOn: req.getDependenciesList(),
            propertyDependencies: pd,
            ignoreChanges: req.getIgnorechangesList(),
            protect: req.getProtect(),
            deleteBeforeReplace: req.getDeletebeforereplace(),
            additionalSecretOutputs: req.getAdditionalsecretoutputsList(),
            version: req.getVersion(),
            object: req.getObject() ? req.getObject().toJavaScript() : {},
        });
        return origRegister(req, cb);
    };
    const origOutputs = monitor.registerResourceOutputs.bind(monitor);
    monitor.registerResourceOutputs = (req, cb) => {
        outputsByUrn.set(req.getUrn(), req.getOutputs() ? req.getOutputs().toJavaScript() : {});
        return origOutputs(req, cb);
    };
    const origInvoke = monitor.invoke.bind(monitor);
    monitor.invoke = (req, cb) => {
        invokes.push({ token: req.getTok(), args: req.getArgs() ? req.getArgs().toJavaScript() : {} });
        return origInvoke(req, cb);
    };
    const origLog = pulumi.log;
    for (const level of ["info", "warn", "error"]) {
        const f = origLog[level];
        origLog[level] = (msg, ...rest) => {
            logs.push({ level, msg });
            return f.call(origLog, msg, ...rest);
        };
    }

    const aws = require("@pulumi/aws");
    // The engine side of the Construct call: what our Go program registered
    // before eks.NewCluster (domino/dominoeks.go, domino/cluster.go).
    class Parent extends pulumi.ComponentResource {
        constructor() {
            super(PARENT_TYPE, PARENT_NAME, {}, {});
        }
    }
    const parent = new Parent();
    const nodeRole = new aws.iam.Role(
        `${PARENT_NAME}-node`,
        {
            assumeRolePolicy: JSON.stringify({
                Version: "2012-10-17",
                Statement: [{ Effect: "Allow", Action: "sts:AssumeRole", Principal: { Service: "ec2.amazonaws.com" } }],
            }),
        },
        { parent },
    );
    await nodeRole.urn.promise();

    // Inputs as the provider's deserializeInputs (@pulumi/pulumi provider/server.js)
    // hands them to construct: values that came from other resources' outputs
    // arrive as Outputs, known literals as plain values, the role as a resource.
    const o = (x) => pulumi.output(x);
    const base = {
        name: CLUSTER_NAME,
        version: "1.35",
        vpcId: o("vpc-0123456789abcdef0"),
        privateSubnetIds: o(["subnet-priv-a", "subnet-priv-b", "subnet-priv-c"]),
        publicSubnetIds: o(["subnet-pub-a", "subnet-pub-b", "subnet-pub-c"]),
        skipDefaultNodeGroup: true,
        useDefaultVpcCni: true,
        endpointPrivateAccess: true,
        endpointPublicAccess: false,
        enabledClusterLogTypes: ["api", "audit", "authenticator", "controllerManager", "scheduler"],
        createOidcProvider: false,
        authenticationMode: "API",
        instanceRole: nodeRole,
        nodeAssociatePublicIpAddress: false,
        tags: {},
    };
    const inputs = v.args ? v.args(base, o) : base;

    const opts = { aliases: [], dependsOn: [], protect: false, providers: {}, parent };
    let result;
    let methodResult;
    if (v.method) {
        // cmd/provider/index.js call() runs `inputs.__self__.getKubeconfig({profileName, roleArn})`
        // on the ClusterInternal instance; cmd/provider/cluster.js construct() builds this state.
        const { ClusterInternal } = require("@pulumi/eks/cluster");
        const c = new ClusterInternal(COMPONENT, inputs, opts);
        result = {
            urn: c.urn,
            state: {
                kubeconfig: c.kubeconfig, kubeconfigJson: c.kubeconfigJson,
                clusterSecurityGroup: c.clusterSecurityGroup, instanceRoles: c.instanceRoles,
                nodeSecurityGroup: c.nodeSecurityGroup, eksClusterIngressRule: c.eksClusterIngressRule,
                defaultNodeGroup: c.defaultNodeGroup, eksCluster: c.eksCluster, core: c.core,
            },
        };
        methodResult = { token: "eks:index:Cluster/getKubeconfig", args: v.method, result: await c.getKubeconfig(v.method).promise() };
    } else {
        const { clusterProviderFactory } = require("@pulumi/eks/cmd/provider/cluster");
        result = await clusterProviderFactory().construct(COMPONENT, "eks:index:Cluster", inputs, opts);
    }
    const urn = await pulumi.output(result.urn).promise();
    const [state, stateDeps] = await rpc.serializeResourceProperties(`construct(eks:index:Cluster, ${COMPONENT})`, result.state);
    await settings.waitForRPCs();
    // Outputs resolved inside applies (e.g. kubeconfig) may register late; settle.
    for (let i = 0; i < 20; i++) await new Promise((r) => setImmediate(r));

    const short = (u) => (u ? `${u.split("::")[2].split("$").pop()}::${u.split("::")[3]}` : null);
    const readable = (x) => toReadable(x, short);
    const componentUrn = urn;
    const inComponent = (reg) => {
        let p = reg.parent;
        const byUrn = new Map(registrations.map((r) => [r.urn, r]));
        while (p) {
            if (p === componentUrn) return true;
            p = byUrn.get(p) ? byUrn.get(p).parent : null;
        }
        return false;
    };
    for (const r of registrations) r.urn = settings.getMonitor().newUrn(r.parent, r.type, r.name);

    const children = registrations.filter(inComponent).map((r) => {
        const inputsR = readable(r.object);
        const c = {
            type: r.type,
            name: r.name,
            parent: short(r.parent),
            custom: r.custom,
            inputs: inputsR,
            source: sourceOf(r.name),
        };
        const auto = AUTONAME[r.type];
        if (auto && (r.object[auto.property] === undefined || r.object[auto.property] === null)) {
            const value = `${r.name}-xxxxxxx`;
            c.autoName = { property: auto.property, value, length: value.length, maxLen: auto.maxLen, maxLogicalNameLen: auto.maxLen - 8 };
        }
        if (r.dependsOn.length) c.dependsOn = r.dependsOn.map(short);
        if (Object.keys(r.propertyDependencies).length) {
            c.propertyDependencies = Object.fromEntries(
                Object.entries(r.propertyDependencies).map(([k, us]) => [k, us.map(short)]),
            );
        }
        if (r.ignoreChanges.length) c.ignoreChanges = r.ignoreChanges;
        if (r.provider) c.provider = r.provider;
        if (Object.keys(r.providers).length) c.providers = r.providers;
        if (r.deleteBeforeReplace) c.deleteBeforeReplace = true;
        if (r.version) c.pluginVersion = r.version;
        if (!r.custom && outputsByUrn.has(r.urn)) c.registeredOutputs = readable(outputsByUrn.get(r.urn));
        return c;
    });
    const self = registrations.find((r) => r.urn === componentUrn);
    return {
        doc: v.doc,
        preview,
        config: v.config || {},
        env: v.env || {},
        component: {
            type: self.type,
            name: self.name,
            parent: short(self.parent),
            // What the provider's ClusterInternal passed to super(): the args as it saw them.
            registeredInputs: readable(self.object),
            // registerOutputs() in ClusterInternal (cluster.ts 2053-2063).
            registeredOutputs: readable(outputsByUrn.get(componentUrn) || {}),
        },
        // ConstructResponse.state: what the Go SDK's eks.Cluster outputs are filled from
        // (cmd/provider/cluster.js 23-33; @pulumi/pulumi provider/server.js construct()).
        constructState: readable(state),
        constructStateRaw: state,
        constructStateDependencies: Object.fromEntries(
            await Promise.all(
                Array.from(stateDeps.entries()).map(async ([k, rs]) => [
                    k,
                    (await Promise.all(Array.from(rs).map((r) => r.urn.promise()))).map(short),
                ]),
            ),
        ),
        constructStateTypes: Object.fromEntries(Object.entries(state).map(([k, val]) => [k, describeType(val)])),
        children,
        childCount: children.length,
        methodResult,
        invokes: invokes.map((i) => ({ token: i.token, args: readable(i.args) })),
        logs,
    };
}

// toReadable turns the wire form (protobuf Struct JSON) into plain JSON.
function toReadable(x, short) {
    const SIG = "4dabf18193072939515e22adb298388d";
    const UNKNOWN = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";
    if (x === UNKNOWN) return "<unknown>";
    if (Array.isArray(x)) return x.map((e) => toReadable(e, short));
    if (x && typeof x === "object") {
        if (x[SIG] === "5cf8f73096256a8f31e491e813e4eb8e") {
            const r = { $ref: short(x.urn) };
            if (x.id !== undefined) r.id = toReadable(x.id, short);
            return r;
        }
        if (x[SIG] === "1b47061264138c4ac30d75fd1eb44270") return { $secret: toReadable(x.value, short) };
        if (x[SIG] === "d0e6a833031e9bbcd3f4e8bde6ca49a4") {
            return { $output: x.known === false ? "<unknown>" : toReadable(x.value, short) };
        }
        const out = {};
        for (const k of Object.keys(x).sort()) out[k] = toReadable(x[k], short);
        return out;
    }
    return x;
}

function describeType(v) {
    const SIG = "4dabf18193072939515e22adb298388d";
    if (v === null || v === undefined) return "null";
    if (Array.isArray(v)) return v.length ? `array<${describeType(v[0])}>` : "array (empty)";
    if (typeof v === "object") {
        if (v[SIG] === "5cf8f73096256a8f31e491e813e4eb8e") return `resource reference ${v.urn.split("::")[2].split("$").pop()}`;
        if (v[SIG] === "1b47061264138c4ac30d75fd1eb44270") return `secret ${describeType(v.value)}`;
        return "object";
    }
    return typeof v;
}

// ------------------------------------------------------------------- main ----

const i = process.argv.indexOf("--variant");
if (i >= 0) {
    runVariant(process.argv[i + 1])
        .then((r) => process.stdout.write(JSON.stringify(r)))
        .catch((e) => {
            process.stderr.write(`${e.stack || e}\n`);
            process.exit(1);
        });
} else {
    runAll();
}
