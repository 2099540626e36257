package storetest

import (
	"context"
	"errors"
	"strconv"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"tradetrace/internal/cases"
	"tradetrace/internal/duckdb"
	"tradetrace/internal/party"
	"tradetrace/internal/trade"
)

// webParties resolves the fixture's parties and returns their ids by name.
func webParties(t *testing.T, st WebStore) map[string]int64 {
	t.Helper()
	ctx := context.Background()
	vs, err := st.PartyVariants(ctx)
	if err != nil {
		t.Fatalf("PartyVariants: %v", err)
	}
	r, err := party.Resolve(ctx, vs, party.Options{Workers: 1})
	if err != nil {
		t.Fatalf("party.Resolve: %v", err)
	}
	if err := st.ReplaceParties(ctx, r); err != nil {
		t.Fatalf("ReplaceParties: %v", err)
	}
	hits, _, err := st.WebSearchParties(ctx, duckdb.WebPartySearch{Limit: 100})
	if err != nil {
		t.Fatalf("WebSearchParties: %v", err)
	}
	ids := map[string]int64{}
	for _, h := range hits {
		id, err := strconv.ParseInt(h.Ref, 10, 64)
		if err != nil {
			t.Fatalf("WebSearchParties with resolved parties gave ref %q, want a party id", h.Ref)
		}
		ids[h.Name] = id
	}
	// ALPHA ARMS CORP, ООО ТЕХКРИМ, GAMMA LLC, DELTA TRADING FZE, ARITEKS TEKSTIL and TOO KAZ IMPORT.
	if len(ids) != 6 {
		t.Fatalf("the fixture resolves to %d parties %v, want 6", len(ids), ids)
	}
	return ids
}

