package sample

import (
	"math"
	"strconv"
	"strings"
)

// Ordinary trade: who trades with whom, in what, from where, by kind of file and by period.

var (
	// where goods bound for Russia were bought after February 2022 when their makers had stopped selling
	ruHubs = parseDist("AE:22 TR:18 KZ:14 KG:8 AM:8 HK:16 CN:8 GE:3 UZ:3")
	// distributors of western goods before the invasion
	euDistributors = parseDist("DE:30 NL:15 FI:15 PL:10 LT:5 LV:5 IT:8 AT:5 CZ:5 BE:2")
	// other intermediaries for imports into Kazakhstan and Türkiye
	kzMiddlemen = parseDist("CN:20 DE:15 AE:15 TR:15 NL:8 PL:8 LT:5 HK:5 KG:5 UZ:4")
	trMiddlemen = parseDist("DE:20 NL:10 AE:10 CN:15 GB:8 IT:8 BE:6 CH:6 HK:5 SG:4 US:8")
	// Chinese goods bought elsewhere than in China, before and after the invasion
	cnViaTraders = parseDist("HK:60 KZ:20 KG:20")
	asiaTraders  = parseDist("HK:30 AE:20 TR:10 DE:20 NL:10 KZ:10")

	exportDests = [numKinds][2]countryDist{
		TRExport: {parseDist("DE:10 GB:6 US:6 IT:5 IQ:6 RU:4 ES:4 FR:4 NL:3 IL:2 AE:4 KZ:1.5 AZ:2 GE:2 RO:3 PL:3 EG:2 UZ:1.5 BG:2 SA:2 BE:2 AT:1 GR:1 UA:2 IR:1 KG:0.5 AM:0.5"),
			parseDist("DE:10 GB:6 US:6 IT:5 IQ:6 RU:10 ES:4 FR:4 NL:3 IL:2 AE:5 KZ:3 AZ:2 GE:3 RO:3 PL:3 EG:2 UZ:2 BG:2 SA:2 BE:2 AT:1 GR:1 UA:0.5 IR:1 KG:1.5 AM:1.5")},
		CNExport: {parseDist("US:16 HK:8 JP:5 KR:5 VN:5 DE:4 IN:4 NL:3 GB:3 RU:3 MY:3 TW:3 TH:3 AU:2 SG:2 MX:2 ID:2 AE:2 BR:2 TR:2 KZ:1.5 IT:2 FR:2 PL:1.5 ES:1.5 CA:2 PH:2 SA:1.5 BD:1 KG:0.5 UZ:0.5"),
			parseDist("US:15 HK:8 JP:5 KR:5 VN:5 DE:4 IN:4 NL:3 GB:3 RU:7 MY:3 TW:3 TH:3 AU:2 SG:2 MX:2 ID:2 AE:2.5 BR:2 TR:2.5 KZ:2.5 IT:2 FR:2 PL:1.5 ES:1.5 CA:2 PH:2 SA:1.5 BD:1 KG:1.5 UZ:1 AM:0.3")},
		AEExport: {parseDist("IN:12 SA:10 IQ:8 OM:5 RU:3 KZ:2 HK:3 CN:5 US:3 IR:5 KW:4 QA:4 BH:3 PK:4 EG:3 TR:4 KG:1 AM:1 AF:2 SO:2 GB:2 BE:1"),
			parseDist("IN:12 SA:10 IQ:8 OM:5 RU:12 KZ:4 HK:3 CN:5 US:3 IR:5 KW:4 QA:4 BH:3 PK:4 EG:3 TR:4 KG:3 AM:3 AF:2 SO:2 GB:2 BE:1")},
	}
	lineCounts = newWeighted([]float64{35, 20, 13, 10, 8, 6, 4, 4}) // 1 to 8 lines per declaration
)

// reporterOf is the customs service that reports a kind of file.
func reporterOf(k Kind) *country { return cc(layouts[k].Reporter) }

