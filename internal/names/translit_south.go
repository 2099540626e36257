package names

import "strings"

// The nine Brahmic blocks from Devanagari (U+0900) to Malayalam (U+0D00) follow the ISCII layout: the same
// letter sits at the same offset in every block. One table of offsets serves them all.
var indicLetters = map[int]string{
	0x05: "a", 0x06: "a", 0x07: "i", 0x08: "i", 0x09: "u", 0x0A: "u", 0x0B: "ri", 0x0C: "li", 0x0D: "e", 0x0E: "e",
	0x0F: "e", 0x10: "ai", 0x11: "o", 0x12: "o", 0x13: "o", 0x14: "au", 0x60: "ri", 0x61: "li",
}

var indicConsonants = map[int]string{
	0x15: "k", 0x16: "kh", 0x17: "g", 0x18: "gh", 0x19: "n", 0x1A: "ch", 0x1B: "chh", 0x1C: "j", 0x1D: "jh",
	0x1E: "n", 0x1F: "t", 0x20: "th", 0x21: "d", 0x22: "dh", 0x23: "n", 0x24: "t", 0x25: "th", 0x26: "d",
	0x27: "dh", 0x28: "n", 0x29: "n", 0x2A: "p", 0x2B: "ph", 0x2C: "b", 0x2D: "bh", 0x2E: "m", 0x2F: "y", 0x30: "r",
	0x31: "r", 0x32: "l", 0x33: "l", 0x34: "l", 0x35: "v", 0x36: "sh", 0x37: "sh", 0x38: "s", 0x39: "h",
	0x58: "q", 0x59: "kh", 0x5A: "gh", 0x5B: "z", 0x5C: "r", 0x5D: "rh", 0x5E: "f", 0x5F: "y",
}

var indicSigns = map[int]string{
	0x3E: "a", 0x3F: "i", 0x40: "i", 0x41: "u", 0x42: "u", 0x43: "ri", 0x44: "ri", 0x45: "e", 0x46: "e", 0x47: "e",
	0x48: "ai", 0x49: "o", 0x4A: "o", 0x4B: "o", 0x4C: "au", 0x57: "au",
}

// indicToLatin transliterates a Brahmic word: consonants carry an inherent a unless a vowel sign or a virama
// follows; the inherent a of the last consonant is dropped, as spoken.
func indicToLatin(s string) string {
	var b strings.Builder
	pending := false
	for _, r := range s {
		off := int(r) & 0x7F
		switch {
		case r < 0x0900 || r > 0x0D7F:
			if pending {
				b.WriteString("a")
				pending = false
			}
			if r < 0x80 {
				b.WriteRune(r)
			}
		case indicConsonants[off] != "":
			if pending {
				b.WriteString("a")
			}
			b.WriteString(indicConsonants[off])
			pending = true
		case indicSigns[off] != "":
			b.WriteString(indicSigns[off])
			pending = false
		case off == 0x4D: // virama
			pending = false
		case off == 0x3C: // nukta: the consonant stays as it is
		case off == 0x01 || off == 0x02: // candrabindu, anusvara
			if pending {
				b.WriteString("a")
				pending = false
			}
			b.WriteString("n")
		case off == 0x03:
			if pending {
				b.WriteString("a")
				pending = false
			}
			b.WriteString("h")
		case off == 0x4E: // Bengali khanda ta
			b.WriteString("t")
			pending = false
		case indicLetters[off] != "":
			if pending {
				b.WriteString("a")
				pending = false
			}
			b.WriteString(indicLetters[off])
		}
	}
	return asciiOnly(b.String())
}

