package goods

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
