package hs

import (
	"fmt"
	"slices"
	"strings"
	"sync"
)

// Tier is a tier of the Common High Priority List, the goods that the US, the EU, the UK and Japan found in
// Russian weapons on the battlefield (BIS / EU Annex XL to Regulation 833/2014, version of 23 February
// 2024). Tier 1 is the highest concern.
type Tier string

// The tiers of the Common High Priority List.
const (
	Tier1  Tier = "1"
	Tier2  Tier = "2"
	Tier3A Tier = "3.A"
	Tier3B Tier = "3.B"
	Tier4A Tier = "4.A"
	Tier4B Tier = "4.B"
)

// Tiers lists the tiers, highest concern first.
var Tiers = []Tier{Tier1, Tier2, Tier3A, Tier3B, Tier4A, Tier4B}

// Definition returns what the list says goods of the tier are, or "" for a tier that does not exist.
func (t Tier) Definition() string { return chpl().definitions[t] }

// Rank returns 1 for the highest concern (tier 1) to 6 (tier 4.B), and 0 for a tier that does not exist.
func (t Tier) Rank() int { return slices.Index(Tiers, t) + 1 }

// CHPLItem is one code of the Common High Priority List.
type CHPLItem struct {
	HS6         Code // the HS2022 subheading as listed
	Tier        Tier
	Description string // the HS2022 description the list gives
	// InSep2023 is true for the 45 codes of the September 2023 list; the five CNC codes of tier 4.B were
	// added in February 2024.
	InSep2023 bool
	// HS2017 is the subheading the code converts to in HS2017, for goods declared under the older
	// version, and Relationship the UNSD correlation between the two ("n:1", "n:n").
	HS2017       Code
	Relationship string
	Note         string
}

// CHPLMatch is a code found on the Common High Priority List, and how it was found.
type CHPLMatch struct {
	CHPLItem
	// ViaHS2017 is true when the code is an HS2017 subheading that no longer exists in HS2022 and maps to
	// the listed code (8548.90 → 8548.00, 8525.80 → 8525.89, 8541.40 → 8541.49, 8803.30 → 8807.30).
	ViaHS2017 bool
}

type chplTable struct {
	items       []CHPLItem
	byHS6       map[Code]int
	byHS2017    map[Code]int
	definitions map[Tier]string
}

var chpl = sync.OnceValue(func() *chplTable {
	t, err := loadCHPL()
	if err != nil {
		panic(fmt.Sprintf("hs: embedded data: %v", err))
	}
	return t
})

func loadCHPL() (*chplTable, error) {
	rows, err := readCSV("data/chpl_2024-02-23.csv")
	if err != nil {
		return nil, err
	}
	if strings.Join(rows[0], ",") != "hs6,hs6_dotted,tier,tier_definition,hs2022_description,in_sep2023_45_list" {
		return nil, fmt.Errorf("chpl_2024-02-23.csv: header %q", rows[0])
	}
	t := &chplTable{byHS6: map[Code]int{}, byHS2017: map[Code]int{}, definitions: map[Tier]string{}}
	for _, r := range rows[1:] {
		it := CHPLItem{HS6: Code(r[0]), Tier: Tier(r[2]), Description: r[4], InSep2023: r[5] == "yes"}
		if it.Tier.Rank() == 0 || len(it.HS6) != 6 || !it.HS6.Valid() {
			return nil, fmt.Errorf("chpl_2024-02-23.csv: row %q", r)
		}
		if d, ok := t.definitions[it.Tier]; ok && d != r[3] {
			return nil, fmt.Errorf("chpl_2024-02-23.csv: two definitions of tier %s", it.Tier)
		}
		t.definitions[it.Tier] = r[3]
		t.byHS6[it.HS6] = len(t.items)
		t.items = append(t.items, it)
	}
	rows, err = readCSV("data/chpl_hs2022_to_hs2017.csv")
	if err != nil {
		return nil, err
	}
	for _, r := range rows[1:] {
		i, ok := t.byHS6[Code(r[0])]
		if !ok || t.items[i].Tier != Tier(r[1]) {
			return nil, fmt.Errorf("chpl_hs2022_to_hs2017.csv: row %q does not match the list", r)
		}
		it := &t.items[i]
		it.HS2017, it.Relationship, it.Note = Code(r[2]), r[3], r[4]
		// An HS2017 code leads to the list when it cannot be read as HS2022 and its correlation is not
		// many-to-many: HS2017 8517.12 (mobile phones) correlates with the listed 8541.51 and 8541.59 only
		// through the n:n reshuffle of parts and transducers, and would otherwise make every phone declared
		// under HS2017 a high-priority item.
		if it.HS2017 != it.HS6 && !Exists(it.HS2017) && it.Relationship != "n:n" {
			t.byHS2017[it.HS2017] = i
		}
	}
	return t, nil
}

// CHPL returns the tier of c on the Common High Priority List. c matches through its first six digits;
// an HS2017 subheading that no longer exists matches the code it became. Chapters and headings do not
// match: use CHPLItems to list the codes under them.
func CHPL(c Code) (Tier, bool) {
	m, ok := LookupCHPL(c)
	return m.Tier, ok
}

// LookupCHPL is CHPL with the whole entry and how it was found.
func LookupCHPL(c Code) (CHPLMatch, bool) {
	if len(c) < 6 {
		return CHPLMatch{}, false
	}
	t := chpl()
	if i, ok := t.byHS6[c[:6]]; ok {
		return CHPLMatch{CHPLItem: t.items[i]}, true
	}
	if i, ok := t.byHS2017[c[:6]]; ok {
		return CHPLMatch{CHPLItem: t.items[i], ViaHS2017: true}, true
	}
	return CHPLMatch{}, false
}

// CHPLItems returns the codes of the Common High Priority List under the prefix c (all 50 for ""), in the
// order of the list.
func CHPLItems(c Code) []CHPLItem {
	var out []CHPLItem
	for _, it := range chpl().items {
		if strings.HasPrefix(string(it.HS6), string(c)) {
			out = append(out, it)
		}
	}
	return out
}

// CHPLCodes returns every six-digit code that CHPL matches: the listed HS2022 codes and the HS2017 codes that
// lead to them, sorted. Stores use it to select candidate rows without scanning for each code.
func CHPLCodes() []Code {
	t := chpl()
	out := make([]Code, 0, len(t.byHS6)+len(t.byHS2017))
	for c := range t.byHS6 {
		out = append(out, c)
	}
	for c := range t.byHS2017 {
		out = append(out, c)
	}
	slices.Sort(out)
	return out
}
