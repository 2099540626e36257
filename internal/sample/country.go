package sample

import "strings"

// country is a country as the generator needs it: the names customs vendors write (upper-case English,
// and Russian for the Kazakh file), whether it joined the sanctions on Russia, whether it is a
// transshipment hub, some cities, legal forms for invented companies, and its weight in the company
// universe.
type country struct {
	code    string
	en      string // as vendors write it: "UNITED ARAB EMIRATES"
	ru      string // "ОБЪЕДИНЕННЫЕ АРАБСКИЕ ЭМИРАТЫ"
	western bool   // sanctions Russia; its goods reach Russia through hubs after February 2022
	hub     bool   // named as a transshipment hub for Russia
	style   nameStyle
	weight  float64 // share of the company universe, in percent
	cities  []string
	forms   []string // legal forms, most common first; a trailing space marks a prefix ("PT ")
	words   []string // local sector words mixed into invented names
}

type nameStyle uint8

const (
	styleLatin nameStyle = iota // generic Latin-script company names
	styleRU                     // Russian: Cyrillic with vendor transliterations
	styleKZ                     // Kazakh: Cyrillic (with Kazakh letters), ТОО/LLP
	styleCIS                    // other post-Soviet states: transliterated Russian-style names
	styleTR                     // Turkish
	styleCN                     // mainland Chinese: Chinese characters and pinyin/English
	styleHK                     // Hong Kong: English with a Chinese name
	styleAE                     // Emirati trading companies
)

func cities(s string) []string { return strings.Split(s, "|") }

