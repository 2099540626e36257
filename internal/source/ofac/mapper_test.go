package ofac_test

import (
	"os"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"

	"tradetrace/internal/source/lists"
	"tradetrace/internal/source/ofac"
	"tradetrace/internal/trade"
)

func open(t testing.TB, path string) *os.File {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { f.Close() })
	return f
}

// readSet reads a legacy CSV set from a directory; prefix is "" for the SDN files and "cons_" for the non-SDN.
func readSet(t testing.TB, primary, alt, add, comments string) ofac.Set {
	t.Helper()
	var s ofac.Set
	var err error
	if s.Entries, err = ofac.ReadEntries(open(t, primary)); err != nil {
		t.Fatal(err)
	}
	if alt != "" {
		if s.Alts, err = ofac.ReadAlts(open(t, alt)); err != nil {
			t.Fatal(err)
		}
	}
	if add != "" {
		if s.Addresses, err = ofac.ReadAddresses(open(t, add)); err != nil {
			t.Fatal(err)
		}
	}
	if comments != "" {
		if s.Comments, err = ofac.ReadComments(open(t, comments)); err != nil {
			t.Fatal(err)
		}
	}
	return s
}

func byID(ents []trade.ListEntity) map[string]trade.ListEntity {
	m := make(map[string]trade.ListEntity, len(ents))
	for _, e := range ents {
		m[e.SourceID] = e
	}
	return m
}

// ignoreBulk leaves out the fields whose whole text is checked elsewhere.
var ignoreBulk = cmpopts.IgnoreFields(trade.ListEntity{}, "Remarks", "Source")

func TestMapSDN(t *testing.T) {
	set := readSet(t, "testdata/sdn.csv", "testdata/alt.csv", "testdata/add.csv", "testdata/sdn_comments.csv")
	got := byID(ofac.Map(ofac.ListSDN, set, lists.CountryCode))
	if len(got) != 9 {
		t.Fatalf("Map(fixture) = %d entities, want 9", len(got))
	}
	tests := []struct {
		id   string
		want trade.ListEntity
	}{
		{"18782", trade.ListEntity{List: "ofac_sdn", SourceID: "18782", Schema: trade.SchemaLegalEntity,
			Names: []trade.ListName{{Value: "ROSOBORONEKSPORT OAO"}, {Value: "RUSSIAN DEFENSE EXPORT ROSOBORONEXPORT", Kind: trade.NameAlias},
				{Value: "ROSOBORONEXPORT JSC", Kind: trade.NameAlias}, {Value: "ROSOBORONEKSPORT OJSC", Kind: trade.NameAlias}},
			Programs:  []string{"SYRIA", "UKRAINE-EO13662", "IRAN-CON-ARMS-EO", "RUSSIA-EO14024"},
			Topics:    []trade.Topic{trade.TopicSanction},
			Countries: []string{"RU"},
			Addresses: []string{"27 Stromynka Ul., Moscow 107076, Russia"},
			Identifiers: []trade.Identifier{{Scheme: "WEBSITE", Value: "www.roe.ru"}, {Scheme: "OGRN", Value: "1117746521452"},
				{Scheme: "INN", Value: "7718852163"}, {Scheme: "OKPO", Value: "56467052"}}}},
		{"43225", trade.ListEntity{List: "ofac_sdn", SourceID: "43225", Schema: trade.SchemaLegalEntity,
			Names: []trade.ListName{{Value: "CLOSED JOINT STOCK COMPANY TEKHKRIM"},
				{Value: "TECHCRIM JOINT STOCK COMPANY", Kind: trade.NameAlias}},
			Programs: []string{"RUSSIA-EO14024"}, Topics: []trade.Topic{trade.TopicSanction}, Countries: []string{"RU"},
			Addresses: []string{"ul. Golyanski Poselok d. 8, Izhevsk 426063, Russia"},
			Identifiers: []trade.Identifier{{Scheme: "INN", Value: "1835013146"},
				{Scheme: "OGRN", Value: "1021801665896"}},
			Dates: []string{"1997-06-30"}}},
		{"16911", trade.ListEntity{List: "ofac_sdn", SourceID: "16911", Schema: trade.SchemaLegalEntity,
			Names: []trade.ListName{{Value: "JOINT STOCK COMPANY CONCERN KALASHNIKOV"},
				{Value: "CONCERN KALASHNIKOV", Kind: trade.NameAlias},
				{Value: "IZHEVSKIY MASHINOSTROITEL'NYI ZAVOD OAO", Kind: trade.NameAlias},
				{Value: "OJSC KALASHNIKOV CONCERN", Kind: trade.NameAlias}, {Value: "KALASHNIKOV CONCERN", Kind: trade.NameAlias},
				{Value: "JSC KALASHNIKOV CONCERN", Kind: trade.NameAlias}},
			Programs: []string{"UKRAINE-EO13661", "RUSSIA-EO14024"}, Topics: []trade.Topic{trade.TopicSanction},
			Countries: []string{"RU"},
			Addresses: []string{"18 Krzhizhanovsky St, Bldg 4, Moscow 11728, Russia",
				"2/93 Deryabin Passage, Room 78, Izhevsk 426006, Russia"},
			Identifiers: []trade.Identifier{{Scheme: "INN", Value: "1832090230"}, {Scheme: "OGRN", Value: "1111832003018"}}}},
		{"18658", trade.ListEntity{List: "ofac_sdn", SourceID: "18658", Schema: trade.SchemaPerson,
			Names:    []trade.ListName{{Value: "KARAMYAN, Vakhtang"}, {Value: "KARAMIAN, Vakhtang", Kind: trade.NameAlias}},
			Programs: []string{"UKRAINE-EO13661"}, Topics: []trade.Topic{trade.TopicSanction}, Countries: []string{"RU"},
			Identifiers: []trade.Identifier{{Scheme: "PASSPORT", Value: "727409284"}},
			Dates:       []string{"1991-04-19"}}},
	}
	for _, tt := range tests {
		t.Run(tt.id, func(t *testing.T) {
			if diff := cmp.Diff(tt.want, got[tt.id], ignoreBulk, cmpopts.EquateEmpty()); diff != "" {
				t.Errorf("Map(fixture)[%s] mismatch (-want +got):\n%s", tt.id, diff)
			}
		})
	}
}

