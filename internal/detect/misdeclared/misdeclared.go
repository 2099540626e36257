// Package misdeclared finds declarations whose goods are not what their HS code says: the description,
// brand, model or maker reads as one goods class while the declared code names another ("civilian hunting
// rifles" under 9303 with an assault-rifle model; armour plates as ceramics; helmets as airsoft; drones as toys
// or as parts), scored by how far apart the two sides are and by how hard the text works to hide it; and
// Western chip and equipment brands shipped by a trader in a transshipment hub that is neither the maker nor
// one of its authorised distributors.
//
// It reads in two passes, as the military detector does: a cheap pass over the text and code of every line
// (classified on every core by the goods package; where the store keeps the goods readings, only the lines
// whose reading leaves a question open are), then the full rows of the lines that raise something.
// Findings group the lines of one shipper, consignee, goods class, declared code heading and month; brand
// findings group one seller's lines of a year.
package misdeclared

import (
	"context"
	"fmt"
	"maps"
	"runtime"
	"slices"
	"sort"
	"sync"
	"sync/atomic"
	"time"

	"tradetrace/internal/country"
	"tradetrace/internal/detect"
	"tradetrace/internal/goods"
	"tradetrace/internal/hs"
	"tradetrace/internal/trade"
)

// Version names the algorithm and its tables; it changes whenever findings may change.
const Version = "2" // 2: a seller's first line is found under every way it is written

// Line is what the first pass reads of one declaration line: its code, its text and, for sellers in the
// countries asked for, who sold it.
type Line struct {
	ID trade.ShipmentID
	// Declaration identifies the declaration the line belongs to: a hash of the reporter and declaration
	// number, or of the reporter, parties and date when there is no number.
	Declaration    uint64
	HS             hs.Code
	Description    string
	DescriptionEn  string
	Brand          string
	Manufacturer   string
	ShipperCountry country.Code
	// ShipperName, ShipperNameEn and ShipperID are filled only for sellers in Scope.Sellers.
	ShipperName   string
	ShipperNameEn string
	ShipperID     string
	// Read says the store sent the line's stored goods reading (Scope.Readings): Reading and ReadingScore are
	// the strongest controlled class the goods reader found at goods.Threshold or above and its score, which is
	// the classifier's goods.Result.Military, or empty when it found none. The detector then classifies only
	// the lines whose reading leaves a question open.
	Read         bool
	Reading      goods.Class
	ReadingScore float64
}

// Scope says which lines the first pass reads.
type Scope struct {
	// Destinations keeps the lines whose destination or consignee country is one of these, or whose seller
	// is in Sellers; empty keeps every line.
	Destinations []country.Code
	// Sellers are the seller countries whose lines carry the seller's name and identifier.
	Sellers []country.Code
	// Readings, when set, is the version of the stored goods readings (detect.GoodsReaderVersion) with which a
	// store may leave out the lines that cannot raise anything. It sends only the lines whose strongest stored
	// reading is one of Classes, or one of SellerClasses for lines sold from Sellers, and the lines whose code
	// starts with one of Keep, or with one of SellerKeep for lines sold from Sellers, each with its reading
	// (Line.Read). A store may ignore Readings (the ClickHouse store does), and one that has not read every
	// complete run under this version must: it then sends every line in scope, without its reading.
	Readings      string
	Classes       []goods.Class
	SellerClasses []goods.Class
	// Keep are HS prefixes whose lines are read whatever their text: codes under which a watched family hides.
	Keep []string
	// SellerKeep are HS-6 codes whose lines sold from Sellers are read whatever their text: the Common High
	// Priority List.
	SellerKeep []string
}

// Seen is when a seller, as the store writes it, first and last shipped.
type Seen struct {
	ID, Name, NameEn string
	First            time.Time
	Lines            int64
}

// Store is what the detector reads beside detect.Source.
type Store interface {
	// ScanGoodsLines calls fn with the line of every shipment in scope, in no particular order.
	ScanGoodsLines(ctx context.Context, sc Scope, fn func(*Line) error) error
	// SellersSeen returns, for the sellers with these identifiers or names (either rendering), the date of
	// their first line as a shipper and their number of lines, one row per distinct (id, name, English name).
	SellersSeen(ctx context.Context, ids, names []string) ([]Seen, error)
}

// Detector raises misdeclared goods and brands that do not fit their seller.
type Detector struct {
	Store Store
	// Classify reads a line's text; nil uses goods.ClassifyFields. It must be safe for concurrent use.
	Classify func(description, descriptionEn, brand, manufacturer string) goods.Result
	// NewSince is the date after which a seller first seen counts as new (the G7 red flags use the invasion,
	// 24 February 2022); zero uses that date.
	NewSince time.Time

	classified *atomic.Int64 // when set, counts the lines classified (tests)
}

