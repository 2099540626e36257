package eu

import (
	"errors"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"

	"tradetrace/internal/trade"
)

func TestReadCSVLayout(t *testing.T) {
	tests := []struct {
		name    string
		in      string
		want    []Record
		wantErr error
	}{
		{"reordered and unknown columns", "schema,extra,name,innCode\nLegalEntity,x, ACME ,7718852163\n",
			[]Record{{Row: 1, Schema: "LegalEntity", Name: "ACME", INN: "7718852163"}}, nil},
		{"not the layout", "a,b\n1,2\n", nil, ErrLayout},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := ReadCSV(strings.NewReader(tt.in))
			if !errors.Is(err, tt.wantErr) {
				t.Fatalf("ReadCSV(%q) error = %v, want %v", tt.in, err, tt.wantErr)
			}
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("ReadCSV(%q) mismatch (-want +got):\n%s", tt.in, diff)
			}
		})
	}
}

func TestSplitParen(t *testing.T) {
	tests := []struct{ in, base, paren string }{
		{"Rosoboronexport OJSC (ROE)", "Rosoboronexport OJSC", "ROE"},
		{"Открытое Акционерное Общество «Концерн «Сириус» (ОАО «Концерн «Сириус»)", "Открытое Акционерное Общество «Концерн «Сириус»", "ОАО «Концерн «Сириус»"},
		{"A (B (C))", "A", "B (C)"},
		{"China Communications Construction Group (Limited) Company", "China Communications Construction Group (Limited) Company", ""},
		{"(ROE)", "(ROE)", ""},
		{"plain", "plain", ""},
	}
	for _, tt := range tests {
		base, paren := SplitParen(tt.in)
		if base != tt.base || paren != tt.paren {
			t.Errorf("SplitParen(%q) = %q, %q, want %q, %q", tt.in, base, paren, tt.base, tt.paren)
		}
	}
}

func TestAddNames(t *testing.T) {
	var s nameSet
	s.addSplit("Rosoboronexport OJSC (ROE)", trade.NamePrimary)
	s.addSplit("Sergei AKSENOV (Сергей АКСЁНОВ)", trade.NameAlias)
	s.addSplit("Bank X (formerly Bank Y)", trade.NameAlias)
	s.addSplit("ROSOBORONEXPORT OJSC", trade.NameAlias)
	want := []trade.ListName{{Value: "Rosoboronexport OJSC"}, {Value: "ROE", Kind: trade.NameWeak},
		{Value: "Sergei AKSENOV", Kind: trade.NameAlias}, {Value: "Сергей АКСЁНОВ", Kind: trade.NameAlias},
		{Value: "Bank X", Kind: trade.NameAlias}, {Value: "Bank Y", Kind: trade.NameFormer}}
	if diff := cmp.Diff(want, s.List); diff != "" {
		t.Errorf("nameSet.addSplit mismatch (-want +got):\n%s", diff)
	}
}

