package flow_test

import (
	"fmt"
	"math"
	"testing"

	"github.com/google/go-cmp/cmp"

	"tradetrace/internal/flow"
)

// mirrorFixture: DE and FR export to Kyrgyzstan every month of 2022 (DE only half of 2021); Kyrgyzstan reports
// its yearly imports from DE, FR, the EU as a whole, and China.
func mirrorFixture() []flow.Record {
	var rs []flow.Record
	for m := 1; m <= 12; m++ {
		rs = append(rs,
			rec("DE", "KG", flow.Export, fmt.Sprintf("2022-%02d", m), flow.Total, 10),
			rec("FR", "KG", flow.Export, fmt.Sprintf("2022-%02d", m), flow.Total, 5))
		if m <= 6 {
			rs = append(rs, rec("DE", "KG", flow.Export, fmt.Sprintf("2021-%02d", m), flow.Total, 10))
		}
	}
	return append(rs,
		rec("KG", "DE", flow.Import, "Y2022", flow.Total, 100),
		rec("KG", "FR", flow.Import, "Y2022", flow.Total, 20),
		rec("KG", flow.EU27, flow.Import, "Y2022", flow.Total, 130),
		rec("KG", "DE", flow.Import, "Y2021", flow.Total, 50),
		rec("KG", "CN", flow.Import, "Y2022", flow.Total, 500),
		rec("CN", "KG", flow.Export, "Y2022", flow.Total, 400),
		rec(flow.EU27, "KG", flow.Export, "Y2022", flow.Total, 999), // the EU aggregate line of Eurostat
		rec("KG", "UZ", flow.Import, "Y2022", flow.Total, 7),        // no export side: no gap
	)
}

func TestMirrorGaps(t *testing.T) {
	gap := func(exp, imp flow.Area, year int, exports, imports float64, em, im int) flow.MirrorGap {
		return flow.MirrorGap{Exporter: exp, Importer: imp, Year: year, Code: flow.Total, Currency: flow.EUR,
			Exports: exports, Imports: imports, ExportMonths: em, ImportMonths: im,
			Gap: exports - imports, Ratio: exports / imports}
	}
	bloc := gap(flow.EU27, "KG", 2022, 180, 120, 12, 12)
	bloc.ImporterAggregate, bloc.HasAggregate = 130, true
	tests := []struct {
		name string
		opt  flow.MirrorOptions
		want []flow.MirrorGap
	}{
		{"countries", flow.MirrorOptions{}, []flow.MirrorGap{
			gap("CN", "KG", 2022, 400, 500, 12, 12),
			gap("DE", "KG", 2022, 120, 100, 12, 12),
			gap("FR", "KG", 2022, 60, 20, 12, 12),
		}},
		{"partial years", flow.MirrorOptions{Partial: true, Exporters: []flow.Area{"DE"}}, []flow.MirrorGap{
			gap("DE", "KG", 2021, 60, 50, 6, 12),
			gap("DE", "KG", 2022, 120, 100, 12, 12),
		}},
		{"EU folded", flow.MirrorOptions{Bloc: flow.EU27Bloc()}, []flow.MirrorGap{
			gap("CN", "KG", 2022, 400, 500, 12, 12),
			bloc,
		}},
		{"importers", flow.MirrorOptions{Importers: []flow.Area{"AM"}}, nil},
	}
	for _, tt := range tests {
		got := flow.MirrorGaps(mirrorFixture(), tt.opt)
		if diff := cmp.Diff(tt.want, got); diff != "" {
			t.Errorf("%s: MirrorGaps mismatch (-want +got):\n%s", tt.name, diff)
		}
	}
}

func TestMirrorGapsAggregateOnly(t *testing.T) {
	// An importer that reports only its imports from the EU as a whole is compared with that figure.
	rs := []flow.Record{
		rec("DE", "AM", flow.Export, "Y2022", flow.Total, 90),
		rec("AM", flow.EU27, flow.Import, "Y2022", flow.Total, 60),
	}
	got := flow.MirrorGaps(rs, flow.MirrorOptions{Bloc: flow.EU27Bloc()})
	if len(got) != 1 || got[0].Imports != 60 || got[0].Ratio != 1.5 || !got[0].HasAggregate {
		t.Errorf("MirrorGaps(aggregate only) = %+v, want one gap 90/60 with the aggregate", got)
	}
	zero := flow.MirrorGaps([]flow.Record{
		rec("DE", "AM", flow.Export, "Y2022", flow.Total, 90),
		rec("AM", "DE", flow.Import, "Y2022", flow.Total, 0),
	}, flow.MirrorOptions{})
	if len(zero) != 1 || !math.IsInf(zero[0].Ratio, 1) {
		t.Errorf("MirrorGaps(zero imports) = %+v, want ratio +Inf", zero)
	}
}
