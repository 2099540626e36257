package party

import (
	"cmp"
	"slices"
	"strings"
	"time"
	"unicode"

	"tradetrace/internal/names"
)

// Summary is what a party adds up to over its variants.
type Summary struct {
	Name        string   // the name written on most lines, as written
	NameEn      string   // the most frequent English rendering, or Latin variant when the name is not Latin
	Country     string   // the most frequent country
	Identifiers []string // normalised, most lines first
	Addresses   []string // most lines first, at most MaxAddresses
	Roles       map[string]int64
	Lines       int64
	ValueUSD    float64
	WeightKg    float64
	First, Last time.Time
	Search      string // normalised name words of every variant and the identifiers, space-separated
}

// MaxAddresses caps the addresses a summary lists.
const MaxAddresses = 20

// Role names, as shipment_parties writes them.
const (
	RoleShipper   = "shipper"
	RoleConsignee = "consignee"
)

// Summary adds up the variants of party p.
func (r *Result) Summary(p int) Summary {
	var s Summary
	vs := r.Parties[p].Variants
	byLines := func(m map[string]int64) []string {
		out := make([]string, 0, len(m))
		for k := range m {
			out = append(out, k)
		}
		slices.SortFunc(out, func(a, b string) int {
			if c := cmp.Compare(m[b], m[a]); c != 0 {
				return c
			}
			return strings.Compare(a, b)
		})
		return out
	}
	countries, ids, addrs, latin := map[string]int64{}, map[string]int64{}, map[string]int64{}, map[string]int64{}
	search := map[string]bool{}
	var shipper, consignee int64
	for _, i := range vs {
		v := &r.Variants[i]
		n := v.Lines()
		s.Lines += n
		shipper += v.ShipperLines
		consignee += v.ConsigneeLines
		s.ValueUSD += v.ValueUSD
		s.WeightKg += v.WeightKg
		if !v.First.IsZero() && (s.First.IsZero() || v.First.Before(s.First)) {
			s.First = v.First
		}
		if v.Last.After(s.Last) {
			s.Last = v.Last
		}
		if v.Country != "" {
			countries[v.Country] += n
		}
		if id := NormalizeID(v.ID); id != "" {
			ids[id] += n
			search[strings.ToLower(id)] = true
		}
		for _, a := range []string{v.Address, v.AddressEn} {
			if a = strings.TrimSpace(a); a != "" {
				addrs[a] += n
			}
		}
		if v.NameEn != "" {
			latin[v.NameEn] += n
		} else if isLatin(v.Name) {
			latin[v.Name] += n
		}
		if r.strs != nil {
			for _, j := range r.strs[i] {
				if j >= 0 {
					for _, w := range strings.Fields(r.search[j]) {
						search[w] = true
					}
				}
			}
		}
	}
	// the name written on most lines, and the English rendering written with it most often
	nameLines, enLines := map[string]int64{}, map[string]int64{}
	for _, i := range vs {
		v := &r.Variants[i]
		if nm := cmp.Or(v.Name, v.NameEn); nm != "" {
			nameLines[nm] += v.Lines()
		}
	}
	if ns := byLines(nameLines); len(ns) > 0 {
		s.Name = ns[0]
	}
	for _, i := range vs {
		if v := &r.Variants[i]; v.Name == s.Name && v.NameEn != "" {
			enLines[v.NameEn] += v.Lines()
		}
	}
	switch {
	case len(enLines) > 0:
		s.NameEn = byLines(enLines)[0]
	case !isLatin(s.Name) && len(latin) > 0:
		s.NameEn = byLines(latin)[0]
	}
	if cs := byLines(countries); len(cs) > 0 {
		s.Country = cs[0]
	}
	s.Identifiers = byLines(ids)
	s.Addresses = byLines(addrs)
	if len(s.Addresses) > MaxAddresses {
		s.Addresses = s.Addresses[:MaxAddresses]
	}
	s.Roles = map[string]int64{}
	if shipper > 0 {
		s.Roles[RoleShipper] = shipper
	}
	if consignee > 0 {
		s.Roles[RoleConsignee] = consignee
	}
	words := make([]string, 0, len(search))
	for w := range search {
		words = append(words, w)
	}
	slices.Sort(words)
	s.Search = strings.Join(words, " ")
	return s
}

// isLatin reports whether a name has letters and all of them are Latin.
func isLatin(s string) bool {
	letters := false
	for _, r := range s {
		if unicode.IsLetter(r) {
			if !unicode.Is(unicode.Latin, r) {
				return false
			}
			letters = true
		}
	}
	return letters
}

// SearchWords returns the words a query is looked up by in Summary.Search: the Latin words of the name
// engine's reading of it (legal forms set aside, so "ZAO TEKHKRIM" and "ТЕХКРИМ" both look up tekhkrim), or
// the identifier when the query is one.
func SearchWords(q string) string {
	if strings.TrimSpace(q) == "" {
		return ""
	}
	if id := NormalizeID(q); id != "" && strings.ContainsFunc(id, unicode.IsDigit) && !strings.Contains(strings.TrimSpace(q), " ") {
		return strings.ToLower(id)
	}
	ws := strings.Fields(names.Prepare(q, names.Options{}).Latin())
	if len(ws) == 0 {
		ws = words(q)
	}
	slices.Sort(ws)
	return strings.Join(slices.Compact(ws), " ")
}
