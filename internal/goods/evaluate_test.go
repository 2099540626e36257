package goods

import (
	"os"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
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

// TestDescriptions runs the hand-written descriptions: every one must come out right.
func TestDescriptions(t *testing.T) {
	cases := loadCases(t)
	if len(cases) < 200 {
		t.Fatalf("%d cases, want at least 200", len(cases))
	}
	type mix struct{ civilian, controlled int }
	by := map[string]*mix{}
	for _, c := range cases {
		m := by[c.Lang]
		if m == nil {
			m = &mix{}
			by[c.Lang] = m
		}
		if c.Classes[0] == Civilian {
			m.civilian++
		} else {
			m.controlled++
		}
	}
	for _, lang := range []string{"en", "ru", "uk", "tr", "zh"} {
		if m := by[lang]; m == nil || m.civilian < 10 || m.controlled < 20 {
			t.Errorf("language %s has %+v cases, want at least 10 civilian and 20 controlled", lang, m)
		}
	}
	rep := Evaluate(cases)
	t.Logf("\n%s", rep)
	for _, f := range rep.Failures {
		t.Errorf("line %d [%s] Classify(%q): %v\n%s", f.Case.Line, f.Case.Lang, f.Case.Text, f.Reasons,
			f.Result.Explain())
	}
	if rep.Total.Cases != len(cases) || rep.Total.Passed != len(cases)-len(rep.Failures) {
		t.Errorf("report total %+v does not add up over %d cases and %d failures", rep.Total, len(cases),
			len(rep.Failures))
	}
}

func TestReadCasesErrors(t *testing.T) {
	tests := []struct {
		name, text, want string
	}{
		{"columns", "ru\tcivilian\t69\n", "5 tab-separated columns"},
		{"language", "de\tcivilian\t69\t-\tFliesen\n", "unknown language"},
		{"class", "en\tguns\t93\t-\trifle\n", "unknown class"},
		{"chapter", "en\tcivilian\t6\t-\ttiles\n", "not two digits"},
		{"flags", "en\tcivilian\t69\tmaybe\ttiles\n", "unknown flags"},
		{"text", "en\tcivilian\t69\t-\t  \n", "empty text"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := ReadCases(strings.NewReader(tt.text))
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("ReadCases(%q) = %v, want an error containing %q", tt.text, err, tt.want)
			}
		})
	}
}

func TestEvaluateReport(t *testing.T) {
	text := "# a comment\n\n" +
		"en\tarmour.body\t63\t-\tbody armor plate carrier\n" +
		"en\tcivilian\t69\t-\tceramic tiles\n" +
		"ru\tdrone\t88\tdeclared\tквадрокоптер\n" + // wrong on purpose: nothing is declared
		"ru\tarms.military\t93\t-\tплитка керамическая\n" // wrong on purpose: class and chapter
	cases, err := ReadCases(strings.NewReader(text))
	if err != nil {
		t.Fatal(err)
	}
	rep := Evaluate(cases)
	want := []LangReport{
		{Lang: "en", Cases: 2, ClassOK: 2, ChapterOK: 2, DeclaredOK: 2, Passed: 2},
		{Lang: "ru", Cases: 2, ClassOK: 1, ChapterOK: 1, DeclaredOK: 1, Passed: 0},
	}
	if diff := cmp.Diff(want, rep.Langs); diff != "" {
		t.Errorf("Evaluate() languages (-want +got):\n%s", diff)
	}
	wantTotal := LangReport{Lang: "all", Cases: 4, ClassOK: 3, ChapterOK: 3, DeclaredOK: 3, Passed: 2}
	if rep.Total != wantTotal {
		t.Errorf("Evaluate() total = %+v, want %+v", rep.Total, wantTotal)
	}
	if len(rep.Failures) != 2 || rep.Failures[0].Case.Line != 5 || len(rep.Failures[1].Reasons) != 2 {
		t.Errorf("Evaluate() failures = %+v, want lines 5 and 6, the second with two reasons", rep.Failures)
	}
	if got := rep.Total.Accuracy(); got != 0.5 {
		t.Errorf("Accuracy() = %v, want 0.5", got)
	}
	if s := rep.String(); !strings.Contains(s, "line 6 [ru]") || !strings.Contains(s, " 50.0%") {
		t.Errorf("String() = %q, want the failures and the percentages", s)
	}
}

// TestHeldOut reports accuracy on descriptions written after the vocabulary was tuned and never used to
// tune it. Its floor only guards against regressions; the number is the honest measure of how the reader
// does on text it has not seen.
func TestHeldOut(t *testing.T) {
	f, err := os.Open("testdata/heldout.tsv")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	cases, err := ReadCases(f)
	if err != nil {
		t.Fatal(err)
	}
	rep := Evaluate(cases)
	t.Logf("held out:\n%s", rep)
	if rep.Total.ClassAccuracy() < heldOutFloor {
		t.Errorf("held-out class accuracy %.3f, below the floor %.2f", rep.Total.ClassAccuracy(), heldOutFloor)
	}
}

// heldOutFloor is set below the class accuracy measured when the held-out set was first run (57 of 58,
// 0.983).
const heldOutFloor = 0.9
