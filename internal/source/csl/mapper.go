package csl

import (
	"encoding/json"
	"strings"
	"tradetrace/internal/source/listtext"

	"tradetrace/internal/source/ofac"
	"tradetrace/internal/trade"
)

// ListName is the list written by this package.
const ListName = "us_csl"

// Countries resolves a country as the publisher writes it (mostly ISO alpha-2 codes here) to an ISO 3166 alpha-2
// code, or "" when it cannot. Package lists provides one; nil accepts two-letter codes only.
type Countries func(name string) string

// SubList returns the abbreviation of the sub-list a source column names: "Entity List (EL) - Bureau of Industry
// and Security" → "EL"; a source without one comes back whole.
func SubList(source string) string {
	i, j := strings.LastIndex(source, "("), strings.LastIndex(source, ")")
	if i >= 0 && j > i {
		return strings.TrimSpace(source[i+1 : j])
	}
	return strings.TrimSpace(source)
}

// Topics says what listing on a sub-list means: the Commerce lists (Entity List, Denied Persons, Unverified List)
// and State's ITAR debarments are export controls, the Military End User list adds mil.enduser, the Treasury and
// State sanctions lists are sanctions, and the Chinese Military-Industrial Complex list adds gov.defence as the
// OFAC package does.
func Topics(source string) []trade.Topic {
	switch sub := strings.ToUpper(SubList(source)); {
	case sub == "MEU":
		return []trade.Topic{trade.TopicExportControl, trade.TopicMilitaryEndUser}
	case sub == "EL", sub == "DPL", sub == "UVL", sub == "DTC":
		return []trade.Topic{trade.TopicExportControl}
	case strings.Contains(sub, "CMIC"):
		return []trade.Topic{trade.TopicSanction, trade.TopicStateDefence}
	}
	return []trade.Topic{trade.TopicSanction}
}

// Map turns CSV rows into list entities of list us_csl, one per row.
func Map(records []Record, country Countries) []trade.ListEntity {
	out := make([]trade.ListEntity, 0, len(records))
	for _, r := range records {
		if cleanName(r.Name) == "" {
			continue
		}
		out = append(out, mapRecord(r, country))
	}
	return out
}

func mapRecord(r Record, country Countries) trade.ListEntity {
	sub := SubList(r.Source)
	e := trade.ListEntity{List: ListName, SourceID: r.ID, Schema: Schema(r.Type), Topics: Topics(r.Source)}
	switch {
	case e.SourceID != "":
	case r.EntityNumber != "":
		e.SourceID = sub + ":" + r.EntityNumber
	default:
		e.SourceID = sub + ":" + cleanName(r.Name)
	}
	e.Programs = listtext.Dedupe(append([]string{sub}, split(r.Programs)...))

	var names listtext.NameSet
	names.Add(cleanName(r.Name), trade.NamePrimary)
	for _, a := range split(r.AltNames) {
		names.Add(cleanName(a), trade.NameAlias)
	}
	e.Names = names.List

	var countries []string
	for _, a := range split(r.Addresses) {
		e.Addresses = append(e.Addresses, a)
		parts := strings.Split(a, ",")
		if last := strings.TrimSpace(parts[len(parts)-1]); len(last) == 2 {
			countries = append(countries, listtext.Code(country, last))
		}
	}
	for _, c := range append(append(splitAny(r.Citizenships), splitAny(r.Nationalities)...), r.VesselFlag) {
		countries = append(countries, listtext.Code(country, c))
	}
	e.Countries = listtext.Dedupe(countries)
	e.Identifiers = identifiers(r, e.Countries)
	e.Dates = listtext.Dedupe(append([]string{r.StartDate}, splitAny(r.DatesOfBirth)...))
	e.Remarks = listtext.JoinNonEmpty("\n", r.Remarks, r.LicenseRequirement, r.LicensePolicy, r.FederalRegisterNotice)
	raw, _ := json.Marshal(r)
	e.Source = string(raw)
	return e
}

// Schema maps the type column to a schema.
func Schema(t string) trade.EntitySchema {
	switch strings.ToLower(strings.TrimSpace(t)) {
	case "individual":
		return trade.SchemaPerson
	case "vessel":
		return trade.SchemaVessel
	case "aircraft":
		return trade.SchemaAircraft
	}
	return trade.SchemaLegalEntity
}

// cleanName drops the clauses State writes after a name ("…; and any successor, sub-unit, or subsidiary
// thereof") and the "and " before the last of several alternative names.
func cleanName(s string) string {
	if i := indexFold(s, "; and any successor"); i >= 0 {
		s = s[:i]
	}
	return strings.TrimSpace(strings.TrimPrefix(strings.TrimSpace(s), "and "))
}

// indexFold is the byte offset in s of the first match of the lower-case ASCII pattern, ignoring case, or -1.
// (An offset found in strings.ToLower(s) is not one in s: lower-casing changes the length of some letters, and
// a name of the fuzz corpus cut there crashed the reader.)
func indexFold(s, pattern string) int {
	for i := 0; i+len(pattern) <= len(s); i++ {
		if strings.EqualFold(s[i:i+len(pattern)], pattern) {
			return i
		}
	}
	return -1
}

// identifiers reads the ids column. Its items are "TYPE, NUMBER, COUNTRY" in the current layout and "COUNTRY,
// NUMBER, TYPE" in the 2019 one; the type is recognised with OFAC's vocabulary, and items whose type is not an
// identifier ("Secondary sanctions risk:", "Gender") are left out.
func identifiers(r Record, countries []string) []trade.Identifier {
	ru := false
	for _, c := range countries {
		ru = ru || c == "RU"
	}
	var out []trade.Identifier
	seen := make(map[trade.Identifier]bool)
	add := func(scheme, value, cc string) {
		value = ofac.NormalizeID(scheme, value)
		if value == "" {
			return
		}
		if strings.EqualFold(cc, "RU") || (cc == "" && ru) {
			scheme = ofac.RussianScheme(scheme, value)
		}
		x := trade.Identifier{Scheme: scheme, Value: value}
		if !seen[x] {
			seen[x] = true
			out = append(out, x)
		}
	}
	for _, item := range split(r.IDs) {
		parts := strings.Split(item, ", ")
		for i := range parts {
			parts[i] = strings.TrimSpace(parts[i])
		}
		if len(parts) < 2 {
			continue
		}
		if scheme, ok := ofac.Scheme(parts[0]); ok {
			cc := ""
			if len(parts) > 2 && len(parts[len(parts)-1]) == 2 {
				cc = parts[len(parts)-1]
			}
			add(scheme, parts[1], cc)
			continue
		}
		if scheme, ok := ofac.Scheme(parts[len(parts)-1]); ok {
			cc := ""
			if len(parts) > 2 && len(parts[0]) == 2 {
				cc = parts[0]
			}
			add(scheme, parts[len(parts)-2], cc)
		}
	}
	if r.CallSign != "" {
		add("CALL_SIGN", r.CallSign, "")
	}
	return out
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

// splitAny splits on semicolons and commas.
func splitAny(s string) []string {
	return split(strings.ReplaceAll(s, ",", ";"))
}
