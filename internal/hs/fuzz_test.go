package hs

import (
	"errors"
	"slices"
	"testing"
)

// FuzzParse checks that Parse never panics, returns either a valid code or a *ParseError with a known
// reason, and reads its own results back, as digits and in dotted form.
func FuzzParse(f *testing.F) {
	for _, s := range []string{"8542.31", "8542 31 00 00", "6907219009", "854231.0", "8.54231E5", "101210000", "7701", "abc", ""} {
		f.Add(s)
	}
	reasons := []string{ReasonEmpty, ReasonLetters, ReasonChars, ReasonLength, ReasonChapter, ReasonNotation}
	f.Fuzz(func(t *testing.T, s string) {
		c, err := Parse(s)
		if err != nil {
			var pe *ParseError
			if !errors.As(err, &pe) || !errors.Is(err, ErrInvalid) || !slices.Contains(reasons, pe.Reason) || c != "" {
				t.Fatalf("Parse(%q) = %q, %v: want \"\" and a *ParseError with a known reason", s, c, err)
			}
			return
		}
		if !c.Valid() {
			t.Fatalf("Parse(%q) = %q, not Valid", s, c)
		}
		for _, again := range []string{string(c), c.Dotted()} {
			if got, err := Parse(again); err != nil || got != c {
				t.Fatalf("Parse(%q) = %q; Parse(%q) = %q, %v", s, c, again, got, err)
			}
		}
	})
}
