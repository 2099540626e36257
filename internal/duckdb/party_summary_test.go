package duckdb

import (
	"context"
	"testing"
)

// TestPartySummariesOnOpen opens a store whose parties were resolved before the summaries existed (rows in
// shipment_parties, none in party_lines): opening it sums them once, and the sums agree with the lines.
func TestPartySummariesOnOpen(t *testing.T) {
	ctx := context.Background()
	d := webStore(t)
	for _, q := range []string{
		`INSERT INTO shipment_parties SELECT id, 'shipper', hash(shipper_name) % 1000 FROM shipments`,
		`INSERT INTO shipment_parties SELECT id, 'consignee', hash(consignee_name) % 1000 FROM shipments`,
	} {
		if _, err := d.db.ExecContext(ctx, q); err != nil {
			t.Fatal(err)
		}
	}
	path := d.path
	d.Close()
	d, err := Open(ctx, path, Config{})
	if err != nil {
		t.Fatal(err)
	}
	defer d.Close()
	var lines, want, months, cps, pairs int64
	err = d.db.QueryRow(`SELECT (SELECT count(*) FROM party_lines), (SELECT count(*) FROM shipment_parties),
		(SELECT sum(lines) FROM party_months), (SELECT sum(lines) FROM party_counterparties),
		(SELECT count(*) FROM shipment_parties a JOIN shipment_parties b ON a.shipment_id = b.shipment_id AND a.role <> b.role AND a.party_id <> b.party_id)`).
		Scan(&lines, &want, &months, &cps, &pairs)
	if err != nil {
		t.Fatal(err)
	}
	if lines == 0 || lines != want || months != want || cps != pairs {
		t.Fatalf("party_lines %d rows, months %d lines, counterparties %d lines; want %d, %d, %d", lines, months, cps, want, want, pairs)
	}
}
