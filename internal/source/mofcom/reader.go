// Package mofcom reads the People's Republic of China's counter-sanctions and export-control lists — the
// Ministry of Commerce's Unreliable Entity List and export-control lists, the Ministry of Foreign Affairs'
// countermeasures under the Anti-Foreign Sanctions Law, the Taiwan Affairs Office's lists — as one CSV with
// English and Chinese names, and maps each target to a list entity with the topic sanction.counter.
package mofcom

import (
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"strings"
)

// Record is one row: one target of one decision.
type Record struct {
	Row            int    // 1-based line of the record in the file, header excluded
	Type           string // Company, Person, Organization
	QID            string // Wikidata id
	Name           string
	Alias          string // several are separated by ";"
	ChineseName    string
	Country        string // an ISO alpha-2 code or an English name
	Topics         string
	Summary        string
	ChineseSummary string
	Body           string // the issuing body: Ministry of Commerce, Ministry of Foreign Affairs …
	List           string // UEL, AFSL, List of Export Controls …
	Date           string // dd.mm.yyyy or dd.mm.yy
	EndDate        string
	SourceURL      string
	Address        string
}

// ErrLayout reports a file that is not the MOFCOM layout.
var ErrLayout = errors.New("not the mofcom counter-sanctions csv layout")

// Read reads the CSV; its header must have the Name and Chinese name columns.
func Read(r io.Reader) ([]Record, error) {
	data, err := io.ReadAll(r)
	if err != nil {
		return nil, fmt.Errorf("read mofcom csv: %w", err)
	}
	cr := csv.NewReader(bytes.NewReader(bytes.TrimPrefix(data, []byte("\xef\xbb\xbf"))))
	cr.FieldsPerRecord = -1
	header, err := cr.Read()
	if err != nil {
		return nil, fmt.Errorf("read mofcom csv header: %w", err)
	}
	col := make(map[string]int)
	for i, h := range header {
		col[strings.ToLower(strings.TrimSpace(h))] = i
	}
	_, hasName := col["name"]
	_, hasChinese := col["chinese name"]
	if !hasName || !hasChinese {
		return nil, fmt.Errorf("read mofcom csv header %q: %w", strings.Join(header, ","), ErrLayout)
	}
	var out []Record
	for {
		row, err := cr.Read()
		if err == io.EOF {
			return out, nil
		}
		if err != nil {
			return nil, fmt.Errorf("read mofcom csv: %w", err)
		}
		get := func(name string) string {
			if i, ok := col[name]; ok && i < len(row) {
				return strings.TrimSpace(row[i])
			}
			return ""
		}
		out = append(out, Record{Row: len(out) + 1, Type: get("type"), QID: get("qid"), Name: get("name"),
			Alias: get("alias"), ChineseName: get("chinese name"), Country: get("country"), Topics: get("topics"),
			Summary: get("summary"), ChineseSummary: get("chinese summary"), Body: get("body"), List: get("list"),
			Date: get("date"), EndDate: get("end date"), SourceURL: get("source url"), Address: get("address")})
	}
}
