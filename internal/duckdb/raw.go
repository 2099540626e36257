package duckdb

import (
	"bufio"
	"context"
	"database/sql"
	"encoding/binary"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync"

	"github.com/klauspost/compress/s2"

	"tradetrace/internal/ingest"
	"tradetrace/internal/trade"
)

// A run's source records are stored in blocks, one for each batch of rows that ingest normalises together, in a
// file of the run's own beside the store (PATH.raw/RUN.blocks; table raw_blocks says where each block lies).
// DuckDB had stored them at about 100 MB/s, as text one row each or as blocks: two fifths of an ingest's time.
// The file is on disk before its run commits, and a run that does not commit leaves no file (a killed process's
// leftovers are removed when the store is next opened). packRaw lays out a block as the row count, then for
// each row the distance from the row before (the first row: its number), the field count, and each field as its
// length and bytes, all lengths and numbers as uvarints; the whole compressed as an S2 block. The bytes are kept
// as read: tabs, line breaks and invalid UTF-8 included (readers replace the invalid bytes, see unpackRaw).
//
// S2 rather than zstd: on the raw rows of 1M sample lines, S2 compressed 768 MB/s to 3.2× and zstd's fastest
// level 287 MB/s to 4.9×; the ingest's two cores are its limit, so the faster one.

// rawHeader is the size of what PackRaw puts before the compressed block: the block's first and last row.
const rawHeader = 16

var rawScratch = sync.Pool{New: func() any { return new([]byte) }}

// packRaw packs the source records of these rows (ascending) into a block: the first and last row as two
// little-endian words, then the compressed block.
func packRaw(rows []int64, raws [][]string) []byte {
	bp := rawScratch.Get().(*[]byte)
	b := binary.AppendUvarint((*bp)[:0], uint64(len(rows)))
	prev := int64(0)
	for i, row := range rows {
		b = binary.AppendUvarint(b, uint64(row-prev))
		prev = row
		b = binary.AppendUvarint(b, uint64(len(raws[i])))
		for _, f := range raws[i] {
			b = binary.AppendUvarint(b, uint64(len(f)))
			b = append(b, f...)
		}
	}
	out := make([]byte, rawHeader, rawHeader+s2.MaxEncodedLen(len(b)))
	binary.LittleEndian.PutUint64(out[0:], uint64(rows[0]))
	binary.LittleEndian.PutUint64(out[8:], uint64(rows[len(rows)-1]))
	out = append(out, s2.Encode(out[rawHeader:cap(out)], b)...)
	*bp = b
	rawScratch.Put(bp)
	return out
}

// packedRange reads the first and last row of a packed block.
func packedRange(packed []byte) (first, last int64) {
	return int64(binary.LittleEndian.Uint64(packed[0:])), int64(binary.LittleEndian.Uint64(packed[8:]))
}

var errBadBlock = errors.New("damaged block of source records")

// unpackRaw calls fn for each row of a stored block (the compressed part of a packed one), in row order, with
// its fields. Invalid UTF-8 is replaced, each run of invalid bytes by one U+FFFD, as the rows kept in raw_rows
// had it replaced when they were written.
func unpackRaw(data []byte, fn func(row int64, fields []string)) error {
	b, err := s2.Decode(nil, data)
	if err != nil {
		return fmt.Errorf("%w: %v", errBadBlock, err)
	}
	next := func() (uint64, bool) {
		v, n := binary.Uvarint(b)
		if n <= 0 {
			return 0, false
		}
		b = b[n:]
		return v, true
	}
	count, ok := next()
	row := int64(0)
	for i := uint64(0); ok && i < count; i++ {
		var d, nf uint64
		if d, ok = next(); !ok {
			break
		}
		if nf, ok = next(); !ok || nf > uint64(len(b)) {
			ok = false
			break
		}
		row += int64(d)
		fields := make([]string, nf)
		for j := range fields {
			var l uint64
			if l, ok = next(); !ok || l > uint64(len(b)) {
				ok = false
				break
			}
			fields[j] = strings.ToValidUTF8(string(b[:l]), "\uFFFD")
			b = b[l:]
		}
		if ok {
			fn(row, fields)
		}
	}
	if !ok || len(b) > 0 {
		return errBadBlock
	}
	return nil
}

// querier is a database or a transaction.
type querier interface {
	QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error)
}

// rawFile is the file of a run's source records.
func (d *DB) rawFile(run int64) string {
	return filepath.Join(d.rawDir, strconv.FormatInt(run, 10)+".blocks")
}

