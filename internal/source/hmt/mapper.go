package hmt

import (
	"encoding/json"
	"fmt"
	"strings"
	"tradetrace/internal/source/listtext"

	"tradetrace/internal/trade"
)

// ListName is the list written by this package.
const ListName = "uk_hmt"

// Countries resolves a country as the publisher writes it ("Iran (Islamic Republic of)", "Pakistani") to an ISO
// 3166 alpha-2 code, or "" when it cannot. Package lists provides one; nil accepts two-letter codes only.
type Countries func(name string) string

// scriptLangs maps the Non-Latin Script Language column to ISO 639-1 codes.
var scriptLangs = map[string]string{"russian": "ru", "ukrainian": "uk", "belarusian": "be", "persian": "fa",
	"arabic": "ar", "chinese": "zh", "korean": "ko", "japanese": "ja", "georgian": "ka", "armenian": "hy"}

// Map groups rows by Group ID, in the order the groups first appear, and turns each group into a list entity.
// The Prime Alias row gives the primary name, AKA rows aliases (weak when their quality is Low), FKA rows former
// names; the name in non-Latin script is an alias in its language.
func Map(rows []Row, country Countries) []trade.ListEntity {
	var order []string
	groups := make(map[string][]Row)
	for _, r := range rows {
		id := r.GroupID
		if id == "" {
			id = fmt.Sprintf("line-%d", r.Line)
		}
		if _, ok := groups[id]; !ok {
			order = append(order, id)
		}
		groups[id] = append(groups[id], r)
	}
	out := make([]trade.ListEntity, 0, len(order))
	for _, id := range order {
		out = append(out, mapGroup(id, groups[id], country))
	}
	return out
}

func mapGroup(id string, rows []Row, country Countries) trade.ListEntity {
	first := rows[0]
	e := trade.ListEntity{List: ListName, SourceID: id, Schema: Schema(first.Type),
		Topics: []trade.Topic{trade.TopicSanction}}
	var names listtext.NameSet
	for _, pass := range []func(Row) bool{
		func(r Row) bool { return strings.EqualFold(r.Alias, "Prime Alias") },
		func(r Row) bool { return !strings.EqualFold(r.Alias, "Prime Alias") },
	} {
		for _, r := range rows {
			if pass(r) {
				names.Add(fullName(r), nameKind(r, len(names.List) == 0))
			}
		}
	}
	for _, r := range rows {
		if r.NonLatin != "" {
			lang := scriptLangs[strings.ToLower(r.Fields["Non-Latin Script Language"])]
			names.AddName(trade.ListName{Value: r.NonLatin, Kind: trade.NameAlias, Lang: lang})
		}
	}
	e.Names = names.List

	var programs, countries, addresses, dates, remarks []string
	var ids []trade.Identifier
	for _, r := range rows {
		f := r.Fields
		programs = append(programs, f["Regime"])
		for _, n := range strings.FieldsFunc(stripParens(f["Nationality"]), func(r rune) bool { return r == ',' || r == ';' }) {
			countries = append(countries, listtext.Code(country, n))
		}
		countries = append(countries, listtext.Code(country, stripParens(f["Country"])))
		addresses = append(addresses, listtext.JoinNonEmpty(", ", f["Address 1"], f["Address 2"], f["Address 3"], f["Address 4"],
			f["Address 5"], f["Address 6"], f["Post/Zip Code"], f["Country"]))
		dates = append(dates, Date(f["Listed On"]), Date(f["DOB"]))
		remarks = append(remarks, labelled("Position: ", f["Position"]), f["Other Information"])
		for _, c := range []struct{ col, scheme string }{{"Passport Number", "PASSPORT"},
			{"National Identification Number", "NATIONAL_ID"}, {"IMO number", "IMO"}} {
			if v := strings.TrimSpace(stripParens(f[c.col])); v != "" {
				ids = append(ids, trade.Identifier{Scheme: c.scheme, Value: v})
			}
		}
	}
	e.Programs = listtext.Dedupe(programs)
	e.Countries = listtext.Dedupe(countries)
	e.Addresses = listtext.Dedupe(addresses)
	e.Dates = listtext.Dedupe(dates)
	e.Remarks = strings.Join(listtext.Dedupe(remarks), "\n")
	seen := make(map[trade.Identifier]bool)
	for _, id := range ids {
		if !seen[id] {
			seen[id] = true
			e.Identifiers = append(e.Identifiers, id)
		}
	}
	raw, _ := json.Marshal(rows)
	e.Source = string(raw)
	return e
}

// Schema maps the Group Type column to a schema.
func Schema(groupType string) trade.EntitySchema {
	switch strings.ToLower(strings.TrimSpace(groupType)) {
	case "individual":
		return trade.SchemaPerson
	case "ship":
		return trade.SchemaVessel
	}
	return trade.SchemaLegalEntity
}

// fullName writes the forenames before the surname; an entity's name is in Name 6 alone.
func fullName(r Row) string {
	return listtext.JoinNonEmpty(" ", r.Names[0], r.Names[1], r.Names[2], r.Names[3], r.Names[4], r.Names[5])
}

func nameKind(r Row, first bool) trade.NameKind {
	switch {
	case strings.EqualFold(r.Alias, "Prime Alias") && first:
		return trade.NamePrimary
	case strings.EqualFold(r.Alias, "FKA"):
		return trade.NameFormer
	case strings.EqualFold(r.Quality, "Low"):
		return trade.NameWeak
	case first:
		return trade.NamePrimary
	}
	return trade.NameAlias
}

// Date converts a date as HMT writes it, dd/mm/yyyy with 00 for an unknown day or month, to ISO 8601 at the
// known precision: "00/09/1962" is 1962-09, "00/00/1936" and "10/00/1983" are years.
func Date(s string) string {
	p := strings.Split(strings.TrimSpace(s), "/")
	if len(p) != 3 || len(p[2]) != 4 || !digits(p[2]) || !digits(p[1]) || !digits(p[0]) {
		return ""
	}
	d, m, y := p[0], p[1], p[2]
	if len(m) == 1 {
		m = "0" + m
	}
	if len(d) == 1 {
		d = "0" + d
	}
	switch {
	case m == "00" || m > "12" || len(m) != 2:
		return y
	case d == "00" || d > "31" || len(d) != 2:
		return y + "-" + m
	}
	return y + "-" + m + "-" + d
}

func digits(s string) bool {
	return s != "" && strings.Trim(s, "0123456789") == ""
}

func labelled(label, v string) string {
	if v == "" {
		return ""
	}
	return label + v
}
