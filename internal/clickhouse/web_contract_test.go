package clickhouse_test

import (
	"cmp"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"

	gocmp "github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"

	"tradetrace/internal/cases"
	"tradetrace/internal/clickhouse"
	"tradetrace/internal/detect"
	"tradetrace/internal/detect/redflag"
	"tradetrace/internal/detect/route"
	"tradetrace/internal/duckdb"
	"tradetrace/internal/ingest"
	"tradetrace/internal/party"
	"tradetrace/internal/sample/sampletest"
	"tradetrace/internal/storetest"
	"tradetrace/internal/trade"
	"tradetrace/internal/web"
)

// The ClickHouse store serves the workbench. (The assertion lives here: the store does not import the web
// package, adapters do not import each other.)
var _ web.Store = (*clickhouse.DB)(nil)

// openWeb opens a new, empty store on the test cluster.
func openWeb(t *testing.T) *clickhouse.DB {
	t.Helper()
	d, err := clickhouse.Open(context.Background(), testURL(t, ""))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { d.Close() })
	return d
}

// TestWebContract runs the workbench's contract on the ClickHouse cluster.
func TestWebContract(t *testing.T) {
	if os.Getenv("TRADETRACE_CH_ADDRS") == "" {
		testURL(t, "") // skips, saying why
	}
	storetest.RunWeb(t, func(t *testing.T) storetest.WebStore { return openWeb(t) })
}

