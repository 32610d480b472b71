package main

import (
	"bytes"
	"io"
	"os"
	"os/exec"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"
	"unsafe"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestNoTerminalQueries: on a terminal that never answers (script(1), some CI
// runners), commands must neither wait for an answer nor write terminal
// queries. bubbletea's init once asked for the background colour (ESC]11;?)
// and the cursor position (ESC[6n) at start-up of every command, then waited
// 5 s; third_party/bubbletea drops that init.
func TestNoTerminalQueries(t *testing.T) {
	for _, tc := range []struct {
		args  []string
		bound time.Duration
	}{
		{[]string{"version"}, time.Second},
		{[]string{"plan", "--help"}, time.Second},
		{[]string{"check", "--help"}, time.Second},
		// A whole plan, coloured on the terminal: more work, still far below
		// the 5 s a query would wait.
		{[]string{"plan"}, 3 * time.Second},
	} {
		args := tc.args
		t.Run(strings.Join(args, " "), func(t *testing.T) {
			master, slave := openPTY(t)
			cmd := exec.Command(os.Args[0], args...)
			cmd.Env = append(cleanEnv(), asCLI+"=1", "TERM=xterm-256color")
			cmd.Stdin, cmd.Stdout, cmd.Stderr = slave, slave, slave
			// Its own session with the pty as controlling terminal, in the
			// foreground: exactly where terminal-styling libraries query.
			cmd.SysProcAttr = &syscall.SysProcAttr{Setsid: true, Setctty: true, Ctty: 0}

			start := time.Now()
			require.NoError(t, cmd.Start())
			require.NoError(t, slave.Close())
			var out bytes.Buffer
			done := make(chan struct{})
			go func() { _, _ = io.Copy(&out, master); close(done) }() // never answers
			err := cmd.Wait()
			elapsed := time.Since(start)
			_ = master.Close()
			<-done

			require.NoError(t, err, out.String())
			assert.Less(t, elapsed, tc.bound, "no wait for a terminal answer")
			t.Logf("%s: %v", strings.Join(args, " "), elapsed)
			assert.NotContains(t, out.String(), "\x1b]11;?", "no background-colour query")
			assert.NotContains(t, out.String(), "\x1b[6n", "no cursor-position query")
			assert.NotEmpty(t, strings.TrimSpace(out.String()), "the command printed its output")
		})
	}
}

// cleanEnv is the environment without CI, which makes terminal libraries
// skip their queries and would hide the problem.
func cleanEnv() []string {
	var env []string
	for _, kv := range os.Environ() {
		if !strings.HasPrefix(kv, "CI=") && !strings.HasPrefix(kv, "TERM=") && !strings.HasPrefix(kv, "NO_COLOR=") {
			env = append(env, kv)
		}
	}
	return env
}

// openPTY opens a pseudo-terminal pair (Linux /dev/ptmx).
func openPTY(t *testing.T) (master, slave *os.File) {
	t.Helper()
	master, err := os.OpenFile("/dev/ptmx", os.O_RDWR|syscall.O_NOCTTY, 0)
	if err != nil {
		t.Skipf("no pseudo-terminals here: %v", err)
	}
	t.Cleanup(func() { _ = master.Close() })
	var unlock int32
	require.NoError(t, ioctl(master, syscall.TIOCSPTLCK, unsafe.Pointer(&unlock)))
	var n uint32
	require.NoError(t, ioctl(master, syscall.TIOCGPTN, unsafe.Pointer(&n)))
	slave, err = os.OpenFile("/dev/pts/"+strconv.Itoa(int(n)), os.O_RDWR|syscall.O_NOCTTY, 0)
	require.NoError(t, err)
	t.Cleanup(func() { _ = slave.Close() })
	return master, slave
}

func ioctl(f *os.File, req uint, arg unsafe.Pointer) error {
	if _, _, errno := syscall.Syscall(syscall.SYS_IOCTL, f.Fd(), uintptr(req), uintptr(arg)); errno != 0 {
		return errno
	}
	return nil
}
