package storetest

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"tradetrace/internal/duckdb"
	"tradetrace/internal/screen"
	"tradetrace/internal/source/lists"
	"tradetrace/internal/trade"
)

// ListsStore is what the commands (lists load, show, diff; screen), the listed-party detector and incremental
// detect runs ask of a store's sanctions and export-control lists.
type ListsStore interface {
	LoadList(ctx context.Context, l duckdb.ListLoad) (v duckdb.ListVersion, added bool, err error)
	ListCandidates(ctx context.Context, keys []string, limit int) (ents []trade.ListEntity, ok bool, err error)
	ListVersions(ctx context.Context, list string) ([]duckdb.ListVersion, error)
	CurrentListEntities(ctx context.Context) ([]trade.ListEntity, error)
	ListVersionEntities(ctx context.Context, version int64) ([]trade.ListEntity, error)
	DiffList(ctx context.Context, list string, from, to int64) (duckdb.ListDiff, error)
	ListsKey(ctx context.Context) (string, error)
	Close() error
}

// RunLists runs the lists contract on stores that open makes: each call must give a new, empty store, closed
// by the test's cleanup. The lists are small files in the publishers' formats (testdata/lists_*): two vintages
// of an OFAC SDN legacy CSV set and a BIS Military-Intelligence End User CSV, read by the same loaders as
// 'tradetrace lists load'.
func RunLists(t *testing.T, open func(t *testing.T) ListsStore) {
	t.Run("Versions", func(t *testing.T) { testListVersions(t, open(t)) })
	t.Run("Diff", func(t *testing.T) { testListDiff(t, open(t)) })
	t.Run("Candidates", func(t *testing.T) { testListCandidates(t, open(t)) })
	t.Run("InterruptedLoad", func(t *testing.T) { testListInterrupted(t, open(t)) })
}

// The fixtures: sdn v1 holds 36, 173, 306, 16911, 18782 and 22406; v2 drops 36 (Aerocaribbean), adds 43225
// (Tekhkrim), gives 22406 (Molot-Oruzhie) a second program and takes an alias of 306 (Banco Nacional de Cuba)
// away.
var (
	sdnV1 = []string{"lists_sdn_v1.csv", "lists_sdn_v1_alt.csv"}
	sdnV2 = []string{"lists_sdn_v2.csv", "lists_sdn_v2_alt.csv"}
	mieu  = []string{"lists_mieu.csv"}
)

// ListFiles reads list files as 'tradetrace lists load' does: their entities, the blocking keys of their names
// and the SHA256 of their bytes. Every entity of the files must belong to one list.
func ListFiles(t testing.TB, paths ...string) duckdb.ListLoad {
	t.Helper()
	ents, err := lists.LoadFiles(paths...)
	if err != nil {
		t.Fatalf("read lists %q: %v", paths, err)
	}
	if len(ents) == 0 {
		t.Fatalf("read lists %q: no entities", paths)
	}
	h := sha256.New()
	var names []string
	for _, p := range paths {
		b, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		fmt.Fprintf(h, "%s %x\n", filepath.Base(p), sha256.Sum256(b))
		names = append(names, filepath.Base(p))
	}
	l := duckdb.ListLoad{List: ents[0].List, File: strings.Join(names, " "), SHA256: hex.EncodeToString(h.Sum(nil)), Entities: ents}
	for _, e := range ents {
		if e.List != l.List {
			t.Fatalf("read lists %q: entities of %s and %s, want one list", paths, l.List, e.List)
		}
	}
	for _, k := range screen.EntityKeys(ents) {
		l.Keys = append(l.Keys, duckdb.ListKey{SourceID: k.SourceID, Key: k.Key})
	}
	return l
}

func listFixture(t *testing.T, names []string) duckdb.ListLoad {
	t.Helper()
	var paths []string
	for _, n := range names {
		paths = append(paths, fixture(t, n))
	}
	return ListFiles(t, paths...)
}

func loadList(t *testing.T, st ListsStore, l duckdb.ListLoad, wantAdded bool) duckdb.ListVersion {
	t.Helper()
	v, added, err := st.LoadList(context.Background(), l)
	if err != nil {
		t.Fatalf("LoadList(%s, %s): %v", l.List, l.File, err)
	}
	if added != wantAdded {
		t.Fatalf("LoadList(%s, %s) added = %v, want %v", l.List, l.File, added, wantAdded)
	}
	return v
}

