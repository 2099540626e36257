package mieu

import (
	"bytes"
	"errors"
	"os"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"tradetrace/internal/trade"
)

func TestMap(t *testing.T) {
	f, err := os.Open("testdata/bis_mieu.csv")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	recs, err := Read(f)
	if err != nil || len(recs) != 13 {
		t.Fatalf("Read(bis_mieu.csv) = %d rows, %v, want 13", len(recs), err)
	}
	ents := Map(recs, nil)
	if len(ents) != 13 {
		t.Fatalf("Map(bis_mieu.csv) = %d entities, want 13", len(ents))
	}
	want := trade.ListEntity{List: "us_bis_mieu", SourceID: "Directorate of Military Intelligence", Schema: trade.SchemaOrganization,
		Names:    []trade.ListName{{Value: "Directorate of Military Intelligence"}, {Value: "DIM", Kind: trade.NameWeak}},
		Programs: []string{"US-BIS-MIEU"}, Topics: []trade.Topic{trade.TopicMilitaryEndUser, trade.TopicExportControl},
		Countries: []string{"CU"}, Dates: []string{"2021-03-16"}, Source: ents[0].Source}
	if diff := cmp.Diff(want, ents[0]); diff != "" {
		t.Errorf("Map(bis_mieu.csv)[0] mismatch (-want +got):\n%s", diff)
	}
	countries := make(map[string]bool)
	for _, e := range ents {
		for _, c := range e.Countries {
			countries[c] = true
		}
	}
	for _, c := range []string{"CN", "RU", "IR", "KP"} {
		if !countries[c] {
			t.Errorf("Map(bis_mieu.csv) has no entity in %s, want the intelligence services of China, Russia, Iran and North Korea", c)
		}
	}
}

func TestMapEnded(t *testing.T) {
	in := "Type,Name,Alias,Country,Topics,Program,Date,End date\n" +
		"Organization,Old Service,,RU,export.control,US-BIS-MIEU,2021-03-16,2023-01-01\n" +
		"Organization,New Service,NSB;New Security Bureau,RU,export.control;sanction,US-BIS-MIEU,2021-03-16,\n"
	recs, err := Read(strings.NewReader(in))
	if err != nil {
		t.Fatal(err)
	}
	ents := Map(recs, nil)
	if len(ents) != 1 || ents[0].Caption() != "New Service" {
		t.Fatalf("Map(ended and current rows) = %v, want only New Service", ents)
	}
	wantTopics := []trade.Topic{trade.TopicMilitaryEndUser, trade.TopicExportControl, trade.TopicSanction}
	wantNames := []trade.ListName{{Value: "New Service"}, {Value: "NSB", Kind: trade.NameWeak},
		{Value: "New Security Bureau", Kind: trade.NameAlias}}
	if !cmp.Equal(ents[0].Topics, wantTopics) || !cmp.Equal(ents[0].Names, wantNames) {
		t.Errorf("Map(New Service) = %v %v, want %v %v", ents[0].Topics, ents[0].Names, wantTopics, wantNames)
	}
}

func TestReadErrors(t *testing.T) {
	if _, err := Read(strings.NewReader("Name,Alias\nX,Y\n")); !errors.Is(err, ErrLayout) {
		t.Errorf("Read(no Program column) error = %v, want ErrLayout", err)
	}
}

func FuzzRead(f *testing.F) {
	data, err := os.ReadFile("testdata/bis_mieu.csv")
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
			if e.Caption() == "" || len(e.Topics) < 2 {
				t.Fatalf("Map(Read(%q)) gave %+v, want a name and the mil.enduser and export.control topics", data, e)
			}
		}
	})
}
