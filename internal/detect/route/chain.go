package route

import (
	"context"
	"fmt"
	"math"
	"runtime"
	"slices"
	"sort"
	"strings"
	"time"

	"tradetrace/internal/country"
	"tradetrace/internal/detect"
	"tradetrace/internal/detect/route/decl"
	"tradetrace/internal/names"
	"tradetrace/internal/par"
	"tradetrace/internal/trade"
)

// Chain links the two sides of a transshipment: a line that brings controlled goods to a company in a hub
// (the maker's export, or the hub's import) and a later line in which the same company sells the same goods
// to a buyer in Russia or Belarus (the hub's export, or Russia's import). Goods are the same when their HS
// codes agree and their brand, quantity and weight agree within tolerance; the sale must follow the purchase
// within Window. A chain may run through two hubs. One finding groups the links of one hub company (or pair
// of hub companies) and buyer, each link with its confidence and both records.
type Chain struct {
	// Lines answers queries; nil reads through the detector's Source.
	Lines decl.Lines
	// Window is the longest time between purchase and sale; 0 means 120 days.
	Window time.Duration
	// MinConfidence is the confidence a link needs; 0 means 0.7.
	MinConfidence float64
}

// Name implements detect.Detector.
func (Chain) Name() string { return "transshipment_chain" }

// Version implements detect.Detector. 2: hub company names are compared only when they share a blocking key of
// the name engine (different companies that share a trade word, EGE ~ ANKA ELEKTRONIK, no longer link).
func (Chain) Version() string { return "2" }

// leg is one movement of goods between two companies, seen in one line or in the mirror lines of both
// customs services.
type leg struct {
	lines        []*trade.Shipment // the first is the one the leg is read from
	reading      decl.Reading
	sKeys, cKeys []int32  // keys of the shipper and the consignee (decl.Keyer), interned
	sName, cName [2]int32 // names of the shipper and the consignee (name, English name), interned
}

func (l *leg) s() *trade.Shipment { return l.lines[0] }

// link is a purchase (in) matched to a sale (out).
type link struct {
	in, out    *leg
	confidence float64
	why        []string
	partial    bool // the sale takes part of the purchase
}

// Shares implements detect.Sharer: the chains' sales are the transshipment detector's hub sales (hubSales).
func (c Chain) Shares() []string { return hubSalesShares(c.Lines) }

// Detect implements detect.Detector.
func (c Chain) Detect(ctx context.Context, src detect.Source) ([]trade.Finding, error) {
	window := c.Window
	if window == 0 {
		window = 120 * 24 * time.Hour
	}
	minConf := c.MinConfidence
	if minConf == 0 {
		minConf = 0.7
	}
	hubs := decl.Hubs()
	// Sales: controlled goods made elsewhere, sold by a company in a hub to Russia or Belarus.
	sold, outR, err := hubSales(ctx, c.Lines, src, byHubCompany)
	if err != nil {
		return nil, fmt.Errorf("chains: sales: %w", err)
	}
	if len(sold) == 0 {
		return nil, nil
	}
	// The sales are the transshipment detector's too: the chains keep lean copies.
	var kept shelf
	outs := make([]*trade.Shipment, len(sold))
	for i, s := range sold {
		outs[i] = kept.keep(s)
		lean(outs[i])
	}
	lines := c.Lines
	if lines == nil {
		lines = decl.LinesOf(src)
	}
	// Purchases: lines to companies in hubs, of the codes sold, in the windows before the sales (two windows,
	// for chains through two hubs).
	hs6 := map[string]bool{}
	from, until := outs[0].Date, outs[0].Date
	for _, s := range outs {
		if len(s.HS) >= 6 {
			hs6[string(s.HS[:6])] = true
		}
		from, until = minTime(from, s.Date), maxTime(until, s.Date)
	}
	var ins []*trade.Shipment
	var inR []decl.Reading
	if len(hs6) > 0 {
		// The goods were judged on the sale side: a purchase need only be of the same HS-6, so its text is
		// not read.
		err = lines.ScanLines(ctx, decl.Query{ConsigneeIn: hubs, HSPrefixes: decl.Sorted(hs6),
			From: from.Add(-2 * window), Until: until, NoText: true}, func(s *trade.Shipment) error {
			ins = append(ins, kept.keep(s))
			return nil
		})
		sort.Slice(ins, func(i, j int) bool { return ins[i].ID < ins[j].ID })
		inR = make([]decl.Reading, len(ins))
		if err != nil {
			return nil, fmt.Errorf("chains: purchases: %w", err)
		}
	}
	ins = relevant(outs, ins)
	keys := decl.NewKeyer()
	var parties []trade.Party
	for _, set := range [][]*trade.Shipment{outs, ins} {
		for _, s := range set {
			parties = append(parties, s.Shipper, s.Consignee)
		}
	}
	if _, err := keys.Warm(ctx, decl.MemoOf(src), parties); err != nil {
		return nil, fmt.Errorf("chains: %w", err)
	}
	for _, set := range [][]*trade.Shipment{outs, ins} {
		for _, s := range set {
			keys.Learn(&s.Shipper)
			keys.Learn(&s.Consignee)
		}
	}
	m := matcher{keys: keys, window: window, minConf: minConf, byGoods: map[goodsAt]*bucket{}, ids: map[string]int32{}}
	outLegs := m.mergeMirrors(outs, outR)
	inLegs := m.mergeMirrors(ins, inR)
	for _, l := range inLegs {
		if s := l.s(); len(s.HS) >= 6 {
			k := goodsAt{string(s.HS[:6]), decl.ConsigneeCountry(s)}
			b := m.byGoods[k]
			if b == nil {
				b = &bucket{}
				m.byGoods[k] = b
			}
			b.legs = append(b.legs, l)
		}
	}
	for _, b := range m.byGoods {
		b.sort()
	}
	links := m.assign(outLegs)
	// A purchase by a hub company from a company in another hub may itself be a sale through the first hub.
	var firstLegs []*leg
	for _, l := range links {
		if s := l.in.s(); country.IsHub(s.Shipper.Country) && s.Shipper.Country != decl.ConsigneeCountry(s) {
			firstLegs = append(firstLegs, l.in)
		}
	}
	upstream := map[*leg]*link{}
	for _, l := range m.assign(firstLegs) {
		upstream[l.out] = l
	}
	return chainFindings(keys, links, upstream), nil
}

