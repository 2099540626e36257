package names

import (
	"strconv"
	"strings"
)

// token is a word of a prepared name with everything comparison needs.
type token struct {
	text     string
	latin    string   // primary ASCII Latin form
	latins   []string // every transliteration, primary first
	variants []string // weaker readings: digits read as letters ("ig0r" → "igor")
	phon     []string // phonetic keys of latins
	skel     []string // consonant skeletons of latins (vowelless scripts and their counterparts)
	groups   []string // symbol, nickname and name-part groups
	role     Role
	script   script
	syllable bool   // a Han or Hangul syllable, may join its neighbours
	run      int    // for syllables: the word they were cut from (from 1)
	acronym  bool   // written as dotted letters
	sorted   string // the letters of latin in order, for scrambled words
	patronym bool   // a Russian-style patronymic (Vladimirovich), a middle name lists keep and others drop
	weight   float64
}

// Name particles that carry little identity (articles, filiation, nobiliary particles). They are matched
// like other words but weigh little.
var particles = map[string]string{
	"al": "al", "el": "al", "ul": "al", "ad": "al", "ar": "al", "as": "al", "ash": "al", "at": "al", "az": "al",
	"an": "al", "ed": "al", "ud": "al", "er": "al", "ur": "al", "es": "al", "ez": "al",
	"bin": "bin", "ibn": "bin", "ben": "bin", "bn": "bin", "binti": "bint", "bint": "bint", "ould": "ould",
	"van": "van", "von": "von", "der": "der", "den": "der", "de": "de", "del": "de", "della": "de", "di": "de",
	"da": "de", "du": "de", "dos": "de", "das": "de", "le": "le", "la": "le", "ter": "ter", "ten": "ter",
	"zu": "zu", "y": "y", "und": "and", "and": "and", "&": "and", "et": "and", "of": "of", "for": "for",
	"и": "and", "ال": "al", "بن": "bin", "ابن": "bin", "בן": "bin",
}

// buildTokens turns words into tokens: organisation and person symbols joined and tagged, number words read,
// roman numerals of organisations read, transliteration, phonetic keys, roles and weights.
func (d *data) buildTokens(words []word, kind Kind) ([]token, []phrase) {
	words = splitArabicArticle(words)
	words = readNumberWords(words)
	var spans []phrase
	for i := range words {
		for _, p := range []*phrases[[]string]{&d.orgSymbols, &d.perSymbols} {
			if (p == &d.orgSymbols) == (kind == KindPerson) && kind != KindUnknown {
				continue
			}
			if n, ids := p.longestAt(words, i); n > 1 {
				spans = append(spans, phrase{from: i, to: i + n, groups: prefixed("@", ids)})
			}
		}
	}
	var out []token
	for i := 0; i < len(words); i++ {
		w := words[i]
		var groups []string
		n := 0
		// only one-word symbols: a multi-word one ("tactical missiles corporation") would hide its words
		if kind != KindPerson {
			if k, ids := d.orgSymbols.longestAt(words[i:i+1], 0); k > 0 {
				n, groups = k, ids
			}
		}
		if kind == KindPerson || kind == KindUnknown {
			if k, ids := d.perSymbols.longestAt(words[i:i+1], 0); k > n {
				n, groups = k, ids
			}
		}
		t := d.newToken(w)
		if n > 0 {
			t.role = RoleSymbol
			for _, g := range groups {
				t.groups = append(t.groups, "@"+g)
			}
		}
		out = append(out, t)
	}
	for i := range out {
		t := &out[i]
		switch {
		case t.role == RoleSymbol:
		case isDigits(t.latin):
			t.role = RoleNumber
		case (kind == KindOrganization || kind == KindVessel) && i > 0 && (i == len(out)-1 || len(t.latin) > 1) && romanValue(t.latin) > 0:
			t.role = RoleNumber
			t.latin = strconv.Itoa(romanValue(t.latin))
			t.latins, t.phon, t.sorted = []string{t.latin}, []string{t.latin}, t.latin
		case particles[t.text] != "" && len(out) > 1:
			t.role = RoleParticle
			t.groups = append(t.groups, "~"+particles[t.text])
		case len(t.latin) == 1 && kind != KindOrganization && t.script == scriptLatin:
			t.role = RoleInitial
		}
		if kind != KindOrganization {
			for _, l := range t.latins {
				for _, g := range d.nick[l] {
					t.groups = appendNew(t.groups, "nick:"+g)
				}
				for _, g := range d.nameParts[l] {
					t.groups = appendNew(t.groups, "part:"+g)
				}
			}
		}
		t.patronym = kind != KindOrganization && len(out) >= 3 && i > 0 && t.role == RoleWord && isPatronymic(t.latin)
		t.weight = d.weightOf(t)
	}
	return out, spans
}