var countries = []*country{
	{code: "RU", en: "RUSSIAN FEDERATION", ru: "РОССИЯ", style: styleRU, weight: 30},
	{code: "CN", en: "CHINA", ru: "КИТАЙ", hub: true, style: styleCN, weight: 16},
	{code: "TR", en: "TURKEY", ru: "ТУРЦИЯ", hub: true, style: styleTR, weight: 9},
	{code: "KZ", en: "KAZAKHSTAN", ru: "КАЗАХСТАН", hub: true, style: styleKZ, weight: 6,
		cities: cities("ALMATY|ASTANA|SHYMKENT|KARAGANDA|AKTOBE|PAVLODAR|UST-KAMENOGORSK")},
	{code: "AE", en: "UNITED ARAB EMIRATES", ru: "ОБЪЕДИНЕННЫЕ АРАБСКИЕ ЭМИРАТЫ", hub: true, style: styleAE, weight: 5,
		cities: cities("DUBAI|DUBAI|DUBAI|SHARJAH|ABU DHABI|AJMAN|RAS AL KHAIMAH")},
	{code: "HK", en: "HONG KONG", ru: "ГОНКОНГ", hub: true, style: styleHK, weight: 3.5,
		cities: cities("KOWLOON|WAN CHAI|KWUN TONG|SHEUNG WAN|MONG KOK|TSIM SHA TSUI")},
	{code: "KG", en: "KYRGYZSTAN", ru: "КИРГИЗИЯ", hub: true, style: styleCIS, weight: 1.2,
		cities: cities("BISHKEK|BISHKEK|OSH"), forms: []string{"OSOO", "LLC", "OOO"}},
	{code: "AM", en: "ARMENIA", ru: "АРМЕНИЯ", hub: true, style: styleCIS, weight: 1.2,
		cities: cities("YEREVAN|YEREVAN|GYUMRI"), forms: []string{"LLC", "OOO", "CJSC"}},
	{code: "UZ", en: "UZBEKISTAN", ru: "УЗБЕКИСТАН", hub: true, style: styleCIS, weight: 0.8,
		cities: cities("TASHKENT|SAMARKAND"), forms: []string{"MCHJ", "LLC", "OOO"}},
	{code: "BY", en: "BELARUS", ru: "БЕЛАРУСЬ", style: styleCIS, weight: 0.6,
		cities: cities("MINSK|BREST|GRODNO"), forms: []string{"OOO", "ODO", "OAO", "LLC"}},
	{code: "GE", en: "GEORGIA", ru: "ГРУЗИЯ", hub: true, style: styleCIS, weight: 0.5,
		cities: cities("TBILISI|BATUMI|POTI"), forms: []string{"LLC", "SHPS"}},
	{code: "AZ", en: "AZERBAIJAN", ru: "АЗЕРБАЙДЖАН", style: styleCIS, weight: 0.4,
		cities: cities("BAKU"), forms: []string{"MMC", "LLC"}},
	{code: "DE", en: "GERMANY", ru: "ГЕРМАНИЯ", western: true, weight: 3.2,
		cities: cities("HAMBURG|MUNICH|FRANKFURT AM MAIN|DUSSELDORF|STUTTGART|BERLIN|COLOGNE"),
		forms:  []string{"GMBH", "GMBH", "AG", "GMBH & CO. KG", "KG"}, words: []string{"HANDELS", "TECHNIK", "ELEKTRONIK", "MASCHINENBAU", "INDUSTRIEBEDARF", "VERTRIEB"}},
	{code: "IT", en: "ITALY", ru: "ИТАЛИЯ", western: true, weight: 2,
		cities: cities("MILAN|BOLOGNA|TURIN|MODENA|VERONA|SASSUOLO"),
		forms:  []string{"S.R.L.", "S.R.L.", "S.P.A."}, words: []string{"COMMERCIALE", "INDUSTRIA", "TECNOLOGIE", "MECCANICA", "ITALIA"}},
	{code: "FR", en: "FRANCE", ru: "ФРАНЦИЯ", western: true, weight: 1.2,
		cities: cities("PARIS|LYON|MARSEILLE|TOULOUSE"), forms: []string{"SAS", "SARL", "S.A."},
		words: []string{"INDUSTRIE", "DISTRIBUTION", "EQUIPEMENTS"}},
	{code: "NL", en: "NETHERLANDS", ru: "НИДЕРЛАНДЫ", western: true, weight: 1,
		cities: cities("ROTTERDAM|AMSTERDAM|EINDHOVEN|VENLO"), forms: []string{"B.V.", "B.V.", "N.V."}, words: []string{"HANDEL", "TECHNIEK"}},
	{code: "PL", en: "POLAND", ru: "ПОЛЬША", western: true, weight: 1.2,
		cities: cities("WARSAW|LODZ|POZNAN|WROCLAW|GDANSK"), forms: []string{"SP. Z O.O.", "SP. Z O.O.", "S.A."}, words: []string{"HANDEL", "TECHNIKA", "POLSKA"}},
	{code: "FI", en: "FINLAND", ru: "ФИНЛЯНДИЯ", western: true, weight: 0.7,
		cities: cities("HELSINKI|KOTKA|VANTAA|LAPPEENRANTA"), forms: []string{"OY", "OY", "OYJ"}},
	{code: "ES", en: "SPAIN", ru: "ИСПАНИЯ", western: true, weight: 0.9,
		cities: cities("MADRID|BARCELONA|VALENCIA|CASTELLON"), forms: []string{"S.L.", "S.A."}, words: []string{"COMERCIAL", "INDUSTRIAL", "DISTRIBUCIONES"}},
	{code: "BE", en: "BELGIUM", ru: "БЕЛЬГИЯ", western: true, weight: 0.5,
		cities: cities("ANTWERP|BRUSSELS|GHENT"), forms: []string{"NV", "BV", "SA"}},
	{code: "AT", en: "AUSTRIA", ru: "АВСТРИЯ", western: true, weight: 0.5,
		cities: cities("VIENNA|LINZ|GRAZ"), forms: []string{"GMBH", "AG"}, words: []string{"HANDELS", "TECHNIK"}},
	{code: "CZ", en: "CZECH REPUBLIC", ru: "ЧЕШСКАЯ РЕСПУБЛИКА", western: true, weight: 0.5,
		cities: cities("PRAGUE|BRNO|OSTRAVA"), forms: []string{"S.R.O.", "A.S."}},
	{code: "SE", en: "SWEDEN", ru: "ШВЕЦИЯ", western: true, weight: 0.4,
		cities: cities("STOCKHOLM|GOTHENBURG|MALMO"), forms: []string{"AB"}},
	{code: "CH", en: "SWITZERLAND", ru: "ШВЕЙЦАРИЯ", western: true, weight: 0.6,
		cities: cities("ZURICH|GENEVA|BASEL|LUGANO"), forms: []string{"AG", "SA", "GMBH"}},
	{code: "GB", en: "UNITED KINGDOM", ru: "СОЕДИНЕННОЕ КОРОЛЕВСТВО", western: true, weight: 1.2,
		cities: cities("LONDON|MANCHESTER|BIRMINGHAM"), forms: []string{"LTD", "LIMITED", "PLC"}},
	{code: "US", en: "UNITED STATES", ru: "СОЕДИНЕННЫЕ ШТАТЫ", western: true, weight: 2.5,
		cities: cities("NEW YORK, NY|LOS ANGELES, CA|HOUSTON, TX|MIAMI, FL|CHICAGO, IL|SAN JOSE, CA|DALLAS, TX"),
		forms:  []string{"INC.", "LLC", "CORP."}},
	{code: "JP", en: "JAPAN", ru: "ЯПОНИЯ", western: true, weight: 1,
		cities: cities("TOKYO|OSAKA|NAGOYA|YOKOHAMA"), forms: []string{"CO., LTD.", "CORPORATION", "K.K."}},
	{code: "KR", en: "SOUTH KOREA", ru: "РЕСПУБЛИКА КОРЕЯ", western: true, weight: 1,
		cities: cities("SEOUL|BUSAN|INCHEON"), forms: []string{"CO., LTD.", "CORP."}},
	{code: "TW", en: "TAIWAN", ru: "ТАЙВАНЬ (КИТАЙ)", western: true, weight: 0.8,
		cities: cities("TAIPEI|TAICHUNG|KAOHSIUNG|HSINCHU"), forms: []string{"CO., LTD.", "CORPORATION"}},
	{code: "IN", en: "INDIA", ru: "ИНДИЯ", weight: 1.2,
		cities: cities("MUMBAI|NEW DELHI|CHENNAI|BANGALORE|AHMEDABAD"), forms: []string{"PVT. LTD.", "PRIVATE LIMITED", "LIMITED"}},
	{code: "VN", en: "VIETNAM", ru: "ВЬЕТНАМ", weight: 0.6,
		cities: cities("HO CHI MINH CITY|HANOI|HAI PHONG"), forms: []string{"CO., LTD", "JSC"}},
	{code: "MY", en: "MALAYSIA", ru: "МАЛАЙЗИЯ", weight: 0.5,
		cities: cities("KUALA LUMPUR|PENANG|JOHOR BAHRU"), forms: []string{"SDN. BHD."}},
	{code: "TH", en: "THAILAND", ru: "ТАИЛАНД", weight: 0.4, cities: cities("BANGKOK|CHONBURI"), forms: []string{"CO., LTD."}},
	{code: "ID", en: "INDONESIA", ru: "ИНДОНЕЗИЯ", weight: 0.3, cities: cities("JAKARTA|SURABAYA"), forms: []string{"PT "}},
	{code: "SG", en: "SINGAPORE", ru: "СИНГАПУР", weight: 0.4, cities: cities("SINGAPORE"), forms: []string{"PTE. LTD.", "PTE LTD"}},
	{code: "PH", en: "PHILIPPINES", ru: "ФИЛИППИНЫ", weight: 0.2, cities: cities("MANILA|CEBU"), forms: []string{"INC.", "CORPORATION"}},
	{code: "RS", en: "SERBIA", ru: "СЕРБИЯ", hub: true, weight: 0.4, cities: cities("BELGRADE|NOVI SAD"), forms: []string{"D.O.O.", "A.D."}},
	{code: "MM", en: "MYANMAR", ru: "МЬЯНМА", weight: 0.1, cities: cities("YANGON|MANDALAY"), forms: []string{"CO., LTD.", "COMPANY LIMITED"}},
	{code: "IL", en: "ISRAEL", ru: "ИЗРАИЛЬ", weight: 0.3, cities: cities("TEL AVIV|HAIFA"), forms: []string{"LTD"}},
	{code: "BR", en: "BRAZIL", ru: "БРАЗИЛИЯ", weight: 0.5, cities: cities("SAO PAULO|SANTOS|RIO DE JANEIRO"), forms: []string{"LTDA", "S.A."}},
	{code: "EC", en: "ECUADOR", ru: "ЭКВАДОР", weight: 0.3, cities: cities("GUAYAQUIL|QUITO"), forms: []string{"S.A."}},
	{code: "CO", en: "COLOMBIA", ru: "КОЛУМБИЯ", weight: 0.1, cities: cities("BOGOTA|MEDELLIN"), forms: []string{"S.A.S.", "S.A."}},
	{code: "UY", en: "URUGUAY", ru: "УРУГВАЙ", weight: 0.1, cities: cities("MONTEVIDEO"), forms: []string{"S.A."}},
	{code: "PY", en: "PARAGUAY", ru: "ПАРАГВАЙ", weight: 0.1, cities: cities("ASUNCION"), forms: []string{"S.A."}},
	{code: "AR", en: "ARGENTINA", ru: "АРГЕНТИНА", weight: 0.2, cities: cities("BUENOS AIRES|ROSARIO"), forms: []string{"S.A.", "S.R.L."}},
	{code: "CL", en: "CHILE", ru: "ЧИЛИ", weight: 0.2, cities: cities("SANTIAGO|PUERTO MONTT"), forms: []string{"S.A.", "SPA"}},
	{code: "MX", en: "MEXICO", ru: "МЕКСИКА", weight: 0.3, cities: cities("MEXICO CITY|MONTERREY"), forms: []string{"S.A. DE C.V."}},
	{code: "CA", en: "CANADA", ru: "КАНАДА", western: true, weight: 0.4, cities: cities("TORONTO|VANCOUVER|MONTREAL"), forms: []string{"INC.", "LTD."}},
	{code: "EG", en: "EGYPT", ru: "ЕГИПЕТ", weight: 0.3, cities: cities("CAIRO|ALEXANDRIA"), forms: []string{"S.A.E.", "CO."}},
	{code: "MA", en: "MOROCCO", ru: "МАРОККО", weight: 0.2, cities: cities("CASABLANCA|TANGIER|AGADIR"), forms: []string{"SARL", "S.A."}},
	{code: "ZA", en: "SOUTH AFRICA", ru: "ЮЖНАЯ АФРИКА", weight: 0.2, cities: cities("JOHANNESBURG|DURBAN|CAPE TOWN"), forms: []string{"(PTY) LTD"}},
	{code: "IQ", en: "IRAQ", ru: "ИРАК", weight: 0.4, cities: cities("BAGHDAD|BASRA|ERBIL"), forms: []string{"CO.", "LLC"}},
	{code: "SA", en: "SAUDI ARABIA", ru: "САУДОВСКАЯ АРАВИЯ", weight: 0.5, cities: cities("RIYADH|JEDDAH|DAMMAM"), forms: []string{"CO.", "EST.", "LLC"}},
	{code: "IR", en: "IRAN", ru: "ИРАН", weight: 0.3, cities: cities("TEHRAN|BANDAR ABBAS"), forms: []string{"CO.", "PJS"}},
	{code: "OM", en: "OMAN", ru: "ОМАН", weight: 0.15, cities: cities("MUSCAT|SOHAR"), forms: []string{"LLC", "SAOC"}},
	{code: "KW", en: "KUWAIT", ru: "КУВЕЙТ", weight: 0.15, cities: cities("KUWAIT CITY"), forms: []string{"W.L.L.", "CO."}},
	{code: "QA", en: "QATAR", ru: "КАТАР", weight: 0.15, cities: cities("DOHA"), forms: []string{"W.L.L."}},
	{code: "BH", en: "BAHRAIN", ru: "БАХРЕЙН", weight: 0.1, cities: cities("MANAMA"), forms: []string{"W.L.L."}},
	{code: "PK", en: "PAKISTAN", ru: "ПАКИСТАН", weight: 0.3, cities: cities("KARACHI|LAHORE"), forms: []string{"(PVT) LTD"}},
	{code: "AF", en: "AFGHANISTAN", ru: "АФГАНИСТАН", weight: 0.05, cities: cities("KABUL"), forms: []string{"LTD", "CO."}},
	{code: "SO", en: "SOMALIA", ru: "СОМАЛИ", weight: 0.05, cities: cities("MOGADISHU"), forms: []string{"CO."}},
	{code: "AU", en: "AUSTRALIA", ru: "АВСТРАЛИЯ", western: true, weight: 0.3, cities: cities("SYDNEY|MELBOURNE"), forms: []string{"PTY LTD"}},
	{code: "NZ", en: "NEW ZEALAND", ru: "НОВАЯ ЗЕЛАНДИЯ", western: true, weight: 0.1, cities: cities("AUCKLAND"), forms: []string{"LIMITED"}},
	{code: "BD", en: "BANGLADESH", ru: "БАНГЛАДЕШ", weight: 0.3, cities: cities("DHAKA|CHITTAGONG"), forms: []string{"LTD"}},
	{code: "LK", en: "SRI LANKA", ru: "ШРИ-ЛАНКА", weight: 0.15, cities: cities("COLOMBO"), forms: []string{"(PVT) LTD"}},
	{code: "KH", en: "CAMBODIA", ru: "КАМБОДЖА", weight: 0.1, cities: cities("PHNOM PENH"), forms: []string{"CO., LTD."}},
	{code: "RO", en: "ROMANIA", ru: "РУМЫНИЯ", western: true, weight: 0.3, cities: cities("BUCHAREST|CONSTANTA"), forms: []string{"S.R.L.", "S.A."}},
	{code: "BG", en: "BULGARIA", ru: "БОЛГАРИЯ", western: true, weight: 0.2, cities: cities("SOFIA|VARNA|PLOVDIV"), forms: []string{"EOOD", "OOD", "AD"}},
	{code: "HU", en: "HUNGARY", ru: "ВЕНГРИЯ", western: true, weight: 0.3, cities: cities("BUDAPEST"), forms: []string{"KFT.", "ZRT."}},
	{code: "DK", en: "DENMARK", ru: "ДАНИЯ", western: true, weight: 0.3, cities: cities("COPENHAGEN|AARHUS"), forms: []string{"A/S", "APS"}},
	{code: "NO", en: "NORWAY", ru: "НОРВЕГИЯ", western: true, weight: 0.2, cities: cities("OSLO|BERGEN"), forms: []string{"AS"}},
	{code: "IE", en: "IRELAND", ru: "ИРЛАНДИЯ", western: true, weight: 0.2, cities: cities("DUBLIN|CORK"), forms: []string{"LIMITED", "DAC"}},
	{code: "PT", en: "PORTUGAL", ru: "ПОРТУГАЛИЯ", western: true, weight: 0.2, cities: cities("LISBON|PORTO"), forms: []string{"LDA", "S.A."}},
	{code: "GR", en: "GREECE", ru: "ГРЕЦИЯ", western: true, weight: 0.2, cities: cities("ATHENS|PIRAEUS|THESSALONIKI"), forms: []string{"S.A.", "IKE"}},
	{code: "SK", en: "SLOVAKIA", ru: "СЛОВАКИЯ", western: true, weight: 0.2, cities: cities("BRATISLAVA"), forms: []string{"S.R.O."}},
	{code: "SI", en: "SLOVENIA", ru: "СЛОВЕНИЯ", western: true, weight: 0.1, cities: cities("LJUBLJANA|KOPER"), forms: []string{"D.O.O."}},
	{code: "LT", en: "LITHUANIA", ru: "ЛИТВА", western: true, weight: 0.2, cities: cities("VILNIUS|KLAIPEDA"), forms: []string{"UAB"}},
	{code: "LV", en: "LATVIA", ru: "ЛАТВИЯ", western: true, weight: 0.2, cities: cities("RIGA"), forms: []string{"SIA"}},
	{code: "EE", en: "ESTONIA", ru: "ЭСТОНИЯ", western: true, weight: 0.2, cities: cities("TALLINN"), forms: []string{"OU", "AS"}},
	{code: "LI", en: "LIECHTENSTEIN", ru: "ЛИХТЕНШТЕЙН", western: true, weight: 0.02, cities: cities("SCHAAN|VADUZ"), forms: []string{"AG"}},
	{code: "UA", en: "UKRAINE", ru: "УКРАИНА", weight: 0.3, cities: cities("KYIV|ODESA|LVIV"), forms: []string{"TOV", "LLC", "PP"}},
	{code: "MD", en: "MOLDOVA", ru: "МОЛДОВА", weight: 0.1, cities: cities("CHISINAU"), forms: []string{"SRL", "SA"}},
	{code: "TM", en: "TURKMENISTAN", ru: "ТУРКМЕНИСТАН", weight: 0.05, cities: cities("ASHGABAT"), forms: []string{"HJ", "LLC"}},
	{code: "TJ", en: "TAJIKISTAN", ru: "ТАДЖИКИСТАН", weight: 0.05, cities: cities("DUSHANBE"), forms: []string{"LLC"}},
	{code: "MN", en: "MONGOLIA", ru: "МОНГОЛИЯ", weight: 0.05, cities: cities("ULAANBAATAR"), forms: []string{"LLC", "CO., LTD"}},
	{code: "KE", en: "KENYA", ru: "КЕНИЯ", weight: 0.05, cities: cities("NAIROBI|MOMBASA"), forms: []string{"LIMITED"}},
	{code: "NG", en: "NIGERIA", ru: "НИГЕРИЯ", weight: 0.05, cities: cities("LAGOS"), forms: []string{"LIMITED"}},
}

var countryByCode = func() map[string]*country {
	m := make(map[string]*country, len(countries))
	for _, c := range countries {
		m[c.code] = c
	}
	return m
}()

// cc returns the country with an ISO code; an unknown code is a bug in the tables and panics.
func cc(code string) *country {
	c, ok := countryByCode[code]
	if !ok {
		panic("sample: unknown country " + code)
	}
	return c
}

// countryDist is a weighted choice of countries, written "CN:45 TW:6 …".
type countryDist struct {
	cs []*country
	w  weighted
}

func parseDist(s string) countryDist {
	var d countryDist
	var ws []float64
	for _, f := range strings.Fields(s) {
		code, w, _ := strings.Cut(f, ":")
		d.cs = append(d.cs, cc(code))
		ws = append(ws, atof(w))
	}
	d.w = newWeighted(ws)
	return d
}

func (d countryDist) pick(r *rng) *country { return d.cs[d.w.pick(r)] }
