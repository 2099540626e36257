// Package misdeclared finds declarations whose goods are not what their HS code says: the description,
// brand, model or maker reads as one goods class while the declared code names another ("civilian hunting
// rifles" under 9303 with an assault-rifle model; armour plates as ceramics; helmets as airsoft; drones as toys
// or as parts), scored by how far apart the two sides are and by how hard the text works to hide it; and
// Western chip and equipment brands shipped by a trader in a transshipment hub that is neither the maker nor
// one of its authorised distributors.
//
// It reads in two passes, as the military detector does: a cheap pass over the text and code of every line
// (classified on every core by the goods package), then the full rows of the lines that raise something.
// Findings group the lines of one shipper, consignee, goods class, declared code heading and month; brand
// findings group one seller's lines of a year.
package misdeclared

import (
	"context"
	"fmt"
	"runtime"
	"sync"
	"time"

	"tradetrace/internal/country"
	"tradetrace/internal/detect"
	"tradetrace/internal/goods"
	"tradetrace/internal/hs"
	"tradetrace/internal/trade"
)

// Version names the algorithm and its tables; it changes whenever findings may change.
const Version = "1"

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
}

// Scope says which lines the first pass reads.
type Scope struct {
	// Destinations keeps the lines whose destination or consignee country is one of these, or whose seller
	// is in Sellers; empty keeps every line.
	Destinations []country.Code
	// Sellers are the seller countries whose lines carry the seller's name and identifier.
	Sellers []country.Code
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
	p := &pass{tabs: tabs, classify: classify}
	if err := p.scan(ctx, d.Store); err != nil {
		return nil, err
	}
	p.resolveContext()
	since := d.NewSince
	if since.IsZero() {
		since = invasion
	}
	seen, err := d.sellersSeen(ctx, p.sellers)
	if err != nil {
		return nil, err
	}
	g := newGrouper(since, seen)
	ids := make([]trade.ShipmentID, 0, len(p.readings))
	for id := range p.readings {
		ids = append(ids, id)
	}
	err = src.Shipments(ctx, ids, func(s *trade.Shipment) error {
		for _, r := range p.readings[s.ID] {
			g.add(s, r)
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("misdeclared: read lines: %w", err)
	}
	return g.findings(), nil
}

// pass is the state of the first pass.
type pass struct {
	tabs     *tables
	classify func(description, descriptionEn, brand, manufacturer string) goods.Result

	mu       sync.Mutex
	readings map[trade.ShipmentID][]*reading
	covers   []cover                 // lines under a code that hides or covers a watched family
	strong   map[uint64][]strongLine // declaration → lines that clearly read as a watched family
	sellers  map[string]sellerRef    // seller key → how the store writes it
}

// scan classifies every line on every core.
func (p *pass) scan(ctx context.Context, st Store) error {
	p.readings = map[trade.ShipmentID][]*reading{}
	p.strong = map[uint64][]strongLine{}
	p.sellers = map[string]sellerRef{}
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
	err := st.ScanGoodsLines(ctx, scope(), func(l *Line) error {
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
		p.sellers[s.key] = s
	}
}

// sellersSeen asks the store when the sellers of brand findings first shipped, and returns it by seller key.
func (d Detector) sellersSeen(ctx context.Context, refs map[string]sellerRef) (map[string]Seen, error) {
	if len(refs) == 0 {
		return nil, nil
	}
	var ids, names []string
	for _, r := range refs {
		if r.id != "" {
			ids = append(ids, r.id)
		} else {
			names = append(names, r.name)
		}
	}
	rows, err := d.Store.SellersSeen(ctx, ids, names)
	if err != nil {
		return nil, fmt.Errorf("misdeclared: sellers: %w", err)
	}
	out := map[string]Seen{}
	for _, s := range rows {
		k := partyKey(s.ID, s.Name, s.NameEn)
		if _, ok := refs[k]; !ok {
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
