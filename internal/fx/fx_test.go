package fx

import (
	"math"
	"testing"
	"time"
)

func TestToUSD(t *testing.T) {
	tab := Default()
	day := func(s string) time.Time { d, _ := time.Parse("2006-01-02", s); return d }
	tests := []struct {
		name     string
		amount   float64
		currency string
		date     time.Time
		want     float64
		ok       bool
	}{
		{"monthly rub", 5720, "RUB", day("2022-06-15"), 100, true},
		{"yearly kzt", 460.5, "KZT", day("2022-03-01"), 1, true},
		{"usd", 42, "USD", day("2023-01-01"), 42, true},
		{"nearest year", 3.6725, "AED", day("2031-01-01"), 1, true},
		{"unknown currency", 1, "XXX", day("2022-01-01"), 0, false},
	}
	for _, tt := range tests {
		got, ok := tab.ToUSD(tt.amount, tt.currency, tt.date)
		if ok != tt.ok || math.Abs(got-tt.want) > 1e-6*math.Max(1, tt.want) {
			t.Errorf("%s: ToUSD(%v, %s, %v) = %v, %v, want %v, %v", tt.name, tt.amount, tt.currency, tt.date, got, ok, tt.want, tt.ok)
		}
	}
}

func TestParseErrors(t *testing.T) {
	for _, in := range []string{
		"currency,period,per_usd\nRUB,2022,abc\n",
		"currency,period,per_usd\nRUB,22,70\n",
		"currency,period,per_usd\nRUB,2022-13,70\n",
		"currency,period,per_usd\nRUB,2022,-1\n",
	} {
		if _, err := Parse(in); err == nil {
			t.Errorf("Parse(%q) = nil error, want an error", in)
		}
	}
}
