package duckdb

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"unicode/utf8"

	"tradetrace/internal/ingest"
	"tradetrace/internal/trade"
)

// The loader writes a run's shipments as tab-separated lines that DuckDB's CSV reader loads: DuckDB's row
// appender from Go measured about 70k rows/s here, its CSV reader several times that. In a store on disk the
// lines stream through a named pipe to one INSERT, which runs in the run's transaction from the first row to the
// last: DuckDB stores rows while the next ones are read and normalised, and is done soon after the last. (Going
// by temporary files in chunks, as before, each chunk waited to be whole, and the last one was loaded with
// nothing else left to do.) A line too long for the reader's default line limit goes to a file, loaded at commit
// with a limit that fits it. Where there are no named pipes, and in an in-memory store, the lines go to
// temporary files of chunkRows rows, each loaded in the run's transaction while the next is written (the files
// hold two chunks at most); an in-memory store loads its one chunk at commit. Built with the duckdb_arrow tag, a
// store on disk takes the rows as Arrow batches instead of lines (arrow.go): the same INSERT from the first row
// to the last, with nothing to format or parse.
//
// The source records come packed in blocks (raw.go), which go to the run's file beside the store as they come,
// and their places to raw_blocks at commit. Rows another run already holds are sought once all rows are in, and
// the transaction commits with the run marked complete: readers see all of a run or nothing of it.

// chunkRows is the number of rows the loader writes to a chunk's files before handing them to DuckDB, when the
// rows go by files.
var chunkRows int64 = 1 << 20

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

const rejectedColumns = `'run_id': 'BIGINT', 'file': 'VARCHAR', 'row_no': 'BIGINT', 'column_name': 'VARCHAR', 'value': 'VARCHAR',
'reason': 'VARCHAR', 'detail': 'VARCHAR', 'raw': 'VARCHAR'`

// csvOptions read what tsvWriter writes: tab-separated, never quoted (DuckDB's fastest path), \N for NULL.
const csvOptions = `delim = '\t', quote = '', escape = '', header = false, nullstr = '\N', auto_detect = false, strict_mode = true`

type loader struct {
	d        *DB
	run      *trade.Run
	ship     *tsvWriter // the current chunk's shipments
	rej      *tsvWriter // the run's rejected rows, loaded at commit
	raw      *rawWriter // the run's source records
	dir      string
	chunk    int   // the number of the current chunk
	inChunk  int64 // rows in the current chunk
	nShip    int64
	finished bool
	buf      []byte

	perChunk int64         // rows per chunk: chunkRows, or all of them for an in-memory store
	tx       *sql.Tx       // the run's transaction, begun with the stream or the first chunk's load
	chunks   chan chunk    // chunks written, to the loading goroutine
	done     chan struct{} // closed when the loading goroutine has ended
	failed   chan struct{} // closed when a chunk failed to load
	loadErr  error         // why (set before failed is closed)

	pipe       *os.File           // the write end of the stream's pipe; nil when rows go by files
	long       *tsvWriter         // a stream's rows too long for its line limit, loaded at commit
	cancelLoad context.CancelFunc // interrupts the stream's INSERT

	arrow *arrowRows // the run's rows as Arrow batches (arrow.go); nil when they go as text
}

// chunk is the file of one chunk of shipments, as the loading goroutine reads it.
type chunk struct {
	ship string // read_csv source
	path string
}

// BeginRun records a new run as loading and returns its loader, whose chunks load in a transaction of their own
// that Commit ends.
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
	l := &loader{d: d, run: run, dir: dir, perChunk: chunkRows, chunks: make(chan chunk), done: make(chan struct{}), failed: make(chan struct{})}
	if d.path == "" {
		// An in-memory store has one connection: a transaction open during the run would hold it, and any read
		// in the meantime would wait for ever. Its rows are loaded in one chunk, at commit.
		l.perChunk = math.MaxInt64
	}
	fail := func(err error) (ingest.Loader, error) {
		l.closeFiles()
		l.raw.discard()
		os.RemoveAll(dir)
		return nil, l.fail(context.WithoutCancel(ctx), fmt.Errorf("begin run %d: %w", run.ID, err))
	}
	if l.rej, err = newTSV(filepath.Join(dir, "rejected.tsv")); err != nil {
		return fail(err)
	}
	if l.raw, err = d.newRawWriter(int64(run.ID)); err != nil {
		return fail(err)
	}
	if stream && d.path != "" {
		start := l.startStream
		if arrowLoad {
			start = l.startArrow
		}
		if err := start(ctx); err != nil {
			return fail(err)
		}
	}
	if l.pipe == nil && l.arrow == nil {
		if err := l.openChunk(); err != nil {
			return fail(err)
		}
		go l.loadChunks(ctx)
	}
	return l, nil
}

