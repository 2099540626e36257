package sample

import (
	"math"
	"strings"
)

// Planted events: the stories of the seed articles written into the data as declarations like any other.
// They are built before the files are written, use the same party and item types, and are written by the
// same writers; only the answer key (planted.json) tells them apart.

type plantEvent struct {
	id, title, article string
	parties            []EventParty
	expected           []Expectation
	decls              []*decl
}

// plantRef marks a planted declaration: its event, its lot (a declaration on the side that reports the
// lot) and a group that some expectations add up separately.
type plantRef struct {
	ev    *plantEvent
	lot   int
	group string
}

// planter builds the events. r draws the details of the declarations; ids draws the identifiers of the
// planted parties from a fixed stream, so that Tekhkrim has the same INN in every sample.
type planter struct {
	r   *rng
	ids *rng
	g   *generator
}

// plantEvents builds every planted event of a run.
func plantEvents(r *rng, g *generator) []*plantEvent {
	p := &planter{r: r, ids: newRNG(0, hashLabel("planted parties")), g: g}
	pt := p.parties()
	return []*plantEvent{
		p.rifles(pt), p.dji(pt), p.armour(pt), p.rosoboronexport(pt), p.mugin(pt), p.bingo(pt),
		p.newBuyers(pt), p.kzChain(pt), p.trChain(pt),
	}
}

// product is a planted commodity with its unit weight and price.
type product struct {
	hs                                 string
	group                              int
	ru, en, tr, zh                     string
	extraRU, extraEN, extraTR, extraZH string
	brand, maker, model                string
	origin                             *country
	unit                               string
	kg, usd                            float64 // per unit
}

// line makes a declaration line of qty units of a product.
func (p *planter) line(pr product, qty float64) item {
	if pr.unit == "" {
		pr.unit = "PCS"
	}
	pr.ru, pr.en, pr.tr = strings.ToUpper(pr.ru), strings.ToUpper(pr.en), trUpper(pr.tr)
	it := item{hs: pr.hs, group: pr.group, ru: pr.ru, en: pr.en, tr: pr.tr, zh: pr.zh,
		extraRU: pr.extraRU, extraEN: pr.extraEN, extraTR: pr.extraTR, extraZH: pr.extraZH,
		brand: pr.brand, maker: pr.maker, model: pr.model, origin: pr.origin, unit: pr.unit, qty: qty,
		hsDesc: p.g.cat.describeHS(pr.hs), hsDescLocal: pr.ru, hsDescTR: pr.tr}
	if g := p.g.cat.goodOf(pr.hs); g != nil {
		it.hsDescLocal, it.hsDescTR = g.ru, g.tr
	}
	it.net = qty * pr.kg
	it.gross = round3(it.net * (1.04 + 0.06*p.r.float()))
	it.valueUSD = round2(qty * pr.usd)
	it.packages = 1 + int(it.gross/p.r.between(15, 60))
	return it
}

// decl makes a planted declaration and adds it to the event. dispatch may be nil: the shipper's country.
func (p *planter) decl(ev *plantEvent, lot int, group string, k Kind, dt day, shipper, consignee *company,
	dispatch *country, items ...item) *decl {
	d := &decl{kind: k, date: dt, broker: -1, items: items, plant: &plantRef{ev, lot, group}}
	d.shipper, d.consignee = newParty(p.r, shipper), newParty(p.r, consignee)
	rep := reporterOf(k)
	if dispatch == nil {
		dispatch = shipper.country
	}
	if isExport(k) {
		d.dispatch, d.dest, d.trading = rep, consignee.country, rep
	} else {
		d.dispatch, d.dest, d.trading = dispatch, rep, shipper.country
	}
	finishDecl(p.r, p.g, d)
	ev.decls = append(ev.decls, d)
	return d
}

// scaled copies lines with their values multiplied by f: the same goods valued on the other side of the
// border (free on board when exported, with freight and insurance when imported).
func scaled(items []item, f float64) []item {
	out := make([]item, len(items))
	copy(out, items)
	for i := range out {
		out[i].valueUSD = round2(out[i].valueUSD * f)
	}
	return out
}

// split divides total units into n lots of uneven size that add up exactly.
func (p *planter) split(total, n int) []float64 {
	ws := make([]float64, n)
	for i := range ws {
		ws[i] = p.r.between(0.6, 1.4)
	}
	parts := apportion(int64(total), ws)
	out := make([]float64, n)
	for i, v := range parts {
		out[i] = float64(v)
	}
	return out
}

// roundTo rounds a quantity to a multiple of step, at least step.
func roundTo(v, step float64) float64 { return math.Max(step, math.Round(v/step)*step) }

// special makes a planted party. names or latin may be nil when the party has one script only.
func special(c *country, id string, names, latin []string, addr, addrEn, city, stem string) *company {
	if names == nil {
		names = latin
	}
	if latin == nil {
		latin = names
	}
	if addr == "" {
		addr = addrEn
	}
	return &company{country: c, id: id, names: names, latin: latin, addr: addr, addrEn: addrEn, city: city,
		stem: stem, groups: []int{gElec}, last: numMonths - 1}
}

// ruOrg makes a planted Russian organisation named the ordinary way.
func (p *planter) ruOrg(f ruForm, stem, en string, region int) *company {
	rg := ruRegions[region]
	c := &company{country: cc("RU"), groups: []int{gElec}, last: numMonths - 1, stem: en}
	c.addr, c.addrEn = ruAddress(p.ids, rg)
	c.city = translit(rg.cities[0][len("Г. "):], tlBGN)
	c.names, c.latin = orgVariants(p.ids, f, stem, en, c.addrEn)
	c.id = makeINN(p.ids, rg.inn+padN(10+p.ids.intn(40), 2), false)
	return c
}

func partyOf(role string, c *company) EventParty {
	vs := dedupe(append(append([]string{}, c.names...), c.latin...))
	return EventParty{Role: role, Name: c.latin[0], Variants: vs, ID: c.id, Country: c.country.code}
}