func isExport(k Kind) bool { return k == TRExport || k == CNExport || k == AEExport }

// ordinary invents a declaration of a kind in a month, with at most maxLines lines.
func (f *fileGen) ordinary(month int, dt day, maxLines int) *decl {
	r := f.r
	post := dt.postInvasion()
	rep := reporterOf(f.kind)
	d := &f.scratch // written before the next one is made: reused
	*d = decl{kind: f.kind, date: dt, broker: -1}
	local := f.u.pick(r, rep, month, -1)
	group := local.groups[r.intn(len(local.groups))]
	n := 1 + lineCounts.pick(r)
	if n > maxLines {
		n = maxLines
	}
	d.items = f.itemBuf[:n]
	var partnerCountry *country
	for i := range d.items {
		it := &d.items[i]
		g := f.cat.pickGood(r, group)
		b, origin := f.brandOrigin(g, post)
		if i == 0 {
			partnerCountry = f.partnerCountry(origin, b, post)
		}
		f.fillItem(it, g, b, origin, month, partnerCountry)
	}
	partner := f.u.pick(r, partnerCountry, month, group)
	if isExport(f.kind) {
		d.shipper, d.consignee = newParty(r, local), newParty(r, partner)
		d.dispatch, d.dest, d.trading = rep, partnerCountry, rep
	} else {
		d.shipper, d.consignee = newParty(r, partner), newParty(r, local)
		d.dispatch, d.dest, d.trading = partnerCountry, rep, partnerCountry
		if r.chance(0.1) && d.items[0].origin != nil && d.items[0].origin != rep && f.u.pools[d.items[0].origin] != nil {
			d.dispatch = d.items[0].origin // invoiced by a trader, shipped from the factory
		}
	}
	finishDecl(r, f.generator, d)
	return d
}

// brandOrigin draws the brand (nil: none) and origin of a line. After the invasion, Russian importers see
// fewer western brands and origins, and none of the brands that stopped selling to Russia.
func (f *fileGen) brandOrigin(g *good, post bool) (*brand, *country) {
	r := f.r
	rep := reporterOf(f.kind)
	var b *brand
	var o *country
	if len(g.brands) > 0 && r.chance(0.85) {
		for try := 0; try < 4 && b == nil; try++ {
			c := g.brands[g.brandW.pick(r)]
			if f.kind == RUImport && post && (c.exitRussia || c.western && r.chance(0.7)) {
				continue
			}
			b = c
		}
	}
	if b != nil {
		o = b.made.pick(r)
	} else {
		dist := g.origins
		if len(dist.cs) == 0 {
			dist = f.cat.groupOrigins[g.group]
		}
		o = dist.pick(r)
		for try := 0; try < 3 && f.kind == RUImport && post && o.western && r.chance(0.75); try++ {
			o = dist.pick(r)
		}
	}
	switch f.kind {
	case CNExport, TRExport:
		share := 0.97
		if f.kind == TRExport {
			share = 0.88
		}
		if r.chance(share) {
			if b != nil && !madeIn(b, rep) && r.chance(0.75) {
				b = nil
			}
			o = rep
		}
	case RUImport, KZImport:
		if o.code == "RU" || o.code == "KZ" && f.kind == KZImport {
			o = cc("CN")
		}
	case TRImport:
		if o == rep {
			o = cc("CN")
		}
	}
	return b, o
}

func madeIn(b *brand, c *country) bool {
	for _, m := range b.made.cs {
		if m == c {
			return true
		}
	}
	return false
}

