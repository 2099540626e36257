package trade

import (
	"encoding/json"
	"fmt"
	"strings"
	"sync"
)

// Severity ranks findings for triage.
type Severity uint8

// Severities, lowest first.
const (
	SeverityInfo Severity = iota
	SeverityLow
	SeverityMedium
	SeverityHigh
	SeverityCritical
)

var severityNames = [...]string{"info", "low", "medium", "high", "critical"}

func (s Severity) String() string {
	if int(s) < len(severityNames) {
		return severityNames[s]
	}
	return "info"
}

// ParseSeverity reads a severity name.
func ParseSeverity(s string) (Severity, bool) {
	for i, n := range severityNames {
		if n == s {
			return Severity(i), true
		}
	}
	return SeverityInfo, false
}

// SeverityFor maps a score in [0,1] to a severity.
func SeverityFor(score float64) Severity {
	switch {
	case score >= 0.9:
		return SeverityCritical
	case score >= 0.75:
		return SeverityHigh
	case score >= 0.5:
		return SeverityMedium
	case score >= 0.25:
		return SeverityLow
	}
	return SeverityInfo
}

// FindingParty is a party named by a finding, with its role.
type FindingParty struct {
	Name    string `json:"name"`
	Role    string `json:"role"`
	Country string `json:"country,omitempty"`
	ID      string `json:"id,omitempty"`
}

// Evidence is one fact that supports a finding: a labelled value, and the source record it was read from when
// it comes from one.
type Evidence struct {
	Label    string `json:"label"`
	Value    string `json:"value"`
	RecordID string `json:"record_id,omitempty"`
}

// Finding is what a detector raises: a score with its explanation and the evidence rows.
type Finding struct {
	ID              int64          `json:"id,omitempty"`
	Detector        string         `json:"detector"`
	DetectorVersion string         `json:"detector_version"`
	Key             string         `json:"key"` // stable across re-runs: triage attaches to it
	Score           float64        `json:"score"`
	Severity        Severity       `json:"-"`
	Title           string         `json:"title"`
	Explanation     string         `json:"explanation"`
	Parties         []FindingParty `json:"parties"`
	Shipments       []string       `json:"shipments"` // source record ids
	ShipmentIDs     []ShipmentID   `json:"-"`
	Evidence        []Evidence     `json:"evidence"`
	ValueUSD        float64        `json:"value_usd,omitempty"`
	WeightKg        float64        `json:"weight_kg,omitempty"`
}

// EncodeLists returns the finding's parties, cited records, store ids and evidence as the JSON the stores keep
// them in (one text column each; empty lists as []).
func (f *Finding) EncodeLists() (parties, shipments, ids, evidence string) {
	buf := listBufs.Get().(*[]byte)
	defer listBufs.Put(buf)
	*buf = f.AppendLists((*buf)[:0], '\t')
	all := string(*buf) // one allocation for the four
	parties, rest, _ := strings.Cut(all, "\t")
	shipments, rest, _ = strings.Cut(rest, "\t")
	ids, evidence, _ = strings.Cut(rest, "\t")
	return parties, shipments, ids, evidence
}

// AppendLists appends what EncodeLists returns, the four lists in its order with sep between them, to b: for a
// store that writes findings as delimited text without the four strings in between. The JSON escapes every
// control character, so a sep below 0x20 (a tab) never occurs inside a list.
func (f *Finding) AppendLists(b []byte, sep byte) []byte {
	b = appendPartiesJSON(b, f.Parties)
	b = appendStringsJSON(append(b, sep), f.Shipments)
	b = appendIDsJSON(append(b, sep), f.ShipmentIDs)
	return appendEvidenceJSON(append(b, sep), f.Evidence)
}

// listBufs are EncodeLists' buffers, reused: a detector run encodes hundreds of thousands of findings.
var listBufs = sync.Pool{New: func() any { b := make([]byte, 0, 1024); return &b }}

// DecodeLists sets the finding's parties, cited records, store ids and evidence from the JSON EncodeLists wrote.
func (f *Finding) DecodeLists(parties, shipments, ids, evidence string) error {
	for _, p := range []struct {
		s string
		v any
	}{{parties, &f.Parties}, {shipments, &f.Shipments}, {ids, &f.ShipmentIDs}, {evidence, &f.Evidence}} {
		if err := json.Unmarshal([]byte(p.s), p.v); err != nil {
			return fmt.Errorf("finding %d: %w", f.ID, err)
		}
	}
	return nil
}
