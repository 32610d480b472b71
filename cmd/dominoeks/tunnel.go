package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/url"
	"os"
	"os/exec"
	"strconv"
	"strings"
	"time"

	"github.com/spf13/cobra"
	"sigs.k8s.io/yaml"

	"github.com/dominoeks/pulumi-dominoeks/domino"
	"github.com/dominoeks/pulumi-dominoeks/internal/awsfacts"
	"github.com/dominoeks/pulumi-dominoeks/internal/cliread"
)

// portForwardDocument is the SSM document that forwards a local port to a
// host and port the target instance reaches. Source: Systems Manager user
// guide, "Start a session" (port forwarding to remote hosts).
const portForwardDocument = "AWS-StartPortForwardingSessionToRemoteHost"

type tunnelOptions struct {
	cluster, region, target, endpoint, caData, outputs, kubeconfig string
	port                                                           int
	print                                                          bool
}

func newTunnelCmd() *cobra.Command {
	var o tunnelOptions
	cmd := &cobra.Command{
		Use:   "tunnel",
		Short: "Reach the private Kubernetes API through the access host (SSM port forward, no inbound port)",
		Long: "tunnel writes a kubeconfig whose server is https://127.0.0.1:<port> (tls-server-name the API endpoint's host, " +
			"aws eks get-token for your identity) and opens an SSM port forward from that port to the API endpoint through the " +
			"stack's access host (" + portForwardDocument + "). Leave it running and use kubectl --kubeconfig <file> in another shell. " +
			"--print prints the aws ssm start-session command instead of running it. The cluster and access host come from " +
			"--outputs (pulumi stack output --json) or from flags; the endpoint and certificate from aws eks describe-cluster " +
			"unless given. Needs the AWS CLI and the Session Manager plugin.",
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error { return runTunnel(cmd, o) },
	}
	f := cmd.Flags()
	f.StringVar(&o.outputs, "outputs", "", "stack outputs as JSON (pulumi stack output --json > outputs.json): clusterName, region, accessHostId")
	f.StringVar(&o.cluster, "cluster", "", "EKS cluster name")
	f.StringVar(&o.region, "region", "", "AWS region")
	f.StringVar(&o.target, "target", "", "access host instance id (default: the running instance tagged "+domino.AccessHostTag+"=<cluster>)")
	f.StringVar(&o.endpoint, "endpoint", "", "API endpoint URL (default: from aws eks describe-cluster)")
	f.StringVar(&o.caData, "certificate-authority-data", "", "cluster CA, base64 (default: from aws eks describe-cluster)")
	f.IntVar(&o.port, "port", 9443, "local port")
	f.StringVar(&o.kubeconfig, "kubeconfig", "", "kubeconfig file to write (default <cluster>.tunnel.kubeconfig)")
	f.BoolVar(&o.print, "print", false, "print the port-forward command instead of running it")
	return cmd
}

