package export

import (
	"archive/zip"
	"bytes"
	"encoding/csv"
	"encoding/json"
	"encoding/xml"
	"io"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"tradetrace/internal/trade"
)

// hostile holds what data from strangers may hold: markup, entities, quotes, control characters, formula
// prefixes, scripts other than Latin, line breaks and delimiters.
var hostile = []string{
	`<script>alert("x")</script>`,
	`AT&T "quoted" 'single'`,
	"=HYPERLINK(\"http://evil\",\"click\")",
	"+1+1", "-cmd|' /C calc'!A0", "@SUM(A1)",
	"\tleading tab", "bell\x07 and nul\x00 inside",
	"ООО «Ромашка»; 有限公司",
	"line one\nline two\r\nthree",
	`a,b;c"d`, "-12.5", "0012", "",
	"\xff\xfe invalid utf-8",
}

func hostileTable() *Table {
	t := &Table{Name: "findings: <2022>/[x]", Columns: []string{"id", "text", "value", "code"}, Types: []ColumnType{ColumnAuto, ColumnAuto, ColumnNumber, ColumnText}}
	for i, h := range hostile {
		t.Rows = append(t.Rows, []string{strings.Repeat("9", i%3+1), h, "1234.5", "8471300000"})
	}
	t.Rows = append(t.Rows, []string{"42"}) // short row: padded
	return t
}

func TestNeutralise(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"=1+1", "'=1+1"}, {"+7 495", "'+7 495"}, {"-x", "'-x"}, {"@x", "'@x"}, {"\tx", "'\tx"},
		{"-12.5", "-12.5"}, {"12", "12"}, {"a=b", "a=b"}, {"", ""}, {"'=x", "'=x"},
	} {
		if got := Neutralise(tc.in); got != tc.want {
			t.Errorf("Neutralise(%q) = %q, want %q", tc.in, got, tc.want)
		}
		if got := Neutralise(tc.in); got != tc.in && !IsNeutralised(got) {
			t.Errorf("IsNeutralised(%q) = false, want true", got)
		}
	}
}

// TestCSVRoundTrip writes hostile cells and reads them back with encoding/csv: every cell comes back as
// written, except formula prefixes, which come back neutralised.
func TestCSVRoundTrip(t *testing.T) {
	tab := hostileTable()
	var buf bytes.Buffer
	if err := WriteCSV(&buf, tab); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(buf.String(), "\r\n") {
		t.Errorf("CSV has no CRLF line ends")
	}
	r := csv.NewReader(&buf)
	got, err := r.ReadAll()
	if err != nil {
		t.Fatalf("read back: %v", err)
	}
	want := [][]string{tab.Columns}
	for _, row := range tab.Rows {
		rec := make([]string, len(tab.Columns))
		for i := range rec {
			if i < len(row) {
				rec[i] = Neutralise(row[i])
			}
		}
		want = append(want, rec)
	}
	// encoding/csv reads \r\n inside a quoted field as \n.
	for _, rec := range want {
		for i := range rec {
			rec[i] = strings.ReplaceAll(strings.ReplaceAll(rec[i], "\r\n", "\n"), "\r", "\n")
		}
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("CSV read back (-want +got):\n%s", diff)
	}
	for _, rec := range got {
		for _, c := range rec {
			if c != "" && strings.ContainsRune("=+@", rune(c[0])) {
				t.Errorf("cell %q starts with a formula prefix", c)
			}
		}
	}
	if err := WriteCSV(io.Discard, &Table{Columns: []string{"a"}, Rows: [][]string{{"1", "2"}}}); err == nil {
		t.Errorf("WriteCSV(row longer than header) = nil, want an error")
	}
}

// xlsxSheet is the part of a worksheet the test reads back.
type xlsxSheet struct {
	Rows []struct {
		R     int `xml:"r,attr"`
		Cells []struct {
			Ref    string `xml:"r,attr"`
			Type   string `xml:"t,attr"`
			Value  string `xml:"v"`
			Inline string `xml:"is>t"`
		} `xml:"c"`
	} `xml:"sheetData>row"`
}

