// Package ofac reads the publications of the US Treasury's Office of Foreign Assets Control — the legacy CSV set
// of the SDN list (sdn.csv, alt.csv, add.csv, sdn_comments.csv), the consolidated non-SDN list in the same layout
// (cons_prim.csv, cons_alt.csv, cons_add.csv, cons_comments.csv) and the sdnList XML — and maps their entries to
// list entities, parsing the identifiers, weak aliases and dates that OFAC writes into the remarks.
package ofac

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

// Entry is one row of sdn.csv or cons_prim.csv: a primary record.
type Entry struct {
	EntNum      string   // the entry's number, which the other files join on
	Name        string   // "LAST, First" for individuals, the full name otherwise
	Type        string   // "individual", "vessel", "aircraft", or "" for entities
	Programs    []string // e.g. RUSSIA-EO14024, CMIC-EO13959
	Title       string
	CallSign    string
	VesselType  string
	Tonnage     string
	GRT         string
	VesselFlag  string
	VesselOwner string
	Remarks     string
}

// Alt is one row of alt.csv: another name of an entry.
type Alt struct {
	EntNum  string
	AltNum  string
	Type    string // "aka", "fka" or "nka"
	Name    string
	Remarks string
}

// Address is one row of add.csv.
type Address struct {
	EntNum  string
	AddNum  string
	Street  string
	City    string // city, state or province and postal code, as one field
	Country string // a country name as OFAC writes it ("Korea, North")
	Remarks string
}

// Comment is one row of sdn_comments.csv: the continuation of an entry's remarks past the 1,000 characters the
// remarks field holds.
type Comment struct {
	EntNum string
	Text   string
}

// remarksLimit is the length at which the legacy format cuts the remarks field and continues it in the comments
// file.
const remarksLimit = 1000

// ReadEntries reads sdn.csv or cons_prim.csv.
func ReadEntries(r io.Reader) ([]Entry, error) {
	var out []Entry
	err := readLegacy(r, 12, func(f []string) {
		out = append(out, Entry{
			EntNum: f[0], Name: f[1], Type: f[2], Programs: splitPrograms(f[3]), Title: f[4],
			CallSign: f[5], VesselType: f[6], Tonnage: f[7], GRT: f[8], VesselFlag: f[9], VesselOwner: f[10],
			Remarks: f[11],
		})
	})
	if err != nil {
		return nil, fmt.Errorf("read ofac entries: %w", err)
	}
	return out, nil
}

// ReadAlts reads alt.csv or cons_alt.csv.
func ReadAlts(r io.Reader) ([]Alt, error) {
	var out []Alt
	err := readLegacy(r, 5, func(f []string) {
		out = append(out, Alt{EntNum: f[0], AltNum: f[1], Type: strings.ToLower(f[2]), Name: f[3], Remarks: f[4]})
	})
	if err != nil {
		return nil, fmt.Errorf("read ofac alt names: %w", err)
	}
	return out, nil
}

// ReadAddresses reads add.csv or cons_add.csv.
func ReadAddresses(r io.Reader) ([]Address, error) {
	var out []Address
	err := readLegacy(r, 6, func(f []string) {
		out = append(out, Address{EntNum: f[0], AddNum: f[1], Street: f[2], City: f[3], Country: f[4], Remarks: f[5]})
	})
	if err != nil {
		return nil, fmt.Errorf("read ofac addresses: %w", err)
	}
	return out, nil
}

// ReadComments reads sdn_comments.csv or cons_comments.csv.
func ReadComments(r io.Reader) ([]Comment, error) {
	var out []Comment
	err := readLegacy(r, 2, func(f []string) {
		out = append(out, Comment{EntNum: f[0], Text: f[1]})
	})
	if err != nil {
		return nil, fmt.Errorf("read ofac comments: %w", err)
	}
	return out, nil
}

// ErrLayout reports a file whose rows do not have the columns of the legacy layout.
var ErrLayout = errors.New("not the ofac legacy csv layout")

// readLegacy reads a legacy OFAC CSV file: no header, "-0-" for an empty field, CRLF line ends, a Ctrl-Z byte
// after the last row, ASCII in practice but Windows-1252 in older files. Each row with the expected number of
// fields is passed to row with its fields trimmed; a row with another count is an error, except the lone Ctrl-Z.
func readLegacy(r io.Reader, fields int, row func([]string)) error {
	data, err := readText(r)
	if err != nil {
		return err
	}
	cr := csv.NewReader(bytes.NewReader(data))
	cr.FieldsPerRecord = -1
	cr.LazyQuotes = true
	cr.ReuseRecord = true
	for {
		rec, err := cr.Read()
		if err == io.EOF {
			return nil
		}
		if err != nil {
			return err
		}
		if len(rec) == 1 && strings.Trim(rec[0], "\x1a \t") == "" {
			continue
		}
		line, _ := cr.FieldPos(0)
		if len(rec) != fields {
			return fmt.Errorf("line %d: %d fields, want %d: %w", line, len(rec), fields, ErrLayout)
		}
		for i, v := range rec {
			rec[i] = clean(v)
		}
		if rec[0] == "" {
			return fmt.Errorf("line %d: no ent_num: %w", line, ErrLayout)
		}
		row(rec)
	}
}

// clean trims a field and turns OFAC's null marker into the empty string.
func clean(s string) string {
	s = strings.TrimSpace(strings.Trim(s, "\x1a"))
	if s == "-0-" {
		return ""
	}
	return s
}

// splitPrograms splits the program field, written "SDGT] [NPWMD" in the legacy CSV.
func splitPrograms(s string) []string {
	var out []string
	for _, p := range strings.Split(s, "] [") {
		p = strings.TrimSpace(strings.Trim(p, "[] "))
		if p != "" {
			out = append(out, p)
		}
	}
	return out
}

// readText reads all of r as UTF-8 text, dropping a byte-order mark and decoding Windows-1252 when the bytes are
// not valid UTF-8.
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
