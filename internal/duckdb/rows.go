package duckdb

import (
	"context"
	"errors"
	"fmt"
)

// rowScanner reads the current row of a query into Go values, as (*sql.Rows).Scan does.
type rowScanner interface {
	Scan(dest ...any) error
}

// eachQueried runs a query and calls each for every row, in the order the query gives them; errors from each
// come back as they are, the query's own wrapped with what. Built with the duckdb_arrow tag, the rows come as
// Arrow record batches (rows_arrow.go): the 4.7M lines bound for Russia of the 10M-line sample, their 23 lean
// columns read into shipments, took 11.1–11.4 s of CPU time that way against 16.4–17.0 s through database/sql,
// which makes a Go value of every cell and converts it again on Scan (BenchmarkReadLines). Without the tag they
// go through database/sql (eachRowSQL).
//
// The query holds its connection until it ends, as an open *sql.Rows does: each must not query a store that
// has a single connection (one in memory).
func (d *DB) eachQueried(ctx context.Context, what string, each func(rowScanner) error, query string, args ...any) error {
	err := d.eachRowOf(ctx, each, query, args...)
	var qe queryError
	if errors.As(err, &qe) {
		return fmt.Errorf("%s: %w", what, qe.err)
	}
	return err
}

// queryError marks an error of the query itself (not of the caller's each), for eachQueried to wrap.
type queryError struct{ err error }

func (e queryError) Error() string { return e.err.Error() }
func (e queryError) Unwrap() error { return e.err }

// eachRowSQL runs a query through database/sql (see eachQueried); its own errors come as queryError.
func (d *DB) eachRowSQL(ctx context.Context, each func(rowScanner) error, query string, args ...any) error {
	return d.eachRowRunSQL(ctx, func() func(rowScanner) error { return each }, query, args...)
}

// eachRowRunSQL is eachRowSQL with the reader asked for once the query has run (eachRowRun).
func (d *DB) eachRowRunSQL(ctx context.Context, run func() func(rowScanner) error, query string, args ...any) error {
	qt := d.qlog.start(query)
	rows, err := d.db.QueryContext(ctx, query, args...)
	if err != nil {
		return queryError{err}
	}
	qt.executed()
	defer qt.done()
	defer rows.Close()
	each := qt.counting(run())
	if each == nil {
		return nil
	}
	for rows.Next() {
		if err := each(rows); err != nil {
			return err
		}
	}
	if err := rows.Err(); err != nil {
		return queryError{err}
	}
	return nil
}
