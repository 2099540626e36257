package sample

import (
	"testing"
	"time"
)

// The company universe of a 12-million-row sample (40,000 companies) builds quickly, every company has
// at least one name form in each script, and no two companies of a country share their usual name.
func TestUniverseScales(t *testing.T) {
	start := time.Now()
	u := newUniverse(newRNG(3), 40_000, map[string]bool{})
	if d := time.Since(start); d > 10*time.Second {
		t.Errorf("newUniverse(40000) took %v, want well under 10s", d)
	}
	if len(u.all) < 40_000 {
		t.Errorf("newUniverse(40000) made %d companies, want at least 40000", len(u.all))
	}
	byCountry := map[string]map[string]bool{}
	for _, c := range u.all {
		if len(c.names) == 0 || len(c.latin) == 0 || c.addrEn == "" || len(c.groups) == 0 {
			t.Fatalf("company %+v lacks a name form, an address or goods", c)
		}
		m := byCountry[c.country.code]
		if m == nil {
			m = map[string]bool{}
			byCountry[c.country.code] = m
		}
		if m[c.latin[0]] && c.country.code != "RU" && c.country.code != "KZ" {
			t.Errorf("two companies of %s are usually written %q", c.country.code, c.latin[0])
		}
		m[c.latin[0]] = true
	}
}
