package sample

import (
	"strconv"
	"strings"
)

// Emirati trading companies, post-Soviet traders written in Latin letters, and the generic companies of
// every other country.

var (
	aeStems = []string{"AL NOOR", "GULF STAR", "EMIRATES LINK", "DESERT ROSE", "AL BARAKA", "FALCON", "OASIS", "PALM",
		"SKY LINE", "AL RASHID", "BLUE OCEAN", "GOLDEN SANDS", "NEW HORIZON", "AL MANSOOR", "ORIENT", "CRESCENT",
		"AL FAJR", "AL SAFA", "AL WAHDA", "MARINA", "SILVER LINE", "AL HILAL", "PEARL", "DUNES", "ARABIAN", "NOBLE",
		"ROYAL BRIDGE", "SEVEN SEAS", "AL ZAHRA", "BURJ", "JUMEIRAH", "AL KHALEEJ", "STAR LINK", "TRANSWORLD",
		"EURASIA", "SILK ROAD", "UNITED GULF", "AL TAWFIQ", "AL AMAL", "NORTHERN LIGHTS", "VOLGA", "BALTIC STAR"}
	aeSectors = []string{"GENERAL TRADING", "GENERAL TRADING", "GENERAL TRADING", "ELECTRONICS TRADING",
		"AUTO SPARE PARTS TRADING", "TECHNOLOGIES", "INTERNATIONAL", "LOGISTICS", "MACHINERY & EQUIPMENT TRADING",
		"FOODSTUFF TRADING", "TEXTILES TRADING", "COMPUTER TRADING", "INDUSTRIAL SUPPLIES"}
	aeSecond = []string{"STAR", "GLOBAL", "PRIME", "ROYAL", "GOLDEN", "MIDDLE EAST", "INTERNATIONAL", "GROUP", "BROTHERS",
		"EXPRESS", "ONE", "PLUS", "ASIA", "TECH", "LINE", "EMIRATES", "UNIVERSAL", "SUPREME", "CAPITAL", "HORIZON"}
	aeForms  = []string{"L.L.C", "L.L.C", "LLC", "FZE", "FZE", "FZCO", "DMCC", "FZ-LLC"}
	aeAreas  = []string{"DEIRA", "BUR DUBAI", "AL QUSAIS", "JEBEL ALI FREE ZONE", "JUMEIRAH LAKES TOWERS", "BUSINESS BAY", "DUBAI AIRPORT FREEZONE", "AL RAS", "NAIF", "PORT SAEED"}
	aeBuilds = []string{"AL ATTAR BUSINESS TOWER", "AL MUSALLA TOWER", "CONCORD TOWER", "PLATINUM TOWER", "API WORLD TOWER",
		"AL MANARA BUILDING", "GOLD & DIAMOND PARK", "CITY TOWER 2", "BAYSWATER TOWER"}
)

// aeVariants returns the forms of an Emirati company's name.
func aeVariants(r *rng, stem, sector, form string) []string {
	base := stem + " " + sector
	vs := []string{base + " " + form}
	switch form {
	case "L.L.C", "LLC":
		vs = append(vs, base+" LLC", base+" L.L.C.", strings.Replace(base, "GENERAL TRADING", "GEN. TRADING", 1)+" L.L.C",
			strings.Replace(base, "GENERAL TRADING", "GEN TRDG", 1)+" LLC", base+" CO. L.L.C", base)
	case "FZE":
		vs = append(vs, base+" F.Z.E.", base+" FZE (DUBAI)", base+" FREE ZONE ESTABLISHMENT")
	case "FZCO":
		vs = append(vs, base+" F.Z.CO", base+" FZ CO")
	default:
		vs = append(vs, base+" "+strings.ReplaceAll(form, "-", " "), base)
	}
	if strings.HasPrefix(stem, "AL ") {
		vs = append(vs, "AL-"+strings.TrimPrefix(base, "AL ")+" "+form, strings.Replace(base, "AL ", "AL", 1)+" "+form)
	}
	if r.chance(0.2) {
		vs = append(vs, typo(r, base)+" "+form)
	}
	return dedupe(vs)
}

func aeAddress(r *rng, city string) string {
	switch city {
	case "SHARJAH":
		return "WAREHOUSE NO. " + strconv.Itoa(1+r.intn(90)) + ", SAIF ZONE, SHARJAH, UNITED ARAB EMIRATES"
	case "DUBAI":
		area := pickStr(r, aeAreas)
		if strings.Contains(area, "FREE") {
			return "PLOT NO. S" + strconv.Itoa(10000+r.intn(90000)) + ", " + area + ", DUBAI, UNITED ARAB EMIRATES"
		}
		return "OFFICE " + strconv.Itoa(100*(1+r.intn(30))+1+r.intn(20)) + ", " + pickStr(r, aeBuilds) + ", " + area +
			", DUBAI, UNITED ARAB EMIRATES"
	}
	return "OFFICE " + strconv.Itoa(1+r.intn(900)) + ", " + city + ", UNITED ARAB EMIRATES"
}

