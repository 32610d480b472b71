package cliread

import (
	"os"
	"path/filepath"
	"syscall"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestReadRefusesWhatIsNotABoundedRegularFile(t *testing.T) {
	dir := t.TempDir()
	fifo := filepath.Join(dir, "fifo")
	require.NoError(t, syscall.Mkfifo(fifo, 0o600))
	ok := filepath.Join(dir, "ok.yaml")
	require.NoError(t, os.WriteFile(ok, []byte("config: {}\n"), 0o600))
	atCap := filepath.Join(dir, "cap")
	require.NoError(t, os.WriteFile(atCap, make([]byte, 16), 0o600))
	overCap := filepath.Join(dir, "over")
	require.NoError(t, os.WriteFile(overCap, make([]byte, 17), 0o600))
	k := Kind{Flag: "--x", What: "a test file", Limit: 16}

	tests := []struct {
		name, path, want string
	}{
		{"device", "/dev/zero", "--x: /dev/zero is not a regular file (a character device); give a test file"},
		{"fifo", fifo, fifo + " is not a regular file (a named pipe)"},
		{"directory", dir, dir + " is not a regular file (a directory)"},
		{"over the cap", overCap, overCap + " is 17 bytes, more than the 16 a valid file can have"},
		{"missing", filepath.Join(dir, "none"), "none does not exist"},
		{"empty path", "", "--x: no file named"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			start := time.Now()
			_, err := k.Read(tc.path)
			require.Error(t, err)
			assert.Contains(t, err.Error(), tc.want)
			var fe *Error
			require.ErrorAs(t, err, &fe)
			assert.Equal(t, "--x", fe.Kind.Flag)
			assert.Less(t, time.Since(start), time.Second)
		})
	}
	data, err := k.Read(atCap)
	require.NoError(t, err)
	assert.Len(t, data, 16)
	data, err = StackConfig.Read(ok)
	require.NoError(t, err)
	assert.Equal(t, "config: {}\n", string(data))
}

// TestReadLimitedStopsAtTheDeadline: a read that never ends (a FIFO with a
// writer that never writes, past the type check) gives up at the deadline.
func TestReadLimitedStopsAtTheDeadline(t *testing.T) {
	r, w, err := os.Pipe()
	require.NoError(t, err)
	defer w.Close()
	start := time.Now()
	_, err = readLimited(r, 16, 50*time.Millisecond)
	require.ErrorIs(t, err, errDeadline)
	assert.Less(t, time.Since(start), time.Second)

	// A file that grows past the cap after the size check.
	r2, w2, err := os.Pipe()
	require.NoError(t, err)
	_, err = w2.Write(make([]byte, 17))
	require.NoError(t, err)
	require.NoError(t, w2.Close())
	_, err = readLimited(r2, 16, time.Second)
	require.ErrorIs(t, err, errTooBig)
}

func TestCheckWritable(t *testing.T) {
	dir := t.TempDir()
	fifo := filepath.Join(dir, "fifo")
	require.NoError(t, syscall.Mkfifo(fifo, 0o600))
	assert.NoError(t, CheckWritable("--kubeconfig", filepath.Join(dir, "new")))
	assert.ErrorContains(t, CheckWritable("--kubeconfig", fifo), "is not a regular file (a named pipe)")
	assert.ErrorContains(t, CheckWritable("--kubeconfig", "/dev/zero"), "a character device")
	assert.ErrorContains(t, CheckWritable("--kubeconfig", dir), "a directory")
}
