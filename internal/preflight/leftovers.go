package preflight

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"strings"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	v4 "github.com/aws/aws-sdk-go-v2/aws/signer/v4"
	"github.com/aws/aws-sdk-go-v2/service/ecr"
	"github.com/aws/aws-sdk-go-v2/service/efs"
	"github.com/aws/aws-sdk-go-v2/service/kms"
	smithy "github.com/aws/smithy-go"

	"github.com/dominoeks/pulumi-dominoeks/internal/adopt"
	"github.com/dominoeks/pulumi-dominoeks/internal/checker"
)

// CheckLeftovers names what an earlier destroy left under the planned
// physical names: the next `up` adopts each (WARN), so nothing is created
// twice. Retained buckets are named by CheckBuckets.
const CheckLeftovers = "names.leftovers"

const leftoversTitle = "Planned physical names a destroy retained (adopted by the next up)"

// LeftoverAPI finds retained resources by physical name; each method reports
// whether the resource exists and its id.
type LeftoverAPI interface {
	LogGroup(ctx context.Context, name string) (bool, error)
	Repository(ctx context.Context, name string) (bool, error)
	// KeyAlias returns the key id the alias points to ("" when absent).
	KeyAlias(ctx context.Context, alias string) (string, error)
	// FileSystems returns the EFS file systems tagged Name=name or
	// adopt.ClusterTag=cluster, with their tags and key.
	FileSystems(ctx context.Context, name, cluster string) ([]adopt.Candidate, error)
	// UnaliasedKeys lists the customer keys tagged Name=<cluster> no alias names.
	UnaliasedKeys(ctx context.Context, cluster string) ([]RetainedKey, error)
}

// checkLeftovers looks up every retainable planned name.
func (r *runner) checkLeftovers(ctx context.Context) ([]checker.Result, error) {
	if r.c.Leftovers == nil {
		return []checker.Result{warn(CheckLeftovers, leftoversTitle, "not checked (no client)", "check for retained resources yourself")}, nil
	}
	var found, unknown, refused []string
	note := func(what string, ok bool, id string, err error) error {
		switch {
		case err != nil && !answered(err):
			return fmt.Errorf("%s: %w", what, err)
		case err != nil:
			unknown = append(unknown, fmt.Sprintf("%s (%s)", what, errCode(err)))
		case ok:
			found = append(found, what+id)
		}
		return nil
	}
	l, d := r.c.Leftovers, r.d.Retainable
	for _, n := range d.LogGroups {
		ok, err := l.LogGroup(ctx, n)
		if err := note("log group "+n, ok, "", err); err != nil {
			return nil, err
		}
	}
	for _, n := range d.Repositories {
		ok, err := l.Repository(ctx, n)
		if err := note("ECR repository "+n, ok, "", err); err != nil {
			return nil, err
		}
	}
	cl := adopt.Cluster{Name: r.d.ClusterName}
	for _, n := range d.KeyAliases {
		id, err := l.KeyAlias(ctx, n)
		if err := note("KMS alias "+n, id != "", " → key "+id, err); err != nil {
			return nil, err
		}
		r.aliasExists = r.aliasExists || id != ""
		if n == "alias/"+r.d.ClusterName {
			cl.KeyID = id
		}
	}
	for _, n := range d.FileSystems {
		fss, err := l.FileSystems(ctx, n, r.d.ClusterName)
		if err := note("EFS file system "+n, false, "", err); err != nil {
			return nil, err
		}
		f, rf := judgeFileSystems(n, fss, cl)
		found, refused = append(found, f...), append(refused, rf...)
	}
	switch {
	case len(refused) > 0:
		fix := "the next up creates this cluster's own file system beside them"
		if len(found) > 0 {
			fix = "the next up adopts only " + strings.Join(found, "; ")
		}
		return []checker.Result{warn(CheckLeftovers, leftoversTitle, "not this cluster's, never adopted: "+strings.Join(refused, "; "),
			fix+"; a file system of "+r.d.ClusterName+" that carries no cluster tag is adopted after `"+adopt.TagCommand("<fs-id>", r.d.ClusterName)+"`")}, nil
	case len(found) > 0:
		return []checker.Result{warn(CheckLeftovers, leftoversTitle, "retained in this account: "+strings.Join(found, "; "),
			"the next up adopts each (import) when no cluster "+r.d.ClusterName+" exists, keeping the data and its key; `dominoeks plan --account` shows it")}, nil
	case len(unknown) > 0:
		return []checker.Result{warn(CheckLeftovers, leftoversTitle, "could not look up: "+strings.Join(unknown, ", "),
			"grant logs:DescribeLogGroups, ecr:DescribeRepositories, kms:DescribeKey, elasticfilesystem:DescribeFileSystems")}, nil
	}
	return []checker.Result{pass(CheckLeftovers, leftoversTitle, "none of the planned names exists")}, nil
}

