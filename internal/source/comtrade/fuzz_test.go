package comtrade_test

import (
	"bytes"
	"math"
	"os"
	"testing"

	"tradetrace/internal/flow"
	"tradetrace/internal/source/comtrade"
)

// FuzzRead feeds arbitrary files to the reader: it must not panic, every row must be accounted for, and every
// record must be usable (areas known, a finite value ≥ 0, a code, a direction, a valid period, in USD).
func FuzzRead(f *testing.F) {
	for _, name := range []string{"comtrade_plus_annual.csv", "comtrade_bulk_monthly.tsv"} {
		b, err := os.ReadFile("testdata/" + name)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(b)
	}
	f.Add([]byte("refYear,refMonth,reporterCode,flowCode,partnerCode,cmdCode,primaryValue\n2022,52,417,M,643,TOTAL,7\n2022,x,0,RX,490,01,1e309\n"))
	f.Add([]byte("Year,Period,Trade Flow Code,Reporter ISO,Partner ISO,Commodity Code,Trade Value (US$)\n2021,202101,3,KAZ,W00,8471,\"12\"\n"))
	f.Add([]byte("period\treporterCode\tflowCode\tpartnerCode\tcmdCode\tprimaryValue\tcustomsCode\n202203\t417\tX\t643\t851713\t1\tC00\n2022\"\t4\"17\tM\t0\tTOTAL\tNaN\tC01\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		var rs []flow.Record
		st, err := comtrade.Scan(bytes.NewReader(data), comtrade.Options{}, func(r flow.Record) error {
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
			case r.Flow == flow.DirectionUnknown:
				t.Fatalf("record %v without a direction", r)
			case r.Period.Month < 0 || r.Period.Month > 12 || r.Period.Year < 1900:
				t.Fatalf("record %v with a bad period", r)
			case r.Currency != flow.USD:
				t.Fatalf("record %v not in USD", r)
			}
		}
	})
}
