package front_test

import (
	"context"
	"fmt"
	"math/rand/v2"
	"testing"

	"tradetrace/internal/country"
	"tradetrace/internal/detect/front"
	"tradetrace/internal/trade"
)

// benchSums are sums shaped like a DuckDB store's: parties keyed by the store, each with one or two
// appearances, the goods mix and the hub edges given by key alone.
func benchSums(parties, mixes, edges int) sums {
	r := rand.New(rand.NewPCG(7, 11))
	var s sums
	type named struct {
		p     front.Party
		first string
	}
	ps := make([]named, parties)
	for i := range ps {
		role, c := "consignee", country.Code("RU")
		if i%4 == 0 {
			role, c = "shipper", []country.Code{"AE", "TR", "KZ", "CN", "HK"}[r.IntN(5)]
		}
		p := front.Party{Role: role, Name: fmt.Sprintf("OOO %s-%d TRADING", []string{"ALFA", "VEKTOR", "TEKHNO", "SIGMA"}[r.IntN(4)], r.IntN(parties/2)),
			Country: c, Key: uint64(i + 1)}
		if r.IntN(3) == 0 {
			p.ID = fmt.Sprint(7700000000 + i)
		}
		ps[i] = named{p, fmt.Sprintf("20%02d-%02d-01", 19+r.IntN(5), 1+r.IntN(12))}
		for a := range 1 + r.IntN(2) {
			x := app(role, p.Name, p.ID, string(c), "UL "+word(r)+" OFIS "+word(r)[:a+1], ps[i].first, float64(1000+r.IntN(1e6)), 100)
			x.Party = p
			s.apps = append(s.apps, x)
		}
	}
	chapters := []string{"84", "85", "90", "39", "61", "73", "87", "93"}
	for i := range mixes {
		p := ps[r.IntN(parties)].p
		s.mixes = append(s.mixes, front.Mix{Party: front.Party{Role: p.Role, Key: p.Key}, Chapter: chapters[r.IntN(len(chapters))],
			After: i%2 == 0, Lines: int64(1 + r.IntN(20)), Value: float64(r.IntN(1e6)), Largest: front.Example{ID: trade.ShipmentID(i), RecordID: fmt.Sprint("R", i)}})
	}
	for i := range edges {
		sh, co := ps[4*r.IntN(parties/4)].p, ps[1+4*r.IntN(parties/4)].p
		s.edges = append(s.edges, front.Edge{Shipper: front.Party{Role: sh.Role, Key: sh.Key}, Consignee: front.Party{Role: co.Role, Key: co.Key},
			Value: float64(r.IntN(1e6)), First: day(ps[r.IntN(parties)].first), FirstLine: front.Example{ID: trade.ShipmentID(i), RecordID: fmt.Sprint("E", i)}})
	}
	return s
}

// word is six random capital letters.
func word(r *rand.Rand) string {
	b := make([]byte, 6)
	for i := range b {
		b[i] = byte('A' + r.IntN(26))
	}
	return string(b)
}

// BenchmarkFronts: the detector's own work, without a store's, on sums of the 10M-line sample's size (300k
// parties, 1.9M goods-mix rows, 1.2M hub edges).
func BenchmarkFronts(b *testing.B) {
	s := benchSums(300000, 1900000, 1200000)
	ctx := context.Background()
	b.ReportAllocs()
	for b.Loop() {
		if _, err := (front.Fronts{Store: s}).Detect(ctx, nil); err != nil {
			b.Fatal(err)
		}
	}
}
