package sample

import (
	"encoding/csv"
	"strings"
	"testing"
	"unicode/utf8"

	"golang.org/x/text/encoding/charmap"
)

func TestNeedsQuote(t *testing.T) {
	tests := []struct {
		in   string
		want bool
	}{
		{"", false},
		{"ООО ТЕХНОСНАБ", false},
		{`ООО "ТЕХНОСНАБ"`, true},
		{"12345678", false},
		{"1234567,", true},
		{"12345678,", true},
		{"abcdefghijklmnop\r", true},
		{"abcdefgh\nijklmnop", true},
		{"РУЖЬЯ ОХОТНИЧЬИ ГРАЖДАНСКИЕ КАЛИБР 5.56 ММ", false},
		{"РУЖЬЯ ОХОТНИЧЬИ ГРАЖДАНСКИЕ, КАЛИБР 5.56 ММ", true},
		{"\x2c\x00\x00\x00\x00\x00\x00\x00", true},
		{"\xac\xa2\x8d\x8c\x8d\x8c\x8d\x8c\x8d", false}, // bytes that differ from the targets by the high bit only
	}
	for _, tt := range tests {
		if got := needsQuote(tt.in); got != tt.want {
			t.Errorf("needsQuote(%q) = %v, want %v", tt.in, got, tt.want)
		}
	}
	// every byte value at every offset of a 17-byte field
	for c := 0; c < 256; c++ {
		for pos := 0; pos < 17; pos++ {
			b := []byte(strings.Repeat("x", 17))
			b[pos] = byte(c)
			want := c == ',' || c == '"' || c == '\n' || c == '\r'
			if got := needsQuote(string(b)); got != want {
				t.Fatalf("needsQuote(byte %#x at %d) = %v, want %v", c, pos, got, want)
			}
		}
	}
}

// A row built with row reads back with encoding/csv as the same fields.
func TestRowRoundTrip(t *testing.T) {
	fields := []string{`ООО "ВЕКТОР"`, "a,b", "plain", "", "line\nbreak", `"`, "8.640000000000001"}
	var w row
	for _, f := range fields {
		w.str(f)
	}
	w.end(true)
	got, err := csv.NewReader(strings.NewReader(string(w.b))).Read()
	if err != nil {
		t.Fatalf("csv read %q: %v", w.b, err)
	}
	if strings.Join(got, "|") != strings.Join(fields, "|") {
		t.Errorf("round trip of %q = %q, want %q", w.b, got, fields)
	}
}

func TestAppendNum(t *testing.T) {
	tenth, qty, kg := 0.1, 24.0, 0.36 // variables: constant arithmetic would be exact
	tests := []struct {
		in   float64
		want string
	}{
		{600, "600"},
		{qty * kg, "8.64"},
		{tenth * 3, "0.30000000000000004"},
		{46.900000000000006, "46.900000000000006"},
		{1e15 + 0.5, "1000000000000000.5"},
	}
	for _, tt := range tests {
		if got := string(appendNum(nil, tt.in)); got != tt.want {
			t.Errorf("appendNum(%v) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestAppendCP1251(t *testing.T) {
	tests := []struct {
		in, want string // want: the text read back from Windows-1251
	}{
		{"ТОО «ҚАЗАҚ ТРЕЙД»", "ТОО «КАЗАК ТРЕЙД»"},
		{"ТӘУЕЛСІЗДІК № 5", "ТАУЕЛСІЗДІК № 5"},
		{"ÖZKAN TEKSTİL SAN. VE TİC. LTD. ŞTİ.", "OZKAN TEKSTIL SAN. VE TIC. LTD. STI."},
		{"plain ASCII, 8.64", "plain ASCII, 8.64"},
		{"中国", "??"},
	}
	dec := charmap.Windows1251.NewDecoder()
	for _, tt := range tests {
		b := appendCP1251(nil, []byte(tt.in))
		got, err := dec.Bytes(b)
		if err != nil {
			t.Fatalf("decode %q: %v", b, err)
		}
		if string(got) != tt.want {
			t.Errorf("appendCP1251(%q) read back = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestTruncRunes(t *testing.T) {
	s := strings.Repeat("Ж", 300)
	got := truncRunes([]byte(s), 250)
	if n := utf8.RuneCount(got); n != 250 || !utf8.Valid(got) {
		t.Errorf("truncRunes(300 runes, 250) = %d runes (valid %v), want 250", n, utf8.Valid(got))
	}
	if got := string(truncRunes([]byte("short"), 250)); got != "short" {
		t.Errorf("truncRunes(short, 250) = %q, want %q", got, "short")
	}
}
