// Package storetest is the contract every tradetrace store keeps, as one test suite: Run exercises ingest
// (runs, one-step commit, duplicates, a file ingested twice, an interrupted run), the detectors' reads with
// every filter field, findings, and the readers of runs, rejected rows and raw rows. The DuckDB and the
// ClickHouse stores both run it (internal/duckdb/contract_test.go, internal/clickhouse/contract_test.go).
package storetest

import (
	"context"
	"embed"
	"encoding/csv"
	"errors"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"tradetrace/internal/country"
	"tradetrace/internal/detect"
	"tradetrace/internal/duckdb"
	"tradetrace/internal/ingest"
	"tradetrace/internal/trade"
)

// Store is every interface a store implements, as the commands use them.
type Store interface {
	ingest.Store
	detect.Source
	detect.Sink
	Runs(ctx context.Context, limit int) ([]trade.Run, error)
	Rejections(ctx context.Context, run trade.RunID, limit int) ([]trade.Rejection, error)
	Counts(ctx context.Context) (shipments, rejected int64, err error)
	RunHeader(ctx context.Context, run trade.RunID) ([]string, error)
	Shipment(ctx context.Context, id trade.ShipmentID) (*trade.Shipment, error)
	ShipmentsByRecordID(ctx context.Context, recordID string) ([]trade.Shipment, error)
	Raw(ctx context.Context, id trade.ShipmentID) ([][2]string, error)
	Findings(ctx context.Context, f duckdb.FindingFilter) ([]trade.Finding, error)
	ExportCanonical(ctx context.Context, path string) (int64, error)
	Close() error
}

//go:embed testdata/*.csv
var files embed.FS

// fixture writes an embedded file to a temporary directory and returns its path.
func fixture(t *testing.T, name string) string {
	t.Helper()
	b, err := files.ReadFile("testdata/" + name)
	if err != nil {
		t.Fatal(err)
	}
	p := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(p, b, 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

// Run runs the contract on stores that open makes: each call must give a new, empty store, closed by the
// test's cleanup.
func Run(t *testing.T, open func(t *testing.T) Store) {
	t.Run("Ingest", func(t *testing.T) { testIngest(t, open(t)) })
	t.Run("DuplicatesAcrossRuns", func(t *testing.T) { testDuplicates(t, open(t)) })
	t.Run("InterruptedRun", func(t *testing.T) { testInterrupted(t, open(t)) })
	t.Run("Filters", func(t *testing.T) { testFilters(t, open(t)) })
	t.Run("ShipmentsByID", func(t *testing.T) { testShipmentsByID(t, open(t)) })
	t.Run("Findings", func(t *testing.T) { testFindings(t, open(t)) })
	t.Run("Export", func(t *testing.T) { testExport(t, open(t)) })
}

func testExport(t *testing.T, st Store) {
	ctx := context.Background()
	src := fixture(t, "contract_a.csv")
	ingestFile(t, st, src)
	out := filepath.Join(t.TempDir(), "export.csv")
	n, err := st.ExportCanonical(ctx, out)
	if err != nil || n != 8 {
		t.Fatalf("ExportCanonical = %d, %v; want 8 rows", n, err)
	}
	f, err := os.Open(out)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	recs, err := csv.NewReader(f).ReadAll()
	if err != nil {
		t.Fatalf("read the export back: %v", err)
	}
	sf, _ := os.Open(src)
	defer sf.Close()
	want, _ := csv.NewReader(sf).ReadAll()
	if len(recs) != 9 || !cmp.Equal(recs[0], want[0]) {
		t.Fatalf("export: %d records, header %q; want 8 rows under the canonical header %q", len(recs), recs[0], want[0])
	}
	// The first row, CT-1, as the source wrote it (its gross weight missing); numbers compare by value, as the
	// stores write them in their own way (1000 or 1000.0).
	numeric := map[int]bool{20: true, 22: true, 23: true, 24: true, 26: true}
	for i := range want[1] {
		g, w := recs[1][i], want[1][i]
		if numeric[i] && g != "" && w != "" {
			gf, gerr := strconv.ParseFloat(g, 64)
			wf, _ := strconv.ParseFloat(w, 64)
			if gerr == nil && gf == wf {
				continue
			}
		}
		if g != w {
			t.Errorf("exported CT-1, column %s = %q, want %q", want[0][i], g, w)
		}
	}
}

func ingestFile(t *testing.T, st Store, path string) *ingest.Result {
	t.Helper()
	res, err := ingest.File(context.Background(), st, path, ingest.Options{Workers: 2})
	if err != nil {
		t.Fatalf("ingest %s: %v", filepath.Base(path), err)
	}
	return res
}

func counts(t *testing.T, st Store) (int64, int64) {
	t.Helper()
	s, r, err := st.Counts(context.Background())
	if err != nil {
		t.Fatalf("Counts: %v", err)
	}
	return s, r
}

func all(t *testing.T, st Store, f detect.Filter) []trade.Shipment {
	t.Helper()
	var out []trade.Shipment
	if err := st.ScanShipments(context.Background(), f, func(s *trade.Shipment) error {
		out = append(out, *s)
		return nil
	}); err != nil {
		t.Fatalf("ScanShipments(%+v): %v", f, err)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].ID < out[j].ID })
	return out
}