func TestMapSDNDetails(t *testing.T) {
	set := readSet(t, "testdata/sdn.csv", "testdata/alt.csv", "testdata/add.csv", "testdata/sdn_comments.csv")
	got := byID(ofac.Map(ofac.ListSDN, set, lists.CountryCode))

	// Sberbank's remarks fill the 1,000 characters of the field; the comments file continues them with the weak
	// aliases.
	sber := got["17018"]
	weak := 0
	for _, n := range sber.Names {
		if n.Kind == trade.NameWeak && (n.Value == "SBERBANK INDIA" || n.Value == "SBERBANK MUMBAI") {
			weak++
		}
	}
	if weak != 2 {
		t.Errorf("Map(fixture)[17018].Names = %v, want the weak aliases SBERBANK INDIA and SBERBANK MUMBAI from the comments", sber.Names)
	}
	if !hasID(sber.Identifiers, "INN", "7707083893") || !hasID(sber.Identifiers, "SWIFT", "SABRRUMM") {
		t.Errorf("Map(fixture)[17018].Identifiers = %v, want INN 7707083893 and SWIFT SABRRUMM", sber.Identifiers)
	}

	vessel := got["4243"]
	if vessel.Schema != trade.SchemaVessel || !hasID(vessel.Identifiers, "IMO", "7406784") {
		t.Errorf("Map(fixture)[4243] = %s %v, want a Vessel with IMO 7406784", vessel.Schema, vessel.Identifiers)
	}
	if got["15431"].Schema != trade.SchemaAircraft {
		t.Errorf("Map(fixture)[15431].Schema = %s, want Airplane", got["15431"].Schema)
	}
	cuba := got["36"]
	if cuba.Source == "" || cuba.Caption() != "AEROCARIBBEAN AIRLINES" {
		t.Errorf("Map(fixture)[36] = %q with source %q, want AEROCARIBBEAN AIRLINES with its raw record", cuba.Caption(), cuba.Source)
	}
	if !hasName(vessel.Names, trade.ListName{Value: "ANA I", Kind: trade.NameFormer}) {
		t.Errorf("Map(fixture)[4243].Names = %v, want the former name ANA I", vessel.Names)
	}
}

