package names

import "testing"

var benchPairs = [][2]string{
	{"Vladimir Vladimirovich Putin", "PUTIN, Vladimir"},
	{"ABD EL KADER MAHMOUD AHMED EL SAYED", "ABD EL KADER MAHMOUD MOHAMED EL SAYED"},
	{"OOO Rosoboroneksport", "Рособоронэкспорт АО"},
	{"China North Industries Group Corporation Limited", "NORINCO"},
	{"Patricia Lucas Wheeler", "MUHAMMAD OMAR ZADRAN"},
}

// BenchmarkCompare measures Compare on prepared names.
func BenchmarkCompare(b *testing.B) {
	var as, bs []Name
	for _, p := range benchPairs {
		as = append(as, Prepare(p[0], Options{}))
		bs = append(bs, Prepare(p[1], Options{}))
	}
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		k := i % len(as)
		Compare(as[k], bs[k])
	}
}

// BenchmarkPrepare measures Prepare.
func BenchmarkPrepare(b *testing.B) {
	for i := 0; i < b.N; i++ {
		Prepare(benchPairs[i%len(benchPairs)][i%2], Options{})
	}
}
