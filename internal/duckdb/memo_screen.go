package duckdb

import (
	"context"
	"fmt"

	"tradetrace/internal/detect/listed"
)

// Screenings implements listed.Memo.
func (d *DB) Screenings(ctx context.Context, key string, fn func(listed.Screening) error) error {
	var h1, h2 int64
	var s listed.Screening
	return d.eachQueried(ctx, "screenings", func(rows rowScanner) error {
		if err := rows.Scan(&h1, &h2, &s.Matches); err != nil {
			return fmt.Errorf("screenings: %w", err)
		}
		s.Hash = [2]uint64{uint64(h1), uint64(h2)}
		return fn(s)
	}, `SELECT h1, h2, matches FROM screen_memo WHERE key = ?`, key)
}

// KeepScreenings implements listed.Memo. The screenings go through a temporary file and DuckDB's CSV reader, as
// findings do: a first run keeps close to a million.
func (d *DB) KeepScreenings(ctx context.Context, key string, add []listed.Screening, replace bool) error {
	w, err := d.tempTSV("screenings-*.tsv")
	if err != nil {
		return fmt.Errorf("keep screenings: %w", err)
	}
	defer w.remove()
	var e rowEncoder
	for _, s := range add {
		e.b, e.begun = e.b[:0], false
		e.int(int64(s.Hash[0]))
		e.int(int64(s.Hash[1]))
		e.str(s.Matches)
		e.b = append(e.b, '\n')
		if _, err := w.w.Write(e.b); err != nil {
			return fmt.Errorf("keep screenings: %w", err)
		}
	}
	if err := w.flush(); err != nil {
		return fmt.Errorf("keep screenings: %w", err)
	}
	tx, err := d.db.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("keep screenings: %w", err)
	}
	defer tx.Rollback()
	if _, err := tx.ExecContext(ctx, `DELETE FROM screen_memo WHERE key <> ? OR ?`, key, replace); err != nil {
		return fmt.Errorf("keep screenings: %w", err)
	}
	if len(add) > 0 {
		src := w.source(`'h1': 'BIGINT', 'h2': 'BIGINT', 'matches': 'VARCHAR'`)
		if _, err := tx.ExecContext(ctx, `INSERT INTO screen_memo SELECT ?, h1, h2, matches FROM `+src, key); err != nil {
			return fmt.Errorf("keep screenings: %w", err)
		}
	}
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("keep screenings: %w", err)
	}
	return nil
}
