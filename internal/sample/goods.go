package sample

import (
	"bufio"
	"embed"
	"fmt"
	"strconv"
	"strings"
)

//go:embed data/goods.txt data/brands.txt data/hs2022.txt
var dataFS embed.FS

// The goods groups: each company trades in one to three of them, so that a company's declarations look
// like one business.
const (
	gMach = iota
	gElec
	gInst
	gChem
	gText
	gFood
	gVeh
	gBuild
	gMetal
	gHome
	gWood
	gCosm
	gHunt
	numGroups
)

var groupNames = [numGroups]string{"mach", "elec", "inst", "chem", "text", "food", "veh", "build", "metal", "home", "wood", "cosm", "hunt"}

// groupOrigins are the countries that goods of a group come from when neither the commodity nor its
// brand says otherwise.
var groupOrigins = [numGroups]string{
	"CN:45 DE:12 IT:8 JP:5 KR:4 TR:6 US:4 TW:3 IN:3 PL:3 CZ:2 FR:2 ES:1 AT:1 CH:1",
	"CN:55 TW:6 KR:6 JP:5 VN:6 MY:5 US:4 DE:4 TH:2 PH:2 MX:1 IN:1 IL:1 HU:1 CZ:1",
	"CN:35 DE:15 US:15 JP:10 CH:5 GB:4 FR:3 IT:3 KR:3 IL:2 TW:3 MY:2",
	"CN:30 DE:12 US:8 IN:8 BE:4 NL:4 FR:4 IT:4 KR:4 JP:3 TR:5 SA:3 PL:3 ES:2 TW:2 BY:2 CH:2",
	"CN:45 TR:20 BD:8 IN:6 VN:6 UZ:5 PK:3 IT:3 KH:2 PL:1 PT:1",
	"TR:20 BR:10 CN:10 DE:8 IT:8 PL:6 ES:5 NL:5 FR:4 IN:5 AR:4 EC:4 BY:6 US:5",
	"CN:35 DE:15 JP:15 KR:10 US:5 TR:5 CZ:3 IT:3 FR:3 PL:2 IN:2 ES:2",
	"CN:40 TR:20 IT:8 ES:8 IN:6 PL:5 DE:5 BY:4 IR:2 PT:2",
	"CN:45 TR:10 DE:6 IN:6 KR:5 JP:4 IT:4 RU:5 KZ:4 TW:4 PL:3 VN:2 US:2",
	"CN:60 TR:10 PL:5 DE:4 IT:4 VN:4 IN:3 MY:2 LT:2 US:2 DK:1 TH:1 ID:2",
	"RU:30 FI:10 CN:15 DE:8 BY:8 SE:6 TR:8 PL:8 BR:4 ID:3",
	"FR:15 DE:12 PL:10 KR:10 CN:15 TR:10 IT:8 US:6 ES:4 JP:4 IN:3 GB:3",
	"TR:35 IT:20 CZ:8 US:8 DE:6 BE:3 ES:5 CN:10 JP:3 PT:2",
}

// good is one commodity of the catalogue.
type good struct {
	hs           string // national 10-digit code
	group        int
	tag          string // brand tag
	unit         string // PCS, KG, M2, M, L, PR, SET
	kgLo, kgHi   float64
	usdLo, usdHi float64 // per unit (per kilogram when the unit is KG)
	weight       float64
	ru, en       string
	tr, zh       string
	origins      countryDist // empty: the group's origins
	hsDesc       string      // the HS2022 subheading's English description
	brands       []*brand
	brandW       weighted
}

// brand is a brand with its maker, where it is made, and the models seen in declarations.
type brand struct {
	name, maker string
	label       string // as written in the BRAND column: BOSCH for both BOSCH and BOSCH POWER TOOLS
	home        *country
	made        countryDist
	tags        []string
	western     bool
	models      map[string]*modelSet // by tag
	// exitRussia marks brands whose ordinary sales to Russia stopped after the invasion (DJI suspended
	// them in April 2022); they then reach Russia only through the planted events.
	exitRussia bool
}

// catalogue is the goods, brands and HS descriptions of one run (brand models depend on the seed).
type catalogue struct {
	goods   []*good
	byGroup [numGroups]struct {
		goods []*good
		w     weighted
	}
	groupOrigins [numGroups]countryDist
	brands       []*brand
	brandByName  map[string]*brand
	hsDesc       map[string]string
}

