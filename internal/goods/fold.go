package goods

import "unicode"

// isCJK reports whether r is a Chinese, Japanese or Korean character that Chinese descriptions use.
func isCJK(r rune) bool {
	return r >= 0x4E00 && r <= 0x9FFF || r >= 0x3400 && r <= 0x4DBF || r >= 0xF900 && r <= 0xFAFF ||
		r >= 0x3040 && r <= 0x30FF || r >= 0xAC00 && r <= 0xD7AF || r >= 0x20000 && r <= 0x2FFFF
}

// cyrToLatin maps the lower-case Cyrillic letters that look like Latin ones.
func cyrToLatin(r rune) (byte, bool) {
	switch r {
	case 'а':
		return 'a', true
	case 'в':
		return 'b', true
	case 'е':
		return 'e', true
	case 'к':
		return 'k', true
	case 'м':
		return 'm', true
	case 'н':
		return 'h', true
	case 'о':
		return 'o', true
	case 'р':
		return 'p', true
	case 'с':
		return 'c', true
	case 'т':
		return 't', true
	case 'у':
		return 'y', true
	case 'х':
		return 'x', true
	case 'і':
		return 'i', true
	}
	return 0, false
}

// latinToCyr is the inverse of cyrToLatin.
func latinToCyr(c byte) (rune, bool) {
	switch c {
	case 'a':
		return 'а', true
	case 'b':
		return 'в', true
	case 'e':
		return 'е', true
	case 'k':
		return 'к', true
	case 'm':
		return 'м', true
	case 'h':
		return 'н', true
	case 'o':
		return 'о', true
	case 'p':
		return 'р', true
	case 'c':
		return 'с', true
	case 't':
		return 'т', true
	case 'y':
		return 'у', true
	case 'x':
		return 'х', true
	case 'i':
		return 'і', true
	}
	return 0, false
}

// foldLatin returns the ASCII letters for a Latin letter with diacritics (U+00C0–U+024F), lower case, or
// "" for the few symbols of that range that are not letters.
func foldLatin(r rune) string {
	if r == 0xD7 || r == 0xF7 {
		return ""
	}
	if r < 0x100 {
		return latin1Fold[r-0xC0]
	}
	switch r {
	case 'Ğ', 'ğ', 'Ĝ', 'ĝ', 'Ġ', 'ġ', 'Ģ', 'ģ':
		return "g"
	case 'Ş', 'ş', 'Ś', 'ś', 'Š', 'š', 'Ŝ', 'ŝ', 'Ș', 'ș':
		return "s"
	case 'Ł', 'ł', 'Ĺ', 'ĺ', 'Ľ', 'ľ', 'Ļ', 'ļ':
		return "l"
	case 'Ą', 'ą', 'Ā', 'ā', 'Ă', 'ă':
		return "a"
	case 'Ę', 'ę', 'Ē', 'ē', 'Ė', 'ė', 'Ě', 'ě':
		return "e"
	case 'Ć', 'ć', 'Č', 'č', 'Ĉ', 'ĉ', 'Ċ', 'ċ':
		return "c"
	case 'Ń', 'ń', 'Ň', 'ň', 'Ņ', 'ņ':
		return "n"
	case 'Ż', 'ż', 'Ź', 'ź', 'Ž', 'ž':
		return "z"
	case 'Ő', 'ő', 'Ō', 'ō':
		return "o"
	case 'Ű', 'ű', 'Ū', 'ū', 'Ů', 'ů':
		return "u"
	case 'Ř', 'ř':
		return "r"
	case 'Ť', 'ť', 'Ț', 'ț':
		return "t"
	case 'Ď', 'ď', 'Đ', 'đ':
		return "d"
	case 'Ī', 'ī', 'Į', 'į':
		return "i"
	}
	l := unicode.ToLower(r)
	if l != r && l >= 0xC0 && l <= 0x24F {
		return foldLatin(l) // Ÿ → ÿ → y
	}
	return string(l)
}

// latin1Fold folds U+00C0–U+00FF.
var latin1Fold = [64]string{
	"a", "a", "a", "a", "a", "a", "ae", "c", "e", "e", "e", "e", "i", "i", "i", "i",
	"d", "n", "o", "o", "o", "o", "o", "", "o", "u", "u", "u", "u", "y", "th", "ss",
	"a", "a", "a", "a", "a", "a", "ae", "c", "e", "e", "e", "e", "i", "i", "i", "i",
	"d", "n", "o", "o", "o", "o", "o", "", "o", "u", "u", "u", "u", "y", "th", "y",
}
