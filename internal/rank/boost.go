package rank

import (
	"math"
	"math/rand/v2"
)

// forest is a boosted sum of trees on the logit scale.
type forest struct {
	Base   float64 // initial logit: the training prior
	Trees  []*tree
	packed [][]node
}

// logit returns the forest's raw score for the feature vector x.
func (fo *forest) logit(x []float64) float64 {
	s := fo.Base
	for i, ns := range fo.packed {
		s += fo.Trees[i].Value[leafOf(ns, x)]
	}
	return s
}

// pack prepares the trees for scoring; Train and Load call it so that concurrent scoring only reads.
func (fo *forest) pack() {
	fo.packed = make([][]node, len(fo.Trees))
	for i, t := range fo.Trees {
		fo.packed[i] = t.packed()
	}
}

// boostParams are the learner's settings, taken from Config.
type boostParams struct {
	trees     int
	rowSample float64
	colSample float64
	maxBins   int
	seed      uint64
	tree      treeParams
}

// boost fits a forest by gradient boosting with the logistic loss on the [feature][row] matrix cols and the 0/1
// labels y. It also returns the total split gain of every feature.
func boost(cols [][]float64, y []float64, p boostParams) (*forest, []float64) {
	n := len(y)
	nf := len(cols)
	bn := fitBinner(cols, p.maxBins)
	bins := bn.binAll(cols)
	nbins := make([]int, nf)
	for f := range nbins {
		nbins[f] = bn.nbins(f)
	}
	var pos float64
	for _, v := range y {
		pos += v
	}
	prior := (pos + 0.5) / (float64(n) + 1)
	fo := &forest{Base: math.Log(prior / (1 - prior))}
	gain := make([]float64, nf)
	if n == 0 || nf == 0 {
		return fo, gain
	}
	raw := make([]float64, n)
	for i := range raw {
		raw[i] = fo.Base
	}
	grad := make([]float64, n)
	hess := make([]float64, n)
	rng := rand.New(rand.NewPCG(p.seed, 0x9e3779b97f4a7c15))
	g := newGrower(p.tree, bins, nbins)
	g.feature = make([]bool, nf)
	rows := make([]int32, 0, n)
	thr := bn.threshold
	for it := 0; it < p.trees; it++ {
		for i := range n {
			q := 1 / (1 + math.Exp(-raw[i]))
			grad[i] = q - y[i]
			hess[i] = math.Max(q*(1-q), 1e-12)
		}
		rows = rows[:0]
		for i := range n {
			if p.rowSample >= 1 || rng.Float64() < p.rowSample {
				rows = append(rows, int32(i))
			}
		}
		any := false
		for f := range g.feature {
			g.feature[f] = p.colSample >= 1 || rng.Float64() < p.colSample
			any = any || g.feature[f]
		}
		if !any {
			g.feature[rng.IntN(nf)] = true
		}
		g.setFeatures(g.feature)
		t, splitBin := g.grow(rows, grad, hess, thr)
		if len(t.Value) == 1 {
			continue // no split improved the loss
		}
		fo.Trees = append(fo.Trees, t)
		for i, sb := range splitBin {
			if sb >= 0 {
				gain[t.Feature[i]] += t.Gain[i]
			}
		}
		// Update every training row (sampled or not) by walking the tree on bins.
		for r := range n {
			i := 0
			for t.Left[i] >= 0 {
				if int(bins[t.Feature[i]][r]) <= int(splitBin[i]) {
					i = int(t.Left[i])
				} else {
					i = int(t.Right[i])
				}
			}
			raw[r] += t.Value[i]
		}
	}
	fo.pack()
	return fo, gain
}
