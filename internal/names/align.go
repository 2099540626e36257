package names

import (
	"sort"
	"strings"
)

// Similarities of tokens that are not compared letter by letter.
const (
	simNick          = 0.9  // nickname of (Bob ~ Robert)
	simInitial       = 0.8  // initial of (J ~ Joachim)
	simAcronym       = 0.8  // acronym of a run (PLA ~ People's Liberation Army)
	simPhonetic      = 0.95 // factor on a phonetic-key similarity
	simSkeleton      = 0.9  // factor on a consonant-skeleton similarity
	simSkeletonExact = 0.93 // skeletons of three consonants or more that agree
	simVariant       = 0.95 // factor on a weaker reading (digits read as letters)
	simAnagram       = 0.8  // the same letters scrambled (nitPu ~ Putin)
	simHomophone     = 0.55 // most two different Han or Hangul syllables can share
	simSyllableMiss  = 0.7  // factor on a near miss between a Han or Hangul syllable and a Latin one
	minEdgeSim       = 0.5  // below this two tokens are not aligned
	maxGlueParts     = 4    // longest run of tokens compared to one token
)

// tokSim compares two tokens: shared groups, numbers, initials, then the best of their Latin forms,
// phonetic keys and, for scripts that do not write all vowels, consonant skeletons.
func tokSim(a, b *token) float64 { return tokSimMin(a, b, 0) }

// tokSimMin is tokSim when that is at least floor, and some value below floor otherwise: align keeps only
// similarities above a floor, and most pairs of words are far below it, where their letters need not be
// compared to the end.
func tokSimMin(a, b *token, floor float64) float64 {
	if a.role == RoleNumber || b.role == RoleNumber {
		if a.role == b.role && a.latin == b.latin {
			return 1
		}
		return 0
	}
	if a.text == b.text {
		return 1
	}
	if g := sharedGroup(a.groups, b.groups); g != "" {
		if strings.HasPrefix(g, "nick:") {
			return simNick
		}
		return 1
	}
	if a.script == b.script && (a.script == scriptHan || a.script == scriptHangul) {
		// a different character is a different name, whatever it sounds like (高石 ≠ 高市); traditional and
		// simplified forms of one character are the exception this forgives in part
		return min(simHomophone, tokSimLetters(a, b, floor))
	}
	if a.patronym && b.patronym {
		// compare the fathers' names, not the shared ending (Viktorovich, Borisovich)
		return strSim(patronymStem(a.latin), patronymStem(b.latin))
	}
	if a.role == RoleInitial || b.role == RoleInitial {
		if a.role == b.role {
			if a.latin == b.latin {
				return 1
			}
			return 0
		}
		if a.latin != "" && b.latin != "" && a.latin[0] == b.latin[0] {
			return simInitial
		}
		return 0
	}
	return tokSimLetters(a, b, floor)
}

// tokSimLetters compares the letters of two tokens: Latin forms, phonetic keys, weaker readings, skeletons
// for vowelless scripts, and scrambled letters. Like tokSimMin it is exact from floor up: each comparison is
// exact where it reaches the floor, and the best of them then too; syllables, whose best is scaled down after,
// are compared in full.
func tokSimLetters(a, b *token, floor float64) float64 {
	if syllabic(a.script) || syllabic(b.script) {
		floor = 0
	}
	best := 0.0
	try := func(x, y string, factor float64) {
		if bound := factor * lengthBound(x, y); bound > best && bound >= floor {
			best = max(best, factor*strSimMin(x, y, floor/factor))
		}
	}
	for _, la := range a.latins {
		for _, lb := range b.latins {
			try(la, lb, 1)
		}
	}
	if best >= 1 {
		return 1
	}
	if !syllabic(a.script) && !syllabic(b.script) { // syllables list their romanisations in full
		for _, pa := range a.phon {
			for _, pb := range b.phon {
				try(pa, pb, simPhonetic)
			}
		}
	}
	for _, va := range a.variants {
		for _, lb := range b.latins {
			try(va, lb, simVariant)
		}
	}
	for _, vb := range b.variants {
		for _, la := range a.latins {
			try(la, vb, simVariant)
		}
	}
	if a.script.vowelless() || b.script.vowelless() {
		for _, sa := range a.skel {
			for _, sb := range b.skel {
				switch {
				case sa == sb && len(sa) >= 3:
					best = max(best, simSkeletonExact) // every consonant agrees
				case sa == sb && sa != "":
					best = max(best, simSkeleton*(0.9+0.025*float64(len(sa))))
				case len(sa) >= 2 && len(sb) >= 2:
					try(sa, sb, simSkeleton)
				}
			}
		}
	}
	if best < simPhonetic && (syllabic(a.script) || syllabic(b.script)) {
		// Chinese and Korean syllables come from a small inventory and their romanisations are listed in full:
		// a near miss is another syllable, not a typo
		best *= simSyllableMiss
	}
	if best < simAnagram && len(a.latin) >= 5 && len(a.latin) == len(b.latin) && a.sorted == b.sorted {
		best = simAnagram
	}
	return best
}

