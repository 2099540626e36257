package goods

import (
	"fmt"
	"strings"
)

// Version names the classification algorithm and vocabulary; it changes whenever results may change, so
// that findings can say which reading they were built on.
const Version = "goods/1"

// Threshold is the score a controlled class needs to be the decided class of a text. Weaker controlled
// readings are kept in Result.Military and Result.Scores.
const Threshold = 0.5

// Field says which field of a declaration a piece of evidence was found in.
type Field uint8

// Fields of a declaration that ClassifyFields reads.
const (
	FieldDescription Field = iota
	FieldDescriptionEn
	FieldBrand
	FieldManufacturer
)

var fieldNames = [...]string{"description", "description_en", "brand", "manufacturer"}

func (f Field) String() string {
	if int(f) < len(fieldNames) {
		return fieldNames[f]
	}
	return ""
}

// MarshalText writes the field's name.
func (f Field) MarshalText() ([]byte, error) { return []byte(f.String()), nil }

// Evidence is one thing found in the text that counted: a word, model, brand, calibre or part number, or a
// piece of declared civilian wording.
type Evidence struct {
	Kind   Kind    `json:"kind"`
	Text   string  `json:"text"`            // the matched text, normalised
	Term   string  `json:"term"`            // the vocabulary entry it matched
	Class  Class   `json:"class,omitempty"` // the class it counted for; for declared wording, the class it claims
	Weight float64 `json:"weight"`          // what it added to the class's score (a noisy-or term)
	Lang   string  `json:"lang,omitempty"`  // language of the matched form; "xx" for codes and names
	Field  Field   `json:"field"`
	HS     string  `json:"hs,omitempty"`    // the HS code the entry points to
	Maker  string  `json:"maker,omitempty"` // the maker, for part numbers
}

// Score is one reading of a text: a class, how strongly the evidence supports it (0–1), and the HS chapter
// and heading it points to. Heading is empty when the evidence does not settle one.
type Score struct {
	Class   Class   `json:"class"`
	Score   float64 `json:"score"`
	Chapter string  `json:"chapter,omitempty"`
	Heading string  `json:"heading,omitempty"`
}

// Result is what Classify says of a text.
type Result struct {
	// Class is the decided class: the strongest controlled reading when its score reaches Threshold and
	// beats the civilian reading, otherwise Civilian.
	Class Class `json:"class"`
	// Confidence is the decided class's score discounted by the runner-up's: 0 when nothing in the text
	// was recognised and Civilian is only the default.
	Confidence float64 `json:"confidence"`
	// Chapters and Headings are the likely HS chapters and, where the evidence is confident, headings:
	// those of the decided class first.
	Chapters []string `json:"chapters,omitempty"`
	Headings []string `json:"headings,omitempty"`
	// Scores lists every class with evidence, best first.
	Scores []Score `json:"scores,omitempty"`
	// Military is the strongest controlled reading, even below Threshold; the zero Score when there is
	// none.
	Military Score `json:"military"`
	// Declared lists the civilian wording found (claims such as "hunting" and neuters such as "airsoft")
	// that bears on the goods, and DeclaredClass the class that wording claims for them.
	Declared      []Evidence `json:"declared,omitempty"`
	DeclaredClass Class      `json:"declared_class,omitempty"`
	// Evidence lists everything that counted, in text order.
	Evidence []Evidence `json:"evidence,omitempty"`
}

// Contradicts reports whether the text's strongest controlled reading reaches Threshold and differs from
// what its civilian wording claims: "civilian hunting rifles CQ-A 5.56" reads arms.military while it claims
// arms.sporting_hunting.
func (r *Result) Contradicts() bool {
	return r.Military.Score >= Threshold && r.DeclaredClass != "" && r.DeclaredClass != r.Military.Class
}

// ScoreOf returns the score of class c, or 0.
func (r *Result) ScoreOf(c Class) float64 {
	for _, s := range r.Scores {
		if s.Class == c {
			return s.Score
		}
	}
	return 0
}

// Explain writes the result on a few lines for people: the decision, the readings and the evidence.
func (r *Result) Explain() string {
	var b strings.Builder
	fmt.Fprintf(&b, "%s (confidence %.2f)", r.Class, r.Confidence)
	if len(r.Chapters) > 0 {
		fmt.Fprintf(&b, " chapters %s", strings.Join(r.Chapters, ","))
	}
	if len(r.Headings) > 0 {
		fmt.Fprintf(&b, " headings %s", strings.Join(r.Headings, ","))
	}
	b.WriteByte('\n')
	for _, s := range r.Scores {
		fmt.Fprintf(&b, "  %-26s %.2f %s %s\n", s.Class, s.Score, s.Chapter, s.Heading)
	}
	for _, e := range r.Evidence {
		fmt.Fprintf(&b, "  %-11s %-24q → %-26s %+.2f  (%s, %s)\n", e.Kind, e.Text, e.Class, e.Weight, e.Term, e.Lang)
	}
	if r.DeclaredClass != "" {
		fmt.Fprintf(&b, "  declared as %s\n", r.DeclaredClass)
	}
	return b.String()
}
