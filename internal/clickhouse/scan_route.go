package clickhouse

import (
	"context"
	"fmt"
	"strings"
	"time"

	"tradetrace/internal/country"
	"tradetrace/internal/detect"
	"tradetrace/internal/detect/front"
	"tradetrace/internal/detect/misdeclared"
	"tradetrace/internal/detect/redflag"
	"tradetrace/internal/detect/route/decl"
	"tradetrace/internal/detect/unitvalue"
	"tradetrace/internal/trade"
)

// The route, red-flag and front-company detectors' reads (decl.Lines, redflag.Store, front.Store): the same
// answers as the DuckDB store's (internal/duckdb/scan_route.go). The sums are GROUP BYs over the Distributed
// table, so every shard sums its own lines and only the partial sums travel. Codes, countries and dates are
// written into the SQL as literals (lit); only the complete runs are bound.

func tradeID(id int64) trade.ShipmentID { return trade.ShipmentID(id) }

// lit is s as a ClickHouse string literal.
func lit(s string) string {
	return "'" + strings.NewReplacer(`\`, `\\`, `'`, `\'`).Replace(s) + "'"
}

// litList is the codes as a list of literals, for IN.
func litList[S ~string](cs []S) string {
	q := make([]string, len(cs))
	for i, c := range cs {
		q[i] = lit(string(c))
	}
	return strings.Join(q, ", ")
}

// dayOf is the date literal of the day of t (UTC): the DuckDB store binds the instants it compares a line's
// date with as dates, so the stores compare with the day.
func dayOf(t time.Time) string { return "toDate(" + lit(t.UTC().Format(time.DateOnly)) + ")" }

// viaSQL is the country a line came through: its dispatch country, or its shipper's.
const viaSQL = `if(dispatch_country != '', dispatch_country, shipper_country)`

// consigneeCountrySQL is the consignee's country, or the destination when the consignee has none.
const consigneeCountrySQL = `if(consignee_country != '', consignee_country, destination_country)`

// toSQL is "bound for one of these countries": destination or consignee country.
func toSQL(cs []country.Code) string {
	l := litList(cs)
	return "(destination_country IN (" + l + ") OR consignee_country IN (" + l + "))"
}

// prefixSQL is "col starts with one of these", grouped by prefix length so that each group is one IN list.
func prefixSQL(col string, prefixes []string) string {
	byLen := map[int][]string{}
	var lens []int
	for _, p := range prefixes {
		if _, ok := byLen[len(p)]; !ok {
			lens = append(lens, len(p))
		}
		byLen[len(p)] = append(byLen[len(p)], p)
	}
	ors := make([]string, 0, len(lens))
	for _, n := range lens {
		ors = append(ors, fmt.Sprintf("substring(%s, 1, %d) IN (%s)", col, n, litList(byLen[n])))
	}
	return "(" + strings.Join(ors, " OR ") + ")"
}

// lineWhere is the query's conditions, each starting with " AND ".
func lineWhere(q decl.Query) string {
	var b strings.Builder
	and := func(c string) { b.WriteString(" AND " + c) }
	if len(q.To) > 0 {
		and(toSQL(q.To))
	}
	if len(q.Via) > 0 {
		and(viaSQL + " IN (" + litList(q.Via) + ")")
	}
	if q.ForeignOrigin {
		and("origin_country != '' AND origin_country != " + viaSQL)
	}
	if len(q.ConsigneeIn) > 0 {
		and(consigneeCountrySQL + " IN (" + litList(q.ConsigneeIn) + ")")
	}
	if len(q.ShipperIn) > 0 {
		and("shipper_country IN (" + litList(q.ShipperIn) + ")")
	}
	if len(q.ViaOrShipperIn) > 0 {
		cs := litList(q.ViaOrShipperIn)
		and("(" + viaSQL + " IN (" + cs + ") OR shipper_country IN (" + cs + "))")
	}
	if len(q.HSPrefixes) > 0 {
		and(prefixSQL("hs_code", q.HSPrefixes))
	}
	if !q.From.IsZero() {
		and("date >= " + dayOf(q.From))
	}
	if !q.Until.IsZero() {
		and("date <= " + dayOf(q.Until))
	}
	return b.String()
}

// ScanLines calls fn for each line the query selects, in no particular order (decl.Lines). The lines carry
// every field but the file of their run.
func (d *DB) ScanLines(ctx context.Context, q decl.Query, fn func(*trade.Shipment) error) error {
	rd, err := d.reader(ctx)
	if err != nil {
		return fmt.Errorf("scan lines: %w", err)
	}
	rows, err := d.conn.Query(ctx, `SELECT `+q.Columns(shipmentSelect)+` FROM shipments WHERE `+rd.cond+lineWhere(q), rd.args...)
	if err != nil {
		return fmt.Errorf("scan lines: %w", err)
	}
	defer rows.Close()
	var x shipmentScanner
	var s trade.Shipment
	var n int64
	for rows.Next() {
		s = trade.Shipment{}
		if err := x.scan(rows, &s); err != nil {
			return fmt.Errorf("scan lines: %w", err)
		}
		n++
		if err := fn(&s); err != nil {
			return err
		}
	}
	if err := rows.Err(); err != nil {
		return incomplete("scan lines", n, err)
	}
	return nil
}

// hpSQL is "the line's code is of high-priority goods".
func hpSQL(hp []string) string {
	if len(hp) == 0 {
		return "0"
	}
	return prefixSQL("hs_code", hp)
}

// toWhere is " AND bound for these countries", or nothing when none are asked for.
func toWhere(cs []country.Code) string {
	if len(cs) == 0 {
		return ""
	}
	return " AND " + toSQL(cs)
}

// centsUSD is a line's value in whole US cents, as the DuckDB store rounds it: sums of money are taken in
// cents, which add up to the same total in any order (floating-point dollars did not, from run to run).
const centsUSD = `toInt64(floor(ifNull(value_usd, 0) * 100 + 0.5))`

// BuyerHistory calls fn with the history of each way a buyer in q.To is written, split at q.Cutoff
// (redflag.Store): the sums are computed by the shards, so only one row per appearance leaves the cluster.
func (d *DB) BuyerHistory(ctx context.Context, q redflag.HistoryQuery, fn func(*redflag.Appearance) error) error {
	rd, err := d.reader(ctx)
	if err != nil {
		return fmt.Errorf("buyer history: %w", err)
	}
	hp, cut := hpSQL(q.HP), dayOf(q.Cutoff)
	before, after := "date < "+cut, "date >= "+cut
	query := `SELECT consignee_name, consignee_name_en, consignee_country, consignee_id, min(date), max(date), minIf(date, ` + hp + ` AS hp),
	countIf(` + before + `), countIf(hp AND ` + before + `), sumIf(` + centsUSD + `, ` + before + `) / 100, sumIf(` + centsUSD + `, hp AND ` + before + `) / 100,
	countIf(` + after + `), countIf(hp AND ` + after + `), sumIf(` + centsUSD + `, ` + after + `) / 100, sumIf(` + centsUSD + `, hp AND ` + after + `) / 100,
	countIf(hp)
FROM shipments WHERE ` + rd.cond + toWhere(q.To) + `
GROUP BY consignee_name, consignee_name_en, consignee_country, consignee_id`
	rows, err := d.conn.Query(ctx, query, rd.args...)
	if err != nil {
		return fmt.Errorf("buyer history: %w", err)
	}
	defer rows.Close()
	var a redflag.Appearance
	var c string
	var bl, bh, al, ah, hps uint64
	var n int64
	for rows.Next() {
		a = redflag.Appearance{}
		if err := rows.Scan(&a.Name, &a.NameEn, &c, &a.ID, &a.First, &a.Last, &a.FirstHP,
			&bl, &bh, &a.Before.Value, &a.Before.HPValue, &al, &ah, &a.After.Value, &a.After.HPValue, &hps); err != nil {
			return fmt.Errorf("buyer history: %w", err)
		}
		n++
		a.Country = country.Code(c)
		a.First, a.Last, a.FirstHP = a.First.UTC(), a.Last.UTC(), a.FirstHP.UTC()
		if hps == 0 {
			a.FirstHP = time.Time{} // minIf over no line is 1970-01-01
		}
		a.Before.Lines, a.Before.HPLines, a.After.Lines, a.After.HPLines = int64(bl), int64(bh), int64(al), int64(ah)
		if err := fn(&a); err != nil {
			return err
		}
	}
	if err := rows.Err(); err != nil {
		return incomplete("buyer history", n, err)
	}
	return nil
}

// arrayJoinRoles turns each line into two rows, one per party role: (role, name, English name, id, country,
// address) as p.1 … p.6.
const arrayJoinRoles = ` ARRAY JOIN [
	tuple('shipper', shipper_name, shipper_name_en, shipper_id, shipper_country, shipper_address),
	tuple('consignee', consignee_name, consignee_name_en, consignee_id, consignee_country, consignee_address)] AS p`

// Appearances calls fn with the activity of each way a party of a line bound for q.To is written
// (front.Store). The first line of each is the earliest by date, then by id, so that re-runs cite the same. The
// shards sum each appearance's lines by month; the server that received the query adds the months up.
func (d *DB) Appearances(ctx context.Context, q front.Query, fn func(*front.Appearance) error) error {
	rd, err := d.reader(ctx)
	if err != nil {
		return fmt.Errorf("party appearances: %w", err)
	}
	months := `SELECT p.1 AS role, p.2 AS nm, p.3 AS nme, p.4 AS pid, p.5 AS pc, p.6 AS addr, toStartOfMonth(date) AS mo,
	count() AS k, sum(` + centsUSD + `) AS val, sumIf(` + centsUSD + `, ` + hpSQL(q.HP) + `) AS hval,
	min(date) AS d0, max(date) AS d1, argMin(id, (date, id)) AS fid, argMin(record_id, (date, id)) AS frec
FROM shipments` + arrayJoinRoles + `
WHERE ` + rd.cond + toWhere(q.To) + `
GROUP BY role, nm, nme, pid, pc, addr, mo`
	query := `SELECT role, nm, nme, pid, pc, addr, min(d0), max(d1), sum(k), sum(val) / 100, min(mo) AS first_mo,
	arraySum(arrayMap((m, x) -> if(m < addMonths(first_mo, 3), x, 0), groupArray(mo), groupArray(k))),
	arraySum(arrayMap((m, x) -> if(m < addMonths(first_mo, 3), x, 0), groupArray(mo), groupArray(val))) / 100,
	sum(hval) / 100, argMin(fid, (d0, fid)), argMin(frec, (d0, fid))
FROM (` + months + `)
GROUP BY role, nm, nme, pid, pc, addr`
	rows, err := d.conn.Query(ctx, query, rd.args...)
	if err != nil {
		return fmt.Errorf("party appearances: %w", err)
	}
	defer rows.Close()
	var a front.Appearance
	var c string
	var lines, early uint64
	var first time.Time
	var fid, n int64
	for rows.Next() {
		a = front.Appearance{}
		if err := rows.Scan(&a.Role, &a.Name, &a.NameEn, &a.ID, &c, &a.Address, &a.First, &a.Last, &lines, &a.Value, &first,
			&early, &a.EarlyValue, &a.HPValue, &fid, &a.FirstLine.RecordID); err != nil {
			return fmt.Errorf("party appearances: %w", err)
		}
		n++
		a.Country, a.First, a.Last = country.Code(c), a.First.UTC(), a.Last.UTC()
		a.Lines, a.EarlyLines, a.FirstLine.ID = int64(lines), int64(early), tradeID(fid)
		if err := fn(&a); err != nil {
			return err
		}
	}
	if err := rows.Err(); err != nil {
		return incomplete("party appearances", n, err)
	}
	return nil
}

// GoodsMix calls fn with what each party of a line bound for q.To moved under each HS chapter, before and
// after q.Cutoff (front.Store).
func (d *DB) GoodsMix(ctx context.Context, q front.Query, fn func(*front.Mix) error) error {
	rd, err := d.reader(ctx)
	if err != nil {
		return fmt.Errorf("goods mix: %w", err)
	}
	query := `SELECT p.1 AS role, p.2 AS nm, p.3 AS nme, p.4 AS pid, p.5 AS pc, substring(hs_code, 1, 2) AS chapter,
	date >= ` + dayOf(q.Cutoff) + ` AS is_after, count(), sum(` + centsUSD + `) / 100,
	argMax(id, (` + centsUSD + `, id)), argMax(record_id, (` + centsUSD + `, id))
FROM shipments` + arrayJoinRoles + `
WHERE ` + rd.cond + toWhere(q.To) + ` AND hs_code != ''
GROUP BY role, nm, nme, pid, pc, chapter, is_after`
	rows, err := d.conn.Query(ctx, query, rd.args...)
	if err != nil {
		return fmt.Errorf("goods mix: %w", err)
	}
	defer rows.Close()
	var m front.Mix
	var c string
	var after uint8
	var lines uint64
	var id, n int64
	for rows.Next() {
		m = front.Mix{}
		if err := rows.Scan(&m.Role, &m.Name, &m.NameEn, &m.ID, &c, &m.Chapter, &after, &lines, &m.Value,
			&id, &m.Largest.RecordID); err != nil {
			return fmt.Errorf("goods mix: %w", err)
		}
		n++
		m.Country, m.After, m.Lines, m.Largest.ID = country.Code(c), after != 0, int64(lines), tradeID(id)
		if err := fn(&m); err != nil {
			return err
		}
	}
	if err := rows.Err(); err != nil {
		return incomplete("goods mix", n, err)
	}
	return nil
}

// HubEdges calls fn with the trade of each shipper in q.Hubs with each consignee of lines bound for q.To
// (front.Store).
func (d *DB) HubEdges(ctx context.Context, q front.Query, fn func(*front.Edge) error) error {
	if len(q.Hubs) == 0 {
		return nil
	}
	rd, err := d.reader(ctx)
	if err != nil {
		return fmt.Errorf("hub edges: %w", err)
	}
	query := `SELECT shipper_name, shipper_name_en, shipper_id, shipper_country, consignee_name, consignee_name_en, consignee_id, consignee_country,
	count(), sum(` + centsUSD + `) / 100, sumIf(` + centsUSD + `, ` + hpSQL(q.HP) + `) / 100, min(date),
	argMin(id, (date, id)), argMin(record_id, (date, id))
FROM shipments
WHERE ` + rd.cond + toWhere(q.To) + ` AND shipper_country IN (` + litList(q.Hubs) + `)
GROUP BY shipper_name, shipper_name_en, shipper_id, shipper_country, consignee_name, consignee_name_en, consignee_id, consignee_country`
	rows, err := d.conn.Query(ctx, query, rd.args...)
	if err != nil {
		return fmt.Errorf("hub edges: %w", err)
	}
	defer rows.Close()
	var e front.Edge
	var sc, cc string
	var lines uint64
	var id, n int64
	for rows.Next() {
		e = front.Edge{Shipper: front.Party{Role: "shipper"}, Consignee: front.Party{Role: "consignee"}}
		if err := rows.Scan(&e.Shipper.Name, &e.Shipper.NameEn, &e.Shipper.ID, &sc, &e.Consignee.Name, &e.Consignee.NameEn,
			&e.Consignee.ID, &cc, &lines, &e.Value, &e.HPValue, &e.First, &id, &e.FirstLine.RecordID); err != nil {
			return fmt.Errorf("hub edges: %w", err)
		}
		n++
		e.Shipper.Country, e.Consignee.Country = country.Code(sc), country.Code(cc)
		e.Lines, e.First, e.FirstLine.ID = int64(lines), e.First.UTC(), tradeID(id)
		if err := fn(&e); err != nil {
			return err
		}
	}
	if err := rows.Err(); err != nil {
		return incomplete("hub edges", n, err)
	}
	return nil
}

// The consumer interfaces the store satisfies: every goods and route detector runs on it.
var (
	_ detect.TextReadings = (*DB)(nil)
	_ misdeclared.Store   = (*DB)(nil)
	_ unitvalue.Store     = (*DB)(nil)
	_ decl.Lines          = (*DB)(nil)
	_ redflag.Store       = (*DB)(nil)
	_ front.Store         = (*DB)(nil)
)
