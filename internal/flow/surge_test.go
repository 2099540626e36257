package flow_test

import (
	"errors"
	"math"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"tradetrace/internal/flow"
)

// rec builds an EUR record; period is YYYY-MM or YYYY.
func rec(rep, par flow.Area, d flow.Direction, period, code string, v float64) flow.Record {
	p, err := flow.ParsePeriod(period)
	if err != nil {
		panic(err)
	}
	return flow.Record{Reporter: rep, Partner: par, Flow: d, Period: p, Code: code, Value: v, Currency: flow.EUR}
}

// surgeFixture: EU members DE and FR export to Russia, Kyrgyzstan and Armenia around the invasion; the last
// month of the data is April 2022, so the window is March–April 2022 against March–April 2021.
func surgeFixture() []flow.Record {
	X := flow.Export
	return []flow.Record{
		rec("DE", "RU", X, "2021-03", "11111111", 100),
		rec("DE", "RU", X, "2022-03", "11111111", 20),
		rec("FR", "RU", X, "2021-03", "22222222", 50),
		rec("FR", "RU", X, "2022-03", "22222222", 30),
		rec("DE", "KG", X, "2021-03", "11111111", 10),
		rec("DE", "KG", X, "2022-03", "11111111", 60),
		rec("FR", "KG", X, "2021-04", "33333333", 5),
		rec("FR", "KG", X, "2022-04", "33333333", 5),
		rec("DE", "KG", X, "2021-01", "11111111", 3), // in the year comparison, before the window
		rec("DE", "KG", X, "2022-01", "11111111", 7),
		rec("DE", "AM", X, "2022-03", "11111111", 40),
		// none of these count:
		rec(flow.EU27, "RU", X, "2022-03", "11111111", 9999), // the EU aggregate: its members count
		rec("DE", "FR", X, "2022-03", "11111111", 9999),      // inside the origin
		rec("DE", flow.World, X, "2022-03", "11111111", 9999),
		rec("US", "KG", X, "2022-03", "11111111", 9999), // not in the origin
		rec("DE", "KG", flow.Import, "2022-03", "11111111", 9999),
		rec("DE", "KG", X, "2022", "11111111", 9999), // yearly: counted in Annual
	}
}

func TestSurges(t *testing.T) {
	window := flow.Change{
		Base:   flow.Span{First: flow.Month(2021, 3), Last: flow.Month(2021, 4)},
		Span:   flow.Span{First: flow.Month(2022, 3), Last: flow.Month(2022, 4)},
		Months: 2,
	}
	year := flow.Change{ // 2022 is covered in January, March and April
		Base:   flow.Span{First: flow.Month(2021, 1), Last: flow.Month(2021, 4)},
		Span:   flow.Span{First: flow.Month(2022, 1), Last: flow.Month(2022, 4)},
		Months: 3,
	}
	with := func(c flow.Change, before, after float64) flow.Change {
		c.Before, c.After = before, after
		return c
	}
	want := flow.SurgeReport{
		Origin: flow.EU27, Target: "RU", Event: flow.Invasion, Currency: flow.EUR,
		Window: window, Year: year,
		Direct: flow.Surge{Partner: "RU", Window: with(window, 150, 50), Year: with(year, 150, 50),
			Drivers: []flow.Driver{
				{Code: "11111111", Before: 100, After: 20, Share: 0.8, DirectBefore: 100, DirectAfter: 20},
				{Code: "22222222", Before: 50, After: 30, Share: 0.2, DirectBefore: 50, DirectAfter: 30},
			}},
		Hubs: []flow.Surge{
			{Partner: "AM", Window: with(window, 0, 40), Year: with(year, 0, 40), Offset: 0.4,
				Drivers: []flow.Driver{{Code: "11111111", After: 40, Share: 1, DirectBefore: 100, DirectAfter: 20}}},
			{Partner: "KG", Window: with(window, 15, 65), Year: with(year, 18, 72), Offset: 0.5,
				Drivers: []flow.Driver{{Code: "11111111", Before: 10, After: 60, Share: 1, DirectBefore: 100, DirectAfter: 20}}},
		},
		Records: 11,
		Annual:  1,
	}
	got, err := flow.Surges(surgeFixture(), flow.SurgeOptions{})
	if err != nil {
		t.Fatalf("Surges(fixture) error %v", err)
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("Surges(fixture) mismatch (-want +got):\n%s", diff)
	}
	if g := got.Direct.Window.Growth(); math.Abs(g-(-2.0/3)) > 1e-12 {
		t.Errorf("Direct.Window.Growth() = %v, want -2/3", g)
	}
	if g := got.Hubs[0].Window.Growth(); !math.IsInf(g, 1) {
		t.Errorf("AM Window.Growth() = %v, want +Inf", g)
	}
	if h, ok := got.Hub("KG"); !ok || h.Year.Growth() != 3 {
		t.Errorf("Hub(KG) = %+v, %v, want year growth 3", h, ok)
	}
	if _, ok := got.Hub("BY"); ok {
		t.Errorf("Hub(BY) found, want absent")
	}
}

