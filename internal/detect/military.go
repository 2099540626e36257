package detect

import (
	"bytes"
	"cmp"
	"context"
	"fmt"
	"math"
	"runtime"
	"slices"
	"sort"
	"strconv"
	"strings"

	"tradetrace/internal/country"
	"tradetrace/internal/hs"
	"tradetrace/internal/par"
	"tradetrace/internal/trade"
)

// TextClass is a goods class read from a description, with the words that decided it.
type TextClass struct {
	Class    string
	Military bool
	Evidence string
	Weight   float64 // 0–1
}

// Military raises military goods (arms and ammunition, military vehicles, aircraft and drones and their parts,
// armour) and Common High Priority List items shipped to Russia or Belarus, directly or with a hub as dispatch
// country. One finding groups the lines of one shipper, consignee, goods class and month.
type Military struct {
	// Classify reads a shipment's text (description, brand, maker); nil reads HS codes alone. It must be safe
	// for concurrent use.
	Classify func(t *Text) []TextClass
	// ClassifyVersion names Classify's readings. When it is set and the source keeps readings of that version
	// for every line (TextReadings), they are looked up instead of classifying the text again: the findings
	// are the same.
	ClassifyVersion string
}

// Name implements Detector.
func (Military) Name() string { return "military_goods" }

// Version implements Detector. 2: a group's figures are added up in line order, the same in every run.
func (Military) Version() string { return "2" }

// classWeight is how much a goods class matters on its own when shipped to a watched destination.
var classWeight = map[string]float64{
	"arms.military": 0.95, "arms.revolver_pistol": 0.9, "arms.sporting_hunting": 0.9, "arms.other": 0.85,
	"arms.parts": 0.85, "arms.ammunition": 0.85, "arms.bladed": 0.6,
	"armour.body": 0.9, "armour.helmet": 0.8,
	"vehicle.military": 0.95, "vessel.military": 0.9, "aircraft": 0.7, "drone": 0.85, "drone.parts": 0.75,
	"optics.thermal": 0.75, "optics.night_vision": 0.75, "optics.weapon_sight": 0.8,
	"navigation": 0.62, "radar": 0.7, "engine.gas_turbine": 0.75, "explosives": 0.85,
}

// chplWeight is the weight of a Common High Priority List tier.
var chplWeight = map[string]float64{"1": 0.66, "2": 0.6, "3.A": 0.54, "3.B": 0.54, "4.A": 0.48, "4.B": 0.48}

// watched are the destinations this detector watches.
var watched = []country.Code{"RU", "BY"}

type milGroup struct {
	key          string
	class        string
	label        string
	weight       float64
	why          smallSet[string] // reasons: rows come in no particular order
	shipper      trade.Party
	consignee    trade.Party
	month        string
	ids          []trade.ShipmentID
	records      []string
	amounts      []milAmount // each line's figures, added up in id order (floating-point sums depend on the order)
	units        smallSet[string]
	hubs         smallSet[country.Code]
	origins      smallSet[country.Code]
	hsCodes      smallSet[hs.Code]
	first        trade.ShipmentID // the lowest id: its line names the parties and gives the sample description
	sample       string
	sampleRecord string
}

// Detect implements Detector. It reads the shipments whose HS code alone makes them count and, with a Classify
// function, those among the other shipments to a watched destination whose text reads as military. The text is
// read from the source's stored readings when it keeps them (see ClassifyVersion), in the same scan when the
// source is a ReadScanner (run while the readings are read when it is a ReadScanAheader); else it is classified
// here on every core, and the lines it selects are read in a second pass.
func (m Military) Detect(ctx context.Context, src Source) ([]trade.Finding, error) {
	groups := map[string]*milGroup{}
	stored, done, err := m.readScan(ctx, src, groups)
	if err != nil {
		return nil, err
	}
	if done {
		return findings(groups), nil
	}
	// Brief scans leave the English description, brand and maker out: only a Classify call reads them.
	f := Filter{Countries: watched, HSPrefixes: watchedPrefixes(), Brief: stored != nil}
	seen := map[trade.ShipmentID]bool{}
	add := func(s *trade.Shipment) error {
		seen[s.ID] = true
		var tcs []TextClass
		switch {
		case stored != nil:
			tcs = stored[s.ID]
		case m.Classify != nil:
			tcs = m.Classify(&Text{ID: s.ID, Description: s.Description, DescriptionEn: s.DescriptionEn, Brand: s.Brand, Manufacturer: s.Manufacturer})
		}
		m.add(groups, s, tcs)
		return nil
	}
	if err := src.ScanShipments(ctx, f, add); err != nil {
		return nil, err
	}
	var hits []trade.ShipmentID
	switch {
	case stored != nil:
		for id, cs := range stored {
			if !seen[id] && weighsAny(cs) {
				hits = append(hits, id)
			}
		}
	case m.Classify != nil:
		var err error
		if hits, err = m.textHits(ctx, src, seen); err != nil {
			return nil, err
		}
	}
	if err := src.Shipments(ctx, hits, add); err != nil {
		return nil, err
	}
	return findings(groups), nil
}

