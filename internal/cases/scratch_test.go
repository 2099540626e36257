package cases_test

import (
	"encoding/json"
	"context"
	"os"
	"testing"

	"tradetrace/internal/cases"
	"tradetrace/internal/duckdb"
	"tradetrace/internal/sample"
)

func TestScratchDemo(t *testing.T) {
	path := os.Getenv("CASES_DEMO")
	if path == "" {
		t.Skip()
	}
	ctx := context.Background()
	st, err := duckdb.Open(ctx, path, duckdb.Config{})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	in, err := st.CaseInputs(ctx)
	if err != nil {
		t.Fatal(err)
	}
	cs := cases.Build(in, cases.Options{})
	key, _ := sample.ReadKey("/tmp/coord/sample/planted.json")
	ev := map[string]string{}
	for _, e := range key.Events {
		for _, r := range e.Records {
			ev[r.RecordID] = e.ID
		}
	}
	fk := map[string][]string{}
	det := map[string]string{}
	score := map[string]float64{}
	for _, i := range in {
		fk[i.Finding.Key] = i.Finding.Shipments
		det[i.Finding.Key] = i.Finding.Detector
		score[i.Finding.Key] = i.Finding.Score
	}
	best := map[string]int{}
	for n, c := range cs {
		tags := map[string]bool{}
		for _, k := range c.Findings {
			for _, s := range fk[k] {
				if e, ok := ev[s]; ok {
					tags[e] = true
					if _, ok := best[e]; !ok {
						best[e] = n + 1
					}
				}
			}
		}
		if n < 40 || len(tags) > 0 && os.Getenv("CASES_ALL") != "" {
			det := map[string]float64{}
			for _, r := range c.Reasons {
				if r.Detector != "" && r.Score > det[r.Detector] {
					det[r.Detector] = r.Score
				}
			}
			t.Logf("%2d %.3f %-5s %3d %-40.40s %v %v", n+1, c.Score, c.Kind, len(c.Findings), c.Title, keys(tags), det)
		}
	}
	t.Logf("cases %d; best rank per event %v", len(cs), best)
	if out := os.Getenv("CASES_DUMP"); out != "" {
		type row struct {
			Key    string
			Tags   []string
			Scores map[string][]float64
		}
		var rows []row
		for _, c := range cs {
			r := row{Key: c.Key, Scores: map[string][]float64{}}
			tags := map[string]bool{}
			for _, k := range c.Findings {
				for _, s := range fk[k] {
					if e, ok := ev[s]; ok {
						tags[e] = true
					}
				}
				r.Scores[det[k]] = append(r.Scores[det[k]], score[k])
			}
			r.Tags = keys(tags)
			rows = append(rows, r)
		}
		b, _ := json.Marshal(rows)
		os.WriteFile(out, b, 0o644)
	}
}

func keys(m map[string]bool) []string {
	var out []string
	for k := range m {
		out = append(out, k)
	}
	return out
}
