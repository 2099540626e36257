package clickhouse

// A shipment's page: its row, raw source row and run; a run's page: the run and its rejected rows.

import (
	"context"
	"fmt"
	"maps"

	"github.com/ClickHouse/clickhouse-go/v2/lib/driver"

	"tradetrace/internal/duckdb"
	"tradetrace/internal/trade"
)

// WebShipmentRows returns the rows of these shipments in the order of ids, each shard looking them up by its
// primary key. Ids of no shipment, or of a run that is not complete, are left out.
func (d *DB) WebShipmentRows(ctx context.Context, ids []int64) ([]duckdb.WebShipmentRow, error) {
	byID := map[int64]duckdb.WebShipmentRow{}
	err := d.webByIDs(ctx, ids, `SELECT `+webRowSelect+` FROM shipments WHERE {ids}`, func(rows driver.Rows) error {
		var r duckdb.WebShipmentRow
		if err := webScanRow(rows, &r); err != nil {
			return err
		}
		byID[r.ID] = r
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("shipment rows: %w", err)
	}
	out := make([]duckdb.WebShipmentRow, 0, len(ids))
	for _, id := range ids {
		if r, ok := byID[id]; ok {
			out = append(out, r)
		}
	}
	return out, nil
}

// WebRaw returns a shipment's source record as column → value pairs, in the source's column order, labelled by
// the header of run. The raw rows are ordered by id on every shard: a lookup in each shard's index.
func (d *DB) WebRaw(ctx context.Context, id int64, run int64) ([][2]string, error) {
	runs, err := d.webCompleteRuns(ctx)
	if err != nil {
		return nil, fmt.Errorf("shipment %d raw row: %w", id, err)
	}
	var fields []string
	found := false
	if id >= 0 && runs[id>>webRowBits] {
		rows, err := d.conn.Query(ctx, `SELECT raw FROM raw_rows WHERE id = ? AND run_id = ? LIMIT 1`, id, id>>webRowBits)
		if err != nil {
			return nil, fmt.Errorf("shipment %d raw row: %w", id, err)
		}
		if rows.Next() {
			found = true
			err = rows.Scan(&fields)
		}
		if err == nil {
			err = rows.Err()
		}
		rows.Close()
		if err != nil {
			return nil, fmt.Errorf("shipment %d raw row: %w", id, err)
		}
	}
	if !found {
		return nil, fmt.Errorf("shipment %d raw row: %w", id, trade.ErrNotFound)
	}
	hdr, err := d.RunHeader(ctx, trade.RunID(run))
	if err != nil {
		return nil, err
	}
	out := make([][2]string, 0, len(fields))
	for i, f := range fields {
		name := fmt.Sprintf("column %d", i+1)
		if i < len(hdr) {
			name = hdr[i]
		}
		out = append(out, [2]string{name, f})
	}
	return out, nil
}

// WebRun returns one ingest run, whatever its state.
func (d *DB) WebRun(ctx context.Context, id int64) (*trade.Run, error) {
	rs, err := d.queryRuns(ctx, ` WHERE id = ?`, id)
	if err != nil {
		return nil, fmt.Errorf("run %d: %w", id, err)
	}
	if len(rs) == 0 {
		return nil, fmt.Errorf("run %d: %w", id, trade.ErrNotFound)
	}
	r := rs[0].run
	r.Reasons = maps.Clone(r.Reasons)
	return &r, nil
}

// WebRejections pages a run's rejected rows, in row order.
func (d *DB) WebRejections(ctx context.Context, run int64, offset, limit int) ([]trade.Rejection, bool, error) {
	out := []trade.Rejection{}
	runs, err := d.webCompleteRuns(ctx)
	if err != nil {
		return nil, false, fmt.Errorf("run %d rejected rows: %w", run, err)
	}
	if !runs[run] {
		return out, false, nil // the rows of a run that did not complete are not the store's
	}
	rows, err := d.conn.Query(ctx, `SELECT run_id, file, row_no, column_name, value, reason, detail, raw FROM rejected
WHERE run_id = ? ORDER BY row_no, column_name LIMIT ? OFFSET ?`, run, limit+1, offset)
	if err != nil {
		return nil, false, fmt.Errorf("run %d rejected rows: %w", run, err)
	}
	defer rows.Close()
	for rows.Next() {
		var r trade.Rejection
		var id int64
		if err := rows.Scan(&id, &r.File, &r.Row, &r.Column, &r.Value, &r.Reason, &r.Detail, &r.Raw); err != nil {
			return nil, false, fmt.Errorf("run %d rejected rows: %w", run, err)
		}
		r.Run = trade.RunID(id)
		out = append(out, r)
	}
	if err := rows.Err(); err != nil {
		return nil, false, fmt.Errorf("run %d rejected rows: %w", run, err)
	}
	more := len(out) > limit
	if more {
		out = out[:limit]
	}
	return out, more, nil
}