// Name implements detect.Detector.
func (Detector) Name() string { return "misdeclared_goods" }

// Version implements detect.Detector.
func (Detector) Version() string { return Version }

// invasion is the default NewSince.
var invasion = time.Date(2022, 2, 24, 0, 0, 0, 0, time.UTC)

// Detect implements detect.Detector.
func (d Detector) Detect(ctx context.Context, src detect.Source) ([]trade.Finding, error) {
	if d.Store == nil {
		return nil, fmt.Errorf("misdeclared: no store")
	}
	tabs, err := loadTables()
	if err != nil {
		return nil, err
	}
	classify := d.Classify
	if classify == nil {
		classify = goods.ClassifyFields
	}
	sc := scope()
	if d.Classify == nil {
		// The stored readings are this classifier's: a line it does not read as controlled goods raises a
		// reading only through its code, so the store need send only those lines and the ones it did read.
		sc.Readings = detect.GoodsReaderVersion
		sc.Classes, sc.SellerClasses = keepClasses()
		sc.Keep, sc.SellerKeep = keepPrefixes()
	}
	p := &pass{tabs: tabs, classify: classify, full: map[goods.Class]bool{}, classified: d.classified}
	for _, c := range sc.Classes {
		p.full[c] = true
	}
	if err := p.scan(ctx, d.Store, sc); err != nil {
		return nil, err
	}
	p.readDeferred()
	p.resolveContext()
	since := d.NewSince
	if since.IsZero() {
		since = invasion
	}
	// When the sellers first shipped is asked beside the reading of the lines: only the findings need it.
	type sellers struct {
		seen map[string]Seen
		err  error
	}
	asked := make(chan sellers, 1)
	go func() {
		seen, err := d.sellersSeen(ctx, p.sellers)
		asked <- sellers{seen, err}
	}()
	g := newGrouper(since)
	ids := make([]trade.ShipmentID, 0, len(p.readings))
	for id := range p.readings {
		ids = append(ids, id)
	}
	// A group reads a line's parties, date, countries, code, description and figures: a brief read.
	err = detect.ShipmentsBrief(ctx, src, ids, func(s *trade.Shipment) error {
		for _, r := range p.readings[s.ID] {
			g.add(s, r)
		}
		return nil
	})
	sl := <-asked
	if err != nil {
		return nil, fmt.Errorf("misdeclared: read lines: %w", err)
	}
	if sl.err != nil {
		return nil, sl.err
	}
	g.seen = sl.seen
	return g.findings(), nil
}

// pass is the state of the first pass.
type pass struct {
	tabs     *tables
	classify func(description, descriptionEn, brand, manufacturer string) goods.Result
	// full are the stored readings whose lines are classified in the first pass (Scope.Classes): the judged
	// classes and the context families.
	full       map[goods.Class]bool
	classified *atomic.Int64

	mu       sync.Mutex
	readings map[trade.ShipmentID][]*reading
	covers   []cover                 // lines under a code that hides or covers a watched family
	strong   map[uint64][]strongLine // declaration → lines that clearly read as a watched family
	sellers  map[sellerRef]bool      // every way the store writes the sellers of seller readings
	deferred []Line                  // covers by their code alone, not yet classified (readDeferred)

	makers sync.Map // [2]string{brand, maker field} → *maker (makerOf), nil when they name none
}

// makerOf is tables.makerOf of a line's brand and maker fields, kept for the pass: the 3.5M lines sent from
// hubs to Russia of the 10M-line sample write 41,094 pairs of them, and each line's were normalised and
// searched for every maker's aliases.
func (p *pass) makerOf(brand, manufacturer string) *maker {
	k := [2]string{brand, manufacturer}
	if m, ok := p.makers.Load(k); ok {
		return m.(*maker)
	}
	m := p.tabs.makerOf(brand, manufacturer)
	p.makers.Store(k, m)
	return m
}

// scan classifies every line on every core.
func (p *pass) scan(ctx context.Context, st Store, sc Scope) error {
	p.readings = map[trade.ShipmentID][]*reading{}
	p.strong = map[uint64][]strongLine{}
	p.sellers = map[sellerRef]bool{}
	in := make(chan []Line, 4)
	var wg sync.WaitGroup
	for range runtime.GOMAXPROCS(0) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			var out lineResults
			for batch := range in {
				for i := range batch {
					p.read(&batch[i], &out)
				}
			}
			p.merge(&out)
		}()
	}
	batch := make([]Line, 0, 1024)
	err := st.ScanGoodsLines(ctx, sc, func(l *Line) error {
		batch = append(batch, *l)
		if len(batch) == cap(batch) {
			select {
			case in <- batch:
			case <-ctx.Done():
				return ctx.Err()
			}
			batch = make([]Line, 0, 1024)
		}
		return nil
	})
	if err == nil && len(batch) > 0 {
		in <- batch
	}
	close(in)
	wg.Wait()
	if err != nil {
		return fmt.Errorf("misdeclared: scan lines: %w", err)
	}
	return nil
}

