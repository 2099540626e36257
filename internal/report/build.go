package report

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"time"

	"tradetrace/internal/cases"
	"tradetrace/internal/trade"
)

// MaxRows is the most evidence rows a report lists one by one; figures always cover every row. MaxRaw is the
// most source records it prints in full.
const (
	MaxRows = 2000
	MaxRaw  = 300
)

// Report is a built report, ready to render.
type Report struct {
	Kind      string // "case" or "party"
	Title     string
	Generated time.Time
	Story     []string // the narrative, one paragraph each, plain text

	Case    *cases.Case // the case of a case report
	Parties []Party     // the parties of a case report

	Party       *Party       // the party of a party report
	PartyTotals *PartyTotals // all its shipments, in and out
	Cases       []cases.Case // the cases that name it

	Findings []CitedFinding
	Evidence Totals // the figures of every evidence row
	Rows     []Row  // the evidence rows listed, numbered E1 … in this order
	AllRows  int    // how many evidence rows there are; more than len(Rows) when the list is cut at MaxRows
	RawRows  int    // how many of Rows have their source record printed
}

// CitedFinding is a finding with the evidence numbers of the rows it cites.
type CitedFinding struct {
	trade.Finding
	Cites []Cite
}

// Cite points at one evidence row: its number in the report (E1 …; 0 when not listed) and record id.
type Cite struct {
	N        int
	RecordID string
}

// Anchor is the fragment id of the cited row.
func (c Cite) Anchor() string { return fmt.Sprintf("E%d", c.N) }

// BuildCase reads a case, its findings, parties and evidence rows from src and tells its story.
func BuildCase(ctx context.Context, src Source, id int64, now time.Time) (*Report, error) {
	c, err := src.Case(ctx, id)
	if err != nil {
		return nil, fmt.Errorf("case report %d: %w", id, err)
	}
	fs, err := src.Findings(ctx, c.Findings)
	if err != nil {
		return nil, fmt.Errorf("case report %d: %w", id, err)
	}
	ps, err := src.Parties(ctx, c.PartyIDs)
	if err != nil {
		return nil, fmt.Errorf("case report %d: %w", id, err)
	}
	r := &Report{Kind: "case", Title: "Case " + fmt.Sprint(c.ID) + ": " + c.Title, Generated: now, Case: c, Parties: ps}
	if err := r.addEvidence(ctx, src, fs); err != nil {
		return nil, fmt.Errorf("case report %d: %w", id, err)
	}
	r.Story = caseStory(r)
	return r, nil
}

// BuildParty reads a party, all its shipments' figures, the findings that cite its shipments and the cases
// that name it, and tells its story.
func BuildParty(ctx context.Context, src Source, id int64, now time.Time) (*Report, error) {
	p, err := src.Party(ctx, id)
	if err != nil {
		return nil, fmt.Errorf("party report %d: %w", id, err)
	}
	tot, err := src.PartyTotals(ctx, id)
	if err != nil {
		return nil, fmt.Errorf("party report %d: %w", id, err)
	}
	fs, err := src.PartyFindings(ctx, id)
	if err != nil {
		return nil, fmt.Errorf("party report %d: %w", id, err)
	}
	cs, err := src.PartyCases(ctx, id)
	if err != nil {
		return nil, fmt.Errorf("party report %d: %w", id, err)
	}
	r := &Report{Kind: "party", Title: "Party " + fmt.Sprint(p.ID) + ": " + p.Name, Generated: now, Party: p, PartyTotals: tot, Cases: cs}
	if err := r.addEvidence(ctx, src, fs); err != nil {
		return nil, fmt.Errorf("party report %d: %w", id, err)
	}
	r.Story = partyStory(r)
	return r, nil
}

