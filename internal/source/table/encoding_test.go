package table

import (
	"bytes"
	"io"
	"strings"
	"testing"
	"testing/iotest"

	"github.com/google/go-cmp/cmp"
	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/encoding/unicode"
)

// encode converts UTF-8 text to enc, failing the test on characters enc cannot represent.
func encode(t testing.TB, enc encoding.Encoding, s string) string {
	t.Helper()
	b, err := enc.NewEncoder().Bytes([]byte(s))
	if err != nil {
		t.Fatalf("encode %q: %v", s, err)
	}
	return string(b)
}

const (
	cyrillicCSV = "Декларация;Отправитель;Страна\n10012020/310325/5016594;ООО «Ромашка», Москва;Россия\n2;ТОО Алма;Казахстан\n"
	westernCSV  = "Name,City,Note\nMüller GmbH,Köln,Straße\nCafé René,Genève,Ça va\n"
)

func TestEncodingDetection(t *testing.T) {
	utf16LE := unicode.UTF16(unicode.LittleEndian, unicode.UseBOM)
	utf16BE := unicode.UTF16(unicode.BigEndian, unicode.UseBOM)
	utf16LENoBOM := unicode.UTF16(unicode.LittleEndian, unicode.IgnoreBOM)
	tests := []struct {
		name string
		in   string
		opt  Options
		want Encoding
		text string // the UTF-8 text the records must spell
	}{
		{"utf-8", cyrillicCSV, Options{}, EncodingUTF8, cyrillicCSV},
		{"utf-8 bom", "\xEF\xBB\xBF" + cyrillicCSV, Options{}, EncodingUTF8, cyrillicCSV},
		{"windows-1251", encode(t, charmap.Windows1251, cyrillicCSV), Options{}, EncodingWindows1251, cyrillicCSV},
		{"windows-1252", encode(t, charmap.Windows1252, westernCSV), Options{}, EncodingWindows1252, westernCSV},
		{"utf-16le bom", encode(t, utf16LE, cyrillicCSV), Options{}, EncodingUTF16LE, cyrillicCSV},
		{"utf-16be bom", encode(t, utf16BE, westernCSV), Options{}, EncodingUTF16BE, westernCSV},
		{"utf-16le without bom", encode(t, utf16LENoBOM, westernCSV), Options{}, EncodingUTF16LE, westernCSV},
		{"forced koi8-r", encode(t, charmap.KOI8R, "Имя;Страна\nООО Ромашка;Россия\n"), Options{Encoding: EncodingKOI8R}, EncodingKOI8R, "Имя;Страна\nООО Ромашка;Россия\n"},
		{"forced ibm866", encode(t, charmap.CodePage866, "А;Б\nв;г\n"), Options{Encoding: EncodingIBM866}, EncodingIBM866, "А;Б\nв;г\n"},
		{"forced utf-8 strips bom", "\xEF\xBB\xBFa;b\n1;2\n", Options{Encoding: EncodingUTF8}, EncodingUTF8, "a;b\n1;2\n"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := openString(t, "x.csv", tt.in, tt.opt)
			if r.Encoding() != tt.want {
				t.Errorf("Encoding() = %v, want %v", r.Encoding(), tt.want)
			}
			lines := []string{strings.Join(r.Header(), string(r.Delimiter()))}
			for _, rw := range readRows(t, r) {
				if rw.Reason != 0 {
					t.Errorf("row %d: %v", rw.Row, rw.Reason)
				}
				lines = append(lines, strings.Join(rw.Fields, string(r.Delimiter())))
			}
			if diff := cmp.Diff(strings.TrimSuffix(tt.text, "\n"), strings.Join(lines, "\n")); diff != "" {
				t.Errorf("decoded text mismatch (-want +got):\n%s", diff)
			}
		})
	}
}

