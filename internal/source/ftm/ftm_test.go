package ftm

import (
	"bytes"
	"errors"
	"os"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"tradetrace/internal/trade"
)

func read(t testing.TB, path string) []Entity {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	es, err := Read(f)
	if err != nil {
		t.Fatalf("Read(%s) error: %v", path, err)
	}
	return es
}

func byID(ents []trade.ListEntity) map[string]trade.ListEntity {
	m := make(map[string]trade.ListEntity)
	for _, e := range ents {
		m[e.SourceID] = e
	}
	return m
}

func TestMapCluster(t *testing.T) {
	es := read(t, "testdata/zala_cut.ftm.jsonl")
	if len(es) != 22 {
		t.Fatalf("Read(zala_cut) = %d entities, want 22", len(es))
	}
	ents := Map("os_zala_aero", es, nil)
	got := byID(ents)
	// Three companies are targets; the registry-only company, the ownership, the sanctions and the addresses are
	// not list entries.
	if len(ents) != 3 {
		t.Errorf("Map(zala_cut) = %d entities, want 3 targets", len(ents))
	}
	if _, ok := got["NK-56Edov9bas9puzaChH5pBy"]; ok {
		t.Errorf("Map(zala_cut) kept a company that is not a target")
	}
	cst := got["NK-abdzbEBkqyT29GyREbiURZ"]
	wantPrograms := []string{"UA-WS-MILIND", "AU-RUSSIA", "US-BIS-EL", "EU-UKR", "CA-SEMA", "SECO-UKRAINE"}
	for _, p := range wantPrograms {
		if !contains(cst.Programs, p) {
			t.Errorf("Map(zala_cut)[LLC CST].Programs = %v, want %s (from its own programId and its Sanction entities)", cst.Programs, p)
		}
	}
	if cst.Caption() != "LLC CST" || cst.Schema != trade.SchemaCompany || !cmp.Equal(cst.Countries, []string{"RU"}) ||
		!hasID(cst.Identifiers, "INN", "1841015504") {
		t.Errorf("Map(zala_cut)[LLC CST] = %q %s %v %v, want LLC CST, Company, [RU], INN 1841015504",
			cst.Caption(), cst.Schema, cst.Countries, cst.Identifiers)
	}
	if !cmp.Equal(cst.Topics, []trade.Topic{trade.TopicSanction, "debarment", trade.TopicExportControl, "poi", "corp.disqual"}) {
		t.Errorf("Map(zala_cut)[LLC CST].Topics = %v, want FollowTheMoney's topics as published", cst.Topics)
	}
	if len(cst.Addresses) < 3 || cst.List != "os_zala_aero" {
		t.Errorf("Map(zala_cut)[LLC CST] = %d addresses on list %q, want its address entities joined, list os_zala_aero", len(cst.Addresses), cst.List)
	}
	k := got["NK-nR5AXM9AVPq4pQaSPSaVam"]
	if k.Caption() != "JSC Kalashnikov Concern" || !hasID(k.Identifiers, "INN", "1832090230") {
		t.Errorf("Map(zala_cut)[Kalashnikov] = %q %v, want JSC Kalashnikov Concern with INN 1832090230", k.Caption(), k.Identifiers)
	}
	zala := got["NK-cPks3aTbes8k4aCerfBAzN"]
	if !hasName(zala.Names, "ZALA AERO JSC") || !hasID(zala.Identifiers, "OGRN", "1247700258651") {
		t.Errorf("Map(zala_cut)[ZALA Aero] = %v %v, want the name ZALA AERO JSC and OGRN 1247700258651", zala.Names, zala.Identifiers)
	}
}

func TestMapWithoutTargets(t *testing.T) {
	in := `{"id":"a","schema":"Company","properties":{"name":["ACME LLC","ООО АКМЕ"],"weakAlias":["ACME"],"innCode":["7700000000"]}}
{"id":"b","schema":"Ownership","properties":{"owner":["a"]}}
{"id":"c","schema":"Person","properties":{}}`
	es, err := Read(strings.NewReader(in))
	if err != nil {
		t.Fatal(err)
	}
	ents := Map(ListName, es, nil)
	want := []trade.ListName{{Value: "ACME LLC"}, {Value: "ООО АКМЕ", Kind: trade.NameAlias}, {Value: "ACME", Kind: trade.NameWeak}}
	if len(ents) != 1 || !cmp.Equal(ents[0].Names, want) {
		t.Errorf("Map(no target flags) = %+v, want the one named company with names %v", ents, want)
	}
}

func TestMapSample(t *testing.T) {
	ents := Map(ListName, read(t, "testdata/t1_sample.ftm.jsonl"), nil)
	if len(ents) != 6 {
		t.Errorf("Map(t1_sample) = %d entities, want 6 (the Address is no party)", len(ents))
	}
	for _, e := range ents {
		if e.Caption() == "" || len(e.Topics) == 0 {
			t.Errorf("Map(t1_sample)[%s] = %q %v, want a caption and topics", e.SourceID, e.Caption(), e.Topics)
		}
	}
}

