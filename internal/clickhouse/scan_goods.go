package clickhouse

import (
	"context"
	"fmt"
	"math"
	"slices"

	ch "github.com/ClickHouse/clickhouse-go/v2"
	"github.com/ClickHouse/clickhouse-go/v2/ext"

	"tradetrace/internal/country"
	"tradetrace/internal/detect/misdeclared"
	"tradetrace/internal/detect/unitvalue"
	"tradetrace/internal/hs"
)

// The goods detectors' reads (misdeclared.Store, unitvalue.Store): the same answers as the DuckDB store's
// (internal/duckdb/scan_goods.go), computed shard by shard where the SQL allows it.

// inCountries is "expr IN (?, …)" with the codes as arguments.
func inCountries(expr string, cs []country.Code) (string, []any) {
	args := make([]any, len(cs))
	for i, c := range cs {
		args[i] = string(c)
	}
	return expr + " IN (" + placeholders(len(cs)) + ")", args
}

// ScanGoodsLines calls fn with the code and text of every shipment in scope, in no particular order: the first
// pass of the misdeclaration detector. Sellers' names travel only for the seller countries asked for, and the
// declaration is a hash (of the same fields as the DuckDB store's, by another function: only equality counts).
func (d *DB) ScanGoodsLines(ctx context.Context, sc misdeclared.Scope, fn func(*misdeclared.Line) error) error {
	rd, err := d.reader(ctx)
	if err != nil {
		return fmt.Errorf("scan goods lines: %w", err)
	}
	sellers, sargs := "0", []any(nil)
	if len(sc.Sellers) > 0 {
		sellers, sargs = inCountries("shipper_country", sc.Sellers)
	}
	var args []any
	for range 3 {
		args = append(args, sargs...)
	}
	args = append(args, rd.args...)
	q := `SELECT id, if(declaration_no != '', cityHash64(reporter, declaration_no),
	cityHash64(reporter, shipper_id, shipper_name, shipper_name_en, consignee_name, date)),
hs_code, description, description_en, brand, manufacturer, shipper_country,
if(` + sellers + `, shipper_name, ''), if(` + sellers + `, shipper_name_en, ''), if(` + sellers + `, shipper_id, '')
FROM shipments WHERE ` + rd.cond
	if len(sc.Destinations) > 0 {
		dst, dargs := inCountries("destination_country", sc.Destinations)
		con, cargs := inCountries("consignee_country", sc.Destinations)
		q += ` AND (` + dst + ` OR ` + con + ` OR ` + sellers + `)`
		args = append(append(append(args, dargs...), cargs...), sargs...)
	}
	rows, err := d.conn.Query(ctx, q, args...)
	if err != nil {
		return fmt.Errorf("scan goods lines: %w", err)
	}
	defer rows.Close()
	var l misdeclared.Line
	var id, n int64
	var hsc, shC string
	for rows.Next() {
		if err := rows.Scan(&id, &l.Declaration, &hsc, &l.Description, &l.DescriptionEn, &l.Brand, &l.Manufacturer, &shC,
			&l.ShipperName, &l.ShipperNameEn, &l.ShipperID); err != nil {
			return fmt.Errorf("scan goods lines: %w", err)
		}
		n++
		l.ID, l.HS, l.ShipperCountry = tradeID(id), hs.Code(hsc), country.Code(shC)
		if err := fn(&l); err != nil {
			return err
		}
	}
	if err := rows.Err(); err != nil {
		return incomplete("scan goods lines", n, err)
	}
	return nil
}

// SellersSeen returns when the sellers with these identifiers or names first shipped, and how many lines they
// shipped, one row per distinct (identifier, name, English name) as the store writes them.
func (d *DB) SellersSeen(ctx context.Context, ids, names []string) ([]misdeclared.Seen, error) {
	rd, err := d.reader(ctx)
	if err != nil {
		return nil, fmt.Errorf("sellers seen: %w", err)
	}
	var out []misdeclared.Seen
	// One query for each kind: the wanted values travel as an external table that every shard receives
	// (GLOBAL IN), so that thousands of names make neither a long query nor many scans.
	query := func(cond string, vals []string) error {
		if len(vals) == 0 {
			return nil
		}
		w, err := ext.NewTable("wanted", ext.Column("v", "String"))
		if err != nil {
			return err
		}
		for _, v := range vals {
			if err := w.Append(text(v)); err != nil {
				return err
			}
		}
		rows, err := d.conn.Query(ch.Context(ctx, ch.WithExternalTable(w)), `SELECT shipper_id, shipper_name, shipper_name_en, min(date), count()
FROM shipments WHERE `+rd.cond+` AND `+cond+` GROUP BY shipper_id, shipper_name, shipper_name_en`, rd.args...)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			var s misdeclared.Seen
			var lines uint64
			if err := rows.Scan(&s.ID, &s.Name, &s.NameEn, &s.First, &lines); err != nil {
				return err
			}
			s.First, s.Lines = s.First.UTC(), int64(lines)
			out = append(out, s)
		}
		return rows.Err()
	}
	if err := query(`shipper_id GLOBAL IN (SELECT v FROM wanted)`, ids); err != nil {
		return nil, fmt.Errorf("sellers seen: %w", err)
	}
	if err := query(`shipper_id = '' AND (shipper_name GLOBAL IN (SELECT v FROM wanted)
	OR (shipper_name = '' AND shipper_name_en GLOBAL IN (SELECT v FROM wanted)))`, names); err != nil {
		return nil, fmt.Errorf("sellers seen: %w", err)
	}
	return out, nil
}

