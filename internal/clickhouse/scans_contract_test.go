package clickhouse_test

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"sort"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"

	"tradetrace/internal/clickhouse"
	"tradetrace/internal/detect"
	"tradetrace/internal/detect/front"
	"tradetrace/internal/detect/misdeclared"
	"tradetrace/internal/detect/redflag"
	"tradetrace/internal/detect/route"
	"tradetrace/internal/detect/route/decl"
	"tradetrace/internal/detect/unitvalue"
	"tradetrace/internal/duckdb"
	"tradetrace/internal/hs"
	"tradetrace/internal/ingest"
	"tradetrace/internal/sample"
	"tradetrace/internal/storetest"
	"tradetrace/internal/trade"
)

// TestScansContract runs the contract of the detectors' reads on the ClickHouse cluster.
func TestScansContract(t *testing.T) {
	if os.Getenv("TRADETRACE_CH_ADDRS") == "" {
		testURL(t, "") // skips, saying why
	}
	storetest.RunScans(t, func(t *testing.T) storetest.ScansStore {
		d, err := clickhouse.Open(context.Background(), testURL(t, ""))
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { d.Close() })
		return d
	})
}

// TestScansMatchDuckDB is the differential test of the detectors' reads: a generated sample with the planted
// events, loaded into a DuckDB file and into ClickHouse, gives the same answers to every read, and every goods
// and route detector run through detect.Run on either store gives the same findings: keys, scores, titles,
// evidence and cited lines. Scores are compared exactly; sums of values to 1e-12 of their size, as the stores
// (and the detectors, which sum lines in the order a scan delivers them) add in different orders.
func TestScansMatchDuckDB(t *testing.T) {
	if os.Getenv("TRADETRACE_CH_ADDRS") == "" {
		testURL(t, "") // skips, saying why
	}
	ctx := context.Background()
	dir := t.TempDir()
	m, err := sample.Generate(ctx, sample.Config{Dir: filepath.Join(dir, "sample"), Rows: 6000, Seed: 2023})
	if err != nil {
		t.Fatal(err)
	}
	duck, err := duckdb.Open(ctx, filepath.Join(dir, "t.duckdb"), duckdb.Config{})
	if err != nil {
		t.Fatal(err)
	}
	defer duck.Close()
	chs, err := clickhouse.Open(ctx, testURL(t, ""))
	if err != nil {
		t.Fatal(err)
	}
	defer chs.Close()
	stores := []storetest.ScansStore{duck, chs}
	// The contract's first fixture goes in too: it has a peer group whose median only DuckDB's formula gives
	// to the last bit (S16, S17).
	_, file, _, _ := runtime.Caller(0)
	fixture := filepath.Join(filepath.Dir(file), "../storetest/testdata/scans_a.csv")
	for _, st := range stores {
		for _, f := range m.Files {
			if _, err := ingest.File(ctx, st, filepath.Join(dir, "sample", f.Name), ingest.Options{Profile: f.Profile}); err != nil {
				t.Fatal(err)
			}
		}
		if _, err := ingest.File(ctx, st, fixture, ingest.Options{}); err != nil {
			t.Fatal(err)
		}
		if _, err := st.ReadGoods(ctx, detect.GoodsReaderVersion, detect.ClassifyGoods, nil); err != nil {
			t.Fatal(err)
		}
	}

	// Every read, each row under a key of its own. The reads that compute no sums must agree exactly: the
	// same log, exp and median (PriceOutliers), the same lines and readings.
	var hp []string
	for _, c := range hs.CHPLCodes() {
		hp = append(hp, string(c))
	}
	fq := front.Query{To: decl.Watched, Hubs: decl.Hubs(), Cutoff: decl.Invasion, HP: hp}
	units := map[string]string{"PCS": "PCS", "ШТ": "PCS", "NAR": "PCS", "U": "PCS", "KGM": "KG", "KG": "KG"}
	reads := map[string]func(st storetest.ScansStore, out func(string, any)) error{
		"ScanGoodsLines": func(st storetest.ScansStore, out func(string, any)) error {
			sc := misdeclared.Scope{Destinations: append(decl.Hubs(), decl.Watched...), Sellers: decl.Hubs()}
			// The declaration hashes differ between the stores; the lines they group must not.
			first := map[uint64]trade.ShipmentID{}
			var ls []misdeclared.Line
			err := st.ScanGoodsLines(ctx, sc, func(l *misdeclared.Line) error {
				if f, ok := first[l.Declaration]; !ok || l.ID < f {
					first[l.Declaration] = l.ID
				}
				ls = append(ls, *l)
				return nil
			})
			for _, l := range ls {
				l.Declaration = uint64(first[l.Declaration])
				out(fmt.Sprint(l.ID), l)
			}
			return err
		},
		"PriceOutliers": func(st storetest.ScansStore, out func(string, any)) error {
			for i, q := range []unitvalue.Query{
				{Basis: unitvalue.PerUnit, Units: units, MinPeers: 5, MinRatio: 2, MinZ: 2, MinMAD: 0.1},
				{Basis: unitvalue.PerKg, Units: units, MinPeers: 5, MinRatio: 2, MinZ: 2, MinMAD: 0.1},
				{Basis: unitvalue.PerUnit, MinPeers: 2, MinRatio: 2, MinZ: 0.5, MinMAD: 0.01},
			} {
				if err := st.PriceOutliers(ctx, q, func(l *unitvalue.Line) error { out(fmt.Sprint(i, l.ID), *l); return nil }); err != nil {
					return err
				}
			}
			return nil
		},
		"SellersSeen": func(st storetest.ScansStore, out func(string, any)) error {
			var ids, names []string
			if err := st.ScanLines(ctx, decl.Query{ShipperIn: decl.Hubs()}, func(s *trade.Shipment) error {
				if s.Shipper.ID != "" {
					ids = append(ids, s.Shipper.ID)
				} else {
					names = append(names, s.Shipper.Name)
				}
				return nil
			}); err != nil {
				return err
			}
			sort.Strings(ids)
			sort.Strings(names)
			seen, err := st.SellersSeen(ctx, ids, names)
			for _, s := range seen {
				out(s.ID+"|"+s.Name+"|"+s.NameEn, s)
			}
			return err
		},
		"ScanLines": func(st storetest.ScansStore, out func(string, any)) error {
			q := decl.Query{To: decl.Watched, Via: decl.Hubs(), ForeignOrigin: true, From: decl.Invasion}
			// A store may fill more than a lean line holds (decl.Query.Lean); the stores agree on what it holds.
			return st.ScanLines(ctx, q, func(s *trade.Shipment) error { out(fmt.Sprint(s.ID), q.Lean(*s)); return nil })
		},
		"BuyerHistory": func(st storetest.ScansStore, out func(string, any)) error {
			q := redflag.HistoryQuery{To: decl.Watched, Cutoff: decl.Invasion, HP: hp}
			return st.BuyerHistory(ctx, q, func(a *redflag.Appearance) error {
				out(fmt.Sprint(a.Name, "|", a.NameEn, "|", a.ID, "|", a.Country), *a)
				return nil
			})
		},
		// A party's key is the store's own number (DuckDB gives one, ClickHouse none): the parties are compared
		// by their text, that of keyed ones taken from the appearances as the detector takes it.
		"Appearances": func(st storetest.ScansStore, out func(string, any)) error {
			return st.Appearances(ctx, fq, func(a *front.Appearance) error {
				a.Key = 0
				out(fmt.Sprint(a.Party, "|", a.Address), *a)
				return nil
			})
		},
		"GoodsMix": func(st storetest.ScansStore, out func(string, any)) error {
			unkey, err := storetest.PartyText(ctx, st, fq)
			if err != nil {
				return err
			}
			return st.GoodsMix(ctx, fq, func(m *front.Mix) error {
				unkey(&m.Party)
				out(fmt.Sprint(m.Party, m.Chapter, m.After), *m)
				return nil
			})
		},
		"HubEdges": func(st storetest.ScansStore, out func(string, any)) error {
			unkey, err := storetest.PartyText(ctx, st, fq)
			if err != nil {
				return err
			}
			return st.HubEdges(ctx, fq, func(e *front.Edge) error {
				unkey(&e.Shipper)
				unkey(&e.Consignee)
				out(fmt.Sprint(e.Shipper, e.Consignee), *e)
				return nil
			})
		},
		"TextClasses": func(st storetest.ScansStore, out func(string, any)) error {
			ok, err := st.TextClasses(ctx, detect.GoodsReaderVersion, detect.Filter{Countries: decl.Watched}, func(id trade.ShipmentID, cs []detect.TextClass) error {
				out(fmt.Sprint(id), cs)
				return nil
			})
			if !ok {
				return fmt.Errorf("the readings do not cover the store")
			}
			return err
		},
	}
	approx := cmpopts.EquateApprox(1e-12, 0)
	sums := map[string]bool{"BuyerHistory": true, "Appearances": true, "GoodsMix": true, "HubEdges": true}
	for name, read := range reads {
		var got [2]map[string]any
		for i, st := range stores {
			got[i] = map[string]any{}
			if err := read(st, func(k string, v any) {
				if _, dup := got[i][k]; dup {
					t.Errorf("%s on %T: two rows for %s", name, st, k)
				}
				got[i][k] = v
			}); err != nil {
				t.Fatalf("%s on %T: %v", name, st, err)
			}
		}
		if len(got[0]) == 0 {
			t.Errorf("%s: nothing on the sample, a comparison of nothing", name)
		}
		var opts []cmp.Option
		if sums[name] {
			opts = append(opts, approx)
		}
		if diff := cmp.Diff(got[0], got[1], opts...); diff != "" {
			t.Errorf("%s: %d rows on DuckDB, %d on ClickHouse (-duckdb +clickhouse):\n%s", name, len(got[0]), len(got[1]), diff)
		}
	}

	// Every goods and route detector, as the command wires them, on each store.
	var findings [2][]trade.Finding
	for i, st := range stores {
		ds := []detect.Detector{
			detect.Military{Classify: detect.ClassifyGoods, ClassifyVersion: detect.GoodsReaderVersion},
			misdeclared.Detector{Store: st}, unitvalue.Detector{Store: st},
			route.Transshipment{Lines: st}, route.Chain{Lines: st},
			redflag.RedFlags{Store: st, Lines: st}, front.Fronts{Store: st},
		}
		if _, err := detect.Run(ctx, st, st, ds); err != nil {
			t.Fatalf("detect on %T: %v", st, err)
		}
		fs, err := st.Findings(ctx, duckdb.FindingFilter{})
		if err != nil {
			t.Fatal(err)
		}
		for j := range fs {
			fs[j].ID = 0 // each store numbers its findings
		}
		sort.SliceStable(fs, func(a, b int) bool { return fs[a].Key < fs[b].Key })
		findings[i] = fs
	}
	per := map[string]int{}
	for _, f := range findings[0] {
		per[f.Detector]++
	}
	t.Logf("findings on DuckDB by detector: %v", per)
	for _, d := range []string{"military_goods", "misdeclared_goods", "unit_value", "transshipment", "transshipment_chain", "importer_red_flags", "front_company"} {
		if per[d] == 0 {
			t.Errorf("detector %s found nothing on the sample: the comparison proves nothing for it", d)
		}
	}
	for i := range min(len(findings[0]), len(findings[1])) {
		if a, b := findings[0][i], findings[1][i]; a.Key != b.Key || a.Score != b.Score {
			t.Errorf("finding %d: %s scored %v on DuckDB, %s scored %v on ClickHouse", i, a.Key, a.Score, b.Key, b.Score)
		}
	}
	if diff := cmp.Diff(findings[0], findings[1], approx); diff != "" {
		t.Errorf("findings: %d on DuckDB, %d on ClickHouse (-duckdb +clickhouse):\n%s", len(findings[0]), len(findings[1]), diff)
	}
	// The planted events are among them: each event's lines are cited by some finding on ClickHouse.
	cited := map[string]bool{}
	for _, f := range findings[1] {
		for _, r := range f.Shipments {
			cited[r] = true
		}
	}
	for _, e := range m.Events {
		n := 0
		for _, r := range e.Records {
			if cited[r.RecordID] {
				n++
			}
		}
		t.Logf("planted event %s: %d of %d lines cited by findings on ClickHouse", e.ID, n, len(e.Records))
	}
}

