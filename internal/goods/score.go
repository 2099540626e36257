package goods

import (
	"math"
	"slices"
)

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

// direct counts words, models, brands and part numbers. Entries that need context (alone < 1) count
// fully only beside direct evidence of their family; declared non-item wording weakens words fully and
// names by half.
func (s *scoring) direct() {
	for i := range s.hits {
		h := &s.hits[i]
		cp := &s.c.concepts[h.concept]
		if h.off {
			continue
		}
		w := cp.weight
		switch cp.kind {
		case KindWord:
			w *= 1 - s.atten(cp.family, cp.class)
		case KindModel, KindBrand:
			w *= 1 - s.atten(cp.family, cp.class)*calibreAtten
		case KindPartNumber:
		default:
			continue
		}
		if cp.alone < 1 && s.raw&(1<<cp.family) == 0 {
			w *= cp.alone
		}
		if h.dest {
			w *= destWeight
		}
		s.apply(h, int(cp.class), w)
	}
}

// calibres count for ammunition or parts when the text is about those ("патроны 7.62x39"), and otherwise
// for the weapon class the calibre points to (military 5.56x45, hunting 12/70).
func (s *scoring) calibres() {
	for i := range s.hits {
		h := &s.hits[i]
		cp := &s.c.concepts[h.concept]
		if h.off || cp.kind != KindCalibre {
			continue
		}
		k := int(cp.class)
		if famOf[k] == famOf[classIndex(ArmsAmmunition)] {
			if a := classIndex(ArmsAmmunition); s.score[a] > 0 {
				k = a
			} else if p := classIndex(ArmsParts); s.score[p] > 0 {
				k = p
			}
		}
		w := cp.weight * (1 - s.atten(cp.family, int8(k))*calibreAtten)
		if s.raw&(1<<cp.family) == 0 {
			w *= cp.alone
		}
		s.apply(h, k, w)
	}
}

// partsOf decides, family by family, whether the goods are parts. They are when the text has a parts word
// ("запчасти для БПЛА", "rifle magazine") or a part word ("battery", "barrel") beside direct evidence of a
// family in the part's scope — unless the text names the main item and says it comes with the part
// ("quadcopter with remote controller"), in which case the part word counts at half weight. When the goods
// are parts, the family's evidence (DJI, Mavic 3, "квадрокоптер") counts for its parts class. Alone, a part
// word counts for its own class (a battery is an accumulator).
func (s *scoring) partsOf() {
	var parts, main uint32 // families whose goods are parts; families with a main-item word
	var partsWord uint32   // families with a parts word ("запчасти для БПЛА", "rifle magazine")
	var firstMain [nFamilies]int32
	for i := range s.hits {
		h := &s.hits[i]
		if h.off || h.class < 0 {
			continue
		}
		cp := &s.c.concepts[h.concept]
		f := famOf[h.class]
		switch {
		case int(h.class) == partsClass(f) && cp.kind == KindWord:
			partsWord |= 1 << f
		case cp.kind == KindWord && cp.alone >= 1 && !h.dest && main&(1<<f) == 0:
			main |= 1 << f
			firstMain[f] = h.start
		}
	}
	var lead uint32 // families where a part word comes first or right after the main word: "battery for
	// the drone", "drone battery", not "rifle, walnut stock"
	for i := range s.hits {
		h := &s.hits[i]
		cp := &s.c.concepts[h.concept]
		if h.off || cp.kind != KindPart {
			continue
		}
		for j := range s.hits {
			m := &s.hits[j]
			if m.off || m.class < 0 || s.c.concepts[m.concept].kind != KindWord || m.dest {
				continue
			}
			f := famOf[m.class]
			if cp.scope&(1<<f) != 0 && (h.start < firstMain[f] || h.start == m.end || h.start == m.end+1) {
				lead |= 1 << f
			}
		}
	}
	accessory := func(f int8) bool { // the goods are the main item, and the part comes with it
		if main&(1<<f) == 0 || s.forMk {
			return false
		}
		return s.withMk || partsWord&(1<<f) == 0 && lead&(1<<f) == 0
	}
	for f := range int8(nFamilies) {
		if partsWord&(1<<f) != 0 && !accessory(f) {
			parts |= 1 << f
		}
	}
	for i := range s.hits {
		h := &s.hits[i]
		cp := &s.c.concepts[h.concept]
		if h.off || cp.kind != KindPart {
			continue
		}
		f := int8(-1)
		for fi := range int8(nFamilies) {
			if fi != civilianFam && cp.scope&(1<<fi) != 0 && s.raw&(1<<fi) != 0 &&
				(f < 0 || s.famBest(fi) > s.famBest(f)) {
				f = fi
			}
		}
		if f < 0 {
			s.apply(h, int(cp.class), cp.weight*(1-s.atten(cp.family, cp.class)))
			continue
		}
		pc := partsClass(f)
		if pc < 0 {
			pc = s.bestIn(f)
		}
		if accessory(f) {
			s.apply(h, pc, cp.weight*withParts)
			continue
		}
		s.apply(h, pc, cp.weight*(1-s.atten(f, int8(pc))))
		parts |= 1 << f
	}
	if parts == 0 {
		return
	}
	for i := range s.hits { // the family's evidence now speaks for its parts
		h := &s.hits[i]
		if h.off || h.class < 0 || h.weight <= 0 {
			continue
		}
		f := famOf[h.class]
		if pc := partsClass(f); parts&(1<<f) != 0 && pc >= 0 && int(h.class) != pc && !accessory(f) {
			h.class, h.moved = int8(pc), true
		}
	}
	s.recompute()
}

