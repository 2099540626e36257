package table

import (
	"errors"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestJSONL(t *testing.T) {
	tests := []struct {
		name   string
		file   string
		in     string
		header []string // after reading everything
		rows   []row
	}{
		{
			name: "header grows with new keys", file: "x.jsonl",
			in:     "{\"a\":1,\"b\":\"x\"}\n\n{\"b\":\"y\",\"c\":{\"d\": [1, 2]}}\r\n{\"a\":1.50,\"n\":null,\"t\":true,\"e\":1e3}\n",
			header: []string{"a", "b", "c", "n", "t", "e"},
			rows: []row{
				ok(1, 1, "1", "x"),
				ok(2, 3, "", "y", `{"d":[1,2]}`),
				ok(3, 4, "1.50", "", "", "", "true", "1e3"),
			},
		},
		{
			name: "bad lines are row errors", file: "data.txt",
			in:     "{\"a\":\"é\"}\nnot json\n[1,2]\n{\"a\":1} trailing\n{\"a\":\n{}\n{\"a\":\"\\u0041\"}",
			header: []string{"a"},
			rows: []row{
				ok(1, 1, "é"), bad(2, 2, ReasonBadJSON), bad(3, 3, ReasonBadJSON), bad(4, 4, ReasonBadJSON),
				bad(5, 5, ReasonBadJSON), ok(6, 7, "A"),
			},
		},
		{
			name: "bad first line", file: "x.ndjson", in: "oops\n{\"a\":1}\n",
			header: []string{"a"},
			rows:   []row{bad(1, 1, ReasonBadJSON), ok(2, 2, "1")},
		},
		{
			name: "repeated key: last wins", file: "x.jsonl", in: "{\"a\":1,\"a\":2}\n",
			header: []string{"a"},
			rows:   []row{ok(1, 1, "2")},
		},
		{
			name: "nul byte", file: "x.jsonl", in: "{\"a\":1}\n{\"a\":\"\x00\"}\n",
			header: []string{"a"},
			rows:   []row{ok(1, 1, "1"), bad(2, 2, ReasonBinary)},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := openString(t, tt.file, tt.in, Options{})
			if r.Format() != FormatJSONL {
				t.Errorf("Format() = %v, want jsonl", r.Format())
			}
			if diff := cmp.Diff(tt.rows, readRows(t, r)); diff != "" {
				t.Errorf("rows mismatch (-want +got):\n%s", diff)
			}
			if diff := cmp.Diff(tt.header, r.Header()); diff != "" {
				t.Errorf("Header() mismatch (-want +got):\n%s", diff)
			}
		})
	}
}

func TestJSONLHeaderAtOpen(t *testing.T) {
	r := openString(t, "x.jsonl", "{\"b\":1,\"a\":2}\n{\"c\":3}\n", Options{})
	if diff := cmp.Diff([]string{"b", "a"}, r.Header()); diff != "" {
		t.Errorf("Header() before Next mismatch (-want +got):\n%s", diff)
	}
}

func TestJSONLErrors(t *testing.T) {
	tests := []struct {
		name string
		in   string
		opt  Options
		want error
	}{
		{"no object", "1\n2\n\"x\"\n", Options{}, ErrNoHeader},
		{"only garbage", strings.Repeat("x\n", maxLeadingBadLines+5), Options{}, ErrNoHeader},
		{"blank", " \n\n", Options{}, ErrEmpty},
	}
	for _, tt := range tests {
		if _, err := New(strings.NewReader(tt.in), "x.jsonl", tt.opt); !errors.Is(err, tt.want) {
			t.Errorf("New(%s) error = %v, want %v", tt.name, err, tt.want)
		}
	}
	// Keys past MaxColumns make a row error, not a wider header.
	r := openString(t, "x.jsonl", "{\"a\":1}\n{\"b\":1,\"c\":2}\n{\"a\":3}\n", Options{MaxColumns: 2})
	got := readRows(t, r)
	if want := []row{ok(1, 1, "1"), bad(2, 2, ReasonTooManyFields), ok(3, 3, "3")}; !cmp.Equal(want, got) {
		t.Errorf("rows with MaxColumns 2 = %v, want %v", got, want)
	}
}

func TestJSONLInvalidUTF8(t *testing.T) {
	r := openString(t, "x.jsonl", "{\"k\":1}\n{\"a\xff\":\"v\xfe\"}\n{\"a\xff\":3,\"k\":\"\\u0041\"}\n", Options{Encoding: EncodingUTF8})
	want := []row{ok(1, 1, "1"), bad(2, 2, ReasonInvalidUTF8), bad(3, 3, ReasonInvalidUTF8)}
	if diff := cmp.Diff(want, readRows(t, r)); diff != "" {
		t.Errorf("rows mismatch (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff([]string{"k", "a\uFFFD"}, r.Header()); diff != "" {
		t.Errorf("Header() mismatch (-want +got):\n%s", diff)
	}
}
