package clickhouse

import (
	"context"
	"fmt"
	"strconv"

	"github.com/ClickHouse/clickhouse-go/v2/lib/driver"
)

// partyPageRows is how many counterparties and newest lines the first page of a party's profile shows, and so
// how many party_top_counterparties and party_latest keep of each party (the DuckDB store's partyPageRows).
const partyPageRows = 25

// webRowColumns are the columns of a shipment list row as party_latest keeps them, read from shipments_local
// (the DuckDB store's webRowSelect, without the id and the date).
const webRowColumns = `record_id, direction, reporter, declaration_no, shipper_name, shipper_country, consignee_name,
consignee_country, origin_country, dispatch_country, destination_country, hs_code, description, brand,
ifNull(quantity, 0) AS quantity, unit, ifNull(net_weight_kg, 0) AS net_weight_kg, ifNull(value_usd, 0) AS value_usd`

// latestColumns are the same columns in party_latest_stage.
const latestColumns = `record_id, direction, reporter, declaration_no, shipper_name, shipper_country, consignee_name,
consignee_country, origin_country, dispatch_country, destination_country, hs_code, description, brand, quantity,
unit, net_weight_kg, value_usd`

// buildPartySummaries writes the party summaries of a generation from its shipment_parties, as the DuckDB
// store's buildPartySummaries does: party_lines and the candidates of party_latest shard by shard, from each
// shard's own links and shipments; the sums over every shard (party_months, party_counterparties) and the
// ranked first pages (party_top_counterparties, party_latest) by Distributed queries. ClickHouse 18.16 has no
// window functions: a rank is a position in an array sorted by the ranking's order.
func (d *DB) buildPartySummaries(ctx context.Context, gen uint64) error {
	n := strconv.Itoa(partyPageRows)
	err := d.onShards(ctx, func(ctx context.Context, c driver.Conn) error {
		if err := c.Exec(ctx, `INSERT INTO party_lines_local (generation, party_id, role, date, value_usd, shipment_id)
			SELECT ?, party_id, role, date, ifNull(value_usd, 0), shipment_id
			FROM (SELECT shipment_id, role, party_id FROM shipment_parties_local WHERE generation = ?)
			ANY INNER JOIN (SELECT id AS shipment_id, date, value_usd FROM shipments_local) USING shipment_id`, gen, gen); err != nil {
			return fmt.Errorf("party lines: %w", err)
		}
		// The shard's newest lines of each party: the party's newest lines overall are among them. A shipment
		// that is the candidate of two parties (shipper and consignee) joins twice.
		if err := c.Exec(ctx, `INSERT INTO party_latest_stage_local (generation, party_id, date, shipment_id, `+latestColumns+`)
			SELECT ?, party_id, date, shipment_id, `+latestColumns+`
			FROM (SELECT id AS shipment_id, `+webRowColumns+` FROM shipments_local)
			ALL INNER JOIN (
				SELECT DISTINCT party_id, date, shipment_id FROM party_lines_local WHERE generation = ?
				ORDER BY party_id, date DESC, shipment_id LIMIT `+n+` BY party_id
			) USING shipment_id`, gen, gen); err != nil {
			return fmt.Errorf("party latest lines: %w", err)
		}
		return nil
	})
	if err != nil {
		return fmt.Errorf("party summaries: %w", err)
	}
	stmts := []struct {
		what, q string
		args    []any
	}{
		{"party months", `INSERT INTO party_months (generation, party_id, role, month, lines, value_usd)
			SELECT ?, party_id, role, formatDateTime(date, '%Y-%m') AS month, toInt64(count()), sum(value_usd)
			FROM party_lines WHERE generation = ? GROUP BY party_id, role, month`, []any{gen, gen}},
		// The other party of each line is on the line's shard: each shard joins its own links.
		{"party counterparties", `INSERT INTO party_counterparties (generation, party_id, counterparty_id, counterparty_role, lines, value_usd)
			SELECT ?, party_id, o_party, o_role, toInt64(count()), sum(value_usd)
			FROM party_lines ALL INNER JOIN (
				SELECT shipment_id, party_id AS o_party, role AS o_role FROM {database}.shipment_parties_local WHERE generation = ?
			) USING shipment_id
			WHERE generation = ? AND o_role != role AND o_party != party_id
			GROUP BY party_id, o_party, o_role`, []any{gen, gen, gen}},
		// ranked by value, then the counterparty's id as text and its role (the DuckDB store's order)
		{"party top counterparties", `INSERT INTO party_top_counterparties (generation, party_id, rank, counterparty_id, counterparty_role, lines, value_usd)
			SELECT ?, party_id, toInt32(rank), t.1, t.2, t.3, t.4
			FROM (
				SELECT party_id, arraySlice(arraySort(x -> (-x.4, toString(x.1), x.2),
					groupArray((counterparty_id, counterparty_role, lines, value_usd))), 1, ` + n + `) AS top
				FROM party_counterparties WHERE generation = ? GROUP BY party_id
			) ARRAY JOIN top AS t, arrayEnumerate(top) AS rank`, []any{gen, gen}},
		// newest first, then by shipment id
		{"party latest", `INSERT INTO party_latest (generation, party_id, rank, shipment_id, record_id, date, direction, reporter,
				declaration_no, shipper_name, shipper_country, consignee_name, consignee_country, origin_country, dispatch_country,
				destination_country, hs_code, description, brand, quantity, unit, net_weight_kg, value_usd)
			SELECT ?, party_id, toInt32(rank), t.2, t.3, toString(t.1), t.4, t.5, t.6, t.7, t.8, t.9, t.10, t.11, t.12, t.13,
				t.14, t.15, t.16, t.17, t.18, t.19, t.20
			FROM (
				SELECT party_id, arraySlice(arraySort(x -> (-toRelativeDayNum(x.1), x.2),
					groupArray((date, shipment_id, ` + latestColumns + `))), 1, ` + n + `) AS top
				FROM party_latest_stage WHERE generation = ? GROUP BY party_id
			) ARRAY JOIN top AS t, arrayEnumerate(top) AS rank`, []any{gen, gen}},
	}
	for _, s := range stmts {
		if err := d.conn.Exec(ctx, d.qualify(s.q), s.args...); err != nil {
			return fmt.Errorf("party summaries: %s: %w", s.what, err)
		}
	}
	// the candidates have served
	_ = d.onShards(context.WithoutCancel(ctx), func(ctx context.Context, c driver.Conn) error {
		return c.Exec(ctx, fmt.Sprintf(`ALTER TABLE party_latest_stage_local DROP PARTITION %d`, gen))
	})
	return nil
}