func recordIDs(ss []trade.Shipment) []string {
	var ids []string
	for _, s := range ss {
		ids = append(ids, s.RecordID)
	}
	sort.Strings(ids)
	return ids
}

func testIngest(t *testing.T, st Store) {
	ctx := context.Background()
	path := fixture(t, "contract_a.csv")
	res := ingestFile(t, st, path)
	r := res.Run
	if r.Read != 10 || r.Accepted != 8 || r.Rejected != 2 || !r.Adds() {
		t.Errorf("run: read %d, accepted %d, rejected %d; want 10 = 8 + 2", r.Read, r.Accepted, r.Rejected)
	}
	if r.Reasons["duplicate"] != 1 {
		t.Errorf("run reasons = %v, want one duplicate", r.Reasons)
	}
	if s, rej := counts(t, st); s != 8 || rej != 2 {
		t.Errorf("Counts = %d shipments, %d rejected; want 8, 2", s, rej)
	}

	runs, err := st.Runs(ctx, 10)
	if err != nil || len(runs) != 1 {
		t.Fatalf("Runs = %d runs, %v; want 1", len(runs), err)
	}
	got := runs[0]
	if got.ID != r.ID || got.Status != trade.RunComplete || got.File != path || got.SHA256 != r.SHA256 || got.Size != r.Size ||
		got.Read != 10 || got.Accepted != 8 || got.Rejected != 2 || got.Profile != "canonical" || got.Format != "csv" {
		t.Errorf("Runs()[0] = %+v, want run %d complete, %s, canonical csv, 10 = 8 + 2", got, r.ID, path)
	}
	if !cmp.Equal(got.Reasons, r.Reasons) {
		t.Errorf("stored reasons = %v, want %v", got.Reasons, r.Reasons)
	}
	if d := got.Started.Sub(r.Started); d < -time.Second || d > time.Second {
		t.Errorf("stored start %v, want %v", got.Started, r.Started)
	}
	if got.Finished.IsZero() || got.Finished.Before(got.Started.Add(-time.Second)) {
		t.Errorf("stored finish %v, start %v", got.Finished, got.Started)
	}

	rejs, err := st.Rejections(ctx, r.ID, 100)
	if err != nil || len(rejs) != 2 {
		t.Fatalf("Rejections = %d, %v; want 2", len(rejs), err)
	}
	if rejs[0].Row != 9 || rejs[0].Column != "date" || rejs[0].Reason == "" || rejs[0].File != path || rejs[0].Run != r.ID {
		t.Errorf("first rejection = %+v, want row 9, column date, with a reason, file %s", rejs[0], path)
	}
	if len(rejs[0].Raw) != 27 || rejs[0].Raw[0] != "CT-9" || rejs[0].Raw[1] != "31/02/2022" {
		t.Errorf("first rejection's raw row = %q, want the 27 source fields of CT-9", rejs[0].Raw)
	}
	if rejs[1].Row != 10 || rejs[1].Reason != "duplicate" || !strings.Contains(rejs[1].Detail, "row 2") {
		t.Errorf("second rejection = %+v, want row 10, a duplicate of row 2", rejs[1])
	}

	// One shipment read back in full.
	ss, err := st.ShipmentsByRecordID(ctx, "CT-1")
	if err != nil || len(ss) != 1 {
		t.Fatalf("ShipmentsByRecordID(CT-1) = %d, %v; want 1", len(ss), err)
	}
	s := ss[0]
	want := view{Date: "2021-03-15", Dir: "export", Reporter: "CN", Decl: "DN-0001", Shipper: "ALPHA MICRO CO LTD",
		ShipperAddr: "1 Test Road, Shenzhen", ShipperC: "CN", ShipperID: "91440300TEST0001", Consignee: "OOO ТЕСТ ЭЛЕКТРОНИКА",
		ConsigneeC: "RU", ConsigneeID: "7700000001", Origin: "CN", Dest: "RU", HS: "8542310000", HS6: "854231",
		Desc: "INTEGRATED CIRCUITS, PROCESSORS", Brand: "ALPHACHIP", Maker: "ALPHA MICRO", Qty: "1000", Unit: "PCS", Gross: "",
		Net: "12.5", Value: "25000", Currency: "USD", USD: "25000", Run: r.ID, Row: 1, File: path}
	if diff := cmp.Diff(want, viewOf(s)); diff != "" {
		t.Errorf("shipment CT-1 (-want +got):\n%s", diff)
	}
	if s.ID != ingest.ShipmentID(r.ID, 1) || s.Fingerprint == 0 {
		t.Errorf("shipment CT-1: id %d, fingerprint %d; want id %d and a fingerprint", s.ID, s.Fingerprint, ingest.ShipmentID(r.ID, 1))
	}
	one, err := st.Shipment(ctx, s.ID)
	if err != nil || one.RecordID != "CT-1" || one.Fingerprint != s.Fingerprint {
		t.Errorf("Shipment(%d) = %+v, %v; want CT-1", s.ID, one, err)
	}
	raw, err := st.Raw(ctx, s.ID)
	if err != nil || len(raw) != 27 {
		t.Fatalf("Raw(%d) = %d pairs, %v; want 27", s.ID, len(raw), err)
	}
	if raw[0] != [2]string{"record_id", "CT-1"} || raw[9] != [2]string{"consignee_name", "OOO ТЕСТ ЭЛЕКТРОНИКА"} || raw[22] != [2]string{"gross_weight_kg", ""} {
		t.Errorf("Raw(%d) = %q, want the source fields under the header's names", s.ID, raw)
	}
	hdr, err := st.RunHeader(ctx, r.ID)
	if err != nil || len(hdr) != 27 || hdr[0] != "record_id" {
		t.Errorf("RunHeader = %q, %v", hdr, err)
	}
	if _, err := st.RunHeader(ctx, r.ID+1000); !errors.Is(err, trade.ErrNotFound) {
		t.Errorf("RunHeader(unknown run) error = %v, want not found", err)
	}
	if _, err := st.Shipment(ctx, ingest.ShipmentID(r.ID, 999)); !errors.Is(err, trade.ErrNotFound) {
		t.Errorf("Shipment(unknown id) error = %v, want not found", err)
	}

	// The same bytes again add nothing.
	again := ingestFile(t, st, path)
	if !again.Skipped || again.SameAs != int64(r.ID) {
		t.Errorf("second ingest of the same file: skipped %v, same as %d; want skipped as run %d", again.Skipped, again.SameAs, r.ID)
	}
	if s, rej := counts(t, st); s != 8 || rej != 2 {
		t.Errorf("after the second ingest, Counts = %d, %d; want 8, 2", s, rej)
	}
	if runs, _ := st.Runs(ctx, 10); len(runs) != 1 {
		t.Errorf("after the second ingest, %d runs, want 1", len(runs))
	}
}

