// Package party resolves the shipper and consignee fields of shipments into parties: the name variants,
// transliterations and identifiers one company is written with become one party, so that it is counted
// once and a page can show every way it was written.
//
// The input is the distinct variants (name, English name, country, identifier) with what their lines add up
// to; the store reads them with one GROUP BY. Resolution is pure: identifiers join (the same identifier in a
// compatible country is one company), conflicting identifiers split (two different identifiers are two
// companies whatever their names), and names are compared with internal/names on candidates that share a
// blocking key (names.Name.Keys), never all pairs. Countries and addresses are evidence beside the name
// score. Merges are taken greedily, best first, and a merge is refused when the two clusters hold different
// identifiers or different countries.
package party

import (
	"strings"
	"time"
)

// Variant is one distinct way a party is written in the shipments: the tuple (name, English name, country,
// identifier), with the most frequent addresses written with it and what its lines add up to.
type Variant struct {
	Name      string
	NameEn    string
	Country   string
	ID        string
	Address   string // the most frequent address written with the variant
	AddressEn string

	ShipperLines   int64
	ConsigneeLines int64
	ValueUSD       float64
	WeightKg       float64
	First, Last    time.Time // zero when no line has a date
}

// Lines is the number of declaration lines the variant appears on, in any role.
func (v *Variant) Lines() int64 { return v.ShipperLines + v.ConsigneeLines }

// Key identifies the variant: its fields joined by the unit separator. A party's id derives from the lowest
// key among its variants.
func (v *Variant) Key() string {
	return v.Name + "\x1f" + v.NameEn + "\x1f" + v.Country + "\x1f" + v.ID
}

// Party is one resolved party: the variants that are one company, most lines first.
type Party struct {
	ID       int64 // stable across rebuilds while the party keeps its lowest variant key
	Variants []int // indexes into Result.Variants
}

// How a party came together, counted over one resolution.
type Stats struct {
	Variants     int // variants read
	Parties      int
	NameStrings  int // distinct names prepared
	Readings     int // distinct Latin readings of the names, which are compared
	Compared     int // name pairs compared
	MergedByID   int // merges of variants that share an identifier
	MergedByName int // merges on name evidence (with country and address)
	SplitByID    int // name matches refused because the clusters hold different identifiers
	Elapsed      time.Duration
}

// Result is a resolution: the variants, the parties they form, and the party of each variant.
type Result struct {
	Variants []Variant
	Parties  []Party
	Of       []int // Of[v] is the index in Parties of variant v's party
	Stats    Stats

	strs   [][2]int32 // the name strings of each variant (-1: none)
	search []string   // the search words of each name string
}

// NormalizeID returns an identifier's letters and digits, upper-cased, or "" when it is too short or a
// placeholder (one character repeated, such as 0000000000) to identify anything.
func NormalizeID(s string) string {
	var b strings.Builder
	for _, r := range strings.ToUpper(s) {
		if r >= '0' && r <= '9' || r >= 'A' && r <= 'Z' {
			b.WriteRune(r)
		}
	}
	out := b.String()
	if len(out) < 5 || strings.Count(out, out[:1]) == len(out) {
		return ""
	}
	return out
}