// phrase is a multi-word symbol of a name ("People's Liberation Army" = @pla): its run of tokens, glued,
// carries the symbol's groups.
type phrase struct {
	from, to int
	groups   []string
}

func prefixed(p string, ss []string) []string {
	out := make([]string, len(ss))
	for i, s := range ss {
		out[i] = p + s
	}
	return out
}

// newToken transliterates a word and computes its keys.
func (d *data) newToken(w word) token {
	t := token{text: w.text, script: w.script, syllable: w.syllable, run: w.run, acronym: w.acronym}
	t.latins = d.transliterate(w)
	t.latin = t.latins[0]
	if leet := unLeet(t.latin); leet != t.latin {
		t.variants = append(t.variants, leet)
	}
	for _, l := range t.latins {
		for _, p := range phonetic(l) {
			t.phon = appendNew(t.phon, p)
		}
		t.skel = appendNew(t.skel, skeleton(l))
	}
	if len(t.phon) == 0 {
		t.phon = []string{""}
	}
	t.sorted = sortedLetters(t.latin)
	return t
}

func appendNew(ss []string, s string) []string {
	if s == "" || contains(ss, s) {
		return ss
	}
	return append(ss, s)
}

// splitArabicArticle cuts the article al- from Arabic-script words ("السيسي" → "ال" "سيسي").
func splitArabicArticle(words []word) []word {
	var out []word
	for _, w := range words {
		if w.script == scriptArabic && strings.HasPrefix(w.text, "ال") && len([]rune(w.text)) >= 4 {
			out = append(out, word{text: "ال", script: scriptArabic}, word{text: strings.TrimPrefix(w.text, "ال"), script: scriptArabic})
			continue
		}
		out = append(out, w)
	}
	return out
}

func isDigits(s string) bool {
	if s == "" {
		return false
	}
	for _, r := range s {
		if r < '0' || r > '9' {
			return false
		}
	}
	return true
}

// unLeet reads digits inside a word as the letters they imitate ("ig0r sech1n", "i9or").
func unLeet(s string) string {
	if isDigits(s) || strings.IndexFunc(s, func(r rune) bool { return r >= '0' && r <= '9' }) < 0 {
		return s
	}
	hasLetter := strings.IndexFunc(s, func(r rune) bool { return r >= 'a' && r <= 'z' }) >= 0
	if !hasLetter {
		return s
	}
	return leetDigits.Replace(s)
}

// leetDigits are the digits that imitate letters, and the letters.
var leetDigits = strings.NewReplacer("0", "o", "1", "i", "3", "e", "4", "a", "5", "s", "7", "t", "8", "b", "9", "g")

// romanValue reads a roman numeral of the letters i, v, x (1–39), or returns 0.
func romanValue(s string) int {
	if s == "" || len(s) > 6 || strings.Trim(s, "ivx") != "" {
		return 0
	}
	val := map[byte]int{'i': 1, 'v': 5, 'x': 10}
	total := 0
	for i := 0; i < len(s); i++ {
		v := val[s[i]]
		if i+1 < len(s) && val[s[i+1]] > v {
			total -= v
		} else {
			total += v
		}
	}
	if total <= 0 || total >= 40 || toRoman(total) != s {
		return 0
	}
	return total
}

func toRoman(n int) string {
	var b strings.Builder
	for _, p := range []struct {
		v int
		s string
	}{{10, "x"}, {9, "ix"}, {5, "v"}, {4, "iv"}, {1, "i"}} {
		for n >= p.v {
			b.WriteString(p.s)
			n -= p.v
		}
	}
	return b.String()
}

var patronymicEndings = []string{"ovich", "evich", "ovych", "evych", "ovitch", "ovna", "evna", "ivna", "ichna",
	"ogly", "oglu", "kyzy", "qizi", "uulu"}

// patronymStem cuts the patronymic ending off a Latin form.
func patronymStem(s string) string {
	for _, e := range patronymicEndings {
		if strings.HasSuffix(s, e) {
			return strings.TrimSuffix(s, e)
		}
	}
	return s
}

// isPatronymic reports whether a Latin form ends like an East Slavic or Turkic patronymic.
func isPatronymic(s string) bool {
	for _, e := range patronymicEndings {
		if len(s) > len(e)+2 && strings.HasSuffix(s, e) {
			return true
		}
	}
	return false
}
