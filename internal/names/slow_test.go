package names

import (
	"strings"
	"testing"
	"time"
)

// TestLongNamesStayCheap guards against quadratic blow-ups on hostile input: names are cut to 32 words.
func TestLongNamesStayCheap(t *testing.T) {
	long := strings.Repeat("Mohammed Abdul Salam al Rawi ", 2000)
	han := strings.Repeat("习近平", 3000)
	start := time.Now()
	a, b := Prepare(long, Options{}), Prepare(han, Options{})
	Compare(a, b)
	Compare(a, a)
	if n := len(a.Tokens()); n > maxNameTokens {
		t.Errorf("Prepare(long name) tokens = %d, want ≤ %d", n, maxNameTokens)
	}
	if d := time.Since(start); d > 2*time.Second {
		t.Errorf("Prepare and Compare of long names took %v, want < 2s", d)
	}
}
