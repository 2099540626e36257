package table

import (
	"bytes"
	"compress/gzip"
	"errors"
	"io"
	"io/fs"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestOpenErrors(t *testing.T) {
	wide := strings.Repeat("col,", 99_999) + "last\n1\n"
	tests := []struct {
		name string
		file string
		in   string
		opt  Options
		want error
	}{
		{"empty", "x.csv", "", Options{}, ErrEmpty},
		{"only a bom", "x.csv", "\xEF\xBB\xBF", Options{}, ErrEmpty},
		{"only white space", "x.csv", " \r\n\n\t\n", Options{}, ErrEmpty},
		{"only an end-of-file mark", "x.csv", "\x1a", Options{}, ErrNoHeader},
		{"empty header names", "x.csv", ",,\n1,2,3\n", Options{}, ErrNoHeader},
		{"legacy xls", "x.xls", "\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1rest", Options{}, ErrUnsupported},
		{"binary header", "x.csv", "a\x00b,c\n1,2\n", Options{}, ErrBinary},
		{"unterminated quote in header", "x.csv", "\"a,b\n", Options{}, ErrBadHeader},
		{"100,000 columns", "x.csv", wide, Options{}, ErrTooManyColumns},
		{"duplicate names", "x.csv", "id,Name,name\n", Options{}, ErrDuplicateHeader},
		{"bad delimiter", "x.csv", "a,b\n", Options{Delimiter: '"'}, ErrBadOption},
		{"zip that is not xlsx", "x.zip", "PK\x03\x04garbage", Options{}, ErrNotXLSX},
		{"json array", "x.json", "[{\"a\":1}]\n", Options{}, ErrUnsupported},
		{"forced xlsx on text", "x.csv", "a,b\n", Options{Format: FormatXLSX}, ErrNotXLSX},
	}
	for _, tt := range tests {
		_, err := New(strings.NewReader(tt.in), tt.file, tt.opt)
		if !errors.Is(err, tt.want) {
			t.Errorf("New(%s) error = %v, want %v", tt.name, err, tt.want)
		}
		if err != nil && !strings.Contains(err.Error(), tt.file) {
			t.Errorf("New(%s) error = %q, want it to name the file %q", tt.name, err, tt.file)
		}
	}
	if _, err := Open("testdata/no-such-file.csv", Options{}); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("Open(missing) error = %v, want fs.ErrNotExist", err)
	}
}

func TestWideHeaderAllowed(t *testing.T) {
	wide := strings.Repeat("col,", 99_999) + "last\n" + strings.Repeat("1,", 99_999) + "2\n"
	r := openString(t, "x.csv", wide, Options{MaxColumns: 100_000, RenameDuplicates: true})
	h := r.Header()
	if len(h) != 100_000 || h[0] != "col" || h[1] != "col_2" || h[99_999] != "last" {
		t.Fatalf("Header() = %d names %q…%q, want 100000 from col, col_2 to last", len(h), h[:2], h[len(h)-1])
	}
	rec, err := r.Next()
	if err != nil || rec.Err != nil || len(rec.Fields) != 100_000 || rec.Fields[99_999] != "2" {
		t.Errorf("Next() = %d fields, %v, %v, want 100000 fields ending in 2", len(rec.Fields), rec.Err, err)
	}
}

func TestRenameDuplicates(t *testing.T) {
	r := openString(t, "x.csv", "a,b,A,a,A_2,,\n", Options{RenameDuplicates: true})
	if diff := cmp.Diff([]string{"a", "b", "A_3", "a_4", "A_2", "", ""}, r.Header()); diff != "" {
		t.Errorf("Header() mismatch (-want +got):\n%s", diff)
	}
}

