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

func subCost(a, b byte) float64 {
	if a == b {
		return 0
	}
	if a < 128 && b < 128 && cheapPairs[a][b] {
		return costCheap
	}
	return costSubstitute
}

// editDistance is a weighted Damerau–Levenshtein distance (optimal string alignment) between ASCII strings.
func editDistance(a, b string) float64 { return editDistanceMax(a, b, math.Inf(1)) }

// editDistanceMax is editDistance when that is at most limit, and some value above limit otherwise: it stops
// as soon as every way through two consecutive rows costs more (a step that transposes skips one row, never
// two, and no step costs less than nothing).
func editDistanceMax(a, b string, limit float64) float64 {
	if a == b {
		return 0
	}
	la, lb := len(a), len(b)
	if la == 0 || lb == 0 {
		return float64(max(la, lb)) * costIndel
	}
	var buf [3 * 40]float64
	var rows []float64
	if 3*(lb+1) <= len(buf) {
		rows = buf[:3*(lb+1)]
	} else {
		rows = make([]float64, 3*(lb+1))
	}
	prev2, prev, cur := rows[:lb+1], rows[lb+1:2*(lb+1)], rows[2*(lb+1):]
	for j := 0; j <= lb; j++ {
		prev[j] = float64(j) * costIndel
	}
	prevMin := 0.0
	for i := 1; i <= la; i++ {
		cur[0] = float64(i) * costIndel
		curMin := cur[0]
		for j := 1; j <= lb; j++ {
			v := prev[j-1] + subCost(a[i-1], b[j-1])
			v = min(v, prev[j]+costIndel, cur[j-1]+costIndel)
			if i > 1 && j > 1 && a[i-1] == b[j-2] && a[i-2] == b[j-1] && a[i-1] != b[j-1] {
				v = min(v, prev2[j-2]+costTranspose)
			}
			cur[j] = v
			curMin = min(curMin, v)
		}
		if min(prevMin, curMin) > limit {
			return min(prevMin, curMin)
		}
		prevMin = curMin
		prev2, prev, cur = prev, cur, prev2
	}
	return prev[lb]
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
