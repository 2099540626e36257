package clickhouse_test

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	ch "github.com/ClickHouse/clickhouse-go/v2"
	"github.com/google/go-cmp/cmp"

	"tradetrace/internal/cases"
	"tradetrace/internal/clickhouse"
	"tradetrace/internal/detect"
	"tradetrace/internal/duckdb"
	"tradetrace/internal/ingest"
	"tradetrace/internal/sample"
	"tradetrace/internal/storetest"
	"tradetrace/internal/trade"
)

// TestCasesContract runs the contract of cases, triage and detector state on the ClickHouse cluster.
func TestCasesContract(t *testing.T) {
	if os.Getenv("TRADETRACE_CH_ADDRS") == "" {
		testURL(t, "") // skips, saying why
	}
	storetest.RunCases(t, func(t *testing.T) storetest.CasesStore {
		d, err := clickhouse.Open(context.Background(), testURL(t, ""))
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { d.Close() })
		return d
	})
}

// TestCasesSameAsDuckDB loads one generated sample into a DuckDB store and into ClickHouse, runs the military
// detector on both with their detector state, stores the same cases in both, makes the same triage decisions,
// and requires every reader of cases, triage and detector state to give the same answers.
func TestCasesSameAsDuckDB(t *testing.T) {
	url := testURL(t, "")
	ctx := context.Background()
	dir := t.TempDir()
	m, err := sample.Generate(ctx, sample.Config{Dir: filepath.Join(dir, "sample"), Rows: 3000, Seed: 11, Workers: 1})
	if err != nil {
		t.Fatal(err)
	}
	duck, err := duckdb.Open(ctx, filepath.Join(dir, "d.duckdb"), duckdb.Config{})
	if err != nil {
		t.Fatal(err)
	}
	defer duck.Close()
	chs, err := clickhouse.Open(ctx, url)
	if err != nil {
		t.Fatal(err)
	}
	defer chs.Close()
	stores := []storetest.CasesStore{duck, chs}
	for _, f := range m.Files {
		for _, st := range stores {
			if _, err := ingest.File(ctx, st, filepath.Join(dir, "sample", f.Name), ingest.Options{Profile: f.Profile, Workers: 1}); err != nil {
				t.Fatal(err)
			}
		}
	}
	// same calls fn on both stores and requires the same result.
	same := func(what string, fn func(st storetest.CasesStore) (any, error)) any {
		t.Helper()
		want, err := fn(duck)
		if err != nil {
			t.Fatalf("%s on DuckDB: %v", what, err)
		}
		got, err := fn(chs)
		if err != nil {
			t.Fatalf("%s on ClickHouse: %v", what, err)
		}
		if diff := cmp.Diff(want, got); diff != "" {
			t.Errorf("%s (-duckdb +clickhouse):\n%s", what, diff)
		}
		return want
	}
	detectAll := func(st storetest.CasesStore) (any, error) {
		ds := []detect.Detector{detect.Military{Classify: detect.ClassifyGoods}}
		reps, err := detect.RunWith(ctx, st, st, ds, detect.Options{State: st})
		for i := range reps {
			reps[i].Took, reps[i].Stored = 0, 0 // times differ between stores
		}
		return reps, err
	}
	reps := same("the first detect run", detectAll).([]detect.Report)
	if len(reps) != 1 || reps[0].Skipped || reps[0].Findings < 20 {
		t.Fatalf("first detect run: %+v; want the military detector run with at least 20 findings on the sample", reps)
	}
	if r := same("a detect run on the same input", detectAll).([]detect.Report); !r[0].Skipped || r[0].Findings != reps[0].Findings {
		t.Errorf("second detect run: %+v; want the detector skipped, its %d findings kept", r, reps[0].Findings)
	}
	same("CurrentInput", func(st storetest.CasesStore) (any, error) { return st.CurrentInput(ctx) })
	same("DetectorInput(military_goods)", func(st storetest.CasesStore) (any, error) {
		v, in, n, ok, err := st.DetectorInput(ctx, "military_goods")
		return []any{v, in, n, ok}, err
	})
	fs := same("Findings", func(st storetest.CasesStore) (any, error) { return st.Findings(ctx, duckdb.FindingFilter{}) }).([]trade.Finding)

	// Cases built from what the DuckDB store reads of the findings' shipments (CaseInputs is not in this
	// slice of the ClickHouse store), stored in both.
	build := func() []cases.Case {
		t.Helper()
		in, err := duck.CaseInputs(ctx)
		if err != nil {
			t.Fatal(err)
		}
		cs := cases.Build(in, cases.Options{RouteDetectors: []string{"transshipment", "transshipment_chain"}, Now: time.Date(2026, 12, 1, 10, 0, 0, 0, time.UTC)})
		for _, st := range stores {
			if err := st.ReplaceCases(ctx, cs); err != nil {
				t.Fatal(err)
			}
		}
		return cs
	}
	cs := build()
	if len(cs) < 10 {
		t.Fatalf("%d cases from %d findings; want at least 10", len(cs), len(fs))
	}
	// The same decisions on both: on every tenth case and every tenth finding, up to three each, in the same
	// instants.
	at := time.Date(2026, 12, 2, 9, 0, 0, 0, time.UTC)
	var targets []cases.Target
	statuses := []cases.Status{cases.StatusConfirmed, cases.StatusDismissed, cases.StatusNew}
	for i := 0; i < len(cs); i += 10 {
		targets = append(targets, cases.CaseTarget(cs[i].Key))
	}
	for i := 0; i < len(fs); i += 10 {
		targets = append(targets, cases.FindingTarget(fs[i].Key))
	}
	for i, tg := range targets {
		for j := 0; j <= i%3; j++ {
			dec := cases.Decision{Target: tg, Status: statuses[(i+j)%3], Note: fmt.Sprintf("decision %d", j), Who: "ana", Decided: at.Add(time.Duration(i) * time.Second)}
			same("SetTriage("+string(tg)+")", func(st storetest.CasesStore) (any, error) { return st.SetTriage(ctx, dec) })
		}
	}
	cs = build() // dismissed findings change the scores
	filters := []duckdb.CaseFilter{{}, {Status: cases.StatusNew}, {Status: cases.StatusConfirmed}, {Status: cases.StatusDismissed},
		{Kind: cases.KindParty}, {Kind: cases.KindRoute}, {MinScore: 0.8}, {Limit: 5}, {Limit: 5, Offset: 5}, {Offset: 7},
		{Status: cases.StatusNew, Kind: cases.KindParty, MinScore: 0.5, Limit: 3, Offset: 1}}
	for _, f := range filters {
		got := same(fmt.Sprintf("Cases(%+v)", f), func(st storetest.CasesStore) (any, error) { return st.Cases(ctx, f) }).([]cases.Case)
		if f == (duckdb.CaseFilter{}) && len(got) != len(cs) {
			t.Errorf("Cases() = %d cases, want the %d built", len(got), len(cs))
		}
		if f.Status == cases.StatusConfirmed && len(got) == 0 {
			t.Errorf("Cases(confirmed) is empty: the triage did not reach the cases")
		}
	}
	for i, c := range cs {
		if i >= 20 && i%10 != 0 {
			continue
		}
		for _, idOrKey := range []string{c.Key, fmt.Sprint(c.ID)} {
			same("Case("+idOrKey+")", func(st storetest.CasesStore) (any, error) {
				c, fs, err := st.Case(ctx, idOrKey)
				return []any{c, fs}, err
			})
		}
	}
	for _, tg := range targets {
		same("TriageHistory("+string(tg)+")", func(st storetest.CasesStore) (any, error) { return st.TriageHistory(ctx, tg) })
	}
	st := same("FindingStatuses", func(st storetest.CasesStore) (any, error) { return st.FindingStatuses(ctx) }).(map[string]cases.Status)
	if len(st) == 0 {
		t.Errorf("FindingStatuses is empty after triaging findings")
	}
	for _, f := range fs[:min(len(fs), 20)] {
		same(fmt.Sprintf("FindingKeyByID(%d)", f.ID), func(st storetest.CasesStore) (any, error) {
			k, ok, err := st.FindingKeyByID(ctx, f.ID)
			return []any{k, ok}, err
		})
	}

	// Each shard holds a share of the cases and of the decisions.
	for _, a := range chs.Shards() {
		c, err := ch.Open(&ch.Options{Addr: []string{a}})
		if err != nil {
			t.Fatal(err)
		}
		defer c.Close()
		db := strings.TrimPrefix(url[strings.LastIndex(url, "/"):], "/")
		for _, table := range []string{"cases_local", "triage_local"} {
			var n uint64
			if err := c.QueryRow(ctx, `SELECT count() FROM `+db+`.`+table).Scan(&n); err != nil {
				t.Fatal(err)
			}
			if n == 0 {
				t.Errorf("shard %s holds no rows of %s", a, table)
			}
		}
	}
}

