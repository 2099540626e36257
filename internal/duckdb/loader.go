package duckdb

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"unicode/utf8"

	"tradetrace/internal/ingest"
	"tradetrace/internal/trade"
)

// The loader writes a run's rows to temporary tab-separated files and loads them with DuckDB's parallel CSV
// reader in the transaction that marks the run complete: DuckDB's row appender from Go measured about 70k rows/s
// here, its CSV reader several times that.

// shipmentColumns is the column order of the temporary shipments file, as read back by read_csv.
const shipmentColumns = `'id': 'BIGINT', 'run_id': 'BIGINT', 'row_no': 'BIGINT', 'record_id': 'VARCHAR', 'date': 'DATE',
'direction': 'VARCHAR', 'reporter': 'VARCHAR', 'declaration_no': 'VARCHAR', 'item_no': 'INTEGER',
'shipper_name': 'VARCHAR', 'shipper_name_en': 'VARCHAR', 'shipper_address': 'VARCHAR', 'shipper_address_en': 'VARCHAR',
'shipper_country': 'VARCHAR', 'shipper_id': 'VARCHAR', 'consignee_name': 'VARCHAR', 'consignee_name_en': 'VARCHAR',
'consignee_address': 'VARCHAR', 'consignee_address_en': 'VARCHAR', 'consignee_country': 'VARCHAR', 'consignee_id': 'VARCHAR',
'origin_country': 'VARCHAR', 'dispatch_country': 'VARCHAR', 'destination_country': 'VARCHAR', 'trading_country': 'VARCHAR',
'hs_code': 'VARCHAR', 'hs6': 'VARCHAR', 'description': 'VARCHAR', 'description_en': 'VARCHAR', 'brand': 'VARCHAR',
'manufacturer': 'VARCHAR', 'quantity': 'DOUBLE', 'unit': 'VARCHAR', 'gross_weight_kg': 'DOUBLE', 'net_weight_kg': 'DOUBLE',
'value': 'DOUBLE', 'currency': 'VARCHAR', 'value_usd': 'DOUBLE', 'aggregated': 'BOOLEAN', 'fingerprint': 'UBIGINT'`

// rawColumns is the column order of the temporary file of raw rows. The raw rows have a file of their own: each
// load then parses only the columns it stores (with the raw row as a column of the shipments file, both loads
// parsed the whole of it).
const rawColumns = `'id': 'BIGINT', 'raw': 'VARCHAR'`

const rejectedColumns = `'run_id': 'BIGINT', 'file': 'VARCHAR', 'row_no': 'BIGINT', 'column_name': 'VARCHAR', 'value': 'VARCHAR',
'reason': 'VARCHAR', 'detail': 'VARCHAR', 'raw': 'VARCHAR'`

// csvOptions read what tsvWriter writes: tab-separated, never quoted (DuckDB's fastest path), \N for NULL.
const csvOptions = `delim = '\t', quote = '', escape = '', header = false, nullstr = '\N', auto_detect = false, strict_mode = true`

type loader struct {
	d         *DB
	run       *trade.Run
	ship, raw *tsvWriter
	rej       *tsvWriter
	dir       string
	nShip     int64
	finished  bool
	buf       []byte
}

// BeginRun records a new run as loading and returns its loader.
func (d *DB) BeginRun(ctx context.Context, run *trade.Run, header []string) (ingest.Loader, error) {
	if err := os.MkdirAll(d.tmpDir, 0o755); err != nil {
		return nil, fmt.Errorf("begin run: %w", err)
	}
	if err := d.insertRun(ctx, run, header); err != nil {
		return nil, err
	}
	dir, err := os.MkdirTemp(d.tmpDir, "run-"+strconv.FormatInt(int64(run.ID), 10)+"-")
	if err != nil {
		return nil, fmt.Errorf("begin run: %w", err)
	}
	l := &loader{d: d, run: run, dir: dir}
	if l.ship, err = newTSV(filepath.Join(dir, "shipments.tsv")); err != nil {
		os.RemoveAll(dir)
		return nil, err
	}
	if l.raw, err = newTSV(filepath.Join(dir, "raw.tsv")); err != nil {
		os.RemoveAll(dir)
		return nil, err
	}
	if l.rej, err = newTSV(filepath.Join(dir, "rejected.tsv")); err != nil {
		os.RemoveAll(dir)
		return nil, err
	}
	return l, nil
}

