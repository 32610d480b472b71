package domino

import (
	"fmt"

	"github.com/dominoeks/pulumi-dominoeks/internal/kubesetup"
	"github.com/pulumi/pulumi-kubernetes/sdk/v4/go/kubernetes"
	"github.com/pulumi/pulumi-kubernetes/sdk/v4/go/kubernetes/apiextensions"
	helmv3 "github.com/pulumi/pulumi-kubernetes/sdk/v4/go/kubernetes/helm/v3"
	metav1 "github.com/pulumi/pulumi-kubernetes/sdk/v4/go/kubernetes/meta/v1"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
	"sigs.k8s.io/yaml"
)

// kubePath is the one way Kubernetes-side objects (the storage class, Helm
// charts, custom resources) reach the cluster. When the machine running Pulumi
// can reach the API during `up` (spec.apiReachable: a public endpoint, or an
// existing VPC) they are created through one Kubernetes provider; otherwise —
// the default private endpoint in a VPC the same run creates — nothing
// Kubernetes-side is created during `up`, and each object becomes a step of
// the kubernetesSetup output: the exact helm and kubectl commands to run
// through `dominoeks tunnel`, in the order they must run.
type kubePath struct {
	s    spec
	c    *cluster
	opts []pulumi.ResourceOption
	// provider is created on first use, so a plan with nothing Kubernetes-side
	// registers no provider.
	provider *kubernetes.Provider
	// steps are the operator's commands when the API is not reachable.
	steps []pulumi.StringOutput
}

func newKubePath(s spec, c *cluster, opts ...pulumi.ResourceOption) *kubePath {
	return &kubePath{s: s, c: c, opts: opts}
}

// live reports whether objects are created through the API during `up`.
func (k *kubePath) live() bool { return k.s.apiReachable() }

// providerOpts returns the resource options of an object created through the
// API: the component's options, the one Kubernetes provider, and deps.
func (k *kubePath) providerOpts(ctx *pulumi.Context, deps []pulumi.Resource) ([]pulumi.ResourceOption, error) {
	if k.provider == nil {
		p, err := kubernetes.NewProvider(ctx, k.s.Name+"-k8s", &kubernetes.ProviderArgs{
			// The same credentials as the AWS provider (aws:profile, aws:assumeRole).
			Kubeconfig: k.c.Kubeconfig,
			// A destroyed or unreachable cluster must not block `pulumi destroy`.
			DeleteUnreachable: pulumi.BoolPtr(true),
		}, k.opts...)
		if err != nil {
			return nil, fmt.Errorf("kubernetes provider: %w", err)
		}
		k.provider = p
	}
	out := append(append([]pulumi.ResourceOption{}, k.opts...), pulumi.Provider(k.provider))
	if len(deps) > 0 {
		out = append(out, pulumi.DependsOn(deps))
	}
	return out, nil
}

// Chart installs c at its pinned version with values (which may hold
// outputs): a helm.sh/v3 Release through the API, or a `helm upgrade
// --install` step of kubernetesSetup. It returns the release (nil when not
// live) for objects that depend on the chart's CRDs.
func (k *kubePath) Chart(ctx *pulumi.Context, name string, c kubesetup.Chart, values pulumi.Map, deps ...pulumi.Resource) (pulumi.Resource, error) {
	if !k.live() {
		k.steps = append(k.steps, values.ToMapOutput().ApplyT(func(v map[string]any) (string, error) {
			doc, err := yaml.Marshal(v)
			if err != nil {
				return "", fmt.Errorf("values of chart %s: %w", c.Release, err)
			}
			return kubesetup.HelmStep(c, doc), nil
		}).(pulumi.StringOutput))
		return nil, nil
	}
	opts, err := k.providerOpts(ctx, deps)
	if err != nil {
		return nil, err
	}
	args := &helmv3.ReleaseArgs{
		Name:            pulumi.String(c.Release),
		Namespace:       pulumi.String(c.Namespace),
		CreateNamespace: pulumi.Bool(true),
		Chart:           pulumi.String(c.Chart),
		Version:         pulumi.String(c.Version),
		Values:          values,
		// A failed install is rolled back rather than left half-applied.
		Atomic: pulumi.Bool(true),
	}
	if c.Repo != "" {
		args.RepositoryOpts = &helmv3.RepositoryOptsArgs{Repo: pulumi.String(c.Repo)}
	}
	r, err := helmv3.NewRelease(ctx, name, args, opts...)
	if err != nil {
		return nil, fmt.Errorf("helm release %s: %w", c.Release, err)
	}
	return r, nil
}

