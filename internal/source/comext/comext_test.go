package comext_test

import (
	"bytes"
	"compress/gzip"
	"errors"
	"os"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"tradetrace/internal/flow"
	"tradetrace/internal/source/comext"
)

func TestReadExcerpts(t *testing.T) {
	tests := []struct {
		file        string
		layout      comext.Layout
		rows, recs  int
		skipped     map[string]int
		unresolved  map[string]int
		flowAssumed bool
		first, last flow.Record
	}{
		{
			file: "testdata/long_cn8_excerpt.csv", layout: comext.LongCN8, rows: 26, recs: 26,
			skipped: map[string]int{}, unresolved: map[string]int{}, flowAssumed: true,
			first: flow.Record{Reporter: "DE", Partner: "BY", Flow: flow.Export, Period: flow.Month(2020, 12),
				Code: "01012100", Value: 92708, Currency: flow.EUR},
			last: flow.Record{Reporter: "LT", Partner: "KG", Flow: flow.Export, Period: flow.Month(2022, 9),
				Code: "87031018", Value: 18750, Currency: flow.EUR},
		},
		{
			file: "testdata/totals_excerpt.csv", layout: comext.Totals, rows: 11, recs: 11,
			skipped: map[string]int{}, unresolved: map[string]int{},
			first: flow.Record{Reporter: "AT", Partner: "AM", Flow: flow.Export, Period: flow.Month(2019, 1),
				Code: flow.Total, Value: 982972, Currency: flow.EUR},
			last: flow.Record{Reporter: flow.EA20, Partner: "AM", Flow: flow.Export, Period: flow.Month(2019, 1),
				Code: flow.Total, Value: 32266149, Currency: flow.EUR},
		},
		{
			file: "testdata/national_kyrgyz_excerpt.csv", layout: comext.Labelled, rows: 14, recs: 12,
			skipped: map[string]int{comext.SkipArea: 2}, unresolved: map[string]int{"Asia": 2},
			first: flow.Record{Reporter: "KG", Partner: flow.EUAny, Flow: flow.Import, Period: flow.Year(2021),
				Code: flow.Total, Value: 4852511.02, Currency: flow.EUR},
			last: flow.Record{Reporter: "KG", Partner: "KR", Flow: flow.Import, Period: flow.Year(2022),
				Code: flow.Total, Value: 149084071.43, Currency: flow.EUR},
		},
	}
	for _, tt := range tests {
		rs, st, err := comext.ReadFile(tt.file, comext.Options{})
		if err != nil {
			t.Fatalf("ReadFile(%s) error %v", tt.file, err)
		}
		want := comext.Stats{Layout: tt.layout, Rows: tt.rows, Records: tt.recs, Skipped: tt.skipped,
			Unresolved: tt.unresolved, FlowAssumed: tt.flowAssumed}
		if diff := cmp.Diff(want, st); diff != "" {
			t.Errorf("ReadFile(%s) stats (-want +got):\n%s", tt.file, diff)
		}
		if !st.Adds() {
			t.Errorf("ReadFile(%s) stats %+v do not add up", tt.file, st)
		}
		if len(rs) != tt.recs {
			t.Fatalf("ReadFile(%s) = %d records, want %d", tt.file, len(rs), tt.recs)
		}
		if diff := cmp.Diff(tt.first, rs[0]); diff != "" {
			t.Errorf("ReadFile(%s) first record (-want +got):\n%s", tt.file, diff)
		}
		if diff := cmp.Diff(tt.last, rs[len(rs)-1]); diff != "" {
			t.Errorf("ReadFile(%s) last record (-want +got):\n%s", tt.file, diff)
		}
	}
}

func TestReadGzip(t *testing.T) {
	plain, err := os.ReadFile("testdata/long_cn8_excerpt.csv")
	if err != nil {
		t.Fatal(err)
	}
	var gz bytes.Buffer
	w := gzip.NewWriter(&gz)
	w.Write(plain)
	w.Close()
	want, _, err := comext.Read(bytes.NewReader(plain), comext.Options{})
	if err != nil {
		t.Fatalf("Read(plain) error %v", err)
	}
	got, _, err := comext.Read(&gz, comext.Options{})
	if err != nil {
		t.Fatalf("Read(gzip) error %v", err)
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("Read(gzip) differs from Read(plain) (-plain +gzip):\n%s", diff)
	}
}

