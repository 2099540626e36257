package ofac_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"tradetrace/internal/source/lists"
	"tradetrace/internal/source/ofac"
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

func TestRealSDN(t *testing.T) {
	dir := sharedLists(t)
	set := readSet(t, filepath.Join(dir, "ofac_sdn_2024-05-03/sdn.csv"), filepath.Join(dir, "ofac_sdn_aux_2025-12-24/alt.csv"),
		filepath.Join(dir, "ofac_sdn_aux_2025-12-24/add.csv"), filepath.Join(dir, "ofac_sdn_aux_2025-12-24/sdn_comments.csv"))
	if len(set.Entries) != 14965 {
		t.Errorf("ReadEntries(sdn.csv) = %d entries, want 14,965 as SOURCES.md says", len(set.Entries))
	}
	if len(set.Alts) != 20107 || len(set.Addresses) != 24244 || len(set.Comments) != 28 {
		t.Errorf("aux files = %d alt, %d add, %d comments rows, want 20107, 24244, 28", len(set.Alts), len(set.Addresses), len(set.Comments))
	}
	ents := ofac.Map(ofac.ListSDN, set, lists.CountryCode)
	russia, persons, inn := 0, 0, 0
	for _, e := range ents {
		for _, p := range e.Programs {
			if strings.Contains(p, "RUSSIA-EO14024") {
				russia++
				break
			}
		}
		if e.Schema == trade.SchemaPerson {
			persons++
		}
		for _, id := range e.Identifiers {
			if id.Scheme == "INN" {
				inn++
				break
			}
		}
	}
	if russia != 4440 {
		t.Errorf("entries under RUSSIA-EO14024 = %d, want 4,440 as SOURCES.md says", russia)
	}
	if persons != 6854 {
		t.Errorf("persons = %d, want 6,854 (rows typed individual)", persons)
	}
	if inn < 2000 {
		t.Errorf("entities with an INN = %d, want at least 2,000 (Russian tax numbers in the remarks)", inn)
	}
	got := byID(ents)
	for _, tt := range []struct{ id, name, inn string }{
		{"18782", "ROSOBORONEKSPORT OAO", "7718852163"},
		{"16911", "JOINT STOCK COMPANY CONCERN KALASHNIKOV", "1832090230"},
		{"43225", "CLOSED JOINT STOCK COMPANY TEKHKRIM", "1835013146"},
	} {
		e := got[tt.id]
		if e.Caption() != tt.name || !hasID(e.Identifiers, "INN", tt.inn) || !hasProgram(e, "RUSSIA-EO14024") {
			t.Errorf("Map(sdn)[%s] = %q %v %v, want %q with INN %s under RUSSIA-EO14024", tt.id, e.Caption(), e.Identifiers, e.Programs, tt.name, tt.inn)
		}
	}
	if !hasName(got["16911"].Names, trade.ListName{Value: "CONCERN KALASHNIKOV", Kind: trade.NameAlias}) {
		t.Errorf("Map(sdn)[16911].Names = %v, want the alias CONCERN KALASHNIKOV", got["16911"].Names)
	}
}

func TestRealCons(t *testing.T) {
	dir := filepath.Join(sharedLists(t), "ofac_non_sdn_cons_2025-12-19")
	set := readSet(t, filepath.Join(dir, "cons_prim.csv"), filepath.Join(dir, "cons_alt.csv"),
		filepath.Join(dir, "cons_add.csv"), filepath.Join(dir, "cons_comments.csv"))
	ents := ofac.Map(ofac.ListCons, set, lists.CountryCode)
	if len(ents) != 442 {
		t.Errorf("Map(cons) = %d entities, want 442 as SOURCES.md says", len(ents))
	}
	defence := 0
	for _, e := range ents {
		for _, tp := range e.Topics {
			if tp == trade.TopicStateDefence {
				defence++
			}
		}
	}
	if defence != 68 {
		t.Errorf("cons entities with gov.defence = %d, want 68 (the CMIC-EO13959 rows)", defence)
	}
}

func TestRealStatic2019(t *testing.T) {
	dir := filepath.Join(sharedLists(t), "ofac_sdn_static_2019")
	set := readSet(t, filepath.Join(dir, "sdn.csv"), filepath.Join(dir, "alt.csv"), filepath.Join(dir, "add.csv"),
		filepath.Join(dir, "sdn_comments.csv"))
	if n := len(ofac.Map(ofac.ListSDN, set, lists.CountryCode)); n != 7379 {
		t.Errorf("Map(2019 set) = %d entities, want 7,379 as SOURCES.md says", n)
	}
}

func hasProgram(e trade.ListEntity, p string) bool {
	for _, x := range e.Programs {
		if x == p {
			return true
		}
	}
	return false
}
