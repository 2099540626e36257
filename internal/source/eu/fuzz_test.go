package eu

import (
	"bytes"
	"os"
	"strings"
	"testing"
)

func FuzzReadCSV(f *testing.F) {
	for _, name := range []string{"32014R0269.csv", "32014R0833.csv"} {
		data, err := os.ReadFile("testdata/" + name)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(data)
	}
	f.Add([]byte("name,schema,ogrnCode,address\n\"X (Y (\",Person,\"1 2 3, KPP\",\"a, b, RU\"\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		recs, err := ReadCSV(bytes.NewReader(data))
		if err != nil {
			return
		}
		for _, e := range Map(recs, nil) {
			if len(e.Names) == 0 || e.Names[0].Value == "" {
				t.Fatalf("Map(ReadCSV(%q)) gave an entity without a name: %+v", data, e)
			}
		}
	})
}

func FuzzReadXML(f *testing.F) {
	data, err := os.ReadFile("testdata/sample_eu.xml")
	if err != nil {
		f.Fatal(err)
	}
	f.Add(data)
	f.Add([]byte(`<export><sanctionEntity logicalId="1"><nameAlias wholeName="A" strong="false"/></sanctionEntity></export>`))
	f.Fuzz(func(t *testing.T, data []byte) {
		recs, err := ReadXML(bytes.NewReader(data))
		if err != nil {
			return
		}
		_ = MapXML(recs, nil)
	})
}

func FuzzNames(f *testing.F) {
	for _, s := range []string{"Rosoboronexport OJSC (ROE)", "A (formerly B)", "((", ")(", "X (a.k.a. )", "7704730655 (Tax ID/INN)"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		var n nameSet
		n.addSplit(s, 0)
		if strings.TrimSpace(s) != "" && len(n.List) == 0 {
			t.Fatalf("addSplit(%q) added no name", s)
		}
		_, _ = RegistrationScheme(s)
		_ = Dates(s)
		_ = AddressCountry(s, nil)
	})
}