// TestReadRows checks one row at a time, in every layout.
func TestReadRows(t *testing.T) {
	const (
		long   = "reporter,partner,cn8,period,value_eur\n"
		totals = "reporter_eu_member,partner,flow,period,value_eur,source_dir\n"
		labels = "REPORTER,PARTNER,PRODUCT,FLOW,STAT_PROCEDURE,PERIOD,VALUE_IN_EUR,QUANTITY_IN_KG\n"
		bulk   = "DECLARANT,DECLARANT_ISO,PARTNER,PARTNER_ISO,TRADE_TYPE,PRODUCT_NC,FLOW,STAT_REGIME,PERIOD,VALUE_IN_EUROS,QUANTITY_IN_KG\n"
	)
	rec := func(rep, par flow.Area, d flow.Direction, p flow.Period, code string, v float64) *flow.Record {
		return &flow.Record{Reporter: rep, Partner: par, Flow: d, Period: p, Code: code, Value: v, Currency: flow.EUR}
	}
	withKg := func(r *flow.Record, kg float64) *flow.Record {
		r.QuantityKg, r.HasQuantity = kg, true
		return r
	}
	tests := []struct {
		name   string
		in     string
		opt    comext.Options
		want   *flow.Record // nil when the row is skipped
		reason string
	}{
		{"long", long + "Poland,Kyrgyzstan,87032410,2022-05,1234.5\n", comext.Options{},
			rec("PL", "KG", flow.Export, flow.Month(2022, 5), "87032410", 1234.5), ""},
		{"long, flow given", long + "Poland,Kyrgyzstan,87032410,2022-05,1\n", comext.Options{Flow: flow.Import},
			rec("PL", "KG", flow.Import, flow.Month(2022, 5), "87032410", 1), ""},
		{"leading zero lost", long + "Poland,Kyrgyzstan,1012100,2022-05,1\n", comext.Options{},
			rec("PL", "KG", flow.Export, flow.Month(2022, 5), "01012100", 1), ""},
		{"spaced code", long + "Poland,Kyrgyzstan,8703 24 10,2022-05,1\n", comext.Options{},
			rec("PL", "KG", flow.Export, flow.Month(2022, 5), "87032410", 1), ""},
		{"totals import", totals + "Latvia,Kyrgyzstan,IMPORT,2023-02,17,x\n", comext.Options{},
			rec("LV", "KG", flow.Import, flow.Month(2023, 2), flow.Total, 17), ""},
		{"labelled with mass", labels + "Armenia,Germany,TOTAL,IMPORT,NORMAL,Y2022,10.5,3\n", comext.Options{},
			withKg(rec("AM", "DE", flow.Import, flow.Year(2022), flow.Total, 10.5), 3), ""},
		{"labelled monthly", labels + "Armenia,Germany,851713,EXPORT,NORMAL,M202203,1,\n", comext.Options{},
			rec("AM", "DE", flow.Export, flow.Month(2022, 3), "851713", 1), ""},
		{"bulk export", bulk + "004,DE,0417,KG,I,87032410,2,1,202203,5000,800\n", comext.Options{},
			withKg(rec("DE", "KG", flow.Export, flow.Month(2022, 3), "87032410", 5000), 800), ""},
		{"bulk import, year", bulk + "004,DE,0417,KG,I,87032410,1,1,202252,5000,\n", comext.Options{},
			rec("DE", "KG", flow.Import, flow.Year(2022), "87032410", 5000), ""},
		{"bulk Greece", bulk + "009,EL,0417,KG,I,TOTAL,2,1,202203,1,\n", comext.Options{},
			rec("GR", "KG", flow.Export, flow.Month(2022, 3), flow.Total, 1), ""},
		{"bulk hidden digits", bulk + "004,DE,0417,KG,I,27XXXXXX,2,1,202203,1,\n", comext.Options{},
			rec("DE", "KG", flow.Export, flow.Month(2022, 3), "27XXXXXX", 1), ""},
		{"custom areas", long + "Narnia,Kyrgyzstan,01,2022-05,1\n", comext.Options{Area: func(s string) (flow.Area, bool) {
			if s == "Narnia" {
				return "NA", true
			}
			return flow.ParseArea(s)
		}}, rec("NA", "KG", flow.Export, flow.Month(2022, 5), "01", 1), ""},
		{"region", labels + "Armenia,Asia,TOTAL,IMPORT,NORMAL,Y2022,1,\n", comext.Options{}, nil, comext.SkipArea},
		{"bad reporter", long + "Atlantis,Kyrgyzstan,01,2022-05,1\n", comext.Options{}, nil, comext.SkipArea},
		{"missing value", long + "Poland,Kyrgyzstan,01,2022-05,:\n", comext.Options{}, nil, comext.SkipNoValue},
		{"empty value", long + "Poland,Kyrgyzstan,01,2022-05,\n", comext.Options{}, nil, comext.SkipNoValue},
		{"negative value", long + "Poland,Kyrgyzstan,01,2022-05,-3\n", comext.Options{}, nil, comext.SkipValue},
		{"text value", long + "Poland,Kyrgyzstan,01,2022-05,12k\n", comext.Options{}, nil, comext.SkipValue},
		{"infinite value", long + "Poland,Kyrgyzstan,01,2022-05,Inf\n", comext.Options{}, nil, comext.SkipValue},
		{"bad period", long + "Poland,Kyrgyzstan,01,May 2022,1\n", comext.Options{}, nil, comext.SkipPeriod},
		{"bad flow", totals + "Latvia,Kyrgyzstan,TRANSIT,2023-02,17,x\n", comext.Options{}, nil, comext.SkipFlow},
		{"bad code", long + "Poland,Kyrgyzstan,87-03,2022-05,1\n", comext.Options{}, nil, comext.SkipCode},
		{"empty code", long + "Poland,Kyrgyzstan,,2022-05,1\n", comext.Options{}, nil, comext.SkipCode},
		{"short row", long + "Poland,Kyrgyzstan,01\n", comext.Options{}, nil, comext.SkipShortRow},
	}
	for _, tt := range tests {
		rs, st, err := comext.Read(strings.NewReader(tt.in), tt.opt)
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

func TestReadErrors(t *testing.T) {
	tests := []struct {
		name string
		in   string
		want error // nil: any error
	}{
		{"empty", "", comext.ErrLayout},
		{"no value column", "reporter,partner,cn8,period\nPoland,Kyrgyzstan,01,2022-05\n", comext.ErrLayout},
		{"not comext", "name,address\nACME,Bishkek\n", comext.ErrLayout},
		{"broken quote", "reporter,partner,cn8,period,value_eur\n\"Poland,Kyrgyzstan,01,2022-05,1\n", nil},
	}
	for _, tt := range tests {
		_, _, err := comext.Read(strings.NewReader(tt.in), comext.Options{})
		if err == nil || (tt.want != nil && !errors.Is(err, tt.want)) {
			t.Errorf("%s: Read error = %v, want %v", tt.name, err, tt.want)
		}
	}
	stop := errors.New("stop")
	_, err := comext.Scan(strings.NewReader("reporter,partner,cn8,period,value_eur\nPoland,Kyrgyzstan,01,2022-05,1\n"),
		comext.Options{}, func(flow.Record) error { return stop })
	if !errors.Is(err, stop) {
		t.Errorf("Scan error = %v, want the callback's", err)
	}
	if _, _, err := comext.ReadFile("testdata/none.csv", comext.Options{}); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("ReadFile(missing) error = %v, want not exist", err)
	}
	if s := comext.Layout(99).String(); s != "unknown" {
		t.Errorf("Layout(99).String() = %q, want unknown", s)
	}
}
