package sample

import (
	"strconv"
	"strings"
)

// Russian company names: a stem built from the word parts Russian firms are named with, a legal form, and
// the renderings vendors make of both.

type part struct{ ru, en string } // Cyrillic, and the English-looking spelling firms use in Latin

var (
	ruPrefixes = []part{{"ТЕХНО", "TECHNO"}, {"ПРОМ", "PROM"}, {"СТРОЙ", "STROY"}, {"ЭНЕРГО", "ENERGO"}, {"АГРО", "AGRO"},
		{"ТРАНС", "TRANS"}, {"ИНТЕР", "INTER"}, {"ЕВРО", "EURO"}, {"СИБ", "SIB"}, {"УРАЛ", "URAL"}, {"ВОЛГА", "VOLGA"},
		{"НЕВА", "NEVA"}, {"БАЛТ", "BALT"}, {"МЕТАЛЛ", "METALL"}, {"ЭЛЕКТРО", "ELECTRO"}, {"АВТО", "AUTO"}, {"МЕД", "MED"},
		{"ФАРМ", "PHARM"}, {"ХИМ", "CHEM"}, {"ТЕКС", "TEX"}, {"ГЛОБАЛ", "GLOBAL"}, {"АЛЬФА", "ALFA"}, {"ВЕКТОР", "VECTOR"},
		{"ОПТИМА", "OPTIMA"}, {"СТАНДАРТ", "STANDARD"}, {"СИГМА", "SIGMA"}, {"ДЕЛЬТА", "DELTA"}, {"ПРАЙМ", "PRIME"},
		{"ЛИДЕР", "LEADER"}, {"РОС", "ROS"}, {"ДАЛЬ", "DAL"}, {"ВОСТОК", "VOSTOK"}, {"СЕВЕР", "SEVER"}, {"КАМА", "KAMA"},
		{"АРКТИК", "ARCTIC"}, {"НОРД", "NORD"}, {"ГРАНД", "GRAND"}, {"СОЮЗ", "SOYUZ"}, {"ПОЛИ", "POLY"}, {"МАКС", "MAX"},
		{"НОВО", "NOVO"}, {"ЮНИ", "UNI"}, {"ТЕРМО", "THERMO"}, {"ГИДРО", "HYDRO"}, {"АЭРО", "AERO"}, {"СТАР", "STAR"},
		{"ЭКО", "ECO"}, {"ТАЙГА", "TAIGA"}, {"БАЙКАЛ", "BAIKAL"}, {"АМУР", "AMUR"}, {"ОРИОН", "ORION"}, {"ЗЕНИТ", "ZENIT"},
		{"КРИСТАЛЛ", "CRYSTAL"}, {"МЕГА", "MEGA"}, {"ИМПЕРИАЛ", "IMPERIAL"}, {"ПРОФИ", "PROFI"}, {"СПЕЦ", "SPETS"},
		{"КВАНТ", "QUANT"}, {"ФОРТ", "FORT"}, {"ГЕО", "GEO"}, {"ТЕХНО", "TECHNO"}, {"ЭЛЕКТРО", "ELECTRO"}}
	ruSuffixes = []part{{"СНАБ", "SNAB"}, {"ТОРГ", "TORG"}, {"СЕРВИС", "SERVICE"}, {"КОМ", "COM"}, {"ИМПЕКС", "IMPEX"},
		{"ТРЕЙД", "TRADE"}, {"ЛОГИСТИК", "LOGISTIC"}, {"ГРУПП", "GROUP"}, {"ПРОМ", "PROM"}, {"СТРОЙ", "STROY"},
		{"ТЕХ", "TECH"}, {"ЛАЙН", "LINE"}, {"МАРКЕТ", "MARKET"}, {"СИСТЕМ", "SYSTEM"}, {"ПЛАСТ", "PLAST"},
		{"ЭКСПОРТ", "EXPORT"}, {"ИНВЕСТ", "INVEST"}, {"ОПТ", "OPT"}, {"ЭЛЕКТРОНИКС", "ELECTRONICS"},
		{"КОМПЛЕКТ", "KOMPLEKT"}, {"ПОСТАВКА", "POSTAVKA"}, {"МАШ", "MASH"}, {"ПРИБОР", "PRIBOR"}, {"ДЕТАЛЬ", "DETAL"},
		{"ТЕХНИКА", "TECHNIKA"}, {"ХОЛОД", "HOLOD"}, {"ВЕСТ", "WEST"}, {"ФЛЕКС", "FLEX"}, {"СНАБ", "SNAB"}, {"ТРЕЙД", "TRADE"}}
	ruTails = []part{{"ГРУПП", "GROUP"}, {"ПЛЮС", "PLUS"}, {"М", "M"}, {"ЦЕНТР", "CENTER"}, {"РУС", "RUS"},
		{"СИБИРЬ", "SIBERIA"}, {"УРАЛ", "URAL"}, {"ДВ", "DV"}, {"СПБ", "SPB"}, {"2000", "2000"}, {"21", "21"},
		{"ВОСТОК", "VOSTOK"}, {"ИНТЕРНЕШНЛ", "INTERNATIONAL"}, {"ЮГ", "YUG"}, {"ХОЛДИНГ", "HOLDING"},
		{"ДИСТРИБЬЮЦИЯ", "DISTRIBUTION"}}
	ruLeads = []part{{"ТОРГОВЫЙ ДОМ", "TRADING HOUSE"}, {"ТД", "TD"}, {"ТК", "TK"}, {"ПКФ", "PKF"}, {"НПО", "NPO"},
		{"ГК", "GK"}, {"ВЭД", "VED"}}
)

