package flow

import (
	"errors"
	"math"
)

// ErrNoData reports that no record fits the analysis asked for.
var ErrNoData = errors.New("no records for the analysis")

// Change compares a value over the months of Span with its value over the months of Base.
type Change struct {
	Base, Span Span
	Months     int // months counted on each side
	Before     float64
	After      float64
}

// Delta returns After − Before.
func (c Change) Delta() float64 { return c.After - c.Before }

// Growth returns After/Before − 1 (0.5 is +50%), +Inf when only After is positive, and 0 when both are 0.
func (c Change) Growth() float64 { return growth(c.Before, c.After) }

func growth(before, after float64) float64 {
	switch {
	case before != 0:
		return after/before - 1
	case after > 0:
		return math.Inf(1)
	}
	return 0
}
