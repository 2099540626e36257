// Package listed is the detector of listed parties: a shipper, consignee, manufacturer or brand of a shipment
// that matches an entry of a loaded sanctions or export-control list. It screens the distinct ways parties are
// written in the store (one query per distinct name, not per line) through a candidate index, then reads only
// the shipments of the names that match, and raises one finding per listed party and role with the list
// entries, their programs and topics and the name engine's explanation as evidence.
package listed

import (
	"cmp"
	"context"
	"fmt"
	"io"
	"sort"
	"strings"
	"sync"
	"time"

	"tradetrace/internal/detect"
	"tradetrace/internal/names"
	"tradetrace/internal/screen"
	"tradetrace/internal/trade"
)

// PartyName is one distinct way a party is written in one role, with the number of lines.
type PartyName struct {
	Role    string // shipper, consignee, manufacturer, brand
	Name    string
	NameEn  string
	Country string
	ID      string
	Lines   int64
}

// PartyLine is a shipment on which a party stands in a role, with the party as written there.
type PartyLine struct {
	ID      trade.ShipmentID
	Name    string
	NameEn  string
	Country string
	PartyID string
}

// Store is what the detector reads besides the shipments: the loaded lists and the distinct party names.
type Store interface {
	// CurrentListEntities returns the entities of the current version of every loaded list.
	CurrentListEntities(ctx context.Context) ([]trade.ListEntity, error)
	// PartyNames calls fn for each distinct (role, name, English name, country, identifier).
	PartyNames(ctx context.Context, fn func(PartyName) error) error
	// PartyLines returns the shipments on which one of the names stands in the role.
	PartyLines(ctx context.Context, role string, names []string) ([]PartyLine, error)
}

// FactsReader is a store that reads the facts of many lines, in id order: their id, record id, date, HS code,
// value in USD and weights, and may leave the rest of a line empty. The detector sums the lines of its matches
// through it when the store offers it (592k lines of a 10M-line DuckDB store: 3.1 s, against some 12 s read
// whole), and reads whole only the lines it quotes.
type FactsReader interface {
	ShipmentFacts(ctx context.Context, ids []trade.ShipmentID, fn func(*trade.Shipment) error) error
}

// Detector raises listed parties.
type Detector struct {
	Store Store
	// Log receives notices (lists not loaded, counts); nil discards them.
	Log io.Writer
	// MinScore is the lowest name score that counts as a match; 0 means the name engine's threshold. Brands and
	// makers, written without legal form or country, need MinScore + 0.15.
	MinScore float64
	// Rescreen screens every name again, with a Memo store, instead of taking earlier runs' screenings, and
	// keeps only this run's.
	Rescreen bool
}

// Name implements detect.Detector.
func (Detector) Name() string { return "listed_party" }

// Version implements detect.Detector. 3: names join others only through their best and strong matches. 4: the
// controlled goods on a listed party's lines raise its score. 5: by the share of its lines that carry them. 6:
// ties between names that match one entry equally well are decided by the names, not by the store's order.
func (Detector) Version() string { return "6" }

// Light implements detect.Light: the detector's work is the store's queries, the memo's answers and, for the
// names no earlier run screened, the screening; what it keeps is the distinct party names and the facts of
// the matched lines (at most 325 MB live on the 10M-line sample). It runs beside the chains.
func (Detector) Light() bool { return true }

func (d Detector) logf(format string, args ...any) {
	if d.Log != nil {
		fmt.Fprintf(d.Log, format+"\n", args...)
	}
}

// screened is a distinct party name and the list entries it matches, best first.
type screened struct {
	name PartyName
	hits []hit
}

// hit is a list entry matched by a party name, with the text of the name that matched (the name or its
// English rendering).
type hit struct {
	m     screen.Match
	query string
}

