package clickhouse

import (
	"context"
	"fmt"
	"slices"
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
brand, manufacturer, quantity, unit, gross_weight_kg, net_weight_kg, value, currency, value_usd, aggregated, fingerprint`

type shipmentScanner struct {
	id, run                                          int64
	item                                             int32
	agg                                              uint8
	dir, rep, shC, coC, org, dsp, dst, trd, hsc, hs6 string
	q, gw, nw, v, vu                                 *float64
	files                                            map[int64]string
}

func (x *shipmentScanner) scan(sc interface{ Scan(...any) error }, s *trade.Shipment) error {
	err := sc.Scan(&x.id, &x.run, &s.Prov.Row, &s.RecordID, &s.Date, &x.dir, &x.rep, &s.DeclarationNo, &x.item,
		&s.Shipper.Name, &s.Shipper.NameEn, &s.Shipper.Address, &s.Shipper.AddressEn, &x.shC, &s.Shipper.ID,
		&s.Consignee.Name, &s.Consignee.NameEn, &s.Consignee.Address, &s.Consignee.AddressEn, &x.coC, &s.Consignee.ID,
		&x.org, &x.dsp, &x.dst, &x.trd, &x.hsc, &x.hs6, &s.Description, &s.DescriptionEn,
		&s.Brand, &s.Manufacturer, &x.q, &s.Unit, &x.gw, &x.nw, &x.v, &s.Currency, &x.vu, &x.agg, &s.Fingerprint)
	if err != nil {
		return err
	}
	s.ID, s.Prov.Run, s.ItemNo, s.Aggregated = trade.ShipmentID(x.id), trade.RunID(x.run), int(x.item), x.agg != 0
	s.Prov.File = x.files[x.run]
	s.Date = s.Date.UTC()
	s.Direction, _ = trade.ParseDirection(x.dir)
	s.Reporter, s.Shipper.Country, s.Consignee.Country = country.Code(x.rep), country.Code(x.shC), country.Code(x.coC)
	s.Origin, s.Dispatch, s.Destination, s.Trading = country.Code(x.org), country.Code(x.dsp), country.Code(x.dst), country.Code(x.trd)
	s.HS, s.HS6 = hs.Code(x.hsc), hs.Code(x.hs6)
	s.Quantity, s.GrossWeightKg, s.NetWeightKg = numOf(x.q), numOf(x.gw), numOf(x.nw)
	s.Value, s.ValueUSD = numOf(x.v), numOf(x.vu)
	return nil
}

func numOf(p *float64) trade.Num {
	if p == nil {
		return trade.Num{}
	}
	return trade.N(*p)
}

// reader holds what every read needs: the complete runs (the condition that keeps their rows) and their files.
type reader struct {
	cond  string
	args  []any
	files map[int64]string
}

func (d *DB) reader(ctx context.Context) (*reader, error) {
	rs, err := d.queryRuns(ctx, ` WHERE r_status = 'complete'`)
	if err != nil {
		return nil, fmt.Errorf("complete runs: %w", err)
	}
	ids := make([]int64, len(rs))
	files := make(map[int64]string, len(rs))
	for i, r := range rs {
		ids[i] = int64(r.run.ID)
		files[int64(r.run.ID)] = r.run.File
	}
	cond, args := visible(ids)
	return &reader{cond: cond, args: args, files: files}, nil
}

// dialect is how this store's SQL pushes a detector's filter down: dates go as text, which ClickHouse
// compares with a Date column through toDate.
var dialect = detect.Dialect{Substr: "substring", Date: func(t time.Time) (string, any) {
	return "toDate(?)", t.Format(time.DateOnly)
}}

// filterSQL adds a detector's filter to the condition.
func filterSQL(f detect.Filter) (string, []any) {
	conds, args := f.Conditions(dialect)
	if len(conds) == 0 {
		return "", nil
	}
	return " AND " + strings.Join(conds, " AND "), args
}

// ScanShipments calls fn for each shipment the filter selects, in no particular order. A shard that fails
// during the scan makes it fail: the caller never takes a partial scan for a whole one.
func (d *DB) ScanShipments(ctx context.Context, f detect.Filter, fn func(*trade.Shipment) error) error {
	rd, err := d.reader(ctx)
	if err != nil {
		return fmt.Errorf("scan shipments: %w", err)
	}
	where, fargs := filterSQL(f)
	rows, err := d.conn.Query(ctx, `SELECT `+shipmentSelect+` FROM shipments WHERE `+rd.cond+where, append(rd.args, fargs...)...)
	if err != nil {
		return fmt.Errorf("scan shipments: %w", err)
	}
	defer rows.Close()
	x := shipmentScanner{files: rd.files}
	var n int64
	for rows.Next() {
		var s trade.Shipment
		if err := x.scan(rows, &s); err != nil {
			return fmt.Errorf("scan shipments: %w", err)
		}
		n++
		if err := fn(&s); err != nil {
			return err
		}
	}
	if err := rows.Err(); err != nil {
		return incomplete("scan shipments", n, err)
	}
	return nil
}

// ScanText calls fn with the text of each shipment the filter selects, in no particular order.
func (d *DB) ScanText(ctx context.Context, f detect.Filter, fn func(*detect.Text) error) error {
	rd, err := d.reader(ctx)
	if err != nil {
		return fmt.Errorf("scan text: %w", err)
	}
	where, fargs := filterSQL(f)
	rows, err := d.conn.Query(ctx, `SELECT id, description, description_en, brand, manufacturer FROM shipments WHERE `+rd.cond+where, append(rd.args, fargs...)...)
	if err != nil {
		return fmt.Errorf("scan text: %w", err)
	}
	defer rows.Close()
	var t detect.Text
	var id, n int64
	for rows.Next() {
		n++
		if err := rows.Scan(&id, &t.Description, &t.DescriptionEn, &t.Brand, &t.Manufacturer); err != nil {
			return fmt.Errorf("scan text: %w", err)
		}
		t.ID = trade.ShipmentID(id)
		if err := fn(&t); err != nil {
			return err
		}
	}
	if err := rows.Err(); err != nil {
		return incomplete("scan text", n, err)
	}
	return nil
}

// Shipments calls fn for each of the shipments with these ids, in id order.
func (d *DB) Shipments(ctx context.Context, ids []trade.ShipmentID, fn func(*trade.Shipment) error) error {
	rd, err := d.reader(ctx)
	if err != nil {
		return fmt.Errorf("shipments: %w", err)
	}
	sorted := append([]trade.ShipmentID(nil), ids...)
	slices.Sort(sorted)
	sorted = slices.Compact(sorted)
	const chunk = 1000
	x := shipmentScanner{files: rd.files}
	for start := 0; start < len(sorted); start += chunk {
		part := sorted[start:min(start+chunk, len(sorted))]
		args := append([]any(nil), rd.args...)
		for _, id := range part {
			args = append(args, int64(id))
		}
		q := `SELECT ` + shipmentSelect + ` FROM shipments WHERE ` + rd.cond + ` AND id IN (` + placeholders(len(part)) + `) ORDER BY id`
		if err := d.each(ctx, q, args, &x, fn); err != nil {
			return fmt.Errorf("shipments: %w", err)
		}
	}
	return nil
}

// ShipmentFacts is Shipments (listed.FactsReader): whole lines carry the facts.
func (d *DB) ShipmentFacts(ctx context.Context, ids []trade.ShipmentID, fn func(*trade.Shipment) error) error {
	return d.Shipments(ctx, ids, fn)
}

func (d *DB) each(ctx context.Context, q string, args []any, x *shipmentScanner, fn func(*trade.Shipment) error) error {
	rows, err := d.conn.Query(ctx, q, args...)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		var s trade.Shipment
		if err := x.scan(rows, &s); err != nil {
			return err
		}
		if err := fn(&s); err != nil {
			return err
		}
	}
	return rows.Err()
}

// Shipment returns one shipment by store id.
func (d *DB) Shipment(ctx context.Context, id trade.ShipmentID) (*trade.Shipment, error) {
	var out *trade.Shipment
	err := d.Shipments(ctx, []trade.ShipmentID{id}, func(s *trade.Shipment) error {
		c := *s
		out = &c
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("shipment %d: %w", id, err)
	}
	if out == nil {
		return nil, fmt.Errorf("shipment %d: %w", id, trade.ErrNotFound)
	}
	return out, nil
}

// ShipmentsByRecordID returns the shipments with a source record id.
func (d *DB) ShipmentsByRecordID(ctx context.Context, recordID string) ([]trade.Shipment, error) {
	rd, err := d.reader(ctx)
	if err != nil {
		return nil, fmt.Errorf("shipment %s: %w", recordID, err)
	}
	var out []trade.Shipment
	x := shipmentScanner{files: rd.files}
	q := `SELECT ` + shipmentSelect + ` FROM shipments WHERE ` + rd.cond + ` AND record_id = ? ORDER BY id`
	err = d.each(ctx, q, append(rd.args, recordID), &x, func(s *trade.Shipment) error {
		out = append(out, *s)
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("shipment %s: %w", recordID, err)
	}
	return out, nil
}

// Raw returns a shipment's source record as column → value pairs, in the source's column order. A ragged row
// keeps its extra fields under numbered names.
func (d *DB) Raw(ctx context.Context, id trade.ShipmentID) ([][2]string, error) {
	s, err := d.Shipment(ctx, id)
	if err != nil {
		return nil, err
	}
	rows, err := d.conn.Query(ctx, `SELECT raw FROM raw_rows WHERE run_id = ? AND id = ?`, int64(s.Prov.Run), int64(id))
	if err != nil {
		return nil, fmt.Errorf("shipment %d: raw row: %w", id, err)
	}
	defer rows.Close()
	if !rows.Next() {
		if err := rows.Err(); err != nil {
			return nil, fmt.Errorf("shipment %d: raw row: %w", id, err)
		}
		return nil, fmt.Errorf("shipment %d: raw row: %w", id, trade.ErrNotFound)
	}
	var fields []string
	if err := rows.Scan(&fields); err != nil {
		return nil, fmt.Errorf("shipment %d: raw row: %w", id, err)
	}
	hdr, err := d.RunHeader(ctx, s.Prov.Run)
	if err != nil {
		return nil, err
	}
	out := make([][2]string, 0, len(fields))
	for i, f := range fields {
		name := fmt.Sprintf("column %d", i+1)
		if i < len(hdr) {
			name = hdr[i]
		}
		out = append(out, [2]string{name, f})
	}
	return out, nil
}

// incomplete is the error of a scan that broke off, typically because a shard went away: it says that the rows
// already delivered are not the whole result.
func incomplete(what string, n int64, err error) error {
	return fmt.Errorf("%s: the query stopped after %d rows and its result is incomplete (a shard failed or the connection broke): %w", what, n, err)
}
