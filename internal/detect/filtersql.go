package detect

import (
	"fmt"
	"strings"
	"time"
)

// Dialect is what the stores' SQL differs in when they push a Filter down: the name of the substring function
// and how a date is bound.
type Dialect struct {
	Substr string                        // "substr" (DuckDB) or "substring" (ClickHouse)
	Date   func(time.Time) (string, any) // the placeholder expression of a date and its argument
}

// Conditions returns the filter as SQL conditions on the shipments table, to be joined by AND, with their
// arguments in order; none for an empty filter. The SQL uses only a substring function, IN and comparisons,
// which both stores speak. HS prefixes are grouped by length in the order they first appear, so one filter
// always gives the same SQL.
func (f Filter) Conditions(d Dialect) ([]string, []any) {
	var conds []string
	var args []any
	if len(f.HSPrefixes) > 0 {
		byLen := map[int][]string{}
		var lens []int
		for _, p := range f.HSPrefixes {
			if _, ok := byLen[len(p)]; !ok {
				lens = append(lens, len(p))
			}
			byLen[len(p)] = append(byLen[len(p)], p)
		}
		ors := make([]string, 0, len(lens))
		for _, n := range lens {
			ps := byLen[n]
			ors = append(ors, fmt.Sprintf("%s(hs_code, 1, %d) IN (%s)", d.Substr, n, placeholders(len(ps))))
			for _, p := range ps {
				args = append(args, p)
			}
		}
		conds = append(conds, "("+strings.Join(ors, " OR ")+")")
	}
	if len(f.Countries) > 0 {
		ph := placeholders(len(f.Countries))
		conds = append(conds, "(destination_country IN ("+ph+") OR consignee_country IN ("+ph+"))")
		for range 2 {
			for _, c := range f.Countries {
				args = append(args, string(c))
			}
		}
	}
	if !f.From.IsZero() {
		ph, arg := d.Date(f.From)
		conds = append(conds, "date >= "+ph)
		args = append(args, arg)
	}
	if !f.To.IsZero() {
		ph, arg := d.Date(f.To)
		conds = append(conds, "date <= "+ph)
		args = append(args, arg)
	}
	return conds, args
}

func placeholders(n int) string {
	return strings.TrimSuffix(strings.Repeat("?, ", n), ", ")
}
