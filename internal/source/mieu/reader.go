// Package mieu reads the US Bureau of Industry and Security's Military-Intelligence End User list (15 CFR 744
// Supplement 8: intelligence services of China, Russia, Iran, Cuba, North Korea, Venezuela, Myanmar, Cambodia,
// Belarus …) and maps its entries to list entities with the topics mil.enduser and export.control.
package mieu

import (
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"strings"
)

// Record is one row of the list.
type Record struct {
	Row       int // 1-based line of the record in the file, header excluded
	Type      string
	Name      string
	Alias     string // several are separated by ";"
	Country   string // ISO alpha-2
	Topics    string
	Program   string
	Date      string
	EndDate   string
	SourceURL string
}

// ErrLayout reports a file that is not the MIEU layout.
var ErrLayout = errors.New("not the bis mieu csv layout")

// Read reads the CSV; its header must have the Name and Program columns.
func Read(r io.Reader) ([]Record, error) {
	data, err := io.ReadAll(r)
	if err != nil {
		return nil, fmt.Errorf("read mieu csv: %w", err)
	}
	cr := csv.NewReader(bytes.NewReader(bytes.TrimPrefix(data, []byte("\xef\xbb\xbf"))))
	cr.FieldsPerRecord = -1
	header, err := cr.Read()
	if err != nil {
		return nil, fmt.Errorf("read mieu csv header: %w", err)
	}
	col := make(map[string]int)
	for i, h := range header {
		col[strings.ToLower(strings.TrimSpace(h))] = i
	}
	_, hasName := col["name"]
	_, hasProgram := col["program"]
	if !hasName || !hasProgram {
		return nil, fmt.Errorf("read mieu csv header %q: %w", strings.Join(header, ","), ErrLayout)
	}
	var out []Record
	for {
		row, err := cr.Read()
		if err == io.EOF {
			return out, nil
		}
		if err != nil {
			return nil, fmt.Errorf("read mieu csv: %w", err)
		}
		get := func(name string) string {
			if i, ok := col[name]; ok && i < len(row) {
				return strings.TrimSpace(row[i])
			}
			return ""
		}
		out = append(out, Record{Row: len(out) + 1, Type: get("type"), Name: get("name"), Alias: get("alias"),
			Country: get("country"), Topics: get("topics"), Program: get("program"), Date: get("date"),
			EndDate: get("end date"), SourceURL: get("source url")})
	}
}