// ruForm is a Russian legal form: short and long Cyrillic forms, the transliterated abbreviation, and
// English translations.
type ruForm struct{ short, long, lat, eng, engLong string }

var (
	formOOO = ruForm{"ООО", "ОБЩЕСТВО С ОГРАНИЧЕННОЙ ОТВЕТСТВЕННОСТЬЮ", "OOO", "LLC", "LIMITED LIABILITY COMPANY"}
	formAO  = ruForm{"АО", "АКЦИОНЕРНОЕ ОБЩЕСТВО", "AO", "JSC", "JOINT STOCK COMPANY"}
	formZAO = ruForm{"ЗАО", "ЗАКРЫТОЕ АКЦИОНЕРНОЕ ОБЩЕСТВО", "ZAO", "CJSC", "CLOSED JOINT STOCK COMPANY"}
	formPAO = ruForm{"ПАО", "ПУБЛИЧНОЕ АКЦИОНЕРНОЕ ОБЩЕСТВО", "PAO", "PJSC", "PUBLIC JOINT STOCK COMPANY"}
	formOAO = ruForm{"ОАО", "ОТКРЫТОЕ АКЦИОНЕРНОЕ ОБЩЕСТВО", "OAO", "OJSC", "OPEN JOINT STOCK COMPANY"}
	formTOO = ruForm{"ТОО", "ТОВАРИЩЕСТВО С ОГРАНИЧЕННОЙ ОТВЕТСТВЕННОСТЬЮ", "TOO", "LLP", "LIMITED LIABILITY PARTNERSHIP"}
)

// ruRegion is a Russian region: the first two digits of its INNs, its capital and postcodes.
type ruRegion struct {
	inn    string
	region string // "" for the federal cities
	cities []string
	pc     int // first postcode
	w      float64
}

