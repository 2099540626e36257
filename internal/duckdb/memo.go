package duckdb

import "sync"

// memo keeps what the workbench reads of the whole store (every party's search words and names, every case's
// parties, the latest triage decisions, the brands and makers, the runs) in memory until the store changes it. DuckDB lets one process open the file, so this DB is the only writer: each
// write that changes what a value was read from forgets it once committed.
type memo struct {
	mu sync.Mutex
	v  map[string]any
}

// Memo keys.
const (
	memoPartySearch = "party search"
	memoCaseParties = "case parties"
	memoBrands      = "brands"
	memoTriage      = "triage"
	memoRuns        = "runs"
)

// memoized returns the value kept under key, reading it first if there is none. Readers of one key wait for the
// first; a write's forget waits for a read in progress, so no value read before a write outlives it.
func (d *DB) memoized(key string, read func() (any, error)) (any, error) {
	d.memo.mu.Lock()
	defer d.memo.mu.Unlock()
	if v, ok := d.memo.v[key]; ok {
		return v, nil
	}
	v, err := read()
	if err != nil {
		return nil, err
	}
	if d.memo.v == nil {
		d.memo.v = map[string]any{}
	}
	d.memo.v[key] = v
	return v, nil
}

// forget drops the values kept under keys.
func (d *DB) forget(keys ...string) {
	d.memo.mu.Lock()
	defer d.memo.mu.Unlock()
	for _, k := range keys {
		delete(d.memo.v, k)
	}
}

// ForgetKept drops everything the store keeps in memory, for a writer that went around it (a test writing SQL
// through SQL()).
func (d *DB) ForgetKept() {
	d.memo.mu.Lock()
	defer d.memo.mu.Unlock()
	d.memo.v = nil
}
