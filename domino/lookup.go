package domino

import "strings"

// notFoundMarkers are what terraform-provider-aws's data sources (behind the
// Pulumi invokes) put in the error of a lookup that found nothing: its
// retry.NotFoundError ("couldn't find resource") wrapping the service's code
// (IAM NoSuchEntity; EKS ResourceNotFoundException, ECR
// RepositoryNotFoundException, KMS NotFoundException: all *NotFoundException;
// S3 NoSuchBucket), and tfresource.SingularDataSourceFindError ("no matching
// ... found", EFS by tags). Source: terraform-provider-aws
// internal/tfresource/not_found_error.go and the services' Find* functions.
var notFoundMarkers = []string{"couldn't find resource", "NoSuchEntity", "NotFoundException", "NoSuchBucket", "no matching"}

// isNotFound reports whether a lookup error says the resource does not exist.
// Any other error (AccessDenied, throttling, no credentials) is not an
// answer: callers must fail on it rather than guess "absent".
func isNotFound(err error) bool {
	if err == nil {
		return false
	}
	msg := err.Error()
	for _, m := range notFoundMarkers {
		if strings.Contains(msg, m) {
			return true
		}
	}
	return false
}

// ambiguousMarkers are what a lookup that matched more than one resource
// answers: tfresource.SingularDataSourceFindError ("multiple <thing> matched;
// use additional constraints ...") around tfresource.TooManyResultsError ("too
// many results"); older data sources said "Search returned N results".
// Source: terraform-provider-aws internal/tfresource/errors.go.
var ambiguousMarkers = []string{"matched; use additional constraints", "too many results", "Search returned"}

// isAmbiguous reports whether a lookup error says several resources match.
func isAmbiguous(err error) bool {
	if err == nil {
		return false
	}
	for _, m := range ambiguousMarkers {
		if strings.Contains(err.Error(), m) {
			return true
		}
	}
	return false
}
