package detect_test

import (
	"context"
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"golang.org/x/tools/txtar"

	"tradetrace/internal/detect"
	"tradetrace/internal/duckdb"
	"tradetrace/internal/ingest"
	"tradetrace/internal/trade"
)

var update = flag.Bool("update", false, "rewrite the want sections of testdata/*.txtar")

// expected is what a case pins of a finding; scores are bounded from below rather than pinned, so that tuning the
// weights does not rewrite every case, while a finding that drops in rank still fails.
type expected struct {
	Key       string   `json:"key"`
	Class     string   `json:"class"`
	Shipments []string `json:"shipments"`
	ValueUSD  float64  `json:"value_usd"`
	WeightKg  float64  `json:"weight_kg"`
	MinScore  float64  `json:"min_score"`
}

// runCase ingests a case's input into a fresh store (the real DuckDB) and runs a detector over it.
func runCase(t *testing.T, file string, d detect.Detector) ([]trade.Finding, *txtar.Archive, *duckdb.DB) {
	t.Helper()
	ar, err := txtar.ParseFile(file)
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	var input string
	for _, f := range ar.Files {
		if f.Name == "input.csv" {
			input = filepath.Join(dir, "input.csv")
			if err := os.WriteFile(input, f.Data, 0o644); err != nil {
				t.Fatal(err)
			}
		}
	}
	ctx := context.Background()
	st, err := duckdb.Open(ctx, filepath.Join(dir, "t.duckdb"), duckdb.Config{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	res, err := ingest.File(ctx, st, input, ingest.Options{Profile: "canonical"})
	if err != nil {
		t.Fatal(err)
	}
	if res.Run.Rejected != 0 {
		t.Fatalf("the case's input has %d rejected rows: %v", res.Run.Rejected, res.Run.Reasons)
	}
	if _, err := detect.Run(ctx, st, st, []detect.Detector{d}); err != nil {
		t.Fatal(err)
	}
	fs, err := st.Findings(ctx, duckdb.FindingFilter{Detector: d.Name()})
	if err != nil {
		t.Fatal(err)
	}
	return fs, ar, st
}

func TestMilitary(t *testing.T) {
	file := filepath.Join("testdata", "military.txtar")
	fs, ar, _ := runCase(t, file, detect.Military{})
	var got []expected
	for _, f := range fs {
		class := strings.Split(f.Key, "|")[3]
		got = append(got, expected{Key: f.Key, Class: class, Shipments: f.Shipments, ValueUSD: f.ValueUSD, WeightKg: f.WeightKg, MinScore: f.Score})
		if f.Explanation == "" || len(f.Evidence) == 0 || f.Severity < trade.SeverityLow {
			t.Errorf("finding %s: explanation %q, %d evidence items, severity %s; want an explanation, evidence and at least low", f.Key, f.Explanation, len(f.Evidence), f.Severity)
		}
	}
	sort.Slice(got, func(i, j int) bool { return got[i].Key < got[j].Key })
	if *update {
		for i := range got {
			got[i].MinScore = float64(int(got[i].MinScore*20)) / 20 // round down to 0.05
		}
		b, _ := json.MarshalIndent(got, "", "  ")
		for i := range ar.Files {
			if ar.Files[i].Name == "want.json" {
				ar.Files[i].Data = append(b, '\n')
			}
		}
		if err := os.WriteFile(file, txtar.Format(ar), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	var want []expected
	for _, f := range ar.Files {
		if f.Name == "want.json" {
			if err := json.Unmarshal(f.Data, &want); err != nil {
				t.Fatal(err)
			}
		}
	}
	sort.Slice(want, func(i, j int) bool { return want[i].Key < want[j].Key })
	if len(got) != len(want) {
		t.Fatalf("got %d findings, want %d:\n%s", len(got), len(want), cmp.Diff(want, got))
	}
	for i := range want {
		if got[i].MinScore < want[i].MinScore {
			t.Errorf("finding %s: score %.3f, want at least %.3f", got[i].Key, got[i].MinScore, want[i].MinScore)
		}
		got[i].MinScore = want[i].MinScore
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("findings (-want +got):\n%s", diff)
	}
}

// TestMilitaryRerunReplaces checks that a second run over the same data gives the same findings instead of adding
// to them.
func TestMilitaryRerunReplaces(t *testing.T) {
	fs1, _, st := runCase(t, filepath.Join("testdata", "military.txtar"), detect.Military{})
	if len(fs1) == 0 {
		t.Fatal("no findings")
	}
	ctx := context.Background()
	if _, err := detect.Run(ctx, st, st, []detect.Detector{detect.Military{}}); err != nil {
		t.Fatal(err)
	}
	fs2, err := st.Findings(ctx, duckdb.FindingFilter{})
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
	if diff := cmp.Diff(strip(fs1), strip(fs2)); diff != "" {
		t.Errorf("findings after a re-run differ (-first +second):\n%s", diff)
	}
}

// orderedSource gives the shipments of a store in ascending or descending id order.
type orderedSource struct {
	detect.Source
	desc bool
}

func (o orderedSource) ScanShipments(ctx context.Context, f detect.Filter, fn func(*trade.Shipment) error) error {
	var all []trade.Shipment
	if err := o.Source.ScanShipments(ctx, f, func(s *trade.Shipment) error {
		all = append(all, *s)
		return nil
	}); err != nil {
		return err
	}
	sort.Slice(all, func(i, j int) bool { return (all[i].ID < all[j].ID) != o.desc })
	for i := range all {
		if err := fn(&all[i]); err != nil {
			return err
		}
	}
	return nil
}

// TestMilitaryIgnoresRowOrder: a group's value and weight are the same whatever order the store gives its lines
// in. $0.1 + $0.2 + $0.3 is 0.6000000000000001 added in that order and 0.6 in the other.
func TestMilitaryIgnoresRowOrder(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	csv := "record_id,date,direction,reporter,declaration_no,shipper_name,shipper_address,shipper_country,shipper_id," +
		"consignee_name,consignee_address,consignee_country,consignee_id,origin_country,dispatch_country,destination_country," +
		"hs_code,description,brand,manufacturer,quantity,unit,gross_weight_kg,net_weight_kg,value,currency,value_usd\n" +
		"R1,2022-06-01,export,CN,D1,ARMS CO,Beijing,CN,,OOO BUYER,Moscow,RU,7700000001,CN,CN,RU,9301900000,RIFLES,,,1,PCS,,0.1,0.1,USD,0.1\n" +
		"R2,2022-06-02,export,CN,D2,ARMS CO,Beijing,CN,,OOO BUYER,Moscow,RU,7700000001,CN,CN,RU,9301900000,RIFLES,,,1,PCS,,0.2,0.2,USD,0.2\n" +
		"R3,2022-06-03,export,CN,D3,ARMS CO,Beijing,CN,,OOO BUYER,Moscow,RU,7700000001,CN,CN,RU,9301900000,RIFLES,,,1,PCS,,0.3,0.3,USD,0.3\n"
	path := filepath.Join(dir, "in.csv")
	if err := os.WriteFile(path, []byte(csv), 0o644); err != nil {
		t.Fatal(err)
	}
	st, err := duckdb.Open(ctx, filepath.Join(dir, "t.duckdb"), duckdb.Config{})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	if _, err := ingest.File(ctx, st, path, ingest.Options{Profile: "canonical"}); err != nil {
		t.Fatal(err)
	}
	mil := detect.Military{Classify: detect.ClassifyGoods, ClassifyVersion: detect.GoodsReaderVersion}
	var got [2][]trade.Finding
	for i, desc := range []bool{false, true} {
		if got[i], err = mil.Detect(ctx, orderedSource{st, desc}); err != nil {
			t.Fatal(err)
		}
	}
	if len(got[0]) != 1 || len(got[0][0].Shipments) != 3 {
		t.Fatalf("findings = %+v, want one of three lines", got[0])
	}
	if d := cmp.Diff(got[0], got[1]); d != "" {
		t.Errorf("findings differ with the lines in the other order (-ascending +descending):\n%s", d)
	}
}

// TestFormatNumber: thousands separators on the whole part, two decimals below 100 unless the number is whole,
// the sign kept, and halves rounded as fmt rounds them.
func TestFormatNumber(t *testing.T) {
	for v, want := range map[float64]string{
		0: "0", 7: "7", 99.5: "99.50", 0.125: "0.12", 0.375: "0.38", 100: "100", 100.5: "100", 101.5: "102",
		999: "999", 1000: "1,000", 1234567.891: "1,234,568", 12345678: "12,345,678", 123456789012: "123,456,789,012",
		-5: "-5", -1234.5: "-1,234", -0.5: "-0.50", 1e21: "1,000,000,000,000,000,000,000",
	} {
		if got := detect.FormatNumber(v); got != want {
			t.Errorf("FormatNumber(%v) = %q, want %q", v, got, want)
		}
	}
}
