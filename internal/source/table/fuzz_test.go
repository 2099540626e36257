package table

import (
	"archive/zip"
	"bytes"
	"errors"
	"io"
	"slices"
	"strings"
	"testing"
	"testing/iotest"
	"unicode/utf8"

	"github.com/google/go-cmp/cmp"
)

// Fuzz seeds live in testdata/fuzz/<FuzzName>; these f.Add calls add a few more.

// fuzzOptions uses small limits, so that fuzzed inputs reach them.
func fuzzOptions(sel uint8) Options {
	return Options{
		Delimiter:      rune([]byte{0, ',', ';', '\t'}[sel%4]),
		MaxFieldBytes:  64,
		MaxRecordBytes: 256,
		MaxColumns:     64,
		ReuseRecord:    sel&4 != 0,
	}
}

// checkReader reads r to the end and checks what must hold for any input: no panic, an end, Rows 1, 2, 3…,
// Lines increasing (text formats), every record with fields or an error, valid UTF-8, limits kept.
func checkReader(t *testing.T, r *Reader, opt Options) {
	t.Helper()
	for _, name := range r.Header() {
		if !utf8.ValidString(name) {
			t.Fatalf("Header() name %q is not UTF-8", name)
		}
	}
	var prevLine int64
	for i := int64(1); ; i++ {
		if i > 1_000_000 {
			t.Fatal("Next() never returns io.EOF")
		}
		rec, err := r.Next()
		if err == io.EOF {
			return
		}
		if err != nil {
			if _, again := r.Next(); again != err {
				t.Fatalf("Next() after error %v = %v, want the same error", err, again)
			}
			return
		}
		if rec.Row != i {
			t.Fatalf("record %d has Row %d", i, rec.Row)
		}
		if r.Format() != FormatXLSX && rec.Line <= prevLine {
			t.Fatalf("Row %d: Line %d after Line %d", rec.Row, rec.Line, prevLine)
		}
		prevLine = rec.Line
		if len(rec.Fields) == 0 && rec.Err == nil {
			t.Fatalf("Row %d has neither fields nor an error", rec.Row)
		}
		if rec.Err != nil {
			var re *RowError
			if !errors.As(rec.Err, &re) || re.Row != rec.Row || re.Line != rec.Line {
				t.Fatalf("Row %d: Err = %#v, want a *RowError for this row", rec.Row, rec.Err)
			}
		}
		for _, f := range rec.Fields {
			if !utf8.ValidString(f) {
				t.Fatalf("Row %d: field %q is not UTF-8", rec.Row, f)
			}
			if rec.Err == nil && (len(f) > opt.MaxFieldBytes || strings.IndexByte(f, 0) >= 0) {
				t.Fatalf("Row %d: field %q accepted", rec.Row, f)
			}
		}
		if rec.Err == nil && r.Format() != FormatJSONL && len(rec.Fields) != len(r.Header()) {
			t.Fatalf("Row %d: %d fields, header has %d", rec.Row, len(rec.Fields), len(r.Header()))
		}
		if r.Format() == FormatJSONL && len(rec.Fields) > len(r.Header()) {
			t.Fatalf("Row %d: %d fields, header has only %d", rec.Row, len(rec.Fields), len(r.Header()))
		}
	}
}

// scanned is a CSV record as the scanner returned it.
type scanned struct {
	Line   int64
	Fields []string
	Reason Reason
	Index  int
}

// scanAll runs a csvSource over data read through wrap with an initial buffer of size bytes.
func scanAll(data []byte, delim byte, opt Options, size int, wrap func(io.Reader) io.Reader) []scanned {
	tb := newTextBuf(wrap(bytes.NewReader(data)), size)
	c := newCSVSource(tb, delim, &opt, true)
	var out []scanned
	for {
		rec, err := c.next()
		if err != nil {
			return out
		}
		s := scanned{Line: rec.Line, Fields: slices.Clone(rec.Fields)}
		if re, ok := rec.Err.(*RowError); ok {
			s.Reason, s.Index, s.Fields = re.Reason, re.Index, nil
		}
		if c.want == 0 {
			c.want = len(rec.Fields)
		}
		out = append(out, s)
	}
}

func FuzzCSV(f *testing.F) {
	f.Add([]byte("a,b\n1,\"x\ny\"\n\"bad,2\n3,4\n"), uint8(1))
	f.Add([]byte("a;b\r\n\"1\";\"\"\"\"\r\n"), uint8(2))
	f.Fuzz(func(t *testing.T, data []byte, sel uint8) {
		opt := fuzzOptions(sel)
		opt.Format, opt.Encoding = FormatCSV, EncodingUTF8
		if opt.Delimiter == 0 {
			opt.Delimiter = '|'
		}
		if r, err := New(bytes.NewReader(data), "fuzz.csv", opt); err == nil {
			checkReader(t, r, opt)
		}
		// How the input arrives must not change what is read.
		if err := opt.normalize(); err != nil {
			t.Fatal(err)
		}
		whole := scanAll(data, byte(opt.Delimiter), opt, initialBufSize, func(r io.Reader) io.Reader { return r })
		bytewise := scanAll(data, byte(opt.Delimiter), opt, 16, iotest.OneByteReader)
		if diff := cmp.Diff(whole, bytewise); diff != "" {
			t.Fatalf("records read whole and byte by byte differ (-whole +bytewise):\n%s", diff)
		}
	})
}

func FuzzJSONL(f *testing.F) {
	f.Add([]byte("{\"a\":1}\n{\"b\":[1,{\"c\":null}]}\nnope\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		opt := fuzzOptions(0)
		opt.Format = FormatJSONL
		if r, err := New(bytes.NewReader(data), "fuzz.jsonl", opt); err == nil {
			checkReader(t, r, opt)
		}
	})
}

func FuzzDetect(f *testing.F) {
	f.Add([]byte("a;b\n1;2\n"), "x.csv", uint8(0))
	f.Add([]byte("\xFF\xFEa\x00,\x00b\x00\n\x00"), "x.txt", uint8(1))
	f.Add([]byte("\x1f\x8b\x08\x00\x00\x00\x00\x00\x00\xff"), "x.gz", uint8(2))
	f.Fuzz(func(t *testing.T, data []byte, name string, sel uint8) {
		opt := fuzzOptions(sel)
		opt.Delimiter = 0
		if r, err := New(bytes.NewReader(data), name, opt); err == nil {
			checkReader(t, r, opt)
		}
	})
}

func FuzzXLSX(f *testing.F) {
	f.Add(testSheet1, testSST, testStyles, "")
	f.Add(testSheet2, testSST, "", `<workbookPr date1904="true"/>`)
	f.Fuzz(func(t *testing.T, sheet, sst, styles, workbookPr string) {
		parts := workbookParts([]testSheet{{"S", sheet}}, sst, styles, workbookPr)
		data := zipParts(t, parts, zip.Store)
		opt := fuzzOptions(0)
		r, err := New(bytes.NewReader(data), "fuzz.xlsx", opt)
		if err != nil {
			return
		}
		if _, err := r.MergedRanges(); err != nil {
			t.Fatalf("MergedRanges() error = %v", err)
		}
		checkReader(t, r, opt)
	})
}
