package table

import (
	"errors"
	"fmt"
	"io"
	"os"
	"slices"
	"strings"
)

// Default limits, used when the corresponding Options field is zero.
const (
	DefaultMaxFieldBytes  = 1 << 20  // 1 MiB
	DefaultMaxRecordBytes = 16 << 20 // 16 MiB
	DefaultMaxColumns     = 10_000
)

// Options adjust detection and limits. The zero value detects everything and applies the default limits.
type Options struct {
	Format    Format   // force a format; FormatAuto detects
	Delimiter rune     // force the CSV delimiter (an ASCII character other than a quote or line end); 0 detects
	Sheet     string   // XLSX sheet by name, or by 1-based position when no sheet has that name; "" is the first
	Encoding  Encoding // force a text encoding; EncodingAuto detects

	MaxFieldBytes  int // a longer field is a row error (ReasonFieldTooLarge); 0 means DefaultMaxFieldBytes
	MaxRecordBytes int // a longer record is a row error; 0 means DefaultMaxRecordBytes, and never below 2*MaxFieldBytes
	MaxColumns     int // a wider header fails Open with ErrTooManyColumns; 0 means DefaultMaxColumns

	// ReuseRecord lets Next reuse the Fields slice of the previous record. The strings stay valid either way.
	ReuseRecord bool
	// RenameDuplicates accepts a header with repeated names, renaming the later ones "NAME_2", "NAME_3"…
	// instead of failing Open with ErrDuplicateHeader.
	RenameDuplicates bool
}

func (o *Options) normalize() error {
	if o.MaxFieldBytes <= 0 {
		o.MaxFieldBytes = DefaultMaxFieldBytes
	}
	if o.MaxRecordBytes <= 0 {
		o.MaxRecordBytes = DefaultMaxRecordBytes
	}
	o.MaxRecordBytes = max(o.MaxRecordBytes, 2*o.MaxFieldBytes)
	if o.MaxColumns <= 0 {
		o.MaxColumns = DefaultMaxColumns
	}
	if d := o.Delimiter; d != 0 && (d >= 0x80 || d == '"' || d == '\r' || d == '\n') {
		return fmt.Errorf("%w: delimiter %q", ErrBadOption, d)
	}
	if o.Format > FormatJSONL {
		return fmt.Errorf("%w: format %d", ErrBadOption, o.Format)
	}
	if o.Encoding > EncodingIBM866 {
		return fmt.Errorf("%w: encoding %d", ErrBadOption, o.Encoding)
	}
	return nil
}

// Record is one data row.
//
// Every record that Next returns, good or bad, takes the next Row number, so Rows run 1, 2, 3… without gaps and
// the number of records equals the last Row. Blank lines (CSV, JSON lines) and rows without any value (XLSX) are
// not records.
//
// When Err is nil, Fields holds one string per column, all valid UTF-8. When Err is non-nil it is a *RowError;
// Fields then holds what could be read (possibly nothing) and is not to be trusted as data.
//
// The strings of Fields share one allocation per record and stay valid after later calls to Next; keeping one
// small field of many records keeps their whole records alive, so use strings.Clone for long-lived pieces. The
// Fields slice itself is reused by the next call to Next when Options.ReuseRecord is set.
type Record struct {
	Row    int64    // data row number: 1 for the first row after the header, which is row 0
	Line   int64    // where the row starts: physical line (CSV, TSV, JSON lines) or spreadsheet row (XLSX), from 1
	Fields []string // values by column; see the package documentation for how each format aligns them
	Err    error    // a *RowError, or nil
}

// source is one format's scanner under a Reader.
type source interface {
	next() (Record, error) // the next record without its Row; io.EOF at the end
	close() error
}

// Reader reads the records of one table. It is not safe for concurrent use.
type Reader struct {
	name     string
	format   Format
	encoding Encoding
	delim    byte
	opt      Options
	header   []string
	headerN  []string // header names as in the file (trimmed, not renamed), for the repeated-header check
	src      source
	jsonl    *jsonlSource // the source, when the format is JSON lines (its header grows)
	xlsx     *xlsxSource  // the source, when the format is XLSX
	closers  []io.Closer
	row      int64
	err      error // sticky fatal error
}

// Open opens the file at path and reads its header; see the package documentation for detection.
func Open(path string, opt Options) (*Reader, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err // an *fs.PathError, which names the operation and the file
	}
	fi, err := f.Stat()
	if err != nil {
		f.Close()
		return nil, err
	}
	r, err := newReader(f, f, fi.Size(), path, opt)
	if err != nil {
		f.Close()
		return nil, err
	}
	r.closers = append(r.closers, f)
	return r, nil
}

// New reads a table from r, named name for detection by extension and in errors, and reads its header. An XLSX
// input is read into memory whole, since a zip archive needs random access; Open avoids that for plain files.
// Closing the Reader does not close r.
func New(r io.Reader, name string, opt Options) (*Reader, error) {
	return newReader(r, nil, 0, name, opt)
}

// Header returns the column names. For JSON lines it grows as records bring new keys.
func (r *Reader) Header() []string {
	if r.jsonl != nil {
		return slices.Clone(r.jsonl.header)
	}
	return slices.Clone(r.header)
}

