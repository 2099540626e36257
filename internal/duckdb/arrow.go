//go:build duckdb_arrow

package duckdb

import (
	"context"
	"database/sql/driver"
	"errors"
	"fmt"
	"math"
	"strconv"
	"sync"
	"time"
	"unsafe"

	"github.com/apache/arrow-go/v18/arrow"
	"github.com/apache/arrow-go/v18/arrow/array"
	"github.com/apache/arrow-go/v18/arrow/memory"
	duck "github.com/duckdb/duckdb-go/v2"

	"tradetrace/internal/trade"
)

// Built with the duckdb_arrow tag (the Makefile builds so), a store on disk takes a run's rows as Arrow record
// batches: the loader appends each shipment to the batch being built, and one INSERT, begun with the run in its
// transaction, reads the batches through DuckDB's Arrow scan as they fill. DuckDB parses no text and the loader
// formats none: on the 10M-row canonical CSV the ingest took 73-88 s against 93 s through the pipe as text, and
// 135 CPU-s against 160 (doc/design.md). Text is cleaned as the text path cleans it (appendClean), so that both
// store the same values (TestRowsLoadAlike).

const arrowLoad = true

// arrowBatchRows is the number of rows in one record batch.
const arrowBatchRows = 16 << 10

// shipmentSchema is the Arrow schema of a shipments row, in the order of the table's columns (shipmentColumns).
var shipmentSchema = func() *arrow.Schema {
	var fs []arrow.Field
	add := func(t arrow.DataType, names ...string) {
		for _, n := range names {
			fs = append(fs, arrow.Field{Name: n, Type: t, Nullable: true})
		}
	}
	str, i64 := arrow.BinaryTypes.String, arrow.PrimitiveTypes.Int64
	add(i64, "id", "run_id", "row_no")
	add(str, "record_id")
	add(arrow.FixedWidthTypes.Date32, "date")
	add(str, "direction", "reporter", "declaration_no")
	add(arrow.PrimitiveTypes.Int32, "item_no")
	for _, p := range []string{"shipper", "consignee"} {
		add(str, p+"_name", p+"_name_en", p+"_address", p+"_address_en", p+"_country", p+"_id")
	}
	add(str, "origin_country", "dispatch_country", "destination_country", "trading_country", "hs_code", "hs6",
		"description", "description_en", "brand", "manufacturer")
	add(arrow.PrimitiveTypes.Float64, "quantity")
	add(str, "unit")
	add(arrow.PrimitiveTypes.Float64, "gross_weight_kg", "net_weight_kg", "value")
	add(str, "currency")
	add(arrow.PrimitiveTypes.Float64, "value_usd")
	add(arrow.FixedWidthTypes.Boolean, "aggregated")
	add(arrow.PrimitiveTypes.Uint64, "fingerprint")
	return arrow.NewSchema(fs, nil)
}()

// arrowRows builds record batches of shipments and hands them to DuckDB's Arrow scan, as an array.RecordReader
// whose Next waits for the next batch.
type arrowRows struct {
	b     *array.RecordBuilder
	n     int
	clean []byte
	runID int64

	batches chan arrow.RecordBatch
	stop    chan struct{} // closed (once) when the run is abandoned: Next fails
	stopped sync.Once
	cur     arrow.RecordBatch
	err     error
}

func newArrowRows(runID int64) *arrowRows {
	r := &arrowRows{b: array.NewRecordBuilder(memory.DefaultAllocator, shipmentSchema), runID: runID,
		batches: make(chan arrow.RecordBatch, 2), stop: make(chan struct{})}
	r.b.Reserve(arrowBatchRows)
	return r
}

// Retain and Release do nothing: the loader owns the reader for the run, and each batch is released when the
// next is read (DuckDB keeps references of its own to the batches it still holds).
func (r *arrowRows) Retain()  {}
func (r *arrowRows) Release() {}

func (r *arrowRows) Schema() *arrow.Schema          { return shipmentSchema }
func (r *arrowRows) RecordBatch() arrow.RecordBatch { return r.cur }
func (r *arrowRows) Record() arrow.RecordBatch      { return r.cur }
func (r *arrowRows) Err() error                     { return r.err }

// Next waits for the next batch; it returns false at the end of the rows, and with an error when the run is
// abandoned.
func (r *arrowRows) Next() bool {
	if r.cur != nil {
		r.cur.Release()
		r.cur = nil
	}
	select {
	case b, ok := <-r.batches:
		if !ok {
			return false
		}
		r.cur = b
		return true
	case <-r.stop:
		r.err = errors.New("the run was abandoned")
		return false
	}
}

