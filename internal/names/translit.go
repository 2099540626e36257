package names

import (
	"strings"
	"unicode"
)

// transliterate returns the ASCII Latin forms of a word, the most likely first. Most words have one; Hebrew
// and Arabic words whose vav/waw and yod/ya may be consonants or vowels have two, Chinese characters with
// several readings and Hangul syllables have one per reading or romanisation.
func (d *data) transliterate(w word) []string {
	switch w.script {
	case scriptLatin, scriptNone:
		return []string{asciiOnly(w.text)}
	case scriptCyrillic:
		return []string{cyrillicToLatinAs(w.text, w.cyrLang)}
	case scriptGreek:
		return []string{greekToLatin(w.text)}
	case scriptArmenian:
		return []string{mapRunes(strings.ReplaceAll(w.text, "ու", "u"), armenian)}
	case scriptGeorgian:
		return []string{mapRunes(w.text, georgian)}
	case scriptArabic:
		return arabicToLatin(w.text)
	case scriptHebrew:
		return hebrewToLatin(w.text)
	case scriptIndic:
		return []string{indicToLatin(w.text)}
	case scriptThai:
		return []string{mapRunes(w.text, thai)}
	case scriptKhmer:
		return []string{khmerToLatin(w.text)}
	case scriptEthiopic:
		return []string{ethiopicToLatin(w.text)}
	case scriptHan:
		return d.hanToLatin(w.text)
	case scriptKana:
		return kanaReadings(kanaToLatin(w.text))
	case scriptHangul:
		return hangulToLatin(w.text)
	}
	return []string{asciiOnly(foldLatin(w.text))}
}

// asciiOnly keeps ASCII letters and digits.
func asciiOnly(s string) string {
	var b strings.Builder
	for _, r := range s {
		if (r >= 'a' && r <= 'z') || (r >= '0' && r <= '9') {
			b.WriteRune(r)
		} else if r >= 'A' && r <= 'Z' {
			b.WriteRune(unicode.ToLower(r))
		}
	}
	return b.String()
}

func mapRunes(s string, table map[rune]string) string {
	var b strings.Builder
	for _, r := range s {
		if v, ok := table[r]; ok {
			b.WriteString(v)
		} else if r < 0x80 {
			b.WriteRune(r)
		}
	}
	return asciiOnly(b.String())
}

// Cyrillic, close to BGN/PCGN without diacritics; Ukrainian, Belarusian, Kazakh, Kyrgyz, Mongolian, Serbian and
// Macedonian letters included. The phonetic key absorbs the other systems (GOST, ISO 9, passport, German).
var cyrillic = map[rune]string{
	'а': "a", 'б': "b", 'в': "v", 'г': "g", 'д': "d", 'е': "e", 'ё': "e", 'ж': "zh", 'з': "z", 'и': "i", 'й': "y",
	'к': "k", 'л': "l", 'м': "m", 'н': "n", 'о': "o", 'п': "p", 'р': "r", 'с': "s", 'т': "t", 'у': "u", 'ф': "f",
	'х': "kh", 'ц': "ts", 'ч': "ch", 'ш': "sh", 'щ': "shch", 'ъ': "", 'ы': "y", 'ь': "", 'э': "e", 'ю': "yu",
	'я': "ya",
	'і': "i", 'ї': "yi", 'є': "ye", 'ґ': "g", 'ў': "u", // Ukrainian, Belarusian
	'ә': "a", 'ғ': "gh", 'қ': "k", 'ң': "ng", 'ө': "o", 'ұ': "u", 'ү': "u", 'һ': "h", // Kazakh, Kyrgyz, Mongolian
	'ђ': "dj", 'ј': "j", 'љ': "lj", 'њ': "nj", 'ћ': "c", 'џ': "dzh", 'ѓ': "gj", 'ќ': "kj", 'ѕ': "dz", // Serbian, Macedonian
	'ӣ': "i", 'ӯ': "u", 'ҳ': "h", 'ҷ': "j", 'ҙ': "z", 'ҫ': "s", 'ӑ': "a", 'ӗ': "e", 'ӳ': "u", 'ҡ': "k",
}

