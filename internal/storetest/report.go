package storetest

import (
	"context"
	"errors"
	"fmt"
	"math"
	"slices"
	"testing"
	"time"

	gocmp "github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"

	"tradetrace/internal/cases"
	"tradetrace/internal/duckdb"
	"tradetrace/internal/report"
	"tradetrace/internal/trade"
)

// ReportSource is what the case and party reports (report.Source), the graph exports and the FollowTheMoney
// dumps read of a store: each store's Reports() returns one.
type ReportSource interface {
	report.Source
	AllParties(ctx context.Context, limit int) ([]report.Party, error)
	ShipmentParties(ctx context.Context) (map[trade.ShipmentID][2]int64, error)
	Network(ctx context.Context, id int64, hops, maxNodes int) (*report.Network, error)
}

// ReportsStore is a store that resolves parties, keeps findings, cases and triage, and gives its report
// source. Each store's Reports() returns its own concrete type: the stores' tests wrap them to give it as a
// ReportSource.
type ReportsStore interface {
	PartiesStore
	CasesStore
	ReportSource() ReportSource
}

// RunReports runs the contract of the reports' and exports' reads on stores that open makes: each call must
// give a new, empty store, closed by the test's cleanup. The fixture is the parties contract's
// (testdata/parties_shipments.csv and parties_more.csv: twelve parties, fourteen lines) and
// testdata/report_extra.csv (one more line of the Emirati exporter, to nobody, made nobody knows where; and
// one of the Shenzhen exporter to the Turkish one, which makes it a buyer too), with
// findings, cases, triage and screening matches written by hand; every answer below is worked out from them.
func RunReports(t *testing.T, open func(t *testing.T) ReportsStore) {
	t.Run("Empty", func(t *testing.T) { testReportEmpty(t, open(t)) })
	// The readers change nothing: they share one store.
	w := newReportWorld(t, open(t))
	t.Run("CaseAndFindings", func(t *testing.T) { testReportCase(t, w) })
	t.Run("Parties", func(t *testing.T) { testReportParties(t, w) })
	t.Run("Rows", func(t *testing.T) { testReportRows(t, w) })
	t.Run("PartyTotals", func(t *testing.T) { testReportTotals(t, w) })
	t.Run("Network", func(t *testing.T) { testReportNetwork(t, w) })
}

// reportWorld is the fixture as stored, with the ids the stores gave.
type reportWorld struct {
	st   ReportsStore
	src  ReportSource
	runs map[string]trade.Run        // by fixture file
	ship map[string]trade.ShipmentID // by record id
	file map[string]string           // the path each record was ingested from
	p    map[string]int64            // party ids by a short name (below)
	fs   map[string]trade.Finding    // the findings written, by key
	cs   []cases.Case                // the cases written
	of   map[string][2]string        // record id → short names of its shipper and consignee ("" unresolved)
}

// The parties of the fixture, by the record and role that name them: K the Russian importer ООО "КОСМОТЕХ",
// O the Shenzhen optoelectronics exporter, Y the Turkish exporter, Q the importer KVANT LINE, S the Emirati
// exporter SILVER FALCON, B the other Emirati exporter, P the Shenzhen optics exporter, G OOO KOSMOTEKH GRUPP,
// A1, A2, A3 three Russian firms called АЛЬФАСНАБ, KZ the Kazakh one.
var reportParties = map[string]struct{ rec, role string }{
	"K": {"T0005", "consignee"}, "O": {"T0001", "shipper"}, "Y": {"T0005", "shipper"}, "Q": {"T0008", "consignee"},
	"S": {"T0008", "shipper"}, "B": {"T0009", "shipper"}, "P": {"T0004", "shipper"}, "G": {"T0004", "consignee"},
	"A1": {"T0007", "consignee"}, "A2": {"T0006", "consignee"}, "A3": {"T0012", "consignee"}, "KZ": {"T0010", "consignee"},
}

// reportLines are the shipper and consignee of every line of the fixture, by the short names above.
var reportLines = map[string][2]string{
	"T0001": {"O", "K"}, "T0002": {"O", "K"}, "T0003": {"O", "K"}, "T0004": {"P", "G"}, "T0005": {"Y", "K"},
	"T0006": {"Y", "A2"}, "T0007": {"Y", "A1"}, "T0008": {"S", "Q"}, "T0009": {"B", "Q"}, "T0010": {"S", "KZ"},
	"T0011": {"O", "Q"}, "T0012": {"P", "A3"}, "T0013": {"O", "K"}, "T0014": {"O", "K"}, "R0001": {"S", ""},
	"R0002": {"O", "Y"},
}

// reportCreated is when the contract's cases were built.
var reportCreated = time.Date(2026, 12, 3, 8, 30, 0, 0, time.UTC)

