package flow

import (
	"fmt"
	"io"
	"math"
	"strings"
	"text/tabwriter"
)

// WriteSurges prints the surge table of r: one line for the direct flow to the target, then one per hub, with
// the values before and after the event, the growth over the window and over the calendar year, the share of
// the direct fall the hub makes up, and the top codes with their share of the change (at most top; all the
// report holds when top ≤ 0).
func WriteSurges(w io.Writer, r SurgeReport, top int) error {
	y := r.Year
	year := "no months of the year in the records"
	if y.Months > 0 {
		year = fmt.Sprintf("year %d against %d over %02d..%02d (%d months)", y.Span.First.Year, y.Base.First.Year,
			y.Span.First.Month, y.Span.Last.Month, y.Months)
	}
	head := fmt.Sprintf("Exports from %s (%s) after %s\nwindow %s against %s (%d months); %s\n\n",
		r.Origin, r.Currency, r.Event.Format("2006-01-02"), r.Window.Span, r.Window.Base, r.Window.Months, year)
	if _, err := io.WriteString(w, head); err != nil {
		return fmt.Errorf("write surges: %w", err)
	}
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "PARTNER\tBEFORE\tAFTER\tGROWTH\tYEAR GROWTH\tOFFSET\tTOP CODES (share of the change)")
	line := func(label string, s Surge) {
		offset := ""
		if s.Offset > 0 {
			offset = fmt.Sprintf("%.1f%%", 100*s.Offset)
		}
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\t%s\t%s\n", label, Money(s.Window.Before), Money(s.Window.After),
			Percent(s.Window.Growth()), Percent(s.Year.Growth()), offset, codes(s.Drivers, top))
	}
	line(string(r.Target)+" (direct)", r.Direct)
	for _, h := range r.Hubs {
		line(string(h.Partner), h)
	}
	if err := tw.Flush(); err != nil {
		return fmt.Errorf("write surges: %w", err)
	}
	return nil
}

func codes(ds []Driver, top int) string {
	if top > 0 && len(ds) > top {
		ds = ds[:top]
	}
	parts := make([]string, len(ds))
	for i, d := range ds {
		parts[i] = fmt.Sprintf("%s %.0f%%", d.Code, 100*d.Share)
	}
	return strings.Join(parts, ", ")
}

// Money renders a value compactly: 1.23bn, 45.6M, 7.8k, 950.
func Money(v float64) string {
	a := math.Abs(v)
	switch {
	case a >= 1e9:
		return fmt.Sprintf("%.2fbn", v/1e9)
	case a >= 1e6:
		return fmt.Sprintf("%.1fM", v/1e6)
	case a >= 1e3:
		return fmt.Sprintf("%.1fk", v/1e3)
	}
	return fmt.Sprintf("%.0f", v)
}

// Percent renders a growth rate (0.5 is +50%); "new" for growth from nothing.
func Percent(g float64) string {
	if math.IsInf(g, 1) {
		return "new"
	}
	return fmt.Sprintf("%+.0f%%", 100*g)
}

// WriteMirrorGaps prints mirror gaps, one line each: exporter, importer, year, code, what each side declared,
// the gap and the ratio, and the importer's own figure for the bloc when it gives one.
func WriteMirrorGaps(w io.Writer, gaps []MirrorGap) error {
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "EXPORTER\tIMPORTER\tYEAR\tCODE\tEXPORTS\tIMPORTS\tGAP\tRATIO\tIMPORTER'S BLOC TOTAL")
	for _, g := range gaps {
		agg := ""
		if g.HasAggregate {
			agg = Money(g.ImporterAggregate)
		}
		fmt.Fprintf(tw, "%s\t%s\t%d\t%s\t%s\t%s\t%s\t%.2f\t%s\n", g.Exporter, g.Importer, g.Year, g.Code,
			Money(g.Exports), Money(g.Imports), Money(g.Gap), g.Ratio, agg)
	}
	if err := tw.Flush(); err != nil {
		return fmt.Errorf("write mirror gaps: %w", err)
	}
	return nil
}
