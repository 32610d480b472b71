package checker

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	awsmiddleware "github.com/aws/aws-sdk-go-v2/aws/middleware"
	"github.com/aws/smithy-go/middleware"
)

// DefaultCallTimeout bounds one AWS API call, all its retries included, when
// the caller sets no other deadline. An endpoint that accepts connections and
// never answers (a wedged proxy, a firewall that drops replies) would
// otherwise hold `check` and `preflight` forever: the SDK's HTTP client has
// no overall timeout of its own.
const DefaultCallTimeout = 20 * time.Second

// CallTimeoutError reports an AWS call that got no answer within its own
// deadline (the per-call one, not the caller's context).
type CallTimeoutError struct {
	// Service is the SDK's service id, e.g. "EC2".
	Service string
	// Operation is the API operation, e.g. "DescribeAvailabilityZones".
	Operation string
	// After is the per-call deadline that expired.
	After time.Duration
	// Err is the SDK's error.
	Err error
}

func (e *CallTimeoutError) Error() string {
	return fmt.Sprintf("%s %s: no answer within %s", e.Service, e.Operation, e.After)
}

func (e *CallTimeoutError) Unwrap() error { return e.Err }

// callDeadlineID names the middleware in the SDK's stack.
const callDeadlineID = "DominoeksCallDeadline"

// WithCallTimeout bounds every API call made with cfg, retries included, to
// d (d <= 0 leaves cfg unbounded) and returns the changed configuration. A
// call that runs out of time fails with a *CallTimeoutError naming the
// service and operation.
func WithCallTimeout(cfg aws.Config, d time.Duration) aws.Config {
	if d <= 0 {
		return cfg
	}
	opts := make([]func(*middleware.Stack) error, 0, len(cfg.APIOptions)+1)
	opts = append(opts, cfg.APIOptions...)
	cfg.APIOptions = append(opts, func(s *middleware.Stack) error {
		// Replace, not stack, an earlier deadline: the last call wins.
		if _, ok := s.Initialize.Get(callDeadlineID); ok {
			if _, err := s.Initialize.Remove(callDeadlineID); err != nil {
				return err
			}
		}
		// After the service metadata middleware, so the operation's name is known;
		// in the Initialize step, so the deadline covers every retry attempt,
		// credential resolution and signing.
		return s.Initialize.Add(callDeadline(d), middleware.After)
	})
	return cfg
}

func callDeadline(d time.Duration) middleware.InitializeMiddleware {
	return middleware.InitializeMiddlewareFunc(callDeadlineID, func(ctx context.Context, in middleware.InitializeInput, next middleware.InitializeHandler) (middleware.InitializeOutput, middleware.Metadata, error) {
		cctx, cancel := context.WithTimeout(ctx, d)
		defer cancel()
		out, md, err := next.HandleInitialize(cctx, in)
		if err != nil && ctx.Err() == nil && errors.Is(cctx.Err(), context.DeadlineExceeded) {
			err = &CallTimeoutError{
				Service:   awsmiddleware.GetServiceID(ctx),
				Operation: awsmiddleware.GetOperationName(ctx),
				After:     d,
				Err:       err,
			}
		}
		return out, md, err
	})
}
