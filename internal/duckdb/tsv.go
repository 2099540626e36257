package duckdb

// The temporary TSV files through which the store loads rows with DuckDB's CSV reader: runs, findings, cases,
// goods readings, list entities, screenings.

import (
	"bufio"
	"bytes"
	"fmt"
	"io"
	"os"
	"strconv"
)

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
	return tsvOn(f), nil
}

// tempTSV creates a tsvWriter on a new file named after pattern (os.CreateTemp) in the store's temporary
// folder; remove deletes it.
func (d *DB) tempTSV(pattern string) (*tsvWriter, error) {
	if err := os.MkdirAll(d.tmpDir, 0o755); err != nil {
		return nil, fmt.Errorf("temporary file: %w", err)
	}
	f, err := os.CreateTemp(d.tmpDir, pattern)
	if err != nil {
		return nil, fmt.Errorf("temporary file: %w", err)
	}
	return tsvOn(f), nil
}

func tsvOn(f *os.File) *tsvWriter {
	m := &lineMeter{w: f}
	return &tsvWriter{f: f, w: bufio.NewWriterSize(m, 1<<20), meter: m, path: f.Name()}
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

// remove closes and deletes the file.
func (w *tsvWriter) remove() {
	w.f.Close()
	os.Remove(w.path)
}
