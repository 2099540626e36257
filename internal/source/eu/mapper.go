package eu

import (
	"encoding/json"
	"strings"
	"tradetrace/internal/source/listtext"

	"tradetrace/internal/trade"
)

// Lists written by this package.
const (
	List269 = "eu_269" // Regulation 269/2014, asset freeze (Annex I)
	List833 = "eu_833" // Regulation 833/2014, sectoral measures (Annex IV: military end users, and others)
	ListFSF = "eu_fsf" // the consolidated financial sanctions list (FSF XML)
)

// Countries resolves a country as the publisher writes it ("Russian Federation", "Russian") to an ISO 3166
// alpha-2 code, or "" when it cannot. Package lists provides one; nil accepts two-letter codes only.
type Countries func(name string) string

// ListName returns the list of a CELEX number: 32014R0269 is eu_269, 32014R0833 eu_833, another regulation
// "eu_" followed by its CELEX number.
func ListName(celex string) string {
	switch celex {
	case "32014R0269":
		return List269
	case "32014R0833":
		return List833
	}
	return "eu_" + strings.ToLower(celex)
}

// Regulation returns the short citation of a CELEX number of a regulation ("32014R0833" → "833/2014"), or the
// number unchanged.
func Regulation(celex string) string {
	if len(celex) == 10 && celex[0] == '3' && celex[5] == 'R' {
		return strings.TrimLeft(celex[6:], "0") + "/" + celex[1:5]
	}
	return celex
}

// Topics says what an annex entry means. Annex IV of Regulation 833/2014 lists the natural or legal persons
// supporting Russia's military and industrial complex, to whom dual-use and advanced goods may not be sold: an
// export control on military end users. Every other annex is a sanction (asset freeze, transaction, port or
// service bans).
func Topics(celex, annex string) []trade.Topic {
	if celex == "32014R0833" && annexNumber(annex) == "IV" {
		return []trade.Topic{trade.TopicExportControl, trade.TopicMilitaryEndUser, trade.TopicMilitaryComplex}
	}
	return []trade.Topic{trade.TopicSanction}
}

// annexNumber drops what follows the annex number: "I.PERSONS" → "I"; "XLVII.A" is kept whole.
func annexNumber(annex string) string {
	if i := strings.Index(annex, "."); i > 0 && len(annex)-i > 2 {
		return annex[:i]
	}
	return annex
}

// Map turns CSV records into list entities, one per record. Records of assets that are not parties — ports,
// airports, economic zones, crypto-assets (schema Asset) — are left out.
func Map(records []Record, country Countries) []trade.ListEntity {
	out := make([]trade.ListEntity, 0, len(records))
	for _, r := range records {
		if e, ok := mapRecord(r, country); ok {
			out = append(out, e)
		}
	}
	return out
}

// Schema maps the schema column to the domain's; ok is false for assets that are not parties.
func Schema(s string) (trade.EntitySchema, bool) {
	switch strings.TrimSpace(s) {
	case "Person":
		return trade.SchemaPerson, true
	case "Company":
		return trade.SchemaCompany, true
	case "Organization":
		return trade.SchemaOrganization, true
	case "Vessel":
		return trade.SchemaVessel, true
	case "Airplane":
		return trade.SchemaAircraft, true
	case "LegalEntity", "":
		return trade.SchemaLegalEntity, true
	}
	return "", false
}

func mapRecord(r Record, country Countries) (trade.ListEntity, bool) {
	schema, ok := Schema(r.Schema)
	if !ok || strings.TrimSpace(r.Name) == "" {
		return trade.ListEntity{}, false
	}
	id := r.RecordID
	if id == "" {
		id = r.Name
	}
	e := trade.ListEntity{
		List:     ListName(r.Celex),
		SourceID: r.Annex + "/" + id,
		Schema:   schema,
		Topics:   Topics(r.Celex, r.Annex),
	}
	e.Programs = dedupe([]string{r.ProgramKey, strings.TrimSpace(Regulation(r.Celex) + " Annex " + annexNumber(r.Annex))})

	var names nameSet
	names.addSplit(r.Name, trade.NamePrimary)
	for _, a := range split(r.Alias) {
		names.addSplit(a, trade.NameAlias)
	}
	for _, a := range split(r.WeakAlias) {
		names.addSplit(a, trade.NameWeak)
	}
	for _, a := range split(r.PreviousName) {
		names.addSplit(a, trade.NameFormer)
	}
	e.Names = names.List

	var countries []string
	for _, field := range []string{r.Country, r.Jurisdiction, r.Flag, r.Nationality} {
		for _, c := range splitCountries(field) {
			countries = append(countries, listtext.Code(country, c))
		}
	}
	for _, a := range split(r.Address) {
		e.Addresses = append(e.Addresses, a)
		countries = append(countries, AddressCountry(stripParens(a), country))
	}
	e.Countries = dedupe(countries)
	e.Identifiers = recordIDs(r, e.Countries)
	e.Dates = dedupe(append(append(Dates(r.StartDate), Dates(r.IncorporationDate)...), Dates(r.BirthDate)...))
	e.Remarks = joinNonEmpty("\n", r.Reason, labelled("Position: ", r.Position), labelled("Legal form: ", r.LegalForm),
		r.Notes)
	raw, _ := json.Marshal(r)
	e.Source = string(raw)
	return e, true
}

func labelled(label, v string) string {
	if v == "" {
		return ""
	}
	return label + v
}

// split splits a multi-valued field on semicolons.
func split(s string) []string {
	var out []string
	for _, p := range strings.Split(s, ";") {
		if p = strings.TrimSpace(p); p != "" {
			out = append(out, p)
		}
	}
	return out
}

// splitCountries splits a nationality or country field: "Ukrainian, Russian (the Union does not recognise …)",
// "Russian and Ukrainian".
func splitCountries(s string) []string {
	s = stripParens(s)
	return split(countrySeps.Replace(s))
}

var countrySeps = strings.NewReplacer(" and ", ";", ",", ";", "/", ";")

// stripParens removes parenthesised text.
func stripParens(s string) string {
	var b strings.Builder
	depth := 0
	for _, r := range s {
		switch {
		case r == '(':
			depth++
		case r == ')' && depth > 0:
			depth--
		case depth == 0:
			b.WriteRune(r)
		}
	}
	return b.String()
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

func joinNonEmpty(sep string, parts ...string) string {
	var out []string
	for _, p := range parts {
		if p = strings.TrimSpace(p); p != "" {
			out = append(out, p)
		}
	}
	return strings.Join(out, sep)
}
