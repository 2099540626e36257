// Package comext reads Eurostat Comext international trade tables (EU member states' trade by partner,
// product and month) into flow records: the long-format CN8 extracts, tables of monthly totals, tables exported
// from Comext with labels, and Comext bulk files, plain or gzip-compressed. The layout is recognised from the
// header (see Layout).
package comext

import (
	"bufio"
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

// ErrLayout reports a table whose header is not a Comext layout.
var ErrLayout = errors.New("not a Comext layout")

// Options adjust reading.
type Options struct {
	// Flow is the direction of every row of a table without a flow column (LongCN8). Export when zero: such
	// extracts are of EU exports; Stats.FlowAssumed says when it was used.
	Flow flow.Direction
	// Area resolves reporter and partner labels and codes; flow.ParseArea when nil.
	Area func(string) (flow.Area, bool)
}

// Reasons rows are skipped, as counted in Stats.Skipped.
const (
	SkipArea     = "unknown_area" // reporter or partner not recognised (a region such as "Asia", or a typo)
	SkipPeriod   = "bad_period"
	SkipValue    = "bad_value" // not a finite number ≥ 0
	SkipNoValue  = "no_value"  // empty or ":" (Eurostat's mark for a missing or confidential figure)
	SkipFlow     = "bad_flow"
	SkipCode     = "bad_code"
	SkipShortRow = "short_row"
)

// Stats accounts for every row read: each is a record or skipped for one reason.
type Stats struct {
	Layout      Layout
	Rows        int
	Records     int
	Skipped     map[string]int
	Unresolved  map[string]int // area labels not recognised, with their row counts
	FlowAssumed bool           // the table had no flow column: Options.Flow was used
}

// Adds reports whether the counts add up.
func (s Stats) Adds() bool {
	n := s.Records
	for _, k := range s.Skipped {
		n += k
	}
	return n == s.Rows
}

// ReadFile reads the table at path.
func ReadFile(path string, opt Options) ([]flow.Record, Stats, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, Stats{}, fmt.Errorf("comext: %w", err)
	}
	defer f.Close()
	rs, st, err := Read(f, opt)
	if err != nil {
		return rs, st, fmt.Errorf("%s: %w", path, err)
	}
	return rs, st, nil
}

// Read reads a whole table into records.
func Read(r io.Reader, opt Options) ([]flow.Record, Stats, error) {
	// Records are gathered in fixed chunks and copied once into a slice of the exact size: growing one slice
	// row by row would copy a million-row table many times over.
	const chunk = 1 << 16
	var chunks [][]flow.Record
	cur := make([]flow.Record, 0, chunk)
	st, err := Scan(r, opt, func(rec flow.Record) error {
		if len(cur) == chunk {
			chunks = append(chunks, cur)
			cur = make([]flow.Record, 0, chunk)
		}
		cur = append(cur, rec)
		return nil
	})
	if len(chunks) == 0 {
		return cur, st, err
	}
	out := make([]flow.Record, 0, len(chunks)*chunk+len(cur))
	for _, c := range chunks {
		out = append(out, c...)
	}
	return append(out, cur...), st, err
}

