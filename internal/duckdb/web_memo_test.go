package duckdb

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"tradetrace/internal/cases"
	"tradetrace/internal/ingest"
	"tradetrace/internal/trade"
)

// sqlPartySearch is the party search as one SQL query (how the store searched before it kept the parties in
// memory): the reference the in-memory search must agree with.
func sqlPartySearch(t *testing.T, d *DB, q WebPartySearch) []WebPartyHit {
	t.Helper()
	var hit []string
	var args []any
	for _, k := range q.Keys {
		hit = append(hit, `CASE WHEN contains(' ' || search || ' ', ?) THEN 1 ELSE 0 END`)
		args = append(args, " "+k+" ")
	}
	hitExpr := "0"
	if len(hit) > 0 {
		hitExpr = strings.Join(hit, " + ")
	}
	like := "%" + escapeLike(q.Text) + "%"
	sqlq := `SELECT id, name, name_en, country, lines, value_usd, risk, hits FROM (SELECT *, (` + hitExpr + `) AS hits FROM parties) p
WHERE (hits > 0 OR name ILIKE ? ESCAPE '\' OR name_en ILIKE ? ESCAPE '\')`
	args = append(args, like, like)
	if q.Country != "" {
		sqlq += ` AND country = ?`
		args = append(args, q.Country)
	}
	sqlq += ` ORDER BY (name ILIKE ? ESCAPE '\' OR name_en ILIKE ? ESCAPE '\') DESC, hits DESC, risk DESC, lines DESC, id LIMIT ? OFFSET ?`
	args = append(args, like, like, q.Limit+1, q.Offset)
	rows, err := d.db.Query(sqlq, args...)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	out := []WebPartyHit{}
	for rows.Next() {
		var h WebPartyHit
		var id int64
		if err := rows.Scan(&id, &h.Name, &h.NameEn, &h.Country, &h.Lines, &h.ValueUSD, &h.Risk, &h.Hits); err != nil {
			t.Fatal(err)
		}
		h.Ref = strconv.FormatInt(id, 10)
		out = append(out, h)
	}
	if len(out) > q.Limit {
		out = out[:q.Limit]
	}
	return out
}

func TestWebPartySearchAgreesWithSQL(t *testing.T) {
	ctx := context.Background()
	d, _, _ := resolvedWebStore(t)
	// More parties, with names that share words, cases and scripts, ties in risk and lines, and countries.
	words := []string{"Nord", "nord", "СЕВЕР", "sever", "Trade", "Group", "Aero", "aerokom", "Ltd", "ООО", "Gmbh", "%", "_"}
	for i := 0; i < 300; i++ {
		name := fmt.Sprintf("%s %s %d", words[i%len(words)], words[(i*7+3)%len(words)], i%17)
		en := ""
		if i%3 == 0 {
			en = strings.ToUpper(words[(i*5+1)%len(words)]) + " TRADING"
		}
		search := strings.ToLower(strings.Join(strings.Fields(name+" "+en), " "))
		if _, err := d.db.Exec(`INSERT INTO parties VALUES (?, ?, ?, ?, '[]', '[]', '[]', '{}', ?, ?, 0, NULL, NULL, ?, ?, '[]')`,
			1000+i, name, en, []string{"RU", "AE", "TR"}[i%3], i%5, float64(i), search, float64(i%4)/4); err != nil {
			t.Fatal(err)
		}
	}
	queries := []WebPartySearch{
		{Text: "nord", Keys: []string{"nord"}, Limit: 10},
		{Text: "nord", Keys: []string{"nord"}, Limit: 10, Offset: 10},
		{Text: "nord trade", Keys: []string{"nord", "trade"}, Limit: 25},
		{Text: "север", Keys: []string{"север", "sever"}, Limit: 25, Country: "AE"},
		{Text: "aero", Keys: []string{"aero"}, Limit: 7, Offset: 3},
		{Text: "TRADING", Limit: 50},
		{Text: "%", Limit: 10},
		{Text: "_", Keys: []string{"_"}, Limit: 10},
		{Text: "llc beta", Keys: []string{"beta", "llc"}, Limit: 10},
		{Text: "nothing like it", Keys: []string{"nothing"}, Limit: 10},
		{Text: "group", Keys: []string{"group"}, Limit: 400},
	}
	for _, q := range queries {
		want := sqlPartySearch(t, d, q)
		got, _, err := d.WebSearchParties(ctx, q)
		if err != nil {
			t.Fatal(err)
		}
		if len(want) == 0 {
			// An empty result falls back to the brands: not part of the comparison.
			continue
		}
		if !slices.Equal(got, want) {
			t.Errorf("search %+v:\n got %v\nwant %v", q, got, want)
		}
	}
}

