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
	Date   func(time.Time) (string, any) // the expression of a date and its argument (nil: none, a literal)
	// Literal, when set, writes a text value into the SQL as a quoted literal instead of binding it: DuckDB
	// pushes literal filters into its scans but reads every column first when the values are bound.
	Literal func(string) string
}

// Conditions returns the filter as SQL conditions on the shipments table, to be joined by AND, with their
// arguments in order; none for an empty filter. The SQL uses only a substring function, IN and comparisons,
// which both stores speak. HS prefixes are grouped by length in the order they first appear, so one filter
// always gives the same SQL.
func (f Filter) Conditions(d Dialect) ([]string, []any) {
	var conds []string
	var args []any
	// values returns the SQL of n text values, binding them or writing them in as the dialect says.
	values := func(vs []string) string {
		if d.Literal == nil {
			for _, v := range vs {
				args = append(args, v)
			}
			return placeholders(len(vs))
		}
		q := make([]string, len(vs))
		for i, v := range vs {
			q[i] = d.Literal(v)
		}
		return strings.Join(q, ", ")
	}
	date := func(op string, t time.Time) {
		sql, arg := d.Date(t)
		conds = append(conds, "date "+op+" "+sql)
		if arg != nil {
			args = append(args, arg)
		}
	}
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
			ors = append(ors, fmt.Sprintf("%s(hs_code, 1, %d) IN (%s)", d.Substr, n, values(byLen[n])))
		}
		conds = append(conds, "("+strings.Join(ors, " OR ")+")")
	}
	if len(f.Countries) > 0 {
		cs := make([]string, len(f.Countries))
		for i, c := range f.Countries {
			cs[i] = string(c)
		}
		conds = append(conds, "(destination_country IN ("+values(cs)+") OR consignee_country IN ("+values(cs)+"))")
	}
	if !f.From.IsZero() {
		date(">=", f.From)
	}
	if !f.To.IsZero() {
		date("<=", f.To)
	}
	return conds, args
}

func placeholders(n int) string {
	return strings.TrimSuffix(strings.Repeat("?, ", n), ", ")
}