// cyrillicToLatin transliterates a Cyrillic word. Ukrainian words (і, ї, є, ґ) read г as h and и as y; Serbian
// words (ђ, ј, ћ, џ, љ, њ) read ч, ш, ж as c, s, z like Serbian Latin without its diacritics.
func cyrillicToLatin(s string) string { return cyrillicToLatinAs(s, cyrillicLanguage(s)) }

// cyrillicToLatinAs transliterates a Cyrillic word in the reading of a language ('u', 's' or 0).
func cyrillicToLatinAs(s string, lang byte) string {
	ukr := lang == 'u'
	srb := lang == 's'
	var b strings.Builder
	for _, r := range s {
		switch {
		case ukr && r == 'г':
			b.WriteString("h")
		case ukr && r == 'и':
			b.WriteString("y")
		case srb && r == 'ч':
			b.WriteString("c")
		case srb && r == 'ш':
			b.WriteString("s")
		case srb && r == 'ж':
			b.WriteString("z")
		default:
			if v, ok := cyrillic[r]; ok {
				b.WriteString(v)
			} else if r < 0x80 {
				b.WriteRune(r)
			}
		}
	}
	return asciiOnly(b.String())
}

// Greek, after ELOT 743 without diacritics.
var greek = map[rune]string{
	'α': "a", 'β': "v", 'γ': "g", 'δ': "d", 'ε': "e", 'ζ': "z", 'η': "i", 'θ': "th", 'ι': "i", 'κ': "k", 'λ': "l",
	'μ': "m", 'ν': "n", 'ξ': "x", 'ο': "o", 'π': "p", 'ρ': "r", 'σ': "s", 'ς': "s", 'τ': "t", 'υ': "y", 'φ': "f",
	'χ': "ch", 'ψ': "ps", 'ω': "o",
}

var greekDigraphs = strings.NewReplacer("ου", "ou", "μπ", "mp", "ντ", "nt", "γγ", "ng", "γκ", "gk", "αυ", "av",
	"ευ", "ev", "ηυ", "iv")

func greekToLatin(s string) string {
	return mapRunes(greekDigraphs.Replace(s), greek)
}

var armenian = map[rune]string{
	'ա': "a", 'բ': "b", 'գ': "g", 'դ': "d", 'ե': "e", 'զ': "z", 'է': "e", 'ը': "e", 'թ': "t", 'ժ': "zh", 'ի': "i",
	'լ': "l", 'խ': "kh", 'ծ': "ts", 'կ': "k", 'հ': "h", 'ձ': "dz", 'ղ': "gh", 'ճ': "ch", 'մ': "m", 'յ': "y",
	'ն': "n", 'շ': "sh", 'ո': "o", 'չ': "ch", 'պ': "p", 'ջ': "j", 'ռ': "r", 'ս': "s", 'վ': "v", 'տ': "t", 'ր': "r",
	'ց': "ts", 'ւ': "v", 'փ': "p", 'ք': "k", 'օ': "o", 'ֆ': "f", 'և': "ev",
}

var georgian = map[rune]string{
	'ა': "a", 'ბ': "b", 'გ': "g", 'დ': "d", 'ე': "e", 'ვ': "v", 'ზ': "z", 'თ': "t", 'ი': "i", 'კ': "k", 'ლ': "l",
	'მ': "m", 'ნ': "n", 'ო': "o", 'პ': "p", 'ჟ': "zh", 'რ': "r", 'ს': "s", 'ტ': "t", 'უ': "u", 'ფ': "p", 'ქ': "k",
	'ღ': "gh", 'ყ': "q", 'შ': "sh", 'ჩ': "ch", 'ც': "ts", 'ძ': "dz", 'წ': "ts", 'ჭ': "ch", 'ხ': "kh", 'ჯ': "j",
	'ჰ': "h",
}