// The parties and cases kept in memory are forgotten when the store writes them.
func TestWebMemoForgetsOnWrite(t *testing.T) {
	ctx := context.Background()
	d, beta, alpha := resolvedWebStore(t)
	search := func() []string {
		hits, _, err := d.WebSearchParties(ctx, WebPartySearch{Text: "llc", Keys: []string{"llc"}, Limit: 10})
		if err != nil {
			t.Fatal(err)
		}
		var names []string
		for _, h := range hits {
			names = append(names, h.Name)
		}
		return names
	}
	if got := search(); !slices.Equal(got, []string{"BETA LLC", "GAMMA LLC"}) {
		t.Fatalf("before: %v", got) // equal risk: more lines first
	}
	var gamma int64
	d.db.QueryRow(`SELECT id FROM parties WHERE name = 'GAMMA LLC'`).Scan(&gamma)
	if err := d.SetPartyMatches(ctx, []PartyMatches{{ID: gamma, Matches: "[]", Risk: 0.9}}); err != nil {
		t.Fatal(err)
	}
	if got := search(); !slices.Equal(got, []string{"GAMMA LLC", "BETA LLC"}) {
		t.Errorf("after a risk change: %v, want GAMMA LLC first", got)
	}

	caseIDs := func(party int64) []int64 {
		cs, _, err := d.WebCases(ctx, WebCaseQuery{PartyID: party, Limit: 10})
		if err != nil {
			t.Fatal(err)
		}
		var ids []int64
		for _, c := range cs {
			ids = append(ids, c.ID)
		}
		return ids
	}
	mk := func(id int64, parties ...int64) cases.Case {
		return cases.Case{ID: id, Key: fmt.Sprintf("party:%d", id), Kind: cases.KindParty, Title: "t", Score: 0.5,
			Reasons: []cases.Reason{}, Findings: []string{}, PartyIDs: parties, Created: time.Now()}
	}
	if err := d.ReplaceCases(ctx, []cases.Case{mk(1, beta), mk(2, beta, alpha)}); err != nil {
		t.Fatal(err)
	}
	if got := caseIDs(beta); !slices.Equal(got, []int64{1, 2}) {
		t.Errorf("beta's cases: %v", got)
	}
	if err := d.ReplaceCases(ctx, []cases.Case{mk(3, alpha)}); err != nil {
		t.Fatal(err)
	}
	if got := caseIDs(beta); len(got) != 0 {
		t.Errorf("beta's cases after a rebuild: %v, want none", got)
	}
	if got := caseIDs(alpha); !slices.Equal(got, []int64{3}) {
		t.Errorf("alpha's cases after a rebuild: %v", got)
	}
}

// A brief list of findings is the same findings in the same order, without their wide columns.
func TestWebFindingsBrief(t *testing.T) {
	ctx := context.Background()
	d := webStore(t)
	var fs []trade.Finding
	for i := 0; i < 12; i++ {
		fs = append(fs, trade.Finding{Detector: "t", DetectorVersion: "1", Key: fmt.Sprintf("k%02d", i), Score: float64(i%5) / 5,
			Severity: trade.SeverityMedium, Title: fmt.Sprintf("finding %d", i), Explanation: "why",
			Shipments: []string{"W1"}, ShipmentIDs: []trade.ShipmentID{1},
			Parties: []trade.FindingParty{{Name: "BETA LLC", Role: "consignee"}}, Evidence: []trade.Evidence{{Label: "a", Value: "b"}}})
	}
	if err := d.ReplaceFindings(ctx, "t", "1", fs); err != nil {
		t.Fatal(err)
	}
	all, _, err := d.WebFindings(ctx, WebFindingQuery{Limit: 5, Offset: 2})
	if err != nil {
		t.Fatal(err)
	}
	brief, more, err := d.WebFindings(ctx, WebFindingQuery{Limit: 5, Offset: 2, Brief: true})
	if err != nil {
		t.Fatal(err)
	}
	if len(all) != 5 || len(brief) != 5 || !more {
		t.Fatalf("got %d and %d findings (more %v), want 5 and 5 with more", len(all), len(brief), more)
	}
	for i := range all {
		a, b := all[i], brief[i]
		if a.ID != b.ID || a.Key != b.Key || a.Score != b.Score || a.Title != b.Title {
			t.Errorf("finding %d: brief %s %v, whole %s %v", i, b.Key, b.Score, a.Key, a.Score)
		}
		if len(a.Evidence) == 0 || len(a.ShipmentIDs) == 0 || a.Explanation == "" {
			t.Errorf("whole finding %s lacks its lists: %+v", a.Key, a.Finding)
		}
		if len(b.Evidence) != 0 || len(b.ShipmentIDs) != 0 || len(b.Shipments) != 0 || b.Explanation != "" {
			t.Errorf("brief finding %s carries its lists: %+v", b.Key, b.Finding)
		}
	}
	for i := 1; i < len(all); i++ {
		if all[i].Score > all[i-1].Score {
			t.Errorf("not by score: %v then %v", all[i-1].Score, all[i].Score)
		}
	}
}

