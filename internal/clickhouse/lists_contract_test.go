package clickhouse_test

import (
	"context"
	"os"
	"path/filepath"
	"strconv"
	"sync"
	"testing"
	"time"

	ch "github.com/ClickHouse/clickhouse-go/v2"
	"github.com/google/go-cmp/cmp"

	"tradetrace/internal/clickhouse"
	"tradetrace/internal/duckdb"
	"tradetrace/internal/sample"
	"tradetrace/internal/screen"
	"tradetrace/internal/storetest"
	"tradetrace/internal/trade"
)

var _ storetest.ListsStore = (*clickhouse.DB)(nil)

// openLists opens a store on a new database of the test cluster, and returns its name.
func openLists(t *testing.T, query string) (*clickhouse.DB, string) {
	t.Helper()
	u := testURL(t, query)
	cfg, err := clickhouse.ParseURL(u)
	if err != nil {
		t.Fatal(err)
	}
	d, err := clickhouse.Open(context.Background(), u)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { d.Close() })
	return d, cfg.Database
}

// onShard runs a query on one shard's server and returns its single UInt64.
func onShard(t *testing.T, addr, q string, args ...any) uint64 {
	t.Helper()
	c, err := ch.Open(&ch.Options{Addr: []string{addr}})
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	var n uint64
	if err := c.QueryRow(context.Background(), q, args...).Scan(&n); err != nil {
		t.Fatalf("%s: %s: %v", addr, q, err)
	}
	return n
}