// Scan reads a table, plain or gzip-compressed, and calls fn with every record in file order. It stops at
// the first error of fn or of the CSV syntax; rows with unusable cells are skipped and counted in Stats.
func Scan(r io.Reader, opt Options, fn func(flow.Record) error) (Stats, error) {
	st := Stats{Skipped: make(map[string]int), Unresolved: make(map[string]int)}
	br := bufio.NewReaderSize(r, 1<<18)
	if magic, _ := br.Peek(2); len(magic) == 2 && magic[0] == 0x1f && magic[1] == 0x8b {
		gz, err := gzip.NewReader(br)
		if err != nil {
			return st, fmt.Errorf("comext: %w", err)
		}
		defer gz.Close()
		br = bufio.NewReaderSize(gz, 1<<18)
	}
	cr := csv.NewReader(br)
	cr.ReuseRecord = true
	cr.FieldsPerRecord = -1
	header, err := cr.Read()
	if err != nil {
		if err == io.EOF {
			return st, fmt.Errorf("comext: empty table: %w", ErrLayout)
		}
		return st, fmt.Errorf("comext: header: %w", err)
	}
	cols, layout, err := detect(header)
	if err != nil {
		return st, fmt.Errorf("comext: %w", err)
	}
	st.Layout = layout
	p := newParser(opt, cols, &st)
	for {
		row, err := cr.Read()
		if err == io.EOF {
			return st, nil
		}
		if err != nil {
			return st, fmt.Errorf("comext: %w", err)
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

// parser turns rows into records, remembering what it has already resolved: a million rows carry a few
// thousand distinct labels, codes and periods.
type parser struct {
	opt     Options
	cols    columns
	width   int
	st      *Stats
	areas   map[string]flow.Area // "" when not recognised
	codes   map[string]string    // "" when invalid
	periods map[string]period
	flows   map[string]flow.Direction
}

type period struct {
	p  flow.Period
	ok bool
}

func newParser(opt Options, cols columns, st *Stats) *parser {
	if opt.Area == nil {
		opt.Area = flow.ParseArea
	}
	if opt.Flow == flow.DirectionUnknown {
		opt.Flow = flow.Export
	}
	width := 0
	for _, c := range cols {
		width = max(width, c+1)
	}
	if cols[roleFlow] < 0 {
		st.FlowAssumed = true
	}
	return &parser{opt: opt, cols: cols, width: width, st: st, areas: make(map[string]flow.Area),
		codes: make(map[string]string), periods: make(map[string]period), flows: make(map[string]flow.Direction)}
}

func (p *parser) parse(row []string) (flow.Record, string) {
	if len(row) < p.width {
		return flow.Record{}, SkipShortRow
	}
	rec := flow.Record{Currency: flow.EUR, Code: flow.Total, Flow: p.opt.Flow}
	var ok bool
	if rec.Reporter, ok = p.area(row[p.cols[roleReporter]]); !ok {
		return rec, SkipArea
	}
	if rec.Partner, ok = p.area(row[p.cols[rolePartner]]); !ok {
		return rec, SkipArea
	}
	if c := p.cols[roleFlow]; c >= 0 {
		if rec.Flow, ok = p.flow(row[c]); !ok {
			return rec, SkipFlow
		}
	}
	per, seen := p.periods[row[p.cols[rolePeriod]]]
	if !seen {
		pp, err := flow.ParsePeriod(row[p.cols[rolePeriod]])
		per = period{pp, err == nil}
		p.periods[strings.Clone(row[p.cols[rolePeriod]])] = per
	}
	if !per.ok {
		return rec, SkipPeriod
	}
	rec.Period = per.p
	if c := p.cols[roleCode]; c >= 0 {
		if rec.Code = p.code(row[c]); rec.Code == "" {
			return rec, SkipCode
		}
	}
	v, reason := value(row[p.cols[roleValue]])
	if reason != "" {
		return rec, reason
	}
	rec.Value = v
	if c := p.cols[roleQuantity]; c >= 0 {
		if q, reason := value(row[c]); reason == "" {
			rec.QuantityKg, rec.HasQuantity = q, true
		}
	}
	return rec, ""
}

func (p *parser) area(s string) (flow.Area, bool) {
	a, seen := p.areas[s]
	if !seen {
		a, _ = p.opt.Area(s)
		p.areas[strings.Clone(s)] = a
	}
	if a == "" {
		p.st.Unresolved[strings.TrimSpace(s)]++
		return "", false
	}
	return a, true
}

func (p *parser) flow(s string) (flow.Direction, bool) {
	d, seen := p.flows[s]
	if !seen {
		switch strings.ToUpper(strings.TrimSpace(s)) {
		case "EXPORT", "EXPORTS", "X", "2":
			d = flow.Export
		case "IMPORT", "IMPORTS", "M", "1":
			d = flow.Import
		}
		p.flows[strings.Clone(s)] = d
	}
	return d, d != flow.DirectionUnknown
}

// code returns the commodity code in canonical form: digits (spaces and dots removed; the leading zero that
// spreadsheets drop from a CN8 code put back), Comext's X for hidden digits, or flow.Total.
func (p *parser) code(s string) string {
	if c, seen := p.codes[s]; seen {
		return c
	}
	c := canonicalCode(s, p.st.Layout == LongCN8)
	p.codes[strings.Clone(s)] = c
	return c
}

func canonicalCode(s string, cn8 bool) string {
	t := strings.ToUpper(strings.TrimSpace(s))
	if t == "TOTAL" || t == "ALL" {
		return flow.Total
	}
	var b strings.Builder
	for i := 0; i < len(t); i++ {
		switch c := t[i]; {
		case c >= '0' && c <= '9', c == 'X':
			b.WriteByte(c)
		case c == ' ' || c == '.':
		default:
			return ""
		}
	}
	c := b.String()
	if cn8 && len(c) == 7 {
		c = "0" + c
	}
	if c == "" || len(c) > 10 {
		return ""
	}
	return c
}

func value(s string) (float64, string) {
	t := strings.TrimSpace(s)
	if t == "" || t == ":" {
		return 0, SkipNoValue
	}
	v, err := strconv.ParseFloat(t, 64)
	if err != nil || v < 0 || math.IsNaN(v) || math.IsInf(v, 0) {
		return 0, SkipValue
	}
	return v, ""
}
