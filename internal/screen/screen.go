package screen

import (
	"container/heap"
	_ "embed"
	"sort"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"tradetrace/internal/country"
	"tradetrace/internal/names"
	"tradetrace/internal/trade"
)

// Version names what screening returns for a query, on top of the name engine's comparison (names.Version):
// how candidates are found and ranked, how bracketed parts and identifiers count. Screenings kept between runs
// (the listed-party detector's memo) are kept under it, so it must change whenever a query's matches may:
// TestScreeningPinned fails until it does.
const Version = "screen-1"

// DefaultCandidates is how many indexed names, ranked by the weight of the keys they share with a query, are
// compared with it.
const DefaultCandidates = 20

// Query is a name to screen with what is known of it besides its text.
type Query struct {
	Name        string
	Kind        names.Kind         // KindUnknown when not known
	Countries   []string           // ISO alpha-2
	Identifiers []names.Identifier // tax and registration numbers: a shared one is strong evidence
	Top         int                // entities to return at most; 0 means 10
	MinScore    float64            // lowest score returned; 0 means the name engine's threshold, below 0 no floor
	Candidates  int                // names compared; 0 means DefaultCandidates
	// Party says the name is a party of a shipment (a shipper, consignee or maker): a company or a person,
	// never a vessel or an aircraft, whose entries are then left out.
	Party bool
}

// Match is a listed entity that matches a query, with the name it matched on and the explanation.
type Match struct {
	Entity   int // index of the entity in the Index
	List     string
	SourceID string
	Caption  string
	Schema   trade.EntitySchema
	Programs []string
	Topics   []trade.Topic
	Name     string         // the entity's name that matched best, as published
	NameKind trade.NameKind // primary, alias, weak or former name
	Score    names.Score    // the score and its explanation
}

// Screen returns the listed entities whose names match the query best, best first. A name that carries a
// second name in brackets ("CHINA NORTH INDUSTRIES CORPORATION (NORINCO)") is screened whole and as each of
// its two parts, and each entity keeps its best score.
func (ix *Index) Screen(q Query) []Match {
	opts := names.Options{Kind: q.Kind, Countries: q.Countries, Identifiers: q.Identifiers}
	parts := bracketParts(q.Name)
	if len(parts) == 0 {
		return ix.ScreenName(names.Prepare(q.Name, opts), q)
	}
	all := map[int]Match{}
	for _, p := range append([]string{q.Name}, parts...) {
		for _, m := range ix.ScreenName(names.Prepare(p, opts), q) {
			if b, ok := all[m.Entity]; !ok || m.Score.Value > b.Score.Value {
				all[m.Entity] = m
			}
		}
	}
	out := make([]Match, 0, len(all))
	for _, m := range all {
		out = append(out, m)
	}
	return ranked(out, q.Top)
}

// bracketParts splits "A (B)" into "A" and "B" when both have letters; otherwise it returns nothing.
func bracketParts(s string) []string {
	i := strings.IndexAny(s, "(（")
	if i < 0 {
		return nil
	}
	rest := s[i:]
	_, size := utf8.DecodeRuneInString(rest)
	j := strings.IndexAny(rest, ")）")
	if j < 0 {
		j = len(rest)
	}
	inner := strings.TrimSpace(rest[size:j])
	outer := strings.TrimSpace(s[:i])
	if j < len(rest) {
		_, csize := utf8.DecodeRuneInString(rest[j:])
		outer = strings.TrimSpace(outer + " " + strings.TrimSpace(rest[j+csize:]))
	}
	if !hasLetter(inner) || !hasLetter(outer) || isPlace(inner) || isPlace(outer) {
		return nil
	}
	return []string{outer, inner}
}

//go:embed places.txt
var placesText string

// places is the set of places.txt, in placeKey form.
var places = sync.OnceValue(func() map[string]bool {
	m := map[string]bool{}
	for _, line := range strings.Split(placesText, "\n") {
		if line = strings.TrimSpace(line); line != "" && !strings.HasPrefix(line, "#") {
			m[placeKey(line)] = true
		}
	}
	return m
})