// medianSQL is DuckDB's median of a sorted array s of n doubles: the middle value, or for an even count the
// mean of the two middle values, (lo + hi) / 2, which DuckDB's median gives to the last bit (lo + (hi - lo) / 2
// can differ in it when lo and hi are more than a factor 2 apart).
func medianSQL(s, n string) string {
	lo := s + "[intDiv(" + n + ", 2)]"
	hi := s + "[intDiv(" + n + ", 2) + 1]"
	return "if(" + n + " % 2 = 1, " + hi + ", (" + lo + " + " + hi + ") / 2)"
}

// PriceOutliers calls fn for every line whose price is far from its peers': the lines of the same HS-6, unit
// and year. The log prices of each peer group come together on the server that received the query (an exact
// median needs them all in one place: 16 bytes a line), which computes the median and the median absolute
// deviation as DuckDB does and keeps the lines that stand out; every shard then joins its own full rows to
// those few (GLOBAL JOIN).
func (d *DB) PriceOutliers(ctx context.Context, q unitvalue.Query, fn func(*unitvalue.Line) error) error {
	rd, err := d.reader(ctx)
	if err != nil {
		return fmt.Errorf("price outliers: %w", err)
	}
	var args []any
	var priced string
	switch q.Basis {
	case unitvalue.PerUnit:
		// Units are mapped to one code per unit; the raw unit (trimmed of spaces, in upper case) is kept
		// otherwise.
		unit := `upperUTF8(replaceRegexpAll(unit, '^ +| +$', ''))`
		if len(q.Units) > 0 {
			keys := make([]string, 0, len(q.Units))
			for k := range q.Units {
				keys = append(keys, k)
			}
			slices.Sort(keys)
			vals := make([]string, len(keys))
			for i, k := range keys {
				vals[i] = q.Units[k]
			}
			unit = `transform(` + unit + `, [` + placeholders(len(keys)) + `], [` + placeholders(len(keys)) + `], ` + unit + `)`
			for _, k := range keys {
				args = append(args, k)
			}
			for _, v := range vals {
				args = append(args, v)
			}
		}
		priced = `SELECT id, hs6, ` + unit + ` AS p_unit, toYear(date) AS period, log(assumeNotNull(value_usd) / assumeNotNull(quantity)) AS lp
	FROM shipments
	WHERE ` + rd.cond + ` AND value_usd > 0 AND quantity > 0 AND hs6 != '' AND aggregated = 0 AND unit != '' AND p_unit != 'KG'`
	case unitvalue.PerKg:
		priced = `SELECT id, hs6, 'KG' AS p_unit, toYear(date) AS period, log(assumeNotNull(value_usd) / assumeNotNull(coalesce(net_weight_kg, gross_weight_kg))) AS lp
	FROM shipments
	WHERE ` + rd.cond + ` AND value_usd > 0 AND coalesce(net_weight_kg, gross_weight_kg) > 0 AND hs6 != '' AND aggregated = 0`
	default:
		return fmt.Errorf("price outliers: unknown basis %d", q.Basis)
	}
	args = append(args, rd.args...)
	args = append(args, q.MinPeers, math.Log(q.MinRatio), q.MinZ, q.MinMAD)
	outliers := `SELECT oid AS id, hs6 AS o_hs6, p_unit AS o_unit, period AS o_period, exp(olp) AS o_price, exp(med) AS o_median, mad AS o_mad, n AS o_n
FROM (
	SELECT hs6, p_unit, period, count() AS n, groupArray(id) AS ids, groupArray(lp) AS lps, arraySort(lps) AS s,
		` + medianSQL("s", "n") + ` AS med,
		arraySort(arrayMap(x -> abs(x - med), lps)) AS ds, ` + medianSQL("ds", "n") + ` AS mad
	FROM (` + priced + `)
	GROUP BY hs6, p_unit, period HAVING n >= ?
) ARRAY JOIN ids AS oid, lps AS olp
WHERE abs(olp - med) >= ? AND abs(olp - med) >= ? * greatest(1.4826 * mad, ?)`
	query := `SELECT id, record_id, date, hs_code, o_hs6, o_unit, o_period, o_price, o_median, o_mad, o_n,
	assumeNotNull(value_usd), ifNull(quantity, 0), ifNull(coalesce(net_weight_kg, gross_weight_kg), 0),
	shipper_name, shipper_name_en, shipper_id, shipper_country,
	consignee_name, consignee_name_en, consignee_id, consignee_country, destination_country, description
FROM shipments GLOBAL ANY INNER JOIN (` + outliers + `) USING id
WHERE ` + rd.cond
	args = append(args, rd.args...)
	rows, err := d.conn.Query(ctx, query, args...)
	if err != nil {
		return fmt.Errorf("price outliers: %w", err)
	}
	defer rows.Close()
	var n int64
	for rows.Next() {
		var l unitvalue.Line
		var id int64
		var period uint16
		var peers uint64
		var shC, coC, dst string
		if err := rows.Scan(&id, &l.RecordID, &l.Date, &l.HS, &l.HS6, &l.Unit, &period, &l.Price, &l.Median, &l.MAD, &peers,
			&l.ValueUSD, &l.Quantity, &l.WeightKg, &l.Shipper.Name, &l.Shipper.NameEn, &l.Shipper.ID, &shC,
			&l.Consignee.Name, &l.Consignee.NameEn, &l.Consignee.ID, &coC, &dst, &l.Description); err != nil {
			return fmt.Errorf("price outliers: %w", err)
		}
		n++
		l.ID, l.Date, l.Period, l.Peers = tradeID(id), l.Date.UTC(), int(period), int(peers)
		l.Shipper.Country, l.Consignee.Country, l.Destination = country.Code(shC), country.Code(coC), country.Code(dst)
		if err := fn(&l); err != nil {
			return err
		}
	}
	if err := rows.Err(); err != nil {
		return incomplete("price outliers", n, err)
	}
	return nil
}
