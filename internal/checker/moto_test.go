package checker

import (
	"errors"
	"fmt"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"sync"
	"syscall"
	"testing"
	"time"
)

// One moto_server is shared by every test of the package; tests reset its
// state through the moto API instead of restarting it.
var moto struct {
	once sync.Once
	url  string
	cmd  *exec.Cmd
	log  string
	err  error
	done chan struct{}
}

func TestMain(m *testing.M) {
	code := m.Run()
	stopMoto()
	os.Exit(code)
}

// motoURL starts moto_server on first use and returns its base URL. The test
// fails when moto_server is not installed or does not come up.
func motoURL(t *testing.T) string {
	t.Helper()
	moto.once.Do(startMoto)
	if moto.err != nil {
		t.Fatalf("moto is required for this test: %v", moto.err)
	}
	return moto.url
}

func startMoto() {
	path, err := exec.LookPath("moto_server")
	if err != nil {
		moto.err = fmt.Errorf("moto_server not found on PATH; install it with pip install 'moto[server]': %w", err)
		return
	}
	port, err := freePort()
	if err != nil {
		moto.err = err
		return
	}
	logf, err := os.CreateTemp("", "moto-*.log")
	if err != nil {
		moto.err = fmt.Errorf("create moto log: %w", err)
		return
	}
	moto.log = logf.Name()
	cmd := exec.Command(path, "-H", "127.0.0.1", "-p", strconv.Itoa(port))
	cmd.Stdout, cmd.Stderr = logf, logf
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true} // so stopMoto reaches the python child of the shim
	if err := cmd.Start(); err != nil {
		logf.Close()
		moto.err = fmt.Errorf("start %s: %w", path, err)
		return
	}
	moto.cmd = cmd
	moto.done = make(chan struct{})
	go func() {
		_ = cmd.Wait()
		logf.Close()
		close(moto.done)
	}()
	moto.url = fmt.Sprintf("http://127.0.0.1:%d", port)

	deadline := time.Now().Add(60 * time.Second)
	client := &http.Client{Timeout: 2 * time.Second}
	for time.Now().Before(deadline) {
		select {
		case <-moto.done:
			out, _ := os.ReadFile(moto.log)
			moto.err = fmt.Errorf("moto_server exited early:\n%s", out)
			return
		default:
		}
		resp, err := client.Get(moto.url + "/moto-api/")
		if err == nil {
			resp.Body.Close()
			if resp.StatusCode == http.StatusOK {
				return
			}
		}
		time.Sleep(100 * time.Millisecond)
	}
	moto.err = errors.New("moto_server did not answer within 60s; log: " + moto.log)
	stopMoto()
}

// stopMoto terminates the moto process group this package started.
func stopMoto() {
	if moto.cmd == nil || moto.cmd.Process == nil {
		return
	}
	pgid := moto.cmd.Process.Pid
	_ = syscall.Kill(-pgid, syscall.SIGTERM)
	select {
	case <-moto.done:
	case <-time.After(5 * time.Second):
		_ = syscall.Kill(-pgid, syscall.SIGKILL)
		<-moto.done
	}
	if moto.log != "" {
		_ = os.Remove(moto.log)
	}
	moto.cmd = nil
}

func freePort() (int, error) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return 0, fmt.Errorf("find a free port: %w", err)
	}
	defer l.Close()
	return l.Addr().(*net.TCPAddr).Port, nil
}

// useMoto points the AWS SDK at moto through the environment only, the way
// a user would (AWS_ENDPOINT_URL is read natively by config.LoadDefaultConfig),
// and isolates the test from any real AWS configuration.
func useMoto(t *testing.T) string {
	t.Helper()
	url := motoURL(t)
	none := filepath.Join(t.TempDir(), "none")
	for k, v := range map[string]string{
		"AWS_ENDPOINT_URL":            url,
		"AWS_ENDPOINT_URL_S3":         "",
		"AWS_ACCESS_KEY_ID":           "testing",
		"AWS_SECRET_ACCESS_KEY":       "testing",
		"AWS_SESSION_TOKEN":           "",
		"AWS_PROFILE":                 "",
		"AWS_REGION":                  testRegion,
		"AWS_DEFAULT_REGION":          testRegion,
		"AWS_CONFIG_FILE":             none,
		"AWS_SHARED_CREDENTIALS_FILE": none,
		"AWS_EC2_METADATA_DISABLED":   "true",
	} {
		t.Setenv(k, v)
	}
	return url
}

// resetMoto wipes all moto state.
func resetMoto(t *testing.T, url string) {
	t.Helper()
	resp, err := http.Post(url+"/moto-api/reset", "application/json", nil)
	if err != nil {
		t.Fatalf("reset moto: %v", err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("reset moto: HTTP %d", resp.StatusCode)
	}
}
