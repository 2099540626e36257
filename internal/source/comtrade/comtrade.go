// Package comtrade reads UN Comtrade trade statistics (every reporting country's trade by partner and HS code,
// yearly or monthly, in US dollars) into flow records: the comma- or tab-separated files of the Comtrade+ API
// and its bulk downloads, plain or gzip-compressed, and the legacy Comtrade CSV. Columns are found by name.
package comtrade

import (
	"bufio"
	"bytes"
	"compress/gzip"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"math"
	"os"
	"strconv"
	"strings"

	"tradetrace/internal/flow"
)

// ErrLayout reports a table whose header is not a Comtrade layout.
var ErrLayout = errors.New("not a Comtrade layout")

// Options adjust reading.
type Options struct {
	// Area resolves reporter and partner codes (ISO alpha-3, Comtrade numeric codes) and names; AreaOf when
	// nil.
	Area func(string) (flow.Area, bool)
}

// Reasons rows are skipped, as counted in Stats.Skipped.
const (
	SkipArea      = "unknown_area" // an area that is not a country or a known aggregate ("Areas, nes" …)
	SkipPeriod    = "bad_period"
	SkipValue     = "bad_value" // not a finite number ≥ 0
	SkipNoValue   = "no_value"
	SkipFlow      = "bad_flow"
	SkipOtherFlow = "other_flow" // domestic exports, foreign imports, processing flows: parts of X and M
	SkipCode      = "bad_code"
	SkipBreakdown = "breakdown" // a row for one customs procedure, transport mode or second partner
	SkipShortRow  = "short_row"
)

// Stats accounts for every row read: each is a record or skipped for one reason.
type Stats struct {
	Rows       int
	Records    int
	Skipped    map[string]int
	Unresolved map[string]int // area codes not recognised, with their row counts
}

// Adds reports whether the counts add up.
func (s Stats) Adds() bool {
	n := s.Records
	for _, k := range s.Skipped {
		n += k
	}
	return n == s.Rows
}

// ReadFile reads the file at path.
func ReadFile(path string, opt Options) ([]flow.Record, Stats, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, Stats{}, fmt.Errorf("comtrade: %w", err)
	}
	defer f.Close()
	rs, st, err := Read(f, opt)
	if err != nil {
		return rs, st, fmt.Errorf("%s: %w", path, err)
	}
	return rs, st, nil
}

// Read reads a whole file into records.
func Read(r io.Reader, opt Options) ([]flow.Record, Stats, error) {
	var out []flow.Record
	st, err := Scan(r, opt, func(rec flow.Record) error {
		out = append(out, rec)
		return nil
	})
	return out, st, err
}

// Scan reads a file and calls fn with every record in file order. Rows for a single customs procedure,
// transport mode or second partner are skipped: the file's totals (customsCode C00, motCode 0, partner2Code
// 0) already contain them. Exports (X) and imports (M) are read as flow.Export and flow.Import, re-exports
// (RX) and re-imports (RM) as flow.ReExport and flow.ReImport; the net weight becomes the quantity in kg.
func Scan(r io.Reader, opt Options, fn func(flow.Record) error) (Stats, error) {
	st := Stats{Skipped: make(map[string]int), Unresolved: make(map[string]int)}
	br := bufio.NewReaderSize(r, 1<<16)
	if magic, _ := br.Peek(2); len(magic) == 2 && magic[0] == 0x1f && magic[1] == 0x8b {
		gz, err := gzip.NewReader(br)
		if err != nil {
			return st, fmt.Errorf("comtrade: %w", err)
		}
		defer gz.Close()
		br = bufio.NewReaderSize(gz, 1<<16)
	}
	cr := csv.NewReader(br)
	if first, _ := br.Peek(4096); bytes.Count(first, []byte{'\t'}) > bytes.Count(first, []byte{','}) {
		cr.Comma = '\t'
		cr.LazyQuotes = true // tab-separated files do not quote: a stray quote is text
	}
	cr.ReuseRecord = true
	cr.FieldsPerRecord = -1
	header, err := cr.Read()
	if err != nil {
		if err == io.EOF {
			return st, fmt.Errorf("comtrade: empty file: %w", ErrLayout)
		}
		return st, fmt.Errorf("comtrade: header: %w", err)
	}
	cols, err := detect(header)
	if err != nil {
		return st, fmt.Errorf("comtrade: %w", err)
	}
	p := newParser(opt, cols, &st)
	for {
		row, err := cr.Read()
		if err == io.EOF {
			return st, nil
		}
		if err != nil {
			return st, fmt.Errorf("comtrade: %w", err)
		}
		st.Rows++
		rec, reason := p.parse(row)
		if reason != "" {
			st.Skipped[reason]++
			continue
		}
		st.Records++
		if err := fn(rec); err != nil {
			return st, err
		}
	}
}

type parser struct {
	opt   Options
	cols  columns
	width int
	st    *Stats
	areas map[string]flow.Area
	codes map[string]string
}