// leftoverClients implements LeftoverAPI with the AWS SDK.
type leftoverClients struct {
	ecr  *ecr.Client
	kms  *kms.Client
	efs  *efs.Client
	logs *logsClient
}

func (c leftoverClients) LogGroup(ctx context.Context, name string) (bool, error) {
	return c.logs.logGroupExists(ctx, name)
}

func (c leftoverClients) Repository(ctx context.Context, name string) (bool, error) {
	_, err := c.ecr.DescribeRepositories(ctx, &ecr.DescribeRepositoriesInput{RepositoryNames: []string{name}})
	if checker.APIErrorCode(err) == "RepositoryNotFoundException" {
		return false, nil
	}
	return err == nil, err
}

func (c leftoverClients) KeyAlias(ctx context.Context, alias string) (string, error) {
	out, err := c.kms.DescribeKey(ctx, &kms.DescribeKeyInput{KeyId: aws.String(alias)})
	if checker.APIErrorCode(err) == "NotFoundException" {
		return "", nil
	}
	if err != nil {
		return "", err
	}
	return aws.ToString(out.KeyMetadata.KeyId), nil
}

// judgeFileSystems decides as domino's findFileSystem does: the one file
// system tagged for this cluster, else the one tagged with the planned Name,
// adopted only when adopt.Judge ties it to this cluster. Several matches of a
// step are ambiguous: none is adopted. Others' file systems are named.
func judgeFileSystems(name string, fss []adopt.Candidate, cl adopt.Cluster) (found, refused []string) {
	var tagged, named []adopt.Candidate
	for _, fs := range fss {
		if fs.Tags[adopt.ClusterTag] == cl.Name {
			tagged = append(tagged, fs)
		} else if fs.Tags["Name"] == name {
			named = append(named, fs)
		}
	}
	for _, step := range [][]adopt.Candidate{tagged, named} {
		if len(step) > 1 {
			var ids []string
			for _, fs := range step {
				ids = append(ids, fs.ID)
			}
			refused = append(refused, "EFS file systems "+strings.Join(ids, ", ")+" match ("+name+"): none is adopted until only one carries the tag "+adopt.ClusterTag+"="+cl.Name)
		}
	}
	for _, fs := range append(tagged, named...) {
		switch v, owner := adopt.Judge(fs, cl); {
		case v == adopt.Adopt && len(found) == 0 && (len(tagged) == 1 || len(tagged) == 0 && len(named) == 1):
			found = append(found, "EFS file system "+name+" ("+fs.ID+")")
		case v == adopt.Foreign:
			refused = append(refused, fmt.Sprintf("EFS file system %s (%s) belongs to cluster %s", fs.ID, name, owner))
		case v == adopt.Unverified:
			refused = append(refused, fmt.Sprintf("EFS file system %s (%s) carries no cluster tag and is not encrypted with alias/%s's key", fs.ID, name, cl.Name))
		}
	}
	return found, refused
}

