package storetest

import (
	"context"
	"errors"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"tradetrace/internal/cases"
	"tradetrace/internal/country"
	"tradetrace/internal/detect"
	"tradetrace/internal/duckdb"
	"tradetrace/internal/trade"
)

// CasesStore is what the cases and triage commands and the detectors' incremental runs need of a store.
type CasesStore interface {
	Store
	detect.State
	ReplaceCases(ctx context.Context, cs []cases.Case) error
	Cases(ctx context.Context, f duckdb.CaseFilter) ([]cases.Case, error)
	Case(ctx context.Context, idOrKey string) (*cases.Case, []trade.Finding, error)
	SetTriage(ctx context.Context, dec cases.Decision) (cases.Decision, error)
	TriageHistory(ctx context.Context, target cases.Target) ([]cases.Decision, error)
	FindingStatuses(ctx context.Context) (map[string]cases.Status, error)
	FindingExists(ctx context.Context, key string) (bool, error)
	FindingKeyByID(ctx context.Context, id int64) (string, bool, error)
}

// RunCases runs the contract of cases, triage and detector state on stores that open makes: each call must give
// a new, empty store, closed by the test's cleanup.
func RunCases(t *testing.T, open func(t *testing.T) CasesStore) {
	t.Run("CasesReadBack", func(t *testing.T) { testCasesReadBack(t, open(t)) })
	t.Run("CaseFilters", func(t *testing.T) { testCaseFilters(t, open(t)) })
	t.Run("TriageOrder", func(t *testing.T) { testTriageOrder(t, open(t)) })
	t.Run("TriageSurvivesRebuilds", func(t *testing.T) { testTriageSurvives(t, open(t)) })
	t.Run("DetectorState", func(t *testing.T) { testDetectorState(t, open(t)) })
	t.Run("IncrementalRun", func(t *testing.T) { testIncrementalRun(t, open(t)) })
}

// casesBuilt is when the contract's cases are built.
var casesBuilt = time.Date(2026, 12, 1, 10, 0, 0, 123456789, time.UTC)

// hostileText is data from strangers, which the stores must give back as it came (in notes) or normalised the
// same way (tabs and line breaks to spaces, in titles).
const hostileText = "ООО \"Ромашка\" \\ <script>alert(1)</script> 'x' \\N\ttab\nline %s ? ?"

// caseFindings writes the contract's findings: two detectors, about the parties and routes of contract_a.csv.
func caseFindings(t *testing.T, st CasesStore) {
	t.Helper()
	ctx := context.Background()
	taktika := trade.FindingParty{Name: "OOO TAKTIKA", Role: "consignee", Country: "RU", ID: "7800000002"}
	kaz := trade.FindingParty{Name: "TOO KAZ IMPORT", Role: "consignee", Country: "KZ", ID: "123456789012"}
	alpha := []trade.Finding{
		{Key: "alpha|1", Score: 0.8, Title: "body armour to OOO TAKTIKA", ValueUSD: 90000, WeightKg: 850, Shipments: []string{"CT-3"},
			Parties:  []trade.FindingParty{{Name: "GAMMA TEKSTIL LTD STI", Role: "shipper", Country: "TR", ID: "1234567890"}, taktika},
			Evidence: []trade.Evidence{{Label: "goods class", Value: "armour.body: BODY ARMOUR VESTS", RecordID: "CT-3"}}},
		{Key: "alpha|2", Score: 0.5, Title: "rifle scopes to OOO TAKTIKA", ValueUSD: 60000, Shipments: []string{"CT-5"},
			Parties:  []trade.FindingParty{{Name: "DELTA OPTICS CO", Role: "shipper", Country: "CN"}, taktika},
			Evidence: []trade.Evidence{{Label: "goods class", Value: "optics.weapon_sight: RIFLE SCOPES", RecordID: "CT-5"}}},
	}
	beta := []trade.Finding{
		{Key: "beta|1", Score: 0.7, Title: "a helicopter through the UAE", ValueUSD: 1200000, Shipments: []string{"CT-4"},
			Parties:  []trade.FindingParty{{Name: "BETA TRADING FZE", Role: "shipper", Country: "AE"}, kaz},
			Evidence: []trade.Evidence{{Label: "goods class", Value: "aircraft: HELICOPTER", RecordID: "CT-4"}}},
		{Key: "beta|2", Score: 0.4, Title: "a second buyer " + hostileText, ValueUSD: 1000,
			Parties: []trade.FindingParty{taktika}},
	}
	if err := st.ReplaceFindings(ctx, "alpha", "1", alpha); err != nil {
		t.Fatal(err)
	}
	if err := st.ReplaceFindings(ctx, "beta", "3", beta); err != nil {
		t.Fatal(err)
	}
}

