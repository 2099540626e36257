package duckdb

import (
	"bytes"
	"context"
	"errors"
	"os"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"tradetrace/internal/country"
	"tradetrace/internal/hs"
	"tradetrace/internal/report"
	"tradetrace/internal/trade"
)

// reportStore is a small store for the report tests: one run of eight shipments, three resolved parties,
// two findings (one of them hostile text) and a case.
type reportStore struct {
	d        *DB
	ships    []trade.Shipment
	header   []string
	raw      map[trade.ShipmentID][]string
	partyOf  map[trade.ShipmentID][2]int64 // shipper, consignee
	caseID   int64
	findings []trade.Finding
}

const (
	partyNorinco  = 101
	partyTekhkrim = 102
	partyGulf     = 103
)

func newReportStore(t *testing.T) *reportStore {
	t.Helper()
	ctx := context.Background()
	d, err := Open(ctx, t.TempDir()+"/r.duckdb", Config{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { d.Close() })
	rs := &reportStore{d: d, header: []string{"record_id", "date", "shipper", "consignee", "description", "value_usd"},
		raw: map[trade.ShipmentID][]string{}, partyOf: map[trade.ShipmentID][2]int64{}}
	run := &trade.Run{File: "ru_import_<2022>.csv", SHA256: "abc123def4567890", Profile: "canonical", Format: "csv", Encoding: "utf-8"}
	l, err := d.BeginRun(ctx, run, rs.header)
	if err != nil {
		t.Fatal(err)
	}
	norinco := trade.Party{Name: "China North Industries Corp <NORINCO>", Country: "CN"}
	tekhkrim := trade.Party{Name: `ООО "ТЕХКРИМ"`, NameEn: "TEKHKRIM LLC", Country: "RU", ID: "9102000000"}
	gulf := trade.Party{Name: "Gulf & Sons FZE", Country: "AE"}
	type line struct {
		date                    string
		shipper, consignee      trade.Party
		sp, cp                  int64
		origin, dispatch        string
		hsCode, desc            string
		value, weight           float64
		weightValid, valueValid bool
	}
	lines := []line{
		{"2022-06-14", norinco, tekhkrim, partyNorinco, partyTekhkrim, "CN", "CN", "9303200000", "civilian hunting rifles CQ-A 5.56 mm", 650000, 3500, true, true},
		{"2022-06-20", norinco, tekhkrim, partyNorinco, partyTekhkrim, "CN", "CN", "9305100000", "parts for rifles: bolt carriers", 50000, 200, true, true},
		{"2022-07-02", gulf, tekhkrim, partyGulf, partyTekhkrim, "CN", "AE", "8807300000", "DJI Mavic 3 battery", 120000.5, 800, true, true},
		{"2022-07-28", gulf, tekhkrim, partyGulf, partyTekhkrim, "CN", "AE", "8525890000", "thermal imaging camera", 30000, 0, false, true},
		{"2022-12-01", gulf, tekhkrim, partyGulf, partyTekhkrim, "CN", "AE", "6307909800", "textile articles =HYPERLINK(\"x\")", 0, 120, true, false},
		{"2022-07-05", norinco, gulf, partyNorinco, partyGulf, "CN", "CN", "8807300000", "drone parts", 80000, 400, true, true},
		{"2021-03-10", norinco, gulf, partyNorinco, partyGulf, "CN", "CN", "8471300000", "laptops", 10000, 50, true, true},
		{"2022-08-09", trade.Party{Name: "Unresolved Trader", Country: "TR"}, tekhkrim, 0, partyTekhkrim, "TR", "TR", "6211430000", "бронежилет класс Бр4", 45000, 900, true, true},
	}
	for i, ln := range lines {
		date, _ := time.Parse("2006-01-02", ln.date)
		s := trade.Shipment{
			RecordID: "REC" + string(rune('A'+i)), Date: date, Direction: trade.Import, Reporter: "RU",
			DeclarationNo: "10702070/" + ln.date, ItemNo: 1, Shipper: ln.shipper, Consignee: ln.consignee,
			Origin: country.Code(ln.origin), Dispatch: country.Code(ln.dispatch), Destination: country.Code(ln.consignee.Country),
			HS: hs.Code(ln.hsCode), HS6: hs.Code(ln.hsCode[:6]), Description: ln.desc, Currency: "USD",
			Prov: trade.Provenance{File: run.File, Row: int64(i + 1)}, Fingerprint: uint64(1000 + i),
		}
		if ln.valueValid {
			s.Value, s.ValueUSD = trade.N(ln.value), trade.N(ln.value)
		}
		if ln.weightValid {
			s.NetWeightKg = trade.N(ln.weight)
		}
		raw := []string{s.RecordID, ln.date, ln.shipper.Name, ln.consignee.Name, ln.desc, s.ValueUSD.String()}
		if err := l.Add(&s, raw); err != nil {
			t.Fatal(err)
		}
		s.Prov.Run = run.ID
		rs.ships = append(rs.ships, s)
		rs.raw[s.ID] = raw
		rs.partyOf[s.ID] = [2]int64{ln.sp, ln.cp}
	}
	run.Read, run.Accepted = int64(len(lines)), int64(len(lines))
	if err := l.Commit(ctx, run); err != nil {
		t.Fatal(err)
	}
	exec := func(q string, args ...any) {
		t.Helper()
		if _, err := d.SQL().ExecContext(ctx, q, args...); err != nil {
			t.Fatalf("%s: %v", q, err)
		}
	}
	partyCols := `INSERT INTO parties (id, name, name_en, country, identifiers, variants, addresses, roles, lines, value_usd, weight_kg, first_seen, last_seen, search, risk, matches) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, '', ?, ?)`
	exec(partyCols, partyNorinco, norinco.Name, "", "CN", `[]`, `[{"name":"China North Industries Corp <NORINCO>","name_en":"","country":"CN","id":"","lines":4},{"name":"NORINCO","country":"CN","lines":0}]`,
		`["Beijing <b>Xicheng</b>"]`, `{"shipper":4}`, 4, 790000, 4150, "2021-03-10", "2022-07-05", 0.95,
		`[{"list":"us_1260h","caption":"China North Industries Group Corporation Limited","score":{"score":0.93,"explanation":"name tokens 3/3"}}]`)
	exec(partyCols, partyTekhkrim, tekhkrim.Name, tekhkrim.NameEn, "RU", `[{"scheme":"INN","value":"9102000000"}]`,
		`[{"name":"ООО \"ТЕХКРИМ\"","name_en":"TEKHKRIM LLC","country":"RU","id":"9102000000","lines":6}]`, `[]`, `{"consignee":6}`,
		6, 895000.5, 5520, "2022-06-14", "2022-12-01", 0.9, `[{"list":"ofac_sdn","caption":"TEKHKRIM","score":0.97,"explanation":"INN equal"}]`)
	exec(partyCols, partyGulf, gulf.Name, "", "AE", `["BIN 123"]`, `[]`, `[]`, `{"shipper":3,"consignee":2}`, 5, 240000.5, 1370, "2021-03-10", "2022-12-01", 0.3, `[]`)
	for _, s := range rs.ships {
		p := rs.partyOf[s.ID]
		if p[0] != 0 {
			exec(`INSERT INTO shipment_parties VALUES (?, 'shipper', ?)`, int64(s.ID), p[0])
		}
		exec(`INSERT INTO shipment_parties VALUES (?, 'consignee', ?)`, int64(s.ID), p[1])
	}
	rs.findings = []trade.Finding{
		{Key: "misdeclared:norinco:2022-06", Score: 0.97, Severity: trade.SeverityCritical,
			Title:       `Rifles declared as "hunting" <script>alert(1)</script>`,
			Explanation: "model CQ-A is an M16 copy", Parties: []trade.FindingParty{{Name: norinco.Name, Role: "shipper"}},
			Shipments: []string{"RECA", "RECB"}, ShipmentIDs: []trade.ShipmentID{rs.ships[0].ID, rs.ships[1].ID},
			Evidence: []trade.Evidence{{Label: "model", Value: "CQ-A", RecordID: "RECA"}}, ValueUSD: 700000},
		{Key: "hub:AE:drones", Score: 0.8, Severity: trade.SeverityHigh, Title: "Drone parts through the UAE",
			Shipments: []string{"RECC", "RECD", "RECE"}, ShipmentIDs: []trade.ShipmentID{rs.ships[2].ID, rs.ships[3].ID, rs.ships[4].ID}},
		{Key: "other", Score: 0.5, Severity: trade.SeverityMedium, Title: "Laptops", Shipments: []string{"RECG"}, ShipmentIDs: []trade.ShipmentID{rs.ships[6].ID}},
	}
	if err := d.ReplaceFindings(ctx, "military", "1", rs.findings); err != nil {
		t.Fatal(err)
	}
	for i := range rs.findings {
		rs.findings[i].Detector, rs.findings[i].DetectorVersion = "military", "1"
	}
	rs.caseID = 7
	exec(`INSERT INTO cases VALUES (?, 'party:102', 'party', ?, 0.98, ?, ?, ?, 895000.5, DATE '2022-06-14', DATE '2022-12-01', TIMESTAMP '2026-12-01 10:00:00')`,
		rs.caseID, `TEKHKRIM <img src=x onerror=alert(1)>`,
		`[{"detector":"military","finding_key":"misdeclared:norinco:2022-06","score":0.97,"text":"rifles declared as hunting rifles"}]`,
		`["misdeclared:norinco:2022-06","hub:AE:drones","missing-key"]`, `[102, 101, 999]`)
	exec(`INSERT INTO triage VALUES ('case:party:102', 'new', '', 'a', TIMESTAMP '2026-12-01 11:00:00')`)
	exec(`INSERT INTO triage VALUES ('case:party:102', 'confirmed', 'checked', 'b', TIMESTAMP '2026-12-02 11:00:00')`)
	return rs
}

func TestReportSourceCase(t *testing.T) {
	ctx := context.Background()
	rs := newReportStore(t)
	src := rs.d.Reports()
	c, err := src.Case(ctx, rs.caseID)
	if err != nil {
		t.Fatal(err)
	}
	if c.Key != "party:102" || c.Status != "confirmed" || len(c.Findings) != 3 || !slices.Equal(c.PartyIDs, []int64{102, 101, 999}) || c.Reasons[0].Score != 0.97 {
		t.Errorf("Case(%d) = %+v", rs.caseID, c)
	}
	if _, err := src.Case(ctx, 12345); !errors.Is(err, trade.ErrNotFound) {
		t.Errorf("Case(12345) error = %v, want ErrNotFound", err)
	}
	fs, err := src.Findings(ctx, c.Findings)
	if err != nil {
		t.Fatal(err)
	}
	if len(fs) != 2 || fs[0].Key != "misdeclared:norinco:2022-06" || fs[1].Key != "hub:AE:drones" {
		t.Errorf("Findings(case keys) = %d findings %v", len(fs), fs)
	}
	ps, err := src.Parties(ctx, c.PartyIDs)
	if err != nil {
		t.Fatal(err)
	}
	if len(ps) != 2 || ps[0].ID != partyNorinco || ps[1].ID != partyTekhkrim {
		t.Fatalf("Parties = %+v, want 101 and 102", ps)
	}
	if ps[0].Matches[0].Score != 0.93 || ps[0].Matches[0].Explanation != "name tokens 3/3" || ps[0].Matches[0].List != "us_1260h" {
		t.Errorf("party 101 matches = %+v", ps[0].Matches)
	}
	if !slices.Equal(ps[1].Identifiers, []string{"INN 9102000000"}) || ps[1].Variants[0].NameEn != "TEKHKRIM LLC" || ps[1].Roles["consignee"] != 6 {
		t.Errorf("party 102 = %+v", ps[1])
	}
}

// TestReportRows reads evidence rows back with their provenance and source records.
func TestReportRows(t *testing.T) {
	ctx := context.Background()
	rs := newReportStore(t)
	var ids []trade.ShipmentID
	for _, s := range rs.ships {
		ids = append(ids, s.ID)
	}
	rows, err := rs.d.Reports().Rows(ctx, append(ids, ids[0], 999999))
	if err != nil {
		t.Fatal(err)
	}
	if len(rows) != len(rs.ships) {
		t.Fatalf("Rows = %d rows, want %d", len(rows), len(rs.ships))
	}
	for i := 1; i < len(rows); i++ {
		if rows[i].Date.Before(rows[i-1].Date) {
			t.Errorf("rows not in date order: %s before %s", rows[i-1].Date, rows[i].Date)
		}
	}
	for _, r := range rows {
		want := rs.raw[r.ID]
		var got []string
		var names []string
		for _, kv := range r.Raw {
			names = append(names, kv[0])
			got = append(got, kv[1])
		}
		if !slices.Equal(got, want) || !slices.Equal(names, rs.header) {
			t.Errorf("row %s raw = %q %q, want %q %q", r.RecordID, names, got, rs.header, want)
		}
		if r.Prov.File != "ru_import_<2022>.csv" || r.Prov.Run == 0 || r.Prov.Row < 1 || r.RunSHA256 != "abc123def4567890" || r.RunStarted.IsZero() {
			t.Errorf("row %s provenance = %+v, run %s %s", r.RecordID, r.Prov, r.RunStarted, r.RunSHA256)
		}
		if p := rs.partyOf[r.ID]; r.ShipperID != p[0] || r.ConsigneeID != p[1] {
			t.Errorf("row %s parties = %d, %d, want %d, %d", r.RecordID, r.ShipperID, r.ConsigneeID, p[0], p[1])
		}
	}
}

// TestReportPartyTotals checks the store's grouping-sets figures against sums over the inserted rows, and
// against report.Summarize over the same rows.
func TestReportPartyTotals(t *testing.T) {
	ctx := context.Background()
	rs := newReportStore(t)
	src := rs.d.Reports()
	for _, tc := range []struct {
		party int64
		role  int // 0 shipper (outbound), 1 consignee (inbound)
	}{{partyTekhkrim, 1}, {partyGulf, 0}, {partyGulf, 1}, {partyNorinco, 0}} {
		pt, err := src.PartyTotals(ctx, tc.party)
		if err != nil {
			t.Fatal(err)
		}
		got := pt.Out
		if tc.role == 1 {
			got = pt.In
		}
		var ids []trade.ShipmentID
		var lines int64
		var value, weight float64
		months := map[string]float64{}
		for _, s := range rs.ships {
			if rs.partyOf[s.ID][tc.role] != tc.party {
				continue
			}
			ids = append(ids, s.ID)
			lines++
			value += s.ValueUSD.Or(0)
			weight += s.Weight().Or(0)
			months[s.Date.Format("2006-01")] += s.ValueUSD.Or(0)
		}
		if got.Lines != lines || !near(got.ValueUSD, value) || !near(got.WeightKg, weight) {
			t.Errorf("party %d role %d totals = %d lines %v USD %v kg, want %d, %v, %v", tc.party, tc.role, got.Lines, got.ValueUSD, got.WeightKg, lines, value, weight)
		}
		if len(got.ByMonth) != len(months) {
			t.Errorf("party %d role %d: %d months, want %d", tc.party, tc.role, len(got.ByMonth), len(months))
		}
		for _, b := range got.ByMonth {
			if !near(b.ValueUSD, months[b.Key]) {
				t.Errorf("party %d role %d month %s = %v, want %v", tc.party, tc.role, b.Key, b.ValueUSD, months[b.Key])
			}
		}
		rows, err := src.Rows(ctx, ids)
		if err != nil {
			t.Fatal(err)
		}
		sum := report.Summarize(rows)
		opt := cmp.Comparer(func(a, b float64) bool { return near(a, b) })
		if diff := cmp.Diff(sum.ByMonth, got.ByMonth, opt); diff != "" {
			t.Errorf("party %d role %d months, Summarize (-) vs store (+):\n%s", tc.party, tc.role, diff)
		}
		if diff := cmp.Diff(sum.ByRoute, got.ByRoute, opt); diff != "" {
			t.Errorf("party %d role %d routes, Summarize (-) vs store (+):\n%s", tc.party, tc.role, diff)
		}
		var chapterLines int64
		for _, b := range got.ByGoods {
			chapterLines += b.Lines
		}
		if chapterLines != lines {
			t.Errorf("party %d role %d: chapters add up to %d lines, want %d", tc.party, tc.role, chapterLines, lines)
		}
	}
	pt, err := src.PartyTotals(ctx, partyTekhkrim)
	if err != nil {
		t.Fatal(err)
	}
	// Tekhkrim's suppliers: NORINCO and Gulf resolved (named from the parties table), one unresolved name.
	var labels []string
	for _, b := range pt.In.Counterparties {
		labels = append(labels, b.Label)
	}
	want := []string{"China North Industries Corp <NORINCO>", "Gulf & Sons FZE", "Unresolved Trader"}
	if diff := cmp.Diff(want, labels); diff != "" {
		t.Errorf("Tekhkrim suppliers by value (-want +got):\n%s", diff)
	}
	if pt.In.ByRoute[0].Key != "CN>CN>RU" || pt.In.ByRoute[0].Label != "CN → RU (direct)" || !strings.Contains(pt.In.ByRoute[1].Label, "through hub") {
		t.Errorf("Tekhkrim routes = %+v", pt.In.ByRoute)
	}
	fs, err := src.PartyFindings(ctx, partyTekhkrim)
	if err != nil {
		t.Fatal(err)
	}
	if len(fs) != 2 || fs[0].Key != "misdeclared:norinco:2022-06" {
		t.Errorf("PartyFindings(Tekhkrim) = %v, want the two findings citing its shipments", fs)
	}
	cs, err := src.PartyCases(ctx, partyNorinco)
	if err != nil {
		t.Fatal(err)
	}
	if len(cs) != 1 || cs[0].ID != rs.caseID {
		t.Errorf("PartyCases(NORINCO) = %+v, want case %d", cs, rs.caseID)
	}
	if cs, _ := src.PartyCases(ctx, partyGulf); len(cs) != 0 {
		t.Errorf("PartyCases(Gulf) = %+v, want none", cs)
	}
}

func near(a, b float64) bool { d := a - b; return d < 1e-6 && d > -1e-6 }

var scriptTag = regexp.MustCompile(`(?i)<script|<img`)

// TestCaseReportHTML builds the case report and checks that it cites every evidence row with its
// provenance, that its figures are the rows' sums, and that hostile text is escaped.
func TestCaseReportHTML(t *testing.T) {
	ctx := context.Background()
	rs := newReportStore(t)
	r, err := report.BuildCase(ctx, rs.d.Reports(), rs.caseID, time.Date(2026, 12, 5, 0, 0, 0, 0, time.UTC))
	if err != nil {
		t.Fatal(err)
	}
	var b bytes.Buffer
	if err := r.WriteHTML(&b); err != nil {
		t.Fatal(err)
	}
	html := b.String()
	if scriptTag.MatchString(html) {
		t.Errorf("the report holds raw markup from the data:\n%s", scriptTag.FindString(html))
	}
	for _, want := range []string{"&lt;script&gt;alert(1)&lt;/script&gt;", "TEKHKRIM &lt;img src=x onerror=alert(1)&gt;", "ru_import_&lt;2022&gt;.csv", "confirmed", "default-src &#39;none&#39;"} {
		if !strings.Contains(html, want) && !strings.Contains(html, strings.ReplaceAll(want, "&#39;", "'")) {
			t.Errorf("report lacks %q", want)
		}
	}
	if strings.Contains(html, "http://") || strings.Contains(html, "https://") || strings.Contains(html, "<link") {
		t.Errorf("report refers to an external resource")
	}
	var value, weight float64
	cited := 0
	for _, f := range rs.findings[:2] {
		for i, id := range f.ShipmentIDs {
			s := rs.ships[slices.IndexFunc(rs.ships, func(s trade.Shipment) bool { return s.ID == id })]
			value += s.ValueUSD.Or(0)
			weight += s.Weight().Or(0)
			cited++
			n := r.EvidenceNumber(f.Shipments[i])
			if n == 0 {
				t.Errorf("record %s is not listed as evidence", f.Shipments[i])
				continue
			}
			row := regexp.MustCompile(`(?s)<tr id="E` + itoa(n) + `">.*?</tr>`).FindString(html)
			for _, part := range []string{f.Shipments[i], "row " + itoa(int(s.Prov.Row)), "run " + itoa(int(s.Prov.Run)), "ru_import_&lt;2022&gt;.csv"} {
				if !strings.Contains(row, part) {
					t.Errorf("evidence row E%d lacks %q:\n%s", n, part, row)
				}
			}
			if !strings.Contains(html, `href="#E`+itoa(n)+`"`) {
				t.Errorf("no finding cites E%d", n)
			}
		}
	}
	if r.Evidence.Lines != int64(cited) || !near(r.Evidence.ValueUSD, value) || !near(r.Evidence.WeightKg, weight) {
		t.Errorf("evidence totals = %d lines %v USD %v kg, want %d, %v, %v", r.Evidence.Lines, r.Evidence.ValueUSD, r.Evidence.WeightKg, cited, value, weight)
	}
	if !strings.Contains(html, report.Money(value)) {
		t.Errorf("report does not state the evidence value %s", report.Money(value))
	}
	if len(r.Rows) != cited || r.RawRows != cited {
		t.Errorf("report lists %d rows (%d raw), want %d", len(r.Rows), r.RawRows, cited)
	}
	if strings.Count(html, `<div class="raw">`) != cited {
		t.Errorf("report prints %d source records, want %d", strings.Count(html, `<div class="raw">`), cited)
	}
}

// TestPartyReportHTML builds the party report of Tekhkrim.
func TestPartyReportHTML(t *testing.T) {
	ctx := context.Background()
	rs := newReportStore(t)
	r, err := report.BuildParty(ctx, rs.d.Reports(), partyTekhkrim, time.Now())
	if err != nil {
		t.Fatal(err)
	}
	var b bytes.Buffer
	if err := r.WriteHTML(&b); err != nil {
		t.Fatal(err)
	}
	html := b.String()
	if scriptTag.MatchString(html) {
		t.Errorf("the report holds raw markup from the data")
	}
	for _, want := range []string{"TEKHKRIM LLC", "INN 9102000000", "ofac_sdn", "INN equal", "Gulf &amp; Sons FZE", "Unresolved Trader", "<svg", report.Money(r.PartyTotals.In.ValueUSD)} {
		if !strings.Contains(html, want) {
			t.Errorf("party report lacks %q", want)
		}
	}
	if len(r.Findings) != 2 || len(r.Cases) != 1 || r.Evidence.Lines != 5 {
		t.Errorf("party report: %d findings, %d cases, %d evidence lines; want 2, 1, 5", len(r.Findings), len(r.Cases), r.Evidence.Lines)
	}
	if _, err := report.BuildParty(ctx, rs.d.Reports(), 4242, time.Now()); !errors.Is(err, trade.ErrNotFound) {
		t.Errorf("BuildParty(4242) error = %v, want ErrNotFound", err)
	}
}

// TestReportPDF prints the case report with headless Chromium. It is skipped only where Chromium is not
// installed; scripts/report-test.sh installs it and runs this test.
func TestReportPDF(t *testing.T) {
	if _, err := os.Stat(report.DefaultChromium); err != nil {
		t.Skipf("%s is not installed: run scripts/report-test.sh", report.DefaultChromium)
	}
	ctx := context.Background()
	rs := newReportStore(t)
	r, err := report.BuildCase(ctx, rs.d.Reports(), rs.caseID, time.Now())
	if err != nil {
		t.Fatal(err)
	}
	start := time.Now()
	pdf, err := r.WritePDF(ctx, report.PDFOptions{})
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("PDF: %d bytes in %s", len(pdf), time.Since(start).Round(time.Millisecond))
	if !bytes.HasPrefix(pdf, []byte("%PDF-")) {
		t.Fatalf("output starts %q, want %%PDF-", pdf[:min(len(pdf), 8)])
	}
	pages := len(regexp.MustCompile(`/Type\s*/Page[^s]`).FindAll(pdf, -1))
	if pages < 2 { // the report body, then the appendix of source records on a page of its own
		t.Errorf("PDF has %d pages, want at least 2", pages)
	}
	if !bytes.Contains(pdf[len(pdf)-1024:], []byte("%%EOF")) {
		t.Errorf("PDF does not end with %%%%EOF")
	}
	if dir := os.Getenv("REPORT_PDF_DIR"); dir != "" {
		if err := os.WriteFile(dir+"/case-report.pdf", pdf, 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

func itoa(i int) string { return strconv.Itoa(i) }

// TestReportNetwork walks Tekhkrim's partners two hops out.
func TestReportNetwork(t *testing.T) {
	ctx := context.Background()
	rs := newReportStore(t)
	n, err := rs.d.Reports().Network(ctx, partyTekhkrim, 2, 10)
	if err != nil {
		t.Fatal(err)
	}
	hops := map[int64]int{}
	for _, nd := range n.Nodes {
		hops[nd.ID] = nd.Hop
	}
	if diff := cmp.Diff(map[int64]int{partyTekhkrim: 0, partyNorinco: 1, partyGulf: 1}, hops); diff != "" {
		t.Errorf("network nodes (-want +got):\n%s", diff)
	}
	type edge struct {
		s, c  int64
		lines int64
	}
	var got []edge
	for _, e := range n.Edges {
		got = append(got, edge{e.Shipper, e.Consignee, e.Lines})
	}
	want := []edge{{partyNorinco, partyTekhkrim, 2}, {partyNorinco, partyGulf, 2}, {partyGulf, partyTekhkrim, 3}}
	slices.SortFunc(want, func(a, b edge) int {
		if a.s != b.s {
			return int(a.s - b.s)
		}
		return int(a.c - b.c)
	})
	if diff := cmp.Diff(want, got, cmp.AllowUnexported(edge{})); diff != "" {
		t.Errorf("network edges (-want +got):\n%s", diff)
	}
	n1, err := rs.d.Reports().Network(ctx, partyTekhkrim, 1, 1)
	if err != nil {
		t.Fatal(err)
	}
	if len(n1.Nodes) != 2 || len(n1.Edges) != 1 {
		t.Errorf("network of 1 hop, 1 node per hop = %d nodes, %d edges; want 2, 1", len(n1.Nodes), len(n1.Edges))
	}
	if _, err := rs.d.Reports().Network(ctx, 999, 2, 10); !errors.Is(err, trade.ErrNotFound) {
		t.Errorf("Network(999) error = %v, want ErrNotFound", err)
	}
}
