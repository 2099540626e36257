package export

import (
	"archive/zip"
	"bufio"
	"encoding/xml"
	"fmt"
	"io"
	"strconv"
	"strings"
	"time"
)

// MaxXLSXRows is the most rows a sheet holds, the header included (Excel's limit).
const MaxXLSXRows = 1 << 20

// maxCellChars is the most characters a spreadsheet cell holds in Excel; longer text is cut there.
const maxCellChars = 32767

// WriteXLSX writes the table as an Office Open XML workbook (.xlsx) with one sheet: a bold, frozen header row
// and the rows below, numbers as numbers (see ColumnType), text as inline strings. It opens in Excel,
// LibreOffice and anything that reads SpreadsheetML. Text cells are not formulas, so they cannot run; those
// that start like one are neutralised all the same, for the user who copies them elsewhere.
func WriteXLSX(w io.Writer, t *Table) error {
	if len(t.Rows) >= MaxXLSXRows {
		return fmt.Errorf("write xlsx %s: %d rows; a sheet holds at most %d below its header", t.Name, len(t.Rows), MaxXLSXRows-1)
	}
	z := zip.NewWriter(w)
	sheet := sheetName(t.Name)
	now := time.Now().UTC()
	parts := []struct {
		name string
		body func(*bufio.Writer) error
	}{
		{"[Content_Types].xml", staticPart(contentTypes)},
		{"_rels/.rels", staticPart(rootRels)},
		{"docProps/app.xml", staticPart(appProps)},
		{"docProps/core.xml", staticPart(fmt.Sprintf(coreProps, now.Format(time.RFC3339)))},
		{"xl/workbook.xml", staticPart(fmt.Sprintf(workbook, xmlText(sheet)))},
		{"xl/_rels/workbook.xml.rels", staticPart(workbookRels)},
		{"xl/styles.xml", staticPart(styles)},
		{"xl/worksheets/sheet1.xml", func(b *bufio.Writer) error { return writeSheet(b, t) }},
	}
	for _, p := range parts {
		f, err := z.CreateHeader(&zip.FileHeader{Name: p.name, Method: zip.Deflate, Modified: now})
		if err != nil {
			return fmt.Errorf("write xlsx %s: %s: %w", t.Name, p.name, err)
		}
		b := bufio.NewWriterSize(f, 64<<10)
		if err := p.body(b); err != nil {
			return fmt.Errorf("write xlsx %s: %s: %w", t.Name, p.name, err)
		}
		if err := b.Flush(); err != nil {
			return fmt.Errorf("write xlsx %s: %s: %w", t.Name, p.name, err)
		}
	}
	if err := z.Close(); err != nil {
		return fmt.Errorf("write xlsx %s: %w", t.Name, err)
	}
	return nil
}

func staticPart(s string) func(*bufio.Writer) error {
	return func(b *bufio.Writer) error {
		_, err := b.WriteString(s)
		return err
	}
}

// sheetName makes a valid sheet name: at most 31 characters, none of []:*?/\ and not empty.
func sheetName(s string) string {
	s = strings.Map(func(r rune) rune {
		if strings.ContainsRune(`[]:*?/\`, r) || r < 0x20 {
			return '_'
		}
		return r
	}, s)
	s = strings.Trim(s, "'")
	if r := []rune(s); len(r) > 31 {
		s = string(r[:31])
	}
	if s == "" {
		s = "Sheet1"
	}
	return s
}

// columnName returns the spreadsheet letters of a 0-based column index: A … Z, AA ….
func columnName(i int) string {
	var b []byte
	for i++; i > 0; i = (i - 1) / 26 {
		b = append([]byte{byte('A' + (i-1)%26)}, b...)
	}
	return string(b)
}

func writeSheet(b *bufio.Writer, t *Table) error {
	b.WriteString(xml.Header)
	b.WriteString(`<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">`)
	last := columnName(max(len(t.Columns), 1)-1) + strconv.Itoa(len(t.Rows)+1)
	fmt.Fprintf(b, `<dimension ref="A1:%s"/>`, last)
	b.WriteString(`<sheetViews><sheetView workbookViewId="0"><pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/></sheetView></sheetViews>`)
	b.WriteString(`<sheetData>`)
	b.WriteString(`<row r="1">`)
	for i, c := range t.Columns {
		writeString(b, columnName(i)+"1", c, 1)
	}
	b.WriteString(`</row>`)
	for n, row := range t.Rows {
		if len(row) > len(t.Columns) {
			return fmt.Errorf("row %d has %d cells for %d columns", n+1, len(row), len(t.Columns))
		}
		r := strconv.Itoa(n + 2)
		fmt.Fprintf(b, `<row r="%s">`, r)
		for i, v := range row {
			if v == "" {
				continue
			}
			ref := columnName(i) + r
			switch typ := t.columnType(i); {
			case typ != ColumnText && isNumber(v):
				fmt.Fprintf(b, `<c r="%s"><v>%s</v></c>`, ref, v)
			default:
				writeString(b, ref, v, 0)
			}
		}
		b.WriteString(`</row>`)
	}
	b.WriteString(`</sheetData>`)
	if len(t.Columns) > 0 {
		fmt.Fprintf(b, `<autoFilter ref="A1:%s"/>`, last)
	}
	b.WriteString(`</worksheet>`)
	return nil
}

func writeString(b *bufio.Writer, ref, v string, style int) {
	v = Neutralise(v)
	if r := []rune(v); len(r) > maxCellChars {
		v = string(r[:maxCellChars])
	}
	s := ""
	if style > 0 {
		s = fmt.Sprintf(` s="%d"`, style)
	}
	fmt.Fprintf(b, `<c r="%s" t="inlineStr"%s><is><t xml:space="preserve">%s</t></is></c>`, ref, s, xmlText(v))
}
