package un

import (
	"encoding/json"
	"strings"
	"tradetrace/internal/source/listtext"

	"tradetrace/internal/trade"
)

// ListName is the list written by this package.
const ListName = "un_sc"

// Countries resolves a country as the publisher writes it ("Democratic People's Republic of Korea") to an ISO
// 3166 alpha-2 code, or "" when it cannot. Package lists provides one; nil accepts two-letter codes only.
type Countries func(name string) string

// Map turns the records of the consolidated list into list entities. The SourceID is the UN reference number
// ("CDe.001") by which the Security Council cites an entry, or the DATAID when there is none.
func Map(records []Record, country Countries) []trade.ListEntity {
	out := make([]trade.ListEntity, 0, len(records))
	for _, r := range records {
		out = append(out, mapRecord(r, country))
	}
	return out
}

func mapRecord(r Record, country Countries) trade.ListEntity {
	e := trade.ListEntity{List: ListName, SourceID: strings.TrimSpace(r.Reference), Schema: trade.SchemaLegalEntity,
		Topics: []trade.Topic{trade.TopicSanction}, Programs: listtext.Dedupe([]string{r.ListType})}
	if e.SourceID == "" {
		e.SourceID = strings.TrimSpace(r.DataID)
	}
	if r.Individual {
		e.Schema = trade.SchemaPerson
	}
	var names listtext.NameSet
	names.Add(listtext.JoinNonEmpty(" ", r.FirstName, r.SecondName, r.ThirdName, r.FourthName), trade.NamePrimary)
	names.Add(r.OriginalScript, trade.NameAlias)
	for _, a := range r.Aliases {
		names.Add(a.Name, aliasKind(a.Quality))
	}
	e.Names = names.List

	countries := make([]string, 0, len(r.Nationalities)+len(r.Addresses))
	for _, n := range r.Nationalities {
		countries = append(countries, listtext.Code(country, n))
	}
	for _, a := range r.Addresses {
		if s := listtext.JoinNonEmpty(", ", a.Street, a.City, a.State, a.ZipCode, a.Country); s != "" {
			e.Addresses = append(e.Addresses, s)
		}
		countries = append(countries, listtext.Code(country, a.Country))
	}
	e.Countries = listtext.Dedupe(countries)

	dates := []string{date(r.ListedOn)}
	for _, b := range r.BirthDates {
		dates = append(dates, date(b.Date), b.Year, b.FromYear, b.ToYear)
	}
	e.Dates = listtext.Dedupe(dates)
	for _, d := range r.Documents {
		if v := strings.TrimSpace(d.Number); v != "" {
			e.Identifiers = append(e.Identifiers, trade.Identifier{Scheme: DocumentScheme(d.Type), Value: v})
		}
	}
	e.Remarks = listtext.JoinNonEmpty("\n", r.Comments, strings.Join(r.Designations, "; "))
	raw, _ := json.Marshal(r)
	e.Source = string(raw)
	return e
}

func aliasKind(quality string) trade.NameKind {
	switch strings.ToLower(strings.TrimSpace(quality)) {
	case "low":
		return trade.NameWeak
	case "f.k.a.":
		return trade.NameFormer
	}
	return trade.NameAlias
}

// DocumentScheme maps a document type, in whichever of the UN's languages it is written, to a scheme.
func DocumentScheme(t string) string {
	t = strings.ToLower(t)
	switch {
	case strings.Contains(t, "passport"), strings.Contains(t, "passeport"), strings.Contains(t, "pasaporte"):
		return "PASSPORT"
	case strings.Contains(t, "national identification"), strings.Contains(t, "identity card"):
		return "NATIONAL_ID"
	}
	return "ID"
}

// date keeps the date part of an ISO timestamp ("2014-06-30", "1960-01-01T00:00:00").
func date(s string) string {
	s = strings.TrimSpace(s)
	if len(s) > 10 && s[4] == '-' {
		return s[:10]
	}
	return s
}
