package party

import (
	"slices"
	"strings"
	"unicode"

	"tradetrace/internal/names"
)

// words splits text into lower-case words of letters and digits.
func words(s string) []string {
	return strings.FieldsFunc(strings.ToLower(s), func(r rune) bool {
		return !unicode.IsLetter(r) && !unicode.IsDigit(r)
	})
}

func hasDigit(s string) bool {
	return strings.ContainsFunc(s, unicode.IsDigit)
}

// cleanName removes an address glued to the end of a name, as vendors write it ("TOO EVRAZIYA KOMPONENTS
// 160370 G SHYMKENT UL ZHIBEK ZHOLY"): the trailing words that also occur in the variant's address, when
// there are three or more of them, one is a number and two words of the name are left.
func cleanName(name string, addrs ...string) string {
	in := map[string]bool{}
	for _, a := range addrs {
		for _, w := range words(a) {
			in[w] = true
		}
	}
	if len(in) == 0 {
		return name
	}
	fields := strings.Fields(name)
	cut, digit := len(fields), false
	for cut > 0 {
		ws := words(fields[cut-1])
		if len(ws) == 0 {
			cut--
			continue
		}
		all := true
		for _, w := range ws {
			if !in[w] {
				all = false
			}
		}
		if !all {
			break
		}
		for _, w := range ws {
			digit = digit || hasDigit(w)
		}
		cut--
	}
	if len(fields)-cut < 3 || !digit || cut < 2 {
		return name
	}
	return strings.Join(fields[:cut], " ")
}

// addressTokens returns the Latin words of an address, sorted and distinct: Cyrillic and Latin renderings
// of one address come out alike ("Г. МОСКВА" and "G. MOSKVA" → g moskva).
func addressTokens(addr string) []string {
	if strings.TrimSpace(addr) == "" {
		return nil
	}
	n := names.Prepare(addr, names.Options{})
	var out []string
	for _, t := range n.Tokens() {
		for _, w := range words(t.Latin) {
			out = append(out, w)
		}
	}
	slices.Sort(out)
	return slices.Compact(out)
}

// addressMatch reports whether two addresses are the same place: three words in common, a number among
// them (a house number or postcode), and four in five words of the shorter address found in the other.
func addressMatch(a, b []string) bool {
	if len(a) < 3 || len(b) < 3 {
		return false
	}
	common, digit := 0, false
	for i, j := 0, 0; i < len(a) && j < len(b); {
		switch {
		case a[i] < b[j]:
			i++
		case a[i] > b[j]:
			j++
		default:
			common++
			digit = digit || hasDigit(a[i])
			i++
			j++
		}
	}
	return common >= 3 && digit && float64(common) >= 0.8*float64(min(len(a), len(b)))
}

// distinctivePair reports whether the alignment of two names pairs a rare word of a closely (similarity
// 0.9 or more): a shared address then says the names are one company's, where a shared generic word ("general
// trading") says nothing.
func distinctivePair(s names.Score, a names.Name) bool {
	var weight map[string]float64
	for _, p := range s.Pairs {
		if p.Sim < 0.9 {
			continue
		}
		if weight == nil {
			weight = map[string]float64{}
			for _, t := range a.Tokens() {
				if t.Role == names.RoleWord {
					weight[t.Latin] = max(weight[t.Latin], t.Weight)
				}
			}
		}
		for _, w := range strings.Fields(p.A) {
			if weight[w] >= rareWeight {
				return true
			}
		}
	}
	return false
}
