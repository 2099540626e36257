package screen

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"tradetrace/internal/names"
	"tradetrace/internal/trade"
)

func ent(list, id string, schema trade.EntitySchema, topics []trade.Topic, ns ...string) trade.ListEntity {
	e := trade.ListEntity{List: list, SourceID: id, Schema: schema, Topics: topics}
	for i, n := range ns {
		k := trade.NameAlias
		if i == 0 {
			k = trade.NamePrimary
		}
		e.Names = append(e.Names, trade.ListName{Value: n, Kind: k})
	}
	return e
}

var sanction = []trade.Topic{trade.TopicSanction}

func testIndex() *Index {
	ents := []trade.ListEntity{
		ent("l1", "1", trade.SchemaCompany, sanction, "CLOSED JOINT STOCK COMPANY TEKHKRIM", "TECHCRIM JOINT STOCK COMPANY"),
		ent("l1", "2", trade.SchemaCompany, []trade.Topic{trade.TopicMilitaryEndUser}, "ROSOBORONEKSPORT OAO", "АО «Рособоронэкспорт»"),
		ent("l2", "3", trade.SchemaLegalEntity, []trade.Topic{trade.TopicStateDefence}, "CHINA NORTH INDUSTRIES GROUP CORPORATION LIMITED", "NORINCO"),
		ent("l2", "4", trade.SchemaVessel, sanction, "KAYSERI"),
		ent("l2", "5", trade.SchemaPerson, sanction, "Ivan Petrovich Sidorov"),
		ent("l3", "6", trade.SchemaCompany, []trade.Topic{trade.TopicCounterSanction}, "Golden Falcon Aerospace Inc."),
	}
	ents[0].Identifiers = []trade.Identifier{{Scheme: "OGRN", Value: "1021801665896"}}
	ents[1].Names = append(ents[1].Names, trade.ListName{Value: "RBE", Kind: trade.NameWeak})
	return NewIndex(ents)
}

func captions(ms []Match) []string {
	var out []string
	for _, m := range ms {
		out = append(out, m.List+"/"+m.SourceID)
	}
	return out
}

func TestScreen(t *testing.T) {
	ix := testIndex()
	if st := ix.Stats(); st.Entities != 6 || st.Names != 9 {
		t.Errorf("Stats = %+v, want 6 entities and 9 names (the weak alias left out)", st)
	}
	tests := []struct {
		name string
		q    Query
		want []string
	}{
		{"transliteration", Query{Name: "ZAO Techkrim"}, []string{"l1/1"}},
		{"cyrillic", Query{Name: "ООО «ТЕХКРИМ»"}, []string{"l1/1"}},
		{"other spelling", Query{Name: "Rosoboronexport JSC"}, []string{"l1/2"}},
		{"bracketed alias", Query{Name: "CHINA NORTH INDUSTRIES CORPORATION (NORINCO)"}, []string{"l2/3"}},
		{"a company is no vessel", Query{Name: "Kayseri Halı Tekstil San. ve Tic. Ltd. Şti."}, nil},
		{"a name may be a vessel's", Query{Name: "Kayseri"}, []string{"l2/4"}},
		{"a party is no vessel", Query{Name: "Kayseri", Party: true}, nil},
		{"a company is no person", Query{Name: "Sidorov Ivan LLC"}, nil},
		{"unknown kind may be a person", Query{Name: "Ivan Sidorov"}, []string{"l2/5"}},
		{"weak alias alone is no match", Query{Name: "RBE"}, nil},
		{"nothing", Query{Name: "Meadowbrook Dairy Products Ltd"}, nil},
		{"an identifier finds the entry whatever the name", Query{Name: "Izhevsk Works", MinScore: -1, Top: 1,
			Identifiers: []names.Identifier{{Value: "1021801665896"}}}, []string{"l1/1"}},
	}
	for _, tt := range tests {
		got := captions(ix.Screen(tt.q))
		if !cmp.Equal(got, tt.want) {
			t.Errorf("%s: Screen(%q) = %v, want %v", tt.name, tt.q.Name, got, tt.want)
		}
	}
}

