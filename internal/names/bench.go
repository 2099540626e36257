package names

import (
	"encoding/csv"
	"fmt"
	"hash/fnv"
	"io"
	"os"
	"sort"
	"strconv"
	"strings"
)

// BenchCase is one labelled pair of nomenklatura's name_bench_cases.csv, with our score and, when the
// frozen file has it, the reference score of OpenSanctions' logic-v2.
type BenchCase struct {
	Group, Schema string
	Name1, Name2  string
	Match         bool
	Score         Score
	Reference     float64
	HasReference  bool
	NonLatin      bool // a name has a character outside ASCII
	Half          int  // 0 or 1: a fixed split of the cases by a hash of the names
}

// Metrics are ranking and decision measures of scores against labels.
type Metrics struct {
	Pairs, Positives int
	AUC              float64
	BestF1           float64
	BestThreshold    float64
	F1               float64 // at the default threshold
	Precision        float64 // at the default threshold
	Recall           float64 // at the default threshold
}

// CasesReport is the evaluation on name_bench_cases.csv.
type CasesReport struct {
	Cases        []BenchCase
	All          Metrics
	NonLatin     Metrics
	Halves       [2]Metrics
	Reference    Metrics // logic-v2's frozen scores, on the pairs it scored
	RefNonLatin  Metrics
	RefAllZero   Metrics // logic-v2 with the pairs it did not score counted as 0
	Ours         Metrics // ours on the same pairs as Reference
	OursNonLatin Metrics
}

// BenchCases scores the pairs of name_bench_cases.csv and, when frozenPath is not empty, sets the frozen
// logic-v2 scores beside ours (joined on name1, name2).
func BenchCases(casesPath, frozenPath string) (CasesReport, error) {
	var rep CasesReport
	rows, err := readCSV(casesPath)
	if err != nil {
		return rep, err
	}
	ref := map[[2]string]float64{}
	if frozenPath != "" {
		frows, err := readCSV(frozenPath)
		if err != nil {
			return rep, err
		}
		for _, r := range frows {
			if v, err := strconv.ParseFloat(r["score"], 64); err == nil {
				ref[[2]string{r["name1"], r["name2"]}] = v
			}
		}
	}
	for _, r := range rows {
		c := BenchCase{Group: r["case_group"], Schema: r["schema"], Name1: r["name1"], Name2: r["name2"],
			Match: r["is_match"] == "true"}
		k := KindOf(c.Schema)
		c.Score = Compare(Prepare(c.Name1, Options{Kind: k}), Prepare(c.Name2, Options{Kind: k}))
		c.Reference, c.HasReference = ref[[2]string{c.Name1, c.Name2}]
		c.NonLatin = !isASCII(c.Name1) || !isASCII(c.Name2)
		h := fnv.New32a()
		h.Write([]byte(c.Name1 + "\x00" + c.Name2))
		c.Half = int(h.Sum32() % 2)
		rep.Cases = append(rep.Cases, c)
	}
	ours := func(c BenchCase) float64 { return c.Score.Value }
	refScore := func(c BenchCase) float64 { return c.Reference }
	all := func(BenchCase) bool { return true }
	nonLatin := func(c BenchCase) bool { return c.NonLatin }
	scored := func(c BenchCase) bool { return c.HasReference }
	rep.All = metrics(rep.Cases, all, ours, DefaultThreshold)
	rep.NonLatin = metrics(rep.Cases, nonLatin, ours, DefaultThreshold)
	for h := 0; h < 2; h++ {
		rep.Halves[h] = metrics(rep.Cases, func(c BenchCase) bool { return c.Half == h }, ours, DefaultThreshold)
	}
	if len(ref) > 0 {
		rep.Reference = metrics(rep.Cases, scored, refScore, 0.7)
		rep.RefNonLatin = metrics(rep.Cases, func(c BenchCase) bool { return scored(c) && c.NonLatin }, refScore, 0.7)
		rep.RefAllZero = metrics(rep.Cases, all, refScore, 0.7)
		rep.Ours = metrics(rep.Cases, scored, ours, DefaultThreshold)
		rep.OursNonLatin = metrics(rep.Cases, func(c BenchCase) bool { return scored(c) && c.NonLatin }, ours, DefaultThreshold)
	}
	return rep, nil
}

func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= 0x80 {
			return false
		}
	}
	return true
}

// metrics computes AUC (ties count half), the best F1 over thresholds and F1 at the given threshold.
func metrics(cases []BenchCase, keep func(BenchCase) bool, score func(BenchCase) float64, threshold float64) Metrics {
	type sl struct {
		s float64
		y bool
	}
	var xs []sl
	var m Metrics
	for _, c := range cases {
		if keep(c) {
			xs = append(xs, sl{score(c), c.Match})
			if c.Match {
				m.Positives++
			}
		}
	}
	m.Pairs = len(xs)
	neg := m.Pairs - m.Positives
	if m.Positives == 0 || neg == 0 {
		return m
	}
	sort.Slice(xs, func(i, j int) bool { return xs[i].s < xs[j].s })
	// AUC by ranks, ties averaged
	var rankSum float64
	for i := 0; i < len(xs); {
		j := i
		for j < len(xs) && xs[j].s == xs[i].s {
			j++
		}
		avg := float64(i+j+1) / 2
		for k := i; k < j; k++ {
			if xs[k].y {
				rankSum += avg
			}
		}
		i = j
	}
	p := float64(m.Positives)
	m.AUC = (rankSum - p*(p+1)/2) / (p * float64(neg))
	// best F1: predict positive from xs[i] upwards
	tp, fp := m.Positives, neg
	for i := 0; i < len(xs); i++ {
		if i == 0 || xs[i].s != xs[i-1].s {
			if f := f1(tp, fp, m.Positives); f > m.BestF1 {
				m.BestF1, m.BestThreshold = f, xs[i].s
			}
		}
		if xs[i].y {
			tp--
		} else {
			fp--
		}
	}
	tp, fp = 0, 0
	for _, x := range xs {
		if x.s >= threshold {
			if x.y {
				tp++
			} else {
				fp++
			}
		}
	}
	m.F1 = f1(tp, fp, m.Positives)
	if tp+fp > 0 {
		m.Precision = float64(tp) / float64(tp+fp)
	}
	m.Recall = float64(tp) / p
	return m
}

func f1(tp, fp, positives int) float64 {
	if tp == 0 {
		return 0
	}
	prec := float64(tp) / float64(tp+fp)
	rec := float64(tp) / float64(positives)
	return 2 * prec * rec / (prec + rec)
}

// readCSV reads a CSV file with a header into maps; lines starting with # are skipped.
func readCSV(path string) ([]map[string]string, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("open %s: %w", path, err)
	}
	defer f.Close()
	r := csv.NewReader(f)
	r.FieldsPerRecord = -1
	r.Comment = '#'
	header, err := r.Read()
	if err != nil {
		return nil, fmt.Errorf("read %s: %w", path, err)
	}
	var out []map[string]string
	for {
		rec, err := r.Read()
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, fmt.Errorf("read %s: %w", path, err)
		}
		m := make(map[string]string, len(header))
		for i, h := range header {
			if i < len(rec) {
				m[strings.TrimSpace(h)] = rec[i]
			}
		}
		out = append(out, m)
	}
	return out, nil
}