// lengthBound is the highest strSim two strings of these lengths can have.
func lengthBound(a, b string) float64 {
	la, lb := len(a), len(b)
	if la == 0 || lb == 0 {
		return 0
	}
	return 1 - float64(max(la, lb)-min(la, lb))/float64(max(la, lb))
}

func syllabic(s script) bool { return s == scriptHan || s == scriptHangul }

func sortedLetters(s string) string {
	b := []byte(s)
	sort.Slice(b, func(i, j int) bool { return b[i] < b[j] })
	return string(b)
}

func sharedGroup(a, b []string) string {
	for _, x := range a {
		for _, y := range b {
			if x == y {
				return x
			}
		}
	}
	return ""
}

// edge is a candidate alignment of a run of tokens of one name with a run of the other (one of the runs is a
// single token).
type edge struct {
	a0, a1, b0, b1 int // token ranges [a0, a1) and [b0, b1)
	sim            float64
	rank           float64 // sim with a small preference for tokens in the same relative place
}

// align pairs the tokens of two names: every single pair, runs of neighbouring tokens glued against one
// token (SergeiLavrov, van der bilt, 习 近 平 against Xi Jinping), and acronyms against runs; the best edges
// are taken greedily, each token used once.
func align(a, b []token, runsA, runsB []run) []edge {
	var edges []edge
	rel := func(i, n int) float64 {
		if n <= 1 {
			return 0
		}
		return float64(i) / float64(n-1)
	}
	bestA := make([]float64, len(a))
	bestB := make([]float64, len(b))
	for i := range a {
		for j := range b {
			// Below minEdgeSim a pair makes no edge, and its best similarities are compared only with
			// thresholds above it (glueEdges, shiftEdges): it need not be exact there.
			s := tokSimMin(&a[i], &b[j], minEdgeSim)
			bestA[i] = max(bestA[i], s)
			bestB[j] = max(bestB[j], s)
			if s >= minEdgeSim {
				d := rel(i, len(a)) - rel(j, len(b))
				edges = append(edges, edge{a0: i, a1: i + 1, b0: j, b1: j + 1, sim: s, rank: s - 0.01*d*d})
			}
		}
	}
	edges = append(edges, glueEdges(runsA, b, bestB, false)...)
	edges = append(edges, glueEdges(runsB, a, bestA, true)...)
	edges = append(edges, shiftEdges(runsA, runsB, bestA, bestB)...)
	sort.SliceStable(edges, func(i, j int) bool {
		if edges[i].rank != edges[j].rank {
			return edges[i].rank > edges[j].rank
		}
		return (edges[i].a1 - edges[i].a0 + edges[i].b1 - edges[i].b0) > (edges[j].a1 - edges[j].a0 + edges[j].b1 - edges[j].b0)
	})
	usedA := make([]bool, len(a))
	usedB := make([]bool, len(b))
	var out []edge
	for _, e := range edges {
		if anyUsed(usedA, e.a0, e.a1) || anyUsed(usedB, e.b0, e.b1) {
			continue
		}
		markUsed(usedA, e.a0, e.a1)
		markUsed(usedB, e.b0, e.b1)
		out = append(out, e)
	}
	return out
}

func anyUsed(u []bool, from, to int) bool {
	for i := from; i < to; i++ {
		if u[i] {
			return true
		}
	}
	return false
}

func markUsed(u []bool, from, to int) {
	for i := from; i < to; i++ {
		u[i] = true
	}
}

// run is a glued run of 2–4 neighbouring tokens of a name, computed once by Prepare.
type run struct {
	from, to int
	glued    token
	acronym  string // first letters of the run's words, or ""
}

