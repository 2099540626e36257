package hs

import (
	"fmt"
	"slices"
	"strings"
	"sync"
)

// concordance is the UNSD correlation between HS2022 and HS2017 subheadings, both ways, with the UNSD
// conversion's single HS2017 choice for each HS2022 subheading put first.
type concordance struct {
	to2017, to2022 map[Code][]Code
	keys2017       []Code // sorted, for prefix searches
	keys2022       []Code
	headings2017   map[Code]bool
}

var concord = sync.OnceValue(func() *concordance {
	c, err := loadConcordance()
	if err != nil {
		panic(fmt.Sprintf("hs: embedded data: %v", err))
	}
	return c
})

func loadConcordance() (*concordance, error) {
	c := &concordance{to2017: make(map[Code][]Code, 6000), to2022: make(map[Code][]Code, 6000),
		headings2017: make(map[Code]bool, 1300)}
	conv, err := readCSV("data/hs2022_to_hs2017_conversion.csv")
	if err != nil {
		return nil, err
	}
	first := make(map[Code]Code, len(conv))
	for _, r := range conv[1:] {
		first[Code(r[0])] = Code(r[1])
	}
	rows, err := readCSV("data/hs2022_hs2017_correlation.csv")
	if err != nil {
		return nil, err
	}
	if strings.Join(rows[0], ",") != "hs2022,hs2017,relationship" {
		return nil, fmt.Errorf("hs2022_hs2017_correlation.csv: header %q", rows[0])
	}
	for _, r := range rows[1:] {
		a, b := Code(r[0]), Code(r[1])
		if len(a) != 6 || len(b) != 6 || !allDigits(string(a)) || !allDigits(string(b)) {
			return nil, fmt.Errorf("hs2022_hs2017_correlation.csv: row %q", r)
		}
		if a.Chapter() == "99" {
			continue // Comtrade's "commodities not specified"
		}
		c.to2017[a] = append(c.to2017[a], b)
		c.to2022[b] = append(c.to2022[b], a)
		c.headings2017[b.Heading()] = true
	}
	for a, bs := range c.to2017 {
		f, ok := first[a]
		if !ok {
			return nil, fmt.Errorf("hs2022_to_hs2017_conversion.csv: no row for %s", a)
		}
		slices.Sort(bs)
		if i := slices.Index(bs, f); i < 0 {
			return nil, fmt.Errorf("conversion %s → %s is not in the correlation table", a, f)
		} else {
			copy(bs[1:i+1], bs[:i]) // the conversion's choice first, the rest in order
			bs[0] = f
		}
		c.keys2022 = append(c.keys2022, a)
	}
	for b, as := range c.to2022 {
		slices.Sort(as)
		c.keys2017 = append(c.keys2017, b)
	}
	slices.Sort(c.keys2017)
	slices.Sort(c.keys2022)
	return c, nil
}

// ToHS2022 returns the HS2022 subheadings that goods declared under the HS2017 code c may fall under now,
// from the UNSD correlation tables; nil when c is not an HS2017 code. An 8- or 10-digit code is mapped by
// its subheading, and the answer is subheadings. A chapter or heading is mapped through every subheading
// under it, and the answer is the chapters or headings they reach.
func ToHS2022(c Code) []Code {
	cc := concord()
	return mapCode(c, cc.to2022, cc.keys2017)
}

// ToHS2017 returns the HS2017 subheadings that the HS2022 code c corresponds to, the UNSD conversion's
// choice first (the one to use for a time series); nil when c is not an HS2022 code. Longer and shorter
// codes are treated as by ToHS2022.
func ToHS2017(c Code) []Code {
	cc := concord()
	return mapCode(c, cc.to2017, cc.keys2022)
}

func mapCode(c Code, m map[Code][]Code, keys []Code) []Code {
	switch len(c) {
	case 6, 8, 10:
		return slices.Clone(m[c[:6]])
	case 2, 4:
	default:
		return nil
	}
	i, _ := slices.BinarySearch(keys, c)
	var out []Code
	for ; i < len(keys) && strings.HasPrefix(string(keys[i]), string(c)); i++ {
		for _, t := range m[keys[i]] {
			out = append(out, t[:len(c)])
		}
	}
	slices.Sort(out)
	return slices.Compact(out)
}
