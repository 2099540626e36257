package goods

import (
	"bytes"
	"math/rand/v2"
	"slices"
	"testing"
)

// naiveMatches finds every occurrence of every pattern by brute force.
func naiveMatches(patterns [][]byte, text []byte) []match {
	var out []match
	for end := 1; end <= len(text); end++ {
		for i, p := range patterns {
			if len(p) > 0 && end >= len(p) && bytes.Equal(text[end-len(p):end], p) {
				out = append(out, match{pat: int32(i), end: int32(end)})
			}
		}
	}
	return out
}

func sortMatches(m []match) {
	slices.SortFunc(m, func(a, b match) int {
		if a.end != b.end {
			return int(a.end - b.end)
		}
		return int(a.pat - b.pat)
	})
}

func TestAutomatonMatchesNaive(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	alphabet := []byte("abcab ")
	word := func(n int) []byte {
		b := make([]byte, n)
		for i := range b {
			b[i] = alphabet[rng.IntN(len(alphabet))]
		}
		return b
	}
	for round := range 200 {
		var pats [][]byte
		for range 1 + rng.IntN(30) {
			pats = append(pats, word(1+rng.IntN(5)))
		}
		pats = append(pats, nil, []byte("абв"), []byte("步枪")) // empty, Cyrillic and Chinese patterns
		text := append(word(rng.IntN(60)), []byte("абв步枪абв")...)
		a := buildAutomaton(pats)
		for _, wide := range []bool{false, true} {
			if wide { // the 32-bit table must behave as the 16-bit one
				a.next32 = make([]int32, len(a.next16))
				for i, v := range a.next16 {
					a.next32[i] = int32(v)
				}
				a.next16 = nil
			}
			got := a.scan(text, nil)
			want := naiveMatches(pats, text)
			sortMatches(got)
			sortMatches(want)
			if !slices.Equal(got, want) {
				t.Fatalf("round %d (wide %v): scan(%q) with %q = %v, want %v", round, wide, text, pats, got, want)
			}
		}
	}
}

func TestAutomatonNoPatterns(t *testing.T) {
	a := buildAutomaton(nil)
	if got := a.scan([]byte("anything"), nil); len(got) != 0 {
		t.Errorf("scan with no patterns = %v, want nothing", got)
	}
	if a.states() != 1 {
		t.Errorf("states() = %d, want 1", a.states())
	}
}
