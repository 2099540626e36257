package screen

import (
	"testing"
)

// BenchmarkScreenNoMatch screens ordinary company names that no list holds against every list of the shared
// lists folder: the cost of a name that matches nothing, which is most of the names a store screens. Run it on
// one core with -cpu 1.
func BenchmarkScreenNoMatch(b *testing.B) {
	ix := realIndex(b)
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		ix.Screen(Query{Name: nonMatching[i%len(nonMatching)]})
	}
}

// BenchmarkScreenMatch screens names of the reference case that the lists hold.
func BenchmarkScreenMatch(b *testing.B) {
	ix := realIndex(b)
	qs := []string{"NORINCO", "ZAO TEKHKRIM", "АО \"РОСОБОРОНЭКСПОРТ\"", "SZ DJI TECHNOLOGY CO LTD", "Concern Kalashnikov"}
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		ix.Screen(Query{Name: qs[i%len(qs)]})
	}
}
