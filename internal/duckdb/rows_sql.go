//go:build !duckdb_arrow

package duckdb

import "context"

// eachRowOf runs a query through database/sql: built without the duckdb_arrow tag, there is no Arrow reader.
func (d *DB) eachRowOf(ctx context.Context, each func(rowScanner) error, query string, args ...any) error {
	return d.eachRowSQL(ctx, each, query, args...)
}

// eachRowRun is eachRowOf with the reader asked for once the query has run (ahead.go): run returns each, or
// nil to drop the rows unread.
func (d *DB) eachRowRun(ctx context.Context, run func() func(rowScanner) error, query string, args ...any) error {
	return d.eachRowRunSQL(ctx, run, query, args...)
}
