package sample

// Rosoboronexport's imports, the Mugin-5 and ZT-180 drones, and the red-flag targets: new buyers of
// high-priority goods and chains through hubs.

func (p *planter) rosoboronexport(pt *plantParties) *plantEvent {
	ev := &plantEvent{id: "rosoboronexport-imports", title: "Rosoboronexport imports microchips, thermal cameras and gas turbine engines",
		article: "Since 2022 the Russian state arms exporter Rosoboronexport has been buying microchips, thermal imaging " +
			"cameras and gas turbine engines from various countries, including China, Serbia and Myanmar. " + politico}
	cn, rs, mm := cc("CN"), cc("RS"), cc("MM")
	proc := product{hs: "8542310001", group: gElec, ru: "Схемы электронные интегральные: процессоры и контроллеры",
		en: "electronic integrated circuits: processors and controllers", tr: "entegre devre: işlemci", zh: "处理器及控制器",
		maker: pt.jingxin.latin[0]}
	fpga := proc
	fpga.hs, fpga.ru, fpga.en, fpga.zh = "8542390010", "Схемы электронные интегральные прочие (программируемые логические)",
		"other electronic integrated circuits (programmable logic)", "其他集成电路(可编程逻辑器件)"
	chip := func(pr product, brand, model string, origin string, kg, usd float64) product {
		pr.brand, pr.model, pr.origin, pr.kg, pr.usd = brand, model, cc(origin), kg, usd
		if b := p.g.cat.brandByName[brand]; b != nil {
			pr.brand, pr.maker = b.label, b.maker
		}
		return pr
	}
	chipLots := [][]item{
		{p.line(chip(fpga, "XILINX", "XC7K325T-2FFG900I", "TW", 0.01, 1450), 300), p.line(chip(proc, "TEXAS INSTRUMENTS", "TMS320F28335PGFA", "MY", 0.002, 24), 5000)},
		{p.line(chip(fpga, "ANALOG DEVICES", "AD9361BBCZ", "PH", 0.003, 285), 1200), p.line(chip(proc, "STMICROELECTRONICS", "STM32F407VGT6", "MY", 0.001, 9), 20000)},
		{p.line(chip(fpga, "XILINX", "XC7Z020-2CLG400I", "TW", 0.006, 310), 800), p.line(chip(proc, "GIGADEVICE", "GD32F103C8T6", "CN", 0.0005, 1.6), 50000),
			p.line(chip(proc, "TEXAS INSTRUMENTS", "TMS320F28335PGFA", "MY", 0.002, 26), 4000)},
		{p.line(chip(fpga, "XILINX", "XC7K325T-2FFG900I", "TW", 0.01, 1520), 250), p.line(chip(fpga, "ANALOG DEVICES", "AD9361BBCZ", "PH", 0.003, 295), 900)},
	}
	for i, dt := range []day{{2022, 4, 14}, {2022, 9, 20}, {2023, 2, 8}, {2023, 7, 18}} {
		p.decl(ev, i+1, "chips", RUImport, dt, pt.jingxin, pt.roe, nil, chipLots[i]...)
		p.decl(ev, i+1, "chips", CNExport, dt.addDays(-10), pt.jingxin, pt.roe, nil, scaled(chipLots[i], 0.95)...)
	}
	thermal := product{hs: "8525890000", group: gElec, ru: "Камеры тепловизионные", en: "thermal imaging cameras",
		tr: "termal kamera", zh: "红外热像仪", extraRU: "РАЗРЕШЕНИЕ 640Х512, ДЛЯ СИСТЕМ НАБЛЮДЕНИЯ",
		extraEN: "RESOLUTION 640X512, FOR SURVEILLANCE SYSTEMS"}
	rsCam, cnCam := thermal, thermal
	rsCam.brand, rsCam.maker, rsCam.model, rsCam.origin, rsCam.kg, rsCam.usd = "OPTOTEH", pt.optoteh.latin[0], "TC-640", rs, 2.4, 14500
	cnCam.brand, cnCam.maker, cnCam.model, cnCam.origin, cnCam.kg, cnCam.usd = "TIANYU", pt.tianyu.latin[0], "TY-IR640", cn, 1.9, 6200
	spectro := product{hs: "9027500000", group: gInst, ru: "Приборы и аппаратура, использующие оптическое излучение",
		en: "instruments using optical radiations", tr: "optik radyasyon kullanan cihaz", zh: "使用光辐射的仪器",
		extraRU: "СПЕКТРОРАДИОМЕТРЫ ИНФРАКРАСНЫЕ", extraEN: "INFRARED SPECTRORADIOMETERS", brand: "TIANYU",
		maker: pt.tianyu.latin[0], model: "TY-SR12", origin: cn, kg: 18, usd: 38000}
	p.decl(ev, 5, "thermal", RUImport, day{2022, 6, 2}, pt.optoteh, pt.roe, nil, p.line(rsCam, 24))
	p.decl(ev, 6, "thermal", RUImport, day{2022, 11, 15}, pt.optoteh, pt.roe, nil, p.line(rsCam, 36))
	for i, c := range []struct {
		dt    day
		items []item
	}{{day{2023, 3, 22}, []item{p.line(cnCam, 60)}}, {day{2023, 5, 10}, []item{p.line(spectro, 6)}}, {day{2023, 8, 30}, []item{p.line(cnCam, 120)}}} {
		p.decl(ev, 7+i, "thermal", RUImport, c.dt, pt.tianyu, pt.roe, nil, c.items...)
		p.decl(ev, 7+i, "thermal", CNExport, c.dt.addDays(-12), pt.tianyu, pt.roe, nil, scaled(c.items, 0.95)...)
	}
	turbine := product{hs: "8411820000", group: gMach, ru: "Турбины газовые мощностью более 5000 кВт",
		en: "gas turbines of a power exceeding 5000 kW", tr: "gaz türbini", zh: "燃气轮机",
		extraRU: "ДВИГАТЕЛИ ГАЗОТУРБИННЫЕ, БЫВШИЕ В ЭКСПЛУАТАЦИИ, ПОСЛЕ РЕМОНТА", extraEN: "GAS TURBINE ENGINES, USED, OVERHAULED",
		maker: pt.yadanar.latin[0], model: "GTE-25", origin: cc("RU"), kg: 4800, usd: 1.8e6}
	turbojet := product{hs: "8411120000", group: gMach, ru: "Двигатели турбореактивные тягой более 25 кН",
		en: "turbojets of a thrust exceeding 25 kN", tr: "turbojet motoru", zh: "涡轮喷气发动机", brand: "HANGYU",
		maker: pt.hangyu.latin[0], model: "HY-TJ40", origin: cn, kg: 1100, usd: 950000}
	p.decl(ev, 10, "turbines", RUImport, day{2022, 8, 9}, pt.yadanar, pt.roe, mm, p.line(turbine, 2))
	p.decl(ev, 11, "turbines", RUImport, day{2023, 1, 25}, pt.yadanar, pt.roe, mm, p.line(turbine, 1))
	tj := []item{p.line(turbojet, 4)}
	p.decl(ev, 12, "turbines", RUImport, day{2023, 10, 5}, pt.hangyu, pt.roe, nil, tj...)
	p.decl(ev, 12, "turbines", CNExport, day{2023, 9, 20}, pt.hangyu, pt.roe, nil, scaled(tj, 0.95)...)
	ev.parties = []EventParty{partyOf("importer", pt.roe), partyOf("supplier", pt.jingxin), partyOf("supplier", pt.optoteh),
		partyOf("supplier", pt.tianyu), partyOf("supplier", pt.yadanar), partyOf("supplier", pt.hangyu)}
	ev.expected = []Expectation{
		{What: "Rosoboronexport's imports since 2022", FileKind: "ru_import", Lots: 12, Months: "2022-04..2023-10", Tolerance: 0},
		{What: "microchips from China", FileKind: "ru_import", Group: "chips", Lots: 4, Months: "2022-04..2023-07", Tolerance: 0},
		{What: "thermal imaging cameras and optical instruments from Serbia and China", FileKind: "ru_import", Group: "thermal",
			Lots: 5, Months: "2022-06..2023-08", Tolerance: 0},
		{What: "gas turbine engines from Myanmar and China", FileKind: "ru_import", Group: "turbines", Lots: 3, Quantity: 7,
			Months: "2022-08..2023-10", Tolerance: 0},
	}
	return ev
}