// ids lists the list/source id of each entity.
func ids(ents []trade.ListEntity) []string {
	out := []string{}
	for _, e := range ents {
		out = append(out, e.List+"/"+e.SourceID)
	}
	return out
}

// sortedIDs lists the list/source id of each entity, in the stores' order.
func sortedIDs(ents []trade.ListEntity) []string {
	out := ids(ents)
	sort.Strings(out)
	return out
}

func versions(t *testing.T, st ListsStore, list string) []duckdb.ListVersion {
	t.Helper()
	vs, err := st.ListVersions(context.Background(), list)
	if err != nil {
		t.Fatalf("ListVersions(%q): %v", list, err)
	}
	return vs
}

// sameVersion compares versions, the load times within a second (the stores keep them to the microsecond).
func sameVersion(got, want duckdb.ListVersion) bool {
	d := got.Loaded.Sub(want.Loaded)
	got.Loaded, want.Loaded = time.Time{}, time.Time{}
	return got == want && d > -time.Second && d < time.Second
}

func listsKey(t *testing.T, st ListsStore) string {
	t.Helper()
	k, err := st.ListsKey(context.Background())
	if err != nil {
		t.Fatalf("ListsKey: %v", err)
	}
	return k
}

func currentEntities(t *testing.T, st ListsStore) []trade.ListEntity {
	t.Helper()
	ents, err := st.CurrentListEntities(context.Background())
	if err != nil {
		t.Fatalf("CurrentListEntities: %v", err)
	}
	return ents
}

