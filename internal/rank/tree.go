package rank

import "math"

// tree is one regression tree stored as parallel arrays. Node 0 is the root; a node with Left[i] < 0 is a leaf.
// At an inner node a value v goes left when v ≤ Threshold[i] or v is NaN.
type tree struct {
	Feature   []int32
	Threshold []float64
	Left      []int32
	Right     []int32
	Value     []float64 // the node's output (shrunk); inner nodes keep theirs for explanations
	Gain      []float64 // the split's loss reduction at inner nodes
}

// node is an inner or leaf node packed for scoring: one cache line holds what a step down the tree needs.
type node struct {
	threshold   float64
	feature     int32
	left, right int32 // left < 0 marks a leaf
}

// packed returns the tree's nodes packed for scoring.
func (t *tree) packed() []node {
	ns := make([]node, len(t.Value))
	for i := range ns {
		ns[i] = node{threshold: t.Threshold[i], feature: t.Feature[i], left: t.Left[i], right: t.Right[i]}
	}
	return ns
}

// leafOf returns the index of the leaf of the packed tree ns reached by the feature vector x.
func leafOf(ns []node, x []float64) int {
	i := 0
	for {
		n := &ns[i]
		if n.left < 0 {
			return i
		}
		v := x[n.feature]
		if v <= n.threshold || v != v { // v != v: NaN goes left
			i = int(n.left)
		} else {
			i = int(n.right)
		}
	}
}

// contribute adds to c[f] the change of output caused by each split on feature f along the path of x
// (Saabas attribution): the values sum to the leaf's value minus Value[0].
func (t *tree) contribute(x []float64, c []float64) {
	i := 0
	for t.Left[i] >= 0 {
		f := t.Feature[i]
		v := x[f]
		next := int(t.Right[i])
		if v <= t.Threshold[i] || math.IsNaN(v) {
			next = int(t.Left[i])
		}
		c[f] += t.Value[next] - t.Value[i]
		i = next
	}
}

func (t *tree) addNode(value float64) int {
	t.Feature = append(t.Feature, -1)
	t.Threshold = append(t.Threshold, 0)
	t.Left = append(t.Left, -1)
	t.Right = append(t.Right, -1)
	t.Value = append(t.Value, value)
	t.Gain = append(t.Gain, 0)
	return len(t.Value) - 1
}

// split describes the best split found for a leaf.
type split struct {
	feature int
	bin     int // bins ≤ bin go left
	gain    float64
	gl, hl  float64
	cl      int
}

// leafState is a leaf under construction: its rows are idx[start:end] of the grower's index array.
type leafState struct {
	node       int
	start, end int
	depth      int
	g, h       float64
	hist       []float64 // 3 values (g, h, count) per bin of every feature
	best       split
}

// grower grows trees leaf-wise on binned data, with histogram subtraction.
type grower struct {
	p       treeParams
	bins    [][]uint8 // [feature][row]
	rowBins []uint8   // [row*features+feature]
	nbins   []int
	offset  []int // offset of each feature's bins in a histogram, in bins
	total   int   // bins over all features
	idx     []int32
	tmp     []int32
	pool    [][]float64
	feature []bool  // features usable by the current tree
	active  []int32 // their indices
}

type treeParams struct {
	maxLeaves int
	maxDepth  int
	minLeaf   int
	minHess   float64
	lambda    float64
	shrinkage float64
	minGain   float64
}

func newGrower(p treeParams, bins [][]uint8, nbins []int) *grower {
	g := &grower{p: p, bins: bins, nbins: nbins, offset: make([]int, len(bins))}
	for f := range bins {
		g.offset[f] = g.total
		g.total += nbins[f]
	}
	if len(bins) > 0 {
		n := len(bins[0])
		g.rowBins = make([]uint8, n*len(bins))
		for f, col := range bins {
			for r, b := range col {
				g.rowBins[r*len(bins)+f] = b
			}
		}
	}
	return g
}

func (g *grower) getHist() []float64 {
	if n := len(g.pool); n > 0 {
		h := g.pool[n-1]
		g.pool = g.pool[:n-1]
		clear(h)
		return h
	}
	return make([]float64, 3*g.total)
}

func (g *grower) putHist(h []float64) {
	if h != nil {
		g.pool = append(g.pool, h)
	}
}

// build fills hist from the rows of a leaf. The bins are row-major, so each row's gradient is loaded once and
// its bins are read from one short run of memory; only the features of the current tree are counted.
func (g *grower) build(hist []float64, rows []int32, grad, hess []float64) {
	nf := len(g.nbins)
	active := g.active
	for _, r := range rows {
		gr, hr := grad[r], hess[r]
		bs := g.rowBins[int(r)*nf : int(r)*nf+nf]
		for _, f := range active {
			k := 3 * (g.offset[f] + int(bs[f]))
			h := hist[k : k+3 : k+3]
			h[0] += gr
			h[1] += hr
			h[2]++
		}
	}
}

