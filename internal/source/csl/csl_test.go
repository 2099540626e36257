package csl_test

import (
	"bytes"
	"errors"
	"os"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"tradetrace/internal/source/csl"
	"tradetrace/internal/source/lists"
	"tradetrace/internal/trade"
)

func read(t testing.TB, path string) []csl.Record {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	recs, err := csl.Read(f)
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

func TestTopics(t *testing.T) {
	tests := []struct {
		source string
		want   []trade.Topic
	}{
		{"Entity List (EL) - Bureau of Industry and Security", []trade.Topic{trade.TopicExportControl}},
		{"Military End User (MEU) List - Bureau of Industry and Security", []trade.Topic{trade.TopicExportControl, trade.TopicMilitaryEndUser}},
		{"Specially Designated Nationals (SDN) - Treasury Department", []trade.Topic{trade.TopicSanction}},
		{"Non-SDN Chinese Military-Industrial Complex Companies List (CMIC) - Treasury Department", []trade.Topic{trade.TopicSanction, trade.TopicStateDefence}},
		{"Denied Persons List (DPL) - Bureau of Industry and Security", []trade.Topic{trade.TopicExportControl}},
		{"Unverified List (UVL) - Bureau of Industry and Security", []trade.Topic{trade.TopicExportControl}},
		{"ITAR Debarred (DTC) - State Department", []trade.Topic{trade.TopicExportControl}},
		{"Nonproliferation Sanctions (ISN) - State Department", []trade.Topic{trade.TopicSanction}},
	}
	for _, tt := range tests {
		if got := csl.Topics(tt.source); !cmp.Equal(got, tt.want) {
			t.Errorf("Topics(%q) = %v, want %v", tt.source, got, tt.want)
		}
	}
}

func TestMap2025(t *testing.T) {
	recs := read(t, "testdata/us_csl_consolidated_sample_2025.csv")
	if len(recs) != 13 || recs[0].ID == "" {
		t.Fatalf("Read(2025 sample) = %d records, first id %q; want 13 with ids", len(recs), recs[0].ID)
	}
	got := byName(csl.Map(recs, lists.CountryCode))
	meu := 0
	for _, e := range got {
		for _, tp := range e.Topics {
			if tp == trade.TopicMilitaryEndUser {
				meu++
			}
		}
	}
	if meu != 1 {
		t.Errorf("Map(2025 sample) = %d military end users, want 1 (the MEU row)", meu)
	}
	sino, ok := got["Sinobright Import and Export Company"]
	if !ok || !cmp.Equal(sino.Programs, []string{"ISN", "INKSNA"}) {
		t.Errorf("Map(2025 sample) Sinobright = %v (found %v), want the name without its successor clause, programs [ISN INKSNA]", sino.Programs, ok)
	}
	// Items that are notes, not identifiers ("Secondary sanctions risk:, North Korea Sanctions Regulations …",
	// "Gender, Male"), are left out.
	for _, e := range got {
		for _, id := range e.Identifiers {
			if id.Scheme == "" || id.Value == "" || strings.Contains(id.Value, "Regulations") || id.Value == "Male" {
				t.Errorf("Map(2025 sample)[%s] has identifier %v, want only identifiers", e.Caption(), id)
			}
		}
	}
	msp := findByID(got, "SWIFT", "RUDVRUMM")
	// The bank is in Moscow, so its 13-digit registration number is an OGRN.
	if msp == nil || !hasID(msp.Identifiers, "OGRN", "1027739108649") {
		t.Errorf("Map(2025 sample): want an entity with SWIFT RUDVRUMM and OGRN 1027739108649 (type-first ids), got %v", msp)
	}
}

func TestMap2019(t *testing.T) {
	recs := read(t, "testdata/us_csl_sample_2019.csv")
	if len(recs) != 19 {
		t.Fatalf("Read(2019 cut) = %d records, want 19", len(recs))
	}
	got := byName(csl.Map(recs, lists.CountryCode))
	tests := []struct {
		name      string
		topics    []trade.Topic
		countries []string
		scheme    string
		value     string
	}{
		{"32 Group China Ltd.", []trade.Topic{trade.TopicExportControl}, []string{"HK"}, "", ""},
		{"90 EKSPERIMENTALNY ZAVOD OAO", []trade.Topic{trade.TopicSanction}, []string{"RU"}, "INN", "5030056754"},
		{"7-28", []trade.Topic{trade.TopicSanction}, nil, "IMO", "8898831"},
		{"200G PSA HOLDINGS LLC", []trade.Topic{trade.TopicSanction}, []string{"US"}, "TAX", "80-0890696"},
		{"BANK OF KUNLUN CO LTD", []trade.Topic{trade.TopicSanction}, []string{"CN"}, "SWIFT", "CKLBCNBJ"},
	}
	for _, tt := range tests {
		e, ok := got[tt.name]
		if !ok {
			t.Errorf("Map(2019 cut) has no %q", tt.name)
			continue
		}
		if !cmp.Equal(e.Topics, tt.topics) || (tt.countries != nil && !cmp.Equal(e.Countries, tt.countries)) {
			t.Errorf("Map(2019 cut)[%s] = %v %v, want %v %v", tt.name, e.Topics, e.Countries, tt.topics, tt.countries)
		}
		if tt.scheme != "" && !hasID(e.Identifiers, tt.scheme, tt.value) {
			t.Errorf("Map(2019 cut)[%s].Identifiers = %v, want %s %s (country-number-type ids)", tt.name, e.Identifiers, tt.scheme, tt.value)
		}
	}
	if e := got["7-28"]; e.Schema != trade.SchemaVessel {
		t.Errorf("Map(2019 cut)[7-28].Schema = %s, want Vessel", e.Schema)
	}
}

func TestReadErrors(t *testing.T) {
	if _, err := csl.Read(strings.NewReader("a,b\n")); !errors.Is(err, csl.ErrLayout) {
		t.Errorf("Read(other csv) error = %v, want ErrLayout", err)
	}
}

func FuzzRead(f *testing.F) {
	for _, name := range []string{"testdata/us_csl_sample_2019.csv", "testdata/us_csl_consolidated_sample_2025.csv"} {
		data, err := os.ReadFile(name)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(data)
	}
	f.Add([]byte("source,name,ids\nX (EL),\"; and any successor\",\"Tax ID No., , RU; , Passport\"\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		recs, err := csl.Read(bytes.NewReader(data))
		if err != nil {
			return
		}
		for _, e := range csl.Map(recs, nil) {
			if e.Caption() == "" || len(e.Topics) == 0 {
				t.Fatalf("Map(Read(%q)) gave %+v, want a name and a topic", data, e)
			}
		}
	})
}

func findByID(m map[string]trade.ListEntity, scheme, value string) *trade.ListEntity {
	for _, e := range m {
		if hasID(e.Identifiers, scheme, value) {
			return &e
		}
	}
	return nil
}

func hasID(ids []trade.Identifier, scheme, value string) bool {
	for _, id := range ids {
		if id.Scheme == scheme && id.Value == value {
			return true
		}
	}
	return false
}