// Add implements ingest.Loader.
func (l *loader) Add(s *trade.Shipment, raw []string) error {
	s.ID = ingest.ShipmentID(l.run.ID, s.Prov.Row)
	l.buf = l.EncodeRow(l.buf[:0], s, raw)
	return l.AddEncoded(s, l.buf)
}

// AddEncoded implements ingest.RowEncoder: the first line of row goes to the shipments file, the second to the
// raw rows' (see EncodeRow).
func (l *loader) AddEncoded(s *trade.Shipment, row []byte) error {
	l.nShip++
	i := bytes.IndexByte(row, '\n')
	if _, err := l.ship.w.Write(row[:i+1]); err != nil {
		return err
	}
	_, err := l.raw.w.Write(row[i+1:])
	return err
}

// EncodeRow implements ingest.RowEncoder: a line of the shipments file, in the order of shipmentColumns, then a
// line of the raw rows' file (id and raw row). Neither can hold a line break of its own: text fields are
// written without them.
func (l *loader) EncodeRow(b []byte, s *trade.Shipment, raw []string) []byte {
	e := rowEncoder{b: b}
	e.int(int64(s.ID))
	e.int(int64(l.run.ID))
	e.int(s.Prov.Row)
	e.str(s.RecordID)
	e.raw(s.Date.Format("2006-01-02"))
	e.str(s.Direction.String())
	e.str(string(s.Reporter))
	e.str(s.DeclarationNo)
	e.int(int64(s.ItemNo))
	for _, p := range []*trade.Party{&s.Shipper, &s.Consignee} {
		e.str(p.Name)
		e.str(p.NameEn)
		e.str(p.Address)
		e.str(p.AddressEn)
		e.str(string(p.Country))
		e.str(p.ID)
	}
	e.str(string(s.Origin))
	e.str(string(s.Dispatch))
	e.str(string(s.Destination))
	e.str(string(s.Trading))
	e.str(string(s.HS))
	e.str(string(s.HS6))
	e.str(s.Description)
	e.str(s.DescriptionEn)
	e.str(s.Brand)
	e.str(s.Manufacturer)
	e.num(s.Quantity)
	e.str(s.Unit)
	e.num(s.GrossWeightKg)
	e.num(s.NetWeightKg)
	e.num(s.Value)
	e.str(s.Currency)
	e.num(s.ValueUSD)
	e.raw(strconv.FormatBool(s.Aggregated))
	e.b = strconv.AppendUint(e.sep(), s.Fingerprint, 10)
	e.b = append(e.b, '\n')
	e.begun = false
	e.int(int64(s.ID))
	e.rawRow(raw)
	return append(e.b, '\n')
}

// Reject implements ingest.Loader.
func (l *loader) Reject(r *trade.Rejection) error {
	e := rowEncoder{b: l.buf[:0]}
	e.int(int64(l.run.ID))
	e.str(r.File)
	e.int(r.Row)
	e.str(r.Column)
	e.str(r.Value)
	e.str(r.Reason)
	e.str(r.Detail)
	e.rawRow(r.Raw)
	l.buf = append(e.b, '\n')
	l.rej.n++
	_, err := l.rej.w.Write(l.buf)
	return err
}

func (l *loader) cleanup() {
	l.ship.close()
	l.raw.close()
	l.rej.close()
	os.RemoveAll(l.dir)
}

