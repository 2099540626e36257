package dod1260h

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

func byName(ents []trade.ListEntity) map[string]trade.ListEntity {
	m := make(map[string]trade.ListEntity)
	for _, e := range ents {
		m[e.Caption()] = e
	}
	return m
}

func TestMap(t *testing.T) {
	recs := read(t, "testdata/dod_1260h.csv")
	if len(recs) != 17 {
		t.Fatalf("Read(fixture) = %d rows, want 17", len(recs))
	}
	ents := Map(recs)
	got := byName(ents)
	if len(ents) != 8 {
		t.Errorf("Map(fixture) = %d companies %v, want 8 (Megvii was taken off the list)", len(ents), keys(got))
	}
	if _, ok := got["Beijing Megvii Technology Co., Ltd."]; ok {
		t.Errorf("Map(fixture) kept Megvii, whose only row has an end date")
	}
	norinco := got["China North Industries Group Corporation Limited"]
	want := trade.ListEntity{List: "us_dod_1260h", SourceID: "china north industries group corporation limited",
		Schema: trade.SchemaCompany, Names: []trade.ListName{{Value: "China North Industries Group Corporation Limited"},
			{Value: "Norinco Group", Kind: trade.NameAlias}},
		Programs: []string{"US-DOD-1260H"}, Topics: []trade.Topic{trade.TopicStateDefence},
		Dates:   []string{"2026-06-08", "2025-01-07", "2021-06-03"},
		Remarks: norinco.Remarks, Source: norinco.Source}
	if diff := cmp.Diff(want, norinco); diff != "" {
		t.Errorf("Map(fixture)[NORINCO] mismatch (-want +got):\n%s", diff)
	}
	if !strings.Contains(norinco.Remarks, "SASAC") {
		t.Errorf("Map(fixture)[NORINCO].Remarks = %q, want the 2026 note", norinco.Remarks)
	}
	harbin := got["Harbin First Machinery Group Ltd."]
	if !strings.Contains(harbin.Remarks, "Parent: China North Industries Group Corporation Limited") {
		t.Errorf("Map(fixture)[Harbin].Remarks = %q, want its parent NORINCO", harbin.Remarks)
	}
	dji := got["Shenzhen DJI Innovation Technology Co., Ltd."]
	if !cmp.Equal(dji.Names[1:], []trade.ListName{{Value: "DJI", Kind: trade.NameWeak}}) || !cmp.Equal(dji.Topics, Topics()) {
		t.Errorf("Map(fixture)[DJI] = %v %v, want DJI as a weak alias and gov.defence", dji.Names, dji.Topics)
	}
	knownsec := got["Beijing Zhidao Chuangyu Information Technology Co., Ltd."]
	if !cmp.Equal(knownsec.Names[1:], []trade.ListName{{Value: "Knownsec", Kind: trade.NameAlias}, {Value: "Beijing Kownsec", Kind: trade.NameAlias}}) {
		t.Errorf("Map(fixture)[Knownsec].Names = %v, want the aliases Knownsec and Beijing Kownsec", knownsec.Names)
	}
	chengdu := got["AVIC Chengdu Aircraft Co., Ltd."]
	former := []trade.ListName{{Value: "Zhonghang Electronic Measuring Instruments Company Limited", Kind: trade.NameFormer},
		{Value: "ZEMIC", Kind: trade.NameFormer}}
	if !cmp.Equal(chengdu.Names[1:], former) {
		t.Errorf("Map(fixture)[AVIC Chengdu].Names = %v, want the former names %v", chengdu.Names, former)
	}
}

func TestSplitAliases(t *testing.T) {
	tests := []struct {
		in   string
		want []string
	}{
		{"Knownsec,Beijing Kownsec", []string{"Knownsec", "Beijing Kownsec"}},
		{"China Avionics Systems Co., Ltd.", []string{"China Avionics Systems Co., Ltd."}},
		{"A; B", []string{"A", "B"}},
		{"", nil},
	}
	for _, tt := range tests {
		if got := SplitAliases(tt.in); !cmp.Equal(got, tt.want) {
			t.Errorf("SplitAliases(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestReal(t *testing.T) {
	path := filepath.Join("..", "..", "..", "..", "shared", "data", "lists", "us_dod_1260h_bis_mieu", "dod_1260h_chinese_military_companies.csv")
	if _, err := os.Stat(path); err != nil {
		t.Skipf("shared lists not found: %v", err)
	}
	recs := read(t, path)
	if len(recs) != 397 {
		t.Errorf("Read(1260H) = %d rows, want 397 as SOURCES.md says", len(recs))
	}
	ents := Map(recs)
	// 233 companies by clean name, of which 18 have only ended rows.
	if len(ents) != 215 {
		t.Errorf("Map(1260H) = %d companies, want 215", len(ents))
	}
	got := byName(ents)
	for _, name := range []string{"China North Industries Group Corporation Limited", "Shenzhen DJI Technology Co., Ltd.",
		"Aviation Industry Corporation of China Ltd.", "Hangzhou Hikvision Digital Technology Co., Ltd."} {
		if e, ok := got[name]; !ok || !cmp.Equal(e.Topics, Topics()) {
			t.Errorf("Map(1260H)[%q] = %v (found %v), want gov.defence", name, e.Topics, ok)
		}
	}
}

func TestReadErrors(t *testing.T) {
	if _, err := Read(strings.NewReader("Name,Alias\nX,Y\n")); !errors.Is(err, ErrLayout) {
		t.Errorf("Read(no Clean Name column) error = %v, want ErrLayout", err)
	}
}

func FuzzRead(f *testing.F) {
	data, err := os.ReadFile("testdata/dod_1260h.csv")
	if err != nil {
		f.Fatal(err)
	}
	f.Add(data)
	f.Add([]byte("Name,Clean Name,Alias,End date\nX,,\",;,\",\n,Y,,2020\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		recs, err := Read(bytes.NewReader(data))
		if err != nil {
			return
		}
		for _, e := range Map(recs) {
			if len(e.Names) == 0 || e.Names[0].Kind != trade.NamePrimary {
				t.Fatalf("Map(Read(%q)) gave %+v, want a primary name first", data, e)
			}
		}
	})
}

func keys(m map[string]trade.ListEntity) []string {
	var out []string
	for k := range m {
		out = append(out, k)
	}
	return out
}