var ruRegions = []ruRegion{
	{"77", "", []string{"Г. МОСКВА"}, 101000, 40},
	{"78", "", []string{"Г. САНКТ-ПЕТЕРБУРГ"}, 190000, 15},
	{"50", "МОСКОВСКАЯ ОБЛ.", []string{"Г. ХИМКИ", "Г. ПОДОЛЬСК", "Г. БАЛАШИХА", "Г. ЛЮБЕРЦЫ", "Г. МЫТИЩИ"}, 140000, 8},
	{"25", "ПРИМОРСКИЙ КРАЙ", []string{"Г. ВЛАДИВОСТОК", "Г. УССУРИЙСК", "Г. НАХОДКА"}, 690000, 5},
	{"66", "СВЕРДЛОВСКАЯ ОБЛ.", []string{"Г. ЕКАТЕРИНБУРГ"}, 620000, 4},
	{"54", "НОВОСИБИРСКАЯ ОБЛ.", []string{"Г. НОВОСИБИРСК"}, 630000, 3},
	{"16", "РЕСПУБЛИКА ТАТАРСТАН", []string{"Г. КАЗАНЬ", "Г. НАБЕРЕЖНЫЕ ЧЕЛНЫ"}, 420000, 3},
	{"23", "КРАСНОДАРСКИЙ КРАЙ", []string{"Г. КРАСНОДАР", "Г. НОВОРОССИЙСК"}, 350000, 4},
	{"39", "КАЛИНИНГРАДСКАЯ ОБЛ.", []string{"Г. КАЛИНИНГРАД"}, 236000, 2},
	{"61", "РОСТОВСКАЯ ОБЛ.", []string{"Г. РОСТОВ-НА-ДОНУ", "Г. ТАГАНРОГ"}, 344000, 3},
	{"52", "НИЖЕГОРОДСКАЯ ОБЛ.", []string{"Г. НИЖНИЙ НОВГОРОД"}, 603000, 2},
	{"74", "ЧЕЛЯБИНСКАЯ ОБЛ.", []string{"Г. ЧЕЛЯБИНСК"}, 454000, 2},
	{"18", "УДМУРТСКАЯ РЕСПУБЛИКА", []string{"Г. ИЖЕВСК"}, 426000, 1},
	{"63", "САМАРСКАЯ ОБЛ.", []string{"Г. САМАРА", "Г. ТОЛЬЯТТИ"}, 443000, 2},
	{"24", "КРАСНОЯРСКИЙ КРАЙ", []string{"Г. КРАСНОЯРСК"}, 660000, 1},
	{"38", "ИРКУТСКАЯ ОБЛ.", []string{"Г. ИРКУТСК"}, 664000, 1},
	{"27", "ХАБАРОВСКИЙ КРАЙ", []string{"Г. ХАБАРОВСК"}, 680000, 1},
	{"02", "РЕСПУБЛИКА БАШКОРТОСТАН", []string{"Г. УФА"}, 450000, 1},
}

var ruRegionW = func() weighted {
	ws := make([]float64, len(ruRegions))
	for i, rg := range ruRegions {
		ws[i] = rg.w
	}
	return newWeighted(ws)
}()

var (
	ruStreets = []string{"ЛЕНИНА", "СОВЕТСКАЯ", "МИРА", "ПРОФСОЮЗНАЯ", "ПРОМЫШЛЕННАЯ", "ЗАВОДСКАЯ", "ГАГАРИНА",
		"ПУШКИНА", "КИРОВА", "ОКТЯБРЬСКАЯ", "САДОВАЯ", "ЛЕСНАЯ", "ЦЕНТРАЛЬНАЯ", "МОЛОДЕЖНАЯ", "ВОКЗАЛЬНАЯ",
		"СТРОИТЕЛЕЙ", "ЭНТУЗИАСТОВ", "ЛОМОНОСОВА", "СВЕРДЛОВА", "ДЗЕРЖИНСКОГО", "ТРУДА", "КОМСОМОЛЬСКАЯ",
		"НОВАЯ", "ПОБЕДЫ", "СКЛАДСКАЯ", "ТРАНСПОРТНАЯ", "ИНДУСТРИАЛЬНАЯ", "ВАРШАВСКАЯ", "ОБВОДНОГО КАНАЛА"}
	ruStreetTypes = []string{"УЛ.", "УЛ.", "УЛ.", "УЛ.", "УЛ.", "ПР-КТ", "Ш.", "ПЕР.", "НАБ.", "Б-Р", "ПРОЕЗД"}
	mskDistricts  = []string{"ХАМОВНИКИ", "ТВЕРСКОЙ", "ДАНИЛОВСКИЙ", "ЛЕФОРТОВО", "ПРЕСНЕНСКИЙ", "МАРЬИНО", "СОКОЛ", "НАГАТИНСКИЙ ЗАТОН"}
	romans        = []string{"I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X"}
)