func testWebResolved(t *testing.T, st WebStore, fx webFixture) {
	ctx := context.Background()
	ids := webParties(t, st)
	if has, err := st.WebHasParties(ctx); err != nil || !has {
		t.Fatalf("WebHasParties = %v, %v; want true", has, err)
	}
	ref := func(name string) string { return strconv.FormatInt(ids[name], 10) }
	tk := duckdb.WebPartyRef{ID: ids["ООО ТЕХКРИМ"]}
	p, err := st.WebParty(ctx, tk)
	if err != nil || !p.Resolved || p.Ref != ref("ООО ТЕХКРИМ") || p.Lines != 3 || p.ValueUSD != 590500 || p.Country != "RU" ||
		p.FirstSeen != "2022-06-08" || p.LastSeen != "2022-11-20" || string(p.Matches) != "[]" || p.Risk != 0 {
		t.Errorf("WebParty(ТЕХКРИМ) = %+v, %v; want its 3 lines worth 590,500 from 2022-06-08 to 2022-11-20", p, err)
	}
	if _, err := st.WebParty(ctx, duckdb.WebPartyRef{ID: 1 << 40}); !errors.Is(err, trade.ErrNotFound) {
		t.Errorf("WebParty(missing id) error = %v, want ErrNotFound", err)
	}
	// A name still groups the lines that carry it.
	if p, err := st.WebParty(ctx, duckdb.WebPartyRef{Name: "GAMMA LLC"}); err != nil || p.Resolved || p.Lines != 1 {
		t.Errorf("WebParty(n:GAMMA LLC) = %+v, %v; want its one line, unresolved", p, err)
	}
	for _, c := range []struct {
		name string
		q    duckdb.WebPartySearch
		want []string
		hits []int
	}{
		{"text in another case", duckdb.WebPartySearch{Text: "техкрим", Limit: 10}, []string{"ООО ТЕХКРИМ"}, []int{0}},
		// No text holds in every name: a shared key ranks first ("llc", a legal form, is no key of a name).
		{"keys only", duckdb.WebPartySearch{Keys: []string{"gamma", "llc", "nothing"}, Limit: 1}, []string{"GAMMA LLC"}, []int{1}},
		{"text first, then shared keys", duckdb.WebPartySearch{Text: "delta", Keys: []string{"llc", "gamma"}, Limit: 10},
			[]string{"DELTA TRADING FZE", "GAMMA LLC"}, []int{0, 1}},
		{"a country", duckdb.WebPartySearch{Text: "a", Country: "AE", Limit: 10}, []string{"DELTA TRADING FZE"}, []int{0}},
		{"most lines first, a page", duckdb.WebPartySearch{Offset: 1, Limit: 2}, []string{"ООО ТЕХКРИМ", "DELTA TRADING FZE"}, []int{0, 0}},
		{"no party, a brand: its shipper", duckdb.WebPartySearch{Text: "alphabrand", Limit: 10}, []string{"ALPHA ARMS CORP"}, []int{3}},
		{"no party, a maker in another case", duckdb.WebPartySearch{Text: "Dji Tech", Limit: 10}, []string{"DELTA TRADING FZE"}, []int{1}},
		{"no party, no brand", duckdb.WebPartySearch{Text: "zzzz", Limit: 10}, []string{}, []int{}},
		{"a brand is not looked up past the first page", duckdb.WebPartySearch{Text: "alphabrand", Offset: 10, Limit: 10}, []string{}, []int{}},
	} {
		hits, _, err := st.WebSearchParties(ctx, c.q)
		if err != nil {
			t.Errorf("%s: WebSearchParties(%+v): %v", c.name, c.q, err)
			continue
		}
		got, gotHits := []string{}, []int{}
		for _, h := range hits {
			got, gotHits = append(got, h.Name), append(gotHits, h.Hits)
			if h.Ref != ref(h.Name) {
				t.Errorf("%s: WebSearchParties hit %q has ref %s, want %s", c.name, h.Name, h.Ref, ref(h.Name))
			}
		}
		if !cmp.Equal(got, c.want) || !cmp.Equal(gotHits, c.hits) {
			t.Errorf("%s: WebSearchParties(%+v) = %q hits %v; want %q hits %v", c.name, c.q, got, gotHits, c.want, c.hits)
		}
	}
	alpha := duckdb.WebPartyRef{ID: ids["ALPHA ARMS CORP"]}
	act, err := st.WebPartyActivity(ctx, alpha, 10, 2)
	if err != nil {
		t.Fatalf("WebPartyActivity(ALPHA): %v", err)
	}
	wantCps := []duckdb.WebCounterparty{
		{Ref: ref("ООО ТЕХКРИМ"), Name: "ООО ТЕХКРИМ", Country: "RU", Role: "consignee", Lines: 1, ValueUSD: 500000},
		{Ref: ref("DELTA TRADING FZE"), Name: "DELTA TRADING FZE", Country: "AE", Role: "consignee", Lines: 1, ValueUSD: 20000},
		{Ref: ref("GAMMA LLC"), Name: "GAMMA LLC", Country: "RU", Role: "consignee", Lines: 1, ValueUSD: 3000},
	}
	if d := cmp.Diff(wantCps, act.Counterparties); d != "" {
		t.Errorf("WebPartyActivity(ALPHA) counterparties (-want +got):\n%s", d)
	}
	// W-9, from ALPHA to itself, counts in both roles.
	if got := recordsOf(act.Latest); act.Lines != 5 || !cmp.Equal(got, []string{"W-5", "W-2"}) || len(act.Months) != 4 {
		t.Errorf("WebPartyActivity(ALPHA) = %d lines, %d months, latest %q; want 5 lines, 4 months, W-5 and W-2", act.Lines, len(act.Months), got)
	}
	if act, err := st.WebPartyActivity(ctx, alpha, 30, 30); err != nil || len(act.Counterparties) != 3 || len(act.Latest) != 4 {
		t.Errorf("WebPartyActivity(ALPHA, past the first page) = %+v, %v; want 3 counterparties, 4 lines", act, err)
	}
	if act, err := st.WebPartyActivity(ctx, duckdb.WebPartyRef{ID: 1 << 40}, 10, 5); err != nil || act.Lines != 0 || len(act.Latest) != 0 {
		t.Errorf("WebPartyActivity(missing id) = %+v, %v; want nothing", act, err)
	}
	for _, c := range []struct {
		role          string
		offset, limit int
		want          []string
		more          bool
	}{
		{"", 0, 3, []string{"W-5", "W-2", "W-1"}, true},
		{"", 3, 3, []string{"W-9"}, false},
		{"consignee", 0, 10, []string{"W-9"}, false},
	} {
		rows, more, err := st.WebPartyShipments(ctx, alpha, c.role, c.offset, c.limit)
		if got := recordsOf(rows); err != nil || !cmp.Equal(got, c.want) || more != c.more {
			t.Errorf("WebPartyShipments(ALPHA, %q, %d, %d) = %q, %v, %v; want %q, more %v", c.role, c.offset, c.limit, got, more, err, c.want, c.more)
		}
	}
	sp, err := st.WebShipmentParties(ctx, fx.id["W-3"])
	if want := map[string]int64{"shipper": ids["DELTA TRADING FZE"], "consignee": ids["ООО ТЕХКРИМ"]}; err != nil || !cmp.Equal(sp, want) {
		t.Errorf("WebShipmentParties(W-3) = %v, %v; want %v", sp, err, want)
	}
	net, err := st.WebPartyNetwork(ctx, tk, 1, 2)
	if err != nil || len(net.Nodes) != 3 || net.Nodes[1].Name != "ALPHA ARMS CORP" || net.Nodes[2].Name != "ARITEKS TEKSTIL" ||
		len(net.Edges) != 2 || net.Edges[0].From != ref("ALPHA ARMS CORP") || net.Edges[0].To != ref("ООО ТЕХКРИМ") {
		t.Errorf("WebPartyNetwork(ТЕХКРИМ, 1, 2) = %+v, %v; want its two biggest suppliers", net, err)
	}
}

