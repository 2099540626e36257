package duckdb

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"time"

	"tradetrace/internal/trade"
)

const runColumns = `id, file, sha256, size, profile, format, encoding, started, finished, status, error, rows_read, accepted, rejected, reasons`

func scanRun(sc interface{ Scan(...any) error }) (*trade.Run, error) {
	var r trade.Run
	var finished sql.NullTime
	var status, reasons string
	if err := sc.Scan(&r.ID, &r.File, &r.SHA256, &r.Size, &r.Profile, &r.Format, &r.Encoding, &r.Started, &finished,
		&status, &r.Error, &r.Read, &r.Accepted, &r.Rejected, &reasons); err != nil {
		return nil, err
	}
	r.Finished = finished.Time
	r.Status = trade.RunStatus(status)
	if err := json.Unmarshal([]byte(reasons), &r.Reasons); err != nil {
		return nil, fmt.Errorf("run %d: reasons: %w", r.ID, err)
	}
	return &r, nil
}

// CompletedRun returns the complete run that ingested a file with these bytes, if there is one.
func (d *DB) CompletedRun(ctx context.Context, sha string) (*trade.Run, bool, error) {
	row := d.db.QueryRowContext(ctx, `SELECT `+runColumns+` FROM runs WHERE sha256 = ? AND status = 'complete' ORDER BY id LIMIT 1`, sha)
	r, err := scanRun(row)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, false, nil
	}
	if err != nil {
		return nil, false, fmt.Errorf("find run: %w", err)
	}
	return r, true, nil
}

// Runs lists ingest runs, newest first.
func (d *DB) Runs(ctx context.Context, limit int) ([]trade.Run, error) {
	rows, err := d.db.QueryContext(ctx, `SELECT `+runColumns+` FROM runs ORDER BY id DESC LIMIT ?`, limit)
	if err != nil {
		return nil, fmt.Errorf("list runs: %w", err)
	}
	defer rows.Close()
	var out []trade.Run
	for rows.Next() {
		r, err := scanRun(rows)
		if err != nil {
			return nil, fmt.Errorf("list runs: %w", err)
		}
		out = append(out, *r)
	}
	return out, rows.Err()
}

// Rejections lists a run's rejected rows in row order.
func (d *DB) Rejections(ctx context.Context, run trade.RunID, limit int) ([]trade.Rejection, error) {
	rows, err := d.db.QueryContext(ctx, `SELECT run_id, file, row_no, column_name, value, reason, detail, raw FROM rejected WHERE run_id = ? ORDER BY row_no LIMIT ?`, run, limit)
	if err != nil {
		return nil, fmt.Errorf("list rejected rows: %w", err)
	}
	defer rows.Close()
	var out []trade.Rejection
	for rows.Next() {
		var r trade.Rejection
		var raw string
		if err := rows.Scan(&r.Run, &r.File, &r.Row, &r.Column, &r.Value, &r.Reason, &r.Detail, &raw); err != nil {
			return nil, fmt.Errorf("list rejected rows: %w", err)
		}
		r.Raw = decodeRaw(raw)
		out = append(out, r)
	}
	return out, rows.Err()
}

// Counts returns the number of shipments and rejected rows held.
func (d *DB) Counts(ctx context.Context) (shipments, rejected int64, err error) {
	err = d.db.QueryRowContext(ctx, `SELECT (SELECT count(*) FROM shipments), (SELECT count(*) FROM rejected)`).Scan(&shipments, &rejected)
	if err != nil {
		return 0, 0, fmt.Errorf("count: %w", err)
	}
	return shipments, rejected, nil
}

func (d *DB) insertRun(ctx context.Context, r *trade.Run, header []string) error {
	hdr, _ := json.Marshal(header)
	tx, err := d.db.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("begin run: %w", err)
	}
	defer tx.Rollback()
	if err := tx.QueryRowContext(ctx, `SELECT coalesce(max(id), 0) + 1 FROM runs`).Scan(&r.ID); err != nil {
		return fmt.Errorf("begin run: %w", err)
	}
	if r.Started.IsZero() {
		r.Started = time.Now().UTC()
	}
	_, err = tx.ExecContext(ctx, `INSERT INTO runs (id, file, sha256, size, profile, format, encoding, header, started, status) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 'loading')`,
		r.ID, r.File, r.SHA256, r.Size, r.Profile, r.Format, r.Encoding, string(hdr), r.Started)
	if err != nil {
		return fmt.Errorf("begin run: %w", err)
	}
	return tx.Commit()
}

// RunHeader returns the source column names of a run, to label its raw rows.
func (d *DB) RunHeader(ctx context.Context, run trade.RunID) ([]string, error) {
	var hdr string
	if err := d.db.QueryRowContext(ctx, `SELECT header FROM runs WHERE id = ?`, run).Scan(&hdr); err != nil {
		if errors.Is(err, sql.ErrNoRows) {
			return nil, fmt.Errorf("run %d: %w", run, trade.ErrNotFound)
		}
		return nil, fmt.Errorf("run %d: %w", run, err)
	}
	var h []string
	if err := json.Unmarshal([]byte(hdr), &h); err != nil {
		return nil, fmt.Errorf("run %d: header: %w", run, err)
	}
	return h, nil
}
