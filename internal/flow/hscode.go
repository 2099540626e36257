package flow

// Commodity codes of different sources and years do not line up on their own:
//
//   - Eurostat reports CN8 (the EU's eight-digit Combined Nomenclature), national statistics report their own
//     eight- to ten-digit codes, UN Comtrade reports HS-6. The first six digits of any of them are the
//     international HS subheading, so comparisons across sources are made on HS6.
//   - The HS is revised every five years. HS2022 came into force on 1 January 2022 and changed a few hundred
//     subheadings of HS2017 (for instance drone parts moved from 8803.30 to 8807.30, 8548.90 became 8548.00,
//     8525.80 was split into 8525.81–8525.89). A series that runs across January 2022 therefore shows false
//     "surges" in the new codes and false collapses in the old ones unless the codes of one edition are
//     converted into the other. The concordance tables (UNSD) live in internal/hs; this package takes the
//     mapping as a Concordance so that the caller wires it in.
//   - A split (one old code into several new ones) cannot be apportioned from statistics alone; a concordance
//     used here maps each code to one code, which for an n:n relation should be the code of the whole group.

// HS6 returns the international six-digit subheading of a CN8, HS6 or national code (its first six digits),
// and false when the code has fewer than six digits or is not made of digits.
func HS6(code string) (string, bool) {
	if len(code) < 6 {
		return "", false
	}
	for i := 0; i < 6; i++ {
		if code[i] < '0' || code[i] > '9' {
			return "", false
		}
	}
	return code[:6], true
}

// Edition returns the HS edition in force in period p: "HS2022" from 2022, "HS2017" for 2017–2021,
// "HS2012" for 2012–2016, "HS2007" for 2007–2011 and "HS2002" before.
func Edition(p Period) string {
	switch y := p.Year; {
	case y >= 2022:
		return "HS2022"
	case y >= 2017:
		return "HS2017"
	case y >= 2012:
		return "HS2012"
	case y >= 2007:
		return "HS2007"
	}
	return "HS2002"
}

// Concordance converts an HS-6 code reported in period p, in the edition in force then, into the code of one
// target edition. Codes that did not change come back unchanged.
type Concordance interface {
	Convert(code string, p Period) string
}

// ConcordanceFunc adapts a function to Concordance.
type ConcordanceFunc func(code string, p Period) string

// Convert calls f.
func (f ConcordanceFunc) Convert(code string, p Period) string { return f(code, p) }

// EditionMap is a Concordance from a table of the codes that changed: codes reported under edition From (see
// Edition) that appear in Table are replaced by their value; every other code is kept.
type EditionMap struct {
	From  string
	Table map[string]string
}

// Convert replaces code when it was reported under m.From and m.Table lists it.
func (m EditionMap) Convert(code string, p Period) string {
	if Edition(p) == m.From {
		if c, ok := m.Table[code]; ok {
			return c
		}
	}
	return code
}

// ToHS6 returns the records with their codes cut to six digits and converted by c (when c is not nil); records
// that then share reporter, partner, direction, period, code and currency are added into one, in the order of
// their first appearance. Records coded Total, or with codes shorter than six digits, are kept as they are.
func ToHS6(rs []Record, c Concordance) []Record {
	type key struct {
		rep, par   Area
		code, curr string
		period     Period
		flow       Direction
	}
	index := make(map[key]int, len(rs)/4)
	out := make([]Record, 0, len(rs)/4)
	for _, r := range rs {
		if h, ok := HS6(r.Code); ok {
			if c != nil {
				h = c.Convert(h, r.Period)
			}
			r.Code = h
		}
		k := key{r.Reporter, r.Partner, r.Code, r.Currency, r.Period, r.Flow}
		i, ok := index[k]
		if !ok {
			index[k] = len(out)
			out = append(out, r)
			continue
		}
		o := &out[i]
		o.Value += r.Value
		if o.HasQuantity && r.HasQuantity {
			o.QuantityKg += r.QuantityKg
		} else {
			o.HasQuantity, o.QuantityKg = false, 0 // a sum with a missing part is unknown
		}
	}
	return out
}