// TestCaseGenerations checks how a new set of cases becomes visible: rows of a generation not recorded in
// case_sets are never read, the generation current just before a replace stays for readers that started on it,
// and older ones are deleted.
func TestCaseGenerations(t *testing.T) {
	ctx := context.Background()
	d, err := clickhouse.Open(ctx, testURL(t, ""))
	if err != nil {
		t.Fatal(err)
	}
	defer d.Close()
	set := func(keys ...string) []cases.Case {
		var cs []cases.Case
		for i, k := range keys {
			cs = append(cs, cases.Case{ID: int64(i + 1), Key: k, Kind: cases.KindParty, Title: k, Score: 0.5, Created: time.Now()})
		}
		return cs
	}
	if err := d.ReplaceCases(ctx, set("party:a", "party:b")); err != nil {
		t.Fatal(err)
	}
	// A generation written but never recorded, as a process killed before its commit leaves it.
	b, err := d.Conn().PrepareBatch(ctx, `INSERT INTO cases (generation, id, key, kind, title, score, reasons, findings, party_ids, value_usd, first_date, last_date, created)`)
	if err != nil {
		t.Fatal(err)
	}
	if err := b.Append(uint64(1)<<62, int64(1), "party:orphan", "party", "orphan", 0.99, "[]", "[]", "[]", 0.0, nil, nil, time.Now().UnixMicro()); err != nil {
		t.Fatal(err)
	}
	if err := b.Send(); err != nil {
		t.Fatal(err)
	}
	read := func() []string {
		t.Helper()
		cs, err := d.Cases(ctx, clickhouse.CaseFilter{})
		if err != nil {
			t.Fatal(err)
		}
		var k []string
		for _, c := range cs {
			k = append(k, c.Key)
		}
		return k
	}
	if k := read(); !cmp.Equal(k, []string{"party:a", "party:b"}) {
		t.Errorf("with an unrecorded generation written, Cases = %v, want party:a, party:b", k)
	}
	if _, _, err := d.Case(ctx, "party:orphan"); !errors.Is(err, duckdb.ErrNotFound) {
		t.Errorf("Case(party:orphan) error = %v, want not found", err)
	}
	if err := d.ReplaceCases(ctx, set("party:c")); err != nil {
		t.Fatal(err)
	}
	if err := d.ReplaceCases(ctx, set("party:d", "party:e", "party:f")); err != nil {
		t.Fatal(err)
	}
	if k := read(); !cmp.Equal(k, []string{"party:d", "party:e", "party:f"}) {
		t.Errorf("after two more replaces, Cases = %v, want party:d, party:e, party:f", k)
	}
	var gens []uint64
	rows, err := d.Conn().Query(ctx, `SELECT generation FROM case_sets ORDER BY generation`)
	if err != nil {
		t.Fatal(err)
	}
	for rows.Next() {
		var g uint64
		if err := rows.Scan(&g); err != nil {
			t.Fatal(err)
		}
		gens = append(gens, g)
	}
	rows.Close()
	if len(gens) != 3 {
		t.Fatalf("case_sets holds %d generations, want 3", len(gens))
	}
	count := func(gen uint64) uint64 {
		var n uint64
		if err := d.Conn().QueryRow(ctx, `SELECT count() FROM cases WHERE generation = ?`, gen).Scan(&n); err != nil {
			t.Fatal(err)
		}
		return n
	}
	if n := count(gens[1]); n != 1 {
		t.Errorf("the generation current before the last replace holds %d rows, want its 1 kept for readers", n)
	}
	// The first generation is deleted by a background mutation.
	deadline := time.Now().Add(30 * time.Second)
	for count(gens[0]) != 0 && time.Now().Before(deadline) {
		time.Sleep(200 * time.Millisecond)
	}
	if n := count(gens[0]); n != 0 {
		t.Errorf("the first generation still holds %d rows after 30 s, want them deleted", n)
	}
}
