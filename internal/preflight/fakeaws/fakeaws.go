// Package fakeaws is a test front for moto_server covering what moto 5.2.1
// does not emulate and the pre-flight reads: Service Quotas (moto knows only
// a few VPC quotas), EKS DescribeClusterVersions and DescribeAddonVersions
// (moto has no EKS add-ons), EKS access entries (ListAccessEntries,
// DescribeAccessEntry, ListAssociatedAccessPolicies: moto has none), and S3
// buckets owned by
// another account (moto answers HeadBucket 200 for any account's bucket,
// where S3 answers 403 to a caller whose ExpectedBucketOwner differs).
// Every other request is proxied to moto unchanged, so one AWS_ENDPOINT_URL
// serves the whole pre-flight. State is seeded per test.
package fakeaws

import (
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"net/http/httputil"
	"net/url"
	"strings"
	"sync"
	"time"
)

// targetPrefix is the X-Amz-Target prefix of the Service Quotas JSON 1.1 protocol.
const targetPrefix = "ServiceQuotasV20190624."

// Server is a running fake front.
type Server struct {
	// URL is the base endpoint to give the SDK (AWS_ENDPOINT_URL).
	URL string

	srv   *httptest.Server
	proxy *httputil.ReverseProxy

	mu             sync.Mutex
	applied        map[string]float64 // "service/code"
	defaults       map[string]float64
	denyQuotas     bool
	versions       []ClusterVersion
	addons         map[string][]string // "addon/kubernetes version" -> versions
	foreignBuckets map[string]bool
	accessEntries  map[string][]AccessEntry // by cluster name
}

// AccessEntry is an EKS access entry the fake serves, with its associated
// access policies.
type AccessEntry struct {
	Principal        string
	Type             string // STANDARD when ""
	Tags             map[string]string
	CreatedAt        time.Time
	KubernetesGroups []string
	Policies         []AssociatedPolicy
}

// AssociatedPolicy is an access policy associated with an entry.
type AssociatedPolicy struct {
	PolicyArn string
	// ScopeType is "cluster" or "namespace" (with Namespaces).
	ScopeType  string
	Namespaces []string
}

// ClusterVersion is one EKS version DescribeClusterVersions lists.
type ClusterVersion struct {
	Version string
	// Status is STANDARD_SUPPORT, EXTENDED_SUPPORT or UNSUPPORTED.
	Status string
}

// Start serves the fake on 127.0.0.1, proxying unknown requests to upstream
// (the moto endpoint). Close stops it.
func Start(upstream string) (*Server, error) {
	u, err := url.Parse(upstream)
	if err != nil {
		return nil, fmt.Errorf("parse upstream %q: %w", upstream, err)
	}
	s := &Server{proxy: httputil.NewSingleHostReverseProxy(u)}
	s.Reset()
	s.srv = httptest.NewServer(http.HandlerFunc(s.serve))
	s.URL = s.srv.URL
	return s, nil
}

// Close stops the server.
func (s *Server) Close() { s.srv.Close() }

// Reset forgets every seeded value.
func (s *Server) Reset() {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.applied, s.defaults = map[string]float64{}, map[string]float64{}
	s.denyQuotas, s.versions, s.foreignBuckets = false, nil, map[string]bool{}
	s.addons = map[string][]string{}
	s.accessEntries = map[string][]AccessEntry{}
}

// AddAccessEntry adds an access entry to cluster (which moto must hold for
// DescribeCluster; the fake does not check).
func (s *Server) AddAccessEntry(cluster string, e AccessEntry) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.accessEntries[cluster] = append(s.accessEntries[cluster], e)
}

// SetQuota sets the applied value GetServiceQuota returns.
func (s *Server) SetQuota(service, code string, value float64) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.applied[service+"/"+code] = value
}

// SetDefaultQuota sets the value GetAWSDefaultServiceQuota returns.
func (s *Server) SetDefaultQuota(service, code string, value float64) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.defaults[service+"/"+code] = value
}

// DenyQuotas makes every Service Quotas call answer AccessDeniedException.
func (s *Server) DenyQuotas() {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.denyQuotas = true
}

// SetClusterVersions sets what DescribeClusterVersions lists.
func (s *Server) SetClusterVersions(vs ...ClusterVersion) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.versions = append([]ClusterVersion(nil), vs...)
}

