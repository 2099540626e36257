package storetest

// The workbench's contract (internal/web's Store): RunWeb holds every store to the same answers on a small
// fixture whose values are worked out by hand; CompareWeb (web_compare.go) asks two stores the same questions
// on a generated sample and requires the same answers.

import (
	"context"
	"encoding/json"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"

	"tradetrace/internal/cases"
	"tradetrace/internal/duckdb"
	"tradetrace/internal/ingest"
	"tradetrace/internal/party"
	"tradetrace/internal/trade"
	"tradetrace/internal/web"
)

// WebStore is what the workbench reads of a store, with what the contract needs to fill one.
type WebStore interface {
	web.Store
	ingest.Store
	ReplaceFindings(ctx context.Context, detector, version string, fs []trade.Finding) error
	PartyVariants(ctx context.Context) ([]party.Variant, error)
	ReplaceParties(ctx context.Context, r *party.Result) error
	ReplaceCases(ctx context.Context, cs []cases.Case) error
	LoadList(ctx context.Context, l duckdb.ListLoad) (v duckdb.ListVersion, added bool, err error)
	Close() error
}

// RunWeb runs the workbench's contract on stores that open makes: each call must give a new, empty store, closed
// by the test's cleanup.
func RunWeb(t *testing.T, open func(t *testing.T) WebStore) {
	st := open(t)
	fx := loadWebFixture(t, st)
	t.Run("ShipmentRows", func(t *testing.T) { testWebShipmentRows(t, st, fx) })
	t.Run("SearchShipments", func(t *testing.T) { testWebSearchShipments(t, st, fx) })
	t.Run("RunsAndRaw", func(t *testing.T) { testWebRuns(t, st, fx) })
	t.Run("NameParty", func(t *testing.T) { testWebNameParty(t, st, fx) })
	t.Run("SearchNames", func(t *testing.T) { testWebSearchNames(t, st) })
	t.Run("Findings", func(t *testing.T) { testWebFindings(t, st, fx) })
	t.Run("Overview", func(t *testing.T) { testWebOverview(t, st) })
	t.Run("Flows", func(t *testing.T) { testWebFlows(t, st) })
	// With resolved parties, cases and triage decisions (the subtests above read the store without them).
	t.Run("ResolvedParties", func(t *testing.T) { testWebResolved(t, st, fx) })
	t.Run("CasesAndTriage", func(t *testing.T) { testWebCases(t, st, fx) })
	t.Run("ListVersions", func(t *testing.T) { testWebLists(t, st) })
}

// WebLists reads the list fixtures as 'tradetrace lists load' does: two vintages of the OFAC SDN list and the
// BIS MEU list, to load in this order.
func WebLists(t *testing.T) []duckdb.ListLoad {
	return []duckdb.ListLoad{listFixture(t, sdnV1), listFixture(t, sdnV2), listFixture(t, mieu)}
}

func testWebLists(t *testing.T, st WebStore) {
	ctx := context.Background()
	if vs, err := st.WebListVersions(ctx); err != nil || len(vs) != 0 {
		t.Fatalf("WebListVersions before any load = %+v, %v; want none", vs, err)
	}
	ls := WebLists(t)
	var ids []int64
	for _, l := range ls {
		v, added, err := st.LoadList(ctx, l)
		if err != nil || !added {
			t.Fatalf("LoadList(%s) = %v, %v", l.File, added, err)
		}
		ids = append(ids, v.ID)
		time.Sleep(2 * time.Millisecond) // each version loaded after the one before, to the microsecond
	}
	vs, err := st.WebListVersions(ctx)
	if err != nil {
		t.Fatalf("WebListVersions: %v", err)
	}
	type version struct {
		id             int64
		list           string
		entities       int64
		current        bool
		added, removed int64
	}
	var got []version
	for _, v := range vs {
		got = append(got, version{v.ID, v.List, v.Entities, v.IsCurrent, v.Added, v.Removed})
		if len(v.Loaded) != len("2006-01-02 15:04:05") || v.SHA256 == "" || v.File == "" || v.Names < v.Entities {
			t.Errorf("WebListVersions: version %d = %+v", v.ID, v)
		}
	}
	// Newest first; SDN v2 drops 36 and adds 43225 (storetest/lists.go).
	sdn, meu := ls[0].List, ls[2].List
	want := []version{{ids[2], meu, int64(len(ls[2].Entities)), true, 0, 0}, {ids[1], sdn, 6, true, 1, 1}, {ids[0], sdn, 6, false, 0, 0}}
	if !cmp.Equal(got, want, cmp.AllowUnexported(version{})) {
		t.Errorf("WebListVersions = %+v, want %+v", got, want)
	}
	// Loading v1's bytes again makes it current again, and adds no version.
	if _, added, err := st.LoadList(ctx, ls[0]); err != nil || added {
		t.Fatalf("LoadList(v1 again) = %v, %v; want no version added", added, err)
	}
	vs, err = st.WebListVersions(ctx)
	if err != nil || len(vs) != 3 || vs[1].IsCurrent || !vs[2].IsCurrent || !vs[0].IsCurrent {
		t.Errorf("WebListVersions after v1 again = %+v, %v; want v1 current, v2 not", vs, err)
	}
}

