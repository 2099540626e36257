// Package names normalises, transliterates and compares the names of people and organisations in any script:
// Unicode clean-up and homoglyph repair, legal forms recognised across languages (ООО = LLC = 有限公司 = Ltd),
// Cyrillic, Greek, Armenian, Georgian, Arabic, Hebrew, Indic, Thai, Khmer, Ethiopic, Chinese (pinyin),
// Japanese kana and Korean Hangul brought to one Latin form, phonetic keys that absorb the usual
// transliteration variants, token weights by rarity on sanctions lists, and a comparison that aligns the
// tokens of two names and returns a score with its explanation.
//
// Names are prepared once (Prepare) and compared many times (Compare); Keys gives the blocking keys a
// candidate index needs. Everything here is a pure function over embedded reference data.
package names

import (
	"strings"
)

// Version is the version of the matching algorithm, carried by every Score.
const Version = "names-1"

// Kind is what a name belongs to. It changes which rules apply: titles and initials for people, legal forms
// and organisation words for organisations.
type Kind uint8

// Kinds of names.
const (
	KindUnknown Kind = iota
	KindPerson
	KindOrganization // companies, organisations, legal entities
	KindVessel       // vessels and aircraft
)

var kindNames = [...]string{"unknown", "person", "organization", "vessel"}

// String returns the kind's name.
func (k Kind) String() string {
	if int(k) < len(kindNames) {
		return kindNames[k]
	}
	return "unknown"
}

// KindOf maps a FollowTheMoney schema name (Person, Company, Organization, LegalEntity, Vessel, Airplane) to a
// Kind.
func KindOf(schema string) Kind {
	switch strings.ToLower(schema) {
	case "person":
		return KindPerson
	case "company", "organization", "organisation", "legalentity", "publicbody":
		return KindOrganization
	case "vessel", "airplane", "aircraft":
		return KindVessel
	}
	return KindUnknown
}

// Identifier is a registration or tax number given with a name (INN, OGRN, BIN, EDRPOU, USCC, IMO …).
type Identifier struct {
	Scheme string
	Value  string
}

// Options says what is known of a name besides its text. Everything is optional.
type Options struct {
	Kind        Kind
	Countries   []string     // ISO 3166 alpha-2 codes
	Identifiers []Identifier // registration and tax numbers
}

// Role says what part a token plays in a name.
type Role uint8

// Roles of tokens.
const (
	RoleWord     Role = iota // an ordinary name word
	RoleInitial              // a single letter standing for a word
	RoleNumber               // digits (number words and ordinals are converted)
	RoleSymbol               // an organisation word such as company, international, group (see symbols.yml)
	RoleParticle             // a name particle such as al, bin, van, de
)

var roleNames = [...]string{"word", "initial", "number", "symbol", "particle"}

// String returns the role's name.
func (r Role) String() string {
	if int(r) < len(roleNames) {
		return roleNames[r]
	}
	return "word"
}

// Token is one word of a prepared name.
type Token struct {
	Text   string  // normalised, in its own script
	Latin  string  // ASCII Latin form
	Key    string  // phonetic key of the Latin form
	Weight float64 // rarity weight (inverse list frequency)
	Role   Role
}

// LegalForm is a legal form recognised in a name and set aside from it.
type LegalForm struct {
	Text   string // as written, normalised
	Form   string // the form it stands for, e.g. "LLC", "GmbH", "ООО", "JSC"
	Family string // the generic family of rigour's org_types: LLC, JSC, LP, GP, LLP, SP, SOE, NGO, COOP, FIN …
}

// Name is a prepared name: build it once with Prepare and compare it many times.
type Name struct {
	raw       string
	kind      Kind
	tokens    []token
	runs      []run
	legal     []LegalForm
	countries []string
	ids       []Identifier
}

// Raw returns the name as given.
func (n Name) Raw() string { return n.raw }

// Kind returns the kind given to Prepare, or the kind inferred from the name (a legal form makes an
// organisation).
func (n Name) Kind() Kind { return n.kind }

