package flow

import (
	"bytes"
	_ "embed"
	"encoding/csv"
	"strconv"
	"strings"
	"sync"
	"unicode"

	"golang.org/x/text/runes"
	"golang.org/x/text/transform"
	"golang.org/x/text/unicode/norm"
)

// Area is a reporting or partner area: an ISO 3166-1 alpha-2 country code such as "KG", or one of the
// aggregate codes below (Eurostat's codes where Eurostat has one).
type Area string

// Aggregate areas. Their figures overlap their members': analyses never add an aggregate to its members.
const (
	World    Area = "WORLD"
	EU27     Area = "EU27_2020" // the 27 member states since February 2020
	EU28     Area = "EU28"      // with the United Kingdom, until January 2020
	EUAny    Area = "EU"        // the European Union in its composition of the time
	EuroArea Area = "EA"        // the euro area in its composition of the time
	EA19     Area = "EA19"
	EA20     Area = "EA20"
)

// IsAggregate reports whether the area groups several countries.
func (a Area) IsAggregate() bool {
	switch a {
	case World, EU27, EU28, EUAny, EuroArea, EA19, EA20:
		return true
	}
	return false
}

//go:embed data/iso3166-slim.csv
var isoCSV []byte

type areaTable struct {
	alpha2  map[string]Area
	alpha3  map[string]Area
	numeric map[int]Area
	names   map[string]Area
}

var (
	tableOnce sync.Once
	table     areaTable
)

// nameAliases are names found in trade statistics that the ISO table does not carry, in normalised form.
var nameAliases = map[string]Area{
	"russia": "RU", "czech republic": "CZ", "turkey": "TR", "turkiye": "TR", "south korea": "KR",
	"korea republic of": "KR", "the republic of korea": "KR", "korea dpr of": "KP", "korea dprk": "KP",
	"iran islamic republic of": "IR", "moldova republic of": "MD", "tanzania united republic of": "TZ",
	"virgin islands british": "VG", "virgin islands united states": "VI", "united states": "US",
	"usa": "US", "united kingdom": "GB", "great britain": "GB", "sar hong kong": "HK",
	"hong kong sar": "HK", "macau": "MO", "bosnia herzegovina": "BA", "macedonia": "MK",
	"swaziland": "SZ", "brunei": "BN", "salvador": "SV", "eastern samoa": "AS", "bouvet": "BV",
	"monako": "MC", "vatican": "VA", "holy see": "VA", "ivory coast": "CI", "kirghizia": "KG",
	"kyrgyz republic": "KG", "belorussia": "BY", "uae": "AE", "emirates": "AE", "china mainland": "CN",
	"словакия": "SK", "босния и герцеговина": "BA", "северные марианские острова": "MP",
	"россия": "RU", "российская федерация": "RU", "казахстан": "KZ", "кыргызстан": "KG",
	"армения": "AM", "грузия": "GE", "узбекистан": "UZ", "беларусь": "BY", "китаи": "CN",
	"world": World, "total": World, "all countries": World,
}

// eurostatISO are the alpha-2 codes Eurostat writes differently from ISO 3166.
var eurostatISO = map[string]Area{"EL": "GR", "UK": "GB"}

func loadTable() {
	table = areaTable{
		alpha2: make(map[string]Area), alpha3: make(map[string]Area),
		numeric: make(map[int]Area), names: make(map[string]Area),
	}
	rows, err := csv.NewReader(bytes.NewReader(isoCSV)).ReadAll()
	if err != nil {
		panic("flow: embedded iso3166-slim.csv: " + err.Error()) // embedded at build time: cannot fail at run time
	}
	// alpha2,alpha3,numeric,m49,name_short_en,name_official_en,cldr_name,region,sub_region
	for _, row := range rows[1:] {
		a := Area(row[0])
		table.alpha2[row[0]] = a
		table.alpha3[row[1]] = a
		if n, err := strconv.Atoi(row[2]); err == nil {
			table.numeric[n] = a
		}
		for _, name := range row[4:7] {
			name = strings.TrimSuffix(strings.TrimSpace(strings.TrimSuffix(name, "*")), " (the)")
			if k := normName(name); k != "" {
				if _, dup := table.names[k]; !dup {
					table.names[k] = a
				}
			}
		}
	}
	for k, a := range nameAliases {
		table.names[normName(k)] = a
	}
}

var foldMarks = transform.Chain(norm.NFD, runes.Remove(runes.In(unicode.Mn)), norm.NFC)

// normName folds a name for lookup: accents removed, lower case, punctuation as spaces, spaces collapsed.
func normName(s string) string {
	if f, _, err := transform.String(foldMarks, s); err == nil {
		s = f
	}
	var b strings.Builder
	space := false
	for _, r := range strings.ToLower(s) {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			if space && b.Len() > 0 {
				b.WriteByte(' ')
			}
			b.WriteRune(r)
			space = false
		} else {
			space = true
		}
	}
	return b.String()
}

// ParseArea reads an area written as an ISO alpha-2 or alpha-3 code, a UN M49 numeric code, an aggregate code,
// or a name in the forms trade statistics use: "Russian Federation", "Kyrgyzstan", Eurostat labels such as
// "Germany (incl. German Democratic Republic 'DD' from 1991)" or "European Union - 27 countries (AT, BE, …)",
// and the spellings of national statistics ("Korea, Republic of", "SAR-Hong Kong"). Regions such as "Asia" or
// "Eurasian Economic Union" are not areas here and give false.
func ParseArea(s string) (Area, bool) {
	tableOnce.Do(loadTable)
	t := strings.TrimSpace(s)
	if t == "" {
		return "", false
	}
	switch a := Area(strings.ToUpper(t)); {
	case a.IsAggregate():
		return a, true
	case len(t) == 2:
		if a, ok := eurostatISO[string(a)]; ok {
			return a, true
		}
		if a, ok := table.alpha2[string(a)]; ok {
			return a, true
		}
	case len(t) == 3:
		if a == "W00" {
			return World, true
		}
		if a, ok := table.alpha3[string(a)]; ok {
			return a, true
		}
	}
	if n, err := strconv.Atoi(t); err == nil {
		a, ok := table.numeric[n]
		return a, ok
	}
	k := normName(t)
	if a, ok := aggregateLabel(k); ok {
		return a, true
	}
	if a, ok := table.names[k]; ok {
		return a, true
	}
	if i := strings.IndexByte(t, '('); i > 0 { // Eurostat labels: the country, then what it includes
		if a, ok := table.names[normName(t[:i])]; ok {
			return a, true
		}
	}
	return "", false
}

// aggregateLabel recognises the labels of the EU and euro-area aggregates, whose long member lists vary.
func aggregateLabel(k string) (Area, bool) {
	switch {
	case strings.HasPrefix(k, "european union 27"), strings.HasPrefix(k, "eu27"):
		return EU27, true
	case strings.HasPrefix(k, "european union 28"), strings.HasPrefix(k, "eu28"):
		return EU28, true
	case strings.HasPrefix(k, "european union"):
		return EUAny, true
	case strings.HasPrefix(k, "euro area 20"):
		return EA20, true
	case strings.HasPrefix(k, "euro area 19"):
		return EA19, true
	case strings.HasPrefix(k, "euro area"):
		return EuroArea, true
	}
	return "", false
}