// Commit loads the files and marks the run complete in one transaction. Rows another run already holds become
// rejected rows with reason "duplicate".
func (l *loader) Commit(ctx context.Context, run *trade.Run) (err error) {
	defer l.d.forget(memoBrands, memoRuns)
	if l.finished {
		return errors.New("commit: run already finished")
	}
	l.finished = true
	defer l.cleanup()
	if err := l.ship.flush(); err != nil {
		return l.fail(ctx, err)
	}
	if err := l.raw.flush(); err != nil {
		return l.fail(ctx, err)
	}
	if err := l.rej.flush(); err != nil {
		return l.fail(ctx, err)
	}
	tx, err := l.d.db.BeginTx(ctx, nil)
	if err != nil {
		return l.fail(ctx, err)
	}
	defer func() {
		if err != nil {
			tx.Rollback()
			err = l.fail(context.WithoutCancel(ctx), err)
		}
	}()
	src, rawSrc := l.ship.source(shipmentColumns), l.raw.source(rawColumns)
	var existing int64
	if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM (SELECT 1 FROM shipments LIMIT 1)`).Scan(&existing); err != nil {
		return fmt.Errorf("commit run %d: %w", run.ID, err)
	}
	// No stage table: parsing the file again costs less than writing it twice. Duplicates are counted first;
	// only when there are some do the loads filter them out.
	var dups int64
	if existing > 0 && l.nShip > 0 {
		if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM `+src+` WHERE fingerprint IN (SELECT fingerprint FROM shipments)`).Scan(&dups); err != nil {
			return fmt.Errorf("commit run %d: %w", run.ID, err)
		}
	}
	if dups > 0 {
		_, err := tx.ExecContext(ctx, `INSERT INTO rejected
			SELECT s.run_id, ?, s.row_no, '', '', 'duplicate', 'already in the store: run ' || CAST(t.run_id AS VARCHAR) || ', row ' || CAST(t.row_no AS VARCHAR), r.raw
			FROM `+src+` s JOIN `+rawSrc+` r ON r.id = s.id
			JOIN (SELECT fingerprint, min(run_id) AS run_id, min(row_no) AS row_no FROM shipments GROUP BY fingerprint) t
			ON s.fingerprint = t.fingerprint`, run.File)
		if err != nil {
			return fmt.Errorf("commit run %d: duplicates: %w", run.ID, err)
		}
	}
	if l.nShip > 0 {
		where, rawWhere := "", ""
		if dups > 0 {
			where = ` WHERE fingerprint NOT IN (SELECT fingerprint FROM shipments)`
			rawWhere = ` WHERE id IN (SELECT id FROM ` + src + where + `)`
		}
		// raw_rows first: once the shipments are in, the filter would drop every row.
		if _, err := tx.ExecContext(ctx, `INSERT INTO raw_rows SELECT id, raw FROM `+rawSrc+rawWhere); err != nil {
			return fmt.Errorf("commit run %d: load raw rows: %w", run.ID, err)
		}
		if _, err := tx.ExecContext(ctx, `INSERT INTO shipments SELECT * FROM `+src+where); err != nil {
			return fmt.Errorf("commit run %d: load shipments: %w", run.ID, err)
		}
	}
	if l.rej.n > 0 {
		rsrc := l.rej.source(rejectedColumns)
		if _, err := tx.ExecContext(ctx, `INSERT INTO rejected SELECT * FROM `+rsrc); err != nil {
			return fmt.Errorf("commit run %d: load rejected rows: %w", run.ID, err)
		}
	}
	if dups > 0 {
		run.Accepted -= dups
		run.Rejected += dups
		run.Reasons["duplicate"] += dups
	}
	run.Status = trade.RunComplete
	reasons, _ := json.Marshal(run.Reasons)
	_, err = tx.ExecContext(ctx, `UPDATE runs SET status = 'complete', finished = ?, rows_read = ?, accepted = ?, rejected = ?, reasons = ? WHERE id = ?`,
		run.Finished, run.Read, run.Accepted, run.Rejected, string(reasons), run.ID)
	if err != nil {
		return fmt.Errorf("commit run %d: %w", run.ID, err)
	}
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("commit run %d: %w", run.ID, err)
	}
	return nil
}

// Abort discards the run's rows and marks it failed.
func (l *loader) Abort(cause error) error {
	if l.finished {
		return nil
	}
	l.finished = true
	l.cleanup()
	return l.markFailed(context.Background(), cause)
}

func (l *loader) fail(ctx context.Context, cause error) error {
	if err := l.markFailed(ctx, cause); err != nil {
		return errors.Join(cause, err)
	}
	return cause
}

func (l *loader) markFailed(ctx context.Context, cause error) error {
	defer l.d.forget(memoRuns)
	l.run.Status = trade.RunFailed
	_, err := l.d.db.ExecContext(ctx, `UPDATE runs SET status = 'failed', error = ? WHERE id = ?`, cause.Error(), l.run.ID)
	if err != nil {
		return fmt.Errorf("mark run %d failed: %w", l.run.ID, err)
	}
	return nil
}

func sqlString(s string) string { return "'" + strings.ReplaceAll(s, "'", "''") + "'" }