func testDuplicates(t *testing.T, st Store) {
	ctx := context.Background()
	a := ingestFile(t, st, fixture(t, "contract_a.csv")).Run
	b := ingestFile(t, st, fixture(t, "contract_b.csv")).Run
	if b.Read != 3 || b.Accepted != 1 || b.Rejected != 2 || b.Reasons["duplicate"] != 2 || !b.Adds() {
		t.Errorf("second run: read %d = accepted %d + rejected %d, reasons %v; want 3 = 1 + 2, two duplicates", b.Read, b.Accepted, b.Rejected, b.Reasons)
	}
	if s, rej := counts(t, st); s != 9 || rej != 4 {
		t.Errorf("Counts = %d, %d; want 9 shipments, 4 rejected", s, rej)
	}
	runs, err := st.Runs(ctx, 10)
	if err != nil || len(runs) != 2 || runs[0].ID != b.ID || runs[0].Accepted != 1 || runs[0].Rejected != 2 || runs[0].Reasons["duplicate"] != 2 {
		t.Errorf("Runs = %+v, %v; want the second run first with 1 accepted, 2 duplicates", runs, err)
	}
	rejs, err := st.Rejections(ctx, b.ID, 10)
	if err != nil || len(rejs) != 2 {
		t.Fatalf("Rejections(second run) = %d, %v; want 2", len(rejs), err)
	}
	wantDetail := map[int64]string{1: "already in the store: run " + itoa(int64(a.ID)) + ", row 1", 2: "already in the store: run " + itoa(int64(a.ID)) + ", row 5"}
	for _, r := range rejs {
		if r.Reason != "duplicate" || r.Detail != wantDetail[r.Row] || len(r.Raw) != 27 {
			t.Errorf("rejection row %d = reason %q, detail %q, %d raw fields; want duplicate, %q, 27", r.Row, r.Reason, r.Detail, len(r.Raw), wantDetail[r.Row])
		}
	}
	ss, err := st.ShipmentsByRecordID(ctx, "CT-1")
	if err != nil || len(ss) != 1 || ss[0].Prov.Run != a.ID {
		t.Errorf("CT-1 after the second run: %d shipments, %v; want 1, of the first run", len(ss), err)
	}
	ss, err = st.ShipmentsByRecordID(ctx, "CT-10")
	if err != nil || len(ss) != 1 {
		t.Fatalf("CT-10: %d shipments, %v", len(ss), err)
	}
	// Normalised text: a tab becomes a space; the raw row keeps it.
	if ss[0].Description != `SIGNAL JAMMERS (tab) AND "QUOTED" PARTS` {
		t.Errorf("CT-10 description = %q", ss[0].Description)
	}
	raw, err := st.Raw(ctx, ss[0].ID)
	if err != nil || len(raw) < 18 || raw[17][1] != "SIGNAL JAMMERS\t(tab) AND \"QUOTED\" PARTS" {
		t.Errorf("CT-10 raw row = %q, %v; want the description with its tab", raw, err)
	}
}