// addEvidence reads the rows the findings cite, adds them up and numbers them.
func (r *Report) addEvidence(ctx context.Context, src Source, fs []trade.Finding) error {
	var ids []trade.ShipmentID
	seen := map[trade.ShipmentID]bool{}
	for _, f := range fs {
		for _, id := range f.ShipmentIDs {
			if !seen[id] {
				seen[id] = true
				ids = append(ids, id)
			}
		}
	}
	rows, err := src.Rows(ctx, ids)
	if err != nil {
		return err
	}
	slices.SortStableFunc(rows, func(a, b Row) int {
		if c := a.Date.Compare(b.Date); c != 0 {
			return c
		}
		return strings.Compare(a.RecordID, b.RecordID)
	})
	r.Evidence = Summarize(rows)
	r.AllRows = len(rows)
	if len(rows) > MaxRows {
		rows = rows[:MaxRows]
	}
	r.Rows = rows
	r.RawRows = min(len(rows), MaxRaw)
	num := make(map[trade.ShipmentID]int, len(rows))
	byRecord := map[string]int{}
	for i := range rows {
		num[rows[i].ID] = i + 1
		if _, ok := byRecord[rows[i].RecordID]; !ok {
			byRecord[rows[i].RecordID] = i + 1
		}
	}
	for _, f := range fs {
		cf := CitedFinding{Finding: f}
		for i, id := range f.ShipmentIDs {
			rec := ""
			if i < len(f.Shipments) {
				rec = f.Shipments[i]
			}
			if n, ok := num[id]; ok {
				rec = rows[n-1].RecordID
				cf.Cites = append(cf.Cites, Cite{N: n, RecordID: rec})
			} else {
				cf.Cites = append(cf.Cites, Cite{RecordID: rec})
			}
		}
		if len(f.ShipmentIDs) == 0 { // a finding that names its rows only by record id
			for _, rec := range f.Shipments {
				cf.Cites = append(cf.Cites, Cite{N: byRecord[rec], RecordID: rec})
			}
		}
		r.Findings = append(r.Findings, cf)
	}
	return nil
}

// EvidenceNumber returns the number of the evidence row a record id was first listed under, or 0.
func (r *Report) EvidenceNumber(recordID string) int {
	for i := range r.Rows {
		if r.Rows[i].RecordID == recordID {
			return i + 1
		}
	}
	return 0
}

func caseStory(r *Report) []string {
	c, e := r.Case, &r.Evidence
	var out []string
	dets := detectors(r.Findings)
	out = append(out, fmt.Sprintf("%s is a %s case scored %.2f and triaged “%s”. %s from %s cite %s %s.",
		quoteTitle(c.Title), c.Kind, c.Score, string(orNew(c.Status)), plural(len(r.Findings), "finding", "findings"),
		plural(len(dets), "detector", "detectors")+" ("+strings.Join(dets, ", ")+")",
		plural(int(e.Lines), "declaration line", "declaration lines"), period(e.First, e.Last)))
	out = append(out, figuresStory(e)...)
	return out
}