func TestDetectEncoding(t *testing.T) {
	tests := []struct {
		name string
		in   string
		want Encoding
		bom  int
	}{
		{"ascii", "a,b\n1,2\n", EncodingUTF8, 0},
		{"utf-8 with one damaged byte", strings.Repeat("Привет,мир\n", 10) + "\xff\n", EncodingUTF8, 0},
		{"cyrillic upper case", encode(t, charmap.Windows1251, "ООО РОМАШКА;ИНН 7707083893\n"), EncodingWindows1251, 0},
		{"single cyrillic letters are a tie", encode(t, charmap.Windows1251, "a и b\n"), EncodingWindows1251, 0},
		{"latin accents", encode(t, charmap.Windows1252, "São Paulo;Zürich;Málaga\n"), EncodingWindows1252, 0},
		{"utf-16le bom", "\xFF\xFEa\x00", EncodingUTF16LE, 2},
		{"utf-16be bom", "\xFE\xFF\x00a", EncodingUTF16BE, 2},
	}
	for _, tt := range tests {
		got, bom := detectEncoding([]byte(tt.in), true)
		if got != tt.want || bom != tt.bom {
			t.Errorf("detectEncoding(%s) = %v, %d, want %v, %d", tt.name, got, bom, tt.want, tt.bom)
		}
	}
	// A sample cut in the middle of a UTF-8 sequence is still UTF-8.
	cut := []byte("Привет")[:5]
	if got, _ := detectEncoding(cut, false); got != EncodingUTF8 {
		t.Errorf("detectEncoding(cut sample) = %v, want utf-8", got)
	}
}

func TestSingleByteReader(t *testing.T) {
	all := make([]byte, 256)
	for i := range all {
		all[i] = byte(i)
	}
	src := bytes.Repeat(all, 40)
	for _, cm := range []*charmap.Charmap{charmap.Windows1251, charmap.Windows1252, charmap.KOI8R} {
		want, err := cm.NewDecoder().Bytes(src)
		if err != nil {
			t.Fatal(err)
		}
		readers := map[string]func(io.Reader) io.Reader{
			"plain":    func(r io.Reader) io.Reader { return r },
			"one byte": iotest.OneByteReader,
			"half":     iotest.HalfReader,
			"data+eof": iotest.DataErrReader,
		}
		for name, wrap := range readers {
			got, err := io.ReadAll(wrap(newSingleByteReader(bytes.NewReader(src), newByteTable(cm))))
			if err != nil {
				t.Fatal(err)
			}
			if !bytes.Equal(got, want) {
				t.Errorf("singleByteReader(%v, %s) differs from the x/text decoder", cm, name)
			}
		}
	}
}

func TestParseEncoding(t *testing.T) {
	tests := []struct {
		in   string
		want Encoding
	}{
		{"cp1251", EncodingWindows1251}, {"Windows-1251", EncodingWindows1251}, {"latin1", EncodingWindows1252},
		{"UTF-8", EncodingUTF8}, {"utf-16be", EncodingUTF16BE}, {"", EncodingAuto}, {"KOI8-R", EncodingKOI8R},
	}
	for _, tt := range tests {
		got, err := ParseEncoding(tt.in)
		if err != nil || got != tt.want {
			t.Errorf("ParseEncoding(%q) = %v, %v, want %v", tt.in, got, err, tt.want)
		}
		if tt.want != EncodingAuto {
			if back, _ := ParseEncoding(got.String()); back != got {
				t.Errorf("ParseEncoding(%q.String()) = %v, want %v", got, back, got)
			}
		}
	}
	if _, err := ParseEncoding("ebcdic"); err == nil {
		t.Error("ParseEncoding(ebcdic) error = nil, want an error")
	}
}

func TestParseFormat(t *testing.T) {
	for _, f := range []Format{FormatAuto, FormatCSV, FormatTSV, FormatXLSX, FormatJSONL} {
		if got, err := ParseFormat(f.String()); err != nil || got != f {
			t.Errorf("ParseFormat(%q) = %v, %v, want %v", f.String(), got, err, f)
		}
	}
	if got, err := ParseFormat("NDJSON"); err != nil || got != FormatJSONL {
		t.Errorf("ParseFormat(NDJSON) = %v, %v, want jsonl", got, err)
	}
	if _, err := ParseFormat("xls"); err == nil {
		t.Error("ParseFormat(xls) error = nil, want an error")
	}
}
