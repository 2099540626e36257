package screen

import (
	"runtime"
	"slices"
	"sync"

	"tradetrace/internal/names"
	"tradetrace/internal/trade"
)

// ScreenAll screens many queries on every core (workers ≤ 0 means GOMAXPROCS) and returns their matches in
// the order of the queries: for each query, what Screen returns. Queries that differ only in their countries
// and identifiers (one name borne by parties of several countries) are screened together: the name's words are
// compared with each candidate once, and each query weighs its own countries and identifiers on top.
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
	out := make([][]Match, len(qs))
	var wg sync.WaitGroup
	for w := 0; w < workers; w++ {
		wg.Add(1)
		go func(w int) {
			defer wg.Done()
			for g := w; g < len(groups); g += workers {
				ix.screenGroup(qs, groups[g], out)
			}
		}(w)
	}
	wg.Wait()
	return out
}

// groupPart is one text of a group's name (the name, or a part of "A (B)") prepared without countries or
// identifiers, with its key candidates and their word comparisons, made when first needed.
type groupPart struct {
	n     names.Name
	cands []int32
	words map[int32]*names.Words
}

// screenGroup screens queries that differ only in countries and identifiers; it writes out[i] for each i of idx.
// It returns what Screen would for each: the same candidates in the same order, the same scores.
func (ix *Index) screenGroup(qs []Query, idx []int, out [][]Match) {
	q0 := qs[idx[0]]
	k := q0.Candidates
	if k <= 0 {
		k = DefaultCandidates
	}
	texts := append([]string{q0.Name}, bracketParts(q0.Name)...)
	parts := make([]groupPart, len(texts))
	for p, text := range texts {
		n := names.Prepare(text, names.Options{Kind: q0.Kind})
		parts[p] = groupPart{n: n, cands: ix.candidates(n, k), words: map[int32]*names.Words{}}
	}
	for _, i := range idx {
		q := qs[i]
		if len(parts) == 1 {
			out[i] = ix.screenPart(&parts[0], parts[0].n.With(q.Countries, q.Identifiers), q)
			continue
		}
		all := map[int]Match{}
		for p := range parts {
			for _, m := range ix.screenPart(&parts[p], parts[p].n.With(q.Countries, q.Identifiers), q) {
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
