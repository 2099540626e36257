package duckdb

import (
	"context"
	"fmt"
	"math"
	"slices"
	"strings"

	"tradetrace/internal/country"
	"tradetrace/internal/detect/misdeclared"
	"tradetrace/internal/detect/unitvalue"
	"tradetrace/internal/goods"
	"tradetrace/internal/hs"
)

// ScanGoodsLines calls fn with the code and text of every shipment in scope, in no particular order: the first
// pass of the misdeclaration detector. Sellers' names travel only for the seller countries asked for, and the
// declaration is a hash, so that the pass carries no more strings than it needs.
func (d *DB) ScanGoodsLines(ctx context.Context, sc misdeclared.Scope, fn func(*misdeclared.Line) error) error {
	sellers := "FALSE"
	if len(sc.Sellers) > 0 {
		sellers = "shipper_country IN (" + codes(sc.Sellers) + ")"
	}
	var where []string
	if len(sc.Destinations) > 0 {
		dst := codes(sc.Destinations)
		where = append(where, `(destination_country IN (`+dst+`) OR consignee_country IN (`+dst+`) OR `+sellers+`)`)
	}
	var args []any
	read := false
	if sc.Readings != "" {
		var err error
		if read, err = d.goodsRead(ctx, sc.Readings); err != nil {
			return fmt.Errorf("scan goods lines: %w", err)
		}
	}
	// With the readings, each line comes with its strongest stored reading (g), and only the lines the goods
	// reader read as controlled goods and those that raise readings by their code alone come: on 10M lines
	// this leaves about a million and a half of seven million.
	reading, from := `'', 0::DOUBLE`, `shipments s`
	if read {
		reading, from = `coalesce(g.class, ''), coalesce(g.score, 0)`, `shipments s LEFT JOIN goods_lines g ON g.id = s.id AND g.pos = 0`
		var keep []string
		byReading := func(cs []goods.Class, cond string) {
			if len(cs) == 0 {
				return
			}
			keep = append(keep, `(`+cond+`g.class IN (`+placeholders(len(cs))+`))`)
			for _, c := range cs {
				args = append(args, string(c))
			}
		}
		byReading(sc.Classes, "")
		if len(sc.Sellers) > 0 {
			byReading(sc.SellerClasses, sellers+" AND ")
		}
		if len(sc.Keep) > 0 {
			keep = append(keep, prefixCond("hs_code", sc.Keep))
		}
		if len(sc.SellerKeep) > 0 && len(sc.Sellers) > 0 {
			keep = append(keep, `(`+sellers+` AND `+prefixCond("hs_code", sc.SellerKeep)+`)`)
		}
		where = append(where, `(`+strings.Join(keep, ` OR `)+`)`)
	}
	q := `SELECT s.id, CASE WHEN declaration_no <> '' THEN hash(reporter, declaration_no)
	ELSE hash(reporter, shipper_id, shipper_name, shipper_name_en, consignee_name, date) END,
hs_code, description, description_en, brand, manufacturer, shipper_country,
CASE WHEN ` + sellers + ` THEN shipper_name ELSE '' END,
CASE WHEN ` + sellers + ` THEN shipper_name_en ELSE '' END,
CASE WHEN ` + sellers + ` THEN shipper_id ELSE '' END, ` + reading + `
FROM ` + from
	if len(where) > 0 {
		q += ` WHERE ` + strings.Join(where, ` AND `)
	}
	var l misdeclared.Line
	var hsc, shC, class string
	dest := []any{&l.ID, &l.Declaration, &hsc, &l.Description, &l.DescriptionEn, &l.Brand, &l.Manufacturer, &shC,
		&l.ShipperName, &l.ShipperNameEn, &l.ShipperID, &class, &l.ReadingScore} // one slice for every row
	return d.eachQueried(ctx, "scan goods lines", func(rows rowScanner) error {
		if err := rows.Scan(dest...); err != nil {
			return fmt.Errorf("scan goods lines: %w", err)
		}
		l.HS, l.ShipperCountry = hs.Code(hsc), country.Code(shC)
		l.Read, l.Reading = read, goods.Class(class)
		return fn(&l)
	}, q, args...)
}

// SellersSeen returns when the sellers with these identifiers or names first shipped, and how many lines they
// shipped, one row per distinct (identifier, name, English name) as the store writes them.
func (d *DB) SellersSeen(ctx context.Context, ids, names []string) ([]misdeclared.Seen, error) {
	var out []misdeclared.Seen
	// One query for each kind, the wanted values bound as one list and joined as a set: a scan of four narrow
	// columns. (Chunks of IN lists, bound or literal, cost minutes on 10M lines: each chunk scanned the table.)
	query := func(q string, vals []string) error {
		if len(vals) == 0 {
			return nil
		}
		rows, err := d.db.QueryContext(ctx, q, vals)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			var s misdeclared.Seen
			if err := rows.Scan(&s.ID, &s.Name, &s.NameEn, &s.First, &s.Lines); err != nil {
				return err
			}
			out = append(out, s)
		}
		return rows.Err()
	}
	const sel = `SELECT shipper_id, shipper_name, shipper_name_en, min(date), count(*) FROM shipments `
	if err := query(`WITH w AS (SELECT DISTINCT unnest(?::VARCHAR[]) AS v) `+sel+
		`WHERE shipper_id IN (SELECT v FROM w) GROUP BY ALL ORDER BY ALL`, ids); err != nil {
		return nil, fmt.Errorf("sellers seen: %w", err)
	}
	if err := query(`WITH w AS (SELECT DISTINCT unnest(?::VARCHAR[]) AS v) `+sel+
		`WHERE shipper_id = '' AND (shipper_name IN (SELECT v FROM w) OR (shipper_name = '' AND shipper_name_en IN (SELECT v FROM w)))
GROUP BY ALL ORDER BY ALL`, names); err != nil {
		return nil, fmt.Errorf("sellers seen: %w", err)
	}
	return out, nil
}

