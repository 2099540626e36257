package sample

import (
	"strconv"
	"strings"
)

// Turkish companies: a family or place name, a sector, and the legal form in its long and abbreviated
// spellings (SANAYİ VE TİCARET LİMİTED ŞİRKETİ = SAN. VE TİC. LTD. ŞTİ.), with diacritics or folded to
// ASCII, or translated into English.

var (
	trStems = []string{"ÖZKAN", "YILDIZ", "DEMİR", "AKSOY", "KARADENİZ", "ANADOLU", "MARMARA", "EGE", "TOROS",
		"ERCİYES", "KOÇAK", "ŞAHİN", "ARSLAN", "ÇELİKER", "DOĞAN", "GÜNEŞ", "KAYA", "ERDEM", "ATLAS", "OLİMPOS",
		"TEKNO", "MEGA", "NOVA", "ASYA", "AVRASYA", "BOĞAZİÇİ", "AKDENİZ", "KARTAL", "ÖZTÜRK", "POLAT", "AYDIN",
		"ÖZDEMİR", "YILMAZ", "KORKMAZ", "BAŞARAN", "TURAN", "UĞUR", "ALTIN", "GÜVEN", "SEÇKİN", "ÜNAL", "EFE",
		"DORA", "ELİT", "MERT", "ARDA", "BORA", "DENİZ", "ORKİDE", "LALE", "SELVİ", "PINAR", "ÇINAR", "DOĞUŞ",
		"EVREN", "İPEK", "ZİRVE", "ATA", "KUZEY", "GÜNEY", "MAVİ", "YEŞİL", "ŞİMŞEK", "KALKAN", "ASLAN", "TUNA"}
	trSecond  = []string{"KARDEŞLER", "GRUP", "ORTAKLAR", "EV", "İÇ VE DIŞ"}
	trSectors = [numGroups][]part{
		{{"MAKİNA", "MACHINERY"}, {"OTOMASYON", "AUTOMATION"}, {"ENERJİ", "ENERGY"}},
		{{"ELEKTRONİK", "ELECTRONICS"}, {"BİLİŞİM", "INFORMATION TECHNOLOGIES"}, {"ELEKTRİK", "ELECTRIC"}},
		{{"MEDİKAL", "MEDICAL"}, {"ÖLÇÜ ALETLERİ", "MEASURING INSTRUMENTS"}},
		{{"KİMYA", "CHEMICALS"}, {"PLASTİK", "PLASTICS"}, {"AMBALAJ", "PACKAGING"}},
		{{"TEKSTİL", "TEXTILE"}, {"KONFEKSİYON", "GARMENT"}, {"ÖRME", "KNITTING"}},
		{{"GIDA", "FOOD"}, {"TARIM ÜRÜNLERİ", "AGRICULTURAL PRODUCTS"}, {"SÜT ÜRÜNLERİ", "DAIRY PRODUCTS"}},
		{{"OTOMOTİV", "AUTOMOTIVE"}, {"YEDEK PARÇA", "SPARE PARTS"}},
		{{"SERAMİK", "CERAMICS"}, {"YAPI MALZEMELERİ", "BUILDING MATERIALS"}, {"İNŞAAT", "CONSTRUCTION"}},
		{{"METAL", "METAL"}, {"ÇELİK", "STEEL"}, {"DÖKÜM", "CASTING"}},
		{{"MOBİLYA", "FURNITURE"}, {"EV GEREÇLERİ", "HOUSEWARES"}, {"OYUNCAK", "TOYS"}},
		{{"ORMAN ÜRÜNLERİ", "FOREST PRODUCTS"}, {"KAĞIT", "PAPER"}},
		{{"KOZMETİK", "COSMETICS"}, {"TEMİZLİK ÜRÜNLERİ", "CLEANING PRODUCTS"}},
		{{"AV MALZEMELERİ", "HUNTING EQUIPMENT"}, {"SİLAH", "ARMS"}},
	}
	trCities = []struct {
		city      string
		districts []string
	}{
		{"ISTANBUL", []string{"ESENYURT", "BEYLIKDUZU", "BAGCILAR", "ZEYTINBURNU", "SISLI", "KADIKOY", "UMRANIYE", "TUZLA", "BASAKSEHIR", "ATASEHIR", "MERTER", "IKITELLI"}},
		{"ISTANBUL", []string{"FATIH", "BAHCELIEVLER", "ESENLER", "PENDIK", "HADIMKOY"}},
		{"ANKARA", []string{"OSTIM", "YENIMAHALLE", "CANKAYA", "SINCAN"}},
		{"IZMIR", []string{"BORNOVA", "CIGLI", "KEMALPASA"}},
		{"BURSA", []string{"NILUFER", "OSMANGAZI"}},
		{"MERSIN", []string{"AKDENIZ", "YENISEHIR"}},
		{"GAZIANTEP", []string{"SEHITKAMIL", "SAHINBEY"}},
		{"KOCAELI", []string{"GEBZE", "DILOVASI"}},
		{"KONYA", []string{"SELCUKLU", "KARATAY"}},
		{"KAYSERI", []string{"MELIKGAZI", "KOCASINAN"}},
		{"DENIZLI", []string{"MERKEZEFENDI", "PAMUKKALE"}},
	}
	trStreetWords = []string{"ATATURK", "CUMHURIYET", "ISTIKLAL", "INONU", "FATIH SULTAN MEHMET", "MIMAR SINAN", "BARBAROS",
		"KAZIM KARABEKIR", "GAZI OSMAN PASA", "ORGANIZE SANAYI", "SANAYI", "YILDIRIM BEYAZIT", "MEVLANA"}
	trMahalle = []string{"MERKEZ", "YENI", "ORGANIZE SANAYI BOLGESI", "CUMHURIYET", "FEVZI CAKMAK", "IKITELLI OSB", "GUNESLI", "YAKUPLU"}
)

