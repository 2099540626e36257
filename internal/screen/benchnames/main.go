// Command benchnames prints the name-matching and screening measures of issue 3 (scripts/bench-names.sh runs
// it): on nomenklatura's 826 labelled pairs AUC, best F1 and non-Latin AUC beside logic-v2's frozen scores;
// watchman's cross-script pairs found; recall on yente's typo-treated UN names and false positives on its
// 2 × 50,000 synthetic persons; and the screening speed, with every list of the lists folder loaded, for names
// that match nothing: queries per second on one core, p50 and p99, and peak memory.
package main

import (
	"bufio"
	"encoding/csv"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"time"

	"tradetrace/internal/names"
	"tradetrace/internal/screen"
	"tradetrace/internal/source/lists"
	"tradetrace/internal/trade"
)

func main() {
	data := flag.String("data", "../shared/data", "the shared data folder (benchmarks/ and lists/)")
	negatives := flag.Int("negatives", 0, "screen only the first N synthetic persons of each negatives file (0: all)")
	companies := flag.Int("companies", 20000, "synthetic company names to screen for speed")
	skipPairs := flag.Bool("skip-pairs", false, "skip the pair benchmarks (826 pairs, cross-script, yente keys)")
	flag.IntVar(&candidates, "candidates", 0, "names compared per query (0: screen.DefaultCandidates)")
	flag.Parse()
	if err := run(os.Stdout, *data, *negatives, *companies, *skipPairs); err != nil {
		fmt.Fprintln(os.Stderr, "benchnames:", err)
		os.Exit(1)
	}
}

// candidates is the number of names compared per query.
var candidates int

func run(w io.Writer, data string, nNeg, nCompanies int, skipPairs bool) error {
	bench := filepath.Join(data, "benchmarks", "namematch")
	if !skipPairs {
		if err := pairs(w, bench); err != nil {
			return err
		}
	}
	// the screening part runs on one core, as the target says, on one OS thread for the thread CPU clock
	runtime.GOMAXPROCS(1)
	runtime.LockOSThread()
	start := time.Now()
	var ents []trade.ListEntity
	dir := filepath.Join(data, "lists")
	for _, s := range lists.Sources() {
		es, err := lists.Load(dir, s.Name)
		if err != nil {
			return err
		}
		ents = append(ents, es...)
	}
	loaded := time.Since(start)
	ix := screen.NewIndex(ents)
	st := ix.Stats()
	runtime.GC()
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	fmt.Fprintf(w, "\nscreening index: every list of %s (%d lists): %d entities, %d names, %d keys; read in %s, indexed in %s on one core; Go heap after GC %.0f MB\n",
		dir, len(lists.Sources()), st.Entities, st.Names, st.Keys, loaded.Round(time.Millisecond),
		(time.Since(start) - loaded).Round(time.Millisecond), float64(ms.HeapAlloc)/(1<<20))

	// recall on the treated UN names, screened against every list
	yente := filepath.Join(bench, "yente_candidate_benchmark")
	listed, err := column(filepath.Join(yente, "positives_un_untreated.csv"), "full_name", 0)
	if err != nil {
		return err
	}
	treated, err := column(filepath.Join(yente, "positives_un_treated.csv"), "full_name", 0)
	if err != nil {
		return err
	}
	found := 0
	person := screen.Query{Kind: names.KindPerson, Top: 10, Candidates: candidates}
	for i, q := range treated {
		person.Name = q
		if hasEntry(ix, ix.Screen(person), listed[i]) {
			found++
		}
	}
	fmt.Fprintf(w, "yente treated UN names screened against every list: %d of %d found (%.1f%%) at threshold %.2f\n",
		found, len(treated), pct(found, len(treated)), names.DefaultThreshold)

	// false positives and speed on the synthetic persons
	for _, file := range []string{"negatives_global.csv", "negatives_us.csv"} {
		qs, err := column(filepath.Join(yente, file), "full_name", nNeg)
		if err != nil {
			return err
		}
		t := ix.Measure(qs, screen.Query{Kind: names.KindPerson, Candidates: candidates}, nil)
		fmt.Fprintf(w, "%s: %d synthetic persons, %d with a match (%.2f%%)\n", file, t.Queries, t.Matched, pct(t.Matched, t.Queries))
		speed(w, ix, "  speed, wall clock", qs, screen.Query{Kind: names.KindPerson, Candidates: candidates}, nil)
		if haveThreadCPU {
			speed(w, ix, "  speed, thread CPU time", qs, screen.Query{Kind: names.KindPerson, Candidates: candidates}, threadCPU)
		}
	}
	// speed on company names that match nothing
	cs := syntheticCompanies(nCompanies)
	var none []string
	for _, c := range cs {
		if len(ix.Screen(screen.Query{Name: c, Top: 1, Candidates: candidates})) == 0 {
			none = append(none, c)
		}
	}
	fmt.Fprintf(w, "synthetic companies: %d generated, %d match nothing; screening those:\n", len(cs), len(none))
	speed(w, ix, "  speed, wall clock", none, screen.Query{Candidates: candidates}, nil)
	if haveThreadCPU {
		speed(w, ix, "  speed, thread CPU time", none, screen.Query{Candidates: candidates}, threadCPU)
	}
	runtime.ReadMemStats(&ms)
	fmt.Fprintf(w, "memory: Go heap in use %.0f MB, obtained from the OS %.0f MB, peak resident set %s\n",
		float64(ms.HeapInuse)/(1<<20), float64(ms.Sys)/(1<<20), peakRSS())
	return nil
}

