package web

import (
	"context"

	"tradetrace/internal/duckdb"
	"tradetrace/internal/trade"
)

// Store is what the workbench reads and writes. *duckdb.DB implements it (internal/duckdb/web.go).
type Store interface {
	WebHasParties(ctx context.Context) (bool, error)
	WebParty(ctx context.Context, ref duckdb.WebPartyRef) (*duckdb.WebParty, error)
	WebSearchParties(ctx context.Context, q duckdb.WebPartySearch) ([]duckdb.WebPartyHit, bool, error)
	WebSearchShipments(ctx context.Context, q duckdb.WebShipmentSearch) ([]duckdb.WebShipmentRow, bool, error)
	WebPartyActivity(ctx context.Context, ref duckdb.WebPartyRef, maxCounterparties, pageLimit int) (*duckdb.WebPartyActivity, error)
	WebPartyShipments(ctx context.Context, ref duckdb.WebPartyRef, role string, offset, limit int) ([]duckdb.WebShipmentRow, bool, error)
	WebPartyNetwork(ctx context.Context, ref duckdb.WebPartyRef, hops, perHop int) (*duckdb.WebNetwork, error)
	WebShipmentRows(ctx context.Context, ids []int64) ([]duckdb.WebShipmentRow, error)
	WebShipmentParties(ctx context.Context, id int64) (map[string]int64, error)
	WebFindings(ctx context.Context, q duckdb.WebFindingQuery) ([]duckdb.WebFinding, bool, error)
	WebFindingRefs(ctx context.Context) ([]duckdb.WebFindingRef, error)
	WebCases(ctx context.Context, q duckdb.WebCaseQuery) ([]duckdb.WebCase, bool, error)
	WebAddTriage(ctx context.Context, t duckdb.WebTriage) error
	WebTriageHistory(ctx context.Context, target string) ([]duckdb.WebTriage, error)
	WebOverview(ctx context.Context, hubs, sanctioned, classHS []string) (*duckdb.WebOverview, error)
	WebFlows(ctx context.Context, q duckdb.WebFlowQuery) ([]duckdb.WebCount, error)
	WebListVersions(ctx context.Context) ([]duckdb.WebListVersion, error)
	WebRejections(ctx context.Context, run int64, offset, limit int) ([]trade.Rejection, bool, error)
	WebRun(ctx context.Context, id int64) (*trade.Run, error)
	Runs(ctx context.Context, limit int) ([]trade.Run, error)
	Shipment(ctx context.Context, id trade.ShipmentID) (*trade.Shipment, error)
	WebRaw(ctx context.Context, id, run int64) ([][2]string, error)
}

var _ Store = (*duckdb.DB)(nil)
