package rank

import (
	"math"
	"math/rand/v2"
	"testing"
)

func TestQuantileCuts(t *testing.T) {
	tests := []struct {
		name   string
		sorted []float64
		k      int
		want   int // number of cuts
	}{
		{"few distinct", []float64{1, 1, 2, 3, 3}, 10, 2},
		{"constant", []float64{4, 4, 4}, 10, 0},
		{"many", seq(1000), 10, 9},
		{"empty", nil, 10, 0},
	}
	for _, tt := range tests {
		cuts := quantileCuts(tt.sorted, tt.k)
		if len(cuts) != tt.want {
			t.Errorf("%s: quantileCuts = %v, want %d cuts", tt.name, cuts, tt.want)
		}
		for i := 1; i < len(cuts); i++ {
			if cuts[i] <= cuts[i-1] {
				t.Errorf("%s: quantileCuts = %v, want increasing", tt.name, cuts)
			}
		}
	}
	b := binner{Cuts: [][]float64{{1.5, 2.5}}}
	for _, c := range []struct {
		v    float64
		want uint8
	}{{math.NaN(), 0}, {1, 1}, {1.5, 1}, {2, 2}, {9, 3}} {
		if got := b.bin(0, c.v); got != c.want {
			t.Errorf("bin(%v) = %d, want %d", c.v, got, c.want)
		}
	}
}

func seq(n int) []float64 {
	s := make([]float64, n)
	for i := range s {
		s[i] = float64(i)
	}
	return s
}

// TestBoostInteraction checks that the trees learn an interaction no single feature shows (exclusive or), with
// missing values in the mix.
func TestBoostInteraction(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	n := 4000
	cols := [][]float64{make([]float64, n), make([]float64, n), make([]float64, n)}
	y := make([]float64, n)
	for i := range n {
		a, b := rng.Float64(), rng.Float64()
		cols[0][i], cols[1][i], cols[2][i] = a, b, rng.Float64()
		if (a > 0.5) != (b > 0.5) {
			y[i] = 1
		}
		if i%10 == 0 {
			cols[2][i] = math.NaN()
		}
	}
	fo, gain := boost(cols, y, boostParams{trees: 100, rowSample: 0.8, colSample: 1, maxBins: 64, seed: 1,
		tree: treeParams{maxLeaves: 8, maxDepth: 4, minLeaf: 10, minHess: 1e-3, lambda: 1, shrinkage: 0.2}})
	wrong := 0
	for i := range n {
		x := []float64{cols[0][i], cols[1][i], cols[2][i]}
		if (fo.logit(x) > 0) != (y[i] == 1) {
			wrong++
		}
	}
	if rate := float64(wrong) / float64(n); rate > 0.03 {
		t.Errorf("boost(xor) misclassifies %.3f of training rows, want ≤ 0.03", rate)
	}
	if gain[2] > 0.05*(gain[0]+gain[1]) {
		t.Errorf("gain of the noise feature = %.1f, want small against %.1f and %.1f", gain[2], gain[0], gain[1])
	}
}
