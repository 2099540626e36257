package rank

import (
	"bytes"
	"errors"
	"fmt"
	"math"
	"math/rand/v2"
	"strings"
	"testing"
)

var synthHeader = []string{"ref", "date", "importer", "country", "hs", "mass", "value", "channel", "label"}

// synth generates n declarations with a planted signal: lines of HS chapter 93 from country C3 are fraudulent
// with probability 0.9, everything else with probability 0.02. ref is unique per row; hs codes of chapters below
// 10 lose their leading zero, as spreadsheets do.
func synth(n int, seed uint64) [][]string {
	rng := rand.New(rand.NewPCG(seed, 1))
	rows := make([][]string, n)
	for i := range rows {
		country := fmt.Sprintf("C%d", rng.IntN(15))
		chapter := []int{3, 39, 61, 84, 93}[rng.IntN(5)]
		hs := fmt.Sprintf("%02d%06d", chapter, rng.IntN(8)*1000)
		mass := math.Round(math.Exp(rng.NormFloat64()*1.5+5)*10) / 10
		value := math.Round(mass*math.Exp(rng.NormFloat64()*0.5+2)*100) / 100
		p := 0.02
		if country == "C3" && chapter == 93 {
			p = 0.9
		}
		label := "0"
		if rng.Float64() < p {
			label = "1"
		}
		rows[i] = []string{
			fmt.Sprintf("R%07d", seed*1e6+uint64(i)),
			fmt.Sprintf("2021-%02d-%02d", 1+i%12, 1+i%28),
			fmt.Sprintf("IMP%03d", rng.IntN(300)),
			country,
			strings.TrimLeft(hs, "0"),
			fmt.Sprint(mass),
			fmt.Sprint(value),
			[]string{"red", "green", "blue"}[rng.IntN(3)],
			label,
		}
	}
	return rows
}

func labelsOf(rows [][]string, col int) []bool {
	out := make([]bool, len(rows))
	for i, r := range rows {
		out[i] = r[col] == "1"
	}
	return out
}

var fastConfig = Config{Trees: 60, LearningRate: 0.1, MaxPairs: 8, Seed: 7}

func TestTrainFindsPlantedSignal(t *testing.T) {
	train, test := synth(4000, 1), synth(2000, 2)
	m, err := Train(train, synthHeader, "label", fastConfig)
	if err != nil {
		t.Fatal(err)
	}
	scores := m.ScoreAll(test)
	labels := labelsOf(test, 8)
	// The oracle knows the planted rule. About 1.3% of rows carry it, 90% of them positive, while 2% of the
	// others are positive at random: no ranking can beat the oracle by more than chance.
	oracle := make([]float64, len(test))
	for i, r := range test {
		if r[3] == "C3" && strings.HasPrefix(r[4], "93") {
			oracle[i] = 1
		}
	}
	if got, want := PrecisionAt(scores, labels, 0.01), PrecisionAt(oracle, labels, 0.01); got < want-0.1 {
		t.Errorf("PrecisionAt(held-out, 1%%) = %.3f, want ≥ %.3f (oracle %.3f)", got, want-0.1, want)
	}
	if got, want := AUC(scores, labels), AUC(oracle, labels); got < want-0.08 {
		t.Errorf("AUC(held-out) = %.3f, want ≥ %.3f (oracle %.3f)", got, want-0.08, want)
	}
	top := m.Info().Features[0].Name
	if !strings.Contains(top, "country") && !strings.Contains(top, "hs") {
		t.Errorf("most important feature = %q, want one built on country or hs", top)
	}
	ex := m.Explain([]string{"X", "2021-05-05", "IMP001", "C3", "93004000", "100", "900", "red", ""}, 3)
	if ex.Score < 0.5 || len(ex.Reasons) == 0 || ex.Reasons[0].Contribution <= 0 {
		t.Errorf("Explain(planted row) = %+v, want score ≥ 0.5 led by a positive reason", ex)
	}
}

