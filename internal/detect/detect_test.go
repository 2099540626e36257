package detect

import (
	"fmt"
	"math/rand/v2"
	"sort"
	"testing"

	"github.com/google/go-cmp/cmp"

	"tradetrace/internal/trade"
)

// TestSort: findings by descending score, then key, and findings alike in both in the order they came, as a
// stable sort of the findings themselves orders them.
func TestSort(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 4))
	fs := make([]trade.Finding, 5000)
	for i := range fs {
		// Few scores and keys, so that many findings tie on both; the title tells the ties apart.
		fs[i] = trade.Finding{Score: float64(rng.IntN(20)) / 20, Key: fmt.Sprint("k", rng.IntN(50)), Title: fmt.Sprint(i)}
	}
	want := append([]trade.Finding(nil), fs...)
	sort.SliceStable(want, func(i, j int) bool {
		if want[i].Score != want[j].Score {
			return want[i].Score > want[j].Score
		}
		return want[i].Key < want[j].Key
	})
	Sort(fs)
	if d := cmp.Diff(want, fs); d != "" {
		t.Fatalf("Sort differs from a stable sort by score and key (-want +got):\n%s", d)
	}
}
