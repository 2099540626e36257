package ofac

import (
	"encoding/json"
	"strings"

	"tradetrace/internal/trade"
)

// Lists written by this package.
const (
	ListSDN  = "ofac_sdn"  // Specially Designated Nationals and Blocked Persons
	ListCons = "ofac_cons" // the consolidated non-SDN list (SSI, NS-CMIC, NS-PLC …)
)

// Countries resolves a country as the publisher writes it ("Russia", "Korea, North") to an ISO 3166 alpha-2 code,
// or "" when it cannot. Package lists provides one; nil accepts two-letter codes only.
type Countries func(name string) string

// Set is one publication of the legacy CSV format: the primary records and the files joined to them on ent_num.
// Only Entries is required.
type Set struct {
	Entries   []Entry
	Alts      []Alt
	Addresses []Address
	Comments  []Comment
}

// Map joins a set on ent_num and turns every entry into a list entity of the named list.
//
// The comments file continues remarks cut at 1,000 characters, so a comment is appended only to remarks of that
// length: a comment next to shorter remarks comes from another vintage of the list and is left out.
func Map(list string, s Set, country Countries) []trade.ListEntity {
	alts := make(map[string][]Alt)
	for _, a := range s.Alts {
		alts[a.EntNum] = append(alts[a.EntNum], a)
	}
	adds := make(map[string][]Address)
	for _, a := range s.Addresses {
		adds[a.EntNum] = append(adds[a.EntNum], a)
	}
	comments := make(map[string]string)
	for _, c := range s.Comments {
		comments[c.EntNum] += c.Text
	}
	out := make([]trade.ListEntity, 0, len(s.Entries))
	for _, e := range s.Entries {
		out = append(out, mapEntry(list, e, alts[e.EntNum], adds[e.EntNum], comments[e.EntNum], country))
	}
	return out
}

func mapEntry(list string, e Entry, alts []Alt, adds []Address, comment string, country Countries) trade.ListEntity {
	remarks := e.Remarks
	if comment != "" && len(remarks) >= remarksLimit {
		remarks += comment
	}
	rm := ParseRemarks(remarks)
	le := trade.ListEntity{
		List:     list,
		SourceID: e.EntNum,
		Schema:   Schema(e.Type),
		Programs: e.Programs,
		Topics:   Topics(e.Programs),
		Dates:    dedupe(rm.Dates),
		Remarks:  remarks,
	}
	var names nameSet
	names.add(e.Name, trade.NamePrimary)
	for _, a := range alts {
		names.add(a.Name, altKind(a.Type))
	}
	for _, n := range rm.Names {
		names.add(n.Value, n.Kind)
	}
	le.Names = names.list

	var countries []string
	for _, a := range adds {
		le.Addresses = appendNonEmpty(le.Addresses, joinNonEmpty(", ", a.Street, a.City, a.Country))
		countries = append(countries, code(country, a.Country))
	}
	for _, n := range rm.Nationalities {
		countries = append(countries, code(country, n))
	}
	countries = append(countries, code(country, e.VesselFlag))
	le.Countries = dedupe(countries)

	le.Identifiers = identifiers(rm.IDs, le.Countries, country)
	if e.CallSign != "" {
		le.Identifiers = append(le.Identifiers, trade.Identifier{Scheme: "CALL_SIGN", Value: e.CallSign})
	}
	raw, _ := json.Marshal(struct {
		Entry     Entry
		Alts      []Alt     `json:",omitempty"`
		Addresses []Address `json:",omitempty"`
		Comment   string    `json:",omitempty"`
	}{e, alts, adds, comment})
	le.Source = string(raw)
	return le
}

// Schema maps OFAC's entry type to a schema; entries without a type are legal entities.
func Schema(sdnType string) trade.EntitySchema {
	switch strings.ToLower(strings.TrimSpace(sdnType)) {
	case "individual":
		return trade.SchemaPerson
	case "vessel":
		return trade.SchemaVessel
	case "aircraft":
		return trade.SchemaAircraft
	}
	return trade.SchemaLegalEntity
}

