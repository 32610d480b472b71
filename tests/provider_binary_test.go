package tests

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/pulumi/pulumi/pkg/v3/codegen/schema"
	pulumirpc "github.com/pulumi/pulumi/sdk/v3/proto/go"
	"google.golang.org/grpc"
	"google.golang.org/grpc/credentials/insecure"

	"github.com/dominoeks/pulumi-dominoeks/domino"
	"github.com/dominoeks/pulumi-dominoeks/internal/provider"
	"github.com/dominoeks/pulumi-dominoeks/internal/provider/schemagen"
)

// TestProviderBinaryServesSchema builds the real provider binary with a version
// set through -ldflags, starts it the way the engine does but without an engine
// address (attach mode), reads its port from the first line of stdout, calls
// GetSchema over gRPC and stops it with SIGINT, as the engine does.
func TestProviderBinaryServesSchema(t *testing.T) {
	const version = "9.8.7"
	bin := filepath.Join(t.TempDir(), "pulumi-resource-dominoeks")
	build := exec.Command("go", "build", "-ldflags", "-X main.version=v"+version, "-o", bin, "./cmd/pulumi-resource-dominoeks")
	build.Dir = provRoot(t)
	if out, err := build.CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}

	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, bin)
	var stderr provSyncBuffer
	cmd.Stderr = &stderr
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatalf("starting the provider: %v", err)
	}
	exited := make(chan error, 1)
	stopped := false
	t.Cleanup(func() {
		if !stopped {
			_ = cmd.Process.Kill()
			<-exited
		}
	})

	port := make(chan string, 1)
	go func() {
		r := bufio.NewReader(stdout)
		line, err := r.ReadString('\n')
		if err != nil {
			line = ""
		}
		port <- strings.TrimSpace(line)
		_, _ = io.Copy(io.Discard, r) // drain stdout until the provider exits, then reap it
		exited <- cmd.Wait()
	}()
	var addr string
	select {
	case p := <-port:
		if _, err := strconv.Atoi(p); err != nil {
			t.Fatalf("first stdout line %q is not a port; stderr:\n%s", p, stderr.String())
		}
		addr = "127.0.0.1:" + p
	case <-time.After(30 * time.Second):
		t.Fatalf("the provider printed no port within 30s; stderr:\n%s", stderr.String())
	}

	conn, err := grpc.NewClient(addr, grpc.WithTransportCredentials(insecure.NewCredentials()))
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	resp, err := pulumirpc.NewResourceProviderClient(conn).GetSchema(ctx, &pulumirpc.GetSchemaRequest{})
	if err != nil {
		t.Fatalf("GetSchema: %v; stderr:\n%s", err, stderr.String())
	}
	var served schema.PackageSpec
	if err := json.Unmarshal([]byte(resp.GetSchema()), &served); err != nil {
		t.Fatalf("GetSchema returned invalid JSON: %v", err)
	}
	if served.Name != "dominoeks" {
		t.Errorf("schema name %q, want dominoeks", served.Name)
	}
	if served.Version != version {
		t.Errorf("schema version %q, want %q (from -ldflags -X main.version=v%s)", served.Version, version, version)
	}
	res, ok := served.Resources[domino.Token]
	if !ok {
		t.Fatalf("the served schema has no %s resource", domino.Token)
	}
	if !res.IsComponent {
		t.Errorf("%s is not a component in the served schema", domino.Token)
	}

	// The binary serves the schema `make schema` generates in-process.
	gen, err := schemagen.Schema(ctx)
	if err != nil {
		t.Fatal(err)
	}
	served.Version = provider.DefaultVersion
	got, err := schemagen.Marshal(served)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got, gen) {
		t.Errorf("the provider binary serves a different schema than the in-process generator:\n%s", schemaFirstDiff(got, gen))
	}

	// The engine stops providers with SIGINT: the provider must exit cleanly.
	if err := cmd.Process.Signal(os.Interrupt); err != nil {
		t.Fatal(err)
	}
	select {
	case err := <-exited:
		stopped = true
		var exitErr *exec.ExitError
		if errors.As(err, &exitErr) {
			t.Errorf("the provider exited with %v after SIGINT; stderr:\n%s", err, stderr.String())
		}
	case <-time.After(20 * time.Second):
		t.Errorf("the provider did not exit within 20s of SIGINT")
	}
}

// provSyncBuffer is a bytes.Buffer safe for one writer and concurrent readers.
type provSyncBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *provSyncBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

func (b *provSyncBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}
