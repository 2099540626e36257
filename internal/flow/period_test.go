package flow_test

import (
	"testing"
	"time"

	"tradetrace/internal/flow"
)

func TestParsePeriod(t *testing.T) {
	tests := []struct {
		in      string
		want    flow.Period
		wantErr bool
	}{
		{"2022-03", flow.Month(2022, 3), false},
		{"2022M03", flow.Month(2022, 3), false},
		{"2022-M03", flow.Month(2022, 3), false},
		{"202203", flow.Month(2022, 3), false},
		{"M202212", flow.Month(2022, 12), false},
		{"2022", flow.Year(2022), false},
		{"Y2019", flow.Year(2019), false},
		{"202252", flow.Year(2022), false}, // Comext annual
		{" 2021-01 ", flow.Month(2021, 1), false},
		{"2022-13", flow.Period{}, true},
		{"2022-00", flow.Period{}, true},
		{"202200", flow.Period{}, true},
		{"Y20x9", flow.Period{}, true},
		{"22-03", flow.Period{}, true},
		{"", flow.Period{}, true},
		{"1812", flow.Period{}, true},
		{"2022-+3", flow.Period{}, true},
		{"Jan 2022", flow.Period{}, true},
	}
	for _, tt := range tests {
		got, err := flow.ParsePeriod(tt.in)
		if (err != nil) != tt.wantErr || got != tt.want {
			t.Errorf("ParsePeriod(%q) = %v, %v, want %v, error %v", tt.in, got, err, tt.want, tt.wantErr)
		}
	}
}

func TestPeriodArithmetic(t *testing.T) {
	tests := []struct {
		p    flow.Period
		n    int
		want flow.Period
	}{
		{flow.Month(2022, 3), -12, flow.Month(2021, 3)},
		{flow.Month(2022, 1), -1, flow.Month(2021, 12)},
		{flow.Month(2022, 12), 1, flow.Month(2023, 1)},
		{flow.Month(2022, 3), 11, flow.Month(2023, 2)},
	}
	for _, tt := range tests {
		if got := tt.p.AddMonths(tt.n); got != tt.want {
			t.Errorf("%v.AddMonths(%d) = %v, want %v", tt.p, tt.n, got, tt.want)
		}
	}
	if got := flow.MonthOf(time.Date(2022, 2, 24, 5, 0, 0, 0, time.UTC)); got != flow.Month(2022, 2) {
		t.Errorf("MonthOf(2022-02-24) = %v, want 2022-02", got)
	}
	if got := flow.Year(2022).String(); got != "2022" {
		t.Errorf("Year(2022).String() = %q, want 2022", got)
	}
	s := flow.Span{First: flow.Month(2021, 11), Last: flow.Month(2022, 2)}
	if got := s.Months(); got != 4 {
		t.Errorf("%v.Months() = %d, want 4", s, got)
	}
	if got := (flow.Span{First: flow.Month(2022, 2), Last: flow.Month(2022, 1)}).Months(); got != 0 {
		t.Errorf("reversed span Months() = %d, want 0", got)
	}
	for p, want := range map[flow.Period]bool{
		flow.Month(2021, 10): false, flow.Month(2021, 11): true, flow.Month(2022, 2): true,
		flow.Month(2022, 3): false, flow.Year(2022): false,
	} {
		if got := s.Contains(p); got != want {
			t.Errorf("%v.Contains(%v) = %v, want %v", s, p, got, want)
		}
	}
	if got := s.Shift(-12).String(); got != "2020-11..2021-02" {
		t.Errorf("%v.Shift(-12) = %s, want 2020-11..2021-02", s, got)
	}
}
