package lists

import "testing"

func TestCountryCode(t *testing.T) {
	tests := []struct{ in, want string }{
		{"Russia", "RU"}, {"Russian Federation", "RU"}, {"RUSSIAN FEDERATION", "RU"}, {"RU", "RU"}, {"rus", "RU"},
		{"ru", "RU"}, {"Russian", "RU"}, {"Россия", "RU"},
		{"People’s Republic of China", "CN"}, {"中国", "CN"}, {"Hong Kong", "HK"}, {"Macau", "MO"}, {"Taiwan", "TW"},
		{"Republic of Türkiye", "TR"}, {"Turkey", "TR"}, {"Türkiye", "TR"},
		{"United Arab Emirates (UAE)", "AE"}, {"U.A.E.", "AE"}, {"UAE", "AE"},
		{"Korea, North", "KP"}, {"Democratic People's Republic of Korea", "KP"}, {"Korea, South", "KR"},
		{"Iran (Islamic Republic of)", "IR"}, {"Burma", "MM"}, {"Congo, Democratic Republic of the", "CD"},
		{"Cote d Ivoire", "CI"}, {"Côte d’Ivoire", "CI"}, {"Man, Isle of", "IM"}, {"Virgin Islands, British", "VG"},
		{"Region: Crimea", "UA"}, {"Palestinian", "PS"}, {"Kosovo", "XK"},
		{"Republic of India", "IN"}, {"Kingdom of Thailand", "TH"}, {"Socialist Republic of Vietnam", "VN"},
		{"Kyrgyz Republic", "KG"}, {"Democratic Socialist Republic of Sri Lanka", "LK"}, {"Syrian Arab Republic", "SY"},
		{"Niger", "NE"}, {"Nigeria", "NG"}, {"Guinea", "GN"}, {"Dominica", "DM"}, {"Dominican Republic", "DO"},
		{"Sudan", "SD"}, {"South Sudan", "SS"}, {"Namibia", "NA"},
		// Names that must stay unresolved: not a country, or several.
		{"Korea", ""}, {"EU", ""}, {"Region: Kafia Kingi", ""}, {"undetermined", ""}, {"Moscow", ""}, {"", ""},
	}
	for _, tt := range tests {
		if got := CountryCode(tt.in); got != tt.want {
			t.Errorf("CountryCode(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

// Every alias written for a publisher must resolve to the code it names.
func TestCountryAliases(t *testing.T) {
	for name, want := range countryAliases {
		if got := CountryCode(name); got != want {
			t.Errorf("CountryCode(%q) = %q, want %q", name, got, want)
		}
	}
}

func BenchmarkCountryCode(b *testing.B) {
	names := []string{"Russia", "Korea, North", "People’s Republic of China", "Moscow", "Republic of Serbia"}
	for i := 0; i < b.N; i++ {
		CountryCode(names[i%len(names)])
	}
}