// WebLines writes testdata/web_lines.csv (canonical layout: seven lines and two with bad dates, Cyrillic and
// Turkish text) to t's temporary folder and returns its path, for tests that add it to a store of their own.
func WebLines(t *testing.T) string { return fixture(t, "web_lines.csv") }

// webFixture is the fixture as loaded: its run and the store id of each record.
type webFixture struct {
	run trade.RunID
	id  map[string]int64 // record id → store id
}

// loadWebFixture ingests testdata/web_lines.csv (nine lines: seven accepted, two with bad dates) and writes
// three findings on them.
func loadWebFixture(t *testing.T, st WebStore) webFixture {
	t.Helper()
	ctx := context.Background()
	res, err := ingest.File(ctx, st, fixture(t, "web_lines.csv"), ingest.Options{Workers: 2})
	if err != nil {
		t.Fatalf("ingest web_lines.csv: %v", err)
	}
	if res.Run.Accepted != 7 || res.Run.Rejected != 2 {
		t.Fatalf("ingest web_lines.csv: %d accepted, %d rejected; want 7 and 2", res.Run.Accepted, res.Run.Rejected)
	}
	fx := webFixture{run: res.Run.ID, id: map[string]int64{}}
	rows, _, err := st.WebSearchShipments(ctx, duckdb.WebShipmentSearch{Limit: 100})
	if err != nil {
		t.Fatalf("WebSearchShipments: %v", err)
	}
	for _, r := range rows {
		fx.id[r.RecordID] = r.ID
	}
	if len(fx.id) != 7 {
		t.Fatalf("WebSearchShipments with no filter found %d records, want 7", len(fx.id))
	}
	ids := func(recs ...string) []trade.ShipmentID {
		var out []trade.ShipmentID
		for _, r := range recs {
			out = append(out, trade.ShipmentID(fx.id[r]))
		}
		return out
	}
	military := []trade.Finding{{
		Key: "military:W-1", Score: 0.9, Severity: trade.SeverityCritical, Title: "Rifles declared as hunting rifles to ООО ТЕХКРИМ",
		Explanation: "HS 9303 with a military model (CQ-A)",
		Parties:     []trade.FindingParty{{Name: "ALPHA ARMS CORP", Role: "shipper"}, {Name: "ООО ТЕХКРИМ", Role: "consignee"}},
		Shipments:   []string{"W-1", "W-2"}, ShipmentIDs: ids("W-1", "W-2"), ValueUSD: 503000, WeightKg: 3535,
		Evidence: []trade.Evidence{{Label: "model", Value: "CQ-A", RecordID: "W-1"}},
	}, {
		Key: "military:W-4", Score: 0.5, Severity: trade.SeverityMedium, Title: "Body armour to Russia",
		Explanation: "бронежилеты: body armour",
		Parties:     []trade.FindingParty{{Name: "ARITEKS TEKSTIL", Role: "shipper"}, {Name: "ООО ТЕХКРИМ", Role: "consignee"}},
		Shipments:   []string{"W-4"}, ShipmentIDs: ids("W-4"), ValueUSD: 90000, WeightKg: 850,
	}}
	route := []trade.Finding{{
		Key: "route:W-3", Score: 0.7, Severity: trade.SeverityMedium, Title: "Drone batteries through the UAE",
		Explanation: "origin CN, dispatched from AE to RU",
		Parties:     []trade.FindingParty{{Name: "DELTA TRADING FZE", Role: "shipper"}},
		Shipments:   []string{"W-3"}, ShipmentIDs: ids("W-3"), ValueUSD: 500, WeightKg: 35,
	}}
	if err := st.ReplaceFindings(ctx, "military", "1", military); err != nil {
		t.Fatalf("ReplaceFindings(military): %v", err)
	}
	if err := st.ReplaceFindings(ctx, "route", "2", route); err != nil {
		t.Fatalf("ReplaceFindings(route): %v", err)
	}
	return fx
}

func recordsOf(rows []duckdb.WebShipmentRow) []string {
	out := []string{}
	for _, r := range rows {
		out = append(out, r.RecordID)
	}
	return out
}

