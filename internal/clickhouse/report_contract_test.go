package clickhouse_test

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	gocmp "github.com/google/go-cmp/cmp"

	"tradetrace/internal/cases"
	"tradetrace/internal/clickhouse"
	"tradetrace/internal/detect"
	"tradetrace/internal/detect/front"
	"tradetrace/internal/detect/misdeclared"
	"tradetrace/internal/detect/redflag"
	"tradetrace/internal/detect/route"
	"tradetrace/internal/detect/unitvalue"
	"tradetrace/internal/duckdb"
	"tradetrace/internal/ingest"
	"tradetrace/internal/party"
	"tradetrace/internal/report"
	"tradetrace/internal/sample"
	"tradetrace/internal/storetest"
	"tradetrace/internal/trade"
)

// chReports is a ClickHouse store giving its report source as the contract's interface.
type chReports struct{ *clickhouse.DB }

func (d chReports) ReportSource() storetest.ReportSource { return d.Reports() }

var _ storetest.ReportSource = (*clickhouse.ReportSource)(nil)

// TestReportsContract runs the contract of the reports' and exports' reads on the ClickHouse cluster.
func TestReportsContract(t *testing.T) {
	if os.Getenv("TRADETRACE_CH_ADDRS") == "" {
		testURL(t, "") // skips, saying why
	}
	storetest.RunReports(t, func(t *testing.T) storetest.ReportsStore { return chReports{openCH(t)} })
}

// reportDiffStore is a store as the differential test drives it: read by the detectors, resolving parties,
// keeping cases, and read by the reports.
type reportDiffStore interface {
	storetest.ScansStore
	storetest.ReportsStore
}

// duckReports is a DuckDB store giving its report source as the contract's interface.
type duckReports struct{ *duckdb.DB }

func (d duckReports) ReportSource() storetest.ReportSource { return d.Reports() }

