package front_test

import (
	"context"
	"fmt"
	"slices"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"tradetrace/internal/detect"
	"tradetrace/internal/detect/front"
	"tradetrace/internal/duckdb"
	"tradetrace/internal/sample/sampletest"
	"tradetrace/internal/trade"
)

// sums is a fake Store: the sums a test gives.
type sums struct {
	apps  []front.Appearance
	mixes []front.Mix
	edges []front.Edge
}

func (s sums) Appearances(_ context.Context, _ front.Query, fn func(*front.Appearance) error) error {
	for i := range s.apps {
		if err := fn(&s.apps[i]); err != nil {
			return err
		}
	}
	return nil
}

func (s sums) GoodsMix(_ context.Context, _ front.Query, fn func(*front.Mix) error) error {
	for i := range s.mixes {
		if err := fn(&s.mixes[i]); err != nil {
			return err
		}
	}
	return nil
}

func (s sums) HubEdges(_ context.Context, _ front.Query, fn func(*front.Edge) error) error {
	for i := range s.edges {
		if err := fn(&s.edges[i]); err != nil {
			return err
		}
	}
	return nil
}

func day(s string) time.Time {
	t, err := time.Parse("2006-01-02", s)
	if err != nil {
		panic(err)
	}
	return t
}

var line = 0

func app(role, name, id, c, addr, first string, value, early float64) front.Appearance {
	line++
	return front.Appearance{Party: front.Party{Role: role, Name: name, ID: id, Country: "RU"}, Address: addr, First: day(first),
		Last: day("2023-12-01"), Lines: 10, Value: value, EarlyLines: 3, EarlyValue: early,
		FirstLine: front.Example{ID: trade.ShipmentID(line), RecordID: "R" + strings.Repeat("0", 3) + string(rune('A'+line%26)) + name[:3]}}
}

// TestSignals checks that each signal fires on the sums made for it and on nothing else.
func TestSignals(t *testing.T) {
	fs, err := front.Fronts{Store: signalSums()}.Detect(context.Background(), nil)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, f := range fs {
		parts := strings.SplitN(f.Key, "|", 3)
		got = append(got, parts[1]+" "+parts[2])
		if f.Score <= 0 || f.Score > 1 || f.Explanation == "" || len(f.Shipments) == 0 || len(f.Shipments) != len(f.ShipmentIDs) {
			t.Errorf("finding %s: score %.3f, %d lines, %d ids; want a score, an explanation and lines", f.Key, f.Score, len(f.Shipments), len(f.ShipmentIDs))
		}
	}
	sort.Strings(got)
	want := []string{
		"hub_network shipper|i:KZ:220440000001",
		"mix_change consignee|i:RU:7700000030",
		"new_large consignee|i:RU:7700000010",
		"shared_address RU|123056 Г МОСКВА УЛ ГРУЗИНСКАЯ Д 10 ОФИС 5",
		"shared_id i:RU:7700000020",
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("signals (-want +got):\n%s", diff)
	}
}

