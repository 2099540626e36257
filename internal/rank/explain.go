package rank

import (
	"cmp"
	"math"
	"slices"
)

// Reason is one feature's part in a score: how much it moved the log-odds from the training prior.
type Reason struct {
	Feature      string
	Value        float64 // the feature's value for the row (a risk profile, a count or a number; NaN if missing)
	Contribution float64 // change of log-odds; positive raises the risk
}

// Explanation is a score with its reasons, largest effect first.
type Explanation struct {
	Score   float64 // probability that the row is positive
	Prior   float64 // the training rate of positives
	Version string
	Reasons []Reason
}

// Explain scores row (cells in the training header order) and returns the n features that moved its score most
// (all when n ≤ 0), attributing each tree's output to the splits along the row's path.
func (m *Model) Explain(row []string, n int) Explanation {
	x := make([]float64, len(m.names))
	tokens := make([]string, len(m.fields))
	m.features(row, x, tokens)
	c := make([]float64, len(m.names))
	for _, t := range m.forest.Trees {
		t.contribute(x, c)
	}
	ex := Explanation{Score: sigmoid(m.forest.logit(x)), Prior: float64(m.trainPos) / float64(m.trainRows),
		Version: m.version}
	for i, v := range c {
		if v != 0 {
			ex.Reasons = append(ex.Reasons, Reason{Feature: m.names[i], Value: x[i], Contribution: v})
		}
	}
	slices.SortStableFunc(ex.Reasons, func(a, b Reason) int {
		return cmp.Compare(math.Abs(b.Contribution), math.Abs(a.Contribution))
	})
	if n > 0 && len(ex.Reasons) > n {
		ex.Reasons = ex.Reasons[:n]
	}
	return ex
}
