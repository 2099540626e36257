package sample

// The three stories of the Politico report (March 2023): NORINCO's rifles, DJI's parts through the
// Emirates, and body armour through Türkiye.

const politico = "Politico Europe, 16 March 2023, from ImportGenius customs data; retold in the seed articles"

func (p *planter) rifles(pt *plantParties) *plantEvent {
	ev := &plantEvent{id: "norinco-cq-a-rifles", title: "NORINCO ships 1,000 CQ-A rifles to Tekhkrim, declared as civilian hunting rifles",
		article: "June 2022: China North Industries Group Corporation Limited (NORINCO), a state defence contractor, sent " +
			"1,000 CQ-A assault rifles modelled on the M16 to Tekhkrim, a company working with the Russian Ministry of " +
			"Defence; the rifles were declared as civilian hunting rifles. " + politico}
	rifle := product{hs: "9303300000", group: gHunt, ru: "Ружья охотничьи гражданские", en: "civilian hunting rifles",
		tr: "sivil av tüfeği", zh: "民用猎枪", extraRU: "КАЛИБР 5,56 ММ (.223 REM), ДЛИНА СТВОЛА 508 ММ",
		extraEN: "CALIBRE 5.56 MM (.223 REM), BARREL 508 MM", extraZH: "口径5.56毫米", brand: "NORINCO",
		maker: pt.norinco.latin[0], model: "CQ-A 5.56", origin: cc("CN"), kg: 3.5, usd: 545}
	p.decl(ev, 1, "", CNExport, day{2022, 6, 8}, pt.norinco, pt.tekhkrim, nil, p.line(rifle, 1000))
	long, short := rifle, rifle
	long.usd, short.usd = 560, 560
	short.extraRU, short.extraEN = "КАЛИБР 5,56 ММ (.223 REM), ДЛИНА СТВОЛА 368 ММ", "CALIBRE 5.56 MM (.223 REM), BARREL 368 MM"
	p.decl(ev, 1, "", RUImport, day{2022, 6, 21}, pt.norinco, pt.tekhkrim, nil, p.line(long, 600), p.line(short, 400))
	ev.parties = []EventParty{partyOf("exporter", pt.norinco), partyOf("importer", pt.tekhkrim)}
	ev.expected = []Expectation{
		{What: "1,000 CQ-A rifles exported by NORINCO to Tekhkrim (Chinese export record)", FileKind: "cn_export",
			Lots: 1, Quantity: 1000, NetWeightKg: 3500, ValueUSD: 545000, Months: "2022-06", Tolerance: 0.01},
		{What: "1,000 CQ-A rifles imported by Tekhkrim as civilian hunting rifles under HS 9303.30", FileKind: "ru_import",
			Lots: 1, Quantity: 1000, NetWeightKg: 3500, ValueUSD: 560000, Months: "2022-06", Tolerance: 0.01},
	}
	return ev
}