// ruAddress returns a Russian address in Cyrillic and its Latin rendering (ending with the country).
func ruAddress(r *rng, rg ruRegion) (string, string) {
	var b strings.Builder
	b.WriteString(strconv.Itoa(rg.pc + r.intn(100)*10 + r.intn(10)))
	b.WriteString(", ")
	if rg.region != "" {
		b.WriteString(rg.region)
		b.WriteString(", ")
	}
	b.WriteString(pickStr(r, rg.cities))
	b.WriteString(", ")
	if rg.inn == "77" && r.chance(0.2) {
		b.WriteString("ВН.ТЕР.Г. МУНИЦИПАЛЬНЫЙ ОКРУГ ")
		b.WriteString(pickStr(r, mskDistricts))
		b.WriteString(", ")
	}
	b.WriteString(pickStr(r, ruStreetTypes))
	b.WriteString(" ")
	b.WriteString(pickStr(r, ruStreets))
	b.WriteString(", Д. ")
	b.WriteString(strconv.Itoa(1 + r.intn(120)))
	if r.chance(0.35) {
		b.WriteString(", СТР. ")
		b.WriteString(strconv.Itoa(1 + r.intn(9)))
	}
	switch r.intn(4) {
	case 0:
		b.WriteString(", ОФИС ")
		b.WriteString(strconv.Itoa(1 + r.intn(900)))
	case 1:
		b.WriteString(", ПОМЕЩ. ")
		b.WriteString(pickStr(r, romans))
		b.WriteString(", КОМН. ")
		b.WriteString(strconv.Itoa(1 + r.intn(40)))
	case 2:
		b.WriteString(", ЭТАЖ ")
		b.WriteString(strconv.Itoa(1 + r.intn(12)))
		b.WriteString(", ПОМ. ")
		b.WriteString(strconv.Itoa(1 + r.intn(60)))
	}
	ru := b.String()
	return ru, translit(ru, tlBGN) + ", RUSSIAN FEDERATION"
}