func newReportWorld(t *testing.T, st ReportsStore) *reportWorld {
	t.Helper()
	ctx := context.Background()
	w := &reportWorld{st: st, src: st.ReportSource(), runs: map[string]trade.Run{}, ship: map[string]trade.ShipmentID{},
		file: map[string]string{}, p: map[string]int64{}, fs: map[string]trade.Finding{}, of: reportLines}
	for _, f := range []string{"parties_shipments.csv", "parties_more.csv", "report_extra.csv"} {
		path := fixture(t, f)
		w.runs[f] = ingestFile(t, st, path).Run
		for rec := range reportLines {
			if ss, _ := st.ShipmentsByRecordID(ctx, rec); len(ss) == 1 && ss[0].Prov.File == path {
				w.ship[rec], w.file[rec] = ss[0].ID, path
			}
		}
	}
	if len(w.ship) != len(reportLines) {
		t.Fatalf("the fixture holds %d of its %d lines", len(w.ship), len(reportLines))
	}
	resolveParties(t, st)
	for name, at := range reportParties {
		w.p[name] = shipmentParty(t, st, at.rec, at.role)
	}
	if ids := w.partyIDs(); len(ids) != 12 || slices.Contains(ids, 0) {
		t.Fatalf("the fixture's parties = %v, want 12 distinct", w.p)
	}
	for rec, sc := range reportLines { // the links are as the fixture says
		got := [2]int64{shipmentParty(t, st, rec, "shipper"), shipmentPartyOrZero(t, st, rec, "consignee")}
		if want := [2]int64{w.p[sc[0]], w.p[sc[1]]}; got != want {
			t.Fatalf("%s is linked to %v, want %v (%s → %s)", rec, got, want, sc[0], sc[1])
		}
	}
	// Screening found the importer on two lists, its matches written in two of the shapes lists give.
	if err := st.SetPartyMatches(ctx, []duckdb.PartyMatches{{ID: w.p["K"], Risk: 0.97,
		Matches: `[{"list":"ofac_sdn","caption":"KOSMOTEKH","score":{"score":0.93,"explanation":"name tokens 3/3"}},` +
			`{"dataset":"eu_fsf","name":"KOSMOTECH","score":0.97,"reason":"INN equal"}]`}}); err != nil {
		t.Fatal(err)
	}
	ids := func(recs ...string) ([]string, []trade.ShipmentID) {
		var out []trade.ShipmentID
		for _, r := range recs {
			out = append(out, w.ship[r])
		}
		return recs, out
	}
	finding := func(key string, score float64, title string, recs ...string) trade.Finding {
		f := trade.Finding{Key: key, Score: score, Severity: trade.SeverityHigh, Title: title, Explanation: "why: " + title}
		f.Shipments, f.ShipmentIDs = ids(recs...)
		return f
	}
	alpha := []trade.Finding{
		finding("alpha|cameras", 0.9, "thermal cameras to the importer", "T0001", "T0002", "T0013"),
		finding("alpha|jackets", 0.6, `jackets <script>alert(1)</script>`, "T0005", "T0006"),
	}
	beta := []trade.Finding{
		finding("beta|batteries", 0.75, "batteries through the UAE", "T0008", "T0009"),
		finding("beta|none", 0.3, "cites no line"),
		finding("beta|drones", 0.6, "drone parts to nobody", "R0001"),
	}
	for _, d := range []struct {
		name, version string
		fs            []trade.Finding
	}{{"alpha", "1", alpha}, {"beta", "2", beta}} {
		if err := st.ReplaceFindings(ctx, d.name, d.version, slices.Clone(d.fs)); err != nil {
			t.Fatal(err)
		}
		for _, f := range d.fs {
			f.Detector, f.DetectorVersion = d.name, d.version
			w.fs[f.Key] = f
		}
	}
	w.cs = []cases.Case{
		{ID: 1, Key: "party:K", Kind: cases.KindParty, Title: `ООО "КОСМОТЕХ" <img src=x onerror=alert(1)>`, Score: 0.95,
			Reasons:  []cases.Reason{{Detector: "alpha", FindingKey: "alpha|cameras", Score: 0.9, Text: "thermal cameras"}},
			Findings: []string{"alpha|cameras", "alpha|jackets", "gone|1"}, PartyIDs: []int64{w.p["K"], w.p["O"], 999999},
			ValueUSD: 31500, FirstDate: day("2022-03-01"), LastDate: day("2022-08-15"), Created: reportCreated},
		{ID: 2, Key: "route:CN-AE-RU:batteries", Kind: cases.KindRoute, Title: "batteries through the UAE", Score: 0.7,
			Findings: []string{"beta|batteries"}, PartyIDs: []int64{w.p["S"], w.p["Q"]}, ValueUSD: 7500,
			FirstDate: day("2022-06-01"), LastDate: day("2022-06-02"), Created: reportCreated},
		{ID: 3, Key: "party:Y", Kind: cases.KindParty, Title: "the Turkish exporter", Score: 0.6,
			Findings: []string{"alpha|jackets"}, PartyIDs: []int64{w.p["Y"], w.p["K"]}, ValueUSD: 9800, Created: reportCreated},
	}
	if err := st.ReplaceCases(ctx, w.cs); err != nil {
		t.Fatal(err)
	}
	at := time.Date(2026, 12, 4, 9, 0, 0, 0, time.UTC)
	for i, s := range []cases.Status{cases.StatusConfirmed, cases.StatusDismissed} {
		if _, err := st.SetTriage(ctx, cases.Decision{Target: cases.CaseTarget("party:K"), Status: s, Who: "ana", Decided: at.Add(time.Duration(i) * time.Hour)}); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := st.SetTriage(ctx, cases.Decision{Target: cases.CaseTarget("party:Y"), Status: cases.StatusConfirmed, Who: "ana", Decided: at}); err != nil {
		t.Fatal(err)
	}
	return w
}

func (w *reportWorld) partyIDs() []int64 {
	seen := map[int64]bool{}
	var out []int64
	for _, id := range w.p {
		if !seen[id] {
			seen[id] = true
			out = append(out, id)
		}
	}
	slices.Sort(out)
	return out
}

// shipmentPartyOrZero is shipmentParty, 0 when the role has no resolved party.
func shipmentPartyOrZero(t *testing.T, st PartiesStore, rec, role string) int64 {
	t.Helper()
	sps, err := st.PartyIDsForShipments(context.Background(), []trade.ShipmentID{shipmentIDOf(t, st, rec)})
	if err != nil {
		t.Fatal(err)
	}
	for _, sp := range sps {
		if sp.Role == role {
			return sp.PartyID
		}
	}
	return 0
}

func testReportCase(t *testing.T, w *reportWorld) {
	ctx := context.Background()
	c, err := w.src.Case(ctx, 1)
	if err != nil {
		t.Fatal(err)
	}
	if diff := gocmp.Diff(stored(w.cs[0], cases.StatusDismissed), *c); diff != "" {
		t.Errorf("Case(1), its latest triage dismissed (-want +got):\n%s", diff)
	}
	for id, st := range map[int64]cases.Status{2: cases.StatusNew, 3: cases.StatusConfirmed} {
		c, err := w.src.Case(ctx, id)
		if err != nil {
			t.Fatal(err)
		}
		if diff := gocmp.Diff(stored(w.cs[id-1], st), *c); diff != "" {
			t.Errorf("Case(%d) (-want +got):\n%s", id, diff)
		}
	}
	if _, err := w.src.Case(ctx, 4); !errors.Is(err, trade.ErrNotFound) {
		t.Errorf("Case(4) error = %v, want trade.ErrNotFound", err)
	}

	// The case's findings that still exist, best first, as written.
	fs, err := w.src.Findings(ctx, c.Findings)
	if err != nil {
		t.Fatal(err)
	}
	want := []trade.Finding{w.fs["alpha|cameras"], w.fs["alpha|jackets"]}
	if diff := gocmp.Diff(want, fs, cmpopts.EquateEmpty(), cmpopts.IgnoreFields(trade.Finding{}, "ID")); diff != "" { // each store numbers its findings
		t.Errorf("Findings(case 1's keys) (-want +got):\n%s", diff)
	}
	for _, f := range fs {
		if f.ID == 0 {
			t.Errorf("finding %s has no id", f.Key)
		}
	}
	fs, err = w.src.Findings(ctx, []string{"beta|none", "alpha|jackets", "nothing", "beta|batteries", "alpha|cameras", "beta|drones"})
	if got, want := keys(fs), []string{"alpha|cameras", "beta|batteries", "alpha|jackets", "beta|drones", "beta|none"}; err != nil || !slices.Equal(got, want) {
		t.Errorf("Findings(five keys and one unknown) = %v, %v; want %v (by score, then key)", got, err, want)
	}
	if fs, err := w.src.Findings(ctx, nil); err != nil || len(fs) != 0 {
		t.Errorf("Findings(none) = %v, %v; want none", keys(fs), err)
	}

	// The findings citing a line of a party, and the cases naming it.
	for _, c := range []struct {
		party string
		want  []string
	}{
		{"K", []string{"alpha|cameras", "alpha|jackets"}}, // T0001, T0002, T0013; T0005
		{"Y", []string{"alpha|jackets"}},                  // T0005, T0006
		{"Q", []string{"beta|batteries"}},                 // T0008, T0009
		{"S", []string{"beta|batteries", "beta|drones"}},  // T0008; R0001
		{"O", []string{"alpha|cameras"}},
		{"G", []string{}},
	} {
		fs, err := w.src.PartyFindings(ctx, w.p[c.party])
		if got := keys(fs); err != nil || !slices.Equal(got, c.want) {
			t.Errorf("PartyFindings(%s) = %v, %v; want %v", c.party, got, err, c.want)
		}
	}
	for _, c := range []struct {
		party string
		want  []int64
	}{{"K", []int64{1, 3}}, {"O", []int64{1}}, {"Q", []int64{2}}, {"Y", []int64{3}}, {"G", []int64{}}} {
		cs, err := w.src.PartyCases(ctx, w.p[c.party])
		got := []int64{}
		for _, x := range cs {
			got = append(got, x.ID)
		}
		if err != nil || !slices.Equal(got, c.want) {
			t.Errorf("PartyCases(%s) = %v, %v; want %v", c.party, got, err, c.want)
		}
		if c.party == "K" && len(cs) == 2 && (cs[0].Status != cases.StatusDismissed || cs[1].Status != cases.StatusConfirmed) {
			t.Errorf("PartyCases(K) statuses = %s, %s; want dismissed, confirmed", cs[0].Status, cs[1].Status)
		}
	}
	if cs, err := w.src.PartyCases(ctx, 999999); err != nil || len(cs) != 1 || cs[0].ID != 1 {
		t.Errorf("PartyCases(999999), a party only case 1 names = %v, %v; want case 1", cs, err)
	}
	if cs, err := w.src.PartyCases(ctx, 99999); err != nil || cs == nil || len(cs) != 0 {
		t.Errorf("PartyCases(99999), which no case names (999999 does) = %v, %v; want an empty list", cs, err)
	}
}

func testReportParties(t *testing.T, w *reportWorld) {
	ctx := context.Background()
	k, err := w.src.Party(ctx, w.p["K"])
	if err != nil {
		t.Fatal(err)
	}
	want := report.Party{ID: w.p["K"], Name: `ООО "КОСМОТЕХ"`, NameEn: "KOSMOTECH LLC", Country: "RU", Identifiers: []string{"7701234561"},
		Variants: []report.Variant{{Name: `ООО "КОСМОТЕХ"`, Country: "RU", ID: "7701234561", Lines: 3}, {Name: "KOSMOTECH LLC", Country: "RU", Lines: 1},
			{Name: "OOO KOSMOTEKH", Country: "RU", Lines: 1}, {Name: `ООО "КОСМОТЕХ"`, Country: "RU", Lines: 1}},
		Roles: map[string]int64{"consignee": 6}, Lines: 6, ValueUSD: 31500, WeightKg: 81, // net weights 20 + 10 + 4 + 35 + 5 + 7
		FirstSeen: day("2022-03-01"), LastSeen: day("2022-08-15"), Risk: 0.97,
		Matches: []report.Match{{List: "eu_fsf", Entry: "KOSMOTECH", Score: 0.97, Explanation: "INN equal"},
			{List: "ofac_sdn", Entry: "KOSMOTEKH", Score: 0.93, Explanation: "name tokens 3/3"}}}
	full := *k
	addrs := k.Addresses
	k.Addresses = nil
	if diff := gocmp.Diff(want, *k); diff != "" {
		t.Errorf("Party(K) (-want +got):\n%s", diff)
	}
	if len(addrs) == 0 || addrs[0] != "101000, Г. МОСКВА, УЛ. МИРА, Д. 5, СТР. 2" {
		t.Errorf("Party(K) addresses = %q, want the most frequent first", addrs)
	}
	if _, err := w.src.Party(ctx, 999999); !errors.Is(err, trade.ErrNotFound) {
		t.Errorf("Party(999999) error = %v, want trade.ErrNotFound", err)
	}
	ps, err := w.src.Parties(ctx, []int64{w.p["O"], 999999, w.p["K"], w.p["O"]})
	if err != nil {
		t.Fatal(err)
	}
	got := []int64{}
	for _, p := range ps {
		got = append(got, p.ID)
	}
	wantIDs := []int64{w.p["O"], w.p["K"]}
	slices.Sort(wantIDs)
	if !slices.Equal(got, wantIDs) {
		t.Errorf("Parties(O, 999999, K, O) = %v, want %v: those that exist, once, by id", got, wantIDs)
	}
	for _, p := range ps {
		if p.ID == w.p["K"] && !gocmp.Equal(p, full) {
			t.Errorf("Parties gives K otherwise than Party:\n%+v\n%+v", p, full)
		}
	}
	if ps, err := w.src.Parties(ctx, nil); err != nil || len(ps) != 0 {
		t.Errorf("Parties(none) = %d, %v; want none", len(ps), err)
	}

	// Every party by value: K 31,500; O 26,000; Y 14,500; Q 8,500; S 8,400 (6,000 + 1,500 + 900); A1 4,200;
	// P 3,300; G 3,000; A2 2,800; B and KZ 1,500 each (by id); A3 300.
	order := []string{"K", "O", "Y", "Q", "S", "A1", "P", "G", "A2", "B", "KZ", "A3"}
	if w.p["KZ"] < w.p["B"] {
		order[9], order[10] = "KZ", "B"
	}
	values := map[string]float64{"K": 31500, "O": 26000, "Y": 14500, "Q": 8500, "S": 8400, "A1": 4200, "P": 3300, "G": 3000,
		"A2": 2800, "B": 1500, "KZ": 1500, "A3": 300}
	all, err := w.src.AllParties(ctx, 0)
	if err != nil {
		t.Fatal(err)
	}
	var gotOrder []string
	for _, p := range all {
		for name, id := range w.p {
			if id == p.ID {
				gotOrder = append(gotOrder, name)
				if p.ValueUSD != values[name] {
					t.Errorf("AllParties: %s's value = %v, want %v", name, p.ValueUSD, values[name])
				}
			}
		}
		if p.ID == w.p["K"] && !gocmp.Equal(p, full) {
			t.Errorf("AllParties gives K otherwise than Party")
		}
	}
	if !slices.Equal(gotOrder, order) {
		t.Errorf("AllParties(0) = %v, want %v", gotOrder, order)
	}
	if top, err := w.src.AllParties(ctx, 3); err != nil || len(top) != 3 || top[0].ID != w.p["K"] || top[2].ID != w.p["Y"] {
		t.Errorf("AllParties(3) = %d parties, %v; want K, O, Y", len(top), err)
	}

	// The parties of every line; the line to nobody has a shipper only.
	sp, err := w.src.ShipmentParties(ctx)
	if err != nil {
		t.Fatal(err)
	}
	wantSP := map[trade.ShipmentID][2]int64{}
	for rec, sc := range w.of {
		wantSP[w.ship[rec]] = [2]int64{w.p[sc[0]], w.p[sc[1]]}
	}
	if diff := gocmp.Diff(wantSP, sp); diff != "" {
		t.Errorf("ShipmentParties (-want +got):\n%s", diff)
	}
}

func testReportRows(t *testing.T, w *reportWorld) {
	ctx := context.Background()
	recs := []string{"R0001", "T0013", "T0001", "T0004"}
	var ids []trade.ShipmentID
	for _, r := range recs {
		ids = append(ids, w.ship[r])
	}
	rows, err := w.src.Rows(ctx, append(ids, w.ship["T0001"], w.ship["T0001"]+1<<40))
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, r := range rows {
		got = append(got, r.RecordID)
	}
	// by date: 2022-03-01, 2022-04-02, 2022-08-01, 2022-09-01; a repeated id once, an unknown one not at all
	if want := []string{"T0001", "T0004", "T0013", "R0001"}; !slices.Equal(got, want) {
		t.Fatalf("Rows = %v, want %v", got, want)
	}
	runOf := map[string]string{"T0001": "parties_shipments.csv", "T0004": "parties_shipments.csv", "T0013": "parties_more.csv", "R0001": "report_extra.csv"}
	rowOf := map[string]int64{"T0001": 1, "T0004": 4, "T0013": 1, "R0001": 1}
	for _, r := range rows {
		run := w.runs[runOf[r.RecordID]]
		if r.ID != w.ship[r.RecordID] || r.Prov.Run != run.ID || r.Prov.File != w.file[r.RecordID] || r.Prov.Row != rowOf[r.RecordID] {
			t.Errorf("row %s: id %d, provenance %+v; want id %d, run %d, %s row %d", r.RecordID, r.ID, r.Prov, w.ship[r.RecordID], run.ID, w.file[r.RecordID], rowOf[r.RecordID])
		}
		if r.RunSHA256 != run.SHA256 || r.RunStarted.Sub(run.Started).Abs() > time.Second {
			t.Errorf("row %s: run read %v, sha256 %s; want %v, %s", r.RecordID, r.RunStarted, r.RunSHA256, run.Started, run.SHA256)
		}
		sc := w.of[r.RecordID]
		if r.ShipperID != w.p[sc[0]] || r.ConsigneeID != w.p[sc[1]] {
			t.Errorf("row %s: parties %d → %d, want %d → %d", r.RecordID, r.ShipperID, r.ConsigneeID, w.p[sc[0]], w.p[sc[1]])
		}
		full, err := w.st.Shipment(ctx, r.ID)
		if err != nil || !gocmp.Equal(*full, r.Shipment) {
			t.Errorf("row %s's shipment differs from Shipment(%d): %v\n%+v\n%+v", r.RecordID, r.ID, err, r.Shipment, full)
		}
		raw, err := w.st.Raw(ctx, r.ID)
		if err != nil || !gocmp.Equal(raw, r.Raw) {
			t.Errorf("row %s's source record = %q, want Raw's %q (%v)", r.RecordID, r.Raw, raw, err)
		}
		if len(r.Raw) != 27 || r.Raw[0] != [2]string{"record_id", r.RecordID} {
			t.Errorf("row %s's source record = %q, want 27 fields under the header's names", r.RecordID, r.Raw)
		}
	}
	if r := rows[3]; r.Raw[9] != [2]string{"consignee_name", ""} || r.Raw[5] != [2]string{"shipper_name", "SILVER FALCON GENERAL TRADING L.L.C"} ||
		r.Raw[22] != [2]string{"gross_weight_kg", "12"} {
		t.Errorf("R0001's source record = %q", r.Raw)
	}
	if rows, err := w.src.Rows(ctx, nil); err != nil || len(rows) != 0 {
		t.Errorf("Rows(none) = %d rows, %v", len(rows), err)
	}
}

// bucket is a line of a breakdown as the contract compares it.
func bucket(key, label string, lines int64, value, weight float64) report.Bucket {
	return report.Bucket{Key: key, Label: label, Lines: lines, ValueUSD: value, WeightKg: weight}
}

func testReportTotals(t *testing.T, w *reportWorld) {
	ctx := context.Background()
	approx := gocmp.Comparer(func(a, b float64) bool { return math.Abs(a-b) <= 1e-9*math.Max(1, math.Abs(a)) })
	party := func(name string) string { return fmt.Sprintf("party:%d", w.p[name]) }
	names := map[string]string{}
	for _, n := range []string{"O", "Y", "Q", "KZ"} {
		p, err := w.src.Party(ctx, w.p[n])
		if err != nil {
			t.Fatal(err)
		}
		names[n] = p.Name
	}
	for _, c := range []struct {
		party string
		want  report.PartyTotals
	}{
		// The importer received T0001 (2022-03, 10,000, 20 kg), T0002 (2022-03, 5,000, 10 kg), T0003 (2022-04,
		// 2,000, 4 kg) from O directly from China, T0005 (2022-05, 7,000, 35 kg) from Y in Türkiye, T0013
		// (2022-08, 3,000, 5 kg) and T0014 (2022-08, 4,500, 7 kg, through Kazakhstan) from O.
		{"K", report.PartyTotals{In: report.Totals{Lines: 6, ValueUSD: 31500, WeightKg: 81, First: day("2022-03-01"), Last: day("2022-08-15"),
			ByMonth: []report.Bucket{bucket("2022-03", "Mar 2022", 2, 15000, 30), bucket("2022-04", "Apr 2022", 1, 2000, 4),
				bucket("2022-05", "May 2022", 1, 7000, 35), bucket("2022-08", "Aug 2022", 2, 7500, 12)},
			ByRoute: []report.Bucket{bucket("CN>CN>RU", report.RouteLabel("CN>CN>RU"), 4, 20000, 39), bucket("TR>TR>RU", report.RouteLabel("TR>TR>RU"), 1, 7000, 35),
				bucket("CN>KZ>RU", "CN → KZ → RU (through hub Kazakhstan)", 1, 4500, 7)},
			ByGoods:        []report.Bucket{bucket("hs:85", report.ChapterLabel("85"), 5, 24500, 46), bucket("hs:62", report.ChapterLabel("62"), 1, 7000, 35)},
			Counterparties: []report.Bucket{bucket(party("O"), names["O"], 5, 24500, 46), bucket(party("Y"), names["Y"], 1, 7000, 35)}}}},
		// The Emirati exporter shipped T0008 (6,000, 13 kg) to Q, T0010 (1,500, 3 kg) to KZ, and R0001 (900, no
		// net weight: 12 kg gross, made nobody knows where) to nobody.
		{"S", report.PartyTotals{Out: report.Totals{Lines: 3, ValueUSD: 8400, WeightKg: 28, First: day("2022-06-01"), Last: day("2022-09-01"),
			ByMonth: []report.Bucket{bucket("2022-06", "Jun 2022", 2, 7500, 16), bucket("2022-09", "Sep 2022", 1, 900, 12)},
			ByRoute: []report.Bucket{bucket("CN>AE>RU", report.RouteLabel("CN>AE>RU"), 1, 6000, 13), bucket("CN>AE>KZ", report.RouteLabel("CN>AE>KZ"), 1, 1500, 3),
				bucket("?>AE>RU", report.RouteLabel("?>AE>RU"), 1, 900, 12)},
			ByGoods:        []report.Bucket{bucket("hs:85", report.ChapterLabel("85"), 2, 7500, 16), bucket("hs:88", report.ChapterLabel("88"), 1, 900, 12)},
			Counterparties: []report.Bucket{bucket(party("Q"), names["Q"], 1, 6000, 13), bucket(party("KZ"), names["KZ"], 1, 1500, 3), bucket("name:", "", 1, 900, 12)}}}},
		{"nobody", report.PartyTotals{}},
	} {
		got, err := w.src.PartyTotals(ctx, w.p[c.party])
		if err != nil {
			t.Fatal(err)
		}
		if diff := gocmp.Diff(c.want, *got, approx); diff != "" {
			t.Errorf("PartyTotals(%s) (-want +got):\n%s", c.party, diff)
		}
	}
	if names["O"] != "SHENZHEN SHENHAI OPTOELECTRONICS CO LTD" || names["KZ"] != `ТОО "АЛЬФАСНАБ"` {
		t.Errorf("the counterparties' names = %q", names)
	}
}

func testReportNetwork(t *testing.T, w *reportWorld) {
	ctx := context.Background()
	type edge struct {
		From, To string
		Lines    int64
		Value    float64
	}
	nameOf := map[int64]string{}
	for n, id := range w.p {
		nameOf[id] = n
	}
	walk := func(center string, hops, max int) (map[string]int, []edge) {
		t.Helper()
		n, err := w.src.Network(ctx, w.p[center], hops, max)
		if err != nil {
			t.Fatalf("Network(%s, %d, %d): %v", center, hops, max, err)
		}
		if n.Center != w.p[center] {
			t.Errorf("Network(%s).Center = %d", center, n.Center)
		}
		nodes := map[string]int{}
		for _, nd := range n.Nodes {
			nodes[nameOf[nd.ID]] = nd.Hop
			p, err := w.src.Party(ctx, nd.ID)
			if err != nil || nd.Name != p.Name || nd.Country != p.Country || nd.Lines != p.Lines || nd.ValueUSD != p.ValueUSD || nd.Risk != p.Risk {
				t.Errorf("Network(%s) node %+v, want the party's figures %+v (%v)", center, nd, p, err)
			}
		}
		if !slices.IsSortedFunc(n.Nodes, func(a, b report.NetworkNode) int { return int(a.ID - b.ID) }) {
			t.Errorf("Network(%s) nodes are not in id order", center)
		}
		var es []edge
		for _, e := range n.Edges {
			es = append(es, edge{nameOf[e.Shipper], nameOf[e.Consignee], e.Lines, e.ValueUSD})
		}
		return nodes, es
	}
	order := func(es []edge) []edge {
		slices.SortFunc(es, func(a, b edge) int {
			if w.p[a.From] != w.p[b.From] {
				return int(w.p[a.From] - w.p[b.From])
			}
			return int(w.p[a.To] - w.p[b.To])
		})
		return es
	}
	// Hop 1 from the importer: O (5 lines, 24,500) and Y (1 line, 7,000) shipped to it. Hop 2: what O and Y
	// shipped to others: O → Q (T0011, 1,000), Y → A2 (T0006, 2,800), Y → A1 (T0007, 4,200), and to each
	// other: O → Y (R0002, 500), once.
	nodes, es := walk("K", 2, 10)
	if diff := gocmp.Diff(map[string]int{"K": 0, "O": 1, "Y": 1, "Q": 2, "A1": 2, "A2": 2}, nodes); diff != "" {
		t.Errorf("Network(K, 2 hops) nodes (-want +got):\n%s", diff)
	}
	want := order([]edge{{"O", "K", 5, 24500}, {"Y", "K", 1, 7000}, {"O", "Q", 1, 1000}, {"Y", "A2", 1, 2800}, {"Y", "A1", 1, 4200}, {"O", "Y", 1, 500}})
	if diff := gocmp.Diff(want, es); diff != "" {
		t.Errorf("Network(K, 2 hops) edges (-want +got):\n%s", diff)
	}
	// One node a hop: the bigger supplier only, and only its edge.
	nodes, es = walk("K", 1, 1)
	if diff := gocmp.Diff(map[string]int{"K": 0, "O": 1}, nodes); diff != "" {
		t.Errorf("Network(K, 1 hop, 1 node) nodes (-want +got):\n%s", diff)
	}
	if diff := gocmp.Diff([]edge{{"O", "K", 5, 24500}}, es); diff != "" {
		t.Errorf("Network(K, 1 hop, 1 node) edges (-want +got):\n%s", diff)
	}
	// Two hops, two nodes a hop: of O's and Y's partners, A1 and A2 (4,200 and 2,800) before Q (1,000).
	nodes, _ = walk("K", 2, 2)
	if diff := gocmp.Diff(map[string]int{"K": 0, "O": 1, "Y": 1, "A1": 2, "A2": 2}, nodes); diff != "" {
		t.Errorf("Network(K, 2 hops, 2 nodes) nodes (-want +got):\n%s", diff)
	}
	// The Emirati exporter: its line to nobody is no edge. Hop 2 reaches B through Q.
	nodes, es = walk("S", 2, 10)
	if diff := gocmp.Diff(map[string]int{"S": 0, "Q": 1, "KZ": 1, "O": 2, "B": 2}, nodes); diff != "" {
		t.Errorf("Network(S, 2 hops) nodes (-want +got):\n%s", diff)
	}
	want = order([]edge{{"S", "Q", 1, 6000}, {"S", "KZ", 1, 1500}, {"B", "Q", 1, 1500}, {"O", "Q", 1, 1000}})
	if diff := gocmp.Diff(want, es); diff != "" {
		t.Errorf("Network(S, 2 hops) edges (-want +got):\n%s", diff)
	}
	// No hops: the party alone.
	if nodes, es = walk("G", 0, 10); !gocmp.Equal(nodes, map[string]int{"G": 0}) || len(es) != 0 {
		t.Errorf("Network(G, 0 hops) = %v, %v; want G alone", nodes, es)
	}
	if _, err := w.src.Network(ctx, 999999, 2, 10); !errors.Is(err, trade.ErrNotFound) {
		t.Errorf("Network(999999) error = %v, want trade.ErrNotFound", err)
	}
}

// testReportEmpty reads a store that holds lines but no parties, findings or cases.
func testReportEmpty(t *testing.T, st ReportsStore) {
	ctx := context.Background()
	src := st.ReportSource()
	ingestFile(t, st, fixture(t, "report_extra.csv"))
	if _, err := src.Case(ctx, 1); !errors.Is(err, trade.ErrNotFound) {
		t.Errorf("Case(1) with no cases: %v, want trade.ErrNotFound", err)
	}
	if _, err := src.Party(ctx, 1); !errors.Is(err, trade.ErrNotFound) {
		t.Errorf("Party(1) with no parties: %v, want trade.ErrNotFound", err)
	}
	if _, err := src.Network(ctx, 1, 2, 10); !errors.Is(err, trade.ErrNotFound) {
		t.Errorf("Network(1) with no parties: %v, want trade.ErrNotFound", err)
	}
	if ps, err := src.Parties(ctx, []int64{1, 2}); err != nil || len(ps) != 0 {
		t.Errorf("Parties(1, 2) = %d, %v; want none", len(ps), err)
	}
	if ps, err := src.AllParties(ctx, 0); err != nil || len(ps) != 0 {
		t.Errorf("AllParties = %d, %v; want none", len(ps), err)
	}
	if sp, err := src.ShipmentParties(ctx); err != nil || sp == nil || len(sp) != 0 {
		t.Errorf("ShipmentParties = %v, %v; want an empty map", sp, err)
	}
	if fs, err := src.Findings(ctx, []string{"x"}); err != nil || len(fs) != 0 {
		t.Errorf("Findings(x) = %d, %v; want none", len(fs), err)
	}
	if fs, err := src.PartyFindings(ctx, 1); err != nil || len(fs) != 0 {
		t.Errorf("PartyFindings(1) = %d, %v; want none", len(fs), err)
	}
	if cs, err := src.PartyCases(ctx, 1); err != nil || cs == nil || len(cs) != 0 {
		t.Errorf("PartyCases(1) = %v, %v; want an empty list", cs, err)
	}
	if pt, err := src.PartyTotals(ctx, 1); err != nil || !gocmp.Equal(*pt, report.PartyTotals{}) {
		t.Errorf("PartyTotals(1) = %+v, %v; want zeros", pt, err)
	}
	ss, err := st.ShipmentsByRecordID(ctx, "R0001")
	if err != nil || len(ss) != 1 {
		t.Fatalf("ShipmentsByRecordID(R0001) = %d, %v", len(ss), err)
	}
	rows, err := src.Rows(ctx, []trade.ShipmentID{ss[0].ID})
	if err != nil || len(rows) != 1 || rows[0].ShipperID != 0 || rows[0].ConsigneeID != 0 || len(rows[0].Raw) != 27 {
		t.Errorf("Rows(R0001) with no parties = %+v, %v; want the row, its source record, no parties", rows, err)
	}
}
