package mofcom

import (
	"encoding/json"
	"strings"
	"tradetrace/internal/source/listtext"

	"tradetrace/internal/trade"
)

// ListName is the list written by this package.
const ListName = "cn_mofcom"

// Countries resolves a country as the publisher writes it ("Japan", "US") to an ISO 3166 alpha-2 code, or ""
// when it cannot. Package lists provides one; nil accepts two-letter codes only.
type Countries func(name string) string

// Topics returns the topics of every target. The file also tags the export-control lists as export.control and
// the Taiwan lists as sanction, from China's side; for an investigator screening trade with Russia all of them are
// the same knowledge — a target of Chinese countermeasures — and calling a US defence contractor "export.control"
// would read as a US or EU control. The decision is kept in the programs.
func Topics() []trade.Topic {
	return []trade.Topic{trade.TopicCounterSanction}
}

// Map merges the rows of one target — the same type and name (the Chinese name when there is no other) — into
// one list entity, in the order targets first appear; its SourceID is that key. A target all of whose rows have
// an end date is no longer listed and is left out.
func Map(records []Record, country Countries) []trade.ListEntity {
	var order []string
	groups := make(map[string][]Record)
	for _, r := range records {
		name := firstNonEmpty(r.Name, r.ChineseName)
		if name == "" {
			continue
		}
		k := strings.ToLower(r.Type + "|" + strings.Join(strings.Fields(name), " "))
		if _, ok := groups[k]; !ok {
			order = append(order, k)
		}
		groups[k] = append(groups[k], r)
	}
	out := make([]trade.ListEntity, 0, len(order))
	for _, k := range order {
		if e, ok := mapTarget(k, groups[k], country); ok {
			out = append(out, e)
		}
	}
	return out
}

func mapTarget(k string, rows []Record, country Countries) (trade.ListEntity, bool) {
	active := false
	for _, r := range rows {
		active = active || r.EndDate == ""
	}
	if !active {
		return trade.ListEntity{}, false
	}
	e := trade.ListEntity{List: ListName, SourceID: k, Schema: Schema(rows[0].Type), Topics: Topics()}
	var names listtext.NameSet
	for _, r := range rows {
		names.Add(r.Name, trade.NamePrimary)
	}
	for _, r := range rows {
		for _, a := range strings.Split(r.Alias, ";") {
			names.Add(a, trade.NameAlias)
		}
		names.AddName(trade.ListName{Value: r.ChineseName, Kind: trade.NameAlias, Lang: "zh"})
	}
	for i := range names.List {
		if i > 0 && names.List[i].Kind == trade.NamePrimary {
			names.List[i].Kind = trade.NameAlias
		}
	}
	e.Names = names.List
	var programs, countries, addresses, dates, remarks []string
	for _, r := range rows {
		programs = append(programs, firstNonEmpty(r.List, r.Body))
		countries = append(countries, listtext.Code(country, r.Country))
		addresses = append(addresses, r.Address)
		dates = append(dates, Date(r.Date))
		remarks = append(remarks, r.Summary, r.ChineseSummary, r.Body)
		if r.QID != "" {
			e.Identifiers = appendID(e.Identifiers, trade.Identifier{Scheme: "WIKIDATA", Value: r.QID})
		}
	}
	e.Programs = listtext.Dedupe(programs)
	e.Countries = listtext.Dedupe(countries)
	e.Addresses = listtext.Dedupe(addresses)
	e.Dates = listtext.Dedupe(dates)
	e.Remarks = strings.Join(listtext.Dedupe(remarks), "\n")
	raw, _ := json.Marshal(rows)
	e.Source = string(raw)
	return e, true
}

// Schema maps the type column to a schema.
func Schema(t string) trade.EntitySchema {
	switch strings.TrimSpace(t) {
	case "Person":
		return trade.SchemaPerson
	case "Company":
		return trade.SchemaCompany
	case "Organization":
		return trade.SchemaOrganization
	}
	return trade.SchemaLegalEntity
}

// Date converts dd.mm.yyyy or dd.mm.yy (this century) to ISO 8601, or returns "".
func Date(s string) string {
	p := strings.Split(strings.TrimSpace(s), ".")
	if len(p) != 3 || len(p[0]) != 2 || len(p[1]) != 2 || (len(p[2]) != 2 && len(p[2]) != 4) {
		return ""
	}
	for _, x := range p {
		if strings.Trim(x, "0123456789") != "" {
			return ""
		}
	}
	y := p[2]
	if len(y) == 2 {
		y = "20" + y
	}
	if p[1] < "01" || p[1] > "12" || p[0] < "01" || p[0] > "31" {
		return ""
	}
	return y + "-" + p[1] + "-" + p[0]
}

func appendID(ids []trade.Identifier, id trade.Identifier) []trade.Identifier {
	for _, x := range ids {
		if x == id {
			return ids
		}
	}
	return append(ids, id)
}

func firstNonEmpty(xs ...string) string {
	for _, x := range xs {
		if strings.TrimSpace(x) != "" {
			return strings.TrimSpace(x)
		}
	}
	return ""
}