// caseInputs reads the stored findings and gives each the facts of its shipments (by hand: reading them from the
// store is CaseInputs, outside this contract) and its triage state from FindingStatuses.
func caseInputs(t *testing.T, st CasesStore) []cases.Input {
	t.Helper()
	ctx := context.Background()
	fs, err := st.Findings(ctx, duckdb.FindingFilter{})
	if err != nil {
		t.Fatal(err)
	}
	states, err := st.FindingStatuses(ctx)
	if err != nil {
		t.Fatal(err)
	}
	facts := map[string]cases.Input{
		"alpha|1": {First: day("2022-02-20"), Last: day("2022-02-20"), Reporters: []string{"TR export"}, Routes: []cases.Route{{Origin: "TR", Dispatch: "TR", Destination: "RU"}}},
		"alpha|2": {First: day("2022-09-30"), Last: day("2022-09-30"), Reporters: []string{"CN export"}, Routes: []cases.Route{{Origin: "CN", Dispatch: "CN", Destination: "RU"}}},
		"beta|1":  {First: day("2022-06-01"), Last: day("2022-06-01"), Reporters: []string{"AE export"}, Routes: []cases.Route{{Origin: "US", Dispatch: "AE", Destination: "KZ"}}},
	}
	var in []cases.Input
	for _, f := range fs {
		x := facts[f.Key]
		x.Finding, x.Status = f, states[f.Key]
		in = append(in, x)
	}
	return in
}

// buildCases builds the cases from the stored findings and stores them, with one hand-made case that tests what
// the stores keep of odd values. It returns the cases as stored.
func buildCases(t *testing.T, st CasesStore) []cases.Case {
	t.Helper()
	cs := cases.Build(caseInputs(t, st), cases.Options{Now: casesBuilt})
	msk := time.FixedZone("MSK", 3*3600)
	cs = append(cs, cases.Case{ID: int64(len(cs) + 1), Key: "party:name:XX:odd", Kind: cases.KindParty, Title: hostileText, Score: 0.05,
		FirstDate: time.Date(2022, 3, 1, 23, 30, 0, 0, msk), LastDate: time.Date(2022, 3, 2, 1, 0, 0, 0, msk),
		Created: time.Date(2026, 12, 1, 13, 0, 0, 987654321, msk), Status: cases.StatusNew})
	if err := st.ReplaceCases(context.Background(), cs); err != nil {
		t.Fatal(err)
	}
	return cs
}

// stored is a case as a store gives it back: text normalised, empty lists empty rather than nil, dates as UTC
// days, the creation time to the microsecond in UTC, and its triage state.
func stored(c cases.Case, status cases.Status) cases.Case {
	norm := strings.NewReplacer("\t", " ", "\n", " ", "\r", " ")
	c.Key, c.Title = norm.Replace(c.Key), norm.Replace(c.Title)
	if c.Reasons == nil {
		c.Reasons = []cases.Reason{}
	}
	if c.Findings == nil {
		c.Findings = []string{}
	}
	if c.PartyIDs == nil {
		c.PartyIDs = []int64{}
	}
	asDay := func(t time.Time) time.Time {
		if t.IsZero() {
			return t
		}
		return time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, time.UTC)
	}
	c.FirstDate, c.LastDate = asDay(c.FirstDate), asDay(c.LastDate)
	c.Created = c.Created.UTC().Truncate(time.Microsecond)
	c.Status = status
	return c
}

func caseKeys(cs []cases.Case) []string {
	var k []string
	for _, c := range cs {
		k = append(k, c.Key)
	}
	return k
}

// exactTimes compares times by the instant and the location's offset both, where cmp would use time.Equal.
var exactTimes = cmp.Comparer(func(a, b time.Time) bool { return a.Equal(b) && a.Location().String() == b.Location().String() })

