package sample

import (
	"context"
	"math"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

// figureColumns names the quantity, net weight and dollar value columns of each layout.
var figureColumns = map[Kind][3]string{
	RUImport: {"QUANTITY", "NET_WEIGHT_KG", "TOTAL_VALUE_USD"},
	KZImport: {"QUANTITY", "N_WEIGHT", "CUSTOMS_VALUE_USD"},
	TRImport: {"QUANTITY", "NET_WEIGHT_KG", "STATISTICAL_VALUE_USD"},
	TRExport: {"QUANTITY", "NET_WEIGHT_KG", "STATISTICAL_VALUE_USD"},
	CNExport: {"quantity", "net_weight_kg", "value_usd"},
	AEExport: {"quantity", "net_weight_kg", "value_usd"},
}

func num(t *testing.T, s string) float64 {
	t.Helper()
	v, err := strconv.ParseFloat(s, 64)
	if err != nil {
		t.Fatalf("number %q: %v", s, err)
	}
	return v
}

func near(got, want, tol float64) bool {
	if want == 0 {
		return got == 0
	}
	return math.Abs(got-want) <= tol*math.Abs(want)+1e-6
}

// Every planted record in the key is a row of its file with the figures the key gives.
func TestPlantedRecordsAreRows(t *testing.T) {
	s := loadFixture(t)
	key, err := ReadKey(filepath.Join(s.dir, KeyFile))
	if err != nil {
		t.Fatal(err)
	}
	if len(key.Events) != len(s.m.Events) || len(key.Events) < 9 {
		t.Fatalf("key has %d events, manifest %d, want the same and at least 9", len(key.Events), len(s.m.Events))
	}
	for _, ev := range key.Events {
		if len(ev.Records) == 0 {
			t.Errorf("event %s has no records", ev.ID)
		}
		for _, rec := range ev.Records {
			ref, ok := s.byRec[rec.RecordID]
			if !ok {
				t.Fatalf("event %s: record %s is in no file", ev.ID, rec.RecordID)
			}
			if ref.f.name != rec.File || ref.f.kind.String() != rec.FileKind {
				t.Errorf("event %s: record %s is in %s, key says %s", ev.ID, rec.RecordID, ref.f.name, rec.File)
			}
			cols := figureColumns[ref.f.kind]
			for i, want := range []float64{rec.Quantity, rec.NetWeightKg, rec.ValueUSD} {
				if got := num(t, ref.f.get(ref.row, cols[i])); !near(got, want, 1e-9) {
					t.Errorf("event %s record %s %s = %v, key says %v", ev.ID, rec.RecordID, cols[i], got, want)
				}
			}
		}
	}
}

type sums struct {
	lots                  map[string]bool
	qty, net, value       float64
	firstMonth, lastMonth string
}

func sumRecords(recs []EventRecord, fileKind, group string) sums {
	s := sums{lots: map[string]bool{}, firstMonth: "9999", lastMonth: "0000"}
	for _, r := range recs {
		if r.FileKind != fileKind || group != "" && r.Group != group {
			continue
		}
		s.lots[r.DeclarationNo] = true
		s.qty += r.Quantity
		s.net += r.NetWeightKg
		s.value += r.ValueUSD
		s.firstMonth = min(s.firstMonth, r.Date[:7])
		s.lastMonth = max(s.lastMonth, r.Date[:7])
	}
	return s
}

// The records of every event add up to the event's expected figures, in the expected months.
func TestPlantedExpectations(t *testing.T) {
	s := loadFixture(t)
	for _, ev := range s.m.Events {
		if len(ev.Expected) == 0 {
			t.Errorf("event %s has no expected figures", ev.ID)
		}
		for _, x := range ev.Expected {
			got := sumRecords(ev.Records, x.FileKind, x.Group)
			if x.Lots != 0 && len(got.lots) != x.Lots {
				t.Errorf("%s / %s: %d declarations, want %d", ev.ID, x.What, len(got.lots), x.Lots)
			}
			for _, c := range []struct {
				name      string
				got, want float64
			}{{"quantity", got.qty, x.Quantity}, {"net weight", got.net, x.NetWeightKg}, {"value", got.value, x.ValueUSD}} {
				if c.want != 0 && !near(c.got, c.want, x.Tolerance) {
					t.Errorf("%s / %s: %s %v, want %v ±%.0f%%", ev.ID, x.What, c.name, c.got, c.want, 100*x.Tolerance)
				}
			}
			from, to, _ := strings.Cut(x.Months, "..")
			if to == "" {
				to = from
			}
			if got.firstMonth < from || got.lastMonth > to {
				t.Errorf("%s / %s: months %s..%s, want within %s", ev.ID, x.What, got.firstMonth, got.lastMonth, x.Months)
			}
		}
	}
}

func eventByID(t *testing.T, s *sampleData, id string) Event {
	t.Helper()
	for _, ev := range s.m.Events {
		if ev.ID == id {
			return ev
		}
	}
	t.Fatalf("no event %s", id)
	return Event{}
}

// The figures of the articles, written here independently of the key's own expectations.
func TestArticleFigures(t *testing.T) {
	s := loadFixture(t)
	rifles := eventByID(t, s, "norinco-cq-a-rifles")
	for _, k := range []string{"ru_import", "cn_export"} {
		if got := sumRecords(rifles.Records, k, ""); got.qty != 1000 || got.firstMonth != "2022-06" || got.lastMonth != "2022-06" {
			t.Errorf("NORINCO rifles in %s: %v units in %s..%s, want 1000 in June 2022", k, got.qty, got.firstMonth, got.lastMonth)
		}
	}
	for _, r := range rifles.Records {
		if !strings.HasPrefix(r.HSCode, "9303") {
			t.Errorf("rifle record %s declared under %s, want the civilian heading 9303", r.RecordID, r.HSCode)
		}
		if r.FileKind == "ru_import" {
			ref := s.byRec[r.RecordID]
			if d := ref.f.get(ref.row, "PRODUCT_DESCRIPTION"); !strings.Contains(d, "РУЖЬЯ ОХОТНИЧЬИ ГРАЖДАНСКИЕ") || !strings.Contains(d, "CQ-A") {
				t.Errorf("rifle description %q, want civilian hunting rifles and the CQ-A model", d)
			}
		}
	}

	dji := eventByID(t, s, "dji-parts-via-uae")
	got := sumRecords(dji.Records, "ru_import", "")
	if len(got.lots) != 12 || got.firstMonth != "2022-11" || got.lastMonth != "2022-12" {
		t.Errorf("DJI lots into Russia: %d in %s..%s, want 12 in November-December 2022", len(got.lots), got.firstMonth, got.lastMonth)
	}
	for _, r := range dji.Records {
		if r.FileKind != "ru_import" {
			continue
		}
		ref := s.byRec[r.RecordID]
		if c := supplierCountry(ref.f.get(ref.row, "SUPPLIER_ADDRESS")); c == nil || c.code != "AE" || r.Brand != "DJI" || r.Origin != "CN" {
			t.Errorf("DJI record %s: supplier country %v, brand %s, origin %s; want AE, DJI, CN", r.RecordID, c, r.Brand, r.Origin)
		}
	}

	armour := eventByID(t, s, "body-armour-december-2022")
	all, xinxing := sumRecords(armour.Records, "ru_import", ""), sumRecords(armour.Records, "ru_import", "xinxing")
	ariteks := sumRecords(armour.Records, "ru_import", "ariteks")
	if !near(all.net, 80_000, 0.1) || !near(all.value, 10e6, 0.1) || all.firstMonth != "2022-12" || all.lastMonth != "2022-12" {
		t.Errorf("armour into Russia: %.0f kg, $%.0f in %s..%s, want 80 t and $10M ±10%% in December 2022",
			all.net, all.value, all.firstMonth, all.lastMonth)
	}
	if !near(xinxing.net, 12_000, 0.1) {
		t.Errorf("Xinxing armour through Türkiye: %.0f kg, want 12 t ±10%%", xinxing.net)
	}
	if ariteks.net < all.net/2 {
		t.Errorf("Ariteks armour: %.0f of %.0f kg, want most of it", ariteks.net, all.net)
	}
	if trx := sumRecords(armour.Records, "tr_import", "xinxing"); !near(trx.net, 12_000, 0.1) {
		t.Errorf("Xinxing armour entering Türkiye: %.0f kg, want 12 t ±10%%", trx.net)
	}

	roe := eventByID(t, s, "rosoboronexport-imports")
	sources := map[string]bool{}
	for _, r := range roe.Records {
		if r.FileKind == "ru_import" {
			sources[r.Dispatch] = true
			if r.Date < "2022" {
				t.Errorf("Rosoboronexport record %s dated %s, want 2022 or later", r.RecordID, r.Date)
			}
		}
	}
	for _, c := range []string{"CN", "RS", "MM"} {
		if !sources[c] {
			t.Errorf("Rosoboronexport buys from %v, want %s among them", sources, c)
		}
	}
}

// Planted rows sit among ordinary rows in date order, not in a block at the end of a file.
func TestPlantedRowsInterleaved(t *testing.T) {
	s := loadFixture(t)
	for _, f := range s.filesOf(RUImport) {
		var planted, last int
		isPlanted := map[string]bool{}
		for _, ev := range s.m.Events {
			for _, r := range ev.Records {
				isPlanted[r.RecordID] = true
			}
		}
		prev := ""
		for i, r := range f.rows {
			if d := f.get(r, "IMP_DATE"); d < prev {
				t.Fatalf("%s row %d dated %s after %s, want date order", f.name, i, d, prev)
			} else {
				prev = d
			}
			if isPlanted[f.get(r, "RECORD_ID")] {
				planted++
				last = i
			}
		}
		if planted > 0 && last == len(f.rows)-1 && f.name != "ru_import_2023.csv" {
			t.Errorf("%s ends with a planted row, want planted rows among ordinary ones", f.name)
		}
	}
}

// The expectations hold for other seeds and sizes too: the planted figures do not depend on the draw.
func TestPlantedExpectationsAnySeed(t *testing.T) {
	for _, seed := range []uint64{1, 7, 99} {
		m, err := Generate(context.Background(), Config{Dir: t.TempDir(), Rows: MinRows + int64(seed)*1000, Seed: seed})
		if err != nil {
			t.Fatal(err)
		}
		for _, ev := range m.Events {
			for _, x := range ev.Expected {
				got := sumRecords(ev.Records, x.FileKind, x.Group)
				from, to, _ := strings.Cut(x.Months, "..")
				if to == "" {
					to = from
				}
				if x.Lots != 0 && len(got.lots) != x.Lots || got.firstMonth < from || got.lastMonth > to ||
					x.NetWeightKg != 0 && !near(got.net, x.NetWeightKg, x.Tolerance) ||
					x.ValueUSD != 0 && !near(got.value, x.ValueUSD, x.Tolerance) ||
					x.Quantity != 0 && !near(got.qty, x.Quantity, x.Tolerance) {
					t.Errorf("seed %d, %s / %s: %d lots, %v units, %.0f kg, $%.0f in %s..%s; want %+v",
						seed, ev.ID, x.What, len(got.lots), got.qty, got.net, got.value, got.firstMonth, got.lastMonth, x)
				}
			}
		}
	}
}