// partnerCountry returns the destination of an export, or the country an import was bought from.
func (f *fileGen) partnerCountry(origin *country, b *brand, post bool) *country {
	r := f.r
	rep := reporterOf(f.kind)
	if isExport(f.kind) {
		p := 0
		if post {
			p = 1
		}
		for {
			if c := exportDests[f.kind][p].pick(r); c != rep {
				return c
			}
		}
	}
	western := origin.western || b != nil && b.western
	switch f.kind {
	case RUImport:
		switch {
		case post && western:
			if r.chance(0.8) {
				return ruHubs.pick(r)
			}
			return origin
		case post && origin.code == "CN":
			return pickOf(r, origin, 0.8, cnViaTraders)
		case post:
			return pickOf(r, origin, 0.8, ruHubs)
		case western:
			return pickOf(r, origin, 0.85, euDistributors)
		}
		return pickOf(r, origin, 0.8, asiaTraders)
	case KZImport:
		if post && western {
			return pickOf(r, origin, 0.65, kzMiddlemen)
		}
		return pickOf(r, origin, 0.8, kzMiddlemen)
	}
	return pickOf(r, origin, 0.8, trMiddlemen)
}

// pickOf returns c with probability p, otherwise a draw from d that is not the reporter of the file.
func pickOf(r *rng, c *country, p float64, d countryDist) *country {
	if r.chance(p) {
		return c
	}
	return d.pick(r)
}

// fillItem completes a line: descriptions, maker, model, amounts and the vendor's gaps.
func (f *fileGen) fillItem(it *item, g *good, b *brand, origin *country, month int, seller *country) {
	r := f.r
	*it = item{hs: g.hs, group: g.group, ru: g.ru, en: g.en, tr: g.tr, zh: g.zh, unit: g.unit,
		hsDesc: g.hsDesc, hsDescLocal: g.ru, hsDescTR: g.tr, origin: origin}
	if b != nil {
		it.brand, it.maker, it.model = b.label, b.maker, b.pickModel(r, g.tag)
	} else {
		maker := f.u.pick(r, origin, month, g.group)
		it.maker = maker.latin[0]
		if origin.code == "CN" && r.chance(0.3) {
			it.brand = maker.stem
		}
		switch g.group {
		case gMach, gElec, gInst, gVeh:
			if r.chance(0.5) {
				it.model = expandPattern(r, "@@-####")
			}
		}
	}
	f.amounts(it, g)
	if r.chance(0.015) {
		it.origin = nil
	}
	if it.unit != "KG" && r.chance(0.012) {
		it.qtyMissing = true
	}
}

// amounts draws the line's value from a log-normal around ten thousand dollars, then the quantity from
// the unit price and the weights from the weight per unit. Products of rounded numbers keep their float
// artefacts (8.640000000000001), as vendor data does.
func (f *fileGen) amounts(it *item, g *good) {
	r := f.r
	price := r.logBetween(g.usdLo, g.usdHi)
	if price >= 1 {
		price = round2(price)
	} else {
		price = roundSig(price, 3)
	}
	target := r.lognormal(9000, 1.2)
	q := target / price
	switch {
	case g.unit == "PCS" || g.unit == "PR" || g.unit == "SET":
		q = math.Max(1, math.Round(q))
		if q > 2e6 {
			q = 2e6
		}
	case q > 100:
		q = math.Round(q)
	default:
		q = math.Max(0.5, round2(q))
	}
	it.qty = q
	it.valueUSD = round2(q * price)
	kgu := roundSig(r.between(g.kgLo, g.kgHi), 3)
	it.net = q * kgu
	if it.net < 0.001 {
		it.net = 0.001
	}
	it.gross = round3(it.net * r.between(1.02, 1.18))
	it.packages = 1 + int(it.gross/r.between(8, 400))
}

