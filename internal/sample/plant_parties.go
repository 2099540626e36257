package sample

// The parties of the planted events. Those the articles name carry their real names (and, for the
// Russian ones on the OFAC SDN list, the INN the list publishes); the others are invented.
type plantParties struct {
	norinco, tekhkrim                 *company
	dji, astraFalcon, kopterLine      *company
	ariteks, kuzeybati, xinxing       *company
	dunwei, nobleBridge               *company
	armourBuyers                      []*company
	roe, jingxin, optoteh, tianyu     *company
	yadanar, hangyu                   *company
	mugin, aeromaks, bingo, vektor    *company
	mikrotech, elecom, golubev        *company
	hkSuppliers, kzSuppliers, amKgSup []*company
	eurasia, anka                     *company
}

// Identifiers published for the sanctioned Russian parties (OFAC SDN list, "Tax ID No.").
const (
	innTekhkrim        = "1835013146"
	innRosoboronexport = "7718852163"
)

func (p *planter) parties() *plantParties {
	ids := p.ids
	cn, ru, tr, ae := cc("CN"), cc("RU"), cc("TR"), cc("AE")
	pt := &plantParties{}
	pt.norinco = special(cn, makeUSCC(ids, "110000"),
		[]string{"中国北方工业有限公司", "中国北方工业集团有限公司"},
		[]string{"CHINA NORTH INDUSTRIES GROUP CORPORATION LIMITED", "CHINA NORTH INDUSTRIES CORP.", "NORINCO",
			"CHINA NORTH INDUSTRIES GROUP CORP LTD", "CHINA NORTH INDUSTRIES CORPORATION (NORINCO)"},
		"北京市西城区广安门南街甲12号", "A12 GUANG AN MEN NAN JIE, XICHENG DISTRICT, BEIJING, CHINA", "BEIJING", "NORINCO")
	pt.tekhkrim = special(ru, innTekhkrim,
		[]string{`ЗАО "ТЕХКРИМ"`, `ЗАКРЫТОЕ АКЦИОНЕРНОЕ ОБЩЕСТВО "ТЕХКРИМ"`, "ЗАО ТЕХКРИМ", `АО "ТЕХКРИМ"`},
		[]string{"ZAO TEKHKRIM", "CLOSED JOINT STOCK COMPANY TEKHKRIM", "CJSC TEKHKRIM", "TEKHKRIM ZAO", "ZAO TECHKRIM"},
		"426011, УДМУРТСКАЯ РЕСПУБЛИКА, Г. ИЖЕВСК, УЛ. КОММУНАРОВ, Д. 361",
		"426011, UDMURTSKAYA RESPUBLIKA, G. IZHEVSK, UL. KOMMUNAROV, D. 361, RUSSIAN FEDERATION", "IZHEVSK", "TEKHKRIM")
	pt.dji = special(cn, makeUSCC(ids, "440300"),
		[]string{"深圳市大疆创新科技有限公司", "大疆创新科技有限公司"},
		[]string{"SZ DJI TECHNOLOGY CO., LTD.", "SZ DJI TECHNOLOGY CO LTD", "DA-JIANG INNOVATIONS SCIENCE AND TECHNOLOGY CO., LTD.",
			"SHENZHEN DJI SCIENCES AND TECHNOLOGIES LTD.", "DJI"},
		"深圳市南山区高新南四道18号创维半导体设计大厦西座14层",
		"14TH FLOOR, WEST WING, SKYWORTH SEMICONDUCTOR DESIGN BUILDING, NO. 18 GAOXIN SOUTH 4TH AVE, NANSHAN DISTRICT, SHENZHEN, CHINA",
		"SHENZHEN", "DJI")
	pt.astraFalcon = special(ae, makeDigits(ids, "100", 15), nil,
		aeVariants(ids, "ASTRA FALCON", "GENERAL TRADING", "L.L.C"), "",
		"OFFICE 1407, AL MUSALLA TOWER, BUR DUBAI, DUBAI, UNITED ARAB EMIRATES", "DUBAI", "ASTRAFALCON")
	pt.kopterLine = p.ruOrg(formOOO, "КОПТЕР ЛАЙН", "COPTER LINE", 0)
	pt.ariteks = special(tr, makeVKN(ids),
		[]string{"ARİTEKS TEKSTİL SAN. VE TİC. LTD. ŞTİ.", "ARİTEKS TEKSTİL SANAYİ VE TİCARET LİMİTED ŞİRKETİ", "ARİTEKS TEKSTİL SAN.VE TİC.LTD.ŞTİ."},
		[]string{"ARITEKS TEKSTIL SAN. VE TIC. LTD. STI.", "ARITEKS TEXTILE INDUSTRY AND TRADE CO. LTD.", "ARITEKS TEKSTIL SAN VE TIC LTD STI",
			"ARITEKS TEKSTIL LTD", "ARITEX TEXTILE"},
		"", "OSTIM OSB MAH. 1234. CAD. NO:18, YENIMAHALLE, ANKARA, TURKEY", "ANKARA", "ARITEKS")
	pt.kuzeybati = special(tr, makeVKN(ids),
		[]string{"KUZEYBATI DIŞ TİC. LTD. ŞTİ.", "KUZEYBATI DIŞ TİCARET LİMİTED ŞİRKETİ"},
		[]string{"KUZEYBATI DIS TIC. LTD. STI.", "KUZEYBATI FOREIGN TRADE CO. LTD.", "KUZEYBATI DIS TICARET LIMITED SIRKETI", "KUZEYBATI LTD"},
		"", "MERKEZ MAH. CUMHURIYET CAD. NO:41/7, BAGCILAR, ISTANBUL, TURKEY", "ISTANBUL", "KUZEYBATI")
	pt.xinxing = special(cn, makeUSCC(ids, "440100"), nil,
		[]string{"XINXING GUANGZHOU IMPORT & EXPORT CO., LTD.", "XINXING GUANGZHOU IMPORT AND EXPORT CO LTD",
			"XINXING (GUANGZHOU) IMP. & EXP. CO., LTD.", "XINXING GUANGZHOU IMP & EXP CO"},
		"", "ROOM 1608, NO. 33 HUANSHI EAST ROAD, YUEXIU DISTRICT, GUANGZHOU, GUANGDONG PROVINCE, CHINA", "GUANGZHOU", "XINXING")
	pt.dunwei = special(cn, makeUSCC(ids, "440300"),
		[]string{"深圳市盾卫防护用品有限公司"},
		[]string{"SHENZHEN DUNWEI PROTECTIVE EQUIPMENT CO., LTD.", "SHENZHEN DUNWEI PROTECTIVE EQUIPMENT CO LTD", "DUNWEI PROTECTIVE EQUIPMENT (SHENZHEN) CO., LTD."},
		"深圳市宝安区西乡街道宝源路88号", "NO. 88 BAOYUAN ROAD, XIXIANG, BAOAN DISTRICT, SHENZHEN, GUANGDONG PROVINCE, CHINA", "SHENZHEN", "DUNWEI")
	pt.nobleBridge = special(ae, makeDigits(ids, "100", 15), nil,
		aeVariants(ids, "NOBLE BRIDGE", "GENERAL TRADING", "L.L.C"), "",
		"OFFICE 2304, API WORLD TOWER, DEIRA, DUBAI, UNITED ARAB EMIRATES", "DUBAI", "NOBLEBRIDGE")
	pt.armourBuyers = []*company{
		p.ruOrg(formOOO, "ТАКТИКАЛ СНАБ", "TACTICAL SNAB", 0),
		p.ruOrg(formOOO, "СПЕЦЭКИПИРОВКА-М", "SPETSEKIPIROVKA-M", 2),
		p.ruOrg(formOOO, "ЗАЩИТА ПРОФ", "ZASHCHITA PROF", 1),
		p.ruOrg(formAO, "ВЕКТОР-ОСНАЩЕНИЕ", "VECTOR-OSNASHCHENIE", 9),
	}
	pt.roe = special(ru, innRosoboronexport,
		[]string{`АО "РОСОБОРОНЭКСПОРТ"`, `АКЦИОНЕРНОЕ ОБЩЕСТВО "РОСОБОРОНЭКСПОРТ"`, "АО РОСОБОРОНЭКСПОРТ", `ОАО "РОСОБОРОНЭКСПОРТ"`},
		[]string{"ROSOBORONEXPORT JSC", "ROSOBORONEKSPORT OAO", "JSC ROSOBORONEXPORT", "AO ROSOBORONEKSPORT",
			"JOINT STOCK COMPANY ROSOBORONEXPORT", "ROSOBORONEXPORT"},
		"107076, Г. МОСКВА, УЛ. СТРОМЫНКА, Д. 27", "107076, G. MOSKVA, UL. STROMYNKA, D. 27, RUSSIAN FEDERATION", "MOSKVA", "ROSOBORONEXPORT")
	pt.jingxin = special(cn, makeUSCC(ids, "440300"),
		[]string{"深圳市晶芯微电子有限公司"},
		[]string{"SHENZHEN JINGXIN MICROELECTRONICS CO., LTD.", "SHENZHEN JINGXIN MICROELECTRONICS CO LTD", "JINGXIN MICRO-ELECTRONICS (SHENZHEN) CO., LTD."},
		"深圳市福田区华强北路1019号华强广场B座21层", "21F, BLOCK B, HUAQIANG PLAZA, NO. 1019 HUAQIANG NORTH ROAD, FUTIAN DISTRICT, SHENZHEN, CHINA", "SHENZHEN", "JINGXIN")
	pt.optoteh = special(cc("RS"), makeDigits(ids, "1", 9), nil,
		[]string{"OPTOTEH SISTEMI D.O.O.", "OPTOTEH SISTEMI DOO BEOGRAD", "OPTOTEH SISTEMI"},
		"", "BULEVAR MIHAJLA PUPINA 10B, NOVI BEOGRAD, BELGRADE, SERBIA", "BELGRADE", "OPTOTEH")
	pt.tianyu = special(cn, makeUSCC(ids, "420100"),
		[]string{"武汉天宇光电科技有限公司"},
		[]string{"WUHAN TIANYU OPTOELECTRONIC TECHNOLOGY CO., LTD.", "WUHAN TIANYU OPTOELECTRONIC TECH CO LTD", "TIANYU OPTOELECTRONIC (WUHAN) CO., LTD."},
		"武汉市东湖高新区光谷大道77号", "NO. 77 GUANGGU AVENUE, EAST LAKE HIGH-TECH ZONE, WUHAN, HUBEI PROVINCE, CHINA", "WUHAN", "TIANYU")
	pt.yadanar = special(cc("MM"), makeDigits(ids, "", 9), nil,
		[]string{"YADANAR AERO SERVICES CO., LTD.", "YADANAR AERO SERVICES COMPANY LIMITED", "YADANAR AERO SERVICES"},
		"", "NO. 45, PYAY ROAD, MAYANGONE TOWNSHIP, YANGON, MYANMAR", "YANGON", "YADANAR")
	pt.hangyu = special(cn, makeUSCC(ids, "610100"),
		[]string{"西安航宇动力设备有限公司"},
		[]string{"XI'AN HANGYU POWER EQUIPMENT CO., LTD.", "XIAN HANGYU POWER EQUIPMENT CO LTD", "HANGYU POWER EQUIPMENT (XI'AN) CO., LTD."},
		"西安市雁塔区科技路48号", "NO. 48 KEJI ROAD, YANTA DISTRICT, XI'AN, SHAANXI PROVINCE, CHINA", "XI'AN", "HANGYU")
	pt.mugin = special(cn, makeUSCC(ids, "350200"), nil,
		[]string{"MUGIN LIMITED", "MUGIN LTD.", "MUGIN LIMITED XIAMEN"},
		"", "NO. 20 XIANGXING ROAD, XIANG'AN DISTRICT, XIAMEN, FUJIAN PROVINCE, CHINA", "XIAMEN", "MUGIN")
	pt.aeromaks = p.ruOrg(formOOO, "АЭРОМАКС", "AEROMAX", 3)
	pt.bingo = special(cn, makeUSCC(ids, "610100"),
		[]string{"西安冰果智能航空科技有限公司"},
		[]string{"XI'AN BINGO INTELLIGENT AVIATION TECHNOLOGY CO., LTD.", "XIAN BINGO INTELLIGENT AVIATION TECHNOLOGY CO LTD",
			"XI AN BINGO INTELLIGENT AVIATION TECH CO LTD", "BINGO INTELLIGENT AVIATION"},
		"西安市高新区锦业路69号", "NO. 69 JINYE ROAD, HI-TECH ZONE, XI'AN, SHAANXI PROVINCE, CHINA", "XI'AN", "BINGO")
	pt.vektor = p.ruOrg(formOOO, "ВЕКТОР-АВИА", "VECTOR-AVIA", 4)
	pt.mikrotech = p.ruOrg(formOOO, "МИКРОТЕХ ЛОГИСТИКА", "MICROTECH LOGISTICS", 0)
	pt.elecom = p.ruOrg(formOOO, "ЭЛЕКОМ ИМПОРТ", "ELECOM IMPORT", 1)
	pt.golubev = &company{country: ru, groups: []int{gElec}, last: numMonths - 1, stem: "GOLUBEV"}
	pt.golubev.addr, pt.golubev.addrEn = ruAddress(ids, ruRegions[5])
	pt.golubev.city = "NOVOSIBIRSK"
	pt.golubev.names, pt.golubev.latin = personVariants("ИП", "ИНДИВИДУАЛЬНЫЙ ПРЕДПРИНИМАТЕЛЬ", "IP", "INDIVIDUAL ENTREPRENEUR",
		"ГОЛУБЕВ", "АРТЕМ", "СЕРГЕЕВИЧ")
	pt.golubev.id = makeINN(ids, "5406", true)
	hk := cc("HK")
	pt.hkSuppliers = []*company{
		special(hk, makeDigits(ids, "7", 8), []string{"远星电子(香港)有限公司", "FAR STAR ELECTRONICS (HK) LIMITED"},
			[]string{"FAR STAR ELECTRONICS (HK) LIMITED", "FAR STAR ELECTRONICS HK LTD", "FARSTAR ELECTRONICS LIMITED"},
			"", "RM 1203, 12/F, HO KING COMMERCIAL CENTRE, 2-16 FA YUEN STREET, MONG KOK, HONG KONG", "MONG KOK", "FARSTAR"),
		special(hk, makeDigits(ids, "7", 8), []string{"新亚创科技有限公司", "NEW ASIA CREATION TECHNOLOGY LIMITED"},
			[]string{"NEW ASIA CREATION TECHNOLOGY LIMITED", "NEW ASIA CREATION TECH LTD", "NEW ASIA CREATION TECHNOLOGY LTD."},
			"", "UNIT 5, 27/F, TRANS ASIA CENTRE, 18 KIN HONG STREET, KWAI CHUNG, HONG KONG", "KWAI CHUNG", "NEWASIA"),
	}
	pt.kzSuppliers = []*company{p.kzOrg("ТЕХНО-АЛЬЯНС КАЗ", "TECHNO-ALLIANCE KAZ")}
	pt.amKgSup = []*company{
		special(cc("AM"), makeDigits(ids, "", 9), nil, []string{"ARMTECH SUPPLY LLC", "ARMTECH SUPPLY", "OOO ARMTECH SUPPLY", "ARMTEKH SAPLAI LLC"},
			"", "ARSHAKUNYATS AVE. 34, YEREVAN, ARMENIA", "YEREVAN", "ARMTECH"),
		special(cc("KG"), makeDigits(ids, "", 9), nil, []string{"OSOO TENGRI KOMPLEKT", "TENGRI KOMPLEKT LLC", `OSOO "TENGRI KOMPLEKT"`},
			"", "UL. ISANOVA 79, BISHKEK, KYRGYZSTAN", "BISHKEK", "TENGRI"),
	}
	pt.eurasia = p.kzOrg("ЕВРАЗИЯ КОМПОНЕНТС", "EURASIA COMPONENTS")
	pt.anka = special(tr, makeVKN(ids),
		[]string{"ANKA ELEKTRONİK DIŞ TİC. LTD. ŞTİ.", "ANKA ELEKTRONİK DIŞ TİCARET LİMİTED ŞİRKETİ"},
		[]string{"ANKA ELEKTRONIK DIS TIC. LTD. STI.", "ANKA ELECTRONICS FOREIGN TRADE CO. LTD.", "ANKA ELEKTRONIK DIS TIC LTD STI"},
		"", "IKITELLI OSB MAH. ATATURK CAD. NO:112, BASAKSEHIR, ISTANBUL, TURKEY", "ISTANBUL", "ANKA")
	return pt
}

// kzOrg makes a planted Kazakh partnership (ТОО) named the ordinary way.
func (p *planter) kzOrg(stem, en string) *company {
	c := &company{country: cc("KZ"), groups: []int{gElec}, last: numMonths - 1, stem: en}
	c.addr, c.addrEn, c.city = kzAddress(p.ids)
	c.names, c.latin = orgVariants(p.ids, formTOO, stem, en, c.addrEn)
	c.id = makeBIN(p.ids, 22, 4)
	return c
}
