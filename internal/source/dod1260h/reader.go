// Package dod1260h reads the US Department of Defense list of "Chinese military companies" operating in the
// United States (section 1260H of the FY2021 National Defense Authorization Act), one CSV row per company and
// tranche (2021, 2022, 2024, 2025, 2026), and maps each company to a list entity with the topic gov.defence.
package dod1260h

import (
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"strings"
)

// Record is one row: a company as named in one tranche of the list.
type Record struct {
	Row          int    // 1-based line of the record in the file, header excluded
	Name         string // as published: "China North Industries Group Corporation Limited (Norinco Group)*"
	CleanName    string // the name without the alias in parentheses and the footnote mark
	Alias        string // e.g. "Norinco Group"; several are separated by ";" or a comma without a space
	PreviousName string
	ParentName   string
	Note         string
	StartDate    string // the date of the tranche that lists the company
	EndDate      string // the date it was taken off, if it was
	SourceURL    string
}

// ErrLayout reports a file that is not the 1260H layout.
var ErrLayout = errors.New("not the dod 1260h csv layout")

// Read reads the CSV; its header must have the Name and Clean Name columns.
func Read(r io.Reader) ([]Record, error) {
	data, err := io.ReadAll(r)
	if err != nil {
		return nil, fmt.Errorf("read dod 1260h csv: %w", err)
	}
	cr := csv.NewReader(bytes.NewReader(bytes.TrimPrefix(data, []byte("\xef\xbb\xbf"))))
	cr.FieldsPerRecord = -1
	header, err := cr.Read()
	if err != nil {
		return nil, fmt.Errorf("read dod 1260h csv header: %w", err)
	}
	col := make(map[string]int)
	for i, h := range header {
		col[strings.ToLower(strings.TrimSpace(h))] = i
	}
	if _, ok := col["clean name"]; !ok {
		return nil, fmt.Errorf("read dod 1260h csv header %q: %w", strings.Join(header, ","), ErrLayout)
	}
	var out []Record
	for {
		row, err := cr.Read()
		if err == io.EOF {
			return out, nil
		}
		if err != nil {
			return nil, fmt.Errorf("read dod 1260h csv: %w", err)
		}
		get := func(name string) string {
			if i, ok := col[name]; ok && i < len(row) {
				return strings.TrimSpace(row[i])
			}
			return ""
		}
		out = append(out, Record{Row: len(out) + 1, Name: get("name"), CleanName: get("clean name"),
			Alias: get("alias"), PreviousName: get("previous name"), ParentName: get("parent name"),
			Note: get("note"), StartDate: get("start date"), EndDate: get("end date"), SourceURL: get("source url")})
	}
}
