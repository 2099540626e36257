package duckdb

import (
	"context"
	"database/sql"
	"fmt"
	"reflect"
	"strings"

	"tradetrace/internal/country"
	"tradetrace/internal/detect/front"
	"tradetrace/internal/detect/redflag"
	"tradetrace/internal/detect/route/decl"
	"tradetrace/internal/hs"
	"tradetrace/internal/trade"
)

// lineSelect is what a lean line holds (decl.Query.Lean) but its text; lineText is its text, left out by NoText
// queries.
const (
	lineSelect = `id, record_id, date, direction, reporter, shipper_name, shipper_name_en, shipper_country, shipper_id,
consignee_name, consignee_name_en, consignee_country, consignee_id, origin_country, dispatch_country, destination_country,
hs_code, brand, quantity, unit, gross_weight_kg, net_weight_kg, value_usd`
	lineText = `, description, description_en, manufacturer`
)

// scanLine reads a row of lineSelect followed by the text columns that text receives.
func (x *shipmentScanner) scanLine(sc interface{ Scan(...any) error }, s *trade.Shipment, text ...any) error {
	x.dest = append(x.dest[:0], &s.ID, &s.RecordID, &s.Date, &x.dir, &x.rep, &s.Shipper.Name, &s.Shipper.NameEn, &x.shC, &s.Shipper.ID,
		&s.Consignee.Name, &s.Consignee.NameEn, &x.coC, &s.Consignee.ID, &x.org, &x.dsp, &x.dst,
		&x.hsc, &s.Brand, &x.q, &s.Unit, &x.gw, &x.nw, &x.vu)
	x.dest = append(x.dest, text...)
	if err := sc.Scan(x.dest...); err != nil {
		return err
	}
	s.Direction, _ = trade.ParseDirection(x.dir)
	s.Reporter, s.Shipper.Country, s.Consignee.Country = country.Code(x.rep), country.Code(x.shC), country.Code(x.coC)
	s.Origin, s.Dispatch, s.Destination = country.Code(x.org), country.Code(x.dsp), country.Code(x.dst)
	s.HS = hs.Code(x.hsc)
	s.Quantity, s.GrossWeightKg, s.NetWeightKg, s.ValueUSD = num(x.q), num(x.gw), num(x.nw), num(x.vu)
	return nil
}

// viaSQL is the country a line came through: its dispatch country, or its shipper's.
const viaSQL = `(CASE WHEN dispatch_country <> '' THEN dispatch_country ELSE shipper_country END)`

// consigneeCountrySQL is the consignee's country, or the destination when the consignee has none.
const consigneeCountrySQL = `(CASE WHEN consignee_country <> '' THEN consignee_country ELSE destination_country END)`

// Country codes, HS prefixes and dates go into the route queries as literals, as the detectors' filters do (see
// dialect). For these queries it made no difference (the chain detector's sales on 10M lines read cold: 6.6 s
// either way, 3.5 s without their text, decl.Query.NoText): DuckDB filters their OR and CASE conditions after
// the scan, bound or not, and the cost is in reading the selected columns of every row group.

// codes writes codes (countries, HS prefixes) as a list of SQL literals.
func codes[C ~string](cs []C) string {
	q := make([]string, len(cs))
	for i, c := range cs {
		q[i] = dialect.Literal(string(c))
	}
	return strings.Join(q, ", ")
}