func testCasesReadBack(t *testing.T, st CasesStore) {
	ctx := context.Background()
	if got, err := st.Cases(ctx, duckdb.CaseFilter{}); err != nil || len(got) != 0 {
		t.Fatalf("Cases of an empty store = %v, %v; want none", caseKeys(got), err)
	}
	if _, _, err := st.Case(ctx, "1"); !errors.Is(err, duckdb.ErrNotFound) {
		t.Errorf("Case(1) of an empty store: error %v, want not found", err)
	}
	caseFindings(t, st)
	built := buildCases(t, st)
	got, err := st.Cases(ctx, duckdb.CaseFilter{})
	if err != nil {
		t.Fatal(err)
	}
	var want []cases.Case
	for _, c := range built {
		want = append(want, stored(c, cases.StatusNew))
	}
	if diff := cmp.Diff(want, got, exactTimes); diff != "" {
		t.Errorf("cases read back (-built +read):\n%s", diff)
	}
	// What Build made of the findings: a case for every party and one for the route through a hub, by score, then
	// key (three cases score 0.7).
	wantKeys := []string{"party:id:RU:7800000002", "party:id:TR:1234567890", "party:id:KZ:123456789012", "party:name:AE:beta trading",
		"route:US-AE-KZ:aircraft", "party:name:CN:delta optiks", "party:name:XX:odd"}
	if !slices.Equal(caseKeys(got), wantKeys) {
		t.Fatalf("cases = %v, want %v", caseKeys(got), wantKeys)
	}
	taktika := got[0]
	if taktika.ID != 1 || taktika.Kind != cases.KindParty || !slices.Equal(taktika.Findings, []string{"alpha|1", "alpha|2", "beta|2"}) ||
		taktika.ValueUSD != 151000 || !taktika.FirstDate.Equal(day("2022-02-20")) || !taktika.LastDate.Equal(day("2022-09-30")) {
		t.Errorf("the case of OOO TAKTIKA = %+v; want id 1, party, findings alpha|1, alpha|2, beta|2, $151,000, 2022-02-20 to 2022-09-30", taktika)
	}
	odd := got[len(got)-1]
	if odd.Title != strings.NewReplacer("\t", " ", "\n", " ").Replace(hostileText) || odd.Reasons == nil || len(odd.Reasons) != 0 ||
		!odd.FirstDate.Equal(day("2022-03-01")) || !odd.LastDate.Equal(day("2022-03-02")) ||
		!odd.Created.Equal(time.Date(2026, 12, 1, 10, 0, 0, 987654000, time.UTC)) {
		t.Errorf("the hand-made case read back = %+v; want its title with spaces for tab and newline, no reasons, its days in its own zone, created to the microsecond", odd)
	}

	// One case by id and by key, with its findings in the case's order.
	for _, idOrKey := range []string{"1", "party:id:RU:7800000002"} {
		c, fs, err := st.Case(ctx, idOrKey)
		if err != nil {
			t.Fatalf("Case(%s): %v", idOrKey, err)
		}
		if diff := cmp.Diff(want[0], *c, exactTimes); diff != "" {
			t.Errorf("Case(%s) (-want +got):\n%s", idOrKey, diff)
		}
		if k := keys(fs); !slices.Equal(k, []string{"alpha|1", "alpha|2", "beta|2"}) {
			t.Errorf("Case(%s) findings = %v, want alpha|1, alpha|2, beta|2", idOrKey, k)
		}
		all, _ := st.Findings(ctx, duckdb.FindingFilter{})
		for _, f := range fs {
			i := slices.IndexFunc(all, func(a trade.Finding) bool { return a.Key == f.Key })
			if i < 0 || !cmp.Equal(all[i], f) {
				t.Errorf("Case(%s) finding %s differs from Findings' copy", idOrKey, f.Key)
			}
		}
	}
	if c, _, err := st.Case(ctx, "7"); err != nil || c.Key != "party:name:XX:odd" {
		t.Errorf("Case(7) = %v, %v; want the hand-made case", c, err)
	}
	for _, missing := range []string{"party:none", "99", "party:id:ru:7800000002"} {
		if _, _, err := st.Case(ctx, missing); !errors.Is(err, duckdb.ErrNotFound) {
			t.Errorf("Case(%s) error = %v, want not found", missing, err)
		}
	}

	// A new set replaces the old one as a whole.
	if err := st.ReplaceCases(ctx, built[1:2]); err != nil {
		t.Fatal(err)
	}
	if got, err := st.Cases(ctx, duckdb.CaseFilter{}); err != nil || !slices.Equal(caseKeys(got), []string{built[1].Key}) {
		t.Errorf("after replacing the cases with one: %v, %v", caseKeys(got), err)
	}
	if _, _, err := st.Case(ctx, "1"); !errors.Is(err, duckdb.ErrNotFound) {
		t.Errorf("Case(1) after the replace: error %v, want not found (the case left has id 2)", err)
	}
	if err := st.ReplaceCases(ctx, nil); err != nil {
		t.Fatal(err)
	}
	if got, err := st.Cases(ctx, duckdb.CaseFilter{}); err != nil || len(got) != 0 {
		t.Errorf("after replacing the cases with none: %v, %v", caseKeys(got), err)
	}
}

