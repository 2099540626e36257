package duckdb

import (
	"bytes"
	"testing"
	"unicode/utf8"

	"github.com/google/go-cmp/cmp"
)

func TestRawRoundTrip(t *testing.T) {
	tests := [][]string{
		{"a", "b", "c"},
		{""},
		{"tab\there", "line\nbreak\r\n", `back\slash`, "unit\x1fsep", `\t literal`, `ends with \`},
		{"ПП \"ЛЕОПОЛІСБУД\"", "中国北方工业有限公司", "NULL", `\N`},
	}
	for _, fields := range tests {
		e := rowEncoder{}
		e.rawRow(fields)
		line := string(e.b)
		if bytes.ContainsAny([]byte(line), "\t\n\r") {
			t.Errorf("rawRow(%q) wrote %q, which holds a tab or a line break", fields, line)
		}
		if got := decodeRaw(line); !cmp.Equal(got, fields) {
			t.Errorf("decodeRaw(rawRow(%q)) = %q", fields, got)
		}
	}
}

func FuzzRawRoundTrip(f *testing.F) {
	f.Add("a", "b\tc")
	f.Add(`\`, "\x1f\\s")
	f.Fuzz(func(t *testing.T, a, b string) {
		if !utf8.ValidString(a) || !utf8.ValidString(b) {
			return
		}
		e := rowEncoder{}
		e.rawRow([]string{a, b})
		if got := decodeRaw(string(e.b)); !cmp.Equal(got, []string{a, b}) {
			t.Errorf("decodeRaw(rawRow(%q, %q)) = %q", a, b, got)
		}
	})
}
