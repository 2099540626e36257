package table

import (
	"bytes"
	"compress/gzip"
	"errors"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/encoding/unicode"
)

var writeFixtures = flag.Bool("write-fixtures", false, "rewrite the generated files under testdata")

// fixtures returns the committed test files by name. All rows are synthetic. The files, and the fuzz seeds of
// seedCorpus, are written by `go test -run TestFixtures -write-fixtures`; otherwise TestFixtures checks that the
// committed bytes match their generator.
func fixtures(t *testing.T) map[string][]byte {
	utf16LE := unicode.UTF16(unicode.LittleEndian, unicode.UseBOM)
	utf16BE := unicode.UTF16(unicode.BigEndian, unicode.UseBOM)
	gz := func(s string) string {
		var b bytes.Buffer
		w := gzip.NewWriter(&b)
		w.Write([]byte(s))
		w.Close()
		return b.String()
	}
	shipments := "ID,HS_CODE\n1,8542310000\n2,9306210000\n"
	files := map[string]string{
		"bom_crlf.csv": "\xEF\xBB\xBFDECLARATION_NUMBER,DATE,IMPORTER_NAME,VALUE_USD\r\n" +
			"10012020/310325/0000001,2025-03-31,ООО Пример,1200.50\r\n" +
			"10012020/010425/0000002,2025-04-01,\"АО \"\"Тест\"\"\",99\r\n",
		"quoted.csv":       "id,description,qty\n1,\"Line one\nline two, with comma\",5\n2,\"He said \"\"yes\"\"\",6\n3,plain,7\n",
		"semicolon.csv":    "ID;NAME;WEIGHT_KG\n1;Alpha;12,5\n2;\"Beta; Gamma\";0,75\n",
		"tabs.tsv":         "ID\tNAME\tCOUNTRY\n1\tAlpha Ltd\tCN\n2\t\"Quoted\tTab\"\tTR\n",
		"cp1251.csv":       encode(t, charmap.Windows1251, "ИНН;НАИМЕНОВАНИЕ;СТРАНА\r\n7700000001;ООО «Пример»;Россия\r\n7700000002;АО Тест-Север;Казахстан\r\n"),
		"cp1252.csv":       encode(t, charmap.Windows1252, "NAME,CITY\r\nMüller GmbH,Köln\r\nSéverine Café,Genève\r\n"),
		"utf16le.txt":      encode(t, utf16LE, "ID\tNAME\r\n1\tТест\r\n2\t中文\r\n"),
		"utf16be.csv":      encode(t, utf16BE, "ID,NAME\n1,Ωmega\n"),
		"shipments.csv.gz": gz(shipments),
		"download.bin":     gz(shipments),
		"lines.jsonl":      "{\"id\":1,\"name\":\"Alpha\",\"value\":10.50}\n{\"id\":2,\"name\":\"Beta\",\"tags\":[\"x\", \"y\"]}\nnot json\n{\"id\":3,\"extra\":{\"k\":null}}\n",
		"ragged.csv":       "a,b,c\n1,2,3\n4,5\n6,7,8,9\n10,11,12,\n",
		"unbalanced.csv":   "id,name\n1,\"Alpha\n2,Beta\n3,\"Gamma\"\n4,Delta\n",
		"binary.csv":       "id,name\n1,ok\n2,\x00\x00\x01\x02\x03\n3,fine\n",
		"empty.csv":        "",
		"midbom.csv":       "\xEF\xBB\xBFid,name\n1,a\n\xEF\xBB\xBFid,name\n2,b\n",
	}
	out := make(map[string][]byte, len(files))
	for name, s := range files {
		out[name] = []byte(s)
	}
	return out
}

// corpusFile renders fuzz arguments in the format of testdata/fuzz files.
func corpusFile(args ...any) []byte {
	var b bytes.Buffer
	b.WriteString("go test fuzz v1\n")
	for _, a := range args {
		switch v := a.(type) {
		case []byte:
			fmt.Fprintf(&b, "[]byte(%q)\n", v)
		case string:
			fmt.Fprintf(&b, "string(%q)\n", v)
		case byte:
			fmt.Fprintf(&b, "byte(%q)\n", rune(v))
		}
	}
	return b.Bytes()
}

