package eu_test

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"

	"tradetrace/internal/source/eu"
	"tradetrace/internal/source/lists"
	"tradetrace/internal/trade"
)

func readCSV(t testing.TB, path string) []eu.Record {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	recs, err := eu.ReadCSV(f)
	if err != nil {
		t.Fatalf("ReadCSV(%s) error: %v", path, err)
	}
	return recs
}

func byID(ents []trade.ListEntity) map[string]trade.ListEntity {
	m := make(map[string]trade.ListEntity, len(ents))
	for _, e := range ents {
		m[e.SourceID] = e
	}
	return m
}

var ignoreBulk = cmpopts.IgnoreFields(trade.ListEntity{}, "Remarks", "Source")

func TestMap833(t *testing.T) {
	recs := readCSV(t, "testdata/32014R0833.csv")
	if len(recs) != 8 {
		t.Fatalf("ReadCSV(833 fixture) = %d records, want 8", len(recs))
	}
	ents := eu.Map(recs, lists.CountryCode)
	if len(ents) != 7 {
		t.Errorf("Map(833 fixture) = %d entities, want 7 (the port of Astrakhan is an asset, not a party)", len(ents))
	}
	got := byID(ents)
	annexIV := []trade.Topic{trade.TopicExportControl, trade.TopicMilitaryEndUser, trade.TopicMilitaryComplex}
	tests := []struct {
		id   string
		want trade.ListEntity
	}{
		{"IV/40", trade.ListEntity{List: "eu_833", SourceID: "IV/40", Schema: trade.SchemaLegalEntity,
			Names: []trade.ListName{{Value: "Rosoboronexport OJSC"}, {Value: "ROE", Kind: trade.NameWeak},
				{Value: "Акционерное Общество «Рособоронэкспорт»", Kind: trade.NameAlias},
				{Value: "АО «Рособоронэкспорт»", Kind: trade.NameAlias}},
			Programs: []string{"EU-RUS", "833/2014 Annex IV"}, Topics: annexIV, Countries: []string{"RU"},
			Addresses: []string{"107076, Moscow, Stromynka Str., 272, Russian Federation"},
			Identifiers: []trade.Identifier{{Scheme: "INN", Value: "7718852163"}, {Scheme: "WEBSITE", Value: "https://roe.ru/"},
				{Scheme: "EMAIL", Value: "roe@roe.ru"}},
			Dates: []string{"2022-02-25"}}},
		{"XLII/1", trade.ListEntity{List: "eu_833", SourceID: "XLII/1", Schema: trade.SchemaVessel,
			Names:    []trade.ListName{{Value: "Angara"}},
			Programs: []string{"EU-RUS", "833/2014 Annex XLII"}, Topics: []trade.Topic{trade.TopicSanction},
			Identifiers: []trade.Identifier{{Scheme: "IMO", Value: "9179842"}}, Dates: []string{"2024-06-25"}}},
	}
	for _, tt := range tests {
		t.Run(tt.id, func(t *testing.T) {
			if diff := cmp.Diff(tt.want, got[tt.id], ignoreBulk, cmpopts.EquateEmpty()); diff != "" {
				t.Errorf("Map(833 fixture)[%s] mismatch (-want +got):\n%s", tt.id, diff)
			}
		})
	}
	kalashnikov := got["IV/4"]
	if kalashnikov.Caption() != "JSC Kalashnikov" || !cmp.Equal(kalashnikov.Topics, annexIV) ||
		!hasID(kalashnikov.Identifiers, "INN", "1832090230") {
		t.Errorf("Map(833 fixture)[IV/4] = %q %v %v, want JSC Kalashnikov, Annex IV topics, INN 1832090230",
			kalashnikov.Caption(), kalashnikov.Topics, kalashnikov.Identifiers)
	}
	for _, tt := range []struct {
		id            string
		countries     []string
		scheme, value string
	}{
		{"IV/661", []string{"CN", "HK"}, "REGISTRATION", "61365134"}, // an office in Shenzhen and one in Kowloon
		{"IV/603", []string{"CN"}, "USCC", "91440101MA5ALQNR86"},
		{"IV/608", []string{"TR"}, "", ""},
	} {
		e := got[tt.id]
		if !cmp.Equal(e.Countries, tt.countries) || (tt.scheme != "" && !hasID(e.Identifiers, tt.scheme, tt.value)) {
			t.Errorf("Map(833 fixture)[%s] = %v %v, want countries %v and %s %s", tt.id, e.Countries, e.Identifiers, tt.countries, tt.scheme, tt.value)
		}
	}
	if e := got["XIV/Bank Otkritie"]; e.Caption() != "Bank Otkritie" || !cmp.Equal(e.Topics, []trade.Topic{trade.TopicSanction}) {
		t.Errorf("Map(833 fixture)[XIV/Bank Otkritie] = %q %v, want a sanctioned bank identified by its name", e.Caption(), e.Topics)
	}
}

