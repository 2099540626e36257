package clickhouse

// Search: shipment lines by goods text, HS code, country, declaration or date; parties by name (web_party.go
// holds the search of resolved parties).

import (
	"context"
	"fmt"
	"strconv"
	"strings"

	"tradetrace/internal/duckdb"
)

// webHolds is the condition "one of cols holds the text, in any case" (the DuckDB store's ILIKE '%text%'), with
// its arguments. ClickHouse folds the case of a letter only when both cases take as many bytes: the Turkish
// dotted capital İ (two bytes) would not match i (one), where DuckDB lowers it to i; so when the text holds an i
// of any kind, İ reads as i on both sides.
func webHolds(text string, cols ...string) (string, []any) {
	ors := make([]string, len(cols))
	args := make([]any, len(cols))
	dotted := strings.ContainsAny(text, "iIİ")
	if dotted {
		text = strings.ReplaceAll(text, "İ", "i")
	}
	for i, c := range cols {
		if dotted {
			c = `replaceAll(` + c + `, 'İ', 'i')`
		}
		ors[i] = `positionCaseInsensitiveUTF8(` + c + `, ?) > 0`
		args[i] = text
	}
	return "(" + strings.Join(ors, " OR ") + ")", args
}

// webStartsWith is the condition "col starts with one of the prefixes", with its arguments.
func webStartsWith(col string, prefixes []string) (string, []any) {
	ors := make([]string, len(prefixes))
	args := make([]any, len(prefixes))
	for i, p := range prefixes {
		ors[i] = `startsWith(` + col + `, ?)`
		args[i] = p
	}
	return "(" + strings.Join(ors, " OR ") + ")", args
}

// WebSearchShipments lists shipment lines by date, newest first. Each shard scans its share of the lines and
// keeps its first offset + limit + 1; the server that asked merges them.
func (d *DB) WebSearchShipments(ctx context.Context, q duckdb.WebShipmentSearch) ([]duckdb.WebShipmentRow, bool, error) {
	runs, err := d.completeRuns(ctx)
	if err != nil {
		return nil, false, fmt.Errorf("search shipments: %w", err)
	}
	cond, args := visible(runs)
	conds := []string{cond}
	add := func(c string, a ...any) {
		conds = append(conds, c)
		args = append(args, a...)
	}
	addAll := func(c string, a []any) { add(c, a...) }
	if q.Text != "" {
		addAll(webHolds(q.Text, "description", "description_en", "brand", "manufacturer"))
	}
	if q.HSPrefix != "" {
		add(`startsWith(hs_code, ?)`, q.HSPrefix)
	}
	if len(q.HSPrefixes) > 0 {
		addAll(webStartsWith("hs_code", q.HSPrefixes))
	}
	if q.Country != "" {
		c := q.Country
		add(`(origin_country = ? OR dispatch_country = ? OR destination_country = ? OR shipper_country = ? OR consignee_country = ?)`, c, c, c, c, c)
	}
	if q.DeclarationNo != "" {
		add(`(declaration_no = ? OR record_id = ?)`, q.DeclarationNo, q.DeclarationNo)
	}
	if q.From != "" {
		add(`date >= toDate(?)`, q.From)
	}
	if q.To != "" {
		add(`date <= toDate(?)`, q.To)
	}
	args = append(args, q.Limit+1, q.Offset)
	rows, err := d.conn.Query(ctx, `SELECT `+webRowSelect+` FROM shipments WHERE `+strings.Join(conds, " AND ")+`
ORDER BY date DESC, id LIMIT ? OFFSET ?`, args...)
	if err != nil {
		return nil, false, fmt.Errorf("search shipments: %w", err)
	}
	out, err := webScanRows(rows)
	if err != nil {
		return nil, false, fmt.Errorf("search shipments: %w", err)
	}
	more := len(out) > q.Limit
	if more {
		out = out[:q.Limit]
	}
	return out, more, nil
}

// webSearchNames finds shipper and consignee names holding the text, for a store without resolved parties: a
// name's lines, value and most frequent country. A brand or maker written on the goods names its shipper too
// (NORINCO → CHINA NORTH INDUSTRIES …).
func (d *DB) webSearchNames(ctx context.Context, q duckdb.WebPartySearch) ([]duckdb.WebPartyHit, bool, error) {
	runs, err := d.completeRuns(ctx)
	if err != nil {
		return nil, false, fmt.Errorf("search names: %w", err)
	}
	vis, vargs := visible(runs)
	var args []any
	part := func(sel string, no int, cols ...string) string {
		c, a := webHolds(q.Text, cols...)
		args = append(args, vargs...)
		args = append(args, a...)
		return sel + `, ` + strconv.Itoa(no) + ` AS part, id FROM shipments WHERE ` + vis + ` AND ` + c
	}
	union := part(`SELECT shipper_name AS n, shipper_name_en AS n_en, shipper_country AS c, value_usd AS v`, 0, "shipper_name", "shipper_name_en") +
		"\nUNION ALL " + part(`SELECT consignee_name, consignee_name_en, consignee_country, value_usd`, 1, "consignee_name", "consignee_name_en") +
		"\nUNION ALL " + part(`SELECT shipper_name, shipper_name_en, shipper_country, value_usd`, 2, "brand", "manufacturer")
	cc := ""
	if q.Country != "" {
		cc = ` WHERE c = ?`
		args = append(args, q.Country)
	}
	args = append(args, q.Limit+1, q.Offset)
	// Each name's English name from its first line (shippers, then consignees, then brands; then by id), its most
	// frequent country (ties: the first in byte order) from its lines by country.
	rows, err := d.conn.Query(ctx, `SELECT n, argMin(n_en, first), argMin(c, (-lines, c)), toInt64(sum(lines)) AS total, sum(v) FROM (
  SELECT n, c, argMin(n_en, (part, id)) AS n_en, min((part, id)) AS first, toInt64(count()) AS lines, ifNull(sum(v), 0) AS v
  FROM (`+union+`)`+cc+` GROUP BY n, c
) GROUP BY n ORDER BY total DESC, n LIMIT ? OFFSET ?`, args...)
	if err != nil {
		return nil, false, fmt.Errorf("search names: %w", err)
	}
	defer rows.Close()
	out := []duckdb.WebPartyHit{}
	for rows.Next() {
		var h duckdb.WebPartyHit
		if err := rows.Scan(&h.Name, &h.NameEn, &h.Country, &h.Lines, &h.ValueUSD); err != nil {
			return nil, false, fmt.Errorf("search names: %w", err)
		}
		h.Ref = duckdb.WebPartyRef{Name: h.Name}.String()
		out = append(out, h)
	}
	if err := rows.Err(); err != nil {
		return nil, false, fmt.Errorf("search names: %w", err)
	}
	more := len(out) > q.Limit
	if more {
		out = out[:q.Limit]
	}
	return out, more, nil
}