// Detect implements detect.Detector.
func (d Detector) Detect(ctx context.Context, src detect.Source) ([]trade.Finding, error) {
	ents, err := d.Store.CurrentListEntities(ctx)
	if err != nil {
		return nil, err
	}
	if len(ents) == 0 {
		d.logf("listed_party: no lists loaded, no findings: run 'tradetrace lists load PATH' first")
		return nil, nil
	}
	start := time.Now()
	// The index is built when a query needs screening: with a memo that answers every query, none does.
	var indexed time.Duration
	built := false
	index := sync.OnceValue(func() *screen.Index {
		t := time.Now()
		ix := screen.NewIndex(ents)
		indexed, built = time.Since(t), true
		return ix
	})
	hits, sum, err := d.screenNames(ctx, index, ents)
	if err != nil {
		return nil, err
	}
	lists := fmt.Sprintf("%d list entities indexed in %s", len(ents), indexed.Round(time.Millisecond))
	if !built {
		lists = fmt.Sprintf("%d list entities, not indexed (no query to screen)", len(ents))
	}
	d.logf("listed_party: %s; %d distinct party names screened in %s, %d match",
		lists, sum.names, (time.Since(start) - indexed).Round(time.Millisecond), len(hits))
	if _, ok := d.Store.(Memo); ok {
		d.logf("listed_party: %d of %d queries answered by earlier runs' screenings; the memo read and written in %s",
			sum.kept, sum.queries, sum.memo.Round(time.Millisecond))
	}
	start = time.Now()
	defer func() {
		d.logf("listed_party: shipments of the matches read in %s", time.Since(start).Round(time.Millisecond))
	}()
	comps := group(hits)
	ids, err := d.lines(ctx, comps)
	if err != nil {
		return nil, err
	}
	// one read of every matched shipment, dispatched to the components that cite it
	var all []trade.ShipmentID
	byID := map[trade.ShipmentID][]int{}
	for c, is := range ids {
		for _, id := range is {
			if _, ok := byID[id]; !ok {
				all = append(all, id)
			}
			byID[id] = append(byID[id], c)
		}
	}
	bs := make([]builder, len(comps))
	read := src.Shipments
	if fr, ok := d.Store.(FactsReader); ok {
		read = fr.ShipmentFacts
	}
	if err := read(ctx, all, func(s *trade.Shipment) error {
		for _, c := range byID[s.ID] {
			bs[c].add(s)
		}
		return nil
	}); err != nil {
		return nil, err
	}
	// the lines the findings quote
	quoted := map[trade.ShipmentID]*trade.Shipment{}
	var qids []trade.ShipmentID
	for c := range bs {
		for _, id := range bs[c].cited {
			if _, ok := quoted[id]; !ok {
				quoted[id] = nil
				qids = append(qids, id)
			}
		}
	}
	// A quote is the line's date, countries, parties' names, code, description and value: a brief read.
	if err := detect.ShipmentsBrief(ctx, src, qids, func(s *trade.Shipment) error {
		c := *s
		quoted[s.ID] = &c
		return nil
	}); err != nil {
		return nil, err
	}
	for c := range bs {
		bs[c].quote(quoted)
	}
	var out []trade.Finding
	for c := range comps {
		if len(bs[c].ids) > 0 {
			out = append(out, bs[c].finding(comps[c]))
		}
	}
	return out, nil
}

// lines finds, with one query per role, the shipments on which each component's names stand.
func (d Detector) lines(ctx context.Context, comps []component) ([][]trade.ShipmentID, error) {
	owner := map[PartyName]int{}
	texts := map[string][]string{}
	seen := map[string]bool{}
	for c, comp := range comps {
		for _, s := range comp.names {
			k := s.name
			k.Lines = 0
			owner[k] = c
			for _, t := range []string{s.name.Name, s.name.NameEn} {
				if t != "" && !seen[comp.role+"\x00"+t] {
					seen[comp.role+"\x00"+t] = true
					texts[comp.role] = append(texts[comp.role], t)
				}
			}
		}
	}
	out := make([][]trade.ShipmentID, len(comps))
	for _, role := range []string{"shipper", "consignee", "manufacturer", "brand"} {
		if len(texts[role]) == 0 {
			continue
		}
		ls, err := d.Store.PartyLines(ctx, role, texts[role])
		if err != nil {
			return nil, err
		}
		for _, l := range ls {
			k := PartyName{Role: role, Name: l.Name, NameEn: l.NameEn, Country: l.Country, ID: l.PartyID}
			if c, ok := owner[k]; ok {
				out[c] = append(out[c], l.ID)
			}
		}
	}
	return out, nil
}

