// Package trade holds the domain of tradetrace: shipments (customs declaration lines) with the parties that
// appear in them and the provenance of every row, ingest runs and their rejected rows, findings with their
// evidence, and the entities of sanctions and export-control lists. It is plain data with small rule methods;
// every other package speaks in these types.
package trade

import (
	"math"
	"strconv"
)

// Num is a number that may be missing: customs data writes NULL, leaves cells empty or suppresses values.
type Num struct {
	V     float64
	Valid bool
}

// N returns a valid Num.
func N(v float64) Num { return Num{V: v, Valid: true} }

// Or returns the value, or def when it is missing.
func (n Num) Or(def float64) float64 {
	if !n.Valid {
		return def
	}
	return n.V
}

// String formats the number without float artefacts, or "" when it is missing.
func (n Num) String() string {
	if !n.Valid || math.IsNaN(n.V) {
		return ""
	}
	return strconv.FormatFloat(n.V, 'f', -1, 64)
}