// isPlace reports whether s is only the name of a city, region or country, such as "SHENZHEN" or "HONG KONG".
func isPlace(s string) bool {
	k := placeKey(s)
	if places()[k] {
		return true
	}
	// Country names, not codes: a bracketed "(DJI)" is the company, not Djibouti's alpha-3 code.
	if len(k) <= 3 {
		return false
	}
	_, err := country.Parse(s)
	return err == nil
}

// placeKey upper-cases s and keeps its letters, one space between words: "Xi'an" and "XI AN" meet as "XIAN"
// and "XI AN", both listed.
func placeKey(s string) string {
	var b strings.Builder
	space := false
	for _, r := range strings.ToUpper(s) {
		switch {
		case unicode.IsLetter(r):
			if space && b.Len() > 0 {
				b.WriteByte(' ')
			}
			space = false
			b.WriteRune(r)
		case r == '\'' || r == '’':
		default:
			space = true
		}
	}
	return b.String()
}

func hasLetter(s string) bool {
	n := 0
	for _, r := range s {
		if unicode.IsLetter(r) {
			n++
		}
	}
	return n >= 2
}

// compatible reports whether a query of kind q may be a listed entity of kind e: a company is no person and
// no vessel, a person no company. Unknown kinds are compatible with everything.
func compatible(q, e names.Kind) bool {
	if q == names.KindUnknown || e == names.KindUnknown || q == e {
		return true
	}
	return false
}

// ScreenName is Screen for a name prepared by the caller; q.Name, Kind, Countries and Identifiers are ignored
// (the name carries its own).
func (ix *Index) ScreenName(n names.Name, q Query) []Match {
	k := q.Candidates
	if k <= 0 {
		k = DefaultCandidates
	}
	p := groupPart{n: n, cands: ix.candidates(n, k), words: map[int32]*names.Words{}}
	return ix.screenPart(&p, n, q)
}

// ranked sorts matches best first (then by list and entry, for a stable order) and keeps the top ones.
func ranked(out []Match, top int) []Match {
	if top <= 0 {
		top = 10
	}
	sort.Slice(out, func(i, j int) bool {
		if out[i].Score.Value != out[j].Score.Value {
			return out[i].Score.Value > out[j].Score.Value
		}
		if out[i].List != out[j].List {
			return out[i].List < out[j].List
		}
		return out[i].SourceID < out[j].SourceID
	})
	if len(out) > top {
		out = out[:top]
	}
	return out
}

// candidates returns the indexed names worth comparing with n's words: the k that share the heaviest keys with
// it (idCandidates adds the names of entities that carry one of its identifiers).
func (ix *Index) candidates(n names.Name, k int) []int32 {
	sc := ix.scratch.Get().(*scratch)
	defer func() {
		for _, j := range sc.touched {
			sc.acc[j] = 0
		}
		sc.touched = sc.touched[:0]
		ix.scratch.Put(sc)
	}()
	for _, key := range n.Keys() {
		p := ix.postKey[key]
		if len(p) == 0 || len(p) > maxPosting {
			continue
		}
		w := ix.keyW[key]
		for _, j := range p {
			if sc.acc[j] == 0 {
				sc.touched = append(sc.touched, j)
			}
			sc.acc[j] += w
		}
	}
	h := candHeap{acc: sc.acc}
	for _, j := range sc.touched {
		if len(h.ids) < k {
			heap.Push(&h, j)
		} else if sc.acc[j] > sc.acc[h.ids[0]] {
			h.ids[0] = j
			heap.Fix(&h, 0)
		}
	}
	return h.ids
}

// candHeap is a min-heap of name ids by accumulated key weight.
type candHeap struct {
	ids []int32
	acc []float32
}

func (h candHeap) Len() int           { return len(h.ids) }
func (h candHeap) Less(i, j int) bool { return h.acc[h.ids[i]] < h.acc[h.ids[j]] }
func (h candHeap) Swap(i, j int)      { h.ids[i], h.ids[j] = h.ids[j], h.ids[i] }
func (h *candHeap) Push(x any)        { h.ids = append(h.ids, x.(int32)) }
func (h *candHeap) Pop() any {
	x := h.ids[len(h.ids)-1]
	h.ids = h.ids[:len(h.ids)-1]
	return x
}