func testListVersions(t *testing.T, st ListsStore) {
	ctx := context.Background()
	if vs := versions(t, st, ""); len(vs) != 0 {
		t.Errorf("ListVersions on an empty store = %+v, want none", vs)
	}
	if k := listsKey(t, st); k != "lists:" {
		t.Errorf("ListsKey on an empty store = %q, want \"lists:\"", k)
	}
	if _, _, err := st.LoadList(ctx, duckdb.ListLoad{List: "ofac_sdn"}); err == nil {
		t.Errorf("LoadList without a sha256: no error, want one")
	}

	l1, l2, lm := listFixture(t, sdnV1), listFixture(t, sdnV2), listFixture(t, mieu)
	v1 := loadList(t, st, l1, true)
	if v1.ID == 0 || v1.List != "ofac_sdn" || v1.File != "lists_sdn_v1.csv lists_sdn_v1_alt.csv" || v1.SHA256 != l1.SHA256 ||
		v1.Entities != 6 || v1.Names != 18 || !v1.Current || v1.Loaded.IsZero() {
		t.Errorf("LoadList(sdn v1) = %+v, want a current version of ofac_sdn with 6 entities and 18 names", v1)
	}
	vm := loadList(t, st, lm, true)
	if vm.List != "us_bis_mieu" || vm.Entities != 3 || vm.Names != 5 || !vm.Current || vm.ID <= v1.ID {
		t.Errorf("LoadList(mieu) = %+v, want a current version of us_bis_mieu with 3 entities and 5 names, after %d", vm, v1.ID)
	}
	key1 := listsKey(t, st)
	if want := fmt.Sprintf("lists:%d,%d", v1.ID, vm.ID); key1 != want {
		t.Errorf("ListsKey = %q, want %q", key1, want)
	}

	// the same bytes again add nothing
	again := loadList(t, st, l1, false)
	if !sameVersion(again, v1) {
		t.Errorf("LoadList(sdn v1 again) = %+v, want %+v", again, v1)
	}
	if vs := versions(t, st, ""); len(vs) != 2 {
		t.Errorf("after loading the same bytes again: %d versions, want 2", len(vs))
	}
	if k := listsKey(t, st); k != key1 {
		t.Errorf("ListsKey after an unchanged load = %q, want %q", k, key1)
	}

	// a new publication becomes current
	v2 := loadList(t, st, l2, true)
	if v2.ID <= vm.ID || v2.Entities != 6 || v2.Names != 17 || !v2.Current {
		t.Errorf("LoadList(sdn v2) = %+v, want a new current version (after %d) of 6 entities and 17 names", v2, vm.ID)
	}
	v1.Current = false
	want := []duckdb.ListVersion{v2, v1, vm} // by list, newest first
	got := versions(t, st, "")
	if len(got) != len(want) {
		t.Fatalf("ListVersions = %+v, want %+v", got, want)
	}
	for i := range want {
		if !sameVersion(got[i], want[i]) {
			t.Errorf("ListVersions()[%d] = %+v, want %+v", i, got[i], want[i])
		}
	}
	if sdn := versions(t, st, "ofac_sdn"); len(sdn) != 2 || sdn[0].ID != v2.ID || sdn[1].ID != v1.ID {
		t.Errorf("ListVersions(ofac_sdn) = %+v, want v2 then v1", sdn)
	}
	if k := listsKey(t, st); k != fmt.Sprintf("lists:%d,%d", vm.ID, v2.ID) {
		t.Errorf("ListsKey after v2 = %q, want lists:%d,%d", k, vm.ID, v2.ID)
	}

	cur := currentEntities(t, st)
	wantIDs := []string{"ofac_sdn/16911", "ofac_sdn/173", "ofac_sdn/18782", "ofac_sdn/22406", "ofac_sdn/306", "ofac_sdn/43225",
		"us_bis_mieu/Directorate of Military Counterintelligence", "us_bis_mieu/Directorate of Military Intelligence",
		"us_bis_mieu/Intelligence Bureau of the Joint Staff Department"}
	if diff := cmp.Diff(wantIDs, ids(cur)); diff != "" {
		t.Errorf("CurrentListEntities (-want +got):\n%s", diff)
	}
	// the entities come back as they were loaded, every field
	byID := map[string]trade.ListEntity{}
	for _, e := range append(append([]trade.ListEntity{}, l2.Entities...), lm.Entities...) {
		byID[e.List+"/"+e.SourceID] = e
	}
	for _, e := range cur {
		if diff := cmp.Diff(byID[e.List+"/"+e.SourceID], e); diff != "" {
			t.Errorf("current entity %s/%s (-loaded +stored):\n%s", e.List, e.SourceID, diff)
		}
	}
	if cur[5].Caption() != "CLOSED JOINT STOCK COMPANY TEKHKRIM" || !cmp.Equal(cur[5].Programs, []string{"RUSSIA-EO14024"}) {
		t.Errorf("entity 43225 = %q %v, want Tekhkrim under RUSSIA-EO14024", cur[5].Caption(), cur[5].Programs)
	}

	// the old version keeps its entities
	old, err := st.ListVersionEntities(ctx, v1.ID)
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff([]string{"ofac_sdn/16911", "ofac_sdn/173", "ofac_sdn/18782", "ofac_sdn/22406", "ofac_sdn/306", "ofac_sdn/36"}, ids(old)); diff != "" {
		t.Errorf("ListVersionEntities(v1) (-want +got):\n%s", diff)
	}
	if len(old) == 6 && (len(old[4].Names) != 3 || old[4].Names[1].Value != "NATIONAL BANK OF CUBA") {
		t.Errorf("v1 entity 306 names = %+v, want 3 with NATIONAL BANK OF CUBA", old[4].Names)
	}
	if none, err := st.ListVersionEntities(ctx, v2.ID+100); err != nil || len(none) != 0 {
		t.Errorf("ListVersionEntities(unknown) = %d entities, %v; want none", len(none), err)
	}

	// the bytes of v1 again: v1 is current again, no version is added
	back := loadList(t, st, l1, false)
	v1.Current = true
	if !sameVersion(back, v1) {
		t.Errorf("LoadList(sdn v1 after v2) = %+v, want %+v", back, v1)
	}
	if sdn := versions(t, st, "ofac_sdn"); len(sdn) != 2 || sdn[0].Current || !sdn[1].Current || sdn[1].ID != v1.ID {
		t.Errorf("after loading v1 again: versions %+v, want v1 current and no third version", sdn)
	}
	if k := listsKey(t, st); k != key1 {
		t.Errorf("ListsKey with v1 current again = %q, want %q", k, key1)
	}
	if diff := cmp.Diff(ids(old), ids(currentEntities(t, st))[:6]); diff != "" {
		t.Errorf("current ofac_sdn entities with v1 current again (-want +got):\n%s", diff)
	}
	// and v2's bytes make v2 current again
	if v := loadList(t, st, l2, false); v.ID != v2.ID || !v.Current {
		t.Errorf("LoadList(sdn v2 again) = %+v, want version %d current", v, v2.ID)
	}
}

func diffIDs(es []duckdb.DiffEntry) []string {
	out := []string{}
	for _, e := range es {
		out = append(out, e.SourceID+" "+e.Caption+" "+strings.Join(e.Fields, ","))
	}
	return out
}

