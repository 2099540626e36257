package screen

import (
	"os"
	"path/filepath"
	"sync"
	"testing"

	"tradetrace/internal/source/lists"
	"tradetrace/internal/trade"
)

// sharedLists is the lists folder of the shared data beside the repository.
func sharedLists(t testing.TB) string {
	t.Helper()
	dir := filepath.Join("..", "..", "..", "shared", "data", "lists")
	if _, err := os.Stat(dir); err != nil {
		t.Skipf("shared lists not found: %v", err)
	}
	return dir
}

var (
	realOnce sync.Once
	realIx   *Index
	realErr  error
)

// realIndex loads every list the lists folder holds (the default lists, older vintages and format samples)
// and indexes them once per test binary.
func realIndex(t testing.TB) *Index {
	dir := sharedLists(t)
	realOnce.Do(func() {
		var ents []trade.ListEntity
		for _, s := range lists.Sources() {
			es, err := lists.Load(dir, s.Name)
			if err != nil {
				realErr = err
				return
			}
			ents = append(ents, es...)
		}
		realIx = NewIndex(ents)
	})
	if realErr != nil {
		t.Fatal(realErr)
	}
	return realIx
}

// TestSeedNames screens the names the seed articles use (and the listed spellings of the others) and wants
// the list entries of the reference case among the matches.
func TestSeedNames(t *testing.T) {
	ix := realIndex(t)
	st := ix.Stats()
	t.Logf("index: %d entities, %d names, %d keys, %d postings", st.Entities, st.Names, st.Keys, st.Postings)
	if st.Entities < 30000 || st.Names < 65000 {
		t.Errorf("index has %d entities and %d names, want every list (over 30,000 and 65,000)", st.Entities, st.Names)
	}
	tests := []struct {
		query   string
		country string
		list    string
		caption string // the caption of an entry wanted among the matches
	}{
		{"China North Industries Group Corporation Limited", "", "us_dod_1260h", "China North Industries Group Corporation Limited"},
		{"China North Industries Group Corporation Limited", "", "ofac_cons", "CHINA NORTH INDUSTRIES GROUP CORPORATION LIMITED"},
		{"NORINCO", "", "ofac_cons", "CHINA NORTH INDUSTRIES GROUP CORPORATION LIMITED"},
		{"Tekhkrim", "RU", "ofac_sdn", "CLOSED JOINT STOCK COMPANY TEKHKRIM"},
		{"ООО Техкрим", "", "ofac_sdn", "CLOSED JOINT STOCK COMPANY TEKHKRIM"},
		{"Da-Jiang Innovations Science & Technology Co. (DJI)", "", "us_dod_1260h", "Shenzhen DJI Technology Co., Ltd."},
		{"SZ DJI TECHNOLOGY CO LTD", "CN", "ofac_cons", "SZ DJI TECHNOLOGY CO., LTD."},
		{"DJI", "", "us_dod_1260h", "Shenzhen DJI Technology Co., Ltd."},
		{"Rosoboronexport", "", "ofac_sdn", "ROSOBORONEKSPORT OAO"},
		{"АО «Рособоронэкспорт»", "RU", "eu_269", "JSC ROSOBORONEXPORT"},
		{"Kalashnikov", "", "ofac_sdn", "JOINT STOCK COMPANY CONCERN KALASHNIKOV"},
		{"Concern Kalashnikov JSC", "RU", "eu_833", "JSC Kalashnikov"},
	}
	for _, tt := range tests {
		q := Query{Name: tt.query, Top: 20}
		if tt.country != "" {
			q.Countries = []string{tt.country}
		}
		ms := ix.Screen(q)
		found := false
		for _, m := range ms {
			if m.List == tt.list && m.Caption == tt.caption {
				found = true
				t.Logf("%q → %s %q via %q: %.3f", tt.query, m.List, m.Caption, m.Name, m.Score.Value)
			}
		}
		if !found {
			var got []string
			for _, m := range ms {
				got = append(got, m.List+":"+m.Caption)
			}
			t.Errorf("Screen(%q) = %v, want %s %q among them", tt.query, got, tt.list, tt.caption)
		}
	}
}

// TestNoMatch wants ordinary company names that no list holds to match nothing.
func TestNoMatch(t *testing.T) {
	ix := realIndex(t)
	for _, q := range nonMatching[:12] {
		if ms := ix.Screen(Query{Name: q}); len(ms) > 0 {
			t.Errorf("Screen(%q) = %s %q %.3f, want no match", q, ms[0].List, ms[0].Caption, ms[0].Score.Value)
		}
	}
}
