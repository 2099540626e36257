package storetest

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"reflect"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"

	"tradetrace/internal/duckdb"
	"tradetrace/internal/names"
	"tradetrace/internal/trade"
	"tradetrace/internal/web"
)

// WebWords are search words for CompareWeb: Cyrillic and Latin, names, goods and brands of the generated sample
// and its planted events, in several cases, and words that find nothing.
var WebWords = []string{"ооо", "ООО", "бронежилет", "Бронежилеты", "ружь", "тепловизор", "техкрим", "TEKHKRIM", "norinco",
	"NORINCO", "dji", "DJI", "drone", "rifle", "Hunting", "armour", "ariteks", "xinxing", "rosoboronexport", "LLC", "ltd",
	"trading", "FZE", "TOO", "plastik", "TİC", "mavi", "dış", "microchip", "8542", "zzzz-nothing", "%", "_"}

// searchKeys are the name engine's keys of a query, as the workbench's search makes them.
func searchKeys(text string) []string {
	n := names.Prepare(text, names.Options{})
	keys := n.Keys()
	for _, t := range n.Tokens() {
		for _, k := range []string{t.Latin, t.Text} {
			if k != "" && !slices.Contains(keys, k) {
				keys = append(keys, k)
			}
		}
	}
	return keys
}

// noDecided leaves out when a triage decision was made: each store stamps its own.
var noDecided = cmpopts.IgnoreFields(duckdb.WebTriage{}, "Decided")

// webFloats compares money and weights as the stores sum them: in different orders, so the last bits differ.
var webFloats = cmpopts.EquateApprox(1e-9, 1e-6)

// CompareWeb asks both stores the same questions — every method of the workbench's Store with a spread of
// arguments taken from want's answers (pages, offsets, filters, words of WebWords, HS codes, ids that exist
// and ids that do not) — and requires got to answer as want does. The stores must hold the same runs, ingested
// in the same order, and the same findings, parties, cases and triage decisions. Every method must have given
// a non-empty answer to at least one question, but the methods named in mayBeEmpty.
func CompareWeb(t *testing.T, want, got web.Store, mayBeEmpty ...string) {
	t.Helper()
	c := &webComparer{t: t, want: want, got: got, filled: map[string]bool{}}
	defer func() {
		st := reflect.TypeFor[web.Store]()
		for i := range st.NumMethod() {
			m := st.Method(i).Name
			if !c.filled[m] && !slices.Contains(mayBeEmpty, m) && m != "WebAddTriage" {
				t.Errorf("%s gave no answer with anything in it: the comparison of it proves nothing", m)
			}
		}
	}()
	t.Run("Runs", c.runs)
	t.Run("Shipments", c.shipments)
	t.Run("SearchShipments", c.searchShipments)
	t.Run("Parties", c.parties)
	t.Run("Findings", c.findings)
	t.Run("CasesAndLists", c.casesAndLists)
	t.Run("OverviewAndFlows", c.overview)
}

type webComparer struct {
	t         *testing.T
	want, got web.Store
	mu        sync.Mutex
	filled    map[string]bool // the methods that gave a non-empty answer
}

// filled reports whether an answer holds something: a list or map with elements, a page with items, a
// non-nil pointer, true.
func filled(v reflect.Value) bool {
	switch v.Kind() {
	case reflect.Slice, reflect.Map:
		return v.Len() > 0
	case reflect.Pointer:
		return !v.IsNil()
	case reflect.Bool:
		return v.Bool()
	case reflect.Struct:
		if f := v.FieldByName("Items"); f.IsValid() {
			return f.Len() > 0
		}
		return true
	}
	return true
}

// same reports a difference between want's and got's answers to one call, errors included (compared by
// whether they are trade.ErrNotFound, or any other error).
func same[T any](c *webComparer, t *testing.T, call string, want T, wantErr error, got T, gotErr error, opts ...cmp.Option) {
	t.Helper()
	if wantErr == nil && filled(reflect.ValueOf(want)) {
		method, _, _ := strings.Cut(call, "(")
		c.mu.Lock()
		c.filled[method] = true
		c.mu.Unlock()
	}
	if wantErr != nil || gotErr != nil {
		if (wantErr == nil) != (gotErr == nil) || errors.Is(wantErr, trade.ErrNotFound) != errors.Is(gotErr, trade.ErrNotFound) {
			t.Errorf("%s: error %v, want %v", call, gotErr, wantErr)
		}
		return
	}
	if d := cmp.Diff(want, got, append(opts, webFloats)...); d != "" {
		t.Errorf("%s (-want +got):\n%s", call, d)
	}
}

