package preflight

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os/exec"
	"regexp"
	"strconv"
	"strings"
	"time"

	"github.com/dominoeks/pulumi-dominoeks/internal/checker"
)

// Minimum tool versions: pulumi-eks v2.8.1 asserts both during preview
// (aws CLI v2 >= 2.7 for `aws eks get-token`, kubectl >= 1.24 for the
// client.authentication.k8s.io/v1beta1 exec credentials).
var (
	minAWSCLI  = Version{2, 7, 0}
	minKubectl = Version{1, 24, 0}
)

// ToolRunner finds and runs local executables; tests substitute fakes.
type ToolRunner interface {
	// Run runs name with args and returns its combined output. It returns
	// exec.ErrNotFound (wrapped) when name is not on PATH.
	Run(ctx context.Context, name string, args ...string) (string, error)
}

// execRunner runs tools from PATH with a timeout.
type execRunner struct{}

// toolTimeout bounds one version probe.
const toolTimeout = 15 * time.Second

func (execRunner) Run(ctx context.Context, name string, args ...string) (string, error) {
	path, err := exec.LookPath(name)
	if err != nil {
		return "", err
	}
	ctx, cancel := context.WithTimeout(ctx, toolTimeout)
	defer cancel()
	out, err := exec.CommandContext(ctx, path, args...).CombinedOutput()
	return string(out), err
}

// Version is a major.minor.patch version.
type Version [3]int

// String formats v as major.minor.patch.
func (v Version) String() string { return fmt.Sprintf("%d.%d.%d", v[0], v[1], v[2]) }

func (v Version) less(o Version) bool {
	for i := range v {
		if v[i] != o[i] {
			return v[i] < o[i]
		}
	}
	return false
}

var (
	awsCLIRe  = regexp.MustCompile(`aws-cli/(\d+)\.(\d+)\.(\d+)`)
	semverRe  = regexp.MustCompile(`v?(\d+)\.(\d+)\.(\d+)`)
	goInfoRe  = regexp.MustCompile(`GitVersion:"v?(\d+)\.(\d+)\.(\d+)`)
	clientRe  = regexp.MustCompile(`Client Version:\s*v?(\d+)\.(\d+)\.(\d+)`)
	errNoVers = errors.New("no version in the output")
)

func fromMatch(m []string) Version {
	var v Version
	for i := range v {
		v[i], _ = strconv.Atoi(m[i+1])
	}
	return v
}

// ParseAWSCLIVersion reads `aws --version` output ("aws-cli/2.15.0 Python/3.11.6 ...").
func ParseAWSCLIVersion(out string) (Version, error) {
	m := awsCLIRe.FindStringSubmatch(out)
	if m == nil {
		return Version{}, errNoVers
	}
	return fromMatch(m), nil
}

// ParseKubectlVersion reads `kubectl version --client --output=json` output,
// or the text forms ("Client Version: v1.30.2", or version.Info{...
// GitVersion:"v1.23.0"...} before kubectl 1.28).
func ParseKubectlVersion(out string) (Version, error) {
	var doc struct {
		ClientVersion struct {
			GitVersion string `json:"gitVersion"`
		} `json:"clientVersion"`
	}
	if start := strings.Index(out, "{"); start >= 0 && json.Unmarshal([]byte(out[start:]), &doc) == nil && doc.ClientVersion.GitVersion != "" {
		if m := semverRe.FindStringSubmatch(doc.ClientVersion.GitVersion); m != nil {
			return fromMatch(m), nil
		}
	}
	for _, re := range []*regexp.Regexp{goInfoRe, clientRe} {
		if m := re.FindStringSubmatch(out); m != nil {
			return fromMatch(m), nil
		}
	}
	return Version{}, errNoVers
}

// tool describes one local tool check.
type tool struct {
	id, title, name string
	args            []string
	parse           func(string) (Version, error)
	min             Version
	install         string
}

var tools = []tool{
	{id: CheckAWSCLI, title: "aws CLI v2 >= 2.7 on PATH (pulumi-eks runs `aws eks get-token`)", name: "aws",
		args: []string{"--version"}, parse: ParseAWSCLIVersion, min: minAWSCLI,
		install: "install AWS CLI v2: https://docs.aws.amazon.com/cli/latest/userguide/getting-started-install.html"},
	{id: CheckKubectl, title: "kubectl >= 1.24 on PATH (pulumi-eks asserts it during preview)", name: "kubectl",
		args: []string{"version", "--client", "--output=json"}, parse: ParseKubectlVersion, min: minKubectl,
		install: "install kubectl 1.24 or newer: https://kubernetes.io/docs/tasks/tools/"},
}

// checkTools probes the local tools a deploy needs.
func (r *runner) checkTools(ctx context.Context) ([]checker.Result, error) {
	var out []checker.Result
	for _, t := range tools {
		out = append(out, r.checkTool(ctx, t))
	}
	return out, nil
}

func (r *runner) checkTool(ctx context.Context, t tool) checker.Result {
	text, err := r.opts.Tools.Run(ctx, t.name, t.args...)
	if errors.Is(err, exec.ErrNotFound) {
		return fail(t.id, t.title, t.name+" not found on PATH", t.install)
	}
	v, perr := t.parse(text)
	if perr != nil {
		evidence := fmt.Sprintf("`%s %s` printed no version: %q", t.name, strings.Join(t.args, " "), firstLine(text))
		if err != nil {
			evidence += " (" + err.Error() + ")"
		}
		return fail(t.id, t.title, evidence, t.install)
	}
	if v.less(t.min) {
		return fail(t.id, t.title, fmt.Sprintf("%s %s found, need >= %s", t.name, v, t.min), t.install)
	}
	return pass(t.id, t.title, fmt.Sprintf("%s %s", t.name, v))
}

func firstLine(s string) string {
	s = strings.TrimSpace(s)
	if i := strings.IndexByte(s, '\n'); i >= 0 {
		return s[:i]
	}
	return s
}