func TestSurgesOptions(t *testing.T) {
	tests := []struct {
		name       string
		opt        flow.SurgeOptions
		wantHubs   []flow.Area
		wantWindow string
		wantDirect [2]float64
	}{
		{"one hub", flow.SurgeOptions{Hubs: []flow.Area{"KG"}}, []flow.Area{"KG"}, "2022-03..2022-04", [2]float64{150, 50}},
		{"one month", flow.SurgeOptions{WindowMonths: 1}, []flow.Area{"AM", "KG"}, "2022-03", [2]float64{150, 50}},
		{"event on the first", flow.SurgeOptions{Event: time.Date(2022, 4, 1, 0, 0, 0, 0, time.UTC)},
			[]flow.Area{"AM", "KG"}, "2022-04", [2]float64{0, 0}}, // both flat: by name
		{"another target", flow.SurgeOptions{Target: "KG", Hubs: []flow.Area{"RU"}}, []flow.Area{"RU"},
			"2022-03..2022-04", [2]float64{15, 65}},
	}
	for _, tt := range tests {
		got, err := flow.Surges(surgeFixture(), tt.opt)
		if err != nil {
			t.Fatalf("%s: Surges error %v", tt.name, err)
		}
		var hubs []flow.Area
		for _, h := range got.Hubs {
			hubs = append(hubs, h.Partner)
		}
		if diff := cmp.Diff(tt.wantHubs, hubs); diff != "" {
			t.Errorf("%s: Surges hubs (-want +got):\n%s", tt.name, diff)
		}
		if s := got.Window.Span.String(); s != tt.wantWindow {
			t.Errorf("%s: Surges window = %s, want %s", tt.name, s, tt.wantWindow)
		}
		if d := [2]float64{got.Direct.Window.Before, got.Direct.Window.After}; d != tt.wantDirect {
			t.Errorf("%s: Surges direct = %v, want %v", tt.name, d, tt.wantDirect)
		}
	}
}

func TestSurgesTopCodes(t *testing.T) {
	var rs []flow.Record
	for i, code := range []string{"01", "02", "03", "04"} {
		rs = append(rs, rec("DE", "KG", flow.Export, "2021-03", code, 1),
			rec("DE", "KG", flow.Export, "2022-03", code, float64(2+i)))
	}
	got, err := flow.Surges(rs, flow.SurgeOptions{TopCodes: 2})
	if err != nil {
		t.Fatalf("Surges error %v", err)
	}
	kg, _ := got.Hub("KG")
	var codes []string
	for _, d := range kg.Drivers {
		codes = append(codes, d.Code)
	}
	if diff := cmp.Diff([]string{"04", "03"}, codes); diff != "" {
		t.Errorf("Surges(TopCodes 2) drivers (-want +got):\n%s", diff)
	}
	if s := kg.Drivers[0].Share; s != 4.0/10 {
		t.Errorf("top driver share = %v, want 0.4", s)
	}
}

func TestSurgesErrors(t *testing.T) {
	tests := []struct {
		name string
		rs   []flow.Record
		want error
	}{
		{"nothing", nil, flow.ErrNoData},
		{"only imports", []flow.Record{rec("DE", "KG", flow.Import, "2022-03", "01", 1)}, flow.ErrNoData},
		{"total with codes", []flow.Record{
			rec("DE", "KG", flow.Export, "2022-03", flow.Total, 1),
			rec("DE", "KG", flow.Export, "2022-04", "87032410", 1)}, flow.ErrMixedLevels},
		{"CN8 with HS6", []flow.Record{
			rec("DE", "KG", flow.Export, "2022-03", "870324", 1),
			rec("DE", "KG", flow.Export, "2022-04", "87032410", 1)}, flow.ErrMixedLevels},
		{"currencies", []flow.Record{
			rec("DE", "KG", flow.Export, "2022-03", "01", 1),
			{Reporter: "FR", Partner: "KG", Flow: flow.Export, Period: flow.Month(2022, 3), Code: "01", Value: 1, Currency: flow.USD}},
			flow.ErrMixedCurrencies},
	}
	for _, tt := range tests {
		if _, err := flow.Surges(tt.rs, flow.SurgeOptions{}); !errors.Is(err, tt.want) {
			t.Errorf("%s: Surges error = %v, want %v", tt.name, err, tt.want)
		}
	}
	// Different levels for different partners are fine: each partner is summed on its own.
	ok := []flow.Record{
		rec("DE", "KG", flow.Export, "2022-03", flow.Total, 1),
		rec("DE", "AM", flow.Export, "2022-03", "87032410", 1),
	}
	if _, err := flow.Surges(ok, flow.SurgeOptions{}); err != nil {
		t.Errorf("Surges(levels per partner) error %v, want nil", err)
	}
}
