package names

import (
	"fmt"
	"strings"
)

// evid is the name evidence of an alignment, before weighting. Agreement is measured with rarity weights (a
// shared rare surname says more than a shared Mohammed); disagreement also with flat weights (a different
// given name is a different person, however common both names are).
type evid struct {
	coverage     float64 // mean over both names of the weighted share of tokens matched (times similarity)
	coverageMax  float64 // the same for the better-covered name
	agreement    float64 // like coverage, with similarities below 0.7 counting nothing and from 0.95 fully
	conflict     float64 // weighted share of unmatched tokens that both names have (a different given name)
	extra        float64 // weighted share of unmatched tokens one name has beyond the other (a middle name)
	conflictFlat float64 // conflict with flat weights
	weakest      float64 // similarity of the weakest pair among the important ones
	weakestWord  float64 // similarity of the weakest pair of words
	single       float64 // 1 when a name has one token only
	numbers      int     // −1 when both names have numbers and they differ, +1 when they agree
	numberExtra  bool    // one name has a number the other has none of (Fund II, Fund)
	filiation    bool    // two names swap sides of a bin/ibn/ben (X bin Y ~ Y bin X: father and son)

	conflictDetail, extraDetail string
}

// flatWeight is a token's weight for disagreement: words count fully, the rest less.
func flatWeight(t *token) float64 {
	switch t.role {
	case RoleWord:
		return 1
	case RoleInitial, RoleNumber:
		return 0.5
	}
	return 0.3
}

// sideEvidence sums a name's weights: total, matched (times similarity) and unmatched.
type sideEvidence struct {
	total, matched, agreed, unmatched float64
	flat, flatUnmatched               float64
	broken, flatBroken                float64
	left                              []string
	numbers, numbersLeft              int
}

func side(ts []token, sims []float64, used []bool, otherLeft bool) sideEvidence {
	var s sideEvidence
	for i := range ts {
		t := &ts[i]
		if t.role == RoleNumber {
			s.numbers++
		}
		if !used[i] && !otherLeft && duplicateOfUsed(ts, used, i) {
			continue // a repeated word ("Shoigu Shoigu Sergey") adds nothing, unless it stands against a word
		}
		fw := flatWeight(t)
		s.total += t.weight
		s.flat += fw
		if used[i] {
			s.matched += t.weight * sims[i]
			s.agreed += t.weight * agreementOf(sims[i])
			continue
		}
		if brokenWord(ts, used, i) {
			// a syllable left over from a word whose other syllables matched: the word differs
			s.broken += t.weight
			s.flatBroken += fw
		}
		s.unmatched += t.weight
		s.flatUnmatched += fw
		s.left = append(s.left, t.latin)
		if t.role == RoleNumber {
			s.numbersLeft++
		}
	}
	return s
}

func duplicateOfUsed(ts []token, used []bool, i int) bool {
	for j, t := range ts {
		if j != i && used[j] && (t.text == ts[i].text || t.phon[0] == ts[i].phon[0]) {
			return true
		}
	}
	return false
}

