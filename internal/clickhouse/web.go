package clickhouse

// The investigator's workbench (internal/web) on ClickHouse: the methods of web.Store, with the DuckDB store's
// names, types and answers. Pages read by id through each shard's primary key — a shipment id is
// run_id << 36 | row_no, and shipments are ordered by (run_id, row_no) on every shard, so a list of ids becomes
// a list of (run_id, row_no) pairs that every shard looks up in its index — or scan small tables (findings,
// runs, parties, cases, lists); the overview, the flows and searches by text aggregate or scan the shipments on
// every shard at once. Nothing read is kept in memory past the request: many processes share a ClickHouse store,
// so a value kept in one process could not tell that another had changed the store. What a page would compute
// from every line (the brands a party search looks in) is kept on the cluster instead, once per version of the
// lines (web_brands.go, migrations/006_web.sql); every other version — of findings, parties, cases — is the
// generation its slice records, read with each request.

import (
	"context"
	"encoding/json"
	"fmt"
	"slices"
	"strconv"
	"strings"

	"github.com/ClickHouse/clickhouse-go/v2/lib/driver"

	"tradetrace/internal/duckdb"
	"tradetrace/internal/trade"
)

// webRowSelect reads a duckdb.WebShipmentRow from the shipments table (webScanRow reads it back).
const webRowSelect = `id, record_id, formatDateTime(date, '%Y-%m-%d'), direction, reporter, declaration_no,
shipper_name, shipper_country, consignee_name, consignee_country, origin_country, dispatch_country,
destination_country, hs_code, description, brand, ifNull(quantity, 0), unit, ifNull(net_weight_kg, 0),
ifNull(value_usd, 0)`

func webScanRow(sc interface{ Scan(...any) error }, r *duckdb.WebShipmentRow) error {
	return sc.Scan(&r.ID, &r.RecordID, &r.Date, &r.Direction, &r.Reporter, &r.DeclarationNo, &r.Shipper,
		&r.ShipperCC, &r.Consignee, &r.ConsigneeCC, &r.Origin, &r.Dispatch, &r.Destination, &r.HSCode,
		&r.Description, &r.Brand, &r.Quantity, &r.Unit, &r.NetWeightKg, &r.ValueUSD)
}

func webScanRows(rows driver.Rows) ([]duckdb.WebShipmentRow, error) {
	defer rows.Close()
	out := []duckdb.WebShipmentRow{}
	for rows.Next() {
		var r duckdb.WebShipmentRow
		if err := webScanRow(rows, &r); err != nil {
			return nil, err
		}
		out = append(out, r)
	}
	return out, rows.Err()
}

// webRowBits is how many low bits of a shipment id hold its row number: id = run_id << webRowBits | row_no.
const webRowBits = 36

// webKeyPairs writes ids as the (run_id, row_no) pairs of the shipments' primary key, as SQL literals (integers
// from the store or parsed from a URL, never text from data), leaving out the ids whose run is not in runs:
// `(run_id, row_no) IN (…)` is then a lookup in each shard's index. It returns "" when no id is left.
func webKeyPairs(ids []int64, runs map[int64]bool) string {
	var b strings.Builder
	for _, id := range ids {
		if id < 0 || !runs[id>>webRowBits] {
			continue
		}
		if b.Len() > 0 {
			b.WriteString(", ")
		}
		b.WriteString("tuple(")
		b.WriteString(strconv.FormatInt(id>>webRowBits, 10))
		b.WriteString(", ")
		b.WriteString(strconv.FormatInt(id&(1<<webRowBits-1), 10))
		b.WriteString(")")
	}
	if b.Len() == 0 {
		return ""
	}
	return "(run_id, row_no) IN (" + b.String() + ")"
}

// webCompleteRuns returns the complete runs as a set: the runs whose rows readers see.
func (d *DB) webCompleteRuns(ctx context.Context) (map[int64]bool, error) {
	ids, err := d.completeRuns(ctx)
	if err != nil {
		return nil, err
	}
	m := make(map[int64]bool, len(ids))
	for _, id := range ids {
		m[id] = true
	}
	return m, nil
}

// webByIDs calls fn for each row of query over the shipments with these ids that belong to complete runs, in
// chunks: {ids} in query stands for the condition on the shipments' key.
func (d *DB) webByIDs(ctx context.Context, ids []int64, query string, fn func(driver.Rows) error) error {
	if len(ids) == 0 {
		return nil
	}
	runs, err := d.webCompleteRuns(ctx)
	if err != nil {
		return err
	}
	sorted := slices.Compact(slices.Sorted(slices.Values(ids)))
	const chunk = 2000
	for start := 0; start < len(sorted); start += chunk {
		cond := webKeyPairs(sorted[start:min(start+chunk, len(sorted))], runs)
		if cond == "" {
			continue
		}
		rows, err := d.conn.Query(ctx, strings.Replace(query, "{ids}", cond, 1))
		if err != nil {
			return err
		}
		for rows.Next() {
			if err := fn(rows); err != nil {
				rows.Close()
				return err
			}
		}
		err = rows.Err()
		rows.Close()
		if err != nil {
			return err
		}
	}
	return nil
}

// WebFindingRefs lists every current finding's cited lines and party names, for an index kept in memory, in the
// order lists of findings show them unless told otherwise: by score, then key.
func (d *DB) WebFindingRefs(ctx context.Context) ([]duckdb.WebFindingRef, error) {
	gens, err := d.currentGenerations(ctx)
	if err != nil {
		return nil, fmt.Errorf("finding refs: %w", err)
	}
	if len(gens) == 0 {
		return nil, nil
	}
	rows, err := d.conn.Query(ctx, `SELECT id, shipment_ids, parties FROM findings WHERE generation IN (`+placeholders(len(gens))+`)
ORDER BY score DESC, key`, gens...)
	if err != nil {
		return nil, fmt.Errorf("finding refs: %w", err)
	}
	defer rows.Close()
	var out []duckdb.WebFindingRef
	for rows.Next() {
		var r duckdb.WebFindingRef
		var ids, parties string
		if err := rows.Scan(&r.ID, &ids, &parties); err != nil {
			return nil, fmt.Errorf("finding refs: %w", err)
		}
		var ps []trade.FindingParty
		if err := json.Unmarshal([]byte(ids), &r.ShipmentIDs); err != nil {
			return nil, fmt.Errorf("finding %d: shipment ids: %w", r.ID, err)
		}
		if err := json.Unmarshal([]byte(parties), &ps); err != nil {
			return nil, fmt.Errorf("finding %d: parties: %w", r.ID, err)
		}
		for _, p := range ps {
			r.PartyNames = append(r.PartyNames, p.Name)
		}
		out = append(out, r)
	}
	return out, rows.Err()
}

// webJSON keeps a JSON column as it is when it is valid JSON, and as a JSON string otherwise (as the DuckDB
// store does).
func webJSON(s string) json.RawMessage {
	if s == "" {
		return json.RawMessage("null")
	}
	if json.Valid([]byte(s)) {
		return json.RawMessage(s)
	}
	b, _ := json.Marshal(s)
	return b
}