func newParser(opt Options, cols columns, st *Stats) *parser {
	if opt.Area == nil {
		opt.Area = AreaOf
	}
	width := 0
	for _, c := range cols {
		width = max(width, c+1)
	}
	return &parser{opt: opt, cols: cols, width: width, st: st,
		areas: make(map[string]flow.Area), codes: make(map[string]string)}
}

func (p *parser) cell(row []string, r role) string {
	if c := p.cols[r]; c >= 0 {
		return strings.TrimSpace(row[c])
	}
	return ""
}

func (p *parser) parse(row []string) (flow.Record, string) {
	if len(row) < p.width {
		return flow.Record{}, SkipShortRow
	}
	if c := p.cell(row, roleCustomsCode); c != "" && c != "C00" {
		return flow.Record{}, SkipBreakdown
	}
	if c := p.cell(row, roleMotCode); c != "" && c != "0" {
		return flow.Record{}, SkipBreakdown
	}
	if c := p.cell(row, rolePartner2Code); c != "" && c != "0" {
		return flow.Record{}, SkipBreakdown
	}
	rec := flow.Record{Currency: flow.USD}
	var reason string
	if rec.Flow, reason = direction(p.cell(row, roleFlowCode), p.cell(row, roleFlowDesc)); reason != "" {
		return rec, reason
	}
	var ok bool
	if rec.Reporter, ok = p.area(row, roleReporterISO, roleReporterCode, roleReporterDesc); !ok {
		return rec, SkipArea
	}
	if rec.Partner, ok = p.area(row, rolePartnerISO, rolePartnerCode, rolePartnerDesc); !ok {
		return rec, SkipArea
	}
	if rec.Period, ok = p.period(row); !ok {
		return rec, SkipPeriod
	}
	if rec.Code = p.code(p.cell(row, roleCmdCode)); rec.Code == "" {
		return rec, SkipCode
	}
	if rec.Value, reason = value(p.cell(row, rolePrimaryValue)); reason != "" {
		return rec, reason
	}
	if w, reason := value(p.cell(row, roleNetWgt)); reason == "" {
		rec.QuantityKg, rec.HasQuantity = w, true
	}
	return rec, ""
}

// area resolves the first of the ISO, numeric code and name cells that resolves.
func (p *parser) area(row []string, rs ...role) (flow.Area, bool) {
	first := ""
	for _, r := range rs {
		s := p.cell(row, r)
		if s == "" {
			continue
		}
		if first == "" {
			first = s
		}
		a, seen := p.areas[s]
		if !seen {
			a, _ = p.opt.Area(s)
			p.areas[strings.Clone(s)] = a
		}
		if a != "" {
			return a, true
		}
	}
	p.st.Unresolved[first]++
	return "", false
}

func (p *parser) period(row []string) (flow.Period, bool) {
	if s := p.cell(row, rolePeriod); s != "" {
		per, err := flow.ParsePeriod(s)
		return per, err == nil
	}
	y, err := strconv.Atoi(p.cell(row, roleRefYear))
	if err != nil || y < 1900 || y > 9999 {
		return flow.Period{}, false
	}
	ms := p.cell(row, roleRefMonth)
	if ms == "" {
		return flow.Year(y), true
	}
	switch m, err := strconv.Atoi(ms); {
	case err != nil:
		return flow.Period{}, false
	case m == 0 || m == 52: // annual data
		return flow.Year(y), true
	case m >= 1 && m <= 12:
		return flow.Month(y, m), true
	}
	return flow.Period{}, false
}

func (p *parser) code(s string) string {
	if c, seen := p.codes[s]; seen {
		return c
	}
	c := ""
	switch {
	case strings.EqualFold(s, "TOTAL"):
		c = flow.Total
	case len(s) > 0 && len(s) <= 12 && digits(s):
		c = s
	}
	p.codes[strings.Clone(s)] = c
	return c
}

func digits(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

// direction reads Comtrade+ flow codes (X, M, RX, RM …), the legacy numeric codes (1 import, 2 export,
// 3 re-export, 4 re-import) or, without a code, the flow description.
func direction(code, desc string) (flow.Direction, string) {
	s := strings.ToUpper(code)
	if s == "" {
		s = strings.ToUpper(desc)
	}
	switch s {
	case "X", "2", "EXPORT", "EXPORTS":
		return flow.Export, ""
	case "M", "1", "IMPORT", "IMPORTS":
		return flow.Import, ""
	case "RX", "3", "RE-EXPORT", "RE-EXPORTS":
		return flow.ReExport, ""
	case "RM", "4", "RE-IMPORT", "RE-IMPORTS":
		return flow.ReImport, ""
	case "DX", "FM", "XIP", "MIP", "XOP", "MOP", "DOMESTIC EXPORT", "FOREIGN IMPORT":
		return flow.DirectionUnknown, SkipOtherFlow
	}
	return flow.DirectionUnknown, SkipFlow
}

func value(s string) (float64, string) {
	if s == "" {
		return 0, SkipNoValue
	}
	v, err := strconv.ParseFloat(s, 64)
	if err != nil || v < 0 || math.IsNaN(v) || math.IsInf(v, 0) {
		return 0, SkipValue
	}
	return v, ""
}
