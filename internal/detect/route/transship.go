// Package route detects goods that reach Russia and Belarus through third countries: transshipment, where a
// line's origin, dispatch and destination differ and the dispatch country is a hub, and chains, where a hub
// company's purchase from the maker is linked to its sale of the same goods to a Russian buyer.
package route

import (
	"context"
	"fmt"
	"math"
	"reflect"
	"runtime"
	"sort"
	"strings"

	"tradetrace/internal/country"
	"tradetrace/internal/detect"
	"tradetrace/internal/detect/route/decl"
	"tradetrace/internal/par"
	"tradetrace/internal/trade"
)

// Transshipment raises controlled goods (military goods, Common High Priority List items, and goods whose
// description reads as such under a code known to hide them) shipped to Russia or Belarus through a
// transshipment hub: made in one country, dispatched from a hub, bound for Russia. One finding groups the
// lines of one shipper, consignee, hub and month.
type Transshipment struct {
	// Lines answers queries; nil reads through the detector's Source.
	Lines decl.Lines
}

// Name implements detect.Detector.
func (Transshipment) Name() string { return "transshipment" }

// Version implements detect.Detector.
func (Transshipment) Version() string { return "1" }

type tsGroup struct {
	key                string
	shipper, consignee trade.Party
	via                country.Code
	month              string
	first              trade.ShipmentID
	sample, sampleRec  string
	best               decl.Reading
	classes, why       map[string]bool
	origins, hsCodes   map[string]bool
	ids                []trade.ShipmentID
	records            []string
	value, weight, qty float64
	units              map[string]bool
}

// Detect implements detect.Detector.
func (d Transshipment) Detect(ctx context.Context, src detect.Source) ([]trade.Finding, error) {
	hits, readings, err := hubSales(ctx, d.Lines, src, viaHub)
	if err != nil {
		return nil, fmt.Errorf("transshipment: %w", err)
	}
	keys := decl.NewKeyer()
	parties := make([]trade.Party, 0, 2*len(hits))
	for _, s := range hits {
		parties = append(parties, s.Shipper, s.Consignee)
	}
	if _, err := keys.Warm(ctx, decl.MemoOf(src), parties); err != nil {
		return nil, fmt.Errorf("transshipment: %w", err)
	}
	for _, s := range hits {
		keys.Learn(&s.Shipper)
		keys.Learn(&s.Consignee)
	}
	groups := map[string]*tsGroup{}
	for i := range hits {
		s, r := hits[i], readings[i]
		via := decl.ViaOf(s)
		if via == s.Destination || !country.IsHub(via) {
			continue
		}
		month := s.Date.Format("2006-01")
		k := keys.Key(&s.Shipper) + "|" + keys.Key(&s.Consignee) + "|" + string(via) + "|" + month
		g := groups[k]
		if g == nil {
			g = &tsGroup{key: k, via: via, month: month, classes: map[string]bool{}, why: map[string]bool{},
				origins: map[string]bool{}, hsCodes: map[string]bool{}, units: map[string]bool{}}
			groups[k] = g
		}
		if len(g.ids) == 0 || s.ID < g.first {
			g.first, g.shipper, g.consignee, g.sample, g.sampleRec = s.ID, s.Shipper, s.Consignee, s.Description, s.RecordID
		}
		if r.Weight > g.best.Weight || r.Weight == g.best.Weight && r.Class < g.best.Class {
			g.best = r
		}
		g.classes[r.Label] = true
		g.why[r.Why] = true
		g.origins[string(s.Origin)] = true
		g.hsCodes[string(s.HS)] = true
		g.ids = append(g.ids, s.ID)
		g.records = append(g.records, s.RecordID)
		g.value += s.ValueUSD.Or(0)
		g.weight += s.Weight().Or(0)
		if s.Quantity.Valid {
			g.qty += s.Quantity.V
			g.units[s.Unit] = true
		}
	}
	out := make([]trade.Finding, 0, len(groups))
	for _, g := range groups {
		out = append(out, g.finding())
	}
	return out, nil
}

// Shares implements detect.Sharer: the transshipment and chain detectors read the same hub sales (hubSales).
func (d Transshipment) Shares() []string { return hubSalesShares(d.Lines) }