// SetAddonVersions sets the versions of an add-on DescribeAddonVersions
// lists as compatible with a Kubernetes version (the first is the default).
func (s *Server) SetAddonVersions(addon, kubernetesVersion string, versions ...string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.addons[addon+"/"+kubernetesVersion] = append([]string(nil), versions...)
}

// AddForeignBucket makes HeadBucket on name answer 403, as S3 does for a
// bucket another account owns.
func (s *Server) AddForeignBucket(name string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.foreignBuckets[name] = true
}

func (s *Server) serve(w http.ResponseWriter, r *http.Request) {
	switch {
	case strings.HasPrefix(r.Header.Get("X-Amz-Target"), targetPrefix):
		s.serveQuotas(w, r)
	case r.Method == http.MethodGet && r.URL.Path == "/cluster-versions":
		s.serveClusterVersions(w, r)
	case r.Method == http.MethodGet && r.URL.Path == "/addons/supported-versions":
		s.serveAddonVersions(w, r)
	case r.Method == http.MethodGet && strings.HasPrefix(r.URL.Path, "/clusters/") && strings.Contains(r.URL.Path, "/access-entries"):
		s.serveAccessEntries(w, r)
	case r.Method == http.MethodHead && s.isForeignBucket(r.URL.Path):
		w.WriteHeader(http.StatusForbidden)
	default:
		s.proxy.ServeHTTP(w, r)
	}
}

func (s *Server) isForeignBucket(path string) bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.foreignBuckets[strings.Trim(path, "/")]
}

// serveQuotas answers GetServiceQuota and GetAWSDefaultServiceQuota.
func (s *Server) serveQuotas(w http.ResponseWriter, r *http.Request) {
	var in struct{ ServiceCode, QuotaCode string }
	body, _ := io.ReadAll(r.Body)
	if err := json.Unmarshal(body, &in); err != nil {
		writeError(w, "IllegalArgumentException", err.Error())
		return
	}
	op := strings.TrimPrefix(r.Header.Get("X-Amz-Target"), targetPrefix)
	s.mu.Lock()
	deny := s.denyQuotas
	var (
		v  float64
		ok bool
	)
	switch op {
	case "GetServiceQuota":
		v, ok = s.applied[in.ServiceCode+"/"+in.QuotaCode]
	case "GetAWSDefaultServiceQuota":
		v, ok = s.defaults[in.ServiceCode+"/"+in.QuotaCode]
	default:
		s.mu.Unlock()
		writeError(w, "IllegalArgumentException", "fakeaws: unsupported operation "+op)
		return
	}
	s.mu.Unlock()
	switch {
	case deny:
		writeError(w, "AccessDeniedException", "User is not authorized to perform servicequotas:"+op)
	case !ok:
		writeError(w, "NoSuchResourceException", "The request failed because the specified quota does not exist.")
	default:
		writeJSON(w, "application/x-amz-json-1.1", map[string]any{"Quota": map[string]any{
			"ServiceCode": in.ServiceCode, "QuotaCode": in.QuotaCode, "Value": v, "Unit": "None", "Adjustable": true,
		}})
	}
}

// serveClusterVersions answers EKS DescribeClusterVersions (REST JSON).
func (s *Server) serveClusterVersions(w http.ResponseWriter, _ *http.Request) {
	s.mu.Lock()
	defer s.mu.Unlock()
	list := []map[string]any{}
	for _, v := range s.versions {
		list = append(list, map[string]any{"clusterVersion": v.Version, "clusterType": "eks", "versionStatus": v.Status})
	}
	writeJSON(w, "application/json", map[string]any{"clusterVersions": list})
}

