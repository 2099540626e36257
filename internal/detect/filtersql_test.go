package detect

import (
	"reflect"
	"strings"
	"testing"
	"time"

	"tradetrace/internal/country"
)

// TestFilterConditions checks the SQL a filter pushes down: prefixes grouped by length in first-seen order,
// countries bound twice, dates through the store's dialect, and nothing for an empty filter.
func TestFilterConditions(t *testing.T) {
	from, to := time.Date(2022, 2, 24, 0, 0, 0, 0, time.UTC), time.Date(2022, 12, 31, 0, 0, 0, 0, time.UTC)
	f := Filter{HSPrefixes: []string{"9303", "8806", "930120"}, Countries: []country.Code{"RU", "BY"}, From: from, To: to}
	d := Dialect{Substr: "substring", Date: func(t time.Time) (string, any) { return "toDate(?)", t.Format(time.DateOnly) }}
	conds, args := f.Conditions(d)
	got := strings.Join(conds, " AND ")
	want := "(substring(hs_code, 1, 4) IN (?, ?) OR substring(hs_code, 1, 6) IN (?)) AND " +
		"(destination_country IN (?, ?) OR consignee_country IN (?, ?)) AND date >= toDate(?) AND date <= toDate(?)"
	if got != want {
		t.Errorf("conditions:\n got %s\nwant %s", got, want)
	}
	wantArgs := []any{"9303", "8806", "930120", "RU", "BY", "RU", "BY", "2022-02-24", "2022-12-31"}
	if !reflect.DeepEqual(args, wantArgs) {
		t.Errorf("args = %v, want %v", args, wantArgs)
	}
	if conds, args := (Filter{}).Conditions(d); conds != nil || args != nil {
		t.Errorf("empty filter: %v %v, want nothing", conds, args)
	}
}

// TestFilterConditionsLiteral: a dialect with Literal writes the values into the SQL, in the same places, and binds
// nothing; a date whose expression needs no argument adds none.
func TestFilterConditionsLiteral(t *testing.T) {
	from := time.Date(2022, 2, 24, 0, 0, 0, 0, time.UTC)
	f := Filter{HSPrefixes: []string{"9303", "8806", "930120"}, Countries: []country.Code{"RU", "B'Y"}, From: from}
	d := Dialect{Substr: "substr", Literal: func(s string) string { return "'" + strings.ReplaceAll(s, "'", "''") + "'" },
		Date: func(t time.Time) (string, any) { return "DATE '" + t.Format(time.DateOnly) + "'", nil }}
	conds, args := f.Conditions(d)
	got := strings.Join(conds, " AND ")
	want := "(substr(hs_code, 1, 4) IN ('9303', '8806') OR substr(hs_code, 1, 6) IN ('930120')) AND " +
		"(destination_country IN ('RU', 'B''Y') OR consignee_country IN ('RU', 'B''Y')) AND date >= DATE '2022-02-24'"
	if got != want || len(args) != 0 {
		t.Errorf("conditions:\n got %s %v\nwant %s and no arguments", got, args, want)
	}
}