func TestMap269(t *testing.T) {
	got := byID(eu.Map(readCSV(t, "testdata/32014R0269.csv"), lists.CountryCode))
	tests := []struct {
		id      string
		caption string
		ids     []trade.Identifier
	}{
		{"I.ENTITIES/58", "JSC ROSOBORONEXPORT", []trade.Identifier{{Scheme: "OGRN", Value: "1117746521452"},
			{Scheme: "INN", Value: "7718852163"}, {Scheme: "WEBSITE", Value: "http://roe.ru/eng/"}, {Scheme: "EMAIL", Value: "roe@roe.ru"}}},
		{"I.ENTITIES/69", "JSC Kalashnikov Concern", []trade.Identifier{{Scheme: "OGRN", Value: "1111832003018"},
			{Scheme: "INN", Value: "1832090230"}, {Scheme: "WEBSITE", Value: "https://kalashnikovgroup.ru/"},
			{Scheme: "EMAIL", Value: "personal@kalashnikovconcern.ru"}}},
	}
	for _, tt := range tests {
		e := got[tt.id]
		if e.Caption() != tt.caption || e.List != "eu_269" || !cmp.Equal(e.Topics, []trade.Topic{trade.TopicSanction}) {
			t.Errorf("Map(269 fixture)[%s] = %q %s %v, want %q eu_269 [sanction]", tt.id, e.Caption(), e.List, e.Topics, tt.caption)
		}
		if diff := cmp.Diff(tt.ids, e.Identifiers); diff != "" {
			t.Errorf("Map(269 fixture)[%s].Identifiers mismatch (-want +got):\n%s", tt.id, diff)
		}
	}
	person := got["I.PERSONS/1"]
	want := []trade.ListName{{Value: "Sergey Valeryevich AKSYONOV"}, {Value: "Sergei Valerievich AKSENOV", Kind: trade.NameAlias},
		{Value: "Сергей Валерьевич АКСЁНОВ", Kind: trade.NameAlias}, {Value: "Serhiy Valeriyovych AKSYONOV", Kind: trade.NameAlias},
		{Value: "Сергiй Валерiйович АКСЬОНОВ", Kind: trade.NameAlias}}
	if diff := cmp.Diff(want, person.Names); diff != "" || person.Schema != trade.SchemaPerson {
		t.Errorf("Map(269 fixture)[I.PERSONS/1] %s names mismatch (-want +got):\n%s", person.Schema, diff)
	}
	if !cmp.Equal(person.Dates, []string{"2014-03-17", "1972-11-26"}) {
		t.Errorf("Map(269 fixture)[I.PERSONS/1].Dates = %v, want listing 2014-03-17 and birth 1972-11-26", person.Dates)
	}
	khrunichev := got["I.ENTITIES/192"]
	for _, id := range []trade.Identifier{{Scheme: "INN", Value: "7730239877"}, {Scheme: "KPP", Value: "773001001"},
		{Scheme: "OKPO", Value: "20239393"}} {
		if !hasID(khrunichev.Identifiers, id.Scheme, id.Value) {
			t.Errorf("Map(269 fixture)[I.ENTITIES/192].Identifiers = %v, want %v", khrunichev.Identifiers, id)
		}
	}
}

