package duckdb

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"

	"tradetrace/internal/country"
	"tradetrace/internal/detect"
	"tradetrace/internal/hs"
	"tradetrace/internal/trade"
)

const shipmentSelect = `id, run_id, row_no, record_id, date, direction, reporter, declaration_no, item_no,
shipper_name, shipper_name_en, shipper_address, shipper_address_en, shipper_country, shipper_id,
consignee_name, consignee_name_en, consignee_address, consignee_address_en, consignee_country, consignee_id,
origin_country, dispatch_country, destination_country, trading_country, hs_code, hs6, description, description_en,
brand, manufacturer, quantity, unit, gross_weight_kg, net_weight_kg, value, currency, value_usd, aggregated, fingerprint,
(SELECT r.file FROM runs r WHERE r.id = shipments.run_id) AS file`

// briefSelect is what a Brief filter reads (see detect.Filter): a lean line (lineSelect) and its description.
// Each column handed over costs time on each line: the military detector reads 440k lines of 10M this way.
const briefSelect = lineSelect + `, description`

type shipmentScanner struct {
	dir, rep, shC, coC, org, dsp, dst, trd, hsc, hs6 string
	q, gw, nw, v, vu                                 sql.NullFloat64
	// dest is the row's destinations, reused: Scan's arguments, made anew for every row, were 1.4 GB of the
	// 19 GB a 10M-line detect run allocated.
	dest []any
}

func (x *shipmentScanner) scan(sc interface{ Scan(...any) error }, s *trade.Shipment) error {
	x.dest = append(x.dest[:0], &s.ID, &s.Prov.Run, &s.Prov.Row, &s.RecordID, &s.Date, &x.dir, &x.rep, &s.DeclarationNo, &s.ItemNo,
		&s.Shipper.Name, &s.Shipper.NameEn, &s.Shipper.Address, &s.Shipper.AddressEn, &x.shC, &s.Shipper.ID,
		&s.Consignee.Name, &s.Consignee.NameEn, &s.Consignee.Address, &s.Consignee.AddressEn, &x.coC, &s.Consignee.ID,
		&x.org, &x.dsp, &x.dst, &x.trd, &x.hsc, &x.hs6, &s.Description, &s.DescriptionEn,
		&s.Brand, &s.Manufacturer, &x.q, &s.Unit, &x.gw, &x.nw, &x.v, &s.Currency, &x.vu, &s.Aggregated, &s.Fingerprint, &s.Prov.File)
	if err := sc.Scan(x.dest...); err != nil {
		return err
	}
	s.Direction, _ = trade.ParseDirection(x.dir)
	s.Reporter, s.Shipper.Country, s.Consignee.Country = country.Code(x.rep), country.Code(x.shC), country.Code(x.coC)
	s.Origin, s.Dispatch, s.Destination, s.Trading = country.Code(x.org), country.Code(x.dsp), country.Code(x.dst), country.Code(x.trd)
	s.HS, s.HS6 = hs.Code(x.hsc), hs.Code(x.hs6)
	s.Quantity, s.GrossWeightKg, s.NetWeightKg = num(x.q), num(x.gw), num(x.nw)
	s.Value, s.ValueUSD = num(x.v), num(x.vu)
	return nil
}

// scanBrief reads a row of briefSelect.
func (x *shipmentScanner) scanBrief(sc interface{ Scan(...any) error }, s *trade.Shipment) error {
	return x.scanLine(sc, s, &s.Description)
}

func num(n sql.NullFloat64) trade.Num { return trade.Num{V: n.Float64, Valid: n.Valid} }

// dialect is how this store's SQL pushes a detector's filter down: with literal values, which DuckDB pushes into
// the scan, reading the other columns only for the rows that pass (bound values made it read every column of
// every row first: the military detector's HS filter on 10M rows took 1.1 s to its first row with literals,
// 3.5 s bound).
var dialect = detect.Dialect{
	Substr:  "substr",
	Date:    func(t time.Time) (string, any) { return "DATE " + sqlString(t.Format(time.DateOnly)), nil },
	Literal: sqlString,
}

// filterSQL builds a WHERE clause from a detector's filter; it has no arguments (see dialect).
func filterSQL(f detect.Filter) string {
	conds, _ := f.Conditions(dialect)
	if len(conds) == 0 {
		return ""
	}
	return " WHERE " + strings.Join(conds, " AND ")
}

func placeholders(n int) string {
	return strings.TrimSuffix(strings.Repeat("?, ", n), ", ")
}

// ScanShipments calls fn for each shipment the filter selects, in no particular order.
func (d *DB) ScanShipments(ctx context.Context, f detect.Filter, fn func(*trade.Shipment) error) error {
	return d.scanShipments(ctx, filterSQL(f), f.Brief, fn)
}

