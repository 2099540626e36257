package decl_test

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"

	"tradetrace/internal/country"
	"tradetrace/internal/detect/route/decl"
	"tradetrace/internal/duckdb"
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
// in several scripts and countries, some of them repeated; and that with a memo (a real DuckDB store), a second
// run takes every name the first kept from it and prepares none of them again, with the same keys; after a memo
// that fails to read, the keys are still right.
func TestKeyerWarm(t *testing.T) {
	ctx := context.Background()
	words := []string{"КОПТЕР", "ЛАЙН", "KOPTER", "LAYN", "ARITEKS", "TEKSTİL", "НОРИНКО", "XINXING", "GUANGZHOU", "ТЕХКРИМ", "BINGO", ""}
	forms := []string{"ООО «%s %s»", "OOO %s %s", "%s %s LLC", "%s %s SAN. VE TİC. LTD. ŞTİ.", "%s%s", "%s\t%s \\N"}
	var ps []trade.Party
	distinct := map[string]bool{}
	for i := range 600 {
		name := fmt.Sprintf(forms[i%len(forms)], words[i%len(words)], words[(i/7)%len(words)])
		ps = append(ps, trade.Party{Name: name, NameEn: words[(i/3)%len(words)], Country: []country.Code{"RU", "KZ", "TR", ""}[i%4]})
		distinct[name] = true
		distinct[ps[i].NameEn] = true
	}
	delete(distinct, "")
	tabbed := 0 // names with a tab, which the store's memo does not keep
	for n := range distinct {
		if strings.Contains(n, "\t") {
			tabbed++
		}
	}
	st, err := duckdb.Open(ctx, t.TempDir()+"/memo.duckdb", duckdb.Config{})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	check := func(label string, k *decl.Keyer) {
		t.Helper()
		cold := decl.NewKeyer()
		keyed := 0
		for i := range ps {
			for _, n := range []string{ps[i].Name, ps[i].NameEn} {
				got, want := k.NameKey(n, ps[i].Country), cold.NameKey(n, ps[i].Country)
				if got != want {
					t.Errorf("%s: NameKey(%q, %s) after Warm = %q, one at a time %q", label, n, ps[i].Country, got, want)
				}
				if got != "" {
					keyed++
				}
			}
		}
		if keyed < 600 {
			t.Errorf("%s: %d names keyed, want most of 1,200", label, keyed)
		}
	}
	warm := decl.NewKeyer()
	if n, err := warm.Warm(ctx, nil, ps); err != nil || n != len(distinct) {
		t.Errorf("Warm without a memo prepared %d names (%v), want the %d distinct ones", n, err, len(distinct))
	}
	if n, err := warm.Warm(ctx, nil, ps[:100]); err != nil || n != 0 { // again: nothing changes
		t.Errorf("Warm again prepared %d names (%v), want none", n, err)
	}
	check("without a memo", warm)
	first := decl.NewKeyer()
	if n, err := first.Warm(ctx, st, ps); err != nil || n != len(distinct) {
		t.Errorf("Warm with an empty memo prepared %d names (%v), want the %d distinct ones", n, err, len(distinct))
	}
	check("with an empty memo", first)
	second := decl.NewKeyer()
	if n, err := second.Warm(ctx, st, ps); err != nil || n != tabbed {
		t.Errorf("Warm with the memo filled prepared %d names (%v), want only the %d with a tab", n, err, tabbed)
	}
	check("with the memo filled", second)
	broken := decl.NewKeyer()
	if _, err := broken.Warm(ctx, failingMemo{}, ps); err == nil {
		t.Error("Warm with a memo that fails to read returned no error")
	}
	check("after a memo's error", broken)
	if tabbed == 0 || tabbed == len(distinct) {
		t.Fatalf("%d of %d names hold a tab: the test needs some of each", tabbed, len(distinct))
	}
}

// TestKeysEach checks that the keys made on every core are Keys' for each party: those whose names were warmed,
// identified ones and ones whose name was learnt under an identifier, and those the Keyer had not met, which
// are keyed in turn.
func TestKeysEach(t *testing.T) {
	k := decl.NewKeyer()
	var warmed []trade.Party
	for i := range 400 {
		warmed = append(warmed, trade.Party{Name: fmt.Sprintf("OOO %s %d", []string{"KOPTER", "ARITEKS", "ТЕХКРИМ"}[i%3], i%50),
			NameEn: []string{"", "KOPTER LAYN", "LLC TEKHKRIM"}[i%3], Country: []country.Code{"RU", "AE", "TR"}[i%3]})
		if i%7 == 0 {
			warmed[i].ID = fmt.Sprint(7700000000 + i)
		}
	}
	if _, err := k.Warm(context.Background(), nil, warmed); err != nil {
		t.Fatal(err)
	}
	for i := range warmed {
		k.Learn(&warmed[i])
	}
	cold := []trade.Party{{Name: "NEVER WARMED TRADING", Country: "KZ"}, {Name: "OOO KOPTER 3", NameEn: "UNSEEN ENGLISH NAME", Country: "RU"}, {}}
	var ps []*trade.Party
	for i := range warmed {
		ps = append(ps, &warmed[i])
	}
	for i := range cold {
		ps = append(ps, &cold[i])
	}
	got := k.KeysEach(ps)
	want := decl.NewKeyer() // keys one at a time, nothing warmed
	for j := range warmed {
		want.Learn(&warmed[j])
	}
	learnt := 0
	for i, p := range ps {
		if w := want.Keys(p); fmt.Sprint(got[i]) != fmt.Sprint(w) {
			t.Errorf("KeysEach for %+v = %q, Keys %q", *p, got[i], w)
		}
		if len(got[i]) > 1 {
			learnt++
		}
	}
	if learnt < 10 {
		t.Errorf("%d parties with more than one key: the test needs names learnt under identifiers", learnt)
	}
}

// failingMemo is a memo whose reads fail.
type failingMemo struct{}

func (failingMemo) NameKeys(context.Context, string, func(name, words string) error) error {
	return errors.New("disk gone")
}

func (failingMemo) KeepNameKeys(context.Context, string, []decl.NameWords) error { return nil }

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
		{decl.Query{ViaOrShipperIn: []country.Code{"AE"}}, true},
		{decl.Query{ViaOrShipperIn: []country.Code{"TR", "KZ"}}, false},
	} {
		if got := c.q.Match(&s); got != c.want {
			t.Errorf("Match(%+v) = %v, want %v", c.q, got, c.want)
		}
	}
	// Dispatched from Türkiye by a company in the Emirates: either country selects it, a third does not.
	d := s
	d.Dispatch = "TR"
	for _, c := range []struct {
		cs   []country.Code
		want bool
	}{{[]country.Code{"TR"}, true}, {[]country.Code{"AE"}, true}, {[]country.Code{"KZ"}, false}} {
		if got := (&decl.Query{ViaOrShipperIn: c.cs}).Match(&d); got != c.want {
			t.Errorf("Match(ViaOrShipperIn %v) of a line dispatched from TR by a shipper in AE = %v, want %v", c.cs, got, c.want)
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
