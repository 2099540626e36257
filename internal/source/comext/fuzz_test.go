package comext_test

import (
	"bytes"
	"math"
	"os"
	"testing"

	"tradetrace/internal/flow"
	"tradetrace/internal/source/comext"
)

// FuzzRead feeds arbitrary tables to the reader: it must not panic, every row must be accounted for, and every
// record must be usable (areas known, a finite value ≥ 0, a code, a direction, a valid period).
func FuzzRead(f *testing.F) {
	for _, name := range []string{"long_cn8_excerpt.csv", "totals_excerpt.csv", "national_kyrgyz_excerpt.csv"} {
		b, err := os.ReadFile("testdata/" + name)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(b)
	}
	f.Add([]byte("DECLARANT_ISO,PARTNER_ISO,PRODUCT_NC,FLOW,PERIOD,VALUE_IN_EUROS,QUANTITY_IN_KG\nDE,KG,87032410,2,202203,5000,800\nEL,RU,TOTAL,1,202252,1,\n"))
	f.Add([]byte("reporter,partner,cn8,period,value_eur\nPoland,Kyrgyzstan,1012100,2022-05,:\n\"Poland\",KG,8703 24 10,2022M05,1e3\n"))
	f.Add([]byte("\xef\xbb\xbfREPORTER,PARTNER,FLOW,PERIOD,VALUE_IN_EUR\nArmenia,Russia,IMPORT,Y2022,NaN\n,,,,\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		var rs []flow.Record
		st, err := comext.Scan(bytes.NewReader(data), comext.Options{}, func(r flow.Record) error {
			rs = append(rs, r)
			return nil
		})
		if err != nil {
			return
		}
		if !st.Adds() || st.Records != len(rs) {
			t.Fatalf("stats %+v do not add up with %d records", st, len(rs))
		}
		for _, r := range rs {
			switch {
			case r.Reporter == "" || r.Partner == "":
				t.Fatalf("record %v without an area", r)
			case r.Value < 0 || math.IsNaN(r.Value) || math.IsInf(r.Value, 0):
				t.Fatalf("record %v with a bad value", r)
			case r.Code == "":
				t.Fatalf("record %v without a code", r)
			case r.Flow != flow.Export && r.Flow != flow.Import:
				t.Fatalf("record %v without a direction", r)
			case r.Period.Month < 0 || r.Period.Month > 12 || r.Period.Year < 1900:
				t.Fatalf("record %v with a bad period", r)
			case r.Currency != flow.EUR:
				t.Fatalf("record %v not in EUR", r)
			}
		}
	})
}
