package table

import (
	"archive/zip"
	"bytes"
	"encoding/csv"
	"fmt"
	"io"
	"math/rand/v2"
	"os"
	"strings"
	"sync"
	"testing"
	"time"

	"golang.org/x/text/encoding/charmap"

	"tradetrace/internal/rusage"
)

// Benchmarks read synthetic customs-like data generated here, never committed. Run with
//
//	go test -run '^$' -bench . -benchtime 5x ./internal/source/table/
//
// TABLE_BENCH_FILE=path adds BenchmarkFile, reading that file through Open (say, a 1.8 GB export).

var shipmentHeader = strings.Split("RECORD_ID,DECLARATION_NUMBER,IMP_DATE,SUPPLIER_NAME,SUPPLIER_COUNTRY,"+
	"IMPORTER_CODE,IMPORTER_NAME,CUSTOMS_CODE,ORIGIN_COUNTRY,DESTINATION_COUNTRY,HS_CODE,PRODUCT_DESCRIPTION,"+
	"QUANTITY,UNIT,GROSS_WEIGHT_KG,NET_WEIGHT_KG,INVOICE_VALUE,CURRENCY,USD_PER_KG,TOTAL_VALUE_USD,INCOTERMS,"+
	"MANUFACTURER,BRAND,HS_CODE_2,HS_CODE_4,COUNTRY_ISO_CODE_2,RECORDS_TAG", ",")

var (
	suppliers   = []string{"SHENZHEN TECH CO LTD", "ACME, INC.", "GLOBAL PARTS LIMITED", "NINGBO TRADE", "ALPHA \"BEST\" GMBH"}
	importers   = []string{"ООО Ромашка", "АО \"Вектор\"", "ООО ТехноСнаб, Москва", "ИП Иванов И.И.", "ТОО Алма"}
	products    = []string{"Микросхемы интегральные", "Подшипники шариковые радиальные", "Камера тепловизионная", "Части и принадлежности, прочие", "Аккумуляторы литий-ионные"}
	countries   = []string{"CN", "TR", "AE", "KZ", "IN", "HK"}
	units       = []string{"ШТ", "КГ", "М"}
	incoterms   = []string{"FCA", "EXW", "CPT", "DAP"}
	brandsNames = []string{"ОТСУТСТВУЕТ", "NONAME", "STM", "TI"}
)

// genShipments returns a CSV of about size bytes: 27 columns of Cyrillic and Latin text, dates, codes and
// numbers, where fields holding a comma or a quote are quoted (about a third of the rows).
func genShipments(size int) []byte {
	rng := rand.New(rand.NewPCG(1, 2))
	var b bytes.Buffer
	b.Grow(size + 1024)
	w := csv.NewWriter(&b)
	w.Write(shipmentHeader)
	rec := make([]string, len(shipmentHeader))
	pick := func(s []string) string { return s[rng.IntN(len(s))] }
	for i := 1; b.Len() < size; i++ {
		hs := fmt.Sprintf("%010d", rng.Int64N(1e10))
		rec[0] = fmt.Sprint(i)
		rec[1] = fmt.Sprintf("10%06d/%02d%02d25/%07d", rng.IntN(1e6), 1+rng.IntN(28), 1+rng.IntN(12), rng.IntN(1e7))
		rec[2] = fmt.Sprintf("2025-%02d-%02d", 1+rng.IntN(12), 1+rng.IntN(28))
		rec[3], rec[4] = pick(suppliers), pick(countries)
		rec[5] = fmt.Sprintf("%010d", rng.Int64N(1e10))
		rec[6] = pick(importers)
		rec[7] = fmt.Sprintf("%08d", rng.IntN(1e8))
		rec[8], rec[9], rec[10] = pick(countries), "RU", hs
		rec[11] = pick(products)
		rec[12], rec[13] = fmt.Sprint(rng.IntN(5000)), pick(units)
		gross := rng.Float64() * 1000
		rec[14], rec[15] = fmt.Sprintf("%.3f", gross), fmt.Sprintf("%.3f", gross*0.9)
		rec[16], rec[17] = fmt.Sprintf("%.2f", rng.Float64()*1e5), "USD"
		rec[18], rec[19], rec[20] = fmt.Sprintf("%.2f", rng.Float64()*100), fmt.Sprintf("%.2f", rng.Float64()*1e5), pick(incoterms)
		rec[21], rec[22] = pick(suppliers), pick(brandsNames)
		rec[23], rec[24], rec[25], rec[26] = hs[:2], hs[:4], "RU", "IMPORT"
		w.Write(rec)
	}
	w.Flush()
	return b.Bytes()
}

var (
	benchCSV  = sync.OnceValue(func() []byte { return genShipments(50 << 20) })
	bench1251 = sync.OnceValue(func() []byte {
		b, err := charmap.Windows1251.NewEncoder().Bytes(benchCSV())
		if err != nil {
			panic(err)
		}
		return b
	})
)

// reportCPU adds throughput measured in CPU time (all threads, GC included) since start, which holds up on a
// busy machine where wall-clock MB/s does not.
func reportCPU(b *testing.B, start time.Duration, bytes, rows int) {
	cpu := (rusage.CPU() - start).Seconds()
	if cpu <= 0 {
		return
	}
	b.ReportMetric(float64(bytes)*float64(b.N)/cpu/1e6, "cpu-MB/s")
	if rows > 0 {
		b.ReportMetric(float64(rows)/cpu, "cpu-rows/s")
	}
}

// readAllBench reads every record of data and returns the count.
func readAllBench(b *testing.B, data []byte, name string, opt Options) int {
	r, err := New(bytes.NewReader(data), name, opt)
	if err != nil {
		b.Fatal(err)
	}
	n := 0
	for {
		rec, err := r.Next()
		if err == io.EOF {
			return n
		}
		if err != nil || rec.Err != nil {
			b.Fatalf("Next() = %v, %v", rec.Err, err)
		}
		n++
	}
}

