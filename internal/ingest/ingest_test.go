package ingest_test

import (
	"bytes"
	"compress/gzip"
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"tradetrace/internal/duckdb"
	"tradetrace/internal/ingest"
	"tradetrace/internal/trade"
)

func openStore(t *testing.T) *duckdb.DB {
	t.Helper()
	st, err := duckdb.Open(context.Background(), filepath.Join(t.TempDir(), "t.duckdb"), duckdb.Config{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	return st
}

func ingestFile(t *testing.T, st *duckdb.DB, path string, opt ingest.Options) *ingest.Result {
	t.Helper()
	res, err := ingest.File(context.Background(), st, path, opt)
	if err != nil {
		t.Fatalf("ingest.File(%s) error: %v", path, err)
	}
	return res
}

func shipment(t *testing.T, st *duckdb.DB, recordID string) trade.Shipment {
	t.Helper()
	ss, err := st.ShipmentsByRecordID(context.Background(), recordID)
	if err != nil || len(ss) != 1 {
		t.Fatalf("ShipmentsByRecordID(%s) = %d shipments, %v; want 1", recordID, len(ss), err)
	}
	return ss[0]
}

// view keeps the fields a test compares.
type view struct {
	Date                                            string
	Dir, Reporter, Decl                             string
	Item                                            int
	Shipper, ShipperEn, ShipperC, ShipperID         string
	Consignee, ConsigneeEn, ConsigneeC, ConsigneeID string
	Origin, Dispatch, Dest, Trading                 string
	HS, HS6, Desc, Brand, Maker                     string
	Qty, Gross, Net, Value, USD                     string
	Unit, Currency                                  string
}

func viewOf(s trade.Shipment) view {
	return view{
		Date: s.Date.Format("2006-01-02"), Dir: s.Direction.String(), Reporter: string(s.Reporter), Decl: s.DeclarationNo, Item: s.ItemNo,
		Shipper: s.Shipper.Name, ShipperEn: s.Shipper.NameEn, ShipperC: string(s.Shipper.Country), ShipperID: s.Shipper.ID,
		Consignee: s.Consignee.Name, ConsigneeEn: s.Consignee.NameEn, ConsigneeC: string(s.Consignee.Country), ConsigneeID: s.Consignee.ID,
		Origin: string(s.Origin), Dispatch: string(s.Dispatch), Dest: string(s.Destination), Trading: string(s.Trading),
		HS: string(s.HS), HS6: string(s.HS6), Desc: s.Description, Brand: s.Brand, Maker: s.Manufacturer,
		Qty: s.Quantity.String(), Gross: s.GrossWeightKg.String(), Net: s.NetWeightKg.String(), Value: s.Value.String(), USD: s.ValueUSD.String(),
		Unit: s.Unit, Currency: s.Currency,
	}
}

func TestProfiles(t *testing.T) {
	tests := []struct {
		file           string
		profile        string
		read, accepted int64
		reasons        map[string]int64
		record         string
		want           view
	}{
		{
			file: "ru_import.csv", profile: "ru_import", read: 5, accepted: 2,
			reasons: map[string]int64{"bad_date": 1, "bad_hs_code": 1, "negative_number": 1},
			record:  "RU-1",
			want: view{Date: "2022-11-15", Dir: "import", Reporter: "RU", Decl: "10013160/151122/3012345", Item: 2,
				Shipper: "SKY HORIZON GENERAL TRADING LLC", ShipperC: "AE", Consignee: `ООО "АЭРОТЕХ"`, ConsigneeEn: "OOO AEROTEKH",
				ConsigneeC: "RU", ConsigneeID: "7701234567", Origin: "CN", Dispatch: "AE", Dest: "RU", HS: "8507600000", HS6: "850760",
				Desc: "АККУМУЛЯТОРЫ ЛИТИЙ-ИОННЫЕ ДЛЯ КВАДРОКОПТЕРОВ DJI MAVIC 3", Brand: "DJI", Maker: "SZ DJI TECHNOLOGY CO LTD",
				Qty: "120", Gross: "44.5", Net: "40.32", Value: "1098000.5", USD: "18000", Unit: "PCS", Currency: "RUB"},
		},
		{
			file: "ru_export.csv", profile: "ru_export", read: 1, accepted: 1, record: "RUX-1",
			want: view{Date: "2022-06-01", Dir: "export", Reporter: "RU", Decl: "10702070/010622/0001234", Item: 1,
				Shipper: `АО "РОСОБОРОНЭКСПОРТ"`, ShipperEn: "ROSOBORONEXPORT JSC", ShipperC: "RU", ShipperID: "7718852163",
				Consignee: `ТОО "АСТАНА ТРЕЙД"`, ConsigneeEn: "ASTANA TRADE LLP", ConsigneeC: "KZ", Dispatch: "RU", Dest: "KZ",
				HS: "8411820000", HS6: "841182", Desc: "ТУРБИНА ГАЗОВАЯ", Qty: "1", Gross: "1300", Net: "1250.5",
				Value: "57200000", USD: "1000000", Unit: "ШТ", Currency: "RUB"},
		},
		{
			file: "kz_import.csv", profile: "kz_import", read: 2, accepted: 1, reasons: map[string]int64{"missing_date": 1}, record: "KZ-1",
			want: view{Date: "2023-02-10", Dir: "import", Reporter: "KZ", Decl: "50508/100223/0012345",
				Shipper: "ШЕНЬЧЖЭНЬ ХУАСИНЬ", ShipperEn: "SHENZHEN HUAXIN ELECTRONICS CO LTD", ShipperC: "CN",
				Consignee: `ТОО "СТЕПЬ ЭЛЕКТРОНИКС"`, ConsigneeEn: "STEP ELECTRONICS LLP", ConsigneeC: "KZ", ConsigneeID: "150340012345",
				Origin: "US", Dispatch: "CN", Dest: "KZ", Trading: "HK", HS: "8542310001", HS6: "854231",
				Desc: "МИКРОСХЕМЫ ИНТЕГРАЛЬНЫЕ STM32F405RGT6", Brand: "STMICROELECTRONICS", Maker: "STMICROELECTRONICS",
				Qty: "5000", Gross: "12.5", Net: "10.25", Value: "9210000", USD: "20000", Unit: "ШТ", Currency: "KZT"},
		},
		{
			file: "tr_import.csv", profile: "tr_import", read: 1, accepted: 1, record: "TRI-1",
			want: view{Date: "2022-11-20", Dir: "import", Reporter: "TR", Decl: "22340100IM00123456", Item: 1,
				Shipper: "XINXING GUANGZHOU IMPORT & EXPORT CO LTD", Consignee: "ANKA SAVUNMA DIŞ TİCARET LTD. ŞTİ.",
				ConsigneeEn: "ANKA SAVUNMA DIS TICARET LTD STI", ConsigneeC: "TR", ConsigneeID: "0680012345", Origin: "CN", Dispatch: "CN", Dest: "TR",
				HS: "6307909800", HS6: "630790", Desc: "KURŞUN GEÇİRMEZ YELEK", Qty: "2000", Net: "12000", Value: "1500000", USD: "1500000",
				Unit: "ADET", Currency: "USD"},
		},
		{
			file: "tr_export.csv", profile: "tr_export", read: 1, accepted: 1, record: "TRE-1",
			want: view{Date: "2022-12-05", Dir: "export", Reporter: "TR", Decl: "22340100EX00234567", Item: 1,
				Shipper: "ANKA SAVUNMA DIŞ TİCARET LTD. ŞTİ.", ShipperEn: "ANKA SAVUNMA DIS TICARET LTD STI", ShipperC: "TR", ShipperID: "0680012345",
				Consignee: "OOO TEKHSNAB", ConsigneeC: "RU", Origin: "CN", Dispatch: "TR", Dest: "RU", HS: "6307909800", HS6: "630790",
				Desc: "KURŞUN GEÇİRMEZ YELEK", Qty: "2000", Net: "12000", Value: "31500000", USD: "1684491.9786096257", Unit: "ADET", Currency: "TRY"},
		},
		{
			file: "ua_import.csv", profile: "ua_import", read: 1, accepted: 1, record: "UA-1",
			want: view{Date: "2023-04-03", Dir: "import", Reporter: "UA", Decl: "UA209170/2023/94314", Item: 4,
				Shipper: "CERAMICS PARADYZ SP ZOO 26 300 OPPOSITE UL PIOTRKOWSKA 61 POLAND", Consignee: `ПП "ЛЕОПОЛІСБУД"`,
				ConsigneeEn: "PE LEOPOLISBUD", ConsigneeC: "UA", ConsigneeID: "12345678", Origin: "PL", Dispatch: "PL", Dest: "UA",
				HS: "6907219009", HS6: "690721", Desc: "ПЛИТКА КЕРАМІЧНА", Qty: "8.64", Gross: "210", Net: "200", Value: "36600", USD: "1000",
				Unit: "M2", Currency: "UAH"},
		},
		{
			file: "canonical.csv", profile: "canonical", read: 2, accepted: 1, reasons: map[string]int64{"bad_direction": 1}, record: "CN-1",
			want: view{Date: "2022-06-20", Dir: "export", Reporter: "CN", Decl: "5301202206200001",
				Shipper: "中国北方工业有限公司", ShipperC: "CN", ShipperID: "91110000100000956N", Consignee: "CLOSED JOINT STOCK COMPANY TEKHKRIM",
				ConsigneeC: "RU", Origin: "CN", Dispatch: "CN", Dest: "RU", HS: "930320", HS6: "930320", Desc: "民用猎枪 CQ-A 5.56",
				Brand: "NORINCO", Maker: "NORINCO", Qty: "1000", Gross: "4200", Net: "3500", Value: "650000", USD: "650000", Unit: "PCS", Currency: "USD"},
		},
		{
			file: "kg_broker.csv", profile: "kg_import_broker", read: 2, accepted: 1, reasons: map[string]int64{"bad_date": 1}, record: "KG-1",
			want: view{Date: "2022-09-05", Dir: "import", Reporter: "KG", Decl: "41709/050922/0004567",
				Shipper: "TEXAS INSTRUMENTS INC", Consignee: `ОсОО "ТЕХНОИМПОРТ"`, ConsigneeC: "KG", ConsigneeID: "01234567890123",
				Origin: "US", Dispatch: "DE", Dest: "KG", HS: "8542390000", HS6: "854239", Desc: "Микросхемы",
				Net: "125", Value: "1750000", USD: "20000.5", Currency: "KGS"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			st := openStore(t)
			opt := ingest.Options{}
			if tt.file == "kg_broker.csv" {
				opt.Mapping = filepath.Join("testdata", "kg_broker.yml")
			}
			res := ingestFile(t, st, filepath.Join("testdata", tt.file), opt)
			r := res.Run
			if r.Profile != tt.profile {
				t.Errorf("profile = %s, want %s", r.Profile, tt.profile)
			}
			if r.Read != tt.read || r.Accepted != tt.accepted || r.Accepted+r.Rejected != r.Read {
				t.Errorf("read/accepted/rejected = %d/%d/%d, want %d/%d/%d", r.Read, r.Accepted, r.Rejected, tt.read, tt.accepted, tt.read-tt.accepted)
			}
			wantReasons := tt.reasons
			if wantReasons == nil {
				wantReasons = map[string]int64{}
			}
			if diff := cmp.Diff(wantReasons, r.Reasons); diff != "" {
				t.Errorf("reasons (-want +got):\n%s", diff)
			}
			got := viewOf(shipment(t, st, tt.record))
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("shipment %s (-want +got):\n%s", tt.record, diff)
			}
			rej, err := st.Rejections(context.Background(), r.ID, 100)
			if err != nil || int64(len(rej)) != r.Rejected {
				t.Errorf("Rejections = %d rows, %v; want %d", len(rej), err, r.Rejected)
			}
			for _, x := range rej {
				if x.Row <= 0 || x.Reason == "" || x.Detail == "" || x.File == "" || len(x.Raw) == 0 {
					t.Errorf("rejected row %+v lacks its row, reason, detail, file or raw record", x)
				}
				if x.Reason != "missing_date" && x.Column == "" {
					t.Errorf("rejected row %d (%s) names no column", x.Row, x.Reason)
				}
			}
		})
	}
}

func TestRejectionNamesColumn(t *testing.T) {
	st := openStore(t)
	res := ingestFile(t, st, filepath.Join("testdata", "ru_import.csv"), ingest.Options{})
	rej, err := st.Rejections(context.Background(), res.Run.ID, 10)
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]string{}
	for _, r := range rej {
		got[r.Reason] = r.Column + "=" + r.Value
	}
	want := map[string]string{"bad_date": "IMP_DATE=31/02/2022", "bad_hs_code": "HS_CODE=69O7A19009", "negative_number": "NET_WEIGHT_KG=-5"}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("rejections (-want +got):\n%s", diff)
	}
}