// lineWhere builds the WHERE clause of a route query; it has no arguments.
func lineWhere(q decl.Query) string {
	var conds []string
	in := func(expr string, cs []country.Code) {
		conds = append(conds, expr+" IN ("+codes(cs)+")")
	}
	if len(q.To) > 0 {
		to := codes(q.To)
		conds = append(conds, "(destination_country IN ("+to+") OR consignee_country IN ("+to+"))")
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
	if len(q.ViaOrShipperIn) > 0 {
		cs := codes(q.ViaOrShipperIn)
		conds = append(conds, "("+viaSQL+" IN ("+cs+") OR shipper_country IN ("+cs+"))")
	}
	if len(q.HSPrefixes) > 0 {
		conds = append(conds, prefixCond("hs_code", q.HSPrefixes))
	}
	if !q.From.IsZero() {
		d, _ := dialect.Date(q.From)
		conds = append(conds, "date >= "+d)
	}
	if !q.Until.IsZero() {
		d, _ := dialect.Date(q.Until)
		conds = append(conds, "date <= "+d)
	}
	if len(conds) == 0 {
		return ""
	}
	return " WHERE " + strings.Join(conds, " AND ")
}

// prefixCond is "col starts with one of these", grouped by prefix length so that each group is one list. A
// list_contains over a list literal costs a tenth of an IN list of the same strings on DuckDB 1.x (75 ms
// against 880 ms for 200 codes over a million lines).
func prefixCond(col string, prefixes []string) string {
	byLen := map[int][]string{}
	var lens []int
	for _, p := range prefixes {
		if _, ok := byLen[len(p)]; !ok {
			lens = append(lens, len(p))
		}
		byLen[len(p)] = append(byLen[len(p)], p)
	}
	var ors []string
	for _, n := range lens {
		ors = append(ors, fmt.Sprintf("list_contains([%s], substr(%s, 1, %d))", codes(byLen[n]), col, n))
	}
	return "(" + strings.Join(ors, " OR ") + ")"
}

// ScanLines calls fn for each line the query selects, in no particular order (decl.Lines).
func (d *DB) ScanLines(ctx context.Context, q decl.Query, fn func(*trade.Shipment) error) error {
	var x shipmentScanner
	var s trade.Shipment // one line, reused
	cols, text := lineSelect, []any(nil)
	if !q.NoText {
		cols, text = cols+lineText, []any{&s.Description, &s.DescriptionEn, &s.Manufacturer}
	}
	return d.eachQueried(ctx, "scan lines", func(rows rowScanner) error {
		s = trade.Shipment{}
		if err := x.scanLine(rows, &s, text...); err != nil {
			return fmt.Errorf("scan lines: %w", err)
		}
		return fn(&s)
	}, `SELECT `+cols+` FROM shipments`+lineWhere(q))
}

// BuyerHistory calls fn with the history of each way a buyer in q.To is written, split at q.Cutoff
// (redflag.Store): the sums are computed by the store, so only one row per appearance leaves it.
func (d *DB) BuyerHistory(ctx context.Context, q redflag.HistoryQuery, fn func(*redflag.Appearance) error) error {
	hpCond := "FALSE"
	if len(q.HP) > 0 {
		hpCond = prefixCond("hs_code", q.HP)
	}
	to := codes(q.To)
	var args []any
	for range 4 {
		args = append(args, q.Cutoff)
	}
	for range 4 {
		args = append(args, q.Cutoff)
	}
	// The arguments are the cutoffs of the SELECT list.
	query := `WITH l AS (SELECT consignee_name, consignee_name_en, consignee_country, consignee_id, date, ` + centsUSD + ` AS v, ` + hpCond + ` AS hp
	FROM shipments WHERE destination_country IN (` + to + `) OR consignee_country IN (` + to + `))
SELECT consignee_name, consignee_name_en, consignee_country, consignee_id, min(date), max(date), min(date) FILTER (WHERE hp),
	count(*) FILTER (WHERE date < ?), count(*) FILTER (WHERE hp AND date < ?),
	coalesce(sum(v) FILTER (WHERE date < ?), 0) / 100, coalesce(sum(v) FILTER (WHERE hp AND date < ?), 0) / 100,
	count(*) FILTER (WHERE date >= ?), count(*) FILTER (WHERE hp AND date >= ?),
	coalesce(sum(v) FILTER (WHERE date >= ?), 0) / 100, coalesce(sum(v) FILTER (WHERE hp AND date >= ?), 0) / 100
FROM l GROUP BY ALL`
	var a redflag.Appearance
	var c string
	var firstHP sql.NullTime
	dest := []any{&a.Name, &a.NameEn, &c, &a.ID, &a.First, &a.Last, &firstHP,
		&a.Before.Lines, &a.Before.HPLines, &a.Before.Value, &a.Before.HPValue,
		&a.After.Lines, &a.After.HPLines, &a.After.Value, &a.After.HPValue} // one slice for every row
	return d.eachQueried(ctx, "buyer history", func(rows rowScanner) error {
		a = redflag.Appearance{}
		if err := rows.Scan(dest...); err != nil {
			return fmt.Errorf("buyer history: %w", err)
		}
		a.Country = country.Code(c)
		if firstHP.Valid {
			a.FirstHP = firstHP.Time
		}
		return fn(&a)
	}, query, args...)
}

// centsUSD is a line's value in whole US cents. Sums of money are taken in cents: integers add up to the same
// total in any order, where the parallel sum of floating-point dollars changed in the last digits from run to
// run (and a total rounded to the dollar with it). The ClickHouse store rounds the same way.
const centsUSD = `CAST(floor(coalesce(value_usd, 0) * 100 + 0.5) AS BIGINT)`

// frontLines is the lines bound for the watched countries with what the front-company sums need, each
// party's role as a row of its own. A party as written (name, English name, identifier and country: p; with
// its address: pa) is grouped by as one 64-bit hash, and its text is read back from one line of the group
// (partyOf): grouping by the text itself took 16.5 s for the appearances of 10M lines, by the hash 6.4 s. The
// appearances give p as the party's key (front.Party.Key), and the goods mix and the hub edges give their
// parties by it alone, without text. Two ways of writing a party that hash alike would count as one; among the
// 600k ways of a 10M-line store that happens with a chance of about one in a hundred million. It has no
// parameters. DuckDB computes l for each of r's two halves (NOT MATERIALIZED) rather than copying its 4.7M
// lines of a 10M-line store into memory once: each query alone, on that store, the goods mix took 9.0 CPU-s
// twice against 11.4 and 12.3, peak RSS 1.11 GB against 1.45-1.48, the appearances 11.3-11.5 CPU-s against
// 11.9-12.0.
func frontLines(q front.Query) string {
	hpCond := "FALSE"
	if len(q.HP) > 0 {
		hpCond = prefixCond("hs_code", q.HP)
	}
	to := codes(q.To)
	return `l AS NOT MATERIALIZED (SELECT id, date, hs_code, shipper_country, ` + centsUSD + ` AS v, ` + hpCond + ` AS hp,
	hash(shipper_name, shipper_name_en, shipper_id, shipper_country) AS sh, hash(sh, shipper_address) AS sha,
	hash(consignee_name, consignee_name_en, consignee_id, consignee_country) AS ch, hash(ch, consignee_address) AS cha
	FROM shipments WHERE destination_country IN (` + to + `) OR consignee_country IN (` + to + `)),
r AS (SELECT 'shipper' AS role, sh AS p, sha AS pa, id, date, hs_code, v, hp FROM l
	UNION ALL
	SELECT 'consignee', ch, cha, id, date, hs_code, v, hp FROM l)`
}

// partyOf is the SELECT list of the party in role (a column) as written on the line s: name, English name,
// identifier, country and address.
func partyOf(role string) string {
	pick := func(col string) string {
		return `CASE WHEN ` + role + ` = 'shipper' THEN s.shipper_` + col + ` ELSE s.consignee_` + col + ` END`
	}
	return pick("name") + `, ` + pick("name_en") + `, ` + pick("id") + `, ` + pick("country") + `, ` + pick("address")
}

// Appearances calls fn with the activity of each way a party of a line bound for q.To is written
// (front.Store), keyed by the hash of the party as written (front.Party.Key). The first line of each is the
// earliest by date, then by id, so that re-runs cite the same.
func (d *DB) Appearances(ctx context.Context, q front.Query, fn func(*front.Appearance) error) error {
	aq := appearancesQuery(q)
	return d.eachQueried(ctx, aq.what, readAppearances(fn), aq.query, aq.args...)
}

func appearancesQuery(q front.Query) aheadQuery {
	query := `WITH ` + frontLines(q) + `,
m AS (SELECT role, p, pa, date_trunc('month', date) AS mo, count(*) AS k, sum(v) AS v,
	sum(v) FILTER (WHERE hp) AS hv, min(date) AS d0, max(date) AS d1, arg_min(id, (date, id)) AS fid FROM r GROUP BY ALL),
f AS (SELECT *, min(mo) OVER (PARTITION BY role, pa) AS first FROM m),
g AS (SELECT role, p, pa, min(d0) AS d0, max(d1) AS d1, sum(k) AS k, sum(v) AS v,
	coalesce(sum(k) FILTER (WHERE mo < first + INTERVAL 3 MONTH), 0) AS ek, coalesce(sum(v) FILTER (WHERE mo < first + INTERVAL 3 MONTH), 0) AS ev,
	coalesce(sum(hv), 0) AS hv, arg_min(fid, (d0, fid)) AS fid
FROM f GROUP BY role, p, pa)
SELECT g.role, g.p, ` + partyOf("g.role") + `, g.d0, g.d1, g.k, g.v / 100, g.ek, g.ev / 100, g.hv / 100, g.fid, s.record_id
FROM g JOIN shipments s ON s.id = g.fid`
	return aheadQuery{what: "party appearances", query: query}
}

func readAppearances(fn func(*front.Appearance) error) func(rowScanner) error {
	var a front.Appearance
	var c string
	dest := []any{&a.Role, &a.Key, &a.Name, &a.NameEn, &a.ID, &c, &a.Address, &a.First, &a.Last, &a.Lines, &a.Value,
		&a.EarlyLines, &a.EarlyValue, &a.HPValue, &a.FirstLine.ID, &a.FirstLine.RecordID} // one slice for every row
	return func(rows rowScanner) error {
		a = front.Appearance{}
		if err := rows.Scan(dest...); err != nil {
			return fmt.Errorf("party appearances: %w", err)
		}
		a.Country = country.Code(c)
		return fn(&a)
	}
}

// GoodsMix calls fn with what each party of a line bound for q.To moved under each HS chapter, before and
// after q.Cutoff (front.Store). Its parties come by key alone (front.Party.Key), as Appearances gives them.
func (d *DB) GoodsMix(ctx context.Context, q front.Query, fn func(*front.Mix) error) error {
	mq := goodsMixQuery(q)
	return d.eachQueried(ctx, mq.what, readGoodsMix(fn), mq.query, mq.args...)
}

func goodsMixQuery(q front.Query) aheadQuery {
	query := `WITH ` + frontLines(q) + `
,
g AS (SELECT role, p, substr(hs_code, 1, 2) AS ch, date >= ? AS after, count(*) AS k, sum(v) AS v,
	arg_max(id, (v, id)) AS lid
FROM r WHERE hs_code <> '' GROUP BY ALL)
SELECT g.role, g.p, g.ch, g.after, g.k, g.v / 100, g.lid, s.record_id FROM g JOIN shipments s ON s.id = g.lid`
	return aheadQuery{what: "goods mix", query: query, args: []any{q.Cutoff}}
}

func readGoodsMix(fn func(*front.Mix) error) func(rowScanner) error {
	var m front.Mix
	dest := []any{&m.Role, &m.Key, &m.Chapter, &m.After, &m.Lines, &m.Value, &m.Largest.ID, &m.Largest.RecordID}
	return func(rows rowScanner) error {
		m = front.Mix{}
		if err := rows.Scan(dest...); err != nil {
			return fmt.Errorf("goods mix: %w", err)
		}
		return fn(&m)
	}
}

// HubEdges calls fn with the trade of each shipper in q.Hubs with each consignee of lines bound for q.To
// (front.Store). Its parties come by key alone (front.Party.Key), as Appearances gives them.
func (d *DB) HubEdges(ctx context.Context, q front.Query, fn func(*front.Edge) error) error {
	eq := hubEdgesQuery(q)
	return d.eachQueried(ctx, eq.what, readHubEdges(fn), eq.query, eq.args...)
}

func hubEdgesQuery(q front.Query) aheadQuery {
	query := `WITH ` + frontLines(q) + `
,
g AS (SELECT sh, ch, count(*) AS k, sum(v) AS v, sum(v) FILTER (WHERE hp) AS hv, min(date) AS d0, arg_min(id, (date, id)) AS fid
FROM l WHERE shipper_country IN (` + codes(q.Hubs) + `) GROUP BY ALL)
SELECT g.sh, g.ch, g.k, g.v / 100, g.hv / 100, g.d0, g.fid, s.record_id FROM g JOIN shipments s ON s.id = g.fid`
	return aheadQuery{what: "hub edges", query: query}
}

func readHubEdges(fn func(*front.Edge) error) func(rowScanner) error {
	var e front.Edge
	var hp sql.NullFloat64
	dest := []any{&e.Shipper.Key, &e.Consignee.Key, &e.Lines, &e.Value, &hp, &e.First, &e.FirstLine.ID, &e.FirstLine.RecordID}
	return func(rows rowScanner) error {
		e = front.Edge{Shipper: front.Party{Role: "shipper"}, Consignee: front.Party{Role: "consignee"}}
		if err := rows.Scan(dest...); err != nil {
			return fmt.Errorf("hub edges: %w", err)
		}
		e.HPValue = hp.Float64
		return fn(&e)
	}
}

// FrontAhead implements front.AheadStore: the party appearances, the goods mix and the hub edges run one after
// another from the start, each on a connection of its own (runAhead), so that DuckDB sums the next while the
// detector reads the last and works on what it read, on one core. On the 10M-line sample the three take 12
// CPU-s in DuckDB, and their reading and the analysis between them 7 s of the detector's time.
func (d *DB) FrontAhead(ctx context.Context, q front.Query) (front.Store, func()) {
	as := d.runAhead(ctx, appearancesQuery(q), goodsMixQuery(q), hubEdgesQuery(q))
	v := &frontAhead{q: q, app: as[0], mix: as[1], edges: as[2]}
	return v, v.drop
}

// frontAhead reads the sums FrontAhead started, once each, for the query it started them with.
type frontAhead struct {
	q               front.Query
	app, mix, edges *ahead
}

// drop lets go of the sums not read.
func (v *frontAhead) drop() {
	for _, a := range []*ahead{v.app, v.mix, v.edges} {
		a.drop()
	}
}

// read reads the started sum a for q, which must be the query it was started for.
func (v *frontAhead) read(a *ahead, q front.Query, each func(rowScanner) error) error {
	if !reflect.DeepEqual(q, v.q) {
		return fmt.Errorf("%s: asked for another query than the one started ahead", a.what)
	}
	return a.read(each)
}

// Appearances implements front.Store.
func (v *frontAhead) Appearances(_ context.Context, q front.Query, fn func(*front.Appearance) error) error {
	return v.read(v.app, q, readAppearances(fn))
}

// GoodsMix implements front.Store.
func (v *frontAhead) GoodsMix(_ context.Context, q front.Query, fn func(*front.Mix) error) error {
	return v.read(v.mix, q, readGoodsMix(fn))
}

// HubEdges implements front.Store.
func (v *frontAhead) HubEdges(_ context.Context, q front.Query, fn func(*front.Edge) error) error {
	return v.read(v.edges, q, readHubEdges(fn))
}