func testInterrupted(t *testing.T, st Store) {
	ctx := context.Background()
	a := ingestFile(t, st, fixture(t, "contract_a.csv")).Run
	before := all(t, st, detect.Filter{})

	// A run in progress is invisible; one that is aborted leaves nothing.
	run := trade.Run{File: "interrupted.csv", SHA256: strings.Repeat("ab", 32), Size: 1, Profile: "canonical", Format: "csv",
		Encoding: "utf-8", Started: time.Now().UTC(), Reasons: map[string]int64{}}
	ld, err := st.BeginRun(ctx, &run, []string{"record_id"})
	if err != nil {
		t.Fatal(err)
	}
	if run.ID == a.ID || run.ID == 0 {
		t.Fatalf("new run id %d, first run %d", run.ID, a.ID)
	}
	for i := int64(1); i <= 50; i++ {
		s := before[i%int64(len(before))]
		s.RecordID, s.Fingerprint = "INT-"+itoa(i), uint64(0xfeed0000+i)
		s.Prov = trade.Provenance{Run: run.ID, File: run.File, Row: i}
		if err := ld.Add(&s, []string{s.RecordID}); err != nil {
			t.Fatal(err)
		}
	}
	if err := ld.Reject(&trade.Rejection{Run: run.ID, File: run.File, Row: 51, Reason: "bad_date", Raw: []string{"x"}}); err != nil {
		t.Fatal(err)
	}
	if got := all(t, st, detect.Filter{}); len(got) != len(before) {
		t.Errorf("while a run is loading, a scan sees %d shipments, want %d", len(got), len(before))
	}
	if err := ld.Abort(errors.New("test: stopped")); err != nil {
		t.Fatal(err)
	}
	if got := all(t, st, detect.Filter{}); !cmp.Equal(recordIDs(got), recordIDs(before)) {
		t.Errorf("after an aborted run the store holds %v, want %v", recordIDs(got), recordIDs(before))
	}
	if s, rej := counts(t, st); s != 8 || rej != 2 {
		t.Errorf("after an aborted run, Counts = %d, %d; want 8, 2", s, rej)
	}
	if ss, _ := st.ShipmentsByRecordID(ctx, "INT-1"); len(ss) != 0 {
		t.Errorf("a row of the aborted run is visible: %+v", ss[0])
	}
	if rejs, _ := st.Rejections(ctx, run.ID, 10); len(rejs) != 0 {
		t.Errorf("the aborted run shows %d rejected rows, want 0", len(rejs))
	}
	runs, err := st.Runs(ctx, 10)
	if err != nil || len(runs) != 2 || runs[0].ID != run.ID || runs[0].Status != trade.RunFailed || !strings.Contains(runs[0].Error, "test: stopped") {
		t.Errorf("Runs = %+v, %v; want the aborted run marked failed with its error", runs, err)
	}
	if _, ok, err := st.CompletedRun(ctx, run.SHA256); ok || err != nil {
		t.Errorf("CompletedRun(aborted run's hash) = %v, %v; want none", ok, err)
	}

	// A committed run becomes visible in one step.
	run2 := trade.Run{File: "late.csv", SHA256: strings.Repeat("cd", 32), Size: 1, Profile: "canonical", Format: "csv",
		Encoding: "utf-8", Started: time.Now().UTC(), Reasons: map[string]int64{}}
	ld, err = st.BeginRun(ctx, &run2, []string{"record_id"})
	if err != nil {
		t.Fatal(err)
	}
	s := before[0]
	s.RecordID, s.Fingerprint, s.Prov = "LATE-1", 0xbeef, trade.Provenance{Run: run2.ID, File: run2.File, Row: 1}
	if err := ld.Add(&s, []string{"LATE-1"}); err != nil {
		t.Fatal(err)
	}
	if ss, _ := st.ShipmentsByRecordID(ctx, "LATE-1"); len(ss) != 0 {
		t.Errorf("a row is visible before its run commits")
	}
	run2.Read, run2.Accepted, run2.Finished = 1, 1, time.Now().UTC()
	if err := ld.Commit(ctx, &run2); err != nil {
		t.Fatal(err)
	}
	if ss, err := st.ShipmentsByRecordID(ctx, "LATE-1"); err != nil || len(ss) != 1 || ss[0].ID != ingest.ShipmentID(run2.ID, 1) {
		t.Errorf("after commit, LATE-1: %d shipments, %v", len(ss), err)
	}
	if r, ok, err := st.CompletedRun(ctx, run2.SHA256); !ok || err != nil || r.ID != run2.ID {
		t.Errorf("CompletedRun(committed run) = %v, %v, %v", r, ok, err)
	}
}