// hubSalesRead names the read of hubSales through lines that the route detectors of a run share
// (detect.Shared): nil lines are the run's source, others are the same when they are the same pointer. It is ""
// for lines that cannot be told apart so (not a pointer), whose read is not shared.
func hubSalesRead(lines decl.Lines) string {
	const read = "route: controlled goods to Russia and Belarus from hubs"
	if lines == nil {
		return read + " (the run's source)"
	}
	if reflect.ValueOf(lines).Kind() != reflect.Pointer {
		return ""
	}
	return fmt.Sprintf("%s (%T %p)", read, lines, lines)
}

func hubSalesShares(lines decl.Lines) []string {
	if k := hubSalesRead(lines); k != "" {
		return []string{k}
	}
	return nil
}

// hubSales returns the lines of controlled goods made elsewhere and bound for Russia or Belarus from a hub,
// with their readings, in id order: dispatched from a hub (viaHub), for the transshipment detector, or sold by
// a company in one (byHubCompany), for the chain detector. On the 10M-line sample the two are the same 272,697
// lines. Both are read as one query, the union (decl.Query.ViaOrShipperIn), whose lines and readings the
// detectors of a run share (detect.Shared); each keeps those its own query matches. The lines are common to
// both: a detector copies those it changes.
func hubSales(ctx context.Context, lines decl.Lines, src detect.Source, from hubSide) ([]*trade.Shipment, []decl.Reading, error) {
	union := decl.Query{To: decl.Watched, ViaOrShipperIn: decl.Hubs(), ForeignOrigin: true, HSPrefixes: decl.ControlledPrefixes()}
	own := union
	own.ViaOrShipperIn = nil
	if from == viaHub {
		own.Via = decl.Hubs()
	} else {
		own.ShipperIn = decl.Hubs()
	}
	read := func(ctx context.Context) (readLines, error) {
		ls, rs, err := controlledLines(ctx, lines, union)
		return readLines{ls, rs}, err
	}
	key := hubSalesRead(lines) // "" for lines no detector names as shared: Shared reads them each time
	if lines == nil {
		lines = decl.LinesOf(src)
	}
	all, err := detect.Shared(ctx, key, read)
	if err != nil {
		return nil, nil, err
	}
	var hits []*trade.Shipment
	var readings []decl.Reading
	for i, s := range all.lines {
		if own.Match(s) {
			hits = append(hits, s)
			readings = append(readings, all.readings[i])
		}
	}
	return hits, readings, nil
}

// hubSide says which lines of hubSales a detector wants.
type hubSide int

const (
	viaHub       hubSide = iota // dispatched from a hub (or shipped from one, when no dispatch country is given)
	byHubCompany                // sold by a company in a hub
)

// readLines are lines with their readings.
type readLines struct {
	lines    []*trade.Shipment
	readings []decl.Reading
}

// controlledLines returns the lines the query selects whose goods read as controlled, with their readings, in
// id order. The lines are read on every core as the store gives them: read on the store's goroutine, the
// descriptions' reading kept one core busy, the other idle, for some 7 of the transshipment detector's 16 s on
// the 10M-line sample.
func controlledLines(ctx context.Context, lines decl.Lines, q decl.Query) ([]*trade.Shipment, []decl.Reading, error) {
	type part struct {
		rd       *decl.Reader
		kept     shelf
		hits     []*trade.Shipment
		readings []decl.Reading
	}
	parts := make([]part, runtime.GOMAXPROCS(0))
	err := par.Batches(ctx, 512, len(parts), func(emit func(*trade.Shipment) error) error {
		return lines.ScanLines(ctx, q, emit)
	}, func(w int, b []trade.Shipment) {
		p := &parts[w]
		if p.rd == nil {
			p.rd = decl.NewReader()
		}
		for i := range b {
			r := p.rd.Read(&b[i])
			if r.Weight == 0 {
				continue
			}
			p.hits = append(p.hits, p.kept.keep(&b[i]))
			p.readings = append(p.readings, r)
		}
	})
	if err != nil {
		return nil, nil, err
	}
	var hits []*trade.Shipment
	var readings []decl.Reading
	for _, p := range parts {
		hits = append(hits, p.hits...)
		readings = append(readings, p.readings...)
	}
	idx := make([]int, len(hits))
	for i := range idx {
		idx[i] = i
	}
	sort.Slice(idx, func(a, b int) bool { return hits[idx[a]].ID < hits[idx[b]].ID })
	hs := make([]*trade.Shipment, len(hits))
	rs := make([]decl.Reading, len(hits))
	for i, j := range idx {
		hs[i], rs[i] = hits[j], readings[j]
	}
	return hs, rs, nil
}

