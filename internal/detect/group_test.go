package detect

import (
	"context"
	"errors"
	"fmt"
	"math/rand/v2"
	"sort"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"tradetrace/internal/country"
	"tradetrace/internal/hs"
	"tradetrace/internal/trade"
)

// TestMilitaryGroupInParallel: lines grouped on every core, each group's lines spread over the goroutines,
// make the findings that grouping them in turn makes; the scan's error comes back.
func TestMilitaryGroupInParallel(t *testing.T) {
	r := rand.New(rand.NewPCG(3, 5))
	codes := []hs.Code{"9306300000", "9303200000", "8806220000", "8542310000", "6211430000"}
	parties := []trade.Party{
		{Name: "ZHEJIANG HUNTING CO", Country: "CN"}, {Name: "OOO OKHOTNIK", ID: "7700000001", Country: "RU"},
		{Name: "ГК ТЕХНО", Country: "RU"}, {Name: "ANKARA DEFENCE TEXTILE", Country: "TR"},
	}
	stored := map[trade.ShipmentID][]TextClass{}
	var lines []trade.Shipment
	for i := range 6000 {
		s := trade.Shipment{ID: trade.ShipmentID(i + 1), RecordID: fmt.Sprint("R", i+1), HS: codes[r.IntN(len(codes))],
			Shipper: parties[r.IntN(2)*3], Consignee: parties[1+r.IntN(2)], Origin: "CN", Destination: "RU",
			Date: time.Date(2023, time.Month(1+r.IntN(3)), 1+r.IntN(28), 0, 0, 0, 0, time.UTC), Description: fmt.Sprint("LINE ", i+1),
			ValueUSD: trade.N(float64(r.IntN(100000)) / 7), NetWeightKg: trade.N(float64(r.IntN(900)) / 3)}
		if i%3 == 0 {
			s.Quantity, s.Unit = trade.N(float64(1+r.IntN(50))), []string{"PCS", "KG"}[r.IntN(2)]
		}
		if i%5 == 0 {
			s.Dispatch = []country.Code{"AE", "TR", "KZ"}[r.IntN(3)]
		}
		if s.HS == "6211430000" && i%2 == 0 {
			stored[s.ID] = []TextClass{{Class: "armour.body", Military: true, Evidence: "бронежилет", Weight: 0.9}}
		}
		lines = append(lines, s)
	}
	scan := func(add func(*trade.Shipment) error) error {
		for _, s := range lines {
			if err := add(&s); err != nil {
				return err
			}
		}
		return nil
	}
	var m Military
	one := map[string]*milGroup{}
	for i := range lines {
		m.add(one, &lines[i], stored[lines[i].ID])
	}
	all := map[string]*milGroup{}
	if err := m.group(context.Background(), all, stored, scan); err != nil {
		t.Fatal(err)
	}
	byKey := func(fs []trade.Finding) []trade.Finding {
		sort.Slice(fs, func(i, j int) bool { return fs[i].Key < fs[j].Key })
		return fs
	}
	want, got := byKey(findings(one)), byKey(findings(all))
	if len(want) < 20 || len(want) > 200 {
		t.Fatalf("%d groups: the test's lines should make a few dozen, each of many lines", len(want))
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Fatalf("findings (-in turn +on every core):\n%s", diff)
	}

	boom := errors.New("boom")
	err := m.group(context.Background(), map[string]*milGroup{}, stored, func(add func(*trade.Shipment) error) error {
		if err := scan(add); err != nil {
			return err
		}
		return boom
	})
	if !errors.Is(err, boom) {
		t.Fatalf("err = %v, want the scan's", err)
	}
}