// webSamples builds a generated sample (a few thousand lines with the planted events) into a DuckDB store and
// into ClickHouse, the same files in the same order (and the web fixture, which has rejected rows), and gives both the same resolved parties (resolved once,
// from DuckDB's variants), the same screening matches for a few of them, the same findings (detectors run on
// DuckDB, written to ClickHouse detector by detector in the order DuckDB numbered them, so that both hold the
// same ids), the same cases, the same triage decisions and the same list versions.
func webSamples(t *testing.T) (*duckdb.DB, *clickhouse.DB) {
	t.Helper()
	ctx := context.Background()
	duck, m, dir := sampletest.Store(t, 3000, 2023, 0)
	chs := openWeb(t)
	for _, f := range m.Files {
		if _, err := ingest.File(ctx, chs, filepath.Join(dir, f.Name), ingest.Options{Profile: f.Profile}); err != nil {
			t.Fatalf("ingest %s into ClickHouse: %v", f.Name, err)
		}
	}
	lines := storetest.WebLines(t) // a run with rejected rows
	for _, st := range []ingest.Store{duck, chs} {
		if _, err := ingest.File(ctx, st, lines, ingest.Options{Profile: "canonical"}); err != nil {
			t.Fatalf("ingest %s: %v", lines, err)
		}
	}
	vs, err := duck.PartyVariants(ctx)
	if err != nil {
		t.Fatal(err)
	}
	res, err := party.Resolve(ctx, vs, party.Options{Workers: 2})
	if err != nil {
		t.Fatal(err)
	}
	for _, st := range []interface {
		ReplaceParties(context.Context, *party.Result) error
	}{duck, chs} {
		if err := st.ReplaceParties(ctx, res); err != nil {
			t.Fatalf("ReplaceParties: %v", err)
		}
	}
	top, _, err := duck.WebSearchParties(ctx, duckdb.WebPartySearch{Limit: 6})
	if err != nil || len(top) < 6 {
		t.Fatalf("WebSearchParties = %d parties, %v; want 6", len(top), err)
	}
	var ms []duckdb.PartyMatches
	for i, h := range top[2:6] {
		id, _ := strconv.ParseInt(h.Ref, 10, 64)
		ms = append(ms, duckdb.PartyMatches{ID: id, Risk: 0.2 * float64(i+1),
			Matches: `[{"list":"test_list","caption":"` + h.Name + `","score":0.9,"features":[]}]`})
	}
	for _, st := range []interface {
		SetPartyMatches(context.Context, []duckdb.PartyMatches) error
	}{duck, chs} {
		if err := st.SetPartyMatches(ctx, ms); err != nil {
			t.Fatalf("SetPartyMatches: %v", err)
		}
	}
	ds := []detect.Detector{
		detect.Military{Classify: detect.ClassifyGoods, ClassifyVersion: detect.GoodsReaderVersion},
		route.Transshipment{Lines: duck},
		redflag.RedFlags{Store: duck, Lines: duck},
	}
	if _, err := detect.RunWith(ctx, duck, duck, ds, detect.Options{}); err != nil {
		t.Fatalf("detect on DuckDB: %v", err)
	}
	fs, err := duck.Findings(ctx, duckdb.FindingFilter{})
	if err != nil {
		t.Fatal(err)
	}
	byDetector := map[string][]trade.Finding{}
	var order []string
	slices.SortFunc(fs, func(a, b trade.Finding) int { return cmp.Compare(a.ID, b.ID) })
	for _, f := range fs {
		if byDetector[f.Detector] == nil {
			order = append(order, f.Detector)
		}
		byDetector[f.Detector] = append(byDetector[f.Detector], f)
	}
	if len(order) < 2 || len(fs) < 20 {
		t.Fatalf("detectors on the sample found %d findings of %d detectors; want at least 20 of 2", len(fs), len(order))
	}
	for _, det := range order {
		if err := chs.ReplaceFindings(ctx, det, byDetector[det][0].DetectorVersion, byDetector[det]); err != nil {
			t.Fatal(err)
		}
	}
	in, err := duck.CaseInputs(ctx)
	if err != nil {
		t.Fatal(err)
	}
	cs := cases.Build(in, cases.Options{RouteDetectors: []string{"transshipment", "transshipment_chain"}})
	if len(cs) < 5 {
		t.Fatalf("cases.Build made %d cases, want at least 5", len(cs))
	}
	for _, st := range []interface {
		ReplaceCases(context.Context, []cases.Case) error
	}{duck, chs} {
		if err := st.ReplaceCases(ctx, slices.Clone(cs)); err != nil {
			t.Fatalf("ReplaceCases: %v", err)
		}
	}
	webDecide(t, duck, chs, cs)
	for _, l := range storetest.WebLists(t) {
		for _, st := range []interface {
			LoadList(context.Context, duckdb.ListLoad) (duckdb.ListVersion, bool, error)
		}{duck, chs} {
			if _, _, err := st.LoadList(ctx, l); err != nil {
				t.Fatalf("LoadList(%s): %v", l.File, err)
			}
		}
	}
	return duck, chs
}

// webDecide makes the same triage decisions in both stores: on findings and cases, one target decided twice.
// Lists sorted by decision time break ties within a second by score, so the targets are decided in ascending
// score: whether two decisions fall in one second or in two, the later comes first in both stores.
func webDecide(t *testing.T, duck *duckdb.DB, chs *clickhouse.DB, cs []cases.Case) {
	t.Helper()
	ctx := context.Background()
	fs, _, err := duck.WebFindings(ctx, duckdb.WebFindingQuery{Limit: 1000})
	if err != nil || len(fs) < 10 {
		t.Fatalf("WebFindings = %d findings, %v", len(fs), err)
	}
	var ds []duckdb.WebTriage
	for i, f := range []duckdb.WebFinding{fs[9], fs[5], fs[5], fs[2], fs[0]} { // ascending score
		st := []string{"confirmed", "dismissed", "confirmed", "dismissed", "new"}[i]
		ds = append(ds, duckdb.WebTriage{Target: "finding:" + f.Key, Status: st, Note: fmt.Sprintf("note %d: ООО <b>", i), Who: "tester"})
	}
	sorted := slices.Clone(cs)
	slices.SortFunc(sorted, func(a, b cases.Case) int { return cmp.Compare(a.Score, b.Score) })
	for i, c := range sorted[len(sorted)-3:] {
		ds = append(ds, duckdb.WebTriage{Target: "case:" + c.Key, Status: []string{"confirmed", "dismissed", "confirmed"}[i], Who: "tester"})
	}
	for _, d := range ds {
		for _, st := range []web.Store{duck, chs} {
			if err := st.WebAddTriage(ctx, d); err != nil {
				t.Fatalf("WebAddTriage(%+v): %v", d, err)
			}
		}
	}
	for _, st := range []web.Store{duck, chs} {
		for _, d := range []duckdb.WebTriage{{Target: "finding:no-such-key", Status: "confirmed"}, {Target: "case:no-such-key", Status: "confirmed"}} {
			if err := st.WebAddTriage(ctx, d); !errors.Is(err, trade.ErrNotFound) {
				t.Errorf("WebAddTriage(%s) error = %v, want ErrNotFound", d.Target, err)
			}
		}
		for _, d := range []duckdb.WebTriage{{Target: ds[0].Target, Status: "maybe"}, {Target: "party:1", Status: "new"}} {
			if err := st.WebAddTriage(ctx, d); err == nil || errors.Is(err, trade.ErrNotFound) {
				t.Errorf("WebAddTriage(%+v) error = %v, want a refusal", d, err)
			}
		}
	}
}

