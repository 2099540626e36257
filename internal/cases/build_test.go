package cases

import (
	"fmt"
	"math"
	"reflect"
	"testing"
	"time"

	"tradetrace/internal/country"
	"tradetrace/internal/trade"
)

func finding(det, key string, score float64, parties ...trade.FindingParty) trade.Finding {
	return trade.Finding{Detector: det, Key: key, Score: score, Title: key, Parties: parties}
}

func byKey(cs []Case) map[string]Case {
	m := map[string]Case{}
	for _, c := range cs {
		m[c.Key] = c
	}
	return m
}

// TestBuildGroupsVariants checks that one party written in two scripts, with and without its identifier, makes
// one case, and that a different party with the same words in another country does not join it.
func TestBuildGroupsVariants(t *testing.T) {
	tek := trade.FindingParty{Name: `ЗАО "ТЕХКРИМ" (TEKHKRIM ZAO)`, Role: "consignee", Country: "RU", ID: "1835013146"}
	tekLatin := trade.FindingParty{Name: "ZAO TEKHKRIM", Role: "consignee", Country: "RU"}
	tekOther := trade.FindingParty{Name: "TEKHKRIM LLC", Role: "consignee", Country: "KZ"}
	nor := trade.FindingParty{Name: "NORINCO", Role: "shipper", Country: "CN"}
	in := []Input{
		{Finding: finding("military_goods", "a", 0.8, nor, tek)},
		{Finding: finding("military_goods", "b", 0.7, nor, tekLatin)},
		{Finding: finding("military_goods", "c", 0.3, tekOther)},
	}
	cs := byKey(Build(in, Options{}))
	c, ok := cs["party:id:RU:1835013146"]
	if !ok {
		t.Fatalf("Build: no case keyed by Tekhkrim's identifier; cases %v", keys(cs))
	}
	if len(c.Findings) != 2 || c.Findings[0] != "a" || c.Findings[1] != "b" {
		t.Errorf("Tekhkrim case findings = %v, want [a b]", c.Findings)
	}
	if _, ok := cs["party:name:KZ:"+NameKey("TEKHKRIM")]; !ok {
		t.Errorf("the Kazakh Tekhkrim should be its own case; cases %v", keys(cs))
	}
	if n := len(cs); n != 3 {
		t.Errorf("Build made %d cases, want 3 (NORINCO, Tekhkrim RU, Tekhkrim KZ): %v", n, keys(cs))
	}
}

func keys(m map[string]Case) []string {
	var out []string
	for k := range m {
		out = append(out, k)
	}
	return out
}

// TestBuildScore checks the combination: the strongest detector sets the level and the others close part of
// the gap, repeats of one detector add little, a dismissed finding adds nothing, and the score stays below 1.
func TestBuildScore(t *testing.T) {
	p := trade.FindingParty{Name: "ACME TRADING", Role: "consignee", Country: "RU", ID: "7700000001"}
	key := "party:id:RU:7700000001"
	score := func(in ...Input) float64 {
		t.Helper()
		c, ok := byKey(Build(in, Options{}))[key]
		if !ok {
			t.Fatalf("no case %s", key)
		}
		return c.Score
	}
	one := score(Input{Finding: finding("a", "a1", 0.6, p)})
	if one != 0.6 {
		t.Errorf("one finding: score %v, want its own 0.6", one)
	}
	two := score(Input{Finding: finding("a", "a1", 0.6, p)}, Input{Finding: finding("b", "b1", 0.6, p)})
	// The strongest detector's score, and othersWeight of the gap it leaves closed by the others' noisy-or.
	if want := 1 - 0.4*(1-othersWeight*0.6); math.Abs(two-want) > 0.001 {
		t.Errorf("two detectors at 0.6: score %v, want %v", two, want)
	}
	rep := score(Input{Finding: finding("a", "a1", 0.6, p)}, Input{Finding: finding("a", "a2", 0.6, p)})
	if rep <= one || rep >= two {
		t.Errorf("a repeat of one detector: score %v, want between %v and %v", rep, one, two)
	}
	var many []Input
	for i := range 50 {
		many = append(many, Input{Finding: finding("a", "a"+string(rune('A'+i)), 0.6, p)})
	}
	if s := score(many...); s >= 0.6+0.4*repeatGain+1e-9 {
		t.Errorf("50 repeats of one detector: score %v, want below %v", s, 0.6+0.4*repeatGain)
	}
	dis := score(Input{Finding: finding("a", "a1", 0.6, p)}, Input{Finding: finding("b", "b1", 0.9, p), Status: StatusDismissed})
	if dis != one {
		t.Errorf("with a dismissed finding: score %v, want %v", dis, one)
	}
	var all []Input
	for _, d := range []string{"a", "b", "c", "d", "e", "f"} {
		all = append(all, Input{Finding: finding(d, d, 0.99, p)})
	}
	six := score(all...)
	if six > maxScore || six < 0.97 {
		t.Errorf("six detectors at 0.99: score %v, want in [0.97, %v]", six, maxScore)
	}
	all[0].Finding.Score = 0.9
	if s := score(all...); s >= six || s < 0.97 {
		t.Errorf("five detectors at 0.99 and one at 0.9: score %v, want below %v (the order of strong cases is kept)", s, six)
	}
}

