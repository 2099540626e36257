package country

import (
	"unicode"
	"unicode/utf8"
)

// appendKey appends the lookup key of s to dst and returns it. The key is what a name is compared under:
// letters in upper case with diacritics removed (Ç → C, İ and ı → I, Ё → Ё's base Е, ß → SS), apostrophes
// and dots dropped so that "U.A.E." is "UAE" and "D'IVOIRE" is "DIVOIRE", "&" read as "AND", every other
// run of spaces and punctuation turned into one space, and the English article "THE" left out. Scripts
// without case (Chinese, Arabic) pass through unchanged.
//
// appendKey(nil, appendKey(nil, s)) equals appendKey(nil, s): keys are their own keys, which lets Parse try
// the input as a key before normalising it.
func appendKey(dst []byte, s string) []byte {
	base, tok, sep := len(dst), -1, -1
	for i := 0; i < len(s); {
		var r rune
		if c := s[i]; c < utf8.RuneSelf {
			r = rune(c)
			i++
		} else {
			var n int
			r, n = utf8.DecodeRuneInString(s[i:])
			i += n
			if r >= 0xFF01 && r <= 0xFF5E { // full-width ASCII: Ａ → A, （ → (
				r -= 0xFF01 - 0x21
			}
		}
		up, fold, act := classify(r)
		switch act {
		case actSep:
			dst, tok, sep = endToken(dst, tok, sep)
		case actAnd:
			dst, tok, sep = endToken(dst, tok, sep)
			dst, tok, sep = startToken(dst, base, tok, sep)
			dst = append(dst, "AND"...)
			dst, tok, sep = endToken(dst, tok, sep)
		case actRune:
			dst, tok, sep = startToken(dst, base, tok, sep)
			if up < utf8.RuneSelf {
				dst = append(dst, byte(up))
			} else {
				dst = utf8.AppendRune(dst, up)
			}
		case actFold:
			dst, tok, sep = startToken(dst, base, tok, sep)
			dst = append(dst, fold...)
		}
	}
	dst, _, _ = endToken(dst, tok, sep)
	return dst
}

// Actions of classify.
const (
	actDrop = iota // dropped without breaking the word: apostrophes, dots, combining marks
	actSep         // ends the word
	actAnd         // "&", read as the word AND
	actRune        // writes the rune returned
	actFold        // writes the string returned
)

// classify says what appendKey does with r.
func classify(r rune) (up rune, fold string, act int) {
	if r < utf8.RuneSelf {
		switch {
		case 'A' <= r && r <= 'Z', '0' <= r && r <= '9':
			return r, "", actRune
		case 'a' <= r && r <= 'z':
			return r - 'a' + 'A', "", actRune
		case r == '\'' || r == '`' || r == '.':
			return 0, "", actDrop // U.A.E. → UAE, D'IVOIRE → DIVOIRE
		case r == '&':
			return 0, "", actAnd
		}
		return 0, "", actSep
	}
	if f, ok := foldLatin(r); ok {
		switch f {
		case "":
			return 0, "", actSep
		case "'":
			return 0, "", actDrop
		}
		return 0, f, actFold
	}
	switch {
	case r == utf8.RuneError:
		return 0, "", actSep
	case isApostrophe(r), unicode.Is(unicode.Mn, r):
		// ’ ‘ ʼ ´ as the ASCII apostrophe; combining marks (the dot of i̇, the accents of decomposed text)
		return 0, "", actDrop
	case unicode.IsLetter(r) || unicode.IsDigit(r):
		// ToLower first so that title-case and special upper forms (the Kelvin sign) meet their ordinary
		// capital
		r = unicode.ToUpper(unicode.ToLower(r))
		if r == 'Ё' {
			r = 'Е'
		}
		return r, "", actRune
	}
	return 0, "", actSep
}

// startToken writes the space before a new word, unless a word is open or nothing was written yet. It
// returns where the word starts and where its space was written (-1 for none).
func startToken(dst []byte, base, tok, sep int) ([]byte, int, int) {
	if tok >= 0 {
		return dst, tok, sep
	}
	sep = -1
	if len(dst) > base {
		sep = len(dst)
		dst = append(dst, ' ')
	}
	return dst, len(dst), sep
}

// endToken closes the open word, dropping it when it is the article THE.
func endToken(dst []byte, tok, sep int) ([]byte, int, int) {
	if tok < 0 {
		return dst, -1, -1
	}
	if t := dst[tok:]; len(t) == 3 && t[0] == 'T' && t[1] == 'H' && t[2] == 'E' {
		if sep >= 0 {
			dst = dst[:sep]
		} else {
			dst = dst[:tok]
		}
	}
	return dst, -1, -1
}

func isApostrophe(r rune) bool {
	switch r {
	case '\u2018', '\u2019', '\u02BC', '\u02B9', '\u00B4', '\u2032':
		return true
	}
	return false
}

// latin1 gives the base letters of U+00C0–U+00FF; '?' marks the letters that fold to two letters and '-'
// the two signs (× ÷) that separate.
const latin1 = "AAAAAA?CEEEEIIIIDNOOOOO-OUUUUY??" + "AAAAAA?CEEEEIIIIDNOOOOO-OUUUUY?Y"

// latinExtA gives the base letters of U+0100–U+017F (Latin Extended-A), '?' as above.
const latinExtA = "AAAAAA" + "CCCCCCCC" + "DDDD" + "EEEEEEEEEE" + "GGGGGGGG" + "HHHH" + "IIIIIIIIII" + "??" +
	"JJ" + "KKK" + "LLLLLLLLLL" + "NNNNNNNNN" + "OOOOOO" + "??" + "RRRRRR" + "SSSSSSSS" + "TTTTTT" +
	"UUUUUUUUUUUU" + "WW" + "YYY" + "ZZZZZZ" + "S"

// foldLatin folds a Latin letter with diacritics, and a few separators and apostrophes outside ASCII, to
// what appendKey writes: base letters, "" for a separator, "'" for a dropped mark. ok is false for runes it
// leaves to the general rules.
func foldLatin(r rune) (string, bool) {
	switch {
	case r >= 0xC0 && r <= 0xFF:
		b := latin1[r-0xC0]
		switch b {
		case '-':
			return "", true
		case '?':
			return latinPair(r), true
		}
		return latin1[r-0xC0 : r-0xC0+1], true
	case r >= 0x100 && r <= 0x17F:
		b := latinExtA[r-0x100]
		if b == '?' {
			return latinPair(r), true
		}
		return latinExtA[r-0x100 : r-0x100+1], true
	case r == 0x1E9E: // capital sharp s
		return "SS", true
	case r == 0xA0 || (r >= 0x2000 && r <= 0x200B) || r == 0x3000 || (r >= 0x2010 && r <= 0x2015):
		return "", true
	}
	return "", false
}

func latinPair(r rune) string {
	switch r {
	case 'Æ', 'æ':
		return "AE"
	case 'Þ', 'þ':
		return "TH"
	case 'ß':
		return "SS"
	case 'Ĳ', 'ĳ':
		return "IJ"
	case 'Œ', 'œ':
		return "OE"
	}
	return ""
}