// TestSamplePlanted checks on a generated reference sample that the Turkish hub trader of the Chinese body
// armour, first seen in December 2022 with millions at once, is raised as a new party moving large volumes,
// citing a planted line.
func TestSamplePlanted(t *testing.T) {
	if testing.Short() {
		t.Skip("generates and ingests a sample")
	}
	ctx := context.Background()
	st, man, _ := sampletest.Store(t, 20000, 11, 0)
	if _, err := detect.Run(ctx, st, st, []detect.Detector{front.Fronts{}}); err != nil {
		t.Fatal(err)
	}
	fs, err := st.Findings(ctx, duckdb.FindingFilter{})
	if err != nil {
		t.Fatal(err)
	}
	// A re-run gives the same findings; so does one whose sums are read in turn, where the store in a file runs
	// them ahead of their reading (front.AheadStore).
	if _, ok := any(st).(front.AheadStore); !ok {
		t.Fatal("the DuckDB store does not run the sums ahead")
	}
	for _, run := range []struct {
		what string
		d    front.Fronts
	}{{"re-run", front.Fronts{}}, {"sums read in turn", front.Fronts{Store: plainSums{st}}}} {
		if _, err := detect.Run(ctx, st, st, []detect.Detector{run.d}); err != nil {
			t.Fatal(err)
		}
		again, err := st.Findings(ctx, duckdb.FindingFilter{})
		if err != nil {
			t.Fatal(err)
		}
		if len(again) != len(fs) {
			t.Fatalf("%s: %d findings, want %d", run.what, len(again), len(fs))
		}
		for i := range fs {
			a, b := fs[i], again[i]
			if a.Key != b.Key || a.Score != b.Score || a.Title != b.Title || a.Explanation != b.Explanation || strings.Join(a.Shipments, ",") != strings.Join(b.Shipments, ",") {
				t.Fatalf("%s: finding %d differs: %s %.3f %q, then %s %.3f %q", run.what, i, a.Key, a.Score, a.Title, b.Key, b.Score, b.Title)
			}
		}
	}
	planted := map[string]bool{}
	for _, e := range man.Events {
		if e.ID == "body-armour-december-2022" {
			for _, r := range e.Records {
				if r.Group == "xinxing" {
					planted[r.RecordID] = true
				}
			}
		}
	}
	if len(planted) == 0 {
		t.Fatal("the sample has no xinxing records")
	}
	for _, f := range fs {
		if !strings.Contains(f.Key, "|new_large|") {
			continue
		}
		for _, r := range f.Shipments {
			if planted[r] {
				return
			}
		}
	}
	t.Errorf("no new-party finding cites a planted line of the Xinxing armour's hub trader; %d findings", len(fs))
}

// plainSums is a Store that sums in turn, as each sum is asked for: it hides the store's FrontAhead.
type plainSums struct{ front.Store }

// signalSums are the sums TestSignals gives the detector: for each signal, parties made to raise it.
func signalSums() sums {
	var apps []front.Appearance
	// Ordinary buyers since 2021: the median, and the data's span before the cutoff.
	for _, n := range []string{"OOO ALFA", "OOO BETA", "OOO GAMMA", "OOO DELTA", "OOO EPSILON"} {
		apps = append(apps, app("consignee", n, "", "RU", "", "2021-01-10", 100000, 20000))
	}
	// A new buyer with $3M in its first three months.
	apps = append(apps, app("consignee", "OOO NOVYI GIGANT", "7700000010", "RU", "", "2022-06-01", 3e6, 3e6))
	// Three companies at one address, and spellings of one of them that must not count twice.
	addr := "123056, Г. МОСКВА, УЛ. ГРУЗИНСКАЯ, Д. 10, ОФИС 5"
	for _, n := range []string{"OOO ROMASHKA", "OOO VASILEK", "OOO LANDYSH", "OOO ROMASHKA TREID", "ROMASHKA OOO"} {
		apps = append(apps, app("consignee", n, "", "RU", addr, "2021-05-01", 10000, 1000))
	}
	// One identifier, two unrelated names.
	apps = append(apps, app("consignee", "OOO SOLNTSE", "7700000020", "RU", "", "2021-03-01", 10000, 1000),
		app("consignee", "OOO TEKHNOPARK", "7700000020", "RU", "", "2022-08-01", 10000, 1000))
	// A trader of furniture that turned to chips.
	mixes := []front.Mix{
		{Party: front.Party{Role: "consignee", Name: "OOO MEBEL", ID: "7700000030", Country: "RU"}, Chapter: "94", Lines: 10, Value: 500000, Largest: front.Example{ID: 901, RecordID: "M1"}},
		{Party: front.Party{Role: "consignee", Name: "OOO MEBEL", ID: "7700000030", Country: "RU"}, Chapter: "85", After: true, Lines: 12, Value: 800000, Largest: front.Example{ID: 902, RecordID: "M2"}},
		{Party: front.Party{Role: "consignee", Name: "OOO STABIL", ID: "7700000031", Country: "RU"}, Chapter: "85", Lines: 10, Value: 500000, Largest: front.Example{ID: 903, RecordID: "M3"}},
		{Party: front.Party{Role: "consignee", Name: "OOO STABIL", ID: "7700000031", Country: "RU"}, Chapter: "85", After: true, Lines: 12, Value: 800000, Largest: front.Example{ID: 904, RecordID: "M4"}},
	}
	// A Kazakh company selling to six Russian buyers, all of them new.
	var edges []front.Edge
	for i, n := range []string{"OOO ODIN", "OOO DVA", "OOO TRI", "OOO CHETYRE", "OOO PYAT", "OOO SHEST"} {
		c := app("consignee", n, "", "RU", "", "2022-09-01", 50000, 50000)
		apps = append(apps, c)
		edges = append(edges, front.Edge{Shipper: front.Party{Role: "shipper", Name: "TOO KHAB", ID: "220440000001", Country: "KZ"},
			Consignee: c.Party, Lines: 3, Value: 50000, HPValue: 40000, First: day("2022-09-01"),
			FirstLine: front.Example{ID: trade.ShipmentID(800 + i), RecordID: "E" + n[4:]}})
	}
	return sums{apps, mixes, edges}
}

