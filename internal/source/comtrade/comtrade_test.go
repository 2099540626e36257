package comtrade_test

import (
	"errors"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"tradetrace/internal/flow"
	"tradetrace/internal/source/comtrade"
)

func usd(rep, par flow.Area, d flow.Direction, p flow.Period, code string, v, kg float64) flow.Record {
	r := flow.Record{Reporter: rep, Partner: par, Flow: d, Period: p, Code: code, Value: v, Currency: flow.USD}
	if kg >= 0 {
		r.QuantityKg, r.HasQuantity = kg, true
	}
	return r
}

func TestReadAnnual(t *testing.T) {
	rs, st, err := comtrade.ReadFile("testdata/comtrade_plus_annual.csv", comtrade.Options{})
	if err != nil {
		t.Fatalf("ReadFile error %v", err)
	}
	y := flow.Year(2022)
	X, M := flow.Export, flow.Import
	want := []flow.Record{
		usd("KG", "DE", M, y, "851713", 10e6, 5000),
		usd("KG", "CN", M, y, "851713", 2e6, 1200),
		usd("KG", flow.World, M, y, "851713", 12e6, 6200),
		usd("KG", "RU", X, y, "851713", 11.5e6, 5900),
		usd("KG", "DE", M, y, "870323", 5e6, 40000),
		usd("KG", "RU", X, y, "870323", 0.5e6, 4000),
		usd("KG", "RU", flow.ReExport, y, "851713", 1e6, 500),
		usd("DE", "KG", X, y, "851713", 14e6, 7000),
		usd("KZ", "RU", X, y, "847130", 3e6, 900),
		usd("RU", "KZ", M, y, "847130", 2.8e6, 880),
		usd("KG", "TW", M, y, "847130", 0.7e6, 200),
		usd("US", "KG", X, y, "847130", 0.4e6, -1),
		usd("FR", "AM", X, y, flow.Total, 900e6, -1),
	}
	if diff := cmp.Diff(want, rs); diff != "" {
		t.Errorf("ReadFile records (-want +got):\n%s", diff)
	}
	wantStats := comtrade.Stats{Rows: 20, Records: 13,
		Skipped: map[string]int{comtrade.SkipBreakdown: 3, comtrade.SkipOtherFlow: 1, comtrade.SkipArea: 1,
			comtrade.SkipValue: 1, comtrade.SkipNoValue: 1},
		Unresolved: map[string]int{"_X": 1}}
	if diff := cmp.Diff(wantStats, st); diff != "" {
		t.Errorf("ReadFile stats (-want +got):\n%s", diff)
	}
	if !st.Adds() {
		t.Errorf("stats %+v do not add up", st)
	}

	// The analyses run on Comtrade records as on Eurostat ones.
	pass := flow.PassThroughs(rs, flow.PassThroughOptions{Hubs: []flow.Area{"KG"}})
	if len(pass) != 2 || pass[0].Code != "851713" || !pass[0].Match || pass[0].Imports != 12e6 ||
		pass[1].Code != "870323" || pass[1].Match {
		t.Errorf("PassThroughs(KG) = %+v, want smartphones passing through (11.5M of 12M) and cars not", pass)
	}
	gaps := flow.MirrorGaps(rs, flow.MirrorOptions{})
	var got []string
	for _, g := range gaps {
		got = append(got, string(g.Exporter)+">"+string(g.Importer)+" "+g.Code+" "+flow.Percent(g.Ratio-1))
	}
	if diff := cmp.Diff([]string{"DE>KG 851713 +40%", "KZ>RU 847130 +7%"}, got); diff != "" {
		t.Errorf("MirrorGaps (-want +got):\n%s", diff)
	}
}

func TestReadBulkMonthly(t *testing.T) {
	rs, st, err := comtrade.ReadFile("testdata/comtrade_bulk_monthly.tsv", comtrade.Options{})
	if err != nil {
		t.Fatalf("ReadFile error %v", err)
	}
	if st.Rows != 6 || st.Records != 6 {
		t.Fatalf("ReadFile stats %+v, want 6 records", st)
	}
	if diff := cmp.Diff(usd("KG", "DE", flow.Import, flow.Month(2022, 3), "851713", 100000, 100), rs[0]); diff != "" {
		t.Errorf("first record (-want +got):\n%s", diff)
	}
	pass := flow.PassThroughs(rs, flow.PassThroughOptions{})
	if len(pass) != 1 || pass[0].Imports != 300000 || pass[0].ToTarget != 285000 || pass[0].ImportMonths != 3 || !pass[0].Match {
		t.Errorf("PassThroughs(monthly) = %+v, want 285k of 300k over 3 months, a match", pass)
	}
}