// readScan reads the lines into groups in the store's one pass with their stored readings, when Classify is
// set, ClassifyVersion names its readings and the source keeps them for every line: with the scan run while
// the readings are read (ReadScanAheader), else after them (TextReadings, ReadScanner). done reports that it
// did; when it did not, stored are the readings for Detect's passes (nil without them).
func (m Military) readScan(ctx context.Context, src Source, groups map[string]*milGroup) (stored map[trade.ShipmentID][]TextClass, done bool, err error) {
	if m.Classify == nil || m.ClassifyVersion == "" {
		return nil, false, nil
	}
	rf := Filter{Countries: watched}
	f := Filter{Countries: watched, HSPrefixes: watchedPrefixes(), Brief: true}
	stored = map[trade.ShipmentID][]TextClass{}
	keep := func(id trade.ShipmentID, cs []TextClass) error {
		stored[id] = cs
		return nil
	}
	if ra, ok := src.(ReadScanAheader); ok {
		err := m.group(ctx, groups, stored, func(add func(*trade.Shipment) error) (err error) {
			done, err = ra.ScanReadAhead(ctx, m.ClassifyVersion, rf, keep, weighedClasses(), f, add)
			return err
		})
		if done || err != nil {
			return stored, done, err
		}
	}
	tr, ok := src.(TextReadings)
	if !ok {
		return nil, false, nil
	}
	if ok, err := tr.TextClasses(ctx, m.ClassifyVersion, rf, keep); err != nil || !ok {
		return nil, false, err
	}
	if rs, ok := src.(ReadScanner); ok {
		err = m.group(ctx, groups, stored, func(add func(*trade.Shipment) error) (err error) {
			done, err = rs.ScanShipmentsRead(ctx, m.ClassifyVersion, weighedClasses(), f, add)
			return err
		})
	}
	return stored, done, err
}

// group puts the lines a scan gives into groups, with their readings from stored (complete before the scan
// gives its first line), on every core: each goroutine groups the lines it is given, and the groups are merged
// at the end. Grouped on the scan's goroutine, the lines (677k on the 10M-line sample) kept one core busy for
// some 5 s while the other idled.
func (m Military) group(ctx context.Context, groups map[string]*milGroup, stored map[trade.ShipmentID][]TextClass, scan func(add func(*trade.Shipment) error) error) error {
	parts := make([]map[string]*milGroup, runtime.GOMAXPROCS(0))
	err := par.Batches(ctx, 256, len(parts), scan, func(w int, b []trade.Shipment) {
		if parts[w] == nil {
			parts[w] = map[string]*milGroup{}
		}
		for i := range b {
			m.add(parts[w], &b[i], stored[b[i].ID])
		}
	})
	for _, part := range parts {
		for k, o := range part {
			if g := groups[k]; g != nil {
				g.merge(o)
			} else {
				groups[k] = o
			}
		}
	}
	return err
}

// findings makes a finding of each group, on every core.
func findings(groups map[string]*milGroup) []trade.Finding {
	gs := make([]*milGroup, 0, len(groups))
	for _, g := range groups {
		gs = append(gs, g)
	}
	out := make([]trade.Finding, len(gs))
	par.For(len(gs), 0, func(i int) { out[i] = gs[i].finding() })
	return out
}

// weighedClasses are the goods classes this detector weighs, sorted.
func weighedClasses() []string {
	out := make([]string, 0, len(classWeight))
	for c := range classWeight {
		out = append(out, c)
	}
	sort.Strings(out)
	return out
}

// weighsAny reports whether a text's readings include a class this detector weighs.
func weighsAny(cs []TextClass) bool {
	for _, tc := range cs {
		if _, ok := classWeight[tc.Class]; ok && tc.Military {
			return true
		}
	}
	return false
}

