package screen

import (
	"runtime"
	"slices"
	"sort"
	"strings"
	"sync"
	"sync/atomic"
	"unicode"

	"tradetrace/internal/names"
	"tradetrace/internal/trade"
)

// ScreenAll screens many queries on every core (workers ≤ 0 means GOMAXPROCS) and returns their matches in
// the order of the queries: for each query, what Screen returns. Queries that differ only in their countries
// and identifiers (one name borne by parties of several countries) are screened together: the name's words are
// compared with each candidate once, and each query weighs its own countries and identifiers on top. Names
// whose prepared words are the same (names.Signature: "OOO «Vega»" and "Vega OOO") share their candidates and
// comparisons too: the groups are taken in the order of their letters, so that such names come close together,
// and each worker remembers the last names it prepared.
func (ix *Index) ScreenAll(qs []Query, workers int) [][]Match {
	if workers <= 0 {
		workers = runtime.GOMAXPROCS(0)
	}
	type groupKey struct {
		name       string
		kind       names.Kind
		top, cands int
		minScore   float64
		party      bool
	}
	at := map[groupKey]int{}
	var groups [][]int
	for i, q := range qs {
		k := groupKey{q.Name, q.Kind, q.Top, q.Candidates, q.MinScore, q.Party}
		g, ok := at[k]
		if !ok {
			g = len(groups)
			at[k] = g
			groups = append(groups, nil)
		}
		groups[g] = append(groups[g], i)
	}
	letters := make([]string, len(groups))
	for g := range groups {
		letters[g] = lettersOf(qs[groups[g][0]].Name)
	}
	order := make([]int, len(groups))
	for g := range order {
		order[g] = g
	}
	sort.SliceStable(order, func(i, j int) bool { return letters[order[i]] < letters[order[j]] })
	out := make([][]Match, len(qs))
	const chunk = 64 // groups a worker takes at a time: neighbours in letter order stay together
	var next atomic.Int64
	var wg sync.WaitGroup
	for w := 0; w < workers; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			recent := newPartCache(recentParts)
			for {
				lo := int(next.Add(chunk)) - chunk
				if lo >= len(order) {
					return
				}
				for _, g := range order[lo:min(lo+chunk, len(order))] {
					ix.screenGroup(qs, groups[g], out, recent)
				}
			}
		}()
	}
	wg.Wait()
	return out
}

// lettersOf is a name's letters and digits, lower-cased: names that differ only in case, spaces and
// punctuation sort together.
func lettersOf(s string) string {
	var b strings.Builder
	for _, r := range s {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			b.WriteRune(unicode.ToLower(r))
		}
	}
	return b.String()
}

// groupPart is one text of a group's name (the name, or a part of "A (B)") prepared without countries or
// identifiers, with its key candidates and their word comparisons, made when first needed.
type groupPart struct {
	n     names.Name
	cands []int32
	words map[int32]*names.Words
}

// recentParts is how many prepared parts a worker remembers. Sorted by their letters, names of one
// signature sit within a few places of each other: of the 265k distinct party names of a 10M-line sample,
// 52.7k share the signature of one of the 16 names before them, and 53.2k of one of the 64 before them.
const recentParts = 16

// partCache remembers the last parts a worker prepared, by signature and number of candidates.
type partCache struct {
	at   map[partKey]*groupPart
	ring []partKey
	next int
}

type partKey struct {
	sig   string
	cands int
}

func newPartCache(n int) *partCache {
	return &partCache{at: make(map[partKey]*groupPart, n), ring: make([]partKey, 0, n)}
}

// part returns the part of text prepared for kind with k candidates: a remembered one of the same signature,
// whose comparisons hold for it too, or a new one.
func (c *partCache) part(ix *Index, text string, kind names.Kind, k int) *groupPart {
	n := names.Prepare(text, names.Options{Kind: kind})
	key := partKey{n.Signature(), k}
	if p, ok := c.at[key]; ok {
		return p
	}
	p := &groupPart{n: n, cands: ix.candidates(n, k), words: map[int32]*names.Words{}}
	if len(c.ring) < cap(c.ring) {
		c.ring = append(c.ring, key)
	} else {
		delete(c.at, c.ring[c.next])
		c.ring[c.next] = key
		c.next = (c.next + 1) % len(c.ring)
	}
	c.at[key] = p
	return p
}