// rawRecords returns the source records of the shipments with these ids, by id; an id without one is left out.
// It reads each block that holds one of them once, and looks in raw_rows for the ids of runs stored before
// raw_blocks.
func (d *DB) rawRecords(ctx context.Context, q querier, ids []int64) (map[int64][]string, error) {
	out := make(map[int64][]string, len(ids))
	byRun := map[trade.RunID][]int64{} // run → rows, ascending
	for _, id := range ids {
		run, row := ingest.RunRow(trade.ShipmentID(id))
		byRun[run] = append(byRun[run], row)
	}
	for run, rows := range byRun {
		slices.Sort(rows)
		rows = slices.Compact(rows)
		if err := d.runRecords(ctx, q, run, rows, out); err != nil {
			return nil, err
		}
	}
	var rest []any
	for _, id := range ids {
		if _, ok := out[id]; !ok {
			rest = append(rest, id)
		}
	}
	for start := 0; start < len(rest); start += 1000 {
		part := rest[start:min(start+1000, len(rest))]
		rows, err := q.QueryContext(ctx, `SELECT id, raw FROM raw_rows WHERE id IN (`+placeholders(len(part))+`)`, part...)
		if err != nil {
			return nil, fmt.Errorf("source records: %w", err)
		}
		for rows.Next() {
			var id int64
			var raw string
			if err := rows.Scan(&id, &raw); err != nil {
				rows.Close()
				return nil, fmt.Errorf("source records: %w", err)
			}
			out[id] = decodeRaw(raw)
		}
		if err := rows.Close(); err != nil {
			return nil, fmt.Errorf("source records: %w", err)
		}
	}
	return out, nil
}

// rawPlace is where a block lies in its run's file, and which rows it holds.
type rawPlace struct{ first, last, offset, length int64 }

// runRecords adds to out the source records of these rows (ascending) of one run that its blocks hold.
func (d *DB) runRecords(ctx context.Context, q querier, run trade.RunID, rows []int64, out map[int64][]string) error {
	res, err := q.QueryContext(ctx, `SELECT first_row, last_row, "offset", length FROM raw_blocks WHERE run_id = ?
		AND last_row >= ? AND first_row <= ? ORDER BY first_row`, int64(run), rows[0], rows[len(rows)-1])
	if err != nil {
		return fmt.Errorf("source records of run %d: %w", run, err)
	}
	var places []rawPlace
	for res.Next() {
		var p rawPlace
		if err := res.Scan(&p.first, &p.last, &p.offset, &p.length); err != nil {
			res.Close()
			return fmt.Errorf("source records of run %d: %w", run, err)
		}
		places = append(places, p)
	}
	if err := res.Close(); err != nil {
		return fmt.Errorf("source records of run %d: %w", run, err)
	}
	if len(places) == 0 {
		return nil
	}
	f, err := os.Open(d.rawFile(int64(run)))
	if err != nil {
		return fmt.Errorf("source records of run %d: %w", run, err)
	}
	defer f.Close()
	var buf []byte
	last := -1 // the block read last
	for _, row := range rows {
		i, _ := slices.BinarySearchFunc(places, row, func(p rawPlace, row int64) int {
			if p.last < row {
				return -1
			}
			if p.first > row {
				return 1
			}
			return 0
		})
		if i == len(places) || row < places[i].first || i == last {
			continue
		}
		last = i
		p := places[i]
		buf = slices.Grow(buf[:0], int(p.length))[:p.length]
		if _, err := f.ReadAt(buf, p.offset); err != nil {
			return fmt.Errorf("source records of run %d, rows %d-%d: %w", run, p.first, p.last, err)
		}
		err := unpackRaw(buf, func(row int64, fields []string) {
			if _, ok := slices.BinarySearch(rows, row); ok {
				out[int64(ingest.ShipmentID(run, row))] = fields
			}
		})
		if err != nil {
			return fmt.Errorf("source records of run %d, rows %d-%d: %w", run, p.first, p.last, err)
		}
	}
	return nil
}

// rawRecord returns one shipment's source record.
func (d *DB) rawRecord(ctx context.Context, q querier, id int64) ([]string, bool, error) {
	m, err := d.rawRecords(ctx, q, []int64{id})
	if err != nil {
		return nil, false, err
	}
	f, ok := m[id]
	return f, ok, nil
}

// rawWriter writes a run's packed blocks to its file as they come, and their places to raw_blocks at commit.
type rawWriter struct {
	run    int64
	path   string
	f      *os.File
	w      *bufio.Writer
	off    int64
	places []rawPlace
}

