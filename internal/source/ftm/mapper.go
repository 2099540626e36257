package ftm

import (
	"encoding/json"
	"strings"
	"tradetrace/internal/source/listtext"

	"tradetrace/internal/trade"
)

// ListName is the list written by this package unless the caller names another.
const ListName = "ftm"

// Countries resolves a country as the publisher writes it (FollowTheMoney uses lower-case ISO codes) to an ISO
// 3166 alpha-2 code, or "" when it cannot. Package lists provides one; nil accepts two-letter codes only.
type Countries func(name string) string

// schemas are the FollowTheMoney schemata of named parties, mapped to the domain's.
var schemas = map[string]trade.EntitySchema{
	"Person": trade.SchemaPerson, "Company": trade.SchemaCompany, "Organization": trade.SchemaOrganization,
	"PublicBody": trade.SchemaOrganization, "LegalEntity": trade.SchemaLegalEntity, "Vessel": trade.SchemaVessel,
	"Airplane": trade.SchemaAircraft,
}

// idProps maps identifier properties to schemes.
var idProps = []struct{ prop, scheme string }{
	{"innCode", "INN"}, {"ogrnCode", "OGRN"}, {"kppCode", "KPP"}, {"okpoCode", "OKPO"},
	{"registrationNumber", "REGISTRATION"}, {"taxNumber", "TAX"}, {"vatCode", "VAT"}, {"leiCode", "LEI"},
	{"swiftBic", "SWIFT"}, {"imoNumber", "IMO"}, {"mmsi", "MMSI"}, {"callSign", "CALL_SIGN"},
	{"passportNumber", "PASSPORT"}, {"idNumber", "ID"}, {"uniqueEntityId", "UEI"}, {"permId", "PERMID"},
	{"dunsCode", "DUNS"}, {"wikidataId", "WIKIDATA"}, {"website", "WEBSITE"}, {"email", "EMAIL"},
}

var countryProps = []string{"country", "jurisdiction", "mainCountry", "nationality", "citizenship", "flag"}

// Map turns the named parties among entities into list entities of the named list. When the file marks targets
// (OpenSanctions' "target"), only targets are kept: the others are context — owners, registry records, relatives —
// not entries of a list. Relationship entities (Ownership, Directorship, Family …) are dropped; Sanction entities
// give the programs and listing dates of the party they point at, Address entities the full text of its
// addresses. Topics are FollowTheMoney's, as published.
func Map(list string, entities []Entity, country Countries) []trade.ListEntity {
	byID := make(map[string]*Entity, len(entities))
	sanctions := make(map[string][]*Entity)
	for i := range entities {
		e := &entities[i]
		byID[e.ID] = e
		if e.Schema == "Sanction" {
			for _, id := range e.Properties["entity"] {
				sanctions[id] = append(sanctions[id], e)
			}
		}
	}
	var out []trade.ListEntity
	for i := range entities {
		e := &entities[i]
		schema, ok := schemas[e.Schema]
		if !ok || (e.Target != nil && !*e.Target) {
			continue
		}
		le := mapEntity(list, e, schema, byID, sanctions[e.ID], country)
		if len(le.Names) > 0 {
			out = append(out, le)
		}
	}
	return out
}

func mapEntity(list string, e *Entity, schema trade.EntitySchema, byID map[string]*Entity, sanctions []*Entity,
	country Countries) trade.ListEntity {
	p := e.Properties
	le := trade.ListEntity{List: list, SourceID: e.ID, Schema: schema}
	var names listtext.NameSet
	names.Add(e.Caption, trade.NamePrimary)
	for _, n := range p["name"] {
		names.Add(n, kindAfter(names))
	}
	for _, prop := range []struct {
		name string
		kind trade.NameKind
	}{{"alias", trade.NameAlias}, {"weakAlias", trade.NameWeak}, {"previousName", trade.NameFormer}} {
		for _, n := range p[prop.name] {
			names.Add(n, prop.kind)
		}
	}
	le.Names = names.List
	for _, t := range p["topics"] {
		le.Topics = append(le.Topics, trade.Topic(t))
	}
	programs := append([]string(nil), p["programId"]...)
	dates := append(append([]string(nil), p["birthDate"]...), p["incorporationDate"]...)
	for _, s := range sanctions {
		programs = append(programs, firstOr(s.Properties["programId"], s.Properties["program"])...)
		dates = append(dates, s.Properties["listingDate"]...)
		dates = append(dates, s.Properties["startDate"]...)
	}
	le.Programs = listtext.Dedupe(programs)
	le.Dates = listtext.Dedupe(dates)

	var countries []string
	for _, prop := range countryProps {
		for _, c := range p[prop] {
			countries = append(countries, listtext.Code(country, c))
		}
	}
	addresses := append([]string(nil), p["address"]...)
	for _, id := range p["addressEntity"] {
		if a, ok := byID[id]; ok {
			addresses = append(addresses, firstOr(a.Properties["full"], []string{a.Caption})...)
			for _, c := range a.Properties["country"] {
				countries = append(countries, listtext.Code(country, c))
			}
		}
	}
	le.Countries = listtext.Dedupe(countries)
	le.Addresses = listtext.Dedupe(addresses)
	seen := make(map[trade.Identifier]bool)
	for _, ip := range idProps {
		for _, v := range p[ip.prop] {
			x := trade.Identifier{Scheme: ip.scheme, Value: strings.TrimSpace(v)}
			if x.Value != "" && !seen[x] {
				seen[x] = true
				le.Identifiers = append(le.Identifiers, x)
			}
		}
	}
	le.Remarks = strings.Join(listtext.Dedupe(append(append(append([]string(nil), p["position"]...), p["summary"]...),
		p["notes"]...)), "\n")
	raw, _ := json.Marshal(e)
	le.Source = string(raw)
	return le
}

// kindAfter makes the first name primary when there is no caption, and the others aliases.
func kindAfter(names listtext.NameSet) trade.NameKind {
	if len(names.List) == 0 {
		return trade.NamePrimary
	}
	return trade.NameAlias
}

// firstOr returns xs, or alt when xs is empty.
func firstOr(xs, alt []string) []string {
	if len(xs) > 0 {
		return xs
	}
	return alt
}
