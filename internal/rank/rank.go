// Package rank learns a risk ranking of declarations from labelled history: which rows of a table should be
// inspected first. It works on any table of strings: it detects categorical, numeric, code and date columns,
// ignores identifiers unique per row, profiles categories and their pairs by their out-of-fold rate of positive
// labels (risk profiles), and fits gradient-boosted decision trees with the logistic loss on those profiles and
// the numeric features. Everything is deterministic for a given Config.Seed.
package rank

import (
	"errors"
	"fmt"
	"math"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"sync"
)

// Version identifies the algorithm; it is stored with every model.
const Version = "rank/1"

// ErrNoLabel reports training data without both positive and negative labelled rows.
var ErrNoLabel = errors.New("training rows need both positive and negative labels")

// Config sets up training. The zero value uses the defaults listed on each field.
type Config struct {
	// Positive lists the label values that count as positive. Empty means: a number > 0, or true/yes/y.
	Positive []string
	// Roles overrides the detected role of columns, by header name.
	Roles map[string]Role
	// Folds is the number of folds for out-of-fold profiles (default 5).
	Folds int
	// Smoothing is the weight of the prior in a profile, in rows (default 1).
	Smoothing float64
	// MaxPairs is how many profiles of pairs of fields are kept, the best first (default 24; -1 for none).
	MaxPairs int
	// NoValueProfiles stops profiling numbers by their exact value (for tables whose numbers never repeat).
	NoValueProfiles bool
	// Bands is the number of quantile bands of measures and their ratios (default 16).
	Bands int
	// Trees is the number of boosting rounds (default 400).
	Trees int
	// LearningRate shrinks every tree (default 0.05).
	LearningRate float64
	// MaxLeaves bounds the leaves of a tree (default 31); MaxDepth its depth (default 8).
	MaxLeaves, MaxDepth int
	// MinLeafRows is the least number of rows in a leaf (default 20).
	MinLeafRows int
	// L2 is the L2 penalty on leaf values (default 1).
	L2 float64
	// RowSample and ColSample are the fractions of rows and features drawn for each tree (default 0.8 each).
	RowSample, ColSample float64
	// Seed makes folds and sampling reproducible.
	Seed uint64
}

func (c Config) withDefaults() Config {
	setInt := func(p *int, v int) {
		if *p == 0 {
			*p = v
		}
	}
	setFloat := func(p *float64, v float64) {
		if *p == 0 {
			*p = v
		}
	}
	setInt(&c.Folds, 5)
	setFloat(&c.Smoothing, 1)
	setInt(&c.MaxPairs, 24)
	setInt(&c.Bands, 16)
	setInt(&c.Trees, 400)
	setFloat(&c.LearningRate, 0.05)
	setInt(&c.MaxLeaves, 31)
	setInt(&c.MaxDepth, 8)
	setInt(&c.MinLeafRows, 20)
	setFloat(&c.L2, 1)
	setFloat(&c.RowSample, 0.8)
	setFloat(&c.ColSample, 0.8)
	c.Folds = max(c.Folds, 2)
	c.Bands = max(c.Bands, 2)
	c.MaxLeaves = max(c.MaxLeaves, 2)
	return c
}

// Model is a trained ranking. It is safe for concurrent scoring.
type Model struct {
	version   string
	label     string
	positive  []string
	header    []string
	columns   []Column
	fields    []field
	encoders  []*encoder
	numerics  []numeric
	names     []string  // feature names, in feature-vector order
	gain      []float64 // total split gain per feature
	forest    *forest
	trainRows int
	trainPos  int
}

// Train fits a model on rows (cells in header order) to predict the column label.
func Train(rows [][]string, header []string, label string, cfg Config) (*Model, error) {
	cfg = cfg.withDefaults()
	li := slices.Index(header, label)
	if li < 0 {
		return nil, fmt.Errorf("train: label column %q not in header", label)
	}
	var kept [][]string
	var y []float64
	npos := 0
	for _, row := range rows {
		s := cell(row, li)
		if s == "" {
			continue // unlabelled rows teach nothing
		}
		v := isPositive(s, cfg.Positive)
		kept = append(kept, row)
		if v {
			y = append(y, 1)
			npos++
		} else {
			y = append(y, 0)
		}
	}
	if npos == 0 || npos == len(y) {
		return nil, fmt.Errorf("train on %d rows with %d positive: %w", len(y), npos, ErrNoLabel)
	}
	m := &Model{version: Version, label: label, positive: cfg.Positive, header: slices.Clone(header),
		trainRows: len(y), trainPos: npos}
	m.columns = inferColumns(header, kept, li, cfg)
	m.fields, m.numerics = planFeatures(m.columns, kept, cfg.Bands)
	tt := tokenize(m.fields, kept)
	fold := folds(len(y), cfg.Folds, cfg.Seed)

	var cols [][]float64
	addProfile := func(fs []int, res oofResult, count bool) {
		e := &encoder{Fields: fs, Smooth: cfg.Smoothing, Count: count, Stats: fullStats(tt, fs, y)}
		e.Prior = (float64(npos) + 1) / (float64(len(y)) + 2) // as in outOfFold
		names := make([]string, len(fs))
		for i, f := range fs {
			names[i] = m.fields[f].Name
		}
		e.Name = strings.Join(names, " × ")
		m.encoders = append(m.encoders, e)
		cols = append(cols, res.rate)
		m.names = append(m.names, "risk of "+e.Name)
		if count {
			cols = append(cols, res.count)
			m.names = append(m.names, "rows with "+e.Name)
		}
	}
	for f := range m.fields {
		ids, nk := tt.keyIDs([]int{f})
		addProfile([]int{f}, outOfFold(ids, nk, y, fold, cfg.Folds, cfg.Smoothing, true), true)
	}
	for _, c := range selectPairs(tt, m.fields, y, fold, cfg.Folds, cfg.Smoothing, cfg.MaxPairs) {
		addProfile(c.fields, c.oof, false)
	}
	for _, nm := range m.numerics {
		col := make([]float64, len(kept))
		for r, row := range kept {
			col[r] = nm.value(row)
		}
		cols = append(cols, col)
		m.names = append(m.names, nm.Name)
	}
	m.forest, m.gain = boost(cols, y, boostParams{
		trees: cfg.Trees, rowSample: cfg.RowSample, colSample: cfg.ColSample, maxBins: 256, seed: cfg.Seed,
		tree: treeParams{maxLeaves: cfg.MaxLeaves, maxDepth: cfg.MaxDepth, minLeaf: cfg.MinLeafRows,
			minHess: 1e-3, lambda: cfg.L2, shrinkage: cfg.LearningRate},
	})
	return m, nil
}

