package plan

import (
	"fmt"
	"io"
	"os"
)

// Size limits of the files the planner reads. A stack config is a few
// kilobytes; a `plan --json` document of the default deployment is ~140 KB.
// Bounding both keeps `--config /dev/zero` from reading forever.
const (
	// MaxStackConfigBytes bounds a stack config file (--config).
	MaxStackConfigBytes = 1 << 20
	// MaxPlanDocumentBytes bounds a previous plan document (--compare).
	MaxPlanDocumentBytes = 16 << 20
)

// readBounded reads a regular file of at most limit bytes. Devices, FIFOs,
// directories and sockets are refused before anything is read: they may
// never end (/dev/zero) or never answer (a FIFO without a writer).
func readBounded(path string, limit int64) ([]byte, error) {
	fi, err := os.Stat(path)
	if err != nil {
		return nil, err
	}
	if !fi.Mode().IsRegular() {
		return nil, fmt.Errorf("%s is not a regular file (%s)", path, describeMode(fi.Mode()))
	}
	if fi.Size() > limit {
		return nil, fmt.Errorf("%s is %d bytes, more than the %d a valid file can have", path, fi.Size(), limit)
	}
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	// The file may grow after the Stat: read one byte more than the limit to notice.
	data, err := io.ReadAll(io.LimitReader(f, limit+1))
	if err != nil {
		return nil, err
	}
	if int64(len(data)) > limit {
		return nil, fmt.Errorf("%s is more than %d bytes, more than a valid file can have", path, limit)
	}
	return data, nil
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
