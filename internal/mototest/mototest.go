// Package mototest runs moto_server (https://github.com/getmoto/moto), the
// AWS API emulator, for tests, and builds AWS SDK configurations that talk
// to it.
//
// Start is the usual entry point: it starts a private moto_server on a free
// port of 127.0.0.1 and stops it when the test ends. Packages that share one
// server across tests use StartServer and Server.Stop (typically from
// TestMain) and wipe state between tests with Server.Reset.
//
// Nothing here changes process-wide state: no environment variables are set
// and Config builds an aws.Config that ignores the environment and the
// shared AWS configuration files, so it can never reach a real account.
package mototest

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"os"
	"os/exec"
	"regexp"
	"syscall"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/credentials"
)

const (
	// Region is the region Config uses.
	Region = "us-west-2"
	// AccessKeyID and SecretAccessKey are the dummy static credentials
	// Config uses; moto accepts any.
	AccessKeyID     = "testing"
	SecretAccessKey = "testing"
	// Account is the account id moto reports for the dummy credentials.
	Account = "123456789012"

	// startTimeout bounds how long StartServer waits for moto to answer.
	startTimeout = 60 * time.Second
	// stopTimeout is how long Stop waits after SIGTERM before SIGKILL.
	stopTimeout = 5 * time.Second
)

// ErrNotInstalled is returned by StartServer when moto_server is not on PATH.
var ErrNotInstalled = errors.New("moto_server not found on PATH; install it with: pip install 'moto[server]'")

// Server is a running moto_server process.
type Server struct {
	// Endpoint is the base URL of the server, e.g. http://127.0.0.1:40123.
	Endpoint string

	cmd  *exec.Cmd
	log  string
	done chan struct{}
}

// Options tune StartServer.
type Options struct {
	// Env holds extra KEY=VALUE environment entries for the moto_server
	// process only (e.g. MOTO_IAM_LOAD_MANAGED_POLICIES=true).
	Env []string
}

// StartServer starts moto_server on a free port of 127.0.0.1 and waits
// until it answers. The caller must call Stop. It returns ErrNotInstalled
// (wrapped) when moto_server is not on PATH.
func StartServer(opts Options) (*Server, error) {
	path, err := exec.LookPath("moto_server")
	if err != nil {
		return nil, fmt.Errorf("%w (%v)", ErrNotInstalled, err)
	}
	logf, err := os.CreateTemp("", "moto-*.log")
	if err != nil {
		return nil, fmt.Errorf("create moto log: %w", err)
	}
	s := &Server{log: logf.Name(), done: make(chan struct{})}
	// Port 0: moto_server binds a port the kernel picks and prints it. A port
	// probed here and handed to moto could be taken in between by another
	// test process (go test runs packages in parallel); its moto would then
	// fail to bind, and this one's readiness check would be answered by the
	// other process's server, whose resets and writes would mix with ours.
	cmd := exec.Command(path, "-H", "127.0.0.1", "-p", "0")
	cmd.Stdout, cmd.Stderr = logf, logf
	cmd.Env = append(os.Environ(), opts.Env...)
	// moto_server is often a pyenv or venv shim that execs python as a
	// child; a process group lets Stop reach both.
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true}
	if err := cmd.Start(); err != nil {
		logf.Close()
		os.Remove(s.log)
		return nil, fmt.Errorf("start %s: %w", path, err)
	}
	s.cmd = cmd
	go func() {
		_ = cmd.Wait()
		logf.Close()
		close(s.done)
	}()
	if err := s.waitReady(startTimeout); err != nil {
		s.Stop()
		return nil, err
	}
	return s, nil
}

// listening matches werkzeug's start-up line, which names the bound port.
var listening = regexp.MustCompile(`Running on http://127\.0\.0\.1:(\d+)`)

// boundEndpoint returns the endpoint moto_server announced in its log, or "".
func (s *Server) boundEndpoint() string {
	out, _ := os.ReadFile(s.log)
	m := listening.FindSubmatch(out)
	if m == nil {
		return ""
	}
	return "http://127.0.0.1:" + string(m[1])
}

// waitReady polls the moto API until it answers 200.
func (s *Server) waitReady(timeout time.Duration) error {
	deadline := time.Now().Add(timeout)
	client := &http.Client{Timeout: 2 * time.Second}
	for time.Now().Before(deadline) {
		select {
		case <-s.done:
			out, _ := os.ReadFile(s.log)
			return fmt.Errorf("moto_server exited early:\n%s", out)
		default:
		}
		if s.Endpoint == "" {
			if s.Endpoint = s.boundEndpoint(); s.Endpoint == "" {
				time.Sleep(100 * time.Millisecond)
				continue
			}
		}
		resp, err := client.Get(s.Endpoint + "/moto-api/")
		if err == nil {
			resp.Body.Close()
			if resp.StatusCode == http.StatusOK {
				return nil
			}
		}
		time.Sleep(100 * time.Millisecond)
	}
	out, _ := os.ReadFile(s.log)
	return fmt.Errorf("moto_server did not answer on %s within %s; log:\n%s", s.Endpoint, timeout, out)
}

// Stop terminates the moto process group and removes its log. It is safe
// to call more than once.
func (s *Server) Stop() {
	if s == nil || s.cmd == nil || s.cmd.Process == nil {
		return
	}
	pgid := s.cmd.Process.Pid
	_ = syscall.Kill(-pgid, syscall.SIGTERM)
	select {
	case <-s.done:
	case <-time.After(stopTimeout):
		_ = syscall.Kill(-pgid, syscall.SIGKILL)
		<-s.done
	}
	_ = os.Remove(s.log)
	s.cmd = nil
}

// Reset wipes all state of the server (every account and region).
func (s *Server) Reset() error { return reset(s.Endpoint) }

func reset(endpoint string) error {
	resp, err := http.Post(endpoint+"/moto-api/reset", "application/json", nil)
	if err != nil {
		return fmt.Errorf("reset moto: %w", err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return fmt.Errorf("reset moto: HTTP %d", resp.StatusCode)
	}
	return nil
}

// Start starts a moto_server for the test and returns its endpoint. The
// server is stopped in t.Cleanup. The test fails (it is not skipped) when
// moto_server is missing or does not come up.
func Start(t testing.TB) string {
	return StartWith(t, Options{})
}

// StartWith is Start with options.
func StartWith(t testing.TB, opts Options) string {
	t.Helper()
	s, err := StartServer(opts)
	if err != nil {
		t.Fatalf("moto is required for this test: %v", err)
	}
	t.Cleanup(s.Stop)
	return s.Endpoint
}

// Reset wipes all state of the moto server at endpoint, failing the test on
// error.
func Reset(t testing.TB, endpoint string) {
	t.Helper()
	if err := reset(endpoint); err != nil {
		t.Fatal(err)
	}
}

// Config returns an AWS SDK configuration for the moto server at endpoint:
// region us-west-2, static dummy credentials and endpoint as the base
// endpoint of every service. It is built by hand rather than with
// config.LoadDefaultConfig, so neither AWS_* environment variables nor the
// shared config and credentials files can redirect it to a real account.
// Clients built from it need path-style addressing for S3
// (s3.Options.UsePathStyle), as with any emulator. ctx is accepted for
// symmetry with config.LoadDefaultConfig; no I/O happens.
func Config(_ context.Context, endpoint string) aws.Config {
	return aws.Config{
		Region:       Region,
		Credentials:  aws.NewCredentialsCache(credentials.NewStaticCredentialsProvider(AccessKeyID, SecretAccessKey, "")),
		BaseEndpoint: aws.String(endpoint),
	}
}
