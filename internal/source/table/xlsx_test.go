package table

import (
	"archive/zip"
	"bytes"
	"compress/gzip"
	"errors"
	"os"
	"path/filepath"
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestXLSX(t *testing.T) {
	r, err := New(bytes.NewReader(testWorkbook(t)), "book.xlsx", Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	if r.Format() != FormatXLSX || r.Encoding() != EncodingUTF8 || r.Sheet() != "Declarations" {
		t.Errorf("Format(), Encoding(), Sheet() = %v, %v, %q, want xlsx, utf-8, \"Declarations\"", r.Format(), r.Encoding(), r.Sheet())
	}
	if diff := cmp.Diff([]string{"Declarations", "Second"}, r.Sheets()); diff != "" {
		t.Errorf("Sheets() mismatch (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff([]string{"Declaration", "Date", "Value", "Paid"}, r.Header()); diff != "" {
		t.Errorf("Header() mismatch (-want +got):\n%s", diff)
	}
	want := []row{
		ok(1, 2, "10012020/310325/5016594", "2025-03-31", "1234.5", "TRUE"),
		ok(2, 3, "ООО Ромашка", "", "7", ""),
		ok(3, 5, "merged", "", "1900-02-29", "FALSE"),
		ok(4, 6, "x", "2025-03-31 18:00:00", "1900-03-01", "#N/A"),
		bad(5, 7, ReasonTooManyFields),
		bad(6, 8, ReasonBadCell),
		ok(7, 9, "a", "b\rc", "", ""),
		ok(8, 10, "12:00:00", "0", "2958466", ""),
	}
	if diff := cmp.Diff(want, readRows(t, r)); diff != "" {
		t.Errorf("rows mismatch (-want +got):\n%s", diff)
	}
	merged, err := r.MergedRanges()
	if err != nil {
		t.Fatal(err)
	}
	wantMerged := []CellRange{{FirstRow: 5, FirstCol: 0, LastRow: 5, LastCol: 1}, {FirstRow: 9, FirstCol: 2, LastRow: 10, LastCol: 3}}
	if diff := cmp.Diff(wantMerged, merged); diff != "" {
		t.Errorf("MergedRanges() mismatch (-want +got):\n%s", diff)
	}
	if got := merged[1].String(); got != "C9:D10" {
		t.Errorf("CellRange.String() = %q, want \"C9:D10\"", got)
	}
}

func TestXLSXSheetChoice(t *testing.T) {
	data := testWorkbook(t)
	for _, sel := range []string{"Second", "second", "2"} {
		r, err := New(bytes.NewReader(data), "book.xlsx", Options{Sheet: sel})
		if err != nil {
			t.Fatalf("New(Sheet %q) error = %v", sel, err)
		}
		got := readRows(t, r)
		if r.Sheet() != "Second" || !cmp.Equal(r.Header(), []string{"k"}) || !cmp.Equal(got, []row{ok(1, 3, "Rich text")}) {
			t.Errorf("Sheet %q: Sheet(), Header(), rows = %q, %q, %v, want \"Second\", [k], [Rich text at line 3]", sel, r.Sheet(), r.Header(), got)
		}
		r.Close()
	}
	if _, err := New(bytes.NewReader(data), "book.xlsx", Options{Sheet: "3"}); !errors.Is(err, ErrSheetNotFound) {
		t.Errorf("New(Sheet 3) error = %v, want ErrSheetNotFound", err)
	}
}

func TestXLSXOpenFileAndGzip(t *testing.T) {
	data := testWorkbook(t)
	var gz bytes.Buffer
	zw := gzip.NewWriter(&gz)
	zw.Write(data)
	zw.Close()
	dir := t.TempDir()
	for name, content := range map[string][]byte{"book.xlsx": data, "book.xlsx.gz": gz.Bytes(), "download.bin": data} {
		path := filepath.Join(dir, name)
		if err := os.WriteFile(path, content, 0o644); err != nil {
			t.Fatal(err)
		}
		r, err := Open(path, Options{})
		if err != nil {
			t.Fatalf("Open(%s) error = %v", name, err)
		}
		if n := len(readRows(t, r)); r.Format() != FormatXLSX || n != 8 {
			t.Errorf("Open(%s): Format(), rows = %v, %d, want xlsx, 8", name, r.Format(), n)
		}
		if err := r.Close(); err != nil {
			t.Errorf("Close() error = %v", err)
		}
	}
}

func TestXLSXFileErrors(t *testing.T) {
	sheet := worksheet(`<row r="1"><c t="inlineStr"><is><t>a</t></is></c></row>`, "")
	noWorkbook := map[string]string{"hello.txt": "not a workbook"}
	tests := []struct {
		name  string
		parts map[string]string
		opt   Options
		want  error
	}{
		{"zip that is not xlsx", noWorkbook, Options{}, ErrNotXLSX},
		{"no sheets", workbookParts(nil, "", "", ""), Options{}, ErrNoSheets},
		{"empty sheet", workbookParts([]testSheet{{"S", worksheet("", "")}}, "", "", ""), Options{}, ErrNoHeader},
		{"sheet not found", workbookParts([]testSheet{{"S", sheet}}, "", "", ""), Options{Sheet: "T"}, ErrSheetNotFound},
		{"duplicate header", workbookParts([]testSheet{{"S", worksheet(
			`<row><c t="inlineStr"><is><t>a</t></is></c><c t="inlineStr"><is><t>A</t></is></c></row>`, "")}}, "", "", ""), Options{}, ErrDuplicateHeader},
	}
	for _, tt := range tests {
		_, err := New(bytes.NewReader(zipParts(t, tt.parts, zip.Store)), "x.xlsx", tt.opt)
		if !errors.Is(err, tt.want) {
			t.Errorf("New(%s) error = %v, want %v", tt.name, err, tt.want)
		}
	}
	// Broken XML after the header ends the reading with an error from Next.
	broken := workbookParts([]testSheet{{"S", xmlDecl + `<worksheet><sheetData><row><c t="inlineStr"><is><t>a</t></is></c></row><row><c>`}}, "", "", "")
	r, err := New(bytes.NewReader(zipParts(t, broken, zip.Store)), "x.xlsx", Options{})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := r.Next(); err == nil {
		t.Error("Next() on truncated sheet XML error = nil, want an error")
	}
}

func TestXLSXDate1904(t *testing.T) {
	sheet := worksheet(`<row><c t="inlineStr"><is><t>d</t></is></c></row><row><c s="1"><v>0</v></c></row><row><c s="1"><v>43</v></c></row>`, "")
	data := zipParts(t, workbookParts([]testSheet{{"S", sheet}}, "", testStyles, `<workbookPr date1904="1"/>`), zip.Store)
	r, err := New(bytes.NewReader(data), "x.xlsx", Options{})
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff([]row{ok(1, 2, "1904-01-01"), ok(2, 3, "1904-02-13")}, readRows(t, r)); diff != "" {
		t.Errorf("rows mismatch (-want +got):\n%s", diff)
	}
}

func TestFormatSerial(t *testing.T) {
	tests := []struct {
		v    string
		kind numKind
		want string // "" when the number stays a number
	}{
		{"1", kindDate, "1900-01-01"},
		{"59", kindDate, "1900-02-28"},
		{"60", kindDate, "1900-02-29"}, // Excel's phantom leap day
		{"61", kindDate, "1900-03-01"},
		{"45747", kindDate, "2025-03-31"},
		{"45747.5", kindDate, "2025-03-31"},
		{"45747.5", kindDateTime, "2025-03-31 12:00:00"},
		{"45747", kindDateTime, "2025-03-31"},
		{"45747.99999999", kindDateTime, "2025-04-01"},
		{"0.75", kindTime, "18:00:00"},
		{"1.5", kindTime, ""},
		{"0.25", kindDate, ""},
		{"-1", kindDate, ""},
		{"2958465", kindDate, "9999-12-31"},
		{"2958466", kindDate, ""},
		{"abc", kindDate, ""},
	}
	for _, tt := range tests {
		got, _ := formatSerial(tt.v, tt.kind, false)
		if got != tt.want {
			t.Errorf("formatSerial(%s, %d) = %q, want %q", tt.v, tt.kind, got, tt.want)
		}
	}
}

func TestClassifyFormatCode(t *testing.T) {
	tests := []struct {
		code string
		want numKind
	}{
		{"General", kindNumber},
		{"0.00", kindNumber},
		{`#,##0.00\ "руб."`, kindNumber},
		{`0 "days"`, kindNumber},
		{"[Red]0.00;[Blue]-0.00", kindNumber},
		{"dd.mm.yyyy", kindDate},
		{"mmm-yy", kindDate},
		{"[$-F800]dddd\\,\\ mmmm\\ dd\\,\\ yyyy", kindDate},
		{"yyyy-mm-dd hh:mm:ss", kindDateTime},
		{"h:mm AM/PM", kindTime},
		{"[h]:mm:ss", kindTime},
		{"0.00E+00", kindNumber},
	}
	for _, tt := range tests {
		if got := classifyFormatCode(tt.code); got != tt.want {
			t.Errorf("classifyFormatCode(%q) = %d, want %d", tt.code, got, tt.want)
		}
	}
}

func TestColumnIndex(t *testing.T) {
	tests := []struct {
		ref  string
		want int
		ok   bool
	}{
		{"A1", 0, true}, {"Z9", 25, true}, {"AA10", 26, true}, {"XFD1048576", 16383, true}, {"b2", 1, true},
		{"XFE1", 0, false}, {"1A", 0, false}, {"A1B", 0, false}, {"AAAAA1", 0, false},
	}
	for _, tt := range tests {
		got, ok := columnIndex(tt.ref)
		if got != tt.want || ok != tt.ok {
			t.Errorf("columnIndex(%q) = %d, %v, want %d, %v", tt.ref, got, ok, tt.want, tt.ok)
		}
		if tt.ok {
			if name := columnName(got); !bytes.EqualFold([]byte(name), []byte(tt.ref[:len(name)])) {
				t.Errorf("columnName(%d) = %q, want the letters of %q", got, name, tt.ref)
			}
		}
	}
}