func newEmiratiCompany(r *rng, seen map[string]bool) *company {
	ae := cc("AE")
	c := &company{country: ae, id: makeDigits(r, "100", 15), city: pickStr(r, ae.cities)}
	var stem, sector string
	for try := 0; ; try++ {
		stem, sector = pickStr(r, aeStems), pickStr(r, aeSectors)
		if r.chance(0.4) || try >= 10 {
			stem += " " + pickStr(r, aeSecond)
		}
		if try >= 40 {
			stem += " " + strconv.Itoa(1+try/40)
		}
		if !seen["AE"+stem+sector] {
			seen["AE"+stem+sector] = true
			break
		}
	}
	c.names = aeVariants(r, stem, sector, pickStr(r, aeForms))
	c.latin = c.names
	c.addrEn = aeAddress(r, c.city)
	c.addr = c.addrEn
	c.stem = strings.ReplaceAll(stem, " ", "")
	return c
}

var cisLocal = map[string][]string{
	"KG": {"KYRGYZ", "ALA-TOO", "ISSYK-KUL", "TENGRI", "MANAS", "BISHKEK"},
	"AM": {"ARARAT", "YEREVAN", "SEVAN", "MASIS", "NAIRI", "ARMEN", "ARAGATS"},
	"UZ": {"SAMARKAND", "TURON", "OQ YOL", "ORIENT", "BUKHARA"},
	"BY": {"BELTECH", "MINSK", "NEMAN", "BELAZ", "SVISLOCH"},
	"GE": {"KARTLI", "IBERIA", "COLCHIS", "RUSTAVI", "KAVKASIA"},
	"AZ": {"ABSHERON", "CASPIAN", "KHAZAR", "GANJA"},
}

// newCISCompany invents a trader of a post-Soviet state, named the Russian way and written in Latin.
func newCISCompany(r *rng, c *country, seen map[string]bool) *company {
	co := &company{country: c, city: pickStr(r, c.cities)}
	var stem string
	for try := 0; ; try++ {
		if r.chance(0.4) {
			stem = pickStr(r, cisLocal[c.code]) + " " + ruSuffixes[r.intn(len(ruSuffixes))].en
		} else {
			p, s := ruPrefixes[r.intn(len(ruPrefixes))], ruSuffixes[r.intn(len(ruSuffixes))]
			stem = translit(p.ru+s.ru, tlBGN)
		}
		if try >= 30 {
			stem += "-" + strconv.Itoa(2+try/30)
		}
		if !seen[c.code+stem] {
			seen[c.code+stem] = true
			break
		}
	}
	form := c.forms[r.intn(len(c.forms))]
	co.names = dedupe([]string{stem + " " + form, form + " " + stem, form + ` "` + stem + `"`, stem, typo(r, stem) + " " + form})
	if r.chance(0.5) {
		co.names = front(co.names, 1)
	}
	co.latin = co.names
	co.addrEn = pickStr(r, []string{"UL. ", "STR. ", ""}) + strings.ToUpper(pickStr(r, trStreetWords)) + " " +
		strconv.Itoa(1+r.intn(200)) + ", " + co.city + ", " + c.en
	co.addr = co.addrEn
	co.stem = strings.Fields(stem)[0]
	co.id = makeDigits(r, "", 9)
	return co
}

