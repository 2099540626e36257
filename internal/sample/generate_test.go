package sample

import (
	"bytes"
	"compress/gzip"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"flag"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"testing"
	"unicode/utf8"
)

var update = flag.Bool("update", false, "rewrite testdata/golden_sha256.txt")

// The same seed and size give the same bytes, whatever the number of workers; another seed does not.
func TestGenerateDeterministic(t *testing.T) {
	ctx := context.Background()
	a, b, c := t.TempDir(), t.TempDir(), t.TempDir()
	for _, run := range []struct {
		dir     string
		seed    uint64
		workers int
	}{{a, 42, 1}, {b, 42, 3}, {c, 43, 2}} {
		if _, err := Generate(ctx, Config{Dir: run.dir, Rows: 3000, Seed: run.seed, Workers: run.workers}); err != nil {
			t.Fatal(err)
		}
	}
	da, db, dc := dirDigest(t, a), dirDigest(t, b), dirDigest(t, c)
	if n, ok := sameFiles(da, db); !ok {
		t.Errorf("Generate(seed 42, 1 worker) and Generate(seed 42, 3 workers) differ in %s, want the same bytes", n)
	}
	if bytes.Equal(da["ru_import_2022.csv"], dc["ru_import_2022.csv"]) {
		t.Errorf("Generate(seed 42) and Generate(seed 43) wrote the same ru_import_2022.csv, want different data")
	}
	h := sha256.New()
	var names []string
	for n := range da {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, n := range names {
		h.Write([]byte(n))
		h.Write(da[n])
	}
	got := hex.EncodeToString(h.Sum(nil))
	golden := filepath.Join("testdata", "golden_sha256.txt")
	if *update {
		if err := os.WriteFile(golden, []byte(got+"\n"), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatalf("read golden digest (run with -update to create it): %v", err)
	}
	if got != strings.TrimSpace(string(want)) {
		t.Errorf("digest of Generate(seed 42, 3000 rows) = %s, want %s (the bytes changed: run with -update if on purpose)",
			got, strings.TrimSpace(string(want)))
	}
}

func TestGenerateGzip(t *testing.T) {
	ctx := context.Background()
	plain, zipped := t.TempDir(), t.TempDir()
	if _, err := Generate(ctx, Config{Dir: plain, Rows: MinRows, Seed: 5}); err != nil {
		t.Fatal(err)
	}
	m, err := Generate(ctx, Config{Dir: zipped, Rows: MinRows, Seed: 5, Gzip: true})
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range m.Files {
		if !strings.HasSuffix(f.Name, ".csv.gz") {
			t.Fatalf("Generate(Gzip) wrote %s, want a .csv.gz name", f.Name)
		}
		zf, err := os.Open(filepath.Join(zipped, f.Name))
		if err != nil {
			t.Fatal(err)
		}
		zr, err := gzip.NewReader(zf)
		if err != nil {
			t.Fatalf("gzip %s: %v", f.Name, err)
		}
		got, err := io.ReadAll(zr)
		zf.Close()
		if err != nil {
			t.Fatalf("gzip %s: %v", f.Name, err)
		}
		want, err := os.ReadFile(filepath.Join(plain, strings.TrimSuffix(f.Name, ".gz")))
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(got, want) {
			t.Errorf("%s decompressed differs from the plain file of the same seed", f.Name)
		}
	}
}

func TestGenerateRejects(t *testing.T) {
	if _, err := Generate(context.Background(), Config{Dir: t.TempDir(), Rows: MinRows - 1}); err == nil {
		t.Errorf("Generate(Rows: %d) = nil error, want an error", MinRows-1)
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := Generate(ctx, Config{Dir: t.TempDir(), Rows: 50_000}); !errors.Is(err, context.Canceled) {
		t.Errorf("Generate(cancelled context) = %v, want context.Canceled", err)
	}
}

func TestGenerateProgress(t *testing.T) {
	var calls []int64
	total := int64(80_000)
	_, err := Generate(context.Background(), Config{Dir: t.TempDir(), Rows: total, Seed: 9, Workers: 2,
		Progress: func(done, tot int64) {
			if tot != total {
				t.Errorf("Progress total = %d, want %d", tot, total)
			}
			calls = append(calls, done)
		}})
	if err != nil {
		t.Fatal(err)
	}
	if len(calls) < 2 || calls[len(calls)-1] != total {
		t.Fatalf("Progress calls = %v, want several ending with %d", calls, total)
	}
	for i := 1; i < len(calls); i++ {
		if calls[i] < calls[i-1] {
			t.Errorf("Progress went back from %d to %d", calls[i-1], calls[i])
		}
	}
}

// Every file starts with its documented header line, exactly, and ends its lines as its layout says.
func TestHeadersExact(t *testing.T) {
	s := loadFixture(t)
	if len(s.files) != int(numKinds)*numYears {
		t.Fatalf("%d files written, want %d", len(s.files), int(numKinds)*numYears)
	}
	for _, f := range s.files {
		l := LayoutOf(f.kind)
		eol := "\n"
		if l.CRLF {
			eol = "\r\n"
		}
		if !strings.HasPrefix(f.text, l.Header+eol) {
			first, _, _ := strings.Cut(f.text, "\n")
			t.Errorf("%s header = %q, want %q", f.name, first, l.Header)
		}
		if want := map[Kind]int{RUImport: 47, KZImport: 76}[f.kind]; want != 0 && len(l.Columns) != want {
			t.Errorf("%s layout has %d columns, want %d", f.name, len(l.Columns), want)
		}
	}
}

// The rows add up to Config.Rows exactly, file by file as the manifest says, and every row has the
// layout's number of fields (encoding/csv checks that while reading).
func TestRowCounts(t *testing.T) {
	s := loadFixture(t)
	var total int64
	for i, f := range s.files {
		if got, want := int64(len(f.rows)), s.m.Files[i].Rows; got != want {
			t.Errorf("%s has %d rows, manifest says %d", f.name, got, want)
		}
		total += int64(len(f.rows))
	}
	if total != fixtureRows {
		t.Errorf("rows over all files = %d, want %d", total, fixtureRows)
	}
	share := float64(len(s.filesOf(RUImport)[0].rows)+len(s.filesOf(RUImport)[1].rows)+len(s.filesOf(RUImport)[2].rows)) / fixtureRows
	if share < 0.4 || share > 0.5 {
		t.Errorf("Russian imports are %.2f of the rows, want about 0.45", share)
	}
}

func TestRecordIDsUnique(t *testing.T) {
	s := loadFixture(t)
	if len(s.byRec) != fixtureRows {
		t.Errorf("%d distinct record ids in %d rows, want one per row", len(s.byRec), fixtureRows)
	}
	for i, f := range s.files {
		fi := s.m.Files[i]
		idCol := "RECORD_ID"
		if layouts[f.kind].Profile == "canonical" {
			idCol = "record_id"
		}
		if first, last := f.get(f.rows[0], idCol), f.get(f.rows[len(f.rows)-1], idCol); first != fi.FirstRecord || last != fi.LastRecord {
			t.Errorf("%s records %s..%s, manifest says %s..%s", f.name, first, last, fi.FirstRecord, fi.LastRecord)
		}
	}
}

func TestKazakhFileIsWindows1251(t *testing.T) {
	s := loadFixture(t)
	for _, f := range s.filesOf(KZImport) {
		if utf8.Valid(f.raw) {
			t.Errorf("%s is valid UTF-8, want Windows-1251 bytes", f.name)
		}
		for _, want := range []string{"КАЗАХСТАН", "ТОО", "ВЫПУСК ДЛЯ ВНУТРЕННЕГО ПОТРЕБЛЕНИЯ"} {
			if !strings.Contains(f.text, want) {
				t.Errorf("%s decoded holds no %q", f.name, want)
			}
		}
		for _, r := range f.rows {
			for _, c := range []string{"IMPORTER_NAME", "IMPORTER_ADDRESS", "PRODUCT_DESCRIPTION", "SUPPLIER_NAME"} {
				if v := f.get(r, c); strings.ContainsRune(v, '?') {
					t.Fatalf("%s %s = %q: a character the code page lacks was not folded", f.name, c, v)
				}
			}
		}
	}
}

// Identifiers carry valid check digits wherever the layouts hold them.
func TestIdentifiersValid(t *testing.T) {
	s := loadFixture(t)
	check := []struct {
		kind  Kind
		col   string
		valid func(string) bool
	}{
		{RUImport, "IMPORTER_CODE", ValidINN}, {RUImport, "CUSTOMS_INN_CODE", ValidINN},
		{KZImport, "IMPORTER_CODE", ValidBIN}, {KZImport, "DECLARANT_CODE", ValidBIN},
		{TRImport, "IMPORTER_CODE", ValidVKN}, {TRExport, "EXPORTER_CODE", ValidVKN},
	}
	for _, c := range check {
		n := 0
		for _, f := range s.filesOf(c.kind) {
			for _, r := range f.rows {
				v := f.get(r, c.col)
				if v == "NULL" {
					continue
				}
				n++
				if !c.valid(v) {
					t.Errorf("%s %s = %q, want a valid identifier", f.name, c.col, v)
				}
			}
		}
		if n == 0 {
			t.Errorf("%v %s: no identifiers", c.kind, c.col)
		}
	}
	for _, f := range s.filesOf(CNExport) {
		for _, r := range f.rows {
			if id := f.get(r, "shipper_id"); f.get(r, "shipper_country") == "CN" && !ValidUSCC(id) {
				t.Errorf("%s shipper_id = %q, want a valid USCC", f.name, id)
			}
		}
	}
}

// A Russian importer is written several ways under one INN, and an INN is 10 digits for a company and
// 12 for a sole trader.
func TestNameVariantsShareAnIdentifier(t *testing.T) {
	s := loadFixture(t)
	names := map[string]map[string]bool{}
	for _, f := range s.filesOf(RUImport) {
		for _, r := range f.rows {
			inn := f.get(r, "IMPORTER_CODE")
			if names[inn] == nil {
				names[inn] = map[string]bool{}
			}
			names[inn][f.get(r, "IMPORTER_NAME")] = true
			names[inn][f.get(r, "IMPORTER_NAME_EN")] = true
			isIP := strings.HasPrefix(f.get(r, "IMPORTER_NAME"), "ИП ") || strings.HasPrefix(f.get(r, "IMPORTER_NAME"), "ИНДИВИДУАЛЬНЫЙ")
			if inn != "NULL" && isIP != (len(inn) == 12) {
				t.Errorf("%s: importer %q has INN %s", f.name, f.get(r, "IMPORTER_NAME"), inn)
			}
		}
	}
	many := 0
	for _, ns := range names {
		if len(ns) >= 4 {
			many++
		}
	}
	if many < 100 {
		t.Errorf("%d INNs appear under 4 or more name forms, want at least 100", many)
	}
}

// The supplier's address in the Russian file ends with the country, so a route through a hub shows.
func TestSupplierAddressEndsWithCountry(t *testing.T) {
	s := loadFixture(t)
	for _, f := range s.filesOf(RUImport) {
		for _, r := range f.rows {
			a := f.get(r, "SUPPLIER_ADDRESS")
			if supplierCountry(a) == nil {
				t.Fatalf("%s SUPPLIER_ADDRESS = %q ends with no country name", f.name, a)
			}
		}
	}
}

func supplierCountry(addr string) *country {
	for _, c := range countries {
		if strings.HasSuffix(addr, ", "+c.en) {
			return c
		}
	}
	return nil
}

// After February 2022 Russian imports come more often through hubs and less often from western origins.
func TestShiftAfterInvasion(t *testing.T) {
	s := loadFixture(t)
	type counts struct{ rows, hub, western float64 }
	var before, after counts
	for _, f := range s.filesOf(RUImport) {
		for _, r := range f.rows {
			d := f.get(r, "IMP_DATE")
			c := &before
			switch {
			case d >= "2022-03-01":
				c = &after
			case d >= "2022-01-01":
				continue
			}
			c.rows++
			if sc := supplierCountry(f.get(r, "SUPPLIER_ADDRESS")); sc.hub && sc.code != "CN" {
				c.hub++
			}
			for _, o := range countries {
				if o.western && f.get(r, "ORIGIN_COUNTRY") == o.en {
					c.western++
				}
			}
		}
	}
	hubBefore, hubAfter := before.hub/before.rows, after.hub/after.rows
	westBefore, westAfter := before.western/before.rows, after.western/after.rows
	if hubAfter < 2*hubBefore {
		t.Errorf("share of lines bought in hubs: %.3f in 2021, %.3f after March 2022, want it at least doubled", hubBefore, hubAfter)
	}
	if westAfter > 0.7*westBefore {
		t.Errorf("share of lines of western origin: %.3f in 2021, %.3f after March 2022, want a fall of 30%% or more", westBefore, westAfter)
	}
}

// The values look like vendor data: NULLs, suppressed countries, float artefacts, declaration numbers
// in each service's format, and ordinary trade in high-priority goods.
func TestValuesLookReal(t *testing.T) {
	s := loadFixture(t)
	declNo := map[Kind]*regexp.Regexp{
		RUImport: regexp.MustCompile(`^\d{8}/\d{6}/\d{7}$`),
		KZImport: regexp.MustCompile(`^\d{5}/\d{6}/\d{7}$`),
		TRImport: regexp.MustCompile(`^\d{8}IM\d{8}$`),
		TRExport: regexp.MustCompile(`^\d{8}EX\d{8}$`),
		CNExport: regexp.MustCompile(`^\d{18}$`),
		AEExport: regexp.MustCompile(`^\d{3}-\d{8}-\d{2}$`),
	}
	declCol := map[Kind]string{RUImport: "DECLARATION_NUMBER", KZImport: "DECLARATION_NUMBER", TRImport: "REGISTRATION_NO",
		TRExport: "REGISTRATION_NO", CNExport: "declaration_no", AEExport: "declaration_no"}
	for _, f := range s.files {
		for _, r := range f.rows {
			if v := f.get(r, declCol[f.kind]); !declNo[f.kind].MatchString(v) {
				t.Fatalf("%s declaration number %q does not match %s", f.name, v, declNo[f.kind])
			}
		}
	}
	var nulls, other, artefacts, chips int
	for _, f := range s.filesOf(RUImport) {
		for _, r := range f.rows {
			if f.get(r, "MANIFEST_DATE") == "NULL" {
				nulls++
			}
			if f.get(r, "ORIGIN_COUNTRY") == "OTHER COUNTRY" {
				other++
			}
			if v := f.get(r, "NET_WEIGHT_KG"); strings.Contains(v, "00000000") || strings.Contains(v, "99999999") {
				artefacts++
			}
			if strings.HasPrefix(f.get(r, "HS_CODE"), "854231") {
				chips++
			}
		}
	}
	for _, c := range []struct {
		what string
		n    int
	}{{"NULL manifest dates", nulls}, {"OTHER COUNTRY origins", other}, {"float artefacts in weights", artefacts},
		{"lines of processors (HS 8542.31)", chips}} {
		if c.n < 20 {
			t.Errorf("%d %s in the Russian imports, want at least 20", c.n, c.what)
		}
	}
}
