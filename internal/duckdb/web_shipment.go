package duckdb

// A shipment's page: its row, parties, raw source row and run.

import (
	"context"
	"database/sql"
	"fmt"
	"maps"
	"strconv"
	"strings"

	"tradetrace/internal/trade"
)

// WebShipmentRows returns the rows of these shipments in the order of ids.
func (d *DB) WebShipmentRows(ctx context.Context, ids []int64) ([]WebShipmentRow, error) {
	byID := map[int64]WebShipmentRow{}
	err := d.webIn(ctx, ids, `SELECT `+strings.ReplaceAll(webRowSelect, "%", "%%")+` FROM shipments s WHERE s.id IN (%s)`, func(rows *sql.Rows) error {
		var r WebShipmentRow
		if err := rows.Scan(&r.ID, &r.RecordID, &r.Date, &r.Direction, &r.Reporter, &r.DeclarationNo, &r.Shipper,
			&r.ShipperCC, &r.Consignee, &r.ConsigneeCC, &r.Origin, &r.Dispatch, &r.Destination, &r.HSCode,
			&r.Description, &r.Brand, &r.Quantity, &r.Unit, &r.NetWeightKg, &r.ValueUSD); err != nil {
			return err
		}
		byID[r.ID] = r
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("shipment rows: %w", err)
	}
	out := make([]WebShipmentRow, 0, len(ids))
	for _, id := range ids {
		if r, ok := byID[id]; ok {
			out = append(out, r)
		}
	}
	return out, nil
}

// WebShipmentParties returns the resolved parties of a shipment line: role → party id.
func (d *DB) WebShipmentParties(ctx context.Context, id int64) (map[string]int64, error) {
	rows, err := d.db.QueryContext(ctx, `SELECT role, party_id FROM shipment_parties WHERE shipment_id = `+strconv.FormatInt(id, 10))
	if err != nil {
		return nil, fmt.Errorf("shipment %d parties: %w", id, err)
	}
	defer rows.Close()
	out := map[string]int64{}
	for rows.Next() {
		var role string
		var pid int64
		if err := rows.Scan(&role, &pid); err != nil {
			return nil, fmt.Errorf("shipment %d parties: %w", id, err)
		}
		out[role] = pid
	}
	return out, rows.Err()
}

// WebRaw returns a shipment's source record as column → value pairs, in the source's column order.
func (d *DB) WebRaw(ctx context.Context, id int64, run int64) ([][2]string, error) {
	fields, ok, err := d.rawRecord(ctx, d.db, id)
	if err != nil {
		return nil, fmt.Errorf("shipment %d raw row: %w", id, err)
	}
	if !ok {
		return nil, fmt.Errorf("shipment %d raw row: %w", id, trade.ErrNotFound)
	}
	hdr, err := d.RunHeader(ctx, trade.RunID(run))
	if err != nil {
		return nil, err
	}
	return zipRaw(hdr, fields), nil
}

// WebRun returns one ingest run.
func (d *DB) WebRun(ctx context.Context, id int64) (*trade.Run, error) {
	runs, err := d.keptRuns(ctx)
	if err != nil {
		return nil, err
	}
	k, ok := runs[trade.RunID(id)]
	if !ok {
		return nil, fmt.Errorf("run %d: %w", id, trade.ErrNotFound)
	}
	r := k.run
	r.Reasons = maps.Clone(r.Reasons)
	return &r, nil
}