// ScanShipmentsRead implements detect.ReadScanner: the lines whose stored reading names one of the classes
// join the scan by a semi-join with goods_lines, so that the table is read once.
func (d *DB) ScanShipmentsRead(ctx context.Context, version string, classes []string, f detect.Filter, fn func(*trade.Shipment) error) (bool, error) {
	read, err := d.goodsRead(ctx, version)
	if err != nil {
		return false, fmt.Errorf("scan shipments: %w", err)
	}
	if !read {
		return false, nil
	}
	if len(f.HSPrefixes) == 0 || len(classes) == 0 {
		// Without HS prefixes the filter selects every line the readings could add.
		return true, d.ScanShipments(ctx, f, fn)
	}
	return true, d.scanShipments(ctx, readWhere(classes, f), f.Brief, fn)
}

// readWhere is ScanShipmentsRead's WHERE clause, for a filter with HS prefixes and classes: the lines under
// the prefixes or whose stored reading names one of the classes, and the rest of the filter.
func readWhere(classes []string, f detect.Filter) string {
	prefixes, _ := detect.Filter{HSPrefixes: f.HSPrefixes}.Conditions(dialect)
	rest := f
	rest.HSPrefixes = nil
	conds, _ := rest.Conditions(dialect)
	either := "(" + strings.Join(prefixes, " AND ") + " OR id IN (SELECT id FROM goods_lines WHERE class IN (" + codes(classes) + ")))"
	return " WHERE " + strings.Join(append([]string{either}, conds...), " AND ")
}

// ScanReadAhead implements detect.ReadScanAheader: the readings' query and the scan's are started at once
// (DB.runAhead), so that DuckDB runs the scan while the readings are read.
func (d *DB) ScanReadAhead(ctx context.Context, version string, rf detect.Filter, readings func(trade.ShipmentID, []detect.TextClass) error,
	classes []string, f detect.Filter, fn func(*trade.Shipment) error) (bool, error) {
	read, err := d.goodsRead(ctx, version)
	if err != nil {
		return false, fmt.Errorf("scan shipments: %w", err)
	}
	if !read || len(f.HSPrefixes) == 0 || len(classes) == 0 {
		return false, nil
	}
	q, each := shipmentScanQuery(readWhere(classes, f), f.Brief, fn)
	as := d.runAhead(ctx, textClassesQuery(rf), q)
	r := newTextClassesReader(readings)
	err = as[0].read(r.row)
	if err == nil {
		err = r.flush()
	}
	if err != nil {
		as[1].drop()
		return false, err
	}
	return true, as[1].read(each)
}

// shipmentScanQuery is the scan of the shipments of a WHERE clause (empty: every shipment), reading the columns
// of a brief filter when brief is set, and the reader of its rows, which calls fn with each shipment.
func shipmentScanQuery(where string, brief bool, fn func(*trade.Shipment) error) (aheadQuery, func(rowScanner) error) {
	cols, scan := shipmentSelect, (*shipmentScanner).scan
	if brief {
		cols, scan = briefSelect, (*shipmentScanner).scanBrief
	}
	var x shipmentScanner
	return aheadQuery{what: "scan shipments", query: `SELECT ` + cols + ` FROM shipments` + where}, func(rows rowScanner) error {
		var s trade.Shipment
		if err := scan(&x, rows, &s); err != nil {
			return fmt.Errorf("scan shipments: %w", err)
		}
		return fn(&s)
	}
}

// scanShipments calls fn for each shipment of a WHERE clause (empty: every shipment), reading the columns of a
// brief filter when brief is set.
func (d *DB) scanShipments(ctx context.Context, where string, brief bool, fn func(*trade.Shipment) error) error {
	q, each := shipmentScanQuery(where, brief, fn)
	return d.eachQueried(ctx, q.what, each, q.query)
}

// ScanText calls fn with the text of each shipment the filter selects, in no particular order.
func (d *DB) ScanText(ctx context.Context, f detect.Filter, fn func(*detect.Text) error) error {
	// No ORDER BY: sorting millions of descriptions costs more memory than the callers' order is worth.
	var t detect.Text
	return d.eachQueried(ctx, "scan text", func(rows rowScanner) error {
		if err := rows.Scan(&t.ID, &t.Description, &t.DescriptionEn, &t.Brand, &t.Manufacturer); err != nil {
			return fmt.Errorf("scan text: %w", err)
		}
		return fn(&t)
	}, `SELECT id, description, description_en, brand, manufacturer FROM shipments`+filterSQL(f))
}

// manyIDs is the number of ids from which Shipments reads them in one joined scan rather than by chunks.
const manyIDs = 20000

// Shipments calls fn for each of the shipments with these ids, in id order.
func (d *DB) Shipments(ctx context.Context, ids []trade.ShipmentID, fn func(*trade.Shipment) error) error {
	return d.byIDs(ctx, ids, shipmentSelect, eachScanned(fn))
}

// ShipmentsBrief implements detect.BriefReader: the columns of a brief scan, for the lines with these ids.
func (d *DB) ShipmentsBrief(ctx context.Context, ids []trade.ShipmentID, fn func(*trade.Shipment) error) error {
	var x shipmentScanner
	return d.byIDs(ctx, ids, briefSelect, func(rows rowScanner) error {
		var s trade.Shipment
		if err := x.scanBrief(rows, &s); err != nil {
			return fmt.Errorf("shipments: %w", err)
		}
		return fn(&s)
	})
}

