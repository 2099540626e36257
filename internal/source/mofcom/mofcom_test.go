package mofcom

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"tradetrace/internal/trade"
)

func read(t testing.TB, path string) []Record {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	recs, err := Read(f)
	if err != nil {
		t.Fatalf("Read(%s) error: %v", path, err)
	}
	return recs
}

func countries(s string) string {
	return map[string]string{"US": "US", "TW": "TW", "Japan": "JP", "CZ": "CZ", "LT": "LT"}[s]
}

func TestMap(t *testing.T) {
	recs := read(t, "testdata/cn_mofcom.csv")
	if len(recs) != 13 {
		t.Fatalf("Read(fixture) = %d rows, want 13", len(recs))
	}
	ents := Map(recs, countries)
	byName := make(map[string]trade.ListEntity)
	for _, e := range ents {
		byName[e.Caption()] = e
	}
	// 13 rows: Lockheed Martin, High Point and Puma Shen twice each; Skyla and the two Lithuanian banks ended.
	if len(ents) != 7 {
		t.Errorf("Map(fixture) = %d targets, want 7", len(ents))
	}
	for _, gone := range []string{"Skyla", "UAB Urbo Bankas", "AB Mano Bankas"} {
		if _, ok := byName[gone]; ok {
			t.Errorf("Map(fixture) kept %s, whose rows have an end date", gone)
		}
	}
	lm := byName["Lockheed Martin Corporation"]
	want := trade.ListEntity{List: "cn_mofcom", SourceID: "company|lockheed martin corporation", Schema: trade.SchemaCompany,
		Names:    []trade.ListName{{Value: "Lockheed Martin Corporation"}, {Value: "洛克希德·马丁公司", Kind: trade.NameAlias, Lang: "zh"}},
		Programs: []string{"UEL", "List of Export Controls"}, Topics: []trade.Topic{trade.TopicCounterSanction},
		Countries: []string{"US"}, Dates: []string{"2023-02-16", "2025-01-02"}, Remarks: "Ministry of Commerce",
		Source: lm.Source}
	if diff := cmp.Diff(want, lm); diff != "" {
		t.Errorf("Map(fixture)[Lockheed Martin] mismatch (-want +got):\n%s", diff)
	}
	shen := byName["Puma Shen"]
	if shen.Schema != trade.SchemaPerson || !cmp.Equal(shen.Names[1], trade.ListName{Value: "Shen Po-yang", Kind: trade.NameAlias}) ||
		!cmp.Equal(shen.Countries, []string{"TW"}) {
		t.Errorf("Map(fixture)[Puma Shen] = %s %v %v, want a Person with alias Shen Po-yang in TW", shen.Schema, shen.Names, shen.Countries)
	}
	if ihi := byName["IHI Aerospace Co., Ltd."]; !cmp.Equal(ihi.Countries, []string{"JP"}) {
		t.Errorf("Map(fixture)[IHI Aerospace].Countries = %v, want [JP] from the name Japan", ihi.Countries)
	}
}

func TestDate(t *testing.T) {
	for in, want := range map[string]string{"02.12.2019": "2019-12-02", "16.02.23": "2023-02-16", "": "",
		"2019-12-02": "", "32.01.2020": "", "1.2.2020": ""} {
		if got := Date(in); got != want {
			t.Errorf("Date(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestReal(t *testing.T) {
	path := filepath.Join("..", "..", "..", "..", "shared", "data", "lists", "us_dod_1260h_bis_mieu", "cn_mofcom_countersanctions.csv")
	if _, err := os.Stat(path); err != nil {
		t.Skipf("shared lists not found: %v", err)
	}
	recs := read(t, path)
	if len(recs) != 610 {
		t.Errorf("Read(mofcom) = %d rows, want 610 as SOURCES.md says", len(recs))
	}
	ents := Map(recs, countries)
	chinese := 0
	for _, e := range ents {
		if !cmp.Equal(e.Topics, Topics()) {
			t.Fatalf("Map(mofcom)[%s].Topics = %v, want %v", e.Caption(), e.Topics, Topics())
		}
		for _, n := range e.Names {
			if n.Lang == "zh" {
				chinese++
				break
			}
		}
	}
	// 464 targets by type and name, 3 of them with only ended rows; 424 of the others have a Chinese name.
	if len(ents) != 461 || chinese != 424 {
		t.Errorf("Map(mofcom) = %d targets, %d with a Chinese name; want 461 and 424", len(ents), chinese)
	}
}

func TestReadErrors(t *testing.T) {
	if _, err := Read(strings.NewReader("Name,Alias\nX,Y\n")); !errors.Is(err, ErrLayout) {
		t.Errorf("Read(no Chinese name column) error = %v, want ErrLayout", err)
	}
}

func FuzzRead(f *testing.F) {
	data, err := os.ReadFile("testdata/cn_mofcom.csv")
	if err != nil {
		f.Fatal(err)
	}
	f.Add(data)
	f.Fuzz(func(t *testing.T, data []byte) {
		recs, err := Read(bytes.NewReader(data))
		if err != nil {
			return
		}
		for _, e := range Map(recs, nil) {
			if e.Caption() == "" || e.SourceID == "" {
				t.Fatalf("Map(Read(%q)) gave %+v, want a name and a source id", data, e)
			}
		}
	})
}