func (p *planter) mugin(pt *plantParties) *plantEvent {
	ev := &plantEvent{id: "mugin-5-drone", title: "A Mugin-5 Pro VTOL drone shipped from China to a Russian buyer",
		article: "A Chinese Mugin-5 drone, modified for military use, was shot down in the Donetsk region in March 2023; " +
			"Mugin Limited confirmed it was theirs. Planted here as a shipment of Mugin-5 Pro airframes to a Russian buyer in 2022."}
	uav := product{hs: "8806240000", group: gElec, ru: "Аппараты летательные беспилотные вертикального взлета и посадки",
		en: "unmanned aerial vehicles, vertical take-off and landing", tr: "dikey kalkışlı insansız hava aracı", zh: "垂直起降无人机",
		extraRU: "MUGIN-5 PRO VTOL UAV, МАКСИМАЛЬНАЯ ВЗЛЕТНАЯ МАССА 45 КГ, БЕЗ ПОЛЕЗНОЙ НАГРУЗКИ",
		extraEN: "MUGIN-5 PRO VTOL UAV, MAXIMUM TAKE-OFF WEIGHT 45 KG, WITHOUT PAYLOAD", extraZH: "MUGIN-5 PRO",
		brand: "MUGIN", maker: pt.mugin.latin[0], model: "MUGIN-5 PRO VTOL", origin: cc("CN"), kg: 38, usd: 18500}
	p.decl(ev, 1, "", CNExport, day{2022, 9, 5}, pt.mugin, pt.aeromaks, nil, p.line(uav, 2))
	p.decl(ev, 1, "", RUImport, day{2022, 9, 19}, pt.mugin, pt.aeromaks, nil, p.line(uav, 2))
	ev.parties = []EventParty{partyOf("maker and exporter", pt.mugin), partyOf("importer", pt.aeromaks)}
	ev.expected = []Expectation{
		{What: "two Mugin-5 Pro drones exported to Russia", FileKind: "cn_export", Lots: 1, Quantity: 2, Months: "2022-09", Tolerance: 0},
		{What: "two Mugin-5 Pro drones imported into Russia", FileKind: "ru_import", Lots: 1, Quantity: 2, Months: "2022-09", Tolerance: 0},
	}
	return ev
}