// Thai: consonants by their initial sound (RTGS without tones), vowels as written; vowels written before
// their consonant are not moved, which the skeleton comparison forgives.
var thai = map[rune]string{
	'ก': "k", 'ข': "kh", 'ฃ': "kh", 'ค': "kh", 'ฅ': "kh", 'ฆ': "kh", 'ง': "ng", 'จ': "ch", 'ฉ': "ch", 'ช': "ch",
	'ซ': "s", 'ฌ': "ch", 'ญ': "y", 'ฎ': "d", 'ฏ': "t", 'ฐ': "th", 'ฑ': "th", 'ฒ': "th", 'ณ': "n", 'ด': "d",
	'ต': "t", 'ถ': "th", 'ท': "th", 'ธ': "th", 'น': "n", 'บ': "b", 'ป': "p", 'ผ': "ph", 'ฝ': "f", 'พ': "ph",
	'ฟ': "f", 'ภ': "ph", 'ม': "m", 'ย': "y", 'ร': "r", 'ฤ': "rue", 'ล': "l", 'ฦ': "lue", 'ว': "w", 'ศ': "s",
	'ษ': "s", 'ส': "s", 'ห': "h", 'ฬ': "l", 'อ': "", 'ฮ': "h",
	'ะ': "a", 'ั': "a", 'า': "a", 'ำ': "am", 'ิ': "i", 'ี': "i", 'ึ': "ue", 'ื': "ue", 'ุ': "u", 'ู': "u",
	'เ': "e", 'แ': "ae", 'โ': "o", 'ใ': "ai", 'ไ': "ai", 'ๅ': "a",
}

// Khmer consonants and vowels (UNGEGN without diacritics). The musĕkâtônd (U+17C9) turns b into p.
var khmer = map[rune]string{
	'ក': "k", 'ខ': "kh", 'គ': "k", 'ឃ': "kh", 'ង': "ng", 'ច': "ch", 'ឆ': "chh", 'ជ': "ch", 'ឈ': "chh", 'ញ': "nh",
	'ដ': "d", 'ឋ': "th", 'ឌ': "d", 'ឍ': "th", 'ណ': "n", 'ត': "t", 'ថ': "th", 'ទ': "t", 'ធ': "th", 'ន': "n",
	'ប': "b", 'ផ': "ph", 'ព': "p", 'ភ': "ph", 'ម': "m", 'យ': "y", 'រ': "r", 'ល': "l", 'វ': "v", 'ឝ': "s", 'ឞ': "s",
	'ស': "s", 'ហ': "h", 'ឡ': "l", 'អ': "",
	'ឥ': "e", 'ឦ': "ei", 'ឧ': "o", 'ឩ': "ou", 'ឪ': "ov", 'ឫ': "rue", 'ឬ': "rue", 'ឭ': "lue", 'ឮ': "lue", 'ឯ': "ae",
	'ឰ': "ai", 'ឱ': "ao", 'ឲ': "ao", 'ឳ': "au",
	'ា': "a", 'ិ': "e", 'ី': "ei", 'ឹ': "oe", 'ឺ': "oe", 'ុ': "o", 'ូ': "u", 'ួ': "uo", 'ើ': "ae", 'ឿ': "oea",
	'ៀ': "ie", 'េ': "e", 'ែ': "ae", 'ៃ': "ai", 'ោ': "ao", 'ៅ': "au", 'ំ': "m", 'ះ': "h",
}

func khmerToLatin(s string) string {
	var b strings.Builder
	rs := []rune(s)
	for i, r := range rs {
		if r == 'ប' && i+1 < len(rs) && rs[i+1] == '\u17C9' {
			b.WriteString("p")
			continue
		}
		b.WriteString(khmer[r])
	}
	return asciiOnly(b.String())
}

// Ethiopic syllables come in rows of eight, one row per consonant, one column per vowel order.
var ethiopicRows = []string{
	"h", "l", "h", "m", "s", "r", "s", "sh", "q", "qw", "q", "qw", "b", "v", "t", "ch", "h", "hw", "n", "ny", "",
	"k", "kw", "h", "hw", "w", "", "z", "zh", "y", "d", "d", "j", "g", "gw", "g", "t", "ch", "p", "ts", "ts", "f",
	"p",
}

var ethiopicVowels = [8]string{"e", "u", "i", "a", "e", "", "o", "wa"}

func ethiopicToLatin(s string) string {
	var b strings.Builder
	for _, r := range s {
		i := int(r) - 0x1200
		if i < 0 || i/8 >= len(ethiopicRows) {
			continue
		}
		b.WriteString(ethiopicRows[i/8])
		b.WriteString(ethiopicVowels[i%8])
	}
	return asciiOnly(b.String())
}
