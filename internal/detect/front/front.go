// Package front raises the signals of front companies among the parties of lines bound for Russia and
// Belarus: a party first seen after 24 February 2022 that moves large volumes at once; many parties at one
// address, or several companies under one identifier; a trader whose goods mix changed abruptly at that date;
// and a company in a transshipment hub at the centre of a network of Russian consignees, most of them new.
// The store sums the lines by party appearance, so that only those sums leave it; each finding cites example
// lines (the first line of each appearance, the largest line of each goods chapter).
package front

import (
	"context"
	"fmt"
	"sort"
	"time"

	"tradetrace/internal/country"
	"tradetrace/internal/detect"
	"tradetrace/internal/detect/route/decl"
	"tradetrace/internal/hs"
	"tradetrace/internal/trade"
)

// Party is a party as written on lines, in one role.
type Party struct {
	Role             string // "shipper" or "consignee"
	Name, NameEn, ID string
	Country          country.Code
	// Key is the store's number for the party as written (name, English name, identifier and country) in its
	// role, the same in the Appearances, GoodsMix and HubEdges of one detector run; 0 when the store gives
	// none. A store that gives keys may leave the text of the parties of GoodsMix and HubEdges empty: the
	// detector takes it from an appearance with the same role and key (Names).
	Key uint64
}

// Names is the text of the parties of a run's appearances by role and key, to fill in the parties that
// GoodsMix and HubEdges give by key alone.
type Names map[roleKey]Party

type roleKey struct {
	role string
	key  uint64
}

// NamesOf indexes the keyed parties of apps.
func NamesOf(apps []Appearance) Names {
	n := Names{}
	for i := range apps {
		if p := apps[i].Party; p.Key != 0 {
			n[roleKey{p.Role, p.Key}] = p
		}
	}
	return n
}

// Fill writes the text of the party with p's role and key into p, when p has a key and no text of its own.
func (n Names) Fill(p *Party) {
	if p.Key == 0 || p.Name != "" || p.NameEn != "" || p.ID != "" || p.Country != "" {
		return
	}
	if q, ok := n[roleKey{p.Role, p.Key}]; ok {
		*p = q
	}
}

func (p *Party) trade() trade.Party {
	return trade.Party{Name: p.Name, NameEn: p.NameEn, ID: p.ID, Country: p.Country}
}

// Example is a line a sum was made of, to cite.
type Example struct {
	ID       trade.ShipmentID
	RecordID string
}

// Appearance is the activity of one way of writing a party, at one address.
type Appearance struct {
	Party
	Address     string
	First, Last time.Time
	Lines       int64
	Value       float64
	EarlyLines  int64   // lines in the first three months of the appearance
	EarlyValue  float64 // USD in them
	HPValue     float64 // USD of high-priority goods
	FirstLine   Example
}

// Mix is what a party moved under one HS chapter, before or after the cutoff.
type Mix struct {
	Party
	Chapter string
	After   bool
	Lines   int64
	Value   float64
	Largest Example
}

// Edge is the trade of a shipper in a hub with one consignee in a watched country.
type Edge struct {
	Shipper, Consignee Party
	Lines              int64
	Value, HPValue     float64
	First              time.Time
	FirstLine          Example
}

// Query scopes the sums: lines bound for To, split at Cutoff; HP lists the HS-6 codes of high-priority goods;
// Hubs the countries whose shippers' networks are summed.
type Query struct {
	To     []country.Code
	Hubs   []country.Code
	Cutoff time.Time
	HP     []string
}

// Store sums lines where they live. The DuckDB store implements it.
type Store interface {
	Appearances(ctx context.Context, q Query, fn func(*Appearance) error) error
	GoodsMix(ctx context.Context, q Query, fn func(*Mix) error) error
	HubEdges(ctx context.Context, q Query, fn func(*Edge) error) error
}

// AheadStore is a Store whose engine can run the three sums of a Query before the detector reads them: the
// detector reads each on one core, and works on what it read, while the engine sums the next on the other.
type AheadStore interface {
	// FrontAhead starts the sums of q and returns a Store that gives each of them once, for q, and a release
	// that lets go of what was not read.
	FrontAhead(ctx context.Context, q Query) (Store, func())
}

// Fronts is the detector.
type Fronts struct {
	// Store sums lines; nil uses the Source when it is a Store.
	Store Store
	// Cutoff is the date from which parties count as new; zero means 24 February 2022.
	Cutoff time.Time
}

// Name implements detect.Detector.
func (Fronts) Name() string { return "front_company" }

// Version implements detect.Detector. 2: money summed in whole cents, the same in every run. 3: so is the
// goods mix, whose totals could differ by a dollar from the float sums before.
func (Fronts) Version() string { return "3" }

