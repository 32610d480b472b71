package preflight

import (
	"fmt"

	"github.com/dominoeks/pulumi-dominoeks/internal/checker"
)

// answered reports whether err is an error answer from the service (a
// lookup that can degrade to WARN) rather than a failure to reach it (which
// aborts the run: exit 2, no report).
func answered(err error) bool {
	return checker.APIErrorCode(err) != "" || checker.HTTPStatus(err) != 0
}

// isDenied reports whether err is an authorization failure.
func isDenied(err error) bool {
	switch checker.APIErrorCode(err) {
	case "AccessDenied", "AccessDeniedException", "UnauthorizedOperation", "Forbidden", "UnauthorizedException":
		return true
	}
	return checker.HTTPStatus(err) == 403
}

// errCode names an answered error for evidence: its AWS error code, else its
// HTTP status.
func errCode(err error) string {
	if c := checker.APIErrorCode(err); c != "" {
		return c
	}
	if st := checker.HTTPStatus(err); st != 0 {
		return fmt.Sprintf("HTTP %d", st)
	}
	return "no answer"
}
