package names

import "strings"

// Arabic, Persian and Urdu letters. Short vowels are not written in Arabic script (their marks were removed
// by cleanText), so the Latin form is close to a consonant skeleton; names are compared on skeletons too.
var arabic = map[rune]string{
	'ا': "a", 'أ': "a", 'إ': "i", 'آ': "a", 'ٱ': "a", 'ب': "b", 'ت': "t", 'ث': "th", 'ج': "j", 'ح': "h", 'خ': "kh",
	'د': "d", 'ذ': "dh", 'ر': "r", 'ز': "z", 'س': "s", 'ش': "sh", 'ص': "s", 'ض': "d", 'ط': "t", 'ظ': "z", 'ع': "",
	'غ': "gh", 'ف': "f", 'ق': "q", 'ك': "k", 'ل': "l", 'م': "m", 'ن': "n", 'ه': "h", 'ة': "a", 'ى': "a", 'ء': "",
	'ئ': "", 'ؤ': "", 'پ': "p", 'چ': "ch", 'ژ': "zh", 'گ': "g", 'ک': "k", 'ٹ': "t", 'ڈ': "d", 'ڑ': "r", 'ں': "n",
	'ہ': "h", 'ھ': "h", 'ۀ': "h", 'ە': "e", 'ڤ': "v", 'ڨ': "g",
}

// arabicToLatin transliterates an Arabic-script word. Waw and ya are consonants (w, y) or long vowels (u, i);
// both readings are returned, the consonant one first when the letter starts the word.
func arabicToLatin(s string) []string {
	var cons, vow strings.Builder
	rs := []rune(s)
	for i, r := range rs {
		switch r {
		case 'و':
			if i == 0 {
				cons.WriteString("w")
				vow.WriteString("w")
			} else {
				cons.WriteString("w")
				vow.WriteString("u")
			}
		case 'ي', 'ی', 'ے', 'ې', 'ێ':
			if i == 0 {
				cons.WriteString("y")
				vow.WriteString("y")
			} else {
				cons.WriteString("y")
				vow.WriteString("i")
			}
		default:
			v := arabic[r]
			cons.WriteString(v)
			vow.WriteString(v)
		}
	}
	return distinct(vow.String(), cons.String())
}

// Hebrew letters; final forms read like their ordinary forms.
var hebrew = map[rune]string{
	'א': "", 'ב': "b", 'ג': "g", 'ד': "d", 'ה': "h", 'ז': "z", 'ח': "h", 'ט': "t", 'כ': "k", 'ך': "k", 'ל': "l",
	'מ': "m", 'ם': "m", 'נ': "n", 'ן': "n", 'ס': "s", 'ע': "", 'פ': "p", 'ף': "f", 'צ': "ts", 'ץ': "ts", 'ק': "k",
	'ר': "r", 'ש': "sh", 'ת': "t", 'װ': "v", 'ױ': "oy", 'ײ': "ey",
}

// hebrewToLatin transliterates a Hebrew word. Vav is a consonant (v) or a vowel (o, u); yod is y or i; a final
// he is a vowel. Both readings are returned.
func hebrewToLatin(s string) []string {
	var cons, vow strings.Builder
	rs := []rune(s)
	for i, r := range rs {
		last := i == len(rs)-1
		switch {
		case r == 'ו':
			cons.WriteString("v")
			if i == 0 {
				vow.WriteString("v")
			} else {
				vow.WriteString("o")
			}
		case r == 'י':
			cons.WriteString("y")
			if i == 0 {
				vow.WriteString("y")
			} else {
				vow.WriteString("i")
			}
		case r == 'ה' && last && i > 0:
			cons.WriteString("e")
			vow.WriteString("e")
		default:
			v := hebrew[r]
			cons.WriteString(v)
			vow.WriteString(v)
		}
	}
	return distinct(vow.String(), cons.String())
}

// distinct returns its non-empty arguments without repeats, in order.
func distinct(ss ...string) []string {
	out := ss[:0:0]
	for _, s := range ss {
		if s == "" {
			continue
		}
		dup := false
		for _, o := range out {
			if o == s {
				dup = true
				break
			}
		}
		if !dup {
			out = append(out, s)
		}
	}
	if len(out) == 0 {
		return []string{""}
	}
	return out
}