// writeFixture copies a fixture of internal/storetest/testdata into dir.
func writeFixture(t *testing.T, dir, name string) string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("..", "storetest", "testdata", name))
	if err != nil {
		t.Fatal(err)
	}
	p := filepath.Join(dir, name)
	if err := os.WriteFile(p, b, 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

// TestListsContract runs the lists contract on the ClickHouse cluster.
func TestListsContract(t *testing.T) {
	storetest.RunLists(t, func(t *testing.T) storetest.ListsStore {
		d, _ := openLists(t, "")
		return d
	})
}

// TestListsCancelledLoadLeavesNoRows interrupts loads at every point of their work, among them the points where
// the shards already hold rows of the new version, and checks that the loads failed, left nothing visible and
// left no row behind on the shards.
func TestListsCancelledLoadLeavesNoRows(t *testing.T) {
	ctx := context.Background()
	d, db := openLists(t, "")
	dir := t.TempDir()
	l1 := storetest.ListFiles(t, writeFixture(t, dir, "lists_sdn_v1.csv"), writeFixture(t, dir, "lists_sdn_v1_alt.csv"))
	l2 := storetest.ListFiles(t, writeFixture(t, dir, "lists_sdn_v2.csv"), writeFixture(t, dir, "lists_sdn_v2_alt.csv"))
	v1, _, err := d.LoadList(ctx, l1)
	if err != nil {
		t.Fatal(err)
	}
	// a load watched look by look: at which looks do the shards hold rows of a version not yet recorded?
	unrecorded := func() uint64 {
		return onShard(t, d.Shards()[0], `SELECT count() FROM `+db+`.list_entities WHERE version_id != ?`, v1.ID)
	}
	var mu sync.Mutex
	written := map[int64]bool{}
	watch := storetest.NewCountdown(0)
	watch.OnLook = func(n int64) {
		if unrecorded() > 0 {
			mu.Lock()
			written[n] = true
			mu.Unlock()
		}
	}
	probe := l2
	probe.List = "probe"
	pv, _, err := d.LoadList(watch, probe)
	if err != nil {
		t.Fatal(err)
	}
	if len(written) == 0 {
		t.Fatalf("the shards never held rows of the probe's version before it was recorded (%d looks)", watch.Looks())
	}
	var failed, afterRows int
	for n := int64(1); n <= watch.Looks(); n++ {
		if !written[n] && n%5 != 0 {
			continue
		}
		cctx := storetest.NewCountdown(n)
		v, _, err := d.LoadList(cctx, l2)
		cctx.Cancel()
		if err == nil {
			if written[n] {
				t.Errorf("the load cancelled at look %d, with rows written, returned version %d and no error", n, v.ID)
			}
			break
		}
		failed++
		if written[n] {
			afterRows++
		}
		if vs, err := d.ListVersions(ctx, "ofac_sdn"); err != nil || len(vs) != 1 || vs[0].ID != v1.ID || !vs[0].Current {
			t.Fatalf("after the load cancelled at look %d: versions %+v, %v; want only v1", n, vs, err)
		}
		for _, table := range []string{"list_entities", "list_name_keys"} {
			var orphans uint64
			if err := d.Conn().QueryRow(ctx, `SELECT count() FROM `+table+` WHERE version_id NOT IN (?, ?)`, v1.ID, pv.ID).Scan(&orphans); err != nil {
				t.Fatal(err)
			}
			if orphans != 0 {
				t.Fatalf("after the load cancelled at look %d: %s holds %d rows of versions never recorded, want none", n, table, orphans)
			}
		}
	}
	if afterRows == 0 {
		t.Errorf("no load was cancelled after writing rows (%d cancelled loads, rows written at looks %v)", failed, written)
	}
	t.Logf("%d looks a load; %d cancelled loads failed cleanly, %d of them after writing rows", watch.Looks(), failed, afterRows)
}

// TestListsReapDeadLoad leaves rows of a version whose loading process died (its claim's last heartbeat is older
// than the lease) and of a version still loading: the next load drops the first, keeps the second, and neither
// is ever visible.
func TestListsReapDeadLoad(t *testing.T) {
	ctx := context.Background()
	d, _ := openLists(t, "lease=1m")
	dir := t.TempDir()
	l1 := storetest.ListFiles(t, writeFixture(t, dir, "lists_sdn_v1.csv"), writeFixture(t, dir, "lists_sdn_v1_alt.csv"))
	insert := func(q string, rows ...[]any) {
		t.Helper()
		b, err := d.Conn().PrepareBatch(ctx, q)
		if err != nil {
			t.Fatal(err)
		}
		for _, r := range rows {
			if err := b.Append(r...); err != nil {
				t.Fatal(err)
			}
		}
		if err := b.Send(); err != nil {
			t.Fatal(err)
		}
	}
	now := time.Now()
	dead, loading := int64(7), int64(8)
	insert(`INSERT INTO list_claims (id, token, claimed)`, []any{dead, uint64(1), uint64(now.Add(-time.Hour).UnixNano())},
		[]any{dead, uint64(1), uint64(now.Add(-2 * time.Minute).UnixNano())}, []any{loading, uint64(2), uint64(now.Add(-2 * time.Minute).UnixNano())},
		[]any{loading, uint64(2), uint64(now.UnixNano())})
	var ents, keys [][]any
	for _, id := range []int64{dead, loading} {
		for i, e := range l1.Entities {
			ents = append(ents, []any{id, "ofac_sdn", e.SourceID, string(e.Schema), e.Caption(), "[]", "[]", `{"list":"ofac_sdn","source_id":"` + e.SourceID + `"}`})
			keys = append(keys, []any{id, "p:x" + strconv.Itoa(i), e.SourceID, uint32(i)})
		}
	}
	insert(`INSERT INTO list_entities (version_id, list, source_id, schema, caption, topics, programs, entity)`, ents...)
	insert(`INSERT INTO list_name_keys (version_id, key, source_id, seq)`, keys...)
	if cur, err := d.CurrentListEntities(ctx); err != nil || len(cur) != 0 {
		t.Errorf("CurrentListEntities with two unrecorded versions = %d, %v; want none", len(cur), err)
	}
	if got, err := d.ListVersionEntities(ctx, dead); err != nil || len(got) != 0 {
		t.Errorf("ListVersionEntities(unrecorded) = %d, %v; want none", len(got), err)
	}
	v, _, err := d.LoadList(ctx, l1)
	if err != nil {
		t.Fatal(err)
	}
	if v.ID != loading+1 {
		t.Errorf("LoadList = version %d, want %d: claimed ids are not reused", v.ID, loading+1)
	}
	count := func(table string, id int64) uint64 {
		var n uint64
		if err := d.Conn().QueryRow(ctx, `SELECT count() FROM `+table+` WHERE version_id = ?`, id).Scan(&n); err != nil {
			t.Fatal(err)
		}
		return n
	}
	for _, table := range []string{"list_entities", "list_name_keys"} {
		if n := count(table, dead); n != 0 {
			t.Errorf("%s: %d rows of the dead load, want none", table, n)
		}
		if n := count(table, loading); n != 6 {
			t.Errorf("%s: %d rows of the load in progress, want its 6", table, n)
		}
		if n := count(table, v.ID); n == 0 {
			t.Errorf("%s: no rows of the new version %d", table, v.ID)
		}
	}
	cur, err := d.CurrentListEntities(ctx)
	if err != nil || len(cur) != 6 {
		t.Errorf("CurrentListEntities = %d, %v; want the 6 of the new version", len(cur), err)
	}
}

// TestListsDifferential loads real publications (the shared lists folder beside the repository: OFAC SDN in
// its 2019 and 2024 vintages, the UN, EU 833 and DoD 1260H lists) into a DuckDB store and into ClickHouse, and
// requires the same answers from both: versions, current entities, the diff between the SDN vintages, the
// lists key and the candidates of the planted parties of a generated sample and of names taken from the lists.
func TestListsDifferential(t *testing.T) {
	ctx := context.Background()
	c, _ := openLists(t, "")
	dir := filepath.Join("..", "..", "..", "shared", "data", "lists")
	if _, err := os.Stat(dir); err != nil {
		t.Skipf("SKIPPED: the shared lists folder is not beside the repository: %v", err)
	}
	dk, err := duckdb.Open(ctx, filepath.Join(t.TempDir(), "lists.duckdb"), duckdb.Config{})
	if err != nil {
		t.Fatal(err)
	}
	defer dk.Close()
	files := func(names ...string) []string {
		var out []string
		for _, n := range names {
			out = append(out, filepath.Join(dir, filepath.FromSlash(n)))
		}
		return out
	}
	loads := []duckdb.ListLoad{
		storetest.ListFiles(t, files("ofac_sdn_static_2019/sdn.csv", "ofac_sdn_static_2019/alt.csv", "ofac_sdn_static_2019/add.csv",
			"ofac_sdn_static_2019/sdn_comments.csv")...),
		storetest.ListFiles(t, files("un_consolidated_2026-02/UN_consolidated.xml")...),
		storetest.ListFiles(t, files("eu_reg_269_833_2026-08/32014R0833.csv")...),
		storetest.ListFiles(t, files("us_dod_1260h_bis_mieu/dod_1260h_chinese_military_companies.csv")...),
		storetest.ListFiles(t, files("ofac_sdn_2024-05-03/sdn.csv", "ofac_sdn_aux_2025-12-24/alt.csv", "ofac_sdn_aux_2025-12-24/add.csv",
			"ofac_sdn_aux_2025-12-24/sdn_comments.csv")...),
	}
	for _, l := range loads {
		start := time.Now()
		cv, _, err := c.LoadList(ctx, l)
		if err != nil {
			t.Fatal(err)
		}
		took := time.Since(start)
		start = time.Now()
		dv, _, err := dk.LoadList(ctx, l)
		if err != nil {
			t.Fatal(err)
		}
		t.Logf("%-13s %6d entities %7d names %7d keys: ClickHouse %v, DuckDB %v", l.List, cv.Entities, cv.Names, len(l.Keys),
			took.Round(time.Millisecond), time.Since(start).Round(time.Millisecond))
		if cv.ID != dv.ID || cv.Entities != dv.Entities || cv.Names != dv.Names {
			t.Errorf("LoadList(%s) = version %d of %d entities, %d names; DuckDB %d, %d, %d", l.List, cv.ID, cv.Entities, cv.Names, dv.ID, dv.Entities, dv.Names)
		}
	}
	noTime := cmp.Transformer("noTime", func(v duckdb.ListVersion) duckdb.ListVersion { v.Loaded = time.Time{}; return v })

	cvs, err := c.ListVersions(ctx, "")
	if err != nil {
		t.Fatal(err)
	}
	dvs, err := dk.ListVersions(ctx, "")
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(dvs, cvs, noTime); diff != "" {
		t.Errorf("ListVersions (-duckdb +clickhouse):\n%s", diff)
	}
	ck, err := c.ListsKey(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if dkey, _ := dk.ListsKey(ctx); ck != dkey || ck == "lists:" {
		t.Errorf("ListsKey = %q, DuckDB %q", ck, dkey)
	}

	same := func(what string, ce, de []trade.ListEntity) {
		t.Helper()
		if len(ce) != len(de) {
			t.Errorf("%s: %d entities, DuckDB %d", what, len(ce), len(de))
			return
		}
		for i := range ce {
			if diff := cmp.Diff(de[i], ce[i]); diff != "" {
				t.Errorf("%s: entity %d (-duckdb +clickhouse):\n%s", what, i, diff)
				return
			}
		}
	}
	ccur, err := c.CurrentListEntities(ctx)
	if err != nil {
		t.Fatal(err)
	}
	dcur, err := dk.CurrentListEntities(ctx)
	if err != nil {
		t.Fatal(err)
	}
	same("CurrentListEntities", ccur, dcur)
	cold, err := c.ListVersionEntities(ctx, cvs[len(cvs)-1].ID)
	if err != nil {
		t.Fatal(err)
	}
	dold, _ := dk.ListVersionEntities(ctx, cvs[len(cvs)-1].ID)
	same("ListVersionEntities(ofac_sdn 2019)", cold, dold)

	for _, v := range [][2]int64{{0, 0}, {loads4ID(cvs), 1}} {
		cd, err := c.DiffList(ctx, "ofac_sdn", v[0], v[1])
		if err != nil {
			t.Fatal(err)
		}
		dd, err := dk.DiffList(ctx, "ofac_sdn", v[0], v[1])
		if err != nil {
			t.Fatal(err)
		}
		if diff := cmp.Diff(dd, cd, noTime); diff != "" {
			t.Errorf("DiffList(ofac_sdn, %d, %d) (-duckdb +clickhouse):\n%s", v[0], v[1], diff)
		}
		t.Logf("DiffList(ofac_sdn, %d, %d): %d added, %d removed, %d changed", v[0], v[1], len(cd.Added), len(cd.Removed), len(cd.Changed))
		if len(cd.Added) == 0 || len(cd.Removed) == 0 || len(cd.Changed) == 0 {
			t.Errorf("DiffList(ofac_sdn, %d, %d) = %d added, %d removed, %d changed; want some of each between 2019 and 2024",
				v[0], v[1], len(cd.Added), len(cd.Removed), len(cd.Changed))
		}
	}

	// candidates: the planted parties of a generated sample, every form the data writes them in, and names of
	// the lists themselves
	m, err := sample.Generate(ctx, sample.Config{Dir: filepath.Join(t.TempDir(), "sample"), Rows: sample.MinRows, Seed: 11})
	if err != nil {
		t.Fatal(err)
	}
	// names whose candidates have sums equal but for rounding, which rank by the order of the additions
	queries := []string{"深圳市晶芯微电子有限公司", "YAQUB, Ahmed", "HIZB-UL-MUJAHIDEEN"}
	for _, e := range m.Events {
		for _, p := range e.Parties {
			queries = append(queries, p.Name)
			if len(p.Variants) > 0 {
				queries = append(queries, p.Variants[len(p.Variants)-1])
			}
		}
	}
	for i := 0; i < len(ccur); i += 1201 {
		for _, n := range ccur[i].Names[:min(2, len(ccur[i].Names))] {
			queries = append(queries, n.Value)
		}
	}
	var found, calls int
	var cTook, dTook time.Duration
	for i, q := range queries {
		keys := screen.QueryKeys(screen.Query{Name: q})
		for _, limit := range []int{100, 3} {
			if limit == 3 && i%3 != 0 {
				continue
			}
			calls++
			start := time.Now()
			ce, cok, err := c.ListCandidates(ctx, keys, limit)
			if err != nil {
				t.Fatal(err)
			}
			cTook += time.Since(start)
			start = time.Now()
			de, dok, err := dk.ListCandidates(ctx, keys, limit)
			if err != nil {
				t.Fatal(err)
			}
			dTook += time.Since(start)
			if !cok || !dok {
				t.Fatalf("ListCandidates(%q) ok = %v, DuckDB %v; want both", q, cok, dok)
			}
			if diff := cmp.Diff(listIDs(de), listIDs(ce)); diff != "" {
				t.Errorf("ListCandidates(%q, %d) (-duckdb +clickhouse):\n%s", q, limit, diff)
			}
			found += len(ce)
		}
	}
	if found == 0 {
		t.Errorf("no candidates for %d names", len(queries))
	}
	t.Logf("%d names: %d candidates, the same from both stores (%v a call on ClickHouse, %v on DuckDB)", len(queries), found,
		(cTook / time.Duration(calls)).Round(time.Millisecond), (dTook / time.Duration(calls)).Round(time.Millisecond))
}

// loads4ID is the id of the current ofac_sdn version (the 2024 vintage).
func loads4ID(vs []duckdb.ListVersion) int64 {
	for _, v := range vs {
		if v.List == "ofac_sdn" && v.Current {
			return v.ID
		}
	}
	return -1
}

func listIDs(ents []trade.ListEntity) []string {
	var out []string
	for _, e := range ents {
		out = append(out, e.List+"/"+e.SourceID)
	}
	return out
}
