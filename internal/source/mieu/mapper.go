package mieu

import (
	"encoding/json"
	"strings"
	"tradetrace/internal/source/listtext"

	"tradetrace/internal/trade"
)

// ListName is the list written by this package.
const ListName = "us_bis_mieu"

// Countries resolves a country as the publisher writes it to an ISO 3166 alpha-2 code, or "" when it cannot.
// Package lists provides one; nil accepts two-letter codes only.
type Countries func(name string) string

// Map turns the rows into list entities, one per row; a row with an end date has been taken off the list and is
// left out. Every entry is a military end user under an export control, whatever the topics column says; topics
// it names besides are kept.
func Map(records []Record, country Countries) []trade.ListEntity {
	out := make([]trade.ListEntity, 0, len(records))
	for _, r := range records {
		if strings.TrimSpace(r.Name) == "" || r.EndDate != "" {
			continue
		}
		e := trade.ListEntity{List: ListName, SourceID: r.Name, Schema: Schema(r.Type),
			Programs: listtext.Dedupe([]string{r.Program}), Dates: listtext.Dedupe([]string{r.Date})}
		topics := []trade.Topic{trade.TopicMilitaryEndUser, trade.TopicExportControl}
		for _, t := range strings.Split(r.Topics, ";") {
			if t = strings.TrimSpace(t); t != "" && t != string(trade.TopicMilitaryEndUser) && t != string(trade.TopicExportControl) {
				topics = append(topics, trade.Topic(t))
			}
		}
		e.Topics = topics
		var names listtext.NameSet
		names.Add(r.Name, trade.NamePrimary)
		for _, a := range strings.Split(r.Alias, ";") {
			names.Add(a, listtext.AliasKind(a))
		}
		e.Names = names.List
		e.Countries = listtext.Dedupe([]string{listtext.Code(country, r.Country)})
		raw, _ := json.Marshal(r)
		e.Source = string(raw)
		out = append(out, e)
	}
	return out
}

// Schema maps the type column to a schema; the intelligence services on the list are organizations.
func Schema(t string) trade.EntitySchema {
	switch strings.TrimSpace(t) {
	case "Person":
		return trade.SchemaPerson
	case "Company":
		return trade.SchemaCompany
	case "LegalEntity":
		return trade.SchemaLegalEntity
	}
	return trade.SchemaOrganization
}
