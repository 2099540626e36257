package rank

import (
	"cmp"
	"math"
	"slices"
	"strconv"
)

// topK returns the indices of the k highest scores, highest first; ties keep the input order.
func topK(scores []float64, k int) []int {
	idx := make([]int, len(scores))
	for i := range idx {
		idx[i] = i
	}
	slices.SortStableFunc(idx, func(a, b int) int { return cmp.Compare(scores[b], scores[a]) })
	return idx[:k]
}

// inspected returns how many of n rows are inspected at fraction frac: frac·n rounded, at least 1.
func inspected(n int, frac float64) int {
	return min(n, max(1, int(math.Round(frac*float64(n)))))
}

// hitsAt counts the positives among the top frac of rows by score.
func hitsAt(scores []float64, labels []bool, frac float64) (hits, k int) {
	if len(scores) == 0 {
		return 0, 0
	}
	k = inspected(len(scores), frac)
	for _, i := range topK(scores, k) {
		if labels[i] {
			hits++
		}
	}
	return hits, k
}

// PrecisionAt returns the share of positives among the top frac of rows by score (the rows an inspector would
// open when inspecting that fraction). Ties in score keep the input order. It panics when the lengths differ.
func PrecisionAt(scores []float64, labels []bool, frac float64) float64 {
	if len(scores) != len(labels) {
		panic("rank.PrecisionAt: scores and labels differ in length")
	}
	hits, k := hitsAt(scores, labels, frac)
	if k == 0 {
		return 0
	}
	return float64(hits) / float64(k)
}

// RecallAt returns the share of all positives found among the top frac of rows by score.
func RecallAt(scores []float64, labels []bool, frac float64) float64 {
	if len(scores) != len(labels) {
		panic("rank.RecallAt: scores and labels differ in length")
	}
	total := 0
	for _, l := range labels {
		if l {
			total++
		}
	}
	if total == 0 {
		return 0
	}
	hits, _ := hitsAt(scores, labels, frac)
	return float64(hits) / float64(total)
}

// AUC returns the area under the ROC curve: the probability that a random positive scores above a random
// negative (ties count half). It is 0.5 when either class is absent.
func AUC(scores []float64, labels []bool) float64 {
	idx := make([]int, len(scores))
	for i := range idx {
		idx[i] = i
	}
	slices.SortFunc(idx, func(a, b int) int { return cmp.Compare(scores[a], scores[b]) })
	var rankSum float64
	var pos, neg float64
	for i := 0; i < len(idx); {
		j := i
		for j < len(idx) && scores[idx[j]] == scores[idx[i]] {
			j++
		}
		mid := float64(i+j+1) / 2 // mean 1-based rank of the tie group
		for _, r := range idx[i:j] {
			if labels[r] {
				rankSum += mid
				pos++
			} else {
				neg++
			}
		}
		i = j
	}
	if pos == 0 || neg == 0 {
		return 0.5
	}
	return (rankSum - pos*(pos+1)/2) / (pos * neg)
}

func formatG(v float64) string { return strconv.FormatFloat(v, 'g', -1, 64) }