// famBest returns the best score of family f.
func (s *scoring) famBest(f int8) float64 {
	b := 0.0
	for k := range nClasses {
		if famOf[k] == f {
			b = max(b, s.score[k])
		}
	}
	return b
}

// recompute sets every class's score again from the hits that count for it.
func (s *scoring) recompute() {
	s.score = [nClasses]float64{}
	for i := range s.hits {
		if h := &s.hits[i]; !h.off && h.class >= 0 && h.weight > 0 {
			s.score[h.class] = 1 - (1-s.score[h.class])*(1-h.weight)
		}
	}
}

// partsClass returns the class of parts of family f, or -1 when the family has none of its own.
func partsClass(f int8) int {
	switch families[f] {
	case "arms":
		return classIndex(ArmsParts)
	case "drone":
		return classIndex(DroneParts)
	}
	return -1
}

// modifiers strengthen a reading. A modifier aimed at a class pushes toward that class when its family has
// direct evidence ("automatic" + rifle → military); one aimed at a family boosts the family's best reading
// ("ballistic" + helmet); one aimed at any family ("military") boosts the best controlled reading that
// has direct evidence. Declared non-item wording weakens modifiers as it weakens words. Alone, a
// modifier counts for its class by its alone factor, usually 0.
func (s *scoring) modifiers() {
	for i := range s.hits {
		h := &s.hits[i]
		cp := &s.c.concepts[h.concept]
		if h.off || cp.kind != KindModifier {
			continue
		}
		keep := func(f int8, k int) float64 { // firm modifiers are not weakened by declared wording
			if cp.firm {
				return 1
			}
			return 1 - s.atten(f, int8(k))
		}
		switch {
		case cp.class >= 0 && s.raw&(1<<cp.family) != 0:
			s.apply(h, int(cp.class), cp.weight*keep(cp.family, int(cp.class)))
		case cp.class >= 0:
			s.apply(h, int(cp.class), cp.weight*cp.alone)
		default:
			if k := s.bestRaw(cp.family); k >= 0 {
				s.apply(h, k, cp.weight*keep(famOf[k], k))
			} else if fb := s.fallback(cp); fb >= 0 {
				s.apply(h, fb, cp.weight*cp.alone)
			}
		}
	}
}

// bestRaw returns the best-scoring class of family f (any controlled family when f < 0) among the
// families with direct evidence, or -1.
func (s *scoring) bestRaw(f int8) int {
	best := -1
	for k := range nClasses - 1 {
		if s.raw&(1<<famOf[k]) != 0 && (f < 0 || famOf[k] == f) && s.score[k] > 0 &&
			(best < 0 || s.score[k] > s.score[best]) {
			best = k
		}
	}
	return best
}

