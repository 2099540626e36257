package names

import "math"

// Edit costs. Substituting one vowel for another, or one of the confusable pairs of rigour's compare.yml
// (0/o, 1/i, 1/l, 5/s, c/k, e/i, o/u, i/j, i/y, n/h, g/9, q/9, b/6), costs less than another substitution:
// those are the differences transliteration and misreading produce.
const (
	costSubstitute = 1.0
	costCheap      = 0.6
	costIndel      = 1.0
	costTranspose  = 0.6
)

// unitsPerCost: the distance is computed in fifths, as integers: the costs are whole fifths, and integer
// steps cost a third of floating-point ones in the inner loop (the name engine's hottest: 30% of screening).
const unitsPerCost = 5

var cheapPairs = func() (t [128][128]bool) {
	pairs := []string{"0o", "1i", "1l", "g9", "q9", "b6", "5s", "ei", "ou", "ij", "iy", "ck", "nh"}
	vowels := "aeiouy"
	for i := 0; i < len(vowels); i++ {
		for j := 0; j < len(vowels); j++ {
			pairs = append(pairs, string([]byte{vowels[i], vowels[j]}))
		}
	}
	for _, p := range pairs {
		t[p[0]][p[1]] = true
		t[p[1]][p[0]] = true
	}
	return t
}()

// subUnits is the cost of substituting b for a, in fifths.
var subUnits = func() (t [256][256]int32) {
	for a := range 256 {
		for b := range 256 {
			switch {
			case a == b:
			case a < 128 && b < 128 && cheapPairs[a][b]:
				t[a][b] = costCheap * unitsPerCost
			default:
				t[a][b] = costSubstitute * unitsPerCost
			}
		}
	}
	return t
}()

// editDistance is a weighted Damerau–Levenshtein distance (optimal string alignment) between ASCII strings.
func editDistance(a, b string) float64 { return editDistanceMax(a, b, math.Inf(1)) }

// editDistanceMax is editDistance when that is at most limit, and some value above limit otherwise: it stops
// as soon as every way through two consecutive rows costs more (a step that transposes skips one row, never
// two, and no step costs less than nothing). It computes only the band of cells within w of the diagonal, w
// the number of insertions and deletions the limit pays for: reaching cell (i, j) takes |i − j| of them, so a
// cell outside the band costs more than the limit, and holds a value above it (far) when a neighbour reads it.
func editDistanceMax(a, b string, limit float64) float64 {
	if a == b {
		return 0
	}
	const indel, transpose = costIndel * unitsPerCost, costTranspose * unitsPerCost
	la, lb := len(a), len(b)
	if la == 0 || lb == 0 {
		return float64(max(la, lb)) * costIndel
	}
	// The limit in fifths: a row whose least cost is above it in fifths is above it in cost.
	lim := int32(math.MaxInt32)
	if limit < float64(math.MaxInt32/unitsPerCost) {
		lim = int32(math.Floor(limit*unitsPerCost + 1e-9))
	}
	w := max(la, lb)
	if lim < int32(w)*indel {
		w = int(lim / indel)
		if d := int32(max(la-lb, lb-la)) * indel; d > lim {
			return float64(d) / unitsPerCost
		}
	}
	far := lim + 1 // only written when the band is narrower than the rows, and lim is small then
	var buf [3 * 40]int32
	var rows []int32
	if 3*(lb+1) <= len(buf) {
		rows = buf[:3*(lb+1)]
	} else {
		rows = make([]int32, 3*(lb+1))
	}
	prev2, prev, cur := rows[:lb+1], rows[lb+1:2*(lb+1)], rows[2*(lb+1):]
	for j := 0; j <= lb; j++ {
		prev[j] = int32(j) * indel
	}
	if w+1 <= lb {
		prev[w+1] = far
	}
	prevMin := int32(0)
	for i := 1; i <= la; i++ {
		ai := a[i-1]
		sub := &subUnits[ai]
		lo, hi := max(1, i-w), min(lb, i+w)
		cur[0] = int32(i) * indel
		if lo > 1 {
			cur[lo-1] = far
		}
		curMin := far
		if lo == 1 {
			curMin = cur[0]
		}
		for j := lo; j <= hi; j++ {
			v := prev[j-1] + sub[b[j-1]]
			v = min(v, prev[j]+indel, cur[j-1]+indel)
			if i > 1 && j > 1 && ai == b[j-2] && a[i-2] == b[j-1] && ai != b[j-1] {
				v = min(v, prev2[j-2]+transpose)
			}
			cur[j] = v
			curMin = min(curMin, v)
		}
		if hi < lb {
			cur[hi+1] = far
		}
		if m := min(prevMin, curMin); m > lim {
			return float64(m) / unitsPerCost
		}
		prevMin = curMin
		prev2, prev, cur = prev, cur, prev2
	}
	return float64(prev[lb]) / unitsPerCost
}

// strSim is 1 − distance / length of the longer string, in [0, 1].
func strSim(a, b string) float64 { return strSimMin(a, b, 0) }

// strSimMin is strSim when that is at least floor, and some value below floor otherwise: the distance is
// computed only as far as it can still reach the floor.
func strSimMin(a, b string, floor float64) float64 {
	if a == b {
		if a == "" {
			return 0
		}
		return 1
	}
	n := max(len(a), len(b))
	if n == 0 {
		return 0
	}
	limit := math.Inf(1)
	if floor > 0 {
		limit = (1-floor)*float64(n) + 1e-9 // the margin keeps a distance exactly at the floor exact
	}
	return max(0, 1-editDistanceMax(a, b, limit)/float64(n))
}