// textHits classifies, on every core, the text of the shipments to watched destinations not yet seen, and
// returns those that read as goods this detector weighs.
func (m Military) textHits(ctx context.Context, src Source, seen map[trade.ShipmentID]bool) ([]trade.ShipmentID, error) {
	parts := make([][]trade.ShipmentID, runtime.GOMAXPROCS(0))
	err := par.Batches(ctx, 1024, len(parts), func(emit func(*Text) error) error {
		return src.ScanText(ctx, Filter{Countries: watched}, func(t *Text) error {
			if seen[t.ID] {
				return nil
			}
			return emit(t)
		})
	}, func(w int, batch []Text) {
		for i := range batch {
			if weighsAny(m.Classify(&batch[i])) {
				parts[w] = append(parts[w], batch[i].ID)
			}
		}
	})
	if err != nil {
		return nil, err
	}
	return slices.Concat(parts...), nil
}

// add puts a shipment into its group, if it counts, given what its text reads as.
func (m Military) add(groups map[string]*milGroup, s *trade.Shipment, tcs []TextClass) {
	if !country.IsSanctionedDestination(s.Destination) && !country.IsSanctionedDestination(s.Consignee.Country) {
		return
	}
	class, label, w, why := strongest(s, tcs)
	if w == 0 {
		return
	}
	k := partyKey(s.Shipper) + "|" + partyKey(s.Consignee) + "|" + class + "|" + s.Date.Format("2006-01")
	g := groups[k]
	if g == nil {
		g = &milGroup{key: k, class: class, label: label, month: s.Date.Format("2006-01")}
		groups[k] = g
	}
	// The store gives rows in no particular order: the group shows its lowest-id line, so that re-runs agree.
	if len(g.ids) == 0 || s.ID < g.first {
		g.first, g.shipper, g.consignee, g.sample, g.sampleRecord = s.ID, s.Shipper, s.Consignee, s.Description, s.RecordID
	}
	if w > g.weight {
		g.weight = w
	}
	for _, y := range why {
		g.why.add(y)
	}
	g.ids = append(g.ids, s.ID)
	g.records = append(g.records, s.RecordID)
	g.amounts = append(g.amounts, milAmount{id: s.ID, value: s.ValueUSD.Or(0), weight: s.Weight().Or(0), quantity: s.Quantity.Or(0)})
	if s.Quantity.Valid {
		g.units.add(s.Unit)
	}
	if s.Dispatch != country.Unknown && country.IsHub(s.Dispatch) && s.Dispatch != s.Origin {
		g.hubs.add(s.Dispatch)
	}
	if s.Origin != country.Unknown {
		g.origins.add(s.Origin)
	}
	g.hsCodes.add(s.HS)
}

// watchedPrefixes are the HS prefixes of every class rule this detector weighs, and the CHPL codes: the store
// returns only shipments under them.
func watchedPrefixes() []string {
	seen := map[string]bool{}
	var out []string
	add := func(c hs.Code) {
		if !seen[string(c)] {
			seen[string(c)] = true
			out = append(out, string(c))
		}
	}
	for _, r := range hs.Rules() {
		if _, ok := classWeight[r.ID]; ok && r.Weight >= 0.5 {
			add(r.Prefix)
		}
	}
	for _, c := range hs.CHPLCodes() {
		add(c)
	}
	return out
}

// CodeWeight is how much the goods an HS code names matter when they reach a watched or listed party, as this
// detector weighs them (0 for ordinary goods), with the class or CHPL tier that sets it; chpl reports that the
// code is only on the Common High Priority List (dual-use goods), not of a controlled class.
func CodeWeight(c hs.Code) (label string, w float64, chpl bool) {
	codeReadings(c, func(class, l string, cw float64, _ func() string) {
		if cw > w {
			label, w, chpl = l, cw, strings.HasPrefix(class, "chpl.")
		}
	})
	return label, w, chpl
}

