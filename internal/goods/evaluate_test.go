package goods

import (
	"os"
	"testing"
)

// loadCases reads testdata/descriptions.tsv.
func loadCases(t testing.TB) []Case {
	t.Helper()
	f, err := os.Open("testdata/descriptions.tsv")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	cases, err := ReadCases(f)
	if err != nil {
		t.Fatal(err)
	}
	return cases
}

func TestDescriptions(t *testing.T) {
	cases := loadCases(t)
	rep := Evaluate(cases)
	t.Logf("\n%s", rep)
	for _, f := range rep.Failures {
		t.Errorf("line %d [%s] Classify(%q): %v\n%s", f.Case.Line, f.Case.Lang, f.Case.Text, f.Reasons, f.Result.Explain())
	}
}
