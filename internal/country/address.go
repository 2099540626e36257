package country

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// maxNameTokens is the most words a country name has after normalisation ("UNITED KINGDOM OF GREAT
// BRITAIN AND NORTHERN IRELAND" has eight).
const maxNameTokens = 8

// FromAddress returns the country named in a free-text address, and whether one was found.
//
// It looks where addresses name countries: at the end ("…, DUBAI, UNITED ARAB EMIRATES", "… ISTANBUL
// TURKEY", "…, Москва, Россия", with any postal code after it skipped); at the start, as Russian and
// Chinese addresses write it ("Россия, 125009, Москва", "中国广东省深圳市…"). Only names count, and the
// alpha-3 code when it stands alone as the last part: a bare two-letter code at the end of an address is
// as often a US state ("…, ATLANTA, GA 30303") as a country. A suppression token at the end ("…, OTHER
// COUNTRY") finds nothing. Names that are also places elsewhere (Georgia the US state) are read as the
// country.
func FromAddress(addr string) (Code, bool) {
	t := tables()
	parts := splitAddress(addr)
	if len(parts) == 0 {
		return Unknown, false
	}
	if c, found, done := t.fromEnd(parts[len(parts)-1], len(parts) > 1); done {
		return c, found
	}
	if c, ok := t.fromStart(parts[0]); ok {
		return c, true
	}
	return t.fromCJKPrefix(addr)
}

// splitAddress cuts an address at commas, semicolons and line breaks, and drops the parts without a letter
// (postal codes, house numbers, empty parts).
func splitAddress(addr string) []string {
	fields := strings.FieldsFunc(addr, func(r rune) bool {
		switch r {
		case ',', ';', '\n', '\r', '|', '，', '、', '；':
			return true
		}
		return false
	})
	parts := fields[:0]
	for _, f := range fields {
		if strings.IndexFunc(f, unicode.IsLetter) >= 0 {
			parts = append(parts, f)
		}
	}
	return parts
}

// fromEnd looks for a country at the end of the last part. done is true when the part settled the
// question: a country was found, or a suppression token says there is none.
func (t *table) fromEnd(part string, several bool) (c Code, found, done bool) {
	toks := strings.Fields(string(appendKey(nil, part)))
	for len(toks) > 0 && isDigits([]byte(toks[len(toks)-1])) {
		toks = toks[:len(toks)-1] // "ISTANBUL TURKEY 34000"
	}
	if len(toks) == 0 {
		return Unknown, false, false
	}
	whole := strings.Join(toks, " ")
	if e, ok := t.keys[whole]; ok && (e.flags&isName != 0 || (several && e.flags&isAlpha3 != 0)) {
		return e.code, e.code != Unknown, true
	}
	for n := min(len(toks)-1, maxNameTokens); n >= 1; n-- {
		if e, ok := t.keys[strings.Join(toks[len(toks)-n:], " ")]; ok && e.flags&isName != 0 {
			return e.code, e.code != Unknown, true
		}
	}
	return Unknown, false, false
}

// fromStart looks for a country name at the start of the first part, followed by nothing or by a number
// ("РОССИЯ 125009 МОСКВА"): a name followed by more words is more likely a street ("JORDAN STREET").
func (t *table) fromStart(part string) (Code, bool) {
	toks := strings.Fields(string(appendKey(nil, part)))
	for n := min(len(toks), maxNameTokens); n >= 1; n-- {
		if n < len(toks) && !isDigits([]byte(toks[n])) {
			continue
		}
		if e, ok := t.keys[strings.Join(toks[:n], " ")]; ok && e.flags&isName != 0 && e.code != Unknown {
			return e.code, true
		}
	}
	return Unknown, false
}

// fromCJKPrefix finds a Chinese, Japanese or Korean country name that an address begins with, without a
// separator after it, as Chinese addresses are written ("中国香港九龙…", "中华人民共和国北京市…").
func (t *table) fromCJKPrefix(addr string) (Code, bool) {
	addr = strings.TrimSpace(addr)
	var ends []int // byte offsets after each of the leading CJK runes
	for i, r := range addr {
		if !unicode.In(r, unicode.Han, unicode.Hangul, unicode.Hiragana, unicode.Katakana) {
			break
		}
		ends = append(ends, i+utf8.RuneLen(r))
		if len(ends) == 12 {
			break
		}
	}
	for i := len(ends) - 1; i >= 1; i-- { // names are at least two characters long
		if e, ok := t.keys[addr[:ends[i]]]; ok && e.flags&isName != 0 && e.code != Unknown {
			return e.code, true
		}
	}
	return Unknown, false
}