// codeReadings calls fn for what an HS code itself says of its goods, as this detector weighs it: each
// controlled class the code names, then its CHPL tier, with why (a sentence, made only when asked for).
func codeReadings(c hs.Code, fn func(class, label string, w float64, why func() string)) {
	if c == "" {
		return
	}
	for _, cm := range hs.ReadClasses(c) {
		if cw, ok := classWeight[cm.ID]; ok && cm.Weight >= 0.5 {
			fn(cm.ID, cm.Name, cw*cm.Weight, func() string { return fmt.Sprintf("HS %s is %s (rule %s)", c, cm.Name, cm.Prefix) })
		}
	}
	if t, ok := hs.CHPL(c); ok {
		fn("chpl."+string(t), "CHPL tier "+string(t), chplWeight[string(t)], func() string {
			return fmt.Sprintf("HS %s is on the Common High Priority List, tier %s", c, t)
		})
	}
}

// strongest returns the most serious reading of a shipment: its HS code's classes and CHPL tier, and what its
// text reads as.
func strongest(s *trade.Shipment, tcs []TextClass) (class, label string, w float64, why []string) {
	consider := func(c, l string, cw float64, reason string) {
		if cw > w {
			class, label, w = c, l, cw
		}
		why = append(why, reason)
	}
	codeReadings(s.HS, func(c, l string, cw float64, why func() string) { consider(c, l, cw, why()) })
	for _, tc := range tcs {
		if cw, ok := classWeight[tc.Class]; ok && tc.Military {
			label := tc.Class
			if info, ok := hs.Class(tc.Class); ok {
				label = info.Name
			}
			consider(tc.Class, label, cw*tc.Weight, fmt.Sprintf("the description reads as %s (%s)", label, tc.Evidence))
		}
	}
	return class, label, w, why
}

// merge adds the lines of o, a group of the same key, to g, as if m.add had put them in g.
func (g *milGroup) merge(o *milGroup) {
	if o.first < g.first {
		g.first, g.shipper, g.consignee, g.sample, g.sampleRecord = o.first, o.shipper, o.consignee, o.sample, o.sampleRecord
	}
	g.weight = max(g.weight, o.weight)
	for _, y := range o.why {
		g.why.add(y)
	}
	g.ids = append(g.ids, o.ids...)
	g.records = append(g.records, o.records...)
	g.amounts = append(g.amounts, o.amounts...)
	for _, u := range o.units {
		g.units.add(u)
	}
	for _, h := range o.hubs {
		g.hubs.add(h)
	}
	for _, c := range o.origins {
		g.origins.add(c)
	}
	for _, c := range o.hsCodes {
		g.hsCodes.add(c)
	}
}

// milAmount is one line's figures, or a group's total of them.
type milAmount struct {
	id                      trade.ShipmentID
	value, weight, quantity float64
}

// total adds up the group's lines in id order: the store gives them in no particular order, and a sum of
// floating-point numbers in another order can differ in its last digits, and a re-run's findings with it.
func (g *milGroup) total() milAmount {
	slices.SortFunc(g.amounts, func(a, b milAmount) int { return cmp.Compare(a.id, b.id) })
	var t milAmount
	for _, a := range g.amounts {
		t.value += a.value
		t.weight += a.weight
		t.quantity += a.quantity
	}
	return t
}

