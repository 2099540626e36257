package screen

import (
	"fmt"
	"strings"

	"tradetrace/internal/trade"
)

// Summary is a match as stored and shown: the list entry, the names compared, the score with its version and
// threshold, and the explanation (the features with their weights and the aligned words).
type Summary struct {
	List      string        `json:"list"`
	SourceID  string        `json:"source_id"`
	Caption   string        `json:"caption"`
	Schema    string        `json:"schema"`
	Programs  []string      `json:"programs,omitempty"`
	Topics    []trade.Topic `json:"topics,omitempty"`
	Query     string        `json:"query"` // the name screened
	Name      string        `json:"name"`  // the entry's name it matched
	NameKind  string        `json:"name_kind"`
	Score     float64       `json:"score"`
	Risk      float64       `json:"risk"`
	Threshold float64       `json:"threshold"`
	Version   string        `json:"version"`
	Features  []Feature     `json:"features"`
	Pairs     []string      `json:"pairs"`
}

// Feature is one feature of a score's explanation.
type Feature struct {
	Name         string  `json:"name"`
	Value        float64 `json:"value"`
	Weight       float64 `json:"weight"`
	Contribution float64 `json:"contribution"`
	Detail       string  `json:"detail,omitempty"`
}

var nameKinds = map[trade.NameKind]string{trade.NamePrimary: "primary", trade.NameAlias: "alias", trade.NameWeak: "weak alias",
	trade.NameFormer: "former name"}

// Summary returns the match as stored and shown, for the query name given.
func (m Match) Summary(query string) Summary {
	s := Summary{List: m.List, SourceID: m.SourceID, Caption: m.Caption, Schema: string(m.Schema), Programs: m.Programs,
		Topics: m.Topics, Query: query, Name: m.Name, NameKind: nameKinds[m.NameKind], Score: round3(m.Score.Value),
		Risk: round3(m.Risk()), Threshold: m.Score.Threshold, Version: m.Score.Version}
	for _, f := range m.Score.Features {
		if f.Contribution == 0 && f.Name != "bias" {
			continue
		}
		s.Features = append(s.Features, Feature{Name: f.Name, Value: round3(f.Value), Weight: f.Weight,
			Contribution: round3(f.Contribution), Detail: f.Detail})
	}
	for _, p := range m.Score.Pairs {
		s.Pairs = append(s.Pairs, fmt.Sprintf("%s ~ %s %.2f", p.A, p.B, p.Sim))
	}
	return s
}

// Explain renders the explanation in one line: the aligned words and the features that count most.
func (s Summary) Explain() string {
	var parts []string
	if len(s.Pairs) > 0 {
		parts = append(parts, strings.Join(s.Pairs, ", "))
	}
	for _, f := range s.Features {
		if f.Name == "bias" {
			continue
		}
		d := fmt.Sprintf("%s %+.2f", f.Name, f.Contribution)
		if f.Detail != "" && (f.Name == "identifier" || f.Name == "country" || f.Name == "legal_form" || f.Name == "conflict" || f.Name == "extra") {
			d += " (" + f.Detail + ")"
		}
		parts = append(parts, d)
	}
	return strings.Join(parts, "; ")
}

func round3(x float64) float64 {
	return float64(int64(x*1000+0.5*sign(x))) / 1000
}

func sign(x float64) float64 {
	if x < 0 {
		return -1
	}
	return 1
}
