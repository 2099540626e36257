package flow

import (
	"cmp"
	"math"
	"math/bits"
	"slices"
)

// MirrorOptions selects what a mirror comparison pairs.
type MirrorOptions struct {
	// Bloc, when set, folds its member states into the bloc on both sides: the members' exports to B are
	// summed, and B's imports from the members are summed. B's own line for the bloc as a whole is reported
	// beside them (MirrorGap.ImporterAggregate). Records whose reporter is the bloc itself are ignored then,
	// since its members already count.
	Bloc      Bloc
	Exporters []Area // only these exporters (after folding); all when empty
	Importers []Area // only these importers; all when empty
	Partial   bool   // keep years that one side does not cover in full (fewer than twelve months)
}

// MirrorGap compares what an exporter declared it sent to an importer in one year with what the importer
// declared it received from the exporter, for one commodity code. Exports are usually valued free on board
// and imports with cost, insurance and freight, so imports run a few per cent above exports in normal trade;
// importers also often record the country of origin where exporters record the destination. A ratio well above
// 1 is exports that never arrived as imports where they were declared to go.
type MirrorGap struct {
	Exporter, Importer Area
	Year               int
	Code               string
	Currency           string
	Exports            float64 // declared by the exporter
	Imports            float64 // declared by the importer
	// ImporterAggregate is the importer's own figure for imports from the bloc as a whole, when a Bloc is
	// folded and the importer reports one (HasAggregate). When the importer reports no member state at all,
	// Imports is this figure.
	ImporterAggregate float64
	HasAggregate      bool
	ExportMonths      int     // months of the year behind Exports (a yearly figure counts as twelve)
	ImportMonths      int     // months of the year behind Imports
	Gap               float64 // Exports − Imports
	Ratio             float64 // Exports / Imports; +Inf when Imports is 0 and Exports is not
}

// MirrorGaps pairs A's exports to B with B's imports from A, year by year and code by code (codes must be at
// the same level on both sides: cut them with ToHS6 first, or compare Total with Total), in each currency.
// Only pairs where both sides reported something come out, sorted by exporter, importer, code and year.
// Aggregate areas (World, EU, euro area) are compared only as the folded Bloc.
func MirrorGaps(rs []Record, opt MirrorOptions) []MirrorGap {
	fold := func(a Area) Area {
		if opt.Bloc.Has(a) {
			return opt.Bloc.Code
		}
		return a
	}
	folding := !opt.Bloc.Empty()
	type key struct {
		exp, imp   Area
		code, curr string
		year       int16
	}
	type sums struct {
		exports, imports, aggregate float64
		expMonths, impMonths, agg   uint16
		hasExp, hasImp, hasAgg      bool
	}
	acc := make(map[key]*sums)
	get := func(k key) *sums {
		s := acc[k]
		if s == nil {
			s = new(sums)
			acc[k] = s
		}
		return s
	}
	for i := range rs {
		r := &rs[i]
		if folding && r.Reporter == opt.Bloc.Code {
			continue
		}
		months := uint16(0xFFF)
		if !r.Period.IsYear() {
			months = 1 << (r.Period.Month - 1)
		}
		switch r.Flow {
		case Export:
			k := key{fold(r.Reporter), fold(r.Partner), r.Code, r.Currency, r.Period.Year}
			if k.exp == k.imp || (folding && r.Partner == opt.Bloc.Code) {
				continue
			}
			s := get(k)
			s.exports += r.Value
			s.expMonths |= months
			s.hasExp = true
		case Import:
			k := key{fold(r.Partner), fold(r.Reporter), r.Code, r.Currency, r.Period.Year}
			if k.exp == k.imp {
				continue
			}
			s := get(k)
			if folding && r.Partner == opt.Bloc.Code { // the importer's line for the bloc as a whole
				s.aggregate += r.Value
				s.agg |= months
				s.hasAgg = true
				continue
			}
			s.imports += r.Value
			s.impMonths |= months
			s.hasImp = true
		}
	}
	var out []MirrorGap
	for k, s := range acc {
		if !s.hasImp && s.hasAgg { // the importer gives only the bloc's total: compare with that
			s.imports, s.impMonths, s.hasImp = s.aggregate, s.agg, true
		}
		if !s.hasExp || !s.hasImp || !selected(opt.Exporters, k.exp) || !selected(opt.Importers, k.imp) {
			continue
		}
		if (k.exp.IsAggregate() && k.exp != opt.Bloc.Code) || (k.imp.IsAggregate() && k.imp != opt.Bloc.Code) {
			continue // aggregates of different sources rarely mean the same group; the members are compared
		}
		g := MirrorGap{
			Exporter: k.exp, Importer: k.imp, Year: int(k.year), Code: k.code, Currency: k.curr,
			Exports: s.exports, Imports: s.imports, ImporterAggregate: s.aggregate, HasAggregate: s.hasAgg,
			ExportMonths: bits.OnesCount16(s.expMonths), ImportMonths: bits.OnesCount16(s.impMonths),
			Gap: s.exports - s.imports, Ratio: ratio(s.exports, s.imports),
		}
		if !opt.Partial && (g.ExportMonths < 12 || g.ImportMonths < 12) {
			continue
		}
		out = append(out, g)
	}
	slices.SortFunc(out, func(a, b MirrorGap) int {
		return cmp.Or(cmp.Compare(a.Exporter, b.Exporter), cmp.Compare(a.Importer, b.Importer),
			cmp.Compare(a.Code, b.Code), cmp.Compare(a.Year, b.Year), cmp.Compare(a.Currency, b.Currency))
	})
	return out
}

func selected(set []Area, a Area) bool { return len(set) == 0 || slices.Contains(set, a) }

func ratio(a, b float64) float64 {
	switch {
	case b != 0:
		return a / b
	case a != 0:
		return math.Inf(1)
	}
	return 0
}
