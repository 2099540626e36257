// Package ingest reads customs records in whatever layout they come — built-in profiles or a user's mapping
// file — normalises every value, and loads each file as one run: every row read ends as a shipment or as a
// rejected row with its file, row, column and reason, a file already ingested adds nothing, and a run that fails
// or is interrupted leaves nothing behind.
package ingest

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/cespare/xxhash/v2"

	"tradetrace/internal/fx"
	"tradetrace/internal/source/table"
	"tradetrace/internal/trade"
)

// Store is what ingest needs from a store.
type Store interface {
	// CompletedRun returns the complete run that ingested a file with these bytes, if there is one.
	CompletedRun(ctx context.Context, sha256 string) (*trade.Run, bool, error)
	// BeginRun records a new run as loading and returns a loader for its rows. Nothing the loader receives is
	// visible to readers until Commit.
	BeginRun(ctx context.Context, run *trade.Run, header []string) (Loader, error)
}

// Loader receives one run's rows.
type Loader interface {
	Add(s *trade.Shipment, raw []string) error
	Reject(r *trade.Rejection) error
	// Commit makes the run visible in one step. Rows whose fingerprint another run already holds are turned
	// into rejected rows (reason "duplicate"); Commit updates the run's counts accordingly and stores them.
	Commit(ctx context.Context, run *trade.Run) error
	// Abort discards everything and marks the run failed with the error.
	Abort(cause error) error
}

// RowEncoder is a Loader that can prepare a shipment's stored form, and pack the source records of a batch of
// rows, on the normalising goroutines, so that only de-duplication and counting stay on the single loader
// goroutine.
type RowEncoder interface {
	// EncodeRow appends the stored form of a shipment, less its source record, to dst. It must be safe for
	// concurrent use.
	EncodeRow(dst []byte, s *trade.Shipment) []byte
	// PackRaw packs the source records of a batch's normalised rows (row numbers ascending, each with its
	// fields) into one block. It must be safe for concurrent use.
	PackRaw(rows []int64, raws [][]string) []byte
	// AddPacked takes a block that PackRaw made, before the batch's rows come to AddEncoded. The block may hold
	// rows that are then rejected as duplicates: a source record is looked up by its shipment's id.
	AddPacked(block []byte) error
	// AddEncoded takes a row that EncodeRow prepared.
	AddEncoded(s *trade.Shipment, row []byte) error
}

// ShipmentID is the store id of a run's row: unique, stable across stores, and known before loading.
func ShipmentID(run trade.RunID, row int64) trade.ShipmentID {
	return trade.ShipmentID(int64(run)<<36 | row)
}

// RunRow is the run and row of a store id that ShipmentID made.
func RunRow(id trade.ShipmentID) (trade.RunID, int64) {
	return trade.RunID(id >> 36), int64(id) & (1<<36 - 1)
}

// Options control one ingest.
type Options struct {
	Profile  string // a built-in profile name; empty means detect from the header
	Mapping  string // a mapping file, instead of a profile
	Sheet    string // XLSX sheet name or 1-based index
	Workers  int    // normalising goroutines; 0 means one per CPU
	Progress io.Writer
	Rates    *fx.Table
}

// Result is the outcome of ingesting one file.
type Result struct {
	Run      trade.Run
	Skipped  bool  // the same bytes were already ingested: nothing was added
	SameAs   int64 // the run that already holds the file, when Skipped
	Detected bool  // the profile was detected from the header
	Warnings map[string]int64
	Examples map[string]string
}

// File ingests one file into the store. Its errors name the file.
func File(ctx context.Context, st Store, path string, opt Options) (*Result, error) {
	res, err := file(ctx, st, path, opt)
	if err != nil && !strings.Contains(err.Error(), path) {
		err = fmt.Errorf("%s: %w", path, err)
	}
	return res, err
}

