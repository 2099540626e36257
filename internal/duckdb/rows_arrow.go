//go:build duckdb_arrow

package duckdb

import (
	"context"
	"database/sql"
	"database/sql/driver"
	"fmt"
	"reflect"
	"strings"
	"time"

	"github.com/apache/arrow-go/v18/arrow"
	"github.com/apache/arrow-go/v18/arrow/array"
	duck "github.com/duckdb/duckdb-go/v2"

	"tradetrace/internal/trade"
)

// eachRowOf runs a query through DuckDB's Arrow interface (see eachQueried) and hands each row of each record
// batch to each; its own errors come as queryError.
func (d *DB) eachRowOf(ctx context.Context, each func(rowScanner) error, query string, args ...any) error {
	return d.eachRowRun(ctx, func() func(rowScanner) error { return each }, query, args...)
}

// eachRowRun is eachRowOf with the reader asked for once DuckDB has run the query to its end (which its Go
// driver does before the first batch): run returns each, or nil to drop the rows unread (ahead.go).
func (d *DB) eachRowRun(ctx context.Context, run func() func(rowScanner) error, query string, args ...any) error {
	conn, err := d.db.Conn(ctx)
	if err != nil {
		return queryError{err}
	}
	defer conn.Close()
	return conn.Raw(func(dc any) error {
		a, err := duck.NewArrowFromConn(dc.(driver.Conn))
		if err != nil {
			return queryError{err}
		}
		qt := d.qlog.start(query)
		rr, err := a.QueryContext(ctx, query, args...)
		if err != nil {
			return queryError{err}
		}
		qt.executed()
		defer qt.done()
		defer rr.Release()
		each := qt.counting(run())
		if each == nil {
			return nil
		}
		var r batchRow
		for rr.Next() {
			rec := rr.RecordBatch()
			r.cols = rec.Columns()
			for r.row = range int(rec.NumRows()) {
				if err := each(&r); err != nil {
					return err
				}
			}
		}
		if err := rr.Err(); err != nil {
			return queryError{err}
		}
		return nil
	})
}

// batchRow is one row of an Arrow record batch, read as database/sql reads a row: the same Go values for the
// same destinations, text copied out of the batch, NULL only into destinations that can hold it.
type batchRow struct {
	cols []arrow.Array
	row  int
}

// Scan implements rowScanner.
func (r *batchRow) Scan(dest ...any) error {
	if len(dest) != len(r.cols) {
		return fmt.Errorf("sql: expected %d destination arguments in Scan, not %d", len(r.cols), len(dest))
	}
	for i, d := range dest {
		if err := scanCell(r.cols[i], r.row, d); err != nil {
			return fmt.Errorf("sql: Scan error on column index %d: %w", i, err)
		}
	}
	return nil
}

// stringValues are the Arrow arrays of text.
type stringValues interface{ Value(int) string }

// scanCell stores the value at row i of col in dest.
func scanCell(col arrow.Array, i int, dest any) error {
	if col.IsNull(i) {
		return scanNull(dest)
	}
	switch c := col.(type) {
	case stringValues:
		v := strings.Clone(c.Value(i)) // Value points into the batch, which goes with the next
		switch d := dest.(type) {
		case *string:
			*d = v
			return nil
		case *sql.NullString:
			*d = sql.NullString{String: v, Valid: true}
			return nil
		case *any:
			*d = v
			return nil
		}
		return setReflect(dest, reflect.ValueOf(v))
	case *array.Int64:
		return scanInt(c.Value(i), dest)
	case *array.Int32:
		return scanInt(int64(c.Value(i)), dest)
	case *array.Int16:
		return scanInt(int64(c.Value(i)), dest)
	case *array.Int8:
		return scanInt(int64(c.Value(i)), dest)
	case *array.Uint64:
		if d, ok := dest.(*uint64); ok {
			*d = c.Value(i)
			return nil
		}
		return setReflect(dest, reflect.ValueOf(c.Value(i)))
	case *array.Uint32:
		return scanInt(int64(c.Value(i)), dest)
	case *array.Float64:
		switch d := dest.(type) {
		case *float64:
			*d = c.Value(i)
			return nil
		case *sql.NullFloat64:
			*d = sql.NullFloat64{Float64: c.Value(i), Valid: true}
			return nil
		}
		return setReflect(dest, reflect.ValueOf(c.Value(i)))
	case *array.Boolean:
		switch d := dest.(type) {
		case *bool:
			*d = c.Value(i)
			return nil
		case *sql.NullBool:
			*d = sql.NullBool{Bool: c.Value(i), Valid: true}
			return nil
		}
		return setReflect(dest, reflect.ValueOf(c.Value(i)))
	case *array.Decimal128:
		// A HUGEINT (a sum of BIGINTs) comes as a decimal of scale 0; database/sql reads it into any integer
		// or float that holds its value.
		scale := c.DataType().(*arrow.Decimal128Type).Scale
		v := c.Value(i)
		if scale == 0 && v.FitsInPrecision(18) {
			return scanInt(int64(v.LowBits()), dest)
		}
		switch d := dest.(type) {
		case *float64:
			*d = v.ToFloat64(scale)
			return nil
		case *sql.NullFloat64:
			*d = sql.NullFloat64{Float64: v.ToFloat64(scale), Valid: true}
			return nil
		}
		return fmt.Errorf("reading %s of Arrow %s into %T is not supported", v.ToString(scale), col.DataType(), dest)
	case *array.Date32:
		// DuckDB's driver gives a DATE as midnight UTC of its day.
		return scanTime(time.Unix(int64(c.Value(i))*86400, 0).UTC(), dest)
	case *array.Timestamp:
		unit := c.DataType().(*arrow.TimestampType).Unit
		return scanTime(c.Value(i).ToTime(unit), dest)
	}
	return fmt.Errorf("reading Arrow %s into %T is not supported", col.DataType(), dest)
}