func testWebShipmentRows(t *testing.T, st WebStore, fx webFixture) {
	ctx := context.Background()
	// In the order asked, a missing id and an id of no run left out, a repeated id repeated.
	rows, err := st.WebShipmentRows(ctx, []int64{fx.id["W-4"], fx.id["W-1"], fx.id["W-1"] + 1000, 999 << 36, fx.id["W-4"]})
	if err != nil {
		t.Fatalf("WebShipmentRows: %v", err)
	}
	if got, want := recordsOf(rows), []string{"W-4", "W-1", "W-4"}; !cmp.Equal(got, want) {
		t.Errorf("WebShipmentRows records = %q, want %q", got, want)
	}
	want := duckdb.WebShipmentRow{ID: fx.id["W-4"], RecordID: "W-4", Date: "2022-11-20", Direction: "export", Reporter: "TR",
		DeclarationNo: "D-4", Shipper: "ARITEKS TEKSTIL", ShipperCC: "TR", Consignee: "ООО ТЕХКРИМ", ConsigneeCC: "RU", Origin: "TR",
		Dispatch: "TR", Destination: "RU", HSCode: "6211330000", Description: "бронежилеты класс 4", Quantity: 200, Unit: "PCS",
		NetWeightKg: 850, ValueUSD: 90000}
	if len(rows) > 0 {
		if d := cmp.Diff(want, rows[0]); d != "" {
			t.Errorf("WebShipmentRows(W-4) (-want +got):\n%s", d)
		}
	}
	if rows, err := st.WebShipmentRows(ctx, nil); err != nil || len(rows) != 0 {
		t.Errorf("WebShipmentRows(nil) = %v, %v; want none", rows, err)
	}
	// A line without a value reads as 0.
	rows, err = st.WebShipmentRows(ctx, []int64{fx.id["W-6"]})
	if err != nil || len(rows) != 1 || rows[0].ValueUSD != 0 || rows[0].NetWeightKg != 100 {
		t.Errorf("WebShipmentRows(W-6) = %+v, %v; want one row, value 0, net weight 100", rows, err)
	}
	s, err := st.Shipment(ctx, trade.ShipmentID(fx.id["W-3"]))
	if err != nil || s.RecordID != "W-3" || s.Dispatch != "AE" || s.Brand != "DJI" {
		t.Errorf("Shipment(W-3) = %+v, %v", s, err)
	}
	if _, err := st.Shipment(ctx, trade.ShipmentID(fx.id["W-1"]+1000)); !errors.Is(err, trade.ErrNotFound) {
		t.Errorf("Shipment(missing) error = %v, want ErrNotFound", err)
	}
}

func testWebSearchShipments(t *testing.T, st WebStore, fx webFixture) {
	ctx := context.Background()
	for _, c := range []struct {
		name string
		q    duckdb.WebShipmentSearch
		want []string
		more bool
	}{
		{"all, newest first, a date's lines by id", duckdb.WebShipmentSearch{Limit: 10}, []string{"W-6", "W-5", "W-4", "W-3", "W-2", "W-1", "W-9"}, false},
		{"a page", duckdb.WebShipmentSearch{Offset: 2, Limit: 2}, []string{"W-4", "W-3"}, true},
		{"the last page", duckdb.WebShipmentSearch{Offset: 6, Limit: 2}, []string{"W-9"}, false},
		{"Cyrillic text in another case", duckdb.WebShipmentSearch{Text: "БРОНЕЖИЛЕТ", Limit: 10}, []string{"W-4"}, false},
		{"Cyrillic and Latin in one description", duckdb.WebShipmentSearch{Text: "ружья cq-a", Limit: 10}, []string{"W-1"}, false},
		{"Latin text in brand or maker", duckdb.WebShipmentSearch{Text: "dji", Limit: 10}, []string{"W-3"}, false},
		{"Turkish dotted İ is i", duckdb.WebShipmentSearch{Text: "bilgisayar", Limit: 10}, []string{"W-6"}, false},
		{"Turkish dotted İ in the text", duckdb.WebShipmentSearch{Text: "BİLGİSAYAR", Limit: 10}, []string{"W-6"}, false},
		{"text with a LIKE wildcard is literal", duckdb.WebShipmentSearch{Text: "RIFL%", Limit: 10}, []string{}, false},
		{"HS prefix", duckdb.WebShipmentSearch{HSPrefix: "9303", Limit: 10}, []string{"W-5", "W-2", "W-1"}, false},
		{"HS prefixes", duckdb.WebShipmentSearch{HSPrefixes: []string{"6211", "8507"}, Limit: 10}, []string{"W-4", "W-3"}, false},
		{"any country of the line", duckdb.WebShipmentSearch{Country: "AE", Limit: 10}, []string{"W-6", "W-5", "W-3"}, false},
		{"declaration number", duckdb.WebShipmentSearch{DeclarationNo: "D-1", Limit: 10}, []string{"W-1", "W-9"}, false},
		{"record id", duckdb.WebShipmentSearch{DeclarationNo: "W-5", Limit: 10}, []string{"W-5"}, false},
		{"dates, inclusive", duckdb.WebShipmentSearch{From: "2022-07-08", To: "2022-11-20", Limit: 10}, []string{"W-4", "W-3", "W-2"}, false},
		{"every filter", duckdb.WebShipmentSearch{Text: "rifle", HSPrefix: "93", Country: "RU", From: "2022-07-01", Limit: 10}, []string{"W-2"}, false},
		{"nothing", duckdb.WebShipmentSearch{Text: "no such goods", Limit: 10}, []string{}, false},
	} {
		rows, more, err := st.WebSearchShipments(ctx, c.q)
		if err != nil {
			t.Errorf("%s: WebSearchShipments(%+v): %v", c.name, c.q, err)
			continue
		}
		if got := recordsOf(rows); !cmp.Equal(got, c.want) || more != c.more {
			t.Errorf("%s: WebSearchShipments(%+v) = %q, more %v; want %q, more %v", c.name, c.q, got, more, c.want, c.more)
		}
	}
}