// openChunk opens the files of the next chunk.
func (l *loader) openChunk() error {
	l.chunk++
	l.inChunk = 0
	ship, err := newTSV(filepath.Join(l.dir, fmt.Sprintf("shipments-%d.tsv", l.chunk)))
	if err != nil {
		return err
	}
	l.ship = ship
	return nil
}

// sendChunk closes the current chunk's files and hands them to the loading goroutine; it waits while that is
// still loading the chunk before, so that no more than two chunks are on disk at once.
func (l *loader) sendChunk() error {
	select {
	case <-l.failed: // a load failed: stop here rather than leave it to the select below's choice
		return l.loadErr
	default:
	}
	if err := l.ship.flush(); err != nil {
		return err
	}
	l.ship.close()
	c := chunk{ship: l.ship.source(shipmentColumns), path: l.ship.path}
	if l.inChunk == 0 {
		c.ship = ""
	}
	select {
	case l.chunks <- c:
		return nil
	case <-l.failed:
		return l.loadErr
	}
}

// loadChunks loads each chunk it receives in the run's transaction and removes its files. After a failure it
// only removes them.
func (l *loader) loadChunks(ctx context.Context) {
	defer close(l.done)
	for c := range l.chunks {
		if l.loadErr == nil && c.ship != "" {
			if err := l.loadChunk(ctx, c); err != nil {
				l.loadErr = err
				close(l.failed)
			}
		}
		os.Remove(c.path)
	}
}

// loadChunk inserts a chunk's shipments in the run's transaction, which the first chunk begins.
func (l *loader) loadChunk(ctx context.Context, c chunk) error {
	if l.tx == nil {
		tx, err := l.d.db.BeginTx(ctx, nil)
		if err != nil {
			return fmt.Errorf("load run %d: %w", l.run.ID, err)
		}
		l.tx = tx
	}
	if _, err := l.tx.ExecContext(ctx, `INSERT INTO shipments SELECT * FROM `+c.ship); err != nil {
		return fmt.Errorf("load run %d: shipments: %w", l.run.ID, err)
	}
	return nil
}

// rejectDuplicates turns the run's rows that another run already holds into rejected rows with reason
// "duplicate", once every chunk is in, and returns how many there were. (Rows repeated within the run never get
// here: ingest rejects them as it reads.) The store is searched once for the whole run, not once for each chunk.
// The rejected rows go to the run's file of rejected rows, with their source records read back from the blocks.
func (l *loader) rejectDuplicates(ctx context.Context) (int64, error) {
	run := strconv.FormatInt(int64(l.run.ID), 10)
	// isDup selects this run's rows whose fingerprint another run holds.
	isDup := `run_id = ` + run + ` AND fingerprint IN (SELECT fingerprint FROM shipments WHERE run_id <> ` + run + `)`
	var dups int64
	if err := l.tx.QueryRowContext(ctx, `SELECT count(*) FROM shipments WHERE `+isDup).Scan(&dups); err != nil {
		return 0, fmt.Errorf("duplicates: %w", err)
	}
	if dups == 0 {
		return 0, nil
	}
	rows, err := l.tx.QueryContext(ctx, `SELECT s.id, s.row_no, t.run_id, t.row_no FROM shipments s
		JOIN (SELECT fingerprint, min(run_id) AS run_id, min(row_no) AS row_no FROM shipments WHERE run_id <> `+run+` GROUP BY fingerprint) t
		ON s.fingerprint = t.fingerprint
		WHERE s.run_id = `+run+` ORDER BY s.row_no`)
	if err != nil {
		return 0, fmt.Errorf("duplicates: %w", err)
	}
	type dup struct{ id, row, heldRun, heldRow int64 }
	var all []dup
	for rows.Next() {
		var d dup
		if err := rows.Scan(&d.id, &d.row, &d.heldRun, &d.heldRow); err != nil {
			rows.Close()
			return 0, fmt.Errorf("duplicates: %w", err)
		}
		all = append(all, d)
	}
	if err := rows.Close(); err != nil {
		return 0, fmt.Errorf("duplicates: %w", err)
	}
	// In parts, so that the source records read back stay few at a time.
	for start := 0; start < len(all); start += 10_000 {
		part := all[start:min(start+10_000, len(all))]
		ids := make([]int64, len(part))
		for i, d := range part {
			ids[i] = d.id
		}
		raws, err := l.d.rawRecords(ctx, l.tx, ids)
		if err != nil {
			return 0, fmt.Errorf("duplicates: %w", err)
		}
		for _, d := range part {
			err := l.Reject(&trade.Rejection{Run: l.run.ID, File: l.run.File, Row: d.row, Reason: "duplicate",
				Detail: "already in the store: run " + strconv.FormatInt(d.heldRun, 10) + ", row " + strconv.FormatInt(d.heldRow, 10),
				Raw:    raws[d.id]})
			if err != nil {
				return 0, fmt.Errorf("duplicates: %w", err)
			}
		}
	}
	// The blocks left holding none of the run's shipments go too; a block that still holds one keeps the records
	// of its duplicates, which nothing looks up.
	for _, q := range []string{
		`DELETE FROM shipments WHERE ` + isDup,
		`DELETE FROM raw_blocks b WHERE b.run_id = ` + run + ` AND NOT EXISTS (SELECT 1 FROM shipments s WHERE s.run_id = ` + run + ` AND s.row_no BETWEEN b.first_row AND b.last_row)`,
	} {
		if _, err := l.tx.ExecContext(ctx, q); err != nil {
			return 0, fmt.Errorf("duplicates: %w", err)
		}
	}
	return dups, nil
}

