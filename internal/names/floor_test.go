package names

import (
	"math"
	"math/rand/v2"
	"strings"
	"testing"
)

// TestEditDistanceMax: below the limit the bounded distance is the distance; above it, it is above the limit.
// Short words with small limits, and words longer than the stack rows with limits that leave bands of every
// width, up to none.
func TestEditDistanceMax(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	for _, c := range []struct {
		n, limits int
		edit      bool
	}{{14, 8, false}, {14, 8, true}, {60, 70, true}} {
		pair := wordPairs(r, "aeioubcdkhnst01", c.n, c.edit)
		for range 200000 {
			a, b := pair()
			d := editDistance(a, b)
			limit := float64(r.IntN(c.limits)) * 0.4
			got := editDistanceMax(a, b, limit)
			if d <= limit && got != d || d > limit && got <= limit {
				t.Fatalf("editDistanceMax(%q, %q, %v) = %v, distance %v", a, b, limit, got, d)
			}
		}
	}
}

// wordPairs returns a source of pairs of random words over letters, shorter than n letters. One pair in three is
// a near miss: the second word a copy of the first with two neighbouring letters swapped and, with edit, one
// letter replaced.
func wordPairs(r *rand.Rand, letters string, n int, edit bool) func() (string, string) {
	word := func() string {
		b := make([]byte, r.IntN(n))
		for i := range b {
			b[i] = letters[r.IntN(len(letters))]
		}
		return string(b)
	}
	return func() (string, string) {
		a, b := word(), word()
		if r.IntN(3) == 0 && len(a) > 2 {
			bb := []byte(a)
			i := r.IntN(len(bb) - 1)
			bb[i], bb[i+1] = bb[i+1], bb[i]
			if edit {
				bb[r.IntN(len(bb))] = letters[r.IntN(len(letters))]
			}
			b = string(bb)
		}
		return a, b
	}
}

// TestTokSimMin: from the floor up the bounded similarity is the similarity; below it, it stays below.
func TestTokSimMin(t *testing.T) {
	raw := []string{"Rosoboronexport", "Rosoboroneksport OAO", "ООО Техкрим", "Tekhkrim LLC", "TEHKRIM", "Sergei Lavrov",
		"Sergey Lavrov", "SergeiLavrov", "Xi Jinping", "习近平", "Laurent Nkunda", "Lauren Tnkunda", "Kopter Line",
		"KOPTERLINE FZE", "Xi'an Bingo Intelligent Aviation", "СИАН БИНГО", "Арефуллах Ареф", "Arefullaha Ref",
		"Norinco", "China North Industries Group", "Ariteks Tekstil", "ARITEKS", "Xinxing Guangzhou Import & Export",
		"ООО АЭРОКОМ", "Aerocom", "OOO STG LOGISTIK", "СТГ-ЛОГИСТИК", "Viktor Borisovich Ivanov", "Ivanov V B",
		"高市早苗", "高石", "김정은", "Kim Jong Un", "P.L.A.", "People's Liberation Army", "van der Bilt", "Vanderbilt"}
	var toks []token
	for _, s := range raw {
		n := Prepare(s, Options{})
		toks = append(toks, n.tokens...)
		for _, r := range n.runs {
			toks = append(toks, r.glued)
		}
	}
	floors := []float64{0, 0.3, 0.5, 0.7, 0.8, 0.85, 0.9, 0.95, 1}
	compared := 0
	for i := range toks {
		for j := range toks {
			s := tokSim(&toks[i], &toks[j])
			for _, f := range floors {
				got := tokSimMin(&toks[i], &toks[j], f)
				if s >= f && got != s || s < f && got >= f {
					t.Fatalf("tokSimMin(%q, %q, %v) = %v, tokSim %v", toks[i].text, toks[j].text, f, got, s)
				}
				compared++
			}
		}
	}
	if compared < 10000 || !strings.Contains(toks[0].latin, "rosoboron") {
		t.Fatalf("%d comparisons, first token %q: the test compared too little", compared, toks[0].latin)
	}
}

// TestEditDistanceIntegers: the distance computed in fifths is the distance computed with the costs as
// fractions, on random words over letters with cheap pairs among them.
func TestEditDistanceIntegers(t *testing.T) {
	pair := wordPairs(rand.New(rand.NewPCG(3, 4)), "aeiouybcdkhnst0159lgq6", 45, true)
	for range 100000 {
		a, b := pair()
		if got, want := editDistance(a, b), fractionDistance(a, b); math.Abs(got-want) > 1e-9 {
			t.Fatalf("editDistance(%q, %q) = %v, with fractional costs %v", a, b, got, want)
		}
	}
}

// fractionDistance is the optimal string alignment distance with the costs as they are written, in floating
// point, without a limit: the reference the integer computation is held to.
func fractionDistance(a, b string) float64 {
	sub := func(x, y byte) float64 {
		switch {
		case x == y:
			return 0
		case x < 128 && y < 128 && cheapPairs[x][y]:
			return costCheap
		}
		return costSubstitute
	}
	d := make([][]float64, len(a)+1)
	for i := range d {
		d[i] = make([]float64, len(b)+1)
		d[i][0] = float64(i) * costIndel
	}
	for j := range d[0] {
		d[0][j] = float64(j) * costIndel
	}
	for i := 1; i <= len(a); i++ {
		for j := 1; j <= len(b); j++ {
			v := min(d[i-1][j-1]+sub(a[i-1], b[j-1]), d[i-1][j]+costIndel, d[i][j-1]+costIndel)
			if i > 1 && j > 1 && a[i-1] == b[j-2] && a[i-2] == b[j-1] && a[i-1] != b[j-1] {
				v = min(v, d[i-2][j-2]+costTranspose)
			}
			d[i][j] = v
		}
	}
	return d[len(a)][len(b)]
}