// TestKeyedParties checks that a store giving the parties of the goods mix and the hub edges by key alone
// (front.Party.Key, the text coming from the appearances) makes the same findings as one giving their text.
func TestKeyedParties(t *testing.T) {
	text := signalSums()
	// Every party of a store's mixes and edges has appearances: give those the sums lack.
	seen := map[front.Party]bool{}
	for _, a := range text.apps {
		seen[a.Party] = true
	}
	appear := func(p front.Party) {
		if !seen[p] {
			seen[p] = true
			a := app(p.Role, p.Name, p.ID, string(p.Country), "", "2021-02-01", 20000, 2000)
			a.Party = p
			text.apps = append(text.apps, a)
		}
	}
	for _, m := range text.mixes {
		appear(m.Party)
	}
	for _, e := range text.edges {
		appear(e.Shipper)
		appear(e.Consignee)
	}
	keys := map[front.Party]uint64{}
	key := func(p front.Party) front.Party {
		if keys[p] == 0 {
			keys[p] = uint64(len(keys)+1) << 40
		}
		return front.Party{Role: p.Role, Key: keys[p]}
	}
	keyed := sums{}
	for _, a := range text.apps {
		a.Key = key(a.Party).Key
		keyed.apps = append(keyed.apps, a)
	}
	for _, m := range text.mixes {
		m.Party = key(m.Party)
		keyed.mixes = append(keyed.mixes, m)
	}
	for _, e := range text.edges {
		e.Shipper, e.Consignee = key(e.Shipper), key(e.Consignee)
		keyed.edges = append(keyed.edges, e)
	}
	want, err := front.Fronts{Store: text}.Detect(context.Background(), nil)
	if err != nil {
		t.Fatal(err)
	}
	got, err := front.Fronts{Store: keyed}.Detect(context.Background(), nil)
	if err != nil {
		t.Fatal(err)
	}
	detect.Sort(want)
	detect.Sort(got)
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("findings of keyed parties (-text +keys):\n%s", diff)
	}
	var signals []string
	for _, f := range got {
		signals = append(signals, strings.SplitN(f.Key, "|", 3)[1])
	}
	for _, s := range []string{"hub_network", "mix_change"} {
		if !slices.Contains(signals, s) {
			t.Errorf("no %s finding from keyed parties; signals %v", s, signals)
		}
	}
}