func TestGzip(t *testing.T) {
	var csv strings.Builder
	csv.WriteString("id,name\n")
	for i := range 100_000 {
		csv.WriteString("1,name ")
		csv.WriteString(strings.Repeat("x", i%50))
		csv.WriteString("\n")
	}
	var gz bytes.Buffer
	zw := gzip.NewWriter(&gz)
	zw.Write([]byte(csv.String()))
	zw.Close()

	// Detected by magic bytes, whatever the name.
	for _, name := range []string{"x.csv.gz", "download.dat", "x.csv"} {
		r := openString(t, name, gz.String(), Options{})
		if rows := readRows(t, r); r.Format() != FormatCSV || len(rows) != 100_000 {
			t.Errorf("New(%s): Format(), rows = %v, %d, want csv, 100000", name, r.Format(), len(rows))
		}
	}
	// A truncated archive is an error, from New when it is cut within the first MiB, else from Next; never a
	// silent end.
	if _, err := New(strings.NewReader(gz.String()[:100]), "x.csv.gz", Options{}); err == nil || !strings.Contains(err.Error(), "x.csv.gz") {
		t.Errorf("New(gzip cut at 100 bytes) error = %v, want an error naming the file", err)
	}
	r := openString(t, "x.csv.gz", gz.String()[:gz.Len()*3/4], Options{})
	var err error
	for err == nil {
		_, err = r.Next()
	}
	if err == io.EOF || !strings.Contains(err.Error(), "x.csv.gz") {
		t.Errorf("Next() on truncated gzip error = %v, want a read error naming the file", err)
	}
	if _, again := r.Next(); again != err {
		t.Errorf("Next() after a fatal error = %v, want the same error %v", again, err)
	}
}

func TestLimits(t *testing.T) {
	big := strings.Repeat("x", 10<<20) // a 10 MB field
	tests := []struct {
		name string
		in   string
		opt  Options
		rows []row
	}{
		{"10 MB field over the default limit", "a,b\n1," + big + "\n2,3\n", Options{},
			[]row{bad(1, 2, ReasonFieldTooLarge), ok(2, 3, "2", "3")}},
		{"10 MB quoted field over the default limit", "a,b\n1,\"" + big + "\"\n2,3\n", Options{},
			[]row{bad(1, 2, ReasonFieldTooLarge), ok(2, 3, "2", "3")}},
		{"record over the limit", "a,b\n" + strings.Repeat("y", 30) + "," + strings.Repeat("z", 30) + "\n2,3\n",
			Options{MaxFieldBytes: 30, MaxRecordBytes: 50}, []row{bad(1, 2, ReasonRecordTooLarge), ok(2, 3, "2", "3")}},
		{"unbalanced quote at the end of the input", "a,b\n1,2\n3,\"4\n5,6\n", Options{},
			[]row{ok(1, 2, "1", "2"), bad(2, 3, ReasonUnterminatedQuote), ok(3, 4, "5", "6")}},
		{"unbalanced quote over the field limit", "a,b\n\"oops,1\n" + strings.Repeat("x,y\n", 300) + "\"fine\",z\n",
			Options{MaxFieldBytes: 100}, append(append([]row{bad(1, 2, ReasonUnterminatedQuote)},
				repeatRow(2, 3, 300, "x", "y")...), ok(302, 303, "fine", "z"))},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := openString(t, "x.csv", tt.in, tt.opt)
			if diff := cmp.Diff(tt.rows, readRows(t, r)); diff != "" {
				t.Errorf("rows mismatch (-want +got):\n%s", diff)
			}
		})
	}
	r := openString(t, "x.csv", "a,b\n1,"+big+"\n2,\""+big+"\"\n", Options{MaxFieldBytes: 16 << 20})
	for i := range 2 {
		rec, err := r.Next()
		if err != nil || rec.Err != nil || len(rec.Fields) != 2 || len(rec.Fields[1]) != len(big) {
			t.Errorf("Next() #%d with a 16 MiB limit = %v, %v, want the 10 MB field", i+1, rec.Err, err)
		}
	}
}

// repeatRow returns n good rows numbered from rowNum, on consecutive lines from line.
func repeatRow(rowNum, line int64, n int, fields ...string) []row {
	rows := make([]row, n)
	for i := range rows {
		rows[i] = ok(rowNum+int64(i), line+int64(i), fields...)
	}
	return rows
}

func TestSniff(t *testing.T) {
	s, err := SniffReader(strings.NewReader("a;b\n1;2\n3;4\n5;6\n"), "x.csv", Options{ReuseRecord: true}, 2)
	if err != nil {
		t.Fatal(err)
	}
	want := &Sample{
		Format: FormatCSV, Encoding: EncodingUTF8, Delimiter: ';', Header: []string{"a", "b"},
		Rows: []Record{{Row: 1, Line: 2, Fields: []string{"1", "2"}}, {Row: 2, Line: 3, Fields: []string{"3", "4"}}},
	}
	if diff := cmp.Diff(want, s); diff != "" {
		t.Errorf("SniffReader() mismatch (-want +got):\n%s", diff)
	}
}