// lean lets go of what a chain does not read or cite of a line (its description, addresses, maker, declaration
// number): a 10M-line store gives some 600k lines of both sides, and their text doubled the heap.
func lean(s *trade.Shipment) {
	s.Description, s.DescriptionEn, s.Manufacturer, s.DeclarationNo = "", "", "", ""
	s.Shipper.Address, s.Shipper.AddressEn, s.Consignee.Address, s.Consignee.AddressEn = "", "", "", ""
}

func minTime(a, b time.Time) time.Time {
	if b.Before(a) {
		return b
	}
	return a
}

func maxTime(a, b time.Time) time.Time {
	if b.After(a) {
		return b
	}
	return a
}

// goodsAt is an HS-6 code in a country.
type goodsAt struct {
	hs6 string
	c   country.Code
}

// relevant keeps the purchases that can be part of a chain: of goods sold from the buyer's country, or bought
// by a company in a hub from a company in another hub that itself bought goods sold on (two hubs).
func relevant(outs, ins []*trade.Shipment) []*trade.Shipment {
	want := map[goodsAt]bool{}
	for _, s := range outs {
		if len(s.HS) >= 6 {
			want[goodsAt{string(s.HS[:6]), s.Shipper.Country}] = true
		}
	}
	first := map[goodsAt]bool{}
	for _, s := range ins {
		if len(s.HS) >= 6 && want[goodsAt{string(s.HS[:6]), decl.ConsigneeCountry(s)}] && country.IsHub(s.Shipper.Country) {
			first[goodsAt{string(s.HS[:6]), s.Shipper.Country}] = true
		}
	}
	out := ins[:0]
	for _, s := range ins {
		if len(s.HS) < 6 {
			continue
		}
		if k := (goodsAt{string(s.HS[:6]), decl.ConsigneeCountry(s)}); want[k] || first[k] {
			out = append(out, s)
		}
	}
	return out
}

