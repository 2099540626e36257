package duckdb

import (
	"context"
	"database/sql"
	"fmt"
)

// partySummaries are the statements that rebuild party_lines, party_months and party_counterparties from
// shipment_parties, each ordered by party. Insertion order is kept for them alone (the store otherwise lets
// DuckDB load in parallel in any order): the order is what makes a party's rows a short range.
var partySummaries = []string{
	`DELETE FROM party_lines`,
	`DELETE FROM party_months`,
	`DELETE FROM party_counterparties`,
	`SET preserve_insertion_order = true`,
	`INSERT INTO party_lines SELECT p.party_id, p.role, s.date, coalesce(s.value_usd, 0), p.shipment_id
		FROM shipment_parties p JOIN shipments s ON s.id = p.shipment_id
		ORDER BY p.party_id, s.date DESC, p.shipment_id`,
	`INSERT INTO party_months SELECT party_id, role, strftime(date, '%Y-%m') AS month, count(*), sum(value_usd)
		FROM party_lines GROUP BY party_id, role, month ORDER BY party_id, month, role`,
	`INSERT INTO party_counterparties SELECT l.party_id, o.party_id, o.role, count(*), sum(l.value_usd)
		FROM party_lines l JOIN shipment_parties o ON o.shipment_id = l.shipment_id AND o.role <> l.role AND o.party_id <> l.party_id
		GROUP BY l.party_id, o.party_id, o.role ORDER BY l.party_id, o.party_id, o.role`,
	`SET preserve_insertion_order = false`,
}

// buildPartySummaries runs partySummaries in tx.
func buildPartySummaries(ctx context.Context, tx *sql.Tx) error {
	for _, q := range partySummaries {
		if _, err := tx.ExecContext(ctx, q); err != nil {
			return fmt.Errorf("party summaries: %w", err)
		}
	}
	return nil
}

// ensurePartySummaries builds the party summaries of a store whose parties were resolved before the summaries
// existed (migration 006), once.
func (d *DB) ensurePartySummaries(ctx context.Context) error {
	var resolved, summed bool
	err := d.db.QueryRowContext(ctx, `SELECT EXISTS (SELECT 1 FROM shipment_parties), EXISTS (SELECT 1 FROM party_lines)`).Scan(&resolved, &summed)
	if err != nil {
		return fmt.Errorf("party summaries: %w", err)
	}
	if !resolved || summed {
		return nil
	}
	tx, err := d.db.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("party summaries: %w", err)
	}
	defer tx.Rollback()
	if err := buildPartySummaries(ctx, tx); err != nil {
		return err
	}
	return tx.Commit()
}