// eachScanned reads a row of shipmentSelect into a shipment and calls fn with it.
func eachScanned(fn func(*trade.Shipment) error) func(rowScanner) error {
	var x shipmentScanner
	return func(rows rowScanner) error {
		var s trade.Shipment
		if err := x.scan(rows, &s); err != nil {
			return fmt.Errorf("shipments: %w", err)
		}
		return fn(&s)
	}
}

// factsSelect is what ShipmentFacts reads of a line.
const factsSelect = `id, record_id, date, hs_code, value_usd, gross_weight_kg, net_weight_kg`

// ShipmentFacts calls fn for each of the shipments with these ids, in id order, with only their id, record
// id, date, HS code, value in USD and weights set (listed.FactsReader): the text columns are the costly ones
// to read for lines all over the table.
func (d *DB) ShipmentFacts(ctx context.Context, ids []trade.ShipmentID, fn func(*trade.Shipment) error) error {
	var id int64
	var hsc string
	var v, gw, nw sql.NullFloat64
	return d.byIDs(ctx, ids, factsSelect, func(rows rowScanner) error {
		var s trade.Shipment
		if err := rows.Scan(&id, &s.RecordID, &s.Date, &hsc, &v, &gw, &nw); err != nil {
			return fmt.Errorf("shipments: %w", err)
		}
		s.ID, s.HS, s.ValueUSD, s.GrossWeightKg, s.NetWeightKg = trade.ShipmentID(id), hs.Code(hsc), num(v), num(gw), num(nw)
		return fn(&s)
	})
}

// byIDs runs a SELECT of cols for the shipments with these ids, in id order, and calls each for each row.
func (d *DB) byIDs(ctx context.Context, ids []trade.ShipmentID, cols string, each func(rowScanner) error) error {
	sorted := append([]trade.ShipmentID(nil), ids...)
	slices.Sort(sorted)
	if len(sorted) > manyIDs {
		// Many ids lie all over the table: one scan joined with them as a set costs a few seconds, where
		// chunks of IN lists read the table piece by piece (235k ids on 10M lines: 26 s).
		list := make([]int64, len(sorted))
		for i, id := range sorted {
			list[i] = int64(id)
		}
		return d.eachQueried(ctx, "shipments", each, `SELECT `+cols+` FROM shipments WHERE id IN (SELECT unnest(?::BIGINT[])) ORDER BY id`, list)
	}
	const chunk = 1000
	for start := 0; start < len(sorted); start += chunk {
		part := sorted[start:min(start+chunk, len(sorted))]
		args := make([]any, len(part))
		for i, id := range part {
			args[i] = int64(id)
		}
		if err := d.eachQueried(ctx, "shipments", each, `SELECT `+cols+` FROM shipments WHERE id IN (`+placeholders(len(part))+`) ORDER BY id`, args...); err != nil {
			return err
		}
	}
	return nil
}

// Shipment returns one shipment by store id.
func (d *DB) Shipment(ctx context.Context, id trade.ShipmentID) (*trade.Shipment, error) {
	var s trade.Shipment
	var x shipmentScanner
	row := d.db.QueryRowContext(ctx, `SELECT `+shipmentSelect+` FROM shipments WHERE id = `+strconv.FormatInt(int64(id), 10))
	if err := x.scan(row, &s); err != nil {
		if errors.Is(err, sql.ErrNoRows) {
			return nil, fmt.Errorf("shipment %d: %w", id, trade.ErrNotFound)
		}
		return nil, fmt.Errorf("shipment %d: %w", id, err)
	}
	return &s, nil
}

// ShipmentsByRecordID returns the shipments with a source record id.
func (d *DB) ShipmentsByRecordID(ctx context.Context, recordID string) ([]trade.Shipment, error) {
	var out []trade.Shipment
	err := d.eachQueried(ctx, "shipments", eachScanned(func(s *trade.Shipment) error {
		out = append(out, *s)
		return nil
	}), `SELECT `+shipmentSelect+` FROM shipments WHERE record_id = ? ORDER BY id`, recordID)
	if err != nil {
		return nil, fmt.Errorf("shipment %s: %w", recordID, err)
	}
	return out, nil
}

// Raw returns a shipment's source record as column → value pairs, in the source's column order: WebRaw's, once
// the shipment is known to be stored (a block may still hold the record of a row rejected as a duplicate).
func (d *DB) Raw(ctx context.Context, id trade.ShipmentID) ([][2]string, error) {
	var run trade.RunID
	if err := d.db.QueryRowContext(ctx, `SELECT run_id FROM shipments WHERE id = ?`, int64(id)).Scan(&run); err != nil {
		if errors.Is(err, sql.ErrNoRows) {
			return nil, fmt.Errorf("shipment %d: %w", id, trade.ErrNotFound)
		}
		return nil, fmt.Errorf("shipment %d: %w", id, err)
	}
	return d.WebRaw(ctx, int64(id), int64(run))
}