// finishDecl sets the header fields that follow from the parties: office, currency, terms, invoice.
func finishDecl(r *rng, g *generator, d *decl) {
	post := d.date.postInvasion()
	d.freight = round3(r.between(0.01, 0.08))
	seller := d.shipper.co.country
	switch d.kind {
	case RUImport:
		p := ruPostFor(r, d.dispatch)
		d.office, d.transport = &p.office, p.mode
		if r.chance(0.7) {
			d.broker = r.intn(len(g.brokers))
		}
		d.currency = ruCurrency(r, seller, post)
	case KZImport:
		d.office = &kzOffices[r.intn(len(kzOffices))]
		switch {
		case d.dispatch.code == "CN":
			d.transport = [2]int{modeRoad, modeRail}[r.intn(2)]
		case d.dispatch.code == "AE" || d.dispatch.code == "HK" || d.dispatch.code == "US":
			d.transport = modeAir
		case d.dispatch.code == "TR" || d.dispatch.code == "AZ" || d.dispatch.code == "IR":
			d.transport = [2]int{modeRoad, modeSea}[r.intn(2)]
		default:
			d.transport = modeRoad
		}
		bs := kzBorders[d.transport]
		d.border = &bs[r.intn(len(bs))]
		d.currency = pickStr(r, []string{"USD", "USD", "USD", "EUR", "CNY", "RUB", "KZT"})
		if d.dispatch.code == "CN" && r.chance(0.4) {
			d.currency = "CNY"
		}
		d.declarant = d.consignee
		if r.chance(0.4) {
			d.declarant = newParty(r, g.u.pick(r, cc("KZ"), d.date.month(), -1))
		}
	case TRImport, TRExport:
		d.office = &trOffices[r.intn(len(trOffices))]
		d.currency = pickStr(r, []string{"USD", "USD", "EUR", "EUR", "TRY"})
	case CNExport:
		d.currency = "USD"
		if r.chance(0.15) {
			d.currency = "CNY"
		}
	case AEExport:
		d.currency = "AED"
		if r.chance(0.4) {
			d.currency = "USD"
		}
	}
	d.incoterms = pickStr(r, incoterms[r.intn(len(incoterms))])
	d.invoice = invoiceNumber(r, d)
}

var incoterms = [][]string{{"FCA", "EXW", "CPT", "DAP"}, {"FOB", "CFR", "CIF", "EXW"}, {"DAP", "CPT", "FCA", "DDP"}}

func ruCurrency(r *rng, seller *country, post bool) string {
	switch {
	case seller.code == "CN" && post:
		return pickStr(r, []string{"CNY", "CNY", "CNY", "USD", "USD", "RUB"})
	case seller.code == "CN":
		return pickStr(r, []string{"USD", "USD", "USD", "CNY", "RUB"})
	case seller.code == "KZ" || seller.code == "KG" || seller.code == "AM" || seller.code == "BY":
		return pickStr(r, []string{"RUB", "RUB", "RUB", "USD"})
	case seller.code == "AE" && post:
		return pickStr(r, []string{"USD", "USD", "AED", "RUB", "EUR"})
	case seller.code == "TR" && post:
		return pickStr(r, []string{"USD", "USD", "EUR", "TRY", "RUB"})
	case seller.western && !post:
		return pickStr(r, []string{"EUR", "EUR", "EUR", "USD", "RUB"})
	case post:
		return pickStr(r, []string{"USD", "EUR", "RUB", "RUB", "CNY"})
	}
	return pickStr(r, []string{"USD", "USD", "EUR", "RUB"})
}

func invoiceNumber(r *rng, d *decl) string {
	if r.chance(0.04) {
		return ""
	}
	y := strconv.Itoa(d.date.y % 100)
	switch d.shipper.co.country.code {
	case "CN", "HK":
		return strings.ToUpper(d.shipper.co.stem[:min(3, len(d.shipper.co.stem))]) + string(d.date.appendISO(nil)[:4]) +
			strconv.Itoa(1000+r.intn(9000))
	case "TR":
		return "GIB" + strconv.Itoa(d.date.y) + strconv.Itoa(100000000+r.intn(900000000))
	}
	switch r.intn(3) {
	case 0:
		return "INV-" + y + "-" + strconv.Itoa(1000+r.intn(9000))
	case 1:
		return strconv.Itoa(1 + r.intn(999))
	}
	return strconv.Itoa(1+r.intn(400)) + "/" + y
}