// seedCorpus returns the committed fuzz seeds by path under testdata: every fixture file, and a few inputs
// aimed at the scanners' edges.
func seedCorpus(t *testing.T) map[string][]byte {
	seeds := make(map[string][]byte)
	edges := map[string]string{
		"quoted-newline":  "a,b\n1,\"x\ny\"\n2,3\n",
		"unbalanced":      "a,b\n\"oops,1\n2,3\n",
		"stray-after-nl":  "a,b\n1,\"x\ny\"z\"\n",
		"cr-only":         "a,b\r1,2\r",
		"crlf-split":      "a,b\r\n\"1\"\r\n\"2\"\r",
		"long-field":      "a,b\n1," + strings.Repeat("x", 70) + "\n2,3\n",
		"long-quoted":     "a,b\n\"" + strings.Repeat("y\n", 40) + "\",1\n",
		"long-record":     "a\n" + strings.Repeat("1234567890,", 30) + "\n",
		"mid-bom":         "a,b\n\xEF\xBB\xBFa,b\n1,2\n",
		"nul-and-invalid": "a,b\n\x00,\xff\n",
	}
	for name, in := range edges {
		seeds["FuzzCSV/seed-"+name] = corpusFile([]byte(in), byte(1))
	}
	for name, data := range fixtures(t) {
		seeds["FuzzDetect/seed-"+name] = corpusFile(data, name, byte(0))
		if strings.HasSuffix(name, ".csv") {
			seeds["FuzzCSV/seed-"+name] = corpusFile(data, byte(2))
		}
	}
	for name, in := range map[string]string{
		"lines":    string(fixtures(t)["lines.jsonl"]),
		"nested":   `{"a":{"b":[1,2,{"c":"d"}]},"e":"\u00e9\ud83d\ude00"}` + "\n",
		"bad-utf8": "{\"a\":\"\xff\"}\n{\"a\":1}\n",
		"long":     `{"a":"` + strings.Repeat("z", 300) + `"}` + "\n{\"b\":2}\n",
	} {
		seeds["FuzzJSONL/seed-"+name] = corpusFile([]byte(in))
	}
	seeds["FuzzXLSX/seed-declarations"] = corpusFile(testSheet1, testSST, testStyles, "")
	seeds["FuzzXLSX/seed-second"] = corpusFile(testSheet2, testSST, "", `<workbookPr date1904="1"/>`)
	seeds["FuzzXLSX/seed-odd-refs"] = corpusFile(worksheet(
		`<row r="0"><c r="XFD1" t="inlineStr"><is><t>far</t></is></c><c r="1A"><v>1</v></c></row><row><c t="s"><v>-1</v></c><c t="b"><v>2</v></c></row>`,
		`<mergeCells><mergeCell ref="A1:XFD2"/><mergeCell ref="bogus"/></mergeCells>`), testSST, testStyles, "")
	return seeds
}

func TestFixtures(t *testing.T) {
	files := fixtures(t)
	for path, data := range seedCorpus(t) {
		files[filepath.Join("fuzz", path)] = data
	}
	for name, want := range files {
		path := filepath.Join("testdata", name)
		if *writeFixtures {
			if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(path, want, 0o644); err != nil {
				t.Fatal(err)
			}
			continue
		}
		got, err := os.ReadFile(path)
		if err != nil {
			t.Fatalf("%v (run with -write-fixtures to create it)", err)
		}
		if !bytes.Equal(got, want) {
			t.Errorf("testdata/%s differs from its generator (run with -write-fixtures)", name)
		}
	}
}