func (r *Reader) currentHeader() []string {
	if r.jsonl != nil {
		return r.jsonl.header
	}
	return r.header
}

// Name returns the file name given to Open or New.
func (r *Reader) Name() string { return r.name }

// Format returns the detected or forced format.
func (r *Reader) Format() Format { return r.format }

// Encoding returns the detected or forced text encoding; XLSX reports UTF-8.
func (r *Reader) Encoding() Encoding { return r.encoding }

// Delimiter returns the field delimiter of CSV and TSV, and 0 for other formats.
func (r *Reader) Delimiter() rune { return rune(r.delim) }

// Next returns the next record, or io.EOF after the last. A row-level problem comes back in Record.Err with a nil
// error; an error from Next itself (a read or decompression failure, broken XLSX XML) ends the reading.
func (r *Reader) Next() (Record, error) {
	if r.err != nil {
		return Record{}, r.err
	}
	rec, err := r.src.next()
	if err != nil {
		if err != io.EOF {
			err = fmt.Errorf("read %s: %w", r.name, err)
		}
		r.err = err
		return Record{}, err
	}
	r.row++
	rec.Row = r.row
	if rec.Err == nil && r.jsonl == nil {
		if err := r.checkShape(&rec); err != nil {
			rec.Err = err
		}
	}
	if re, ok := rec.Err.(*RowError); ok {
		re.Row, re.Line = rec.Row, rec.Line
		if h := r.currentHeader(); re.Index > 0 && re.Index <= len(h) && re.Column == "" {
			re.Column = h[re.Index-1]
		}
	}
	return rec, nil
}

// checkShape compares a CSV or XLSX record with the header: field count, and a repeat of the header itself.
// Extra fields that are all empty (a trailing delimiter) are dropped without complaint.
func (r *Reader) checkShape(rec *Record) *RowError {
	h := len(r.header)
	n := len(rec.Fields)
	if n > h {
		for i := h; i < n; i++ {
			if rec.Fields[i] != "" {
				return rowErr(ReasonTooManyFields, i, "%d fields, header has %d", n, h)
			}
		}
		rec.Fields = rec.Fields[:h]
		n = h
	}
	if n < h {
		return rowErr(ReasonTooFewFields, -1, "%d fields, header has %d", n, h)
	}
	if strings.EqualFold(strings.TrimSpace(rec.Fields[0]), r.headerN[0]) {
		for i, f := range rec.Fields {
			if !strings.EqualFold(strings.TrimSpace(f), r.headerN[i]) {
				return nil
			}
		}
		return rowErr(ReasonRepeatedHeader, -1, "the row repeats the header")
	}
	return nil
}

// Close releases the file and decompressor. It does not close a reader passed to New.
func (r *Reader) Close() error {
	var errs []error
	if r.src != nil {
		errs = append(errs, r.src.close())
	}
	for i := len(r.closers) - 1; i >= 0; i-- {
		errs = append(errs, r.closers[i].Close())
	}
	r.closers = nil
	if err := errors.Join(errs...); err != nil {
		return fmt.Errorf("close %s: %w", r.name, err)
	}
	return nil
}

// setHeader validates and stores the header: names are trimmed of spaces; the header must name at least one
// column, have at most MaxColumns columns, and no name twice (compared case-insensitively, empty names aside)
// unless RenameDuplicates is set.
func (r *Reader) setHeader(fields []string) error {
	h := make([]string, len(fields))
	for i, f := range fields {
		h[i] = strings.TrimSpace(strings.TrimPrefix(f, "\uFEFF"))
	}
	if len(h) > r.opt.MaxColumns {
		return fmt.Errorf("open %s: %w: %d columns, limit %d", r.name, ErrTooManyColumns, len(h), r.opt.MaxColumns)
	}
	if !slices.ContainsFunc(h, func(s string) bool { return s != "" }) {
		return fmt.Errorf("open %s: %w: the first row has no names", r.name, ErrNoHeader)
	}
	r.headerN = slices.Clone(h)
	used := make(map[string]bool, len(h)) // every name in the file, lower case: renaming must not take one
	for _, name := range h {
		used[strings.ToLower(name)] = true
	}
	first := make(map[string]int, len(h))
	nextSuffix := make(map[string]int)
	for i, name := range h {
		if name == "" {
			continue
		}
		key := strings.ToLower(name)
		j, dup := first[key]
		if !dup {
			first[key] = i
			continue
		}
		if !r.opt.RenameDuplicates {
			return fmt.Errorf("open %s: %w: %q in columns %d and %d", r.name, ErrDuplicateHeader, name, j+1, i+1)
		}
		k := max(nextSuffix[key], 2)
		alt := fmt.Sprintf("%s_%d", name, k)
		for used[strings.ToLower(alt)] {
			k++
			alt = fmt.Sprintf("%s_%d", name, k)
		}
		nextSuffix[key] = k + 1
		used[strings.ToLower(alt)] = true
		h[i] = alt
	}
	r.header = h
	return nil
}
