//go:build duckdb_arrow

package duckdb

import (
	"context"
	"database/sql"
	"database/sql/driver"
	"errors"
	"fmt"
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
// formats none: on the 10M-row canonical CSV the ingest took 69-79 s against 92-97 s as text through the pipe.
// The batch's columns are plain Go slices made into Arrow buffers when the batch goes (batchCols): Arrow's own
// builders, which check and reserve room at every value, had cost the loader goroutine 20 CPU-s. Text is cleaned
// as the text path cleans it (appendClean), so that both store the same values (TestRowsLoadAlike).

const arrowLoad = true

// arrowBatchRows is the number of rows in one record batch.
const arrowBatchRows = 16 << 10

// colKind is the Arrow type of a column of shipments.
type colKind uint8

const (
	kInt64 colKind = iota
	kString
	kDate
	kInt32
	kFloat64
	kBool
	kUint64
	nKinds
)

// shipmentLayout is a shipments row as Arrow columns, in the order of the table's columns (shipmentColumns).
var shipmentLayout = func() []arrowCol {
	var cs []arrowCol
	add := func(k colKind, names ...string) {
		for _, n := range names {
			cs = append(cs, arrowCol{name: n, kind: k})
		}
	}
	add(kInt64, "id", "run_id", "row_no")
	add(kString, "record_id")
	add(kDate, "date")
	add(kString, "direction", "reporter", "declaration_no")
	add(kInt32, "item_no")
	for _, p := range []string{"shipper", "consignee"} {
		add(kString, p+"_name", p+"_name_en", p+"_address", p+"_address_en", p+"_country", p+"_id")
	}
	add(kString, "origin_country", "dispatch_country", "destination_country", "trading_country", "hs_code", "hs6",
		"description", "description_en", "brand", "manufacturer")
	add(kFloat64, "quantity")
	add(kString, "unit")
	add(kFloat64, "gross_weight_kg", "net_weight_kg", "value")
	add(kString, "currency")
	add(kFloat64, "value_usd")
	add(kBool, "aggregated")
	add(kUint64, "fingerprint")
	var n [nKinds]int
	for i := range cs {
		cs[i].ord = n[cs[i].kind]
		n[cs[i].kind]++
	}
	return cs
}()

type arrowCol struct {
	name string
	kind colKind
	ord  int // among the columns of its kind
}

var arrowTypes = [nKinds]arrow.DataType{kInt64: arrow.PrimitiveTypes.Int64, kString: arrow.BinaryTypes.String,
	kDate: arrow.FixedWidthTypes.Date32, kInt32: arrow.PrimitiveTypes.Int32, kFloat64: arrow.PrimitiveTypes.Float64,
	kBool: arrow.FixedWidthTypes.Boolean, kUint64: arrow.PrimitiveTypes.Uint64}

// shipmentSchema is the Arrow schema of shipmentLayout.
var shipmentSchema = func() *arrow.Schema {
	fs := make([]arrow.Field, len(shipmentLayout))
	for i, c := range shipmentLayout {
		fs[i] = arrow.Field{Name: c.name, Type: arrowTypes[c.kind], Nullable: c.kind == kFloat64}
	}
	return arrow.NewSchema(fs, nil)
}()

// The numbers of columns of each kind, as add fills them.
const nStrings, nFloats = 28, 5

// batchCols are the columns of the record batch being built, as Go slices that become its buffers: appending to
// them costs a copy, where Arrow's builders checked and reserved at every value.
type batchCols struct {
	n    int
	full bool // a text column holds more than maxBatchText: the batch goes now
	ints [3][]int64
	date []int32
	item []int32
	strs [nStrings]stringCol
	nums [nFloats]floatCol
	agg  []byte // bits
	fp   []uint64
}

// stringCol is a column of text: the values end to end and the offset of each one's end.
type stringCol struct {
	offs []int32 // starts with 0
	vals []byte
}

// floatCol is a column of numbers that may be missing: valid has a bit set for each number present.
type floatCol struct {
	vals  []float64
	valid []byte
	nulls int
}

// newBatchCols makes the columns of a batch, with room for what the last one held.
func newBatchCols(last *batchCols) *batchCols {
	b := &batchCols{}
	for i := range b.ints {
		b.ints[i] = make([]int64, 0, arrowBatchRows)
	}
	b.date, b.item, b.fp = make([]int32, 0, arrowBatchRows), make([]int32, 0, arrowBatchRows), make([]uint64, 0, arrowBatchRows)
	b.agg = make([]byte, 0, arrowBatchRows/8)
	for i := range b.strs {
		room := 0
		if last != nil {
			room = len(last.strs[i].vals) + len(last.strs[i].vals)/8
		}
		b.strs[i] = stringCol{offs: append(make([]int32, 0, arrowBatchRows+1), 0), vals: make([]byte, 0, max(room, 64))}
	}
	for i := range b.nums {
		b.nums[i] = floatCol{vals: make([]float64, 0, arrowBatchRows), valid: make([]byte, 0, arrowBatchRows/8)}
	}
	return b
}

// appendBit appends bit number n (counted from 0) of a bitmap.
func appendBit(bits []byte, n int, set bool) []byte {
	if n%8 == 0 {
		bits = append(bits, 0)
	}
	if set {
		bits[n/8] |= 1 << (n % 8)
	}
	return bits
}

// maxBatchText is the most text a column of a batch holds before the batch goes, well within the 2 GB its
// 32-bit offsets address.
var maxBatchText = 1 << 30

// record makes the Arrow record batch of the columns, on their memory.
func (b *batchCols) record() arrow.RecordBatch {
	n := b.n
	cols := make([]arrow.Array, len(shipmentLayout))
	for i, c := range shipmentLayout {
		var bufs []*memory.Buffer
		nulls := 0
		switch c.kind {
		case kInt64:
			bufs = []*memory.Buffer{nil, memory.NewBufferBytes(bytesOf(b.ints[c.ord]))}
		case kString:
			s := &b.strs[c.ord]
			bufs = []*memory.Buffer{nil, memory.NewBufferBytes(bytesOf(s.offs)), memory.NewBufferBytes(s.vals)}
		case kDate:
			bufs = []*memory.Buffer{nil, memory.NewBufferBytes(bytesOf(b.date))}
		case kInt32:
			bufs = []*memory.Buffer{nil, memory.NewBufferBytes(bytesOf(b.item))}
		case kFloat64:
			f := &b.nums[c.ord]
			var valid *memory.Buffer
			if f.nulls > 0 {
				valid = memory.NewBufferBytes(f.valid)
			}
			bufs, nulls = []*memory.Buffer{valid, memory.NewBufferBytes(bytesOf(f.vals))}, f.nulls
		case kBool:
			bufs = []*memory.Buffer{nil, memory.NewBufferBytes(b.agg)}
		case kUint64:
			bufs = []*memory.Buffer{nil, memory.NewBufferBytes(bytesOf(b.fp))}
		}
		d := array.NewData(arrowTypes[c.kind], n, bufs, nil, nulls, 0)
		cols[i] = array.MakeFromData(d)
		d.Release()
	}
	rec := array.NewRecordBatch(shipmentSchema, cols, int64(n))
	for _, c := range cols {
		c.Release()
	}
	return rec
}

// bytesOf is the memory of a slice of numbers, as bytes.
func bytesOf[T int32 | int64 | uint64 | float64](s []T) []byte {
	if len(s) == 0 {
		return nil
	}
	return unsafe.Slice((*byte)(unsafe.Pointer(&s[0])), len(s)*int(unsafe.Sizeof(s[0])))
}

// arrowRows builds record batches of shipments and hands them to DuckDB's Arrow scan, as an array.RecordReader
// whose Next waits for the next batch.
type arrowRows struct {
	b     *batchCols
	runID int64
	view  string    // the name it is registered under
	conn  *sql.Conn // the connection that holds the view and the run's transaction; nil once closed
	// release lets go of the Arrow stream the view reads (its C struct and the handle to r), once the view is
	// dropped (closeArrow).
	release func()

	batches chan arrow.RecordBatch
	stop    chan struct{} // closed (once) when the run is abandoned: Next fails
	stopped sync.Once
	cur     arrow.RecordBatch
	err     error
}

func newArrowRows(runID int64) *arrowRows {
	return &arrowRows{b: newBatchCols(nil), runID: runID, view: "tt_run_" + strconv.FormatInt(runID, 10) + "_rows",
		batches: make(chan arrow.RecordBatch, 2), stop: make(chan struct{})}
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
	b := r.b
	sc, fc := 0, 0
	str := func(v string) {
		c := &b.strs[sc]
		sc++
		switch {
		case v == `\N`:
			c.vals = append(c.vals, `\\N`...) // as the text path stores it
		case textIsClean(v): // nearly always
			c.vals = append(c.vals, v...)
		default:
			c.vals = appendClean(c.vals, v, false)
		}
		c.offs = append(c.offs, int32(len(c.vals)))
		if len(c.vals) > maxBatchText {
			b.full = true
		}
	}
	num := func(v trade.Num) {
		c := &b.nums[fc]
		fc++
		c.vals = append(c.vals, v.V)
		c.valid = appendBit(c.valid, b.n, v.Valid)
		if !v.Valid {
			c.vals[len(c.vals)-1] = 0
			c.nulls++
		}
	}
	b.ints[0] = append(b.ints[0], int64(s.ID))
	b.ints[1] = append(b.ints[1], r.runID)
	b.ints[2] = append(b.ints[2], s.Prov.Row)
	str(s.RecordID)
	y, m, d := s.Date.Date()
	b.date = append(b.date, dayNumber(y, m, d))
	str(s.Direction.String())
	str(string(s.Reporter))
	str(s.DeclarationNo)
	b.item = append(b.item, int32(s.ItemNo))
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
	b.agg = appendBit(b.agg, b.n, s.Aggregated)
	b.fp = append(b.fp, s.Fingerprint)
	b.n++
}

// dayNumber is the number of days from 1970-01-01 to the date: DuckDB's and Arrow's DATE.
func dayNumber(y int, m time.Month, d int) int32 {
	return int32(time.Date(y, m, d, 0, 0, 0, 0, time.UTC).Unix() / 86400)
}

// sentArrow, when set (by a test), is called as each batch goes.
var sentArrow func()

// loadedArrow, when set (by a test), is called with the run's view when Commit has seen the INSERT read the
// last batch, before the transaction commits and the view is dropped.
var loadedArrow func(view string)

// arrowLoaded is called by Commit once the INSERT has read the last batch.
func (l *loader) arrowLoaded() {
	if loadedArrow != nil {
		loadedArrow(l.arrow.view)
	}
}

// send hands the batch built so far to DuckDB, or returns the INSERT's error when it has ended.
func (l *loader) sendArrow() error {
	r := l.arrow
	if r.b.n == 0 {
		return nil
	}
	b := r.b.record()
	r.b = newBatchCols(r.b)
	if sentArrow != nil {
		sentArrow()
	}
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
	if b := l.arrow.b; b.n < arrowBatchRows && !b.full {
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
	var release func()
	err = conn.Raw(func(dc any) error {
		a, err := duck.NewArrowFromConn(dc.(driver.Conn))
		if err != nil {
			return err
		}
		release, err = a.RegisterView(r, r.view)
		return err
	})
	if err != nil {
		conn.Close()
		return fmt.Errorf("register the run's rows: %w", err)
	}
	// The transaction ends by the loader's Commit or rollback, not with ctx: database/sql rolls back a
	// transaction whose context ends and closes its connection, on a goroutine of its own, while closeArrow
	// still uses that connection (a nil-pointer panic inside database/sql, seen once under the race detector in
	// TestStreamInterrupted). The INSERT still stops with ctx (lctx below).
	tx, err := conn.BeginTx(context.WithoutCancel(ctx), nil)
	if err != nil {
		dropRunView(context.WithoutCancel(ctx), conn, r.view, release)
		conn.Close()
		return err
	}
	r.conn, r.release = conn, release
	l.tx, l.arrow = tx, r
	lctx, cancel := context.WithCancel(ctx)
	l.cancelLoad = cancel
	go func() {
		defer close(l.done)
		if _, err := tx.ExecContext(lctx, `INSERT INTO shipments SELECT * FROM `+r.view); err != nil {
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

// closeArrow drops the run's view and gives its connection back, once the transaction has ended; it does
// nothing when there is no connection (the rows went as text, or it is closed already).
func (l *loader) closeArrow() {
	r := l.arrow
	if r == nil || r.conn == nil {
		return
	}
	dropRunView(context.Background(), r.conn, r.view, r.release)
	r.conn.Close()
	r.conn = nil
}

// dropRunView drops a run's view on conn, then lets go of the Arrow stream it reads (release). The stream goes
// only once the view is gone: DuckDB's view (a view of the database, seen by every connection, not a
// temporary one) holds a copy of the stream's C struct, whose reads call back into the handle that releasing
// the stream deletes. A view that could not be dropped keeps its stream.
func dropRunView(ctx context.Context, conn *sql.Conn, view string, release func()) {
	if _, err := conn.ExecContext(ctx, `DROP VIEW IF EXISTS `+view); err == nil {
		release()
	}
}