// mergeMirrors makes legs of lines, joining the lines in which the two customs services report one movement:
// same shipper (by key, or by the name engine), HS-6, quantity and weight, consignees in the same country,
// different reporters, within three weeks. The consignee's name is left out: the two sides often spell it
// differently.
func (m *matcher) mergeMirrors(ls []*trade.Shipment, rs []decl.Reading) []*leg {
	type mk struct {
		s, c, hs6 string
		qty       float64
	}
	// The parties' keys are made on every core first: made here, line by line, they kept one core busy.
	ps := make([]*trade.Party, 0, 2*len(ls))
	for _, s := range ls {
		ps = append(ps, &s.Shipper, &s.Consignee)
	}
	keys := m.keys.KeysEach(ps)
	byKey := map[mk][]*leg{}
	var out []*leg
	for i := range ls {
		s := ls[i]
		k := mk{s: string(s.Shipper.Country), c: string(decl.ConsigneeCountry(s)), qty: math.Round(s.Quantity.Or(-1))}
		if len(s.HS) >= 6 {
			k.hs6 = string(s.HS[:6])
		}
		sKeys, sName := m.internAll(keys[2*i]), m.namesOf(&s.Shipper)
		merged := false
		for _, l := range byKey[k] {
			f := l.s()
			if w, ok := ratio(f.Weight(), s.Weight()); f.Reporter != s.Reporter && absDays(f.Date, s.Date) <= 21 && len(l.lines) == 1 &&
				(!ok || w >= 0.97) && (shareKey(l.sKeys, sKeys) || m.compare(l.sName, sName) >= 0.6) {
				l.lines = append(l.lines, s)
				merged = true
				break
			}
		}
		if merged {
			continue
		}
		l := &leg{lines: []*trade.Shipment{s}, reading: rs[i], sKeys: sKeys, cKeys: m.internAll(keys[2*i+1]), sName: sName,
			cName: m.namesOf(&s.Consignee)}
		byKey[k] = append(byKey[k], l)
		out = append(out, l)
	}
	return out
}

// shareKey reports whether two parties have a key in common.
func shareKey(a, b []int32) bool {
	for _, x := range a {
		if slices.Contains(b, x) {
			return true
		}
	}
	return false
}

// intern returns the number of a string, "" being -1.
func (m *matcher) intern(s string) int32 {
	if s == "" {
		return -1
	}
	id, ok := m.ids[s]
	if !ok {
		id = int32(len(m.strs))
		m.ids[s] = id
		m.strs = append(m.strs, s)
	}
	return id
}

// internAll returns a party's keys, interned.
func (m *matcher) internAll(ks []string) []int32 {
	out := make([]int32, len(ks))
	for i, k := range ks {
		out[i] = m.intern(k)
	}
	return out
}

// namesOf returns a party's name and English name, interned.
func (m *matcher) namesOf(p *trade.Party) [2]int32 {
	return [2]int32{m.intern(p.Name), m.intern(p.NameEn)}
}

func absDays(a, b time.Time) float64 { return math.Abs(a.Sub(b).Hours() / 24) }

type matcher struct {
	keys    *decl.Keyer
	window  time.Duration
	minConf float64
	byGoods map[goodsAt]*bucket // purchases by goods and buyer's country
	ids     map[string]int32    // interned keys and names
	strs    []string
	names   map[int32]*preparedName
	pairs   map[[4]int32]float64 // compare's scores: a hub company's lines meet the same names again and again
}

// bucket is the purchases of one good in one country in date order, with what the goods test reads of each laid
// out side by side: a sale meets every purchase of its window there (18M pairs on 10M lines), and most fail on
// quantity and weight alone.
type bucket struct {
	legs     []*leg
	days     []float64 // days since the epoch
	qty, wgt []trade.Num
}

func (b *bucket) sort() {
	sort.SliceStable(b.legs, func(i, j int) bool { return b.legs[i].s().Date.Before(b.legs[j].s().Date) })
	b.days = make([]float64, len(b.legs))
	b.qty = make([]trade.Num, len(b.legs))
	b.wgt = make([]trade.Num, len(b.legs))
	for i, l := range b.legs {
		s := l.s()
		b.days[i], b.qty[i], b.wgt[i] = days(s.Date), s.Quantity, s.Weight()
	}
}

func days(t time.Time) float64 { return float64(t.Unix()) / 86400 }

// preparedName is a name ready for the name engine, with its blocking keys, interned.
type preparedName struct {
	n    names.Name
	keys []int32
}

