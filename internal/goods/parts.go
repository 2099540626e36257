package goods

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