// TestOutOfFoldProfiles shows that a column unique per row cannot memorise the labels: its profile is computed
// without the row's own label, so even scored on its own training rows the model ranks no better than chance.
func TestOutOfFoldProfiles(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 3))
	header := []string{"ref", "colour", "label"}
	var rows [][]string
	for i := range 3000 {
		label := "0"
		if rng.Float64() < 0.3 {
			label = "1"
		}
		rows = append(rows, []string{fmt.Sprintf("REF%d", i), []string{"a", "b", "c"}[rng.IntN(3)], label})
	}
	cfg := fastConfig
	cfg.Roles = map[string]Role{"ref": RoleCategory} // force the identifier to be profiled
	m, err := Train(rows, header, "label", cfg)
	if err != nil {
		t.Fatal(err)
	}
	labels := labelsOf(rows, 2)
	if got := AUC(m.ScoreAll(rows), labels); got > 0.6 {
		t.Errorf("AUC(training rows) with a profiled unique id = %.3f, want ≤ 0.6 (in-fold profiles would give 1)", got)
	}
	for _, f := range m.Info().Features {
		if strings.Contains(f.Name, "ref") && f.Importance > 0 {
			t.Errorf("importance of %q = %.3f, want 0", f.Name, f.Importance)
		}
	}
	// Left to detection, the identifier is not used at all.
	m, err = Train(rows, header, "label", fastConfig)
	if err != nil {
		t.Fatal(err)
	}
	if got := m.Info().Columns[0].Role; got != RoleIgnore {
		t.Errorf("role of unique column ref = %v, want ignore", got)
	}
}

func TestTrainDeterministic(t *testing.T) {
	train, test := synth(1500, 4), synth(5000, 5) // enough test rows to score in parallel
	a, err := Train(train, synthHeader, "label", fastConfig)
	if err != nil {
		t.Fatal(err)
	}
	b, err := Train(train, synthHeader, "label", fastConfig)
	if err != nil {
		t.Fatal(err)
	}
	sa, sb := a.ScoreAll(test), b.ScoreAll(test)
	for i := range sa {
		if sa[i] != sb[i] {
			t.Fatalf("score of row %d = %v then %v with the same seed, want equal", i, sa[i], sb[i])
		}
		if s := a.Score(test[i]); s != sa[i] {
			t.Fatalf("Score(row %d) = %v, ScoreAll gave %v, want equal", i, s, sa[i])
		}
	}
}

func TestSaveLoad(t *testing.T) {
	train, test := synth(1500, 6), synth(300, 7)
	m, err := Train(train, synthHeader, "label", fastConfig)
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if err := m.Save(&buf); err != nil {
		t.Fatal(err)
	}
	got, err := Load(bytes.NewReader(buf.Bytes()))
	if err != nil {
		t.Fatal(err)
	}
	want := m.ScoreAll(test)
	for i, s := range got.ScoreAll(test) {
		if s != want[i] {
			t.Fatalf("loaded model scores row %d %v, want %v", i, s, want[i])
		}
	}
	if _, err := Load(bytes.NewReader(buf.Bytes()[:buf.Len()/2])); err == nil {
		t.Errorf("Load(truncated model) = nil error, want an error")
	}
}

func TestAlign(t *testing.T) {
	train := synth(1500, 8)
	m, err := Train(train, synthHeader, "label", fastConfig)
	if err != nil {
		t.Fatal(err)
	}
	// The same rows with the columns reversed and the label dropped score the same.
	header := []string{"channel", "value", "mass", "hs", "country", "importer", "date", "ref"}
	var rows [][]string
	for _, r := range train[:50] {
		rows = append(rows, []string{r[7], r[6], r[5], r[4], r[3], r[2], r[1], r[0]})
	}
	aligned, err := m.Align(header, rows)
	if err != nil {
		t.Fatal(err)
	}
	want := m.ScoreAll(train[:50])
	for i, s := range m.ScoreAll(aligned) {
		if s != want[i] {
			t.Fatalf("aligned row %d scores %v, want %v", i, s, want[i])
		}
	}
	if _, err := m.Align([]string{"x", "y"}, rows); err == nil {
		t.Errorf("Align(unrelated header) = nil error, want an error")
	}
}

func TestTrainErrors(t *testing.T) {
	rows := synth(100, 9)
	for i := range rows {
		rows[i][8] = "0"
	}
	tests := []struct {
		name  string
		label string
		want  error
	}{
		{"no positive", "label", ErrNoLabel},
		{"no column", "missing", nil},
	}
	for _, tt := range tests {
		_, err := Train(rows, synthHeader, tt.label, fastConfig)
		if err == nil || (tt.want != nil && !errors.Is(err, tt.want)) {
			t.Errorf("%s: Train = %v, want error %v", tt.name, err, tt.want)
		}
	}
}

func TestIsPositive(t *testing.T) {
	tests := []struct {
		in       string
		positive []string
		want     bool
	}{
		{"1", nil, true},
		{"0", nil, false},
		{"2", nil, true},
		{"yes", nil, true},
		{"no", nil, false},
		{"1", []string{"2"}, false},
		{"2", []string{"2"}, true},
	}
	for _, tt := range tests {
		if got := isPositive(tt.in, tt.positive); got != tt.want {
			t.Errorf("isPositive(%q, %q) = %v, want %v", tt.in, tt.positive, got, tt.want)
		}
	}
}
