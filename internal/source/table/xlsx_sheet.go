package table

import (
	"bufio"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"
)

// xlsxMaxColumns is the width of an Excel sheet, A to XFD.
const xlsxMaxColumns = 16384

// xlsxSource streams the rows of one worksheet with encoding/xml tokens, never holding more than a row.
type xlsxSource struct {
	wb      *workbook
	sheet   sheetInfo
	rc      io.ReadCloser
	dec     *xml.Decoder
	opt     *Options
	width   int   // header width
	lastRow int64 // sheet number of the last row read
	inData  bool  // inside <sheetData>
	done    bool
	vals    []string // values of the current row by column, up to the last non-empty one
	text    []byte
	fields  []string // reused Fields slice under Options.ReuseRecord

	merged     []CellRange
	mergedRead bool
}

// openXLSX opens the workbook, picks the sheet and reads the header: the first row with a value.
func (r *Reader) openXLSX(ra io.ReaderAt, size int64) error {
	r.format, r.encoding = FormatXLSX, EncodingUTF8
	wb, err := openWorkbook(ra, size)
	if err != nil {
		return fmt.Errorf("open %s: %w", r.name, err)
	}
	sheet, err := wb.pick(r.opt.Sheet)
	if err != nil {
		return fmt.Errorf("open %s: %w", r.name, err)
	}
	rc, err := wb.open(sheet.path)
	if err != nil {
		return fmt.Errorf("open %s: sheet %q: %w", r.name, sheet.name, err)
	}
	x := &xlsxSource{wb: wb, sheet: sheet, rc: rc, opt: &r.opt}
	x.dec = xml.NewDecoder(bufio.NewReaderSize(rc, 64<<10))
	r.src, r.xlsx = x, x
	for {
		_, vals, rerr, err := x.readRow()
		if err == io.EOF {
			return fmt.Errorf("open %s: %w: sheet %q has no values", r.name, ErrNoHeader, sheet.name)
		}
		if err != nil {
			return fmt.Errorf("open %s: sheet %q: %w", r.name, sheet.name, err)
		}
		if rerr != nil {
			return fmt.Errorf("open %s: %w: %s", r.name, ErrBadHeader, rerr.Detail)
		}
		if len(vals) > 0 {
			x.width = len(vals)
			return r.setHeader(vals)
		}
	}
}

// Sheets returns the names of the worksheets in workbook order (chart sheets left out), or nil for a text input.
func (r *Reader) Sheets() []string {
	if r.xlsx == nil {
		return nil
	}
	names := make([]string, len(r.xlsx.wb.sheets))
	for i, s := range r.xlsx.wb.sheets {
		names[i] = s.name
	}
	return names
}

// Sheet returns the name of the sheet being read, or "" for a text input.
func (r *Reader) Sheet() string {
	if r.xlsx == nil {
		return ""
	}
	return r.xlsx.sheet.name
}

func (x *xlsxSource) close() error { return x.rc.Close() }

func (x *xlsxSource) next() (Record, error) {
	for {
		line, vals, rerr, err := x.readRow()
		if err != nil {
			return Record{}, err
		}
		if len(vals) == 0 && rerr == nil {
			continue
		}
		n := max(len(vals), x.width)
		var fields []string
		if x.opt.ReuseRecord && cap(x.fields) >= n {
			fields = x.fields[:n]
			clear(fields)
		} else {
			fields = make([]string, n)
			x.fields = fields
		}
		copy(fields, vals)
		rec := Record{Line: line, Fields: fields}
		switch {
		case rerr != nil:
			rec.Err = rerr
		case len(vals) > x.width:
			for i := x.width; i < len(vals); i++ {
				if vals[i] != "" {
					rec.Err = rowErr(ReasonTooManyFields, i, "value in column %d, header has %d", i+1, x.width)
					break
				}
			}
		default:
			if err := nulError(fields); err != nil {
				rec.Err = err
			}
		}
		return rec, nil
	}
}

var errTruncatedSheet = errors.New("sheet XML ends inside <sheetData>")