func testWebRuns(t *testing.T, st WebStore, fx webFixture) {
	ctx := context.Background()
	runs, err := st.Runs(ctx, 10)
	if err != nil || len(runs) != 1 || runs[0].ID != fx.run || runs[0].Status != trade.RunComplete || runs[0].Accepted != 7 {
		t.Fatalf("Runs = %+v, %v; want the fixture's complete run with 7 lines", runs, err)
	}
	r, err := st.WebRun(ctx, int64(fx.run))
	if err != nil || r.Read != 9 || r.Rejected != 2 || r.Reasons["bad_date"] != 2 || !strings.HasSuffix(r.File, "web_lines.csv") {
		t.Errorf("WebRun(%d) = %+v, %v; want 9 rows read, 2 rejected for bad dates", fx.run, r, err)
	}
	if _, err := st.WebRun(ctx, int64(fx.run)+7); !errors.Is(err, trade.ErrNotFound) {
		t.Errorf("WebRun(missing) error = %v, want ErrNotFound", err)
	}
	rej, more, err := st.WebRejections(ctx, int64(fx.run), 0, 1)
	if err != nil || len(rej) != 1 || !more || rej[0].Reason != "bad_date" || rej[0].Value != "31/02/2022" || rej[0].Raw[0] != "W-7" {
		t.Errorf("WebRejections(page 1) = %+v, %v, %v; want W-7's bad date and more", rej, more, err)
	}
	rej, more, err = st.WebRejections(ctx, int64(fx.run), 1, 5)
	if err != nil || len(rej) != 1 || more || rej[0].Value != "2022-13-01" || rej[0].Run != fx.run {
		t.Errorf("WebRejections(page 2) = %+v, %v, %v; want W-8's bad date and no more", rej, more, err)
	}
	if rej, more, err := st.WebRejections(ctx, int64(fx.run)+7, 0, 5); err != nil || len(rej) != 0 || more {
		t.Errorf("WebRejections(missing run) = %+v, %v, %v; want none", rej, more, err)
	}
	raw, err := st.WebRaw(ctx, fx.id["W-4"], int64(fx.run))
	if err != nil || len(raw) != 27 || raw[0] != [2]string{"record_id", "W-4"} || raw[17] != [2]string{"description", "бронежилеты класс 4"} {
		t.Errorf("WebRaw(W-4) = %q, %v; want the 27 source fields under their header", raw, err)
	}
	if _, err := st.WebRaw(ctx, fx.id["W-4"]+1000, int64(fx.run)); !errors.Is(err, trade.ErrNotFound) {
		t.Errorf("WebRaw(missing) error = %v, want ErrNotFound", err)
	}
}