// Russian personal names, for sole traders (ИП).
var (
	ruSurnames = []string{"ИВАНОВ", "СМИРНОВ", "КУЗНЕЦОВ", "ПОПОВ", "ВАСИЛЬЕВ", "ПЕТРОВ", "СОКОЛОВ", "МИХАЙЛОВ",
		"НОВИКОВ", "ФЕДОРОВ", "МОРОЗОВ", "ВОЛКОВ", "АЛЕКСЕЕВ", "ЛЕБЕДЕВ", "СЕМЕНОВ", "ЕГОРОВ", "ПАВЛОВ", "КОЗЛОВ",
		"СТЕПАНОВ", "НИКОЛАЕВ", "ОРЛОВ", "АНДРЕЕВ", "МАКАРОВ", "НИКИТИН", "ЗАХАРОВ", "ЗАЙЦЕВ", "СОЛОВЬЕВ", "БОРИСОВ",
		"ЯКОВЛЕВ", "ГРИГОРЬЕВ", "РОМАНОВ", "ВОРОБЬЕВ", "СЕРГЕЕВ", "КУЗЬМИН", "ФРОЛОВ", "АЛЕКСАНДРОВ", "ДМИТРИЕВ",
		"КОРОЛЕВ", "ГУСЕВ", "КИСЕЛЕВ", "ИЛЬИН", "МАКСИМОВ", "ПОЛЯКОВ", "СОРОКИН", "ВИНОГРАДОВ", "КОВАЛЕВ", "БЕЛОВ",
		"МЕДВЕДЕВ", "АНТОНОВ", "ТАРАСОВ", "ЖУКОВ", "БАРАНОВ", "ФИЛИППОВ", "КОМАРОВ", "ДАВЫДОВ", "БЕЛЯЕВ", "ГЕРАСИМОВ",
		"БОГДАНОВ", "ОСИПОВ", "СИДОРОВ", "МАТВЕЕВ", "ТИТОВ", "МАРКОВ", "МИРОНОВ", "КРЫЛОВ", "КУЛИКОВ", "КАРПОВ",
		"ВЛАСОВ", "МЕЛЬНИКОВ", "ДЕНИСОВ", "ГАВРИЛОВ", "ТИХОНОВ", "КАЗАКОВ", "АФАНАСЬЕВ", "ДАНИЛОВ", "САВЕЛЬЕВ",
		"ТИМОФЕЕВ", "ФОМИН", "ЧЕРНОВ", "АБРАМОВ", "МАРТЫНОВ", "ЕФИМОВ", "ЩЕРБАКОВ", "НАЗАРОВ", "КАЛИНИН", "ИСАЕВ",
		"ГРИГОРЯН", "ПЕТРОСЯН", "АЛИЕВ", "МАМЕДОВ", "ХАСАНОВ", "ШЕВЧЕНКО", "КОВАЛЕНКО", "БОНДАРЕНКО"}
	ruMale = []string{"АЛЕКСАНДР", "СЕРГЕЙ", "ДМИТРИЙ", "АНДРЕЙ", "АЛЕКСЕЙ", "МАКСИМ", "ЕВГЕНИЙ", "ИВАН", "МИХАИЛ",
		"АРТЕМ", "ИГОРЬ", "ВЛАДИМИР", "НИКОЛАЙ", "ОЛЕГ", "ПАВЕЛ", "РОМАН", "ВИКТОР", "ДЕНИС", "АНТОН", "ЮРИЙ",
		"КОНСТАНТИН", "ВАДИМ", "ИЛЬЯ", "КИРИЛЛ", "ВИТАЛИЙ", "РУСЛАН", "ТИМУР", "АРТУР"}
	ruFemale = []string{"ЕЛЕНА", "ОЛЬГА", "НАТАЛЬЯ", "ТАТЬЯНА", "ИРИНА", "СВЕТЛАНА", "АННА", "МАРИЯ", "ЕКАТЕРИНА",
		"ЮЛИЯ", "ЛЮДМИЛА", "ГАЛИНА", "ОКСАНА", "МАРИНА", "ВИКТОРИЯ", "АЛИНА", "ДАРЬЯ"}
	ruPatronymics = [][2]string{{"АЛЕКСАНДРОВИЧ", "АЛЕКСАНДРОВНА"}, {"СЕРГЕЕВИЧ", "СЕРГЕЕВНА"}, {"ДМИТРИЕВИЧ", "ДМИТРИЕВНА"},
		{"АНДРЕЕВИЧ", "АНДРЕЕВНА"}, {"ВЛАДИМИРОВИЧ", "ВЛАДИМИРОВНА"}, {"НИКОЛАЕВИЧ", "НИКОЛАЕВНА"}, {"ИВАНОВИЧ", "ИВАНОВНА"},
		{"МИХАЙЛОВИЧ", "МИХАЙЛОВНА"}, {"ВИКТОРОВИЧ", "ВИКТОРОВНА"}, {"ЮРЬЕВИЧ", "ЮРЬЕВНА"}, {"ПЕТРОВИЧ", "ПЕТРОВНА"},
		{"АНАТОЛЬЕВИЧ", "АНАТОЛЬЕВНА"}, {"ОЛЕГОВИЧ", "ОЛЕГОВНА"}, {"ВАСИЛЬЕВИЧ", "ВАСИЛЬЕВНА"}, {"ЕВГЕНЬЕВИЧ", "ЕВГЕНЬЕВНА"},
		{"ИГОРЕВИЧ", "ИГОРЕВНА"}}
)

// person returns a surname, first name and patronymic.
func person(r *rng, surnames, male, female []string) (string, string, string) {
	f := pickStr(r, surnames)
	p := ruPatronymics[r.intn(len(ruPatronymics))]
	if r.chance(0.7) {
		return f, pickStr(r, male), p[0]
	}
	switch {
	case strings.HasSuffix(f, "ОВ"), strings.HasSuffix(f, "ЕВ"), strings.HasSuffix(f, "ИН"), strings.HasSuffix(f, "ЫН"):
		f += "А"
	}
	return f, pickStr(r, female), p[1]
}

