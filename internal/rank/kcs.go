package rank

import (
	"fmt"
	"io"
	"path/filepath"
	"slices"
	"strings"
	"time"
)

// The Korea Customs Service synthetic import declarations (Jeong et al., "Customs Import Declaration Datasets",
// arXiv:2208.02484) split by date: train = 2020, valid = Jan–Mar 2021, test = Apr–Jun 2021.
const (
	kcsTrain = "df_syn_train_eng.csv"
	kcsValid = "df_syn_valid_eng.csv"
	kcsTest  = "df_syn_test_eng.csv"
)

// KCSTask is one label to rank on the KCS declarations.
type KCSTask struct {
	Label    string   // the label column
	Positive []string // label values that count as positive (empty: any value > 0)
	Fracs    []float64
}

// KCSTasks returns the measured tasks: any fraud, and critical fraud (Critical Fraud = 2).
func KCSTasks() []KCSTask {
	return []KCSTask{
		{Label: "Fraud", Fracs: []float64{0.01, 0.05, 0.10}},
		{Label: "Critical Fraud", Positive: []string{"2"}, Fracs: []float64{0.01, 0.05, 0.10}},
	}
}

// KCSResult is the measurement of one task on the test split.
type KCSResult struct {
	Task          KCSTask
	TrainRows     int
	TestRows      int
	TestPositives int
	Precision     []float64 // at Task.Fracs
	Recall        []float64
	AUC           float64
	TrainTime     time.Duration
	ScoreTime     time.Duration
}

// RowsPerSecond is the scoring throughput.
func (r KCSResult) RowsPerSecond() float64 {
	return float64(r.TestRows) / max(r.ScoreTime.Seconds(), 1e-9)
}

// KCSData is the benchmark loaded from its directory.
type KCSData struct {
	Header             []string
	Train, Valid, Test [][]string
}

// LoadKCS reads the three splits from dir.
func LoadKCS(dir string) (*KCSData, error) {
	d := &KCSData{}
	var err error
	var h [3][]string
	for i, p := range []struct {
		name string
		rows *[][]string
	}{{kcsTrain, &d.Train}, {kcsValid, &d.Valid}, {kcsTest, &d.Test}} {
		h[i], *p.rows, err = ReadCSVFile(filepath.Join(dir, p.name))
		if err != nil {
			return nil, fmt.Errorf("load kcs: %w", err)
		}
	}
	if !slices.Equal(h[0], h[1]) || !slices.Equal(h[0], h[2]) {
		return nil, fmt.Errorf("load kcs: the splits have different headers")
	}
	d.Header = h[0]
	return d, nil
}

// KCSConfig returns cfg set up for task: every label column other than the task's is ignored, so that one
// label cannot leak into the prediction of the other.
func KCSConfig(cfg Config, task KCSTask) Config {
	roles := make(map[string]Role, len(cfg.Roles)+2)
	for k, v := range cfg.Roles {
		roles[k] = v
	}
	for _, t := range KCSTasks() {
		if t.Label != task.Label {
			roles[t.Label] = RoleIgnore
		}
	}
	cfg.Roles = roles
	cfg.Positive = task.Positive
	return cfg
}

// RunKCS trains on train+valid (everything before April 2021) and measures the ranking of the test split
// (April–June 2021) for task.
func RunKCS(d *KCSData, task KCSTask, cfg Config) (KCSResult, error) {
	res := KCSResult{Task: task, TestRows: len(d.Test)}
	li := slices.Index(d.Header, task.Label)
	if li < 0 {
		return res, fmt.Errorf("run kcs: no column %q", task.Label)
	}
	train := slices.Concat(d.Train, d.Valid)
	res.TrainRows = len(train)
	cfg = KCSConfig(cfg, task)
	start := time.Now()
	m, err := Train(train, d.Header, task.Label, cfg)
	if err != nil {
		return res, fmt.Errorf("run kcs %s: %w", task.Label, err)
	}
	res.TrainTime = time.Since(start)
	start = time.Now()
	scores := m.ScoreAll(d.Test)
	res.ScoreTime = time.Since(start)
	labels := make([]bool, len(d.Test))
	for i, row := range d.Test {
		labels[i] = isPositive(cell(row, li), task.Positive)
		if labels[i] {
			res.TestPositives++
		}
	}
	for _, f := range task.Fracs {
		res.Precision = append(res.Precision, PrecisionAt(scores, labels, f))
		res.Recall = append(res.Recall, RecallAt(scores, labels, f))
	}
	res.AUC = AUC(scores, labels)
	return res, nil
}

// WriteKCSReport runs every task of KCSTasks() on the benchmark in dir and writes a plain-text report to w.
func WriteKCSReport(w io.Writer, dir string, cfg Config) ([]KCSResult, error) {
	d, err := LoadKCS(dir)
	if err != nil {
		return nil, err
	}
	fmt.Fprintf(w, "KCS synthetic declarations: train+valid %d rows (2020 – Mar 2021), test %d rows (Apr – Jun 2021)\n",
		len(d.Train)+len(d.Valid), len(d.Test))
	var out []KCSResult
	for _, t := range KCSTasks() {
		r, err := RunKCS(d, t, cfg)
		if err != nil {
			return out, err
		}
		out = append(out, r)
		fmt.Fprintln(w, r.String())
	}
	return out, nil
}

// String formats the result on one line.
func (r KCSResult) String() string {
	var b strings.Builder
	name := r.Task.Label
	if len(r.Task.Positive) > 0 {
		name += " = " + strings.Join(r.Task.Positive, "|")
	}
	fmt.Fprintf(&b, "%-18s positives %4d/%d  AUC %.4f ", name, r.TestPositives, r.TestRows, r.AUC)
	for i, f := range r.Task.Fracs {
		fmt.Fprintf(&b, " P@%g%% %.3f R@%g%% %.3f", f*100, r.Precision[i], f*100, r.Recall[i])
	}
	fmt.Fprintf(&b, "  train %.1fs  score %.0f rows/s", r.TrainTime.Seconds(), r.RowsPerSecond())
	return b.String()
}
