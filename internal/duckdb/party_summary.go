package duckdb

import (
	"context"
	"database/sql"
	"fmt"
	"strconv"
)

// partyPageRows is how many counterparties and newest lines the first page of a party's profile shows, and so how
// many party_top_counterparties and party_latest keep of each party.
const partyPageRows = 25

// partySummaries are the statements that rebuild party_lines, party_months, party_counterparties and the first
// page of each profile (party_top_counterparties, party_latest) from shipment_parties, each ordered by party.
// Insertion order is kept for them alone (the store otherwise lets DuckDB load in parallel in any order): the
// order is what makes a party's rows a short range.
var partySummaries = []string{
	`DELETE FROM party_lines`,
	`DELETE FROM party_months`,
	`DELETE FROM party_counterparties`,
	`DELETE FROM party_top_counterparties`,
	`DELETE FROM party_latest`,
	`SET preserve_insertion_order = true`,
	`INSERT INTO party_lines SELECT p.party_id, p.role, s.date, coalesce(s.value_usd, 0), p.shipment_id
		FROM shipment_parties p JOIN shipments s ON s.id = p.shipment_id
		ORDER BY p.party_id, s.date DESC, p.shipment_id`,
	`INSERT INTO party_months SELECT party_id, role, strftime(date, '%Y-%m') AS month, count(*), sum(value_usd)
		FROM party_lines GROUP BY party_id, role, month ORDER BY party_id, month, role`,
	`INSERT INTO party_counterparties SELECT l.party_id, o.party_id, o.role, count(*), sum(l.value_usd)
		FROM party_lines l JOIN shipment_parties o ON o.shipment_id = l.shipment_id AND o.role <> l.role AND o.party_id <> l.party_id
		GROUP BY l.party_id, o.party_id, o.role ORDER BY l.party_id, o.party_id, o.role`,
	`INSERT INTO party_top_counterparties SELECT party_id, rank, counterparty_id, counterparty_role, lines, value_usd FROM (
		SELECT *, row_number() OVER (PARTITION BY party_id ORDER BY ` + ByValueDesc + `, CAST(counterparty_id AS VARCHAR), counterparty_role) AS rank
		FROM party_counterparties) WHERE rank <= ` + strconv.Itoa(partyPageRows) + ` ORDER BY party_id, rank`,
	`INSERT INTO party_latest SELECT l.party_id, l.rank, ` + webRowSelect + ` FROM (
		SELECT party_id, shipment_id, row_number() OVER (PARTITION BY party_id ORDER BY date DESC, shipment_id) AS rank
		FROM (SELECT DISTINCT party_id, date, shipment_id FROM party_lines)) l
		JOIN shipments s ON s.id = l.shipment_id WHERE l.rank <= ` + strconv.Itoa(partyPageRows) + ` ORDER BY l.party_id, l.rank`,
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
// existed (migrations 006 and 007), once.
func (d *DB) ensurePartySummaries(ctx context.Context) error {
	var resolved, summed bool
	err := d.db.QueryRowContext(ctx, `SELECT EXISTS (SELECT 1 FROM shipment_parties), EXISTS (SELECT 1 FROM party_latest)`).Scan(&resolved, &summed)
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
