package goods

import (
	"bufio"
	"fmt"
	"io"
	"strconv"
	"strings"
)

// Kind says what a piece of evidence is.
type Kind uint8

// Kinds of evidence, as written in the vocabulary files.
const (
	KindWord       Kind = iota + 1 // a word or phrase naming the goods: "бронежилет", "quadcopter", "步枪"
	KindModel                      // a model name: CQ-A, AK-74, Mavic 3
	KindBrand                      // a brand or maker: DJI, NORINCO, Hikmicro
	KindCalibre                    // a calibre or gauge: 5.56x45, .223, 12/70
	KindPartNumber                 // a part number recognised by its maker's prefix: STM32F405RGT6
	KindPart                       // a part word whose class depends on what it is a part of: battery, barrel
	KindModifier                   // a word that strengthens a reading: ballistic, military, NIJ IIIA
	KindClaim                      // declared lesser use: hunting, sporting, civilian
	KindNeuter                     // declared non-item: toy, airsoft, replica, glue (gun)
	kindFor                        // "for", "для", "için", "用于": the goods are for something else
	kindWith                       // "with", "с", "ile", "kit": the goods come with something else
)

var kindNames = [...]string{"", "word", "model", "brand", "calibre", "part_number", "part", "modifier", "claim",
	"neuter", "for", "with"}

func (k Kind) String() string {
	if int(k) < len(kindNames) {
		return kindNames[k]
	}
	return ""
}

// MarshalText writes the kind's name.
func (k Kind) MarshalText() ([]byte, error) { return []byte(k.String()), nil }

// parseKind reads a kind as the vocabulary files write it ("mod" is accepted for modifier).
func parseKind(s string) (Kind, bool) {
	if s == "mod" {
		return KindModifier, true
	}
	for i, n := range kindNames {
		if n == s && i > 0 && Kind(i) != KindPartNumber {
			return Kind(i), true
		}
	}
	return 0, false
}

// languages are the language tags of vocabulary forms; "xx" marks forms that belong to no one language
// (model names, calibres, codes).
var languages = [...]string{"xx", "en", "ru", "uk", "tr", "zh"}

func langIndex(s string) int {
	for i, l := range languages {
		if l == s {
			return i
		}
	}
	return -1
}

// concept is one entry of the vocabulary: a meaning with its surface forms in several languages.
type concept struct {
	name   string
	kind   Kind
	class  int8    // the target class, or -1 when the target is a family or any family
	family int8    // the family of the target, or -1 for any
	scope  uint32  // families a part, claim or neuter applies to (bit per family); 0 = any controlled
	weight float64 // what a hit adds to its class, as a noisy-or term
	alone  float64 // the factor applied when no other direct evidence of the family is present
	hs     string  // HS chapter, heading or subheading the concept points to, or ""
	maker  string  // the maker, for part numbers and brands
	firm   bool    // a technical fact (a protection class) that declared wording does not weaken
	post   bool    // a marker that follows the word it governs (Turkish "için", Chinese "用")
	source string  // file and line, for error messages and tests
}

// phrase is a form of several words, some of them stems ("реактивн* систем* залпового огня"): each word is
// matched on its own and the phrase is found where they follow one another.
type phrase struct {
	concept int32
	lang    uint8
	words   []string
	stems   []bool
}

// form is one surface form of a concept, normalised.
type form struct {
	text    string
	concept int32
	lang    uint8
	stem    bool // matches any word that starts with it
}

// vocabulary is the parsed content of the data files.
type vocabulary struct {
	concepts []concept
	forms    []form
	phrases  []phrase
	byName   map[string]int32
}

// addPhrase records a form whose inner words are stems. last says whether the last word is a stem too.
func (v *vocabulary) addPhrase(words []string, last bool, c int32, lang uint8, where string) error {
	p := phrase{concept: c, lang: lang}
	for i, w := range words {
		stem := strings.HasSuffix(w, "*") || i == len(words)-1 && last
		n := Normalize(strings.TrimSuffix(w, "*"))
		if n == "" || strings.Contains(n, " ") || midStar(strings.TrimSuffix(w, "*")) {
			return fmt.Errorf("%s: bad word %q in phrase", where, w)
		}
		p.words = append(p.words, n)
		p.stems = append(p.stems, stem)
	}
	if len(p.words) > 8 {
		return fmt.Errorf("%s: phrase of more than 8 words", where)
	}
	v.phrases = append(v.phrases, p)
	return nil
}

