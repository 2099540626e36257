// Package cases groups findings about one party or one route into cases an investigator can triage: each
// case has a stable key, a combined score in which more independent evidence counts with diminishing returns,
// and its reasons ranked best first. Triage decisions are kept apart, append-only, keyed by target, so that they
// survive re-running the detectors and rebuilding the cases.
package cases

import (
	"fmt"
	"strings"
	"time"

	"tradetrace/internal/country"
	"tradetrace/internal/trade"
)

// Kind says what a case is about.
type Kind string

// Kinds of cases.
const (
	KindParty Kind = "party"
	KindRoute Kind = "route"
)

// Status is the triage state of a case or a finding.
type Status string

// Triage states. A target nobody has triaged is new.
const (
	StatusNew       Status = "new"
	StatusConfirmed Status = "confirmed"
	StatusDismissed Status = "dismissed"
)

// ParseStatus reads a triage state.
func ParseStatus(s string) (Status, error) {
	switch st := Status(strings.ToLower(strings.TrimSpace(s))); st {
	case StatusNew, StatusConfirmed, StatusDismissed:
		return st, nil
	}
	return "", fmt.Errorf("status %q: want new, confirmed or dismissed", s)
}

// Target names what a triage decision is about: "case:KEY" or "finding:KEY". Keys of cases and findings are
// stable across re-runs, so a decision outlives the rows it was made on.
type Target string

// CaseTarget is the triage target of a case.
func CaseTarget(key string) Target { return Target("case:" + key) }

// FindingTarget is the triage target of a finding.
func FindingTarget(key string) Target { return Target("finding:" + key) }

// ParseTarget reads "case KEY" or "finding KEY" into a target.
func ParseTarget(kind, key string) (Target, error) {
	if strings.TrimSpace(key) == "" {
		return "", fmt.Errorf("triage target: empty key")
	}
	switch kind {
	case "case":
		return CaseTarget(key), nil
	case "finding":
		return FindingTarget(key), nil
	}
	return "", fmt.Errorf("triage target %q: want case or finding", kind)
}

// Decision is one triage decision: the latest for a target is its state.
type Decision struct {
	Target  Target    `json:"target"`
	Status  Status    `json:"status"`
	Note    string    `json:"note"`
	Who     string    `json:"who"`
	Decided time.Time `json:"decided"`
}

// Reason is one piece of evidence of a case: a finding and what it adds, or a fact about the case as a whole
// (no finding key).
type Reason struct {
	Detector   string  `json:"detector"`
	FindingKey string  `json:"finding_key"`
	Score      float64 `json:"score"`
	Text       string  `json:"text"`
}

// Case is a group of findings about one party or one route.
type Case struct {
	ID        int64     `json:"id"`
	Key       string    `json:"key"` // stable across rebuilds: triage attaches to it
	Kind      Kind      `json:"kind"`
	Title     string    `json:"title"`
	Score     float64   `json:"score"`
	Reasons   []Reason  `json:"reasons"`  // best first
	Findings  []string  `json:"findings"` // finding keys, best first
	PartyIDs  []int64   `json:"party_ids"`
	ValueUSD  float64   `json:"value_usd"` // the sum over its findings: a flow declared on both sides counts twice
	FirstDate time.Time `json:"first_date,omitzero"`
	LastDate  time.Time `json:"last_date,omitzero"`
	Created   time.Time `json:"created"`
	// Status is the latest triage decision on the case, new when there is none; filled when read from a store.
	Status Status `json:"status"`
}

// Route is one path of goods: where they were made, where they were dispatched from, where they went.
type Route struct {
	Origin, Dispatch, Destination country.Code
}

// ViaHub reports whether the goods were dispatched from a transshipment hub other than their origin and
// destination.
func (r Route) ViaHub() bool {
	return r.Dispatch != country.Unknown && r.Dispatch != r.Origin && r.Dispatch != r.Destination && country.IsHub(r.Dispatch)
}

// PartyLink is a resolved party standing in a role on one of a finding's shipments.
type PartyLink struct {
	Role string
	ID   int64
}

// Input is a finding with the facts of its shipments that grouping needs, as the store reads them.
type Input struct {
	Finding   trade.Finding // without its cited records and store ids: grouping needs neither
	First     time.Time     // the earliest date of its shipments
	Last      time.Time     // the latest
	Reporters []string      // who declared its shipments, as "CN export", "RU import"
	Routes    []Route       // the distinct routes of its shipments
	Parties   []PartyLink   // resolved parties of its shipments, when party resolution has run
	Status    Status        // the latest triage decision on the finding, "" when none
}
