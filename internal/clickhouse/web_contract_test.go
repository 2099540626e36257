package clickhouse_test

import (
	"cmp"
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"testing"

	gocmp "github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"

	"tradetrace/internal/clickhouse"
	"tradetrace/internal/detect"
	"tradetrace/internal/detect/redflag"
	"tradetrace/internal/detect/route"
	"tradetrace/internal/duckdb"
	"tradetrace/internal/ingest"
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
// into ClickHouse, the same files in the same order, runs detectors on DuckDB and writes their findings to
// ClickHouse detector by detector, in the order DuckDB numbered them, so that both stores hold the same ids.
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
	return duck, chs
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
	paths := []string{
		"/", "/search?q=" + url.QueryEscape("бронежилет"), "/search?q=norinco", "/search?q=DJI&kind=shipments", "/search?hs=9303",
		"/search?q=ооо&kind=parties&country=RU", "/search?q=rifle&from=2022-01-01&to=2022-12-31",
		"/parties/" + party, "/parties/" + party + "/shipments", "/parties/" + party + "/shipments?role=consignee&offset=1",
		"/shipments/" + strconv.FormatInt(lines[1].ID, 10), "/shipments/" + strconv.FormatInt(lines[2].ID, 10),
		"/findings", "/findings?q=drone", "/findings?sort=value&offset=2", "/findings?status=new&detector=" + url.QueryEscape(fs[1].Detector),
		"/findings/" + strconv.FormatInt(fs[0].ID, 10), "/findings/" + url.PathEscape(fs[1].Key), "/cases", "/flows", "/flows?q=DJI&dest=all",
		"/flows?dest=KZ&from=2022-01-01", "/lists", "/runs", "/runs/1", "/runs/2",
	}
	api := []string{"/api/v1/parties/" + party + "/network", "/api/v1/parties/" + party + "/network?hops=2&limit=3"}
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
		if d := gocmp.Diff(w, g, cmpopts.EquateApprox(1e-9, 1e-6), gocmp.FilterPath(runTimes, gocmp.Ignore())); d != "" {
			t.Errorf("GET %s (-DuckDB +ClickHouse):\n%s", p, d)
		}
	}
}

// runTimes selects the times of runs, which each store stamps at its own ingest.
func runTimes(p gocmp.Path) bool {
	k, ok := p.Last().(gocmp.MapIndex)
	return ok && (k.Key().String() == "started" || k.Key().String() == "finished")
}

func webGet(t *testing.T, h http.Handler, path string) (*http.Response, string) {
	t.Helper()
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, httptest.NewRequest("GET", path, nil))
	res := rec.Result()
	b, _ := io.ReadAll(res.Body)
	return res, string(b)
}
