package front

import (
	"fmt"
	"math"
	"sort"
	"strings"

	"tradetrace/internal/country"
	"tradetrace/internal/detect/route/decl"
	"tradetrace/internal/trade"
)

// controlledChapters are the HS chapters where the goods of the Common High Priority List and military goods
// sit: a mix that turns to them is the more telling.
var controlledChapters = map[string]bool{"84": true, "85": true, "88": true, "90": true, "93": true}

// mixTally sums the goods mix of each party, row by row as the store gives them: the 1.9M rows of a 10M-line
// store, kept, made the heap the collector's work (a fifth of the detector's CPU time). Sums are taken in whole
// cents, which add up to the same in any order, and a party is shown as its least appearance (partyLess), so
// the rows' order does not matter. A row's party is found by its number in the party table (at), its key
// looked up once per number: looking the key up for every row took a quarter of the tally's time (BenchmarkFronts).
type mixTally struct {
	a       *analysis
	ps      *partyTable
	byParty map[string]*partyMix
	order   []string
	at      []*partyMix // by party number: its key's mix; nil before its first row, noMix when it has no key
}

// noMix marks, in mixTally.at, a party without a key, whose rows count for nothing.
var noMix = new(partyMix)

// partyMix is the value a party moved by HS chapter before and after the cutoff, in cents. The sums are a list,
// not two maps: the 1.9M goods-mix rows of a 10M-line store belong to some 300k parties, a few chapters each,
// and two maps for each party were a large part of the detector's heap.
type partyMix struct {
	p      Party
	sums   []chapterSum
	nb, na int64
	tb, ta int64
	ex     []Example
}

// chapterSum is the value moved under one HS chapter on one side of the cutoff, in cents.
type chapterSum struct {
	chapter string
	after   bool
	v       int64
}

// add adds v cents to a chapter's sum on one side of the cutoff.
func (x *partyMix) add(chapter string, after bool, v int64) {
	for i := range x.sums {
		if s := &x.sums[i]; s.chapter == chapter && s.after == after {
			s.v += v
			return
		}
	}
	x.sums = append(x.sums, chapterSum{chapter, after, v})
}

// side returns the sums of one side of the cutoff by chapter, in dollars.
func (x *partyMix) side(after bool) map[string]float64 {
	out := map[string]float64{}
	for _, s := range x.sums {
		if s.after == after {
			out[s.chapter] += float64(s.v) / 100
		}
	}
	return out
}

func (a *analysis) mixTally(ps *partyTable) *mixTally {
	return &mixTally{a: a, ps: ps, byParty: map[string]*partyMix{}}
}

// add counts one row of the goods mix.
func (t *mixTally) add(m *Mix) {
	i := t.ps.add(&m.Party)
	if int(i) >= len(t.at) {
		t.at = append(t.at, make([]*partyMix, int(i)+1-len(t.at))...)
	}
	x := t.at[i]
	if x == nil {
		// The party's first row: its key's mix, and whether it is the least appearance so far (later rows of
		// the same party would compare the same).
		x = noMix
		if k := t.ps.key(i); k != "" {
			p := &t.ps.list[i] // the table's copy, whose strings are shared
			if x = t.byParty[k]; x == nil {
				x = &partyMix{p: *p}
				t.byParty[k] = x
				t.order = append(t.order, k)
			} else if partyLess(p, &x.p) {
				x.p = *p
			}
		}
		t.at[i] = x
	}
	if x == noMix {
		return
	}
	v := int64(math.Round(math.Max(m.Value, 0) * 100))
	x.add(m.Chapter, m.After, v)
	if m.After {
		x.na += m.Lines
		x.ta += v
	} else {
		x.nb += m.Lines
		x.tb += v
	}
	x.ex = append(x.ex, m.Largest)
}

// findings raises the parties whose goods mix by HS chapter changed abruptly at the cutoff.
func (t *mixTally) findings() []trade.Finding {
	a, byParty, order := t.a, t.byParty, t.order
	sort.Strings(order)
	var out []trade.Finding
	for _, k := range order {
		x := byParty[k]
		if x.nb < minMixLines || x.na < minMixLines || x.tb <= 0 || x.ta <= 0 {
			continue
		}
		before, after, tb, ta := x.side(false), x.side(true), float64(x.tb)/100, float64(x.ta)/100
		// Total-variation distance between the shares of value by chapter: 0 the same mix, 1 nothing shared.
		tv := 0.0
		chapters := map[string]bool{}
		for c := range before {
			chapters[c] = true
		}
		for c := range after {
			chapters[c] = true
		}
		for c := range chapters {
			tv += math.Abs(before[c]/tb - after[c]/ta)
		}
		tv /= 2
		if tv < minMixChange {
			continue
		}
		topB, topA := top(before), top(after)
		// A changed mix alone is weak: traders change lines of business. It counts more when the new mix is
		// the chapters of controlled goods.
		score := 0.25 + 0.2*tv
		if controlledChapters[topA] && !controlledChapters[topB] {
			score += 0.15
		}
		name := decl.Display(x.p.trade())
		title := fmt.Sprintf("Goods mix changed at %s: %s, %s (chapter %s before, %s after; %.0f%% changed)",
			a.cutoff.Format("2006-01-02"), name, country.Name(x.p.Country), topB, topA, 100*tv)
		expl := fmt.Sprintf("Before %s %s moved mostly HS chapter %s (%s); from then on mostly chapter %s (%s). "+
			"The shares of value by chapter differ by %.0f%% (total-variation distance). Before: %d line(s), $%s; after: %d line(s), $%s.",
			a.cutoff.Format("2 January 2006"), name, topB, shares(before, tb), topA, shares(after, ta), 100*tv,
			x.nb, decl.Num(tb), x.na, decl.Num(ta))
		ev := []trade.Evidence{
			{Label: "mix before", Value: shares(before, tb)},
			{Label: "mix after", Value: shares(after, ta)},
			{Label: "change", Value: fmt.Sprintf("%.2f", tv)},
		}
		out = append(out, finding("mix_change", k, score, title, expl, []trade.FindingParty{fparty(&x.p)}, ev, x.ex, ta))
	}
	return out
}

