// Package flow provides country-level trade statistics and the analyses investigators run on them to watch
// for diversion of goods to Russia: re-export surges at hubs (exports from a bloc such as the EU to Kyrgyzstan
// or Armenia rising while the direct flow to Russia falls), mirror gaps (exports declared by one side that
// never appear as imports at the other end) and hubs whose imports of a good roughly equal their exports of it
// to Russia.
//
// A Record is one cell of a statistics table: a reporter, a partner, a direction, a month or a year, a
// commodity code and a value. Readers for the source layouts live in internal/source/comext (Eurostat) and
// internal/source/comtrade (UN Comtrade). Every analysis here is a pure function over []Record that returns
// typed results carrying their evidence: the codes, periods and values behind every figure.
package flow

import (
	"errors"
	"fmt"
)

// Direction is the direction of a flow as the reporter declared it.
type Direction uint8

// Directions. Re-exports and re-imports are kept apart because general-trade exports already include them:
// adding them to Export would count the same goods twice.
const (
	DirectionUnknown Direction = iota
	Export
	Import
	ReExport
	ReImport
)

var directionNames = [...]string{"", "export", "import", "re-export", "re-import"}

func (d Direction) String() string {
	if int(d) < len(directionNames) {
		return directionNames[d]
	}
	return ""
}

// Currencies of record values.
const (
	EUR = "EUR"
	USD = "USD"
)

// Total is the commodity code of a record that covers all goods.
const Total = "TOTAL"

// Record is one figure of a trade statistics table: what Reporter declared it exported to, or imported from,
// Partner in Period under commodity code Code.
type Record struct {
	Reporter Area
	Partner  Area
	Code     string // CN8, HS6 or another level of the nomenclature, digits only; Total for all goods
	Currency string // EUR, USD
	Value    float64
	// QuantityKg is the net mass in kilograms when HasQuantity is set.
	QuantityKg  float64
	Period      Period
	Flow        Direction
	HasQuantity bool
}

// String renders the record for messages and test failures.
func (r Record) String() string {
	return fmt.Sprintf("%s %s %s %s %s %g %s", r.Reporter, r.Flow, r.Partner, r.Period, r.Code, r.Value, r.Currency)
}

// ErrMixedLevels reports records that mix commodity levels (TOTAL with detailed codes, or codes of different
// lengths) within one reporter, partner and direction: summing them would count the same goods twice.
var ErrMixedLevels = errors.New("records mix commodity code levels")

// ErrMixedCurrencies reports records in more than one currency where the analysis adds them up.
var ErrMixedCurrencies = errors.New("records mix currencies")

// codeLevel is the number of digits of a code, or 0 for Total.
func codeLevel(code string) int {
	if code == Total {
		return 0
	}
	return len(code)
}

// checkLevels returns ErrMixedLevels when the records selected by keep mix code levels for one reporter,
// partner and direction, and ErrMixedCurrencies when they mix currencies. It returns the currency.
func checkLevels(rs []Record, keep func(*Record) bool) (string, error) {
	type key struct {
		rep, par Area
		flow     Direction
	}
	levels := make(map[key]int)
	currency := ""
	for i := range rs {
		r := &rs[i]
		if !keep(r) {
			continue
		}
		if currency == "" {
			currency = r.Currency
		} else if r.Currency != currency {
			return "", fmt.Errorf("%w: %s and %s", ErrMixedCurrencies, currency, r.Currency)
		}
		k := key{r.Reporter, r.Partner, r.Flow}
		l := codeLevel(r.Code)
		if old, ok := levels[k]; !ok {
			levels[k] = l
		} else if old != l {
			return "", fmt.Errorf("%w: %s %s %s has %d- and %d-digit codes (0 = TOTAL)",
				ErrMixedLevels, r.Reporter, r.Flow, r.Partner, old, l)
		}
	}
	return currency, nil
}
