package duckdb_test

import (
	"context"
	"os"
	"path/filepath"
	"sort"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"tradetrace/internal/country"
	"tradetrace/internal/detect"
	"tradetrace/internal/detect/redflag"
	"tradetrace/internal/detect/route/decl"
	"tradetrace/internal/duckdb"
	"tradetrace/internal/ingest"
	"tradetrace/internal/trade"
)

const routeCSV = `record_id,date,direction,reporter,shipper_name,shipper_country,shipper_id,consignee_name,consignee_country,consignee_id,origin_country,dispatch_country,destination_country,hs_code,quantity,unit,net_weight_kg,value_usd
A1,2021-03-01,import,RU,SHENZHEN X,CN,,OOO ALFA,RU,7700000001,CN,CN,RU,8542310001,10,PCS,1,1000
A2,2022-05-01,import,RU,SKY TRADING LLC,AE,,OOO ALFA,RU,7700000001,CN,AE,RU,8542310001,10,PCS,1,5000
A3,2022-06-01,export,AE,SKY TRADING LLC,AE,123456789,OOO BETA,RU,,US,,RU,8471300000,2,PCS,3,700
A4,2022-07-01,import,KZ,DANUBE S.P.A.,IT,,TOO GAMMA,,,TW,IT,KZ,8542390010,720,PCS,5.76,129600
A5,2023-01-01,import,RU,OOO DELTA,TR,,OOO ALFA,RU,7700000001,TR,TR,RU,9403200000,5,PCS,50,300
`

func routeStore(t *testing.T) *duckdb.DB {
	t.Helper()
	ctx := context.Background()
	dir := t.TempDir()
	in := filepath.Join(dir, "in.csv")
	if err := os.WriteFile(in, []byte(routeCSV), 0o644); err != nil {
		t.Fatal(err)
	}
	st, err := duckdb.Open(ctx, filepath.Join(dir, "t.duckdb"), duckdb.Config{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	res, err := ingest.File(ctx, st, in, ingest.Options{Profile: "canonical"})
	if err != nil || res.Run.Rejected != 0 {
		t.Fatalf("ingest: %v, %d rejected", err, res.Run.Rejected)
	}
	return st
}

// plain hides the store's lean queries.
type plain struct{ detect.Source }

// TestScanLines checks that the store's pushed-down query selects what the query's own Match selects.
func TestScanLines(t *testing.T) {
	st := routeStore(t)
	ctx := context.Background()
	for _, q := range []decl.Query{
		{},
		{To: decl.Watched, Via: decl.Hubs(), ForeignOrigin: true},
		{ConsigneeIn: []country.Code{"KZ"}, HSPrefixes: []string{"854239"}},
		{ShipperIn: []country.Code{"AE"}, HSPrefixes: []string{"8471", "854231"}},
		{To: decl.Watched, From: time.Date(2022, 1, 1, 0, 0, 0, 0, time.UTC), Until: time.Date(2022, 12, 31, 0, 0, 0, 0, time.UTC)},
	} {
		collect := func(l decl.Lines) []string {
			var out []string
			if err := l.ScanLines(ctx, q, func(s *trade.Shipment) error {
				out = append(out, s.RecordID)
				return nil
			}); err != nil {
				t.Fatal(err)
			}
			sort.Strings(out)
			return out
		}
		got, want := collect(st), collect(decl.FromSource(plain{st}))
		if diff := cmp.Diff(want, got); diff != "" {
			t.Errorf("ScanLines(%+v) (-fallback +store):\n%s", q, diff)
		}
	}
	var via []string
	if err := st.ScanLines(ctx, decl.Query{To: decl.Watched, Via: decl.Hubs(), ForeignOrigin: true}, func(s *trade.Shipment) error {
		via = append(via, s.RecordID)
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	sort.Strings(via)
	if diff := cmp.Diff([]string{"A2", "A3"}, via); diff != "" {
		t.Errorf("lines through a hub (-want +got):\n%s", diff)
	}
}

// TestBuyerHistory checks the store's sums for one buyer against the lines.
func TestBuyerHistory(t *testing.T) {
	st := routeStore(t)
	got := map[string]redflag.Appearance{}
	q := redflag.HistoryQuery{To: decl.Watched, Cutoff: decl.Invasion, HP: []string{"854231"}}
	if err := st.BuyerHistory(context.Background(), q, func(a *redflag.Appearance) error {
		got[a.Name] = *a
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	day := func(s string) time.Time { d, _ := time.Parse("2006-01-02", s); return d }
	want := redflag.Appearance{Name: "OOO ALFA", ID: "7700000001", Country: "RU", First: day("2021-03-01"), Last: day("2023-01-01"),
		FirstHP: day("2021-03-01"), Before: redflag.Figures{Lines: 1, HPLines: 1, Value: 1000, HPValue: 1000},
		After: redflag.Figures{Lines: 2, HPLines: 1, Value: 5300, HPValue: 5000}}
	a := got["OOO ALFA"]
	a.First, a.Last, a.FirstHP = a.First.UTC(), a.Last.UTC(), a.FirstHP.UTC()
	if diff := cmp.Diff(want, a); diff != "" {
		t.Errorf("history of OOO ALFA (-want +got):\n%s", diff)
	}
	if len(got) != 2 {
		t.Errorf("got %d buyers, want 2 (OOO ALFA, OOO BETA)", len(got))
	}
}
