package names

import (
	"unicode"
)

// script is the writing system of a word, as far as transliteration cares.
type script uint8

const (
	scriptNone script = iota // digits, marks: take the script of their neighbours
	scriptLatin
	scriptCyrillic
	scriptGreek
	scriptArmenian
	scriptGeorgian
	scriptArabic
	scriptHebrew
	scriptIndic // Devanagari, Bengali, Gurmukhi, Gujarati, Oriya, Tamil, Telugu, Kannada, Malayalam
	scriptThai
	scriptKhmer
	scriptEthiopic
	scriptHan
	scriptKana
	scriptHangul
	scriptOther
)

// vowelless reports whether the script writes few or none of its vowels, or writes them in a way that
// transliteration here renders only roughly: such words are also compared on consonant skeletons.
func (s script) vowelless() bool {
	switch s {
	case scriptArabic, scriptHebrew, scriptThai, scriptKhmer, scriptEthiopic, scriptIndic:
		return true
	}
	return false
}

func scriptOf(r rune) script {
	switch {
	case r < 0x80:
		if (r >= 'a' && r <= 'z') || (r >= 'A' && r <= 'Z') {
			return scriptLatin
		}
		return scriptNone
	case unicode.Is(unicode.M, r), unicode.IsDigit(r):
		return scriptNone
	case unicode.Is(unicode.Latin, r):
		return scriptLatin
	case unicode.Is(unicode.Cyrillic, r):
		return scriptCyrillic
	case unicode.Is(unicode.Greek, r):
		return scriptGreek
	case unicode.Is(unicode.Arabic, r):
		return scriptArabic
	case unicode.Is(unicode.Hebrew, r):
		return scriptHebrew
	case r >= 0x0900 && r <= 0x0D7F:
		return scriptIndic
	case unicode.Is(unicode.Thai, r):
		return scriptThai
	case unicode.Is(unicode.Khmer, r):
		return scriptKhmer
	case unicode.Is(unicode.Ethiopic, r):
		return scriptEthiopic
	case unicode.Is(unicode.Armenian, r):
		return scriptArmenian
	case unicode.Is(unicode.Georgian, r):
		return scriptGeorgian
	case unicode.Is(unicode.Han, r):
		return scriptHan
	case unicode.Is(unicode.Hiragana, r), unicode.Is(unicode.Katakana, r), r == 'ー':
		return scriptKana
	case unicode.Is(unicode.Hangul, r):
		return scriptHangul
	case unicode.IsLetter(r):
		return scriptOther
	}
	return scriptNone
}

// Homoglyphs: letters of one script that look like letters of another. A word written mostly in one script
// with a few look-alike letters of another (a Cyrillic "о" in "cомpany", a Latin "P" in "АКЦИОНЕPНОЕ") is
// repaired to its majority script. The pairs are the visual confusables of Unicode's confusables.txt among
// lower-case Latin, Cyrillic and Greek letters, plus the capitals that lower-case differently (В, Н, К, М, Т).
var cyrToLat = map[rune]rune{
	'а': 'a', 'в': 'b', 'е': 'e', 'к': 'k', 'м': 'm', 'н': 'h', 'о': 'o', 'р': 'p', 'с': 'c', 'т': 't', 'у': 'y',
	'х': 'x', 'і': 'i', 'ј': 'j', 'ѕ': 's', 'ԁ': 'd', 'ԛ': 'q', 'ԝ': 'w', 'һ': 'h', 'ӏ': 'l', 'ь': 'b',
}

var grkToLat = map[rune]rune{
	'α': 'a', 'β': 'b', 'ε': 'e', 'ι': 'i', 'κ': 'k', 'ν': 'v', 'ο': 'o', 'ρ': 'p', 'τ': 't', 'υ': 'u', 'χ': 'x',
	'μ': 'm', 'η': 'n', 'ζ': 'z',
}

var latToCyr = map[rune]rune{
	'a': 'а', 'b': 'в', 'e': 'е', 'k': 'к', 'm': 'м', 'h': 'н', 'o': 'о', 'p': 'р', 'c': 'с', 't': 'т', 'y': 'у',
	'x': 'х', 'i': 'і',
}

// repairHomoglyphs maps look-alike letters of a minority script to the majority script of the string.
func repairHomoglyphs(s string) string {
	var lat, cyr, grk int
	for _, r := range s {
		switch scriptOf(r) {
		case scriptLatin:
			lat++
		case scriptCyrillic:
			cyr++
		case scriptGreek:
			grk++
		}
	}
	mixed := (lat > 0 && (cyr > 0 || grk > 0)) || (cyr > 0 && grk > 0)
	if !mixed {
		return s
	}
	rs := []rune(s)
	switch {
	case lat >= cyr && lat >= grk:
		for i, r := range rs {
			if m, ok := cyrToLat[r]; ok {
				rs[i] = m
			} else if m, ok := grkToLat[r]; ok {
				rs[i] = m
			}
		}
	case cyr >= grk:
		for i, r := range rs {
			if m, ok := latToCyr[r]; ok {
				rs[i] = m
			}
		}
	}
	return string(rs)
}