func top(m map[string]float64) string {
	best, bv := "", -1.0
	for c, v := range m {
		if v > bv || v == bv && c < best {
			best, bv = c, v
		}
	}
	return best
}

// shares writes the largest shares of a mix: "85 62%, 84 30%, …".
func shares(m map[string]float64, total float64) string {
	type cv struct {
		c string
		v float64
	}
	var l []cv
	for c, v := range m {
		l = append(l, cv{c, v})
	}
	sort.Slice(l, func(i, j int) bool {
		if l[i].v != l[j].v {
			return l[i].v > l[j].v
		}
		return l[i].c < l[j].c
	})
	var parts []string
	for i, x := range l {
		if i == 4 {
			parts = append(parts, "…")
			break
		}
		parts = append(parts, fmt.Sprintf("%s %.0f%%", x.c, 100*x.v/total))
	}
	return strings.Join(parts, ", ")
}

// hubNetwork raises companies in hubs that sell to many consignees in watched countries, most of them new.
// The edges come in their sorted order, their parties numbered in ps.
func (a *analysis) hubNetwork(edges []edge, ps *partyTable) []trade.Finding {
	type net struct {
		p          Party
		consignees map[string]*edge
		value, hp  float64
		ex         []Example
	}
	nets := map[string]*net{}
	var order []string
	for i := range edges {
		e := &edges[i]
		sk, ck := ps.key(e.s), ps.key(e.c)
		if sk == "" || ck == "" {
			continue
		}
		n := nets[sk]
		if n == nil {
			n = &net{p: ps.list[e.s], consignees: map[string]*edge{}}
			nets[sk] = n
			order = append(order, sk)
		}
		if prev := n.consignees[ck]; prev == nil || e.first.Before(prev.first) {
			n.consignees[ck] = e
		}
		n.value += e.value
		n.hp += e.hp
		n.ex = append(n.ex, e.line)
	}
	sort.Strings(order)
	var out []trade.Finding
	for _, sk := range order {
		n := nets[sk]
		if len(n.consignees) < minNetwork {
			continue
		}
		var ck []string
		for k := range n.consignees {
			ck = append(ck, k)
		}
		sort.Strings(ck)
		fresh := 0
		var list []string
		fps := []trade.FindingParty{fparty(&n.p)}
		for _, k := range ck {
			c := a.parties[k]
			if c != nil && !c.first.Before(a.cutoff) {
				fresh++
			}
			cp := &ps.list[n.consignees[k].c]
			list = append(list, decl.Display(cp.trade()))
			fps = append(fps, fparty(cp))
		}
		share := float64(fresh) / float64(len(ck))
		if !a.lead || share < minNewInNetwork {
			continue
		}
		hpShare := n.hp / math.Max(n.value, 1)
		score := 0.35 + 0.2*share + 0.2*hpShare + 0.1*decl.Clamp(float64(len(ck)-minNetwork)/10)
		name := decl.Display(n.p.trade())
		title := fmt.Sprintf("Hub company at the centre of %d Russian consignees: %s, %s (%d first seen after %s)",
			len(ck), name, country.Name(n.p.Country), fresh, a.cutoff.Format("2006-01-02"))
		if len(list) > 12 {
			list = append(list[:12], fmt.Sprintf("and %d more", len(list)-12))
		}
		expl := fmt.Sprintf("%s, in %s, a transshipment hub, ships to %d consignees in Russia or Belarus, %d of them first seen after %s: %s. "+
			"It moved $%s to them, %.0f%% of it high-priority goods.", name, country.Name(n.p.Country), len(ck), fresh,
			a.cutoff.Format("2 January 2006"), strings.Join(list, "; "), decl.Num(n.value), 100*hpShare)
		ev := []trade.Evidence{
			{Label: "consignees", Value: fmt.Sprint(len(ck))},
			{Label: "new consignees", Value: fmt.Sprint(fresh)},
			{Label: "value (USD)", Value: decl.Num(n.value)},
			{Label: "high-priority share", Value: fmt.Sprintf("%.0f%%", 100*hpShare)},
		}
		out = append(out, finding("hub_network", sk, score, title, expl, fps, ev, n.ex, n.value))
	}
	return out
}