func testListDiff(t *testing.T, st ListsStore) {
	ctx := context.Background()
	if _, err := st.DiffList(ctx, "ofac_sdn", 0, 0); !errors.Is(err, duckdb.ErrNoListVersion) {
		t.Errorf("DiffList on an empty store: error %v, want ErrNoListVersion", err)
	}
	v1 := loadList(t, st, listFixture(t, sdnV1), true)
	if _, err := st.DiffList(ctx, "ofac_sdn", 0, 0); !errors.Is(err, duckdb.ErrNoListVersion) {
		t.Errorf("DiffList with one version: error %v, want ErrNoListVersion (no version before it)", err)
	}
	vm := loadList(t, st, listFixture(t, mieu), true)
	v2 := loadList(t, st, listFixture(t, sdnV2), true)

	d, err := st.DiffList(ctx, "ofac_sdn", 0, 0)
	if err != nil {
		t.Fatal(err)
	}
	if d.List != "ofac_sdn" || d.From.ID != v1.ID || d.To.ID != v2.ID || d.From.Current || !d.To.Current {
		t.Errorf("DiffList(ofac_sdn) = %s from %+v to %+v, want v1 (%d) to the current v2 (%d)", d.List, d.From, d.To, v1.ID, v2.ID)
	}
	wantAdded := []string{"43225 CLOSED JOINT STOCK COMPANY TEKHKRIM "}
	wantRemoved := []string{"36 AEROCARIBBEAN AIRLINES "}
	wantChanged := []string{"22406 MOLOT-ORUZHIE, OOO programs,source", "306 BANCO NACIONAL DE CUBA names,source"}
	for _, c := range []struct {
		what      string
		got, want []string
	}{{"added", diffIDs(d.Added), wantAdded}, {"removed", diffIDs(d.Removed), wantRemoved}, {"changed", diffIDs(d.Changed), wantChanged}} {
		if diff := cmp.Diff(c.want, c.got); diff != "" {
			t.Errorf("DiffList(v1 → v2) %s (-want +got):\n%s", c.what, diff)
		}
	}

	// explicit versions, backwards: what was added is removed
	back, err := st.DiffList(ctx, "ofac_sdn", v2.ID, v1.ID)
	if err != nil {
		t.Fatal(err)
	}
	if back.From.ID != v2.ID || back.To.ID != v1.ID || !cmp.Equal(diffIDs(back.Added), []string{"36 AEROCARIBBEAN AIRLINES "}) ||
		!cmp.Equal(diffIDs(back.Removed), []string{"43225 CLOSED JOINT STOCK COMPANY TEKHKRIM "}) || !cmp.Equal(diffIDs(back.Changed), wantChanged) {
		t.Errorf("DiffList(v2 → v1) = added %q removed %q changed %q, want 36 added, 43225 removed, %q changed",
			diffIDs(back.Added), diffIDs(back.Removed), diffIDs(back.Changed), wantChanged)
	}
	// a version against itself: nothing changed
	same, err := st.DiffList(ctx, "ofac_sdn", v1.ID, v1.ID)
	if err != nil || len(same.Added)+len(same.Removed)+len(same.Changed) != 0 {
		t.Errorf("DiffList(v1 → v1) = %d added, %d removed, %d changed, %v; want nothing", len(same.Added), len(same.Removed), len(same.Changed), err)
	}
	// versions of another list or that do not exist
	for _, c := range []struct {
		list     string
		from, to int64
	}{{"ofac_sdn", vm.ID, 0}, {"ofac_sdn", 0, vm.ID}, {"ofac_sdn", v2.ID + 100, 0}, {"us_bis_mieu", 0, 0}, {"nothing", 0, 0}} {
		if _, err := st.DiffList(ctx, c.list, c.from, c.to); !errors.Is(err, duckdb.ErrNoListVersion) {
			t.Errorf("DiffList(%s, %d, %d) error = %v, want ErrNoListVersion", c.list, c.from, c.to, err)
		}
	}
}

// candidates returns the list/source ids of the candidates of a name, as 'tradetrace screen NAME' asks.
func candidates(t *testing.T, st ListsStore, name string, limit int) ([]string, bool) {
	t.Helper()
	ents, ok, err := st.ListCandidates(context.Background(), screen.QueryKeys(screen.Query{Name: name}), limit)
	if err != nil {
		t.Fatalf("ListCandidates(%q): %v", name, err)
	}
	return ids(ents), ok
}

