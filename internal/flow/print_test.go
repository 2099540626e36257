package flow_test

import (
	"math"
	"strings"
	"testing"

	"tradetrace/internal/flow"
)

func TestWriteSurges(t *testing.T) {
	rep, err := flow.Surges(surgeFixture(), flow.SurgeOptions{})
	if err != nil {
		t.Fatalf("Surges(fixture) error %v", err)
	}
	var b strings.Builder
	if err := flow.WriteSurges(&b, rep, 1); err != nil {
		t.Fatalf("WriteSurges error %v", err)
	}
	want := `Exports from EU27_2020 (EUR) after 2022-02-24
window 2022-03..2022-04 against 2021-03..2021-04 (2 months); year 2022 against 2021 over 01..04 (3 months)

PARTNER      BEFORE  AFTER  GROWTH  YEAR GROWTH  OFFSET  TOP CODES (share of the change)
RU (direct)  150     50     -67%    -67%                 11111111 80%
AM           0       40     new     new          40.0%   11111111 100%
KG           15      65     +333%   +300%        50.0%   11111111 100%
`
	if got := b.String(); got != want {
		t.Errorf("WriteSurges =\n%s\nwant\n%s", got, want)
	}
}

func TestWriteMirrorGaps(t *testing.T) {
	var b strings.Builder
	gaps := flow.MirrorGaps(mirrorFixture(), flow.MirrorOptions{Bloc: flow.EU27Bloc()})
	if err := flow.WriteMirrorGaps(&b, gaps); err != nil {
		t.Fatalf("WriteMirrorGaps error %v", err)
	}
	want := `EXPORTER   IMPORTER  YEAR  CODE   EXPORTS  IMPORTS  GAP   RATIO  IMPORTER'S BLOC TOTAL
CN         KG        2022  TOTAL  400      500      -100  0.80   
EU27_2020  KG        2022  TOTAL  180      120      60    1.50   130
`
	if got := b.String(); got != want {
		t.Errorf("WriteMirrorGaps =\n%s\nwant\n%s", got, want)
	}
}

func TestMoneyPercent(t *testing.T) {
	for v, want := range map[float64]string{
		0: "0", 950: "950", 7800: "7.8k", 45.6e6: "45.6M", 1.234e9: "1.23bn", -2.5e9: "-2.50bn",
	} {
		if got := flow.Money(v); got != want {
			t.Errorf("Money(%v) = %q, want %q", v, got, want)
		}
	}
	for g, want := range map[float64]string{0.5: "+50%", -0.72: "-72%", 3.45: "+345%", math.Inf(1): "new"} {
		if got := flow.Percent(g); got != want {
			t.Errorf("Percent(%v) = %q, want %q", g, got, want)
		}
	}
}

func TestWriteSurgesNoYear(t *testing.T) {
	rs := []flow.Record{rec("DE", "KG", flow.Export, "2023-03", "01", 1)}
	rep, err := flow.Surges(rs, flow.SurgeOptions{})
	if err != nil {
		t.Fatalf("Surges error %v", err)
	}
	var b strings.Builder
	if err := flow.WriteSurges(&b, rep, 0); err != nil {
		t.Fatalf("WriteSurges error %v", err)
	}
	if !strings.Contains(b.String(), "no months of the year in the records") {
		t.Errorf("WriteSurges(no 2022 data) =\n%s\nwant a note that the year is not covered", b.String())
	}
}