func TestReadRows(t *testing.T) {
	const (
		plus   = "period,reporterCode,reporterISO,flowCode,partnerCode,partnerISO,cmdCode,netWgt,primaryValue\n"
		ref    = "refYear,refMonth,reporterCode,flowCode,partnerCode,cmdCode,primaryValue\n"
		legacy = "Classification,Year,Period,Trade Flow Code,Trade Flow,Reporter Code,Reporter,Reporter ISO,Partner Code,Partner,Partner ISO,Commodity Code,Netweight (kg),Trade Value (US$)\n"
	)
	m := flow.Month(2022, 3)
	tests := []struct {
		name   string
		in     string
		want   *flow.Record
		reason string
	}{
		{"plus", plus + "202203,417,KGZ,X,643,RUS,851713,5,100\n", ptr(usd("KG", "RU", flow.Export, m, "851713", 100, 5)), ""},
		{"ISO unknown, code known", plus + "202203,417,XXX,X,643,RUS,851713,,100\n", ptr(usd("KG", "RU", flow.Export, m, "851713", 100, -1)), ""},
		{"re-import", plus + "202203,417,KGZ,RM,643,RUS,851713,,100\n", ptr(usd("KG", "RU", flow.ReImport, m, "851713", 100, -1)), ""},
		{"ref month", ref + "2022,3,417,M,643,TOTAL,7\n", ptr(usd("KG", "RU", flow.Import, m, flow.Total, 7, -1)), ""},
		{"ref annual", ref + "2022,52,417,M,643,TOTAL,7\n", ptr(usd("KG", "RU", flow.Import, flow.Year(2022), flow.Total, 7, -1)), ""},
		{"legacy", legacy + "H5,2021,2021,2,Export,398,Kazakhstan,KAZ,643,Russian Federation,RUS,847130,12.5,3000\n",
			ptr(usd("KZ", "RU", flow.Export, flow.Year(2021), "847130", 3000, 12.5)), ""},
		{"bad month", ref + "2022,13,417,M,643,TOTAL,7\n", nil, comtrade.SkipPeriod},
		{"bad year", ref + "22,3,417,M,643,TOTAL,7\n", nil, comtrade.SkipPeriod},
		{"bad period", plus + "March,417,KGZ,X,643,RUS,851713,,100\n", nil, comtrade.SkipPeriod},
		{"bad flow", plus + "202203,417,KGZ,Q,643,RUS,851713,,100\n", nil, comtrade.SkipFlow},
		{"processing flow", plus + "202203,417,KGZ,XIP,643,RUS,851713,,100\n", nil, comtrade.SkipOtherFlow},
		{"bad code", plus + "202203,417,KGZ,X,643,RUS,85.17,,100\n", nil, comtrade.SkipCode},
		{"negative", plus + "202203,417,KGZ,X,643,RUS,851713,,-1\n", nil, comtrade.SkipValue},
		{"unknown partner", plus + "202203,417,KGZ,X,999,,851713,,1\n", nil, comtrade.SkipArea},
		{"short", plus + "202203,417\n", nil, comtrade.SkipShortRow},
	}
	for _, tt := range tests {
		rs, st, err := comtrade.Read(strings.NewReader(tt.in), comtrade.Options{})
		if err != nil {
			t.Errorf("%s: Read error %v", tt.name, err)
			continue
		}
		if !st.Adds() || st.Rows != 1 {
			t.Errorf("%s: Read stats %+v, want one row accounted for", tt.name, st)
		}
		if tt.want == nil {
			if len(rs) != 0 || st.Skipped[tt.reason] != 1 {
				t.Errorf("%s: Read = %v, skipped %v, want skipped for %s", tt.name, rs, st.Skipped, tt.reason)
			}
			continue
		}
		if len(rs) != 1 {
			t.Errorf("%s: Read = %v (skipped %v), want one record", tt.name, rs, st.Skipped)
			continue
		}
		if diff := cmp.Diff(*tt.want, rs[0]); diff != "" {
			t.Errorf("%s: Read record (-want +got):\n%s", tt.name, diff)
		}
	}
}

func ptr(r flow.Record) *flow.Record { return &r }

func TestReadErrors(t *testing.T) {
	for name, in := range map[string]string{
		"empty":        "",
		"no value":     "period,reporterCode,flowCode,partnerCode,cmdCode\n2022,417,X,643,TOTAL\n",
		"no commodity": "period,reporterCode,flowCode,partnerCode,primaryValue\n2022,417,X,643,1\n",
		"comext":       "reporter,partner,cn8,period,value_eur\nPoland,Kyrgyzstan,01,2022-05,1\n",
	} {
		if _, _, err := comtrade.Read(strings.NewReader(in), comtrade.Options{}); !errors.Is(err, comtrade.ErrLayout) {
			t.Errorf("%s: Read error = %v, want ErrLayout", name, err)
		}
	}
	stop := errors.New("stop")
	_, err := comtrade.Scan(strings.NewReader("period,reporterCode,flowCode,partnerCode,cmdCode,primaryValue\n2022,417,X,643,TOTAL,1\n"),
		comtrade.Options{}, func(flow.Record) error { return stop })
	if !errors.Is(err, stop) {
		t.Errorf("Scan error = %v, want the callback's", err)
	}
}

func TestAreaOf(t *testing.T) {
	tests := []struct {
		in   string
		want flow.Area
		ok   bool
	}{
		{"RUS", "RU", true},
		{"643", "RU", true},
		{"0", flow.World, true},
		{"W00", flow.World, true},
		{"842", "US", true},
		{"251", "FR", true},
		{"699", "IN", true},
		{"757", "CH", true},
		{"490", "TW", true},
		{"Other Asia, nes", "TW", true},
		{"Philippines", "PH", true},
		{"Areas, nes", "", false},
		{"899", "", false},
		{"", "", false},
	}
	for _, tt := range tests {
		got, ok := comtrade.AreaOf(tt.in)
		if got != tt.want || ok != tt.ok {
			t.Errorf("AreaOf(%q) = %q, %v, want %q, %v", tt.in, got, ok, tt.want, tt.ok)
		}
	}
}
