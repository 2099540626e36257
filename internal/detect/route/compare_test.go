package route

import (
	"testing"

	"tradetrace/internal/trade"
)

// Hub companies are the same company when their names are: variants of one name link, different companies that
// share a trade word do not (they share no blocking key of the name engine), and a score is reused.
func TestMatcherCompare(t *testing.T) {
	m := matcher{ids: map[string]int32{}}
	org := func(name string) [2]int32 { return m.namesOf(&trade.Party{Name: name}) }
	same := []struct{ a, b string }{
		{"AKDENIZ ELEKTRONIK SANAYI VE TICARET LIMITED SIRKETI", "AKDENİZ ELEKTRONİK SAN. VE TİC. LTD. ŞTİ."},
		{"NOBLE BRIDGE GENERAL TRADING L.L.C", "NOBLE BRIDGE GENERAL TRADING LLC"},
		{"KUZEYBATI DIŞ TİC. LTD. ŞTİ.", "KUZEYBATI DIS TIC. LTD. STI."},
		{"TOO BAYTEREK VEST", "ТОО БАЙТЕРЕК ВЕСТ"},
	}
	for _, p := range same {
		if v := m.compare(org(p.a), org(p.b)); v < 0.6 {
			t.Errorf("%q ~ %q = %.3f, want ≥ 0.6", p.a, p.b, v)
		}
	}
	different := []struct{ a, b string }{
		{"EGE ELEKTRONIK SAN. VE TIC. LTD. STI.", "ANKA ELEKTRONIK DIS TIC. LTD. STI."},
		{"EGE INSAAT SAN.VE TIC.LTD.STI.", "YILDIZ INSAAT SAN VE TIC LTD STI"},
	}
	for _, p := range different {
		if v := m.compare(org(p.a), org(p.b)); v != 0 {
			t.Errorf("%q ~ %q = %.3f, want 0", p.a, p.b, v)
		}
	}
	if len(m.pairs) != len(same)+len(different) {
		t.Errorf("%d scores kept, want %d", len(m.pairs), len(same)+len(different))
	}
}