// Add implements ingest.Loader: the source record goes in a block of its own.
func (l *loader) Add(s *trade.Shipment, raw []string) error {
	s.ID = ingest.ShipmentID(l.run.ID, s.Prov.Row)
	if err := l.AddPacked(l.PackRaw([]int64{s.Prov.Row}, [][]string{raw})); err != nil {
		return err
	}
	l.buf = l.EncodeRow(l.buf[:0], s)
	return l.AddEncoded(s, l.buf)
}

// PackRaw implements ingest.RowEncoder (see packRaw).
func (l *loader) PackRaw(rows []int64, raws [][]string) []byte { return packRaw(rows, raws) }

// AddPacked implements ingest.RowEncoder: the block goes to the run's file of source records.
func (l *loader) AddPacked(block []byte) error { return l.raw.add(block) }

// AddEncoded implements ingest.RowEncoder: the line goes to the stream, or to the chunk's file.
func (l *loader) AddEncoded(s *trade.Shipment, row []byte) error {
	l.nShip++
	l.inChunk++
	if l.arrow != nil {
		return l.addArrow(s)
	}
	if l.pipe != nil {
		return l.addStreamed(row)
	}
	if _, err := l.ship.w.Write(row); err != nil {
		return err
	}
	if l.inChunk < l.perChunk {
		return nil
	}
	if err := l.sendChunk(); err != nil {
		return err
	}
	return l.openChunk()
}