// match applies a filter in Go, as the stores must in SQL.
func match(f detect.Filter, s *trade.Shipment) bool {
	if len(f.HSPrefixes) > 0 && !slices.ContainsFunc(f.HSPrefixes, func(p string) bool { return strings.HasPrefix(string(s.HS), p) }) {
		return false
	}
	if len(f.Countries) > 0 && !slices.Contains(f.Countries, s.Destination) && !slices.Contains(f.Countries, s.Consignee.Country) {
		return false
	}
	if !f.From.IsZero() && s.Date.Before(f.From) {
		return false
	}
	if !f.To.IsZero() && s.Date.After(f.To) {
		return false
	}
	return true
}

func day(s string) time.Time {
	t, err := time.Parse(time.DateOnly, s)
	if err != nil {
		panic(err)
	}
	return t
}

// briefOf keeps the fields a brief scan must fill (detect.Filter.Brief).
func briefOf(s trade.Shipment) trade.Shipment {
	b := trade.Shipment{ID: s.ID, RecordID: s.RecordID, Date: s.Date, Origin: s.Origin, Dispatch: s.Dispatch,
		Destination: s.Destination, HS: s.HS, Description: s.Description,
		Quantity: s.Quantity, Unit: s.Unit, GrossWeightKg: s.GrossWeightKg, NetWeightKg: s.NetWeightKg, ValueUSD: s.ValueUSD}
	for _, p := range [][2]*trade.Party{{&b.Shipper, &s.Shipper}, {&b.Consignee, &s.Consignee}} {
		*p[0] = trade.Party{Name: p[1].Name, NameEn: p[1].NameEn, Country: p[1].Country, ID: p[1].ID}
	}
	return b
}