// parseVocabulary reads one vocabulary file into v. The format, line by line:
//
//	# a comment
//	@ name; kind; target; weight; hs[; scope=fam,fam][; alone=0.5][; firm][; post]
//	en: form | form | stem* …
//
// kind is word, model, brand, calibre, part, mod, claim, neuter, for or with; target a class ID, a family
// name or "*"; hs "-" or 2, 4 or 6 digits. Each language line lists forms of the concept above it.
func (v *vocabulary) parse(r io.Reader, file string) error {
	if v.byName == nil {
		v.byName = make(map[string]int32)
	}
	sc := bufio.NewScanner(r)
	cur := int32(-1)
	for line := 1; sc.Scan(); line++ {
		text := strings.TrimSpace(sc.Text())
		if text == "" || text[0] == '#' {
			continue
		}
		where := fmt.Sprintf("%s:%d", file, line)
		if text[0] == '@' {
			c, err := parseHeader(text[1:], where)
			if err != nil {
				return err
			}
			if _, dup := v.byName[c.name]; dup {
				return fmt.Errorf("%s: concept %q defined twice", where, c.name)
			}
			cur = int32(len(v.concepts))
			v.byName[c.name] = cur
			v.concepts = append(v.concepts, c)
			continue
		}
		lang, rest, ok := strings.Cut(text, ":")
		li := langIndex(strings.TrimSpace(lang))
		if !ok || li < 0 {
			return fmt.Errorf("%s: want \"@ header\" or \"lang: forms\", got %q", where, text)
		}
		if cur < 0 {
			return fmt.Errorf("%s: forms before the first concept", where)
		}
		for _, raw := range strings.Split(rest, "|") {
			raw = strings.TrimSpace(raw)
			stem := strings.HasSuffix(raw, "*")
			raw = strings.TrimSuffix(raw, "*")
			if words := strings.Fields(raw); len(words) > 1 && midStar(raw) {
				if err := v.addPhrase(words, stem, cur, uint8(li), where); err != nil {
					return err
				}
				continue
			}
			if midStar(raw) {
				return fmt.Errorf("%s: %q: a stem mark * may only end a word", where, raw)
			}
			n := Normalize(raw)
			if n == "" {
				return fmt.Errorf("%s: empty form in %q", where, text)
			}
			v.add(form{text: n, concept: cur, lang: uint8(li), stem: stem})
			if strings.ContainsAny(n, "0123456789") && strings.Contains(n, " ") {
				// "ak 47" is also written "ak47": match both
				if j := Normalize(strings.ReplaceAll(n, " ", "")); j != n {
					v.add(form{text: j, concept: cur, lang: uint8(li), stem: stem})
				}
			}
		}
	}
	if err := sc.Err(); err != nil {
		return fmt.Errorf("read %s: %w", file, err)
	}
	return nil
}

// add appends a form unless the same concept already has it.
func (v *vocabulary) add(f form) {
	for i := len(v.forms) - 1; i >= 0 && v.forms[i].concept == f.concept; i-- {
		if v.forms[i].text == f.text && v.forms[i].stem == f.stem {
			return
		}
	}
	v.forms = append(v.forms, f)
}

// parseHeader reads "name; kind; target; weight; hs; options…".
func parseHeader(s, where string) (concept, error) {
	parts := strings.Split(s, ";")
	for i := range parts {
		parts[i] = strings.TrimSpace(parts[i])
	}
	if len(parts) < 5 {
		return concept{}, fmt.Errorf("%s: header wants name; kind; target; weight; hs, got %q", where, s)
	}
	c := concept{name: parts[0], source: where, class: -1, family: -1}
	if c.name == "" {
		return c, fmt.Errorf("%s: concept without a name", where)
	}
	var ok bool
	if c.kind, ok = parseKind(parts[1]); !ok {
		return c, fmt.Errorf("%s: unknown kind %q", where, parts[1])
	}
	switch t := parts[2]; {
	case t == "*":
	case classIndex(Class(t)) >= 0:
		c.class = int8(classIndex(Class(t)))
		c.family = famOf[c.class]
	case familyIndex(t) >= 0:
		c.family = int8(familyIndex(t))
	default:
		return c, fmt.Errorf("%s: unknown target %q", where, t)
	}
	switch c.kind {
	case KindWord, KindModel, KindBrand, KindCalibre, KindPart, KindClaim, KindNeuter:
		if c.class < 0 {
			return c, fmt.Errorf("%s: a %s needs a class as its target, got %q", where, c.kind, parts[2])
		}
	}
	w, err := strconv.ParseFloat(parts[3], 64)
	if err != nil || w <= 0 || w > 1 {
		return c, fmt.Errorf("%s: weight %q is not in (0,1]", where, parts[3])
	}
	c.weight = w
	if parts[4] != "-" {
		if !validHS(parts[4]) {
			return c, fmt.Errorf("%s: hs %q is not 2, 4 or 6 digits", where, parts[4])
		}
		c.hs = parts[4]
	}
	switch c.kind {
	case KindModifier:
		c.alone = 0
	case KindCalibre:
		c.alone = 0.5
	default:
		c.alone = 1
	}
	for _, opt := range parts[5:] {
		k, val, _ := strings.Cut(opt, "=")
		switch strings.TrimSpace(k) {
		case "scope":
			for _, f := range strings.Split(val, ",") {
				fi := familyIndex(strings.TrimSpace(f))
				if fi < 0 {
					return c, fmt.Errorf("%s: unknown family %q in scope", where, f)
				}
				c.scope |= 1 << fi
			}
		case "alone":
			a, err := strconv.ParseFloat(strings.TrimSpace(val), 64)
			if err != nil || a < 0 || a > 1 {
				return c, fmt.Errorf("%s: alone %q is not in [0,1]", where, val)
			}
			c.alone = a
		case "maker":
			c.maker = strings.TrimSpace(val)
		case "firm":
			c.firm = true
		case "post":
			c.post = true
		default:
			return c, fmt.Errorf("%s: unknown option %q", where, opt)
		}
	}
	if (c.kind == KindPart || c.kind == KindClaim || c.kind == KindNeuter) && c.scope == 0 && c.family >= 0 &&
		c.family != civilianFam {
		c.scope = 1 << c.family
	}
	return c, nil
}

// validHS reports whether s is an HS chapter, heading or subheading: 2, 4 or 6 digits.
func validHS(s string) bool {
	if len(s) != 2 && len(s) != 4 && len(s) != 6 {
		return false
	}
	for i := 0; i < len(s); i++ {
		if !isDigitByte(s[i]) {
			return false
		}
	}
	return true
}

// midStar reports whether a form has a * that is neither its last character nor a size sign between two
// digits ("5.56*45").
func midStar(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] == '*' && !(i > 0 && i+1 < len(s) && isDigitByte(s[i-1]) && isDigitByte(s[i+1])) {
			return true
		}
	}
	return false
}
