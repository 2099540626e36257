package names

import (
	"strings"
	"unicode"

	"golang.org/x/text/unicode/norm"
)

// word is one unit of a name after clean-up and before transliteration.
type word struct {
	text     string // normalised, in its own script
	script   script
	acronym  bool // written as dotted single letters: "J.P.", "S.A.R.L."
	cyrLang  byte // for Cyrillic: 'u' when the name is Ukrainian or Belarusian, 's' Serbian or Macedonian
	syllable bool // one Han or Hangul syllable cut from a longer run
	run      int  // for syllables: which run (word) of the name they were cut from, from 1
}

// tokenize cleans a raw name and cuts it into words: NFKC, lower case, quotes and punctuation removed, dotted
// initialisms joined, homoglyphs repaired, words cut at changes of script, Han and Hangul runs cut into
// syllables, accents removed where they are not letters of their own.
func tokenize(raw string) []word {
	s := strings.ToLower(splitCamel(norm.NFKC.String(raw)))
	var words []word
	for _, chunk := range chunks(s) {
		for _, part := range splitDots(chunk) {
			words = append(words, splitScripts(part.text, part.acronym)...)
		}
	}
	lang := cyrillicLanguage(s)
	run := 0
	for i := range words {
		if words[i].script == scriptCyrillic {
			words[i].cyrLang = lang
		}
		if words[i].run < 0 {
			run++
		}
		if words[i].syllable {
			words[i].run = run
		}
	}
	return words
}

type chunk struct {
	text    string
	acronym bool
}

// chunks cuts a lower-cased string at separators. Apostrophes inside words are dropped ("qa'ida" → "qaida"),
// dots are kept for splitDots, "&" becomes a word of its own.
func chunks(s string) []string {
	var out []string
	var b strings.Builder
	flush := func() {
		if b.Len() > 0 {
			out = append(out, b.String())
			b.Reset()
		}
	}
	for _, r := range s {
		switch {
		case isApostrophe(r), r == 'ـ', r == '\u200c', r == '\u200d', r == '\u00ad':
			// joined: apostrophes, Arabic tatweel, zero-width (non-)joiners, soft hyphen
		case r == '.':
			b.WriteRune(r)
		case r == '&' || r == '+':
			flush()
			out = append(out, "and")
		case unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.Is(unicode.M, r):
			b.WriteRune(r)
		default:
			flush()
		}
	}
	flush()
	return out
}

func isApostrophe(r rune) bool {
	switch r {
	case '\'', '’', '‘', '`', 'ʼ', 'ʻ', '´', '′', 'ʹ', 'ʾ', 'ʿ':
		return true
	}
	return false
}

// splitDots joins dotted initialisms ("s.a.r.l." → "sarl") and cuts other dotted chunks ("amazon.com").
func splitDots(c string) []chunk {
	if !strings.Contains(c, ".") {
		return []chunk{{text: c}}
	}
	var parts []string
	for _, p := range strings.Split(c, ".") {
		if p != "" {
			parts = append(parts, p)
		}
	}
	if len(parts) == 0 {
		return nil
	}
	short := true
	for _, p := range parts {
		if len([]rune(p)) > 1 {
			short = false
			break
		}
	}
	if short && len(parts) > 1 {
		return []chunk{{text: strings.Join(parts, ""), acronym: true}}
	}
	out := make([]chunk, len(parts))
	for i, p := range parts {
		out[i] = chunk{text: p}
	}
	return out
}

// splitScripts repairs homoglyphs and cuts a chunk where the script changes; Han and Hangul runs are cut into
// syllables. Text forms are cleaned per script.
func splitScripts(s string, acronym bool) []word {
	s = repairHomoglyphs(s)
	var out []word
	var b strings.Builder
	cur := scriptNone
	flush := func() {
		if b.Len() == 0 {
			return
		}
		text := cleanText(b.String(), cur)
		b.Reset()
		if text == "" {
			return
		}
		if cur == scriptHan || cur == scriptHangul {
			for i, r := range text {
				w := word{text: string(r), script: cur, syllable: true}
				if i == 0 {
					w.run = -1 // marks the start of a run; numbered by tokenize
				}
				out = append(out, w)
			}
			return
		}
		out = append(out, word{text: text, script: cur, acronym: acronym})
	}
	for _, r := range s {
		sc := scriptOf(r)
		if sc == scriptNone { // digits and marks go with what surrounds them
			b.WriteRune(r)
			continue
		}
		if cur != scriptNone && sc != cur && b.Len() > 0 && !allNeutral(b.String()) {
			flush()
		}
		if sc != scriptNone {
			cur = sc
		}
		b.WriteRune(r)
	}
	flush()
	// a chunk of digits only has no script: keep it as Latin
	for i := range out {
		if out[i].script == scriptNone {
			out[i].script = scriptLatin
		}
	}
	return out
}

