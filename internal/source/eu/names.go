package eu

import (
	"regexp"
	"strings"
	"time"
	"unicode"

	"tradetrace/internal/source/listtext"
	"tradetrace/internal/trade"
)

// nameSet is the list loaders' shared name set, with the EU's way of writing variants in parentheses.
type nameSet struct {
	listtext.NameSet
}

// addSplit adds a name as the EU writes it, with a variant in trailing parentheses: "Sergei AKSENOV (Сергей
// АКСЁНОВ)" is two names, "Rosoboronexport OJSC (ROE)" a name and a weak acronym, "X (formerly Y)" a name and a
// former name.
func (s *nameSet) addSplit(v string, kind trade.NameKind) {
	base, paren := SplitParen(v)
	if paren == "" {
		s.Add(v, kind)
		return
	}
	s.Add(base, kind)
	lower := strings.ToLower(paren)
	switch {
	case strings.HasPrefix(lower, "formerly "), strings.HasPrefix(lower, "previously "), strings.HasPrefix(lower, "f.k.a. "):
		_, rest, _ := strings.Cut(paren, " ")
		rest = strings.TrimSpace(strings.TrimPrefix(strings.TrimPrefix(rest, "known as "), "named "))
		s.Add(rest, trade.NameFormer)
	case strings.HasPrefix(lower, "a.k.a. "), strings.HasPrefix(lower, "also known as "):
		s.Add(paren[strings.Index(lower, " ")+1:], trade.NameAlias)
	case isAcronym(paren):
		s.Add(paren, trade.NameWeak)
	default:
		s.Add(paren, kind)
	}
}

// SplitParen splits a name with a trailing parenthesised part into the name and the part; a name without one
// comes back whole with an empty part.
func SplitParen(v string) (base, paren string) {
	v = strings.TrimSpace(v)
	if !strings.HasSuffix(v, ")") {
		return v, ""
	}
	depth := 0
	for i := len(v) - 1; i >= 0; i-- {
		switch v[i] {
		case ')':
			depth++
		case '(':
			depth--
			if depth == 0 {
				base, paren = strings.TrimSpace(v[:i]), strings.TrimSpace(v[i+1:len(v)-1])
				if base == "" || paren == "" {
					return v, ""
				}
				return base, paren
			}
		}
	}
	return v, ""
}

// isAcronym reports a short single word such as "ROE" or "VEB": a weak name, since it matches too much alone.
func isAcronym(s string) bool {
	if len([]rune(s)) > 6 || strings.ContainsAny(s, " \t") {
		return false
	}
	for _, r := range s {
		if unicode.IsLower(r) {
			return false
		}
	}
	return true
}

// AddressCountry finds the country of an address from its last two comma-separated parts: the longest run of
// words that names a country ("Office 209 Russian Federation", "560066 Republic of India", "Hong Kong,
// Kowloon"). Codes of two or three letters count only as a whole part in capitals (", HK").
func AddressCountry(addr string, country Countries) string {
	parts := strings.Split(addr, ",")
	for i := len(parts) - 1; i >= 0 && i >= len(parts)-2; i-- {
		part := strings.TrimSpace(parts[i])
		if len(part) <= 3 {
			if part != "" && part == strings.ToUpper(part) {
				if c := listtext.Code(country, part); c != "" {
					return c
				}
			}
			continue
		}
		words := addressWords(part)
		for n := min(len(words), 6); n >= 1; n-- {
			for j := len(words) - n; j >= 0; j-- {
				cand := strings.Join(words[j:j+n], " ")
				if len(cand) <= 3 {
					continue
				}
				if c := listtext.Code(country, cand); c != "" {
					return c
				}
			}
		}
	}
	return ""
}

// addressWords splits an address part into words without the digits and punctuation around them.
func addressWords(s string) []string {
	var out []string
	for _, w := range strings.Fields(s) {
		w = strings.TrimFunc(w, func(r rune) bool { return !unicode.IsLetter(r) })
		if w != "" {
			out = append(out, w)
		}
	}
	return out
}

var (
	dmyRe   = regexp.MustCompile(`\b(\d{1,2})[./](\d{1,2})[./](\d{4})\b`)
	isoRe   = regexp.MustCompile(`\b(\d{4})-(\d{2})-(\d{2})\b`)
	wordRe  = regexp.MustCompile(`\b(?:(\d{1,2}) )?(January|February|March|April|May|June|July|August|September|October|November|December) (\d{4})\b`)
	yearRe  = regexp.MustCompile(`\b(1[89]\d\d|20\d\d)\b`)
	monthNo = map[string]string{"January": "01", "February": "02", "March": "03", "April": "04", "May": "05",
		"June": "06", "July": "07", "August": "08", "September": "09", "October": "10", "November": "11",
		"December": "12"}
)

// Dates finds the dates in a field as the EU writes them ("17.3.2014", "9 August 2022", "March 1965", "1958",
// "1.2.1960 or 2.1.1960") and returns them in ISO 8601 at the published precision.
func Dates(s string) []string {
	var out []string
	for _, m := range dmyRe.FindAllStringSubmatch(s, -1) {
		if d := isoDMY(m[1], m[2], m[3]); d != "" {
			out = append(out, d)
		}
	}
	for _, m := range isoRe.FindAllStringSubmatch(s, -1) {
		if d := isoDMY(m[3], m[2], m[1]); d != "" {
			out = append(out, d)
		}
	}
	for _, m := range wordRe.FindAllStringSubmatch(s, -1) {
		if m[1] == "" {
			out = append(out, m[3]+"-"+monthNo[m[2]])
		} else if d := isoDMY(m[1], monthNo[m[2]], m[3]); d != "" {
			out = append(out, d)
		}
	}
	if len(out) == 0 {
		out = yearRe.FindAllString(s, -1)
	}
	return out
}

func isoDMY(d, m, y string) string {
	t, err := time.Parse("2.1.2006", d+"."+m+"."+y)
	if err != nil {
		return ""
	}
	return t.Format("2006-01-02")
}