func partyStory(r *Report) []string {
	p, t := r.Party, r.PartyTotals
	var out []string
	s := fmt.Sprintf("%s (%s) appears on %s %s", p.Name, orUnknown(countryName(p.Country)), plural(int(p.Lines), "declaration line", "declaration lines"), period(p.FirstSeen, p.LastSeen))
	if t != nil {
		var parts []string
		if t.In.Lines > 0 {
			parts = append(parts, fmt.Sprintf("as consignee on %s worth %s (%s)", plural(int(t.In.Lines), "line", "lines"), Money(t.In.ValueUSD), Weight(t.In.WeightKg)))
		}
		if t.Out.Lines > 0 {
			parts = append(parts, fmt.Sprintf("as shipper on %s worth %s (%s)", plural(int(t.Out.Lines), "line", "lines"), Money(t.Out.ValueUSD), Weight(t.Out.WeightKg)))
		}
		if len(parts) > 0 {
			s += ": " + strings.Join(parts, ", ")
		}
	}
	out = append(out, s+".")
	if len(p.Variants) > 1 {
		out = append(out, fmt.Sprintf("It was written in %d ways, from %s to %s.", len(p.Variants), quoteTitle(p.Variants[0].Name), quoteTitle(p.Variants[len(p.Variants)-1].Name)))
	}
	if len(p.Matches) > 0 {
		m := p.Matches[0]
		out = append(out, fmt.Sprintf("It matches %s; the closest is %s on %s (score %.2f).", plural(len(p.Matches), "list entry", "list entries"), quoteTitle(m.Entry), m.List, m.Score))
	} else {
		out = append(out, "It matches no list entry.")
	}
	if t != nil {
		if len(t.In.Counterparties) > 0 {
			out = append(out, fmt.Sprintf("Its largest supplier is %s (%s over %s).", t.In.Counterparties[0].Label, Money(t.In.Counterparties[0].ValueUSD), plural(int(t.In.Counterparties[0].Lines), "line", "lines")))
		}
		if len(t.Out.Counterparties) > 0 {
			out = append(out, fmt.Sprintf("Its largest buyer is %s (%s over %s).", t.Out.Counterparties[0].Label, Money(t.Out.Counterparties[0].ValueUSD), plural(int(t.Out.Counterparties[0].Lines), "line", "lines")))
		}
	}
	if len(r.Findings) == 0 {
		out = append(out, "No finding cites its shipments.")
		return out
	}
	out = append(out, fmt.Sprintf("%s cite %s of its shipments %s.", plural(len(r.Findings), "finding", "findings"),
		plural(int(r.Evidence.Lines), "declaration line", "declaration lines"), period(r.Evidence.First, r.Evidence.Last)))
	out = append(out, figuresStory(&r.Evidence)...)
	return out
}

// figuresStory says what the evidence rows add up to and where most of it went.
func figuresStory(e *Totals) []string {
	if e.Lines == 0 {
		return []string{"No evidence row was found in the store for these findings."}
	}
	out := []string{fmt.Sprintf("Together they are worth %s and weigh %s.", Money(e.ValueUSD), Weight(e.WeightKg))}
	if len(e.ByRoute) > 0 {
		b := e.ByRoute[0]
		out = append(out, fmt.Sprintf("The largest route is %s: %s of the value over %s.", b.Label, Share(b.ValueUSD, e.ValueUSD), plural(int(b.Lines), "line", "lines")))
	}
	if len(e.ByGoods) > 0 {
		b := e.ByGoods[0]
		out = append(out, fmt.Sprintf("By goods, the largest class is %s: %s of the value.", b.Label, Share(b.ValueUSD, e.ValueUSD)))
	}
	if len(e.Counterparties) > 0 {
		b := e.Counterparties[0]
		out = append(out, fmt.Sprintf("The largest trade is %s: %s over %s.", b.Label, Money(b.ValueUSD), plural(int(b.Lines), "line", "lines")))
	}
	if len(e.ByMonth) > 0 {
		best := e.ByMonth[0]
		for _, b := range e.ByMonth {
			if b.ValueUSD > best.ValueUSD {
				best = b
			}
		}
		out = append(out, fmt.Sprintf("The busiest month is %s with %s.", best.Label, Money(best.ValueUSD)))
	}
	return out
}

func detectors(fs []CitedFinding) []string {
	var out []string
	for _, f := range fs {
		if !slices.Contains(out, f.Detector) {
			out = append(out, f.Detector)
		}
	}
	return out
}

func orNew(s cases.Status) cases.Status {
	if s == "" {
		return "new"
	}
	return s
}

func orUnknown(s string) string {
	if s == "" {
		return "country unknown"
	}
	return s
}

func quoteTitle(s string) string { return "“" + s + "”" }

func plural(n int, one, many string) string {
	if n == 1 {
		return "1 " + one
	}
	return fmt.Sprintf("%d %s", n, many)
}

func period(first, last time.Time) string {
	switch {
	case first.IsZero() && last.IsZero():
		return "on no known date"
	case first.Equal(last) || last.IsZero():
		return "on " + first.Format("2 January 2006")
	}
	return "from " + first.Format("2 January 2006") + " to " + last.Format("2 January 2006")
}