func (c leftoverClients) FileSystems(ctx context.Context, name, cluster string) ([]adopt.Candidate, error) {
	var out []adopt.Candidate
	p := efs.NewDescribeFileSystemsPaginator(c.efs, &efs.DescribeFileSystemsInput{})
	for p.HasMorePages() {
		page, err := p.NextPage(ctx)
		if err != nil {
			return nil, err
		}
		for _, fs := range page.FileSystems {
			tags := map[string]string{}
			for _, t := range fs.Tags {
				tags[aws.ToString(t.Key)] = aws.ToString(t.Value)
			}
			if tags["Name"] == name || tags[adopt.ClusterTag] == cluster {
				out = append(out, adopt.Candidate{ID: aws.ToString(fs.FileSystemId), Tags: tags, KeyID: aws.ToString(fs.KmsKeyId)})
			}
		}
	}
	return out, nil
}

// logsClient calls CloudWatch Logs' JSON API (DescribeLogGroups) directly: the
// module has no CloudWatch Logs SDK client, and one read call does not justify one.
type logsClient struct {
	cfg  aws.Config
	http *http.Client
}

func newLogsClient(cfg aws.Config) *logsClient {
	return &logsClient{cfg: cfg, http: &http.Client{Timeout: 30 * time.Second}}
}

// logsAPIError is a CloudWatch Logs error answer.
type logsAPIError struct{ code, msg string }

func (e *logsAPIError) Error() string                 { return e.code + ": " + e.msg }
func (e *logsAPIError) ErrorCode() string             { return e.code }
func (e *logsAPIError) ErrorMessage() string          { return e.msg }
func (e *logsAPIError) ErrorFault() smithy.ErrorFault { return smithy.FaultUnknown }

// logGroupExists asks DescribeLogGroups for the exact name.
func (c *logsClient) logGroupExists(ctx context.Context, name string) (bool, error) {
	endpoint := "https://logs." + c.cfg.Region + ".amazonaws.com"
	if c.cfg.BaseEndpoint != nil {
		endpoint = *c.cfg.BaseEndpoint
	}
	body, _ := json.Marshal(map[string]any{"logGroupNamePrefix": name})
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, endpoint+"/", bytes.NewReader(body))
	if err != nil {
		return false, err
	}
	req.Header.Set("Content-Type", "application/x-amz-json-1.1")
	req.Header.Set("X-Amz-Target", "Logs_20140328.DescribeLogGroups")
	creds, err := c.cfg.Credentials.Retrieve(ctx)
	if err != nil {
		return false, fmt.Errorf("credentials: %w", err)
	}
	h := sha256.Sum256(body)
	hash := hex.EncodeToString(h[:])
	if err := v4.NewSigner().SignHTTP(ctx, creds, req, hash, "logs", c.cfg.Region, time.Now()); err != nil {
		return false, err
	}
	resp, err := c.http.Do(req)
	if err != nil {
		return false, err
	}
	defer resp.Body.Close()
	raw, _ := io.ReadAll(resp.Body)
	if resp.StatusCode != http.StatusOK {
		var e struct {
			Type    string `json:"__type"`
			Message string `json:"message"`
		}
		_ = json.Unmarshal(raw, &e)
		code := e.Type[strings.LastIndex(e.Type, "#")+1:]
		if code == "" {
			code = resp.Status
		}
		return false, &logsAPIError{code: code, msg: e.Message}
	}
	var out struct {
		LogGroups []struct {
			LogGroupName string `json:"logGroupName"`
		} `json:"logGroups"`
	}
	if err := json.Unmarshal(raw, &out); err != nil {
		return false, errors.New("DescribeLogGroups: unreadable answer")
	}
	for _, g := range out.LogGroups {
		if g.LogGroupName == name {
			return true, nil
		}
	}
	return false, nil
}