func TestReadXML(t *testing.T) {
	f, err := os.Open("testdata/sample_eu.xml")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	recs, err := eu.ReadXML(f)
	if err != nil || len(recs) != 7 {
		t.Fatalf("ReadXML(sample) = %d entities, %v, want 7", len(recs), err)
	}
	ents := eu.MapXML(recs, lists.CountryCode)
	if len(ents) != 6 {
		t.Errorf("MapXML(sample) = %d entities, want 6 (logical id 5468 is published twice)", len(ents))
	}
	got := byID(ents)
	e := got["5295"]
	if e.Caption() != "Abid Hammadou" || e.Schema != trade.SchemaPerson || e.List != "eu_fsf" ||
		!cmp.Equal(e.Countries, []string{"DZ"}) || !cmp.Equal(e.Programs, []string{"TAQA"}) || len(e.Names) != 5 {
		t.Errorf("MapXML(sample)[5295] = %q %s %s %v %v %d names, want Abid Hammadou Person eu_fsf [DZ] [TAQA] 5 names",
			e.Caption(), e.Schema, e.List, e.Countries, e.Programs, len(e.Names))
	}
	if !cmp.Equal(e.Dates, []string{"2008-07-03", "1965-12-12", "1958"}) {
		t.Errorf("MapXML(sample)[5295].Dates = %v, want designation 2008-07-03 and births 1965-12-12, 1958", e.Dates)
	}
	if !hasID(got["191"].Identifiers, "PASSPORT", "488555") {
		t.Errorf("MapXML(sample)[191].Identifiers = %v, want PASSPORT 488555", got["191"].Identifiers)
	}
}

func sharedLists(t testing.TB) string {
	t.Helper()
	dir := filepath.Join("..", "..", "..", "..", "shared", "data", "lists")
	if _, err := os.Stat(dir); err != nil {
		t.Skipf("shared lists not found: %v", err)
	}
	return dir
}

func TestReal(t *testing.T) {
	dir := filepath.Join(sharedLists(t), "eu_reg_269_833_2026-08")
	r269 := readCSV(t, filepath.Join(dir, "32014R0269.csv"))
	r833 := readCSV(t, filepath.Join(dir, "32014R0833.csv"))
	if len(r269) != 2802 || len(r833) != 1746 {
		t.Errorf("ReadCSV = %d and %d records, want 2,802 (269/2014) and 1,746 (833/2014) as SOURCES.md says", len(r269), len(r833))
	}
	if n := len(eu.Map(r269, lists.CountryCode)); n != 2802 {
		t.Errorf("Map(269) = %d entities, want 2,802", n)
	}
	ents := eu.Map(r833, lists.CountryCode)
	if len(ents) != 1718 {
		t.Errorf("Map(833) = %d entities, want 1,718 (1,746 records less 28 assets)", len(ents))
	}
	annexIV := 0
	countries := make(map[string]int)
	for _, e := range ents {
		if len(e.Topics) == 3 && e.Topics[1] == trade.TopicMilitaryEndUser {
			annexIV++
			for _, c := range e.Countries {
				countries[c]++
			}
		}
	}
	if annexIV != 921 {
		t.Errorf("Annex IV entities = %d, want 921 as SOURCES.md says", annexIV)
	}
	// SOURCES.md: about 61 in Hong Kong, 51 in mainland China, 25 in Türkiye, 10 in the UAE.
	for c, want := range map[string]int{"HK": 61, "CN": 51, "TR": 25, "AE": 10} {
		if countries[c] != want {
			t.Errorf("Annex IV entities in %s = %d, want %d", c, countries[c], want)
		}
	}
}

func hasID(ids []trade.Identifier, scheme, value string) bool {
	for _, id := range ids {
		if id.Scheme == scheme && id.Value == value {
			return true
		}
	}
	return false
}