// TestXLSX writes a workbook, opens it with archive/zip, checks its parts are well-formed XML and reads the
// cells back: text as inline strings (neutralised, XML-forbidden characters replaced), numbers as numbers,
// text columns as text even when they look like numbers.
func TestXLSX(t *testing.T) {
	tab := hostileTable()
	var buf bytes.Buffer
	if err := WriteXLSX(&buf, tab); err != nil {
		t.Fatal(err)
	}
	zr, err := zip.NewReader(bytes.NewReader(buf.Bytes()), int64(buf.Len()))
	if err != nil {
		t.Fatalf("open xlsx as zip: %v", err)
	}
	parts := map[string][]byte{}
	for _, f := range zr.File {
		rc, err := f.Open()
		if err != nil {
			t.Fatal(err)
		}
		b, _ := io.ReadAll(rc)
		rc.Close()
		parts[f.Name] = b
		if err := wellFormed(b); err != nil {
			t.Errorf("part %s is not well-formed XML: %v", f.Name, err)
		}
	}
	for _, name := range []string{"[Content_Types].xml", "_rels/.rels", "xl/workbook.xml", "xl/_rels/workbook.xml.rels", "xl/styles.xml", "xl/worksheets/sheet1.xml"} {
		if _, ok := parts[name]; !ok {
			t.Errorf("xlsx lacks part %s", name)
		}
	}
	var wb struct {
		Sheets []struct {
			Name string `xml:"name,attr"`
		} `xml:"sheets>sheet"`
	}
	if err := xml.Unmarshal(parts["xl/workbook.xml"], &wb); err != nil {
		t.Fatal(err)
	}
	if len(wb.Sheets) != 1 || wb.Sheets[0].Name != "findings_ <2022>__x_" {
		t.Errorf("sheet names = %+v, want one named %q", wb.Sheets, "findings_ <2022>__x_")
	}
	var sh xlsxSheet
	if err := xml.Unmarshal(parts["xl/worksheets/sheet1.xml"], &sh); err != nil {
		t.Fatal(err)
	}
	if len(sh.Rows) != len(tab.Rows)+1 {
		t.Fatalf("sheet has %d rows, want %d", len(sh.Rows), len(tab.Rows)+1)
	}
	cell := func(r, c int) (string, string, bool) {
		ref := columnName(c) + strconv.Itoa(r+1)
		for _, x := range sh.Rows[r].Cells {
			if x.Ref == ref {
				if x.Type == "inlineStr" {
					return x.Inline, "s", true
				}
				return x.Value, "n", true
			}
		}
		return "", "", false
	}
	for i, col := range tab.Columns {
		if v, typ, _ := cell(0, i); v != col || typ != "s" {
			t.Errorf("header %d = %q (%s), want %q as text", i, v, typ, col)
		}
	}
	for r, row := range tab.Rows {
		for c := range tab.Columns {
			want := ""
			if c < len(row) {
				want = row[c]
			}
			got, typ, ok := cell(r+1, c)
			if want == "" {
				if ok {
					t.Errorf("cell %s%d = %q, want no cell", columnName(c), r+2, got)
				}
				continue
			}
			wantType := "s"
			if c == 0 || c == 2 || want == "-12.5" {
				wantType = "n"
			}
			wantText := strings.Map(func(r rune) rune {
				if !xmlChar(r) {
					return '\uFFFD'
				}
				return r
			}, string([]rune(Neutralise(want))))
			if got != wantText || typ != wantType {
				t.Errorf("cell %s%d = %q (%s), want %q (%s)", columnName(c), r+2, got, typ, wantText, wantType)
			}
		}
	}
}

func TestColumnName(t *testing.T) {
	for i, want := range map[int]string{0: "A", 25: "Z", 26: "AA", 27: "AB", 51: "AZ", 52: "BA", 701: "ZZ", 702: "AAA"} {
		if got := columnName(i); got != want {
			t.Errorf("columnName(%d) = %q, want %q", i, got, want)
		}
	}
}

// wellFormed parses b as XML to the end.
func wellFormed(b []byte) error {
	d := xml.NewDecoder(bytes.NewReader(b))
	for {
		_, err := d.Token()
		if err == io.EOF {
			return nil
		}
		if err != nil {
			return err
		}
	}
}

func hostileGraph() *Graph {
	return &Graph{
		Nodes: []Node{
			{ID: "p1", Label: `NORINCO <b>"China North"</b> & Co`, Kind: "party", Country: "CN", Risk: 0.95, Attrs: map[string]string{"note": "bell\x07"}},
			{ID: "p&2", Label: "ООО «Техкрим»", Kind: "party", Country: "RU", Risk: 0.8},
			{ID: "p3", Label: "=cmd", Kind: "party", Country: "AE"},
		},
		Edges: []Edge{
			{Source: "p1", Target: "p&2", Weight: 650000, Lines: 3, Attrs: map[string]string{"goods": "rifles <CQ-A>"}},
			{Source: "p3", Target: "p&2", Weight: 1.5, Lines: 1},
		},
	}
}

