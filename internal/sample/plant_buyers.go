package sample

// Targets for the official red flags: Russian importers first seen after 24 February 2022 that buy
// high-priority goods in volume through hubs, and hub companies that import western chips and sell the
// same goods to Russia weeks later.

// chpl is a high-priority item of the kinds the new buyers import.
type chpl struct {
	hs, brand, model, origin string
	kg, usd                  float64
	qtyLo, qtyHi             float64
}

var chplGoods = []chpl{
	{"8542310001", "TEXAS INSTRUMENTS", "TMS320F28335PGFA", "MY", 0.002, 23, 2000, 12000},
	{"8542310001", "STMICROELECTRONICS", "STM32F407VGT6", "MY", 0.001, 8.5, 5000, 40000},
	{"8542390010", "XILINX", "XC7A100T-2FGG484I", "TW", 0.008, 180, 200, 2000},
	{"8542390010", "ANALOG DEVICES", "ADUM1401BRWZ", "PH", 0.001, 6.2, 3000, 30000},
	{"8542320000", "MICRON", "MT40A512M16LY-062E", "TW", 0.001, 7.5, 5000, 50000},
	{"8542320000", "SAMSUNG SEMICONDUCTOR", "K4A8G165WC-BCTD", "KR", 0.001, 6.8, 5000, 50000},
	{"8542330000", "TEXAS INSTRUMENTS", "OPA2188AIDR", "MY", 0.0005, 2.1, 10000, 80000},
	{"8536690008", "TE CONNECTIVITY", "1-1437290-4", "CN", 0.01, 3.5, 5000, 40000},
	{"8536690008", "AMPHENOL", "D38999/26WD35PN", "US", 0.05, 45, 500, 4000},
	{"8541290000", "INFINEON", "IPW60R045CFD7", "MY", 0.006, 9, 2000, 20000},
	{"8517620009", "CISCO", "C9300-48P-A", "MX", 8, 6500, 10, 80},
	{"8471500000", "SUPERMICRO", "SYS-2029U-TNR", "US", 28, 9800, 5, 40},
}

// chplLine makes a line of a high-priority item, described the way the catalogue describes its code.
func (p *planter) chplLine(c chpl, qty float64) item {
	g := p.g.cat.goodOf(c.hs)
	pr := product{hs: c.hs, group: g.group, ru: g.ru, en: g.en, tr: g.tr, zh: g.zh, brand: c.brand, model: c.model,
		origin: cc(c.origin), kg: c.kg, usd: c.usd}
	if b := p.g.cat.brandByName[c.brand]; b != nil {
		pr.brand, pr.maker = b.label, b.maker
	}
	return p.line(pr, qty)
}

// chplLines draws n lines from the items with the given indexes.
func (p *planter) chplLines(n int, from []int) []item {
	out := make([]item, 0, n)
	used := map[int]bool{}
	for len(out) < n {
		i := from[p.r.intn(len(from))]
		if used[i] && len(used) < len(from) {
			continue
		}
		used[i] = true
		c := chplGoods[i]
		out = append(out, p.chplLine(c, roundTo(p.r.logBetween(c.qtyLo, c.qtyHi), 10)))
	}
	return out
}

// spread returns n dates from a month to another, in order, on working-looking days.
func (p *planter) spread(n int, from, to int) []day {
	out := make([]day, n)
	span := to - from + 1
	for i := range out {
		m := from + i*span/n
		y, mo := monthOf(m)
		out[i] = day{y, mo, 2 + p.r.intn(26)}
	}
	return out
}

func (p *planter) newBuyers(pt *plantParties) *plantEvent {
	ev := &plantEvent{id: "new-buyers-chpl", title: "New Russian importers of high-priority goods through Hong Kong, Kazakhstan, Armenia and Kyrgyzstan",
		article: "Red flags of the Five Eyes / G7 guidance (2023): importers first seen after 24 February 2022 that buy " +
			"Common High Priority List items (chips, connectors, network equipment) in volume through transshipment hubs. Invented targets."}
	buyers := []struct {
		co        *company
		group     string
		sup       []*company
		lots      int
		from, to  int
		goods     []int
		lines     int
		firstSeen string
	}{
		{pt.mikrotech, "microtech", pt.hkSuppliers, 14, 16, 35, []int{0, 1, 2, 3, 4, 5, 6}, 3, "2022-05"},
		{pt.elecom, "elecom", []*company{pt.kzSuppliers[0], pt.amKgSup[0]}, 10, 17, 34, []int{7, 8, 9, 0, 3}, 2, "2022-06"},
		{pt.golubev, "golubev", pt.amKgSup, 8, 20, 35, []int{10, 11, 2, 4}, 2, "2022-09"},
	}
	for _, b := range buyers {
		for i, dt := range p.spread(b.lots, b.from, b.to) {
			sup := b.sup[i%len(b.sup)]
			p.decl(ev, i+1, b.group, RUImport, dt, sup, b.co, nil, p.chplLines(1+p.r.intn(b.lines), b.goods)...)
		}
		ev.parties = append(ev.parties, partyOf("importer", b.co))
		ev.expected = append(ev.expected, Expectation{What: "imports of high-priority goods by " + b.co.latin[0] +
			", first seen " + b.firstSeen, FileKind: "ru_import", Group: b.group, Lots: b.lots,
			Months: b.firstSeen + "..2023-12", Tolerance: 0})
	}
	for _, s := range append(append(append([]*company{}, pt.hkSuppliers...), pt.kzSuppliers...), pt.amKgSup...) {
		ev.parties = append(ev.parties, partyOf("hub supplier", s))
	}
	return ev
}

