package rank

import (
	"encoding/csv"
	"fmt"
	"io"
	"os"
	"strings"
)

// ReadCSV reads a comma-separated table with a header line.
func ReadCSV(r io.Reader) (header []string, rows [][]string, err error) {
	cr := csv.NewReader(r)
	cr.FieldsPerRecord = -1
	header, err = cr.Read()
	if err != nil {
		return nil, nil, fmt.Errorf("read csv header: %w", err)
	}
	if len(header) > 0 {
		header[0] = strings.TrimPrefix(header[0], "\uFEFF") // a byte-order mark left by spreadsheet exports
	}
	for {
		rec, err := cr.Read()
		if err == io.EOF {
			return header, rows, nil
		}
		if err != nil {
			return nil, nil, fmt.Errorf("read csv: %w", err)
		}
		rows = append(rows, rec)
	}
}

// ReadCSVFile reads the CSV table in file name.
func ReadCSVFile(name string) (header []string, rows [][]string, err error) {
	f, err := os.Open(name)
	if err != nil {
		return nil, nil, fmt.Errorf("read csv: %w", err)
	}
	defer f.Close()
	header, rows, err = ReadCSV(f)
	if err != nil {
		return nil, nil, fmt.Errorf("%s: %w", name, err)
	}
	return header, rows, nil
}