func TestReadErrors(t *testing.T) {
	for _, in := range []string{`{"id":"a"}`, `{"schema":"Person"}`, `not json`} {
		if _, err := Read(strings.NewReader(in)); err == nil {
			t.Errorf("Read(%q) error = nil, want an error", in)
		}
	}
	if _, err := Read(strings.NewReader(`{"id":"a"}`)); !errors.Is(err, ErrLayout) {
		t.Errorf("Read(no schema) error = %v, want ErrLayout", err)
	}
}

func TestSenzing(t *testing.T) {
	f, err := os.Open("testdata/senzing_cut.json")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	recs, err := ReadSenzing(f)
	if err != nil || len(recs) != 4 {
		t.Fatalf("ReadSenzing(senzing_cut) = %d records, %v, want 4", len(recs), err)
	}
	ents := MapSenzing("os_us_congress", recs, nil)
	want := trade.ListEntity{List: "os_us_congress", SourceID: "Q101198561", Schema: trade.SchemaPerson,
		Names:  []trade.ListName{{Value: "Scott Franklin"}, {Value: "C. Scott Franklin", Kind: trade.NameAlias}},
		Topics: []trade.Topic{"role.pep"}, Countries: []string{"US"},
		Identifiers: []trade.Identifier{{Scheme: "WIKIDATA", Value: "Q101198561"}}, Dates: []string{"1964"},
		Source: ents[3].Source}
	if diff := cmp.Diff(want, ents[3]); diff != "" {
		t.Errorf("MapSenzing(senzing_cut)[3] mismatch (-want +got):\n%s", diff)
	}
	arr, err := ReadSenzing(strings.NewReader(` [{"RECORD_ID":"x","RECORD_TYPE":"ORGANIZATION","NAMES":[{"NAME_ORG":"Acme"}]}]`))
	if err != nil || len(arr) != 1 {
		t.Fatalf("ReadSenzing(array) = %v, %v, want one record", arr, err)
	}
	if e := MapSenzing("x", arr, nil); len(e) != 1 || e[0].Caption() != "Acme" || e[0].Schema != trade.SchemaOrganization {
		t.Errorf("MapSenzing(array) = %+v, want the organization Acme", e)
	}
	anchor := []SenzingRecord{{RecordID: "Q13218630", Names: []map[string]string{{"NAME_FULL": "United States representative"}}}}
	if e := MapSenzing("x", anchor, nil); len(e) != 0 {
		t.Errorf("MapSenzing(record without a type) = %+v, want nothing (a relationship anchor)", e)
	}
	if _, err := ReadSenzing(strings.NewReader(`{"RECORD_TYPE":"PERSON"}`)); !errors.Is(err, ErrLayout) {
		t.Errorf("ReadSenzing(no RECORD_ID) error = %v, want ErrLayout", err)
	}
}

func FuzzRead(f *testing.F) {
	for _, name := range []string{"testdata/t1_sample.ftm.jsonl", "testdata/zala_cut.ftm.jsonl"} {
		data, err := os.ReadFile(name)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(data)
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		es, err := Read(bytes.NewReader(data))
		if err != nil {
			return
		}
		for _, e := range Map(ListName, es, nil) {
			if len(e.Names) == 0 || e.Names[0].Kind != trade.NamePrimary {
				t.Fatalf("Map(Read(%q)) gave %+v, want a primary name first", data, e)
			}
		}
	})
}

func FuzzReadSenzing(f *testing.F) {
	data, err := os.ReadFile("testdata/senzing_cut.json")
	if err != nil {
		f.Fatal(err)
	}
	f.Add(data)
	f.Add([]byte(`[{"RECORD_ID":"x","RECORD_TYPE":"PERSON","NAMES":[{}]}]`))
	f.Fuzz(func(t *testing.T, data []byte) {
		recs, err := ReadSenzing(bytes.NewReader(data))
		if err != nil {
			return
		}
		for _, e := range MapSenzing("x", recs, nil) {
			if e.SourceID == "" || len(e.Names) == 0 {
				t.Fatalf("MapSenzing(ReadSenzing(%q)) gave %+v, want an id and a name", data, e)
			}
		}
	})
}

func contains(xs []string, x string) bool {
	for _, y := range xs {
		if y == x {
			return true
		}
	}
	return false
}

func hasID(ids []trade.Identifier, scheme, value string) bool {
	for _, id := range ids {
		if id.Scheme == scheme && id.Value == value {
			return true
		}
	}
	return false
}

func hasName(names []trade.ListName, v string) bool {
	for _, n := range names {
		if n.Value == v {
			return true
		}
	}
	return false
}
