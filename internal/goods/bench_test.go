package goods

import (
	"io/fs"
	"runtime"
	"testing"
	"time"

	"tradetrace/internal/rusage"
)

// cpuTime returns the CPU time the process has used. The machine is shared, so wall-clock ns/op swing with
// the load; CPU time per op is what sizing a run on one core needs.
func cpuTime(b *testing.B) time.Duration {
	d := rusage.CPU()
	if d == 0 {
		b.Fatal("the process's CPU time cannot be read here")
	}
	return d
}

// benchMix is a realistic mix of descriptions: the labelled cases (half of them controlled goods) and, nine
// times as many, ordinary civilian lines of the length customs descriptions have, since most declarations
// are ordinary goods.
func benchMix(b *testing.B) []string {
	b.Helper()
	var mix []string
	var civil []string
	for _, c := range loadCases(b) {
		mix = append(mix, c.Text)
		if c.Classes[0] == Civilian {
			civil = append(civil, c.Text)
		}
	}
	long := []string{
		"ПЛИТКА КЕРАМИЧЕСКАЯ ГЛАЗУРОВАННАЯ ДЛЯ ОБЛИЦОВКИ ПОЛОВ, НЕ ДЛЯ МОЗАИКИ, С ВОДОПОГЛОЩЕНИЕМ НЕ БОЛЕЕ 0,5 " +
			"МАС.%, РАЗМЕР 600Х600Х9 ММ, СОРТ 1, ТОРГОВАЯ МАРКА ZERDE, ПРОИЗВОДИТЕЛЬ ТОО ЗЕРДЕ КЕРАМИКА АКТОБЕ",
		"ОБУВЬ С ВЕРХОМ ИЗ НАТУРАЛЬНОЙ КОЖИ, С ПОДОШВОЙ ИЗ РЕЗИНЫ, МУЖСКАЯ, ПОЛУБОТИНКИ, АРТИКУЛ 1234-56, " +
			"РАЗМЕРЫ 40-45, ВСЕГО 240 ПАР, ИЗГОТОВИТЕЛЬ ООО ОБУВНАЯ ФАБРИКА",
		"SEAMLESS STEEL PIPES FOR OIL AND GAS PIPELINES, OUTER DIAMETER 219 MM, WALL THICKNESS 8 MM, GRADE " +
			"API 5L X52, LENGTH 11.8 M, HEAT TREATED, MANUFACTURER TMK",
		"PORSELEN SERAMİK KARO, SIRLI, 60X120 CM, 1. KALİTE, MAT YÜZEY, SAVA GRANİT MERMER SAN. VE TİC. LTD",
		"女式针织连衣裙 100%棉 尺码S-XL 颜色混装 品牌无 生产商 广州服装有限公司",
		"МЕБЕЛЬ ДЛЯ СИДЕНИЯ С МЕТАЛЛИЧЕСКИМ КАРКАСОМ, С МЯГКОЙ ОБИВКОЙ, КРЕСЛА ОФИСНЫЕ НА КОЛЕСИКАХ, 120 ШТ",
		"Запасные части для легковых автомобилей: колодки тормозные, диски тормозные, фильтры воздушные и " +
			"масляные, свечи зажигания, ремни ГРМ, не для промышленной сборки",
	}
	for range 9 {
		mix = append(mix, civil...)
		mix = append(mix, long...)
	}
	return mix
}

// BenchmarkClassify measures one description on one core; 10 million descriptions take 10⁷ × ns/op.
func BenchmarkClassify(b *testing.B) {
	c := Default()
	mix := benchMix(b)
	bytes := 0
	for _, s := range mix {
		bytes += len(s)
	}
	b.SetBytes(int64(bytes / len(mix)))
	b.ReportAllocs()
	start := cpuTime(b)
	n := 0
	for b.Loop() {
		c.Classify(mix[n%len(mix)])
		n++
	}
	cpu := cpuTime(b) - start
	b.ReportMetric(float64(cpu.Nanoseconds())/float64(n), "cpu-ns/op")
	b.ReportMetric(float64(cpu.Nanoseconds())/float64(n)*1e7/1e9, "cpu-s/10M")
}

// BenchmarkClassifyFields reads a Russian description with its English rendering, brand and maker.
func BenchmarkClassifyFields(b *testing.B) {
	c := Default()
	b.ReportAllocs()
	for b.Loop() {
		c.ClassifyFields("ВИНТОВКИ ОХОТНИЧЬИ ГРАЖДАНСКИЕ CQ-A КАЛИБР 5.56 ММ, 1000 ШТ",
			"CIVILIAN HUNTING RIFLES CQ-A CAL 5.56 MM, 1000 PCS", "NORINCO",
			"CHINA NORTH INDUSTRIES GROUP CORPORATION LIMITED")
	}
}

// BenchmarkClassifyParallel runs the mix on every core.
func BenchmarkClassifyParallel(b *testing.B) {
	c := Default()
	mix := benchMix(b)
	b.ReportAllocs()
	b.RunParallel(func(pb *testing.PB) {
		i := 0
		for pb.Next() {
			c.Classify(mix[i%len(mix)])
			i++
		}
	})
}

// BenchmarkNormalize measures the normaliser alone.
func BenchmarkNormalize(b *testing.B) {
	mix := benchMix(b)
	var buf []byte
	for i := 0; b.Loop(); i++ {
		buf = appendNormalized(buf[:0], mix[i%len(mix)])
	}
}

// BenchmarkNew measures compiling the embedded vocabulary, and reports the automaton's size.
func BenchmarkNew(b *testing.B) {
	sub, err := fs.Sub(dataFS, "data")
	if err != nil {
		b.Fatal(err)
	}
	var c *Classifier
	for b.Loop() {
		if c, err = New(sub); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(c.ac.states()), "states")
	b.ReportMetric(float64(c.ac.tableBytes())/(1<<20), "table-MiB")
	runtime.KeepAlive(c)
}