// PriceOutliers calls fn for every line whose price is far from its peers': the lines of the same HS-6, unit
// and year. The peers' median and median absolute deviation of log price are computed here, on narrow columns;
// the full rows are read only for the lines that stand out. The priced lines p, read by the medians and by the
// deviations, are computed for each (NOT MATERIALIZED) rather than copied into memory: per kg on the 10M-line
// store, the query alone took 10.1 and 9.2 CPU-s against 12.8 and 12.1.
func (d *DB) PriceOutliers(ctx context.Context, q unitvalue.Query, fn func(*unitvalue.Line) error) error {
	var args []any
	var priced string
	switch q.Basis {
	case unitvalue.PerUnit:
		// Units are mapped to one code per unit through a parameter table; the raw unit is kept otherwise.
		keys := make([]string, 0, len(q.Units))
		for k := range q.Units {
			keys = append(keys, k)
		}
		slices.Sort(keys)
		vals := "(NULL::VARCHAR, NULL::VARCHAR)"
		if len(keys) > 0 {
			vals = strings.TrimSuffix(strings.Repeat("(?, ?), ", len(keys)), ", ")
			for _, k := range keys {
				args = append(args, k, q.Units[k])
			}
		}
		priced = `u(raw, unit) AS (VALUES ` + vals + `),
p AS NOT MATERIALIZED (
	SELECT s.id, s.hs6, coalesce(u.unit, upper(trim(s.unit))) AS unit, year(s.date) AS period, ln(s.value_usd / s.quantity) AS lp
	FROM shipments s LEFT JOIN u ON upper(trim(s.unit)) = u.raw
	WHERE s.value_usd > 0 AND s.quantity > 0 AND s.hs6 <> '' AND NOT s.aggregated AND s.unit <> ''
	AND coalesce(u.unit, upper(trim(s.unit))) <> 'KG'
)`
	case unitvalue.PerKg:
		priced = `p AS NOT MATERIALIZED (
	SELECT id, hs6, 'KG' AS unit, year(date) AS period, ln(value_usd / coalesce(net_weight_kg, gross_weight_kg)) AS lp
	FROM shipments
	WHERE value_usd > 0 AND coalesce(net_weight_kg, gross_weight_kg) > 0 AND hs6 <> '' AND NOT aggregated
)`
	default:
		return fmt.Errorf("price outliers: unknown basis %d", q.Basis)
	}
	args = append(args, q.MinPeers, math.Log(q.MinRatio), q.MinZ, q.MinMAD)
	query := `WITH ` + priced + `,
st AS (SELECT hs6, unit, period, median(lp) AS med, count(*) AS n FROM p GROUP BY hs6, unit, period HAVING count(*) >= ?),
dv AS (SELECT p.id, p.hs6, p.unit, p.period, p.lp, st.med, st.n, abs(p.lp - st.med) AS dev
	FROM p JOIN st ON p.hs6 = st.hs6 AND p.unit = st.unit AND p.period = st.period),
m AS (SELECT hs6, unit, period, median(dev) AS mad FROM dv GROUP BY hs6, unit, period),
o AS (SELECT dv.*, m.mad FROM dv JOIN m ON dv.hs6 = m.hs6 AND dv.unit = m.unit AND dv.period = m.period
	WHERE dv.dev >= ? AND dv.dev >= ? * greatest(1.4826 * m.mad, ?))
SELECT o.id, s.record_id, s.date, s.hs_code, o.hs6, o.unit, o.period, exp(o.lp), exp(o.med), o.mad, o.n,
	s.value_usd, coalesce(s.quantity, 0), coalesce(s.net_weight_kg, s.gross_weight_kg, 0),
	s.shipper_name, s.shipper_name_en, s.shipper_id, s.shipper_country,
	s.consignee_name, s.consignee_name_en, s.consignee_id, s.consignee_country, s.destination_country, s.description
FROM o JOIN shipments s ON s.id = o.id`
	return d.eachQueried(ctx, "price outliers", func(rows rowScanner) error {
		var l unitvalue.Line
		var shC, coC, dst string
		if err := rows.Scan(&l.ID, &l.RecordID, &l.Date, &l.HS, &l.HS6, &l.Unit, &l.Period, &l.Price, &l.Median, &l.MAD, &l.Peers,
			&l.ValueUSD, &l.Quantity, &l.WeightKg, &l.Shipper.Name, &l.Shipper.NameEn, &l.Shipper.ID, &shC,
			&l.Consignee.Name, &l.Consignee.NameEn, &l.Consignee.ID, &coC, &dst, &l.Description); err != nil {
			return fmt.Errorf("price outliers: %w", err)
		}
		l.Shipper.Country, l.Consignee.Country, l.Destination = country.Code(shC), country.Code(coC), country.Code(dst)
		return fn(&l)
	}, query, args...)
}
