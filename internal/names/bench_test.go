package names

import (
	"flag"
	"fmt"
	"os"
	"sort"
	"strings"
	"testing"
)

// The benchmark data lives in shared/, beside the repository (../shared from its root).
const sharedBench = "../../../shared/data/benchmarks/namematch"

var dumpErrors = flag.Int("names.errors", 0, "print this many worst-ranked benchmark cases")

func needShared(t testing.TB) {
	t.Helper()
	if _, err := os.Stat(sharedBench); err != nil {
		t.Skipf("benchmark data not found at %s", sharedBench)
	}
}

func fmtMetrics(m Metrics) string {
	return fmt.Sprintf("%5d pairs  AUC %.3f  best F1 %.3f @ %.3f  F1 %.3f (P %.3f R %.3f)",
		m.Pairs, m.AUC, m.BestF1, m.BestThreshold, m.F1, m.Precision, m.Recall)
}

// TestBenchCases measures the engine on nomenklatura's 826 labelled pairs beside logic-v2's frozen scores.
func TestBenchCases(t *testing.T) {
	needShared(t)
	rep, err := BenchCases(sharedBench+"/nomenklatura/name_bench_cases.csv",
		sharedBench+"/nomenklatura/name_bench_logicv2_frozen_scores.csv")
	if err != nil {
		t.Fatal(err)
	}
	var b strings.Builder
	fmt.Fprintf(&b, "name_bench_cases.csv (ours at threshold %.2f, logic-v2 at 0.70)\n", DefaultThreshold)
	fmt.Fprintf(&b, "  ours, all          %s\n", fmtMetrics(rep.All))
	fmt.Fprintf(&b, "  ours, half 0       %s\n", fmtMetrics(rep.Halves[0]))
	fmt.Fprintf(&b, "  ours, half 1       %s\n", fmtMetrics(rep.Halves[1]))
	fmt.Fprintf(&b, "  ours, non-Latin    %s\n", fmtMetrics(rep.NonLatin))
	fmt.Fprintf(&b, "  ours, logic-v2's   %s\n", fmtMetrics(rep.Ours))
	fmt.Fprintf(&b, "  logic-v2 scored    %s\n", fmtMetrics(rep.Reference))
	fmt.Fprintf(&b, "  logic-v2 all (0)   %s\n", fmtMetrics(rep.RefAllZero))
	fmt.Fprintf(&b, "  ours, non-Latin*   %s\n", fmtMetrics(rep.OursNonLatin))
	fmt.Fprintf(&b, "  logic-v2 non-Lat*  %s\n", fmtMetrics(rep.RefNonLatin))
	t.Log("\n" + b.String())
	if *dumpErrors > 0 {
		dumpWorst(t, rep.Cases, *dumpErrors)
	}
	if rep.All.Pairs != 826 {
		t.Errorf("BenchCases pairs = %d, want 826", rep.All.Pairs)
	}
	if rep.All.AUC < 0.90 || rep.NonLatin.AUC < 0.93 {
		t.Errorf("BenchCases AUC = %.3f (non-Latin %.3f), want ≥ 0.90 (≥ 0.93)", rep.All.AUC, rep.NonLatin.AUC)
	}
}

// dumpWorst prints positives with the lowest scores and negatives with the highest.
func dumpWorst(t *testing.T, cases []BenchCase, n int) {
	pos := make([]BenchCase, 0)
	neg := make([]BenchCase, 0)
	for _, c := range cases {
		if c.Match {
			pos = append(pos, c)
		} else {
			neg = append(neg, c)
		}
	}
	sort.Slice(pos, func(i, j int) bool { return pos[i].Score.Value < pos[j].Score.Value })
	sort.Slice(neg, func(i, j int) bool { return neg[i].Score.Value > neg[j].Score.Value })
	var b strings.Builder
	for i := 0; i < n && i < len(pos); i++ {
		c := pos[i]
		fmt.Fprintf(&b, "FN %.3f ref %.3f  %s | %s   %s\n", c.Score.Value, c.Reference, c.Name1, c.Name2, pairsText(c.Score))
	}
	for i := 0; i < n && i < len(neg); i++ {
		c := neg[i]
		fmt.Fprintf(&b, "FP %.3f ref %.3f  %s | %s   %s\n", c.Score.Value, c.Reference, c.Name1, c.Name2, pairsText(c.Score))
	}
	t.Log("\n" + b.String())
}