// TestMixSums checks that a goods mix given as several rows of one chapter and side (a party as written in
// several ways, which the detector counts as one) reads as the same mix given in one row each.
func TestMixSums(t *testing.T) {
	mebel := front.Party{Role: "consignee", Name: "OOO MEBEL", ID: "7700000030", Country: "RU"}
	whole := sums{mixes: []front.Mix{
		{Party: mebel, Chapter: "94", Lines: 10, Value: 500000, Largest: front.Example{ID: 901, RecordID: "M1"}},
		{Party: mebel, Chapter: "73", Lines: 2, Value: 100000.5, Largest: front.Example{ID: 905, RecordID: "M5"}},
		{Party: mebel, Chapter: "85", After: true, Lines: 12, Value: 800000, Largest: front.Example{ID: 902, RecordID: "M2"}},
	}}
	split := sums{mixes: []front.Mix{
		{Party: mebel, Chapter: "94", Lines: 4, Value: 200000, Largest: front.Example{ID: 901, RecordID: "M1"}},
		{Party: mebel, Chapter: "85", After: true, Lines: 5, Value: 300000, Largest: front.Example{ID: 902, RecordID: "M2"}},
		{Party: mebel, Chapter: "73", Lines: 2, Value: 100000.5, Largest: front.Example{ID: 905, RecordID: "M5"}},
		{Party: mebel, Chapter: "94", Lines: 6, Value: 300000, Largest: front.Example{ID: 906, RecordID: "M6"}},
		{Party: mebel, Chapter: "85", After: true, Lines: 7, Value: 500000, Largest: front.Example{ID: 907, RecordID: "M7"}},
	}}
	mix := func(s sums) trade.Finding {
		t.Helper()
		fs, err := front.Fronts{Store: s}.Detect(context.Background(), nil)
		if err != nil {
			t.Fatal(err)
		}
		if len(fs) != 1 || !strings.Contains(fs[0].Key, "mix_change") {
			t.Fatalf("findings %v, want one goods mix change", fs)
		}
		return fs[0]
	}
	w, s := mix(whole), mix(split)
	if w.Title != s.Title || w.Explanation != s.Explanation || w.Score != s.Score || w.ValueUSD != s.ValueUSD {
		t.Errorf("split rows read as\n%s\n%s %.3f $%.2f\nwant\n%s\n%s %.3f $%.2f", s.Title, s.Explanation, s.Score, s.ValueUSD,
			w.Title, w.Explanation, w.Score, w.ValueUSD)
	}
	if !strings.Contains(w.Explanation, "94 83%, 73 17%") || !strings.Contains(w.Explanation, "Before: 12 line(s), $600,000; after: 12 line(s), $800,000") {
		t.Errorf("explanation %q, want the mix before as 94 83%%, 73 17%% and the sums of both sides", w.Explanation)
	}
	if len(s.Shipments) != 5 || len(w.Shipments) != 3 {
		t.Errorf("lines cited: %v split, %v whole; want every row's largest line", s.Shipments, w.Shipments)
	}
}

// TestMixParty checks that a goods mix whose party is written in several ways shows the least of them
// (identified first, then by name), whatever the order of the rows, and that rows of a party with nothing to
// key it by count for nothing.
func TestMixParty(t *testing.T) {
	a := front.Party{Role: "consignee", Name: "OOO MEBEL", ID: "7700000030", Country: "RU"}
	b := front.Party{Role: "consignee", Name: "OOO MEBEL-STROY", ID: "7700000030", Country: "RU"}
	none := front.Party{Role: "consignee"}
	row := func(p front.Party, chapter string, after bool, id int) front.Mix {
		return front.Mix{Party: p, Chapter: chapter, After: after, Lines: 6, Value: 250000,
			Largest: front.Example{ID: trade.ShipmentID(id), RecordID: fmt.Sprint("M", id)}}
	}
	rows := []front.Mix{row(b, "94", false, 1), row(none, "85", false, 2), row(a, "94", false, 3), row(b, "85", true, 4),
		row(none, "94", true, 5), row(a, "85", true, 6), row(b, "85", true, 7)}
	var want trade.Finding
	for i := range 2 * len(rows) {
		order := slices.Clone(rows)
		if i%2 == 1 {
			slices.Reverse(order)
		}
		order = append(order[i/2:], order[:i/2]...)
		fs, err := front.Fronts{Store: sums{mixes: order}}.Detect(context.Background(), nil)
		if err != nil {
			t.Fatal(err)
		}
		if len(fs) != 1 || !strings.Contains(fs[0].Key, "mix_change") {
			t.Fatalf("order %d: findings %v, want one goods mix change", i, fs)
		}
		f := fs[0]
		if f.Parties[0].Name != a.Name || len(f.Shipments) != 5 {
			t.Fatalf("order %d: the mix shows %q with %d lines, want %q with the 5 lines of its two spellings", i, f.Parties[0].Name, len(f.Shipments), a.Name)
		}
		if i == 0 {
			want = f
		} else if f.Title != want.Title || f.Explanation != want.Explanation || f.Score != want.Score {
			t.Fatalf("order %d reads\n%s\n%s\nwant\n%s\n%s", i, f.Title, f.Explanation, want.Title, want.Explanation)
		}
	}
}
