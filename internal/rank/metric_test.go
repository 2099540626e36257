package rank

import (
	"math"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestPrecisionRecallAt(t *testing.T) {
	scores := []float64{0.9, 0.8, 0.7, 0.6, 0.5, 0.4, 0.3, 0.2, 0.1, 0.0}
	labels := []bool{true, false, true, true, false, false, false, false, false, true}
	tests := []struct {
		frac         float64
		prec, recall float64
	}{
		{0.1, 1, 0.25},
		{0.2, 0.5, 0.25},
		{0.4, 0.75, 0.75},
		{1, 0.4, 1},
		{0.01, 1, 0.25}, // at least one row is inspected
	}
	for _, tt := range tests {
		if got := PrecisionAt(scores, labels, tt.frac); math.Abs(got-tt.prec) > 1e-12 {
			t.Errorf("PrecisionAt(%g) = %v, want %v", tt.frac, got, tt.prec)
		}
		if got := RecallAt(scores, labels, tt.frac); math.Abs(got-tt.recall) > 1e-12 {
			t.Errorf("RecallAt(%g) = %v, want %v", tt.frac, got, tt.recall)
		}
	}
	// Ties keep the input order: the first of two equal scores is inspected first.
	if got := PrecisionAt([]float64{1, 1}, []bool{false, true}, 0.5); got != 0 {
		t.Errorf("PrecisionAt(tie, first negative) = %v, want 0", got)
	}
}

func TestAUC(t *testing.T) {
	tests := []struct {
		name   string
		scores []float64
		labels []bool
		want   float64
	}{
		{"perfect", []float64{0.9, 0.8, 0.2, 0.1}, []bool{true, true, false, false}, 1},
		{"reversed", []float64{0.1, 0.2, 0.8, 0.9}, []bool{true, true, false, false}, 0},
		{"ties", []float64{0.5, 0.5, 0.5, 0.5}, []bool{true, false, true, false}, 0.5},
		{"one swap", []float64{0.9, 0.7, 0.8, 0.1}, []bool{true, true, false, false}, 0.75},
		{"one class", []float64{0.9, 0.7}, []bool{true, true}, 0.5},
	}
	for _, tt := range tests {
		if got := AUC(tt.scores, tt.labels); math.Abs(got-tt.want) > 1e-12 {
			t.Errorf("%s: AUC = %v, want %v", tt.name, got, tt.want)
		}
	}
}

func TestReadCSV(t *testing.T) {
	header, rows, err := ReadCSV(strings.NewReader("\uFEFFa,b\n1,2\n3\n"))
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff([]string{"a", "b"}, header); diff != "" {
		t.Errorf("ReadCSV header mismatch (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff([][]string{{"1", "2"}, {"3"}}, rows); diff != "" {
		t.Errorf("ReadCSV rows mismatch (-want +got):\n%s", diff)
	}
	if _, _, err := ReadCSV(strings.NewReader("")); err == nil {
		t.Errorf("ReadCSV(empty) = nil error, want an error")
	}
}
