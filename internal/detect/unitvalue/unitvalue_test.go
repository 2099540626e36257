package unitvalue_test

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"tradetrace/internal/detect"
	"tradetrace/internal/detect/unitvalue"
	"tradetrace/internal/duckdb"
	"tradetrace/internal/ingest"
	"tradetrace/internal/trade"
)

const header = "record_id,date,direction,reporter,declaration_no,shipper_name,shipper_address,shipper_country,shipper_id," +
	"consignee_name,consignee_address,consignee_country,consignee_id,origin_country,dispatch_country,destination_country," +
	"hs_code,description,brand,manufacturer,quantity,unit,gross_weight_kg,net_weight_kg,value,currency,value_usd\n"

// row writes one canonical line: kg of goods at usdPerKg, one piece per 2.5 kg.
func row(id, date, shipper, consignee, dest, hs, unit string, kg, usdPerKg float64) string {
	return fmt.Sprintf("%s,%s,import,RU,D%s,%s,,CN,,%s,,%s,,CN,CN,%s,%s,goods,,,%g,%s,%g,%g,%g,USD,\n",
		id, date, id, shipper, consignee, dest, dest, hs, kg/2.5, unit, kg*1.05, kg, kg*usdPerKg)
}

// peers writes n ordinary lines of a subheading in 2022, priced around usdPerKg with a spread of ±40%.
func peers(prefix, hs, unit string, n int, usdPerKg float64) string {
	var b strings.Builder
	spread := []float64{0.6, 0.8, 0.9, 1, 1, 1.1, 1.2, 1.4}
	for i := range n {
		b.WriteString(row(fmt.Sprintf("%s%02d", prefix, i), fmt.Sprintf("2022-%02d-10", 1+i%12), fmt.Sprintf("MAKER %s %d", prefix, i%7),
			fmt.Sprintf("BUYER %s %d", prefix, i%5), "KZ", hs, unit, float64(100+10*i), usdPerKg*spread[i%len(spread)]))
	}
	return b.String()
}

func run(t *testing.T, csv string) []trade.Finding {
	t.Helper()
	dir := t.TempDir()
	in := filepath.Join(dir, "in.csv")
	if err := os.WriteFile(in, []byte(header+csv), 0o644); err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	st, err := duckdb.Open(ctx, filepath.Join(dir, "t.duckdb"), duckdb.Config{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	res, err := ingest.File(ctx, st, in, ingest.Options{Profile: "canonical"})
	if err != nil {
		t.Fatal(err)
	}
	if res.Run.Rejected != 0 {
		t.Fatalf("%d rejected rows: %v", res.Run.Rejected, res.Run.Reasons)
	}
	d := unitvalue.Detector{Store: st}
	if _, err := detect.Run(ctx, st, st, []detect.Detector{d}); err != nil {
		t.Fatal(err)
	}
	fs, err := st.Findings(ctx, duckdb.FindingFilter{Detector: d.Name()})
	if err != nil {
		t.Fatal(err)
	}
	// A second run must give the same findings.
	if _, err := detect.Run(ctx, st, st, []detect.Detector{d}); err != nil {
		t.Fatal(err)
	}
	fs2, err := st.Findings(ctx, duckdb.FindingFilter{Detector: d.Name()})
	if err != nil {
		t.Fatal(err)
	}
	strip := func(fs []trade.Finding) []trade.Finding {
		out := append([]trade.Finding(nil), fs...)
		for i := range out {
			out[i].ID = 0
		}
		return out
	}
	if diff := cmp.Diff(strip(fs), strip(fs2)); diff != "" {
		t.Errorf("second run differs (-first +second):\n%s", diff)
	}
	return fs
}

func TestUnitValue(t *testing.T) {
	for _, tc := range []struct {
		name string
		csv  string
		want []string // finding keys, best first; each with its records after "="
	}{
		{
			name: "premium and undervaluation, grouped per party pair",
			csv: peers("P", "6914900000", "PCS", 30, 5) +
				row("HI1", "2022-12-05", "ARMOUR WORKS", "OOO ZASHCHITA", "RU", "6914900000", "PCS", 3000, 80) +
				row("HI2", "2022-12-19", "ARMOUR WORKS", "OOO ZASHCHITA", "RU", "6914900000", "PCS", 2000, 78) +
				row("LO1", "2022-07-01", "CHEAP TRADING", "TOO DALA", "KZ", "6914900000", "ШТ", 5000, 0.2),
			want: []string{
				"unit_value|name:ARMOUR WORKS|name:OOO ZASHCHITA|691490|2022|high=HI1,HI2",
				"unit_value|name:CHEAP TRADING|name:TOO DALA|691490|2022|low=LO1",
			},
		},
		{
			name: "too few peers to judge",
			csv: peers("Q", "6702900000", "PCS", 12, 5) +
				row("X1", "2022-12-05", "ARMOUR WORKS", "OOO ZASHCHITA", "RU", "6702900000", "PCS", 3000, 500),
		},
		{
			name: "peers of another year do not count",
			csv: peers("R", "6914900000", "PCS", 30, 5) +
				row("Y1", "2023-02-05", "ARMOUR WORKS", "OOO ZASHCHITA", "RU", "6914900000", "PCS", 3000, 80),
		},
		{
			name: "within the spread",
			csv: peers("S", "6914900000", "PCS", 30, 5) +
				row("Z1", "2022-12-05", "FAIR TRADING", "OOO ZASHCHITA", "RU", "6914900000", "PCS", 3000, 9),
		},
	} {
		t.Run(tc.name, func(t *testing.T) {
			fs := run(t, tc.csv)
			var got []string
			for _, f := range fs {
				got = append(got, f.Key+"="+strings.Join(f.Shipments, ","))
				if f.Score <= 0 || f.Score > 1 || f.Title == "" || f.Explanation == "" {
					t.Errorf("finding %s: score %v, title %q, explanation %q", f.Key, f.Score, f.Title, f.Explanation)
				}
			}
			if diff := cmp.Diff(tc.want, got); diff != "" {
				t.Errorf("findings (-want +got):\n%s", diff)
			}
		})
	}
}

// TestUnitValueEvidence checks that a finding shows the line's price, the peers' median and count, and the
// ratio.
func TestUnitValueEvidence(t *testing.T) {
	fs := run(t, peers("P", "6914900000", "PCS", 30, 5)+
		row("HI1", "2022-12-05", "ARMOUR WORKS", "OOO ZASHCHITA", "RU", "6914900000", "PCS", 3000, 80))
	if len(fs) != 1 {
		t.Fatalf("got %d findings, want 1", len(fs))
	}
	var line *trade.Evidence
	for i, e := range fs[0].Evidence {
		if e.Label == "line price" {
			line = &fs[0].Evidence[i]
		}
	}
	if line == nil || line.RecordID != "HI1" {
		t.Fatalf("evidence %+v: want a line price for HI1", fs[0].Evidence)
	}
	for _, want := range []string{"$80.00 per kg", "peer median $5.00", "over 31 peers", "ratio 1"} {
		if !strings.Contains(line.Value, want) {
			t.Errorf("line price %q: want it to hold %q", line.Value, want)
		}
	}
	if fs[0].Score < 0.45 {
		t.Errorf("score %.3f for a 16× premium on $240k to Russia, want at least 0.45", fs[0].Score)
	}
}