func testFilters(t *testing.T, st Store) {
	ctx := context.Background()
	ingestFile(t, st, fixture(t, "contract_a.csv"))
	ingestFile(t, st, fixture(t, "contract_b.csv"))
	every := all(t, st, detect.Filter{})
	if len(every) != 9 {
		t.Fatalf("a scan with no filter gives %d shipments, want 9", len(every))
	}
	filters := []detect.Filter{
		{HSPrefixes: []string{"85"}},
		{HSPrefixes: []string{"854231", "8802", "93"}},
		{HSPrefixes: []string{"8542310000"}},
		{Countries: []country.Code{"RU"}},
		{Countries: []country.Code{"KZ", "AE"}},
		{From: day("2022-06-01")},
		{To: day("2022-06-01")},
		{From: day("2022-01-01"), To: day("2022-12-31")},
		{HSPrefixes: []string{"85", "90"}, Countries: []country.Code{"RU"}, From: day("2021-01-01"), To: day("2022-12-31")},
		{HSPrefixes: []string{"01"}},
	}
	for _, f := range filters {
		var want []trade.Shipment
		for i := range every {
			if match(f, &every[i]) {
				want = append(want, every[i])
			}
		}
		got := all(t, st, f)
		if !cmp.Equal(recordIDs(got), recordIDs(want)) {
			t.Errorf("ScanShipments(%+v) = %v, want %v", f, recordIDs(got), recordIDs(want))
		}
		var texts []detect.Text
		if err := st.ScanText(ctx, f, func(x *detect.Text) error { texts = append(texts, *x); return nil }); err != nil {
			t.Fatalf("ScanText(%+v): %v", f, err)
		}
		sort.Slice(texts, func(i, j int) bool { return texts[i].ID < texts[j].ID })
		var wantText []detect.Text
		for _, s := range want {
			wantText = append(wantText, detect.Text{ID: s.ID, Description: s.Description, DescriptionEn: s.DescriptionEn, Brand: s.Brand, Manufacturer: s.Manufacturer})
		}
		if !cmp.Equal(texts, wantText) {
			t.Errorf("ScanText(%+v) = %+v, want %+v", f, texts, wantText)
		}
		// A brief scan selects the same rows and fills every field a brief reader relies on.
		bf := f
		bf.Brief = true
		brief := all(t, st, bf)
		if len(brief) != len(want) {
			t.Fatalf("brief ScanShipments(%+v) gives %d shipments, want %d", f, len(brief), len(want))
		}
		for i := range brief {
			if d := cmp.Diff(briefOf(want[i]), briefOf(brief[i])); d != "" {
				t.Errorf("brief ScanShipments(%+v), %s (-full +brief):\n%s", f, want[i].RecordID, d)
			}
		}
	}
	// The filters are not vacuous on this data.
	if n := len(all(t, st, filters[8])); n == 0 || n == len(every) {
		t.Errorf("the combined filter keeps %d of %d shipments: the test data no longer tells filters apart", n, len(every))
	}
	// A callback's error stops the scan and comes back.
	stop := errors.New("stop")
	calls := 0
	err := st.ScanShipments(ctx, detect.Filter{}, func(*trade.Shipment) error { calls++; return stop })
	if !errors.Is(err, stop) || calls != 1 {
		t.Errorf("ScanShipments with a failing callback: %d calls, error %v; want 1 call and the callback's error", calls, err)
	}
	calls = 0
	err = st.ScanText(ctx, detect.Filter{}, func(*detect.Text) error { calls++; return stop })
	if !errors.Is(err, stop) || calls != 1 {
		t.Errorf("ScanText with a failing callback: %d calls, error %v", calls, err)
	}
}