func (g *milGroup) finding() trade.Finding {
	t := g.total()
	// Half the score is what the goods are, half how much of them moved: a few kilograms of hunting cartridges
	// are not a thousand rifles. Volume runs on a log scale from $1k (nothing) to $10M (all).
	vol := math.Max(0, math.Min(1, (math.Log10(1+t.value)-3)/4))
	score := g.weight * (0.5 + 0.5*vol)
	if len(g.hubs) > 0 {
		score += 0.03
	}
	score = math.Min(0.99, score)
	to := country.Name(g.consignee.Country)
	if to == "" {
		to = "Russia/Belarus"
	}
	qty := ""
	if t.quantity > 0 && !g.units.has("KG") {
		qty = fmt.Sprintf("%s %s, ", FormatNumber(t.quantity), strings.Join(g.units.sorted(), "/"))
	}
	title := fmt.Sprintf("%s to %s: %s → %s, %s (%s%s kg, $%s)", g.label, to, PartyLabel(g.shipper), PartyLabel(g.consignee),
		g.month, qty, FormatNumber(t.weight), FormatNumber(t.value))
	var route []string
	for _, h := range g.hubs {
		route = append(route, country.Name(h))
	}
	sort.Strings(route)
	why := g.why.sorted()
	if len(why) > 6 {
		why = append(why[:6], fmt.Sprintf("and %d more", len(why)-6))
	}
	expl := fmt.Sprintf("%d line(s) of %s shipped to %s in %s. %s.", len(g.ids), g.label, to, g.month, strings.Join(why, "; "))
	if len(route) > 0 {
		expl += " Dispatched through " + strings.Join(route, ", ") + ", a transshipment hub."
	}
	ev := make([]trade.Evidence, 0, 8)
	ev = append(ev, []trade.Evidence{
		{Label: "goods class", Value: g.label},
		{Label: "HS codes", Value: strings.Join(g.hsCodes.sorted(), ", ")},
		{Label: "lines", Value: fmt.Sprint(len(g.ids))},
		{Label: "value (USD)", Value: FormatNumber(t.value)},
		{Label: "weight (kg)", Value: FormatNumber(t.weight)},
		{Label: "description", Value: g.sample, RecordID: g.sampleRecord},
	}...)
	if len(route) > 0 {
		ev = append(ev, trade.Evidence{Label: "dispatched through", Value: strings.Join(route, ", ")})
	}
	if len(g.origins) > 0 {
		ev = append(ev, trade.Evidence{Label: "origin", Value: strings.Join(g.origins.sorted(), ", ")})
	}
	slices.Sort(g.ids)
	slices.Sort(g.records)
	return trade.Finding{
		Key:         "military_goods|" + g.key,
		Score:       math.Round(score*1000) / 1000,
		Title:       title,
		Explanation: expl,
		Parties: []trade.FindingParty{
			{Name: PartyLabel(g.shipper), Role: trade.Shipper.String(), Country: string(g.shipper.Country), ID: g.shipper.ID},
			{Name: PartyLabel(g.consignee), Role: trade.Consignee.String(), Country: string(g.consignee.Country), ID: g.consignee.ID},
		},
		Shipments:   g.records,
		ShipmentIDs: g.ids,
		Evidence:    ev,
		ValueUSD:    t.value,
		WeightKg:    t.weight,
	}
}

// partyKey groups appearances of one party before names are resolved: its identifier, else its name.
func partyKey(p trade.Party) string {
	if p.ID != "" {
		return "id:" + p.ID
	}
	return "name:" + strings.ToUpper(strings.TrimSpace(p.DisplayName()))
}

// PartyLabel names a party as findings show it: the name as written, its English rendering in brackets when
// the data has one, "unknown" when there is no name.
func PartyLabel(p trade.Party) string {
	n := p.DisplayName()
	if p.NameEn != "" && p.Name != "" && p.NameEn != p.Name {
		n += " (" + p.NameEn + ")"
	}
	if n == "" {
		return "unknown"
	}
	return n
}

// smallSet is a set of a few strings, kept as a slice: a detector holding hundreds of thousands of groups pays
// for a map in each several times over.
type smallSet[K ~string] []K

func (s *smallSet[K]) add(k K) {
	if !s.has(k) {
		*s = append(*s, k)
	}
}

func (s smallSet[K]) has(k K) bool {
	for _, x := range s {
		if x == k {
			return true
		}
	}
	return false
}

// sorted returns the non-empty members, sorted, as SortedKeys does for a map.
func (s smallSet[K]) sorted() []string {
	out := make([]string, 0, len(s))
	for _, k := range s {
		if k != "" {
			out = append(out, string(k))
		}
	}
	sort.Strings(out)
	return out
}

// SortedKeys returns the non-empty keys of a set, sorted: evidence lists that read the same on every run.
func SortedKeys[K ~string](m map[K]bool) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		if k != "" {
			out = append(out, string(k))
		}
	}
	sort.Strings(out)
	return out
}

// FormatNumber writes a number with thousands separators and no more precision than a reader needs, as
// findings' titles and evidence show figures.
func FormatNumber(v float64) string {
	neg := v < 0
	v = math.Abs(v)
	prec := 2
	if v >= 100 || v == math.Trunc(v) {
		prec = 0
	}
	var digits [32]byte
	s := strconv.AppendFloat(digits[:0], v, 'f', prec, 64)
	whole := bytes.IndexByte(s, '.')
	if whole < 0 {
		whole = len(s)
	}
	out := make([]byte, 0, 1+len(s)+whole/3)
	if neg {
		out = append(out, '-')
	}
	for i := range whole {
		if i > 0 && (whole-i)%3 == 0 {
			out = append(out, ',')
		}
		out = append(out, s[i])
	}
	return string(append(out, s[whole:]...))
}
