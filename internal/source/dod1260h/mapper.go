package dod1260h

import (
	"encoding/json"
	"sort"
	"strings"
	"tradetrace/internal/source/listtext"

	"tradetrace/internal/trade"
)

// Names written by this package.
const (
	ListName = "us_dod_1260h"
	Program  = "US-DOD-1260H"
)

// Topics returns the topics of every company on the list: a company of China's defence industrial base, the
// same kind of knowledge as a state-owned defence contractor. The list is not a sanction. mil.complex is not
// added: tradetrace keeps it for support to Russia's military-industrial complex (EU Annex IV), which this list
// does not assert.
func Topics() []trade.Topic {
	return []trade.Topic{trade.TopicStateDefence}
}

// Map merges the rows of one company — the same clean name, in any case — into one list entity, in the order
// companies first appear. A company all of whose rows have an end date has been taken off the list and is left
// out.
func Map(records []Record) []trade.ListEntity {
	var order []string
	groups := make(map[string][]Record)
	for _, r := range records {
		k := key(r.CleanName)
		if k == "" {
			k = key(r.Name)
		}
		if k == "" {
			continue
		}
		if _, ok := groups[k]; !ok {
			order = append(order, k)
		}
		groups[k] = append(groups[k], r)
	}
	out := make([]trade.ListEntity, 0, len(order))
	for _, k := range order {
		if e, ok := mapCompany(k, groups[k]); ok {
			out = append(out, e)
		}
	}
	return out
}

func key(s string) string {
	return strings.ToLower(strings.Join(strings.Fields(s), " "))
}

func mapCompany(k string, rows []Record) (trade.ListEntity, bool) {
	active := false
	for _, r := range rows {
		active = active || r.EndDate == ""
	}
	if !active {
		return trade.ListEntity{}, false
	}
	// The latest tranche names the company as it is listed now.
	sorted := append([]Record(nil), rows...)
	sort.SliceStable(sorted, func(i, j int) bool { return sorted[i].StartDate > sorted[j].StartDate })
	e := trade.ListEntity{List: ListName, SourceID: k, Schema: trade.SchemaCompany, Programs: []string{Program},
		Topics: Topics()}
	var names listtext.NameSet
	for _, r := range sorted {
		kind := trade.NameAlias
		if len(names.List) == 0 {
			kind = trade.NamePrimary
		}
		names.Add(firstNonEmpty(r.CleanName, r.Name), kind)
	}
	for _, r := range sorted {
		for _, a := range SplitAliases(r.Alias) {
			names.Add(a, listtext.AliasKind(a))
		}
	}
	for _, r := range sorted {
		for _, p := range strings.Split(r.PreviousName, ";") {
			names.Add(p, trade.NameFormer)
		}
	}
	e.Names = names.List
	var dates, remarks []string
	for _, r := range sorted {
		dates = append(dates, r.StartDate)
		if r.ParentName != "" {
			remarks = append(remarks, "Parent: "+r.ParentName)
		}
		remarks = append(remarks, r.Note)
	}
	e.Dates = listtext.Dedupe(dates)
	e.Remarks = strings.Join(listtext.Dedupe(remarks), "\n")
	raw, _ := json.Marshal(rows)
	e.Source = string(raw)
	return e, true
}

func firstNonEmpty(xs ...string) string {
	for _, x := range xs {
		if strings.TrimSpace(x) != "" {
			return x
		}
	}
	return ""
}

// SplitAliases splits the alias column on semicolons and on commas not followed by a space ("Knownsec,Beijing
// Kownsec"), so that "China Avionics Systems Co., Ltd." stays whole.
func SplitAliases(s string) []string {
	var out []string
	start := 0
	for i := 0; i < len(s); i++ {
		if s[i] == ';' || (s[i] == ',' && (i+1 == len(s) || s[i+1] != ' ')) {
			out = append(out, strings.TrimSpace(s[start:i]))
			start = i + 1
		}
	}
	out = append(out, strings.TrimSpace(s[start:]))
	return listtext.Dedupe(out)
}
