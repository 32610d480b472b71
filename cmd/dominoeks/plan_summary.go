package main

import (
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/dominoeks/pulumi-dominoeks/internal/plan"
)

// writeCost writes the itemised monthly cost estimate.
func writeCost(t *textWriter, c plan.Cost) {
	t.section(fmt.Sprintf("Estimated monthly cost (%s, %s, on-demand prices of %s, %d h/month)",
		c.Currency, c.Region, c.PriceDate, c.HoursPerMonth))
	if len(c.Items) == 0 && c.Partial {
		t.printf("  %s not estimated: nothing could be priced (see Warnings)\n", t.s.yellow("!"))
		return
	}
	rows := [][]string{{"RESOURCE", "ITEM", "UNIT PRICE", "AT MIN", "AT MAX"}}
	for _, it := range c.Items {
		rows = append(rows, []string{
			urnName(it.URN), it.Description, price(it.UnitPrice) + "/" + it.Unit,
			money(it.MonthlyMin), money(it.MonthlyMax),
		})
	}
	rows = append(rows, []string{"total", "", "", money(c.MonthlyMin), money(c.MonthlyMax)})
	t.table(rows)
	if c.Partial {
		t.printf("  %s the estimate is partial: some resources could not be priced (see Warnings)\n", t.s.yellow("!"))
	}
	width := textColumns()
	if len(c.Unmodelled) > 0 {
		t.printf("  %s\n", strings.Join(wrap("No cost model (left out): "+strings.Join(c.Unmodelled, ", "), width-6, "    "), "\n"))
	}
	for _, a := range c.Assumptions {
		for _, line := range wrap("· "+a, width-4, "  ") {
			t.printf("  %s\n", t.s.dim(line))
		}
	}
}

// writeCriticalPath writes the modelled deploy critical path with start offsets.
func writeCriticalPath(t *textWriter, cp plan.CriticalPath) {
	t.section(fmt.Sprintf("Deploy critical path (modelled): %s (fast %s, typical %s, slow %s)",
		duration(cp.Seconds), duration(cp.Range.Fast), duration(cp.Range.Typical), duration(cp.Range.Slow)))
	rows := [][]string{{"START", "TAKES", "TYPE", "RESOURCE"}}
	at := cp.Seconds
	for _, s := range cp.Steps {
		at -= s.Seconds
	}
	for _, s := range cp.Steps {
		rows = append(rows, []string{"+" + duration(at), duration(s.Seconds), displayType(s.Type), s.Name})
		at += s.Seconds
	}
	t.table(rows)
}

// urnName returns the resource name at the end of a URN.
func urnName(urn string) string {
	if i := strings.LastIndex(urn, "::"); i >= 0 {
		return urn[i+2:]
	}
	return urn
}

// duration formats seconds as 14m15s.
func duration(seconds int) string {
	return (time.Duration(seconds) * time.Second).String()
}

// money formats USD with thousands separators: $1,234.56.
func money(v float64) string {
	s := strconv.FormatFloat(v, 'f', 2, 64)
	whole, frac, _ := strings.Cut(s, ".")
	neg := strings.HasPrefix(whole, "-")
	whole = strings.TrimPrefix(whole, "-")
	var b strings.Builder
	for i, r := range whole {
		if i > 0 && (len(whole)-i)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteRune(r)
	}
	sign := ""
	if neg {
		sign = "-"
	}
	return sign + "$" + b.String() + "." + frac
}

// price formats a unit price with at least two decimals: $0.10, $0.005.
func price(v float64) string {
	s := strconv.FormatFloat(v, 'f', -1, 64)
	if _, frac, _ := strings.Cut(s, "."); len(frac) < 2 {
		s = strconv.FormatFloat(v, 'f', 2, 64)
	}
	return "$" + s
}