// TestGraphML writes a graph with hostile labels and parses it back as GraphML.
func TestGraphML(t *testing.T) {
	g := hostileGraph()
	var buf bytes.Buffer
	if err := WriteGraphML(&buf, g); err != nil {
		t.Fatal(err)
	}
	var doc struct {
		XMLName xml.Name
		Keys    []struct {
			ID   string `xml:"id,attr"`
			For  string `xml:"for,attr"`
			Name string `xml:"attr.name,attr"`
		} `xml:"key"`
		Graph struct {
			EdgeDefault string `xml:"edgedefault,attr"`
			Nodes       []struct {
				ID   string `xml:"id,attr"`
				Data []struct {
					Key   string `xml:"key,attr"`
					Value string `xml:",chardata"`
				} `xml:"data"`
			} `xml:"node"`
			Edges []struct {
				Source string `xml:"source,attr"`
				Target string `xml:"target,attr"`
				Data   []struct {
					Key   string `xml:"key,attr"`
					Value string `xml:",chardata"`
				} `xml:"data"`
			} `xml:"edge"`
		} `xml:"graph"`
	}
	if err := xml.Unmarshal(buf.Bytes(), &doc); err != nil {
		t.Fatalf("parse graphml: %v\n%s", err, buf.String())
	}
	if doc.XMLName.Space != "http://graphml.graphdrawing.org/xmlns" || doc.XMLName.Local != "graphml" {
		t.Errorf("root = %v, want graphml in the GraphML namespace", doc.XMLName)
	}
	if doc.Graph.EdgeDefault != "directed" || len(doc.Graph.Nodes) != 3 || len(doc.Graph.Edges) != 2 {
		t.Fatalf("graph = %s edges, %d nodes, %d edges; want directed, 3, 2", doc.Graph.EdgeDefault, len(doc.Graph.Nodes), len(doc.Graph.Edges))
	}
	data := map[string]string{}
	for _, d := range doc.Graph.Nodes[0].Data {
		data[d.Key] = d.Value
	}
	if data["label"] != g.Nodes[0].Label || data["risk"] != "0.95" || data["country"] != "CN" {
		t.Errorf("node p1 data = %v", data)
	}
	if doc.Graph.Nodes[1].ID != "p&2" || doc.Graph.Edges[0].Target != "p&2" {
		t.Errorf("node/edge ids = %q/%q, want p&2", doc.Graph.Nodes[1].ID, doc.Graph.Edges[0].Target)
	}
	names := map[string]bool{}
	for _, k := range doc.Keys {
		names[k.For+":"+k.Name] = true
	}
	for _, want := range []string{"node:label", "node:risk", "node:note", "edge:weight", "edge:lines", "edge:goods"} {
		if !names[want] {
			t.Errorf("graphml lacks key %s", want)
		}
	}
	if err := WriteGraphML(io.Discard, &Graph{Edges: []Edge{{Source: "a", Target: "b"}}}); err == nil {
		t.Errorf("WriteGraphML(edge to a missing node) = nil, want an error")
	}
}

// TestGEXF writes a graph with hostile labels and parses it back as GEXF 1.3.
func TestGEXF(t *testing.T) {
	g := hostileGraph()
	var buf bytes.Buffer
	if err := WriteGEXF(&buf, g); err != nil {
		t.Fatal(err)
	}
	var doc struct {
		XMLName xml.Name
		Version string `xml:"version,attr"`
		Graph   struct {
			Type  string `xml:"defaultedgetype,attr"`
			Attrs []struct {
				Class string `xml:"class,attr"`
				Attr  []struct {
					ID    string `xml:"id,attr"`
					Title string `xml:"title,attr"`
				} `xml:"attribute"`
			} `xml:"attributes"`
			Nodes []struct {
				ID    string `xml:"id,attr"`
				Label string `xml:"label,attr"`
				Vals  []struct {
					For   string `xml:"for,attr"`
					Value string `xml:"value,attr"`
				} `xml:"attvalues>attvalue"`
				Color struct {
					R int `xml:"r,attr"`
					G int `xml:"g,attr"`
				} `xml:"http://gexf.net/1.3/viz color"`
			} `xml:"nodes>node"`
			Edges []struct {
				Source string  `xml:"source,attr"`
				Target string  `xml:"target,attr"`
				Weight float64 `xml:"weight,attr"`
			} `xml:"edges>edge"`
		} `xml:"graph"`
	}
	if err := xml.Unmarshal(buf.Bytes(), &doc); err != nil {
		t.Fatalf("parse gexf: %v\n%s", err, buf.String())
	}
	if doc.XMLName.Space != "http://gexf.net/1.3" || doc.Version != "1.3" {
		t.Errorf("root = %v version %q, want GEXF 1.3", doc.XMLName, doc.Version)
	}
	if doc.Graph.Type != "directed" || len(doc.Graph.Nodes) != 3 || len(doc.Graph.Edges) != 2 || len(doc.Graph.Attrs) != 2 {
		t.Fatalf("graph: %+v", doc.Graph)
	}
	if n := doc.Graph.Nodes[0]; n.Label != g.Nodes[0].Label || n.Color.R < 200 || n.Color.G > 40 {
		t.Errorf("node p1 = label %q colour %+v, want the label back and red", n.Label, n.Color)
	}
	vals := map[string]string{}
	for _, v := range doc.Graph.Nodes[0].Vals {
		vals[v.For] = v.Value
	}
	if vals["risk"] != "0.95" || vals["n0"] != "bell\uFFFD" {
		t.Errorf("node p1 attvalues = %q", vals)
	}
	if e := doc.Graph.Edges[0]; e.Source != "p1" || e.Target != "p&2" || e.Weight != 650000 {
		t.Errorf("edge 0 = %+v", e)
	}
}