// readRow returns the sheet number and the values of the next <row>, with trailing empty cells left out, and the
// first cell problem in it. At the end of <sheetData> it returns io.EOF.
func (x *xlsxSource) readRow() (line int64, vals []string, rerr *RowError, err error) {
	if x.done {
		return 0, nil, nil, io.EOF
	}
	x.vals = x.vals[:0]
	var (
		inRow, inV, inIS, inT bool
		rph                   int
		col                   = -1
		typ                   string
		style                 = -1
	)
	for {
		tok, err := x.dec.RawToken()
		if err == io.EOF {
			x.done = true
			if x.inData {
				return 0, nil, nil, errTruncatedSheet
			}
			return 0, nil, nil, io.EOF
		}
		if err != nil {
			x.done = true
			return 0, nil, nil, err
		}
		switch t := tok.(type) {
		case xml.StartElement:
			switch t.Name.Local {
			case "sheetData":
				x.inData = true
			case "row":
				inRow, col = true, -1
				line = x.lastRow + 1
				for _, a := range t.Attr {
					if a.Name.Local == "r" {
						if n, err := strconv.ParseInt(a.Value, 10, 64); err == nil && n > 0 {
							line = n
						}
					}
				}
				x.lastRow = line
			case "c":
				col++
				typ, style = "", -1
				x.text = x.text[:0]
				for _, a := range t.Attr {
					switch a.Name.Local {
					case "r":
						c, ok := columnIndex(a.Value)
						if ok {
							col = c
						} else if rerr == nil {
							rerr = rowErr(ReasonBadCell, -1, "cell reference %q", a.Value)
						}
					case "t":
						typ = a.Value
					case "s":
						style, _ = strconv.Atoi(a.Value)
					}
				}
			case "v":
				inV = true
			case "is":
				inIS = true
			case "t":
				inT = inIS
			case "rPh":
				rph++
			}
		case xml.EndElement:
			switch t.Name.Local {
			case "v":
				inV = false
			case "is":
				inIS = false
			case "t":
				inT = false
			case "rPh":
				rph--
			case "c":
				if !inRow || col < 0 {
					continue // a cell's end without its start (a broken file): nothing to read
				}
				val, cerr := x.cellValue(typ, style, x.text)
				switch {
				case cerr != nil:
					if rerr == nil {
						cerr.Index = col + 1
						rerr = cerr
					}
				case val == "":
				case col >= xlsxMaxColumns:
					if rerr == nil {
						rerr = rowErr(ReasonBadCell, -1, "column %d beyond XFD", col+1)
					}
				case len(val) > x.opt.MaxFieldBytes:
					if rerr == nil {
						rerr = rowErr(ReasonFieldTooLarge, col, "%d bytes, limit %d", len(val), x.opt.MaxFieldBytes)
					}
				default:
					for len(x.vals) <= col {
						x.vals = append(x.vals, "")
					}
					x.vals[col] = val
				}
			case "row":
				if inRow {
					return line, x.vals, rerr, nil
				}
			case "sheetData":
				x.inData, x.done = false, true
				return 0, nil, nil, io.EOF
			}
		case xml.CharData:
			if inV || inT && rph == 0 {
				x.text = append(x.text, t...)
			}
		}
	}
}

// cellValue renders the raw text of a cell by its type: shared and inline strings, booleans as TRUE and FALSE,
// error values as written (#N/A), numbers as written unless their style is a date or time format.
func (x *xlsxSource) cellValue(typ string, style int, raw []byte) (string, *RowError) {
	switch typ {
	case "s":
		n, err := strconv.Atoi(strings.TrimSpace(string(raw)))
		if err != nil || n < 0 || n >= len(x.wb.sst) {
			return "", rowErr(ReasonBadCell, -1, "shared string index %q out of range", raw)
		}
		return x.wb.sst[n], nil
	case "inlineStr", "str":
		return decodeXEscapes(string(raw)), nil
	case "b":
		switch strings.TrimSpace(string(raw)) {
		case "1":
			return "TRUE", nil
		case "0":
			return "FALSE", nil
		}
		return string(raw), nil
	case "e":
		return string(raw), nil
	case "d":
		v := strings.TrimSpace(string(raw))
		return strings.TrimSuffix(strings.TrimSuffix(v, "Z"), "T00:00:00"), nil
	}
	v := strings.TrimSpace(string(raw))
	if v != "" && style >= 0 && style < len(x.wb.kinds) && x.wb.kinds[style] != kindNumber {
		if s, ok := formatSerial(v, x.wb.kinds[style], x.wb.date1904); ok {
			return s, nil
		}
	}
	return v, nil
}

// columnIndex returns the 0-based column of a cell reference such as "AB12".
func columnIndex(ref string) (int, bool) {
	col, i := 0, 0
	for ; i < len(ref) && i < 4; i++ {
		c := ref[i] | 0x20 // lower case
		if c < 'a' || c > 'z' {
			break
		}
		col = col*26 + int(c-'a'+1)
	}
	if i == 0 || col > xlsxMaxColumns {
		return 0, false
	}
	for _, c := range ref[i:] {
		if c < '0' || c > '9' {
			return 0, false
		}
	}
	return col - 1, true
}