func testWebNameParty(t *testing.T, st WebStore, fx webFixture) {
	ctx := context.Background()
	if has, err := st.WebHasParties(ctx); err != nil || has {
		t.Fatalf("WebHasParties = %v, %v; want false before parties are resolved", has, err)
	}
	ref := duckdb.WebPartyRef{Name: "ALPHA ARMS CORP"}
	p, err := st.WebParty(ctx, ref)
	if err != nil {
		t.Fatalf("WebParty(%s): %v", ref, err)
	}
	// W-1, W-2, W-5 as shipper, W-9 as shipper and consignee.
	if p.Ref != "n:ALPHA ARMS CORP" || p.Lines != 4 || p.ValueUSD != 524000 || p.WeightKg != 3606 || p.FirstSeen != "2022-06-08" ||
		p.LastSeen != "2023-01-15" || p.Country != "CN" || p.Resolved {
		t.Errorf("WebParty(%s) = %+v", ref, p)
	}
	for _, c := range []struct {
		name string
		got  json.RawMessage
		want string
	}{
		{"roles", p.Roles, `{"consignee":1,"shipper":4}`},
		{"identifiers", p.Identifiers, `["91110000ALPHA001"]`},
		{"addresses", p.Addresses, `["1 Gun Road, Beijing"]`},
		{"matches", p.Matches, `[]`},
		{"variants", p.Variants, `[{"name":"ALPHA ARMS CORP","name_en":"","country":"CN","id":"91110000ALPHA001","lines":5}]`},
	} {
		if string(c.got) != c.want {
			t.Errorf("WebParty(%s) %s = %s, want %s", ref, c.name, c.got, c.want)
		}
	}
	if _, err := st.WebParty(ctx, duckdb.WebPartyRef{Name: "NOBODY"}); !errors.Is(err, trade.ErrNotFound) {
		t.Errorf("WebParty(NOBODY) error = %v, want ErrNotFound", err)
	}
	act, err := st.WebPartyActivity(ctx, ref, 10, 2)
	if err != nil {
		t.Fatalf("WebPartyActivity(%s): %v", ref, err)
	}
	wantMonths := []duckdb.WebMonth{wm("2022-06", "consignee", 1, 1000), wm("2022-06", "shipper", 2, 501000), wm("2022-07", "shipper", 1, 3000),
		wm("2023-01", "shipper", 1, 20000)}
	wantCps := []duckdb.WebCounterparty{
		{Ref: "n:ООО ТЕХКРИМ", Name: "ООО ТЕХКРИМ", Country: "RU", Role: "consignee", Lines: 1, ValueUSD: 500000},
		{Ref: "n:DELTA TRADING FZE", Name: "DELTA TRADING FZE", Country: "AE", Role: "consignee", Lines: 1, ValueUSD: 20000},
		{Ref: "n:GAMMA LLC", Name: "GAMMA LLC", Country: "RU", Role: "consignee", Lines: 1, ValueUSD: 3000},
	}
	if d := cmp.Diff(wantMonths, act.Months); d != "" {
		t.Errorf("WebPartyActivity(%s) months (-want +got):\n%s", ref, d)
	}
	if d := cmp.Diff(wantCps, act.Counterparties); d != "" {
		t.Errorf("WebPartyActivity(%s) counterparties (-want +got):\n%s", ref, d)
	}
	if got := recordsOf(act.Latest); act.Lines != 4 || !cmp.Equal(got, []string{"W-5", "W-2"}) {
		t.Errorf("WebPartyActivity(%s) = %d lines, latest %q; want 4 lines, latest W-5 and W-2", ref, act.Lines, got)
	}
	act, err = st.WebPartyActivity(ctx, ref, 1, 0)
	if err != nil || len(act.Counterparties) != 1 || act.Counterparties[0].Name != "ООО ТЕХКРИМ" || len(act.Latest) != 0 {
		t.Errorf("WebPartyActivity(%s, 1, 0) = %+v, %v; want the largest counterparty and no lines", ref, act, err)
	}
	for _, c := range []struct {
		role          string
		offset, limit int
		want          []string
		more          bool
	}{
		{"", 0, 10, []string{"W-5", "W-2", "W-1", "W-9"}, false},
		{"", 1, 2, []string{"W-2", "W-1"}, true},
		{"shipper", 3, 2, []string{"W-9"}, false},
		{"consignee", 0, 10, []string{"W-9"}, false},
	} {
		rows, more, err := st.WebPartyShipments(ctx, ref, c.role, c.offset, c.limit)
		if got := recordsOf(rows); err != nil || !cmp.Equal(got, c.want) || more != c.more {
			t.Errorf("WebPartyShipments(%s, %q, %d, %d) = %q, %v, %v; want %q, more %v", ref, c.role, c.offset, c.limit, got, more, err, c.want, c.more)
		}
	}
	// ТЕХКРИМ buys from ALPHA, DELTA and ARITEKS; DELTA also sells to TOO KAZ IMPORT and buys from ALPHA.
	net, err := st.WebPartyNetwork(ctx, duckdb.WebPartyRef{Name: "ООО ТЕХКРИМ"}, 2, 5)
	if err != nil {
		t.Fatalf("WebPartyNetwork: %v", err)
	}
	var nodes, edges []string
	for _, n := range net.Nodes {
		nodes = append(nodes, n.Name+"@"+string(rune('0'+n.Hop)))
	}
	for _, e := range net.Edges {
		edges = append(edges, e.From+" → "+e.To)
	}
	wantNodes := []string{"ООО ТЕХКРИМ@0", "ALPHA ARMS CORP@1", "ARITEKS TEKSTIL@1", "DELTA TRADING FZE@1", "GAMMA LLC@2", "TOO KAZ IMPORT@2"}
	wantEdges := []string{"n:ALPHA ARMS CORP → n:ООО ТЕХКРИМ", "n:ARITEKS TEKSTIL → n:ООО ТЕХКРИМ", "n:DELTA TRADING FZE → n:ООО ТЕХКРИМ",
		"n:ALPHA ARMS CORP → n:DELTA TRADING FZE", "n:ALPHA ARMS CORP → n:GAMMA LLC", "n:DELTA TRADING FZE → n:TOO KAZ IMPORT"}
	if !cmp.Equal(nodes, wantNodes) || !cmp.Equal(edges, wantEdges) {
		t.Errorf("WebPartyNetwork(ТЕХКРИМ) nodes %q, edges %q; want %q, %q", nodes, edges, wantNodes, wantEdges)
	}
	if sp, err := st.WebShipmentParties(ctx, fx.id["W-1"]); err != nil || len(sp) != 0 {
		t.Errorf("WebShipmentParties(W-1) = %v, %v; want none before parties are resolved", sp, err)
	}
}