// anyNameEn leaves out the English name of a name found in the lines (ref "n:…"): the DuckDB store takes it
// from first() of the name's English forms, or from the first of its variants tied on lines, in no particular
// order, which is any of them when a name is written in English in more ways than one.
var anyNameEn = cmp.FilterPath(func(p cmp.Path) bool {
	if len(p) < 2 || p.Last().String() != ".NameEn" {
		return false
	}
	v, _ := p.Index(-2).Values()
	if !v.IsValid() || !v.CanInterface() {
		return false
	}
	switch x := v.Interface().(type) {
	case duckdb.WebPartyHit:
		return strings.HasPrefix(x.Ref, "n:")
	case duckdb.WebParty:
		return strings.HasPrefix(x.Ref, "n:")
	}
	return false
}, cmp.Ignore())

// page is a list with its "more" flag, to compare both at once.
type page[T any] struct {
	Items []T
	More  bool
}

func (c *webComparer) runs(t *testing.T) {
	ctx := context.Background()
	noTimes := cmpopts.IgnoreFields(trade.Run{}, "Started", "Finished") // each store stamps its own ingest
	wr, we := c.want.Runs(ctx, 50)
	gr, ge := c.got.Runs(ctx, 50)
	same(c, t, "Runs(50)", wr, we, gr, ge, noTimes)
	ids := []int64{0, 999}
	for _, r := range wr {
		ids = append(ids, int64(r.ID))
	}
	for _, id := range ids {
		w, we := c.want.WebRun(ctx, id)
		g, ge := c.got.WebRun(ctx, id)
		same(c, t, fmt.Sprintf("WebRun(%d)", id), w, we, g, ge, noTimes)
		for _, p := range [][2]int{{0, 3}, {2, 5}, {0, 1000}} {
			w, wm, we := c.want.WebRejections(ctx, id, p[0], p[1])
			g, gm, ge := c.got.WebRejections(ctx, id, p[0], p[1])
			same(c, t, fmt.Sprintf("WebRejections(%d, %d, %d)", id, p[0], p[1]), page[trade.Rejection]{w, wm}, we, page[trade.Rejection]{g, gm}, ge)
		}
	}
}

// sampleIDs returns ids of lines of want: the newest, the oldest, and some of every run.
func (c *webComparer) sampleIDs(t *testing.T) []int64 {
	ctx := context.Background()
	var ids []int64
	for _, q := range []duckdb.WebShipmentSearch{{Limit: 20}, {Limit: 20, Offset: 500}, {To: "2019-12-31", Limit: 20}, {Text: "ооо", Limit: 20}} {
		rows, _, err := c.want.WebSearchShipments(ctx, q)
		if err != nil {
			t.Fatalf("WebSearchShipments(%+v): %v", q, err)
		}
		for _, r := range rows {
			ids = append(ids, r.ID)
		}
	}
	if len(ids) < 40 {
		t.Fatalf("the reference store has %d lines to look up, want at least 40", len(ids))
	}
	return ids
}

func (c *webComparer) shipments(t *testing.T) {
	ctx := context.Background()
	ids := c.sampleIDs(t)
	asked := append(slices.Clone(ids), ids[0]+1<<30, 77<<36|1, -1, ids[3])
	slices.Reverse(asked[:10])
	w, we := c.want.WebShipmentRows(ctx, asked)
	g, ge := c.got.WebShipmentRows(ctx, asked)
	same(c, t, "WebShipmentRows", w, we, g, ge)
	for _, id := range append(ids[:12:12], ids[0]+1<<30) {
		w, we := c.want.Shipment(ctx, trade.ShipmentID(id))
		g, ge := c.got.Shipment(ctx, trade.ShipmentID(id))
		same(c, t, fmt.Sprintf("Shipment(%d)", id), w, we, g, ge)
		wr, we := c.want.WebRaw(ctx, id, id>>36)
		gr, ge := c.got.WebRaw(ctx, id, id>>36)
		same(c, t, fmt.Sprintf("WebRaw(%d)", id), wr, we, gr, ge)
		wp, we := c.want.WebShipmentParties(ctx, id)
		gp, ge := c.got.WebShipmentParties(ctx, id)
		same(c, t, fmt.Sprintf("WebShipmentParties(%d)", id), wp, we, gp, ge)
	}
}