func BenchmarkCSV(b *testing.B) {
	data := benchCSV()
	for _, reuse := range []bool{false, true} {
		b.Run(fmt.Sprintf("table/reuse=%v", reuse), func(b *testing.B) {
			b.SetBytes(int64(len(data)))
			rows, c0 := 0, rusage.CPU()
			for b.Loop() {
				rows += readAllBench(b, data, "bench.csv", Options{ReuseRecord: reuse})
			}
			b.ReportMetric(float64(rows)/b.Elapsed().Seconds(), "rows/s")
			reportCPU(b, c0, len(data), rows)
		})
		b.Run(fmt.Sprintf("encoding-csv/reuse=%v", reuse), func(b *testing.B) {
			b.SetBytes(int64(len(data)))
			rows, c0 := 0, rusage.CPU()
			for b.Loop() {
				cr := csv.NewReader(bytes.NewReader(data))
				cr.ReuseRecord = reuse
				for {
					_, err := cr.Read()
					if err == io.EOF {
						break
					}
					if err != nil {
						b.Fatal(err)
					}
					rows++
				}
			}
			b.ReportMetric(float64(rows)/b.Elapsed().Seconds(), "rows/s")
			reportCPU(b, c0, len(data), rows)
		})
	}
}

func BenchmarkWindows1251(b *testing.B) {
	data := bench1251()
	b.Run("table", func(b *testing.B) {
		b.SetBytes(int64(len(data)))
		rows, c0 := 0, rusage.CPU()
		for b.Loop() {
			rows += readAllBench(b, data, "bench.csv", Options{})
		}
		b.ReportMetric(float64(rows)/b.Elapsed().Seconds(), "rows/s")
		reportCPU(b, c0, len(data), rows)
	})
	b.Run("decode-only", func(b *testing.B) {
		b.SetBytes(int64(len(data)))
		buf := make([]byte, 256<<10)
		tab := newByteTable(charmap.Windows1251)
		c0 := rusage.CPU()
		for b.Loop() {
			d := newSingleByteReader(bytes.NewReader(data), tab)
			for {
				if _, err := d.Read(buf); err == io.EOF {
					break
				}
			}
		}
		reportCPU(b, c0, len(data), 0)
	})
}

func BenchmarkXLSX(b *testing.B) {
	const nrows = 20_000
	var rows strings.Builder
	rng := rand.New(rand.NewPCG(3, 4))
	for i := 1; i <= nrows; i++ {
		fmt.Fprintf(&rows, `<row r="%d">`, i)
		for c := range 27 {
			ref := columnName(c) + fmt.Sprint(i)
			switch {
			case i == 1:
				fmt.Fprintf(&rows, `<c r="%s" t="inlineStr"><is><t>COL%d</t></is></c>`, ref, c)
			case c%3 == 0:
				fmt.Fprintf(&rows, `<c r="%s" t="s"><v>%d</v></c>`, ref, rng.IntN(5))
			case c == 2:
				fmt.Fprintf(&rows, `<c r="%s" s="1"><v>%d</v></c>`, ref, 45000+rng.IntN(800))
			default:
				fmt.Fprintf(&rows, `<c r="%s"><v>%.2f</v></c>`, ref, rng.Float64()*1e4)
			}
		}
		rows.WriteString(`</row>`)
	}
	data := zipParts(b, workbookParts([]testSheet{{"S", worksheet(rows.String(), "")}},
		sharedStrings(importers, ""), testStyles, ""), zip.Deflate)
	b.SetBytes(int64(len(data)))
	total, c0 := 0, rusage.CPU()
	for b.Loop() {
		total += readAllBench(b, data, "bench.xlsx", Options{})
	}
	b.ReportMetric(float64(total)/b.Elapsed().Seconds(), "rows/s")
	reportCPU(b, c0, len(data), total)
}

func BenchmarkJSONL(b *testing.B) {
	var buf bytes.Buffer
	for i := range 50_000 {
		fmt.Fprintf(&buf, `{"id":%d,"name":%q,"hs":"8542310000","value":%d.5,"tags":["a","b"]}`+"\n", i, importers[i%len(importers)], i)
	}
	data := buf.Bytes()
	b.SetBytes(int64(len(data)))
	rows, c0 := 0, rusage.CPU()
	for b.Loop() {
		rows += readAllBench(b, data, "bench.jsonl", Options{})
	}
	b.ReportMetric(float64(rows)/b.Elapsed().Seconds(), "rows/s")
	reportCPU(b, c0, len(data), rows)
}

// BenchmarkFile reads the file named by TABLE_BENCH_FILE, to measure a real-size export.
func BenchmarkFile(b *testing.B) {
	path := os.Getenv("TABLE_BENCH_FILE")
	if path == "" {
		b.Skip("TABLE_BENCH_FILE not set")
	}
	fi, err := os.Stat(path)
	if err != nil {
		b.Fatal(err)
	}
	b.SetBytes(fi.Size())
	rows, bad, c0 := 0, 0, rusage.CPU()
	for b.Loop() {
		r, err := Open(path, Options{ReuseRecord: true})
		if err != nil {
			b.Fatal(err)
		}
		for {
			rec, err := r.Next()
			if err == io.EOF {
				break
			}
			if err != nil {
				b.Fatal(err)
			}
			rows++
			if rec.Err != nil {
				bad++
			}
		}
		r.Close()
	}
	b.ReportMetric(float64(rows)/b.Elapsed().Seconds(), "rows/s")
	b.ReportMetric(float64(bad), "bad-rows")
	reportCPU(b, c0, int(fi.Size()), rows)
}
