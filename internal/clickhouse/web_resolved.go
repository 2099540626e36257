package clickhouse

// Resolved parties on the workbench: profiles, search, activity and lines from the tables the parties slice
// writes (migrations/004_parties.sql).

import (
	"context"
	"errors"

	"tradetrace/internal/duckdb"
)

// errNoParties: the tables of resolved parties are not in this store yet.
var errNoParties = errors.New("resolved parties are not in the ClickHouse store yet")

// WebHasParties reports whether the store holds resolved parties.
func (d *DB) WebHasParties(ctx context.Context) (bool, error) { return false, nil }

// WebSearchParties finds parties by name keys or name text. With no resolved parties it searches the lines'
// shipper and consignee names.
func (d *DB) WebSearchParties(ctx context.Context, q duckdb.WebPartySearch) ([]duckdb.WebPartyHit, bool, error) {
	return d.webSearchNames(ctx, q)
}

func (d *DB) webResolvedParty(ctx context.Context, id int64) (*duckdb.WebParty, error) {
	return nil, errNoParties
}

func (d *DB) webResolvedActivity(ctx context.Context, id int64, maxCounterparties, pageLimit int) (*duckdb.WebPartyActivity, error) {
	return nil, errNoParties
}

func (d *DB) webResolvedShipments(ctx context.Context, id int64, role string, offset, limit int) ([]duckdb.WebShipmentRow, bool, error) {
	return nil, false, errNoParties
}

// WebShipmentParties returns the resolved parties of a shipment line: role → party id.
func (d *DB) WebShipmentParties(ctx context.Context, id int64) (map[string]int64, error) {
	return map[string]int64{}, nil
}
