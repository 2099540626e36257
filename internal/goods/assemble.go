package goods

import (
	"math"
	"slices"
)

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