func testListCandidates(t *testing.T, st ListsStore) {
	ctx := context.Background()
	if got, ok, err := st.ListCandidates(ctx, []string{"p:kalashnikov"}, 10); err != nil || !ok || len(got) != 0 {
		t.Errorf("ListCandidates on an empty store = %d, %v, %v; want none, ok", len(got), ok, err)
	}
	loadList(t, st, listFixture(t, sdnV1), true)
	loadList(t, st, listFixture(t, mieu), true)
	loadList(t, st, listFixture(t, sdnV2), true)
	for _, c := range []struct {
		name  string
		limit int
		want  []string
	}{
		// the entity with the most and rarest shared keys first; then by list and source id among equal sums
		{"Kalashnikov Concern", 100, []string{"ofac_sdn/16911"}},
		{"Rosoboronexport", 100, []string{"ofac_sdn/18782"}},
		{"ZAO Tekhkrim", 100, []string{"ofac_sdn/43225"}},
		{"OOO Molot", 100, []string{"ofac_sdn/22406"}},
		{"Military Intelligence Directorate", 100, []string{"us_bis_mieu/Directorate of Military Intelligence",
			"us_bis_mieu/Directorate of Military Counterintelligence"}},
		{"Military Intelligence Directorate", 1, []string{"us_bis_mieu/Directorate of Military Intelligence"}},
		// equal sums: by source id
		{"Directorate", 100, []string{"us_bis_mieu/Directorate of Military Counterintelligence",
			"us_bis_mieu/Directorate of Military Intelligence"}},
		{"Directorate", 1, []string{"us_bis_mieu/Directorate of Military Counterintelligence"}},
		{"Directorate", 0, []string{}},
		// Aerocaribbean left the list with v1: only the current versions are searched
		{"Aerocaribbean Airlines", 100, []string{}},
		{"Banco Nacional de Cuba", 100, []string{"ofac_sdn/306"}},
		{"National Bank of Cuba", 100, []string{"ofac_sdn/306"}}, // v2 dropped this alias, Cuba is still a key
	} {
		got, ok := candidates(t, st, c.name, c.limit)
		if !ok {
			t.Errorf("ListCandidates(%q) not ok, want the store's candidates", c.name)
		}
		if diff := cmp.Diff(c.want, got); diff != "" {
			t.Errorf("ListCandidates(%q, %d) (-want +got):\n%s", c.name, c.limit, diff)
		}
	}
	if got, ok, err := st.ListCandidates(ctx, nil, 10); err != nil || !ok || len(got) != 0 {
		t.Errorf("ListCandidates(no keys) = %d, %v, %v; want none, ok", len(got), ok, err)
	}
	// a current version loaded without keys: the caller must index every entity
	nokeys := listFixture(t, mieu)
	nokeys.List, nokeys.SHA256, nokeys.Keys = "us_bis_mieu_nokeys", "nokeys", nil
	loadList(t, st, nokeys, true)
	if _, ok, err := st.ListCandidates(ctx, []string{"p:kalashnikov"}, 10); err != nil || ok {
		t.Errorf("ListCandidates with a current version without keys = %v, %v; want not ok", ok, err)
	}
}

// Countdown is a context that cancels itself when it has been looked at (Done or Err) a given number of times:
// a load under it is interrupted at a different point of its work for each count.
type Countdown struct {
	context.Context
	// OnLook, when set, is called at every look with its number, before the look that cancels: a test can
	// watch what the store has done so far. It may be called from several goroutines.
	OnLook func(n int64)
	cancel context.CancelFunc
	left   atomic.Int64
	looked atomic.Int64
}

// NewCountdown returns a context cancelled by its nth look; with n <= 0 it is never cancelled by looks.
func NewCountdown(n int64) *Countdown {
	ctx, cancel := context.WithCancel(context.Background())
	c := &Countdown{Context: ctx, cancel: cancel}
	c.left.Store(n)
	return c
}

func (c *Countdown) tick() {
	n := c.looked.Add(1)
	if c.OnLook != nil {
		c.OnLook(n)
	}
	if c.left.Add(-1) == 0 {
		c.cancel()
	}
}

// Done implements context.Context, counting the look.
func (c *Countdown) Done() <-chan struct{} { c.tick(); return c.Context.Done() }

// Err implements context.Context, counting the look.
func (c *Countdown) Err() error { c.tick(); return c.Context.Err() }

