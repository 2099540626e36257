package duckdb

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"tradetrace/internal/ingest"
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

// TestPartyPages checks the first page of every profile (party_top_counterparties, party_latest) against the
// queries it replaces, on parties with more lines and counterparties than a page shows, and tied values.
func TestPartyPages(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	d, err := Open(ctx, filepath.Join(dir, "p.duckdb"), Config{})
	if err != nil {
		t.Fatal(err)
	}
	defer d.Close()
	var b strings.Builder
	b.WriteString(strings.SplitN(webCSV, "\n", 2)[0] + "\n")
	for i := 0; i < 600; i++ {
		// 7 shippers, 60 consignees; values repeat so that ranks must break ties; dates repeat within a party
		fmt.Fprintf(&b, "P%04d,2022-%02d-%02d,export,CN,D%d,SHIPPER %d,A,CN,,BUYER %d,B,RU,,CN,CN,RU,8542310000,CHIPS %d,,,1,PCS,2,1,%d,USD,%d\n",
			i, 1+i%12, 1+i%5, i, i%7, (i*13)%60, i, 100*(1+i%9), 100*(1+i%9))
	}
	f := filepath.Join(dir, "p.csv")
	if err := os.WriteFile(f, []byte(b.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := ingest.File(ctx, d, f, ingest.Options{Profile: "canonical", Workers: 1}); err != nil {
		t.Fatal(err)
	}
	for _, q := range []string{
		`INSERT INTO shipment_parties SELECT id, 'shipper', hash(shipper_name) % 100000 FROM shipments`,
		`INSERT INTO shipment_parties SELECT id, 'consignee', hash(consignee_name) % 100000 FROM shipments`,
		`INSERT INTO parties SELECT party_id, 'P' || party_id, '', 'XX', '[]', '[]', '[]', '{}', count(DISTINCT shipment_id), 0, 0,
			NULL, NULL, 'p' || party_id, 0, '[]' FROM shipment_parties GROUP BY party_id`,
	} {
		if _, err := d.db.ExecContext(ctx, q); err != nil {
			t.Fatal(err)
		}
	}
	sumParties(t, d)
	rows, err := d.db.QueryContext(ctx, `SELECT party_id, count(DISTINCT shipment_id) FROM shipment_parties GROUP BY party_id ORDER BY party_id`)
	if err != nil {
		t.Fatal(err)
	}
	lines := map[int64]int{}
	for rows.Next() {
		var id int64
		var n int
		rows.Scan(&id, &n)
		lines[id] = n
	}
	rows.Close()
	if len(lines) != 67 {
		t.Fatalf("%d parties, want 67", len(lines))
	}
	big := 0
	for id, n := range lines {
		page, err := d.WebPartyActivity(ctx, WebPartyRef{ID: id}, partyPageRows, partyPageRows)
		if err != nil {
			t.Fatal(err)
		}
		// More than a page asked for: the queries the page tables replace; their first page must be the same.
		all, err := d.WebPartyActivity(ctx, WebPartyRef{ID: id}, partyPageRows+1000, partyPageRows+1000)
		if err != nil {
			t.Fatal(err)
		}
		if page.Lines != n || len(page.Latest) != min(n, partyPageRows) || len(all.Latest) != n {
			t.Fatalf("party %d: %d lines, page %d latest, all %d latest; want %d", id, page.Lines, len(page.Latest), len(all.Latest), n)
		}
		if !slices.Equal(page.Latest, all.Latest[:len(page.Latest)]) {
			t.Errorf("party %d: newest lines differ:\npage %v\nall  %v", id, page.Latest, all.Latest[:len(page.Latest)])
		}
		if len(all.Counterparties) > partyPageRows {
			big++
		}
		if len(page.Counterparties) != min(len(all.Counterparties), partyPageRows) ||
			!slices.Equal(page.Counterparties, all.Counterparties[:len(page.Counterparties)]) {
			t.Errorf("party %d: counterparties differ:\npage %v\nall  %v", id, page.Counterparties, all.Counterparties)
		}
	}
	if big == 0 {
		t.Error("no party has more counterparties than a page: the test checks nothing")
	}
}

// sumParties builds the party summaries of parties a test wrote with SQL (ReplaceParties builds them in its own
// transaction).
func sumParties(t *testing.T, d *DB) {
	t.Helper()
	ctx := context.Background()
	tx, err := d.db.BeginTx(ctx, nil)
	if err != nil {
		t.Fatal(err)
	}
	if err := buildPartySummaries(ctx, tx); err != nil {
		t.Fatal(err)
	}
	if err := tx.Commit(); err != nil {
		t.Fatal(err)
	}
}
