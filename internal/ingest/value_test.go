package ingest

import (
	"testing"
	"time"
)

func TestParseNumber(t *testing.T) {
	tests := []struct {
		in, decimal string
		want        float64
		wantErr     bool
	}{
		{"8.640000000000001", "", 8.64, false},
		{"1234.5", "", 1234.5, false},
		{"1 234,56", "", 1234.56, false},
		{"1\u00a0234,56", "", 1234.56, false},
		{"1,234.56", "", 1234.56, false},
		{"1.234,56", "", 1234.56, false},
		{"1,234", "", 1234, false},
		{"0,125", "", 0.125, false},
		{"12,5", "", 12.5, false},
		{"1.234.567", "", 1234567, false},
		{"1,234", "comma", 1.234, false},
		{"1.234", "comma", 1234, false},
		{"3'500", "", 3500, false},
		{"1e3", "", 1000, false},
		{"-5", "", -5, false},
		{"abc", "", 0, true},
		{"12kg", "", 0, true},
		{"NaN", "", 0, true},
		{"Inf", "", 0, true},
	}
	for _, tt := range tests {
		got, err := parseNumber(tt.in, tt.decimal)
		if (err != nil) != tt.wantErr || (!tt.wantErr && got != tt.want) {
			t.Errorf("parseNumber(%q, %q) = %v, %v, want %v (error %v)", tt.in, tt.decimal, got, err, tt.want, tt.wantErr)
		}
	}
}

func TestParseDate(t *testing.T) {
	layouts := defaultDateLayouts
	monthYear, _ := dateLayout("Mon YYYY")
	tests := []struct {
		in      string
		layouts []string
		want    string
		wantErr bool
	}{
		{"2022-06-15", layouts, "2022-06-15", false},
		{"2022-06-15 13:45:00", layouts, "2022-06-15", false},
		{"2022-06-15T13:45:00", layouts, "2022-06-15", false},
		{"15.06.2022", layouts, "2022-06-15", false},
		{"15/06/2022", layouts, "2022-06-15", false},
		{"20220615", layouts, "2022-06-15", false},
		{"Jan 2024", []string{monthYear}, "2024-01-01", false},
		{"31/02/2022", layouts, "", true},
		{"2022-02-30", layouts, "", true},
		{"2022-13-01", layouts, "", true},
		{"yesterday", layouts, "", true},
	}
	for _, tt := range tests {
		got, err := parseDate(tt.in, tt.layouts)
		if (err != nil) != tt.wantErr {
			t.Errorf("parseDate(%q) error = %v, want error %v", tt.in, err, tt.wantErr)
			continue
		}
		if !tt.wantErr && got.Format(time.DateOnly) != tt.want {
			t.Errorf("parseDate(%q) = %s, want %s", tt.in, got.Format(time.DateOnly), tt.want)
		}
	}
}

func TestDateLayout(t *testing.T) {
	tests := []struct{ in, want string }{
		{"DD.MM.YYYY", "02.01.2006"},
		{"YYYY-MM-DD", "2006-01-02"},
		{"Mon YYYY", "Jan 2006"},
		{"D/M/YY", "2/1/06"},
		{"YYYY-MM-DD hh:mm:ss", "2006-01-02 15:04:05"},
	}
	for _, tt := range tests {
		if got, err := dateLayout(tt.in); err != nil || got != tt.want {
			t.Errorf("dateLayout(%q) = %q, %v, want %q", tt.in, got, err, tt.want)
		}
	}
	if _, err := dateLayout("DD.MM"); err == nil {
		t.Errorf("dateLayout(%q) = nil error, want an error (no year)", "DD.MM")
	}
}

func FuzzParseNumber(f *testing.F) {
	for _, s := range []string{"1 234,56", "8.640000000000001", "1,234", "-0,5", "1e308", "..,,", "\u00a0"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		for _, dec := range []string{"", "comma", "point"} {
			v, err := parseNumber(s, dec)
			if err == nil && (v != v) {
				t.Errorf("parseNumber(%q, %q) = NaN without an error", s, dec)
			}
		}
	})
}

func FuzzParseDate(f *testing.F) {
	for _, s := range []string{"2022-06-15", "31/02/2022", "15.06.2022", "Jan 2024", "2022-06-15T25:00:00"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		d, err := parseDate(s, defaultDateLayouts)
		if err == nil && (d.Hour() != 0 || d.Location() != time.UTC) {
			t.Errorf("parseDate(%q) = %v, want a UTC day", s, d)
		}
	})
}
