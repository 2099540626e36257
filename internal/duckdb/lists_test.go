package duckdb_test

import (
	"context"
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"sort"
	"testing"

	"github.com/google/go-cmp/cmp"

	"tradetrace/internal/duckdb"
	"tradetrace/internal/ingest"
	"tradetrace/internal/trade"
)

func listsMemStore(t *testing.T) *duckdb.DB {
	t.Helper()
	st, err := duckdb.Open(context.Background(), ":memory:", duckdb.Config{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	return st
}

func listEntity(id, name string, programs ...string) trade.ListEntity {
	return trade.ListEntity{List: "test_list", SourceID: id, Schema: trade.SchemaCompany,
		Names:    []trade.ListName{{Value: name, Kind: trade.NamePrimary}, {Value: name + " alias", Kind: trade.NameAlias}},
		Programs: programs, Topics: []trade.Topic{trade.TopicSanction}, Source: `{"raw":"` + id + `"}`}
}

func TestLoadListVersions(t *testing.T) {
	ctx := context.Background()
	st := listsMemStore(t)
	v1ents := []trade.ListEntity{listEntity("1", "Alpha Trading"), listEntity("2", "Beta\tWorks", "P1"), listEntity("3", "Gamma \\N Ltd")}
	v1, added, err := st.LoadList(ctx, duckdb.ListLoad{List: "test_list", File: "a.csv", SHA256: "aaa", Entities: v1ents})
	if err != nil {
		t.Fatal(err)
	}
	if !added || !v1.Current || v1.Entities != 3 || v1.Names != 6 {
		t.Errorf("LoadList(v1) = %+v added %v, want a current version of 3 entities and 6 names", v1, added)
	}
	// the same bytes again: no version
	again, added, err := st.LoadList(ctx, duckdb.ListLoad{List: "test_list", File: "a.csv", SHA256: "aaa", Entities: v1ents})
	if err != nil {
		t.Fatal(err)
	}
	if added || again.ID != v1.ID {
		t.Errorf("LoadList(same sha) = version %d added %v, want version %d, not added", again.ID, added, v1.ID)
	}
	// an update: 1 removed, 2 changed (a program added), 3 unchanged, 4 added
	v2ents := []trade.ListEntity{listEntity("2", "Beta\tWorks", "P1", "P2"), listEntity("3", "Gamma \\N Ltd"), listEntity("4", "Delta Arms")}
	v2, added, err := st.LoadList(ctx, duckdb.ListLoad{List: "test_list", File: "b.csv", SHA256: "bbb", Entities: v2ents})
	if err != nil {
		t.Fatal(err)
	}
	if !added || v2.ID == v1.ID {
		t.Fatalf("LoadList(v2) = %+v added %v, want a new version", v2, added)
	}
	other, _, err := st.LoadList(ctx, duckdb.ListLoad{List: "other", File: "o.csv", SHA256: "aaa",
		Entities: []trade.ListEntity{{List: "other", SourceID: "x", Schema: trade.SchemaPerson, Names: []trade.ListName{{Value: "X"}}}}})
	if err != nil {
		t.Fatal(err)
	}
	vs, err := st.ListVersions(ctx, "test_list")
	if err != nil {
		t.Fatal(err)
	}
	if len(vs) != 2 || vs[0].ID != v2.ID || !vs[0].Current || vs[1].Current {
		t.Errorf("ListVersions = %+v, want v2 current then v1 not current", vs)
	}
	all, err := st.ListVersions(ctx, "")
	if err != nil {
		t.Fatal(err)
	}
	if len(all) != 3 || all[0].ID != other.ID {
		t.Errorf("ListVersions(all) = %d versions, first %d, want 3, first the other list's", len(all), all[0].ID)
	}
	cur, err := st.CurrentListEntities(ctx)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, e := range cur {
		got = append(got, e.List+"/"+e.SourceID+"/"+e.Caption())
	}
	want := []string{"other/x/X", "test_list/2/Beta\tWorks", "test_list/3/Gamma \\N Ltd", "test_list/4/Delta Arms"}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("CurrentListEntities (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff(v2ents[0], cur[1]); diff != "" {
		t.Errorf("entity round trip (-want +got):\n%s", diff)
	}
	d, err := st.DiffList(ctx, "test_list", 0, 0)
	if err != nil {
		t.Fatal(err)
	}
	ids := func(es []duckdb.DiffEntry) []string {
		var out []string
		for _, e := range es {
			out = append(out, e.SourceID)
		}
		return out
	}
	if d.From.ID != v1.ID || d.To.ID != v2.ID || !cmp.Equal(ids(d.Added), []string{"4"}) ||
		!cmp.Equal(ids(d.Removed), []string{"1"}) || !cmp.Equal(ids(d.Changed), []string{"2"}) {
		t.Errorf("DiffList = from %d to %d added %v removed %v changed %v, want %d→%d, 4, 1, 2",
			d.From.ID, d.To.ID, ids(d.Added), ids(d.Removed), ids(d.Changed), v1.ID, v2.ID)
	}
	if len(d.Changed) == 1 && !cmp.Equal(d.Changed[0].Fields, []string{"programs"}) {
		t.Errorf("DiffList changed fields = %v, want [programs]", d.Changed[0].Fields)
	}
	// loading v1's bytes again makes v1 current without a new version
	back, added, err := st.LoadList(ctx, duckdb.ListLoad{List: "test_list", File: "a.csv", SHA256: "aaa", Entities: v1ents})
	if err != nil {
		t.Fatal(err)
	}
	if added || back.ID != v1.ID || !back.Current {
		t.Errorf("LoadList(v1 again) = %+v added %v, want v1 current again", back, added)
	}
	if vs, _ := st.ListVersions(ctx, "test_list"); len(vs) != 2 || vs[0].Current || !vs[1].Current {
		t.Errorf("after reloading v1: versions %+v, want v1 current and no third version", vs)
	}
	if _, err := st.DiffList(ctx, "nothing", 0, 0); !errors.Is(err, duckdb.ErrNoListVersion) {
		t.Errorf("DiffList(unknown) error = %v, want ErrNoListVersion", err)
	}
}

const listsPartiesCSV = `record_id,date,direction,reporter,shipper_name,shipper_country,shipper_id,consignee_name,consignee_country,consignee_id,hs_code,description,brand,manufacturer,value_usd
R1,2022-06-01,export,CN,NORINCO,CN,91110000710924910P,ZAO TEKHKRIM,RU,,930320,hunting rifles,,NORINCO,1000
R2,2022-06-02,export,CN,NORINCO,CN,91110000710924910P,ZAO TEKHKRIM,RU,,930320,hunting rifles,,,2000
R3,2022-06-03,export,CN,Acme Toys,CN,,Beta LLC,RU,,950300,toys,DJI,,300
`

func TestListCandidates(t *testing.T) {
	ctx := context.Background()
	st := listsMemStore(t)
	ents := []trade.ListEntity{listEntity("1", "Alpha Trading"), listEntity("2", "Beta Works"), listEntity("3", "Gamma Beta")}
	keys := []duckdb.ListKey{{"1", "p:alfa"}, {"2", "p:beta"}, {"2", "p:work"}, {"3", "p:gama"}, {"3", "p:beta"}}
	if _, _, err := st.LoadList(ctx, duckdb.ListLoad{List: "test_list", File: "a", SHA256: "a", Entities: ents, Keys: keys}); err != nil {
		t.Fatal(err)
	}
	got, ok, err := st.ListCandidates(ctx, []string{"p:beta", "p:work", "p:nothing"}, 10)
	if err != nil || !ok {
		t.Fatalf("ListCandidates = %v, %v, want candidates", ok, err)
	}
	var ids []string
	for _, e := range got {
		ids = append(ids, e.SourceID)
	}
	if !cmp.Equal(ids, []string{"2", "3"}) {
		t.Errorf("ListCandidates(beta, work) = %v, want 2 (two keys) then 3", ids)
	}
	if got, _, _ := st.ListCandidates(ctx, []string{"p:beta"}, 1); len(got) != 1 {
		t.Errorf("ListCandidates(limit 1) = %d entities, want 1", len(got))
	}
	// a current version without keys: the caller must index everything
	if _, _, err := st.LoadList(ctx, duckdb.ListLoad{List: "other", File: "o", SHA256: "o", Entities: ents[:1]}); err != nil {
		t.Fatal(err)
	}
	if _, ok, err := st.ListCandidates(ctx, []string{"p:beta"}, 10); err != nil || ok {
		t.Errorf("ListCandidates with a version without keys = %v, %v, want not ok", ok, err)
	}
}

func TestDistinctPartyNames(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	st, err := duckdb.Open(ctx, filepath.Join(dir, "t.duckdb"), duckdb.Config{})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	in := filepath.Join(dir, "in.csv")
	if err := os.WriteFile(in, []byte(listsPartiesCSV), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := ingest.File(ctx, st, in, ingest.Options{Profile: "canonical"}); err != nil {
		t.Fatal(err)
	}
	var got []string
	err = st.DistinctPartyNames(ctx, func(p *duckdb.PartyName) error {
		got = append(got, p.Role+"|"+p.Name+"|"+p.Country+"|"+p.ID+"|"+listsItoa(p.Lines))
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	sort.Strings(got)
	want := []string{"brand|DJI|||1", "consignee|Beta LLC|RU||1", "consignee|ZAO TEKHKRIM|RU||2", "manufacturer|NORINCO|||1",
		"shipper|Acme Toys|CN||1", "shipper|NORINCO|CN|91110000710924910P|2"}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("DistinctPartyNames (-want +got):\n%s", diff)
	}
	lines, err := st.PartyLines(ctx, "consignee", []string{"ZAO TEKHKRIM", "nobody", ""})
	if err != nil {
		t.Fatal(err)
	}
	if len(lines) != 2 || lines[0].Name != "ZAO TEKHKRIM" || lines[0].Country != "RU" || lines[0].ID >= lines[1].ID {
		t.Errorf("PartyLines(consignee) = %+v, want the two ZAO TEKHKRIM lines in id order", lines)
	}
	brand, err := st.PartyLines(ctx, "brand", []string{"DJI"})
	if err != nil {
		t.Fatal(err)
	}
	if len(brand) != 1 || brand[0].Name != "DJI" {
		t.Errorf("PartyLines(brand DJI) = %+v, want one line", brand)
	}
	if _, err := st.PartyLines(ctx, "shipper_name; DROP TABLE shipments", []string{"x"}); err == nil {
		t.Errorf("PartyLines(bad role) succeeded, want an error")
	}
}

func listsItoa(n int64) string { b, _ := json.Marshal(n); return string(b) }

func TestSetPartyMatches(t *testing.T) {
	ctx := context.Background()
	st := listsMemStore(t)
	_, err := st.SQL().ExecContext(ctx, `INSERT INTO parties VALUES
		(1, 'NORINCO', 'NORINCO', 'CN', '["91110000710924910P"]', '[{"name":"中国北方工业有限公司","name_en":"","country":"CN","id":"","lines":3}]', '[]', '{}', 5, 0, 0, NULL, NULL, '', 0, '[]'),
		(2, 'Acme', '', 'CN', '[]', '[]', '[]', '{}', 1, 0, 0, NULL, NULL, '', 0.2, '[]')`)
	if err != nil {
		t.Fatal(err)
	}
	var ps []duckdb.ScreenParty
	if err := st.PartiesToScreen(ctx, func(p *duckdb.ScreenParty) error { ps = append(ps, *p); return nil }); err != nil {
		t.Fatal(err)
	}
	want := []duckdb.ScreenParty{
		{ID: 1, Names: []string{"NORINCO", "中国北方工业有限公司"}, Countries: []string{"CN"}, Identifiers: []string{"91110000710924910P"}},
		{ID: 2, Names: []string{"Acme"}, Countries: []string{"CN"}},
	}
	if diff := cmp.Diff(want, ps); diff != "" {
		t.Errorf("PartiesToScreen (-want +got):\n%s", diff)
	}
	if err := st.SetPartyMatches(ctx, []duckdb.PartyMatches{{ID: 1, Matches: `[{"list":"ofac_cons"}]`, Risk: 0.9}}); err != nil {
		t.Fatal(err)
	}
	rows, err := st.SQL().QueryContext(ctx, `SELECT id, matches, risk FROM parties ORDER BY id`)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	var got []string
	for rows.Next() {
		var id int64
		var m string
		var r float64
		if err := rows.Scan(&id, &m, &r); err != nil {
			t.Fatal(err)
		}
		b, _ := json.Marshal([]any{id, m, r})
		got = append(got, string(b))
	}
	wantRows := []string{`[1,"[{\"list\":\"ofac_cons\"}]",0.9]`, `[2,"[]",0.2]`}
	if diff := cmp.Diff(wantRows, got); diff != "" {
		t.Errorf("parties after SetPartyMatches (-want +got):\n%s", diff)
	}
}