func TestFixtureFiles(t *testing.T) {
	tests := []struct {
		file   string
		format Format
		enc    Encoding
		delim  rune
		header []string
		rows   []row
	}{
		{"bom_crlf.csv", FormatCSV, EncodingUTF8, ',', []string{"DECLARATION_NUMBER", "DATE", "IMPORTER_NAME", "VALUE_USD"}, []row{
			ok(1, 2, "10012020/310325/0000001", "2025-03-31", "ООО Пример", "1200.50"),
			ok(2, 3, "10012020/010425/0000002", "2025-04-01", `АО "Тест"`, "99"),
		}},
		{"quoted.csv", FormatCSV, EncodingUTF8, ',', []string{"id", "description", "qty"}, []row{
			ok(1, 2, "1", "Line one\nline two, with comma", "5"), ok(2, 4, "2", `He said "yes"`, "6"), ok(3, 5, "3", "plain", "7"),
		}},
		{"semicolon.csv", FormatCSV, EncodingUTF8, ';', []string{"ID", "NAME", "WEIGHT_KG"}, []row{
			ok(1, 2, "1", "Alpha", "12,5"), ok(2, 3, "2", "Beta; Gamma", "0,75"),
		}},
		{"tabs.tsv", FormatTSV, EncodingUTF8, '\t', []string{"ID", "NAME", "COUNTRY"}, []row{
			ok(1, 2, "1", "Alpha Ltd", "CN"), ok(2, 3, "2", "Quoted\tTab", "TR"),
		}},
		{"cp1251.csv", FormatCSV, EncodingWindows1251, ';', []string{"ИНН", "НАИМЕНОВАНИЕ", "СТРАНА"}, []row{
			ok(1, 2, "7700000001", "ООО «Пример»", "Россия"), ok(2, 3, "7700000002", "АО Тест-Север", "Казахстан"),
		}},
		{"cp1252.csv", FormatCSV, EncodingWindows1252, ',', []string{"NAME", "CITY"}, []row{
			ok(1, 2, "Müller GmbH", "Köln"), ok(2, 3, "Séverine Café", "Genève"),
		}},
		{"utf16le.txt", FormatTSV, EncodingUTF16LE, '\t', []string{"ID", "NAME"}, []row{ok(1, 2, "1", "Тест"), ok(2, 3, "2", "中文")}},
		{"utf16be.csv", FormatCSV, EncodingUTF16BE, ',', []string{"ID", "NAME"}, []row{ok(1, 2, "1", "Ωmega")}},
		{"shipments.csv.gz", FormatCSV, EncodingUTF8, ',', []string{"ID", "HS_CODE"}, []row{ok(1, 2, "1", "8542310000"), ok(2, 3, "2", "9306210000")}},
		{"download.bin", FormatCSV, EncodingUTF8, ',', []string{"ID", "HS_CODE"}, []row{ok(1, 2, "1", "8542310000"), ok(2, 3, "2", "9306210000")}},
		{"lines.jsonl", FormatJSONL, EncodingUTF8, 0, []string{"id", "name", "value", "tags", "extra"}, []row{
			ok(1, 1, "1", "Alpha", "10.50"), ok(2, 2, "2", "Beta", "", `["x","y"]`), bad(3, 3, ReasonBadJSON), ok(4, 4, "3", "", "", "", `{"k":null}`),
		}},
		{"ragged.csv", FormatCSV, EncodingUTF8, ',', []string{"a", "b", "c"}, []row{
			ok(1, 2, "1", "2", "3"), bad(2, 3, ReasonTooFewFields), bad(3, 4, ReasonTooManyFields), ok(4, 5, "10", "11", "12"),
		}},
		{"unbalanced.csv", FormatCSV, EncodingUTF8, ',', []string{"id", "name"}, []row{
			bad(1, 2, ReasonUnterminatedQuote), ok(2, 3, "2", "Beta"), ok(3, 4, "3", "Gamma"), ok(4, 5, "4", "Delta"),
		}},
		{"binary.csv", FormatCSV, EncodingUTF8, ',', []string{"id", "name"}, []row{ok(1, 2, "1", "ok"), bad(2, 3, ReasonBinary), ok(3, 4, "3", "fine")}},
		{"midbom.csv", FormatCSV, EncodingUTF8, ',', []string{"id", "name"}, []row{ok(1, 2, "1", "a"), bad(2, 3, ReasonRepeatedHeader), ok(3, 4, "2", "b")}},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			r, err := Open(filepath.Join("testdata", tt.file), Options{})
			if err != nil {
				t.Fatal(err)
			}
			defer r.Close()
			if r.Format() != tt.format || r.Encoding() != tt.enc || r.Delimiter() != tt.delim {
				t.Errorf("Format(), Encoding(), Delimiter() = %v, %v, %q, want %v, %v, %q",
					r.Format(), r.Encoding(), r.Delimiter(), tt.format, tt.enc, tt.delim)
			}
			if diff := cmp.Diff(tt.rows, readRows(t, r)); diff != "" {
				t.Errorf("rows mismatch (-want +got):\n%s", diff)
			}
			if diff := cmp.Diff(tt.header, r.Header()); diff != "" {
				t.Errorf("Header() mismatch (-want +got):\n%s", diff)
			}
		})
	}
	if _, err := Open("testdata/empty.csv", Options{}); !errors.Is(err, ErrEmpty) {
		t.Errorf("Open(empty.csv) error = %v, want ErrEmpty", err)
	}
}