func testWebCases(t *testing.T, st WebStore, fx webFixture) {
	ctx := context.Background()
	ids := webParties(t, st) // resolved again: the same parties
	day := func(s string) time.Time { d, _ := time.Parse(time.DateOnly, s); return d }
	cs := []cases.Case{
		{ID: 1, Key: "party:tekhkrim", Kind: cases.KindParty, Title: "ООО ТЕХКРИМ buys rifles and body armour", Score: 0.9,
			Reasons:  []cases.Reason{{Detector: "military", FindingKey: "military:W-1", Score: 0.9, Text: "rifles"}},
			Findings: []string{"military:W-1", "military:W-4"}, PartyIDs: []int64{ids["ООО ТЕХКРИМ"]}, ValueUSD: 593000,
			FirstDate: day("2022-06-08"), LastDate: day("2022-11-20")},
		{ID: 2, Key: "route:CN-AE-RU:drones", Kind: cases.KindRoute, Title: "Drone batteries through the UAE", Score: 0.7,
			Findings: []string{"route:W-3"}, PartyIDs: []int64{ids["DELTA TRADING FZE"], ids["ООО ТЕХКРИМ"]}, ValueUSD: 500,
			FirstDate: day("2022-07-09"), LastDate: day("2022-07-09")},
		{ID: 3, Key: "party:alpha", Kind: cases.KindParty, Title: "ALPHA ARMS CORP", Score: 0.4, Findings: []string{"military:W-1"},
			PartyIDs: []int64{ids["ALPHA ARMS CORP"]}, ValueUSD: 503000},
	}
	if err := st.ReplaceCases(ctx, cs); err != nil {
		t.Fatalf("ReplaceCases: %v", err)
	}
	for _, d := range []duckdb.WebTriage{
		{Target: "case:route:CN-AE-RU:drones", Status: "confirmed", Note: "UAE hub", Who: "a"},
		{Target: "finding:military:W-4", Status: "dismissed", Note: "first look", Who: "a"},
		{Target: "finding:military:W-4", Status: "confirmed", Note: "бронежилеты, class 4", Who: "b"},
	} {
		if err := st.WebAddTriage(ctx, d); err != nil {
			t.Fatalf("WebAddTriage(%+v): %v", d, err)
		}
	}
	for _, d := range []duckdb.WebTriage{{Target: "finding:no-such-key", Status: "confirmed"}, {Target: "case:no-such-key", Status: "new"}} {
		if err := st.WebAddTriage(ctx, d); !errors.Is(err, trade.ErrNotFound) {
			t.Errorf("WebAddTriage(%s) error = %v, want ErrNotFound", d.Target, err)
		}
	}
	for _, d := range []duckdb.WebTriage{{Target: "finding:military:W-1", Status: "maybe"}, {Target: "party:1", Status: "new"}} {
		if err := st.WebAddTriage(ctx, d); err == nil || errors.Is(err, trade.ErrNotFound) {
			t.Errorf("WebAddTriage(%+v) error = %v, want a refusal", d, err)
		}
	}
	hist, err := st.WebTriageHistory(ctx, "finding:military:W-4")
	if err != nil || len(hist) != 2 || hist[0].Status != "confirmed" || hist[0].Note != "бронежилеты, class 4" || hist[0].Who != "b" ||
		hist[1].Status != "dismissed" || len(hist[0].Decided) != len("2006-01-02 15:04:05") {
		t.Errorf("WebTriageHistory(finding:military:W-4) = %+v, %v; want the confirmation, then the dismissal", hist, err)
	}
	if hist, err := st.WebTriageHistory(ctx, "finding:military:W-1"); err != nil || len(hist) != 0 {
		t.Errorf("WebTriageHistory(undecided) = %+v, %v; want none", hist, err)
	}
	for _, c := range []struct {
		name string
		q    duckdb.WebFindingQuery
		want []string
	}{
		{"confirmed: the latest decision counts", duckdb.WebFindingQuery{Status: "confirmed", Limit: 10}, []string{"military:W-4"}},
		{"no longer dismissed", duckdb.WebFindingQuery{Status: "dismissed", Limit: 10}, []string{}},
		{"new: no decision", duckdb.WebFindingQuery{Status: "new", Limit: 10}, []string{"military:W-1", "route:W-3"}},
		{"decided first", duckdb.WebFindingQuery{Sort: "decided", Limit: 10}, []string{"military:W-4", "military:W-1", "route:W-3"}},
	} {
		fs, _, err := st.WebFindings(ctx, c.q)
		if got := findingKeys(fs); err != nil || !cmp.Equal(got, c.want) {
			t.Errorf("%s: WebFindings(%+v) = %q, %v; want %q", c.name, c.q, got, err, c.want)
		}
	}
	fs, _, err := st.WebFindings(ctx, duckdb.WebFindingQuery{Key: "military:W-4", Limit: 1})
	if err != nil || len(fs) != 1 || fs[0].Triage == nil || fs[0].Triage.Status != "confirmed" || fs[0].Triage.Who != "b" {
		t.Errorf("WebFindings(military:W-4) = %+v, %v; want its confirmation", fs, err)
	}
	caseKeys := func(cs []duckdb.WebCase) []string {
		out := []string{}
		for _, c := range cs {
			out = append(out, c.Key)
		}
		return out
	}
	for _, c := range []struct {
		name string
		q    duckdb.WebCaseQuery
		want []string
		more bool
	}{
		{"by score", duckdb.WebCaseQuery{Limit: 10}, []string{"party:tekhkrim", "route:CN-AE-RU:drones", "party:alpha"}, false},
		{"a page", duckdb.WebCaseQuery{Offset: 1, Limit: 1}, []string{"route:CN-AE-RU:drones"}, true},
		{"by value", duckdb.WebCaseQuery{Sort: "value", Limit: 10}, []string{"party:tekhkrim", "party:alpha", "route:CN-AE-RU:drones"}, false},
		{"by date, none last", duckdb.WebCaseQuery{Sort: "date", Limit: 10}, []string{"party:tekhkrim", "route:CN-AE-RU:drones", "party:alpha"}, false},
		{"a kind", duckdb.WebCaseQuery{Kind: "route", Limit: 10}, []string{"route:CN-AE-RU:drones"}, false},
		{"confirmed", duckdb.WebCaseQuery{Status: "confirmed", Limit: 10}, []string{"route:CN-AE-RU:drones"}, false},
		{"new", duckdb.WebCaseQuery{Status: "new", Limit: 10}, []string{"party:tekhkrim", "party:alpha"}, false},
		{"Cyrillic title text", duckdb.WebCaseQuery{Text: "ТЕХКРИМ", Limit: 10}, []string{"party:tekhkrim"}, false},
		{"a party", duckdb.WebCaseQuery{PartyID: ids["ООО ТЕХКРИМ"], Limit: 10}, []string{"party:tekhkrim", "route:CN-AE-RU:drones"}, false},
		{"a finding", duckdb.WebCaseQuery{FindingKey: "military:W-1", Limit: 10}, []string{"party:tekhkrim", "party:alpha"}, false},
		{"an id", duckdb.WebCaseQuery{ID: 2, Limit: 10}, []string{"route:CN-AE-RU:drones"}, false},
		{"a missing id", duckdb.WebCaseQuery{ID: 99, Limit: 10}, []string{}, false},
	} {
		got, more, err := st.WebCases(ctx, c.q)
		if err != nil || !cmp.Equal(caseKeys(got), c.want) || more != c.more {
			t.Errorf("%s: WebCases(%+v) = %q, more %v, %v; want %q, more %v", c.name, c.q, caseKeys(got), more, err, c.want, c.more)
		}
	}
	got, _, err := st.WebCases(ctx, duckdb.WebCaseQuery{Limit: 10})
	if err != nil || len(got) != 3 {
		t.Fatalf("WebCases = %+v, %v", got, err)
	}
	if c := got[0]; c.ID != 1 || c.Kind != "party" || c.FirstDate != "2022-06-08" || c.LastDate != "2022-11-20" || c.ValueUSD != 593000 ||
		!cmp.Equal(c.Findings, []string{"military:W-1", "military:W-4"}) || !cmp.Equal(c.PartyIDs, []int64{ids["ООО ТЕХКРИМ"]}) ||
		string(c.Reasons) != `[{"detector":"military","finding_key":"military:W-1","score":0.9,"text":"rifles"}]` || c.Triage != nil {
		t.Errorf("WebCases[0] = %+v", c)
	}
	if c := got[1]; c.Triage == nil || c.Triage.Status != "confirmed" || c.Triage.Note != "UAE hub" {
		t.Errorf("WebCases[1] triage = %+v, want the confirmation", c.Triage)
	}
	if c := got[2]; c.FirstDate != "" || c.LastDate != "" {
		t.Errorf("WebCases[2] dates = %q, %q; want none", c.FirstDate, c.LastDate)
	}
	brief, _, err := st.WebCases(ctx, duckdb.WebCaseQuery{ID: 1, Brief: true, Limit: 1})
	if err != nil || len(brief) != 1 || string(brief[0].Reasons) != "[]" || len(brief[0].Findings) != 0 || brief[0].Title != cs[0].Title {
		t.Errorf("WebCases(brief) = %+v, %v; want the title without the lists", brief, err)
	}
	o, err := st.WebOverview(ctx, nil, nil, nil)
	wantCases := []duckdb.WebCount{wc(2, 1_096_000, "party", "new"), wc(1, 500, "route", "confirmed")}
	wantTriage := []duckdb.WebCount{wc(1, 90000, "confirmed"), wc(2, 503500, "new")}
	if err != nil || !cmp.Equal(o.Cases, wantCases) || !cmp.Equal(o.Triage, wantTriage) {
		t.Errorf("WebOverview cases %+v, triage %+v, %v; want %+v and %+v", o.Cases, o.Triage, err, wantCases, wantTriage)
	}
}
