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
	fields := strings.Fields(name)
	if len(in) == 0 {
		return cutPostcode(name, fields)
	}
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
		return cutPostcode(name, fields)
	}
	return strings.Join(fields[:cut], " ")
}

// cutPostcode removes an address glued to a name when the variant carries no address to compare it with: a
// postcode (five or more digits) after two words of the name, followed by two or more words ("OOO ELEKTRO
// 2000 190463 G SANKT-PETERBURG UL PUSHKINA").
func cutPostcode(name string, fields []string) string {
	for i := 2; i+2 < len(fields); i++ {
		if f := fields[i]; len(f) >= 5 && strings.Trim(f, "0123456789") == "" {
			return strings.Join(fields[:i], " ")
		}
	}
	return name
}

// addressTokens returns the Latin words of an address, sorted and distinct: Cyrillic and Latin renderings
// of one address come out alike ("Г. МОСКВА" and "G. MOSKVA" → g moskva).
func addressTokens(addr string) []string {
	if strings.TrimSpace(addr) == "" {
		return nil
	}
	n := names.Prepare(addr, names.Options{})
	han := strings.ContainsFunc(addr, func(r rune) bool { return unicode.Is(unicode.Han, r) })
	var out []string
	prev := ""
	for _, t := range n.Tokens() {
		for _, w := range words(t.Latin) {
			out = append(out, w)
			// Chinese characters come out a syllable at a time: glue neighbours, as the Latin rendering
			// writes them (科技路 → ke ji → keji)
			if han && prev != "" && !hasDigit(prev) && !hasDigit(w) {
				out = append(out, prev+w)
			}
			prev = w
		}
	}
	// numbers as written: the name engine may read them into words
	out = append(out, strings.FieldsFunc(addr, func(r rune) bool { return r < '0' || r > '9' })...)
	slices.Sort(out)
	return slices.Compact(out)
}

// addressMatch reports whether two addresses are the same place: three words in common, a number among
// them (a house number or postcode), and four in five words of the shorter address found in the other.
//
// When one address is in Chinese characters (relaxed), three words in common with a number among them
// suffice: the Latin rendering translates the words for road and district, so the share cannot be high.
func addressMatch(a, b []string, relaxed bool) bool {
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
	return common >= 3 && digit && (relaxed || float64(common) >= 0.8*float64(min(len(a), len(b))))
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

func isHan(r rune) bool { return unicode.Is(unicode.Han, r) }

// crossAddressMatch is addressMatch for an address in Chinese characters against a Latin one, made stricter
// since the city and district words of the two come out alike for every firm of a street: the numbers of
// the two addresses must be the same, and three words be shared.
func crossAddressMatch(a, b []string) bool {
	if !addressMatch(a, b, true) {
		return false
	}
	na, nb := numbersOf(a), numbersOf(b)
	if len(na) == 0 || len(na) != len(nb) {
		return false
	}
	for i := range na {
		if na[i] != nb[i] {
			return false
		}
	}
	return true
}

// numbersOf returns the all-digit tokens of sorted tokens, in order.
func numbersOf(toks []string) []string {
	var out []string
	for _, t := range toks {
		if t != "" && strings.Trim(t, "0123456789") == "" {
			out = append(out, t)
		}
	}
	return out
}