func (p *planter) bingo(pt *plantParties) *plantEvent {
	ev := &plantEvent{id: "bingo-zt-180", title: "ZT-180 drones of Xi'an Bingo reach Russia, declared as drones, parts and toys",
		article: "Der Spiegel reported that Russia was negotiating with Xi'an Bingo Intelligent Aviation Technology for 100 " +
			"ZT-180 attack drones, a first batch by April 2023. Planted here as a first batch of 20, partly declared as parts and toys."}
	base := product{brand: "BINGO", maker: pt.bingo.latin[0], model: "ZT-180", origin: cc("CN")}
	whole, kit, toy := base, base, base
	whole.hs, whole.group, whole.ru, whole.en, whole.tr, whole.zh = "8806240000", gElec, "Аппараты летательные беспилотные",
		"unmanned aerial vehicles", "insansız hava aracı", "无人驾驶航空器"
	whole.extraRU, whole.extraEN, whole.kg, whole.usd = "ZT-180, ВЗЛЕТНАЯ МАССА 35 КГ", "ZT-180, TAKE-OFF WEIGHT 35 KG", 35, 28000
	kit.hs, kit.group, kit.ru, kit.en, kit.tr, kit.zh = "8807300000", gElec, "Части беспилотных летательных аппаратов",
		"parts of unmanned aircraft", "insansız hava aracı parçaları", "无人驾驶航空器零件"
	kit.extraRU, kit.extraEN, kit.unit, kit.kg, kit.usd = "КОМПЛЕКТЫ ДЛЯ СБОРКИ ZT-180 В РАЗОБРАННОМ ВИДЕ", "ZT-180 ASSEMBLY KITS, DISASSEMBLED", "SET", 31, 22000
	toy.hs, toy.group, toy.ru, toy.en, toy.tr, toy.zh = "9503007000", gHome, "Игрушки прочие", "other toys", "diğer oyuncaklar", "其他玩具"
	toy.extraRU, toy.extraEN, toy.kg, toy.usd = "МОДЕЛИ ЛЕТАТЕЛЬНЫХ АППАРАТОВ РАДИОУПРАВЛЯЕМЫЕ ZT-180", "RADIO-CONTROLLED AIRCRAFT MODELS ZT-180", 33, 25000
	for i, l := range []struct {
		pr  product
		qty float64
		dt  day
	}{{whole, 2, day{2023, 3, 14}}, {kit, 10, day{2023, 4, 11}}, {toy, 8, day{2023, 4, 25}}} {
		items := []item{p.line(l.pr, l.qty)}
		p.decl(ev, i+1, "", CNExport, l.dt.addDays(-13), pt.bingo, pt.vektor, nil, scaled(items, 0.96)...)
		p.decl(ev, i+1, "", RUImport, l.dt, pt.bingo, pt.vektor, nil, items...)
	}
	ev.parties = []EventParty{partyOf("maker and exporter", pt.bingo), partyOf("importer", pt.vektor)}
	ev.expected = []Expectation{
		{What: "a first batch of 20 ZT-180 drones, as drones (8806), kits (8807) and toys (9503)", FileKind: "ru_import",
			Lots: 3, Quantity: 20, Months: "2023-03..2023-04", Tolerance: 0},
		{What: "the same batch on the Chinese export side", FileKind: "cn_export", Lots: 3, Quantity: 20,
			Months: "2023-03..2023-04", Tolerance: 0},
	}
	return ev
}
