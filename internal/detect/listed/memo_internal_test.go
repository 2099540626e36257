package listed

import (
	"testing"

	"tradetrace/internal/names"
	"tradetrace/internal/screen"
	"tradetrace/internal/trade"
)

// TestQueryHash: a query hashes alike every time, and a change of any field a screening reads changes the hash,
// also when the same bytes are cut differently between strings.
func TestQueryHash(t *testing.T) {
	base := screen.Query{Name: "OOO Vega", Kind: names.KindUnknown, Countries: []string{"RU", "KZ"},
		Identifiers: []names.Identifier{{Scheme: "INN", Value: "7718852163"}}, Top: 5, MinScore: 0.7, Party: true}
	h := queryHash(base)
	if again := queryHash(base); again != h {
		t.Fatalf("the same query hashed %x, then %x", h, again)
	}
	variants := map[string]func(q *screen.Query){
		"name":          func(q *screen.Query) { q.Name = "OOO Vegas" },
		"kind":          func(q *screen.Query) { q.Kind = names.KindOrganization },
		"countries":     func(q *screen.Query) { q.Countries = []string{"RU"} },
		"countries cut": func(q *screen.Query) { q.Countries = []string{"RUK", "Z"} },
		"id":            func(q *screen.Query) { q.Identifiers = []names.Identifier{{Scheme: "INN", Value: "7718852164"}} },
		"id scheme":     func(q *screen.Query) { q.Identifiers = []names.Identifier{{Scheme: "OGRN", Value: "7718852163"}} },
		"no id":         func(q *screen.Query) { q.Identifiers = nil },
		"top":           func(q *screen.Query) { q.Top = 6 },
		"min score":     func(q *screen.Query) { q.MinScore = 0.85 },
		"candidates":    func(q *screen.Query) { q.Candidates = 30 },
		"party":         func(q *screen.Query) { q.Party = false },
	}
	seen := map[[2]uint64]string{h: "base"}
	for name, change := range variants {
		q := base
		q.Countries = append([]string(nil), base.Countries...)
		change(&q)
		v := queryHash(q)
		if other, ok := seen[v]; ok {
			t.Errorf("%s: hashes as %s does", name, other)
		}
		seen[v] = name
	}
}

// TestMemoKey: the key changes with the entities, their order and the threshold.
func TestMemoKey(t *testing.T) {
	a := trade.ListEntity{List: "l", SourceID: "1", Names: []trade.ListName{{Value: "VEGA"}}}
	b := trade.ListEntity{List: "l", SourceID: "2", Names: []trade.ListName{{Value: "ALTAIR"}}}
	key := func(ents []trade.ListEntity, min float64) string {
		k, err := memoKey(ents, min)
		if err != nil {
			t.Fatal(err)
		}
		return k
	}
	base := key([]trade.ListEntity{a, b}, 0.7)
	if base != key([]trade.ListEntity{a, b}, 0.7) {
		t.Fatal("the same entities and threshold gave two keys")
	}
	b2 := b
	b2.Names = []trade.ListName{{Value: "ALTAIR 2"}}
	for name, k := range map[string]string{
		"order":     key([]trade.ListEntity{b, a}, 0.7),
		"threshold": key([]trade.ListEntity{a, b}, 0.75),
		"a name":    key([]trade.ListEntity{a, b2}, 0.7),
		"fewer":     key([]trade.ListEntity{a}, 0.7),
	} {
		if k == base {
			t.Errorf("%s: same key", name)
		}
	}
}

// BenchmarkQueryHash hashes a party's query as the detector writes it (a 10M-line store asks some 900k).
func BenchmarkQueryHash(b *testing.B) {
	q := screen.Query{Name: "SHENZHEN BRIGHT STAR ELECTRONIC TECHNOLOGY CO., LTD.", Countries: []string{"CN"},
		Identifiers: []names.Identifier{{Value: "91440300MA5F1234XY"}}, Top: 5, MinScore: 0.7, Party: true}
	for b.Loop() {
		queryHash(q)
	}
}