// isPositive reports whether the label value s is positive.
func isPositive(s string, positive []string) bool {
	if len(positive) > 0 {
		return slices.Contains(positive, s)
	}
	if v, err := strconv.ParseFloat(s, 64); err == nil {
		return v > 0
	}
	switch strings.ToLower(s) {
	case "true", "yes", "y", "t":
		return true
	}
	return false
}

// features writes the feature vector of row into x (len(m.names)).
func (m *Model) features(row []string, x []float64, tokens []string) {
	for i, f := range m.fields {
		tokens[i] = f.token(row)
	}
	j := 0
	for _, e := range m.encoders {
		s := e.Stats[e.key(tokens)]
		x[j] = e.rate(s)
		j++
		if e.Count {
			x[j] = s.N
			j++
		}
	}
	for _, nm := range m.numerics {
		x[j] = nm.value(row)
		j++
	}
}

// Score returns the estimated probability that row (cells in the training header order) is positive.
func (m *Model) Score(row []string) float64 {
	x := make([]float64, len(m.names))
	tokens := make([]string, len(m.fields))
	m.features(row, x, tokens)
	return sigmoid(m.forest.logit(x))
}

// ScoreAll scores many rows in the training header order, on all CPUs when there are many.
func (m *Model) ScoreAll(rows [][]string) []float64 {
	out := make([]float64, len(rows))
	const chunk = 2048
	workers := min(runtime.GOMAXPROCS(0), (len(rows)+chunk-1)/chunk)
	if workers <= 1 {
		m.scoreInto(rows, out)
		return out
	}
	var wg sync.WaitGroup
	per := (len(rows) + workers - 1) / workers
	for lo := 0; lo < len(rows); lo += per {
		hi := min(lo+per, len(rows))
		wg.Go(func() { m.scoreInto(rows[lo:hi], out[lo:hi]) })
	}
	wg.Wait()
	return out
}

func (m *Model) scoreInto(rows [][]string, out []float64) {
	x := make([]float64, len(m.names))
	tokens := make([]string, len(m.fields))
	for i, row := range rows {
		m.features(row, x, tokens)
		out[i] = sigmoid(m.forest.logit(x))
	}
}

// Align reorders rows read under another header into the training header order; columns missing from header
// are left empty. It fails when none of the model's columns is present.
func (m *Model) Align(header []string, rows [][]string) ([][]string, error) {
	pos := make([]int, len(m.header))
	found := 0
	for i, name := range m.header {
		pos[i] = slices.Index(header, name)
		if pos[i] >= 0 {
			found++
		}
	}
	if found == 0 {
		return nil, fmt.Errorf("align: none of the %d model columns in header", len(m.header))
	}
	out := make([][]string, len(rows))
	for r, row := range rows {
		o := make([]string, len(m.header))
		for i, p := range pos {
			o[i] = cell(row, p)
		}
		out[r] = o
	}
	return out, nil
}

func sigmoid(z float64) float64 { return 1 / (1 + math.Exp(-z)) }

// Info describes a trained model.
type Info struct {
	Version   string
	Label     string
	Rows      int // labelled training rows
	Positives int
	Trees     int
	Columns   []Column
	Features  []Feature // by decreasing importance
}

// Feature is one input of the trees with its share of the total split gain.
type Feature struct {
	Name       string
	Importance float64
}

// Info returns what the model was trained on and which features it relies on.
func (m *Model) Info() Info {
	in := Info{Version: m.version, Label: m.label, Rows: m.trainRows, Positives: m.trainPos,
		Trees: len(m.forest.Trees), Columns: slices.Clone(m.columns)}
	var total float64
	for _, g := range m.gain {
		total += g
	}
	for i, n := range m.names {
		imp := 0.0
		if total > 0 {
			imp = m.gain[i] / total
		}
		in.Features = append(in.Features, Feature{Name: n, Importance: imp})
	}
	slices.SortStableFunc(in.Features, func(a, b Feature) int {
		switch {
		case a.Importance > b.Importance:
			return -1
		case a.Importance < b.Importance:
			return 1
		}
		return 0
	})
	return in
}