var (
	latinA = []string{"NORD", "EURO", "ALPHA", "OMEGA", "TECH", "PRIME", "GLOBAL", "INTER", "TRANS", "MEGA", "NOVA", "STAR",
		"SUN", "BLUE", "GREEN", "ATLAS", "DELTA", "SIGMA", "VECTOR", "APEX", "VERTEX", "ZENITH", "ORION", "POLAR",
		"MERIDIAN", "PACIFIC", "CONTINENTAL", "UNITED", "ROYAL", "CROWN", "SUMMIT", "FIRST", "UNI", "MAXI", "OPTI",
		"ELECTRO", "MECHA", "HYDRO", "THERMO", "AGRO", "MEDI", "BIO", "CHEM", "PLAST", "STEEL", "AUTO", "INDU",
		"SOLAR", "TERRA", "AQUA", "AERO", "QUANT", "NEXUS", "FUSION", "CORE", "AXIS", "HORIZON", "HARBOR", "BRIDGE",
		"WAVE", "LINK", "SMART", "RAPID", "SWIFT", "DYNAMIC", "IMPERIAL", "GOLDEN", "SILVER", "HANSA", "RHEIN", "ALPEN",
		"BALTIC", "NORDIC", "IBERIA", "LOMBARD", "DANUBE", "ADRIA", "CARPAT", "SHREE", "GANESH", "BHARAT", "SUPREME",
		"KRISHNA", "SAKURA", "FUJI", "HANA", "DAEHAN", "FORMOSA", "SIAM", "MEKONG", "BALKAN", "DUNAV", "MORAVA",
		"GOLDEN LAND", "YADANAR", "SHWE", "AYEYARWADY", "AL AMIN", "AL HAYAT", "ANDES", "PAMPA", "SERRA", "NILE"}
	latinB = []string{"TEC", "TRONIC", "TRONICS", "LINE", "WAY", "MAX", "LAND", "FLEX", "PORT", "CO", "X", "ON", "IS", "IA",
		"EX", "NET", "SYS", "LOGIC", "", "", "", ""}
	latinSectors = [numGroups][]string{
		{"MACHINERY", "EQUIPMENT", "INDUSTRIES", "ENGINEERING"},
		{"ELECTRONICS", "COMPONENTS", "TECHNOLOGIES", "SYSTEMS", "SEMICONDUCTORS"},
		{"INSTRUMENTS", "MEDICAL", "SCIENTIFIC"},
		{"CHEMICALS", "POLYMERS", "MATERIALS"},
		{"TEXTILES", "FASHION", "APPAREL"},
		{"FOODS", "AGRO", "FRESH PRODUCE", "BEVERAGES"},
		{"AUTOMOTIVE", "AUTO PARTS", "MOTORS"},
		{"CERAMICS", "BUILDING MATERIALS", "STONE"},
		{"METALS", "STEEL", "ALLOYS"},
		{"HOME", "FURNITURE", "CONSUMER PRODUCTS"},
		{"TIMBER", "PAPER"},
		{"COSMETICS", "BEAUTY"},
		{"OUTDOOR", "SPORTING GOODS"},
	}
	latinTraders = []string{"TRADING", "SUPPLY", "DISTRIBUTION", "INTERNATIONAL", "GROUP", "IMPORT EXPORT", "EXPORTS", "OVERSEAS"}
)

// latinVariants returns the forms of a generic company's name: with the legal form dotted or not, without
// it, glued to the city and country (a vendor habit), or misspelt.
func latinVariants(r *rng, base, form, city, country string) []string {
	prefix := strings.HasSuffix(form, " ")
	with := func(f string) string {
		if prefix {
			return f + base
		}
		return base + " " + f
	}
	vs := []string{with(form), with(strings.ReplaceAll(form, ".", "")), with(strings.ReplaceAll(form, ", ", ",")), base}
	if r.chance(0.3) {
		vs = append(vs, with(form)+" "+city+" "+country)
	}
	if r.chance(0.2) {
		vs = append(vs, with(strings.TrimSpace(typo(r, base))+" "+form))
	}
	for i := range vs {
		vs[i] = strings.TrimSpace(vs[i])
	}
	return dedupe(vs)
}

// newLatinCompany invents a company of any other country.
func newLatinCompany(r *rng, c *country, seen map[string]bool) *company {
	co := &company{country: c, city: pickStr(r, c.cities)}
	g := r.intn(numGroups)
	var base string
	for try := 0; ; try++ {
		stem := pickStr(r, latinA)
		if len(stem) <= 5 {
			stem += pickStr(r, latinB)
		}
		if try >= 30 {
			stem += " " + pickStr(r, latinA)
		}
		if c.words != nil && r.chance(0.3) {
			base = stem + " " + pickStr(r, c.words)
		} else if r.chance(0.3) {
			base = stem + " " + pickStr(r, latinTraders)
		} else {
			base = stem + " " + pickStr(r, latinSectors[g])
			co.groups = []int{g}
		}
		if !seen[c.code+base] {
			seen[c.code+base] = true
			co.stem = stem
			break
		}
	}
	co.names = latinVariants(r, base, pickStr(r, c.forms), co.city, c.en)
	co.latin = co.names
	co.addrEn = strconv.Itoa(1+r.intn(250)) + " " + pickStr(r, latinA) + " " +
		pickStr(r, []string{"STREET", "ROAD", "AVENUE", "STRASSE", "VIA", "RUE", "WAY"}) + ", " + co.city + ", " + c.en
	co.addr = co.addrEn
	return co
}
