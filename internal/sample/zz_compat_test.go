package sample

import (
	"testing"

	ctry "tradetrace/internal/country"
	"tradetrace/internal/hs"
)

func TestZZCompat(t *testing.T) {
	for _, c := range countries {
		for _, name := range []string{c.en, c.ru, c.code} {
			got, err := ctry.Parse(name)
			if err != nil || string(got) != c.code {
				t.Errorf("ctry.Parse(%q) = %q, %v; want %s", name, got, err, c.code)
			}
		}
		addr := "SOMEWHERE 1, CITY, " + c.en
		if f, ok := any(ctry.FromAddress).(func(string) (ctry.Code, bool)); ok {
			if got, _ := f(addr); string(got) != c.code {
				t.Errorf("FromAddress(%q) = %q", addr, got)
			}
		}
	}
	for _, s := range []string{"OTHER COUNTRY", "OC", "НЕИЗВЕСТНА"} {
		got, err := ctry.Parse(s)
		t.Logf("Parse(%q) = %q %v", s, got, err)
	}
	cat, _ := newCatalogue(newRNG(1))
	for _, g := range cat.goods {
		if _, err := hs.Parse(g.hs); err != nil {
			t.Errorf("hs.Parse(%q): %v", g.hs, err)
		}
	}
}