func testWebSearchNames(t *testing.T, st WebStore) {
	ctx := context.Background()
	for _, c := range []struct {
		name string
		q    duckdb.WebPartySearch
		want []duckdb.WebPartyHit
		more bool
	}{
		{"Cyrillic in another case", duckdb.WebPartySearch{Text: "техкрим", Limit: 10}, []duckdb.WebPartyHit{
			{Ref: "n:ООО ТЕХКРИМ", Name: "ООО ТЕХКРИМ", NameEn: "", Country: "RU", Lines: 3, ValueUSD: 590500}}, false},
		{"a brand names its shipper", duckdb.WebPartySearch{Text: "alphabrand", Limit: 10}, []duckdb.WebPartyHit{
			{Ref: "n:ALPHA ARMS CORP", Name: "ALPHA ARMS CORP", NameEn: "", Country: "CN", Lines: 3, ValueUSD: 523000}}, false},
		{"most lines first, a page", duckdb.WebPartySearch{Text: "a", Offset: 0, Limit: 2}, []duckdb.WebPartyHit{
			{Ref: "n:ALPHA ARMS CORP", Name: "ALPHA ARMS CORP", NameEn: "", Country: "CN", Lines: 9, ValueUSD: 1_049_000},
			{Ref: "n:DELTA TRADING FZE", Name: "DELTA TRADING FZE", NameEn: "", Country: "AE", Lines: 4, ValueUSD: 20500}}, true},
		{"a country", duckdb.WebPartySearch{Text: "LLC", Country: "RU", Limit: 10}, []duckdb.WebPartyHit{
			{Ref: "n:GAMMA LLC", Name: "GAMMA LLC", NameEn: "", Country: "RU", Lines: 1, ValueUSD: 3000}}, false},
		{"nothing", duckdb.WebPartySearch{Text: "zzzz", Limit: 10}, []duckdb.WebPartyHit{}, false},
	} {
		hits, more, err := st.WebSearchParties(ctx, c.q)
		if err != nil {
			t.Errorf("%s: WebSearchParties(%+v): %v", c.name, c.q, err)
			continue
		}
		if d := cmp.Diff(c.want, hits); d != "" || more != c.more {
			t.Errorf("%s: WebSearchParties(%+v) more %v, want %v; hits (-want +got):\n%s", c.name, c.q, more, c.more, d)
		}
	}
}

func findingKeys(fs []duckdb.WebFinding) []string {
	out := []string{}
	for _, f := range fs {
		out = append(out, f.Key)
	}
	return out
}

