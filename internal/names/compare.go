package names

import (
	"fmt"
	"math"
	"strings"
)

// DefaultThreshold is the score from which two names are taken to match.
const DefaultThreshold = 0.5

// Score is the result of comparing two names, with its explanation.
type Score struct {
	Value     float64   // 0–1
	Threshold float64   // the default threshold of this algorithm version
	Match     bool      // Value ≥ Threshold
	Version   string    // algorithm version
	Features  []Feature // what the score is made of
	Pairs     []Pair    // how the tokens were aligned
}

// Feature is one piece of evidence of a Score. The score is the logistic function of the sum of the
// contributions (plus the intercept, listed as the feature "bias").
type Feature struct {
	Name         string
	Value        float64
	Weight       float64
	Contribution float64 // Value × Weight
	Detail       string  `json:",omitempty"`
}

// Pair is an aligned pair of token runs.
type Pair struct {
	A, B string
	Sim  float64
}

// String renders the score and its features on one line each.
func (s Score) String() string {
	var b strings.Builder
	fmt.Fprintf(&b, "score %.3f (threshold %.2f, %s)\n", s.Value, s.Threshold, s.Version)
	for _, p := range s.Pairs {
		fmt.Fprintf(&b, "  %s ~ %s %.2f\n", p.A, p.B, p.Sim)
	}
	for _, f := range s.Features {
		fmt.Fprintf(&b, "  %-16s %7.3f × %6.2f = %+.3f %s\n", f.Name, f.Value, f.Weight, f.Contribution, f.Detail)
	}
	return b.String()
}

// Model weights. The name features were fitted by logistic regression (internal/gen/fit) on one half of
// nomenklatura's name_bench_cases.csv, the other half held out; identifier and country weights are set by
// hand (the benchmark has neither).
var model = struct {
	bias, coverage, coverageMax, agreement, conflict, extra, conflictFlat, weakestWord, weakest, filiation,
	single, legalMismatch, numberExtra, numberMismatch, idMatch, idMismatch, countryMatch, countryMismatch float64
}{
	bias: -8.98, coverage: 3.81, coverageMax: 2.93, agreement: 3.22, conflict: -2.89, extra: -1.56,
	conflictFlat: -3.34, weakestWord: 1.02, weakest: 1.05, single: 0.81, legalMismatch: -1.21,
	numberExtra: -0.59,
	// set by hand: too few examples in the benchmark (filiation: 4 cases; numbers: contradictory labels)
	filiation: -5, numberMismatch: -0.5, idMatch: 5, idMismatch: -2, countryMatch: 0.4, countryMismatch: -1,
}

// Compare compares two prepared names.
func Compare(a, b Name) Score { return CompareWords(a, b).Score(a, b) }

// Words is the part of a comparison that the two names' words decide, before their identifiers and countries
// are weighed: Compare(a, b) is CompareWords(a, b).Score(a, b). Screening compares a name's words with a listed
// name once, then weighs the identifiers and countries of each party that bears the name.
type Words struct {
	features []Feature
	edges    []edge
	z        float64 // the sum of the features' contributions so far, in their order
	empty    bool    // a side has no words
}

// CompareWords compares the words of two prepared names.
func CompareWords(a, b Name) Words {
	edges := align(a.tokens, b.tokens, a.runs, b.runs)
	ev := evidence(a.tokens, b.tokens, edges)
	w := Words{edges: edges, z: model.bias, empty: len(a.tokens) == 0 || len(b.tokens) == 0}
	w.features = make([]Feature, 0, 16)
	w.features = append(w.features, Feature{Name: "bias", Value: 1, Weight: model.bias, Contribution: model.bias})
	w.add("coverage", ev.coverage, model.coverage, "weighted share of both names matched")
	w.add("coverage_max", ev.coverageMax, model.coverageMax, "weighted share of the better-covered name")
	w.add("agreement", ev.agreement, model.agreement, "weighted share of both names in close agreement")
	w.add("conflict", ev.conflict, model.conflict, ev.conflictDetail)
	w.add("extra", ev.extra, model.extra, ev.extraDetail)
	w.add("conflict_flat", ev.conflictFlat, model.conflictFlat, "conflict counting every word alike")
	w.add("weakest_word", ev.weakestWord, model.weakestWord, "similarity of the weakest pair of words")
	w.add("weakest", ev.weakest, model.weakest, "similarity of the weakest important pair")
	w.add("filiation", b2f(ev.filiation), model.filiation, "names swap sides of bin/ibn/ben")
	w.add("single_token", ev.single, model.single, "one word on a side")
	lf := legalEvidence(a.legal, b.legal)
	w.add("legal_form", b2f(lf != ""), model.legalMismatch, lf)
	w.add("number", b2f(ev.numbers < 0), model.numberMismatch, "different numbers")
	w.add("number_extra", b2f(ev.numberExtra), model.numberExtra, "a number on one side only")
	return w
}