// runTunnel resolves the cluster, access host and endpoint, writes the
// kubeconfig and opens (or prints) the port forward. Every failure exits 2.
func runTunnel(cmd *cobra.Command, o tunnelOptions) error {
	if err := o.fromOutputs(); err != nil {
		return err
	}
	if o.cluster == "" || o.region == "" {
		return errors.New("tunnel: --cluster and --region (or --outputs with clusterName and region) are required")
	}
	if o.port <= 0 || o.port > 65535 {
		return fmt.Errorf("tunnel: --port %d is not a TCP port", o.port)
	}
	if o.kubeconfig == "" {
		o.kubeconfig = o.cluster + ".tunnel.kubeconfig"
	}
	if err := cliread.CheckWritable("--kubeconfig", o.kubeconfig); err != nil {
		return fmt.Errorf("tunnel: %w", err)
	}
	if _, err := exec.LookPath("aws"); err != nil {
		return errors.New("tunnel: the AWS CLI (aws) is not on PATH: https://docs.aws.amazon.com/cli/latest/userguide/getting-started-install.html")
	}
	if err := o.describe(); err != nil {
		return err
	}
	if o.target == "" {
		id, err := findAccessHost(o.cluster, o.region)
		if err != nil {
			return err
		}
		o.target = id
	}
	u, err := url.Parse(o.endpoint)
	if err != nil || u.Hostname() == "" {
		return fmt.Errorf("tunnel: API endpoint %q is not a URL", o.endpoint)
	}
	host := u.Hostname()
	kc, err := tunnelKubeconfig(o.cluster, o.region, host, o.caData, o.port)
	if err != nil {
		return err
	}
	if err := os.WriteFile(o.kubeconfig, kc, 0o600); err != nil {
		return fmt.Errorf("tunnel: write kubeconfig: %w", err)
	}
	args := portForwardArgs(o.target, o.region, host, o.port)
	out := cmd.OutOrStdout()
	fmt.Fprintf(out, "kubeconfig: %s (server https://127.0.0.1:%d, tls-server-name %s)\n", o.kubeconfig, o.port, host)
	if o.print {
		fmt.Fprintln(out, "aws "+strings.Join(args, " "))
		fmt.Fprintf(out, "then: kubectl --kubeconfig %s get nodes\n", o.kubeconfig)
		return nil
	}
	if _, err := exec.LookPath(awsfacts.SessionManagerPlugin); err != nil {
		return fmt.Errorf("tunnel: the Session Manager plugin (%s) is not on PATH; install it: %s", awsfacts.SessionManagerPlugin, awsfacts.SessionManagerPluginInstallURL)
	}
	fmt.Fprintf(out, "forwarding 127.0.0.1:%d to %s:443 through %s; in another shell: kubectl --kubeconfig %s get nodes\n",
		o.port, host, o.target, o.kubeconfig)
	c := exec.Command("aws", args...)
	c.Stdin, c.Stdout, c.Stderr = cmd.InOrStdin(), out, cmd.ErrOrStderr()
	if err := c.Run(); err != nil {
		return fmt.Errorf("tunnel: aws ssm start-session: %w", err)
	}
	return nil
}

// fromOutputs fills unset options from `pulumi stack output --json`.
func (o *tunnelOptions) fromOutputs() error {
	if o.outputs == "" {
		return nil
	}
	b, err := cliread.Outputs.Read(o.outputs)
	if err != nil {
		return fmt.Errorf("tunnel: %w", err)
	}
	var outs map[string]any
	if err := json.Unmarshal(b, &outs); err != nil {
		return fmt.Errorf("tunnel: %s is not pulumi stack output --json: %w", o.outputs, err)
	}
	// A program exporting the component itself nests its outputs one level down.
	if len(outs) == 1 {
		for _, v := range outs {
			if inner, ok := v.(map[string]any); ok && inner["clusterName"] != nil {
				outs = inner
			}
		}
	}
	set := func(dst *string, key string) {
		if s, ok := outs[key].(string); ok && *dst == "" {
			*dst = s
		}
	}
	set(&o.cluster, "clusterName")
	set(&o.region, "region")
	set(&o.target, "accessHostId")
	return nil
}

// describe reads the endpoint and CA from aws eks describe-cluster when unset.
func (o *tunnelOptions) describe() error {
	if o.endpoint != "" && o.caData != "" {
		return nil
	}
	out, err := awsJSON("eks", "describe-cluster", "--name", o.cluster, "--region", o.region, "--output", "json")
	if err != nil {
		return err
	}
	var d struct {
		Cluster struct {
			Endpoint             string `json:"endpoint"`
			CertificateAuthority struct {
				Data string `json:"data"`
			} `json:"certificateAuthority"`
		} `json:"cluster"`
	}
	if err := json.Unmarshal(out, &d); err != nil {
		return fmt.Errorf("tunnel: aws eks describe-cluster: %w", err)
	}
	if o.endpoint == "" {
		o.endpoint = d.Cluster.Endpoint
	}
	if o.caData == "" {
		o.caData = d.Cluster.CertificateAuthority.Data
	}
	if o.endpoint == "" || o.caData == "" {
		return fmt.Errorf("tunnel: cluster %s in %s has no endpoint or certificate yet", o.cluster, o.region)
	}
	return nil
}

