package ofac

import (
	"bytes"
	"os"
	"testing"
)

func FuzzReadEntries(f *testing.F) {
	for _, name := range []string{"sdn.csv", "cons_prim.csv"} {
		data, err := os.ReadFile("testdata/" + name)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(data)
	}
	f.Add([]byte("1,\"X\",-0- ,\"A] [B\",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,\"a.k.a. 'Y'; DOB 1950 to\"\r\n\x1a"))
	f.Fuzz(func(t *testing.T, data []byte) {
		entries, err := ReadEntries(bytes.NewReader(data))
		if err != nil {
			return
		}
		for _, e := range entries {
			if e.EntNum == "" {
				t.Fatalf("ReadEntries(%q) gave an entry without ent_num", data)
			}
		}
		ents := Map(ListSDN, Set{Entries: entries}, nil)
		if len(ents) != len(entries) {
			t.Fatalf("Map gave %d entities for %d entries", len(ents), len(entries))
		}
	})
}

func FuzzParseRemarks(f *testing.F) {
	for _, s := range []string{"a.k.a. 'BNC'.", "Tax ID No. 7718852163 (Russia); Registration Number 1 (", "DOB circa 1951 to 19",
		"Listing Date (CMIC) 03 Jun 2021", "alt. f.k.a. ''", "Passport 1 (Egypt) issued expires"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		r := ParseRemarks(s)
		for _, id := range r.IDs {
			if id.Value == "" || id.Scheme == "" {
				t.Fatalf("ParseRemarks(%q) gave an empty identifier %+v", s, id)
			}
		}
	})
}

func FuzzReadXML(f *testing.F) {
	data, err := os.ReadFile("testdata/sample_ofac_consolidated.xml")
	if err != nil {
		f.Fatal(err)
	}
	f.Add(data)
	f.Add([]byte(`<sdnList><sdnEntry><uid>1</uid><lastName>X</lastName><idList><id><idType>IMO</idType></id></idList></sdnEntry></sdnList>`))
	f.Fuzz(func(t *testing.T, data []byte) {
		l, err := ReadXML(bytes.NewReader(data))
		if err != nil {
			return
		}
		_ = MapXML(ListSDN, l.Entries, nil)
	})
}
