// Package redflag raises the importer red flags of the G7 / Five Eyes export-enforcement guidance of
// September 2023 against buyers in Russia and Belarus: a buyer first seen after 24 February 2022 that imports
// high-priority goods; a buyer that imported no high-priority goods before that date and many after; and a
// spike of high-priority goods after it against the buyer's own history. High-priority goods are the codes of
// the Common High Priority List. Each finding carries the before and after figures.
package redflag

import (
	"context"
	"fmt"
	"math"
	"sort"
	"time"

	"tradetrace/internal/country"
	"tradetrace/internal/detect"
	"tradetrace/internal/detect/route/decl"
	"tradetrace/internal/hs"
	"tradetrace/internal/trade"
)

// Figures are a buyer's imports in one period.
type Figures struct {
	Lines   int64   // declaration lines
	HPLines int64   // lines of high-priority goods
	Value   float64 // USD
	HPValue float64 // USD of high-priority goods
}

func (f *Figures) add(g Figures) {
	f.Lines += g.Lines
	f.HPLines += g.HPLines
	f.Value += g.Value
	f.HPValue += g.HPValue
}

// Appearance is one way a buyer is written on lines bound for a watched country, with its history.
type Appearance struct {
	Name, NameEn, ID string
	Country          country.Code
	First, Last      time.Time
	FirstHP          time.Time // zero when the buyer never imported high-priority goods
	Before, After    Figures   // before the cutoff, and from it on
}

// HistoryQuery asks for the history of every buyer in the To countries, split at Cutoff; HP lists the HS-6
// codes of high-priority goods.
type HistoryQuery struct {
	To     []country.Code
	Cutoff time.Time
	HP     []string
}

// Store computes buyers' histories where the data lives. The DuckDB store implements it.
type Store interface {
	BuyerHistory(ctx context.Context, q HistoryQuery, fn func(*Appearance) error) error
}

// RedFlags is the detector.
type RedFlags struct {
	// Store computes histories; nil computes them from the detector's Source.
	Store Store
	// Lines fetches the evidence lines; nil reads through the Source.
	Lines decl.Lines
	// Cutoff is the date the guidance counts from; zero means 24 February 2022.
	Cutoff time.Time
}

// Name implements detect.Detector.
func (RedFlags) Name() string { return "importer_red_flags" }

// Light implements detect.Light: with a Store, which sums each buyer's history, the detector keeps one row a
// buyer and period (104 MB of live heap at most on the 10M-line sample); without one it sums them itself.
func (r RedFlags) Light() bool { return r.Store != nil }

// Version implements detect.Detector. 2: money summed in whole cents, the same in every run.
func (RedFlags) Version() string { return "2" }

type buyer struct {
	key           string
	party         trade.Party
	first, last   time.Time
	firstHP       time.Time
	before, after Figures
	flag          string
	score         float64
	why           string
	ids           []trade.ShipmentID
	records       []string
}

// Thresholds of the flags.
const (
	minHPLines     = 3       // high-priority lines after the cutoff that make a new buyer worth a look
	minHPValue     = 50000.0 // USD of them
	spikeFactor    = 3.0     // monthly high-priority value after / before that makes a spike
	minLeadMonths  = 6       // months of data before the cutoff needed to call a buyer new
	maxEvidenceRow = 30
)