func file(ctx context.Context, st Store, path string, opt Options) (*Result, error) {
	sum, size, err := hashFile(path)
	if err != nil {
		return nil, err
	}
	if prev, ok, err := st.CompletedRun(ctx, sum); err != nil {
		return nil, err
	} else if ok {
		return &Result{Run: *prev, Skipped: true, SameAs: int64(prev.ID)}, nil
	}
	r, err := table.Open(path, table.Options{Sheet: opt.Sheet})
	if err != nil {
		return nil, err // the reader's errors name the file
	}
	defer r.Close()
	header := r.Header()

	res := &Result{}
	var p *Profile
	switch {
	case opt.Mapping != "":
		if p, err = LoadMapping(opt.Mapping); err != nil {
			return nil, err
		}
	case opt.Profile != "":
		if p, err = Builtin(opt.Profile); err != nil {
			return nil, err
		}
	default:
		if p, err = Detect(header); err != nil {
			return nil, err
		}
		res.Detected = true
	}
	rates := opt.Rates
	if rates == nil {
		rates = fx.Default()
	}
	b, err := bind(p, header, rates)
	if err != nil {
		return nil, err
	}
	run := trade.Run{
		File: path, SHA256: sum, Size: size, Profile: p.Name, Format: r.Format().String(), Encoding: r.Encoding().String(),
		Started: time.Now().UTC(), Status: trade.RunLoading, Reasons: map[string]int64{},
	}
	ld, err := st.BeginRun(ctx, &run, header)
	if err != nil {
		return nil, err
	}
	w, err := load(ctx, r, b, &run, ld, opt)
	if err != nil {
		if aerr := ld.Abort(err); aerr != nil {
			err = errors.Join(err, aerr)
		}
		return nil, err
	}
	run.Finished = time.Now().UTC()
	if err := ld.Commit(ctx, &run); err != nil {
		return nil, err
	}
	if !run.Adds() {
		return nil, fmt.Errorf("run %d: counts do not add up: read %d, accepted %d, rejected %d", run.ID, run.Read, run.Accepted, run.Rejected)
	}
	res.Run = run
	res.Warnings, res.Examples = w.byColumn, w.examples
	return res, nil
}

func hashFile(path string) (string, int64, error) {
	f, err := os.Open(path)
	if err != nil {
		return "", 0, fmt.Errorf("open %s: %w", path, err)
	}
	defer f.Close()
	h := sha256.New()
	// Reads of 1 MiB rather than io.Copy's 32 KiB: fewer system calls for the same bytes.
	n, err := io.CopyBuffer(h, struct{ io.Reader }{f}, make([]byte, 1<<20))
	if err != nil {
		return "", 0, fmt.Errorf("read %s: %w", path, err)
	}
	return hex.EncodeToString(h.Sum(nil)), n, nil
}

// item is one record on its way through the pipeline.
type item struct {
	row    int64
	fields []string
	rowErr error
	s      trade.Shipment
	prob   *Problem
	fp     uint64
	enc    []byte // the stored form, when the loader is a RowEncoder
}

// batch is a batch of records after normalising, with their source records packed when the loader packs them.
type batch struct {
	items []item
	raw   [][]byte
}

// maxPackBytes bounds the source records packed into one block: a batch of long records (fields of up to 1 MiB,
// records of up to 16 MiB by default) is packed into several.
var maxPackBytes = 64 << 20

const batchSize = 1024

