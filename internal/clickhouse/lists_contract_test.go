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

	"tradetrace/internal/clickhouse"
	"tradetrace/internal/storetest"
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
			keys = append(keys, []any{id, "p:x" + strconv.Itoa(i), e.SourceID})
		}
	}
	insert(`INSERT INTO list_entities (version_id, list, source_id, schema, caption, topics, programs, entity)`, ents...)
	insert(`INSERT INTO list_name_keys (version_id, key, source_id)`, keys...)
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