// Looks returns how often the context has been looked at.
func (c *Countdown) Looks() int64 { return c.looked.Load() }

// Cancel cancels the context.
func (c *Countdown) Cancel() { c.cancel() }

// testListInterrupted cancels the load of a new version at many points of its work, from its first look at
// the context to its last: a load that fails leaves the previous version current and nothing of the new one
// visible; a load that returns no error has made the new version current, whole.
func testListInterrupted(t *testing.T, st ListsStore) {
	ctx := context.Background()
	l1, l2 := listFixture(t, sdnV1), listFixture(t, sdnV2)
	v1 := loadList(t, st, l1, true)
	v1.Current = true
	// how often a whole load looks at its context, measured on a load of the same size into another list
	probe := l2
	probe.List, probe.Entities = "probe", nil
	for _, e := range l2.Entities {
		e.List = "probe"
		probe.Entities = append(probe.Entities, e)
	}
	full := NewCountdown(-1)
	if _, added, err := st.LoadList(full, probe); err != nil || !added {
		t.Fatalf("LoadList(probe) = %v, %v; want a version", added, err)
	}
	looks := full.Looks()
	if looks < 2 {
		t.Fatalf("a load looked at its context %d times, want it to look between its steps", looks)
	}
	key1 := listsKey(t, st)
	probeEnts := currentEntities(t, st)[6:]

	steps := map[int64]bool{}
	for n := int64(1); n <= looks; n += max(1, looks/16) {
		steps[n] = true
	}
	for n := max(1, looks-3); n <= looks; n++ {
		steps[n] = true
	}
	var failed, done int
	for n := int64(1); n <= looks && done == 0; n++ {
		if !steps[n] {
			continue
		}
		cctx := NewCountdown(n)
		v, added, err := st.LoadList(cctx, l2)
		cctx.Cancel()
		if err == nil {
			done++
			if !added || !v.Current || v.Entities != 6 || v.Names != 17 {
				t.Errorf("LoadList cancelled after %d of %d looks = %+v added %v, no error; want v2 added and current", n, looks, v, added)
			}
			break
		}
		failed++
		// the failed load changed nothing that a reader sees
		if vs := versions(t, st, "ofac_sdn"); len(vs) != 1 || !sameVersion(vs[0], v1) {
			t.Fatalf("after a load cancelled at look %d of %d (%v): ofac_sdn versions %+v, want only %+v", n, looks, err, vs, v1)
		}
		if k := listsKey(t, st); k != key1 {
			t.Errorf("after a load cancelled at look %d of %d: ListsKey %q, want %q", n, looks, k, key1)
		}
		want := append(sortedIDs(l1.Entities), ids(probeEnts)...)
		if diff := cmp.Diff(want, ids(currentEntities(t, st))); diff != "" {
			t.Fatalf("after a load cancelled at look %d of %d: current entities (-want +got):\n%s", n, looks, diff)
		}
		if got, _ := candidates(t, st, "CLOSED JOINT STOCK COMPANY TEKHKRIM", 10); len(got) != 1 || got[0] != "probe/43225" {
			t.Errorf("after a load cancelled at look %d of %d: candidates of Tekhkrim %q, want only the probe's", n, looks, got)
		}
	}
	if failed == 0 {
		t.Errorf("no load failed when its context was cancelled at looks 1…%d of %d", looks, looks)
	}
	t.Logf("%d looks at the context per load; %d cancelled loads failed cleanly, %d finished", looks, failed, done)

	// the next load goes through and is whole
	if done == 0 {
		loadList(t, st, l2, true)
	}
	vs := versions(t, st, "ofac_sdn")
	if len(vs) != 2 || !vs[0].Current || vs[0].Entities != 6 || vs[1].ID != v1.ID || vs[1].Current {
		t.Fatalf("ofac_sdn versions after the interrupted loads = %+v, want v2 current over v1", vs)
	}
	got, err := st.ListVersionEntities(ctx, vs[0].ID)
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(sortedIDs(l2.Entities), ids(got)); diff != "" {
		t.Errorf("v2 entities after the interrupted loads (-want +got):\n%s", diff)
	}
	if c, _ := candidates(t, st, "CLOSED JOINT STOCK COMPANY TEKHKRIM", 10); !cmp.Equal(c, []string{"ofac_sdn/43225", "probe/43225"}) {
		t.Errorf("candidates of Tekhkrim after v2 = %q, want ofac_sdn's and the probe's, once each", c)
	}
}