// matchCase applies a case filter in Go, as the stores must in SQL (without the paging).
func matchCase(f duckdb.CaseFilter, c cases.Case) bool {
	return c.Score >= f.MinScore && (f.Status == "" || c.Status == f.Status) && (f.Kind == "" || c.Kind == f.Kind)
}

func testCaseFilters(t *testing.T, st CasesStore) {
	ctx := context.Background()
	caseFindings(t, st)
	buildCases(t, st)
	every, err := st.Cases(ctx, duckdb.CaseFilter{})
	if err != nil || len(every) != 7 || every[4].Kind != cases.KindRoute || every[6].Key != "party:name:XX:odd" {
		t.Fatalf("Cases = %v, %v; want 7, the route fifth, the hand-made case last", caseKeys(every), err)
	}
	// Triage gives the cases three different states: confirmed, dismissed, and new (never triaged, or set back).
	decide := map[string][]cases.Status{
		every[0].Key: {cases.StatusDismissed, cases.StatusConfirmed},
		every[1].Key: {cases.StatusDismissed},
		every[6].Key: {cases.StatusConfirmed, cases.StatusNew},
	}
	for _, c := range every {
		for _, s := range decide[c.Key] {
			if _, err := st.SetTriage(ctx, cases.Decision{Target: cases.CaseTarget(c.Key), Status: s, Who: "ana"}); err != nil {
				t.Fatal(err)
			}
		}
	}
	// A decision on a finding with the same key as a case is not a decision on the case.
	if _, err := st.SetTriage(ctx, cases.Decision{Target: cases.FindingTarget(every[4].Key), Status: cases.StatusDismissed, Who: "ana"}); err != nil {
		t.Fatal(err)
	}
	status := map[string]cases.Status{every[0].Key: cases.StatusConfirmed, every[1].Key: cases.StatusDismissed}
	for i := range every {
		if s := status[every[i].Key]; s != "" {
			every[i].Status = s
		} else {
			every[i].Status = cases.StatusNew
		}
	}
	got, err := st.Cases(ctx, duckdb.CaseFilter{})
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(every, got); diff != "" {
		t.Errorf("cases after triage (-want +got):\n%s", diff)
	}
	filters := []duckdb.CaseFilter{
		{Status: cases.StatusNew},
		{Status: cases.StatusConfirmed},
		{Status: cases.StatusDismissed},
		{Kind: cases.KindParty},
		{Kind: cases.KindRoute},
		{MinScore: every[1].Score},
		{MinScore: every[1].Score + 1e-9},
		{MinScore: 0.7},
		{MinScore: 1},
		{Status: cases.StatusNew, Kind: cases.KindParty},
		{Status: cases.StatusNew, Kind: cases.KindRoute, MinScore: 0.5},
		{Limit: 2},
		{Limit: 2, Offset: 1},
		{Offset: 2},
		{Offset: 10},
		{Kind: cases.KindParty, Limit: 2, Offset: 3},
		{Status: cases.StatusNew, Offset: 1},
	}
	for _, f := range filters {
		var want []string
		for _, c := range every {
			if matchCase(f, c) {
				want = append(want, c.Key)
			}
		}
		want = want[min(f.Offset, len(want)):]
		if f.Limit > 0 {
			want = want[:min(f.Limit, len(want))]
		}
		got, err := st.Cases(ctx, f)
		if err != nil {
			t.Fatalf("Cases(%+v): %v", f, err)
		}
		if !slices.Equal(caseKeys(got), want) {
			t.Errorf("Cases(%+v) = %v, want %v", f, caseKeys(got), want)
		}
		for _, c := range got {
			if !matchCase(f, c) {
				t.Errorf("Cases(%+v) gave %s, status %s, kind %s, score %v", f, c.Key, c.Status, c.Kind, c.Score)
			}
		}
	}
	// The filters are not vacuous on this data.
	for _, f := range []duckdb.CaseFilter{{Status: cases.StatusNew}, {Kind: cases.KindParty}, {Status: cases.StatusNew, Kind: cases.KindParty}} {
		if n := len(slices.DeleteFunc(slices.Clone(every), func(c cases.Case) bool { return !matchCase(f, c) })); n == 0 || n == len(every) {
			t.Errorf("the filter %+v keeps %d of %d cases: the test data no longer tells filters apart", f, n, len(every))
		}
	}
	if c, _, err := st.Case(ctx, every[0].Key); err != nil || c.Status != cases.StatusConfirmed {
		t.Errorf("Case(%s) = %v, %v; want it confirmed", every[0].Key, c, err)
	}
}