// readTSV is the read_csv call that reads a temporary file in the format csvOptions describes, with these
// columns. DuckDB refuses lines longer than its max_line_size (2,000,000 bytes unless told): a finding citing
// 200,000 lines is longer, and a larger limit for every file made reads four times slower, so the limit is
// raised only for files whose longest line, measured as they were written, needs it.
func readTSV(path, columns string, longest int) string {
	opts := csvOptions
	if longest >= defaultMaxLine {
		opts += ", max_line_size = " + strconv.Itoa(longest+2)
	}
	return fmt.Sprintf(`read_csv(%s, columns = {%s}, %s)`, sqlString(path), columns, opts)
}

// defaultMaxLine is DuckDB's default max_line_size, less a margin.
const defaultMaxLine = 1_900_000

// lineMeter passes bytes through to w and measures the longest line among them.
type lineMeter struct {
	w       io.Writer
	cur     int // the length of the line being written
	longest int
}

func (m *lineMeter) Write(p []byte) (int, error) {
	rest := p
	for {
		i := bytes.IndexByte(rest, '\n')
		if i < 0 {
			m.cur += len(rest)
			break
		}
		m.longest = max(m.longest, m.cur+i)
		m.cur = 0
		rest = rest[i+1:]
	}
	m.longest = max(m.longest, m.cur)
	return m.w.Write(p)
}

// tsvWriter is a temporary file of rows in the format csvOptions reads.
type tsvWriter struct {
	f     *os.File
	w     *bufio.Writer
	meter *lineMeter
	path  string
	n     int64
}

func newTSV(path string) (*tsvWriter, error) {
	f, err := os.Create(path)
	if err != nil {
		return nil, fmt.Errorf("temporary file: %w", err)
	}
	m := &lineMeter{w: f}
	return &tsvWriter{f: f, w: bufio.NewWriterSize(m, 1<<20), meter: m, path: path}, nil
}

// source is the read_csv call that reads the file back with these columns (after flush).
func (w *tsvWriter) source(columns string) string { return readTSV(w.path, columns, w.meter.longest) }

func (w *tsvWriter) flush() error {
	if err := w.w.Flush(); err != nil {
		return fmt.Errorf("temporary file: %w", err)
	}
	return nil
}

func (w *tsvWriter) close() { w.f.Close() }

// rowEncoder appends the fields of one row.
type rowEncoder struct {
	b     []byte
	begun bool
}

func (e *rowEncoder) sep() []byte {
	if e.begun {
		e.b = append(e.b, '\t')
	}
	e.begun = true
	return e.b
}

func (e *rowEncoder) raw(s string) { e.b = append(e.sep(), s...) }

func (e *rowEncoder) int(n int64) { e.b = strconv.AppendInt(e.sep(), n, 10) }

func (e *rowEncoder) num(n trade.Num) {
	if !n.Valid {
		e.b = append(e.sep(), `\N`...)
		return
	}
	e.b = strconv.AppendFloat(e.sep(), n.V, 'g', -1, 64)
}

// str writes a text field. The file is never quoted, so tabs and line breaks in normalised text become spaces
// (the raw row keeps the original bytes), a value that reads as NULL gets a second backslash, and invalid UTF-8,
// which DuckDB rejects, is replaced.
func (e *rowEncoder) str(s string) {
	b := e.sep()
	if !utf8.ValidString(s) {
		s = strings.ToValidUTF8(s, "\uFFFD")
	}
	if s == `\N` {
		s = `\\N`
	}
	start := 0
	for i := 0; i < len(s); i++ {
		if c := s[i]; c == '\t' || c == '\n' || c == '\r' {
			b = append(append(b, s[start:i]...), ' ')
			start = i + 1
		}
	}
	e.b = append(b, s[start:]...)
}

// rawRow writes the source fields as one text field: joined by the unit separator (0x1F), with backslash escapes
// for the bytes that would break the line or the join (see decodeRaw).
func (e *rowEncoder) rawRow(fields []string) {
	b := e.sep()
	for i, f := range fields {
		if i > 0 {
			b = append(b, 0x1f)
		}
		if !utf8.ValidString(f) {
			f = strings.ToValidUTF8(f, "\uFFFD")
		}
		start := 0
		for j := 0; j < len(f); j++ {
			var esc byte
			switch f[j] {
			case '\\':
				esc = '\\'
			case '\t':
				esc = 't'
			case '\n':
				esc = 'n'
			case '\r':
				esc = 'r'
			case 0x1f:
				esc = 's'
			default:
				continue
			}
			b = append(append(b, f[start:j]...), '\\', esc)
			start = j + 1
		}
		b = append(b, f[start:]...)
	}
	e.b = b
}
