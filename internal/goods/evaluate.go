package goods

import (
	"bufio"
	"fmt"
	"io"
	"slices"
	"strings"
)

// Case is one labelled description: what the classifier should say of it.
type Case struct {
	Line int    // line in the source file, for messages
	Lang string // en, ru, uk, tr or zh
	Text string
	// Classes holds the expected decided class first, then classes that must also be among the readings
	// (a military reading beside a declared sporting one, say).
	Classes []Class
	// Chapter is the expected first likely chapter; empty when no chapter is expected.
	Chapter string
	// Declared says that civilian wording bearing on the goods must be found.
	Declared bool
}

// ReadCases reads labelled descriptions, one a line, tab-separated: language, classes (comma-separated,
// the decided one first), chapter ("-" for none), flags ("declared" or "-") and the text. Blank lines and
// lines starting with # are skipped.
func ReadCases(r io.Reader) ([]Case, error) {
	var cases []Case
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 0, 64*1024), 1<<20)
	for line := 1; sc.Scan(); line++ {
		text := sc.Text()
		if strings.TrimSpace(text) == "" || text[0] == '#' {
			continue
		}
		col := strings.SplitN(text, "\t", 5)
		if len(col) != 5 {
			return nil, fmt.Errorf("cases line %d: want 5 tab-separated columns, got %d", line, len(col))
		}
		c := Case{Line: line, Lang: col[0], Text: col[4]}
		if langIndex(c.Lang) <= 0 {
			return nil, fmt.Errorf("cases line %d: unknown language %q", line, c.Lang)
		}
		for _, id := range strings.Split(col[1], ",") {
			cl := Class(strings.TrimSpace(id))
			if !cl.Valid() {
				return nil, fmt.Errorf("cases line %d: unknown class %q", line, id)
			}
			c.Classes = append(c.Classes, cl)
		}
		if col[2] != "-" {
			if len(col[2]) != 2 || !validHS(col[2]) {
				return nil, fmt.Errorf("cases line %d: chapter %q is not two digits", line, col[2])
			}
			c.Chapter = col[2]
		}
		switch col[3] {
		case "declared":
			c.Declared = true
		case "-":
		default:
			return nil, fmt.Errorf("cases line %d: unknown flags %q", line, col[3])
		}
		if strings.TrimSpace(c.Text) == "" {
			return nil, fmt.Errorf("cases line %d: empty text", line)
		}
		cases = append(cases, c)
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("read cases: %w", err)
	}
	return cases, nil
}

// Check compares a result with the case and returns what is wrong, or nil.
func (c *Case) Check(r *Result) []string {
	var bad []string
	if r.Class != c.Classes[0] {
		bad = append(bad, fmt.Sprintf("class %s, want %s", r.Class, c.Classes[0]))
	}
	for _, want := range c.Classes[1:] {
		if r.ScoreOf(want) == 0 {
			bad = append(bad, fmt.Sprintf("no %s reading", want))
		}
	}
	got := ""
	if len(r.Chapters) > 0 {
		got = r.Chapters[0]
	}
	if got != c.Chapter {
		bad = append(bad, fmt.Sprintf("chapter %q, want %q", got, c.Chapter))
	}
	if d := len(r.Declared) > 0; d != c.Declared {
		bad = append(bad, fmt.Sprintf("declared wording %v, want %v", d, c.Declared))
	}
	return bad
}

// LangReport counts the cases of one language, and how many came out right.
type LangReport struct {
	Lang       string
	Cases      int
	ClassOK    int // decided class right
	ChapterOK  int // first chapter right
	DeclaredOK int // declared wording found or not, as expected
	Passed     int // everything right
}

// Accuracy is the share of cases that passed entirely.
func (l LangReport) Accuracy() float64 { return ratio(l.Passed, l.Cases) }

// ClassAccuracy is the share of cases whose decided class is right.
func (l LangReport) ClassAccuracy() float64 { return ratio(l.ClassOK, l.Cases) }

// ChapterAccuracy is the share of cases whose first chapter is right.
func (l LangReport) ChapterAccuracy() float64 { return ratio(l.ChapterOK, l.Cases) }

func ratio(a, b int) float64 {
	if b == 0 {
		return 0
	}
	return float64(a) / float64(b)
}

// Failure is a case the classifier got wrong, with what it said.
type Failure struct {
	Case    Case
	Result  Result
	Reasons []string
}

// Report is the outcome of Evaluate: per-language counts, the total, and every failure.
type Report struct {
	Langs    []LangReport // by language, in the order en, ru, uk, tr, zh
	Total    LangReport   // Lang "all"
	Failures []Failure
}

// Evaluate classifies every case with the default classifier and reports accuracy per language.
func Evaluate(cases []Case) Report { return Default().Evaluate(cases) }

// Evaluate classifies every case and reports accuracy per language.
func (c *Classifier) Evaluate(cases []Case) Report {
	rep := Report{Total: LangReport{Lang: "all"}}
	by := make(map[string]*LangReport)
	for _, cs := range cases {
		l := by[cs.Lang]
		if l == nil {
			l = &LangReport{Lang: cs.Lang}
			by[cs.Lang] = l
		}
		r := c.Classify(cs.Text)
		bad := cs.Check(&r)
		for _, lr := range []*LangReport{l, &rep.Total} {
			lr.Cases++
			if r.Class == cs.Classes[0] {
				lr.ClassOK++
			}
			if len(r.Chapters) > 0 && r.Chapters[0] == cs.Chapter || len(r.Chapters) == 0 && cs.Chapter == "" {
				lr.ChapterOK++
			}
			if (len(r.Declared) > 0) == cs.Declared {
				lr.DeclaredOK++
			}
			if len(bad) == 0 {
				lr.Passed++
			}
		}
		if len(bad) > 0 {
			rep.Failures = append(rep.Failures, Failure{Case: cs, Result: r, Reasons: bad})
		}
	}
	for _, lang := range languages[1:] {
		if l := by[lang]; l != nil {
			rep.Langs = append(rep.Langs, *l)
			delete(by, lang)
		}
	}
	rest := make([]string, 0, len(by))
	for lang := range by {
		rest = append(rest, lang)
	}
	slices.Sort(rest)
	for _, lang := range rest {
		rep.Langs = append(rep.Langs, *by[lang])
	}
	return rep
}

// String writes the report as a table, then the failures.
func (r Report) String() string {
	var b strings.Builder
	fmt.Fprintf(&b, "%-4s %6s %8s %8s %8s %8s\n", "lang", "cases", "class", "chapter", "declared", "passed")
	for _, l := range append(slices.Clone(r.Langs), r.Total) {
		fmt.Fprintf(&b, "%-4s %6d %7.1f%% %7.1f%% %7.1f%% %7.1f%%\n", l.Lang, l.Cases, 100*l.ClassAccuracy(),
			100*l.ChapterAccuracy(), 100*ratio(l.DeclaredOK, l.Cases), 100*l.Accuracy())
	}
	for _, f := range r.Failures {
		fmt.Fprintf(&b, "line %d [%s] %q: %s\n", f.Case.Line, f.Case.Lang, f.Case.Text, strings.Join(f.Reasons, "; "))
	}
	return b.String()
}