func testShipmentsByID(t *testing.T, st Store) {
	ctx := context.Background()
	ingestFile(t, st, fixture(t, "contract_a.csv"))
	every := all(t, st, detect.Filter{})
	ids := []trade.ShipmentID{every[5].ID, every[0].ID, every[3].ID, every[0].ID + 1<<40}
	var got []trade.ShipmentID
	var recs []string
	if err := st.Shipments(ctx, ids, func(s *trade.Shipment) error {
		got = append(got, s.ID)
		recs = append(recs, s.RecordID)
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	want := []trade.ShipmentID{every[0].ID, every[3].ID, every[5].ID}
	if !cmp.Equal(got, want) {
		t.Errorf("Shipments(%v) = %v, want %v in id order (an unknown id is skipped)", ids, got, want)
	}
	if !cmp.Equal(recs, []string{every[0].RecordID, every[3].RecordID, every[5].RecordID}) {
		t.Errorf("Shipments record ids = %v", recs)
	}
	// Many ids at once (more than one chunk of a query).
	var many []trade.ShipmentID
	for i := 0; i < 2500; i++ {
		many = append(many, every[i%len(every)].ID+trade.ShipmentID(i/len(every))*1000)
	}
	n := 0
	if err := st.Shipments(ctx, many, func(*trade.Shipment) error { n++; return nil }); err != nil {
		t.Fatal(err)
	}
	if n != len(every) {
		t.Errorf("Shipments(2500 ids, %d of them stored) gave %d shipments", len(every), n)
	}
	// More ids than a store reads by chunks (the DuckDB store joins them as a set from 20,000): each stored
	// shipment once, in id order, the full row as the scan reads it.
	var lots []trade.ShipmentID
	for i := 0; i < 25000; i++ {
		lots = append(lots, every[len(every)-1-i%len(every)].ID+trade.ShipmentID(i/len(every))*7919)
	}
	var gotAll []trade.Shipment
	if err := st.Shipments(ctx, lots, func(s *trade.Shipment) error { gotAll = append(gotAll, *s); return nil }); err != nil {
		t.Fatal(err)
	}
	if !cmp.Equal(gotAll, every) {
		t.Errorf("Shipments(25,000 ids, %d of them stored) gave %d shipments, want every stored one once in id order", len(every), len(gotAll))
	}
	// A store that reads brief lines by id gives the same lines with the fields of a brief scan, by chunks and
	// as a set.
	if br, ok := st.(detect.BriefReader); ok {
		for _, ids := range [][]trade.ShipmentID{many, lots} {
			var brief []trade.Shipment
			if err := br.ShipmentsBrief(ctx, ids, func(s *trade.Shipment) error { brief = append(brief, briefOf(*s)); return nil }); err != nil {
				t.Fatal(err)
			}
			var want []trade.Shipment
			for _, s := range every {
				want = append(want, briefOf(s))
			}
			if d := cmp.Diff(want, brief); d != "" {
				t.Errorf("ShipmentsBrief(%d ids) differs from the brief fields of the stored shipments (-want +got):\n%s", len(ids), d)
			}
		}
	}
	// Full shipments agree with the scan.
	var full []trade.Shipment
	_ = st.Shipments(ctx, []trade.ShipmentID{every[2].ID}, func(s *trade.Shipment) error { full = append(full, *s); return nil })
	if len(full) != 1 || !cmp.Equal(full[0], every[2]) {
		t.Errorf("Shipments(one id) = %+v, want %+v", full, every[2])
	}
}

func testFindings(t *testing.T, st Store) {
	ctx := context.Background()
	f1 := trade.Finding{Key: "k1", Score: 0.81, Severity: trade.SeverityHigh,
		Title:       `ООО "Ромашка" <script>alert(1)</script> 'x'`,
		Explanation: "line one\nline two\ttabbed",
		Parties:     []trade.FindingParty{{Name: `A "B" \ C`, Role: "shipper", Country: "CN"}},
		Shipments:   []string{"R1", `R"2`}, ShipmentIDs: []trade.ShipmentID{1, 2},
		Evidence: []trade.Evidence{{Label: "description", Value: "a\tb\nc", RecordID: "R1"}},
		ValueUSD: 650000, WeightKg: 3500}
	f2 := trade.Finding{Key: "k2", Score: 0.3, Severity: trade.SeverityLow, Title: "second"}
	other := trade.Finding{Key: "o1", Score: 0.95, Severity: trade.SeverityCritical, Title: "other detector"}
	if err := st.ReplaceFindings(ctx, "alpha", "1", []trade.Finding{f1, f2}); err != nil {
		t.Fatal(err)
	}
	if err := st.ReplaceFindings(ctx, "beta", "2", []trade.Finding{other}); err != nil {
		t.Fatal(err)
	}
	got, err := st.Findings(ctx, duckdb.FindingFilter{})
	if err != nil || len(got) != 3 || got[0].Key != "o1" || got[1].Key != "k1" || got[2].Key != "k2" {
		t.Fatalf("Findings = %v, %v; want o1, k1, k2 by score", keys(got), err)
	}
	f1.Score = 0.9 // a re-run replaces, it does not add
	if err := st.ReplaceFindings(ctx, "alpha", "1", []trade.Finding{f1}); err != nil {
		t.Fatal(err)
	}
	got, err = st.Findings(ctx, duckdb.FindingFilter{Detector: "alpha"})
	if err != nil || len(got) != 1 {
		t.Fatalf("Findings(alpha) = %v, %v; want 1", keys(got), err)
	}
	want := f1
	want.Detector, want.DetectorVersion = "alpha", "1"
	want.Explanation = "line one line two tabbed" // normalised text
	want.ID = got[0].ID
	if diff := cmp.Diff(want, got[0]); diff != "" {
		t.Errorf("finding read back (-want +got):\n%s", diff)
	}
	if got, _ := st.Findings(ctx, duckdb.FindingFilter{Detector: "beta"}); len(got) != 1 || got[0].Key != "o1" || got[0].DetectorVersion != "2" {
		t.Errorf("the other detector's findings changed: %v", keys(got))
	}
	if got, _ := st.Findings(ctx, duckdb.FindingFilter{MinScore: 0.92}); len(got) != 1 || got[0].Key != "o1" {
		t.Errorf("Findings(min score 0.92) = %v, want o1", keys(got))
	}
	if got, _ := st.Findings(ctx, duckdb.FindingFilter{Limit: 1}); len(got) != 1 || got[0].Key != "o1" {
		t.Errorf("Findings(limit 1) = %v, want o1", keys(got))
	}
	if err := st.ReplaceFindings(ctx, "alpha", "1", nil); err != nil {
		t.Fatal(err)
	}
	if got, _ := st.Findings(ctx, duckdb.FindingFilter{}); len(got) != 1 || got[0].Key != "o1" {
		t.Errorf("after replacing alpha's findings with none: %v, want o1 only", keys(got))
	}
}

func keys(fs []trade.Finding) []string {
	var k []string
	for _, f := range fs {
		k = append(k, f.Key)
	}
	return k
}

func itoa(n int64) string { return strconv.FormatInt(n, 10) }

// view keeps the fields of a shipment that the contract compares.
type view struct {
	Date, Dir, Reporter, Decl                   string
	Shipper, ShipperAddr, ShipperC, ShipperID   string
	Consignee, ConsigneeC, ConsigneeID          string
	Origin, Dest, HS, HS6, Desc, Brand, Maker   string
	Qty, Unit, Gross, Net, Value, Currency, USD string
	Run                                         trade.RunID
	Row                                         int64
	File                                        string
}

func viewOf(s trade.Shipment) view {
	return view{Date: s.Date.Format(time.DateOnly), Dir: s.Direction.String(), Reporter: string(s.Reporter), Decl: s.DeclarationNo,
		Shipper: s.Shipper.Name, ShipperAddr: s.Shipper.Address, ShipperC: string(s.Shipper.Country), ShipperID: s.Shipper.ID,
		Consignee: s.Consignee.Name, ConsigneeC: string(s.Consignee.Country), ConsigneeID: s.Consignee.ID,
		Origin: string(s.Origin), Dest: string(s.Destination), HS: string(s.HS), HS6: string(s.HS6), Desc: s.Description,
		Brand: s.Brand, Maker: s.Manufacturer, Qty: s.Quantity.String(), Unit: s.Unit, Gross: s.GrossWeightKg.String(),
		Net: s.NetWeightKg.String(), Value: s.Value.String(), Currency: s.Currency, USD: s.ValueUSD.String(),
		Run: s.Prov.Run, Row: s.Prov.Row, File: s.Prov.File}
}
