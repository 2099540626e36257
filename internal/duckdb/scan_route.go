package duckdb

import (
	"context"
	"database/sql"
	"fmt"
	"strings"

	"tradetrace/internal/country"
	"tradetrace/internal/detect/redflag"
	"tradetrace/internal/detect/route/decl"
	"tradetrace/internal/trade"
)

// lineSelect is shipmentSelect without the file of the run: the route detectors read many lines and cite
// them by record id.
const lineSelect = `id, run_id, row_no, record_id, date, direction, reporter, declaration_no, item_no,
shipper_name, shipper_name_en, shipper_address, shipper_address_en, shipper_country, shipper_id,
consignee_name, consignee_name_en, consignee_address, consignee_address_en, consignee_country, consignee_id,
origin_country, dispatch_country, destination_country, trading_country, hs_code, hs6, description, description_en,
brand, manufacturer, quantity, unit, gross_weight_kg, net_weight_kg, value, currency, value_usd, aggregated, fingerprint,
'' AS file`

// viaSQL is the country a line came through: its dispatch country, or its shipper's.
const viaSQL = `(CASE WHEN dispatch_country <> '' THEN dispatch_country ELSE shipper_country END)`

// consigneeCountrySQL is the consignee's country, or the destination when the consignee has none.
const consigneeCountrySQL = `(CASE WHEN consignee_country <> '' THEN consignee_country ELSE destination_country END)`

// lineWhere builds the WHERE clause of a route query, with parameters only.
func lineWhere(q decl.Query) (string, []any) {
	var conds []string
	var args []any
	in := func(expr string, cs []country.Code) {
		conds = append(conds, expr+" IN ("+placeholders(len(cs))+")")
		for _, c := range cs {
			args = append(args, string(c))
		}
	}
	if len(q.To) > 0 {
		ph := placeholders(len(q.To))
		conds = append(conds, "(destination_country IN ("+ph+") OR consignee_country IN ("+ph+"))")
		for range 2 {
			for _, c := range q.To {
				args = append(args, string(c))
			}
		}
	}
	if len(q.Via) > 0 {
		in(viaSQL, q.Via)
	}
	if q.ForeignOrigin {
		conds = append(conds, "origin_country <> '' AND origin_country <> "+viaSQL)
	}
	if len(q.ConsigneeIn) > 0 {
		in(consigneeCountrySQL, q.ConsigneeIn)
	}
	if len(q.ShipperIn) > 0 {
		in("shipper_country", q.ShipperIn)
	}
	if len(q.HSPrefixes) > 0 {
		cond, a := prefixCond("hs_code", q.HSPrefixes)
		conds = append(conds, cond)
		args = append(args, a...)
	}
	if !q.From.IsZero() {
		conds = append(conds, "date >= ?")
		args = append(args, q.From)
	}
	if !q.Until.IsZero() {
		conds = append(conds, "date <= ?")
		args = append(args, q.Until)
	}
	if len(conds) == 0 {
		return "", nil
	}
	return " WHERE " + strings.Join(conds, " AND "), args
}

// prefixCond is "col starts with one of these", grouped by prefix length so that each group is one IN list.
func prefixCond(col string, prefixes []string) (string, []any) {
	byLen := map[int][]string{}
	var lens []int
	for _, p := range prefixes {
		if _, ok := byLen[len(p)]; !ok {
			lens = append(lens, len(p))
		}
		byLen[len(p)] = append(byLen[len(p)], p)
	}
	var ors []string
	var args []any
	for _, n := range lens {
		ors = append(ors, fmt.Sprintf("substr(%s, 1, %d) IN (%s)", col, n, placeholders(len(byLen[n]))))
		for _, p := range byLen[n] {
			args = append(args, p)
		}
	}
	return "(" + strings.Join(ors, " OR ") + ")", args
}

// ScanLines calls fn for each line the query selects, in no particular order (decl.Lines).
func (d *DB) ScanLines(ctx context.Context, q decl.Query, fn func(*trade.Shipment) error) error {
	where, args := lineWhere(q)
	rows, err := d.db.QueryContext(ctx, `SELECT `+lineSelect+` FROM shipments`+where, args...)
	if err != nil {
		return fmt.Errorf("scan lines: %w", err)
	}
	defer rows.Close()
	var x shipmentScanner
	var s trade.Shipment
	for rows.Next() {
		s = trade.Shipment{}
		if err := x.scan(rows, &s); err != nil {
			return fmt.Errorf("scan lines: %w", err)
		}
		if err := fn(&s); err != nil {
			return err
		}
	}
	return rows.Err()
}

// BuyerHistory calls fn with the history of each way a buyer in q.To is written, split at q.Cutoff
// (redflag.Store): the sums are computed by the store, so only one row per appearance leaves it.
func (d *DB) BuyerHistory(ctx context.Context, q redflag.HistoryQuery, fn func(*redflag.Appearance) error) error {
	hpCond := "FALSE"
	var hpArgs []any
	if len(q.HP) > 0 {
		hpCond, hpArgs = prefixCond("hs_code", q.HP)
	}
	ph := placeholders(len(q.To))
	var args []any
	args = append(args, hpArgs...)
	for range 2 {
		for _, c := range q.To {
			args = append(args, string(c))
		}
	}
	for range 4 {
		args = append(args, q.Cutoff)
	}
	for range 4 {
		args = append(args, q.Cutoff)
	}
	// Arguments follow the order of the placeholders: the HP codes, the countries, then the cutoffs of the
	// SELECT list, which DuckDB numbers after the FROM clause's.
	query := `WITH l AS (SELECT consignee_name, consignee_name_en, consignee_country, consignee_id, date, value_usd, ` + hpCond + ` AS hp
	FROM shipments WHERE destination_country IN (` + ph + `) OR consignee_country IN (` + ph + `))
SELECT consignee_name, consignee_name_en, consignee_country, consignee_id, min(date), max(date), min(date) FILTER (WHERE hp),
	count(*) FILTER (WHERE date < ?), count(*) FILTER (WHERE hp AND date < ?),
	coalesce(sum(value_usd) FILTER (WHERE date < ?), 0), coalesce(sum(value_usd) FILTER (WHERE hp AND date < ?), 0),
	count(*) FILTER (WHERE date >= ?), count(*) FILTER (WHERE hp AND date >= ?),
	coalesce(sum(value_usd) FILTER (WHERE date >= ?), 0), coalesce(sum(value_usd) FILTER (WHERE hp AND date >= ?), 0)
FROM l GROUP BY ALL`
	rows, err := d.db.QueryContext(ctx, query, args...)
	if err != nil {
		return fmt.Errorf("buyer history: %w", err)
	}
	defer rows.Close()
	var a redflag.Appearance
	var c string
	var firstHP sql.NullTime
	for rows.Next() {
		a = redflag.Appearance{}
		if err := rows.Scan(&a.Name, &a.NameEn, &c, &a.ID, &a.First, &a.Last, &firstHP,
			&a.Before.Lines, &a.Before.HPLines, &a.Before.Value, &a.Before.HPValue,
			&a.After.Lines, &a.After.HPLines, &a.After.Value, &a.After.HPValue); err != nil {
			return fmt.Errorf("buyer history: %w", err)
		}
		a.Country = country.Code(c)
		if firstHP.Valid {
			a.FirstHP = firstHP.Time
		}
		if err := fn(&a); err != nil {
			return err
		}
	}
	return rows.Err()
}