// TestReportsSameAsDuckDB loads one generated sample (with the planted events) into a DuckDB file and into
// ClickHouse, resolves each store's parties, runs the goods and route detectors on each, builds the cases from
// each store's case inputs, screens and triages alike; then every method of the report source gives the same
// answer on both stores for a spread of cases and parties, and the case and party reports render the same
// HTML. Sums may differ in their last bits (the stores add in other orders): numbers compare to ten
// significant digits.
func TestReportsSameAsDuckDB(t *testing.T) {
	if os.Getenv("TRADETRACE_CH_ADDRS") == "" {
		testURL(t, "") // skips, saying why
	}
	ctx := context.Background()
	dir := t.TempDir()
	m, err := sample.Generate(ctx, sample.Config{Dir: filepath.Join(dir, "sample"), Rows: 4000, Seed: 2022, Workers: 1})
	if err != nil {
		t.Fatal(err)
	}
	duck, err := duckdb.Open(ctx, filepath.Join(dir, "r.duckdb"), duckdb.Config{})
	if err != nil {
		t.Fatal(err)
	}
	defer duck.Close()
	stores := []reportDiffStore{duckReports{duck}, chReports{openCH(t)}}
	now := time.Date(2026, 12, 5, 12, 0, 0, 0, time.UTC)
	var ncases [2]int
	start := time.Now()
	for i, st := range stores {
		for _, f := range m.Files {
			if _, err := ingest.File(ctx, st, filepath.Join(dir, "sample", f.Name), ingest.Options{Profile: f.Profile, Workers: 2}); err != nil {
				t.Fatal(err)
			}
		}
		vs, err := st.PartyVariants(ctx)
		if err != nil {
			t.Fatal(err)
		}
		r, err := party.Resolve(ctx, vs, party.Options{Workers: 2})
		if err != nil {
			t.Fatal(err)
		}
		if err := st.ReplaceParties(ctx, r); err != nil {
			t.Fatal(err)
		}
		if _, err := st.ReadGoods(ctx, detect.GoodsReaderVersion, detect.ClassifyGoods, nil); err != nil {
			t.Fatal(err)
		}
		ds := []detect.Detector{
			detect.Military{Classify: detect.ClassifyGoods, ClassifyVersion: detect.GoodsReaderVersion},
			misdeclared.Detector{Store: st}, unitvalue.Detector{Store: st},
			route.Transshipment{Lines: st}, route.Chain{Lines: st},
			redflag.RedFlags{Store: st, Lines: st}, front.Fronts{Store: st},
		}
		if _, err := detect.Run(ctx, st, st, ds); err != nil {
			t.Fatalf("detect on %T: %v", st, err)
		}
		in, err := st.CaseInputs(ctx)
		if err != nil {
			t.Fatal(err)
		}
		cs := cases.Build(in, cases.Options{RouteDetectors: []string{"transshipment", "transshipment_chain"}, Now: now})
		if err := st.ReplaceCases(ctx, cs); err != nil {
			t.Fatal(err)
		}
		ncases[i] = len(cs)
		t.Logf("store %d: ingested, resolved, detected and built cases in %s", i, time.Since(start).Round(time.Millisecond))
		start = time.Now()
	}
	if ncases[0] != ncases[1] || ncases[0] < 10 {
		t.Fatalf("cases built: %d on DuckDB, %d on ClickHouse; want the same, at least 10", ncases[0], ncases[1])
	}
	src := []storetest.ReportSource{stores[0].ReportSource(), stores[1].ReportSource()}

	// same calls get on both stores and requires the same answer.
	var took [2]time.Duration
	byMethod := map[string]*[2]time.Duration{}
	same := func(what string, get func(src storetest.ReportSource) (any, error)) any {
		t.Helper()
		var got [2]any
		for i, s := range src {
			t0 := time.Now()
			v, err := get(s)
			took[i] += time.Since(t0)
			m, _, _ := strings.Cut(what, "(")
			if byMethod[m] == nil {
				byMethod[m] = new([2]time.Duration)
			}
			byMethod[m][i] += time.Since(t0)
			if err != nil {
				t.Fatalf("%s on %s: %v", what, []string{"DuckDB", "ClickHouse"}[i], err)
			}
			got[i] = v
		}
		if diff := gocmp.Diff(got[0], got[1], floatsClose); diff != "" {
			t.Errorf("%s: DuckDB and ClickHouse differ (-duckdb +clickhouse):\n%s", what, diff)
		}
		return got[0]
	}
	all := same("AllParties(0)", func(s storetest.ReportSource) (any, error) { return s.AllParties(ctx, 0) }).([]report.Party)
	same("AllParties(25)", func(s storetest.ReportSource) (any, error) { return s.AllParties(ctx, 25) })
	if len(all) < 100 {
		t.Fatalf("%d parties; the comparison wants a few hundred", len(all))
	}
	// Screening's matches and triage, the same on both.
	var ms []duckdb.PartyMatches
	for i, p := range all[:12] {
		ms = append(ms, duckdb.PartyMatches{ID: p.ID, Risk: float64(i%4) / 4, Matches: fmt.Sprintf(
			`[{"list":"ofac_sdn","caption":"entry %d","score":{"score":0.%d,"explanation":"tokens"}},{"dataset":"eu_fsf","name":"x","score":0.5,"reason":"id"}]`, i, 50+i)})
	}
	cs, err := stores[0].Cases(ctx, duckdb.CaseFilter{})
	if err != nil {
		t.Fatal(err)
	}
	for _, st := range stores {
		if err := st.SetPartyMatches(ctx, ms); err != nil {
			t.Fatal(err)
		}
		for i := 0; i < len(cs); i += 7 {
			dec := cases.Decision{Target: cases.CaseTarget(cs[i].Key), Status: cases.StatusConfirmed, Who: "ana", Decided: now.Add(time.Duration(i) * time.Minute)}
			if _, err := st.SetTriage(ctx, dec); err != nil {
				t.Fatal(err)
			}
		}
	}
	all = same("AllParties(0) after screening", func(s storetest.ReportSource) (any, error) { return s.AllParties(ctx, 0) }).([]report.Party)
	sp := same("ShipmentParties", func(s storetest.ReportSource) (any, error) { return s.ShipmentParties(ctx) }).(map[trade.ShipmentID][2]int64)
	if len(sp) < 3000 {
		t.Errorf("ShipmentParties = %d shipments, want the sample's", len(sp))
	}

	// Every line, as evidence rows (four chunks of a query).
	var ids []trade.ShipmentID
	for id := range sp {
		ids = append(ids, id)
	}
	// Each store read the files at its own time: a row's run start is its store's (to the second), and is
	// left out of the comparison.
	started := make([]map[trade.RunID]time.Time, 2)
	for i, st := range stores {
		runs, err := st.Runs(ctx, 1000)
		if err != nil {
			t.Fatal(err)
		}
		started[i] = map[trade.RunID]time.Time{}
		for _, r := range runs {
			started[i][r.ID] = r.Started
		}
	}
	rows := same("Rows(every line)", func(s storetest.ReportSource) (any, error) {
		rs, err := s.Rows(ctx, ids)
		i := slices.Index(src, s)
		for j := range rs {
			if d := rs[j].RunStarted.Sub(started[i][rs[j].Prov.Run]); d.Abs() >= time.Second || rs[j].RunStarted.IsZero() {
				t.Errorf("store %d: row %s read by run %d at %v, the run started at %v", i, rs[j].RecordID, rs[j].Prov.Run, rs[j].RunStarted, started[i][rs[j].Prov.Run])
			}
			rs[j].RunStarted = time.Time{}
		}
		return rs, err
	}).([]report.Row)
	if len(rows) != len(ids) {
		t.Errorf("Rows(every line) = %d rows, want %d", len(rows), len(ids))
	}

	// A spread of cases: their findings, parties and evidence.
	var caseIDs []int64
	for i, c := range cs {
		if i < 10 || i%20 == 0 {
			caseIDs = append(caseIDs, c.ID)
		}
	}
	named := map[int64]bool{}
	for _, id := range caseIDs {
		c := same(fmt.Sprintf("Case(%d)", id), func(s storetest.ReportSource) (any, error) { return s.Case(ctx, id) }).(*cases.Case)
		same(fmt.Sprintf("Findings(case %d)", id), func(s storetest.ReportSource) (any, error) { return s.Findings(ctx, c.Findings) })
		same(fmt.Sprintf("Parties(case %d)", id), func(s storetest.ReportSource) (any, error) { return s.Parties(ctx, c.PartyIDs) })
		for _, p := range c.PartyIDs {
			named[p] = true
		}
	}
	// A spread of parties: the biggest, every fortieth, and those the cases name.
	var partyIDs []int64
	for i, p := range all {
		if i < 10 || i%40 == 0 || named[p.ID] {
			partyIDs = append(partyIDs, p.ID)
		}
	}
	var withFindings, withCases int
	for _, id := range partyIDs {
		same(fmt.Sprintf("Party(%d)", id), func(s storetest.ReportSource) (any, error) { return s.Party(ctx, id) })
		fs := same(fmt.Sprintf("PartyFindings(%d)", id), func(s storetest.ReportSource) (any, error) { return s.PartyFindings(ctx, id) }).([]trade.Finding)
		pc := same(fmt.Sprintf("PartyCases(%d)", id), func(s storetest.ReportSource) (any, error) { return s.PartyCases(ctx, id) }).([]cases.Case)
		same(fmt.Sprintf("PartyTotals(%d)", id), func(s storetest.ReportSource) (any, error) { return s.PartyTotals(ctx, id) })
		same(fmt.Sprintf("Network(%d, 2, 25)", id), func(s storetest.ReportSource) (any, error) { return s.Network(ctx, id, 2, 25) })
		same(fmt.Sprintf("Network(%d, 3, 4)", id), func(s storetest.ReportSource) (any, error) { return s.Network(ctx, id, 3, 4) })
		if len(fs) > 0 {
			withFindings++
		}
		if len(pc) > 0 {
			withCases++
		}
	}
	t.Logf("%d parties, %d cases, %d lines; compared %d cases and %d parties (%d with findings, %d with cases): DuckDB %s, ClickHouse %s",
		len(all), len(cs), len(rows), len(caseIDs), len(partyIDs), withFindings, withCases, took[0].Round(time.Millisecond), took[1].Round(time.Millisecond))
	for m, d := range byMethod {
		t.Logf("%s: DuckDB %s, ClickHouse %s", m, d[0].Round(time.Millisecond), d[1].Round(time.Millisecond))
	}
	if withFindings < 5 || withCases < 5 {
		t.Errorf("of the parties compared, %d have findings and %d cases; the comparison wants more", withFindings, withCases)
	}
	for _, id := range []int64{-1, 1 << 60} {
		for i, s := range src {
			if _, err := s.Case(ctx, id); !errors.Is(err, trade.ErrNotFound) {
				t.Errorf("store %d: Case(%d) error = %v, want trade.ErrNotFound", i, id, err)
			}
			if _, err := s.Party(ctx, id); !errors.Is(err, trade.ErrNotFound) {
				t.Errorf("store %d: Party(%d) error = %v, want trade.ErrNotFound", i, id, err)
			}
		}
	}

	// The reports themselves, rendered.
	html := func(what string, build func(s storetest.ReportSource) (*report.Report, error)) {
		t.Helper()
		var out [2]string
		for i, s := range src {
			r, err := build(s)
			if err != nil {
				t.Fatalf("%s on store %d: %v", what, i, err)
			}
			var b bytes.Buffer
			if err := r.WriteHTML(&b); err != nil {
				t.Fatal(err)
			}
			out[i] = b.String()
		}
		if out[0] != out[1] {
			t.Errorf("%s: the HTML differs (-duckdb +clickhouse):\n%s", what, gocmp.Diff(strings.Split(out[0], "\n"), strings.Split(out[1], "\n")))
		}
		if !strings.Contains(out[0], "<tr id=\"E1\">") && strings.HasPrefix(what, "BuildCase") {
			t.Errorf("%s cites no evidence row", what)
		}
	}
	for _, id := range caseIDs[:6] {
		html(fmt.Sprintf("BuildCase(%d)", id), func(s storetest.ReportSource) (*report.Report, error) { return report.BuildCase(ctx, s, id, now) })
	}
	for _, id := range partyIDs[:6] {
		html(fmt.Sprintf("BuildParty(%d)", id), func(s storetest.ReportSource) (*report.Report, error) { return report.BuildParty(ctx, s, id, now) })
	}
}
