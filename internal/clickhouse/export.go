package clickhouse

import (
	"context"
	"encoding/csv"
	"fmt"
	"os"
	"strconv"
	"time"

	"tradetrace/internal/trade"
)

// canonicalColumns are the columns of the canonical layout (PRODUCT.md), as the store holds them.
var canonicalColumns = []string{"record_id", "date", "direction", "reporter", "declaration_no", "shipper_name", "shipper_address",
	"shipper_country", "shipper_id", "consignee_name", "consignee_address", "consignee_country", "consignee_id", "origin_country",
	"dispatch_country", "destination_country", "hs_code", "description", "brand", "manufacturer", "quantity", "unit",
	"gross_weight_kg", "net_weight_kg", "value", "currency", "value_usd"}

// ExportCanonical writes every shipment of the complete runs to a CSV file in the canonical layout, in id
// order. Missing numbers are empty fields.
func (d *DB) ExportCanonical(ctx context.Context, path string) (int64, error) {
	rd, err := d.reader(ctx)
	if err != nil {
		return 0, fmt.Errorf("export: %w", err)
	}
	f, err := os.Create(path)
	if err != nil {
		return 0, fmt.Errorf("export: %w", err)
	}
	defer f.Close()
	w := csv.NewWriter(f)
	if err := w.Write(canonicalColumns); err != nil {
		return 0, fmt.Errorf("export %s: %w", path, err)
	}
	x := shipmentScanner{files: rd.files}
	var n int64
	rec := make([]string, len(canonicalColumns))
	nf := func(p *float64) string {
		if p == nil {
			return ""
		}
		return strconv.FormatFloat(*p, 'f', -1, 64)
	}
	q := `SELECT ` + shipmentSelect + ` FROM shipments WHERE ` + rd.cond + ` ORDER BY id`
	err = d.each(ctx, q, rd.args, &x, func(s *trade.Shipment) error {
		rec = append(rec[:0], s.RecordID, s.Date.Format(time.DateOnly), s.Direction.String(), string(s.Reporter), s.DeclarationNo,
			s.Shipper.Name, s.Shipper.Address, string(s.Shipper.Country), s.Shipper.ID,
			s.Consignee.Name, s.Consignee.Address, string(s.Consignee.Country), s.Consignee.ID,
			string(s.Origin), string(s.Dispatch), string(s.Destination), string(s.HS), s.Description, s.Brand, s.Manufacturer,
			nf(x.q), s.Unit, nf(x.gw), nf(x.nw), nf(x.v), s.Currency, nf(x.vu))
		n++
		return w.Write(rec)
	})
	if err != nil {
		return n, incomplete("export", n, err)
	}
	w.Flush()
	if err := w.Error(); err != nil {
		return n, fmt.Errorf("export %s: %w", path, err)
	}
	if err := f.Close(); err != nil {
		return n, fmt.Errorf("export %s: %w", path, err)
	}
	return n, nil
}