// setFeatures chooses the features the next tree may split on.
func (g *grower) setFeatures(use []bool) {
	g.feature = use
	g.active = g.active[:0]
	for f, ok := range use {
		if ok {
			g.active = append(g.active, int32(f))
		}
	}
}

// findSplit sets l.best to the best split of leaf l, or a zero gain when none is allowed.
func (g *grower) findSplit(l *leafState) {
	l.best = split{}
	n := l.end - l.start
	if n < 2*g.p.minLeaf || (g.p.maxDepth > 0 && l.depth >= g.p.maxDepth) {
		return
	}
	lambda := g.p.lambda
	parent := l.g * l.g / (l.h + lambda)
	for f := range g.bins {
		if !g.feature[f] {
			continue
		}
		h := l.hist[3*g.offset[f] : 3*(g.offset[f]+g.nbins[f])]
		var gl, hl float64
		var cl int
		for b := 0; b < g.nbins[f]-1; b++ {
			gl += h[3*b]
			hl += h[3*b+1]
			cl += int(h[3*b+2])
			if cl < g.p.minLeaf || hl < g.p.minHess {
				continue
			}
			cr := n - cl
			hr := l.h - hl
			if cr < g.p.minLeaf || hr < g.p.minHess {
				break
			}
			gr := l.g - gl
			gain := gl*gl/(hl+lambda) + gr*gr/(hr+lambda) - parent
			if gain > l.best.gain {
				l.best = split{feature: f, bin: b, gain: gain, gl: gl, hl: hl, cl: cl}
			}
		}
	}
}

// leafValue is the Newton step of a leaf, shrunk.
func (g *grower) leafValue(sg, sh float64) float64 {
	return -sg / (sh + g.p.lambda) * g.p.shrinkage
}

// grow builds one tree on the given rows and returns it with bin-level split thresholds (for updating the
// training predictions) in splitBin.
func (g *grower) grow(rows []int32, grad, hess []float64, thr func(f, bin int) float64) (*tree, []int32) {
	g.idx = append(g.idx[:0], rows...)
	if cap(g.tmp) < len(rows) {
		g.tmp = make([]int32, len(rows))
	}
	t := &tree{}
	var sg, sh float64
	for _, r := range rows {
		sg += grad[r]
		sh += hess[r]
	}
	root := &leafState{node: t.addNode(g.leafValue(sg, sh)), start: 0, end: len(rows), g: sg, h: sh}
	root.hist = g.getHist()
	g.build(root.hist, g.idx, grad, hess)
	g.findSplit(root)
	splitBin := []int32{-1}
	leaves := []*leafState{root}
	for len(leaves) < g.p.maxLeaves {
		bi := -1
		for i, l := range leaves {
			if l.best.gain > g.p.minGain && (bi < 0 || l.best.gain > leaves[bi].best.gain) {
				bi = i
			}
		}
		if bi < 0 {
			break
		}
		l := leaves[bi]
		s := l.best
		mid := g.partition(l, s)
		left := &leafState{start: l.start, end: mid, depth: l.depth + 1, g: s.gl, h: s.hl}
		right := &leafState{start: mid, end: l.end, depth: l.depth + 1, g: l.g - s.gl, h: l.h - s.hl}
		left.node = t.addNode(g.leafValue(left.g, left.h))
		right.node = t.addNode(g.leafValue(right.g, right.h))
		splitBin = append(splitBin, -1, -1)
		t.Feature[l.node] = int32(s.feature)
		t.Threshold[l.node] = thr(s.feature, s.bin)
		t.Left[l.node] = int32(left.node)
		t.Right[l.node] = int32(right.node)
		t.Gain[l.node] = s.gain
		splitBin[l.node] = int32(s.bin)
		// Build the smaller child's histogram and derive the larger one by subtraction from the parent's.
		small, large := left, right
		if small.end-small.start > large.end-large.start {
			small, large = right, left
		}
		small.hist = g.getHist()
		g.build(small.hist, g.idx[small.start:small.end], grad, hess)
		large.hist = l.hist
		for i, v := range small.hist {
			large.hist[i] -= v
		}
		l.hist = nil
		g.findSplit(left)
		g.findSplit(right)
		leaves[bi] = left
		leaves = append(leaves, right)
	}
	for _, l := range leaves {
		g.putHist(l.hist)
	}
	return t, splitBin
}

// partition reorders the rows of leaf l so that those going left come first, and returns the boundary.
func (g *grower) partition(l *leafState, s split) int {
	col := g.bins[s.feature]
	rows := g.idx[l.start:l.end]
	tmp := g.tmp[:0]
	k := 0
	for _, r := range rows {
		if int(col[r]) <= s.bin {
			rows[k] = r
			k++
		} else {
			tmp = append(tmp, r)
		}
	}
	copy(rows[k:], tmp)
	return l.start + k
}
