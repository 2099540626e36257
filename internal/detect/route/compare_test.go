package route

import (
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

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

// TestAssignInParallel links sales to purchases whose hub company is written differently on the two sides, so
// that every pair is judged by the name engine on the goroutines of assign (the race detector, which make test
// runs on this package, checks that they only read the matcher), and checks that each sale gets its purchase.
func TestAssignInParallel(t *testing.T) {
	first := []string{"AKDENIZ", "KUZEYBATI", "MARMARA", "KARADENIZ", "ANADOLU", "TOROS", "ERCIYES", "PAMUKKALE"}
	second := []string{"ELEKTRONIK", "MAKINA", "OPTIK", "TEKNOLOJI", "LOJISTIK"}
	m := matcher{ids: map[string]int32{}, window: 120 * 24 * time.Hour, minConf: 0.7, byGoods: map[goodsAt]*bucket{}}
	b := &bucket{}
	m.byGoods[goodsAt{"854231", "TR"}] = b
	var outs []*leg
	leg := func(s *trade.Shipment) *leg {
		return &leg{lines: []*trade.Shipment{s}, sName: m.namesOf(&s.Shipper), cName: m.namesOf(&s.Consignee)}
	}
	day := time.Date(2022, 6, 1, 0, 0, 0, 0, time.UTC)
	want := map[trade.ShipmentID]trade.ShipmentID{}
	for i := range len(first) * len(second) {
		name := first[i%len(first)] + " " + second[i/len(first)]
		qty := trade.N(float64(1000 + 700*i))
		in := &trade.Shipment{ID: trade.ShipmentID(2 * i), Date: day, HS: "8542310000", Quantity: qty, NetWeightKg: qty,
			Shipper:   trade.Party{Name: "MAKER " + name, Country: "CN"},
			Consignee: trade.Party{Name: name + " DIŞ TİC. LTD. ŞTİ.", Country: "TR"}}
		out := &trade.Shipment{ID: trade.ShipmentID(2*i + 1), Date: day.AddDate(0, 0, 30), HS: "8542310000", Quantity: qty, NetWeightKg: qty,
			Shipper:   trade.Party{Name: name + " DIS TIC. LTD. STI.", Country: "TR"},
			Consignee: trade.Party{Name: "OOO BUYER " + name, Country: "RU"}}
		b.legs = append(b.legs, leg(in))
		outs = append(outs, leg(out))
		want[out.ID] = in.ID
	}
	b.sort()
	links := m.assign(outs)
	got := map[trade.ShipmentID]trade.ShipmentID{}
	for _, l := range links {
		got[l.out.s().ID] = l.in.s().ID
		if !strings.Contains(strings.Join(l.why, "; "), "hub company names agree") {
			t.Errorf("link %d → %d: reasons %q, want the names to agree", l.in.s().ID, l.out.s().ID, l.why)
		}
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("sale → purchase (-want +got):\n%s", diff)
	}
}