// lineResults is one worker's output, merged once at the end.
type lineResults struct {
	readings []*reading
	covers   []cover
	strong   []strongLine
	sellers  []sellerRef
	deferred []Line
}

func (p *pass) merge(o *lineResults) {
	p.mu.Lock()
	defer p.mu.Unlock()
	for _, r := range o.readings {
		p.readings[r.id] = append(p.readings[r.id], r)
	}
	p.covers = append(p.covers, o.covers...)
	for _, s := range o.strong {
		p.strong[s.decl] = append(p.strong[s.decl], s)
	}
	for _, s := range o.sellers {
		p.sellers[s] = true
	}
	p.deferred = append(p.deferred, o.deferred...)
}

// sellersSeen asks the store when the sellers of brand findings first shipped, and returns it by seller key.
// Every way a seller is written is asked for (names that differ only in case share a key), so the answer does
// not depend on which line of a seller the pass met first.
func (d Detector) sellersSeen(ctx context.Context, refs map[sellerRef]bool) (map[string]Seen, error) {
	if len(refs) == 0 {
		return nil, nil
	}
	keys, ids, names := map[string]bool{}, map[string]bool{}, map[string]bool{}
	for r := range refs {
		keys[r.key] = true
		if r.id != "" {
			ids[r.id] = true
		} else {
			names[r.name] = true
		}
	}
	rows, err := d.Store.SellersSeen(ctx, slices.Sorted(maps.Keys(ids)), slices.Sorted(maps.Keys(names)))
	if err != nil {
		return nil, fmt.Errorf("misdeclared: sellers: %w", err)
	}
	out := map[string]Seen{}
	for _, s := range rows {
		k := partyKey(s.ID, s.Name, s.NameEn)
		if !keys[k] {
			continue
		}
		o, ok := out[k]
		if !ok || s.First.Before(o.First) {
			o.First = s.First
		}
		o.ID, o.Name, o.NameEn = s.ID, s.Name, s.NameEn
		o.Lines += s.Lines
		out[k] = o
	}
	return out, nil
}

// scope is what the detector reads: lines to Russia, Belarus and the transshipment hubs, and lines sold from
// the hubs (with their sellers).
func scope() Scope {
	sc := Scope{Destinations: []country.Code{"RU", "BY"}}
	for _, h := range country.Hubs() {
		sc.Destinations = append(sc.Destinations, h.Code)
		sc.Sellers = append(sc.Sellers, h.Code)
	}
	return sc
}

// Which lines can raise a reading, by the classifier's strongest controlled reading of their text (r.Military,
// which the goods reader stores first when it reaches goods.Threshold) and by their code:
//   - judge needs r.Military at Threshold or above and of a judged class;
//   - a strong line needs it at 0.8 and of a context family;
//   - a cover needs only the code: a rule under which a context family hides or is included among others;
//   - a seller reading needs a hub seller, and a code on the Common High Priority List or r.Military at
//     Threshold of the electronics, comms or navigation families.
// Every other line raises nothing, so a store with the readings need not send it.

// keepClasses returns the classes whose lines are read (judged classes and the context families), and those
// read when a hub trader sold them.
func keepClasses() (classes, sellerClasses []goods.Class) {
	for _, c := range goods.Classes() {
		switch {
		case judged[c] || contextFamilies[c.Family()]:
			classes = append(classes, c)
		case sellerFamilies[c.Family()]:
			sellerClasses = append(sellerClasses, c)
		}
	}
	return classes, sellerClasses
}

// keepPrefixes returns the codes whose lines are read whatever their text (covers), and those read when a hub
// trader sold them (the Common High Priority List).
func keepPrefixes() (keep, sellerKeep []string) {
	seen := map[string]bool{}
	for _, r := range hs.Rules() {
		if r.Kind != hs.KindIs && contextFamilies[goods.Class(r.ID).Family()] && !seen[string(r.Prefix)] {
			seen[string(r.Prefix)] = true
			keep = append(keep, string(r.Prefix))
		}
	}
	sort.Strings(keep)
	for _, c := range hs.CHPLCodes() {
		sellerKeep = append(sellerKeep, string(c))
	}
	return keep, sellerKeep
}
