package table

import (
	"bytes"
	"fmt"
	"io"
	"strconv"
	"strings"
)

// CellRange is a rectangle of cells in a sheet. Rows are spreadsheet row numbers, as in Record.Line; columns are
// 0-based field indexes, as in Record.Fields.
type CellRange struct {
	FirstRow, FirstCol int
	LastRow, LastCol   int
}

// String renders the range in A1 notation, such as "B2:D3".
func (c CellRange) String() string {
	return columnName(c.FirstCol) + strconv.Itoa(c.FirstRow) + ":" + columnName(c.LastCol) + strconv.Itoa(c.LastRow)
}

// columnName returns the letters of a 0-based column index: 0 is "A", 26 is "AA".
func columnName(i int) string {
	var b []byte
	for i++; i > 0; i = (i - 1) / 26 {
		b = append([]byte{byte('A' + (i-1)%26)}, b...)
	}
	return string(b)
}

// parseCellRange parses "A1:B2".
func parseCellRange(s string) (CellRange, bool) {
	a, b, ok := strings.Cut(s, ":")
	if !ok {
		return CellRange{}, false
	}
	r1, c1, ok1 := parseCellRef(a)
	r2, c2, ok2 := parseCellRef(b)
	if !ok1 || !ok2 {
		return CellRange{}, false
	}
	return CellRange{FirstRow: min(r1, r2), FirstCol: min(c1, c2), LastRow: max(r1, r2), LastCol: max(c1, c2)}, true
}

func parseCellRef(s string) (row, col int, ok bool) {
	col, ok = columnIndex(s)
	if !ok {
		return 0, 0, false
	}
	i := strings.IndexAny(s, "0123456789")
	if i < 0 {
		return 0, 0, false
	}
	row, err := strconv.Atoi(s[i:])
	return row, col, err == nil && row > 0
}

// MergedRanges returns the merged cell ranges of the XLSX sheet being read, and nil for text formats. A merged
// range keeps its value in its top-left cell; the other cells of the range read as empty fields. The ranges are
// stored after the cell data in the sheet, so the first call reads the sheet part once more, scanning its bytes
// for <mergeCell> elements; the result is kept for later calls.
func (r *Reader) MergedRanges() ([]CellRange, error) {
	if r.xlsx == nil {
		return nil, nil
	}
	x := r.xlsx
	if !x.mergedRead {
		m, err := x.wb.scanMerged(x.sheet.path)
		if err != nil {
			return nil, fmt.Errorf("read %s: merged cells: %w", r.name, err)
		}
		x.merged, x.mergedRead = m, true
	}
	return x.merged, nil
}

// scanMerged finds the ref attributes of <mergeCell> elements in a sheet part by a byte search, much faster
// than tokenising the whole sheet.
func (wb *workbook) scanMerged(name string) ([]CellRange, error) {
	rc, err := wb.open(name)
	if err != nil {
		return nil, err
	}
	defer rc.Close()
	const needle = "mergeCell"
	var out []CellRange
	buf := make([]byte, 0, 256<<10)
	for {
		n, rerr := io.ReadFull(rc, buf[len(buf):cap(buf)])
		buf = buf[:len(buf)+n]
		done := 0
		for {
			k := bytes.Index(buf[done:], []byte(needle))
			if k < 0 {
				done = max(done, len(buf)-len(needle))
				break
			}
			start := done + k
			e := bytes.IndexByte(buf[start:], '>')
			if e < 0 {
				done = start
				break
			}
			tag := buf[start+len(needle) : start+e]
			if len(tag) > 0 && (tag[0] == ' ' || tag[0] == '\t' || tag[0] == '\n' || tag[0] == '\r') {
				if cr, ok := parseCellRange(refAttr(tag)); ok {
					out = append(out, cr)
				}
			}
			done = start + e + 1
		}
		if rerr == io.EOF || rerr == io.ErrUnexpectedEOF {
			return out, nil
		}
		if rerr != nil {
			return nil, rerr
		}
		buf = buf[:copy(buf, buf[done:])]
		if len(buf) == cap(buf) { // an absurdly long tag: drop it
			buf = buf[:0]
		}
	}
}

// refAttr returns the value of the ref attribute in the bytes of a tag.
func refAttr(tag []byte) string {
	for {
		i := bytes.Index(tag, []byte("ref="))
		if i < 0 || i+5 > len(tag) {
			return ""
		}
		if i > 0 && tag[i-1] != ' ' && tag[i-1] != '\t' && tag[i-1] != '\n' && tag[i-1] != '\r' {
			tag = tag[i+4:]
			continue
		}
		q := tag[i+4]
		v := tag[i+5:]
		if j := bytes.IndexByte(v, q); (q == '"' || q == '\'') && j >= 0 {
			return string(v[:j])
		}
		return ""
	}
}
