package main

import (
	"context"
	"errors"
	"fmt"
	"os"
	"strings"
	"time"

	"github.com/aws/aws-sdk-go-v2/config"
	"github.com/aws/smithy-go"
	"github.com/spf13/cobra"

	"github.com/dominoeks/pulumi-dominoeks/internal/checker"
)

// defaultTimeout bounds a whole `check` or `preflight` run.
const defaultTimeout = 5 * time.Minute

// deadlines are the --timeout and --call-timeout flags of the commands that
// talk to AWS: neither may wait forever on an endpoint that accepts
// connections and never answers.
type deadlines struct {
	total time.Duration
	call  time.Duration
}

func (d *deadlines) register(cmd *cobra.Command) {
	fs := cmd.Flags()
	fs.DurationVar(&d.total, "timeout", defaultTimeout, "give up (exit 2) when the whole run takes longer than this")
	fs.DurationVar(&d.call, "call-timeout", checker.DefaultCallTimeout, "give up (exit 2) when one AWS call, retries included, gets no answer within this")
}

func (d deadlines) validate() error {
	if d.total <= 0 {
		return fmt.Errorf("--timeout %s: must be positive, e.g. --timeout 5m", d.total)
	}
	if d.call <= 0 {
		return fmt.Errorf("--call-timeout %s: must be positive, e.g. --call-timeout 20s", d.call)
	}
	return nil
}

// explainAccessError turns a run's error into one that says what timed out, when
// something did; other errors pass unchanged. ctx is the run's context, whose
// deadline is --timeout.
func (d deadlines) explainAccessError(ctx context.Context, err error) error {
	if err == nil {
		return nil
	}
	var missing config.SharedConfigProfileNotExistError
	if errors.As(err, &missing) {
		return fmt.Errorf("no AWS credentials: AWS_PROFILE=%s names no profile in the shared config files (AWS_CONFIG_FILE or ~/.aws/config, "+
			"AWS_SHARED_CREDENTIALS_FILE or ~/.aws/credentials); create it (aws configure --profile %s, or aws configure sso) or set AWS_PROFILE to one that exists",
			missing.Profile, missing.Profile)
	}
	if noCredentials(err) {
		return errNoCredentials()
	}
	var cte *checker.CallTimeoutError
	if errors.As(err, &cte) {
		return fmt.Errorf("timed out: AWS %s %s got no answer within %s (--call-timeout)%s", cte.Service, cte.Operation, cte.After, endpointHint())
	}
	if errors.Is(ctx.Err(), context.DeadlineExceeded) {
		what := "the run"
		var oe *smithy.OperationError
		if errors.As(err, &oe) {
			what = fmt.Sprintf("AWS %s %s", oe.ServiceID, oe.OperationName)
		}
		return fmt.Errorf("timed out after %s (--timeout) waiting for %s%s", d.total, what, endpointHint())
	}
	return err
}

// endpointHint says where the unanswered calls went when AWS_ENDPOINT_URL
// redirects them, the usual culprit besides a proxy.
func endpointHint() string {
	if ep := os.Getenv("AWS_ENDPOINT_URL"); ep != "" {
		return fmt.Sprintf(": the endpoint %s (AWS_ENDPOINT_URL) accepts connections but does not answer", ep)
	}
	return ": check the network path to AWS (proxy, VPN, firewall)"
}

// noCredentials reports whether err is the SDK failing to find credentials
// anywhere in the standard chain (it says so only in its message).
func noCredentials(err error) bool {
	msg := err.Error()
	for _, m := range []string{"get credentials:", "failed to refresh cached credentials", "failed to retrieve credentials"} {
		if strings.Contains(msg, m) {
			return true
		}
	}
	return false
}

// errNoCredentials says how to provide credentials, instead of the SDK's chain
// of attempts.
func errNoCredentials() error {
	if p := os.Getenv("AWS_PROFILE"); p != "" {
		return fmt.Errorf("no AWS credentials: set AWS_PROFILE to a profile that has them; profile %q gave none "+
			"(run aws sso login --profile %s, or aws configure --profile %s)", p, p, p)
	}
	return errors.New("no AWS credentials: set AWS_PROFILE (after aws configure or aws sso login), or AWS_ACCESS_KEY_ID and " +
		"AWS_SECRET_ACCESS_KEY, or run where an instance or container role applies")
}