func testTriageOrder(t *testing.T, st CasesStore) {
	ctx := context.Background()
	target := cases.CaseTarget("party:id:RU:7800000002")
	if h, err := st.TriageHistory(ctx, target); err != nil || len(h) != 0 {
		t.Errorf("TriageHistory of an untriaged target = %+v, %v; want none", h, err)
	}
	// Three decisions in the same instant, then one stamped before them (a slow clock): each is stamped after
	// the one before it, so the last one made is the state.
	now := time.Date(2026, 12, 1, 9, 0, 0, 123456789, time.FixedZone("CET", 3600))
	made := []cases.Decision{
		{Target: target, Status: cases.StatusDismissed, Note: hostileText, Who: "ana", Decided: now},
		{Target: target, Status: " Confirmed", Note: "seen twice", Who: "bo", Decided: now},
		{Target: target, Status: cases.StatusNew, Who: "ana", Decided: now},
		{Target: target, Status: cases.StatusDismissed, Note: "after all", Who: "cy", Decided: now.Add(-time.Hour)},
	}
	first := now.UTC().Truncate(time.Microsecond)
	var want []cases.Decision
	for i, dec := range made {
		got, err := st.SetTriage(ctx, dec)
		if err != nil {
			t.Fatalf("SetTriage(%+v): %v", dec, err)
		}
		w := dec
		w.Status = cases.Status(strings.ToLower(strings.TrimSpace(string(dec.Status))))
		w.Decided = first.Add(time.Duration(i) * time.Microsecond)
		if diff := cmp.Diff(w, got, exactTimes); diff != "" {
			t.Errorf("SetTriage(%d) returned (-want +got):\n%s", i, diff)
		}
		want = append(want, w)
	}
	hist, err := st.TriageHistory(ctx, target)
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(want, hist, exactTimes); diff != "" {
		t.Errorf("TriageHistory (-want +got):\n%s", diff)
	}
	// A decision without a time is stamped now.
	before := time.Now().Add(-time.Second)
	other := cases.FindingTarget("alpha|1")
	dec, err := st.SetTriage(ctx, cases.Decision{Target: other, Status: cases.StatusConfirmed, Who: "ana"})
	if err != nil || dec.Decided.Before(before) || dec.Decided.After(time.Now().Add(time.Second)) || dec.Decided.Location() != time.UTC {
		t.Errorf("SetTriage without a time = %+v, %v; want it stamped now, in UTC", dec, err)
	}
	if h, _ := st.TriageHistory(ctx, other); len(h) != 1 || !h[0].Decided.Equal(dec.Decided) {
		t.Errorf("TriageHistory(%s) = %+v, want the one decision stamped %v", other, h, dec.Decided)
	}
	// Decisions nobody can make.
	for _, bad := range []cases.Decision{
		{Target: target, Status: "closed", Who: "ana"},
		{Target: "shipment:1", Status: cases.StatusNew, Who: "ana"},
		{Target: "party:id:RU:7800000002", Status: cases.StatusNew, Who: "ana"},
	} {
		if _, err := st.SetTriage(ctx, bad); err == nil {
			t.Errorf("SetTriage(%+v): no error", bad)
		}
	}
	if h, _ := st.TriageHistory(ctx, target); len(h) != len(made) {
		t.Errorf("after refused decisions, %d decisions on %s, want %d", len(h), target, len(made))
	}
	if s, err := st.FindingStatuses(ctx); err != nil || !cmp.Equal(s, map[string]cases.Status{"alpha|1": cases.StatusConfirmed}) {
		t.Errorf("FindingStatuses = %v, %v; want alpha|1 confirmed only (decisions on cases are not on findings)", s, err)
	}
}

