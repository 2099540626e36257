package lists

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"tradetrace/internal/trade"
)

// sharedLists is the lists folder of the shared data beside the repository.
func sharedLists(t testing.TB) string {
	t.Helper()
	dir := filepath.Join("..", "..", "..", "..", "shared", "data", "lists")
	if _, err := os.Stat(dir); err != nil {
		t.Skipf("shared lists not found: %v", err)
	}
	return dir
}

func TestLoadEverySource(t *testing.T) {
	dir := sharedLists(t)
	want := map[string]int{
		"ofac_sdn": 14965, "ofac_cons": 442, "ofac_sdn_2019": 7379, "eu_269": 2802, "eu_833": 1718, "un_sc": 1003,
		"us_dod_1260h": 215, "us_bis_mieu": 13, "cn_mofcom": 461,
		"ofac_xml_sample": 8, "eu_fsf_sample": 6, "uk_hmt_sample": 6, "un_sc_sample": 7, "us_csl_2019_sample": 115,
		"us_csl_2025_sample": 13, "os_zala_aero": 14, "os_multilingual": 6, "os_us_congress": 1317,
	}
	for _, s := range Sources() {
		start := time.Now()
		ents, err := Load(dir, s.Name)
		if err != nil {
			t.Errorf("Load(%s) error: %v", s.Name, err)
			continue
		}
		t.Logf("%-20s %6d entities in %v", s.Name, len(ents), time.Since(start).Round(time.Millisecond))
		if len(ents) != want[s.Name] {
			t.Errorf("Load(%s) = %d entities, want %d", s.Name, len(ents), want[s.Name])
		}
		for _, e := range ents {
			if e.List != s.Name || e.SourceID == "" || e.Caption() == "" || len(e.Topics) == 0 || e.Source == "" {
				t.Errorf("Load(%s) gave %s/%s %q topics %v, want the list's name, an id, a name, topics and the raw entry",
					s.Name, e.List, e.SourceID, e.Caption(), e.Topics)
				break
			}
		}
	}
}

// TestLoadAll checks the entries of the reference case on every list that names them, and the time it takes to
// load all default lists (the requirement is under 3 s).
func TestLoadAll(t *testing.T) {
	dir := sharedLists(t)
	start := time.Now()
	ents, err := LoadAll(dir)
	elapsed := time.Since(start)
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("LoadAll: %d entities in %v", len(ents), elapsed.Round(time.Millisecond))
	if elapsed > 3*time.Second {
		t.Errorf("LoadAll took %v, want under 3s", elapsed)
	}
	if len(ents) != 14965+442+2802+1718+1003+215+13+461 {
		t.Errorf("LoadAll = %d entities, want the sum of the default lists", len(ents))
	}
	tests := []struct {
		list, name string
		topics     []trade.Topic
		program    string
		alias      string
		id         trade.Identifier
	}{
		{"ofac_sdn", "ROSOBORONEKSPORT OAO", []trade.Topic{trade.TopicSanction}, "RUSSIA-EO14024", "ROSOBORONEXPORT JSC",
			trade.Identifier{Scheme: "INN", Value: "7718852163"}},
		{"ofac_sdn", "JOINT STOCK COMPANY CONCERN KALASHNIKOV", []trade.Topic{trade.TopicSanction}, "RUSSIA-EO14024",
			"CONCERN KALASHNIKOV", trade.Identifier{Scheme: "INN", Value: "1832090230"}},
		{"ofac_sdn", "CLOSED JOINT STOCK COMPANY TEKHKRIM", []trade.Topic{trade.TopicSanction}, "RUSSIA-EO14024",
			"TECHCRIM JOINT STOCK COMPANY", trade.Identifier{Scheme: "OGRN", Value: "1021801665896"}},
		{"ofac_cons", "CHINA NORTH INDUSTRIES GROUP CORPORATION LIMITED", []trade.Topic{trade.TopicSanction, trade.TopicStateDefence},
			"CMIC-EO13959", "NORINCO", trade.Identifier{Scheme: "USCC", Value: "91110000710924910P"}},
		{"ofac_cons", "SZ DJI TECHNOLOGY CO., LTD.", []trade.Topic{trade.TopicSanction, trade.TopicStateDefence},
			"CMIC-EO13959", "", trade.Identifier{Scheme: "USCC", Value: "914403007954257495"}},
		{"eu_833", "Rosoboronexport OJSC", []trade.Topic{trade.TopicExportControl, trade.TopicMilitaryEndUser, trade.TopicMilitaryComplex},
			"833/2014 Annex IV", "АО «Рособоронэкспорт»", trade.Identifier{Scheme: "INN", Value: "7718852163"}},
		{"eu_833", "JSC Kalashnikov", []trade.Topic{trade.TopicExportControl, trade.TopicMilitaryEndUser, trade.TopicMilitaryComplex},
			"833/2014 Annex IV", "JSC Concern Kalashnikov", trade.Identifier{Scheme: "INN", Value: "1832090230"}},
		{"eu_269", "JSC ROSOBORONEXPORT", []trade.Topic{trade.TopicSanction}, "269/2014 Annex I", "AO Рособоронэкспорт",
			trade.Identifier{Scheme: "OGRN", Value: "1117746521452"}},
		{"us_dod_1260h", "China North Industries Group Corporation Limited", []trade.Topic{trade.TopicStateDefence},
			"US-DOD-1260H", "Norinco Group", trade.Identifier{}},
		{"us_dod_1260h", "Shenzhen DJI Technology Co., Ltd.", []trade.Topic{trade.TopicStateDefence}, "US-DOD-1260H", "DJI",
			trade.Identifier{}},
	}
	for _, tt := range tests {
		e := findName(ents, tt.list, tt.name)
		if e == nil {
			t.Errorf("LoadAll has no %q on %s", tt.name, tt.list)
			continue
		}
		if !equalTopics(e.Topics, tt.topics) || !contains(e.Programs, tt.program) {
			t.Errorf("%s %q = topics %v programs %v, want %v and %s", tt.list, tt.name, e.Topics, e.Programs, tt.topics, tt.program)
		}
		if tt.alias != "" && !hasName(e.Names, tt.alias) {
			t.Errorf("%s %q names = %v, want %q among them", tt.list, tt.name, e.Names, tt.alias)
		}
		if tt.id.Scheme != "" && !hasID(e.Identifiers, tt.id) {
			t.Errorf("%s %q identifiers = %v, want %v", tt.list, tt.name, e.Identifiers, tt.id)
		}
	}
}

func BenchmarkLoadAll(b *testing.B) {
	dir := sharedLists(b)
	for i := 0; i < b.N; i++ {
		if _, err := LoadAll(dir); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkLoadEverySource(b *testing.B) {
	dir := sharedLists(b)
	for i := 0; i < b.N; i++ {
		for _, s := range Sources() {
			if _, err := Load(dir, s.Name); err != nil {
				b.Fatal(err)
			}
		}
	}
}

func findName(ents []trade.ListEntity, list, name string) *trade.ListEntity {
	for i := range ents {
		if ents[i].List == list && ents[i].Caption() == name {
			return &ents[i]
		}
	}
	return nil
}

func equalTopics(a, b []trade.Topic) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

func contains(xs []string, x string) bool {
	for _, y := range xs {
		if y == x {
			return true
		}
	}
	return false
}

func hasName(names []trade.ListName, v string) bool {
	for _, n := range names {
		if strings.EqualFold(n.Value, v) {
			return true
		}
	}
	return false
}

func hasID(ids []trade.Identifier, want trade.Identifier) bool {
	for _, id := range ids {
		if id == want {
			return true
		}
	}
	return false
}
