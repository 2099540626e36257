// Command fit fits the weights of the names package's score by L2-regularised logistic regression on one half
// of nomenklatura's name_bench_cases.csv (the half BenchCase.Half = 0, a hash of the names) and reports AUC on
// both halves, so that the other half stays held out. It prints the weights to copy into compare.go.
//
//	go run ./internal/names/internal/gen/fit -cases ../shared/data/benchmarks/namematch/nomenklatura/name_bench_cases.csv
//
// Only the name features are fitted; the identifier, country, number and filiation weights are set by hand.
// The weights in compare.go were fitted with -l2 0.001 on half 0.
package main

import (
	"flag"
	"fmt"
	"log"
	"math"
	"sort"
	"strings"

	"tradetrace/internal/names"
)

var fitted = []string{"coverage", "coverage_max", "agreement", "conflict", "extra", "conflict_flat",
	"weakest_word", "weakest", "single_token", "legal_form", "number_extra"}

func main() {
	cases := flag.String("cases", "../shared/data/benchmarks/namematch/nomenklatura/name_bench_cases.csv", "name_bench_cases.csv")
	lambda := flag.Float64("l2", 0.001, "L2 penalty per case")
	train := flag.Int("train", 0, "half to fit on (0 or 1); -1 fits on all")
	only := flag.String("features", "", "comma-separated subset of the features to fit (default all)")
	flag.Parse()
	if *only != "" {
		fitted = strings.Split(*only, ",")
	}
	rep, err := names.BenchCases(*cases, "")
	if err != nil {
		log.Fatal(err)
	}
	var xs [][]float64
	var ys []float64
	var halves []int
	for _, c := range rep.Cases {
		x := make([]float64, len(fitted)+1)
		x[0] = 1
		for _, f := range c.Score.Features {
			for i, name := range fitted {
				if f.Name == name {
					x[i+1] = f.Value
				}
			}
		}
		xs = append(xs, x)
		y := 0.0
		if c.Match {
			y = 1
		}
		ys = append(ys, y)
		halves = append(halves, c.Half)
	}
	inTrain := func(i int) bool { return *train < 0 || halves[i] == *train }
	w := fit(xs, ys, inTrain, *lambda)
	fmt.Printf("bias: %.2f", w[0])
	for i, name := range fitted {
		fmt.Printf(", %s: %.2f", name, w[i+1])
	}
	fmt.Println()
	for h := 0; h < 2; h++ {
		fmt.Printf("half %d AUC %.4f\n", h, auc(xs, ys, w, func(i int) bool { return halves[i] == h }))
	}
	fmt.Printf("all    AUC %.4f\n", auc(xs, ys, w, func(int) bool { return true }))
}

func score(x, w []float64) float64 {
	z := 0.0
	for i := range x {
		z += x[i] * w[i]
	}
	return 1 / (1 + math.Exp(-z))
}

// fit runs Newton's method on the penalised log-likelihood (the intercept is not penalised).
func fit(xs [][]float64, ys []float64, keep func(int) bool, lambda float64) []float64 {
	d := len(xs[0])
	w := make([]float64, d)
	for iter := 0; iter < 50; iter++ {
		g := make([]float64, d)
		h := make([][]float64, d)
		for i := range h {
			h[i] = make([]float64, d)
		}
		n := 0
		for i, x := range xs {
			if !keep(i) {
				continue
			}
			n++
			p := score(x, w)
			for a := 0; a < d; a++ {
				g[a] += (ys[i] - p) * x[a]
				for b := 0; b < d; b++ {
					h[a][b] -= p * (1 - p) * x[a] * x[b]
				}
			}
		}
		for a := 1; a < d; a++ {
			g[a] -= lambda * float64(n) * w[a]
			h[a][a] -= lambda * float64(n)
		}
		step := solve(h, g)
		for a := range w {
			w[a] -= step[a]
		}
	}
	return w
}

// solve solves h·x = g by Gaussian elimination with partial pivoting.
func solve(h [][]float64, g []float64) []float64 {
	d := len(g)
	m := make([][]float64, d)
	for i := range m {
		m[i] = append(append([]float64{}, h[i]...), g[i])
	}
	for c := 0; c < d; c++ {
		p := c
		for r := c + 1; r < d; r++ {
			if math.Abs(m[r][c]) > math.Abs(m[p][c]) {
				p = r
			}
		}
		m[c], m[p] = m[p], m[c]
		if math.Abs(m[c][c]) < 1e-12 {
			continue
		}
		for r := 0; r < d; r++ {
			if r == c {
				continue
			}
			f := m[r][c] / m[c][c]
			for k := c; k <= d; k++ {
				m[r][k] -= f * m[c][k]
			}
		}
	}
	x := make([]float64, d)
	for i := range x {
		if math.Abs(m[i][i]) > 1e-12 {
			x[i] = m[i][d] / m[i][i]
		}
	}
	return x
}

func auc(xs [][]float64, ys []float64, w []float64, keep func(int) bool) float64 {
	type sy struct{ s, y float64 }
	var v []sy
	for i, x := range xs {
		if keep(i) {
			v = append(v, sy{score(x, w), ys[i]})
		}
	}
	sort.Slice(v, func(i, j int) bool { return v[i].s < v[j].s })
	var pos, neg, rankSum float64
	for i := 0; i < len(v); {
		j := i
		for j < len(v) && v[j].s == v[i].s {
			j++
		}
		for k := i; k < j; k++ {
			if v[k].y == 1 {
				rankSum += float64(i+j+1) / 2
				pos++
			} else {
				neg++
			}
		}
		i = j
	}
	return (rankSum - pos*(pos+1)/2) / (pos * neg)
}