// screenGroup screens queries that differ only in countries and identifiers; it writes out[i] for each i of idx.
// It returns what Screen would for each: the same candidates in the same order, the same scores.
func (ix *Index) screenGroup(qs []Query, idx []int, out [][]Match, recent *partCache) {
	q0 := qs[idx[0]]
	k := q0.Candidates
	if k <= 0 {
		k = DefaultCandidates
	}
	texts := append([]string{q0.Name}, bracketParts(q0.Name)...)
	parts := make([]*groupPart, len(texts))
	for p, text := range texts {
		parts[p] = recent.part(ix, text, q0.Kind, k)
	}
	for _, i := range idx {
		q := qs[i]
		if len(parts) == 1 {
			out[i] = ix.screenPart(parts[0], parts[0].n.With(q.Countries, q.Identifiers), q)
			continue
		}
		all := map[int]Match{}
		for _, part := range parts {
			for _, m := range ix.screenPart(part, part.n.With(q.Countries, q.Identifiers), q) {
				if b, ok := all[m.Entity]; !ok || m.Score.Value > b.Score.Value {
					all[m.Entity] = m
				}
			}
		}
		ms := make([]Match, 0, len(all))
		for _, m := range all {
			ms = append(ms, m)
		}
		out[i] = ranked(ms, q.Top)
	}
}

// screenPart screens n, a part's name with a query's countries and identifiers: the part's key candidates,
// then those that carry one of n's identifiers. Word comparisons made once stay with the part.
func (ix *Index) screenPart(p *groupPart, n names.Name, q Query) []Match {
	top, minScore := q.Top, q.MinScore
	if top <= 0 {
		top = 10
	}
	if minScore == 0 {
		minScore = names.DefaultThreshold
	}
	cands := p.cands
	if ids := n.Identifiers(); len(ids) > 0 {
		cands = append(cands[:len(cands):len(cands)], ix.idCandidates(p.cands, ids)...)
	}
	best := map[int32]Match{}
	for _, c := range cands {
		in := &ix.names[c]
		if !compatible(n.Kind(), in.name.Kind()) || (q.Party && in.name.Kind() == names.KindVessel) {
			continue
		}
		w := p.words[c]
		if w == nil {
			cw := names.CompareWords(n, in.name)
			w = &cw
			p.words[c] = w
		}
		v := w.Value(n, in.name)
		if v < minScore {
			continue
		}
		if m, ok := best[in.entity]; ok && m.Score.Value >= v {
			continue
		}
		e := &ix.ents[in.entity]
		best[in.entity] = Match{Entity: int(in.entity), List: e.List, SourceID: e.SourceID, Caption: e.Caption(),
			Schema: e.Schema, Programs: e.Programs, Topics: e.Topics, Name: in.value, NameKind: in.kind, Score: w.Score(n, in.name)}
	}
	ms := make([]Match, 0, len(best))
	for _, m := range best {
		ms = append(ms, m)
	}
	return ranked(ms, top)
}

// idCandidates returns the names of entities that carry one of the identifiers and are not among taken, in
// the order candidates adds them.
func (ix *Index) idCandidates(taken []int32, ids []names.Identifier) []int32 {
	var out []int32
	for _, id := range ids {
		for _, j := range ix.postID[idKey(id.Value)] {
			if !slices.Contains(taken, j) && !slices.Contains(out, j) {
				out = append(out, j)
			}
		}
	}
	return out
}

// topicWeight is how much a listing with this topic weighs in a party's risk: sanctions and the military
// lists fully, export controls a little less, the PRC's counter-sanctions (which list Western companies) little.
var topicWeight = map[trade.Topic]float64{
	trade.TopicSanction: 1, trade.TopicMilitaryEndUser: 1, trade.TopicStateDefence: 1, trade.TopicMilitaryComplex: 1,
	trade.TopicExportControl: 0.9, trade.TopicCounterSanction: 0.3,
}

// TopicWeight returns the heaviest weight of the topics (0.6 for topics it does not know, 0 for none).
func TopicWeight(topics []trade.Topic) float64 {
	w := 0.0
	for _, t := range topics {
		tw, ok := topicWeight[t]
		if !ok {
			tw = 0.6
		}
		w = max(w, tw)
	}
	return w
}

// Risk is a match's weight as risk in [0, 1]: its score times the weight of its topics.
func (m Match) Risk() float64 { return m.Score.Value * TopicWeight(m.Topics) }