func TestMapCons(t *testing.T) {
	set := readSet(t, "testdata/cons_prim.csv", "testdata/cons_alt.csv", "testdata/cons_add.csv", "")
	got := byID(ofac.Map(ofac.ListCons, set, lists.CountryCode))
	tests := []struct {
		id, caption string
		topics      []trade.Topic
		uscc        string
	}{
		{"30957", "CHINA NORTH INDUSTRIES GROUP CORPORATION LIMITED", []trade.Topic{trade.TopicSanction, trade.TopicStateDefence}, "91110000710924910P"},
		{"33111", "SZ DJI TECHNOLOGY CO., LTD.", []trade.Topic{trade.TopicSanction, trade.TopicStateDefence}, "914403007954257495"},
		{"30946", "HANGZHOU HIKVISION DIGITAL TECHNOLOGY CO., LTD.", []trade.Topic{trade.TopicSanction, trade.TopicStateDefence}, "91330000733796106P"},
		{"17260", "STATE CORPORATION ROSTEC", []trade.Topic{trade.TopicSanction}, ""},
	}
	for _, tt := range tests {
		e := got[tt.id]
		if e.Caption() != tt.caption || !cmp.Equal(e.Topics, tt.topics) || e.List != "ofac_cons" {
			t.Errorf("Map(cons)[%s] = %q %v %q, want %q %v ofac_cons", tt.id, e.Caption(), e.Topics, e.List, tt.caption, tt.topics)
		}
		if tt.uscc != "" && !hasID(e.Identifiers, "USCC", tt.uscc) {
			t.Errorf("Map(cons)[%s].Identifiers = %v, want USCC %s", tt.id, e.Identifiers, tt.uscc)
		}
		if tt.uscc != "" && !cmp.Equal(e.Countries, []string{"CN"}) {
			t.Errorf("Map(cons)[%s].Countries = %v, want [CN]", tt.id, e.Countries)
		}
	}
	norinco := got["30957"]
	for _, want := range []trade.ListName{{Value: "NORINCO", Kind: trade.NameAlias}, {Value: "CNIGC", Kind: trade.NameWeak}} {
		if !hasName(norinco.Names, want) {
			t.Errorf("Map(cons)[30957].Names = %v, want %v among them", norinco.Names, want)
		}
	}
	if !hasID(got["17260"].Identifiers, "INN", "7704274402") || !hasID(got["17260"].Identifiers, "OGRN", "1077799030847") {
		t.Errorf("Map(cons)[17260].Identifiers = %v, want INN 7704274402 and OGRN 1077799030847", got["17260"].Identifiers)
	}
}

func TestMapWithoutResolver(t *testing.T) {
	set := readSet(t, "testdata/sdn.csv", "", "testdata/add.csv", "")
	e := byID(ofac.Map(ofac.ListSDN, set, nil))["18782"]
	if len(e.Countries) != 0 {
		t.Errorf("Map(nil resolver)[18782].Countries = %v, want none (Russia is no two-letter code)", e.Countries)
	}
	// Without the entity's country the remarks' "(Russia)" still names the INN.
	if !hasID(e.Identifiers, "INN", "7718852163") {
		t.Errorf("Map(nil resolver)[18782].Identifiers = %v, want INN 7718852163", e.Identifiers)
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

func hasName(names []trade.ListName, want trade.ListName) bool {
	for _, n := range names {
		if n.Value == want.Value && n.Kind == want.Kind {
			return true
		}
	}
	return false
}