// scanNull stores NULL in dest, which must be able to hold it.
func scanNull(dest any) error {
	switch d := dest.(type) {
	case *sql.NullString:
		*d = sql.NullString{}
	case *sql.NullFloat64:
		*d = sql.NullFloat64{}
	case *sql.NullInt64:
		*d = sql.NullInt64{}
	case *sql.NullBool:
		*d = sql.NullBool{}
	case *sql.NullTime:
		*d = sql.NullTime{}
	case *any:
		*d = nil
	default:
		return fmt.Errorf("converting NULL to %T is unsupported", dest)
	}
	return nil
}

func scanInt(v int64, dest any) error {
	switch d := dest.(type) {
	case *int64:
		*d = v
		return nil
	case *int:
		*d = int(v)
		return nil
	case *trade.ShipmentID:
		*d = trade.ShipmentID(v)
		return nil
	case *sql.NullInt64:
		*d = sql.NullInt64{Int64: v, Valid: true}
		return nil
	case *float64:
		*d = float64(v)
		return nil
	case *sql.NullFloat64:
		*d = sql.NullFloat64{Float64: float64(v), Valid: true}
		return nil
	case *any:
		*d = v
		return nil
	}
	return setReflect(dest, reflect.ValueOf(v))
}

func scanTime(t time.Time, dest any) error {
	switch d := dest.(type) {
	case *time.Time:
		*d = t
		return nil
	case *sql.NullTime:
		*d = sql.NullTime{Time: t, Valid: true}
		return nil
	case *any:
		*d = t
		return nil
	}
	return fmt.Errorf("reading a time into %T is not supported", dest)
}

// setReflect stores v in a destination of a named type (trade.ShipmentID, country.Code, …) whose kind can take
// it, as database/sql does for them.
func setReflect(dest any, v reflect.Value) error {
	p := reflect.ValueOf(dest)
	if p.Kind() != reflect.Pointer || p.IsNil() {
		return fmt.Errorf("destination not a pointer: %T", dest)
	}
	e := p.Elem()
	switch {
	case e.Kind() == v.Kind() || (isInt(e.Kind()) && isInt(v.Kind())) || (isUint(e.Kind()) && isUint(v.Kind())):
		if !v.CanConvert(e.Type()) {
			break
		}
		c := v.Convert(e.Type())
		if isInt(e.Kind()) && c.Int() != v.Int() || isUint(e.Kind()) && c.Uint() != v.Uint() {
			return fmt.Errorf("value %v overflows %s", v, e.Type())
		}
		e.Set(c)
		return nil
	}
	return fmt.Errorf("reading %s into %T is not supported", v.Type(), dest)
}

func isInt(k reflect.Kind) bool  { return k >= reflect.Int && k <= reflect.Int64 }
func isUint(k reflect.Kind) bool { return k >= reflect.Uint && k <= reflect.Uint64 }
