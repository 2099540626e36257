// Package hs provides Harmonized System codes as a value type, the HS2022 nomenclature with its HS2017
// concordance, the Common High Priority List and the goods classes that investigators care about, all from
// embedded reference data.
package hs

import (
	"errors"
	"fmt"
	"strings"
	"unicode"
)

// Code is a customs commodity code as declared: 2 to 12 digits, national subdivisions kept ("6907219009"; Türkiye's
// GTİP codes have 12).
// The zero value means no code.
type Code string

// ErrInvalid is wrapped by every error that Parse returns.
var ErrInvalid = errors.New("invalid hs code")

// Reasons of a ParseError: short stable strings, fit for counting rejected rows.
const (
	ReasonEmpty    = "empty"    // nothing but spaces
	ReasonLetters  = "letters"  // a letter where digits belong
	ReasonChars    = "chars"    // a character that is neither a digit nor a separator
	ReasonLength   = "length"   // not 2, 4, 6, 8, 10 or 12 digits, nor a code that lost its leading zero
	ReasonChapter  = "chapter"  // the first two digits are not an HS chapter
	ReasonNotation = "notation" // a spreadsheet number that may have lost digits (6.90722E+09)
)

// ParseError says why a text is not an HS code. It wraps ErrInvalid.
type ParseError struct {
	Input  string
	Reason string // one of the Reason constants
	Detail string // the reason in words
}

func (e *ParseError) Error() string {
	in := e.Input
	if len(in) > 40 {
		in = in[:40] + "…"
	}
	return fmt.Sprintf("parse hs code %q: %s", in, e.Detail)
}

// Unwrap returns ErrInvalid.
func (e *ParseError) Unwrap() error { return ErrInvalid }

// Parse reads a commodity code as customs data and spreadsheets write it, and returns its digits.
//
// Dots and spaces between digit groups are removed ("8542.31", "8542 31 00 00", "0101.21.00"). Numbers
// that passed through a spreadsheet are read back when that is unambiguous: a fraction of zeros is dropped
// ("854231.0", "6907219009.00"), except "dddd.00", which is the dotted form of a subheading such as
// "8548.00"; a one-digit fraction after a four-digit heading had its trailing zero trimmed ("8542.3" is
// 8542.30); scientific notation is read when its mantissa carries every digit ("8.54231E5" is 854231, but
// "6.90722E+09" may have lost digits and is rejected).
//
// The result has 2, 4, 6, 8, 10 or 12 digits. A code of 3, 5, 7 or 9 digits is taken to have lost its leading
// zero (a spreadsheet read "0101210000" as a number) when a zero in front makes a chapter 01–09 code whose
// heading exists in HS2022 or HS2017: "101210000" is 0101210000, while "844713000" is rejected, because
// 0844 is not a heading. The first two digits must be an HS chapter: 01 to 97, but not 77 (reserved by the
// HS for future use), and not 98 or 99 (reserved for national use; UN Comtrade's 99 "commodities not
// specified" is not an HS chapter either).
//
// Errors are *ParseError, wrapping ErrInvalid, with a reason. Parse is called for every row: a code that
// is already digits of a valid length costs a few comparisons and does not allocate.
func Parse(s string) (Code, error) {
	if n := len(s); n >= 2 && n <= 12 && n%2 == 0 && allDigits(s) {
		if chapters()[10*(s[0]-'0')+(s[1]-'0')] {
			return Code(s), nil
		}
		return "", chapterError(s, s[:2])
	}
	return parseSlow(s)
}

func parseSlow(in string) (Code, error) {
	s := strings.TrimSpace(in)
	s = strings.TrimPrefix(s, "'") // the text marker of spreadsheets
	s = strings.Trim(s, `"`)
	s = strings.TrimSpace(s)
	if s == "" {
		return "", &ParseError{in, ReasonEmpty, "no code"}
	}
	buf := [16]byte{'0'}
	d := buf[:1] // buf[0] holds the leading zero a spreadsheet may have lost
	var err *ParseError
	if i := strings.IndexAny(s, "eE"); i > 0 && isNumber(s[:i]) {
		d, err = appendScientific(d, in, s[:i], s[i+1:])
	} else {
		d, err = appendDigits(d, in, s)
	}
	if err != nil {
		return "", err
	}
	d = d[1:]
	switch n := len(d); {
	case n >= 2 && n <= 12 && n%2 == 0:
	case n >= 3 && n <= 9 && d[0] != '0' && headingExists(buf[0:4]):
		d = buf[:n+1] // the zero in front: buf[0]
	case n >= 3 && n <= 9 && d[0] != '0':
		return "", &ParseError{in, ReasonLength, fmt.Sprintf("%d digits: HS codes have 2, 4, 6, 8, 10 or 12, "+
			"and a lost leading zero would make 0%s, not an HS heading", n, string(d[:3]))}
	case n == 1:
		return "", &ParseError{in, ReasonLength, "1 digit: HS codes have 2, 4, 6, 8, 10 or 12"}
	default:
		return "", &ParseError{in, ReasonLength, fmt.Sprintf("%d digits: HS codes have 2, 4, 6, 8, 10 or 12", n)}
	}
	if !chapters()[10*(d[0]-'0')+(d[1]-'0')] {
		return "", chapterError(in, string(d[:2]))
	}
	return Code(d), nil
}