// LegalForms returns the legal forms recognised in the name.
func (n Name) LegalForms() []LegalForm { return n.legal }

// Tokens returns the tokens of the name, legal forms excluded.
func (n Name) Tokens() []Token {
	out := make([]Token, len(n.tokens))
	for i, t := range n.tokens {
		out[i] = Token{Text: t.text, Latin: t.latin, Key: t.phon[0], Weight: t.weight, Role: t.role}
	}
	return out
}

// Normalized returns the name's tokens in their own scripts, joined by spaces, legal forms excluded: a stable
// display and grouping form ("ООО «Бай»" → "бай").
func (n Name) Normalized() string {
	parts := make([]string, len(n.tokens))
	for i, t := range n.tokens {
		parts[i] = t.text
	}
	return strings.Join(parts, " ")
}

// Latin returns the name in its ASCII Latin form, legal forms excluded ("Владимир Путин" → "vladimir putin").
func (n Name) Latin() string {
	parts := make([]string, len(n.tokens))
	for i, t := range n.tokens {
		parts[i] = t.latin
	}
	return strings.Join(parts, " ")
}

// Limits that keep comparison cheap on hostile input: no real name comes near them.
const (
	maxNameRunes  = 400
	maxNameTokens = 32
)

// Prepare normalises, tokenises and transliterates a raw name. Only the first 400 characters and 32 words
// of a name are used.
func Prepare(raw string, opts Options) Name {
	n, spans := prepareTokens(raw, opts)
	n.runs = runsOf(n.tokens, spans)
	return n.With(opts.Countries, opts.Identifiers)
}

// PrepareTokens returns Prepare(raw, opts).Tokens() without the work only comparisons need (the glued runs of
// neighbouring words, a third of Prepare's time): for callers that key names by their words.
func PrepareTokens(raw string, opts Options) []Token {
	n, _ := prepareTokens(raw, opts)
	return n.Tokens()
}

// prepareTokens is Prepare up to the tokens: the name without its runs, countries and identifiers, and the
// spans of its multi-word symbols.
func prepareTokens(raw string, opts Options) (Name, []phrase) {
	d := tables()
	n := Name{raw: raw, kind: opts.Kind}
	text := raw
	if len(text) > maxNameRunes {
		if rs := []rune(text); len(rs) > maxNameRunes {
			text = string(rs[:maxNameRunes])
		}
	}
	words := tokenize(text)
	if len(words) > maxNameTokens {
		words = words[:maxNameTokens]
	}
	words, n.legal = d.stripLegalForms(words, n.kind)
	if n.kind == KindUnknown && len(n.legal) > 0 {
		n.kind = KindOrganization
	}
	words = d.stripPrefixes(words, n.kind)
	var spans []phrase
	n.tokens, spans = d.buildTokens(words, n.kind)
	return n, spans
}

// With returns the name with these countries and identifiers in place of its own, as Prepare would have
// kept them: the same words, other evidence.
func (n Name) With(countries []string, ids []Identifier) Name {
	n.countries, n.ids = nil, nil
	for _, c := range countries {
		if c = strings.ToUpper(strings.TrimSpace(c)); c != "" {
			n.countries = append(n.countries, c)
		}
	}
	for _, id := range ids {
		if v := normalizeID(id.Value); v != "" {
			n.ids = append(n.ids, Identifier{Scheme: strings.ToUpper(strings.TrimSpace(id.Scheme)), Value: v})
		}
	}
	return n
}

// normalizeID keeps the letters and digits of an identifier, upper-cased.
func normalizeID(s string) string {
	var b strings.Builder
	for _, r := range strings.ToUpper(s) {
		if (r >= '0' && r <= '9') || (r >= 'A' && r <= 'Z') {
			b.WriteRune(r)
		}
	}
	return b.String()
}

// Identifiers returns the name's identifiers, normalised (letters and digits, upper-cased).
func (n Name) Identifiers() []Identifier { return n.ids }
