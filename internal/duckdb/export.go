package duckdb

import (
	"context"
	"fmt"
)

// CanonicalColumns are the columns of the canonical layout (PRODUCT.md), as the store holds them.
const canonicalSelect = `record_id, date, direction, reporter, declaration_no, shipper_name, shipper_address, shipper_country, shipper_id,
consignee_name, consignee_address, consignee_country, consignee_id, origin_country, dispatch_country, destination_country,
hs_code, description, brand, manufacturer, quantity, unit, gross_weight_kg, net_weight_kg, value, currency, value_usd`

// ExportCanonical writes every shipment to a CSV file in the canonical layout, in id order.
func (d *DB) ExportCanonical(ctx context.Context, path string) (int64, error) {
	q := fmt.Sprintf(`COPY (SELECT %s FROM shipments ORDER BY id) TO %s (HEADER, DELIMITER ',')`, canonicalSelect, sqlString(path))
	res, err := d.db.ExecContext(ctx, q)
	if err != nil {
		return 0, fmt.Errorf("export: %w", err)
	}
	n, _ := res.RowsAffected()
	return n, nil
}