// runsOf glues the runs of neighbouring tokens of a name, and the runs of its multi-word symbols.
func runsOf(ts []token, spans []phrase) []run {
	var out []run
	for i := 0; i < len(ts); i++ {
		for n := 2; n <= maxGlueParts && i+n <= len(ts); n++ {
			out = append(out, run{from: i, to: i + n, glued: glue(ts[i : i+n]), acronym: acronymOf(ts[i : i+n])})
		}
	}
	for _, p := range spans {
		if p.to > len(ts) {
			continue
		}
		found := false
		for k := range out {
			if out[k].from == p.from && out[k].to == p.to {
				out[k].glued.groups = append(out[k].glued.groups, p.groups...)
				found = true
			}
		}
		if !found {
			r := run{from: p.from, to: p.to, glued: glue(ts[p.from:p.to])}
			r.glued.groups = p.groups
			out = append(out, r)
		}
	}
	return out
}

// glueEdges compares the glued runs of xs with each single token of ys, and runs with the acronym a short
// token may stand for. swap says xs is the second name.
func glueEdges(runs []run, ys []token, bestY []float64, swap bool) []edge {
	var out []edge
	for ri := range runs {
		r := &runs[ri]
		for j := range ys {
			y := &ys[j]
			s := 0.0
			if bestY[j] < 0.95 && (lengthBound(r.glued.latin, y.latin) >= 0.7 || y.script != scriptLatin) {
				s = tokSimMin(&r.glued, y, max(0.8, bestY[j]))
			}
			if s < 0.8 || s <= bestY[j] {
				s = 0
			}
			if s == 0 && r.acronym != "" && bestY[j] < simAcronym && y.latin == r.acronym && y.role != RoleNumber &&
				(y.acronym || y.role == RoleInitial || len(y.latin) <= 5) {
				s = simAcronym
			}
			if s == 0 {
				continue
			}
			e := edge{a0: r.from, a1: r.to, b0: j, b1: j + 1, sim: s, rank: s}
			if swap {
				e = edge{a0: j, a1: j + 1, b0: r.from, b1: r.to, sim: s, rank: s}
			}
			out = append(out, e)
		}
	}
	return out
}

// shiftEdges pairs two neighbouring words of one name with two of the other when a letter has moved across
// the space ("Lauren Tnkunda" ~ "Laurent Nkunda", "Arefullaha Ref" ~ "Arefullah Aref").
func shiftEdges(runsA, runsB []run, bestA, bestB []float64) []edge {
	var out []edge
	for i := range runsA {
		ra := &runsA[i]
		if ra.to-ra.from != 2 || min(bestA[ra.from], bestA[ra.from+1]) >= 0.9 {
			continue
		}
		for j := range runsB {
			rb := &runsB[j]
			if rb.to-rb.from != 2 || min(bestB[rb.from], bestB[rb.from+1]) >= 0.9 ||
				lengthBound(ra.glued.latin, rb.glued.latin) < 0.85 {
				continue
			}
			if s := tokSimMin(&ra.glued, &rb.glued, 0.9); s >= 0.9 {
				out = append(out, edge{a0: ra.from, a1: ra.to, b0: rb.from, b1: rb.to, sim: s, rank: s})
			}
		}
	}
	return out
}

// glue joins a run of tokens into one.
func glue(run []token) token {
	var text, latin strings.Builder
	t := token{script: run[0].script}
	for _, r := range run {
		text.WriteString(r.text)
		latin.WriteString(r.latin)
		if r.script.vowelless() {
			t.script = r.script
		}
	}
	t.text = text.String()
	t.latin = latin.String()
	t.latins = []string{t.latin}
	t.phon = phonetic(t.latin)
	t.skel = []string{skeleton(t.latin)}
	t.sorted = sortedLetters(t.latin)
	return t
}

// acronymOf returns the first letters of a run's words (particles and "and"/"of" left out), or "" when the
// run has numbers or symbols only.
func acronymOf(run []token) string {
	var b strings.Builder
	for _, r := range run {
		if r.role == RoleNumber || r.latin == "" {
			return ""
		}
		if r.role == RoleParticle {
			continue
		}
		b.WriteByte(r.latin[0])
	}
	if b.Len() < 2 {
		return ""
	}
	return b.String()
}
