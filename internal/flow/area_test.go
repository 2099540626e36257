package flow_test

import (
	"testing"

	"tradetrace/internal/flow"
)

func TestParseArea(t *testing.T) {
	tests := []struct {
		in   string
		want flow.Area
		ok   bool
	}{
		{"KG", "KG", true},
		{"kg", "KG", true},
		{"KGZ", "KG", true},
		{"417", "KG", true},
		{"643", "RU", true},
		{"EL", "GR", true}, // Eurostat's Greece
		{"UK", "GB", true},
		{"W00", flow.World, true},
		{"EU27_2020", flow.EU27, true},
		{"Russian Federation", "RU", true},
		{"Russia", "RU", true},
		{"Kyrgyzstan", "KG", true},
		{"Czechia", "CZ", true},
		{"Czech Republic", "CZ", true},
		{"Germany (incl. German Democratic Republic 'DD' from 1991)", "DE", true},
		{"France (incl. Saint Barthélemy 'BL' -> 2012; incl. French Guiana 'GF', Guadeloupe 'GP')", "FR", true},
		{"Belgium (incl. Luxembourg 'LU' -> 1998)", "BE", true},
		{"Ireland (Eire)", "IE", true},
		{"Iran (Islamic Republic of)", "IR", true},
		{"Iran, Islamic Republic of", "IR", true},
		{"Korea, Republic of", "KR", true},
		{"The Republic of Korea", "KR", true},
		{"SAR-Hong Kong", "HK", true},
		{"Côte d’Ivoire", "CI", true},
		{"Cote d' Ivoire", "CI", true},
		{"Türkiye", "TR", true},
		{"Turkey", "TR", true},
		{"Словакия", "SK", true},
		{"Viet Nam", "VN", true},
		{"European Union - 27 countries (AT, BE, BG, CY, CZ, DE)", flow.EU27, true},
		{"European Union - 27 countries (from 2020)", flow.EU27, true},
		{"European Union (AT-01/1995, BE-01/1958)", flow.EUAny, true},
		{"Euro area - 20 countries (AT, BE)", flow.EA20, true},
		{"Euro area (AT-01/1999, BE-01/1999)", flow.EuroArea, true},
		{"World", flow.World, true},
		{"Asia", "", false},
		{"Eurasian Economic Union", "", false},
		{"Unknown country", "", false},
		{"", "", false},
		{"ZZ", "", false},
		{"999", "", false},
	}
	for _, tt := range tests {
		got, ok := flow.ParseArea(tt.in)
		if got != tt.want || ok != tt.ok {
			t.Errorf("ParseArea(%q) = %q, %v, want %q, %v", tt.in, got, ok, tt.want, tt.ok)
		}
	}
}

func TestBloc(t *testing.T) {
	eu := flow.EU27Bloc()
	if got := len(eu.Members()); got != 27 {
		t.Errorf("len(EU27Bloc().Members()) = %d, want 27", got)
	}
	for a, want := range map[flow.Area]bool{"DE": true, "GR": true, "GB": false, "RU": false, flow.EU27: false} {
		if got := eu.Has(a); got != want {
			t.Errorf("EU27Bloc().Has(%q) = %v, want %v", a, got, want)
		}
	}
	if !(flow.Bloc{}).Empty() || eu.Empty() {
		t.Errorf("Bloc{}.Empty() = false or EU27Bloc().Empty() = true, want true and false")
	}
	for _, a := range []flow.Area{flow.World, flow.EU27, flow.EuroArea} {
		if !a.IsAggregate() {
			t.Errorf("%q.IsAggregate() = false, want true", a)
		}
	}
	if flow.Area("KG").IsAggregate() {
		t.Errorf(`"KG".IsAggregate() = true, want false`)
	}
}
