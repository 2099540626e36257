package export

import (
	"bytes"
	"encoding/csv"
	"encoding/xml"
	"strings"
	"testing"
)

// FuzzCSV writes any two cells and reads them back: they come back neutralised, and otherwise unchanged
// (encoding/csv reads a quoted \r\n as \n).
func FuzzCSV(f *testing.F) {
	f.Add("a", "b")
	f.Add("=1+1", "line\r\nbreak")
	f.Add(`"quoted", comma`, "\x00")
	f.Fuzz(func(t *testing.T, a, b string) {
		var buf bytes.Buffer
		if err := WriteCSV(&buf, &Table{Columns: []string{"a", "b"}, Rows: [][]string{{a, b}}}); err != nil {
			t.Fatal(err)
		}
		recs, err := csv.NewReader(&buf).ReadAll()
		if err != nil {
			t.Fatalf("read back %q, %q: %v", a, b, err)
		}
		norm := func(s string) string {
			return strings.ReplaceAll(strings.ReplaceAll(Neutralise(s), "\r\n", "\n"), "\r", "\n")
		}
		if len(recs) != 2 || recs[1][0] != norm(a) || recs[1][1] != norm(b) {
			t.Errorf("read back %q, want [%q %q]", recs, norm(a), norm(b))
		}
	})
}

// FuzzXMLText escapes any string into an attribute and a text node and parses them back: the document is
// well-formed and says what the string said, with the characters XML cannot hold replaced.
func FuzzXMLText(f *testing.F) {
	f.Add(`<a href="x">&amp;</a>`)
	f.Add("bell\x07\ttab\r\n")
	f.Add("\xff\xfe")
	f.Fuzz(func(t *testing.T, s string) {
		doc := `<r a="` + xmlText(s) + `">` + xmlText(s) + `</r>`
		var v struct {
			A    string `xml:"a,attr"`
			Text string `xml:",chardata"`
		}
		if err := xml.Unmarshal([]byte(doc), &v); err != nil {
			t.Fatalf("xmlText(%q) is not well-formed: %v", s, err)
		}
		want := strings.Map(func(r rune) rune {
			if !xmlChar(r) {
				return '\uFFFD'
			}
			return r
		}, string([]rune(s)))
		if v.A != want || v.Text != want {
			t.Errorf("xmlText(%q) read back as %q / %q, want %q", s, v.A, v.Text, want)
		}
	})
}
