package un_test

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"

	"tradetrace/internal/source/lists"
	"tradetrace/internal/source/un"
	"tradetrace/internal/trade"
)

func read(t testing.TB, path string) un.List {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	l, err := un.Read(f)
	if err != nil {
		t.Fatalf("Read(%s) error: %v", path, err)
	}
	return l
}

func byID(ents []trade.ListEntity) map[string]trade.ListEntity {
	m := make(map[string]trade.ListEntity)
	for _, e := range ents {
		m[e.SourceID] = e
	}
	return m
}

func TestMapEntities(t *testing.T) {
	l := read(t, "testdata/un_cut.xml")
	if len(l.Records) != 4 || l.Generated != "2026-02-27T00:00:09.554Z" {
		t.Fatalf("Read(un_cut.xml) = %d records generated %q, want 4 generated 2026-02-27T00:00:09.554Z", len(l.Records), l.Generated)
	}
	got := byID(un.Map(l.Records, lists.CountryCode))
	want := trade.ListEntity{List: "un_sc", SourceID: "CDe.001", Schema: trade.SchemaLegalEntity,
		Names: []trade.ListName{{Value: "ADF"}, {Value: "Allied Democratic Forces", Kind: trade.NameAlias},
			{Value: "Forces Démocratiques Alliées-Armée Nationale de Libération de l’Ouganda", Kind: trade.NameFormer},
			{Value: "ADF/NALU", Kind: trade.NameFormer}, {Value: "NALU", Kind: trade.NameFormer}},
		Programs: []string{"DRC"}, Topics: []trade.Topic{trade.TopicSanction}, Countries: []string{"CD"},
		Addresses: []string{"North Kivu, Democratic Republic of the Congo"}, Dates: []string{"2014-06-30"}}
	if diff := cmp.Diff(want, got["CDe.001"], cmpopts.IgnoreFields(trade.ListEntity{}, "Remarks", "Source")); diff != "" {
		t.Errorf("Map(un_cut)[CDe.001] mismatch (-want +got):\n%s", diff)
	}
	if e := got["CDe.002"]; len(e.Names) != 1 || e.Caption() != "BUTEMBO AIRLINES (BAL)" {
		t.Errorf("Map(un_cut)[CDe.002].Names = %v, want the one name (the empty alias element is no name)", e.Names)
	}
	person := got["CDi.021"]
	if person.Schema != trade.SchemaPerson || len(person.Identifiers) == 0 || person.Identifiers[0].Scheme != "PASSPORT" {
		t.Errorf("Map(un_cut)[CDi.021] = %s %v, want a Person with a passport", person.Schema, person.Identifiers)
	}
	if kp := got["KPe.001"]; !cmp.Equal(kp.Programs, []string{"DPRK"}) || len(kp.Countries) == 0 {
		t.Errorf("Map(un_cut)[KPe.001] = %v %v, want program DPRK and a country", kp.Programs, kp.Countries)
	}
}

func TestMapSample(t *testing.T) {
	l := read(t, "testdata/sample_unsc.xml")
	ents := un.Map(l.Records, lists.CountryCode)
	if len(ents) != 7 {
		t.Fatalf("Map(sample) = %d entities, want 7 individuals", len(ents))
	}
	weak, withCountry := 0, 0
	for _, e := range ents {
		if e.Schema != trade.SchemaPerson {
			t.Errorf("Map(sample)[%s].Schema = %s, want Person", e.SourceID, e.Schema)
		}
		for _, n := range e.Names {
			if n.Kind == trade.NameWeak {
				weak++
			}
		}
		if len(e.Countries) > 0 {
			withCountry++
		}
	}
	if weak == 0 || withCountry != 7 {
		t.Errorf("Map(sample) = %d weak aliases, %d entities with a country; want some weak (quality Low) and 7", weak, withCountry)
	}
}

func TestReadErrors(t *testing.T) {
	if _, err := un.Read(strings.NewReader("<export/>")); !errors.Is(err, un.ErrLayout) {
		t.Errorf("Read(<export/>) error = %v, want ErrLayout", err)
	}
	if _, err := un.Read(strings.NewReader("<CONSOLIDATED_LIST><ENTITIES><ENTITY>")); err == nil {
		t.Errorf("Read(truncated) error = nil, want an error")
	}
}

func TestDocumentScheme(t *testing.T) {
	for in, want := range map[string]string{"Passport": "PASSPORT", "Numéro de passeport ": "PASSPORT",
		"Número de pasaporte": "PASSPORT", "National Identification Number": "NATIONAL_ID", "Other": "ID"} {
		if got := un.DocumentScheme(in); got != want {
			t.Errorf("DocumentScheme(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestReal(t *testing.T) {
	path := filepath.Join("..", "..", "..", "..", "shared", "data", "lists", "un_consolidated_2026-02", "UN_consolidated.xml")
	if _, err := os.Stat(path); err != nil {
		t.Skipf("shared lists not found: %v", err)
	}
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	// Count the records in the XML text itself, independently of the decoder.
	individuals, entities := bytes.Count(data, []byte("<INDIVIDUAL>")), bytes.Count(data, []byte("<ENTITY>"))
	l, err := un.Read(bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	ents := un.Map(l.Records, lists.CountryCode)
	persons := 0
	for _, e := range ents {
		if e.Schema == trade.SchemaPerson {
			persons++
		}
	}
	if len(ents) != individuals+entities || persons != individuals || len(ents) != 1003 {
		t.Errorf("Map(UN_consolidated.xml) = %d entities, %d persons; want %d (%d individuals + %d entities), 1,003",
			len(ents), persons, individuals+entities, individuals, entities)
	}
}

func FuzzRead(f *testing.F) {
	for _, name := range []string{"testdata/sample_unsc.xml", "testdata/un_cut.xml"} {
		data, err := os.ReadFile(name)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(data)
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		l, err := un.Read(bytes.NewReader(data))
		if err != nil {
			return
		}
		if ents := un.Map(l.Records, nil); len(ents) != len(l.Records) {
			t.Fatalf("Map gave %d entities for %d records", len(ents), len(l.Records))
		}
	})
}
