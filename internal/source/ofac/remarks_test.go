package ofac

import (
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"

	"tradetrace/internal/trade"
)

func TestParseRemarks(t *testing.T) {
	tests := []struct {
		name string
		in   string
		want Remarks
	}{
		{
			name: "russian company",
			in: "Website www.roe.ru; Secondary sanctions risk: Ukraine-/Russia-Related Sanctions Regulations, 31 CFR " +
				"589.201 and/or 589.209; Registration ID 1117746521452 (Russia); Tax ID No. 7718852163 (Russia); " +
				"Government Gazette Number 56467052 (Russia); Linked To: STATE CORPORATION ROSTEC.",
			want: Remarks{
				IDs: []ID{{"WEBSITE", "www.roe.ru", ""}, {"REGISTRATION", "1117746521452", "Russia"},
					{"TAX", "7718852163", "Russia"}, {"OKPO", "56467052", "Russia"}},
				LinkedTo: []string{"STATE CORPORATION ROSTEC"},
				Secondary: []string{"Secondary sanctions risk: Ukraine-/Russia-Related Sanctions Regulations, 31 CFR " +
					"589.201 and/or 589.209"},
			},
		},
		{
			name: "established date and registration number",
			in:   "Organization Established Date 30 Jun 1997; Tax ID No. 1835013146 (Russia); Registration Number 1021801665896 (Russia).",
			want: Remarks{
				Dates: []string{"1997-06-30"},
				IDs:   []ID{{"TAX", "1835013146", "Russia"}, {"REGISTRATION", "1021801665896", "Russia"}},
			},
		},
		{
			name: "weak and former names",
			in:   "a.k.a. 'BNC'; f.k.a. 'ANA I'; n.k.a. 'NEW NAME'; alt. a.k.a. 'AL-QA'IDA'.",
			want: Remarks{Names: []trade.ListName{{Value: "BNC", Kind: trade.NameWeak},
				{Value: "ANA I", Kind: trade.NameFormer}, {Value: "NEW NAME", Kind: trade.NameAlias},
				{Value: "AL-QA'IDA", Kind: trade.NameWeak}}},
		},
		{
			name: "person",
			in: "DOB 07 Jun 1970; alt. DOB 1936 to 1938; nationality Russia; citizen Korea, North; Gender Male; " +
				"Passport 713023636 (Russia) expires 20 Jan 2021",
			want: Remarks{
				Dates:         []string{"1970-06-07", "1936", "1938"},
				Nationalities: []string{"Russia", "Korea, North"},
				IDs:           []ID{{"PASSPORT", "713023636", "Russia"}},
				Other:         []string{"Gender Male"},
			},
		},
		{
			name: "vessel, chinese company and listing date",
			in: "Vessel Registration Identification IMO 9179842; MMSI 273343110; Unified Social Credit Code (USCC) " +
				"91110000710924910P (China); Listing Date (CMIC) 03 Jun 2021; Listing Date (EO 14024 Directive 2): 24 Feb 2022",
			want: Remarks{
				IDs:   []ID{{"IMO", "9179842", ""}, {"MMSI", "273343110", ""}, {"USCC", "91110000710924910P", "China"}},
				Dates: []string{"2021-06-03", "2022-02-24"},
			},
		},
		{name: "empty", in: "", want: Remarks{}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := ParseRemarks(tt.in)
			if diff := cmp.Diff(tt.want, got, cmpopts.EquateEmpty()); diff != "" {
				t.Errorf("ParseRemarks(%q) mismatch (-want +got):\n%s", tt.in, diff)
			}
		})
	}
}

func TestDates(t *testing.T) {
	tests := []struct {
		in   string
		want []string
	}{
		{"10 Dec 1948", []string{"1948-12-10"}},
		{"Dec 1948", []string{"1948-12"}},
		{"1948", []string{"1948"}},
		{"circa 1951", []string{"1951"}},
		{"01 Jan 1960 to 31 Dec 1962", []string{"1960-01-01", "1962-12-31"}},
		{"sometime", nil},
	}
	for _, tt := range tests {
		if got := Dates(tt.in); !cmp.Equal(got, tt.want, cmpopts.EquateEmpty()) {
			t.Errorf("Dates(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestScheme(t *testing.T) {
	tests := []struct {
		in     string
		want   string
		wantOK bool
	}{
		{"Tax ID No.", "TAX", true},
		{"Passport", "PASSPORT", true},
		{"Vessel Registration Identification", "IMO", true},
		{"Unified Social Credit Code (USCC)", "USCC", true},
		{"Gender", "", false},
	}
	for _, tt := range tests {
		got, ok := Scheme(tt.in)
		if got != tt.want || ok != tt.wantOK {
			t.Errorf("Scheme(%q) = %q, %v, want %q, %v", tt.in, got, ok, tt.want, tt.wantOK)
		}
	}
}

func TestRussianScheme(t *testing.T) {
	tests := []struct{ scheme, value, want string }{
		{"TAX", "7718852163", "INN"},
		{"TAX", "770509857842", "INN"},
		{"TAX", "100036386", "TAX"},
		{"REGISTRATION", "1117746521452", "OGRN"},
		{"REGISTRATION", "304500116000157", "OGRN"},
		{"REGISTRATION", "26740", "REGISTRATION"},
		{"TAX", "77188X2163", "TAX"},
		{"OKPO", "56467052", "OKPO"},
	}
	for _, tt := range tests {
		if got := RussianScheme(tt.scheme, tt.value); got != tt.want {
			t.Errorf("RussianScheme(%q, %q) = %q, want %q", tt.scheme, tt.value, got, tt.want)
		}
	}
}