// fallback returns the class a family-wide modifier counts for alone: the family's first class when the
// modifier has an alone factor, else -1.
func (s *scoring) fallback(cp *concept) int {
	if cp.alone <= 0 || cp.family < 0 {
		return -1
	}
	for k := range nClasses {
		if famOf[k] == cp.family {
			return k
		}
	}
	return -1
}

// declared handles the civilian wording. Wording that bears on the goods is recorded as declared; a
// neuter ("toy", "airsoft") also counts for the class it claims, which its weakening of the words has
// left room for.
func (s *scoring) declared() {
	for i := range s.hits {
		h := &s.hits[i]
		cp := &s.c.concepts[h.concept]
		if h.off || (cp.kind != KindClaim && cp.kind != KindNeuter) || !s.bears(cp.scope) {
			continue
		}
		h.declared = true
		h.class = cp.class
		if cp.kind == KindNeuter {
			s.apply(h, int(cp.class), cp.weight*(1-s.firmIn(cp.scope)))
		}
	}
}

// firmIn returns the strongest firm evidence — a part number, a calibre, a firm modifier such as a
// ballistic protection class — counted for a family in scope (any controlled family when scope is 0).
// Declared non-item wording does not outweigh it: airsoft vests do not carry a protection class.
func (s *scoring) firmIn(scope uint32) float64 {
	f := 0.0
	for i := range s.hits {
		h := &s.hits[i]
		if h.off || h.class < 0 || h.weight <= 0 || int(h.class) == civilianIdx {
			continue
		}
		cp := &s.c.concepts[h.concept]
		firm := cp.kind == KindPartNumber || cp.kind == KindCalibre || cp.kind == KindModifier && cp.firm
		if firm && (scope == 0 || scope&(1<<famOf[h.class]) != 0) {
			f = max(f, h.weight)
		}
	}
	return f
}

// result decides and assembles the Result.
func (s *scoring) result(text []byte) Result {
	var r Result
	best, civ := s.bestIn(-1), s.score[civilianIdx]
	decided := civilianIdx
	if best >= 0 && s.score[best] >= Threshold && s.score[best] >= civ {
		decided = best
	}
	r.Class = classTable[decided].class
	runnerUp := 0.0
	for k := range nClasses {
		if k != decided {
			runnerUp = max(runnerUp, s.score[k])
		}
	}
	r.Confidence = round(s.score[decided] * (1 - runnerUp/2))

	order := make([]int, 0, 4)
	for k := range nClasses {
		if s.score[k] > 0 {
			order = append(order, k)
		}
	}
	slices.SortStableFunc(order, func(a, b int) int {
		switch {
		case s.score[a] > s.score[b]:
			return -1
		case s.score[a] < s.score[b]:
			return 1
		}
		return 0
	})
	r.Scores = make([]Score, len(order))
	for i, k := range order {
		r.Scores[i] = s.reading(k)
		if r.Military.Class == "" && k != civilianIdx {
			r.Military = r.Scores[i]
		}
	}
	s.chapters(&r, decided)
	s.evidence(&r, text)
	return r
}

// reading returns the Score of class k with the chapter and heading its evidence points to.
func (s *scoring) reading(k int) Score {
	sc := Score{Class: classTable[k].class, Score: round(s.score[k]), Chapter: classTable[k].chapter}
	if ch, _ := s.topCode(k, 2, ""); ch != "" {
		sc.Chapter = ch
	}
	if hd, w := s.topCode(k, 4, sc.Chapter); hd != "" && w >= 0.4 {
		sc.Heading = hd
	} else if classTable[k].chapter == sc.Chapter {
		sc.Heading = classTable[k].heading
	}
	return sc
}