// load runs reader → normalisers → loader. The loader side is single-threaded: it owns the duplicate set and
// the counts.
func load(ctx context.Context, r *table.Reader, b *binding, run *trade.Run, ld Loader, opt Options) (*warnings, error) {
	workers := opt.Workers
	if workers <= 0 {
		workers = runtime.GOMAXPROCS(0)
	}
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()

	in := make(chan []item, workers*2)
	out := make(chan batch, workers*2)
	var readErr error
	go func() {
		defer close(in)
		batch := make([]item, 0, batchSize)
		for {
			rec, err := r.Next()
			if err == io.EOF {
				break
			}
			if err != nil {
				readErr = fmt.Errorf("read %s: %w", run.File, err)
				return
			}
			// The reader gives each record its own strings, so they can travel without copying.
			it := item{row: rec.Row, rowErr: rec.Err, fields: rec.Fields}
			batch = append(batch, it)
			if len(batch) == batchSize {
				select {
				case in <- batch:
				case <-ctx.Done():
					return
				}
				batch = make([]item, 0, batchSize)
			}
		}
		if len(batch) > 0 {
			select {
			case in <- batch:
			case <-ctx.Done():
			}
		}
	}()
	ws := make([]warnings, workers)
	enc, _ := ld.(RowEncoder)
	idPrefix := run.SHA256[:8]
	var wg sync.WaitGroup
	for i := 0; i < workers; i++ {
		wg.Add(1)
		go func(w *warnings) {
			defer wg.Done()
			var buf, fpBuf []byte
			var rows []int64
			var raws [][]string
			var packed int // bytes of the records in rows
			for items := range in {
				// Each batch owns its buffer: the loader reads it after this goroutine moves on. It starts a little
				// larger than the last one, so that it seldom grows (growing it had cost a tenth of the CPU).
				buf = make([]byte, 0, len(buf)+len(buf)/8)
				bt := batch{items: items}
				pack := func() {
					if len(rows) > 0 {
						bt.raw = append(bt.raw, enc.PackRaw(rows, raws))
					}
					clear(raws)
					rows, raws, packed = rows[:0], raws[:0], 0
				}
				for j := range items {
					it := &items[j]
					it.fp, fpBuf = fingerprint(fpBuf, it.fields)
					if it.rowErr != nil {
						continue
					}
					if it.prob = b.normalize(it.fields, &it.s, w); it.prob != nil {
						continue
					}
					prepare(&it.s, run, it.row, it.fp, idPrefix)
					if enc != nil {
						start := len(buf)
						buf = enc.EncodeRow(buf, &it.s)
						it.enc = buf[start:len(buf):len(buf)]
						rows, raws = append(rows, it.row), append(raws, it.fields)
						for _, f := range it.fields {
							packed += len(f) + 1
						}
						if packed >= maxPackBytes {
							pack()
						}
					}
				}
				pack()
				select {
				case out <- bt:
				case <-ctx.Done():
					return
				}
			}
		}(&ws[i])
	}
	go func() { wg.Wait(); close(out) }()

	prog := newProgress(opt.Progress, run.File)
	seen := newFirstRows()
	var loadErr error
	for bt := range out {
		if loadErr != nil {
			continue // drain
		}
		for _, block := range bt.raw {
			if loadErr = enc.AddPacked(block); loadErr != nil {
				cancel()
				break
			}
		}
		if loadErr != nil {
			continue
		}
		// The batch's repeats first, in a loop of their own: the table is large and its lookups miss the cache,
		// and with nothing else between them the processor overlaps their waits.
		for j := range bt.items {
			it := &bt.items[j]
			if it.rowErr == nil && it.prob == nil {
				if first, dup := seen.add(it.fp, it.row); dup {
					it.prob = &Problem{Reason: "duplicate", Detail: "the same record as row " + strconv.FormatInt(first, 10)}
				}
			}
		}
		for j := range bt.items {
			if err := ctx.Err(); err != nil {
				loadErr = err
				break
			}
			if err := place(&bt.items[j], run, ld, enc); err != nil {
				loadErr = err
				cancel()
				break
			}
		}
		prog.update(run.Read)
	}
	prog.done(run.Read)
	if loadErr != nil {
		return nil, loadErr
	}
	if readErr != nil {
		return nil, readErr
	}
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	var all warnings
	for i := range ws {
		for c, n := range ws[i].byColumn {
			all.add(c, ws[i].examples[c])
			all.byColumn[c] += n - 1
		}
	}
	return &all, nil
}

// prepare fills what a shipment owes to its run and row: provenance, fingerprint, store id, and a record id when
// the source has none.
func prepare(s *trade.Shipment, run *trade.Run, row int64, fp uint64, idPrefix string) {
	s.Prov = trade.Provenance{Run: run.ID, File: run.File, Row: row}
	s.Fingerprint = fp
	s.ID = ShipmentID(run.ID, row)
	if s.RecordID == "" {
		s.RecordID = idPrefix + ":" + strconv.FormatInt(row, 10)
	}
}

// place sends one normalised record to the loader as a shipment or a rejection, and counts it.
func place(it *item, run *trade.Run, ld Loader, enc RowEncoder) error {
	run.Read++
	if it.rowErr != nil || it.prob != nil {
		rej := &trade.Rejection{Run: run.ID, File: run.File, Row: it.row, Raw: it.fields}
		var re *table.RowError
		switch {
		case errors.As(it.rowErr, &re):
			rej.Column, rej.Reason, rej.Detail = re.Column, re.Reason.String(), re.Detail
		case it.rowErr != nil:
			rej.Reason, rej.Detail = "unreadable", it.rowErr.Error()
		default:
			rej.Column, rej.Value, rej.Reason, rej.Detail = it.prob.Column, it.prob.Value, it.prob.Reason, it.prob.Detail
		}
		run.Rejected++
		run.Reasons[rej.Reason]++
		return ld.Reject(rej)
	}
	run.Accepted++
	if enc != nil {
		return enc.AddEncoded(&it.s, it.enc)
	}
	return ld.Add(&it.s, it.fields)
}

// fingerprint hashes the raw fields, each followed by the unit separator (0x1F): the same source record read
// twice has the same fingerprint. Stores keep it to find repeats across runs, so it must never change. The
// fields are laid end to end in buf (returned for reuse) and hashed in one call: fed to a digest one field at a
// time, as the definition reads, the calls had cost more than the hashing.
func fingerprint(buf []byte, fields []string) (uint64, []byte) {
	buf = buf[:0]
	for _, f := range fields {
		buf = append(buf, f...)
		buf = append(buf, 0x1f)
	}
	return xxhash.Sum64(buf), buf
}

// Describe names the file for messages.
func Describe(path string) string { return filepath.Base(path) }
