// Package country provides ISO 3166 countries: codes, names in many languages and scripts, and the
// transshipment hubs named in official alerts, all from embedded reference data.
//
// Parse reads what customs data writes in a country column: an ISO code of any kind, or a name in any
// case, script or spelling the tables know (UN names in six languages, and vendors' English, Russian,
// Ukrainian, Kazakh, Turkish and Chinese forms). FromAddress finds the country named in a free-text
// address.
package country

import (
	"errors"
	"fmt"
	"slices"
)

// Code is an ISO 3166-1 alpha-2 code in upper case, such as "RU". The zero value means unknown.
type Code string

// Unknown is the code of a country that the source suppressed or that could not be recognised.
const Unknown Code = ""

// ErrUnknownCountry is returned, wrapped in a *ParseError, by Parse for text that names no country it knows.
var ErrUnknownCountry = errors.New("unknown country")

// Parse returns the country that s names: an alpha-2, alpha-3 or numeric ISO code, or a name in any case,
// script and spelling that the embedded tables know, with or without diacritics, extra spaces and
// punctuation. Tokens that say the country was withheld ("OTHER COUNTRY", "OC", "UNKNOWN", "NULL") and
// text without a letter or digit (an empty cell, "-", "?") return Unknown and no error; text that names
// nothing known returns an error wrapping ErrUnknownCountry. A two-letter ISO code wins over any other
// reading: "NA" is Namibia, not "not available".
//
// Parse is called for every country cell of every row, so the common cases do not allocate: a two-letter
// code is an array lookup, text already in key form (upper-case names such as "RUSSIAN FEDERATION") one
// map lookup, and anything else is normalised into a stack buffer first.
func Parse(s string) (Code, error) {
	t := tables()
	if len(s) == 2 {
		if i, ok := twoIndex(s[0], s[1]); ok {
			if e := t.two[i]; e.prio != 0 {
				return e.code, nil
			}
			return Unknown, parseError(s)
		}
	}
	if e, ok := t.keys[s]; ok {
		return e.code, nil
	}
	var buf [128]byte
	k := appendKey(buf[:0], s)
	if isDigits(k) {
		for len(k) > 1 && k[0] == '0' { // numeric codes are written with and without leading zeros
			k = k[1:]
		}
	}
	if e, ok := t.keys[string(k)]; ok {
		return e.code, nil
	}
	return Unknown, parseError(s)
}

func parseError(s string) error { return &ParseError{Input: s} }

// ParseError is the error of Parse for text that names no country it knows. It wraps ErrUnknownCountry.
type ParseError struct {
	Input string
}

func (e *ParseError) Error() string {
	in := e.Input
	if len(in) > 80 {
		in = in[:80] + "…"
	}
	return fmt.Sprintf("parse country %q: %v", in, ErrUnknownCountry)
}

// Unwrap returns ErrUnknownCountry.
func (e *ParseError) Unwrap() error { return ErrUnknownCountry }

func isDigits(b []byte) bool {
	for _, c := range b {
		if c < '0' || c > '9' {
			return false
		}
	}
	return len(b) > 0
}

// Known reports whether c is a country code this package knows: an ISO 3166-1 alpha-2 code, or one of the
// two codes outside ISO that customs data uses, EU (European Union, as an origin) and XK (Kosovo).
func Known(c Code) bool { return tables().lookupCountry(c) != nil }

// Name returns the English short name of c ("Russia", "United Arab Emirates", "Türkiye"), or "" when c is
// not known.
func Name(c Code) string {
	if k := tables().lookupCountry(c); k != nil {
		return k.name
	}
	return ""
}

// Alpha3 returns the ISO alpha-3 code of c ("RUS"), or "" when c is not known or has none (EU).
func Alpha3(c Code) string {
	if k := tables().lookupCountry(c); k != nil {
		return k.alpha3
	}
	return ""
}

// Numeric returns the ISO numeric code of c without leading zeros ("643"), or "" when it has none.
func Numeric(c Code) string {
	if k := tables().lookupCountry(c); k != nil {
		return k.numeric
	}
	return ""
}

// Codes returns every known code, sorted.
func Codes() []Code {
	t := tables()
	out := make([]Code, 0, len(t.countries))
	for _, c := range t.countries {
		out = append(out, Code(c.alpha2))
	}
	slices.Sort(out)
	return out
}
