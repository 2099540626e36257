package names

import (
	"fmt"
	"os"
	"strings"
	"testing"
)

func TestDebugPairs(t *testing.T) {
	in := os.Getenv("NAMES_DEBUG")
	if in == "" {
		t.Skip()
	}
	for _, line := range strings.Split(in, ";;") {
		parts := strings.Split(line, "|")
		k := KindUnknown
		if len(parts) > 2 {
			k = KindOf(parts[2])
		}
		a, b := Prepare(parts[0], Options{Kind: k}), Prepare(parts[1], Options{Kind: k})
		fmt.Printf("A %q legal=%v tokens=%+v\nB %q legal=%v tokens=%+v\n%s\n", a.Raw(), a.LegalForms(), a.tokens, b.Raw(), b.LegalForms(), b.tokens, Compare(a, b))
	}
}

func TestDebugNonLatin(t *testing.T) {
	if os.Getenv("NAMES_NONLATIN") == "" {
		t.Skip()
	}
	rep, _ := BenchCases(sharedBench+"/nomenklatura/name_bench_cases.csv", sharedBench+"/nomenklatura/name_bench_logicv2_frozen_scores.csv")
	for _, c := range rep.Cases {
		if c.NonLatin {
			fmt.Printf("%v %.3f ref %.3f %s | %s  %s\n", c.Match, c.Score.Value, c.Reference, c.Name1, c.Name2, pairsText(c.Score))
		}
	}
}

func TestDebugOneOff(t *testing.T) {
	if os.Getenv("NAMES_ONEOFF") == "" {
		t.Skip()
	}
	rep, _ := BenchCases(sharedBench+"/nomenklatura/name_bench_cases.csv", "")
	for _, c := range rep.Cases {
		k := KindOf(c.Schema)
		a, b := Prepare(c.Name1, Options{Kind: k}), Prepare(c.Name2, Options{Kind: k})
		edges := align(a.tokens, b.tokens, a.runs, b.runs)
		ev := evidence(a.tokens, b.tokens, edges)
		if ev.conflict > 0 || ev.extra > 0 {
			continue
		}
		n := 0
		var sim float64
		var pa, pb string
		for _, e := range edges {
			if e.sim < 1 {
				n++
				sim = e.sim
				pa, pb = runText(a.tokens[e.a0:e.a1]), runText(b.tokens[e.b0:e.b1])
			}
		}
		if n == 1 {
			fmt.Printf("%.3f %v %s %s | %s ~ %s\n", sim, c.Match, c.Schema[:3], pa, pb, c.Name1)
		}
	}
}

func TestDebugScreen(t *testing.T) {
	if os.Getenv("NAMES_SCREEN") == "" {
		t.Skip()
	}
	dir := sharedBench + "/yente_candidate_benchmark"
	listed, _ := fullNames(dir + "/positives_un_untreated.csv")
	treated, _ := fullNames(dir + "/positives_un_treated.csv")
	person := Options{Kind: KindPerson}
	var prepared []Name
	for _, s := range listed {
		prepared = append(prepared, Prepare(s, person))
	}
	for i, s := range treated {
		sc := Compare(Prepare(s, person), prepared[i])
		if sc.Value < 0.8 {
			fmt.Printf("MISS %.3f %s | %s  %s\n", sc.Value, s, listed[i], pairsText(sc))
		}
	}
	negs, _ := fullNames(dir + "/negatives_global.csv")
	negs2, _ := fullNames(dir + "/negatives_us.csv")
	negs = append(negs, negs2...)
	index := map[string][]int{}
	for i, n := range prepared {
		for _, k := range n.Keys() {
			index[k] = append(index[k], i)
		}
	}
	for _, s := range negs {
		q := Prepare(s, person)
		seen := map[int]bool{}
		for _, k := range q.Keys() {
			for _, i := range index[k] {
				if seen[i] {
					continue
				}
				seen[i] = true
				sc := Compare(q, prepared[i])
				if sc.Value < 0.7 {
					continue
				}
				fmt.Printf("FP %.3f %s | %s  %s\n", sc.Value, s, listed[i], pairsText(sc))
			}
		}
	}
}