// assign matches each sale to at most one purchase and each purchase to at most one sale, best links first.
//
// The pairs are scored on every core: the names they compare (the sellers of outs, the buyers of the purchases
// in their windows) are prepared first, so that scoring only reads the matcher, and each goroutine keeps its
// own cache of name scores. The candidates are then put in one order, whatever goroutine found them.
func (m *matcher) assign(outs []*leg) []*link {
	need := make([]bool, len(m.strs)) // by name number: compared by some pair
	m.eachPair(outs, func(in, out *leg) {
		if !shareKey(in.cKeys, out.sKeys) { // as score: parties that share no key are compared by name
			for _, id := range [...]int32{in.cName[0], in.cName[1], out.sName[0], out.sName[1]} {
				if id >= 0 {
					need[id] = true
				}
			}
		}
	})
	var ids []int32
	for id, ok := range need {
		if ok {
			ids = append(ids, int32(id))
		}
	}
	m.prepare(ids)
	workers := runtime.GOMAXPROCS(0)
	found := make([][]*link, workers)
	par.For(workers, workers, func(w int) {
		pairs := map[[4]int32]float64{}
		var mine []*leg
		for i := w; i < len(outs); i += workers {
			mine = append(mine, outs[i])
		}
		m.eachPair(mine, func(in, out *leg) {
			if l := m.score(pairs, in, out); l != nil && l.confidence >= m.minConf {
				found[w] = append(found[w], l)
			}
		})
	})
	var cands []*link
	for _, f := range found {
		cands = append(cands, f...)
	}
	sort.Slice(cands, func(i, j int) bool {
		a, b := cands[i], cands[j]
		if a.confidence != b.confidence {
			return a.confidence > b.confidence
		}
		if a.out.s().ID != b.out.s().ID {
			return a.out.s().ID < b.out.s().ID
		}
		return a.in.s().ID < b.in.s().ID
	})
	// What is left of each purchase: a whole match takes it all, a partial one its quantity; a partial sale may
	// take the last of a purchase and more (the rest from another lot of the same goods).
	left := map[*leg]float64{}
	usedOut := map[*leg]bool{}
	var out []*link
	for _, l := range cands {
		rest, seen := left[l.in]
		if !seen {
			rest = l.in.s().Quantity.Or(0)
		}
		if usedOut[l.out] || seen && (!l.partial || rest <= 0) {
			continue
		}
		if l.partial {
			left[l.in] = rest - l.out.s().Quantity.Or(0)
		} else {
			left[l.in] = 0
		}
		usedOut[l.out] = true
		out = append(out, l)
	}
	return out
}

// eachPair calls fn with each sale of outs and each purchase of the goods in the seller's country, in the window
// before the sale, whose amounts agree with it (goodsAgree).
func (m *matcher) eachPair(outs []*leg, fn func(in, out *leg)) {
	for _, o := range outs {
		os := o.s()
		if len(os.HS) < 6 {
			continue
		}
		b := m.byGoods[goodsAt{string(os.HS[:6]), os.Shipper.Country}]
		if b == nil {
			continue
		}
		lo := sort.Search(len(b.legs), func(i int) bool { return !b.legs[i].s().Date.Before(os.Date.Add(-m.window)) })
		until, oq, ow := days(os.Date), os.Quantity, os.Weight()
		for i := lo; i < len(b.legs); i++ {
			if b.days[i] > until {
				break
			}
			if _, _, _, ok := goodsAgree(b.qty[i], b.wgt[i], oq, ow); !ok || b.legs[i] == o {
				continue
			}
			fn(b.legs[i], o)
		}
	}
}