// speed screens the queries and prints the throughput and latencies on one core.
func speed(w io.Writer, ix *screen.Index, label string, qs []string, q screen.Query, clock func() time.Duration) {
	t := ix.Measure(qs, q, clock)
	fmt.Fprintf(w, "%-26s %6.0f queries/s on one core, p50 %s, p99 %s, max %s\n", label+":", t.PerSec,
		t.P50.Round(time.Microsecond), t.P99.Round(time.Microsecond), t.Max.Round(time.Microsecond))
}

// hasEntry reports whether a match is the entry of the listed name: one of its names is the name, or compares
// at 0.9 or more with it.
func hasEntry(ix *screen.Index, ms []screen.Match, listed string) bool {
	want := names.Prepare(listed, names.Options{Kind: names.KindPerson})
	for _, m := range ms {
		for _, n := range ix.Entity(m.Entity).Names {
			if strings.EqualFold(strings.Join(strings.Fields(n.Value), " "), strings.Join(strings.Fields(listed), " ")) {
				return true
			}
		}
		if names.Compare(want, names.Prepare(m.Name, names.Options{Kind: names.KindPerson})).Value >= 0.9 {
			return true
		}
	}
	return false
}

func pairs(w io.Writer, bench string) error {
	rep, err := names.BenchCases(filepath.Join(bench, "nomenklatura", "name_bench_cases.csv"),
		filepath.Join(bench, "nomenklatura", "name_bench_logicv2_frozen_scores.csv"))
	if err != nil {
		return err
	}
	fmt.Fprintf(w, "826-pair benchmark (nomenklatura name_bench_cases.csv)\n")
	fmt.Fprintf(w, "  %-34s %6s %6s %8s %14s\n", "", "pairs", "AUC", "best F1", "non-Latin AUC")
	fmt.Fprintf(w, "  %-34s %6d %6.3f %8.3f %14.3f\n", "tradetrace "+names.Version+", all pairs", rep.All.Pairs, rep.All.AUC, rep.All.BestF1, rep.NonLatin.AUC)
	fmt.Fprintf(w, "  %-34s %6d %6.3f %8.3f %14.3f\n", "tradetrace, pairs logic-v2 scored", rep.Ours.Pairs, rep.Ours.AUC, rep.Ours.BestF1, rep.OursNonLatin.AUC)
	fmt.Fprintf(w, "  %-34s %6d %6.3f %8.3f %14.3f\n", "logic-v2 (frozen), pairs it scored", rep.Reference.Pairs, rep.Reference.AUC, rep.Reference.BestF1, rep.RefNonLatin.AUC)
	fmt.Fprintf(w, "  %-34s %6d %6.3f %8.3f %14s\n", "logic-v2, unscored pairs as 0", rep.RefAllZero.Pairs, rep.RefAllZero.AUC, rep.RefAllZero.BestF1, "")
	fmt.Fprintf(w, "  halves (fitted on one): AUC %.3f / %.3f\n", rep.Halves[0].AUC, rep.Halves[1].AUC)
	cs, err := names.BenchCrossScript(filepath.Join(bench, "watchman", "cross_script_pairs.csv"))
	if err != nil {
		return err
	}
	fmt.Fprintf(w, "\ncross-script pairs (watchman cross_script_pairs.csv): %d of %d positives found, %d of %d pairs at threshold %.2f\n",
		cs.PositivesFound, cs.Positives, cs.Found, len(cs.Pairs), names.DefaultThreshold)
	sr, err := names.BenchScreening(filepath.Join(bench, "yente_candidate_benchmark"))
	if err != nil {
		return err
	}
	fmt.Fprintf(w, "\nyente candidate benchmark, names' own key index over the 1,000 UN names:\n")
	fmt.Fprintf(w, "  treated UN names: %d; found by keys and scored ≥ %.2f: %d (%.1f%%)\n", sr.Positives, names.DefaultThreshold,
		sr.RecalledScreened, pct(sr.RecalledScreened, sr.Positives))
	for _, f := range []string{"negatives_global.csv", "negatives_us.csv"} {
		fmt.Fprintf(w, "  %s: %d false positives of %d synthetic persons (%.3f%%)\n", f, sr.FalsePositives[f], sr.Negatives[f],
			pct(sr.FalsePositives[f], sr.Negatives[f]))
	}
	return nil
}

func pct(a, b int) float64 {
	if b == 0 {
		return 0
	}
	return 100 * float64(a) / float64(b)
}

// column reads one column of a CSV file with a header; n > 0 keeps the first n rows.
func column(path, name string, n int) ([]string, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	r := csv.NewReader(bufio.NewReader(f))
	r.FieldsPerRecord = -1
	hdr, err := r.Read()
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	col := -1
	for i, h := range hdr {
		if strings.TrimSpace(h) == name {
			col = i
		}
	}
	if col < 0 {
		return nil, fmt.Errorf("%s: no column %q", path, name)
	}
	var out []string
	for n <= 0 || len(out) < n {
		rec, err := r.Read()
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, fmt.Errorf("%s: %w", path, err)
		}
		if col < len(rec) {
			out = append(out, rec[col])
		}
	}
	return out, nil
}

// peakRSS reads the peak resident set size of the process from /proc (Linux); elsewhere it says so.
func peakRSS() string {
	b, err := os.ReadFile("/proc/self/status")
	if err != nil {
		return "unknown"
	}
	for _, line := range strings.Split(string(b), "\n") {
		if v, ok := strings.CutPrefix(line, "VmHWM:"); ok {
			return strings.TrimSpace(v)
		}
	}
	return "unknown"
}
