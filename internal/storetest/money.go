package storetest

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"tradetrace/internal/country"
	"tradetrace/internal/detect/front"
	"tradetrace/internal/detect/redflag"
	"tradetrace/internal/detect/route/decl"
)

// testMoneySumsExact: 30,000 lines of $0.10 sum to exactly $3,000 in every sum of the red-flag and front-company
// reads. Floating-point dollars do not (0.1 has no exact binary form), and their parallel sums change in the
// last digits from run to run, and findings with them: the stores sum whole cents.
func testMoneySumsExact(t *testing.T, st ScansStore) {
	ctx := context.Background()
	const n = 30000
	var b strings.Builder
	b.WriteString("record_id,date,direction,reporter,declaration_no,shipper_name,shipper_address,shipper_country,shipper_id," +
		"consignee_name,consignee_address,consignee_country,consignee_id,origin_country,dispatch_country,destination_country," +
		"hs_code,description,brand,manufacturer,quantity,unit,gross_weight_kg,net_weight_kg,value,currency,value_usd\n")
	for i := range n {
		fmt.Fprintf(&b, "DIME-%d,2022-%02d-%02d,export,AE,DN-%d,DIME TRADING FZE,Dubai,AE,,OOO DIME,Moscow,RU,7700000099,CN,AE,RU,"+
			"8542310000,CHIPS,,,1,PCS,,1,0.1,USD,0.1\n", i, 3+i%9, 1+i%28, i)
	}
	path := filepath.Join(t.TempDir(), "dimes.csv")
	if err := os.WriteFile(path, []byte(b.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	ingestFile(t, st, path)
	q := front.Query{To: decl.Watched, Hubs: []country.Code{"AE"}, Cutoff: decl.Invasion, HP: []string{"854231"}}
	var sums []float64
	if err := st.Appearances(ctx, q, func(a *front.Appearance) error {
		sums = append(sums, a.Value, a.HPValue)
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	if err := st.GoodsMix(ctx, q, func(m *front.Mix) error {
		sums = append(sums, m.Value)
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	if err := st.HubEdges(ctx, q, func(e *front.Edge) error {
		sums = append(sums, e.Value, e.HPValue)
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	if err := st.BuyerHistory(ctx, redflag.HistoryQuery{To: decl.Watched, Cutoff: decl.Invasion, HP: []string{"854231"}}, func(a *redflag.Appearance) error {
		sums = append(sums, a.Before.Value+a.After.Value, a.Before.HPValue+a.After.HPValue)
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	if len(sums) != 10 {
		t.Fatalf("%d sums, want 10 (two appearances, two mixes, one edge, one buyer)", len(sums))
	}
	for i, v := range sums {
		if v != 3000 {
			t.Errorf("sum %d = %.12f, want exactly 3000", i, v)
		}
	}
}