// serveAddonVersions answers EKS DescribeAddonVersions (REST JSON) for one
// add-on and Kubernetes version, as the EKS API shapes it.
func (s *Server) serveAddonVersions(w http.ResponseWriter, r *http.Request) {
	name, k8s := r.URL.Query().Get("addonName"), r.URL.Query().Get("kubernetesVersion")
	s.mu.Lock()
	versions := s.addons[name+"/"+k8s]
	s.mu.Unlock()
	addons := []map[string]any{}
	if len(versions) > 0 {
		var list []map[string]any
		for i, v := range versions {
			list = append(list, map[string]any{"addonVersion": v, "architecture": []string{"amd64", "arm64"},
				"compatibilities": []map[string]any{{"clusterVersion": k8s, "defaultVersion": i == 0, "platformVersions": []string{"*"}}}})
		}
		addons = append(addons, map[string]any{"addonName": name, "type": "networking", "addonVersions": list})
	}
	writeJSON(w, "application/json", map[string]any{"addons": addons})
}

// serveAccessEntries answers the EKS access entry reads (REST JSON):
// GET /clusters/{name}/access-entries (ListAccessEntries),
// .../access-entries/{principalArn} (DescribeAccessEntry) and
// .../access-entries/{principalArn}/access-policies
// (ListAssociatedAccessPolicies), in one page each.
func (s *Server) serveAccessEntries(w http.ResponseWriter, r *http.Request) {
	parts := strings.Split(strings.TrimPrefix(r.URL.EscapedPath(), "/"), "/")
	if len(parts) < 3 || parts[2] != "access-entries" {
		writeRESTError(w, http.StatusBadRequest, "InvalidRequestException", "fakeaws: unsupported path "+r.URL.Path)
		return
	}
	cluster, _ := url.PathUnescape(parts[1])
	s.mu.Lock()
	entries := append([]AccessEntry(nil), s.accessEntries[cluster]...)
	s.mu.Unlock()
	if len(parts) == 3 {
		arns := []string{}
		for _, e := range entries {
			arns = append(arns, e.Principal)
		}
		writeJSON(w, "application/json", map[string]any{"accessEntries": arns})
		return
	}
	principal, _ := url.PathUnescape(parts[3])
	var e *AccessEntry
	for i := range entries {
		if entries[i].Principal == principal {
			e = &entries[i]
		}
	}
	if e == nil {
		writeRESTError(w, http.StatusNotFound, "ResourceNotFoundException", "The specified access entry resource could not be found.")
		return
	}
	switch {
	case len(parts) == 4:
		typ := e.Type
		if typ == "" {
			typ = "STANDARD"
		}
		at := float64(e.CreatedAt.Unix())
		writeJSON(w, "application/json", map[string]any{"accessEntry": map[string]any{
			"clusterName": cluster, "principalArn": e.Principal, "type": typ, "tags": e.Tags, "username": e.Principal,
			"kubernetesGroups": e.KubernetesGroups, "createdAt": at, "modifiedAt": at,
			"accessEntryArn": "arn:aws:eks:us-west-2:123456789012:access-entry/" + cluster + "/" + strings.ToLower(typ),
		}})
	case len(parts) == 5 && parts[4] == "access-policies":
		list := []map[string]any{}
		for _, p := range e.Policies {
			list = append(list, map[string]any{"policyArn": p.PolicyArn,
				"accessScope": map[string]any{"type": p.ScopeType, "namespaces": p.Namespaces}})
		}
		writeJSON(w, "application/json", map[string]any{"clusterName": cluster, "principalArn": e.Principal, "associatedAccessPolicies": list})
	default:
		writeRESTError(w, http.StatusBadRequest, "InvalidRequestException", "fakeaws: unsupported path "+r.URL.Path)
	}
}

// writeRESTError writes an AWS REST JSON protocol error.
func writeRESTError(w http.ResponseWriter, status int, code, msg string) {
	w.Header().Set("Content-Type", "application/json")
	w.Header().Set("X-Amzn-ErrorType", code)
	w.WriteHeader(status)
	_ = json.NewEncoder(w).Encode(map[string]string{"message": msg})
}

func writeJSON(w http.ResponseWriter, contentType string, v any) {
	w.Header().Set("Content-Type", contentType)
	_ = json.NewEncoder(w).Encode(v)
}

// writeError writes an AWS JSON protocol error.
func writeError(w http.ResponseWriter, code, msg string) {
	w.Header().Set("Content-Type", "application/x-amz-json-1.1")
	w.Header().Set("X-Amzn-ErrorType", code)
	w.WriteHeader(http.StatusBadRequest)
	_ = json.NewEncoder(w).Encode(map[string]string{"__type": code, "message": msg})
}