func initial(s string) string {
	for _, r := range s {
		return string(r) + "."
	}
	return ""
}

// personVariants returns the Cyrillic and Latin forms of a sole trader's name with a prefix ("ИП").
func personVariants(short, long, lat, eng string, f, i, o string) ([]string, []string) {
	fio := f + " " + i + " " + o
	names := []string{short + " " + fio, short + " " + titleCase(fio), long + " " + fio, short + " " + f + " " + initial(i) + initial(o)}
	b := translit(fio, tlBGN)
	latin := []string{lat + " " + b, eng + " " + b, lat + " " + translit(f+" "+initial(i)+initial(o), tlBGN),
		lat + " " + translit(fio, tlICAO), titleCase(lat) + " " + titleCase(b)}
	return names, dedupe(latin)
}

func dedupe(ss []string) []string {
	out := ss[:0]
	seen := map[string]bool{}
	for _, s := range ss {
		if !seen[s] {
			seen[s] = true
			out = append(out, s)
		}
	}
	return out
}

// front moves element i of ss to the front: the company's usual form.
func front(ss []string, i int) []string {
	if i > 0 && i < len(ss) {
		ss[0], ss[i] = ss[i], ss[0]
	}
	return ss
}

// orgVariants returns the Cyrillic and Latin forms of an organisation's name: stem is Cyrillic, en the
// English-looking spelling the firm itself uses, addrEn is glued to one garbled Latin form.
func orgVariants(r *rng, f ruForm, stem, en, addrEn string) ([]string, []string) {
	names := []string{
		f.short + ` "` + stem + `"`,
		f.short + " " + stem,
		f.long + ` "` + stem + `"`,
		f.short + " «" + stem + "»",
		stem + " " + f.short,
	}
	if r.chance(0.3) {
		names = append(names, f.short+` "`+typo(r, stem)+`"`)
	}
	names = front(names, [3]int{0, 1, 2}[weightedIndex(r, 0.5, 0.3)])
	b := translit(stem, tlBGN)
	latin := []string{
		f.lat + " " + b,
		f.eng + " " + b,
		f.engLong + " " + b,
		en + " " + f.eng,
		f.lat + " " + translit(stem, tlSimple),
		translit(f.long, tlBGN) + " " + b,
		f.lat + " " + translit(stem, tlICAO),
	}
	if r.chance(0.25) {
		latin = append(latin, f.lat+" "+b+" "+stripPunct(firstParts(addrEn, 3)))
	}
	if r.chance(0.2) {
		latin = append(latin, f.lat+" "+typo(r, b))
	}
	latin = front(latin, [4]int{0, 1, 2, 3}[weightedIndex(r, 0.45, 0.25, 0.15)])
	return dedupe(names), dedupe(latin)
}

// weightedIndex returns 0 with probability p[0], 1 with p[1] …, and len(p) with what is left.
func weightedIndex(r *rng, p ...float64) int {
	x := r.float()
	for i, q := range p {
		if x < q {
			return i
		}
		x -= q
	}
	return len(p)
}

func firstParts(s string, n int) string {
	parts := strings.SplitN(s, ", ", n+1)
	if len(parts) > n {
		parts = parts[:n]
	}
	return strings.Join(parts, " ")
}

var punct = strings.NewReplacer(",", "", ".", "", `"`, "", "«", "", "»", "")

func stripPunct(s string) string { return punct.Replace(s) }

