package flow

import (
	"cmp"
	"math"
	"math/bits"
	"slices"
)

// Source says whose declaration a figure comes from.
type Source uint8

// Sources of a figure: the hub's own statistics, or its partners' (mirror) statistics.
const (
	Reported Source = iota
	Mirror
)

func (s Source) String() string {
	if s == Mirror {
		return "mirror"
	}
	return "reported"
}

// PassThroughOptions selects what a pass-through analysis compares.
type PassThroughOptions struct {
	Hubs   []Area // the hubs examined; every area with exports to the target when empty
	Target Area   // "RU"
	// Origins, when set, counts only imports from its member states (a hub importing EU goods and sending them
	// on); otherwise imports from every partner but the target and aggregates count.
	Origins   Bloc
	Tolerance float64 // a pass-through matches when ToTarget/Imports lies in [1−Tolerance, 1+Tolerance]; 0.25
	MinValue  float64 // pairs where both sides are below this value are left out
}

// PassThrough compares what a hub imported of one good in one year with what it sent of the same good to the
// target: a hub whose imports of a good roughly equal its exports of it to Russia is a transit point, not a
// market. Each side comes from the hub's own declarations where it has them, and from its partners' mirror
// declarations (partners' exports to the hub; the target's imports from the hub) where it has not.
type PassThrough struct {
	Hub          Area
	Code         string
	Year         int
	Currency     string
	Imports      float64 // the hub's imports of the code (from Origins when set)
	ImportsFrom  Source
	ImportMonths int // months of the year behind Imports (a yearly figure counts as twelve)
	ToTarget     float64
	ToTargetFrom Source
	TargetMonths int
	Ratio        float64 // ToTarget / Imports; +Inf when Imports is 0
	Match        bool    // Ratio within the tolerance
}

// PassThroughs finds, for every hub, code and year where both sides exist, the hub's imports against its
// exports to the target. Codes must be at the same level on both sides (cut them with ToHS6 first). The result
// is sorted by hub and year, largest flow to the target first.
func PassThroughs(rs []Record, opt PassThroughOptions) []PassThrough {
	if opt.Target == "" {
		opt.Target = "RU"
	}
	if opt.Tolerance <= 0 {
		opt.Tolerance = 0.25
	}
	type key struct {
		hub        Area
		code, curr string
		year       int16
	}
	// side: 0 imports reported, 1 imports mirror, 2 to target reported, 3 to target mirror
	type sums struct {
		v      [4]float64
		months [4]uint16
		has    [4]bool
	}
	acc := make(map[key]*sums)
	put := func(hub Area, r *Record, side int) {
		k := key{hub, r.Code, r.Currency, r.Period.Year}
		s := acc[k]
		if s == nil {
			s = new(sums)
			acc[k] = s
		}
		s.v[side] += r.Value
		s.has[side] = true
		if r.Period.IsYear() {
			s.months[side] = 0xFFF
		} else {
			s.months[side] |= 1 << (r.Period.Month - 1)
		}
	}
	origin := func(a Area) bool {
		if a.IsAggregate() || a == opt.Target {
			return false
		}
		return opt.Origins.Empty() || opt.Origins.Has(a)
	}
	for i := range rs {
		r := &rs[i]
		if r.Reporter == r.Partner || r.Reporter.IsAggregate() {
			continue
		}
		switch {
		case r.Flow == Export && r.Partner == opt.Target:
			put(r.Reporter, r, 2)
		case r.Flow == Import && r.Reporter == opt.Target && !r.Partner.IsAggregate():
			put(r.Partner, r, 3)
		case r.Flow == Import && r.Reporter != opt.Target && origin(r.Partner):
			put(r.Reporter, r, 0)
		case r.Flow == Export && origin(r.Reporter) && !r.Partner.IsAggregate():
			put(r.Partner, r, 1)
		}
	}
	var out []PassThrough
	for k, s := range acc {
		if !selected(opt.Hubs, k.hub) || k.hub == opt.Target {
			continue
		}
		p := PassThrough{Hub: k.hub, Code: k.code, Year: int(k.year), Currency: k.curr}
		switch {
		case s.has[0]:
			p.Imports, p.ImportsFrom, p.ImportMonths = s.v[0], Reported, bits.OnesCount16(s.months[0])
		case s.has[1]:
			p.Imports, p.ImportsFrom, p.ImportMonths = s.v[1], Mirror, bits.OnesCount16(s.months[1])
		default:
			continue
		}
		switch {
		case s.has[2]:
			p.ToTarget, p.ToTargetFrom, p.TargetMonths = s.v[2], Reported, bits.OnesCount16(s.months[2])
		case s.has[3]:
			p.ToTarget, p.ToTargetFrom, p.TargetMonths = s.v[3], Mirror, bits.OnesCount16(s.months[3])
		default:
			continue
		}
		if p.Imports < opt.MinValue && p.ToTarget < opt.MinValue {
			continue
		}
		p.Ratio = ratio(p.ToTarget, p.Imports)
		p.Match = !math.IsInf(p.Ratio, 0) && math.Abs(p.Ratio-1) <= opt.Tolerance
		out = append(out, p)
	}
	slices.SortFunc(out, func(a, b PassThrough) int {
		return cmp.Or(cmp.Compare(a.Hub, b.Hub), cmp.Compare(a.Year, b.Year), cmp.Compare(b.ToTarget, a.ToTarget),
			cmp.Compare(a.Code, b.Code), cmp.Compare(a.Currency, b.Currency))
	})
	return out
}
