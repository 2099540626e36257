package clickhouse

// Resolved parties on the workbench: profiles, search, activity and lines, read from the current generation of
// the tables the party resolution writes (migrations/004_parties.sql) — each a lookup in the primary key of a
// table ordered by party (parties, party_months, party_top_counterparties, party_latest, party_lines) or by
// shipment (shipment_parties) — with screening's latest matches and risk.

import (
	"context"
	"fmt"
	"slices"
	"strconv"
	"strings"

	"github.com/ClickHouse/clickhouse-go/v2/lib/driver"

	"tradetrace/internal/duckdb"
	"tradetrace/internal/trade"
)

// webPartyPageRows is how many counterparties and lines the party summaries rank for a profile's first page (the
// DuckDB store's partyPageRows).
const webPartyPageRows = 25

// webPartyGen returns the current generation of the resolved parties as a SQL literal; ok is false when the
// store holds no resolved party.
func (d *DB) webPartyGen(ctx context.Context) (gen string, ok bool, err error) {
	rows, err := d.conn.Query(ctx, `SELECT generation, parties FROM party_sets ORDER BY generation DESC LIMIT 1`)
	if err != nil {
		return "", false, fmt.Errorf("current parties: %w", err)
	}
	defer rows.Close()
	if !rows.Next() {
		return "", false, rows.Err()
	}
	var g uint64
	var n int64
	if err := rows.Scan(&g, &n); err != nil {
		return "", false, fmt.Errorf("current parties: %w", err)
	}
	return strconv.FormatUint(g, 10), n > 0, nil
}

// webParties is the parties of generation gen with screening's latest risk (p_risk) and matches (p_matches):
// party_matches is sharded like parties, so each shard joins its own rows (the subquery names the local table).
// where is more conditions on the matches (on id).
func (d *DB) webParties(gen, where string) string {
	return d.qualify(`(SELECT *, if(m_set = 1, m_risk, risk) AS p_risk, if(m_set = 1, m_matches, matches) AS p_matches
FROM parties ANY LEFT JOIN (
  SELECT id, argMax(matches, version) AS m_matches, argMax(risk, version) AS m_risk, toUInt8(1) AS m_set
  FROM {database}.party_matches_local WHERE generation = ` + gen + where + ` GROUP BY id) USING id
WHERE generation = ` + gen + where + `)`)
}

// WebHasParties reports whether the store holds resolved parties.
func (d *DB) WebHasParties(ctx context.Context) (bool, error) {
	_, ok, err := d.webPartyGen(ctx)
	return ok, err
}

// webResolvedParty reads a resolved party's profile.
func (d *DB) webResolvedParty(ctx context.Context, id int64) (*duckdb.WebParty, error) {
	gen, ok, err := d.webPartyGen(ctx)
	if err != nil {
		return nil, fmt.Errorf("party %d: %w", id, err)
	}
	if !ok {
		return nil, fmt.Errorf("party %d: %w", id, trade.ErrNotFound)
	}
	p := duckdb.WebParty{Ref: strconv.FormatInt(id, 10), Resolved: true}
	var ids, vars, addrs, roles, matches string
	rows, err := d.conn.Query(ctx, `SELECT name, name_en, country, identifiers, variants, addresses, roles, lines, value_usd, weight_kg,
ifNull(formatDateTime(first_seen, '%Y-%m-%d'), ''), ifNull(formatDateTime(last_seen, '%Y-%m-%d'), ''), p_risk, p_matches
FROM `+d.webParties(gen, ` AND id = `+strconv.FormatInt(id, 10)))
	if err != nil {
		return nil, fmt.Errorf("party %d: %w", id, err)
	}
	defer rows.Close()
	if !rows.Next() {
		if err := rows.Err(); err != nil {
			return nil, fmt.Errorf("party %d: %w", id, err)
		}
		return nil, fmt.Errorf("party %d: %w", id, trade.ErrNotFound)
	}
	if err := rows.Scan(&p.Name, &p.NameEn, &p.Country, &ids, &vars, &addrs, &roles, &p.Lines, &p.ValueUSD, &p.WeightKg,
		&p.FirstSeen, &p.LastSeen, &p.Risk, &matches); err != nil {
		return nil, fmt.Errorf("party %d: %w", id, err)
	}
	p.Identifiers, p.Variants, p.Addresses, p.Roles, p.Matches = webJSON(ids), webJSON(vars), webJSON(addrs), webJSON(roles), webJSON(matches)
	return &p, nil
}