// score rates a purchase and a sale as one flow of goods through one company; nil when they cannot be, or
// when the link is less sure than m.minConf. The reasons are written only for links that are kept: most pairs
// a hub company's lines make are not. Name scores are kept in pairs; the names must have been prepared when
// score runs on several goroutines (see assign).
func (m *matcher) score(pairs map[[4]int32]float64, in, out *leg) *link {
	is, os := in.s(), out.s()
	gap := os.Date.Sub(is.Date)
	if gap < 0 || gap > m.window {
		return nil
	}
	if decl.ConsigneeCountry(is) != os.Shipper.Country {
		return nil
	}
	// The goods: quantity and weight must agree first, which keeps the name comparisons few.
	qty, wt, partial, ok := goodsAgree(is.Quantity, is.Weight(), os.Quantity, os.Weight())
	if !ok {
		return nil
	}
	_, qOK := ratio(is.Quantity, os.Quantity)
	_, wOK := ratio(is.Weight(), os.Weight())
	// The company: the buyer of the purchase is the seller of the sale.
	party := 0.0
	for _, k := range in.cKeys {
		if slices.Contains(out.sKeys, k) {
			if strings.HasPrefix(m.strs[k], "i:") {
				party = 1
			} else {
				party = math.Max(party, 0.9)
			}
		}
	}
	byName := party == 0
	if byName {
		party = m.compareIn(pairs, in.cName, out.sName)
		if party < 0.6 {
			return nil
		}
	}
	hsScore := 0.85
	if is.HS == os.HS {
		hsScore = 1
	}
	brand := 0.7
	ib, ob := strings.ToUpper(strings.TrimSpace(is.Brand)), strings.ToUpper(strings.TrimSpace(os.Brand))
	if ib != "" && ob != "" {
		if ib == ob {
			brand = 1
		} else {
			brand = 0.2
		}
	}
	qs, ws := 0.6, 0.6
	if qOK || partial {
		qs = qty
	}
	if wOK || partial {
		ws = wt
	}
	days := gap.Hours() / 24
	ts := 1.0
	if days > 60 {
		ts = 1 - 0.5*(days-60)/(m.window.Hours()/24-60+1)
	}
	conf := decl.Round3(0.3*party + 0.2*qs + 0.15*ws + 0.15*hsScore + 0.1*ts + 0.1*brand)
	if conf < m.minConf {
		return nil
	}
	var why []string
	if partial {
		why = append(why, fmt.Sprintf("part of the purchase (%s of %s), same weight per unit", decl.Num(os.Quantity.V), decl.Num(is.Quantity.V)))
	}
	switch {
	case byName:
		why = append(why, fmt.Sprintf("hub company names agree (%.2f)", party))
	case party == 1:
		why = append(why, "hub company identifier agrees")
	default:
		why = append(why, "hub company name agrees")
	}
	if hsScore == 1 {
		why = append(why, "same HS code "+string(os.HS))
	} else {
		why = append(why, "same HS-6 "+string(os.HS[:6]))
	}
	if brand == 1 {
		why = append(why, "same brand "+ob)
	}
	if qOK && !partial {
		why = append(why, fmt.Sprintf("quantity %s vs %s", decl.Num(is.Quantity.V), decl.Num(os.Quantity.V)))
	}
	if wOK && !partial {
		why = append(why, fmt.Sprintf("weight %s vs %s kg", decl.Num(is.Weight().V), decl.Num(os.Weight().V)))
	}
	why = append(why, fmt.Sprintf("%.0f days later", days))
	return &link{in: in, out: out, confidence: conf, why: why, partial: partial}
}

// goodsAgree tests the amounts of a purchase (quantity iq, weight iw) and a sale: the quantities agree within 20%
// and the weights within 30%, or the weights within 10% when a quantity is missing; or the sale takes part of
// the purchase (partial) with the same weight per unit within 10%. It returns the two ratios the link is
// scored on: quantity and weight, or 0.6 and the weight per unit for a partial sale.
func goodsAgree(iq, iw, oq, ow trade.Num) (qty, wt float64, partial, ok bool) {
	qty, qOK := ratio(iq, oq)
	wt, wOK := ratio(iw, ow)
	if qOK && qty < 0.8 && oq.V < iq.V && wOK {
		// Part of a purchase sold on: the weight per unit must agree instead of the weight.
		uw, ok := ratio(trade.Num{V: iw.V / iq.V, Valid: true}, trade.Num{V: ow.V / oq.V, Valid: true})
		if !ok || uw < 0.9 {
			return 0, 0, false, false
		}
		return 0.6, uw, true, true
	}
	if !qOK && !wOK || qOK && qty < 0.8 || wOK && wt < 0.7 || !qOK && wt < 0.9 {
		return 0, 0, false, false
	}
	return qty, wt, false, true
}

// ratio is min/max of two amounts, when both are known and positive.
func ratio(a, b trade.Num) (float64, bool) {
	if !a.Valid || !b.Valid || a.V <= 0 || b.V <= 0 {
		return 0, false
	}
	return math.Min(a.V, b.V) / math.Max(a.V, b.V), true
}

// compare scores two appearances of a company with the name engine, by their interned names (namesOf): the
// best of their names.
func (m *matcher) compare(a, b [2]int32) float64 {
	if m.pairs == nil {
		m.pairs = map[[4]int32]float64{}
	}
	return m.compareIn(m.pairs, a, b)
}