// Detect implements detect.Detector.
func (f Fronts) Detect(ctx context.Context, src detect.Source) ([]trade.Finding, error) {
	st := f.Store
	if st == nil {
		s, ok := src.(Store)
		if !ok {
			return nil, fmt.Errorf("front companies: the store cannot sum lines by party")
		}
		st = s
	}
	cutoff := f.Cutoff
	if cutoff.IsZero() {
		cutoff = decl.Invasion
	}
	q := Query{To: decl.Watched, Hubs: decl.Hubs(), Cutoff: cutoff}
	for _, c := range hs.CHPLCodes() {
		q.HP = append(q.HP, string(c))
	}
	sums := st
	if ah, ok := st.(AheadStore); ok {
		var release func()
		sums, release = ah.FrontAhead(ctx, q)
		defer release()
	}
	// The rows repeat each party's strings (a party has many months and chapters): one copy of each keeps the
	// heap, and the collector's work, small (a third of the CPU time on 10M lines went to collecting).
	in := interner{}
	var apps []Appearance
	if err := sums.Appearances(ctx, q, func(a *Appearance) error {
		in.party(&a.Party)
		a.Address = in.s(a.Address)
		apps = append(apps, *a)
		return nil
	}); err != nil {
		return nil, fmt.Errorf("front companies: %w", err)
	}
	a, err := newAnalysis(ctx, decl.MemoOf(src, st), apps, cutoff)
	if err != nil {
		return nil, fmt.Errorf("front companies: %w", err)
	}
	ps := &partyTable{a: a, in: in, at: map[Party]int32{}, byKey: map[string]map[uint64]int32{}, names: NamesOf(apps)}
	mixes := a.mixTally(ps)
	if err := sums.GoodsMix(ctx, q, func(m *Mix) error {
		m.Chapter = in.s(m.Chapter)
		mixes.add(m)
		return nil
	}); err != nil {
		return nil, fmt.Errorf("front companies: %w", err)
	}
	// The identifiers' and the goods mixes' findings are made on a goroutine of their own while the edges are
	// read and their findings made: they read only the appearances and the tally, and the name engine's work of
	// the identifiers (2.3 s on the 10M-line sample) had kept one core busy at the end with the other idle. The
	// address and edge findings stay here: they key parties with the analysis' Keyer, which is not safe for
	// concurrent use.
	type made struct{ ids, mix []trade.Finding }
	side := make(chan made, 1)
	go func() {
		var m made
		m.ids = a.sharedID()
		m.mix = mixes.findings()
		side <- m
	}()
	// 1.2M edges on 10M lines: each is kept as two party numbers and its sums, and sorted by numbers.
	var edges []edge
	if err := sums.HubEdges(ctx, q, func(e *Edge) error {
		edges = append(edges, edge{s: ps.add(&e.Shipper), c: ps.add(&e.Consignee), value: e.Value, hp: e.HPValue, first: e.First, line: e.FirstLine})
		return nil
	}); err != nil {
		return nil, fmt.Errorf("front companies: %w", err)
	}
	// The store gives rows in no particular order; the party shown for a group is that of its first row, so
	// the rows are put in an order of their own first, and re-runs agree.
	rank := ps.ranks()
	sort.Slice(edges, func(i, j int) bool {
		x, y := &edges[i], &edges[j]
		if x.s != y.s {
			return rank[x.s] < rank[y.s]
		}
		if x.c != y.c {
			return rank[x.c] < rank[y.c]
		}
		return x.line.ID < y.line.ID
	})
	var out []trade.Finding
	out = append(out, a.newLarge()...)
	out = append(out, a.sharedAddress()...)
	hub := a.hubNetwork(edges, ps)
	m := <-side
	out = append(out, m.ids...)
	out = append(out, m.mix...)
	out = append(out, hub...)
	return out, nil
}

// edge is an Edge as the detector keeps it: its parties by their number in a partyTable.
type edge struct {
	s, c      int32
	value, hp float64
	first     time.Time
	line      Example
}

// partyTable numbers parties as written, one copy of each (its strings interned), with the analysis key of
// each, made once when the party is first seen.
//
// Parties the store gives by key are looked up by key, and their text taken from names: the 1.9M goods-mix rows
// and 1.2M edges of a 10M-line store then carry no strings, where reading and hashing each row's four (twice
// for an edge) took a third of the detector's time.
type partyTable struct {
	a     *analysis
	in    interner
	at    map[Party]int32
	byKey map[string]map[uint64]int32 // by role, then key: one map keyed by both hashed the role for every row
	names Names
	list  []Party
	keys  []string
}

func (t *partyTable) add(p *Party) int32 {
	byKey := t.byKey[p.Role]
	if p.Key != 0 {
		if i, ok := byKey[p.Key]; ok {
			return i
		}
		t.names.Fill(p)
	}
	if i, ok := t.at[*p]; ok {
		return i
	}
	i := int32(len(t.list))
	t.in.party(p)
	t.at[*p] = i
	if p.Key != 0 {
		if byKey == nil {
			byKey = map[uint64]int32{}
			t.byKey[p.Role] = byKey
		}
		byKey[p.Key] = i
	}
	t.list = append(t.list, *p)
	t.keys = append(t.keys, t.a.key(p))
	return i
}

// key is a.key of party i.
func (t *partyTable) key(i int32) string { return t.keys[i] }

// ranks returns each party's place in partyLess order.
func (t *partyTable) ranks() []int32 {
	idx := make([]int32, len(t.list))
	for i := range idx {
		idx[i] = int32(i)
	}
	sort.Slice(idx, func(i, j int) bool { return partyLess(&t.list[idx[i]], &t.list[idx[j]]) })
	rank := make([]int32, len(idx))
	for r, i := range idx {
		rank[i] = int32(r)
	}
	return rank
}

// interner keeps one copy of each string.
type interner map[string]string

func (in interner) s(v string) string {
	if w, ok := in[v]; ok {
		return w
	}
	in[v] = v
	return v
}

func (in interner) party(p *Party) {
	p.Role, p.Name, p.NameEn, p.ID = in.s(p.Role), in.s(p.Name), in.s(p.NameEn), in.s(p.ID)
	p.Country = country.Code(in.s(string(p.Country)))
}

// partyLess orders parties: identified ones first, so that a group shows an identified appearance.
func partyLess(a, b *Party) bool {
	if a.ID != b.ID {
		return a.ID > b.ID
	}
	if a.Country != b.Country {
		return a.Country < b.Country
	}
	if a.Role != b.Role {
		return a.Role < b.Role
	}
	if a.Name != b.Name {
		return a.Name < b.Name
	}
	return a.NameEn < b.NameEn
}
