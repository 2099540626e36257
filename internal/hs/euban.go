package hs

import (
	"fmt"
	"slices"
	"strings"
	"sync"
)

// CN8 is an 8-digit code of the EU Combined Nomenclature with its label.
type CN8 struct {
	Code  Code
	Label string
}

// euBan is the list of CN8 codes whose export to Russia EU Regulation 833/2014 banned, as of 7 October
// 2022, sorted by code.
var euBan = sync.OnceValue(func() []CN8 {
	l, err := loadEUBan()
	if err != nil {
		panic(fmt.Sprintf("hs: embedded data: %v", err))
	}
	return l
})

func loadEUBan() ([]CN8, error) {
	rows, err := readCSV("data/eu_833-2014_cn8_export_sanctions_codes_2022-10-07.csv")
	if err != nil {
		return nil, err
	}
	if strings.Join(rows[0], ",") != "code,product" {
		return nil, fmt.Errorf("eu_833-2014 ban list: header %q", rows[0])
	}
	out := make([]CN8, 0, len(rows)-1)
	for _, r := range rows[1:] {
		c := Code(r[0])
		if len(c) != 8 || !c.Valid() {
			return nil, fmt.Errorf("eu_833-2014 ban list: code %q", c)
		}
		out = append(out, CN8{c, r[1]})
	}
	slices.SortFunc(out, func(a, b CN8) int { return strings.Compare(string(a.Code), string(b.Code)) })
	return slices.CompactFunc(out, func(a, b CN8) bool { return a.Code == b.Code }), nil
}

// EUExportBan returns the CN8 codes of the EU export ban list (Regulation 833/2014, 7 October 2022) that
// match c, and whether the match is exact.
//
// A code of 8 or more digits matches exactly through its first eight digits: an EU TARIC code always, and
// another country's 10-digit national code as far as its first eight digits follow the CN (the EAEU's
// often do, but not always). A shorter code matches every banned CN8 under it, and exact is false: the
// goods are possibly banned, depending on the CN8 they fall under.
func EUExportBan(c Code) (codes []CN8, exact bool) {
	l := euBan()
	if len(c) >= 8 {
		i, ok := slices.BinarySearchFunc(l, c[:8], cmpCN8)
		if ok {
			return []CN8{l[i]}, true
		}
		return nil, false
	}
	if len(c) < 2 {
		return nil, false
	}
	i, _ := slices.BinarySearchFunc(l, c, cmpCN8)
	for ; i < len(l) && strings.HasPrefix(string(l[i].Code), string(c)); i++ {
		codes = append(codes, l[i])
	}
	return codes, false
}

// EUExportBanned reports whether c matches the EU export ban list: exactly for 8 digits or more, possibly
// for shorter codes (see EUExportBan). It does not allocate.
func EUExportBanned(c Code) bool {
	if len(c) < 2 {
		return false
	}
	l := euBan()
	key := c
	if len(c) >= 8 {
		key = c[:8]
	}
	i, ok := slices.BinarySearchFunc(l, key, cmpCN8)
	return ok || (len(c) < 8 && i < len(l) && strings.HasPrefix(string(l[i].Code), string(c)))
}

func cmpCN8(e CN8, t Code) int { return strings.Compare(string(e.Code), string(t)) }

// EUExportBanList returns the whole list, sorted by code.
func EUExportBanList() []CN8 { return slices.Clone(euBan()) }
