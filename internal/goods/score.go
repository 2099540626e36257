package goods

// hit is one occurrence of a vocabulary concept in the normalised text, and what it counted for.
type hit struct {
	concept    int32
	start, end int32
	plen       int32 // length of the matched pattern: of two hits over the same words, the longer pattern wins
	lang       uint8
	field      uint8
	class      int8    // the class it counted for, -1 for none
	weight     float64 // what it added
	off        bool    // suppressed by a longer hit, or a repeat of an earlier one
	moved      bool    // evidence of a family that counts for the family's parts: its HS code is not theirs
	declared   bool    // civilian wording that bears on the goods
	dest       bool    // named as what the goods are for ("для вертолетов"), not as the goods
}

// Weights of the scoring rules that are not in the vocabulary.
const (
	withParts    = 0.5 // a part word when the text says the goods come with it ("drone with battery")
	calibreAtten = 0.5 // share of a neuter's strength that applies to models, brands and calibres
	destWeight   = 0.5 // a word or name that says what the goods are for, not what they are
)

// scoring is the state of one classification.
type scoring struct {
	c       *Classifier
	hits    []hit
	score   [nClasses]float64
	raw     uint32 // families with direct evidence: a word, model, brand or part number that needs no context
	neuters []int  // hits of declared non-item wording
	forMk   bool
	withMk  bool
}

// apply adds w to class k as a noisy-or term and records it on the hit.
func (s *scoring) apply(h *hit, k int, w float64) {
	if w <= 0 || k < 0 {
		return
	}
	s.score[k] = 1 - (1-s.score[k])*(1-w)
	h.class, h.weight = int8(k), w
}

// atten returns the strength of the declared non-item wording ("toy", "airsoft") that applies to a hit of
// family f counting for class k. Wording that claims class k itself ("пневматическая" for an air rifle)
// does not weaken it.
func (s *scoring) atten(f int8, k int8) float64 {
	if f < 0 || f == civilianFam {
		return 0
	}
	a := 0.0
	for _, i := range s.neuters {
		cp := &s.c.concepts[s.hits[i].concept]
		if (cp.scope == 0 || cp.scope&(1<<f) != 0) && cp.class != k {
			a = max(a, cp.weight)
		}
	}
	return a
}

// bestIn returns the best-scoring class of family f (any controlled class when f < 0) that has a score,
// or -1.
func (s *scoring) bestIn(f int8) int {
	best := -1
	for k := range nClasses - 1 {
		if (f < 0 || famOf[k] == f) && s.score[k] > 0 && (best < 0 || s.score[k] > s.score[best]) {
			best = k
		}
	}
	return best
}

// bears reports whether wording scoped to the families in scope (0: any controlled family) bears on the
// goods, that is whether one of those families has direct evidence.
func (s *scoring) bears(scope uint32) bool {
	controlled := s.raw &^ (1 << civilianFam)
	if scope == 0 {
		return controlled != 0
	}
	return controlled&scope != 0
}

// score runs the scoring rules over the hits and assembles the result.
func (c *Classifier) score(text []byte, hits []hit) Result {
	s := scoring{c: c, hits: hits}
	s.prepare()
	s.direct()
	s.calibres()
	s.partsOf()
	s.modifiers()
	s.declared()
	return s.result(text)
}

// prepare orders the hits by position, drops those inside a longer hit that overrides them and repeats
// of a concept, and collects the families with direct evidence, the neuters and the markers.
func (s *scoring) prepare() {
	h := s.hits
	for i := 1; i < len(h); i++ { // insertion sort: a handful of hits, nearly sorted
		for j := i; j > 0 && (h[j].start < h[j-1].start || h[j].start == h[j-1].start && h[j].end > h[j-1].end); j-- {
			h[j], h[j-1] = h[j-1], h[j]
		}
	}
	cs := s.c.concepts
	for i := range h {
		h[i].class = -1
		ki := cs[h[i].concept].kind
		for j := range h {
			wider := h[j].end-h[j].start > h[i].end-h[i].start ||
				h[j].end-h[j].start == h[i].end-h[i].start && h[j].plen > h[i].plen
			if i != j && h[j].start <= h[i].start && h[i].end <= h[j].end && wider &&
				overrides(cs[h[j].concept].kind, ki) {
				h[i].off = true
				break
			}
		}
	}
	for i := range h { // a concept counts once, where it is first found
		for j := 0; j < i && !h[i].off; j++ {
			if !h[j].off && h[j].concept == h[i].concept {
				h[i].off = true
			}
		}
	}
	for i := range h {
		if h[i].off {
			continue
		}
		cp := &cs[h[i].concept]
		switch cp.kind {
		case KindWord, KindModel, KindBrand, KindPartNumber:
			if cp.alone >= 1 {
				s.raw |= 1 << cp.family
			}
		case KindNeuter:
			s.neuters = append(s.neuters, i)
		case kindFor:
			s.forMk = true
			s.destinations(i, cp.post)
		case kindWith:
			s.withMk = true
		}
	}
}

// destinations marks the words and names that a "for" marker governs: those after it in its field, or,
// for a postposition (Turkish "için", Chinese "用"), the one just before it.
func (s *scoring) destinations(m int, post bool) {
	mk := &s.hits[m]
	for i := range s.hits {
		h := &s.hits[i]
		if h.off || h.field != mk.field || i == m {
			continue
		}
		switch k := s.c.concepts[h.concept].kind; {
		case k != KindWord && k != KindModel && k != KindBrand:
		case post && (h.end == mk.start || h.end+1 == mk.start):
			h.dest = true
		case !post && h.start >= mk.end:
			h.dest = true
		}
	}
}

// overrides reports whether a longer hit of kind outer hides a hit of kind inner inside it: "ceramic tile"
// hides "tile", "non-military" hides "military", "喷枪" (spray gun) hides "枪" (gun). Names and numbers are
// never hidden.
func overrides(outer, inner Kind) bool {
	switch outer {
	case KindWord, KindPart:
		return inner == KindWord || inner == KindPart || inner == KindModifier || inner == KindNeuter ||
			inner == kindFor || inner == kindWith
	case KindClaim, KindNeuter:
		return inner == KindModifier || inner == KindClaim || inner == KindNeuter
	}
	return false
}
