package names

import "strings"

// The phonetic key folds the spellings that transliteration systems and languages use for one sound, so
// that Rosoboronexport = Rosoboroneksport, Tekhkrim = Techkrim = Tehkrim, Zelenskyy = Zelenskiy = Selenskyj
// (up to z/s), Yuriy = Iurii = Jurij, Mohammed = Mohamed. Its alphabet is a–z with a few letters reused as
// sound classes:
//
//	x  ш class: sh, sch, shch, sz, s+h
//	c  ч class: ch, tch, tsch, cz (ch before a consonant is the х class: Techkrim)
//	j  ж/дж class: zh, dzh, dj, j (and, in the second key, j is the y of Yu/Ya: Jurij)
//	h  х class: kh, h, and ch before a consonant; dropped after a vowel before a consonant or at the end
//	q  ц class: ts, tz, soft c (Tsentr = Centr)
//
// Other folds: ph→f, th→t, dh→d, gh→g, ck→k, q→k, hard c→k, x→ks, w→v, y→i, ou/oo→u, ee→i, doubled
// letters once.
var phonDigraphs = strings.NewReplacer(
	"shch", "X", "tsch", "C", "dsch", "J", "sch", "X", "tch", "C", "dzh", "J", "sh", "X", "sz", "X", "ch", "C",
	"cz", "C", "zh", "J", "dj", "J", "kh", "H", "ph", "f", "th", "t", "dh", "d", "gh", "g", "ck", "k",
	"ts", "Q", "tz", "Q", "qu", "k", "ou", "u", "oo", "u", "ee", "i",
)

// phonetic returns the phonetic keys of an ASCII Latin form: one, or two when a j may be read either as the
// ж/дж class or as y (Jurij, Jamal).
func phonetic(s string) []string {
	if s == "" {
		return []string{""}
	}
	if isDigits(s) {
		return []string{s}
	}
	a := phonOne(s, true)
	if strings.ContainsRune(s, 'j') {
		return distinct(a, phonOne(s, false))
	}
	return []string{a}
}

func isVowel(b byte) bool {
	switch b {
	case 'a', 'e', 'i', 'o', 'u':
		return true
	}
	return false
}

func phonOne(s string, jIsJ bool) string {
	// a word-initial x before a vowel, and Wade–Giles hs, are the sh sound of pinyin x (Xi, Hsi)
	if len(s) > 1 && s[0] == 'x' && isVowel(s[1]) {
		s = "X" + s[1:]
	} else if strings.HasPrefix(s, "hs") {
		s = "X" + s[2:]
	}
	b := phonDigraphs.Replace(s)
	out := make([]byte, 0, len(b)+2)
	for i := 0; i < len(b); i++ {
		c := b[i]
		var next byte
		if i+1 < len(b) {
			next = b[i+1]
		}
		switch c {
		case 'C':
			if next != 0 && !isVowel(next) && next != 'y' {
				out = append(out, 'h')
			} else {
				out = append(out, 'c')
			}
		case 'X':
			out = append(out, 'x')
		case 'J':
			out = append(out, 'j')
		case 'H':
			out = append(out, 'h')
		case 'Q':
			out = append(out, 'q')
		case 'c':
			if next == 'e' || next == 'i' || next == 'y' {
				out = append(out, 'q')
			} else {
				out = append(out, 'k')
			}
		case 'q':
			out = append(out, 'k')
		case 'x':
			out = append(out, 'k', 's')
		case 'w':
			out = append(out, 'v')
		case 'y':
			out = append(out, 'i')
		case 'j':
			if jIsJ {
				out = append(out, 'j')
			} else {
				out = append(out, 'i')
			}
		default:
			out = append(out, c)
		}
	}
	// h after a vowel and before a consonant or the end is silent (Allah, Mahmoud, Tekhkrim)
	res := make([]byte, 0, len(out))
	for i, c := range out {
		if c == 'h' && i > 0 && isVowel(out[i-1]) && (i+1 == len(out) || !isVowel(out[i+1])) {
			continue
		}
		if len(res) > 0 && res[len(res)-1] == c {
			continue
		}
		res = append(res, c)
	}
	return string(res)
}

// skeleton returns the consonant skeleton of an ASCII Latin form, for comparing words of scripts that do not
// write (all) vowels: vowels, w and y dropped, kh→h, gh→g, th→t, dh→d, ph→f, sh/ch→s/c, p→b, v→f, q/c/g→k,
// z→s, doubled letters once.
func skeleton(s string) string {
	s = skelDigraphs.Replace(s)
	out := make([]byte, 0, len(s))
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch c {
		case 'a', 'e', 'i', 'o', 'u', 'y', 'w':
			continue
		case 'p':
			c = 'b'
		case 'v':
			c = 'f'
		case 'q', 'g':
			c = 'k'
		case 'z':
			c = 's'
		case 'C':
			c = 'c'
		case 'c':
			c = 'k'
		case 'x':
			out = append(out, 'k')
			c = 's'
		}
		if len(out) > 0 && out[len(out)-1] == c {
			continue
		}
		out = append(out, c)
	}
	return string(out)
}

var skelDigraphs = strings.NewReplacer("sch", "s", "sh", "s", "ch", "C", "kh", "h", "gh", "g", "th", "t",
	"dh", "d", "ph", "f", "zh", "j", "dzh", "j", "dj", "j", "ts", "s", "ck", "k")
