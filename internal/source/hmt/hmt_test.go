package hmt

import (
	"bytes"
	"errors"
	"os"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"tradetrace/internal/trade"
)

func readFixture(t testing.TB) []Row {
	t.Helper()
	f, err := os.Open("testdata/sample_hmt.csv")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rows, err := Read(f)
	if err != nil {
		t.Fatalf("Read(sample_hmt.csv) error: %v", err)
	}
	return rows
}

// countries is a resolver for the few names of the fixture.
func countries(s string) string {
	return map[string]string{"Pakistan": "PK", "Pakistani": "PK", "Ukraine": "UA"}[s]
}

func TestRead(t *testing.T) {
	rows := readFixture(t)
	if len(rows) != 23 {
		t.Fatalf("Read(sample_hmt.csv) = %d rows, want 23 (the Last Updated line and the header are no rows)", len(rows))
	}
	r := rows[0]
	if r.GroupID != "9053" || r.Names[5] != "HOJATI" || r.Names[0] != "Mohsen" || r.Alias != "Prime Alias" ||
		r.Fields["Regime"] != "Iran (nuclear proliferation)" || r.NonLatin != "محسن حجتی" {
		t.Errorf("Read(sample_hmt.csv)[0] = %+v, want group 9053, Mohsen HOJATI, Prime Alias, Iran regime, Persian name", r)
	}
}

func TestReadErrors(t *testing.T) {
	if _, err := Read(strings.NewReader("a,b\n1,2\n")); !errors.Is(err, ErrLayout) {
		t.Errorf("Read(other csv) error = %v, want ErrLayout", err)
	}
	win := []byte("Name 6,Name 1,Group Type,Alias Type,Group ID\nM\xdcLLER,Hans,Individual,Prime Alias,1\n")
	rows, err := Read(bytes.NewReader(win))
	if err != nil || len(rows) != 1 || rows[0].Names[5] != "MÜLLER" {
		t.Errorf("Read(windows-1252) = %+v, %v, want one row named MÜLLER", rows, err)
	}
}

func TestMap(t *testing.T) {
	ents := Map(readFixture(t), countries)
	if len(ents) != 6 {
		t.Fatalf("Map(sample) = %d entities, want 6 groups", len(ents))
	}
	byID := make(map[string]trade.ListEntity)
	for _, e := range ents {
		byID[e.SourceID] = e
	}
	so := byID["11039"]
	wantNames := []trade.ListName{{Value: "Sang-kuk SO"}, {Value: "Sang Kuk SO", Kind: trade.NameAlias}}
	if diff := cmp.Diff(wantNames, so.Names); diff != "" {
		t.Errorf("Map(sample)[11039].Names mismatch (-want +got):\n%s", diff)
	}
	if !cmp.Equal(so.Dates, []string{"2009-12-30", "1936", "1937", "1938", "1932", "1933", "1934", "1935"}) {
		t.Errorf("Map(sample)[11039].Dates = %v, want the listing date and the seven years of birth", so.Dates)
	}
	hojati := byID["9053"]
	if !cmp.Equal(hojati.Names[1], trade.ListName{Value: "محسن حجتی", Kind: trade.NameAlias, Lang: "fa"}) {
		t.Errorf("Map(sample)[9053].Names = %v, want the Persian name as an alias in fa", hojati.Names)
	}
	saeed := byID["9215"]
	want := trade.ListEntity{List: "uk_hmt", SourceID: "9215", Schema: trade.SchemaPerson,
		Names:       []trade.ListName{{Value: "Hafez Mohammad SAEED"}, {Value: "سعید حافظ محمد", Kind: trade.NameAlias, Lang: "ar"}},
		Programs:    []string{"ISIL (Da'esh) and Al-Qaida"},
		Topics:      []trade.Topic{trade.TopicSanction},
		Countries:   []string{"PK"},
		Addresses:   []string{"House No 116E, Mohalla Johar, Lahore, Tehsil, Lahore City, Lahore District, 123321, Pakistan (location as at May 2008)"},
		Identifiers: []trade.Identifier{{Scheme: "NATIONAL_ID", Value: "3520025509842-7"}},
		Dates:       []string{"2008-12-12", "1950-06-05"},
		Remarks:     saeed.Remarks, Source: saeed.Source}
	if diff := cmp.Diff(want, saeed); diff != "" {
		t.Errorf("Map(sample)[9215] mismatch (-want +got):\n%s", diff)
	}
}

func TestDate(t *testing.T) {
	tests := []struct{ in, want string }{
		{"28/09/1955", "1955-09-28"}, {"00/09/1962", "1962-09"}, {"00/00/1936", "1936"}, {"10/00/1983", "1983"},
		{"1/2/1990", "1990-02-01"}, {"", ""}, {"xx/01/1990", ""}, {"32/01/1990", "1990-01"},
	}
	for _, tt := range tests {
		if got := Date(tt.in); got != tt.want {
			t.Errorf("Date(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func FuzzRead(f *testing.F) {
	data, err := os.ReadFile("testdata/sample_hmt.csv")
	if err != nil {
		f.Fatal(err)
	}
	f.Add(data)
	f.Add([]byte("Name 6,Group ID\n,\nX,\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		rows, err := Read(bytes.NewReader(data))
		if err != nil {
			return
		}
		ents := Map(rows, nil)
		if len(ents) > len(rows) {
			t.Fatalf("Map gave %d entities for %d rows", len(ents), len(rows))
		}
		for _, e := range ents {
			if e.SourceID == "" {
				t.Fatalf("Map(Read(%q)) gave an entity without a source id", data)
			}
		}
	})
}