// compareIn is compare with its scores kept in pairs. It prepares the names it has not met (see prepare), so
// it writes to the matcher unless every name it meets is prepared.
func (m *matcher) compareIn(pairs map[[4]int32]float64, a, b [2]int32) float64 {
	pair := [4]int32{a[0], a[1], b[0], b[1]}
	if v, ok := pairs[pair]; ok {
		return v
	}
	prep := func(id int32) *preparedName {
		if p := m.names[id]; p != nil {
			return p
		}
		m.prepare([]int32{id})
		return m.names[id]
	}
	best := 0.0
	for _, x := range a {
		for _, y := range b {
			if x < 0 || y < 0 {
				continue
			}
			// Names that share no blocking key are not compared, as screening does not compare them either.
			if px, py := prep(x), prep(y); shareKey(px.keys, py.keys) {
				// the score alone: Compare would build its explanation too (0.9 of 4.4 CPU-s on 10M lines)
				best = math.Max(best, names.CompareWords(px.n, py.n).Value(px.n, py.n))
			}
		}
	}
	pairs[pair] = best
	return best
}

// prepare readies the names ids for the name engine (on every core), with their blocking keys interned, and
// keeps them in m.names; names already there are left as they are.
func (m *matcher) prepare(ids []int32) {
	if m.names == nil {
		m.names = map[int32]*preparedName{}
	}
	var todo []int32
	for _, id := range ids {
		if _, ok := m.names[id]; !ok && id >= 0 {
			m.names[id] = nil
			todo = append(todo, id)
		}
	}
	ns := make([]names.Name, len(todo))
	if len(todo) < 64 {
		for i, id := range todo {
			ns[i] = names.Prepare(m.strs[id], names.Options{Kind: names.KindOrganization})
		}
	} else {
		par.For(len(todo), 0, func(i int) { ns[i] = names.Prepare(m.strs[todo[i]], names.Options{Kind: names.KindOrganization}) })
	}
	for i, id := range todo {
		p := &preparedName{n: ns[i]}
		for _, k := range p.n.Keys() {
			if k := m.intern(k); !slices.Contains(p.keys, k) {
				p.keys = append(p.keys, k)
			}
		}
		m.names[id] = p
	}
}

type chainGroup struct {
	key    string
	links  []*link
	ups    []*link
	hubs   []trade.Party
	buyer  trade.Party
	makers map[string]bool
}

func chainFindings(keys *decl.Keyer, links []*link, upstream map[*leg]*link) []trade.Finding {
	groups := map[string]*chainGroup{}
	for _, l := range links {
		o := l.out.s()
		hubKey := keys.Key(&o.Shipper)
		up := upstream[l.in]
		k := hubKey
		hubs := []trade.Party{o.Shipper}
		if up != nil {
			k = keys.Key(&l.in.s().Shipper) + ">" + hubKey
			hubs = []trade.Party{l.in.s().Shipper, o.Shipper}
		}
		k += "|" + keys.Key(&o.Consignee)
		g := groups[k]
		if g == nil {
			g = &chainGroup{key: k, hubs: hubs, buyer: o.Consignee, makers: map[string]bool{}}
			groups[k] = g
		}
		g.links = append(g.links, l)
		if up != nil {
			g.ups = append(g.ups, up)
			g.makers[decl.Display(up.in.s().Shipper)] = true
		} else {
			g.makers[decl.Display(l.in.s().Shipper)] = true
		}
	}
	out := make([]trade.Finding, 0, len(groups))
	for _, g := range groups {
		out = append(out, g.finding())
	}
	return out
}

