// Package report writes the case report and the party report: the story of a case or a party told with
// figures (totals by month, route and goods class; counterparties) in which every claim cites the evidence
// rows it rests on — record id, source file, row and ingest run — as HTML that prints cleanly and as PDF
// rendered by headless Chromium.
//
// The data comes through Source, which a store implements (internal/duckdb ReportSource). Building a report
// (BuildCase, BuildParty) reads it once; rendering (Report.WriteHTML, PDF) is pure.
package report

import (
	"context"
	"time"

	"tradetrace/internal/cases"
	"tradetrace/internal/trade"
)

// Party is a resolved party as a report shows it.
type Party struct {
	ID          int64
	Name        string
	NameEn      string
	Country     string
	Identifiers []string
	Variants    []Variant
	Addresses   []string
	Roles       map[string]int64 // role → lines
	Lines       int64
	ValueUSD    float64
	WeightKg    float64
	FirstSeen   time.Time // zero when unknown
	LastSeen    time.Time
	Risk        float64
	Matches     []Match
}

// Variant is one way a party was written in the shipments.
type Variant struct {
	Name    string `json:"name"`
	NameEn  string `json:"name_en"`
	Country string `json:"country"`
	ID      string `json:"id"`
	Lines   int64  `json:"lines"`
}

// Match is a list entry a party matched in screening, with its explanation.
type Match struct {
	List        string
	Entry       string // the entry's caption or name
	Score       float64
	Explanation string
}

// Row is one evidence row: a shipment with its provenance, the ingest run that read it and its source
// record.
type Row struct {
	trade.Shipment
	RunStarted  time.Time
	RunSHA256   string
	Raw         [][2]string // the source record: column → value, in the file's column order
	ShipperID   int64       // resolved party ids; 0 when not resolved
	ConsigneeID int64
}

// Bucket is one line of a breakdown: a key, its label and what the lines under it add up to.
type Bucket struct {
	Key      string
	Label    string
	Lines    int64
	ValueUSD float64
	WeightKg float64
}

// Totals are the breakdowns of a set of shipments.
type Totals struct {
	Lines          int64
	ValueUSD       float64
	WeightKg       float64
	First, Last    time.Time
	ByMonth        []Bucket // by month (Key "2022-06"), in time order
	ByRoute        []Bucket // by origin → dispatch → destination, largest value first
	ByGoods        []Bucket // by goods class (or HS chapter for a store-side breakdown), largest first
	Counterparties []Bucket // by counterparty or shipper → consignee pair, largest first
}

// PartyTotals are the figures of a party's shipments, inbound (as consignee) and outbound (as shipper).
type PartyTotals struct {
	In, Out Totals
}

// Source is what the reports read. A store implements it.
type Source interface {
	// Case returns a case by id, with its latest triage status; trade.ErrNotFound when there is none.
	Case(ctx context.Context, id int64) (*cases.Case, error)
	// Party returns a resolved party; trade.ErrNotFound when there is none.
	Party(ctx context.Context, id int64) (*Party, error)
	// Parties returns the parties with these ids that exist, in id order.
	Parties(ctx context.Context, ids []int64) ([]Party, error)
	// Findings returns the findings with these keys that exist, by descending score.
	Findings(ctx context.Context, keys []string) ([]trade.Finding, error)
	// PartyFindings returns the findings citing a shipment of the party, by descending score.
	PartyFindings(ctx context.Context, id int64) ([]trade.Finding, error)
	// PartyCases returns the cases that name the party, by descending score.
	PartyCases(ctx context.Context, id int64) ([]cases.Case, error)
	// Rows returns the shipments with these ids, with provenance, run and source record, in date order.
	Rows(ctx context.Context, ids []trade.ShipmentID) ([]Row, error)
	// PartyTotals adds up all of a party's shipments by month, route, HS chapter and counterparty.
	PartyTotals(ctx context.Context, id int64) (*PartyTotals, error)
}

// Network is a party's trading partners out to a number of hops: parties as nodes, shipper → consignee
// relations as edges.
type Network struct {
	Center int64
	Nodes  []NetworkNode
	Edges  []NetworkEdge
}

// NetworkNode is a party in a Network.
type NetworkNode struct {
	ID       int64
	Name     string
	Country  string
	Risk     float64
	Lines    int64
	ValueUSD float64
	Hop      int // 0 for the centre
}

// NetworkEdge is what one party shipped to another.
type NetworkEdge struct {
	Shipper, Consignee int64
	Lines              int64
	ValueUSD           float64
}
