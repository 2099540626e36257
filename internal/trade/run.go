package trade

import "time"

// RunID identifies an ingest run.
type RunID int64

// RunStatus is the state of an ingest run. Only complete runs are visible to readers of the store.
type RunStatus string

// Run states.
const (
	RunLoading  RunStatus = "loading"
	RunComplete RunStatus = "complete"
	RunFailed   RunStatus = "failed"
)

// Run is one ingest of one file.
type Run struct {
	ID       RunID
	File     string // path as given
	SHA256   string // of the file's bytes: the same file is not ingested twice
	Size     int64
	Profile  string
	Format   string // csv, tsv, xlsx, jsonl
	Encoding string // utf-8, windows-1251
	Started  time.Time
	Finished time.Time
	Status   RunStatus
	Error    string
	Read     int64
	Accepted int64
	Rejected int64
	Reasons  map[string]int64 // rejected rows by reason; "duplicate" counts rows another run already holds
}

// Adds reports whether the counts add up: every row read was accepted or rejected.
func (r *Run) Adds() bool { return r.Accepted+r.Rejected == r.Read }

// Rejection is a row that could not become a shipment, with the first reason found.
type Rejection struct {
	Run    RunID
	File   string
	Row    int64
	Column string
	Value  string
	Reason string   // a short stable reason code such as "bad_date"
	Detail string   // a sentence for people
	Raw    []string // the source fields, in the file's column order
}