// westernSupplier picks an ordinary distributor in a western country for the hub chains.
func (p *planter) westernSupplier(month int) *company {
	c := []string{"DE", "NL", "US", "GB", "IT"}[p.r.intn(5)]
	return p.g.u.pick(p.r, cc(c), month, gElec)
}

func (p *planter) kzChain(pt *plantParties) *plantEvent {
	ev := &plantEvent{id: "kz-hub-chain", title: "A Kazakh company imports western chips and sells the same goods to Russia weeks later",
		article: "Transshipment through Kazakhstan: a hub company imports high-priority goods from the EU and the US and " +
			"re-exports them to Russia (the import-then-re-export pattern of the FinCEN/BIS alerts). Invented target."}
	for i, dt := range []day{{2022, 6, 14}, {2022, 9, 6}, {2022, 12, 13}, {2023, 3, 21}, {2023, 6, 20}} {
		items := p.chplLines(2, []int{0, 2, 3, 6, 9})
		p.decl(ev, i+1, "kz-chain", KZImport, dt, p.westernSupplier(dt.month()), pt.eurasia, nil, items...)
		p.decl(ev, i+1, "kz-chain", RUImport, dt.addDays(21+p.r.intn(22)), pt.eurasia, pt.elecom, nil, scaled(items, 1.15)...)
	}
	ev.parties = []EventParty{partyOf("hub importer and re-exporter", pt.eurasia), partyOf("importer", pt.elecom)}
	ev.expected = []Expectation{
		{What: "western chips imported into Kazakhstan by the hub company", FileKind: "kz_import", Group: "kz-chain", Lots: 5,
			Months: "2022-06..2023-06", Tolerance: 0},
		{What: "the same goods sold to Russia three to six weeks later", FileKind: "ru_import", Group: "kz-chain", Lots: 5,
			Months: "2022-07..2023-08", Tolerance: 0},
	}
	return ev
}

func (p *planter) trChain(pt *plantParties) *plantEvent {
	ev := &plantEvent{id: "tr-hub-chain", title: "A Turkish company imports western chips and exports them to Russia",
		article: "Transshipment through Türkiye: a trading company imports high-priority goods from the EU and the US and " +
			"exports the same goods to a Russian buyer weeks later. Invented target."}
	for i, dt := range []day{{2022, 7, 12}, {2022, 10, 18}, {2023, 2, 14}, {2023, 5, 23}} {
		items := p.chplLines(2, []int{1, 2, 4, 5, 8})
		out := dt.addDays(14 + p.r.intn(15))
		p.decl(ev, i+1, "tr-chain", TRImport, dt, p.westernSupplier(dt.month()), pt.anka, nil, items...)
		p.decl(ev, i+1, "tr-chain", TRExport, out, pt.anka, pt.mikrotech, nil, scaled(items, 1.1)...)
		p.decl(ev, i+1, "tr-chain", RUImport, out.addDays(5+p.r.intn(5)), pt.anka, pt.mikrotech, nil, scaled(items, 1.13)...)
	}
	ev.parties = []EventParty{partyOf("hub importer and exporter", pt.anka), partyOf("importer", pt.mikrotech)}
	ev.expected = []Expectation{
		{What: "western chips imported into Türkiye by the hub company", FileKind: "tr_import", Group: "tr-chain", Lots: 4,
			Months: "2022-07..2023-05", Tolerance: 0},
		{What: "the same goods exported to Russia", FileKind: "tr_export", Group: "tr-chain", Lots: 4,
			Months: "2022-07..2023-06", Tolerance: 0},
		{What: "and imported into Russia", FileKind: "ru_import", Group: "tr-chain", Lots: 4, Months: "2022-07..2023-06", Tolerance: 0},
	}
	return ev
}
