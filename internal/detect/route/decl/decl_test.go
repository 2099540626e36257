package decl_test

import (
	"fmt"
	"testing"
	"time"

	"tradetrace/internal/country"
	"tradetrace/internal/detect/route/decl"
	"tradetrace/internal/trade"
)

func TestKeyer(t *testing.T) {
	k := decl.NewKeyer()
	id := trade.Party{Name: "ООО «КОПТЕР ЛАЙН»", NameEn: "OOO KOPTER LAYN", ID: "7722124216", Country: "RU"}
	k.Learn(&id)
	for _, c := range []struct {
		p    trade.Party
		want string
	}{
		{id, "i:RU:7722124216"},
		{trade.Party{Name: "КОПТЕР ЛАЙН ООО", Country: "RU"}, "i:RU:7722124216"},
		{trade.Party{Name: "LIMITED LIABILITY COMPANY KOPTER LAYN", Country: "RU"}, "i:RU:7722124216"},
		{trade.Party{Name: "OOO KOPTER LAYN", Country: "KZ"}, "n:KZ:kopter lain"},
		{trade.Party{Name: "OOO PLITKA", Country: "RU"}, "n:RU:plitka"},
		{trade.Party{Name: "OOO PLITKA", ID: "N/A", Country: "RU"}, "n:RU:plitka"},
		{trade.Party{}, ""},
	} {
		if got := k.Key(&c.p); got != c.want {
			t.Errorf("Key(%+v) = %q, want %q", c.p, got, c.want)
		}
	}
}

// TestKeyerWarm checks that keys made ahead on every core (Warm) are the keys made one at a time, for many names
// in several scripts and countries, some of them repeated.
func TestKeyerWarm(t *testing.T) {
	words := []string{"КОПТЕР", "ЛАЙН", "KOPTER", "LAYN", "ARITEKS", "TEKSTİL", "НОРИНКО", "XINXING", "GUANGZHOU", "ТЕХКРИМ", "BINGO", ""}
	forms := []string{"ООО «%s %s»", "OOO %s %s", "%s %s LLC", "%s %s SAN. VE TİC. LTD. ŞTİ.", "%s%s"}
	var ps []trade.Party
	for i := range 600 {
		name := fmt.Sprintf(forms[i%len(forms)], words[i%len(words)], words[(i/7)%len(words)])
		ps = append(ps, trade.Party{Name: name, NameEn: words[(i/3)%len(words)], Country: []country.Code{"RU", "KZ", "TR", ""}[i%4]})
	}
	warm, cold := decl.NewKeyer(), decl.NewKeyer()
	warm.Warm(ps)
	warm.Warm(ps[:100]) // again: nothing changes
	keyed := 0
	for i := range ps {
		for _, n := range []string{ps[i].Name, ps[i].NameEn} {
			got, want := warm.NameKey(n, ps[i].Country), cold.NameKey(n, ps[i].Country)
			if got != want {
				t.Errorf("NameKey(%q, %s) after Warm = %q, one at a time %q", n, ps[i].Country, got, want)
			}
			if got != "" {
				keyed++
			}
		}
	}
	if keyed < 600 {
		t.Errorf("%d names keyed, want most of 1,200", keyed)
	}
}

func TestMatch(t *testing.T) {
	s := trade.Shipment{Date: time.Date(2022, 11, 3, 0, 0, 0, 0, time.UTC), Origin: "CN", Shipper: trade.Party{Country: "AE"},
		Consignee: trade.Party{Country: "RU"}, Destination: "RU", HS: "8507600000"}
	for _, c := range []struct {
		q    decl.Query
		want bool
	}{
		{decl.Query{To: decl.Watched, Via: decl.Hubs(), ForeignOrigin: true}, true},
		{decl.Query{Via: []country.Code{"TR"}}, false},
		{decl.Query{HSPrefixes: []string{"8507", "9303"}}, true},
		{decl.Query{HSPrefixes: []string{"850761"}}, false},
		{decl.Query{From: time.Date(2023, 1, 1, 0, 0, 0, 0, time.UTC)}, false},
		{decl.Query{ShipperIn: []country.Code{"AE"}, ConsigneeIn: []country.Code{"RU"}}, true},
	} {
		if got := c.q.Match(&s); got != c.want {
			t.Errorf("Match(%+v) = %v, want %v", c.q, got, c.want)
		}
	}
	s.Origin = "AE"
	if (&decl.Query{ForeignOrigin: true}).Match(&s) {
		t.Errorf("Match(ForeignOrigin) of goods made in the via country = true, want false")
	}
}

func TestRead(t *testing.T) {
	r := decl.NewReader()
	for _, c := range []struct {
		s         trade.Shipment
		wantClass string
	}{
		{trade.Shipment{HS: "8542310001", Description: "microcontrollers"}, "chpl.1"},
		{trade.Shipment{HS: "6307909800", Description: "БРОНЕЖИЛЕТ, КЛАСС ЗАЩИТЫ БР4, С БАЛЛИСТИЧЕСКИМИ ПАНЕЛЯМИ"}, "armour.body"},
		{trade.Shipment{HS: "6307909800", Description: "cotton aprons for kitchens"}, ""},
		{trade.Shipment{HS: "0808108000", Description: "apples"}, ""},
	} {
		got := r.Read(&c.s)
		if got.Class != c.wantClass || (c.wantClass == "") != (got.Weight == 0) {
			t.Errorf("Read(%s %q) = %q (%.2f), want %q", c.s.HS, c.s.Description, got.Class, got.Weight, c.wantClass)
		}
	}
}

func TestNum(t *testing.T) {
	for in, want := range map[float64]string{0: "0", 1234567: "1,234,567", 12.345: "12.35", -4500.4: "-4,500"} {
		if got := decl.Num(in); got != want {
			t.Errorf("Num(%v) = %q, want %q", in, got, want)
		}
	}
}
