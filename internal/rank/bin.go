package rank

import (
	"math"
	"slices"
	"sort"
)

// binner maps raw feature values to histogram bins. Bin 0 holds missing values (NaN); bin i ≥ 1 holds the values
// v with Cuts[i-2] < v ≤ Cuts[i-1] (the last bin is open above).
type binner struct {
	Cuts [][]float64
}

// fitBinner chooses at most maxBins-1 value bins per feature from the training matrix cols ([feature][row]):
// every distinct value gets its own bin when there are few, otherwise cut points fall at equal-count quantiles.
func fitBinner(cols [][]float64, maxBins int) binner {
	b := binner{Cuts: make([][]float64, len(cols))}
	for f, col := range cols {
		vals := make([]float64, 0, len(col))
		for _, v := range col {
			if !math.IsNaN(v) {
				vals = append(vals, v)
			}
		}
		slices.Sort(vals)
		b.Cuts[f] = quantileCuts(vals, maxBins-1)
	}
	return b
}

// quantileCuts returns ascending cut points splitting sorted into at most k groups of about equal size, never
// separating equal values.
func quantileCuts(sorted []float64, k int) []float64 {
	if len(sorted) == 0 {
		return nil
	}
	distinct := 1
	for i := 1; i < len(sorted); i++ {
		if sorted[i] != sorted[i-1] {
			distinct++
		}
	}
	var cuts []float64
	if distinct <= k {
		for i := 1; i < len(sorted); i++ {
			if sorted[i] != sorted[i-1] {
				cuts = append(cuts, midpoint(sorted[i-1], sorted[i]))
			}
		}
		return cuts
	}
	step := float64(len(sorted)) / float64(k)
	for j := 1; j < k; j++ {
		i := int(float64(j) * step)
		// Move to the end of the run of equal values so that a cut never splits them.
		for i+1 < len(sorted) && sorted[i+1] == sorted[i] {
			i++
		}
		if i+1 >= len(sorted) {
			break
		}
		c := midpoint(sorted[i], sorted[i+1])
		if len(cuts) == 0 || c > cuts[len(cuts)-1] {
			cuts = append(cuts, c)
		}
	}
	return cuts
}

func midpoint(a, b float64) float64 {
	m := a + (b-a)/2
	if m >= b || math.IsInf(m, 0) {
		return a
	}
	return m
}

// bin returns the bin of value v of feature f.
func (b binner) bin(f int, v float64) uint8 {
	if math.IsNaN(v) {
		return 0
	}
	return uint8(sort.SearchFloat64s(b.Cuts[f], v) + 1)
}

// nbins returns the number of bins of feature f, the missing bin included.
func (b binner) nbins(f int) int { return len(b.Cuts[f]) + 2 }

// threshold returns the raw value threshold equivalent to "bin ≤ split": values v ≤ threshold (and NaN) go left.
func (b binner) threshold(f int, split int) float64 {
	if split == 0 {
		return math.Inf(-1)
	}
	return b.Cuts[f][split-1]
}

// binAll converts a [feature][row] matrix to bins.
func (b binner) binAll(cols [][]float64) [][]uint8 {
	out := make([][]uint8, len(cols))
	for f, col := range cols {
		bs := make([]uint8, len(col))
		for r, v := range col {
			bs[r] = b.bin(f, v)
		}
		out[f] = bs
	}
	return out
}
