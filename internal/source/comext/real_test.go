package comext_test

import (
	"math"
	"os"
	"path/filepath"
	"slices"
	"testing"

	"tradetrace/internal/flow"
	"tradetrace/internal/source/comext"
)

// The real extracts in the shared data folder beside the repository (../../../../shared/data/flows from here).
const flowsDir = "../../../../shared/data/flows"

const longCN8 = "vzemlys_ruimpeks/comext_eu_exports_cn8_sanctioned_to_RU_BY_AM_GE_KZ_KG_UZ_monthly_2020-01_2022-11.csv.gz"

func realPath(tb testing.TB, rel string) string {
	tb.Helper()
	p := filepath.Join(flowsDir, rel)
	if _, err := os.Stat(p); err != nil {
		tb.Skipf("real data not available: %v", err)
	}
	return p
}

// TestReadRealLongCN8 checks the reader against what SOURCES.md says of the extract: 997,559 rows over
// 2,219 CN8 codes, seven partners, January 2020 to November 2022, EU member states reporting.
func TestReadRealLongCN8(t *testing.T) {
	rs, st, err := comext.ReadFile(realPath(t, longCN8), comext.Options{})
	if err != nil {
		t.Fatalf("ReadFile error %v", err)
	}
	if st.Rows != 997559 || st.Records != st.Rows || len(st.Unresolved) != 0 || st.Layout != comext.LongCN8 {
		t.Errorf("ReadFile stats = %+v, want 997559 rows, all read", st)
	}
	codes := make(map[string]bool)
	partners := make(map[flow.Area]bool)
	first, last := flow.Month(2100, 1), flow.Period{}
	eu := flow.EU27Bloc()
	for _, r := range rs {
		codes[r.Code] = true
		partners[r.Partner] = true
		if !eu.Has(r.Reporter) {
			t.Fatalf("record %v: reporter is not an EU member state", r)
		}
		if len(r.Code) != 8 || r.Value < 0 || math.IsNaN(r.Value) {
			t.Fatalf("record %v: want a CN8 code and a value", r)
		}
		if r.Period.Before(first) {
			first = r.Period
		}
		if last.Before(r.Period) {
			last = r.Period
		}
	}
	if len(codes) != 2219 {
		t.Errorf("distinct codes = %d, want 2219", len(codes))
	}
	var ps []flow.Area
	for p := range partners {
		ps = append(ps, p)
	}
	slices.Sort(ps)
	if want := []flow.Area{"AM", "BY", "GE", "KG", "KZ", "RU", "UZ"}; !slices.Equal(ps, want) {
		t.Errorf("partners = %v, want %v", ps, want)
	}
	if first != flow.Month(2020, 1) || last != flow.Month(2022, 11) {
		t.Errorf("periods %v..%v, want 2020-01..2022-11", first, last)
	}
}

// BenchmarkReadLongCN8 reads the real million-row gzip extract into memory.
func BenchmarkReadLongCN8(b *testing.B) {
	p := realPath(b, longCN8)
	b.ReportAllocs()
	for b.Loop() {
		rs, _, err := comext.ReadFile(p, comext.Options{})
		if err != nil || len(rs) == 0 {
			b.Fatalf("ReadFile = %d records, %v", len(rs), err)
		}
	}
}

// BenchmarkScanLongCN8 streams the same extract without keeping the records.
func BenchmarkScanLongCN8(b *testing.B) {
	p := realPath(b, longCN8)
	for b.Loop() {
		f, err := os.Open(p)
		if err != nil {
			b.Fatal(err)
		}
		n := 0
		if _, err := comext.Scan(f, comext.Options{}, func(flow.Record) error { n++; return nil }); err != nil || n == 0 {
			b.Fatalf("Scan = %d records, %v", n, err)
		}
		f.Close()
	}
}