// ruStem invents a distinctive Russian company name and its English-looking spelling.
func ruStem(r *rng, seen map[string]bool) (string, string) {
	for try := 0; ; try++ {
		p, s := ruPrefixes[r.intn(len(ruPrefixes))], ruSuffixes[r.intn(len(ruSuffixes))]
		var ru, en string
		switch weightedIndex(r, 0.45, 0.15, 0.2, 0.1) {
		case 0:
			ru, en = p.ru+s.ru, p.en+s.en
		case 1:
			ru, en = p.ru+"-"+s.ru, p.en+"-"+s.en
		case 2:
			t := ruTails[r.intn(len(ruTails))]
			ru, en = p.ru+s.ru+" "+t.ru, p.en+s.en+" "+t.en
		case 3:
			l := ruLeads[r.intn(len(ruLeads))]
			ru, en = l.ru+" "+p.ru+s.ru, l.en+" "+p.en+s.en
		default:
			t := ruTails[r.intn(len(ruTails))]
			ru, en = p.ru+" "+t.ru, p.en+" "+t.en
		}
		if try >= 30 { // the combinations are running out: number the name, as firms do ("ВЕКТОР-2")
			n := strconv.Itoa(2 + try/30)
			ru, en = ru+"-"+n, en+"-"+n
		}
		if !seen[ru] {
			seen[ru] = true
			return ru, en
		}
	}
}

func newRussianCompany(r *rng, seen map[string]bool) *company {
	rg := ruRegions[ruRegionW.pick(r)]
	c := &company{country: cc("RU")}
	c.addr, c.addrEn = ruAddress(r, rg)
	c.city = translit(strings.TrimPrefix(rg.cities[0], "Г. "), tlBGN)
	innPrefix := rg.inn + strconv.Itoa(10+r.intn(40))
	if r.chance(0.1) {
		f, i, o := person(r, ruSurnames, ruMale, ruFemale)
		c.names, c.latin = personVariants("ИП", "ИНДИВИДУАЛЬНЫЙ ПРЕДПРИНИМАТЕЛЬ", "IP", "INDIVIDUAL ENTREPRENEUR", f, i, o)
		c.stem = translit(f, tlBGN)
		c.id = makeINN(r, innPrefix, true)
		return c
	}
	form := formOOO
	switch weightedIndex(r, 0.8, 0.09, 0.05, 0.03) {
	case 1:
		form = formAO
	case 2:
		form = formZAO
	case 3:
		form = formOAO
	case 4:
		form = formPAO
	}
	stem, en := ruStem(r, seen)
	c.names, c.latin = orgVariants(r, form, stem, en, c.addrEn)
	c.stem = en
	c.id = makeINN(r, innPrefix, false)
	return c
}

// Kazakh companies: ТОО (LLP) names mixing Kazakh and Russian words; the Kazakh letters are kept here and
// folded to Russian ones only where a file's code page lacks them.
var (
	kzWords = []part{{"ҚАЗАҚ", "QAZAQ"}, {"АСТАНА", "ASTANA"}, {"АЛМАТЫ", "ALMATY"}, {"САРЫАРҚА", "SARYARQA"},
		{"ЖЕТІСУ", "ZHETISU"}, {"ТҰРАН", "TURAN"}, {"ӘЛЕМ", "ALEM"}, {"НҰР", "NUR"}, {"ҚАЗЫНА", "QAZYNA"},
		{"КӨКТЕМ", "KOKTEM"}, {"ШЫҒЫС", "SHYGYS"}, {"БАТЫС", "BATYS"}, {"АЛТЫН", "ALTYN"}, {"АҚ ЖОЛ", "AK ZHOL"},
		{"БАЙТЕРЕК", "BAITEREK"}, {"ДАЛА", "DALA"}, {"ЖҰЛДЫЗ", "ZHULDYZ"}, {"ЕВРАЗИЯ", "EURASIA"}, {"КАЗ", "KAZ"},
		{"ИРТЫШ", "IRTYSH"}, {"ТАРЛАН", "TARLAN"}, {"ХАН ТЕНГРИ", "KHAN TENGRI"}}
	kzCities = []struct {
		ru, en string
		pc     int
	}{{"Г. АЛМАТЫ", "ALMATY", 50000}, {"Г. АСТАНА", "ASTANA", 10000},
		{"Г. ШЫМКЕНТ", "SHYMKENT", 160000}, {"Г. КАРАГАНДА", "KARAGANDA", 100000}, {"Г. АКТОБЕ", "AKTOBE", 30000},
		{"Г. ПАВЛОДАР", "PAVLODAR", 140000}, {"Г. УСТЬ-КАМЕНОГОРСК", "UST-KAMENOGORSK", 70000}}
	kzStreets = []string{"ПР. АБАЯ", "ПР. ДОСТЫК", "ПР. АЛЬ-ФАРАБИ", "УЛ. ТОЛЕ БИ", "УЛ. ЖИБЕК ЖОЛЫ", "УЛ. РАЙЫМБЕКА",
		"УЛ. СЕЙФУЛЛИНА", "УЛ. КАБАНБАЙ БАТЫРА", "ПР. РЕСПУБЛИКИ", "ПР. ТӘУЕЛСІЗДІК", "УЛ. СӘТПАЕВА", "МКР. САМАЛ-2"}
	kzSurnames = []string{"АХМЕТОВ", "НУРЛАНОВ", "ЖАКСЫБЕКОВ", "СЕРИКОВ", "ОМАРОВ", "КАСЫМОВ", "АБДРАХМАНОВ", "ЕСЕНОВ",
		"ИСМАИЛОВ", "ТУРСУНОВ", "АЙТБАЕВ", "ДЖАКУПОВ", "КЕНЖЕБАЕВ", "МУКАНОВ", "ЖУМАБЕКОВ", "САДЫКОВ", "ИВАНОВ", "КИМ"}
	kzMale   = []string{"АСХАТ", "ЕРЛАН", "НУРЛАН", "ДАУРЕН", "АЙДАР", "БАУЫРЖАН", "МАРАТ", "ЕРЖАН", "АЛЕКСАНДР"}
	kzFemale = []string{"ЖАНАР", "АЙГУЛЬ", "ГУЛЬНАРА", "ДИНАРА", "САУЛЕ", "ӘСЕЛ"}
)