// appendDigits appends the digits of a dotted or spaced code to d, dropping the zero fraction of a
// spreadsheet number.
func appendDigits(d []byte, in, s string) ([]byte, *ParseError) {
	for _, r := range s {
		switch {
		case r >= '0' && r <= '9', r == '.', r == ' ', r == '\u00a0', r == '\t':
		case r >= 'a' && r <= 'z', r >= 'A' && r <= 'Z', r >= 0x80 && unicode.IsLetter(r):
			return nil, &ParseError{in, ReasonLetters, fmt.Sprintf("letter %q in a code of digits", r)}
		default:
			return nil, &ParseError{in, ReasonChars, fmt.Sprintf("character %q in a code of digits", r)}
		}
	}
	if whole, frac, ok := strings.Cut(s, "."); ok && allDigits(whole) && allDigits(frac) {
		switch {
		case strings.Trim(frac, "0") == "" && !(len(whole) == 4 && len(frac) == 2):
			return append(d, whole...), nil // 854231.0: a number, its fraction dropped
		case len(frac) == 1 && (len(whole) == 4 || len(whole) == 3):
			return append(append(append(d, whole...), frac...), '0'), nil // 8542.3 was 8542.30
		}
	}
	for i := 0; i < len(s); i++ {
		if c := s[i]; c >= '0' && c <= '9' {
			d = append(d, c)
		}
	}
	return d, nil
}

// appendScientific appends the digits of a number in scientific notation, mantissa and exponent apart,
// when it is an exact integer written with all its digits.
func appendScientific(d []byte, in, mant, exp string) ([]byte, *ParseError) {
	exp = strings.TrimPrefix(exp, "+")
	if !allDigits(exp) || len(exp) > 2 {
		return nil, &ParseError{in, ReasonNotation, "not a number in scientific notation"}
	}
	e := 0
	for _, c := range exp {
		e = 10*e + int(c-'0')
	}
	whole, frac, _ := strings.Cut(mant, ".")
	if e != len(frac) {
		return nil, &ParseError{in, ReasonNotation, "scientific notation that does not carry every digit of the code"}
	}
	return append(append(d, whole...), frac...), nil
}

func isNumber(s string) bool {
	whole, frac, _ := strings.Cut(s, ".")
	return allDigits(whole) && (frac == "" || allDigits(frac))
}

func chapterError(in, ch string) error {
	why := "is not an HS chapter"
	switch ch {
	case "77":
		why = "is reserved by the HS for future use"
	case "98", "99":
		why = "is reserved for national use, not an HS chapter"
	case "00":
		why = "does not exist"
	}
	return &ParseError{in, ReasonChapter, fmt.Sprintf("chapter %s %s", ch, why)}
}

func allDigits(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return len(s) > 0
}

// Chapter returns the first two digits, or "" for a shorter code.
func (c Code) Chapter() Code { return c.prefix(2) }

// Heading returns the first four digits, or "" for a shorter code.
func (c Code) Heading() Code { return c.prefix(4) }

// HS6 returns the first six digits, the internationally comparable subheading, or "" for a shorter code.
func (c Code) HS6() Code { return c.prefix(6) }

func (c Code) prefix(n int) Code {
	if len(c) < n {
		return ""
	}
	return c[:n]
}

// Len returns the number of digits.
func (c Code) Len() int { return len(c) }

// Valid reports whether c is what Parse returns: 2, 4, 6, 8, 10 or 12 digits starting with an HS chapter.
func (c Code) Valid() bool {
	n := len(c)
	return n >= 2 && n <= 12 && n%2 == 0 && allDigits(string(c)) && chapters()[10*(c[0]-'0')+(c[1]-'0')]
}

// Dotted returns the code in the dotted form of tariffs: "8542", "8542.31", "8542.31.00", "8542.31.00.00".
// A code that is not Valid is returned as it is.
func (c Code) Dotted() string {
	if !c.Valid() || len(c) <= 4 {
		return string(c)
	}
	var b strings.Builder
	b.WriteString(string(c[:4]))
	for i := 4; i < len(c); i += 2 {
		b.WriteByte('.')
		b.WriteString(string(c[i : i+2]))
	}
	return b.String()
}