func testWebFindings(t *testing.T, st WebStore, fx webFixture) {
	ctx := context.Background()
	refs, err := st.WebFindingRefs(ctx)
	if err != nil || len(refs) != 3 {
		t.Fatalf("WebFindingRefs = %+v, %v; want 3", refs, err)
	}
	wantRef := duckdb.WebFindingRef{ID: refs[0].ID, ShipmentIDs: []int64{fx.id["W-1"], fx.id["W-2"]}, PartyNames: []string{"ALPHA ARMS CORP", "ООО ТЕХКРИМ"}}
	if d := cmp.Diff(wantRef, refs[0]); d != "" {
		t.Errorf("WebFindingRefs[0] (-want +got):\n%s", d)
	}
	byKey := map[string]int64{}
	all, more, err := st.WebFindings(ctx, duckdb.WebFindingQuery{Limit: 10})
	if err != nil || more {
		t.Fatalf("WebFindings = %v, %v", more, err)
	}
	for _, f := range all {
		byKey[f.Key] = f.ID
	}
	if got, want := findingKeys(all), []string{"military:W-1", "route:W-3", "military:W-4"}; !cmp.Equal(got, want) {
		t.Fatalf("WebFindings keys = %q, want %q (by score)", got, want)
	}
	if refs[1].ID != byKey["route:W-3"] || refs[2].ID != byKey["military:W-4"] {
		t.Errorf("WebFindingRefs are not in the findings' order: %+v", refs)
	}
	f := all[0]
	if f.SeverityName != "critical" || f.DetectorVersion != "1" || f.ValueUSD != 503000 || len(f.Evidence) != 1 || f.Triage != nil ||
		!cmp.Equal(f.ShipmentIDs, []trade.ShipmentID{trade.ShipmentID(fx.id["W-1"]), trade.ShipmentID(fx.id["W-2"])}) ||
		!cmp.Equal(f.Shipments, []string{"W-1", "W-2"}) || f.Explanation == "" {
		t.Errorf("WebFindings[0] = %+v", f)
	}
	for _, c := range []struct {
		name string
		q    duckdb.WebFindingQuery
		want []string
		more bool
	}{
		{"a detector", duckdb.WebFindingQuery{Detector: "military", Limit: 10}, []string{"military:W-1", "military:W-4"}, false},
		{"a severity", duckdb.WebFindingQuery{Severity: "medium", Limit: 10}, []string{"route:W-3", "military:W-4"}, false},
		{"no decision is new", duckdb.WebFindingQuery{Status: "new", Limit: 10}, []string{"military:W-1", "route:W-3", "military:W-4"}, false},
		{"none confirmed", duckdb.WebFindingQuery{Status: "confirmed", Limit: 10}, []string{}, false},
		{"text in the title, another case", duckdb.WebFindingQuery{Text: "body ARMOUR", Limit: 10}, []string{"military:W-4"}, false},
		{"Cyrillic text in the explanation", duckdb.WebFindingQuery{Text: "БРОНЕЖИЛЕТЫ", Limit: 10}, []string{"military:W-4"}, false},
		{"a party's name", duckdb.WebFindingQuery{PartyNames: []string{"ООО ТЕХКРИМ"}, Limit: 10}, []string{"military:W-1", "military:W-4"}, false},
		{"one of parties' names", duckdb.WebFindingQuery{PartyNames: []string{"NOBODY", "DELTA TRADING FZE"}, Limit: 10}, []string{"route:W-3"}, false},
		{"a cited line", duckdb.WebFindingQuery{ShipmentID: fx.id["W-2"], Limit: 10}, []string{"military:W-1"}, false},
		{"an id", duckdb.WebFindingQuery{ID: byKey["route:W-3"], Limit: 10}, []string{"route:W-3"}, false},
		{"ids", duckdb.WebFindingQuery{IDs: []int64{byKey["military:W-4"], byKey["military:W-1"], 99999}, Limit: 10}, []string{"military:W-1", "military:W-4"}, false},
		{"no ids", duckdb.WebFindingQuery{IDs: []int64{}, Limit: 10}, []string{}, false},
		{"a key", duckdb.WebFindingQuery{Key: "military:W-4", Limit: 10}, []string{"military:W-4"}, false},
		{"keys, one unknown", duckdb.WebFindingQuery{Keys: []string{"military:W-4", "nothing:1", "route:W-3"}, Limit: 10}, []string{"route:W-3", "military:W-4"}, false},
		{"no keys", duckdb.WebFindingQuery{Keys: []string{}, Limit: 10}, []string{}, false},
		{"by value", duckdb.WebFindingQuery{Sort: "value", Limit: 10}, []string{"military:W-1", "military:W-4", "route:W-3"}, false},
		{"by detector", duckdb.WebFindingQuery{Sort: "detector", Limit: 10}, []string{"military:W-1", "military:W-4", "route:W-3"}, false},
		{"by title", duckdb.WebFindingQuery{Sort: "title", Limit: 10}, []string{"military:W-4", "route:W-3", "military:W-1"}, false},
		{"by decision, none yet", duckdb.WebFindingQuery{Sort: "decided", Limit: 10}, []string{"military:W-1", "route:W-3", "military:W-4"}, false},
		{"a page", duckdb.WebFindingQuery{Offset: 1, Limit: 1}, []string{"route:W-3"}, true},
		{"an ordered page", duckdb.WebFindingQuery{IDs: []int64{byKey["military:W-4"], byKey["route:W-3"], byKey["military:W-1"]}, Ordered: true, Limit: 2}, []string{"military:W-4", "route:W-3"}, true},
		{"an ordered page, an id gone", duckdb.WebFindingQuery{IDs: []int64{byKey["military:W-4"], 99999}, Ordered: true, Limit: 5}, []string{"military:W-4"}, false},
	} {
		fs, more, err := st.WebFindings(ctx, c.q)
		if err != nil {
			t.Errorf("%s: WebFindings(%+v): %v", c.name, c.q, err)
			continue
		}
		if got := findingKeys(fs); !cmp.Equal(got, c.want) || more != c.more {
			t.Errorf("%s: WebFindings(%+v) = %q, more %v; want %q, more %v", c.name, c.q, got, more, c.want, c.more)
		}
	}
	brief, _, err := st.WebFindings(ctx, duckdb.WebFindingQuery{Key: "military:W-1", Brief: true, Limit: 10})
	if err != nil || len(brief) != 1 || brief[0].Explanation != "" || len(brief[0].Parties) != 0 || len(brief[0].ShipmentIDs) != 0 ||
		brief[0].Title != all[0].Title || brief[0].ValueUSD != 503000 {
		t.Errorf("WebFindings(brief) = %+v, %v; want the title and value without the lists", brief, err)
	}
	if _, _, err := st.WebFindings(ctx, duckdb.WebFindingQuery{IDs: []int64{1}, Detector: "route", Ordered: true, Limit: 10}); err == nil {
		t.Errorf("WebFindings(ordered with a filter) gave no error")
	}
}