func pairsText(s Score) string {
	var parts []string
	for _, p := range s.Pairs {
		parts = append(parts, fmt.Sprintf("%s~%s %.2f", p.A, p.B, p.Sim))
	}
	return strings.Join(parts, ", ")
}

// TestBenchCrossScript counts watchman's cross-script pairs found.
func TestBenchCrossScript(t *testing.T) {
	needShared(t)
	rep, err := BenchCrossScript(sharedBench + "/watchman/cross_script_pairs.csv")
	if err != nil {
		t.Fatal(err)
	}
	var b strings.Builder
	fmt.Fprintf(&b, "cross_script_pairs.csv: %d of %d positives (min score ≥ 0.8) found, %d of %d pairs\n",
		rep.PositivesFound, rep.Positives, rep.Found, len(rep.Pairs))
	for _, p := range rep.Pairs {
		fmt.Fprintf(&b, "  %-5v %.3f  %s | %s   %s\n", p.Score.Match, p.Score.Value, p.Query, p.Expected, pairsText(p.Score))
	}
	t.Log("\n" + b.String())
	if rep.Positives != 14 {
		t.Errorf("BenchCrossScript positives = %d, want 14", rep.Positives)
	}
	if rep.PositivesFound < 13 {
		t.Errorf("BenchCrossScript positives found = %d, want ≥ 13", rep.PositivesFound)
	}
}

// TestBenchScreening measures recall on yente's treated UN names and false positives on its 100,000
// synthetic non-listed persons. It is a measurement of some seconds: skipped with -short.
func TestBenchScreening(t *testing.T) {
	needShared(t)
	if testing.Short() {
		t.Skip("screening benchmark skipped in short mode")
	}
	rep, err := BenchScreening(sharedBench + "/yente_candidate_benchmark")
	if err != nil {
		t.Fatal(err)
	}
	var b strings.Builder
	fmt.Fprintf(&b, "yente candidate benchmark at threshold %.2f\n", DefaultThreshold)
	fmt.Fprintf(&b, "  treated UN names: %d; recalled by score %d (%.1f%%), found by keys %d, both %d (%.1f%%)\n",
		rep.Positives, rep.Recalled, pct(rep.Recalled, rep.Positives), rep.FoundByKeys, rep.RecalledScreened,
		pct(rep.RecalledScreened, rep.Positives))
	for _, f := range []string{"negatives_global.csv", "negatives_us.csv"} {
		fmt.Fprintf(&b, "  %s: %d false positives of %d (%.3f%%)\n", f, rep.FalsePositives[f], rep.Negatives[f],
			pct(rep.FalsePositives[f], rep.Negatives[f]))
	}
	fmt.Fprintf(&b, "  comparisons for negatives: %d\n", rep.Comparisons)
	for _, th := range []float64{0.4, 0.5, 0.6, 0.7, 0.8} {
		r, fp := rep.At(th)
		fmt.Fprintf(&b, "  at %.2f: recall %.1f%%, false positives %d of 100000\n", th, 100*r, fp)
	}
	for _, e := range rep.Examples {
		fmt.Fprintf(&b, "    FP %s\n", e)
	}
	t.Log("\n" + b.String())
	if r := pct(rep.RecalledScreened, rep.Positives); r < 90 {
		t.Errorf("BenchScreening recall = %.1f%%, want ≥ 90%%", r)
	}
}

func pct(a, b int) float64 {
	if b == 0 {
		return 0
	}
	return 100 * float64(a) / float64(b)
}
