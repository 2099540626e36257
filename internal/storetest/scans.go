package storetest

import (
	"context"
	"math"
	"slices"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"

	"tradetrace/internal/country"
	"tradetrace/internal/detect"
	"tradetrace/internal/detect/front"
	"tradetrace/internal/detect/misdeclared"
	"tradetrace/internal/detect/redflag"
	"tradetrace/internal/detect/route/decl"
	"tradetrace/internal/detect/unitvalue"
	"tradetrace/internal/duckdb"
	"tradetrace/internal/trade"
)

// ScansStore is a store with the reads of the goods and route detectors: the goods readings the military
// detector looks up, and the pushed-down scans and sums of the misdeclaration, unit-value, route, red-flag and
// front-company detectors.
type ScansStore interface {
	Store
	detect.TextReadings
	ReadGoods(ctx context.Context, version string, classify func(*detect.Text) []detect.TextClass, done func(duckdb.GoodsRun)) ([]duckdb.GoodsRun, error)
	misdeclared.Store
	unitvalue.Store
	decl.Lines
	redflag.Store
	front.Store
}

// RunScans runs the contract of the detectors' reads on stores that open makes: each call must give a new,
// empty store, closed by the test's cleanup. The fixtures are testdata/scans_a.csv and scans_b.csv; the sums
// are checked against sums of the lines the store gives back, and against figures worked out by hand.
func RunScans(t *testing.T, open func(t *testing.T) ScansStore) {
	t.Run("GoodsLines", func(t *testing.T) { testGoodsLines(t, open(t)) })
	t.Run("SellersSeen", func(t *testing.T) { testSellersSeen(t, open(t)) })
	t.Run("PriceOutliers", func(t *testing.T) { testPriceOutliers(t, open(t)) })
	t.Run("ScanLines", func(t *testing.T) { testScanLines(t, open(t)) })
	t.Run("BuyerHistory", func(t *testing.T) { testBuyerHistory(t, open(t)) })
	t.Run("FrontSums", func(t *testing.T) { testFrontSums(t, open(t)) })
	t.Run("MoneySumsExact", func(t *testing.T) { testMoneySumsExact(t, open(t)) })
	t.Run("GoodsReadings", func(t *testing.T) { testGoodsReadings(t, open(t)) })
}

// scansStore ingests scans_a.csv, and scans_b.csv too when both is set.
func scansStore(t *testing.T, st ScansStore, both bool) ScansStore {
	t.Helper()
	ingestFile(t, st, fixture(t, "scans_a.csv"))
	if both {
		ingestFile(t, st, fixture(t, "scans_b.csv"))
	}
	return st
}

// byRecord returns the store's lines by record id.
func byRecord(t *testing.T, st Store) map[string]trade.Shipment {
	t.Helper()
	out := map[string]trade.Shipment{}
	for _, s := range all(t, st, detect.Filter{}) {
		out[s.RecordID] = s
	}
	return out
}

// approx compares floats to 1e-9 of their size: the stores add in different orders.
var approx = cmpopts.EquateApprox(1e-9, 1e-9)

