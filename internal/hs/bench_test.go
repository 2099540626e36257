package hs

import "testing"

var sink Code

func BenchmarkParse(b *testing.B) {
	cases := []struct{ name, in string }{
		{"digits10", "8542310000"},
		{"digits6", "930320"},
		{"dotted", "8542.31"},
		{"spaced10", "8542 31 00 00"},
		{"float", "854231.0"},
		{"scientific", "8.54231E5"},
		{"lost_zero9", "101210000"},
		{"bad_chapter", "9901000000"},
		{"letters", "85A2310000"},
	}
	for _, c := range cases {
		b.Run(c.name, func(b *testing.B) {
			Parse(c.in) // load the tables outside the loop
			b.ReportAllocs()
			for b.Loop() {
				sink, _ = Parse(c.in)
			}
		})
	}
}

func BenchmarkClasses(b *testing.B) {
	Classes("8525890000")
	b.ReportAllocs()
	for b.Loop() {
		_ = Classes("8525890000")
	}
}

func BenchmarkLookupCHPL(b *testing.B) {
	CHPL("8542310000")
	b.ReportAllocs()
	for b.Loop() {
		_, _ = CHPL("8542310000")
	}
}

func BenchmarkEUExportBanned(b *testing.B) {
	EUExportBanned("8807300000")
	b.ReportAllocs()
	for b.Loop() {
		_ = EUExportBanned("8807300000")
	}
}