// TestBuildReasons checks that the reasons put each detector's best finding first, strongest first.
func TestBuildReasons(t *testing.T) {
	p := trade.FindingParty{Name: "ACME TRADING", Role: "consignee", Country: "RU", ID: "7700000001"}
	in := []Input{
		{Finding: finding("a", "a-low", 0.3, p)},
		{Finding: finding("b", "b-best", 0.5, p)},
		{Finding: finding("a", "a-best", 0.8, p)},
	}
	c := Build(in, Options{})[0]
	var got []string
	for _, r := range c.Reasons {
		got = append(got, r.FindingKey)
	}
	want := []string{"", "a-best", "b-best", "a-low"} // "2 detectors agree" first
	if len(got) != len(want) {
		t.Fatalf("reasons %v, want %v", got, want)
	}
	for i := range want {
		if got[i] != want[i] {
			t.Fatalf("reasons %v, want %v", got, want)
		}
	}
}

// TestBuildRoutes checks that findings whose goods went through a hub make a route case keyed by origin, hub,
// destination and goods class, and that a direct shipment does not.
func TestBuildRoutes(t *testing.T) {
	f := finding("military_goods", "dji", 0.6, trade.FindingParty{Name: "ASTRA FALCON", Role: "shipper", Country: "AE"})
	f.Evidence = []trade.Evidence{{Label: "goods class", Value: "Drone parts"}}
	g := finding("military_goods", "direct", 0.6, trade.FindingParty{Name: "SOMEONE", Role: "shipper", Country: "CN"})
	g.Evidence = f.Evidence
	day := time.Date(2022, 11, 3, 0, 0, 0, 0, time.UTC)
	in := []Input{
		{Finding: f, First: day, Last: day, Routes: []Route{{Origin: "CN", Dispatch: "AE", Destination: "RU"}}},
		{Finding: g, Routes: []Route{{Origin: "CN", Dispatch: "CN", Destination: "RU"}}},
	}
	cs := byKey(Build(in, Options{}))
	c, ok := cs["route:CN-AE-RU:drone-parts"]
	if !ok {
		t.Fatalf("no route case; cases %v", keys(cs))
	}
	if len(c.Findings) != 1 || c.Findings[0] != "dji" || !c.FirstDate.Equal(day) {
		t.Errorf("route case = %+v, want the DJI finding alone from %v", c, day)
	}
	for k := range cs {
		if k != "route:CN-AE-RU:drone-parts" && k[:6] == "route:" {
			t.Errorf("unexpected route case %s", k)
		}
	}
	// A route detector's finding that links the hub company's purchase and its sale makes a route case across
	// the hub; the same finding from another detector does not.
	chain := finding("transshipment_chain", "kz", 0.7, trade.FindingParty{Name: "EURASIA COMPONENTS", Role: "shipper", Country: "KZ"})
	legs := []Route{{Origin: "DE", Dispatch: "DE", Destination: "KZ"}, {Origin: "KZ", Dispatch: "KZ", Destination: "RU"}}
	cs = byKey(Build([]Input{{Finding: chain, Routes: legs}}, Options{RouteDetectors: []string{"transshipment_chain"}}))
	if _, ok := cs["route:DE-KZ-RU:any"]; !ok {
		t.Errorf("chain: no route case route:DE-KZ-RU:any; cases %v", keys(cs))
	}
	cs = byKey(Build([]Input{{Finding: chain, Routes: legs}}, Options{}))
	if len(cs) != 1 {
		t.Errorf("chain from a detector not named as a route detector: cases %v, want the party case alone", keys(cs))
	}
}

// TestBuildDeterministic checks that the input order does not change the cases, their ids or their keys.
func TestBuildDeterministic(t *testing.T) {
	var in []Input
	for i, n := range []string{"ALPHA", "BETA", "GAMMA", "DELTA", "ALPHA LLC"} {
		in = append(in, Input{Finding: finding("d", n, 0.1*float64(i+1), trade.FindingParty{Name: n, Role: "shipper", Country: "CN"})})
	}
	now := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	a := Build(in, Options{Now: now})
	rev := make([]Input, len(in))
	for i := range in {
		rev[len(in)-1-i] = in[i]
	}
	b := Build(rev, Options{Now: now})
	if len(a) != len(b) {
		t.Fatalf("Build gave %d then %d cases", len(a), len(b))
	}
	for i := range a {
		if a[i].Key != b[i].Key || a[i].ID != b[i].ID || a[i].Score != b[i].Score {
			t.Errorf("case %d: %s/%d/%v then %s/%d/%v", i, a[i].Key, a[i].ID, a[i].Score, b[i].Key, b[i].ID, b[i].Score)
		}
	}
	if len(a) != 4 {
		t.Errorf("Build made %d cases, want 4 (ALPHA and ALPHA LLC are one)", len(a))
	}
}