func (g *chainGroup) finding() trade.Finding {
	sort.Slice(g.links, func(i, j int) bool { return g.links[i].out.s().ID < g.links[j].out.s().ID })
	sort.Slice(g.ups, func(i, j int) bool { return g.ups[i].out.s().ID < g.ups[j].out.s().ID })
	// The group shows the parties of its earliest sale, so that re-runs agree.
	first := g.links[0].out.s()
	g.hubs[len(g.hubs)-1], g.buyer = first.Shipper, first.Consignee
	ids := map[trade.ShipmentID]string{}
	var ev []trade.Evidence
	var conf, goodsW, value, weight float64
	classes := map[string]bool{}
	addLeg := func(label string, l *leg) {
		for _, s := range l.lines {
			ids[s.ID] = s.RecordID
			ev = append(ev, trade.Evidence{Label: label, RecordID: s.RecordID, Value: fmt.Sprintf("%s %s customs (%s): %s → %s, HS %s %s, %s %s, %s kg, $%s",
				s.Date.Format("2006-01-02"), s.Reporter, s.Direction, decl.Display(s.Shipper), decl.Display(s.Consignee), s.HS, s.Brand,
				decl.Num(s.Quantity.Or(0)), s.Unit, decl.Num(s.Weight().Or(0)), decl.Num(s.ValueUSD.Or(0)))})
		}
	}
	for i, l := range g.links {
		conf += l.confidence
		goodsW = math.Max(goodsW, l.out.reading.Weight)
		classes[l.out.reading.Label] = true
		value += l.out.s().ValueUSD.Or(0)
		weight += l.out.s().Weight().Or(0)
		n := fmt.Sprintf("link %d", i+1)
		ev = append(ev, trade.Evidence{Label: n + " confidence", Value: fmt.Sprintf("%.2f: %s", l.confidence, strings.Join(l.why, "; "))})
		addLeg(n+" purchase", l.in)
		addLeg(n+" sale", l.out)
	}
	for i, l := range g.ups {
		n := fmt.Sprintf("first hub link %d", i+1)
		ev = append(ev, trade.Evidence{Label: n + " confidence", Value: fmt.Sprintf("%.2f: %s", l.confidence, strings.Join(l.why, "; "))})
		addLeg(n+" purchase", l.in)
	}
	conf /= float64(len(g.links))
	// A link's confidence, the goods and how often the pattern repeats: one matched pair may be chance, five
	// are a business.
	rep := decl.Clamp(math.Log2(float64(len(g.links))+1) / 3)
	vol := decl.Clamp((math.Log10(1+value) - 3) / 3)
	score := math.Min(0.99, conf*goodsW*(0.6+0.25*rep+0.15*vol)+0.1*rep)
	var hubNames, route []string
	for _, h := range g.hubs {
		hubNames = append(hubNames, decl.Display(h))
		route = append(route, country.Name(h.Country))
	}
	var recs []string
	var sids []trade.ShipmentID
	for id := range ids {
		sids = append(sids, id)
	}
	sort.Slice(sids, func(i, j int) bool { return sids[i] < sids[j] })
	for _, id := range sids {
		recs = append(recs, ids[id])
	}
	sort.Strings(recs)
	makers := decl.Sorted(g.makers)
	title := fmt.Sprintf("Chain through %s: %s buys %s and sells it on to %s (%d linked lines, %s kg, $%s)",
		strings.Join(route, " and "), strings.Join(hubNames, " → "), strings.Join(decl.Sorted(classes), ", "),
		decl.Display(g.buyer), len(g.links), decl.Num(weight), decl.Num(value))
	expl := fmt.Sprintf("%d purchase(s) of controlled goods by %s from %s are matched to sales of the same goods to %s in %s "+
		"(HS code, brand, quantity and weight agree; the sale follows the purchase). Mean link confidence %.2f.",
		len(g.links), strings.Join(hubNames, " and "), strings.Join(makers, ", "), decl.Display(g.buyer),
		country.Name(g.buyer.Country), conf)
	ev = append([]trade.Evidence{
		{Label: "route", Value: strings.Join(route, " → ") + " → " + country.Name(g.buyer.Country)},
		{Label: "links", Value: fmt.Sprint(len(g.links))},
		{Label: "mean confidence", Value: fmt.Sprintf("%.2f", conf)},
		{Label: "sold (USD)", Value: decl.Num(value)},
		{Label: "sold (kg)", Value: decl.Num(weight)},
	}, ev...)
	parties := []trade.FindingParty{}
	for _, m := range makers {
		parties = append(parties, trade.FindingParty{Name: m, Role: "supplier"})
	}
	for _, h := range g.hubs {
		parties = append(parties, trade.FindingParty{Name: decl.Display(h), Role: "hub company", Country: string(h.Country), ID: h.ID})
	}
	parties = append(parties, trade.FindingParty{Name: decl.Display(g.buyer), Role: "buyer", Country: string(g.buyer.Country), ID: g.buyer.ID})
	return trade.Finding{
		Key:         "transshipment_chain|" + g.key,
		Score:       decl.Round3(score),
		Title:       title,
		Explanation: expl,
		Parties:     parties,
		Shipments:   recs,
		ShipmentIDs: sids,
		Evidence:    ev,
		ValueUSD:    value,
		WeightKg:    weight,
	}
}