// TestGoodsReadingOneStep checks that a reading counts only once it is committed: rows of a reading that never
// recorded itself in goods_runs are not read, and an old one is deleted by the next ReadGoods.
func TestGoodsReadingOneStep(t *testing.T) {
	ctx := context.Background()
	st, err := clickhouse.Open(ctx, testURL(t, ""))
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	_, file, _, _ := runtime.Caller(0)
	if _, err := ingest.File(ctx, st, filepath.Join(filepath.Dir(file), "../storetest/testdata/scans_a.csv"), ingest.Options{}); err != nil {
		t.Fatal(err)
	}
	const version = detect.GoodsReaderVersion
	watched := detect.Filter{Countries: decl.Watched}
	readings := func() map[trade.ShipmentID][]detect.TextClass {
		t.Helper()
		got := map[trade.ShipmentID][]detect.TextClass{}
		ok, err := st.TextClasses(ctx, version, watched, func(id trade.ShipmentID, cs []detect.TextClass) error {
			got[id] = cs
			return nil
		})
		if err != nil || !ok {
			t.Fatalf("TextClasses: ok %v, %v", ok, err)
		}
		return got
	}
	if _, err := st.ReadGoods(ctx, version, detect.ClassifyGoods, nil); err != nil {
		t.Fatal(err)
	}
	before := readings()
	var line trade.ShipmentID
	for id := range before {
		line = id
		break
	}
	// Two readings that never committed: one under way now, one interrupted two hours ago.
	orphan := func(gen uint64) {
		b, err := st.Conn().PrepareBatch(ctx, `INSERT INTO goods_lines (id, run_id, generation, pos, class, score, words)`)
		if err != nil {
			t.Fatal(err)
		}
		if err := b.Append(int64(line), int64(1), gen, int32(9), "arms.military", 1.0, `"orphan"`); err != nil {
			t.Fatal(err)
		}
		if err := b.Send(); err != nil {
			t.Fatal(err)
		}
	}
	orphan(uint64(time.Now().UnixNano()))
	orphan(uint64(time.Now().Add(-2 * time.Hour).UnixNano()))
	if diff := cmp.Diff(before, readings()); diff != "" {
		t.Errorf("uncommitted readings are read (-before +after):\n%s", diff)
	}
	count := func() uint64 {
		var n uint64
		if err := st.Conn().QueryRow(ctx, `SELECT count() FROM goods_lines WHERE words = '"orphan"'`).Scan(&n); err != nil {
			t.Fatal(err)
		}
		return n
	}
	if n := count(); n != 2 {
		t.Fatalf("%d orphan rows stored, want 2", n)
	}
	if _, err := st.ReadGoods(ctx, version, detect.ClassifyGoods, nil); err != nil {
		t.Fatal(err)
	}
	// The old orphan is deleted by a mutation, which runs in the background; the young one is kept, as its
	// reading may still be under way.
	deadline := time.Now().Add(30 * time.Second)
	for count() != 1 && time.Now().Before(deadline) {
		time.Sleep(200 * time.Millisecond)
	}
	if n := count(); n != 1 {
		t.Errorf("%d orphan rows after ReadGoods, want 1 (the young one)", n)
	}
	if diff := cmp.Diff(before, readings()); diff != "" {
		t.Errorf("readings changed (-before +after):\n%s", diff)
	}
}
