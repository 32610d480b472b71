// Package cliread is the one reader of every file the dominoeks CLI takes as
// an argument (--config, --account, --compare, --kubeconfig, --outputs): a
// regular file of bounded size, read within a deadline. Devices (/dev/zero),
// FIFOs without a writer, directories and sockets are refused before a byte
// is read, so no file argument can hang the CLI or grow its memory.
package cliread

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"syscall"
	"time"
)

// DefaultDeadline bounds one file read: a regular file of a few megabytes
// reads in milliseconds, even from a network file system that answers.
const DefaultDeadline = 5 * time.Second

// Kind is a type of file the CLI reads: the flag that names it, what the
// file must be (for the fix in a message) and its size cap.
type Kind struct {
	// Flag is the command-line flag that names the file, e.g. "--config".
	Flag string
	// What describes a valid file, e.g. "a stack config file (Pulumi.<stack>.yaml)".
	What string
	// Limit is the largest valid file, in bytes.
	Limit int64
}

// The kinds of file the CLI reads. A stack config is a few kilobytes; a
// `plan --json` document of the default deployment is ~140 KB; an account
// description, stack outputs and a kubeconfig are kilobytes.
var (
	// StackConfig is `plan|preflight --config`.
	StackConfig = Kind{Flag: "--config", What: "a stack config file (Pulumi.<stack>.yaml)", Limit: 1 << 20}
	// PlanDocument is `plan --compare`.
	PlanDocument = Kind{Flag: "--compare", What: "a previous `dominoeks plan --json` output", Limit: 16 << 20}
	// Account is `plan --account`.
	Account = Kind{Flag: "--account", What: "a JSON file of what the account holds", Limit: 4 << 20}
	// Outputs is `tunnel --outputs`.
	Outputs = Kind{Flag: "--outputs", What: "the output of `pulumi stack output --json`", Limit: 1 << 20}
	// Kubeconfig is `check --kubeconfig`.
	Kubeconfig = Kind{Flag: "--kubeconfig", What: "a kubeconfig file", Limit: 4 << 20}
)

// Error is a file argument that cannot be used: it names the flag, the path
// and what is wrong, and says what the flag takes.
type Error struct {
	Kind    Kind
	Path    string
	Problem string
	Err     error
}

func (e *Error) Error() string {
	return fmt.Sprintf("%s: %s; give %s", e.Kind.Flag, e.Problem, e.Kind.What)
}

func (e *Error) Unwrap() error { return e.Err }

// Read reads the file at path within DefaultDeadline. See ReadWithin.
func (k Kind) Read(path string) ([]byte, error) {
	return k.ReadWithin(path, DefaultDeadline)
}

// ReadWithin reads the regular file at path, of at most k.Limit bytes,
// within d. The file is opened without blocking (a FIFO with no writer
// answers at once) and checked on the open descriptor, so a path swapped
// for a device after a check is still refused.
func (k Kind) ReadWithin(path string, d time.Duration) ([]byte, error) {
	fail := func(problem string, err error) error {
		return &Error{Kind: k, Path: path, Problem: problem, Err: err}
	}
	if path == "" {
		return nil, fail("no file named", nil)
	}
	f, err := os.OpenFile(path, os.O_RDONLY|syscall.O_NONBLOCK, 0)
	if err != nil {
		if fi, serr := os.Stat(path); serr == nil && !fi.Mode().IsRegular() {
			// A socket cannot be opened at all: say what it is.
			return nil, fail(fmt.Sprintf("%s is not a regular file (%s)", path, describeMode(fi.Mode())), err)
		}
		return nil, fail(describeOpenError(path, err), err)
	}
	defer f.Close()
	fi, err := f.Stat()
	if err != nil {
		return nil, fail(fmt.Sprintf("%s: %v", path, err), err)
	}
	if !fi.Mode().IsRegular() {
		return nil, fail(fmt.Sprintf("%s is not a regular file (%s)", path, describeMode(fi.Mode())), nil)
	}
	if fi.Size() > k.Limit {
		return nil, fail(fmt.Sprintf("%s is %d bytes, more than the %d a valid file can have", path, fi.Size(), k.Limit), nil)
	}
	data, err := readLimited(f, k.Limit, d)
	switch {
	case errors.Is(err, errDeadline):
		return nil, fail(fmt.Sprintf("%s could not be read within %s", path, d), err)
	case errors.Is(err, errTooBig):
		// The file grew after the check.
		return nil, fail(fmt.Sprintf("%s is more than %d bytes, more than a valid file can have", path, k.Limit), err)
	case err != nil:
		return nil, fail(fmt.Sprintf("%s: %v", path, err), err)
	}
	return data, nil
}

var (
	errDeadline = errors.New("deadline exceeded")
	errTooBig   = errors.New("file over its size cap")
)

// readLimited reads at most limit bytes of f within d; one byte more than
// limit is errTooBig. On the deadline the file is closed, which ends a read
// a poller can interrupt; the reading goroutine ends with it.
func readLimited(f *os.File, limit int64, d time.Duration) ([]byte, error) {
	type result struct {
		data []byte
		err  error
	}
	done := make(chan result, 1)
	go func() {
		data, err := io.ReadAll(io.LimitReader(f, limit+1))
		done <- result{data, err}
	}()
	timer := time.NewTimer(d)
	defer timer.Stop()
	select {
	case r := <-done:
		if r.err != nil {
			return nil, r.err
		}
		if int64(len(r.data)) > limit {
			return nil, errTooBig
		}
		return r.data, nil
	case <-timer.C:
		_ = f.Close()
		return nil, errDeadline
	}
}

// describeOpenError says why path cannot be opened, in a user's terms.
func describeOpenError(path string, err error) string {
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return path + " does not exist"
	case errors.Is(err, fs.ErrPermission):
		return path + " cannot be read (permission denied)"
	default:
		return fmt.Sprintf("%s cannot be opened: %v", path, err)
	}
}

// describeMode names a non-regular file's kind for an error message.
func describeMode(m os.FileMode) string {
	switch {
	case m.IsDir():
		return "a directory"
	case m&os.ModeCharDevice != 0:
		return "a character device"
	case m&os.ModeDevice != 0:
		return "a device"
	case m&os.ModeNamedPipe != 0:
		return "a named pipe"
	case m&os.ModeSocket != 0:
		return "a socket"
	default:
		return "mode " + m.String()
	}
}

// CheckWritable refuses an output path that exists and is not a regular
// file: writing a kubeconfig to a FIFO with no reader would wait forever,
// and to a device would lose it. A path that does not exist yet is fine.
func CheckWritable(flag, path string) error {
	fi, err := os.Lstat(path)
	if errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	if err != nil {
		return fmt.Errorf("%s: %s: %w", flag, path, err)
	}
	if fi.Mode()&os.ModeSymlink != 0 {
		if fi, err = os.Stat(path); err != nil {
			return fmt.Errorf("%s: %s is a symbolic link that cannot be followed: %w", flag, path, err)
		}
	}
	if !fi.Mode().IsRegular() {
		return fmt.Errorf("%s: %s is not a regular file (%s); name a file to write", flag, path, describeMode(fi.Mode()))
	}
	return nil
}