// TestFtM maps a party, a shipment and a finding to FtM entities and reads the JSON lines back.
func TestFtM(t *testing.T) {
	p := &Party{ID: 7, Name: "ООО «Техкрим»", NameEn: "TEKHKRIM LLC", Country: "RU", Variants: []string{"ООО «Техкрим»", "Tekhkrim OOO"},
		Identifiers: []Identifier{{Value: "7701234567"}, {Scheme: "OGRN", Value: "1027700000000"}}, Lines: 3, ValueUSD: 650000}
	s := &trade.Shipment{ID: 99, RecordID: "RUIM1", Date: time.Date(2022, 6, 14, 0, 0, 0, 0, time.UTC), Direction: trade.Import,
		Shipper: trade.Party{Name: "China North <Industries>", Country: "CN"}, Description: "hunting rifles", DeclarationNo: "10702070/140622/0001",
		Value: trade.N(650000), Currency: "USD", ValueUSD: trade.N(650000), Prov: trade.Provenance{Run: 3, File: "ru.csv", Row: 12}}
	f := &trade.Finding{Detector: "military", Key: "k1", Score: 0.9, Severity: trade.SeverityCritical, Title: "rifles <script>",
		Shipments: []string{"RUIM1"}, Evidence: []trade.Evidence{{Label: "model", Value: "CQ-A", RecordID: "RUIM1"}}}
	shipper := NameEntity(s.Shipper)
	es := []Entity{PartyEntity(p), shipper, ShipmentEntity(s, shipper.ID, PartyEntityID(7)), FindingEntity(f, []string{PartyEntityID(7), ShipmentEntityID(99)})}
	var buf bytes.Buffer
	if err := WriteEntities(&buf, es); err != nil {
		t.Fatal(err)
	}
	if strings.Contains(buf.String(), "<script>") {
		t.Errorf("JSON lines hold raw markup")
	}
	lines := strings.Split(strings.TrimSpace(buf.String()), "\n")
	if len(lines) != 4 {
		t.Fatalf("%d lines, want 4", len(lines))
	}
	var got []Entity
	for _, l := range lines {
		var e Entity
		if err := json.Unmarshal([]byte(l), &e); err != nil {
			t.Fatal(err)
		}
		got = append(got, e)
	}
	if diff := cmp.Diff(es, got); diff != "" {
		t.Errorf("entities read back (-want +got):\n%s", diff)
	}
	co := got[0]
	if co.Schema != "Company" || co.ID != "tradetrace-party-7" || co.Properties["innCode"][0] != "7701234567" ||
		co.Properties["registrationNumber"][0] != "1027700000000" || co.Properties["country"][0] != "ru" {
		t.Errorf("party entity = %+v", co)
	}
	if diff := cmp.Diff([]string{"TEKHKRIM LLC", "Tekhkrim OOO"}, co.Properties["alias"]); diff != "" {
		t.Errorf("aliases (-want +got):\n%s", diff)
	}
	pay := got[2]
	if pay.Schema != "Payment" || pay.Properties["payer"][0] != "tradetrace-party-7" || pay.Properties["beneficiary"][0] != shipper.ID ||
		pay.Properties["recordId"][0] != "RUIM1" || pay.Properties["date"][0] != "2022-06-14" || pay.Properties["amountUsd"][0] != "650000" {
		t.Errorf("shipment entity = %+v", pay)
	}
	if n := got[3]; n.Schema != "Note" || len(n.Properties["entity"]) != 2 || n.ID != FindingEntityID(f) {
		t.Errorf("finding entity = %+v", n)
	}
	// Ids are stable: the same inputs give the same ids.
	if NameEntityID(s.Shipper) != shipper.ID || FindingEntityID(&trade.Finding{Detector: "military", Key: "k1"}) != got[3].ID {
		t.Errorf("ids are not stable")
	}
}