// trForm is a Turkish legal form written four ways.
type trForm struct{ long, abbr, bare, eng, short string }

var (
	trLtd  = trForm{"SANAYİ VE TİCARET LİMİTED ŞİRKETİ", "SAN. VE TİC. LTD. ŞTİ.", "SAN VE TIC LTD STI", "INDUSTRY AND TRADE CO. LTD.", "LTD"}
	trAS   = trForm{"SANAYİ VE TİCARET ANONİM ŞİRKETİ", "SAN. VE TİC. A.Ş.", "SAN VE TIC AS", "INDUSTRY AND TRADE INC.", "A.S."}
	trDis  = trForm{"DIŞ TİCARET LİMİTED ŞİRKETİ", "DIŞ TİC. LTD. ŞTİ.", "DIS TIC LTD STI", "FOREIGN TRADE CO. LTD.", "LTD. STI."}
	trIthr = trForm{"İTHALAT İHRACAT LİMİTED ŞİRKETİ", "İTH. İHR. LTD. ŞTİ.", "ITH IHR LTD STI", "IMPORT EXPORT CO. LTD.", "LTD"}
)

// trVariants returns the Turkish and Latin forms of a Turkish company's name.
func trVariants(r *rng, stem string, sector part, f trForm) ([]string, []string) {
	base := stem
	if sector.ru != "" {
		base += " " + sector.ru
	}
	names := []string{
		base + " " + f.abbr,
		base + " " + f.long,
		base + " " + strings.ReplaceAll(f.abbr, ". ", "."),
		base + " " + strings.ReplaceAll(f.abbr, ".", ""),
	}
	ascii := turkishASCII(base)
	enBase := turkishASCII(stem)
	if sector.en != "" {
		enBase += " " + sector.en
	}
	latin := []string{
		ascii + " " + turkishASCII(f.abbr),
		ascii + " " + turkishASCII(f.long),
		enBase + " " + f.eng,
		ascii + " " + f.bare,
		ascii + " " + f.short,
	}
	if r.chance(0.2) {
		latin = append(latin, typo(r, ascii)+" "+turkishASCII(f.abbr))
	}
	names = front(names, weightedIndex(r, 0.7, 0.2))
	latin = front(latin, weightedIndex(r, 0.5, 0.15, 0.2))
	return dedupe(names), dedupe(latin)
}

func trAddress(r *rng) (string, string) {
	c := trCities[r.intn(len(trCities))]
	kind := "CAD."
	if r.chance(0.5) {
		kind = "SOK."
	}
	a := pickStr(r, trMahalle) + " MAH. " + pickStr(r, trStreetWords) + " " + kind + " NO:" + strconv.Itoa(1+r.intn(180))
	if r.chance(0.5) {
		a += "/" + strconv.Itoa(1+r.intn(30))
	}
	a += ", " + pickStr(r, c.districts) + ", " + c.city + ", TURKEY"
	return a, c.city
}

func newTurkishCompany(r *rng, seen map[string]bool) *company {
	c := &company{country: cc("TR"), id: makeVKN(r)}
	c.addrEn, c.city = trAddress(r)
	c.addr = c.addrEn
	g := r.intn(numGroups)
	var stem string
	var sector part
	for try := 0; ; try++ {
		stem = pickStr(r, trStems)
		if try >= 30 { // two family names, as partnerships are named
			stem += " " + pickStr(r, trStems)
		}
		if r.chance(0.3) {
			stem += " " + pickStr(r, trSecond)
		}
		sector = trSectors[g][r.intn(len(trSectors[g]))]
		if !seen[stem+sector.ru] {
			seen[stem+sector.ru] = true
			break
		}
		g = r.intn(numGroups)
	}
	f := trLtd
	switch weightedIndex(r, 0.6, 0.22, 0.1) {
	case 1:
		f = trAS
	case 2:
		f = trDis
	case 3:
		f = trIthr
	}
	c.names, c.latin = trVariants(r, stem, sector, f)
	c.stem = turkishASCII(strings.Fields(stem)[0])
	c.groups = []int{g}
	return c
}