func TestParseStatusAndTarget(t *testing.T) {
	for _, tc := range []struct {
		in   string
		want Status
		ok   bool
	}{{"new", StatusNew, true}, {" Confirmed ", StatusConfirmed, true}, {"dismissed", StatusDismissed, true}, {"open", "", false}, {"", "", false}} {
		got, err := ParseStatus(tc.in)
		if got != tc.want || (err == nil) != tc.ok {
			t.Errorf("ParseStatus(%q) = %q, %v; want %q, ok %v", tc.in, got, err, tc.want, tc.ok)
		}
	}
	if tg, err := ParseTarget("case", "party:1"); err != nil || tg != "case:party:1" {
		t.Errorf("ParseTarget(case, party:1) = %q, %v", tg, err)
	}
	if _, err := ParseTarget("shipment", "1"); err == nil {
		t.Errorf("ParseTarget(shipment, 1): no error")
	}
}

func TestGoodsLabel(t *testing.T) {
	for _, tc := range []struct {
		label, value, want string
	}{
		{"goods class", "Drone parts", "Drone parts"},
		{"goods", "Body armour, Helmets", "Body armour"},
		{"goods (text, model, maker)", "Unmanned aircraft: ZT-180 drone", "Unmanned aircraft"},
		{"description", "rifles", "goods"},
	} {
		f := trade.Finding{Evidence: []trade.Evidence{{Label: tc.label, Value: tc.value}}}
		if got := goodsLabel(&f); got != tc.want {
			t.Errorf("goodsLabel(%s: %q) = %q, want %q", tc.label, tc.value, got, tc.want)
		}
	}
}

// TestTrimKeepsCases checks that trimmed findings (Trim) build the same cases as whole ones: titles, reasons,
// goods of route cases and scores come from what Trim keeps, and that it drops what it should.
func TestTrimKeepsCases(t *testing.T) {
	day := time.Date(2022, 12, 5, 0, 0, 0, 0, time.UTC)
	whole := func() []Input {
		var in []Input
		for i, tc := range []struct {
			det, goodsLabel, goodsValue string
			party                       string
			via                         country.Code
		}{
			{"military_goods", "goods class", "Body armour", "ARITEKS", "TR"},
			{"transshipment", "goods", "Drone parts, Cameras", "ASTRA FALCON", "AE"},
			{"misdeclared_goods", "goods (text, model, maker)", "Unmanned aircraft: ZT-180", "BINGO", "CN"},
			{"listed_party", "", "", "NORINCO", "CN"},
		} {
			f := finding(tc.det, fmt.Sprintf("k%d", i), 0.5+0.1*float64(i), trade.FindingParty{Name: tc.party, Role: "shipper", Country: string(tc.via)})
			f.Explanation = "why " + tc.party
			f.Shipments, f.ShipmentIDs = []string{"R1", "R2"}, []trade.ShipmentID{1, 2}
			f.Evidence = []trade.Evidence{{Label: "lines", Value: "2"}, {Label: "description", Value: "text", RecordID: "R1"}}
			if tc.goodsLabel != "" {
				f.Evidence = append(f.Evidence, trade.Evidence{Label: tc.goodsLabel, Value: tc.goodsValue})
			}
			f.ValueUSD = float64(1000 * (i + 1))
			in = append(in, Input{Finding: f, First: day, Last: day, Reporters: []string{"RU import"},
				Routes: []Route{{Origin: "CN", Dispatch: tc.via, Destination: "RU"}}})
		}
		return in
	}
	opt := Options{Now: day, RouteDetectors: []string{"transshipment"}}
	want := Build(whole(), opt)
	trimmed := whole()
	for i := range trimmed {
		Trim(&trimmed[i].Finding)
		f := trimmed[i].Finding
		if f.Explanation != "" || f.Shipments != nil || f.ShipmentIDs != nil {
			t.Errorf("Trim(%s) kept its explanation or records: %+v", f.Key, f)
		}
		for _, e := range f.Evidence {
			if !isGoodsEvidence(e.Label) {
				t.Errorf("Trim(%s) kept evidence %q", f.Key, e.Label)
			}
		}
	}
	if got := Build(trimmed, opt); !reflect.DeepEqual(got, want) {
		t.Errorf("cases of trimmed findings differ:\n got %+v\nwant %+v", got, want)
	}
	if len(want) < 5 {
		t.Errorf("Build made %d cases, want a party case for each finding and route cases", len(want))
	}
}