func testWebOverview(t *testing.T, st WebStore) {
	ctx := context.Background()
	o, err := st.WebOverview(ctx, []string{"AE", "TR", "KZ"}, []string{"RU", "BY"}, []string{"9303", "6211"})
	if err != nil {
		t.Fatalf("WebOverview: %v", err)
	}
	want := &duckdb.WebOverview{
		Findings: []duckdb.WebCount{wc(1, 503000, "military", "critical"), wc(1, 90000, "military", "medium"),
			wc(1, 500, "route", "medium")},
		Cases:  []duckdb.WebCount{},
		Triage: []duckdb.WebCount{wc(3, 593500, "new")},
		Flows: []duckdb.WebCount{wc(1, 500000, "2022-06", "RU", "direct", "930330"), wc(1, 3000, "2022-07", "RU", "direct", "930330"),
			wc(1, 500, "2022-07", "RU", "hub", ""), wc(1, 90000, "2022-11", "RU", "direct", "621133")},
		HubSuppliers: []duckdb.WebCount{wc(1, 500, "DELTA TRADING FZE", "AE", "AE")},
	}
	if d := cmp.Diff(want, o); d != "" {
		t.Errorf("WebOverview (-want +got):\n%s", d)
	}
	o, err = st.WebOverview(ctx, nil, nil, nil)
	if err != nil || len(o.Flows) != 0 || len(o.HubSuppliers) != 0 || len(o.Findings) != 3 {
		t.Errorf("WebOverview(no hubs, no sanctioned destinations) = %+v, %v; want the findings and no flows", o, err)
	}
	o, err = st.WebOverview(ctx, nil, []string{"RU"}, nil)
	if err != nil || len(o.Flows) != 3 || len(o.HubSuppliers) != 0 || o.Flows[1].Labels[2] != "direct" || o.Flows[1].Lines != 2 {
		t.Errorf("WebOverview(no hubs, no classes) = %+v, %v; want three months, all direct", o, err)
	}
}

func testWebFlows(t *testing.T, st WebStore) {
	ctx := context.Background()
	for _, c := range []struct {
		name string
		q    duckdb.WebFlowQuery
		want []duckdb.WebCount
	}{
		{"every line, by value", duckdb.WebFlowQuery{}, []duckdb.WebCount{wc(2, 503000, "CN", "CN", "RU"), wc(1, 90000, "TR", "TR", "RU"),
			wc(1, 20000, "CN", "CN", "AE"), wc(1, 1000, "CN", "CN", "CN"), wc(1, 500, "CN", "AE", "RU"), wc(1, 0, "CN", "AE", "KZ")}},
		{"a goods class", duckdb.WebFlowQuery{HSPrefixes: []string{"9303", "8507"}}, []duckdb.WebCount{wc(2, 503000, "CN", "CN", "RU"),
			wc(1, 20000, "CN", "CN", "AE"), wc(1, 500, "CN", "AE", "RU")}},
		{"text, dates and destinations", duckdb.WebFlowQuery{Text: "Rifles", From: "2022-06-09", To: "2023-12-31", Dest: []string{"RU", "AE"}},
			[]duckdb.WebCount{wc(1, 20000, "CN", "CN", "AE"), wc(1, 3000, "CN", "CN", "RU")}},
		{"Cyrillic text", duckdb.WebFlowQuery{Text: "Ружья"}, []duckdb.WebCount{wc(1, 500000, "CN", "CN", "RU")}},
		{"nothing", duckdb.WebFlowQuery{Dest: []string{"US"}}, []duckdb.WebCount{}},
	} {
		got, err := st.WebFlows(ctx, c.q)
		if err != nil {
			t.Errorf("%s: WebFlows(%+v): %v", c.name, c.q, err)
			continue
		}
		if d := cmp.Diff(c.want, got, cmpopts.EquateEmpty()); d != "" {
			t.Errorf("%s: WebFlows(%+v) (-want +got):\n%s", c.name, c.q, d)
		}
	}
}

// wc is a WebCount of lines and value under labels.
func wc(lines int64, value float64, labels ...string) duckdb.WebCount {
	return duckdb.WebCount{Labels: labels, Lines: lines, ValueUSD: value}
}

// wm is a month of a party's trade.
func wm(month, role string, lines int64, value float64) duckdb.WebMonth {
	return duckdb.WebMonth{Month: month, Role: role, Lines: lines, ValueUSD: value}
}