func (p *planter) dji(pt *plantParties) *plantEvent {
	ev := &plantEvent{id: "dji-parts-via-uae", title: "DJI drone batteries and cameras reach a small Russian distributor through the UAE",
		article: "November and December 2022: Da-Jiang Innovations (DJI), under US sanctions since 2021, sent drone " +
			"batteries and cameras to a small Russian distributor through the United Arab Emirates: 12 lots. " + politico}
	cn := cc("CN")
	battery := product{hs: "8507600000", group: gElec, ru: "Батареи аккумуляторные литий-ионные для беспилотных летательных аппаратов",
		en: "lithium-ion batteries for unmanned aerial vehicles", tr: "insansız hava aracı için lityum iyon batarya",
		zh: "无人机用锂离子电池", brand: "DJI", maker: pt.dji.latin[0], origin: cn}
	camera := product{hs: "8525890000", group: gElec, ru: "Камеры цифровые с подвесом для беспилотных летательных аппаратов",
		en: "digital gimbal cameras for unmanned aerial vehicles", tr: "insansız hava aracı için gimbal kamera",
		zh: "无人机云台相机", brand: "DJI", maker: pt.dji.latin[0], origin: cn}
	batteries := []struct {
		model   string
		kg, usd float64
	}{{"MAVIC 3 INTELLIGENT FLIGHT BATTERY", 0.335, 155}, {"TB65 INTELLIGENT FLIGHT BATTERY (MATRICE 300 RTK)", 1.35, 445},
		{"TB30 INTELLIGENT FLIGHT BATTERY (MATRICE 30)", 1.3, 390}}
	cameras := []struct {
		model   string
		kg, usd float64
	}{{"ZENMUSE H20T", 0.828, 10400}, {"ZENMUSE H20N", 0.878, 12200}, {"ZENMUSE P1", 0.787, 6500}}
	days := []day{{2022, 11, 3}, {2022, 11, 8}, {2022, 11, 11}, {2022, 11, 16}, {2022, 11, 22}, {2022, 11, 28},
		{2022, 12, 2}, {2022, 12, 7}, {2022, 12, 13}, {2022, 12, 16}, {2022, 12, 21}, {2022, 12, 27}}
	var lots [][]item
	for i, dt := range days {
		b, c := batteries[i%3], cameras[(i/2)%3]
		bp, cp := battery, camera
		bp.model, bp.kg, bp.usd = b.model, b.kg, b.usd
		cp.model, cp.kg, cp.usd = c.model, c.kg, c.usd
		items := []item{p.line(bp, roundTo(p.r.between(40, 150), 10)), p.line(cp, float64(2+p.r.intn(7)))}
		lots = append(lots, items)
		p.decl(ev, i+1, "", RUImport, dt, pt.astraFalcon, pt.kopterLine, nil, items...)
		p.decl(ev, i+1, "", AEExport, dt.addDays(-4-p.r.intn(3)), pt.astraFalcon, pt.kopterLine, nil, scaled(items, 0.97)...)
	}
	for i := 0; i < len(days); i += 2 {
		merged := append(append([]item{}, lots[i]...), lots[i+1]...)
		p.decl(ev, i/2+1, "", CNExport, days[i].addDays(-14-p.r.intn(5)), pt.dji, pt.astraFalcon, nil, scaled(merged, 0.9)...)
	}
	ev.parties = []EventParty{partyOf("maker and exporter", pt.dji), partyOf("hub trader", pt.astraFalcon),
		partyOf("importer", pt.kopterLine)}
	ev.expected = []Expectation{
		{What: "12 lots of DJI batteries and cameras imported by a small Russian distributor from a Dubai trader",
			FileKind: "ru_import", Lots: 12, Months: "2022-11..2022-12", Tolerance: 0},
		{What: "the same 12 lots re-exported from the UAE to Russia", FileKind: "ae_export", Lots: 12,
			Months: "2022-10..2022-12", Tolerance: 0},
		{What: "DJI exports to the Dubai trader, two lots per shipment", FileKind: "cn_export", Lots: 6,
			Months: "2022-10..2022-12", Tolerance: 0},
	}
	return ev
}