func testTriageSurvives(t *testing.T, st CasesStore) {
	ctx := context.Background()
	caseFindings(t, st)
	first := buildCases(t, st)
	taktika := first[0].Key
	if taktika != "party:id:RU:7800000002" {
		t.Fatalf("the first case is %s, want OOO TAKTIKA's", taktika)
	}
	if _, err := st.SetTriage(ctx, cases.Decision{Target: cases.CaseTarget(taktika), Status: cases.StatusConfirmed, Note: "armour", Who: "ana"}); err != nil {
		t.Fatal(err)
	}
	for _, d := range []cases.Decision{
		{Target: cases.FindingTarget("alpha|1"), Status: cases.StatusConfirmed, Who: "ana"},
		{Target: cases.FindingTarget("alpha|1"), Status: cases.StatusDismissed, Note: "a vest for a museum", Who: "bo"},
		{Target: cases.FindingTarget("beta|1"), Status: cases.StatusConfirmed, Who: "ana"},
		{Target: cases.FindingTarget("gone|1"), Status: cases.StatusConfirmed, Who: "ana"},
	} {
		if _, err := st.SetTriage(ctx, d); err != nil {
			t.Fatal(err)
		}
	}
	wantStates := map[string]cases.Status{"alpha|1": cases.StatusDismissed, "beta|1": cases.StatusConfirmed, "gone|1": cases.StatusConfirmed}
	if s, err := st.FindingStatuses(ctx); err != nil || !cmp.Equal(s, wantStates) {
		t.Errorf("FindingStatuses = %v, %v; want %v", s, err, wantStates)
	}

	// The detectors run again: alpha with new scores and the same keys (and new ids), beta without beta|2.
	before, _ := st.Findings(ctx, duckdb.FindingFilter{})
	fs, _ := st.Findings(ctx, duckdb.FindingFilter{Detector: "alpha"})
	rescored := map[string]float64{"alpha|1": 0.85, "alpha|2": 0.55}
	for i := range fs {
		fs[i].Score = rescored[fs[i].Key]
	}
	if err := st.ReplaceFindings(ctx, "alpha", "1", fs); err != nil {
		t.Fatal(err)
	}
	bs, _ := st.Findings(ctx, duckdb.FindingFilter{Detector: "beta"})
	bs = slices.DeleteFunc(bs, func(f trade.Finding) bool { return f.Key == "beta|2" })
	if err := st.ReplaceFindings(ctx, "beta", "3", bs); err != nil {
		t.Fatal(err)
	}
	// The stored case still names beta|2; the case's findings leave out what is no longer stored.
	if _, cf, err := st.Case(ctx, taktika); err != nil || !slices.Equal(keys(cf), []string{"alpha|1", "alpha|2"}) || cf[0].Score != 0.85 {
		t.Errorf("Case(%s) after the re-run: findings %v, %v; want alpha|1 (score 0.85), alpha|2", taktika, keys(cf), err)
	}
	if ok, err := st.FindingExists(ctx, "beta|2"); ok || err != nil {
		t.Errorf("FindingExists(beta|2) after the re-run = %v, %v; want false", ok, err)
	}
	for _, f := range []string{"alpha|1", "alpha|2", "beta|1"} {
		if ok, err := st.FindingExists(ctx, f); !ok || err != nil {
			t.Errorf("FindingExists(%s) = %v, %v; want true", f, ok, err)
		}
	}
	after, _ := st.Findings(ctx, duckdb.FindingFilter{})
	for _, f := range after {
		if k, ok, err := st.FindingKeyByID(ctx, f.ID); !ok || err != nil || k != f.Key {
			t.Errorf("FindingKeyByID(%d) = %q, %v, %v; want %s", f.ID, k, ok, err, f.Key)
		}
	}
	idOf := func(fs []trade.Finding, key string) int64 {
		i := slices.IndexFunc(fs, func(f trade.Finding) bool { return f.Key == key })
		if i < 0 {
			t.Fatalf("no finding %s among %v", key, keys(fs))
		}
		return fs[i].ID
	}
	if id := idOf(before, "alpha|1"); id == idOf(after, "alpha|1") {
		t.Errorf("alpha|1 kept its id %d over a re-run: the test no longer shows that triage follows keys", id)
	}
	maxID := int64(0)
	for _, f := range append(before, after...) {
		maxID = max(maxID, f.ID)
	}
	if k, ok, err := st.FindingKeyByID(ctx, maxID+1000); ok || err != nil {
		t.Errorf("FindingKeyByID(unknown id) = %q, %v, %v; want none", k, ok, err)
	}

	// The cases are rebuilt: the decisions still hold, on the case and on the findings.
	if s, err := st.FindingStatuses(ctx); err != nil || !cmp.Equal(s, wantStates) {
		t.Errorf("FindingStatuses after the re-run = %v, %v; want %v", s, err, wantStates)
	}
	rebuilt := buildCases(t, st)
	c, cf, err := st.Case(ctx, taktika)
	if err != nil {
		t.Fatal(err)
	}
	i := slices.IndexFunc(rebuilt, func(c cases.Case) bool { return c.Key == taktika })
	if diff := cmp.Diff(stored(rebuilt[i], cases.StatusConfirmed), *c, exactTimes); diff != "" {
		t.Errorf("the rebuilt case (-want +got):\n%s", diff)
	}
	// alpha|1 is dismissed: the case rests on alpha|2 alone.
	if c.Status != cases.StatusConfirmed || c.Score != 0.55 || !slices.Equal(keys(cf), []string{"alpha|1", "alpha|2"}) {
		t.Errorf("after the rebuild, Case(%s) = status %s, score %v, findings %v; want confirmed, 0.55 (alpha|2 alone), alpha|1, alpha|2",
			taktika, c.Status, c.Score, keys(cf))
	}
	if conf, err := st.Cases(ctx, duckdb.CaseFilter{Status: cases.StatusConfirmed}); err != nil || !slices.Equal(caseKeys(conf), []string{taktika}) {
		t.Errorf("Cases(confirmed) after the rebuild = %v, %v; want %s", caseKeys(conf), err, taktika)
	}
	if h, err := st.TriageHistory(ctx, cases.FindingTarget("alpha|1")); err != nil || len(h) != 2 || h[1].Note != "a vest for a museum" {
		t.Errorf("TriageHistory(alpha|1) = %+v, %v; want both decisions", h, err)
	}
}