func (w *Words) add(name string, value, weight float64, detail string) {
	c := value * weight
	w.z += c
	w.features = append(w.features, Feature{Name: name, Value: value, Weight: weight, Contribution: c, Detail: detail})
}

// Value is the score the comparison reaches with the identifiers and countries of a and b, without building
// its explanation: Score(a, b).Value.
func (w Words) Value(a, b Name) float64 {
	z := w.z
	if m, _ := idEvidence(a.ids, b.ids); m > 0 {
		z += 1 * model.idMatch
	} else if m < 0 {
		z += 1 * model.idMismatch
	}
	if m, _ := countryEvidence(a.countries, b.countries); m > 0 {
		z += 1 * model.countryMatch
	} else if m < 0 {
		z += 1 * model.countryMismatch
	}
	if w.empty {
		z = math.Min(z, model.bias)
	}
	return sigmoid(z)
}

// Score completes the comparison with the identifiers and countries of a and b, the names whose words were
// compared (or names with the same words).
func (w Words) Score(a, b Name) Score {
	s := Score{Threshold: DefaultThreshold, Version: Version}
	s.Features = append(make([]Feature, 0, len(w.features)+2), w.features...)
	z := w.z
	add := func(name string, value, weight float64, detail string) {
		c := value * weight
		z += c
		s.Features = append(s.Features, Feature{Name: name, Value: value, Weight: weight, Contribution: c, Detail: detail})
	}
	if m, detail := idEvidence(a.ids, b.ids); m != 0 {
		if m > 0 {
			add("identifier", 1, model.idMatch, detail)
		} else {
			add("identifier", 1, model.idMismatch, detail)
		}
	}
	if m, detail := countryEvidence(a.countries, b.countries); m != 0 {
		if m > 0 {
			add("country", 1, model.countryMatch, detail)
		} else {
			add("country", 1, model.countryMismatch, detail)
		}
	}
	if w.empty {
		z = math.Min(z, model.bias)
	}
	s.Value = sigmoid(z)
	s.Match = s.Value >= s.Threshold
	for _, e := range w.edges {
		s.Pairs = append(s.Pairs, Pair{A: runText(a.tokens[e.a0:e.a1]), B: runText(b.tokens[e.b0:e.b1]), Sim: e.sim})
	}
	return s
}

func runText(ts []token) string {
	parts := make([]string, len(ts))
	for i, t := range ts {
		parts[i] = t.latin
	}
	return strings.Join(parts, " ")
}

// legalEvidence describes a difference of legal-form families, or returns "".
func legalEvidence(a, b []LegalForm) string {
	if len(a) == 0 || len(b) == 0 {
		return ""
	}
	for _, x := range a {
		for _, y := range b {
			if x.Family == y.Family {
				return ""
			}
		}
	}
	return fmt.Sprintf("legal forms %s ≠ %s", familyOf(a), familyOf(b))
}

// idEvidence: +1 when an identifier is shared, −1 when both sides have identifiers of a common scheme and
// none agrees, 0 otherwise.
func idEvidence(a, b []Identifier) (int, string) {
	if len(a) == 0 || len(b) == 0 {
		return 0, ""
	}
	commonScheme := false
	for _, x := range a {
		for _, y := range b {
			same := x.Scheme == y.Scheme || x.Scheme == "" || y.Scheme == ""
			if same && x.Value == y.Value {
				return 1, fmt.Sprintf("same %s %s", strings.TrimSpace(x.Scheme+" "+y.Scheme), x.Value)
			}
			if x.Scheme == y.Scheme && x.Scheme != "" {
				commonScheme = true
			}
		}
	}
	if commonScheme {
		return -1, "different identifiers of the same scheme"
	}
	return 0, ""
}

// countryEvidence: +1 when the names share a country, −1 when both have countries and share none.
func countryEvidence(a, b []string) (int, string) {
	if len(a) == 0 || len(b) == 0 {
		return 0, ""
	}
	for _, x := range a {
		for _, y := range b {
			if x == y {
				return 1, "same country " + x
			}
		}
	}
	return -1, fmt.Sprintf("countries %s ≠ %s", strings.Join(a, ","), strings.Join(b, ","))
}

func b2f(b bool) float64 {
	if b {
		return 1
	}
	return 0
}

func sigmoid(z float64) float64 { return 1 / (1 + math.Exp(-z)) }