func allNeutral(s string) bool {
	for _, r := range s {
		if scriptOf(r) != scriptNone {
			return false
		}
	}
	return true
}

// cyrillicMarks reads "ё" as "е" and drops the stress marks of Cyrillic text.
var cyrillicMarks = strings.NewReplacer("ё", "е", "\u0301", "", "\u0300", "")

// cleanText removes the marks that are accents in a script and keeps those that are letters or vowels.
func cleanText(s string, sc script) string {
	switch sc {
	case scriptLatin, scriptNone:
		return foldLatin(s)
	case scriptCyrillic:
		return cyrillicMarks.Replace(norm.NFC.String(s))
	case scriptGreek, scriptArabic, scriptHebrew:
		var b strings.Builder
		for _, r := range norm.NFD.String(s) {
			if unicode.Is(unicode.Mn, r) && !(sc == scriptArabic && r == '\u0654') {
				continue
			}
			b.WriteRune(r)
		}
		return norm.NFC.String(b.String())
	}
	return norm.NFC.String(s)
}

var latinSpecial = map[rune]string{
	'ß': "ss", 'æ': "ae", 'œ': "oe", 'ø': "o", 'ł': "l", 'đ': "d", 'ð': "d", 'þ': "th", 'ı': "i", 'ħ': "h",
	'ŋ': "ng", 'ſ': "s", 'ə': "e", 'ɨ': "i", 'ƒ': "f", 'ɛ': "e", 'ɔ': "o", 'ʒ': "z", 'ŧ': "t", 'ĸ': "k",
}

// foldLatin removes accents from Latin letters and spells out the letters that have no ASCII base.
func foldLatin(s string) string {
	var b strings.Builder
	for _, r := range norm.NFD.String(s) {
		if unicode.Is(unicode.Mn, r) {
			continue
		}
		if rep, ok := latinSpecial[r]; ok {
			b.WriteString(rep)
			continue
		}
		b.WriteRune(r)
	}
	return b.String()
}

// splitCamel cuts Latin words written in camel case where both parts have two letters or more
// ("SiemensAG", "AlisherUsmanov", "PricewaterhouseCoopers"); glued forms are compared again on alignment.
func splitCamel(s string) string {
	rs := []rune(s)
	var b strings.Builder
	start := 0 // start of the current word
	for i, r := range rs {
		if !unicode.IsLetter(r) {
			start = i + 1
		}
		if i > 0 && unicode.IsUpper(r) && unicode.IsLower(rs[i-1]) && i-start >= 2 && i+1 < len(rs) &&
			unicode.IsLetter(rs[i+1]) && unicode.Is(unicode.Latin, r) && unicode.Is(unicode.Latin, rs[i-1]) {
			b.WriteRune(' ')
			start = i
		}
		b.WriteRune(r)
	}
	return b.String()
}

// cyrillicLanguage tells from its letters which reading a Cyrillic name needs: Ukrainian and Belarusian
// (і, ї, є, ґ, ў without Kazakh letters) read г as h; Serbian and Macedonian (ђ, ј, ћ, џ, љ, њ, ѓ, ќ) read
// ч, ш, ж as c, s, z.
func cyrillicLanguage(s string) byte {
	switch {
	case strings.ContainsAny(s, "ђјћџљњѓќ"):
		return 's'
	case strings.ContainsAny(s, "іїєґў") && !strings.ContainsAny(s, "әғқңөұүһ"):
		return 'u'
	}
	return 0
}
