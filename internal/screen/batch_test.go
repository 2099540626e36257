package screen

import (
	"fmt"
	"reflect"
	"strings"
	"testing"

	"tradetrace/internal/names"
)

// TestScreenAllSameAsScreen screens names borne with several countries and identifiers, as ScreenAll groups
// them, and wants for each query exactly what Screen returns alone: the same entities, names and scores with
// their explanations.
func TestScreenAllSameAsScreen(t *testing.T) {
	ix := realIndex(t)
	var texts []string
	var withIDs []string // identifiers of listed entities, so that some queries share one
	for i := 0; i < len(ix.ents); i += len(ix.ents) / 150 {
		e := ix.ents[i]
		if len(e.Names) == 0 {
			continue
		}
		n := e.Names[0].Value
		texts = append(texts, n, n+" LLC", "OOO "+n, n+" ("+e.Names[len(e.Names)-1].Value+")")
		for _, id := range e.Identifiers {
			withIDs = append(withIDs, id.Value)
		}
	}
	// Ways of writing a name that prepare to the same words (names.Signature): ScreenAll compares one of each,
	// and must give each what Screen gives it.
	n0 := len(texts)
	for _, text := range texts[:n0] {
		texts = append(texts, strings.ToUpper(text), "«"+strings.ToLower(text)+"»", strings.ReplaceAll(text, " ", "  ")+".")
	}
	sigs := map[string]map[string]bool{}
	for _, text := range texts {
		sig := names.Prepare(text, names.Options{}).Signature()
		if sigs[sig] == nil {
			sigs[sig] = map[string]bool{}
		}
		sigs[sig][text] = true
	}
	shared := 0
	for _, ts := range sigs {
		if len(ts) > 1 {
			shared += len(ts)
		}
	}
	if shared < n0 {
		t.Fatalf("only %d of %d texts share their signature with another: the test should exercise shared comparisons", shared, len(texts))
	}
	texts = append(texts, nonMatching...)
	texts = append(texts, "ООО «ТЕХКРИМ»", "CHINA NORTH INDUSTRIES CORPORATION (NORINCO)", "ROSOBORONEXPORT", "Xinxing Guangzhou Import & Export")
	if len(withIDs) < 10 {
		t.Fatalf("the lists hold %d identifiers, want some to screen with", len(withIDs))
	}
	countries := [][]string{nil, {"RU"}, {"CN"}, {"AE", "TR"}}
	var qs []Query
	for i, text := range texts {
		for j, c := range countries {
			q := Query{Name: text, Countries: c, Top: 5, MinScore: 0.5, Party: i%2 == 0}
			switch (i + j) % 3 {
			case 1:
				q.Identifiers = []names.Identifier{{Value: withIDs[(i+j)%len(withIDs)]}}
			case 2:
				q.Identifiers = []names.Identifier{{Value: fmt.Sprint(7700000000 + i)}}
			}
			if i%5 == 0 {
				q.Kind = names.KindOrganization
				q.MinScore = 0.65
			}
			qs = append(qs, q)
		}
	}
	got := ix.ScreenAll(qs, 2)
	matched := 0
	for i, q := range qs {
		want := ix.Screen(q)
		if len(want) > 0 {
			matched++
		}
		if !reflect.DeepEqual(got[i], want) {
			t.Fatalf("query %d %+v:\nScreenAll %+v\nScreen    %+v", i, q, got[i], want)
		}
	}
	if matched < len(qs)/4 {
		t.Errorf("only %d of %d queries match: the test should compare matches, not empty lists", matched, len(qs))
	}
	t.Logf("%d queries, %d with matches", len(qs), matched)
}