func testDetectorState(t *testing.T, st CasesStore) {
	ctx := context.Background()
	cur, err := st.CurrentInput(ctx)
	if err != nil || cur != (detect.Input{}) {
		t.Errorf("CurrentInput of an empty store = %+v, %v; want zero", cur, err)
	}
	if v, in, n, ok, err := st.DetectorInput(ctx, "m"); ok || err != nil || v != "" || in != (detect.Input{}) || n != 0 {
		t.Errorf("DetectorInput of a detector that never ran = %q, %+v, %d, %v, %v", v, in, n, ok, err)
	}
	states := []struct {
		v  string
		in detect.Input
		n  int
	}{{"2", detect.Input{MaxRun: 3, Runs: 2}, 42}, {"2", detect.Input{MaxRun: 4, Runs: 3, Extra: "lists:7"}, 0}, {"3", detect.Input{MaxRun: 4, Runs: 3, Extra: hostileText}, 1 << 40}}
	for _, s := range states {
		if err := st.SetDetectorInput(ctx, "m", s.v, s.in, s.n); err != nil {
			t.Fatal(err)
		}
		v, in, n, ok, err := st.DetectorInput(ctx, "m")
		if err != nil || !ok || v != s.v || in != s.in || n != s.n {
			t.Errorf("DetectorInput after SetDetectorInput(%q, %+v, %d) = %q, %+v, %d, %v, %v", s.v, s.in, s.n, v, in, n, ok, err)
		}
	}
	if err := st.SetDetectorInput(ctx, "other", "1", detect.Input{MaxRun: 9, Runs: 9}, 5); err != nil {
		t.Fatal(err)
	}
	if v, in, n, ok, _ := st.DetectorInput(ctx, "m"); !ok || v != "3" || in.Extra != hostileText || n != 1<<40 {
		t.Errorf("another detector's state changed m's: %q, %+v, %d", v, in, n)
	}

	// The current input follows the complete runs only.
	a := ingestFile(t, st, fixture(t, "contract_a.csv")).Run
	if cur, err := st.CurrentInput(ctx); err != nil || cur != (detect.Input{MaxRun: int64(a.ID), Runs: 1}) {
		t.Errorf("CurrentInput after one ingest = %+v, %v; want run %d of 1", cur, err, a.ID)
	}
	run := trade.Run{File: "interrupted.csv", SHA256: strings.Repeat("ef", 32), Size: 1, Profile: "canonical", Format: "csv",
		Encoding: "utf-8", Started: time.Now().UTC(), Reasons: map[string]int64{}}
	ld, err := st.BeginRun(ctx, &run, []string{"record_id"})
	if err != nil {
		t.Fatal(err)
	}
	if cur, err := st.CurrentInput(ctx); err != nil || cur != (detect.Input{MaxRun: int64(a.ID), Runs: 1}) {
		t.Errorf("CurrentInput while a run loads = %+v, %v; want run %d of 1", cur, err, a.ID)
	}
	if err := ld.Abort(errors.New("test: stopped")); err != nil {
		t.Fatal(err)
	}
	if cur, err := st.CurrentInput(ctx); err != nil || cur != (detect.Input{MaxRun: int64(a.ID), Runs: 1}) {
		t.Errorf("CurrentInput after an aborted run = %+v, %v; want run %d of 1", cur, err, a.ID)
	}
	b := ingestFile(t, st, fixture(t, "contract_b.csv")).Run
	if b.ID <= run.ID {
		t.Fatalf("run ids: aborted %d, then %d", run.ID, b.ID)
	}
	if cur, err := st.CurrentInput(ctx); err != nil || cur != (detect.Input{MaxRun: int64(b.ID), Runs: 2}) {
		t.Errorf("CurrentInput after a second ingest = %+v, %v; want run %d of 2", cur, err, b.ID)
	}
}

