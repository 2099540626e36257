// Package fx converts amounts in local currencies to US dollars with a dated table of rates shipped in the
// binary (see SOURCES.md for where the rates come from and how precise they are).
package fx

import (
	_ "embed"
	"encoding/csv"
	"fmt"
	"strconv"
	"strings"
	"time"
)

//go:embed rates.csv
var ratesCSV string

// Table holds units per US dollar by currency and period.
type Table struct {
	monthly map[string]map[int]float64 // currency → year*100+month → per USD
	yearly  map[string]map[int]float64 // currency → year → per USD
}

// Default returns the table shipped with tradetrace.
func Default() *Table {
	t, err := Parse(ratesCSV)
	if err != nil {
		panic(fmt.Sprintf("embedded rates.csv: %v", err))
	}
	return t
}

// Parse reads a rate table in the rates.csv layout.
func Parse(s string) (*Table, error) {
	rows, err := csv.NewReader(strings.NewReader(s)).ReadAll()
	if err != nil {
		return nil, fmt.Errorf("parse rates: %w", err)
	}
	t := &Table{monthly: map[string]map[int]float64{}, yearly: map[string]map[int]float64{}}
	for i, r := range rows {
		if i == 0 {
			continue
		}
		if len(r) != 3 {
			return nil, fmt.Errorf("parse rates: row %d: want 3 columns", i+1)
		}
		rate, err := strconv.ParseFloat(r[2], 64)
		if err != nil || rate <= 0 {
			return nil, fmt.Errorf("parse rates: row %d: bad rate %q", i+1, r[2])
		}
		cur := r[0]
		switch len(r[1]) {
		case 4:
			y, err := strconv.Atoi(r[1])
			if err != nil {
				return nil, fmt.Errorf("parse rates: row %d: bad year %q", i+1, r[1])
			}
			if t.yearly[cur] == nil {
				t.yearly[cur] = map[int]float64{}
			}
			t.yearly[cur][y] = rate
		case 7:
			d, err := time.Parse("2006-01", r[1])
			if err != nil {
				return nil, fmt.Errorf("parse rates: row %d: bad month %q", i+1, r[1])
			}
			if t.monthly[cur] == nil {
				t.monthly[cur] = map[int]float64{}
			}
			t.monthly[cur][d.Year()*100+int(d.Month())] = rate
		default:
			return nil, fmt.Errorf("parse rates: row %d: period %q is neither YYYY nor YYYY-MM", i+1, r[1])
		}
	}
	return t, nil
}

// PerUSD returns the units of currency per US dollar on date d: the month's rate, else the year's, else the
// nearest year's. It reports false for a currency the table does not know.
func (t *Table) PerUSD(currency string, d time.Time) (float64, bool) {
	if r, ok := t.monthly[currency][d.Year()*100+int(d.Month())]; ok {
		return r, true
	}
	ys := t.yearly[currency]
	if len(ys) == 0 {
		return 0, false
	}
	if r, ok := ys[d.Year()]; ok {
		return r, true
	}
	best, bestDist := 0.0, 1<<30
	for y, r := range ys {
		dist := y - d.Year()
		if dist < 0 {
			dist = -dist
		}
		if dist < bestDist {
			best, bestDist = r, dist
		}
	}
	return best, true
}

// ToUSD converts an amount in currency on date d to US dollars.
func (t *Table) ToUSD(amount float64, currency string, d time.Time) (float64, bool) {
	r, ok := t.PerUSD(currency, d)
	if !ok {
		return 0, false
	}
	return amount / r, true
}

// Known reports whether the table has rates for the currency.
func (t *Table) Known(currency string) bool {
	return len(t.yearly[currency]) > 0 || len(t.monthly[currency]) > 0
}
