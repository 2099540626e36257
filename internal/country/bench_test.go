package country

import "testing"

var sink Code

func BenchmarkParse(b *testing.B) {
	cases := []struct{ name, in string }{
		{"alpha2", "RU"},
		{"alpha2_lower", "cn"},
		{"alpha3", "ARE"},
		{"numeric", "643"},
		{"upper_name", "RUSSIAN FEDERATION"},
		{"upper_name_comma", "KOREA, REPUBLIC OF"},
		{"upper_cyrillic", "РОССИЯ"},
		{"turkish", "ÇİN HALK CUMHURİYETİ"},
		{"mixed_case", "United Arab Emirates"},
		{"chinese", "中国"},
		{"suppressed", "OTHER COUNTRY"},
		{"unknown", "MOSCOW"},
	}
	for _, c := range cases {
		b.Run(c.name, func(b *testing.B) {
			Parse(c.in) // build the tables outside the loop
			b.ReportAllocs()
			for b.Loop() {
				sink, _ = Parse(c.in)
			}
		})
	}
}

func BenchmarkFromAddress(b *testing.B) {
	addr := "OFFICE 1203, AL MANARA TOWER, BUSINESS BAY, DUBAI, UNITED ARAB EMIRATES"
	FromAddress(addr)
	b.ReportAllocs()
	for b.Loop() {
		sink, _ = FromAddress(addr)
	}
}