// TestWebSameAnswers requires the ClickHouse store to answer every question of the workbench as the DuckDB
// store does, on a generated sample.
func TestWebSameAnswers(t *testing.T) {
	if os.Getenv("TRADETRACE_CH_ADDRS") == "" {
		testURL(t, "") // skips, saying why
	}
	duck, chs := webSamples(t)
	storetest.CompareWeb(t, duck, chs)
	t.Run("HTTP", func(t *testing.T) { testWebHTTP(t, duck, chs) })
}

// testWebHTTP serves the workbench over each store and requires every page to answer 200 and every API path the
// same JSON over ClickHouse as over DuckDB.
func testWebHTTP(t *testing.T, duck *duckdb.DB, chs *clickhouse.DB) {
	ctx := context.Background()
	ws, err := web.New(duck, web.Options{})
	if err != nil {
		t.Fatal(err)
	}
	cs, err := web.New(chs, web.Options{})
	if err != nil {
		t.Fatal(err)
	}
	lines, _, err := duck.WebSearchShipments(ctx, duckdb.WebShipmentSearch{Country: "RU", Limit: 3})
	if err != nil || len(lines) < 3 {
		t.Fatalf("WebSearchShipments = %d lines, %v", len(lines), err)
	}
	fs, _, err := duck.WebFindings(ctx, duckdb.WebFindingQuery{Limit: 2})
	if err != nil || len(fs) < 2 {
		t.Fatalf("WebFindings = %d, %v", len(fs), err)
	}
	party := url.PathEscape("n:" + lines[0].Consignee)
	hits, _, err := duck.WebSearchParties(ctx, duckdb.WebPartySearch{Limit: 1})
	if err != nil || len(hits) != 1 || !strings.ContainsAny(hits[0].Ref[:1], "0123456789") {
		t.Fatalf("WebSearchParties = %+v, %v; want a resolved party", hits, err)
	}
	resolved := hits[0].Ref
	kase, _, err := duck.WebCases(ctx, duckdb.WebCaseQuery{Limit: 1})
	if err != nil || len(kase) != 1 {
		t.Fatalf("WebCases = %+v, %v; want a case", kase, err)
	}
	paths := []string{
		"/", "/search?q=" + url.QueryEscape("бронежилет"), "/search?q=norinco", "/search?q=DJI&kind=shipments", "/search?hs=9303",
		"/search?q=ооо&kind=parties&country=RU", "/search?q=rifle&from=2022-01-01&to=2022-12-31",
		"/parties/" + party, "/parties/" + party + "/shipments", "/parties/" + party + "/shipments?role=consignee&offset=1",
		"/shipments/" + strconv.FormatInt(lines[1].ID, 10), "/shipments/" + strconv.FormatInt(lines[2].ID, 10),
		"/findings", "/findings?q=drone", "/findings?sort=value&offset=2", "/findings?status=new&detector=" + url.QueryEscape(fs[1].Detector),
		"/findings/" + strconv.FormatInt(fs[0].ID, 10), "/findings/" + url.PathEscape(fs[1].Key), "/cases", "/flows", "/flows?q=DJI&dest=all",
		"/flows?dest=KZ&from=2022-01-01", "/lists", "/runs", "/runs/1", "/runs/2", "/runs/19",
		"/search?q=" + url.QueryEscape("ооо"), "/search?q=NORINCO&kind=parties", "/parties/" + resolved, "/parties/" + resolved + "/shipments?role=shipper",
		"/findings?status=confirmed", "/findings?sort=decided", "/cases?status=dismissed", "/cases?sort=value", "/cases/" + strconv.FormatInt(kase[0].ID, 10),
	}
	api := []string{"/api/v1/parties/" + party + "/network", "/api/v1/parties/" + party + "/network?hops=2&limit=3",
		"/api/v1/parties/" + resolved + "/network?hops=2", "/api/v1/parties/123456789/network"}
	for _, p := range paths {
		if res, body := webGet(t, cs, p); res.StatusCode != 200 {
			t.Errorf("GET %s over ClickHouse: %d %s", p, res.StatusCode, body)
		}
		if p == "/" {
			p = "/overview"
		}
		api = append(api, "/api/v1"+p)
	}
	for _, p := range append(api, "/api/v1/shipments/"+strconv.FormatInt(lines[0].ID+1<<30, 10), "/api/v1/parties/n:NOBODY") {
		wr, wb := webGet(t, ws, p)
		gr, gb := webGet(t, cs, p)
		if gr.StatusCode != wr.StatusCode {
			t.Errorf("GET %s: %d over ClickHouse, %d over DuckDB: %s", p, gr.StatusCode, wr.StatusCode, gb)
			continue
		}
		var w, g any
		if err := json.Unmarshal([]byte(wb), &w); err != nil {
			t.Errorf("GET %s over DuckDB: %v: %s", p, err, wb)
			continue
		}
		if err := json.Unmarshal([]byte(gb), &g); err != nil {
			t.Errorf("GET %s over ClickHouse: %v: %s", p, err, gb)
			continue
		}
		if d := gocmp.Diff(w, g, cmpopts.EquateApprox(1e-9, 1e-6), gocmp.FilterPath(runTimes, gocmp.Ignore()),
			gocmp.FilterPath(nameEnOfName, gocmp.Ignore())); d != "" {
			t.Errorf("GET %s (-DuckDB +ClickHouse):\n%s", p, d)
		}
	}
}

// runTimes selects the times of runs, triage decisions and list loads, which each store stamps at its own write.
func runTimes(p gocmp.Path) bool {
	k, ok := p.Last().(gocmp.MapIndex)
	return ok && slices.Contains([]string{"started", "finished", "decided", "loaded"}, k.Key().String())
}

// nameEnOfName selects the English name of a party grouped by name ("n:…"), which the DuckDB store takes from
// the first of its English forms in no particular order (storetest.CompareWeb leaves it out too).
func nameEnOfName(p gocmp.Path) bool {
	k, ok := p.Last().(gocmp.MapIndex)
	if !ok || k.Key().String() != "name_en" {
		return false
	}
	v, _ := p.Index(-2).Values()
	if !v.IsValid() || !v.CanInterface() {
		return false
	}
	m, ok := v.Interface().(map[string]any)
	if !ok {
		return false
	}
	id, _ := m["id"].(string)
	return strings.HasPrefix(id, "n:")
}

func webGet(t *testing.T, h http.Handler, path string) (*http.Response, string) {
	t.Helper()
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, httptest.NewRequest("GET", path, nil))
	res := rec.Result()
	b, _ := io.ReadAll(res.Body)
	return res, string(b)
}