func atof(s string) float64 {
	v, err := strconv.ParseFloat(s, 64)
	if err != nil {
		panic("sample: bad number " + s)
	}
	return v
}

func dataLines(name string) [][]string {
	f, err := dataFS.Open(name)
	if err != nil {
		panic(err)
	}
	defer f.Close()
	var out [][]string
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		l := sc.Text()
		if l == "" || l[0] == '#' {
			continue
		}
		out = append(out, strings.Split(l, "|"))
	}
	return out
}

func groupIndex(s string) int {
	for i, n := range groupNames {
		if n == s {
			return i
		}
	}
	panic("sample: unknown goods group " + s)
}

// newCatalogue parses the embedded tables and expands brand models with r.
func newCatalogue(r *rng) (*catalogue, error) {
	c := &catalogue{brandByName: map[string]*brand{}, hsDesc: map[string]string{}}
	for i, s := range groupOrigins {
		c.groupOrigins[i] = parseDist(s)
	}
	for _, f := range dataLines("data/hs2022.txt") {
		c.hsDesc[f[0]] = f[1]
	}
	for _, f := range dataLines("data/brands.txt") {
		if len(f) != 6 {
			return nil, fmt.Errorf("brands: %d fields in %q", len(f), strings.Join(f, "|"))
		}
		b := &brand{name: f[0], maker: f[1], home: cc(f[2]), made: parseDist(f[3]), tags: strings.Split(f[4], ",")}
		b.label = brandLabel(b.name)
		b.western = b.home.western
		b.exitRussia = b.name == "DJI"
		b.models = expandModels(r, b, strings.Split(f[5], ";"))
		c.brands = append(c.brands, b)
		c.brandByName[b.name] = b
	}
	tagged := map[string][]*brand{}
	for _, b := range c.brands {
		for _, t := range b.tags {
			tagged[t] = append(tagged[t], b)
		}
	}
	for _, f := range dataLines("data/goods.txt") {
		if len(f) != 13 && len(f) != 14 {
			return nil, fmt.Errorf("goods: %d fields in %q", len(f), strings.Join(f, "|"))
		}
		g := &good{hs: f[0], group: groupIndex(f[1]), tag: f[2], unit: f[3],
			kgLo: atof(f[4]), kgHi: atof(f[5]), usdLo: atof(f[6]), usdHi: atof(f[7]), weight: atof(f[8]),
			ru: strings.ToUpper(f[9]), en: strings.ToUpper(f[10]), tr: trUpper(f[11]), zh: f[12]}
		if len(f) == 14 {
			g.origins = parseDist(f[13])
		}
		g.hsDesc = c.hsDesc[g.hs[:6]]
		if g.tag != "none" {
			g.brands = tagged[g.tag]
			if len(g.brands) == 0 {
				return nil, fmt.Errorf("goods %s: no brand has tag %q", g.hs, g.tag)
			}
			g.brandW = zipf(len(g.brands), 0.6)
		}
		c.goods = append(c.goods, g)
		gr := &c.byGroup[g.group]
		gr.goods = append(gr.goods, g)
	}
	for i := range c.byGroup {
		gr := &c.byGroup[i]
		ws := make([]float64, len(gr.goods))
		for j, g := range gr.goods {
			ws[j] = g.weight
		}
		gr.w = newWeighted(ws)
	}
	return c, nil
}

// brandLabel strips the division from a brand key ("BOSCH POWER TOOLS" is sold as BOSCH).
func brandLabel(name string) string {
	for _, div := range []string{" POWER TOOLS", " HOME", " SEMICONDUCTOR", " SMART HOME", " LIGHTING", " INTERACTIVE",
		" TRUCKS", " MATERIAL HANDLING"} {
		if s, ok := strings.CutSuffix(name, div); ok {
			return s
		}
	}
	return name
}

// pickGood draws a commodity of a group in proportion to the table weights.
func (c *catalogue) pickGood(r *rng, group int) *good {
	gr := &c.byGroup[group]
	return gr.goods[gr.w.pick(r)]
}

