//go:build ignore

// Scratch timing of the workbench's store queries (temporary; removed before the report).
package main

import (
	"context"
	"fmt"
	"os"
	"time"

	"tradetrace/internal/duckdb"
	"tradetrace/internal/trade"
)

func main() {
	ctx := context.Background()
	db, err := duckdb.Open(ctx, os.Args[1], duckdb.Config{})
	if err != nil {
		panic(err)
	}
	var sid int64
	db.SQL().QueryRow(`SELECT id FROM shipments WHERE record_id = 'CNEX0000011731'`).Scan(&sid)
	t := func(name string, f func() error) {
		for i := 0; i < 3; i++ {
			s := time.Now()
			err := f()
			if i == 2 {
				fmt.Printf("%-30s %8.1f ms %v\n", name, float64(time.Since(s).Microseconds())/1000, err)
			}
		}
	}
	ref := duckdb.WebPartyRef{Name: "ZAO TEKHKRIM"}
	if len(os.Args) > 2 {
		var pid int64
		db.SQL().QueryRow(`SELECT party_id FROM shipment_parties WHERE shipment_id = ? AND role = 'consignee'`, sid).Scan(&pid)
		ref = duckdb.WebPartyRef{ID: pid}
		var big int64
		db.SQL().QueryRow(`SELECT id FROM parties ORDER BY lines DESC LIMIT 1`).Scan(&big)
		bref := duckdb.WebPartyRef{ID: big}
		t("Activity biggest party", func() error { a, err := db.WebPartyActivity(ctx, bref, 25, 25); fmt.Println("lines", a.Lines); return err })
		t("shipment_parties scan", func() error { var n int; return db.SQL().QueryRow(`SELECT count(*) FROM shipment_parties WHERE party_id = ?`, big).Scan(&n) })
	}
	t("Shipment", func() error { _, err := db.Shipment(ctx, trade.ShipmentID(sid)); return err })
	t("Raw", func() error { _, err := db.Raw(ctx, trade.ShipmentID(sid)); return err })
	t("raw_rows direct", func() error { var s string; return db.SQL().QueryRow(`SELECT raw FROM raw_rows WHERE id = ?`, sid).Scan(&s) })
	t("WebRun", func() error { _, err := db.WebRun(ctx, 5); return err })
	t("Findings by shipment", func() error { _, _, err := db.WebFindings(ctx, duckdb.WebFindingQuery{ShipmentID: sid, Limit: 50}); return err })
	t("Findings by party", func() error { _, _, err := db.WebFindings(ctx, duckdb.WebFindingQuery{PartyNames: []string{"ZAO TEKHKRIM"}, Limit: 50}); return err })
	t("ShipmentParties", func() error { _, err := db.WebShipmentParties(ctx, sid); return err })
	t("WebParty name", func() error { _, err := db.WebParty(ctx, ref); return err })
	t("Activity name", func() error { _, err := db.WebPartyActivity(ctx, ref, 25, 25); return err })
	t("PartyShipments name", func() error { _, _, err := db.WebPartyShipments(ctx, ref, "", 0, 25); return err })
	t("SearchParties", func() error { _, _, err := db.WebSearchParties(ctx, duckdb.WebPartySearch{Text: "tekhkrim", Limit: 25}); return err })
	t("SearchShipments text", func() error { _, _, err := db.WebSearchShipments(ctx, duckdb.WebShipmentSearch{Text: "tekhkrim", Limit: 25}); return err })
	t("Network", func() error { _, err := db.WebPartyNetwork(ctx, ref, 2, 8); return err })
}
