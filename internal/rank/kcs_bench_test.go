package rank

import (
	"os"
	"testing"
)

// BenchmarkKCS measures every task of KCSTasks() on the test split (train+valid → test) and prints the report,
// as `make bench-goods` does: go test -run '^$' -bench KCS$ -benchtime 1x ./internal/rank
func BenchmarkKCS(b *testing.B) {
	for b.Loop() {
		res, err := WriteKCSReport(os.Stdout, kcsDir, Config{})
		if err != nil {
			b.Fatal(err)
		}
		for _, r := range res {
			prefix := "fraud"
			if len(r.Task.Positive) > 0 {
				prefix = "critical"
			}
			for i, f := range r.Task.Fracs {
				b.ReportMetric(r.Precision[i], prefix+"-P@"+pct(f))
			}
		}
	}
}

// BenchmarkKCSValid is the model-selection run: it trains on 2020 only and measures on January–March 2021,
// never touching the test split.
func BenchmarkKCSValid(b *testing.B) {
	d := loadKCS(b)
	valid := &KCSData{Header: d.Header, Train: d.Train[:len(d.Train):len(d.Train)], Test: d.Valid}
	for b.Loop() {
		for _, t := range KCSTasks() {
			r, err := RunKCS(valid, t, Config{})
			if err != nil {
				b.Fatal(err)
			}
			b.Log("valid: ", r)
		}
	}
}

// BenchmarkScore measures scoring throughput on the KCS test rows.
func BenchmarkScore(b *testing.B) {
	d := loadKCS(b)
	m, err := Train(d.Train, d.Header, "Fraud", KCSConfig(Config{Trees: 400}, KCSTasks()[0]))
	if err != nil {
		b.Fatal(err)
	}
	b.ResetTimer()
	for b.Loop() {
		m.ScoreAll(d.Test)
	}
	b.ReportMetric(float64(len(d.Test))*float64(b.N)/b.Elapsed().Seconds(), "rows/s")
}

func pct(f float64) string {
	return formatG(f*100) + "%"
}
