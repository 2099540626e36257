package duckdb

import (
	"context"
	"fmt"

	"tradetrace/internal/detect/route/decl"
)

// NameKeys implements decl.KeyMemo.
func (d *DB) NameKeys(ctx context.Context, version string, fn func(name, words string) error) error {
	var name, words string
	return d.eachQueried(ctx, "name keys", func(rows rowScanner) error {
		if err := rows.Scan(&name, &words); err != nil {
			return fmt.Errorf("name keys: %w", err)
		}
		return fn(name, words)
	}, `SELECT name, words FROM name_key_memo WHERE version = ?`, version)
}

// KeepNameKeys implements decl.KeyMemo. The names go through a temporary file and DuckDB's CSV reader, as
// screenings do: a first run keeps some 220k on a 10M-line store. A name the file would change (one with a
// tab, a line break or invalid UTF-8, which the store's text columns do not hold, or "\N") is not kept: it would
// come back as another name.
func (d *DB) KeepNameKeys(ctx context.Context, version string, add []decl.NameWords) error {
	w, err := d.tempTSV("name-keys-*.tsv")
	if err != nil {
		return fmt.Errorf("keep name keys: %w", err)
	}
	defer w.remove()
	var e rowEncoder
	kept := 0
	for _, a := range add {
		if !fileKeeps(a.Name) || !fileKeeps(a.Words) {
			continue
		}
		kept++
		e.b, e.begun = e.b[:0], false
		e.str(a.Name)
		e.str(a.Words)
		e.b = append(e.b, '\n')
		if _, err := w.w.Write(e.b); err != nil {
			return fmt.Errorf("keep name keys: %w", err)
		}
	}
	if err := w.flush(); err != nil {
		return fmt.Errorf("keep name keys: %w", err)
	}
	tx, err := d.db.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("keep name keys: %w", err)
	}
	defer tx.Rollback()
	if _, err := tx.ExecContext(ctx, `DELETE FROM name_key_memo WHERE version <> ?`, version); err != nil {
		return fmt.Errorf("keep name keys: %w", err)
	}
	if kept > 0 {
		src := w.source(`'name': 'VARCHAR', 'words': 'VARCHAR'`)
		if _, err := tx.ExecContext(ctx, `INSERT INTO name_key_memo SELECT ?, name, words FROM `+src, version); err != nil {
			return fmt.Errorf("keep name keys: %w", err)
		}
	}
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("keep name keys: %w", err)
	}
	return nil
}

// fileKeeps says whether a temporary file's text field (rowEncoder.str) reads back as s.
func fileKeeps(s string) bool { return s != `\N` && plainEnd(s, 0, false) == len(s) }