// WebSearchParties finds resolved parties that share a search key (internal/names) with the query or whose name
// or English name holds its text, in any case: those whose name holds it first, then by shared keys, risk, lines
// and id. With no resolved parties it searches the lines' shipper and consignee names; a text that finds no
// party finds the shippers of goods whose brand or maker holds it.
func (d *DB) WebSearchParties(ctx context.Context, q duckdb.WebPartySearch) ([]duckdb.WebPartyHit, bool, error) {
	gen, ok, err := d.webPartyGen(ctx)
	if err != nil {
		return nil, false, fmt.Errorf("search parties: %w", err)
	}
	if !ok {
		return d.webSearchNames(ctx, q)
	}
	var args []any
	phrase := `1` // no text: every party
	switch {
	case strings.Contains(q.Text, "\x00"):
		phrase = `0`
	case q.Text != "":
		var a []any
		phrase, a = webHolds(q.Text, "name", "name_en")
		args = append(args, a...)
	}
	hits := `toInt64(0)` // how many of the query's distinct keys are words of the party's search keys
	if keys := slices.Compact(slices.Sorted(slices.Values(q.Keys))); len(keys) > 0 {
		has := make([]string, len(keys))
		for i := range keys {
			has[i] = `toInt64(has(splitByChar(' ', search), ?))`
		}
		hits = strings.Join(has, " + ")
		args = append(args, webStrArgs(keys)...)
	}
	cc := ""
	if q.Country != "" {
		cc = ` AND country = ?`
		args = append(args, q.Country)
	}
	args = append(args, q.Limit+1, q.Offset)
	rows, err := d.conn.Query(ctx, `SELECT id, name, name_en, country, lines, value_usd, p_risk, hits FROM (
  SELECT id, name, name_en, country, lines, value_usd, p_risk, `+phrase+` AS phrase, `+hits+` AS hits FROM `+d.webParties(gen, "")+`
  WHERE 1`+cc+`
) WHERE phrase OR hits > 0 ORDER BY phrase DESC, hits DESC, p_risk DESC, lines DESC, id LIMIT ? OFFSET ?`, args...)
	if err != nil {
		return nil, false, fmt.Errorf("search parties: %w", err)
	}
	out, err := webScanHits(rows)
	if err != nil {
		return nil, false, fmt.Errorf("search parties: %w", err)
	}
	more := len(out) > q.Limit
	if more {
		out = out[:q.Limit]
	}
	if len(out) == 0 && q.Offset == 0 && len([]rune(q.Text)) >= 3 {
		return d.webSearchByBrand(ctx, gen, q)
	}
	return out, more, nil
}

// webScanHits reads rows of id, name, English name, country, lines, value, risk and hits.
func webScanHits(rows driver.Rows) ([]duckdb.WebPartyHit, error) {
	defer rows.Close()
	out := []duckdb.WebPartyHit{}
	for rows.Next() {
		var h duckdb.WebPartyHit
		var id, hits int64
		if err := rows.Scan(&id, &h.Name, &h.NameEn, &h.Country, &h.Lines, &h.ValueUSD, &h.Risk, &hits); err != nil {
			return nil, err
		}
		h.Ref, h.Hits = strconv.FormatInt(id, 10), int(hits)
		out = append(out, h)
	}
	return out, rows.Err()
}

// webSearchByBrand finds the shippers of goods whose brand or maker holds the text: a company known by a brand
// (NORINCO) is found through the lines that carry it — the first 500 such lines, by id — ranked by how many of
// them each shipper sent. The lines are found on every shard, then sent to every shard to find their shippers.
func (d *DB) webSearchByBrand(ctx context.Context, gen string, q duckdb.WebPartySearch) ([]duckdb.WebPartyHit, bool, error) {
	runs, err := d.completeRuns(ctx)
	if err != nil {
		return nil, false, fmt.Errorf("search parties by brand: %w", err)
	}
	if ok, err := d.webBrandsHold(ctx, runs, q.Text); err != nil || !ok {
		return []duckdb.WebPartyHit{}, false, err // no brand or maker holds the text: no line has it
	}
	vis, args := visible(runs)
	c, a := webHolds(q.Text, "brand", "manufacturer")
	args = append(args, a...)
	cc := ""
	if q.Country != "" {
		cc = ` AND country = ?`
		args = append(args, q.Country)
	}
	rows, err := d.conn.Query(ctx, `SELECT id, name, name_en, country, lines, value_usd, p_risk, hits FROM `+d.webParties(gen, "")+`
ANY INNER JOIN (
  SELECT party_id AS id, toInt64(count()) AS hits FROM shipment_parties WHERE generation = `+gen+` AND role = 'shipper'
    AND shipment_id GLOBAL IN (SELECT id FROM shipments WHERE `+vis+` AND `+c+` ORDER BY id LIMIT 500)
  GROUP BY party_id
) USING id WHERE 1`+cc, args...)
	if err != nil {
		return nil, false, fmt.Errorf("search parties by brand: %w", err)
	}
	out, err := webScanHits(rows)
	if err != nil {
		return nil, false, fmt.Errorf("search parties by brand: %w", err)
	}
	// Most lines first, then by the id as text (as the DuckDB store orders them).
	slices.SortFunc(out, func(a, b duckdb.WebPartyHit) int {
		if a.Hits != b.Hits {
			return b.Hits - a.Hits
		}
		return strings.Compare(a.Ref, b.Ref)
	})
	more := len(out) > q.Limit
	if more {
		out = out[:q.Limit]
	}
	return out, more, nil
}

