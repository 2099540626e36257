package country

import (
	"errors"
	"strings"
	"testing"
)

// FuzzParse checks that Parse never panics, returns either a known code or an error wrapping
// ErrUnknownCountry, and reads its own answers back: the code, the code in lower case, and the country's
// English name all parse to the same country; and the case of the input does not matter.
func FuzzParse(f *testing.F) {
	for _, s := range []string{"RU", "ru", "RUS", "643", "RUSSIAN FEDERATION", "Türkiye", "ОАЭ", "中国", "OC", "-", ""} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		c, err := Parse(s)
		if err != nil {
			if !errors.Is(err, ErrUnknownCountry) || c != Unknown {
				t.Fatalf("Parse(%q) = %q, %v, want Unknown and ErrUnknownCountry", s, c, err)
			}
			return
		}
		if c == Unknown {
			return
		}
		if !Known(c) {
			t.Fatalf("Parse(%q) = %q, not a known code", s, c)
		}
		for _, again := range []string{string(c), strings.ToLower(string(c)), Name(c)} {
			if got, err := Parse(again); err != nil || got != c {
				t.Fatalf("Parse(%q) = %q; Parse(%q) = %q, %v", s, c, again, got, err)
			}
		}
		if got, err := Parse(strings.ToLower(s)); err != nil || got != c {
			t.Fatalf("Parse(%q) = %q; Parse(lower) = %q, %v", s, c, got, err)
		}
	})
}

// FuzzFromAddress checks that FromAddress never panics, only finds known countries, and is not moved by
// a postal code appended to the address.
func FuzzFromAddress(f *testing.F) {
	for _, s := range []string{"DUBAI, UNITED ARAB EMIRATES", "Москва, Россия", "Россия, 125009, Москва",
		"ISTANBUL TURKEY", "中国广东省深圳市", "ATLANTA, GA 30303", ""} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, addr string) {
		c, ok := FromAddress(addr)
		if ok != (c != Unknown) {
			t.Fatalf("FromAddress(%q) = %q, %v: ok and code disagree", addr, c, ok)
		}
		if ok && !Known(c) {
			t.Fatalf("FromAddress(%q) = %q, not a known code", addr, c)
		}
		if ok {
			if got, ok2 := FromAddress(addr + ", 123456"); !ok2 || got != c {
				t.Fatalf("FromAddress(%q) = %q; with a postal code appended = %q, %v", addr, c, got, ok2)
			}
		}
	})
}