func testGoodsLines(t *testing.T, st ScansStore) {
	ctx := context.Background()
	scansStore(t, st, false)
	lines := byRecord(t, st)
	rec := map[trade.ShipmentID]string{}
	for r, s := range lines {
		rec[s.ID] = r
	}
	type row struct{ Record, HS, Seller, SellerID, Desc string }
	var got []row
	decls := map[string]uint64{}
	sc := misdeclared.Scope{Destinations: []country.Code{"RU"}, Sellers: []country.Code{"HK", "IT"}}
	if err := st.ScanGoodsLines(ctx, sc, func(l *misdeclared.Line) error {
		r := rec[l.ID]
		got = append(got, row{r, string(l.HS), l.ShipperName, l.ShipperID, l.Description})
		decls[r] = l.Declaration
		if l.ShipperCountry != lines[r].Shipper.Country {
			t.Errorf("ScanGoodsLines: line %s from %q, want %q", r, l.ShipperCountry, lines[r].Shipper.Country)
		}
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	sort.Slice(got, func(i, j int) bool { return got[i].Record < got[j].Record })
	var want []row
	for r, s := range lines {
		seller := slices.Contains(sc.Sellers, s.Shipper.Country)
		if s.Destination != "RU" && s.Consignee.Country != "RU" && !seller {
			continue // S5 (to Kazakhstan, but sold from Italy, kept) and S12 (to Belarus) are the test
		}
		w := row{Record: r, HS: string(s.HS), Desc: s.Description}
		if seller {
			w.Seller, w.SellerID = s.Shipper.Name, s.Shipper.ID
		}
		want = append(want, w)
	}
	sort.Slice(want, func(i, j int) bool { return want[i].Record < want[j].Record })
	if len(want) != 14 || !slices.ContainsFunc(want, func(r row) bool { return r.Record == "S5" && r.Seller == "DANUBE S.P.A." }) {
		t.Fatalf("the fixture changed: %d lines in scope, want 14 with S5 sold from Italy", len(want))
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("ScanGoodsLines(%+v) (-want +got):\n%s", sc, diff)
	}
	// The lines of one declaration share its hash: by number (S2, S3), or without one by reporter, parties and
	// date (S7, S8); every other line is alone.
	same := [][2]string{{"S2", "S3"}, {"S7", "S8"}}
	for _, p := range same {
		if decls[p[0]] != decls[p[1]] {
			t.Errorf("lines %s and %s of one declaration have declaration hashes %d and %d", p[0], p[1], decls[p[0]], decls[p[1]])
		}
	}
	seen := map[uint64]string{}
	for _, r := range slices.Sorted(func(yield func(string) bool) {
		for r := range decls {
			if r != "S3" && r != "S8" && !yield(r) {
				return
			}
		}
	}) {
		if o, dup := seen[decls[r]]; dup {
			t.Errorf("lines %s and %s of different declarations share the hash %d", o, r, decls[r])
		}
		seen[decls[r]] = r
	}
	n := 0
	if err := st.ScanGoodsLines(ctx, misdeclared.Scope{}, func(l *misdeclared.Line) error {
		n++
		if l.ShipperName != "" || l.ShipperID != "" {
			t.Errorf("ScanGoodsLines(no sellers) gave line %d a seller %q %q", l.ID, l.ShipperName, l.ShipperID)
		}
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	if n != len(lines) {
		t.Errorf("ScanGoodsLines(empty scope) read %d lines, want all %d", n, len(lines))
	}
}

func testSellersSeen(t *testing.T, st ScansStore) {
	scansStore(t, st, true)
	// Values a literal would break on ("'", a NUL byte) are asked too: they match nothing.
	got, err := st.SellersSeen(context.Background(), []string{"123456789", "1'; DROP TABLE shipments; --"},
		[]string{"FAR STAR ELECTRONICS (HK) LIMITED", "SKY TRADING LLC", "NOBODY", "O'NOBODY", "NUL\x00BODY"})
	if err != nil {
		t.Fatal(err)
	}
	sort.Slice(got, func(i, j int) bool { return got[i].Name+got[i].ID < got[j].Name+got[j].ID })
	want := []misdeclared.Seen{
		{Name: "FAR STAR ELECTRONICS (HK) LIMITED", First: day("2022-03-10"), Lines: 2},
		// SKY TRADING LLC without an identifier (S2, S3, S11, S12, S14, S15, T1) and with one (S4): by name
		// only the lines without.
		{Name: "SKY TRADING LLC", First: day("2022-02-24"), Lines: 7},
		{ID: "123456789", Name: "SKY TRADING LLC", First: day("2022-06-01"), Lines: 1},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("SellersSeen (-want +got):\n%s", diff)
	}
	if got, err := st.SellersSeen(context.Background(), nil, nil); err != nil || len(got) != 0 {
		t.Errorf("SellersSeen(nothing) = %v, %v; want nothing", got, err)
	}
}

func testPriceOutliers(t *testing.T, st ScansStore) {
	ctx := context.Background()
	scansStore(t, st, true)
	collect := func(q unitvalue.Query) map[string]unitvalue.Line {
		t.Helper()
		out := map[string]unitvalue.Line{}
		if err := st.PriceOutliers(ctx, q, func(l *unitvalue.Line) error {
			out[l.RecordID] = *l
			return nil
		}); err != nil {
			t.Fatalf("PriceOutliers(%+v): %v", q, err)
		}
		return out
	}
	lines := all(t, st, detect.Filter{})
	units := map[string]string{"ШТ": "PCS", "PCS": "PCS"}
	// chips keeps the lines of HS 854231, the subject of the checks by hand.
	chips := func(ls map[string]unitvalue.Line) map[string]unitvalue.Line {
		for r, l := range ls {
			if l.HS6 != "854231" {
				delete(ls, r)
			}
		}
		return ls
	}
	for _, q := range []unitvalue.Query{
		{Basis: unitvalue.PerUnit, Units: units, MinPeers: 2, MinRatio: 2, MinZ: 1, MinMAD: 0.01},
		{Basis: unitvalue.PerUnit, MinPeers: 2, MinRatio: 2, MinZ: 1, MinMAD: 0.01},
		{Basis: unitvalue.PerUnit, Units: units, MinPeers: 3, MinRatio: 1.5, MinZ: 0.5, MinMAD: 0.01},
		{Basis: unitvalue.PerKg, MinPeers: 2, MinRatio: 1.2, MinZ: 0.5, MinMAD: 0.01},
		{Basis: unitvalue.PerKg, MinPeers: 3, MinRatio: 1.2, MinZ: 0.5, MinMAD: 0.5},
	} {
		want := priceOutliers(lines, q)
		if diff := cmp.Diff(want, collect(q), approx); diff != "" {
			t.Errorf("PriceOutliers(%+v) (-computed here +store):\n%s", q, diff)
		}
	}
	// By hand: HS 854231 in pieces in 2022 is S2 ($500 a piece, declared in ШТ), S9 ($200), S10 ($30) and S11
	// ($130). The median of the log prices lies halfway between 130 and 200 (their geometric mean); the
	// deviations are 1.68, 0.22, 0.22 and 1.13, so the MAD is halfway between 0.22 and 1.13, and S10 and S2
	// stand out. 2021 (S1, S13) is two lines a factor 2 apart: nothing stands out; 2023 (T2) has no peers.
	// (S16 and S17, shoes at $0.25 and $2 a pair, are there for the differential test in internal/clickhouse:
	// their log prices have opposite signs, where only the mean of the two middle values is DuckDB's median.)
	got := chips(collect(unitvalue.Query{Basis: unitvalue.PerUnit, Units: units, MinPeers: 2, MinRatio: 2, MinZ: 1, MinMAD: 0.01}))
	mad := (math.Log(500/math.Sqrt(130*200)) + math.Log(200.0/130)/2) / 2
	if s2, s10 := got["S2"], got["S10"]; len(got) != 2 || s2.Peers != 4 || s2.Unit != "PCS" || math.Abs(s2.Price-500) > 1e-9 ||
		math.Abs(s10.Price-30) > 1e-9 || math.Abs(s10.Median-math.Sqrt(130*200)) > 1e-9 || math.Abs(s10.MAD-mad) > 1e-12 {
		t.Errorf("PriceOutliers(per unit) = %+v, want S2 ($500) and S10 ($30) among 4 peers in PCS, median %.4f, MAD %.4f", got, math.Sqrt(130*200), mad)
	}
	// Without the unit table ШТ is a unit of its own: S2 leaves the group, whose three lines then judge
	// nothing but S10.
	if got := chips(collect(unitvalue.Query{Basis: unitvalue.PerUnit, MinPeers: 2, MinRatio: 2, MinZ: 1, MinMAD: 0.01})); len(got) != 1 || got["S10"].Peers != 3 {
		t.Errorf("PriceOutliers(no unit table) = %v, want S10 alone among 3 peers", keysOf(got))
	}
	// Per kilogram, 8471 in 2022: S4 ($700 for 3 kg gross, no net weight) and S14 ($900 for 2 kg); S15 has no
	// value and is not priced.
	if l, ok := collect(unitvalue.Query{Basis: unitvalue.PerKg, MinPeers: 2, MinRatio: 1.2, MinZ: 0.5, MinMAD: 0.01})["S4"]; !ok ||
		l.Peers != 2 || l.Unit != "KG" || math.Abs(l.Price-700.0/3) > 1e-9 || l.WeightKg != 3 || math.Abs(l.Median-math.Sqrt(700.0/3*450)) > 1e-9 {
		t.Errorf("PriceOutliers(per kg)[S4] = %+v, want 2 peers in KG, $233.33 a kg, 3 kg, median %.3f", l, math.Sqrt(700.0/3*450))
	}
}

// priceOutliers is what PriceOutliers answers, computed here from the lines as the DuckDB store defines it.
func priceOutliers(lines []trade.Shipment, q unitvalue.Query) map[string]unitvalue.Line {
	type key struct {
		hs6, unit string
		year      int
	}
	type priced struct {
		s  *trade.Shipment
		lp float64
	}
	groups := map[key][]priced{}
	for i := range lines {
		s := &lines[i]
		if !s.ValueUSD.Valid || s.ValueUSD.V <= 0 || s.HS6 == "" || s.Aggregated {
			continue
		}
		k := key{string(s.HS6), "KG", s.Date.Year()}
		var per float64
		switch q.Basis {
		case unitvalue.PerUnit:
			u := strings.ToUpper(strings.Trim(s.Unit, " "))
			if m, ok := q.Units[u]; ok {
				u = m
			}
			if !s.Quantity.Valid || s.Quantity.V <= 0 || s.Unit == "" || u == "KG" {
				continue
			}
			k.unit, per = u, s.Quantity.V
		case unitvalue.PerKg:
			w := s.NetWeightKg
			if !w.Valid {
				w = s.GrossWeightKg
			}
			if !w.Valid || w.V <= 0 {
				continue
			}
			per = w.V
		}
		groups[k] = append(groups[k], priced{s, math.Log(s.ValueUSD.V / per)})
	}
	median := func(v []float64) float64 {
		sort.Float64s(v)
		if len(v)%2 == 1 {
			return v[len(v)/2]
		}
		return (v[len(v)/2-1] + v[len(v)/2]) / 2
	}
	out := map[string]unitvalue.Line{}
	for k, ps := range groups {
		if len(ps) < q.MinPeers {
			continue
		}
		var lps, devs []float64
		for _, p := range ps {
			lps = append(lps, p.lp)
		}
		med := median(lps)
		for _, p := range ps {
			devs = append(devs, math.Abs(p.lp-med))
		}
		mad := median(devs)
		for _, p := range ps {
			dev := math.Abs(p.lp - med)
			if dev < math.Log(q.MinRatio) || dev < q.MinZ*math.Max(1.4826*mad, q.MinMAD) {
				continue
			}
			s := p.s
			w := s.NetWeightKg
			if !w.Valid {
				w = s.GrossWeightKg
			}
			party := func(p trade.Party) trade.Party {
				return trade.Party{Name: p.Name, NameEn: p.NameEn, ID: p.ID, Country: p.Country}
			}
			out[s.RecordID] = unitvalue.Line{ID: s.ID, RecordID: s.RecordID, Date: s.Date, HS: string(s.HS), HS6: k.hs6, Unit: k.unit,
				Period: k.year, Price: math.Exp(p.lp), Median: math.Exp(med), MAD: mad, Peers: len(ps), ValueUSD: s.ValueUSD.V,
				Quantity: s.Quantity.Or(0), WeightKg: w.Or(0), Shipper: party(s.Shipper), Consignee: party(s.Consignee),
				Destination: s.Destination, Description: s.Description}
		}
	}
	return out
}

func keysOf[V any](m map[string]V) []string {
	return slices.Sorted(func(yield func(string) bool) {
		for k := range m {
			if !yield(k) {
				return
			}
		}
	})
}

// plain hides a store's pushed-down reads, leaving detect.Source.
type plain struct{ detect.Source }

func testScanLines(t *testing.T, st ScansStore) {
	ctx := context.Background()
	scansStore(t, st, true)
	noon := func(s string) time.Time { return day(s).Add(12 * time.Hour) }
	collect := func(l decl.Lines, q decl.Query) []trade.Shipment {
		t.Helper()
		var out []trade.Shipment
		if err := l.ScanLines(ctx, q, func(s *trade.Shipment) error {
			out = append(out, q.Lean(*s)) // lean lines need hold no more
			return nil
		}); err != nil {
			t.Fatal(err)
		}
		sort.Slice(out, func(i, j int) bool { return out[i].ID < out[j].ID })
		return out
	}
	for _, q := range []decl.Query{
		{},
		{To: decl.Watched, Via: decl.Hubs(), ForeignOrigin: true},
		{ConsigneeIn: []country.Code{"KZ"}, HSPrefixes: []string{"854239"}},
		{ShipperIn: []country.Code{"AE"}, HSPrefixes: []string{"8471", "854231"}},
		{To: decl.Watched, ViaOrShipperIn: []country.Code{"AE", "TR"}, ForeignOrigin: true},
		{To: decl.Watched, From: day("2022-02-24"), Until: day("2022-08-15")},
		{From: day("2022-02-25"), Until: day("2022-08-14")},
	} {
		got, want := collect(st, q), collect(decl.FromSource(plain{st}), q)
		if len(want) == 0 {
			t.Fatalf("the fixture changed: no line for %+v", q)
		}
		if diff := cmp.Diff(want, got); diff != "" {
			t.Errorf("ScanLines(%+v) (-fallback +store):\n%s", q, diff)
		}
	}
	// The stores compare a line's date with the day of From and Until (the DuckDB store binds them as dates):
	// an instant at noon selects as its day does. (decl.Query.Match compares instants, so the fallback leaves
	// out a line on the day of a From at noon.)
	for _, q := range [][2]decl.Query{
		{{From: noon("2022-02-24"), Until: noon("2022-08-15")}, {From: day("2022-02-24"), Until: day("2022-08-15")}},
		{{From: noon("2022-02-23"), Until: noon("2022-08-14")}, {From: day("2022-02-23"), Until: day("2022-08-14")}},
	} {
		if diff := cmp.Diff(collect(st, q[1]), collect(st, q[0])); diff != "" {
			t.Errorf("ScanLines(%+v) (-by days +at noon):\n%s", q[0], diff)
		}
	}
	// NoText: the same lines, and the same fields but their text (which a store may leave empty or keep).
	q := decl.Query{To: decl.Watched}
	full := collect(st, q)
	q.NoText = true
	lean := collect(st, q)
	if len(lean) != len(full) {
		t.Fatalf("ScanLines with NoText: %d lines, want %d", len(lean), len(full))
	}
	described := 0
	for i := range full {
		f, l := full[i], lean[i]
		if f.Description != "" {
			described++
		}
		f.Description, f.DescriptionEn, f.Manufacturer = "", "", ""
		if diff := cmp.Diff(f, l); diff != "" {
			t.Errorf("ScanLines with NoText, line %s (-full lines without their text +lean):\n%s", l.RecordID, diff)
		}
	}
	if described == 0 {
		t.Fatal("the fixture changed: no line bound for Russia or Belarus has a description")
	}
	var via []string
	if err := st.ScanLines(ctx, decl.Query{To: decl.Watched, Via: decl.Hubs(), ForeignOrigin: true}, func(s *trade.Shipment) error {
		via = append(via, s.RecordID)
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	sort.Strings(via)
	if diff := cmp.Diff([]string{"S10", "S11", "S12", "S14", "S15", "S2", "S3", "S4", "S9", "T1"}, via); diff != "" {
		t.Errorf("lines to Russia or Belarus through a hub, made elsewhere (-want +got):\n%s", diff)
	}
}

// isHP is the stores' reading of high-priority goods: the code starts with one of the codes.
func isHP(s *trade.Shipment, hp []string) bool {
	return slices.ContainsFunc(hp, func(p string) bool { return strings.HasPrefix(string(s.HS), p) })
}

func boundFor(s *trade.Shipment, to []country.Code) bool {
	return slices.Contains(to, s.Destination) || slices.Contains(to, s.Consignee.Country)
}

func testBuyerHistory(t *testing.T, st ScansStore) {
	scansStore(t, st, true)
	q := redflag.HistoryQuery{To: decl.Watched, Cutoff: decl.Invasion, HP: []string{"854231", "852589"}}
	got := map[string]redflag.Appearance{}
	if err := st.BuyerHistory(context.Background(), q, func(a *redflag.Appearance) error {
		got[a.Name+"|"+a.ID] = *a
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	// The sums of the lines, computed here.
	want := map[string]redflag.Appearance{}
	for _, s := range all(t, st, detect.Filter{}) {
		if !boundFor(&s, q.To) {
			continue
		}
		k := s.Consignee.Name + "|" + s.Consignee.ID
		a, ok := want[k]
		if !ok {
			a = redflag.Appearance{Name: s.Consignee.Name, NameEn: s.Consignee.NameEn, ID: s.Consignee.ID, Country: s.Consignee.Country, First: s.Date, Last: s.Date}
		}
		a.First, a.Last = minTime(a.First, s.Date), maxTime(a.Last, s.Date)
		hp := isHP(&s, q.HP)
		if hp && (a.FirstHP.IsZero() || s.Date.Before(a.FirstHP)) {
			a.FirstHP = s.Date
		}
		f := &a.After
		if s.Date.Before(q.Cutoff) {
			f = &a.Before
		}
		f.Lines++
		f.Value += s.ValueUSD.Or(0)
		if hp {
			f.HPLines++
			f.HPValue += s.ValueUSD.Or(0)
		}
		want[k] = a
	}
	if diff := cmp.Diff(want, got, approx); diff != "" {
		t.Errorf("BuyerHistory(%+v) (-sums of the lines +store):\n%s", q, diff)
	}
	// By hand: OOO ALFA bought high-priority chips before the cutoff (S1, S13) and after (S2, S9, T1 is a
	// drone, not on this list); OOO BETA's first line is on the cutoff day itself, which counts as after.
	alfa := redflag.Appearance{Name: "OOO ALFA", ID: "7700000001", Country: "RU", First: day("2021-03-01"), Last: day("2023-02-01"),
		FirstHP: day("2021-03-01"), Before: redflag.Figures{Lines: 2, HPLines: 2, Value: 3500, HPValue: 3500},
		After: redflag.Figures{Lines: 7, HPLines: 2, Value: 38300, HPValue: 7000}}
	if diff := cmp.Diff(alfa, got["OOO ALFA|7700000001"], approx); diff != "" {
		t.Errorf("history of OOO ALFA (-want +got):\n%s", diff)
	}
	beta := got["OOO BETA|"]
	if beta.Before.Lines != 0 || beta.After.Lines != 3 || beta.After.Value != 1600 || !beta.FirstHP.IsZero() {
		t.Errorf("history of OOO BETA = %+v, want 3 lines after the cutoff worth $1,600 (one without a value), no high-priority goods", beta)
	}
}

func minTime(a, b time.Time) time.Time {
	if b.Before(a) {
		return b
	}
	return a
}

func maxTime(a, b time.Time) time.Time {
	if b.After(a) {
		return b
	}
	return a
}

// firstOf keeps the line that comes first by date, then id.
func firstOf(e *front.Example, d *time.Time, s *trade.Shipment) {
	if e.RecordID == "" || s.Date.Before(*d) || (s.Date.Equal(*d) && s.ID < e.ID) {
		*e, *d = front.Example{ID: s.ID, RecordID: s.RecordID}, s.Date
	}
}

func testFrontSums(t *testing.T, st ScansStore) {
	ctx := context.Background()
	scansStore(t, st, true)
	q := front.Query{To: decl.Watched, Hubs: []country.Code{"AE", "TR"}, Cutoff: decl.Invasion, HP: []string{"854231", "852589"}}
	lines := all(t, st, detect.Filter{})

	// Appearances: each way of writing a party, at its address, in either role.
	type ak struct{ role, n, ne, id, c, a string }
	wantApps := map[ak]front.Appearance{}
	firstDay := map[ak]time.Time{}
	for _, s := range lines {
		if !boundFor(&s, q.To) {
			continue
		}
		for _, r := range []struct {
			role string
			p    trade.Party
		}{{"shipper", s.Shipper}, {"consignee", s.Consignee}} {
			k := ak{r.role, r.p.Name, r.p.NameEn, r.p.ID, string(r.p.Country), r.p.Address}
			a, ok := wantApps[k]
			if !ok {
				a = front.Appearance{Party: front.Party{Role: r.role, Name: r.p.Name, NameEn: r.p.NameEn, ID: r.p.ID, Country: r.p.Country},
					Address: r.p.Address, First: s.Date, Last: s.Date}
			}
			a.First, a.Last = minTime(a.First, s.Date), maxTime(a.Last, s.Date)
			a.Lines++
			a.Value += s.ValueUSD.Or(0)
			if isHP(&s, q.HP) {
				a.HPValue += s.ValueUSD.Or(0)
			}
			d := firstDay[k]
			firstOf(&a.FirstLine, &d, &s)
			firstDay[k] = d
			wantApps[k] = a
		}
	}
	// The early lines are those of the first three calendar months of the appearance.
	for _, s := range lines {
		if !boundFor(&s, q.To) {
			continue
		}
		for _, r := range []struct {
			role string
			p    trade.Party
		}{{"shipper", s.Shipper}, {"consignee", s.Consignee}} {
			k := ak{r.role, r.p.Name, r.p.NameEn, r.p.ID, string(r.p.Country), r.p.Address}
			a := wantApps[k]
			m0 := time.Date(a.First.Year(), a.First.Month(), 1, 0, 0, 0, 0, time.UTC)
			if s.Date.Before(m0.AddDate(0, 3, 0)) {
				a.EarlyLines++
				a.EarlyValue += s.ValueUSD.Or(0)
			}
			wantApps[k] = a
		}
	}
	gotApps := map[ak]front.Appearance{}
	var apps []front.Appearance
	if err := st.Appearances(ctx, q, func(a *front.Appearance) error {
		apps = append(apps, *a)
		a.Key = 0 // the store's own number, checked below
		gotApps[ak{a.Role, a.Name, a.NameEn, a.ID, string(a.Country), a.Address}] = *a
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	checkPartyKeys(t, apps)
	unkey, err := PartyText(ctx, st, q)
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(wantApps, gotApps, approx); diff != "" {
		t.Errorf("Appearances (-sums of the lines +store):\n%s", diff)
	}
	sky := gotApps[ak{"shipper", "SKY TRADING LLC", "", "", "AE", "Jebel Ali, Dubai"}]
	if sky.Lines != 7 || sky.EarlyLines != 1 || sky.EarlyValue != 900 || sky.FirstLine.RecordID != "S14" {
		t.Errorf("SKY TRADING LLC as shipper = %+v, want 7 lines, the first (S14, $900) the only one before May 2022", sky)
	}

	// Goods mix: per party (any address), chapter and side of the cutoff, with the largest line.
	type mk struct {
		role, n, ne, id, c, ch string
		after                  bool
	}
	wantMix := map[mk]front.Mix{}
	largest := map[mk]float64{}
	for _, s := range lines {
		if !boundFor(&s, q.To) || s.HS == "" {
			continue
		}
		for _, r := range []struct {
			role string
			p    trade.Party
		}{{"shipper", s.Shipper}, {"consignee", s.Consignee}} {
			after := !s.Date.Before(q.Cutoff)
			k := mk{r.role, r.p.Name, r.p.NameEn, r.p.ID, string(r.p.Country), string(s.HS[:2]), after}
			m, ok := wantMix[k]
			if !ok {
				m = front.Mix{Party: front.Party{Role: r.role, Name: r.p.Name, NameEn: r.p.NameEn, ID: r.p.ID, Country: r.p.Country},
					Chapter: string(s.HS[:2]), After: after}
			}
			v := s.ValueUSD.Or(0)
			m.Lines++
			m.Value += v
			if !ok || v > largest[k] || (v == largest[k] && s.ID > m.Largest.ID) {
				m.Largest, largest[k] = front.Example{ID: s.ID, RecordID: s.RecordID}, v
			}
			wantMix[k] = m
		}
	}
	gotMix := map[mk]front.Mix{}
	if err := st.GoodsMix(ctx, q, func(m *front.Mix) error {
		unkey(&m.Party)
		gotMix[mk{m.Role, m.Name, m.NameEn, m.ID, string(m.Country), m.Chapter, m.After}] = *m
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(wantMix, gotMix, approx); diff != "" {
		t.Errorf("GoodsMix (-sums of the lines +store):\n%s", diff)
	}
	if m := gotMix[mk{"consignee", "OOO ALFA", "", "7700000001", "RU", "85", true}]; m.Lines != 2 || m.Largest.RecordID != "S2" {
		t.Errorf("OOO ALFA's chapter 85 after the cutoff = %+v, want 2 lines (S2, S9), the largest S2", m)
	}

	// Hub edges: each shipper in a hub with each consignee.
	type ek struct{ s, c string }
	wantEdges := map[ek]front.Edge{}
	edgeDay := map[ek]time.Time{}
	for _, s := range lines {
		if !boundFor(&s, q.To) || !slices.Contains(q.Hubs, s.Shipper.Country) {
			continue
		}
		k := ek{s.Shipper.Name + "|" + s.Shipper.ID, s.Consignee.Name + "|" + s.Consignee.ID}
		e, ok := wantEdges[k]
		if !ok {
			e = front.Edge{Shipper: front.Party{Role: "shipper", Name: s.Shipper.Name, NameEn: s.Shipper.NameEn, ID: s.Shipper.ID, Country: s.Shipper.Country},
				Consignee: front.Party{Role: "consignee", Name: s.Consignee.Name, NameEn: s.Consignee.NameEn, ID: s.Consignee.ID, Country: s.Consignee.Country},
				First:     s.Date}
		}
		e.Lines++
		e.Value += s.ValueUSD.Or(0)
		if isHP(&s, q.HP) {
			e.HPValue += s.ValueUSD.Or(0)
		}
		e.First = minTime(e.First, s.Date)
		d := edgeDay[k]
		firstOf(&e.FirstLine, &d, &s)
		edgeDay[k] = d
		wantEdges[k] = e
	}
	gotEdges := map[ek]front.Edge{}
	if err := st.HubEdges(ctx, q, func(e *front.Edge) error {
		unkey(&e.Shipper)
		unkey(&e.Consignee)
		gotEdges[ek{e.Shipper.Name + "|" + e.Shipper.ID, e.Consignee.Name + "|" + e.Consignee.ID}] = *e
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(wantEdges, gotEdges, approx); diff != "" {
		t.Errorf("HubEdges (-sums of the lines +store):\n%s", diff)
	}
	if e := gotEdges[ek{"SKY TRADING LLC|", "OOO ALFA|7700000001"}]; e.Lines != 3 || e.Value != 20000 || e.HPValue != 5000 || e.FirstLine.RecordID != "S2" {
		t.Errorf("edge SKY TRADING LLC → OOO ALFA = %+v, want 3 lines (S2, S3, T1) worth $20,000, $5,000 of them high-priority, first S2", e)
	}
}
