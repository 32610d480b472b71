package preflight

import (
	"errors"
	"fmt"

	awshttp "github.com/aws/aws-sdk-go-v2/aws/transport/http"
	"github.com/aws/smithy-go"
)

// apiCode returns the AWS error code of err ("AccessDenied", ...), or "" when
// err is not an answer from AWS (network, credentials, cancellation).
func apiCode(err error) string {
	var ae smithy.APIError
	if errors.As(err, &ae) {
		return ae.ErrorCode()
	}
	return ""
}

// httpStatus returns the HTTP status of an AWS response error, or 0.
func httpStatus(err error) int {
	var re *awshttp.ResponseError
	if errors.As(err, &re) {
		return re.HTTPStatusCode()
	}
	return 0
}

// answered reports whether err is an error answer from the service (a
// lookup that can degrade to WARN) rather than a failure to reach it (which
// aborts the run: exit 2, no report).
func answered(err error) bool {
	return apiCode(err) != "" || httpStatus(err) != 0
}

// isDenied reports whether err is an authorization failure.
func isDenied(err error) bool {
	switch apiCode(err) {
	case "AccessDenied", "AccessDeniedException", "UnauthorizedOperation", "Forbidden", "UnauthorizedException":
		return true
	}
	return httpStatus(err) == 403
}

// errCode names an answered error for evidence: its AWS error code, else its
// HTTP status.
func errCode(err error) string {
	if c := apiCode(err); c != "" {
		return c
	}
	if st := httpStatus(err); st != 0 {
		return fmt.Sprintf("HTTP %d", st)
	}
	return "no answer"
}
