package rank

import (
	"errors"
	"io/fs"
	"path/filepath"
	"slices"
	"testing"
)

// kcsDir is the benchmark directory, relative to this package: the shared data lies beside the repository.
var kcsDir = filepath.Join("..", "..", "..", "shared", "data", "benchmarks", "customs-kcs")

func loadKCS(tb testing.TB) *KCSData {
	tb.Helper()
	d, err := LoadKCS(kcsDir)
	if errors.Is(err, fs.ErrNotExist) {
		tb.Skipf("KCS benchmark not found at %s", kcsDir)
	}
	if err != nil {
		tb.Fatal(err)
	}
	return d
}

// TestKCSTargets trains on the declarations before April 2021 and ranks those of April–June 2021: inspecting the
// top 5% must find fraud in at least 90% of them, the top 10% in at least 85%.
func TestKCSTargets(t *testing.T) {
	d := loadKCS(t)
	r, err := RunKCS(d, KCSTasks()[0], Config{})
	if err != nil {
		t.Fatal(err)
	}
	t.Log(r)
	for _, c := range []struct {
		frac, min float64
	}{{0.05, 0.90}, {0.10, 0.85}} {
		i := slices.Index(r.Task.Fracs, c.frac)
		if got := r.Precision[i]; got < c.min {
			t.Errorf("precision at %g%% of the KCS test split = %.3f, want ≥ %.2f", c.frac*100, got, c.min)
		}
	}
	if r.TrainRows != 37385+8134 || r.TestRows != 8481 {
		t.Errorf("RunKCS trained on %d rows and tested %d, want 45519 and 8481", r.TrainRows, r.TestRows)
	}
}