// armour plants about 80 t of body armour worth about $10 million imported into Russia in December 2022:
// most of it made by Ariteks and shipped from Türkiye, 12 t made by Xinxing Guangzhou and re-exported by
// a Turkish trader, the rest through the UAE and directly from China. Plates and helmets are partly
// declared as ceramics and airsoft helmets.
func (p *planter) armour(pt *plantParties) *plantEvent {
	ev := &plantEvent{id: "body-armour-december-2022", title: "About 80 t of body armour worth $10 million imported into Russia in December 2022",
		article: "December 2022: Russia imported almost 80 tons of body armour worth $10 million, mostly made by the " +
			"Turkish company Ariteks; more than 12 tons were made by the Chinese Xinxing Guangzhou Import & Export Co and " +
			"also routed through Turkey; some shipments came through the UAE and from China. " + politico}
	tr, cn := cc("TR"), cc("CN")
	vest := product{hs: "6307909800", group: gText, ru: "Бронежилет", en: "bulletproof vest", tr: "kurşun geçirmez yelek",
		zh: "防弹衣", extraRU: "КЛАСС ЗАЩИТЫ БР4, С БАЛЛИСТИЧЕСКИМИ ПАНЕЛЯМИ", extraEN: "PROTECTION CLASS BR4, WITH BALLISTIC PANELS",
		extraTR: "NIJ IIIA", extraZH: "防护等级IIIA"}
	carrier := product{hs: "6307909800", group: gText, ru: "Жилет защитный (плитоноска)", en: "protective vest (plate carrier)",
		tr: "plaka taşıyıcı yelek", zh: "战术背心"}
	plate := product{hs: "6914900000", group: gBuild, ru: "Изделия керамические прочие", en: "other ceramic articles",
		tr: "seramik plaka", zh: "陶瓷板", extraRU: "ПЛАСТИНЫ КЕРАМИЧЕСКИЕ 250Х300 ММ", extraEN: "CERAMIC PLATES 250X300 MM"}
	helmet := product{hs: "6506109000", group: gBuild, ru: "Шлемы для страйкбола", en: "airsoft helmets", tr: "airsoft kaskı",
		zh: "气枪游戏头盔", extraRU: "ЗАЩИТНЫЕ, ИЗ АРАМИДНОГО ВОЛОКНА", extraEN: "PROTECTIVE, ARAMID FIBRE"}
	refractory := product{hs: "6903909000", group: gBuild, ru: "Изделия керамические огнеупорные", en: "refractory ceramic goods",
		tr: "refrakter seramik plaka", zh: "防弹插板", extraRU: "ПЛАСТИНЫ 250Х300 ММ ИЗ КАРБИДА КРЕМНИЯ",
		extraEN: "PLATES 250X300 MM, SILICON CARBIDE"}
	mk := func(pr product, brand, maker, model string, origin *country, kg, usd float64) product {
		pr.brand, pr.maker, pr.model, pr.origin, pr.kg, pr.usd = brand, maker, model, origin, kg, usd
		return pr
	}
	ar := pt.ariteks.latin[0]
	arVest, arCarrier := mk(vest, "ARITEKS", ar, "AR-BV4", tr, 9.6, 1330), mk(carrier, "ARITEKS", ar, "AR-PC1", tr, 1.9, 210)
	arPlate, arHelmet := mk(plate, "ARITEKS", ar, "AR-SAPI", tr, 2.8, 220), mk(helmet, "ARITEKS", ar, "AR-H2", tr, 1.45, 230)
	xx := pt.xinxing.latin[0]
	xxVest, xxPlate := mk(vest, "XINXING", xx, "XX-IIIA", cn, 9.2, 1050), mk(refractory, "XINXING", xx, "XX-SIC", cn, 2.8, 200)
	dw := pt.dunwei.latin[0]
	dwVest, dwHelmet := mk(vest, "DUNWEI", dw, "DW-V4", cn, 9.4, 1120), mk(helmet, "DUNWEI", dw, "DW-FAST", cn, 1.45, 200)
	dwVest2, dwPlate := mk(vest, "DUNWEI", dw, "DW-V4", cn, 9.3, 1100), mk(plate, "DUNWEI", dw, "DW-P3", cn, 2.8, 210)
	buyers := pt.armourBuyers
	lot := 0
	// Ariteks: eight declarations, each mirrored by a Turkish export declaration a few days earlier.
	vests, carriers, plates, helmets := p.split(4200, 8), p.split(2500, 4), p.split(4000, 4), p.split(3300, 4)
	for i, d := range []int{2, 5, 8, 12, 15, 19, 22, 27} {
		items := []item{p.line(arVest, vests[i])}
		if i%2 == 0 {
			items = append(items, p.line(arCarrier, carriers[i/2]))
		} else {
			items = append(items, p.line(arPlate, plates[i/2]))
		}
		if i%2 == 1 {
			items = append(items, p.line(arHelmet, helmets[i/2]))
		}
		lot++
		dt := day{2022, 12, d}
		p.decl(ev, lot, "ariteks", RUImport, dt, pt.ariteks, buyers[i%len(buyers)], nil, items...)
		p.decl(ev, lot, "ariteks", TRExport, dt.addDays(-3-p.r.intn(3)), pt.ariteks, buyers[i%len(buyers)], nil, scaled(items, 0.98)...)
	}
	// Xinxing: into Türkiye in November, out to Russia in December by a Turkish trader.
	xv, xp := p.split(1000, 3), p.split(1000, 3)
	p.decl(ev, 1, "xinxing", TRImport, day{2022, 11, 10}, pt.xinxing, pt.kuzeybati, nil,
		p.line(xxVest, 600), p.line(xxPlate, 500))
	p.decl(ev, 2, "xinxing", TRImport, day{2022, 11, 24}, pt.xinxing, pt.kuzeybati, nil,
		p.line(xxVest, 400), p.line(xxPlate, 500))
	for i, d := range []int{10, 19, 26} {
		items := []item{p.line(xxVest, xv[i]), p.line(xxPlate, xp[i])}
		items = scaled(items, 1.12) // the Turkish trader's margin
		lot++
		dt := day{2022, 12, d}
		p.decl(ev, lot, "xinxing", RUImport, dt, pt.kuzeybati, buyers[(i+1)%len(buyers)], nil, items...)
		p.decl(ev, lot, "xinxing", TRExport, dt.addDays(-4), pt.kuzeybati, buyers[(i+1)%len(buyers)], nil, scaled(items, 0.98)...)
	}
	// Through the UAE, and straight from China.
	for i, d := range []int{9, 23} {
		items := []item{p.line(dwVest, []float64{130, 120}[i]), p.line(dwHelmet, []float64{250, 200}[i])}
		lot++
		dt := day{2022, 12, d}
		p.decl(ev, lot, "uae", RUImport, dt, pt.nobleBridge, buyers[(i+2)%len(buyers)], nil, items...)
		p.decl(ev, lot, "uae", AEExport, dt.addDays(-5), pt.nobleBridge, buyers[(i+2)%len(buyers)], nil, scaled(items, 0.97)...)
	}
	for i, d := range []int{7, 21} {
		items := []item{p.line(dwVest2, []float64{170, 130}[i]), p.line(dwPlate, []float64{230, 200}[i])}
		lot++
		dt := day{2022, 12, d}
		p.decl(ev, lot, "china", RUImport, dt, pt.dunwei, buyers[(i+3)%len(buyers)], nil, items...)
		p.decl(ev, lot, "china", CNExport, dt.addDays(-9), pt.dunwei, buyers[(i+3)%len(buyers)], nil, scaled(items, 0.95)...)
	}
	ev.parties = []EventParty{partyOf("maker and exporter", pt.ariteks), partyOf("maker", pt.xinxing),
		partyOf("hub trader", pt.kuzeybati), partyOf("hub trader", pt.nobleBridge), partyOf("maker and exporter", pt.dunwei)}
	for _, b := range buyers {
		ev.parties = append(ev.parties, partyOf("importer", b))
	}
	ev.expected = []Expectation{
		{What: "about 80 t of body armour worth about $10 million imported into Russia", FileKind: "ru_import",
			NetWeightKg: 80000, ValueUSD: 10e6, Lots: 15, Months: "2022-12", Tolerance: 0.1},
		{What: "12 t of Chinese body armour (Xinxing Guangzhou) imported into Russia from Türkiye", FileKind: "ru_import",
			Group: "xinxing", NetWeightKg: 12000, Lots: 3, Months: "2022-12", Tolerance: 0.1},
		{What: "the Xinxing armour entering Türkiye before its re-export", FileKind: "tr_import", Group: "xinxing",
			NetWeightKg: 12000, Lots: 2, Months: "2022-11", Tolerance: 0.1},
		{What: "most of the armour made by Ariteks and exported from Türkiye", FileKind: "tr_export", Group: "ariteks",
			NetWeightKg: 61000, Lots: 8, Months: "2022-11..2022-12", Tolerance: 0.1},
	}
	return ev
}