// webResolvedActivity reads a resolved party's activity from the summaries made when the parties were resolved:
// its months, its biggest counterparties (ranked already for the first page) with their names, and its newest
// lines — each a short range of a table ordered by party.
func (d *DB) webResolvedActivity(ctx context.Context, id int64, maxCounterparties, pageLimit int) (*duckdb.WebPartyActivity, error) {
	out := &duckdb.WebPartyActivity{Months: []duckdb.WebMonth{}, Counterparties: []duckdb.WebCounterparty{}, Latest: []duckdb.WebShipmentRow{}}
	gen, ok, err := d.webPartyGen(ctx)
	if err != nil || !ok {
		return out, err
	}
	pid := strconv.FormatInt(id, 10)
	var lines int64
	rows, err := d.conn.Query(ctx, `SELECT lines FROM parties WHERE generation = `+gen+` AND id = `+pid)
	if err != nil {
		return nil, fmt.Errorf("party %d: %w", id, err)
	}
	if rows.Next() {
		err = rows.Scan(&lines)
	}
	if err == nil {
		err = rows.Err()
	}
	rows.Close()
	if err != nil {
		return nil, fmt.Errorf("party %d: %w", id, err)
	}
	out.Lines = int(lines) // the party's distinct lines, counted when the parties were resolved
	if out.Lines == 0 {
		return out, nil
	}
	rows, err = d.conn.Query(ctx, `SELECT month, role, lines, value_usd FROM party_months WHERE generation = `+gen+` AND party_id = `+pid+` ORDER BY month, role`)
	if err != nil {
		return nil, fmt.Errorf("party %d months: %w", id, err)
	}
	for rows.Next() {
		var m duckdb.WebMonth
		if err := rows.Scan(&m.Month, &m.Role, &m.Lines, &m.ValueUSD); err != nil {
			rows.Close()
			return nil, fmt.Errorf("party %d months: %w", id, err)
		}
		out.Months = append(out.Months, m)
	}
	err = rows.Err()
	rows.Close()
	if err != nil {
		return nil, fmt.Errorf("party %d months: %w", id, err)
	}
	cq := `SELECT counterparty_id, counterparty_role, lines, value_usd FROM party_top_counterparties
WHERE generation = ` + gen + ` AND party_id = ` + pid + ` AND rank <= ? ORDER BY rank`
	if maxCounterparties > webPartyPageRows {
		cq = `SELECT counterparty_id, counterparty_role, lines, value_usd FROM party_counterparties
WHERE generation = ` + gen + ` AND party_id = ` + pid + ` ORDER BY ` + duckdb.ByValueDesc + `, toString(counterparty_id), counterparty_role LIMIT ?`
	}
	rows, err = d.conn.Query(ctx, cq, maxCounterparties)
	if err != nil {
		return nil, fmt.Errorf("party %d counterparties: %w", id, err)
	}
	var cps []duckdb.WebCounterparty
	var cpIDs []int64
	for rows.Next() {
		var c duckdb.WebCounterparty
		var cid int64
		if err := rows.Scan(&cid, &c.Role, &c.Lines, &c.ValueUSD); err != nil {
			rows.Close()
			return nil, fmt.Errorf("party %d counterparties: %w", id, err)
		}
		c.Ref = strconv.FormatInt(cid, 10)
		cps = append(cps, c)
		cpIDs = append(cpIDs, cid)
	}
	err = rows.Err()
	rows.Close()
	if err != nil {
		return nil, fmt.Errorf("party %d counterparties: %w", id, err)
	}
	if len(cps) > 0 {
		// The counterparties' names, countries and risks, by id.
		type named struct {
			name, country string
			risk          float64
		}
		byID := map[string]named{}
		rows, err := d.conn.Query(ctx, `SELECT id, name, country, p_risk FROM `+d.webParties(gen, ` AND id IN (`+webInts(cpIDs)+`)`))
		if err != nil {
			return nil, fmt.Errorf("party %d counterparties: %w", id, err)
		}
		for rows.Next() {
			var cid int64
			var n named
			if err := rows.Scan(&cid, &n.name, &n.country, &n.risk); err != nil {
				rows.Close()
				return nil, fmt.Errorf("party %d counterparties: %w", id, err)
			}
			byID[strconv.FormatInt(cid, 10)] = n
		}
		err = rows.Err()
		rows.Close()
		if err != nil {
			return nil, fmt.Errorf("party %d counterparties: %w", id, err)
		}
		for _, c := range cps {
			n, ok := byID[c.Ref]
			if !ok {
				continue // a summary of parties since replaced
			}
			c.Name, c.Country, c.Risk = n.name, n.country, n.risk
			out.Counterparties = append(out.Counterparties, c)
		}
	}
	switch {
	case pageLimit > webPartyPageRows:
		if out.Latest, _, err = d.webResolvedShipments(ctx, id, "", 0, pageLimit); err != nil {
			return nil, err
		}
	case pageLimit > 0:
		rows, err := d.conn.Query(ctx, `SELECT shipment_id, record_id, date, direction, reporter, declaration_no,
shipper_name, shipper_country, consignee_name, consignee_country, origin_country, dispatch_country, destination_country,
hs_code, description, brand, quantity, unit, net_weight_kg, value_usd
FROM party_latest WHERE generation = `+gen+` AND party_id = `+pid+` AND rank <= ? ORDER BY rank`, pageLimit)
		if err != nil {
			return nil, fmt.Errorf("party %d latest lines: %w", id, err)
		}
		if out.Latest, err = webScanRows(rows); err != nil {
			return nil, fmt.Errorf("party %d latest lines: %w", id, err)
		}
	}
	return out, nil
}

