package export

import (
	"encoding/csv"
	"fmt"
	"io"
	"strings"
)

// WriteCSV writes the table as RFC 4180 CSV in UTF-8: a header row, then the rows, CRLF line ends, fields
// quoted where they hold commas, quotes or line breaks. Cells that a spreadsheet would run as a formula are
// neutralised (see Neutralise). Rows shorter than the header are padded with empty cells; longer rows are an
// error. Line breaks inside cells are kept, written as CRLF. There is no byte-order mark: programs that need one to read UTF-8 should take the XLSX export.
func WriteCSV(w io.Writer, t *Table) error {
	cw, err := NewCSVWriter(w, t.Name, t.Columns)
	if err != nil {
		return err
	}
	for _, row := range t.Rows {
		if err := cw.Write(row); err != nil {
			return err
		}
	}
	return cw.Flush()
}

// CSVWriter writes a CSV table row by row, for tables too large to hold; see WriteCSV for the format.
type CSVWriter struct {
	name string
	w    *csv.Writer
	rec  []string
	n    int
}

// NewCSVWriter writes the header row and returns a writer for the rows.
func NewCSVWriter(w io.Writer, name string, columns []string) (*CSVWriter, error) {
	cw := &CSVWriter{name: name, w: csv.NewWriter(w), rec: make([]string, len(columns))}
	cw.w.UseCRLF = true
	for i, c := range columns {
		cw.rec[i] = csvCell(c)
	}
	if err := cw.w.Write(cw.rec); err != nil {
		return nil, fmt.Errorf("write csv %s: header: %w", name, err)
	}
	return cw, nil
}

// Write writes one row.
func (cw *CSVWriter) Write(row []string) error {
	cw.n++
	if len(row) > len(cw.rec) {
		return fmt.Errorf("write csv %s: row %d has %d cells for %d columns", cw.name, cw.n, len(row), len(cw.rec))
	}
	for i := range cw.rec {
		cw.rec[i] = ""
		if i < len(row) {
			cw.rec[i] = csvCell(row[i])
		}
	}
	if err := cw.w.Write(cw.rec); err != nil {
		return fmt.Errorf("write csv %s: row %d: %w", cw.name, cw.n, err)
	}
	return nil
}

// csvCell neutralises a cell and writes its line breaks as \n, which the CSV writer turns into CRLF: with
// CRLF line ends it would drop a lone carriage return, and with it a line break of old Mac text.
func csvCell(s string) string {
	s = Neutralise(s)
	if strings.ContainsRune(s, '\r') {
		s = strings.ReplaceAll(strings.ReplaceAll(s, "\r\n", "\n"), "\r", "\n")
	}
	return s
}

// Flush writes what is buffered and reports any error met on the way.
func (cw *CSVWriter) Flush() error {
	cw.w.Flush()
	if err := cw.w.Error(); err != nil {
		return fmt.Errorf("write csv %s: %w", cw.name, err)
	}
	return nil
}
