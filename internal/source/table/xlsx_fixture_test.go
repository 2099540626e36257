package table

import (
	"archive/zip"
	"bytes"
	"fmt"
	"html"
	"slices"
	"strings"
	"testing"
)

// Builders of minimal XLSX packages for tests, fuzzing and benchmarks: only the parts a reader needs.

const (
	nsMain  = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
	nsRel   = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
	nsPkg   = "http://schemas.openxmlformats.org/package/2006/relationships"
	xmlDecl = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>` + "\n"
)

type testSheet struct {
	name string
	xml  string // the whole worksheet part
}

// worksheet wraps rows (<row> elements) and what follows sheetData (such as <mergeCells>) in a worksheet part.
func worksheet(rows, tail string) string {
	return xmlDecl + `<worksheet xmlns="` + nsMain + `" xmlns:r="` + nsRel + `"><sheetData>` + rows + `</sheetData>` + tail + `</worksheet>`
}

// sharedStrings renders plain strings as a shared string table; extra is appended raw (rich text items).
func sharedStrings(ss []string, extra string) string {
	var b strings.Builder
	b.WriteString(xmlDecl + `<sst xmlns="` + nsMain + `">`)
	for _, s := range ss {
		fmt.Fprintf(&b, `<si><t xml:space="preserve">%s</t></si>`, html.EscapeString(s))
	}
	b.WriteString(extra + `</sst>`)
	return b.String()
}

// testStyles has cell styles 0 General, 1 built-in date 14, 2 "dd.mm.yyyy", 3 "dd.mm.yyyy hh:mm",
// 4 a currency format with quoted text, 5 built-in time 20.
const testStyles = xmlDecl + `<styleSheet xmlns="` + nsMain + `">` +
	`<numFmts count="3"><numFmt numFmtId="164" formatCode="dd.mm.yyyy"/><numFmt numFmtId="165" formatCode="dd.mm.yyyy\ hh:mm"/>` +
	`<numFmt numFmtId="166" formatCode="#,##0.00\ &quot;руб.&quot;"/></numFmts>` +
	`<cellStyleXfs count="1"><xf numFmtId="14"/></cellStyleXfs>` +
	`<cellXfs count="6"><xf numFmtId="0"/><xf numFmtId="14" applyNumberFormat="1"/><xf numFmtId="164"/><xf numFmtId="165"/>` +
	`<xf numFmtId="166"/><xf numFmtId="20"/></cellXfs></styleSheet>`

// workbookParts returns the parts of a workbook with the given sheets, shared strings part and styles part
// (either may be empty to leave it out).
func workbookParts(sheets []testSheet, sst, styles, workbookPr string) map[string]string {
	parts := map[string]string{
		"[Content_Types].xml": xmlDecl + `<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>`,
		"_rels/.rels": xmlDecl + `<Relationships xmlns="` + nsPkg + `"><Relationship Id="rId1" ` +
			`Type="` + nsRel + `/officeDocument" Target="xl/workbook.xml"/></Relationships>`,
	}
	var wb, rels strings.Builder
	wb.WriteString(xmlDecl + `<workbook xmlns="` + nsMain + `" xmlns:r="` + nsRel + `">` + workbookPr + `<sheets>`)
	rels.WriteString(xmlDecl + `<Relationships xmlns="` + nsPkg + `">`)
	for i, s := range sheets {
		fmt.Fprintf(&wb, `<sheet name="%s" sheetId="%d" r:id="rId%d"/>`, html.EscapeString(s.name), i+1, i+1)
		fmt.Fprintf(&rels, `<Relationship Id="rId%d" Type="%s/worksheet" Target="worksheets/sheet%d.xml"/>`, i+1, nsRel, i+1)
		parts[fmt.Sprintf("xl/worksheets/sheet%d.xml", i+1)] = s.xml
	}
	if sst != "" {
		fmt.Fprintf(&rels, `<Relationship Id="rIdS" Type="%s/sharedStrings" Target="sharedStrings.xml"/>`, nsRel)
		parts["xl/sharedStrings.xml"] = sst
	}
	if styles != "" {
		fmt.Fprintf(&rels, `<Relationship Id="rIdT" Type="%s/styles" Target="/xl/styles.xml"/>`, nsRel)
		parts["xl/styles.xml"] = styles
	}
	wb.WriteString(`</sheets></workbook>`)
	rels.WriteString(`</Relationships>`)
	parts["xl/workbook.xml"] = wb.String()
	parts["xl/_rels/workbook.xml.rels"] = rels.String()
	return parts
}

// zipParts writes parts into a zip archive, in name order so the bytes are reproducible, compressed with
// zip.Deflate as Excel does or stored with zip.Store (cheaper, for fuzzing).
func zipParts(t testing.TB, parts map[string]string, method uint16) []byte {
	t.Helper()
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	names := make([]string, 0, len(parts))
	for name := range parts {
		names = append(names, name)
	}
	slices.Sort(names)
	for _, name := range names {
		w, err := zw.CreateHeader(&zip.FileHeader{Name: name, Method: method})
		if err != nil {
			t.Fatal(err)
		}
		if _, err := w.Write([]byte(parts[name])); err != nil {
			t.Fatal(err)
		}
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// Test workbook: a "Declarations" sheet exercising shared and inline strings, numbers, booleans, gaps, a merged
// range, dates and bad cells, and a "Second" sheet.
var (
	testSST = sharedStrings([]string{"Declaration", "Value", "Paid", "10012020/310325/5016594", "merged"},
		`<si><r><t>Rich </t></r><r><rPr><b/></rPr><t>text</t></r><rPh sb="0" eb="1"><t>PHONETIC</t></rPh></si>`)
	testSheet1 = worksheet(
		`<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="inlineStr"><is><t>Date</t></is></c><c r="C1" t="s"><v>1</v></c><c r="D1" t="s"><v>2</v></c></row>`+
			`<row r="2"><c r="A2" t="s"><v>3</v></c><c r="B2" s="1"><v>45747</v></c><c r="C2" s="4"><v>1234.5</v></c><c r="D2" t="b"><v>1</v></c></row>`+
			`<row r="3"><c r="A3" t="inlineStr"><is><r><t xml:space="preserve">ООО </t></r><r><t>Ромашка</t></r></is></c><c r="C3"><v>7</v></c></row>`+
			`<row r="4"><c r="A4" s="2"/></row>`+
			`<row r="5"><c r="A5" t="s"><v>4</v></c><c r="B5" s="0"/><c r="C5" s="2"><v>60</v></c><c r="D5" t="b"><v>0</v></c></row>`+
			`<row r="6"><c r="A6" t="str"><f>A5</f><v>x</v></c><c r="B6" s="3"><v>45747.75</v></c><c r="C6" s="2"><v>61</v></c><c r="D6" t="e"><v>#N/A</v></c></row>`+
			`<row r="7"><c r="A7"><v>1</v></c><c r="F7"><v>9</v></c></row>`+
			`<row r="8"><c r="A8" t="s"><v>99</v></c></row>`+
			`<row r="9"><c><v>a</v></c><c t="inlineStr"><is><t>b_x000D_c</t></is></c></row>`+
			`<row r="10"><c r="A10" s="5"><v>0.5</v></c><c r="B10" s="1"><v>0</v></c><c r="C10" s="2"><v>2958466</v></c></row>`,
		`<mergeCells count="2"><mergeCell ref="A5:B5"/><mergeCell ref="C9:D10"/></mergeCells>`)
	testSheet2 = worksheet(`<row r="1"><c r="A1" t="inlineStr"><is><t>k</t></is></c></row><row r="3"><c r="A3" t="s"><v>5</v></c></row>`, "")
)

func testWorkbook(t testing.TB) []byte {
	return zipParts(t, workbookParts(
		[]testSheet{{"Declarations", testSheet1}, {"Second", testSheet2}}, testSST, testStyles, ""), zip.Deflate)
}
