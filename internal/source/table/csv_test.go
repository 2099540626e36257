package table

import (
	"errors"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestCSV(t *testing.T) {
	tests := []struct {
		name   string
		file   string
		in     string
		opt    Options
		format Format
		delim  rune
		header []string
		rows   []row
	}{
		{
			name: "lf", file: "x.csv", in: "a,b\n1,2\n3,4\n",
			format: FormatCSV, delim: ',', header: []string{"a", "b"},
			rows: []row{ok(1, 2, "1", "2"), ok(2, 3, "3", "4")},
		},
		{
			name: "bom and crlf", file: "x.csv", in: "\xEF\xBB\xBFa,b\r\n1,2\r\n3,\r\n",
			format: FormatCSV, delim: ',', header: []string{"a", "b"},
			rows: []row{ok(1, 2, "1", "2"), ok(2, 3, "3", "")},
		},
		{
			name: "quoted newlines keep the start line", file: "x.csv",
			in:     "id,text\n1,\"line one\nline two\"\n2,\"a\r\nb\"\r\n3,x\n",
			format: FormatCSV, delim: ',', header: []string{"id", "text"},
			rows: []row{ok(1, 2, "1", "line one\nline two"), ok(2, 4, "2", "a\r\nb"), ok(3, 6, "3", "x")},
		},
		{
			name: "doubled quotes", file: "x.csv", in: "a,b\n\"say \"\"hi\"\"\",\"\"\n\"\"\"\",x\n",
			format: FormatCSV, delim: ',', header: []string{"a", "b"},
			rows: []row{ok(1, 2, `say "hi"`, ""), ok(2, 3, `"`, "x")},
		},
		{
			name: "semicolon with decimal commas", file: "x.csv", in: "a;b;c\n1;2,5;\"x;y\"\n",
			format: FormatCSV, delim: ';', header: []string{"a", "b", "c"},
			rows: []row{ok(1, 2, "1", "2,5", "x;y")},
		},
		{
			name: "tsv by extension", file: "x.tsv", in: "a b\tc\n1,5\t2\n",
			format: FormatTSV, delim: '\t', header: []string{"a b", "c"},
			rows: []row{ok(1, 2, "1,5", "2")},
		},
		{
			name: "tab sniffed in a .txt", file: "x.txt", in: "a\tb\tc\n1\t2\t3\n4\t5\t6\n",
			format: FormatTSV, delim: '\t', header: []string{"a", "b", "c"},
			rows: []row{ok(1, 2, "1", "2", "3"), ok(2, 3, "4", "5", "6")},
		},
		{
			name: "pipe", file: "x.csv", in: "a|b|c\n1|2|3\n",
			format: FormatCSV, delim: '|', header: []string{"a", "b", "c"},
			rows: []row{ok(1, 2, "1", "2", "3")},
		},
		{
			name: "forced delimiter", file: "x.csv", in: "a;b,c\n1;2,3\n", opt: Options{Delimiter: ','},
			format: FormatCSV, delim: ',', header: []string{"a;b", "c"},
			rows: []row{ok(1, 2, "1;2", "3")},
		},
		{
			name: "ragged rows", file: "x.csv", in: "a,b,c\n1,2\n1,2,3,4\n1,2,3,,\n5,6,7\n",
			format: FormatCSV, delim: ',', header: []string{"a", "b", "c"},
			rows: []row{
				bad(1, 2, ReasonTooFewFields), bad(2, 3, ReasonTooManyFields),
				ok(3, 4, "1", "2", "3"), ok(4, 5, "5", "6", "7"),
			},
		},
		{
			name: "unbalanced quote costs one row", file: "x.csv", in: "a,b\n\"broken,1\n2,3\n4,5\n",
			format: FormatCSV, delim: ',', header: []string{"a", "b"},
			rows: []row{bad(1, 2, ReasonUnterminatedQuote), ok(2, 3, "2", "3"), ok(3, 4, "4", "5")},
		},
		{
			name: "stray quote after a line break ends a runaway field", file: "x.csv",
			in:     "id,name\n1,\"Alpha\n2,Beta\n3,\"Gamma\"\n4,Delta\n",
			format: FormatCSV, delim: ',', header: []string{"id", "name"},
			rows: []row{bad(1, 2, ReasonUnterminatedQuote), ok(2, 3, "2", "Beta"), ok(3, 4, "3", "Gamma"), ok(4, 5, "4", "Delta")},
		},
		{
			name: "multi-line record of the wrong width", file: "x.csv", in: "a,b,c\n1,\"x\n2,y,z\n3,w,v\"\n",
			format: FormatCSV, delim: ',', header: []string{"a", "b", "c"},
			rows: []row{bad(1, 2, ReasonUnterminatedQuote), ok(2, 3, "2", "y", "z"), ok(3, 4, "3", "w", `v"`)},
		},
		{
			name: "multi-line field with doubled quotes", file: "x.csv", in: "a,b\n1,\"He said\n\"\"hi\"\"\"\n2,x\n",
			format: FormatCSV, delim: ',', header: []string{"a", "b"},
			rows: []row{ok(1, 2, "1", "He said\n\"hi\""), ok(2, 4, "2", "x")},
		},
		{
			name: "stray quotes are literal", file: "x.csv",
			in:     "a,b\nACME \"BEST\" LTD,1\n\"ACME \"BEST\" LTD\",2\n12\" pipe,3\n",
			format: FormatCSV, delim: ',', header: []string{"a", "b"},
			rows: []row{ok(1, 2, `ACME "BEST" LTD`, "1"), ok(2, 3, `ACME "BEST" LTD`, "2"), ok(3, 4, `12" pipe`, "3")},
		},
		{
			name: "nul bytes", file: "x.csv", in: "a,b\n1,\x00\x01\x02\n3,4\n",
			format: FormatCSV, delim: ',', header: []string{"a", "b"},
			rows: []row{bad(1, 2, ReasonBinary), ok(2, 3, "3", "4")},
		},
		{
			name: "bom in the middle and a repeated header", file: "x.csv", in: "a,b\n1,2\n\xEF\xBB\xBFa,b\r\n\xEF\xBB\xBF3,4\n",
			format: FormatCSV, delim: ',', header: []string{"a", "b"},
			rows: []row{ok(1, 2, "1", "2"), bad(2, 3, ReasonRepeatedHeader), ok(3, 4, "3", "4")},
		},
		{
			name: "blank lines and no final newline", file: "x.csv", in: "a,b\n\n1,2\n\r\n\n3,4",
			format: FormatCSV, delim: ',', header: []string{"a", "b"},
			rows: []row{ok(1, 3, "1", "2"), ok(2, 6, "3", "4")},
		},
		{
			name: "bare CR line ends", file: "x.csv", in: "a,b\r1,2\r\"x\",4\r",
			format: FormatCSV, delim: ',', header: []string{"a", "b"},
			rows: []row{ok(1, 2, "1", "2"), ok(2, 3, "x", "4")},
		},
		{
			name: "DOS end-of-file mark", file: "x.csv", in: "a,b\r\n1,2\r\n\x1a",
			format: FormatCSV, delim: ',', header: []string{"a", "b"},
			rows: []row{ok(1, 2, "1", "2")},
		},
		{
			name: "quoted last field at end of input", file: "x.csv", in: "a,b\n1,\"x\"",
			format: FormatCSV, delim: ',', header: []string{"a", "b"},
			rows: []row{ok(1, 2, "1", "x")},
		},
		{
			name: "trailing delimiter in header", file: "x.csv", in: "a,b,\n1,2,\n",
			format: FormatCSV, delim: ',', header: []string{"a", "b", ""},
			rows: []row{ok(1, 2, "1", "2", "")},
		},
		{
			name: "header names trimmed", file: "x.csv", in: " a , b\t\n1,2\n",
			format: FormatCSV, delim: ',', header: []string{"a", "b"},
			rows: []row{ok(1, 2, "1", "2")},
		},
		{
			name: "header only", file: "x.csv", in: "a,b\n",
			format: FormatCSV, delim: ',', header: []string{"a", "b"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			for _, reuse := range []bool{false, true} {
				opt := tt.opt
				opt.ReuseRecord = reuse
				r := openString(t, tt.file, tt.in, opt)
				if r.Format() != tt.format || r.Delimiter() != tt.delim {
					t.Errorf("Format(), Delimiter() = %v, %q, want %v, %q", r.Format(), r.Delimiter(), tt.format, tt.delim)
				}
				if diff := cmp.Diff(tt.header, r.Header()); diff != "" {
					t.Errorf("Header() mismatch (-want +got):\n%s", diff)
				}
				got := readRows(t, r)
				if diff := cmp.Diff(tt.rows, got, cmp.Comparer(func(a, b []string) bool {
					return strings.Join(a, "\x1f") == strings.Join(b, "\x1f")
				})); diff != "" {
					t.Errorf("rows (reuse %v) mismatch (-want +got):\n%s", reuse, diff)
				}
			}
		})
	}
}

func TestCSVInvalidUTF8(t *testing.T) {
	r := openString(t, "x.csv", "name,city\nMüller,K\xf6ln\n", Options{Encoding: EncodingUTF8})
	rec, err := r.Next()
	if err != nil {
		t.Fatal(err)
	}
	var re *RowError
	if !errors.As(rec.Err, &re) || re.Reason != ReasonInvalidUTF8 || re.Index != 2 || re.Column != "city" {
		t.Fatalf("Next().Err = %v, want invalid_utf8 in column 2 \"city\"", rec.Err)
	}
	if want := []string{"Müller", "K\uFFFDln"}; !cmp.Equal(rec.Fields, want) {
		t.Errorf("Next().Fields = %q, want %q", rec.Fields, want)
	}
	if want := `row 1 (line 2), column 2 "city": invalid utf8: invalid UTF-8 replaced by U+FFFD`; re.Error() != want {
		t.Errorf("Error() = %q, want %q", re.Error(), want)
	}
}

func TestCSVRaggedFieldsKept(t *testing.T) {
	r := openString(t, "x.csv", "a,b,c\n1,2,3,4\n", Options{})
	rec, err := r.Next()
	if err != nil {
		t.Fatal(err)
	}
	var re *RowError
	if !errors.As(rec.Err, &re) || re.Reason != ReasonTooManyFields || re.Index != 4 || re.Row != 1 || re.Line != 2 {
		t.Fatalf("Next().Err = %#v, want too_many_fields at column 4, row 1, line 2", rec.Err)
	}
	if want := []string{"1", "2", "3", "4"}; !cmp.Equal(rec.Fields, want) {
		t.Errorf("Next().Fields = %q, want %q", rec.Fields, want)
	}
}

func TestSniffDelimiter(t *testing.T) {
	tests := []struct {
		in   string
		want byte
	}{
		{"a,b,c\n1,2,3\n", ','},
		{"a;b;c\n1;2,5;3\n4;5,5;6\n", ';'},
		{"a\tb\n1\t2\n", '\t'},
		{"a|b|c|d\n1|2|3|4\n", '|'},
		{"\"a;b\",c\n\"1;2\",3\n", ','},      // delimiters inside quotes do not count
		{"name\nx,y\n", ','},                 // single column: the default
		{"a,b;c;d\n1,2;3;4\n5,6;7;8\n", ';'}, // both agree on every row: more columns win
		{"a;b;c\n1;2;3\n\"x\ny;z\";1;2\n", ';'},
	}
	for _, tt := range tests {
		if got := sniffDelimiter([]byte(tt.in), true, ','); got != tt.want {
			t.Errorf("sniffDelimiter(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}