// screenNames screens every distinct party name (and its English rendering) on every core and returns those
// that match, with what it took (see Memo). With a Memo store, the memo is read beside the names.
func (d Detector) screenNames(ctx context.Context, index func() *screen.Index, ents []trade.ListEntity) (out []screened, sum screenSummary, err error) {
	minScore := d.MinScore
	if minScore == 0 {
		minScore = names.DefaultThreshold
	}
	var held func() memoHeld
	if memo, ok := d.Store.(Memo); ok {
		held = d.readMemo(ctx, memo, ents, minScore)
		defer held() // the read ends before the detector returns, also on an error
	}
	var all []screened
	var qs []screen.Query
	var owner []int
	if err := d.Store.PartyNames(ctx, func(p PartyName) error {
		i := len(all)
		all = append(all, screened{name: p})
		floor := minScore
		var ctry []string
		var ids []names.Identifier
		kind := names.KindUnknown
		if p.Role == "brand" || p.Role == "manufacturer" {
			// A brand or a maker is an organisation: it never matches a listed person ("BRAUN", "BROWNING").
			floor += 0.15
			kind = names.KindOrganization
		} else {
			if p.Country != "" {
				ctry = []string{p.Country}
			}
			if p.ID != "" {
				ids = []names.Identifier{{Value: p.ID}}
			}
		}
		for _, text := range []string{p.Name, p.NameEn} {
			if strings.TrimSpace(text) == "" || (text == p.NameEn && p.NameEn == p.Name) {
				continue
			}
			qs = append(qs, screen.Query{Name: text, Kind: kind, Countries: ctry, Identifiers: ids, Top: 5, MinScore: floor, Party: true})
			owner = append(owner, i)
		}
		return nil
	}); err != nil {
		return nil, sum, err
	}
	if err := ctx.Err(); err != nil {
		return nil, sum, err
	}
	results, kept, took, err := d.screenAll(ctx, index, held, qs)
	if err != nil {
		return nil, sum, err
	}
	for i, ms := range results {
		s := &all[owner[i]]
	next:
		for _, m := range ms {
			for j := range s.hits {
				if s.hits[j].m.Entity == m.Entity {
					if m.Score.Value > s.hits[j].m.Score.Value {
						s.hits[j] = hit{m, qs[i].Name}
					}
					continue next
				}
			}
			s.hits = append(s.hits, hit{m, qs[i].Name})
		}
	}
	for _, s := range all {
		if len(s.hits) > 0 {
			sort.Slice(s.hits, func(i, j int) bool { return better(s.hits[i].m, s.hits[j].m) })
			out = append(out, s)
		}
	}
	// The store gives the names in no particular order, and ties between them (two ways of writing a company
	// that match one entry equally well) are decided by order below: sort them, so a re-run gives the same.
	sort.Slice(out, func(i, j int) bool {
		a, b := out[i].name, out[j].name
		return cmp.Or(strings.Compare(a.Role, b.Role), strings.Compare(a.Name, b.Name), strings.Compare(a.NameEn, b.NameEn),
			strings.Compare(a.Country, b.Country), strings.Compare(a.ID, b.ID)) < 0
	})
	return out, screenSummary{names: len(all), queries: len(qs), kept: kept, memo: took}, nil
}

// screenSummary is what screening took: distinct names, queries (a name and its English rendering), queries
// the memo answered and the time spent reading and writing it.
type screenSummary struct {
	names, queries, kept int
	memo                 time.Duration
}

// better orders matches by priority, then list and entry.
func better(a, b screen.Match) bool {
	if ra, rb := priority(a), priority(b); ra != rb {
		return ra > rb
	}
	if a.List != b.List {
		return a.List < b.List
	}
	return a.SourceID < b.SourceID
}
