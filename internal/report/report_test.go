package report

import (
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"tradetrace/internal/country"
	"tradetrace/internal/trade"
)

func TestFormat(t *testing.T) {
	for _, tc := range []struct{ got, want string }{
		{Money(1105000), "$1,105,000"}, {Money(0.4), "$0"}, {Money(-1234.6), "−$1,235"}, {Money(999), "$999"},
		{Weight(850), "850 kg"}, {Weight(9999.4), "9,999 kg"}, {Weight(12400), "12.4 t"}, {Weight(80_000_000), "80,000.0 t"},
		{Share(1, 3), "33%"}, {Share(0.001, 1), "<1%"}, {Share(1, 0), "–"},
		{RouteLabel("CN>CN>RU"), "CN → RU (direct)"}, {RouteLabel("CN>?>RU"), "CN → RU (direct)"},
		{RouteLabel("CN>AE>RU"), "CN → AE → RU (through hub United Arab Emirates)"}, {RouteLabel("CN>DE>RU"), "CN → DE → RU"},
		{MonthLabel("2022-06"), "Jun 2022"},
	} {
		if tc.got != tc.want {
			t.Errorf("got %q, want %q", tc.got, tc.want)
		}
	}
}

func row(id int64, date, shipper, consignee, dispatch, desc string, value, weight float64) Row {
	d, _ := time.Parse("2006-01-02", date)
	var r Row
	r.ID, r.RecordID, r.Date = trade.ShipmentID(id), "R"+date, d
	r.Shipper.Name, r.Consignee.Name = shipper, consignee
	r.Origin, r.Dispatch, r.Destination = "CN", country.Code(dispatch), "RU"
	r.Description = desc
	r.ValueUSD = trade.N(value)
	if weight > 0 {
		r.NetWeightKg = trade.N(weight)
	}
	return r
}

// TestSummarize adds up rows by month, route, goods class and pair.
func TestSummarize(t *testing.T) {
	rows := []Row{
		row(1, "2022-06-14", "NORINCO", "TEKHKRIM", "CN", "hunting rifle CQ-A 5.56", 650000, 3500),
		row(2, "2022-06-20", "NORINCO", "TEKHKRIM", "CN", "rifle CQ-A 5.56 mm", 50000, 0),
		row(3, "2022-11-02", "Gulf FZE", "Drone LLC", "AE", "DJI Mavic 3 battery", 120000, 800),
	}
	got := Summarize(rows)
	if got.Lines != 3 || got.ValueUSD != 820000 || got.WeightKg != 4300 || got.First != rows[0].Date || got.Last != rows[2].Date {
		t.Errorf("totals = %d lines %v USD %v kg %s..%s", got.Lines, got.ValueUSD, got.WeightKg, got.First, got.Last)
	}
	wantMonths := []Bucket{
		{Key: "2022-06", Label: "Jun 2022", Lines: 2, ValueUSD: 700000, WeightKg: 3500},
		{Key: "2022-11", Label: "Nov 2022", Lines: 1, ValueUSD: 120000, WeightKg: 800},
	}
	if diff := cmp.Diff(wantMonths, got.ByMonth); diff != "" {
		t.Errorf("by month (-want +got):\n%s", diff)
	}
	if len(got.ByRoute) != 2 || got.ByRoute[0].Key != "CN>CN>RU" || got.ByRoute[1].Key != "CN>AE>RU" || got.ByRoute[1].Lines != 1 {
		t.Errorf("by route = %+v", got.ByRoute)
	}
	if len(got.Counterparties) != 2 || got.Counterparties[0].Label != "NORINCO → TEKHKRIM" || got.Counterparties[0].ValueUSD != 700000 {
		t.Errorf("pairs = %+v", got.Counterparties)
	}
	var goodsLines int64
	for _, b := range got.ByGoods {
		goodsLines += b.Lines
	}
	if goodsLines != 3 || got.ByGoods[0].Key != "arms.military" {
		t.Errorf("by goods = %+v, want arms.military first and 3 lines in all", got.ByGoods)
	}
}

func TestBarChart(t *testing.T) {
	c := BarChart([]Bucket{{Label: "a", ValueUSD: 10}, {Label: "b", ValueUSD: 5}, {Label: "c", ValueUSD: 0}})
	if len(c.Bars) != 3 || c.Bars[0].H != chartHeight || c.Bars[1].H != chartHeight/2 || c.Bars[2].H != 0 || c.Max != "$10" {
		t.Errorf("BarChart = %+v", c)
	}
	if !BarChart(nil).Empty {
		t.Errorf("BarChart(nil) is not empty")
	}
}