// webResolvedShipments pages a resolved party's lines, newest first: the page's ids from party_lines (a range of
// each shard's key), then their rows by id.
func (d *DB) webResolvedShipments(ctx context.Context, id int64, role string, offset, limit int) ([]duckdb.WebShipmentRow, bool, error) {
	gen, ok, err := d.webPartyGen(ctx)
	if err != nil {
		return nil, false, fmt.Errorf("party %d shipments: %w", id, err)
	}
	if !ok {
		return []duckdb.WebShipmentRow{}, false, nil
	}
	q := `SELECT shipment_id FROM party_lines WHERE generation = ` + gen + ` AND party_id = ` + strconv.FormatInt(id, 10)
	var args []any
	if role != "" {
		q += ` AND role = ?`
		args = append(args, role)
	}
	q += ` GROUP BY date, shipment_id ORDER BY date DESC, shipment_id LIMIT ? OFFSET ?`
	rows, err := d.conn.Query(ctx, q, append(args, limit+1, offset)...)
	if err != nil {
		return nil, false, fmt.Errorf("party %d shipments: %w", id, err)
	}
	var ids []int64
	for rows.Next() {
		var sid int64
		if err := rows.Scan(&sid); err != nil {
			rows.Close()
			return nil, false, fmt.Errorf("party %d shipments: %w", id, err)
		}
		ids = append(ids, sid)
	}
	err = rows.Err()
	rows.Close()
	if err != nil {
		return nil, false, fmt.Errorf("party %d shipments: %w", id, err)
	}
	more := len(ids) > limit
	if more {
		ids = ids[:limit]
	}
	out, err := d.WebShipmentRows(ctx, ids)
	if err != nil {
		return nil, false, fmt.Errorf("party %d shipments: %w", id, err)
	}
	return out, more, nil
}

// WebShipmentParties returns the resolved parties of a shipment line: role → party id. shipment_parties is
// ordered by shipment on every shard.
func (d *DB) WebShipmentParties(ctx context.Context, id int64) (map[string]int64, error) {
	out := map[string]int64{}
	gen, ok, err := d.webPartyGen(ctx)
	if err != nil || !ok {
		return out, err
	}
	rows, err := d.conn.Query(ctx, `SELECT role, party_id FROM shipment_parties WHERE generation = `+gen+` AND shipment_id = `+strconv.FormatInt(id, 10))
	if err != nil {
		return nil, fmt.Errorf("shipment %d parties: %w", id, err)
	}
	defer rows.Close()
	for rows.Next() {
		var role string
		var pid int64
		if err := rows.Scan(&role, &pid); err != nil {
			return nil, fmt.Errorf("shipment %d parties: %w", id, err)
		}
		out[role] = pid
	}
	return out, rows.Err()
}
