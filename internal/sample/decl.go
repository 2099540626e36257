package sample

// decl is one customs declaration: a header shared by its lines and one item per line. Ordinary and
// planted declarations are the same type and go through the same writers.
type decl struct {
	kind      Kind
	date      day
	shipper   party
	consignee party
	dispatch  *country // where the goods were shipped from
	trading   *country // the seller's country
	dest      *country
	office    *office
	border    *office // Kazakh border office
	currency  string  // contract currency
	freight   float64 // share of freight and insurance in the customs value
	incoterms string
	invoice   string
	transport int   // transport mode, see transportModes
	broker    int   // index into brokers, -1 when the importer declares itself (Russia)
	declarant party // the declarant (Kazakhstan)
	items     []item
	plant     *plantRef // the planted event and lot, nil for ordinary declarations
}

// item is one declaration line.
type item struct {
	hs               string // national code
	group            int
	ru, en, tr, zh   string // the commodity as each language names it
	extraRU, extraEN string // particulars added to the description (calibre, capacity …)
	extraTR, extraZH string
	brand, maker     string
	model            string
	origin           *country // nil: suppressed by the vendor ("OTHER COUNTRY")
	qty              float64
	unit             string
	qtyMissing       bool // written as 0 with no unit: "not reported"
	net, gross       float64
	valueUSD         float64 // customs value in US dollars
	packages         int
	hsDesc           string // English (HS2022)
	hsDescLocal      string // Russian tariff wording
	hsDescTR         string // Turkish tariff wording
}

// party is a company as written on one declaration: the form of its name and address chosen for it.
type party struct {
	co     *company
	name   string // original script
	latin  string
	addr   string
	addrEn string
}

func newParty(r *rng, co *company) party {
	return party{co: co, name: co.name(r), latin: co.latinName(r), addr: co.addr, addrEn: co.addrEn}
}

// office is a customs office.
type office struct{ code, name, nameEn string }

var transportModes = [4][3]string{ // Russian, English, canonical word
	{"АВТОМОБИЛЬНЫЙ ТРАНСПОРТ", "ROAD TRANSPORT", "ROAD"},
	{"ЖЕЛЕЗНОДОРОЖНЫЙ ТРАНСПОРТ", "RAIL TRANSPORT", "RAIL"},
	{"МОРСКОЙ ТРАНСПОРТ", "SEA TRANSPORT", "SEA"},
	{"ВОЗДУШНЫЙ ТРАНСПОРТ", "AIR TRANSPORT", "AIR"},
}

const (
	modeRoad = iota
	modeRail
	modeSea
	modeAir
)

// lines returns how many rows a declaration writes.
func (d *decl) lines() int { return len(d.items) }

// totalUSD is the customs value of the whole declaration.
func (d *decl) totalUSD() float64 {
	t := 0.0
	for i := range d.items {
		t += d.items[i].valueUSD
	}
	return t
}