func (d *DB) newRawWriter(run int64) (*rawWriter, error) {
	if err := os.MkdirAll(d.rawDir, 0o755); err != nil {
		return nil, err
	}
	path := d.rawFile(run)
	f, err := os.OpenFile(path, os.O_RDWR|os.O_CREATE|os.O_TRUNC, 0o644)
	if err != nil {
		return nil, err
	}
	return &rawWriter{run: run, path: path, f: f, w: bufio.NewWriterSize(f, 1<<20)}, nil
}

// add writes a block that packRaw made.
func (r *rawWriter) add(packed []byte) error {
	first, last := packedRange(packed)
	data := packed[rawHeader:]
	if _, err := r.w.Write(data); err != nil {
		return fmt.Errorf("source records: %w", err)
	}
	r.places = append(r.places, rawPlace{first: first, last: last, offset: r.off, length: int64(len(data))})
	r.off += int64(len(data))
	return nil
}

// finish puts the file on disk and the blocks' places in raw_blocks, in the run's transaction.
func (r *rawWriter) finish(ctx context.Context, tx *sql.Tx) error {
	if err := r.w.Flush(); err != nil {
		return err
	}
	if err := r.f.Sync(); err != nil {
		return err
	}
	if err := syncDir(filepath.Dir(r.path)); err != nil {
		return err
	}
	if err := r.f.Close(); err != nil {
		return err
	}
	r.f = nil
	const per = 1000
	for start := 0; start < len(r.places); start += per {
		part := r.places[start:min(start+per, len(r.places))]
		args := make([]any, 0, 5*len(part))
		for _, p := range part {
			args = append(args, r.run, p.first, p.last, p.offset, p.length)
		}
		q := `INSERT INTO raw_blocks (run_id, first_row, last_row, "offset", length) VALUES ` +
			strings.TrimSuffix(strings.Repeat("(?, ?, ?, ?, ?), ", len(part)), ", ")
		if _, err := tx.ExecContext(ctx, q, args...); err != nil {
			return err
		}
	}
	return nil
}

// close closes the file, if finish has not; discard also removes it.
func (r *rawWriter) close() {
	if r != nil && r.f != nil {
		r.f.Close()
		r.f = nil
	}
}

func (r *rawWriter) discard() {
	if r != nil {
		r.close()
		os.Remove(r.path)
	}
}

func syncDir(dir string) error {
	f, err := os.Open(dir)
	if err != nil {
		return err
	}
	defer f.Close()
	return f.Sync()
}

// removeRawLeftovers removes the files of source records whose run is not complete: a killed process's.
func (d *DB) removeRawLeftovers(ctx context.Context) error {
	entries, err := os.ReadDir(d.rawDir)
	if errors.Is(err, os.ErrNotExist) {
		return nil
	}
	if err != nil {
		return err
	}
	runs, err := d.keptRuns(ctx)
	if err != nil {
		return err
	}
	complete := map[string]bool{}
	for id, k := range runs {
		if k.run.Status == trade.RunComplete {
			complete[filepath.Base(d.rawFile(int64(id)))] = true
		}
	}
	for _, e := range entries {
		if strings.HasSuffix(e.Name(), ".blocks") && !complete[e.Name()] {
			if err := os.Remove(filepath.Join(d.rawDir, e.Name())); err != nil {
				return err
			}
		}
	}
	return nil
}

// decodeRaw splits a raw row written by tsvWriter.rawRow back into its fields.
func decodeRaw(raw string) []string {
	fields := strings.Split(raw, "\x1f")
	for i, f := range fields {
		if !strings.Contains(f, `\`) {
			continue
		}
		var b strings.Builder
		for j := 0; j < len(f); j++ {
			if f[j] != '\\' || j+1 == len(f) {
				b.WriteByte(f[j])
				continue
			}
			j++
			switch f[j] {
			case 't':
				b.WriteByte('\t')
			case 'n':
				b.WriteByte('\n')
			case 'r':
				b.WriteByte('\r')
			case 's':
				b.WriteByte(0x1f)
			default:
				b.WriteByte(f[j])
			}
		}
		fields[i] = b.String()
	}
	return fields
}

// zipRaw pairs a run's header with one source record's fields. A ragged row keeps its extra fields under
// numbered names.
func zipRaw(header []string, fields []string) [][2]string {
	out := make([][2]string, 0, len(fields))
	for i, f := range fields {
		name := fmt.Sprintf("column %d", i+1)
		if i < len(header) {
			name = header[i]
		}
		out = append(out, [2]string{name, f})
	}
	return out
}