// topCode returns the HS code of n digits (inside chapter, when given) that the evidence of class k
// points to most strongly, with its noisy-or weight.
func (s *scoring) topCode(k, n int, chapter string) (string, float64) {
	var codes [8]string
	var ws [8]float64
	m := 0
	for i := range s.hits {
		h := &s.hits[i]
		hs := s.c.concepts[h.concept].hs
		if h.off || h.moved || int(h.class) != k || len(hs) < n || h.weight <= 0 ||
			chapter != "" && hs[:2] != chapter {
			continue
		}
		code, j := hs[:n], 0
		for j < m && codes[j] != code {
			j++
		}
		if j == m {
			if m == len(codes) {
				continue
			}
			codes[m] = code
			m++
		}
		ws[j] = 1 - (1-ws[j])*(1-h.weight)
	}
	best := -1
	for j := range m {
		if best < 0 || ws[j] > ws[best] {
			best = j
		}
	}
	if best < 0 {
		return "", 0
	}
	return codes[best], ws[best]
}

// chapters fills the likely chapters and headings: for a controlled decision its reading's chapter, then
// those of other controlled readings above Threshold; for a civilian one, every chapter the civilian
// evidence points to, strongest first.
func (s *scoring) chapters(r *Result, decided int) {
	add := func(ch, hd string) {
		if ch != "" && !slices.Contains(r.Chapters, ch) {
			r.Chapters = append(r.Chapters, ch)
		}
		if hd != "" && !slices.Contains(r.Headings, hd) {
			r.Headings = append(r.Headings, hd)
		}
	}
	if decided != civilianIdx {
		for _, sc := range r.Scores {
			if sc.Class == r.Class || sc.Class != Civilian && sc.Score >= Threshold {
				add(sc.Chapter, sc.Heading)
			}
		}
		return
	}
	var chs [8]string
	var ws [8]float64
	m := 0
	for i := range s.hits {
		h := &s.hits[i]
		hs := s.c.concepts[h.concept].hs
		if h.off || int(h.class) != civilianIdx || len(hs) < 2 || h.weight <= 0 {
			continue
		}
		j := 0
		for j < m && chs[j] != hs[:2] {
			j++
		}
		if j == m && m < len(chs) {
			chs[m] = hs[:2]
			m++
		}
		if j < m {
			ws[j] = 1 - (1-ws[j])*(1-h.weight)
		}
	}
	idx := []int{0, 1, 2, 3, 4, 5, 6, 7}[:m]
	slices.SortStableFunc(idx, func(a, b int) int {
		switch {
		case ws[a] > ws[b]:
			return -1
		case ws[a] < ws[b]:
			return 1
		}
		return 0
	})
	for _, j := range idx {
		hd, w := s.topCode(civilianIdx, 4, chs[j])
		if w < 0.4 {
			hd = ""
		}
		add(chs[j], hd)
	}
}

// evidence lists the hits that counted and the declared wording.
func (s *scoring) evidence(r *Result, text []byte) {
	n := 0
	for i := range s.hits {
		if h := &s.hits[i]; !h.off && (h.weight > 0 || h.declared) {
			n++
		}
	}
	if n == 0 {
		return
	}
	r.Evidence = make([]Evidence, 0, n)
	for i := range s.hits {
		h := &s.hits[i]
		if h.off || h.weight <= 0 && !h.declared {
			continue
		}
		cp := &s.c.concepts[h.concept]
		e := Evidence{Kind: cp.kind, Text: string(text[h.start:h.end]), Term: cp.name, Weight: round(h.weight),
			Lang: languages[h.lang], Field: Field(h.field), HS: cp.hs, Maker: cp.maker}
		if h.class >= 0 {
			e.Class = classTable[h.class].class
		}
		r.Evidence = append(r.Evidence, e)
		if h.declared {
			r.Declared = append(r.Declared, e)
		}
	}
	fam := familyIndex(r.Military.Class.Family())
	for i := range s.hits { // wording aimed at the family of the military reading wins
		h := &s.hits[i]
		if !h.off && h.declared && fam >= 0 && s.c.concepts[h.concept].scope&(1<<fam) != 0 {
			r.DeclaredClass = classTable[h.class].class
			return
		}
	}
	if len(r.Declared) > 0 {
		r.DeclaredClass = r.Declared[0].Class
	}
}

// round keeps three decimals, so that results print and compare cleanly.
func round(x float64) float64 { return math.Round(x*1000) / 1000 }