// EncodeRow implements ingest.RowEncoder: a line of the shipments file, in the order of shipmentColumns. It
// cannot hold a line break of its own: text fields are written without them.
func (l *loader) EncodeRow(b []byte, s *trade.Shipment) []byte {
	if l.arrow != nil {
		return b // AddEncoded builds the Arrow row from s
	}
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

func (l *loader) closeFiles() {
	for _, w := range []*tsvWriter{l.ship, l.rej, l.long} {
		if w != nil {
			w.close()
		}
	}
}

// stop ends the loading goroutine, after it has loaded (or, after a failure, removed) the chunks sent, and
// returns its error.
func (l *loader) stop() error {
	close(l.chunks)
	<-l.done
	return l.loadErr
}

// rollback ends the run's transaction, if it has begun, keeping nothing of it.
func (l *loader) rollback() {
	if l.tx != nil {
		l.tx.Rollback()
	}
	l.closeArrow()
	l.raw.discard()
}

// cleanup removes the run's temporary files.
func (l *loader) cleanup() {
	if l.streaming() {
		l.d.streams.remove(l)
		l.cancelLoad()
	}
	l.closeFiles()
	l.raw.close()
	os.RemoveAll(l.dir)
}

// streaming reports that the run's rows go to an INSERT begun with the run, through a pipe or as Arrow batches,
// rather than by files.
func (l *loader) streaming() bool { return l.pipe != nil || l.arrow != nil }

// Commit loads the last chunk and the rejected rows and marks the run complete, and commits the run's
// transaction. Rows another run already holds have become rejected rows with reason "duplicate".
func (l *loader) Commit(ctx context.Context, run *trade.Run) (err error) {
	defer l.d.forget(memoBrands, memoRuns)
	if l.finished {
		return errors.New("commit: run already finished")
	}
	l.finished = true
	defer l.cleanup()
	defer func() {
		if err != nil {
			l.rollback()
			err = l.fail(context.WithoutCancel(ctx), err)
		}
	}()
	var sendErr error
	switch {
	case l.arrow != nil:
		sendErr = l.endArrow()
	case l.pipe != nil:
		sendErr = l.endStream()
	default:
		sendErr = l.sendChunk()
	}
	if err := l.stop(); err != nil {
		return err
	}
	if l.arrow != nil {
		l.arrowLoaded()
	}
	if sendErr != nil {
		return fmt.Errorf("commit run %d: %w", run.ID, sendErr)
	}
	if l.long != nil {
		if err := l.long.flush(); err != nil {
			return fmt.Errorf("commit run %d: %w", run.ID, err)
		}
		if _, err := l.tx.ExecContext(ctx, `INSERT INTO shipments SELECT * FROM `+l.long.source(shipmentColumns)); err != nil {
			return fmt.Errorf("commit run %d: load long lines: %w", run.ID, err)
		}
	}
	if l.tx == nil { // no rows at all: the run's transaction begins here
		if l.tx, err = l.d.db.BeginTx(ctx, nil); err != nil {
			return fmt.Errorf("commit run %d: %w", run.ID, err)
		}
	}
	// The source records first: they must be on disk before the run commits, and in raw_blocks before the
	// duplicates below read theirs back.
	if err := l.raw.finish(ctx, l.tx); err != nil {
		return fmt.Errorf("commit run %d: source records: %w", run.ID, err)
	}
	var dups int64
	if l.nShip > 0 {
		if dups, err = l.rejectDuplicates(ctx); err != nil {
			return fmt.Errorf("commit run %d: %w", run.ID, err)
		}
	}
	if err := l.rej.flush(); err != nil {
		return fmt.Errorf("commit run %d: %w", run.ID, err)
	}
	if l.rej.n > 0 {
		rsrc := l.rej.source(rejectedColumns)
		if _, err := l.tx.ExecContext(ctx, `INSERT INTO rejected SELECT * FROM `+rsrc); err != nil {
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
	_, err = l.tx.ExecContext(ctx, `UPDATE runs SET status = 'complete', finished = ?, rows_read = ?, accepted = ?, rejected = ?, reasons = ? WHERE id = ?`,
		run.Finished, run.Read, run.Accepted, run.Rejected, string(reasons), run.ID)
	if err != nil {
		return fmt.Errorf("commit run %d: %w", run.ID, err)
	}
	if err := l.tx.Commit(); err != nil {
		return fmt.Errorf("commit run %d: %w", run.ID, err)
	}
	l.closeArrow()
	return nil
}

// Abort discards the run's rows and marks it failed.
func (l *loader) Abort(cause error) error {
	if l.finished {
		return nil
	}
	l.finished = true
	if l.streaming() {
		l.abandonStream()
	}
	l.stop()
	l.cleanup()
	l.rollback()
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
// which DuckDB rejects, is replaced (each run of invalid bytes by one U+FFFD, as strings.ToValidUTF8 does).
func (e *rowEncoder) str(s string) {
	b := e.sep()
	if s == `\N` {
		e.b = append(b, `\\N`...)
		return
	}
	e.b = appendClean(b, s, false)
}

// rawRow writes the source fields as one text field: joined by the unit separator (0x1F), with backslash escapes
// for the bytes that would break the line or the join (see decodeRaw), invalid UTF-8 replaced as str does.
func (e *rowEncoder) rawRow(fields []string) {
	b := e.sep()
	for i, f := range fields {
		if i > 0 {
			b = append(b, 0x1f)
		}
		b = appendClean(b, f, true)
	}
	e.b = b
}

// appendClean appends s with invalid UTF-8 replaced and, for a raw field, backslash, tab, line breaks and the
// unit separator escaped; for a text field, tabs and line breaks become spaces. Ingest writes every field of
// every row through here, so it skips what needs nothing as plainEnd reads it, and looks at single bytes only
// around the others.
func appendClean(b []byte, s string, raw bool) []byte {
	start, invalid := 0, false
	for i := 0; ; {
		if j := plainEnd(s, i, raw); j > i {
			i, invalid = j, false
		}
		if i >= len(s) {
			break
		}
		c := s[i]
		if c >= utf8.RuneSelf {
			// A run of bytes from 0x80 up that is not valid UTF-8: decoded rune by rune, within the run (a valid
			// sequence never holds an ASCII byte), each run of invalid bytes replaced by one U+FFFD.
			j := i + 1
			for j < len(s) && s[j] >= utf8.RuneSelf {
				j++
			}
			for i < j {
				r, size := utf8.DecodeRuneInString(s[i:j])
				if r == utf8.RuneError && size == 1 {
					b = append(b, s[start:i]...)
					if !invalid {
						b = append(b, "\uFFFD"...)
					}
					invalid = true
					i++
					start = i
					continue
				}
				invalid = false
				i += size
			}
			continue
		}
		// An ASCII byte that needsAttention.
		invalid = false
		b = append(b, s[start:i]...)
		if raw {
			b = append(b, '\\', rawEscape(c))
		} else {
			b = append(b, ' ')
		}
		i++
		start = i
	}
	return append(b, s[start:]...)
}

// plainEnd returns where the bytes of s from i that appendClean leaves as they are end: it reads eight bytes at a
// time while they are plain printable ASCII, a run of bytes from 0x80 up (a word of Cyrillic or Han) whole when
// it is valid UTF-8, as it nearly always is, and other ASCII bytes one by one. It stops at an ASCII byte that
// needsAttention, or at the start of a run that is not valid UTF-8.
func plainEnd(s string, i int, raw bool) int {
	for i < len(s) {
		for i+8 <= len(s) && plain8(load64(s, i), raw) {
			i += 8
		}
		if i >= len(s) {
			break
		}
		c := s[i]
		if c >= utf8.RuneSelf {
			j := i + 1
			for j < len(s) && s[j] >= utf8.RuneSelf {
				j++
			}
			if !utf8.ValidString(s[i:j]) {
				return i
			}
			i = j
			continue
		}
		if needsAttention(c, raw) {
			return i
		}
		i++
	}
	return len(s)
}

// needsAttention reports that appendClean changes the ASCII byte c: tabs and line breaks in any field, and in a
// raw field the backslash and the unit separator too.
func needsAttention(c byte, raw bool) bool {
	return c == '\t' || c == '\n' || c == '\r' || raw && (c == '\\' || c == 0x1f)
}

// rawEscape is the letter after the backslash that stands for c in a raw field.
func rawEscape(c byte) byte {
	switch c {
	case '\t':
		return 't'
	case '\n':
		return 'n'
	case '\r':
		return 'r'
	case 0x1f:
		return 's'
	}
	return c // the backslash
}

// textIsClean reports that appendClean(b, s, false) appends s as it is: s is valid UTF-8 and holds no tab or line
// break.
func textIsClean(s string) bool { return plainEnd(s, 0, false) == len(s) }

// load64 reads s[i:i+8] as a little-endian word (the compiler makes this one load).
func load64(s string, i int) uint64 {
	_ = s[i+7]
	return uint64(s[i]) | uint64(s[i+1])<<8 | uint64(s[i+2])<<16 | uint64(s[i+3])<<24 |
		uint64(s[i+4])<<32 | uint64(s[i+5])<<40 | uint64(s[i+6])<<48 | uint64(s[i+7])<<56
}

// plain8 reports that the eight bytes of w are printable ASCII (0x20–0x7F) and, for a raw field, none is a
// backslash: nothing in them needs appendClean's attention. It may say no for plain bytes after a byte below
// 0x20 (a borrow), never yes for a byte that needs attention.
func plain8(w uint64, raw bool) bool {
	const lo, hi = 0x0101010101010101, 0x8080808080808080
	if ((w-0x20*lo)|w)&hi != 0 {
		return false
	}
	if raw {
		x := w ^ ('\\' * lo)
		return (x-lo)&^x&hi == 0
	}
	return true
}