func (c *webComparer) searchShipments(t *testing.T) {
	ctx := context.Background()
	ids := c.sampleIDs(t)
	rows, err := c.want.WebShipmentRows(ctx, ids[:3])
	if err != nil || len(rows) != 3 {
		t.Fatalf("WebShipmentRows = %d rows, %v", len(rows), err)
	}
	qs := []duckdb.WebShipmentSearch{
		{Limit: 25}, {Offset: 25, Limit: 25}, {Offset: 1000, Limit: 7},
		{HSPrefix: "93", Limit: 50}, {HSPrefix: rows[0].HSCode[:4], Limit: 10, Offset: 3}, {HSPrefixes: []string{"8542", "8525", "8806", "6211"}, Limit: 30},
		{Country: "RU", Limit: 20}, {Country: "AE", From: "2022-02-24", Limit: 20}, {Country: "XX", Limit: 5},
		{DeclarationNo: rows[1].DeclarationNo, Limit: 10}, {DeclarationNo: rows[2].RecordID, Limit: 10},
		{From: "2022-06-01", To: "2022-12-31", Limit: 40}, {To: "2020-01-01", Limit: 10},
		{Text: "ооо", HSPrefix: "8", Country: "RU", From: "2021-01-01", To: "2023-12-31", Limit: 15},
	}
	for _, w := range WebWords {
		qs = append(qs, duckdb.WebShipmentSearch{Text: w, Limit: 20})
	}
	for _, q := range qs {
		w, wm, we := c.want.WebSearchShipments(ctx, q)
		g, gm, ge := c.got.WebSearchShipments(ctx, q)
		same(c, t, fmt.Sprintf("WebSearchShipments(%+v)", q), page[duckdb.WebShipmentRow]{w, wm}, we, page[duckdb.WebShipmentRow]{g, gm}, ge)
	}
}

// partyRefs returns parties of want to look at: the biggest by lines, and those that search words find.
func (c *webComparer) partyRefs(t *testing.T) []duckdb.WebPartyRef {
	ctx := context.Background()
	var refs []duckdb.WebPartyRef
	seen := map[string]bool{}
	for _, q := range []duckdb.WebPartySearch{{Limit: 6}, {Text: "ооо", Limit: 3}, {Text: "norinco", Limit: 2}, {Text: "dji", Limit: 2},
		{Text: "ariteks", Limit: 2}, {Text: "FZE", Limit: 2}, {Text: "rosoboronexport", Limit: 1}} {
		q.Keys = searchKeys(q.Text)
		hits, _, err := c.want.WebSearchParties(ctx, q)
		if err != nil {
			t.Fatalf("WebSearchParties(%+v): %v", q, err)
		}
		for _, h := range hits {
			if seen[h.Ref] {
				continue
			}
			seen[h.Ref] = true
			r, err := duckdb.ParseWebPartyRef(h.Ref)
			if err != nil {
				t.Fatal(err)
			}
			refs = append(refs, r)
		}
	}
	if len(refs) < 8 {
		t.Fatalf("the reference store has %d parties to look at, want at least 8", len(refs))
	}
	// Names as the lines write them, which a store with resolved parties still groups by name.
	rows, _, err := c.want.WebSearchShipments(ctx, duckdb.WebShipmentSearch{Country: "RU", Limit: 3})
	if err != nil {
		t.Fatalf("WebSearchShipments: %v", err)
	}
	for _, r := range rows {
		refs = append(refs, duckdb.WebPartyRef{Name: r.Shipper}, duckdb.WebPartyRef{Name: r.Consignee})
	}
	return append(refs, duckdb.WebPartyRef{ID: 1 << 40})
}

// sortedJSON is a JSON list with its elements in a stable order: a party's variants tied on lines come in no
// particular order in either store.
func sortedJSON(m json.RawMessage) string {
	var items []json.RawMessage
	if err := json.Unmarshal(m, &items); err != nil {
		return string(m)
	}
	ss := make([]string, len(items))
	for i, it := range items {
		ss[i] = string(it)
	}
	slices.Sort(ss)
	return strings.Join(ss, "\n")
}