func TestReingestAddsNothing(t *testing.T) {
	st := openStore(t)
	ctx := context.Background()
	path := filepath.Join("testdata", "ru_import.csv")
	first := ingestFile(t, st, path, ingest.Options{})
	n1, r1, _ := st.Counts(ctx)
	again := ingestFile(t, st, path, ingest.Options{})
	n2, r2, _ := st.Counts(ctx)
	if !again.Skipped || again.SameAs != int64(first.Run.ID) {
		t.Errorf("second ingest: Skipped = %v, SameAs = %d, want true, %d", again.Skipped, again.SameAs, first.Run.ID)
	}
	if n1 != n2 || r1 != r2 {
		t.Errorf("counts after a second ingest = %d/%d, want %d/%d", n2, r2, n1, r1)
	}

	// The same rows in another file (one row added) are rejected as duplicates; the new row is accepted.
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimRight(string(b), "\r\n"), "\r\n")
	extra := strings.Replace(lines[1], "RU-1", "RU-9", 1)
	other := filepath.Join(t.TempDir(), "ru_import_more.csv")
	if err := os.WriteFile(other, []byte(string(b)+extra+"\r\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	res := ingestFile(t, st, other, ingest.Options{})
	if res.Run.Accepted != 1 || res.Run.Reasons["duplicate"] != 2 || !res.Run.Adds() {
		t.Errorf("overlapping file: accepted %d, duplicates %d, adds %v; want 1, 2, true", res.Run.Accepted, res.Run.Reasons["duplicate"], res.Run.Adds())
	}
	n3, _, _ := st.Counts(ctx)
	if n3 != n1+1 {
		t.Errorf("shipments after the overlapping file = %d, want %d", n3, n1+1)
	}
}

func TestDuplicateRowsInOneFile(t *testing.T) {
	st := openStore(t)
	path := filepath.Join(t.TempDir(), "dup.csv")
	row := "X-1,2022-01-05,import,RU,,,,,,,,,,CN,CN,RU,850760,batteries,,,,,,,,,\n"
	content := strings.Split(layoutsCanonical, "\n")[0] + "\n" + row + row
	if err := os.WriteFile(path, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
	res := ingestFile(t, st, path, ingest.Options{})
	if res.Run.Read != 2 || res.Run.Accepted != 1 || res.Run.Reasons["duplicate"] != 1 {
		t.Errorf("read/accepted/duplicates = %d/%d/%d, want 2/1/1", res.Run.Read, res.Run.Accepted, res.Run.Reasons["duplicate"])
	}
}

const layoutsCanonical = "record_id,date,direction,reporter,declaration_no,shipper_name,shipper_address,shipper_country,shipper_id,consignee_name,consignee_address,consignee_country,consignee_id,origin_country,dispatch_country,destination_country,hs_code,description,brand,manufacturer,quantity,unit,gross_weight_kg,net_weight_kg,value,currency,value_usd"

func TestRawRow(t *testing.T) {
	st := openStore(t)
	ingestFile(t, st, filepath.Join("testdata", "ua_import.csv"), ingest.Options{})
	s := shipment(t, st, "UA-1")
	raw, err := st.Raw(context.Background(), s.ID)
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]string{}
	for _, kv := range raw {
		got[kv[0]] = kv[1]
	}
	for k, want := range map[string]string{"QUANTITY": "8.640000000000001", "NO_VMD": "UA209170/2023/94314", "IMPORTER_NAME": `ПП "ЛЕОПОЛІСБУД"`, "BROKER_CODE": "NULL"} {
		if got[k] != want {
			t.Errorf("raw[%s] = %q, want %q", k, got[k], want)
		}
	}
	if s.Prov.Row != 1 || s.Prov.File == "" {
		t.Errorf("provenance = %+v, want row 1 and a file", s.Prov)
	}
}

// failingStore wraps a store so that its loader fails after some rows, as a crash or a full disk would.
type failingStore struct {
	*duckdb.DB
	after int
}

func (f failingStore) BeginRun(ctx context.Context, run *trade.Run, header []string) (ingest.Loader, error) {
	l, err := f.DB.BeginRun(ctx, run, header)
	if err != nil {
		return nil, err
	}
	return &failingLoader{Loader: l, left: f.after}, nil
}

type failingLoader struct {
	ingest.Loader
	left int
}

var errDiskFull = errors.New("no space left on device")

func (l *failingLoader) Add(s *trade.Shipment, raw []string) error {
	if l.left == 0 {
		return errDiskFull
	}
	l.left--
	return l.Loader.Add(s, raw)
}

func TestFailedRunLeavesNothing(t *testing.T) {
	st := openStore(t)
	ctx := context.Background()
	_, err := ingest.File(ctx, failingStore{DB: st, after: 1}, filepath.Join("testdata", "ru_import.csv"), ingest.Options{})
	if !errors.Is(err, errDiskFull) {
		t.Fatalf("ingest with a failing loader: error = %v, want %v", err, errDiskFull)
	}
	n, r, err := st.Counts(ctx)
	if err != nil || n != 0 || r != 0 {
		t.Errorf("counts after a failed run = %d shipments, %d rejected, %v; want 0, 0", n, r, err)
	}
	runs, err := st.Runs(ctx, 10)
	if err != nil || len(runs) != 1 || runs[0].Status != trade.RunFailed || !strings.Contains(runs[0].Error, "no space") {
		t.Errorf("runs after a failed run = %+v, %v; want one failed run naming the cause", runs, err)
	}
	// The failed run does not count as having ingested the file.
	res := ingestFile(t, st, filepath.Join("testdata", "ru_import.csv"), ingest.Options{})
	if res.Skipped || res.Run.Accepted != 2 {
		t.Errorf("re-ingest after a failure: Skipped = %v, accepted %d; want false, 2", res.Skipped, res.Run.Accepted)
	}
}

// TestFormats ingests the same canonical rows as JSON lines and gzip-compressed CSV.
func TestFormats(t *testing.T) {
	dir := t.TempDir()
	jsonl := filepath.Join(dir, "rows.jsonl")
	content := `{"record_id":"J-1","date":"2022-12-01","direction":"import","reporter":"RU","consignee_name":"OOO TEKHSNAB","hs_code":"6307909800","description":"бронежилет","net_weight_kg":12.5,"value_usd":"1 000,5"}
{"record_id":"J-2","date":"2022-12-02","direction":"import","reporter":"RU","hs_code":"ABC"}
`
	if err := os.WriteFile(jsonl, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
	gz := filepath.Join(dir, "rows.csv.gz")
	var buf bytes.Buffer
	zw := gzip.NewWriter(&buf)
	zw.Write([]byte(layoutsCanonical + "\nG-1,2022-12-03,import,RU,,,,,,OOO TEKHSNAB,,,,CN,TR,RU,6307909800,vest,,,,,,3,,,\n"))
	zw.Close()
	if err := os.WriteFile(gz, buf.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		path, format, record string
		read, accepted       int64
	}{
		{jsonl, "jsonl", "J-1", 2, 1},
		{gz, "csv", "G-1", 1, 1},
	}
	for _, tt := range tests {
		st := openStore(t)
		res := ingestFile(t, st, tt.path, ingest.Options{Profile: "canonical"})
		if res.Run.Format != tt.format || res.Run.Read != tt.read || res.Run.Accepted != tt.accepted {
			t.Errorf("%s: format %s, read %d, accepted %d; want %s, %d, %d", tt.path, res.Run.Format, res.Run.Read, res.Run.Accepted, tt.format, tt.read, tt.accepted)
		}
		s := shipment(t, st, tt.record)
		if s.Consignee.Name != "OOO TEKHSNAB" || s.HS6 != "630790" || s.Date.IsZero() {
			t.Errorf("%s: shipment %s = %+v", tt.path, tt.record, viewOf(s))
		}
	}
}