func TestAddressCountry(t *testing.T) {
	codes := map[string]string{"russian federation": "RU", "hong kong": "HK", "india": "IN", "republic of india": "IN",
		"hk": "HK", "no": "NO", "people’s republic of china": "CN"}
	country := func(s string) string { return codes[strings.ToLower(s)] }
	tests := []struct{ in, want string }{
		{"107076, Moscow, Stromynka Str., 272, Russian Federation", "RU"},
		{"Office 209 Russian Federation", "RU"},
		{"Moscow, Russian Federation266", "RU"},
		{"Flat 1, Tai Yau Street, Hong Kong, Kowloon", "HK"},
		{"Bangalore, 560066 Republic of India", "IN"},
		{"Unit 5, Wing Lok Street, HK", "HK"},
		{"Building 1, Room No", ""},
		{"Moscow", ""},
	}
	for _, tt := range tests {
		if got := AddressCountry(tt.in, country); got != tt.want {
			t.Errorf("AddressCountry(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestDates(t *testing.T) {
	tests := []struct {
		in   string
		want []string
	}{
		{"17.3.2014", []string{"2014-03-17"}},
		{"1.2.1960 or 2.1.1960", []string{"1960-02-01", "1960-01-02"}},
		{"9 August 2022", []string{"2022-08-09"}},
		{"March 1965", []string{"1965-03"}},
		{"established 1992", []string{"1992"}},
		{"31.2.2014", []string{"2014"}}, // an impossible day keeps its year
		{"", nil},
	}
	for _, tt := range tests {
		if got := Dates(tt.in); !cmp.Equal(got, tt.want, cmpopts.EquateEmpty()) {
			t.Errorf("Dates(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestRegistrationScheme(t *testing.T) {
	tests := []struct{ in, scheme, value string }{
		{"7704730655 (Tax ID/INN)", "TAX", "7704730655"},
		{"1027700067328 (OGRN)", "OGRN", "1027700067328"},
		{"91440300MA5GN8XB2F (China, Unified Social Credit Code)", "USCC", "91440300MA5GN8XB2F"},
		{"91440101MA5ALQNR86", "USCC", "91440101MA5ALQNR86"},
		{"CR No. 1234567", "REGISTRATION", "1234567"},
		{"61365134 (BRN)", "REGISTRATION", "61365134"},
		{"1234567 (TRN)", "TAX", "1234567"},
		{"USCC no. 91310000MA1FL6TN30", "USCC", "91310000MA1FL6TN30"},
	}
	for _, tt := range tests {
		scheme, value := RegistrationScheme(tt.in)
		if scheme != tt.scheme || value != tt.value {
			t.Errorf("RegistrationScheme(%q) = %q, %q, want %q, %q", tt.in, scheme, value, tt.scheme, tt.value)
		}
	}
}

func TestRecordIDs(t *testing.T) {
	tests := []struct {
		name string
		r    Record
		ru   bool
		want []trade.Identifier
	}{
		{"ogrn with kpp", Record{OGRN: "1207700324941, KPP 772901001", INN: "9729299794"}, true,
			[]trade.Identifier{{Scheme: "INN", Value: "9729299794"}, {Scheme: "KPP", Value: "772901001"},
				{Scheme: "OGRN", Value: "1207700324941"}}},
		{"inn with labelled codes", Record{INN: "3525023010 OKPO: 07500548 KPP: 352501001"}, true,
			[]trade.Identifier{{Scheme: "OKPO", Value: "07500548"}, {Scheme: "KPP", Value: "352501001"},
				{Scheme: "INN", Value: "3525023010"}}},
		{"spaced ogrn and dated", Record{OGRN: "1 121 402 000 213; 1027700067328 on 12.03.2002"}, false,
			[]trade.Identifier{{Scheme: "OGRN", Value: "1121402000213"}, {Scheme: "OGRN", Value: "1027700067328"}}},
		{"ukrainian tax number", Record{TaxNumber: "2345678901 (Ukraine)"}, true,
			[]trade.Identifier{{Scheme: "TAX", Value: "2345678901"}}},
		{"russian tax number", Record{TaxNumber: "614322649248."}, true,
			[]trade.Identifier{{Scheme: "INN", Value: "614322649248"}}},
		{"web and mail", Record{Website: "https://roe.ru/; Cossack National Guard http://vk.com/x", Email: "a@b.ru, c@d.ru"}, false,
			[]trade.Identifier{{Scheme: "WEBSITE", Value: "https://roe.ru/"}, {Scheme: "EMAIL", Value: "a@b.ru"},
				{Scheme: "EMAIL", Value: "c@d.ru"}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var countries []string
			if tt.ru {
				countries = []string{"RU"}
			}
			if diff := cmp.Diff(tt.want, recordIDs(tt.r, countries), cmpopts.EquateEmpty()); diff != "" {
				t.Errorf("recordIDs(%+v) mismatch (-want +got):\n%s", tt.r, diff)
			}
		})
	}
}
