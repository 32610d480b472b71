package checker

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/ssm"

	"github.com/dominoeks/pulumi-dominoeks/internal/awsfacts"
)

// CheckAMIRelease warns when a node group runs an AMI release older than
// EKS's latest for its Kubernetes version by more than awsfacts.StaleReleaseAge.
const CheckAMIRelease = "nodes.ami-release"

const amiReleaseTitle = "Node groups run a recent EKS AMI release (within 90 days of EKS's latest for their version)"

// ReleaseAPI reads the public SSM parameters where EKS publishes its latest
// AMI release per Kubernetes version and AMI type.
type ReleaseAPI interface {
	GetParameter(ctx context.Context, in *ssm.GetParameterInput, optFns ...func(*ssm.Options)) (*ssm.GetParameterOutput, error)
}

// checkAMIRelease compares each node group's release with EKS's latest.
func (r *runner) checkAMIRelease(ctx context.Context, st *state) ([]Result, error) {
	if r.c.Releases == nil {
		return []Result{warn(CheckAMIRelease, amiReleaseTitle, "not checked (no SSM client)", "grant ssm:GetParameter on /aws/service/eks/*")}, nil
	}
	latest := map[string]string{} // by parameter name
	var stale, unknown, fresh []string
	for _, g := range st.groups {
		format, ok := awsfacts.AMIReleaseParameters[g.AMIType]
		if !ok || g.ReleaseVersion == "" {
			unknown = append(unknown, fmt.Sprintf("%s (AMI type %s, release %q)", g.Name, g.AMIType, g.ReleaseVersion))
			continue
		}
		name := fmt.Sprintf(format, g.Version)
		if _, seen := latest[name]; !seen {
			out, err := r.c.Releases.GetParameter(ctx, &ssm.GetParameterInput{Name: aws.String(name)})
			if err != nil {
				if optionalAPIError(err) || APIErrorCode(err) == "ParameterNotFound" {
					return []Result{warn(CheckAMIRelease, amiReleaseTitle, "could not read "+name+": "+APIErrorCode(err), "grant ssm:GetParameter on /aws/service/eks/*")}, nil
				}
				return nil, fmt.Errorf("read EKS's latest AMI release %s: %w", name, err)
			}
			if out.Parameter == nil {
				return nil, fmt.Errorf("read EKS's latest AMI release %s: empty answer", name)
			}
			latest[name] = aws.ToString(out.Parameter.Value)
		}
		behind, err := releaseLag(g.ReleaseVersion, latest[name])
		switch {
		case err != nil:
			unknown = append(unknown, fmt.Sprintf("%s (%v)", g.Name, err))
		case behind > awsfacts.StaleReleaseAge:
			stale = append(stale, fmt.Sprintf("%s runs %s, %d days behind EKS's latest %s", g.Name, g.ReleaseVersion, int(behind.Hours()/24), latest[name]))
		default:
			fresh = append(fresh, g.Name+" "+g.ReleaseVersion)
		}
	}
	switch {
	case len(stale) > 0:
		return []Result{warn(CheckAMIRelease, amiReleaseTitle, strings.Join(stale, "; "),
			"patch the nodes: set the pool's releaseVersion (or nodeReleaseVersion) to EKS's latest release and run pulumi up; the node groups roll with their update config")}, nil
	case len(unknown) > 0:
		return []Result{warn(CheckAMIRelease, amiReleaseTitle, "release not comparable: "+strings.Join(unknown, "; "),
			"check the node groups' AMI releases against EKS's (aws ssm get-parameter --name /aws/service/eks/optimized-ami/<version>/...)")}, nil
	}
	return []Result{pass(CheckAMIRelease, amiReleaseTitle, strings.Join(fresh, ", "))}, nil
}

// releaseLag is how long before latest's build the release was built.
func releaseLag(release, latest string) (time.Duration, error) {
	have, err := awsfacts.ReleaseDate(release)
	if err != nil {
		return 0, err
	}
	want, err := awsfacts.ReleaseDate(latest)
	if err != nil {
		return 0, err
	}
	return want.Sub(have), nil
}