// A search by brand reads the brands kept in memory; a new ingest run brings its brands in.
func TestWebBrandSearchSeesNewRuns(t *testing.T) {
	ctx := context.Background()
	d, _, alpha := resolvedWebStore(t)
	find := func() []WebPartyHit {
		hits, _, err := d.WebSearchParties(ctx, WebPartySearch{Text: "zetabrand", Keys: []string{"zetabrand"}, Limit: 10})
		if err != nil {
			t.Fatal(err)
		}
		return hits
	}
	if hits := find(); len(hits) != 0 {
		t.Fatalf("before the run: %v", hits)
	}
	f := filepath.Join(t.TempDir(), "z.csv")
	line := "W9,2022-08-08,export,CN,D9,ALPHA ARMS CORP,A,CN,ID1,BETA LLC,B,RU,,CN,CN,RU,9303300000,RIFLES,ZETABRAND,ALPHA ARMS CORP,10,PCS,40,35,1000,USD,1000\n"
	if err := os.WriteFile(f, []byte(strings.SplitN(webCSV, "\n", 2)[0]+"\n"+line), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := ingest.File(ctx, d, f, ingest.Options{Profile: "canonical", Workers: 1}); err != nil {
		t.Fatal(err)
	}
	if _, err := d.db.ExecContext(ctx, `INSERT INTO shipment_parties SELECT id, 'shipper', ? FROM shipments WHERE brand = 'ZETABRAND'`, alpha); err != nil {
		t.Fatal(err)
	}
	if hits := find(); len(hits) != 1 || hits[0].Name != "ALPHA ARMS CORP" {
		t.Errorf("after the run: %v, want ALPHA ARMS CORP by its brand", hits)
	}
}

// An ordered page of findings is read as given; it takes ids alone.
func TestWebFindingsOrdered(t *testing.T) {
	ctx := context.Background()
	d := webStore(t)
	var fs []trade.Finding
	for i := 0; i < 5; i++ {
		fs = append(fs, trade.Finding{Detector: "t", DetectorVersion: "1", Key: fmt.Sprintf("k%d", i), Score: float64(i) / 5,
			Severity: trade.SeverityLow, Title: "t", ShipmentIDs: []trade.ShipmentID{1}})
	}
	if err := d.ReplaceFindings(ctx, "t", "1", fs); err != nil {
		t.Fatal(err)
	}
	all, _, err := d.WebFindings(ctx, WebFindingQuery{Limit: 10})
	if err != nil || len(all) != 5 {
		t.Fatal(len(all), err)
	}
	ids := []int64{all[3].ID, all[0].ID, all[4].ID}
	got, more, err := d.WebFindings(ctx, WebFindingQuery{IDs: ids, Ordered: true, Limit: 2, Brief: true})
	if err != nil || !more || len(got) != 2 || got[0].ID != ids[0] || got[1].ID != ids[1] {
		t.Errorf("ordered page: %v more %v %v; want ids %v, more", got, more, err, ids[:2])
	}
	if _, _, err := d.WebFindings(ctx, WebFindingQuery{IDs: ids, Ordered: true, Detector: "t", Limit: 2}); err == nil {
		t.Error("an ordered page with another filter: no error")
	}
}

// Lists take the triage state kept in memory; a new decision, from the workbench or the command line, shows at
// once.
func TestWebTriageSeenAtOnce(t *testing.T) {
	ctx := context.Background()
	d, beta, _ := resolvedWebStore(t)
	if err := d.ReplaceFindings(ctx, "t", "1", []trade.Finding{{Key: "a", Score: 0.9, Title: "A", ShipmentIDs: []trade.ShipmentID{1}}}); err != nil {
		t.Fatal(err)
	}
	c := cases.Case{ID: 1, Key: "party:1", Kind: cases.KindParty, Title: "t", Score: 0.5, Reasons: []cases.Reason{},
		Findings: []string{"a"}, PartyIDs: []int64{beta}, Created: time.Now()}
	if err := d.ReplaceCases(ctx, []cases.Case{c}); err != nil {
		t.Fatal(err)
	}
	state := func() (finding, kase string) {
		fs, _, err := d.WebFindings(ctx, WebFindingQuery{Limit: 10})
		if err != nil || len(fs) != 1 {
			t.Fatal(fs, err)
		}
		cs, _, err := d.WebCases(ctx, WebCaseQuery{PartyID: beta, Limit: 10})
		if err != nil || len(cs) != 1 {
			t.Fatal(cs, err)
		}
		if fs[0].Triage != nil {
			finding = fs[0].Triage.Status
		}
		if cs[0].Triage != nil {
			kase = cs[0].Triage.Status
		}
		return finding, kase
	}
	if f, k := state(); f != "" || k != "" {
		t.Fatalf("before: %q %q", f, k)
	}
	if err := d.WebAddTriage(ctx, WebTriage{Target: "finding:a", Status: "confirmed", Who: "me"}); err != nil {
		t.Fatal(err)
	}
	if _, err := d.SetTriage(ctx, cases.Decision{Target: cases.CaseTarget("party:1"), Status: cases.StatusDismissed, Who: "you"}); err != nil {
		t.Fatal(err)
	}
	if f, k := state(); f != "confirmed" || k != "dismissed" {
		t.Errorf("after: finding %q, case %q; want confirmed, dismissed", f, k)
	}
	fs, _, err := d.WebFindings(ctx, WebFindingQuery{Status: "confirmed", Limit: 10})
	if err != nil || len(fs) != 1 {
		t.Errorf("by status: %v %v", fs, err)
	}
}

// Runs are kept in memory: a run that begins, commits or fails shows at once, with its header.
func TestWebRunsSeenAtOnce(t *testing.T) {
	ctx := context.Background()
	d := webStore(t)
	r1, err := d.WebRun(ctx, 1)
	if err != nil || r1.Status != trade.RunComplete || r1.Accepted != 3 {
		t.Fatalf("run 1: %+v %v", r1, err)
	}
	if _, err := d.WebRun(ctx, 2); !errors.Is(err, trade.ErrNotFound) {
		t.Fatalf("run 2 before it began: %v", err)
	}
	run := &trade.Run{File: "x.csv", Profile: "canonical", Reasons: map[string]int64{}}
	l, err := d.BeginRun(ctx, run, []string{"a", "b"})
	if err != nil {
		t.Fatal(err)
	}
	if r2, err := d.WebRun(ctx, int64(run.ID)); err != nil || r2.Status != trade.RunLoading {
		t.Errorf("run %d while loading: %+v %v", run.ID, r2, err)
	}
	if h, err := d.RunHeader(ctx, run.ID); err != nil || !slices.Equal(h, []string{"a", "b"}) {
		t.Errorf("header: %v %v", h, err)
	}
	if err := l.Abort(errors.New("stopped")); err != nil {
		t.Fatal(err)
	}
	if r2, err := d.WebRun(ctx, int64(run.ID)); err != nil || r2.Status != trade.RunFailed {
		t.Errorf("run %d after it failed: %+v %v", run.ID, r2, err)
	}
	r1.Reasons["x"] = 1 // a caller's copy
	if again, _ := d.WebRun(ctx, 1); again.Reasons["x"] != 0 {
		t.Error("WebRun shares its reasons with callers")
	}
}

// A brief list of cases is the same cases in the same order, without their reasons, findings and parties.
func TestWebCasesBrief(t *testing.T) {
	ctx := context.Background()
	d, beta, alpha := resolvedWebStore(t)
	var cs []cases.Case
	for i := int64(1); i <= 4; i++ {
		cs = append(cs, cases.Case{ID: i, Key: fmt.Sprintf("party:%d", i), Kind: cases.KindParty, Title: "t", Score: float64(i%3) / 3,
			Reasons: []cases.Reason{{Text: "r"}}, Findings: []string{"f"}, PartyIDs: []int64{beta, alpha}, Created: time.Now()})
	}
	if err := d.ReplaceCases(ctx, cs); err != nil {
		t.Fatal(err)
	}
	all, _, err := d.WebCases(ctx, WebCaseQuery{PartyID: beta, Limit: 10})
	if err != nil {
		t.Fatal(err)
	}
	brief, _, err := d.WebCases(ctx, WebCaseQuery{PartyID: beta, Limit: 10, Brief: true})
	if err != nil || len(all) != 4 || len(brief) != 4 {
		t.Fatalf("%d and %d cases, %v", len(all), len(brief), err)
	}
	for i := range all {
		a, b := all[i], brief[i]
		if a.ID != b.ID || a.Score != b.Score || a.Title != b.Title {
			t.Errorf("case %d: brief %d %v, whole %d %v", i, b.ID, b.Score, a.ID, a.Score)
		}
		if len(a.Findings) != 1 || len(a.PartyIDs) != 2 || string(a.Reasons) == "[]" {
			t.Errorf("whole case %d lacks its lists: %+v", a.ID, a)
		}
		if len(b.Findings) != 0 || len(b.PartyIDs) != 0 || string(b.Reasons) != "[]" {
			t.Errorf("brief case %d carries its lists: %+v", b.ID, b)
		}
	}
}
