//go:build ignore

package main

import (
	"context"
	"fmt"
	"os"
	"time"

	"tradetrace/internal/duckdb"
)

func main() {
	ctx := context.Background()
	db, err := duckdb.Open(ctx, os.Args[1], duckdb.Config{})
	if err != nil {
		panic(err)
	}
	t := func(name string, f func() error) {
		for i := 0; i < 2; i++ {
			s := time.Now()
			err := f()
			if i == 1 {
				fmt.Printf("%-30s %8.1f ms %v\n", name, float64(time.Since(s).Microseconds())/1000, err)
			}
		}
	}
	ref := duckdb.WebPartyRef{ID: 36364675536815}
	var p *duckdb.WebParty
	t("WebParty", func() error { p, err = db.WebParty(ctx, ref); return err })
	t("Activity", func() error { _, err := db.WebPartyActivity(ctx, ref, 25, 0); return err })
	t("Activity+page", func() error { _, err := db.WebPartyActivity(ctx, ref, 25, 25); return err })
	t("Findings by party", func() error { _, _, err := db.WebFindings(ctx, duckdb.WebFindingQuery{PartyNames: []string{p.Name}, Limit: 50}); return err })
	t("Findings top", func() error { _, _, err := db.WebFindings(ctx, duckdb.WebFindingQuery{Limit: 50}); return err })
	t("Cases by party", func() error { _, _, err := db.WebCases(ctx, duckdb.WebCaseQuery{PartyID: ref.ID, Limit: 50}); return err })
	t("count lines", func() error { var n int; return db.SQL().QueryRow(`SELECT count(DISTINCT shipment_id) FROM shipment_parties WHERE party_id = ?`, ref.ID).Scan(&n) })
	t("count findings", func() error { var n int; err := db.SQL().QueryRow(`SELECT count(*) FROM findings`).Scan(&n); fmt.Println("findings", n); return err })
}