// Detect implements detect.Detector.
func (r RedFlags) Detect(ctx context.Context, src detect.Source) ([]trade.Finding, error) {
	cutoff := r.Cutoff
	if cutoff.IsZero() {
		cutoff = decl.Invasion
	}
	st := r.Store
	if st == nil {
		if s, ok := src.(Store); ok {
			st = s
		} else {
			st = sourceStore{src}
		}
	}
	var hp []string
	for _, c := range hs.CHPLCodes() {
		hp = append(hp, string(c))
	}
	q := HistoryQuery{To: decl.Watched, Cutoff: cutoff, HP: hp}
	var apps []Appearance
	if err := st.BuyerHistory(ctx, q, func(a *Appearance) error {
		apps = append(apps, *a)
		return nil
	}); err != nil {
		return nil, fmt.Errorf("red flags: %w", err)
	}
	if len(apps) == 0 {
		return nil, nil
	}
	sort.Slice(apps, func(i, j int) bool { return appLess(&apps[i], &apps[j]) })
	keys := decl.NewKeyer()
	parties := make([]trade.Party, len(apps))
	for i := range apps {
		parties[i] = trade.Party{Name: apps[i].Name, NameEn: apps[i].NameEn, ID: apps[i].ID, Country: apps[i].Country}
	}
	if _, err := keys.Warm(ctx, decl.MemoOf(src, st), parties); err != nil {
		return nil, fmt.Errorf("red flags: %w", err)
	}
	var start, end time.Time
	for i := range apps {
		keys.Learn(&parties[i])
		if start.IsZero() || apps[i].First.Before(start) {
			start = apps[i].First
		}
		if apps[i].Last.After(end) {
			end = apps[i].Last
		}
	}
	buyers := map[string]*buyer{}
	for i := range apps {
		a := &apps[i]
		p := parties[i]
		k := keys.Key(&p)
		if k == "" {
			continue
		}
		b := buyers[k]
		if b == nil {
			b = &buyer{key: k, party: p, first: a.First, last: a.Last}
			buyers[k] = b
		}
		if a.First.Before(b.first) {
			b.first = a.First
		}
		if a.Last.After(b.last) {
			b.last = a.Last
		}
		if !a.FirstHP.IsZero() && (b.firstHP.IsZero() || a.FirstHP.Before(b.firstHP)) {
			b.firstHP = a.FirstHP
		}
		if b.party.ID == "" && p.ID != "" {
			b.party = p
		}
		b.before.add(a.Before)
		b.after.add(a.After)
	}
	monthsBefore := float64(decl.Months(start, cutoff.AddDate(0, 0, -1)))
	monthsAfter := float64(decl.Months(cutoff, end))
	lead := !start.After(cutoff.AddDate(0, -minLeadMonths, 0))
	flagged := map[string]*buyer{}
	for k, b := range buyers {
		if b.after.HPLines < minHPLines || b.after.HPValue < minHPValue {
			continue
		}
		hpShare := b.after.HPValue / math.Max(b.after.Value, 1)
		vol := decl.Clamp((math.Log10(1+b.after.HPValue) - 4) / 3)
		rateBefore := b.before.HPValue / monthsBefore
		rateAfter := b.after.HPValue / monthsAfter
		switch {
		case lead && !b.first.Before(cutoff):
			b.flag, b.score = "new_buyer", 0.5+0.2*hpShare+0.2*vol
			b.why = fmt.Sprintf("first seen %s, after %s, and imports high-priority goods from the start",
				b.first.Format("2006-01-02"), cutoff.Format("2 January 2006"))
			if b.firstHP.Sub(b.first) < 31*24*time.Hour {
				b.score += 0.05
			}
		case b.before.HPLines == 0 && b.before.Lines >= 3:
			b.flag, b.score = "hp_after_none_before", 0.45+0.2*hpShare+0.2*vol
			b.why = fmt.Sprintf("imported no high-priority goods in %d line(s) before %s, and %d line(s) worth $%s after",
				b.before.Lines, cutoff.Format("2 January 2006"), b.after.HPLines, decl.Num(b.after.HPValue))
		case b.before.HPLines > 0 && rateAfter >= spikeFactor*rateBefore:
			f := rateAfter / math.Max(rateBefore, 1)
			b.flag, b.score = "hp_spike", 0.4+0.15*decl.Clamp(math.Log10(f)/2)+0.2*vol
			b.why = fmt.Sprintf("high-priority imports rose from $%s to $%s a month (%.1f×) after %s",
				decl.Num(rateBefore), decl.Num(rateAfter), f, cutoff.Format("2 January 2006"))
		default:
			continue
		}
		flagged[k] = b
	}
	if len(flagged) == 0 {
		return nil, nil
	}
	// The evidence: the buyer's high-priority lines after the cutoff.
	lines := r.Lines
	if lines == nil {
		lines = decl.LinesOf(src)
	}
	err := lines.ScanLines(ctx, decl.Query{To: decl.Watched, HSPrefixes: hp, From: cutoff}, func(s *trade.Shipment) error {
		if b := flagged[keys.Key(&s.Consignee)]; b != nil {
			b.ids = append(b.ids, s.ID)
			b.records = append(b.records, s.RecordID)
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("red flags: evidence: %w", err)
	}
	out := make([]trade.Finding, 0, len(flagged))
	for _, b := range flagged {
		if len(b.ids) == 0 {
			continue
		}
		out = append(out, b.finding(cutoff, monthsBefore, monthsAfter))
	}
	return out, nil
}

func appLess(a, b *Appearance) bool {
	if a.ID != b.ID {
		return a.ID > b.ID // identified appearances first, so names are learnt from them
	}
	if a.Country != b.Country {
		return a.Country < b.Country
	}
	if a.Name != b.Name {
		return a.Name < b.Name
	}
	return a.NameEn < b.NameEn
}

var flagTitles = map[string]string{
	"new_buyer":            "New buyer of high-priority goods",
	"hp_after_none_before": "High-priority goods only after February 2022",
	"hp_spike":             "Spike of high-priority goods after February 2022",
}

func (b *buyer) finding(cutoff time.Time, monthsBefore, monthsAfter float64) trade.Finding {
	sort.Slice(b.ids, func(i, j int) bool { return b.ids[i] < b.ids[j] })
	sort.Strings(b.records)
	name := decl.Display(b.party)
	title := fmt.Sprintf("%s: %s, %s (%d high-priority lines, $%s since %s)", flagTitles[b.flag], name,
		country.Name(b.party.Country), b.after.HPLines, decl.Num(b.after.HPValue), cutoff.Format("2006-01-02"))
	fig := func(f Figures, months float64) string {
		return fmt.Sprintf("%d lines ($%s), of which %d high-priority ($%s); $%s a month of high-priority goods over %.0f months",
			f.Lines, decl.Num(f.Value), f.HPLines, decl.Num(f.HPValue), decl.Num(f.HPValue/months), months)
	}
	expl := fmt.Sprintf("G7/Five Eyes importer red flag (September 2023): %s. Before %s: %s. From then on: %s.",
		b.why, cutoff.Format("2 January 2006"), fig(b.before, monthsBefore), fig(b.after, monthsAfter))
	ev := []trade.Evidence{
		{Label: "red flag", Value: flagTitles[b.flag]},
		{Label: "first seen", Value: b.first.Format("2006-01-02")},
		{Label: "first high-priority line", Value: dateOr(b.firstHP)},
		{Label: "before " + cutoff.Format("2006-01-02"), Value: fig(b.before, monthsBefore)},
		{Label: "after " + cutoff.Format("2006-01-02"), Value: fig(b.after, monthsAfter)},
	}
	for i, rec := range b.records {
		if i == maxEvidenceRow {
			ev = append(ev, trade.Evidence{Label: "more lines", Value: fmt.Sprint(len(b.records) - i)})
			break
		}
		ev = append(ev, trade.Evidence{Label: "high-priority line", Value: rec, RecordID: rec})
	}
	return trade.Finding{
		Key:         "importer_red_flags|" + b.flag + "|" + b.key,
		Score:       decl.Round3(math.Min(0.95, b.score)),
		Title:       title,
		Explanation: expl,
		Parties:     []trade.FindingParty{{Name: name, Role: "buyer", Country: string(b.party.Country), ID: b.party.ID}},
		Shipments:   b.records,
		ShipmentIDs: b.ids,
		Evidence:    ev,
		ValueUSD:    b.after.HPValue,
	}
}

func dateOr(t time.Time) string {
	if t.IsZero() {
		return "none"
	}
	return t.Format("2006-01-02")
}

// sourceStore computes histories from any detect.Source, line by line.
type sourceStore struct{ src detect.Source }

func (s sourceStore) BuyerHistory(ctx context.Context, q HistoryQuery, fn func(*Appearance) error) error {
	hp := map[string]bool{}
	for _, c := range q.HP {
		hp[c] = true
	}
	type ak struct{ n, ne, id, c string }
	apps := map[ak]*Appearance{}
	err := s.src.ScanShipments(ctx, detect.Filter{Countries: q.To}, func(sh *trade.Shipment) error {
		c := sh.Consignee
		k := ak{c.Name, c.NameEn, c.ID, string(c.Country)}
		a := apps[k]
		if a == nil {
			a = &Appearance{Name: c.Name, NameEn: c.NameEn, ID: c.ID, Country: c.Country, First: sh.Date, Last: sh.Date}
			apps[k] = a
		}
		if sh.Date.Before(a.First) {
			a.First = sh.Date
		}
		if sh.Date.After(a.Last) {
			a.Last = sh.Date
		}
		isHP := len(sh.HS) >= 6 && hp[string(sh.HS[:6])]
		if isHP && (a.FirstHP.IsZero() || sh.Date.Before(a.FirstHP)) {
			a.FirstHP = sh.Date
		}
		f := &a.After
		if sh.Date.Before(q.Cutoff) {
			f = &a.Before
		}
		f.Lines++
		f.Value += sh.ValueUSD.Or(0)
		if isHP {
			f.HPLines++
			f.HPValue += sh.ValueUSD.Or(0)
		}
		return nil
	})
	if err != nil {
		return err
	}
	for _, a := range apps {
		if err := fn(a); err != nil {
			return err
		}
	}
	return nil
}