// Topics says what the programs of an entry mean beyond a sanction. The Chinese Military-Industrial Complex
// programs (CMIC-EO13959 on the non-SDN list, NS-CMIC) name companies of China's defence and surveillance sector, the
// same kind of company as the DoD 1260H list, so they carry gov.defence; not mil.complex, which tradetrace keeps
// for support to Russia's military-industrial complex.
func Topics(programs []string) []trade.Topic {
	topics := []trade.Topic{trade.TopicSanction}
	for _, p := range programs {
		if strings.Contains(strings.ToUpper(p), "CMIC") {
			return append(topics, trade.TopicStateDefence)
		}
	}
	return topics
}

func altKind(t string) trade.NameKind {
	if strings.EqualFold(t, "fka") {
		return trade.NameFormer
	}
	return trade.NameAlias
}

// identifiers turns parsed identifiers into the domain's, naming Russian tax and registration numbers for what
// they are: a 10- or 12-digit tax number is an INN, a 13- or 15-digit registration number an OGRN (OGRNIP). A
// number is Russian when OFAC says "(Russia)" after it, or says no country and the entity is in Russia.
func identifiers(ids []ID, entityCountries []string, country Countries) []trade.Identifier {
	ru := false
	for _, c := range entityCountries {
		ru = ru || c == "RU"
	}
	var out []trade.Identifier
	seen := make(map[trade.Identifier]bool)
	for _, id := range ids {
		scheme := id.Scheme
		isRU := id.Country == "Russia" || code(country, id.Country) == "RU" || (id.Country == "" && ru)
		if isRU {
			scheme = RussianScheme(scheme, id.Value)
		}
		x := trade.Identifier{Scheme: scheme, Value: id.Value}
		if !seen[x] {
			seen[x] = true
			out = append(out, x)
		}
	}
	return out
}

// RussianScheme names a Russian tax or registration number by its length: INN (10 or 12 digits), OGRN (13 or
// 15 digits); other schemes and lengths are returned unchanged.
func RussianScheme(scheme, value string) string {
	if strings.Trim(value, "0123456789") != "" {
		return scheme
	}
	switch {
	case scheme == "TAX" && (len(value) == 10 || len(value) == 12):
		return "INN"
	case scheme == "REGISTRATION" && (len(value) == 13 || len(value) == 15):
		return "OGRN"
	}
	return scheme
}

// code resolves a country, accepting two-letter codes when no resolver is given.
func code(country Countries, name string) string {
	name = strings.TrimSpace(name)
	if name == "" {
		return ""
	}
	if country != nil {
		return country(name)
	}
	if len(name) == 2 {
		return strings.ToUpper(name)
	}
	return ""
}

// nameSet collects names once each, case-insensitively; the first kind given wins, so callers add the
// strongest names first.
type nameSet struct {
	list []trade.ListName
	seen map[string]bool
}

func (s *nameSet) add(v string, kind trade.NameKind) {
	v = strings.TrimSpace(v)
	if v == "" {
		return
	}
	key := strings.ToLower(v)
	if s.seen == nil {
		s.seen = make(map[string]bool)
	}
	if s.seen[key] {
		return
	}
	s.seen[key] = true
	s.list = append(s.list, trade.ListName{Value: v, Kind: kind})
}

func dedupe(xs []string) []string {
	var out []string
	seen := make(map[string]bool)
	for _, x := range xs {
		if x != "" && !seen[x] {
			seen[x] = true
			out = append(out, x)
		}
	}
	return out
}

func appendNonEmpty(xs []string, x string) []string {
	if x == "" {
		return xs
	}
	return append(xs, x)
}

func joinNonEmpty(sep string, parts ...string) string {
	var out []string
	for _, p := range parts {
		if p = strings.TrimSpace(p); p != "" {
			out = append(out, p)
		}
	}
	return strings.Join(out, sep)
}