func (c *webComparer) parties(t *testing.T) {
	ctx := context.Background()
	wh, we := c.want.WebHasParties(ctx)
	gh, ge := c.got.WebHasParties(ctx)
	same(c, t, "WebHasParties", wh, we, gh, ge)
	for _, w := range WebWords {
		k := searchKeys(w)
		for _, q := range []duckdb.WebPartySearch{{Text: w, Limit: 10}, {Text: w, Offset: 10, Limit: 5}, {Text: w, Country: "RU", Limit: 10},
			{Text: w, Keys: k, Limit: 10}, {Text: w, Keys: k, Offset: 3, Limit: 5}, {Keys: k, Limit: 10}} {
			wh, wm, we := c.want.WebSearchParties(ctx, q)
			gh, gm, ge := c.got.WebSearchParties(ctx, q)
			same(c, t, fmt.Sprintf("WebSearchParties(%+v)", q), page[duckdb.WebPartyHit]{wh, wm}, we, page[duckdb.WebPartyHit]{gh, gm}, ge, anyNameEn)
		}
	}
	lists := cmp.Transformer("sortedJSON", sortedJSON)
	for _, ref := range append(c.partyRefs(t), duckdb.WebPartyRef{Name: "NO SUCH PARTY"}) {
		w, we := c.want.WebParty(ctx, ref)
		g, ge := c.got.WebParty(ctx, ref)
		same(c, t, fmt.Sprintf("WebParty(%s)", ref), w, we, g, ge, lists, anyNameEn)
		for _, a := range [][2]int{{10, 5}, {3, 0}, {50, 30}} {
			w, we := c.want.WebPartyActivity(ctx, ref, a[0], a[1])
			g, ge := c.got.WebPartyActivity(ctx, ref, a[0], a[1])
			same(c, t, fmt.Sprintf("WebPartyActivity(%s, %d, %d)", ref, a[0], a[1]), w, we, g, ge)
		}
		for _, p := range []struct {
			role          string
			offset, limit int
		}{{"", 0, 5}, {"", 5, 10}, {"shipper", 0, 20}, {"consignee", 1, 3}} {
			w, wm, we := c.want.WebPartyShipments(ctx, ref, p.role, p.offset, p.limit)
			g, gm, ge := c.got.WebPartyShipments(ctx, ref, p.role, p.offset, p.limit)
			same(c, t, fmt.Sprintf("WebPartyShipments(%s, %q, %d, %d)", ref, p.role, p.offset, p.limit),
				page[duckdb.WebShipmentRow]{w, wm}, we, page[duckdb.WebShipmentRow]{g, gm}, ge)
		}
		wn, we := c.want.WebPartyNetwork(ctx, ref, 2, 4)
		gn, ge := c.got.WebPartyNetwork(ctx, ref, 2, 4)
		same(c, t, fmt.Sprintf("WebPartyNetwork(%s, 2, 4)", ref), wn, we, gn, ge)
	}
}

func (c *webComparer) findings(t *testing.T) {
	ctx := context.Background()
	wr, we := c.want.WebFindingRefs(ctx)
	gr, ge := c.got.WebFindingRefs(ctx)
	same(c, t, "WebFindingRefs", wr, we, gr, ge)
	all, _, err := c.want.WebFindings(ctx, duckdb.WebFindingQuery{Limit: 1000})
	if err != nil || len(all) < 5 {
		t.Fatalf("the reference store has %d findings, %v; want at least 5", len(all), err)
	}
	f := all[len(all)/2]
	var party string
	if len(f.Parties) > 0 {
		party = f.Parties[0].Name
	}
	var line int64
	if len(f.ShipmentIDs) > 0 {
		line = int64(f.ShipmentIDs[0])
	}
	ids := []int64{all[3].ID, all[0].ID, 99999, all[len(all)-1].ID}
	qs := []duckdb.WebFindingQuery{
		{Limit: 10}, {Offset: 10, Limit: 10}, {Limit: 1000}, {Detector: f.Detector, Limit: 20}, {Severity: f.SeverityName, Limit: 20},
		{Status: "new", Limit: 10}, {Status: "dismissed", Limit: 10}, {Status: "confirmed", Limit: 10}, {Status: "new", Sort: "decided", Offset: 2, Limit: 5}, {PartyNames: []string{party, "NO SUCH PARTY"}, Limit: 20},
		{ShipmentID: line, Limit: 20}, {ID: f.ID, Limit: 5}, {IDs: ids, Limit: 10}, {IDs: []int64{}, Limit: 10}, {Key: f.Key, Limit: 5},
		{Sort: "value", Limit: 15}, {Sort: "detector", Offset: 3, Limit: 15}, {Sort: "title", Limit: 15}, {Sort: "decided", Limit: 15},
		{IDs: []int64{all[2].ID, all[1].ID, all[0].ID}, Ordered: true, Limit: 2}, {Brief: true, Limit: 10}, {Brief: true, Detector: f.Detector, Limit: 5},
	}
	for _, w := range WebWords {
		qs = append(qs, duckdb.WebFindingQuery{Text: w, Limit: 10})
	}
	for _, q := range qs {
		w, wm, we := c.want.WebFindings(ctx, q)
		g, gm, ge := c.got.WebFindings(ctx, q)
		same(c, t, fmt.Sprintf("WebFindings(%+v)", q), page[duckdb.WebFinding]{w, wm}, we, page[duckdb.WebFinding]{g, gm}, ge, noDecided)
	}
}

