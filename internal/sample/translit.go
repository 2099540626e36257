package sample

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// Vendors render Cyrillic names in Latin letters in several ways; the same company shows up as
// TEKHNOSNAB, TEHNOSNAB and TECHNOSNAB. Each system here is one of those habits.
type translitSystem uint8

const (
	tlBGN    translitSystem = iota // BGN/PCGN-like, the most common in vendor data: KH, TS, YU, YA
	tlICAO                         // Russian passports since 2014: KH, TS, IU, IA, Й as I
	tlSimple                       // older and German-influenced: H, C, JU, JA, Й as J
)

var translitTables = func() [3]map[rune]string {
	base := map[rune]string{
		'А': "A", 'Б': "B", 'В': "V", 'Г': "G", 'Д': "D", 'Е': "E", 'Ё': "E", 'Ж': "ZH", 'З': "Z", 'И': "I",
		'Й': "Y", 'К': "K", 'Л': "L", 'М': "M", 'Н': "N", 'О': "O", 'П': "P", 'Р': "R", 'С': "S", 'Т': "T",
		'У': "U", 'Ф': "F", 'Х': "KH", 'Ц': "TS", 'Ч': "CH", 'Ш': "SH", 'Щ': "SHCH", 'Ъ': "", 'Ы': "Y",
		'Ь': "", 'Э': "E", 'Ю': "YU", 'Я': "YA",
		// Kazakh and Ukrainian letters, as Kazakh names are romanised
		'Ә': "A", 'Ғ': "G", 'Қ': "Q", 'Ң': "N", 'Ө': "O", 'Ұ': "U", 'Ү': "U", 'Һ': "H", 'І': "I",
		'«': "", '»': "", '"': "", '№': "NO.",
	}
	icao := map[rune]string{'Й': "I", 'Ю': "IU", 'Я': "IA", 'Ъ': "IE", 'Қ': "K"}
	simple := map[rune]string{'Х': "H", 'Ц': "C", 'Й': "J", 'Ю': "JU", 'Я': "JA", 'Щ': "SCH", 'Ь': "'", 'Қ': "K", 'Ғ': "GH"}
	var out [3]map[rune]string
	for i, over := range []map[rune]string{nil, icao, simple} {
		m := make(map[rune]string, len(base))
		for k, v := range base {
			m[k] = v
		}
		for k, v := range over {
			m[k] = v
		}
		out[i] = m
	}
	return out
}()

// translit renders Cyrillic text in Latin letters with one system; other characters pass through, and
// lower-case input gives lower-case output.
func translit(s string, sys translitSystem) string {
	t := translitTables[sys]
	var b strings.Builder
	b.Grow(len(s) + len(s)/4)
	for _, r := range s {
		if r < utf8.RuneSelf {
			b.WriteRune(r)
			continue
		}
		up := unicode.ToUpper(r)
		v, ok := t[up]
		if !ok {
			b.WriteRune(r)
			continue
		}
		if up != r {
			v = strings.ToLower(v)
		}
		b.WriteString(v)
	}
	return b.String()
}

// turkishASCII folds Turkish letters to ASCII, as foreign vendors and many declarants write them.
func turkishASCII(s string) string {
	return turkishFold.Replace(s)
}

var turkishFold = strings.NewReplacer("Ç", "C", "Ğ", "G", "İ", "I", "Ö", "O", "Ş", "S", "Ü", "U",
	"ç", "c", "ğ", "g", "ı", "i", "ö", "o", "ş", "s", "ü", "u")

// titleCase writes each word with a capital and lower-case letters, as sole traders' names are often
// written ("ИП Иванов Иван Иванович").
func titleCase(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	start := true
	for _, r := range s {
		if unicode.IsLetter(r) {
			if start {
				b.WriteRune(unicode.ToUpper(r))
			} else {
				b.WriteRune(unicode.ToLower(r))
			}
			start = false
			continue
		}
		start = true
		b.WriteRune(r)
	}
	return b.String()
}

// typo returns s with one slip of the kind data entry makes: a letter dropped, doubled or swapped with
// its neighbour. Short words are left alone.
func typo(r *rng, s string) string {
	rs := []rune(s)
	if len(rs) < 5 {
		return s
	}
	i := 1 + r.intn(len(rs)-2)
	if !unicode.IsLetter(rs[i]) || !unicode.IsLetter(rs[i+1]) {
		return s
	}
	switch r.intn(3) {
	case 0:
		rs = append(rs[:i], rs[i+1:]...)
	case 1:
		rs = append(rs[:i+1], rs[i:]...)
	default:
		rs[i], rs[i+1] = rs[i+1], rs[i]
	}
	return string(rs)
}
