package checker

import (
	"encoding/json"
	"fmt"
	"io"
	"strings"
	"text/tabwriter"
)

// jsonReport is the --json document.
type jsonReport struct {
	Cluster string   `json:"cluster"`
	Region  string   `json:"region"`
	Results []Result `json:"results"`
	Summary Summary  `json:"summary"`
}

// WriteJSON writes the report as one indented JSON document:
// {"cluster","region","results":[{"id","status","title","evidence","fix"}],
// "summary":{"pass","warn","fail"}}.
func WriteJSON(w io.Writer, r *Report) error {
	results := r.Results
	if results == nil {
		results = []Result{}
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	if err := enc.Encode(jsonReport{Cluster: r.Cluster, Region: r.Region, Results: results, Summary: r.Summary()}); err != nil {
		return fmt.Errorf("write JSON report: %w", err)
	}
	return nil
}

// WriteTable writes the report as an aligned table with one row per check
// (status, id, title, evidence) and the suggested fix on a continuation
// row, followed by a summary line.
func WriteTable(w io.Writer, r *Report) error {
	if _, err := fmt.Fprintf(w, "Cluster %s (%s)\n\n", r.Cluster, r.Region); err != nil {
		return fmt.Errorf("write report header: %w", err)
	}
	tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "STATUS\tCHECK\tTITLE\tEVIDENCE")
	for _, res := range r.Results {
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\n", res.Status, res.ID, res.Title, oneLine(res.Evidence))
		if res.Fix != "" && res.Status != StatusPass {
			fmt.Fprintf(tw, "\t\t\tfix: %s\n", oneLine(res.Fix))
		}
	}
	if err := tw.Flush(); err != nil {
		return fmt.Errorf("write report table: %w", err)
	}
	s := r.Summary()
	if _, err := fmt.Fprintf(w, "\n%d checks: %d pass, %d warn, %d fail\n", len(r.Results), s.Pass, s.Warn, s.Fail); err != nil {
		return fmt.Errorf("write report summary: %w", err)
	}
	if unread := r.Unread(); len(unread) > 0 {
		if _, err := fmt.Fprintf(w, "could not read (those checks WARN, the others report): %s\n", strings.Join(unread, ", ")); err != nil {
			return fmt.Errorf("write report summary: %w", err)
		}
	}
	return nil
}

// Unread lists the checks that WARN because a source could not be read
// ("could not read …" in their evidence), in report order.
func (r *Report) Unread() []string {
	var out []string
	for _, res := range r.Results {
		if res.Status == StatusWarn && strings.Contains(res.Evidence, "could not read") {
			out = append(out, res.ID)
		}
	}
	return out
}

// oneLine keeps table cells on one line; tabs would break the alignment.
func oneLine(s string) string {
	return strings.NewReplacer("\r", " ", "\n", " ", "\t", " ").Replace(s)
}