// findAccessHost returns the running instance tagged as the cluster's access host.
func findAccessHost(cluster, region string) (string, error) {
	out, err := awsJSON("ec2", "describe-instances", "--region", region, "--filters",
		"Name=tag:"+domino.AccessHostTag+",Values="+cluster, "Name=instance-state-name,Values=running",
		"--query", "Reservations[].Instances[].InstanceId", "--output", "json")
	if err != nil {
		return "", err
	}
	var ids []string
	if err := json.Unmarshal(out, &ids); err != nil {
		return "", fmt.Errorf("tunnel: aws ec2 describe-instances: %w", err)
	}
	if len(ids) == 0 {
		return "", fmt.Errorf("tunnel: no running access host tagged %s=%s in %s: deploy with accessHost on, or pass --target",
			domino.AccessHostTag, cluster, region)
	}
	return ids[0], nil
}

// awsLookupTimeout bounds each AWS CLI lookup of the tunnel (describe
// calls); the port forward itself runs until the user stops it.
const awsLookupTimeout = 60 * time.Second

// awsJSON runs the AWS CLI and returns its standard output, within
// awsLookupTimeout.
func awsJSON(args ...string) ([]byte, error) {
	ctx, cancel := context.WithTimeout(context.Background(), awsLookupTimeout)
	defer cancel()
	var stdout, stderr bytes.Buffer
	c := exec.CommandContext(ctx, "aws", args...)
	c.Stdout, c.Stderr = &stdout, &stderr
	if err := c.Run(); err != nil {
		if ctx.Err() != nil {
			return nil, fmt.Errorf("tunnel: aws %s %s did not answer within %s", args[0], args[1], awsLookupTimeout)
		}
		return nil, fmt.Errorf("tunnel: aws %s %s: %w: %s", args[0], args[1], err, strings.TrimSpace(stderr.String()))
	}
	return stdout.Bytes(), nil
}

// portForwardArgs are the AWS CLI arguments of the SSM port forward from
// localPort to host:443 through target.
func portForwardArgs(target, region, host string, localPort int) []string {
	return []string{"ssm", "start-session", "--region", region, "--target", target,
		"--document-name", portForwardDocument,
		"--parameters", "host=" + host + ",portNumber=443,localPortNumber=" + strconv.Itoa(localPort)}
}

// tunnelKubeconfig is a kubeconfig for the forwarded port: the server is the
// local end, TLS verifies the API's certificate for its real host name, and
// the user authenticates with aws eks get-token (their own identity).
func tunnelKubeconfig(cluster, region, host, caData string, port int) ([]byte, error) {
	name := cluster + "-tunnel"
	doc := map[string]any{
		"apiVersion": "v1", "kind": "Config", "current-context": name,
		"clusters": []any{map[string]any{"name": name, "cluster": map[string]any{
			"server":                     fmt.Sprintf("https://127.0.0.1:%d", port),
			"tls-server-name":            host,
			"certificate-authority-data": caData,
		}}},
		"contexts": []any{map[string]any{"name": name, "context": map[string]any{"cluster": name, "user": name}}},
		"users": []any{map[string]any{"name": name, "user": map[string]any{"exec": map[string]any{
			"apiVersion": "client.authentication.k8s.io/v1beta1", "command": "aws",
			"args":            []any{"eks", "get-token", "--cluster-name", cluster, "--region", region, "--output", "json"},
			"interactiveMode": "Never",
		}}}},
	}
	b, err := yaml.Marshal(doc)
	if err != nil {
		return nil, fmt.Errorf("tunnel: kubeconfig: %w", err)
	}
	return b, nil
}