func (c *webComparer) casesAndLists(t *testing.T) {
	ctx := context.Background()
	qs := []duckdb.WebCaseQuery{{Limit: 20}, {Offset: 5, Limit: 5}, {Sort: "value", Limit: 10}, {Sort: "date", Limit: 10},
		{Status: "new", Limit: 10}, {Status: "confirmed", Limit: 10}, {Status: "dismissed", Limit: 10}, {Kind: "party", Limit: 10},
		{Kind: "route", Sort: "value", Limit: 10}, {Text: "ооо", Limit: 10}, {Text: "LLC", Limit: 10}, {Brief: true, Limit: 10},
		{ID: 1 << 40, Limit: 5}, {PartyID: 1 << 40, Limit: 5}, {FindingKey: "no-such-key", Limit: 5}}
	all, _, err := c.want.WebCases(ctx, duckdb.WebCaseQuery{Limit: 1000})
	if err != nil {
		t.Fatalf("WebCases: %v", err)
	}
	targets := []string{"case:no-such-key", "finding:no-such-key"}
	for i, cs := range all {
		if i%3 == 0 {
			qs = append(qs, duckdb.WebCaseQuery{ID: cs.ID, Limit: 5})
			if len(cs.PartyIDs) > 0 {
				qs = append(qs, duckdb.WebCaseQuery{PartyID: cs.PartyIDs[0], Limit: 10})
			}
			if len(cs.Findings) > 0 {
				qs = append(qs, duckdb.WebCaseQuery{FindingKey: cs.Findings[len(cs.Findings)-1], Limit: 10})
			}
		}
		if cs.Triage != nil {
			targets = append(targets, cs.Triage.Target)
		}
	}
	for _, q := range qs {
		w, wm, we := c.want.WebCases(ctx, q)
		g, gm, ge := c.got.WebCases(ctx, q)
		same(c, t, fmt.Sprintf("WebCases(%+v)", q), page[duckdb.WebCase]{w, wm}, we, page[duckdb.WebCase]{g, gm}, ge, noDecided)
	}
	fs, _, err := c.want.WebFindings(ctx, duckdb.WebFindingQuery{Limit: 1000, Brief: true})
	if err != nil {
		t.Fatalf("WebFindings: %v", err)
	}
	for _, f := range fs {
		if f.Triage != nil {
			targets = append(targets, f.Triage.Target)
		}
	}
	for _, target := range targets {
		w, we := c.want.WebTriageHistory(ctx, target)
		g, ge := c.got.WebTriageHistory(ctx, target)
		same(c, t, fmt.Sprintf("WebTriageHistory(%s)", target), w, we, g, ge, noDecided)
	}
	w, we := c.want.WebListVersions(ctx)
	g, ge := c.got.WebListVersions(ctx)
	same(c, t, "WebListVersions", w, we, g, ge, cmpopts.IgnoreFields(duckdb.WebListVersion{}, "Loaded"))
}

func (c *webComparer) overview(t *testing.T) {
	ctx := context.Background()
	hubs := []string{"AE", "TR", "KZ", "KG", "AM", "GE", "UZ", "HK", "RS"}
	for _, a := range []struct{ hubs, sanctioned, classHS []string }{
		{hubs, []string{"RU", "BY"}, []string{"8542", "9303", "8806", "6211", "8525", "8411"}},
		{nil, []string{"RU"}, nil},
		{hubs, nil, nil},
	} {
		w, we := c.want.WebOverview(ctx, a.hubs, a.sanctioned, a.classHS)
		g, ge := c.got.WebOverview(ctx, a.hubs, a.sanctioned, a.classHS)
		same(c, t, fmt.Sprintf("WebOverview(%v, %v, %v)", a.hubs, a.sanctioned, a.classHS), w, we, g, ge)
	}
	qs := []duckdb.WebFlowQuery{{}, {Dest: []string{"RU", "BY"}}, {HSPrefixes: []string{"8542", "8525"}, From: "2022-03-01"},
		{From: "2021-01-01", To: "2022-02-23", Dest: []string{"KZ"}}}
	for _, w := range WebWords {
		qs = append(qs, duckdb.WebFlowQuery{Text: w})
	}
	for _, q := range qs {
		w, we := c.want.WebFlows(ctx, q)
		g, ge := c.got.WebFlows(ctx, q)
		same(c, t, fmt.Sprintf("WebFlows(%+v)", q), w, we, g, ge)
	}
}