func kzAddress(r *rng) (ru, en, city string) {
	c := kzCities[r.intn(len(kzCities))]
	ru = padN(c.pc+r.intn(90)*10, 6) + ", РЕСПУБЛИКА КАЗАХСТАН, " + c.ru + ", " + pickStr(r, kzStreets) +
		", Д. " + strconv.Itoa(1+r.intn(300))
	if r.chance(0.6) {
		ru += ", ОФ. " + strconv.Itoa(1+r.intn(400))
	}
	en = translit(strings.Replace(ru, "РЕСПУБЛИКА КАЗАХСТАН, ", "", 1), tlBGN) + ", KAZAKHSTAN"
	return ru, en, c.en
}

func newKazakhCompany(r *rng, seen map[string]bool) *company {
	c := &company{country: cc("KZ")}
	c.addr, c.addrEn, c.city = kzAddress(r)
	c.id = makeBIN(r, 5+r.intn(17), 1+r.intn(12))
	if r.chance(0.12) {
		f, i, o := person(r, kzSurnames, kzMale, kzFemale)
		c.names, c.latin = personVariants("ИП", "ИНДИВИДУАЛЬНЫЙ ПРЕДПРИНИМАТЕЛЬ", "IP", "INDIVIDUAL ENTREPRENEUR", f, i, o)
		c.stem = translit(f, tlBGN)
		return c
	}
	var stem, en string
	for try := 0; ; try++ {
		w := kzWords[r.intn(len(kzWords))]
		s := ruSuffixes[r.intn(len(ruSuffixes))]
		if w.ru == "КАЗ" {
			p := ruPrefixes[r.intn(len(ruPrefixes))]
			stem, en = w.ru+p.ru+s.ru, w.en+p.en+s.en
		} else if r.chance(0.5) {
			stem, en = w.ru+" "+s.ru, w.en+" "+s.en
		} else {
			t := ruTails[r.intn(len(ruTails))]
			stem, en = w.ru+"-"+t.ru, w.en+"-"+t.en
		}
		if try >= 30 {
			n := strconv.Itoa(2 + try/30)
			stem, en = stem+" "+n, en+" "+n
		}
		if !seen[stem] {
			seen[stem] = true
			break
		}
	}
	form := formTOO
	if r.chance(0.08) {
		form = formAO
	}
	c.names, c.latin = orgVariants(r, form, stem, en, c.addrEn)
	c.stem = en
	return c
}
