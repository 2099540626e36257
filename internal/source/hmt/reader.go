// Package hmt reads the UK HM Treasury (OFSI) consolidated list of financial sanctions targets in its CSV form —
// one row per name of a target, rows of one target sharing a Group ID — and maps each target to a list entity.
package hmt

import (
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"strings"
	"unicode/utf8"

	"golang.org/x/text/encoding/charmap"
)

// Row is one row of the CSV: one name of one target, with the target's details repeated.
type Row struct {
	Line     int               // 1-based line in the file
	Names    [6]string         // Name 1 … Name 5 are forenames, Name 6 the surname or the entity's name
	Fields   map[string]string // every column by its header, trimmed
	GroupID  string
	Type     string // Group Type: Individual, Entity, Ship
	Alias    string // Alias Type: Prime Alias, AKA, FKA …
	Quality  string // Alias Quality: Good, Low …
	NonLatin string // Name Non-Latin Script
}

// ErrLayout reports a file that is not the HMT CSV layout.
var ErrLayout = errors.New("not the hmt csv layout")

// Read reads the CSV. The header is the first row that has the Name 6 and Group ID columns; rows before it
// ("Last Updated,27/04/2020") are skipped.
func Read(r io.Reader) ([]Row, error) {
	data, err := readText(r)
	if err != nil {
		return nil, fmt.Errorf("read hmt csv: %w", err)
	}
	cr := csv.NewReader(bytes.NewReader(data))
	cr.FieldsPerRecord = -1
	var header []string
	for header == nil {
		rec, err := cr.Read()
		if err == io.EOF {
			return nil, fmt.Errorf("read hmt csv: no header with Name 6 and Group ID: %w", ErrLayout)
		}
		if err != nil {
			return nil, fmt.Errorf("read hmt csv: %w", err)
		}
		if has(rec, "Name 6") && has(rec, "Group ID") {
			header = make([]string, len(rec))
			for i, h := range rec {
				header[i] = strings.TrimSpace(h)
			}
		}
	}
	var out []Row
	for {
		rec, err := cr.Read()
		if err == io.EOF {
			return out, nil
		}
		if err != nil {
			return nil, fmt.Errorf("read hmt csv: %w", err)
		}
		line, _ := cr.FieldPos(0)
		row := Row{Line: line, Fields: make(map[string]string, len(header))}
		for i, v := range rec {
			if i < len(header) {
				row.Fields[header[i]] = strings.TrimSpace(v)
			}
		}
		for i := range row.Names {
			row.Names[i] = row.Fields[fmt.Sprintf("Name %d", i+1)]
		}
		row.GroupID, row.Type = row.Fields["Group ID"], row.Fields["Group Type"]
		row.Alias, row.Quality = row.Fields["Alias Type"], row.Fields["Alias Quality"]
		row.NonLatin = row.Fields["Name Non-Latin Script"]
		if row.GroupID == "" && row.Names[5] == "" {
			continue
		}
		out = append(out, row)
	}
}

func has(rec []string, name string) bool {
	for _, v := range rec {
		if strings.TrimSpace(v) == name {
			return true
		}
	}
	return false
}

// readText reads all of r as UTF-8, dropping a byte-order mark and decoding Windows-1252 when the bytes are not
// valid UTF-8 (older HMT files were published in it).
func readText(r io.Reader) ([]byte, error) {
	data, err := io.ReadAll(r)
	if err != nil {
		return nil, err
	}
	data = bytes.TrimPrefix(data, []byte("\xef\xbb\xbf"))
	if utf8.Valid(data) {
		return data, nil
	}
	return charmap.Windows1252.NewDecoder().Bytes(data)
}