// add appends a shipment to the batch being built, as EncodeRow writes it.
func (r *arrowRows) add(s *trade.Shipment) {
	f := r.b.Fields()
	c := 0
	i64 := func(v int64) { f[c].(*array.Int64Builder).Append(v); c++ }
	str := func(v string) {
		sb := f[c].(*array.StringBuilder)
		c++
		if v == `\N` {
			sb.Append(`\\N`) // as the text path stores it
			return
		}
		if textIsClean(v) { // nearly always: the builder copies v, which is only read
			sb.BinaryBuilder.Append(unsafe.Slice(unsafe.StringData(v), len(v)))
			return
		}
		r.clean = appendClean(r.clean[:0], v, false)
		sb.BinaryBuilder.Append(r.clean)
	}
	num := func(n trade.Num) {
		fb := f[c].(*array.Float64Builder)
		c++
		if !n.Valid {
			fb.AppendNull()
			return
		}
		fb.Append(n.V)
	}
	i64(int64(s.ID))
	i64(r.runID)
	i64(s.Prov.Row)
	str(s.RecordID)
	y, m, d := s.Date.Date()
	f[c].(*array.Date32Builder).Append(arrow.Date32(dayNumber(y, m, d)))
	c++
	str(s.Direction.String())
	str(string(s.Reporter))
	str(s.DeclarationNo)
	f[c].(*array.Int32Builder).Append(int32(s.ItemNo))
	c++
	for _, p := range []*trade.Party{&s.Shipper, &s.Consignee} {
		str(p.Name)
		str(p.NameEn)
		str(p.Address)
		str(p.AddressEn)
		str(string(p.Country))
		str(p.ID)
	}
	str(string(s.Origin))
	str(string(s.Dispatch))
	str(string(s.Destination))
	str(string(s.Trading))
	str(string(s.HS))
	str(string(s.HS6))
	str(s.Description)
	str(s.DescriptionEn)
	str(s.Brand)
	str(s.Manufacturer)
	num(s.Quantity)
	str(s.Unit)
	num(s.GrossWeightKg)
	num(s.NetWeightKg)
	num(s.Value)
	str(s.Currency)
	num(s.ValueUSD)
	f[c].(*array.BooleanBuilder).Append(s.Aggregated)
	c++
	f[c].(*array.Uint64Builder).Append(s.Fingerprint)
	r.n++
}

// dayNumber is the number of days from 1970-01-01 to the date: DuckDB's and Arrow's DATE.
func dayNumber(y int, m time.Month, d int) int32 {
	return int32(time.Date(y, m, d, 0, 0, 0, 0, time.UTC).Unix() / 86400)
}

// send hands the batch built so far to DuckDB, or returns the INSERT's error when it has ended.
func (l *loader) sendArrow() error {
	r := l.arrow
	if r.n == 0 {
		return nil
	}
	b := r.b.NewRecordBatch()
	r.n = 0
	select {
	case r.batches <- b:
		return nil
	case <-l.done:
		b.Release()
		if l.loadErr != nil {
			return l.loadErr
		}
		return fmt.Errorf("load run %d: the load ended early", l.run.ID)
	}
}

// addArrow appends a shipment to the run's rows.
func (l *loader) addArrow(s *trade.Shipment) error {
	l.arrow.add(s)
	if l.arrow.n < arrowBatchRows {
		return nil
	}
	return l.sendArrow()
}

// startArrow begins the run's transaction on a connection of its own, registers the run's rows there as an
// Arrow view, and starts the INSERT that reads them.
func (l *loader) startArrow(ctx context.Context) error {
	conn, err := l.d.db.Conn(ctx)
	if err != nil {
		return err
	}
	r := newArrowRows(int64(l.run.ID))
	view := "tt_run_" + strconv.FormatInt(int64(l.run.ID), 10) + "_rows"
	var release func()
	err = conn.Raw(func(dc any) error {
		a, err := duck.NewArrowFromConn(dc.(driver.Conn))
		if err != nil {
			return err
		}
		release, err = a.RegisterView(r, view)
		return err
	})
	if err != nil {
		conn.Close()
		return fmt.Errorf("register the run's rows: %w", err)
	}
	tx, err := conn.BeginTx(ctx, nil)
	if err != nil {
		release()
		conn.Close()
		return err
	}
	l.tx, l.arrow, l.conn = tx, r, conn
	lctx, cancel := context.WithCancel(ctx)
	l.cancelLoad = cancel
	l.perChunk = math.MaxInt64
	go func() {
		defer close(l.done)
		defer release()
		if _, err := tx.ExecContext(lctx, `INSERT INTO shipments SELECT * FROM `+view); err != nil {
			l.loadErr = fmt.Errorf("load run %d: shipments: %w", l.run.ID, err)
			close(l.failed)
		}
	}()
	l.d.streams.add(l)
	return nil
}

// endArrow sends the last batch and ends the rows, so that the INSERT reads to the end.
func (l *loader) endArrow() error {
	err := l.sendArrow()
	close(l.arrow.batches)
	return err
}

// abandonArrow ends rows that will not commit: the INSERT's next read fails.
func (l *loader) abandonArrow() {
	l.cancelLoad()
	l.arrow.stopped.Do(func() { close(l.arrow.stop) })
}

// closeArrow drops the run's view and gives its connection back, once the transaction has ended.
func (l *loader) closeArrow() {
	view := "tt_run_" + strconv.FormatInt(int64(l.run.ID), 10) + "_rows"
	l.conn.ExecContext(context.Background(), `DROP VIEW IF EXISTS `+view)
	l.conn.Close()
	l.conn = nil
}