// goodOf returns the first commodity with a national code, or nil.
func (c *catalogue) goodOf(hs string) *good {
	for _, g := range c.goods {
		if g.hs == hs {
			return g
		}
	}
	return nil
}

// describeHS returns the HS2022 description of a code's first six digits.
func (c *catalogue) describeHS(hs string) string {
	if len(hs) < 6 {
		return ""
	}
	return c.hsDesc[hs[:6]]
}

var (
	tyreSizes = []string{"205/55R16 91V", "225/65R17 102H", "195/65R15 91H", "235/55R19 105V", "215/60R16 99H",
		"265/70R16 112T", "225/45R18 95W", "185/65R15 88T", "255/55R18 109V", "315/80R22.5 156/150L",
		"385/65R22.5 160K", "295/80R22.5 152/148M"}
	tileCollections = []string{"CALACATTA", "STATUARIO", "TRAVERTINO", "CONCRETE", "OAK WOOD", "ONYX", "MARQUINA",
		"BASALT", "PIETRA GREY", "CEMENTO", "LIMESTONE", "EMPERADOR", "SOAPSTONE", "ARMANI GREY"}
	tileSizes = []string{"60X60", "60X120", "30X60", "80X80", "120X120", "20X120", "120X278", "45X45"}
	drugs     = []string{"AMLODIPINE 10MG N30", "METFORMIN 850MG N60", "ATORVASTATIN 20MG N30", "OMEPRAZOLE 20MG N28",
		"IBUPROFEN 400MG N20", "AMOXICILLIN 500MG N16", "LOSARTAN 50MG N30", "BISOPROLOL 5MG N30",
		"PARACETAMOL 500MG N20", "RIVAROXABAN 20MG N28", "INSULIN GLARGINE 100IU/ML N5", "ENOXAPARIN 40MG/0.4ML N10",
		"ROSUVASTATIN 10MG N28", "CLOPIDOGREL 75MG N28", "LEVOTHYROXINE 100MCG N100"}
)

// modelSet is the models of a brand seen in declarations of goods of one tag; popular ones recur.
type modelSet struct {
	models []string
	w      weighted
}

// expandModels turns model patterns into concrete models for each of a brand's tags. A pattern written
// "tag=pattern" serves that tag only; tyres, tiles and medicines get sizes, collections and drug names.
func expandModels(r *rng, b *brand, patterns []string) map[string]*modelSet {
	out := make(map[string]*modelSet, len(b.tags))
	for _, t := range b.tags {
		var ps []string
		for _, p := range patterns {
			if tag, rest, ok := strings.Cut(p, "="); ok && !strings.ContainsAny(tag, " #@") {
				if tag == t {
					ps = append(ps, rest)
				}
				continue
			}
			ps = append(ps, p)
		}
		if len(ps) == 0 {
			ps = []string{"@@-####"}
		}
		n := 6 + r.intn(7)
		seen := map[string]bool{}
		var ms []string
		for i := 0; i < n*3 && len(ms) < n; i++ {
			var m string
			switch t {
			case "tyre":
				m = pickStr(r, tyreSizes)
			case "tile":
				m = pickStr(r, tileCollections) + " " + pickStr(r, tileSizes)
			case "pharma":
				m = pickStr(r, drugs)
			default:
				m = expandPattern(r, ps[i%len(ps)])
			}
			if !seen[m] {
				seen[m] = true
				ms = append(ms, m)
			}
		}
		out[t] = &modelSet{models: ms, w: zipf(len(ms), 1.1)}
	}
	return out
}

const modelLetters = "ABCDEFGHJKLMNPRSTUVWXYZ"

func expandPattern(r *rng, p string) string {
	if !strings.ContainsAny(p, "#@") {
		return p
	}
	b := make([]byte, 0, len(p))
	for i := 0; i < len(p); i++ {
		switch p[i] {
		case '#':
			b = append(b, byte('0'+r.intn(10)))
		case '@':
			b = append(b, modelLetters[r.intn(len(modelLetters))])
		default:
			b = append(b, p[i])
		}
	}
	return string(b)
}

// pickModel draws one of a brand's models for goods of a tag.
func (b *brand) pickModel(r *rng, tag string) string {
	ms := b.models[tag]
	if ms == nil {
		ms = b.models[b.tags[0]]
	}
	return ms.models[ms.w.pick(r)]
}