// shelf keeps copies of lines in blocks that never move: a slice of a few hundred thousand lines, grown by
// append, spent seconds copying them (with the collector's write barriers) as it grew.
type shelf struct{ blocks [][]trade.Shipment }

// keep copies s onto the shelf and returns the copy.
func (sh *shelf) keep(s *trade.Shipment) *trade.Shipment {
	if n := len(sh.blocks); n == 0 || len(sh.blocks[n-1]) == cap(sh.blocks[n-1]) {
		sh.blocks = append(sh.blocks, make([]trade.Shipment, 0, 4096))
	}
	b := &sh.blocks[len(sh.blocks)-1]
	*b = append(*b, *s)
	return &(*b)[len(*b)-1]
}

// hubWeight is how strongly the hub itself points at diversion: the countries of the FinCEN/BIS alerts and
// those research keeps citing count more.
func hubWeight(c country.Code) float64 {
	h, ok := country.HubOf(c)
	if !ok {
		return 0
	}
	w := 0.6
	if h.InAlerts {
		w += 0.2
	}
	if h.Cited {
		w += 0.2
	}
	return w
}

func (g *tsGroup) finding() trade.Finding {
	// The goods decide most of the score, the amount moved the rest: $1k counts for nothing, $1M for all.
	vol := decl.Clamp((math.Log10(1+g.value) - 3) / 3)
	score := g.best.Weight * (0.55 + 0.3*vol + 0.15*hubWeight(g.via))
	score = math.Min(0.99, score)
	hub := country.Name(g.via)
	origins := decl.Sorted(g.origins)
	var originNames []string
	for _, o := range origins {
		originNames = append(originNames, country.Name(country.Code(o)))
	}
	to := country.Name(g.consignee.Country)
	if to == "" {
		to = "Russia/Belarus"
	}
	classes := decl.Sorted(g.classes)
	qty := ""
	if g.qty > 0 && !g.units["KG"] {
		qty = decl.Num(g.qty) + " " + strings.Join(decl.Sorted(g.units), "/") + ", "
	}
	title := fmt.Sprintf("%s from %s to %s via %s: %s → %s, %s (%s%s kg, $%s)", strings.Join(classes, ", "),
		strings.Join(originNames, ", "), to, hub, decl.Display(g.shipper), decl.Display(g.consignee), g.month, qty,
		decl.Num(g.weight), decl.Num(g.value))
	why := decl.Sorted(g.why)
	if len(why) > 5 {
		why = append(why[:5], fmt.Sprintf("and %d more", len(why)-5))
	}
	expl := fmt.Sprintf("%d line(s) made in %s were dispatched from %s, a transshipment hub, to %s in %s: origin, dispatch and destination all differ. %s.",
		len(g.ids), strings.Join(originNames, ", "), hub, to, g.month, strings.Join(why, "; "))
	sort.Slice(g.ids, func(i, j int) bool { return g.ids[i] < g.ids[j] })
	sort.Strings(g.records)
	ev := []trade.Evidence{
		{Label: "route", Value: strings.Join(origins, ", ") + " → " + string(g.via) + " → " + string(g.consignee.Country)},
		{Label: "hub", Value: hub},
		{Label: "goods", Value: strings.Join(classes, ", ")},
		{Label: "HS codes", Value: strings.Join(decl.Sorted(g.hsCodes), ", ")},
		{Label: "lines", Value: fmt.Sprint(len(g.ids))},
		{Label: "value (USD)", Value: decl.Num(g.value)},
		{Label: "weight (kg)", Value: decl.Num(g.weight)},
		{Label: "description", Value: g.sample, RecordID: g.sampleRec},
	}
	return trade.Finding{
		Key:         "transshipment|" + g.key,
		Score:       decl.Round3(score),
		Title:       title,
		Explanation: expl,
		Parties: []trade.FindingParty{
			{Name: decl.Display(g.shipper), Role: trade.Shipper.String(), Country: string(g.shipper.Country), ID: g.shipper.ID},
			{Name: decl.Display(g.consignee), Role: trade.Consignee.String(), Country: string(g.consignee.Country), ID: g.consignee.ID},
		},
		Shipments:   g.records,
		ShipmentIDs: g.ids,
		Evidence:    ev,
		ValueUSD:    g.value,
		WeightKg:    g.weight,
	}
}