// evidence measures an alignment.
func evidence(a, b []token, edges []edge) evid {
	simA := make([]float64, len(a))
	simB := make([]float64, len(b))
	usedA := make([]bool, len(a))
	usedB := make([]bool, len(b))
	weakest, weakestWord := 1.0, 1.0
	var totalW float64
	for _, t := range a {
		totalW += t.weight
	}
	for _, t := range b {
		totalW += t.weight
	}
	for _, e := range edges {
		var w float64
		words := true
		for i := e.a0; i < e.a1; i++ {
			simA[i], usedA[i] = e.sim, true
			w += a[i].weight
			words = words && a[i].role == RoleWord
		}
		for j := e.b0; j < e.b1; j++ {
			simB[j], usedB[j] = e.sim, true
			w += b[j].weight
			words = words && b[j].role == RoleWord
		}
		if totalW > 0 && w/totalW >= 0.15 {
			weakest = min(weakest, e.sim)
		}
		if words {
			weakestWord = min(weakestWord, e.sim)
		}
	}
	if len(edges) == 0 {
		weakest, weakestWord = 0, 0
	}
	sa := side(a, simA, usedA, anyLeft(usedB))
	sb := side(b, simB, usedB, anyLeft(usedA))
	ev := evid{weakest: weakest, weakestWord: weakestWord}
	fa, fb := ratio(sa.matched, sa.total), ratio(sb.matched, sb.total)
	ev.coverage = (fa + fb) / 2
	ev.coverageMax = max(fa, fb)
	ev.agreement = (ratio(sa.agreed, sa.total) + ratio(sb.agreed, sb.total)) / 2
	ua, ub := ratio(sa.unmatched, sa.total), ratio(sb.unmatched, sb.total)
	ev.conflict = min(ua, ub)
	ev.extra = max(ua, ub) - ev.conflict
	if br := ratio(sa.broken, sa.total) + ratio(sb.broken, sb.total); br > 0 {
		ev.conflict += br
		ev.extra = max(0, ev.extra-br)
	}
	ufa, ufb := ratio(sa.flatUnmatched, sa.flat), ratio(sb.flatUnmatched, sb.flat)
	ev.conflictFlat = min(ufa, ufb) + ratio(sa.flatBroken, sa.flat) + ratio(sb.flatBroken, sb.flat)
	if ev.conflict > 0 {
		ev.conflictDetail = fmt.Sprintf("unmatched on both sides: %s | %s", strings.Join(sa.left, " "), strings.Join(sb.left, " "))
	}
	if ev.extra > 0 {
		left := sa.left
		if ub > ua {
			left = sb.left
		}
		ev.extraDetail = "unmatched: " + strings.Join(left, " ")
	}
	if len(a) == 1 || len(b) == 1 {
		ev.single = 1
	}
	ev.filiation = filiationCrossed(a, b, edges)
	if (sa.numbersLeft > 0 && sb.numbers == 0) || (sb.numbersLeft > 0 && sa.numbers == 0) {
		ev.numberExtra = true
	}
	if sa.numbers > 0 && sb.numbers > 0 {
		if sa.numbersLeft > 0 && sb.numbersLeft > 0 {
			ev.numbers = -1
		} else {
			ev.numbers = 1
		}
	}
	return ev
}

func ratio(x, y float64) float64 {
	if y <= 0 {
		return 0
	}
	return x / y
}

func anyLeft(used []bool) bool {
	for _, u := range used {
		if !u {
			return true
		}
	}
	return false
}

// filiation reports whether a token is a filiation particle (bin, ibn, ben, bint, ould).
func filiation(t *token) bool {
	for _, g := range t.groups {
		switch g {
		case "@bin", "@bint", "@ould", "~bin", "~bint", "~ould":
			return true
		}
	}
	return false
}

// filiationCrossed reports whether two aligned words stand on different sides of a filiation particle in
// the two names and in crossed order: "Salman bin Muhammad" (Salman, son of Muhammad) is not "Muhammad bin
// Salman".
func filiationCrossed(a, b []token, edges []edge) bool {
	sideOf := func(ts []token, i int) int {
		n := 0
		for k := 0; k < i; k++ {
			if filiation(&ts[k]) {
				n++
			}
		}
		return n
	}
	for i := range edges {
		for j := range edges {
			ei, ej := edges[i], edges[j]
			if ei.a0 >= ej.a0 || filiation(&a[ei.a0]) || filiation(&a[ej.a0]) {
				continue
			}
			if sideOf(a, ei.a0) < sideOf(a, ej.a0) && sideOf(b, ei.b0) > sideOf(b, ej.b0) {
				return true
			}
		}
	}
	return false
}

// brokenWord reports whether token i is an unmatched syllable of a word some other syllable of which matched.
func brokenWord(ts []token, used []bool, i int) bool {
	if ts[i].run == 0 || used[i] {
		return false
	}
	for j := range ts {
		if j != i && used[j] && ts[j].run == ts[i].run {
			return true
		}
	}
	return false
}

// agreementOf maps a similarity to the strength of agreement it shows: transliteration variants and typos
// score 0.85 and more, different but similar-looking names (Castro, Castillo) 0.6–0.8.
func agreementOf(sim float64) float64 {
	return min(1, max(0, (sim-agreeFrom)/(agreeFull-agreeFrom)))
}

const (
	agreeFrom = 0.7
	agreeFull = 0.95
)
