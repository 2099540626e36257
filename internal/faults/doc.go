// Package faults holds the fault tests of tradetrace's stores, run against both DuckDB and a two-shard
// ClickHouse: an ingest process killed with SIGKILL and run again (no duplicates, no half-loaded run), a
// ClickHouse shard stopped in the middle of a query (an error, never a partial result taken for a whole one),
// and a disk that fills up during an ingest (a clear error and an intact store). The package has no code of its
// own: everything is in its tests.
package faults
