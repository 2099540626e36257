package names

import (
	"encoding/csv"
	"fmt"
	"io"
	"os"
	"strconv"
	"strings"
)

// CrossScriptPair is a row of watchman's cross_script_pairs.csv with our score.
type CrossScriptPair struct {
	Query, Expected string
	MinScore        float64 // the score watchman's embedding model was expected to reach
	Positive        bool    // MinScore ≥ 0.8: the pairs the file counts as solid matches
	Score           Score
}

// CrossScriptReport counts the cross-script pairs found at the default threshold.
type CrossScriptReport struct {
	Pairs                     []CrossScriptPair
	Positives, PositivesFound int
	Found                     int // among all pairs
}

// BenchCrossScript scores watchman's cross-script pairs (Query,Expected Match,Min Score,Description).
func BenchCrossScript(path string) (CrossScriptReport, error) {
	var rep CrossScriptReport
	f, err := os.Open(path)
	if err != nil {
		return rep, fmt.Errorf("open %s: %w", path, err)
	}
	defer f.Close()
	r := csv.NewReader(f)
	r.Comment = '#'
	r.FieldsPerRecord = -1
	for {
		rec, err := r.Read()
		if err == io.EOF {
			break
		}
		if err != nil {
			return rep, fmt.Errorf("read %s: %w", path, err)
		}
		if len(rec) < 3 {
			continue
		}
		min, err := strconv.ParseFloat(strings.TrimSpace(rec[2]), 64)
		if err != nil {
			continue // header
		}
		p := CrossScriptPair{Query: rec[0], Expected: rec[1], MinScore: min, Positive: min >= 0.8}
		p.Score = Compare(Prepare(p.Query, Options{Kind: KindPerson}), Prepare(p.Expected, Options{Kind: KindPerson}))
		if p.Score.Match {
			rep.Found++
		}
		if p.Positive {
			rep.Positives++
			if p.Score.Match {
				rep.PositivesFound++
			}
		}
		rep.Pairs = append(rep.Pairs, p)
	}
	return rep, nil
}

// ScreeningReport is the evaluation on yente's candidate-generation fixtures: the UN-listed persons with
// typos and reorderings against their listed names, and synthetic non-listed persons screened against the
// listed names through the key index.
type ScreeningReport struct {
	// PositiveScores are the scores of the treated names against their listed names, 0 when the index did
	// not find the listed name; NegativeBest the best score of each negative among its candidates.
	PositiveScores []float64
	NegativeBest   map[string][]float64

	Positives        int // treated UN names
	Recalled         int // scored at or above the default threshold against their listed name
	FoundByKeys      int // their listed name shares a key with them
	RecalledScreened int // both: found by the index and scored at or above the threshold
	Negatives        map[string]int
	FalsePositives   map[string]int // negatives with any listed name at or above the threshold
	Comparisons      int            // comparisons made for the negatives
	Examples         []string       // a few false positives, for reading
}

// BenchScreening evaluates on yente's candidate_generation_benchmark fixtures folder.
func BenchScreening(dir string) (ScreeningReport, error) {
	rep := ScreeningReport{Negatives: map[string]int{}, FalsePositives: map[string]int{}, NegativeBest: map[string][]float64{}}
	listed, err := fullNames(dir + "/positives_un_untreated.csv")
	if err != nil {
		return rep, err
	}
	treated, err := fullNames(dir + "/positives_un_treated.csv")
	if err != nil {
		return rep, err
	}
	if len(listed) != len(treated) {
		return rep, fmt.Errorf("positives: %d listed names, %d treated", len(listed), len(treated))
	}
	person := Options{Kind: KindPerson}
	index := map[string][]int{}
	prepared := make([]Name, len(listed))
	for i, s := range listed {
		prepared[i] = Prepare(s, person)
		for _, k := range prepared[i].Keys() {
			index[k] = append(index[k], i)
		}
	}
	candidates := func(n Name) []int {
		seen := map[int]bool{}
		var out []int
		for _, k := range n.Keys() {
			for _, i := range index[k] {
				if !seen[i] {
					seen[i] = true
					out = append(out, i)
				}
			}
		}
		return out
	}
	for i, s := range treated {
		q := Prepare(s, person)
		rep.Positives++
		sc := Compare(q, prepared[i])
		if sc.Match {
			rep.Recalled++
		}
		found := 0.0
		for _, c := range candidates(q) {
			if c == i {
				rep.FoundByKeys++
				found = sc.Value
				if sc.Match {
					rep.RecalledScreened++
				}
				break
			}
		}
		rep.PositiveScores = append(rep.PositiveScores, found)
	}
	for _, file := range []string{"negatives_global.csv", "negatives_us.csv"} {
		negs, err := fullNames(dir + "/" + file)
		if err != nil {
			return rep, err
		}
		for _, s := range negs {
			q := Prepare(s, person)
			rep.Negatives[file]++
			best, bestC := 0.0, -1
			for _, c := range candidates(q) {
				rep.Comparisons++
				if v := Compare(q, prepared[c]).Value; v > best {
					best, bestC = v, c
				}
			}
			rep.NegativeBest[file] = append(rep.NegativeBest[file], best)
			if best >= DefaultThreshold {
				rep.FalsePositives[file]++
				if len(rep.Examples) < 12 {
					rep.Examples = append(rep.Examples, fmt.Sprintf("%s ~ %s %.3f", s, listed[bestC], best))
				}
			}
		}
	}
	return rep, nil
}

func fullNames(path string) ([]string, error) {
	rows, err := readCSV(path)
	if err != nil {
		return nil, err
	}
	out := make([]string, len(rows))
	for i, r := range rows {
		out[i] = r["full_name"]
	}
	return out, nil
}

// At returns the recall of the treated names (found by the index and scored at or above the threshold) and
// the number of negatives, over both files, with a listed name at or above it.
func (r ScreeningReport) At(threshold float64) (recall float64, falsePositives int) {
	n := 0
	for _, s := range r.PositiveScores {
		if s >= threshold {
			n++
		}
	}
	for _, best := range r.NegativeBest {
		for _, s := range best {
			if s >= threshold {
				falsePositives++
			}
		}
	}
	if len(r.PositiveScores) > 0 {
		recall = float64(n) / float64(len(r.PositiveScores))
	}
	return recall, falsePositives
}