func TestScreenAllOrderAndSummary(t *testing.T) {
	ix := testIndex()
	qs := []Query{{Name: "NORINCO"}, {Name: "nothing at all"}, {Name: "Tekhkrim"}}
	res := ix.ScreenAll(qs, 2)
	if got := [][]string{captions(res[0]), captions(res[1]), captions(res[2])}; !cmp.Equal(got, [][]string{{"l2/3"}, nil, {"l1/1"}}) {
		t.Fatalf("ScreenAll = %v, want the matches in the order of the queries", got)
	}
	m := res[0][0]
	if m.Name != "NORINCO" || m.NameKind != trade.NameAlias || !m.Score.Match {
		t.Errorf("match = %q %v %v, want the alias NORINCO matched", m.Name, m.NameKind, m.Score.Match)
	}
	s := m.Summary("NORINCO")
	b, err := json.Marshal(s)
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{`"list":"l2"`, `"topics":["gov.defence"]`, `"name_kind":"alias"`, `"features":[{"name":"bias"`, `"version":"` + names.Version} {
		if !strings.Contains(string(b), want) {
			t.Errorf("Summary JSON %s lacks %s", b, want)
		}
	}
	if s.Risk != s.Score {
		t.Errorf("Summary risk %.3f, want the score %.3f for a state defence company", s.Risk, s.Score)
	}
	if !strings.Contains(s.Explain(), "norinco ~ norinco") {
		t.Errorf("Explain() = %q, want the aligned words", s.Explain())
	}
}

func TestBracketParts(t *testing.T) {
	tests := []struct {
		in   string
		want []string
	}{
		{"CHINA NORTH INDUSTRIES CORPORATION (NORINCO)", []string{"CHINA NORTH INDUSTRIES CORPORATION", "NORINCO"}},
		{"XINXING (GUANGZHOU) IMP. & EXP. CO", nil}, // a place in brackets is no second name
		{"大疆（DJI）创新", []string{"大疆 创新", "DJI"}},
		{"Fund (II)", []string{"Fund", "II"}},
		{"(1)", nil},
		{"no brackets", nil},
		{"open (bracket", []string{"open", "bracket"}},
	}
	for _, tt := range tests {
		if got := bracketParts(tt.in); !cmp.Equal(got, tt.want) {
			t.Errorf("bracketParts(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestTopicWeight(t *testing.T) {
	tests := []struct {
		topics []trade.Topic
		want   float64
	}{
		{nil, 0},
		{[]trade.Topic{trade.TopicCounterSanction}, 0.3},
		{[]trade.Topic{trade.TopicCounterSanction, trade.TopicSanction}, 1},
		{[]trade.Topic{"crime"}, 0.6},
	}
	for _, tt := range tests {
		if got := TopicWeight(tt.topics); got != tt.want {
			t.Errorf("TopicWeight(%v) = %v, want %v", tt.topics, got, tt.want)
		}
	}
}

func TestEntityAndQueryKeys(t *testing.T) {
	ents := testIndex().ents
	byKey := map[string][]string{}
	for _, k := range EntityKeys(ents) {
		byKey[k.Key] = append(byKey[k.Key], k.SourceID)
	}
	tests := []struct {
		query string
		want  string
	}{
		{"ZAO Techkrim", "1"},
		{"АО Рособоронэкспорт", "2"},
		{"China North Industries Corporation (NORINCO)", "3"},
	}
	for _, tt := range tests {
		found := false
		for _, k := range QueryKeys(Query{Name: tt.query}) {
			for _, id := range byKey[k] {
				found = found || id == tt.want
			}
		}
		if !found {
			t.Errorf("QueryKeys(%q) share no key with entity %s's EntityKeys", tt.query, tt.want)
		}
	}
}

// A bracketed place is no second name: "JINSHENG BUILDING MATERIALS (XI'AN)" is not screened as "XI'AN", and
// "HENGXIN TECHNOLOGY (HONG KONG)" not as "HONG KONG"; a bracketed short name such as "(DJI)" still is.
func TestBracketPlaces(t *testing.T) {
	for _, tc := range []struct {
		in   string
		want int
	}{
		{"JINSHENG BUILDING MATERIALS (XI'AN) CO., LTD.", 0},
		{"HENGXIN TECHNOLOGY (HONG KONG) CO., LIMITED", 0},
		{"VOLGA HORIZON AUTO SPARE PARTS TRADING FZE (DUBAI)", 0},
		{"SOME TRADING LLC (UNITED ARAB EMIRATES)", 0},
		{"ООО РОМАШКА (МОСКВА)", 0},
		{"SZ DA-JIANG INNOVATIONS SCIENCE AND TECHNOLOGY CO (DJI)", 2},
		{"CHINA NORTH INDUSTRIES CORPORATION (NORINCO)", 2},
	} {
		if got := bracketParts(tc.in); len(got) != tc.want {
			t.Errorf("bracketParts(%q) = %q, want %d parts", tc.in, got, tc.want)
		}
	}
}