// kubeObject is one object of a custom resource kind (or any kind the typed
// SDK does not need to know).
type kubeObject struct {
	APIVersion, Kind string
	// Name and Namespace ("" for a cluster-scoped object).
	Name, Namespace string
	// Labels of the object.
	Labels map[string]string
	// Fields are the object's other top-level fields (spec, …); may hold outputs.
	Fields pulumi.Map
	// IgnoreChanges are field paths a later `up` leaves as created (through
	// the API only; a kubernetesSetup step applies what it holds).
	IgnoreChanges []string
}

// Object creates o through the API, or adds a `kubectl apply` step.
func (k *kubePath) Object(ctx *pulumi.Context, name string, o kubeObject, deps ...pulumi.Resource) (pulumi.Resource, error) {
	if !k.live() {
		k.steps = append(k.steps, o.Fields.ToMapOutput().ApplyT(func(v map[string]any) (string, error) {
			return applyStep(o, v)
		}).(pulumi.StringOutput))
		return nil, nil
	}
	opts, err := k.providerOpts(ctx, deps)
	if err != nil {
		return nil, err
	}
	if len(o.IgnoreChanges) > 0 {
		opts = append(opts, pulumi.IgnoreChanges(o.IgnoreChanges))
	}
	meta := &metav1.ObjectMetaArgs{Name: pulumi.String(o.Name), Labels: pulumi.ToStringMap(o.Labels)}
	if o.Namespace != "" {
		meta.Namespace = pulumi.String(o.Namespace)
	}
	fields := kubernetes.UntypedArgs{}
	for key, v := range o.Fields {
		fields[key] = v
	}
	r, err := apiextensions.NewCustomResource(ctx, name, &apiextensions.CustomResourceArgs{
		ApiVersion:  pulumi.String(o.APIVersion),
		Kind:        pulumi.String(o.Kind),
		Metadata:    meta,
		OtherFields: fields,
	}, opts...)
	if err != nil {
		return nil, fmt.Errorf("%s %s: %w", o.Kind, o.Name, err)
	}
	return r, nil
}

// Setup is the kubernetesSetup output: the steps left for the operator, in
// order, as one shell script ("" when everything was created during `up`).
func (k *kubePath) Setup() pulumi.StringOutput {
	if len(k.steps) == 0 {
		return pulumi.String("").ToStringOutput()
	}
	all := pulumi.StringArray{}
	for _, s := range k.steps {
		all = append(all, s)
	}
	return all.ToStringArrayOutput().ApplyT(kubesetup.Script).(pulumi.StringOutput)
}

// applyStep is the shell command that applies o with fields v.
func applyStep(o kubeObject, v map[string]any) (string, error) {
	meta := map[string]any{"name": o.Name}
	if o.Namespace != "" {
		meta["namespace"] = o.Namespace
	}
	if len(o.Labels) > 0 {
		meta["labels"] = o.Labels
	}
	obj := map[string]any{"apiVersion": o.APIVersion, "kind": o.Kind, "metadata": meta}
	for key, field := range v {
		obj[key] = field
	}
	doc, err := yaml.Marshal(obj)
	if err != nil {
		return "", fmt.Errorf("%s %s: %w", o.Kind, o.Name, err)
	}
	return kubesetup.ApplyStep(doc), nil
}
