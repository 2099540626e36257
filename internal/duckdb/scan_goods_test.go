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
	"tradetrace/internal/detect/misdeclared"
	"tradetrace/internal/detect/unitvalue"
	"tradetrace/internal/duckdb"
	"tradetrace/internal/ingest"
)

const goodsCSV = `record_id,date,direction,reporter,declaration_no,shipper_name,shipper_country,shipper_id,consignee_name,consignee_country,destination_country,hs_code,description,brand,quantity,unit,net_weight_kg,value_usd
G1,2022-03-01,import,RU,D1,FAR STAR ELECTRONICS (HK) LIMITED,HK,,OOO ALFA,RU,RU,8542310001,microcontrollers,STMICROELECTRONICS,10,PCS,1,1000
G2,2022-05-01,import,RU,D1,FAR STAR ELECTRONICS (HK) LIMITED,HK,,OOO ALFA,RU,RU,8542310001,microcontrollers,STMICROELECTRONICS,10,ШТ,1,5000
G3,2022-06-01,import,RU,D3,SKY TRADING LLC,AE,123456789,OOO BETA,RU,RU,8471300000,laptops,,2,PCS,3,700
G4,2022-07-01,import,DE,D4,DANUBE S.P.A.,IT,,GMBH GAMMA,DE,DE,8542390010,fpga,,720,PCS,5.76,129600
`

func goodsStore(t *testing.T) *duckdb.DB {
	t.Helper()
	ctx := context.Background()
	dir := t.TempDir()
	in := filepath.Join(dir, "in.csv")
	if err := os.WriteFile(in, []byte(goodsCSV), 0o644); err != nil {
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

// TestScanGoodsLines checks the scope of the first pass of the misdeclaration detector: lines to the
// destinations asked for or sold from the seller countries, with sellers' names only for those countries, and
// one declaration hash for the lines of one declaration.
func TestScanGoodsLines(t *testing.T) {
	st := goodsStore(t)
	ctx := context.Background()
	type row struct {
		HS, Seller, Desc string
	}
	var got []row
	decl := map[string]uint64{}
	err := st.ScanGoodsLines(ctx, misdeclared.Scope{Destinations: []country.Code{"RU"}, Sellers: []country.Code{"HK"}},
		func(l *misdeclared.Line) error {
			got = append(got, row{string(l.HS), l.ShipperName, l.Description})
			decl[l.ShipperName+string(l.HS)+l.Description] = l.Declaration
			return nil
		})
	if err != nil {
		t.Fatal(err)
	}
	sort.Slice(got, func(i, j int) bool { return got[i].HS+got[i].Seller < got[j].HS+got[j].Seller })
	want := []row{
		{"8471300000", "", "laptops"}, // to Russia, sold from the UAE: no seller name asked for
		{"8542310001", "FAR STAR ELECTRONICS (HK) LIMITED", "microcontrollers"},
		{"8542310001", "FAR STAR ELECTRONICS (HK) LIMITED", "microcontrollers"},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("ScanGoodsLines (-want +got):\n%s", diff)
	}
	var all int
	if err := st.ScanGoodsLines(ctx, misdeclared.Scope{}, func(*misdeclared.Line) error { all++; return nil }); err != nil {
		t.Fatal(err)
	}
	if all != 4 {
		t.Errorf("ScanGoodsLines with an empty scope read %d lines, want all 4", all)
	}
}

// TestSellersSeen checks the first date and line count of sellers found by identifier or name.
func TestSellersSeen(t *testing.T) {
	st := goodsStore(t)
	// Names that a literal would break on ("'", a NUL byte) are asked too: they match nothing here.
	got, err := st.SellersSeen(context.Background(), []string{"123456789", "1'; DROP TABLE shipments; --"},
		[]string{"FAR STAR ELECTRONICS (HK) LIMITED", "NOBODY", "O'NOBODY", "NUL\x00BODY"})
	if err != nil {
		t.Fatal(err)
	}
	sort.Slice(got, func(i, j int) bool { return got[i].Name < got[j].Name })
	want := []misdeclared.Seen{
		{Name: "FAR STAR ELECTRONICS (HK) LIMITED", First: time.Date(2022, 3, 1, 0, 0, 0, 0, time.UTC), Lines: 2},
		{ID: "123456789", Name: "SKY TRADING LLC", First: time.Date(2022, 6, 1, 0, 0, 0, 0, time.UTC), Lines: 1},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("SellersSeen (-want +got):\n%s", diff)
	}
}

// TestPriceOutliers checks that units are mapped before peers are grouped (ШТ is PCS), and that lines without
// enough peers are judged by nothing.
func TestPriceOutliers(t *testing.T) {
	st := goodsStore(t)
	ctx := context.Background()
	q := unitvalue.Query{Basis: unitvalue.PerUnit, Units: map[string]string{"ШТ": "PCS", "PCS": "PCS"}, MinPeers: 2,
		MinRatio: 2, MinZ: 0.5, MinMAD: 0.01}
	var got []string
	err := st.PriceOutliers(ctx, q, func(l *unitvalue.Line) error {
		got = append(got, l.RecordID+" "+l.Unit)
		if l.Peers != 2 || l.Median <= 0 {
			t.Errorf("line %s: %d peers, median %v; want 2 peers and a median", l.RecordID, l.Peers, l.Median)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	sort.Strings(got)
	// G1 ($100 a piece) and G2 ($500 a piece, declared in ШТ) are the two lines of HS 854231, PCS, 2022: the
	// median lies between them and both stand out. Were ШТ not mapped to PCS, each would be alone and judged by
	// nothing.
	if diff := cmp.Diff([]string{"G1 PCS", "G2 PCS"}, got); diff != "" {
		t.Errorf("PriceOutliers (-want +got):\n%s", diff)
	}
	q.Units = map[string]string{}
	got = nil
	if err := st.PriceOutliers(ctx, q, func(l *unitvalue.Line) error { got = append(got, l.RecordID); return nil }); err != nil {
		t.Fatal(err)
	}
	if len(got) != 0 {
		t.Errorf("PriceOutliers without the unit table = %v, want nothing: PCS and ШТ lines are then not peers", got)
	}
}
