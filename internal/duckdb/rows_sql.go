//go:build !duckdb_arrow

package duckdb

import "context"

// eachRowOf runs a query through database/sql: built without the duckdb_arrow tag, there is no Arrow reader.
func (d *DB) eachRowOf(ctx context.Context, each func(rowScanner) error, query string, args ...any) error {
	return d.eachRowSQL(ctx, each, query, args...)
}