// shipmentCounter raises one finding whose value is the number of shipments to Russia it read, and counts its runs.
type shipmentCounter struct {
	version string
	runs    *int
}

func (shipmentCounter) Name() string      { return "shipment_counter" }
func (c shipmentCounter) Version() string { return c.version }
func (c shipmentCounter) Detect(ctx context.Context, src detect.Source) ([]trade.Finding, error) {
	*c.runs++
	n := 0
	err := src.ScanShipments(ctx, detect.Filter{Countries: []country.Code{"RU"}}, func(*trade.Shipment) error { n++; return nil })
	return []trade.Finding{{Key: "shipment_counter|RU", Score: 0.5, Title: "shipments to Russia", ValueUSD: float64(n)}}, err
}

func testIncrementalRun(t *testing.T, st CasesStore) {
	ctx := context.Background()
	runs := 0
	extra := "lists:1"
	ver := "1"
	ds := func() []detect.Detector {
		return []detect.Detector{detect.WithInputKey(shipmentCounter{version: ver, runs: &runs}, func(context.Context) (string, error) { return extra, nil })}
	}
	step := func(name string, force, wantRun bool, wantShipments float64) {
		t.Helper()
		before := runs
		reps, err := detect.RunWith(ctx, st, st, ds(), detect.Options{State: st, Force: force})
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		ran := runs > before
		if ran != wantRun || len(reps) != 1 || reps[0].Skipped == wantRun || reps[0].Findings != 1 {
			t.Errorf("%s: ran %v, reports %+v; want ran %v with 1 finding", name, ran, reps, wantRun)
		}
		fs, err := st.Findings(ctx, duckdb.FindingFilter{Detector: "shipment_counter"})
		if err != nil || len(fs) != 1 || fs[0].ValueUSD != wantShipments || fs[0].DetectorVersion != ver {
			t.Errorf("%s: stored findings %+v, %v; want one counting %v shipments, version %s", name, fs, err, wantShipments, ver)
		}
		cur, _ := st.CurrentInput(ctx)
		cur.Extra = extra
		if v, in, n, ok, err := st.DetectorInput(ctx, "shipment_counter"); err != nil || !ok || v != ver || in != cur || n != 1 {
			t.Errorf("%s: DetectorInput = %q, %+v, %d, %v, %v; want %q, %+v, 1", name, v, in, n, ok, err, ver, cur)
		}
	}
	step("first run, empty store", false, true, 0)
	step("same input", false, false, 0)
	ingestFile(t, st, fixture(t, "contract_a.csv"))
	step("a new run ingested", false, true, 3) // CT-1, CT-3, CT-5 (CT-9 is rejected)
	step("same runs", false, false, 3)
	ingestFile(t, st, fixture(t, "contract_a.csv")) // the same bytes: no new run
	step("the same file again", false, false, 3)
	ingestFile(t, st, fixture(t, "contract_b.csv"))
	step("a second run ingested", false, true, 4) // and CT-10; CT-1 and CT-5 are duplicates
	extra = "lists:2"
	step("its own input changed", false, true, 4)
	step("same lists", false, false, 4)
	ver = "2"
	step("a new version", false, true, 4)
	step("forced", true, true, 4)
	step("after a forced run", false, false, 4)
}
