package storetest

import (
	"cmp"
	"context"
	"errors"
	"slices"
	"strings"
	"testing"

	gocmp "github.com/google/go-cmp/cmp"

	"tradetrace/internal/cases"
	"tradetrace/internal/duckdb"
	"tradetrace/internal/party"
	"tradetrace/internal/trade"
)

// PartiesStore is what the parties contract needs of a store: the core store, party resolution's reads and
// writes, screening's, the listed-party detector's, and the cases' input.
type PartiesStore interface {
	Store
	PartyVariants(ctx context.Context) ([]party.Variant, error)
	ReplaceParties(ctx context.Context, r *party.Result) error
	Party(ctx context.Context, id int64) (duckdb.StoredParty, error)
	PartyVariantsOf(ctx context.Context, id int64) ([]duckdb.VariantLines, error)
	Parties(ctx context.Context, f duckdb.PartyFilter) ([]duckdb.StoredParty, error)
	PartyIDsForShipments(ctx context.Context, ids []trade.ShipmentID) ([]duckdb.ShipmentParty, error)
	PartyShipments(ctx context.Context, id int64, role string, limit int) ([]trade.ShipmentID, error)
	PartiesKey(ctx context.Context) (string, error)
	DistinctPartyNames(ctx context.Context, fn func(*duckdb.PartyName) error) error
	PartyLines(ctx context.Context, role string, names []string) ([]duckdb.PartyLine, error)
	PartiesToScreen(ctx context.Context, fn func(*duckdb.ScreenParty) error) error
	SetPartyMatches(ctx context.Context, ms []duckdb.PartyMatches) error
	CaseInputs(ctx context.Context) ([]cases.Input, error)
	SetTriage(ctx context.Context, dec cases.Decision) (cases.Decision, error)
}

// RunParties runs the parties contract on stores that open makes: each call must give a new, empty store,
// closed by the test's cleanup. The fixtures are testdata/parties_shipments.csv (the synthetic companies of
// internal/party/testdata: one Russian importer written five ways, Chinese, Turkish and Emirati exporters
// with and without identifiers) and testdata/parties_more.csv (two later lines of the importer at a new
// address).
func RunParties(t *testing.T, open func(t *testing.T) PartiesStore) {
	t.Run("Variants", func(t *testing.T) { testPartyVariants(t, open(t)) })
	t.Run("Resolve", func(t *testing.T) { testResolveParties(t, open(t)) })
	t.Run("Names", func(t *testing.T) { testPartyNames(t, open(t)) })
	t.Run("Screening", func(t *testing.T) { testPartyScreening(t, open(t)) })
	t.Run("CaseInputs", func(t *testing.T) { testCaseInputs(t, open(t)) })
	t.Run("Empty", func(t *testing.T) { testPartiesEmpty(t, open(t)) })
}

// resolveParties resolves the store's variants as `tradetrace parties resolve` does and stores the result.
func resolveParties(t *testing.T, st PartiesStore) *party.Result {
	t.Helper()
	ctx := context.Background()
	vs, err := st.PartyVariants(ctx)
	if err != nil {
		t.Fatalf("PartyVariants: %v", err)
	}
	r, err := party.Resolve(ctx, vs, party.Options{Workers: 2})
	if err != nil {
		t.Fatalf("party.Resolve: %v", err)
	}
	if err := st.ReplaceParties(ctx, r); err != nil {
		t.Fatalf("ReplaceParties: %v", err)
	}
	return r
}

// shipmentIDOf returns the store id of the one shipment with a source record id.
func shipmentIDOf(t *testing.T, st PartiesStore, rec string) trade.ShipmentID {
	t.Helper()
	ss, err := st.ShipmentsByRecordID(context.Background(), rec)
	if err != nil || len(ss) != 1 {
		t.Fatalf("ShipmentsByRecordID(%s) = %d shipments, %v; want one", rec, len(ss), err)
	}
	return ss[0].ID
}

func findVariant(vs []party.Variant, name, ctry, id string) *party.Variant {
	for i := range vs {
		if vs[i].Name == name && vs[i].Country == ctry && vs[i].ID == id {
			return &vs[i]
		}
	}
	return nil
}

func testPartyVariants(t *testing.T, st PartiesStore) {
	ctx := context.Background()
	ingestFile(t, st, fixture(t, "parties_shipments.csv"))
	vs, err := st.PartyVariants(ctx)
	if err != nil {
		t.Fatal(err)
	}
	// 10 ways of writing a shipper, 12 of writing a consignee: no name is in both roles
	if len(vs) != 22 {
		t.Errorf("PartyVariants = %d variants, want 22", len(vs))
	}
	optics := findVariant(vs, "SHENZHEN SHENHAI OPTICS CO., LTD.", "CN", "91440300MA5YYYYY2B")
	want := party.Variant{Name: "SHENZHEN SHENHAI OPTICS CO., LTD.", Country: "CN", ID: "91440300MA5YYYYY2B",
		Address: "NO. 88 BAOAN ROAD, SHENZHEN, CHINA", ShipperLines: 2, ValueUSD: 3300, WeightKg: 28,
		First: day("2022-04-02"), Last: day("2022-07-02")}
	if optics == nil {
		t.Fatalf("PartyVariants has no SHENZHEN SHENHAI OPTICS CO., LTD.: %+v", vs)
	}
	if diff := gocmp.Diff(want, *optics); diff != "" {
		t.Errorf("PartyVariants: the optics exporter (-want +got):\n%s", diff)
	}
	kosmos := findVariant(vs, `ООО "КОСМОТЕХ"`, "RU", "7701234561")
	if kosmos == nil || kosmos.ConsigneeLines != 1 || kosmos.ShipperLines != 0 || kosmos.Address != "101000, Г. МОСКВА, УЛ. МИРА, Д. 5" {
		t.Errorf("PartyVariants: the importer with its INN = %+v, want one consignee line at its Moscow address", kosmos)
	}
	// two later lines at a new address: the most frequent address wins
	ingestFile(t, st, fixture(t, "parties_more.csv"))
	if vs, err = st.PartyVariants(ctx); err != nil {
		t.Fatal(err)
	}
	kosmos = findVariant(vs, `ООО "КОСМОТЕХ"`, "RU", "7701234561")
	want = party.Variant{Name: `ООО "КОСМОТЕХ"`, Country: "RU", ID: "7701234561", Address: "101000, Г. МОСКВА, УЛ. МИРА, Д. 5, СТР. 2",
		ConsigneeLines: 3, ValueUSD: 14500, WeightKg: 47, First: day("2022-05-01"), Last: day("2022-08-15")}
	if kosmos == nil {
		t.Fatal("PartyVariants lost the importer with its INN")
	}
	if diff := gocmp.Diff(want, *kosmos); diff != "" {
		t.Errorf("PartyVariants: the importer after a second run (-want +got):\n%s", diff)
	}
}

func testResolveParties(t *testing.T, st PartiesStore) {
	ctx := context.Background()
	ingestFile(t, st, fixture(t, "parties_shipments.csv"))
	if key, err := st.PartiesKey(ctx); err != nil || key != "parties:0/0/0" {
		t.Errorf("PartiesKey before resolution = %q, %v; want parties:0/0/0", key, err)
	}
	r := resolveParties(t, st)
	if len(r.Parties) != 12 {
		t.Fatalf("party.Resolve made %d parties of the fixture, want 12", len(r.Parties))
	}
	id := func(rec string) trade.ShipmentID { return shipmentIDOf(t, st, rec) }
	sps, err := st.PartyIDsForShipments(ctx, []trade.ShipmentID{id("T0005"), id("T0001"), id("T0003")})
	if err != nil {
		t.Fatal(err)
	}
	if len(sps) != 6 {
		t.Fatalf("PartyIDsForShipments = %d rows, want 6: %+v", len(sps), sps)
	}
	if !slices.IsSortedFunc(sps, func(a, b duckdb.ShipmentParty) int {
		return cmp.Or(cmp.Compare(a.ShipmentID, b.ShipmentID), strings.Compare(a.Role, b.Role))
	}) {
		t.Errorf("PartyIDsForShipments = %+v, want them by shipment id and role", sps)
	}
	role := map[trade.ShipmentID]map[string]int64{}
	for _, sp := range sps {
		if role[sp.ShipmentID] == nil {
			role[sp.ShipmentID] = map[string]int64{}
		}
		role[sp.ShipmentID][sp.Role] = sp.PartyID
	}
	kosmos := role[id("T0005")]["consignee"]
	// the importer written with its INN, in Cyrillic without it, transliterated, and in English is one party
	for _, rec := range []string{"T0001", "T0003"} {
		if got := role[id(rec)]["consignee"]; got != kosmos {
			t.Errorf("%s consignee is party %d, want %d (the INN's party)", rec, got, kosmos)
		}
	}
	p, err := st.Party(ctx, kosmos)
	if err != nil {
		t.Fatal(err)
	}
	wantVariants := []duckdb.VariantLines{
		{Name: "KOSMOTECH LLC", Country: "RU", Lines: 1}, {Name: "OOO KOSMOTEKH", Country: "RU", Lines: 1},
		{Name: `ООО "КОСМОТЕХ"`, Country: "RU", Lines: 1}, {Name: `ООО "КОСМОТЕХ"`, Country: "RU", ID: "7701234561", Lines: 1}}
	if p.Name != `ООО "КОСМОТЕХ"` || p.Country != "RU" || !slices.Equal(p.Identifiers, []string{"7701234561"}) ||
		p.Lines != 4 || !gocmp.Equal(p.Roles, map[string]int64{"consignee": 4}) || p.ValueUSD != 24000 || p.WeightKg != 69 || p.NameEn != "KOSMOTECH LLC" ||
		!p.First.Equal(day("2022-03-01")) || !p.Last.Equal(day("2022-05-01")) || string(p.Matches) != "[]" || p.Risk != 0 ||
		!strings.Contains(" "+p.Search+" ", " kosmotekh ") {
		t.Errorf("Party(%d) = %+v", kosmos, p)
	}
	if diff := gocmp.Diff(wantVariants, p.Variants); diff != "" {
		t.Errorf("Party(%d).Variants (-want +got):\n%s", kosmos, diff)
	}
	if vs, err := st.PartyVariantsOf(ctx, kosmos); err != nil || !gocmp.Equal(vs, p.Variants) {
		t.Errorf("PartyVariantsOf(%d) = %+v, %v; want the party's variants", kosmos, vs, err)
	}
	if _, err := st.Party(ctx, 1); !errors.Is(err, duckdb.ErrNoParty) {
		t.Errorf("Party(1) = %v, want ErrNoParty", err)
	}
	if _, err := st.PartyVariantsOf(ctx, 1); !errors.Is(err, duckdb.ErrNoParty) {
		t.Errorf("PartyVariantsOf(1) = %v, want ErrNoParty", err)
	}

	all, err := st.Parties(ctx, duckdb.PartyFilter{})
	if err != nil {
		t.Fatal(err)
	}
	if len(all) != 12 || !slices.IsSortedFunc(all, func(a, b duckdb.StoredParty) int {
		return cmp.Or(cmp.Compare(b.Lines, a.Lines), cmp.Compare(a.ID, b.ID))
	}) {
		t.Fatalf("Parties() = %d parties, want the 12 by lines, then id", len(all))
	}
	var lines int64
	for _, p := range all {
		lines += p.Lines
	}
	if lines != 24 {
		t.Errorf("the parties add up to %d lines, want 24 (12 shipments, two roles)", lines)
	}
	ids := func(ps []duckdb.StoredParty) []int64 {
		out := []int64{}
		for _, p := range ps {
			out = append(out, p.ID)
		}
		return out
	}
	byValue := slices.Clone(all)
	slices.SortStableFunc(byValue, func(a, b duckdb.StoredParty) int {
		return cmp.Or(cmp.Compare(b.ValueUSD, a.ValueUSD), cmp.Compare(a.ID, b.ID))
	})
	for _, c := range []struct {
		name string
		f    duckdb.PartyFilter
		want []int64
	}{
		{"by value", duckdb.PartyFilter{Order: duckdb.ByValue}, ids(byValue)},
		{"by value, limit 1", duckdb.PartyFilter{Order: duckdb.ByValue, Limit: 1}, []int64{kosmos}},
		{"page 3 of 5", duckdb.PartyFilter{Limit: 5, Offset: 10}, ids(all[10:])},
		{"page 2 of 5", duckdb.PartyFilter{Limit: 5, Offset: 5}, ids(all[5:10])},
		{"offset alone", duckdb.PartyFilter{Offset: 9}, ids(all[9:])},
		{"by risk, none screened", duckdb.PartyFilter{Order: duckdb.ByRisk}, ids(all)},
		{"words", duckdb.PartyFilter{Query: party.SearchWords("КОСМОТЕХ ГРУПП")}, nil},
		{"an identifier", duckdb.PartyFilter{Query: party.SearchWords("7701234561")}, []int64{kosmos}},
		{"no such word", duckdb.PartyFilter{Query: "zzzz"}, []int64{}},
	} {
		got, err := st.Parties(ctx, c.f)
		if err != nil {
			t.Errorf("Parties(%s): %v", c.name, err)
			continue
		}
		if c.want == nil { // the other firm of that name: one party, not the importer
			if len(got) != 1 || got[0].ID == kosmos || got[0].Name != "OOO KOSMOTEKH GRUPP" {
				t.Errorf("Parties(%s) = %v, want the one party OOO KOSMOTEKH GRUPP", c.name, ids(got))
			}
			continue
		}
		if diff := gocmp.Diff(c.want, ids(got)); diff != "" {
			t.Errorf("Parties(%s) ids (-want +got):\n%s", c.name, diff)
		}
	}
	both, err := st.Parties(ctx, duckdb.PartyFilter{Query: party.SearchWords("КОСМОТЕХ")})
	if err != nil || len(both) != 2 {
		t.Errorf("Parties(КОСМОТЕХ) = %d parties, %v; want 2 (the importer and the other firm of that name)", len(both), err)
	}

	ship, err := st.PartyShipments(ctx, kosmos, "", 0)
	if err != nil {
		t.Fatal(err)
	}
	want := []trade.ShipmentID{id("T0005"), id("T0003"), id("T0002"), id("T0001")}
	slices.SortFunc(want, func(a, b trade.ShipmentID) int { return cmp.Compare(b, a) })
	if diff := gocmp.Diff(want, ship); diff != "" {
		t.Errorf("PartyShipments(importer) (-want +got):\n%s", diff)
	}
	if got, err := st.PartyShipments(ctx, kosmos, "consignee", 2); err != nil || !slices.Equal(got, want[:2]) {
		t.Errorf("PartyShipments(importer, consignee, 2) = %v, %v; want %v", got, err, want[:2])
	}
	if got, err := st.PartyShipments(ctx, kosmos, "shipper", 0); err != nil || len(got) != 0 {
		t.Errorf("PartyShipments(importer, shipper) = %v, %v; want none", got, err)
	}
	key, err := st.PartiesKey(ctx)
	if err != nil {
		t.Fatal(err)
	}
	maxID := slices.Max(ids(all))
	if wantKey := "parties:12/" + itoa(maxID) + "/24"; key != wantKey {
		t.Errorf("PartiesKey = %q, want %q", key, wantKey)
	}

	// a second run and a rebuild: the same ids, the new lines linked, the key changed
	ingestFile(t, st, fixture(t, "parties_more.csv"))
	if k, err := st.PartiesKey(ctx); err != nil || k != key {
		t.Errorf("PartiesKey after an ingest, before resolving = %q, %v; want %q (the parties are as they were)", k, err, key)
	}
	resolveParties(t, st)
	if p, err = st.Party(ctx, kosmos); err != nil {
		t.Fatal(err)
	}
	if p.Lines != 6 || p.ValueUSD != 31500 || !p.Last.Equal(day("2022-08-15")) || p.Addresses[0] != "101000, Г. МОСКВА, УЛ. МИРА, Д. 5, СТР. 2" {
		t.Errorf("Party(%d) after a second run = %d lines, $%v, last %v, addresses %q; want 6 lines, $31500, last 2022-08-15, the new address first",
			kosmos, p.Lines, p.ValueUSD, p.Last, p.Addresses)
	}
	if got, err := st.PartyShipments(ctx, kosmos, "", 0); err != nil || len(got) != 6 || got[0] != id("T0014") {
		t.Errorf("PartyShipments(importer) after a second run = %v, %v; want 6, T0014's first", got, err)
	}
	if k, err := st.PartiesKey(ctx); err != nil || k != "parties:12/"+itoa(maxID)+"/28" {
		t.Errorf("PartiesKey after a rebuild = %q, %v; want parties:12/%d/28", k, err, maxID)
	}
}

func testPartyNames(t *testing.T, st PartiesStore) {
	ctx := context.Background()
	ingestFile(t, st, fixture(t, "parties_shipments.csv"))
	var got []string
	err := st.DistinctPartyNames(ctx, func(p *duckdb.PartyName) error {
		got = append(got, p.Role+"|"+p.Name+"|"+p.NameEn+"|"+p.Country+"|"+p.ID+"|"+itoa(p.Lines))
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	slices.Sort(got)
	want := []string{
		"brand|SH||||4", "brand|SO||||2",
		"consignee|KOSMOTECH LLC||RU||1", "consignee|KVANT LINE LLC||RU||1", "consignee|OOO KOSMOTEKH GRUPP||RU||1",
		"consignee|OOO KOSMOTEKH||RU||1", "consignee|OOO KVANT LAYN||RU||1", `consignee|ООО "АЛЬФА-СНАБ"||RU|6606789016|1`,
		`consignee|ООО "АЛЬФАСНАБ"||RU|5405678905|1`, `consignee|ООО "АЛЬФАСНАБ"||RU|7704567894|1`, `consignee|ООО "КВАНТ ЛАЙН"||RU||1`,
		`consignee|ООО "КОСМОТЕХ"||RU|7701234561|1`, `consignee|ООО "КОСМОТЕХ"||RU||1`, `consignee|ТОО "АЛЬФАСНАБ"||KZ||1`,
		"manufacturer|SH||||4", "manufacturer|SO||||2",
		"shipper|GOLDEN BRIDGE GENERAL TRADING L.L.C||AE|100555666777888|1", "shipper|SHENHAI OPTOELECTRONICS (SHENZHEN) CO. LTD.||CN||1",
		"shipper|SHENZHEN SHENHAI OPTICS CO., LTD.||CN|91440300MA5YYYYY2B|2", "shipper|SHENZHEN SHENHAI OPTOELECTRONICS CO LTD||CN||1",
		"shipper|SHENZHEN SHENHAI OPTOELECTRONICS CO., LTD.||CN|91440300MA5XXXXX1A|1", "shipper|SILVER FALCON GEN TRDG LLC||AE|100111222333444|1",
		"shipper|SILVER FALCON GENERAL TRADING L.L.C||AE|100111222333444|1", "shipper|YILDIZ TEKSTIL SAN VE TIC LTD STI||TR||2",
		"shipper|YILDIZ TEKSTİL SAN. VE TİC. LTD. ŞTİ.||TR|1234567890|1", "shipper|深圳市深海光电有限公司||CN|91440300MA5XXXXX1A|1",
	}
	if diff := gocmp.Diff(want, got); diff != "" {
		t.Errorf("DistinctPartyNames (-want +got):\n%s", diff)
	}
	id := func(rec string) trade.ShipmentID { return shipmentIDOf(t, st, rec) }
	for _, c := range []struct {
		role  string
		names []string
		want  []duckdb.PartyLine
	}{
		{"consignee", []string{`ООО "АЛЬФАСНАБ"`, "KVANT LINE LLC", "", "nobody"}, []duckdb.PartyLine{
			{ID: id("T0006"), Name: `ООО "АЛЬФАСНАБ"`, Country: "RU", PartyID: "7704567894"},
			{ID: id("T0007"), Name: `ООО "АЛЬФАСНАБ"`, Country: "RU", PartyID: "5405678905"},
			{ID: id("T0009"), Name: "KVANT LINE LLC", Country: "RU"}}},
		{"shipper", []string{"SHENZHEN SHENHAI OPTICS CO., LTD."}, []duckdb.PartyLine{
			{ID: id("T0004"), Name: "SHENZHEN SHENHAI OPTICS CO., LTD.", Country: "CN", PartyID: "91440300MA5YYYYY2B"},
			{ID: id("T0012"), Name: "SHENZHEN SHENHAI OPTICS CO., LTD.", Country: "CN", PartyID: "91440300MA5YYYYY2B"}}},
		{"brand", []string{"SO"}, []duckdb.PartyLine{{ID: id("T0004"), Name: "SO"}, {ID: id("T0012"), Name: "SO"}}},
		{"manufacturer", []string{"NOBODY"}, nil},
		{"consignee", nil, nil},
	} {
		got, err := st.PartyLines(ctx, c.role, c.names)
		if err != nil {
			t.Errorf("PartyLines(%s, %q): %v", c.role, c.names, err)
			continue
		}
		if diff := gocmp.Diff(c.want, got); diff != "" {
			t.Errorf("PartyLines(%s, %q) (-want +got):\n%s", c.role, c.names, diff)
		}
	}
	if _, err := st.PartyLines(ctx, "shipper_name; DROP TABLE shipments", []string{"x"}); err == nil {
		t.Errorf("PartyLines(bad role) succeeded, want an error")
	}
}

func testPartyScreening(t *testing.T, st PartiesStore) {
	ctx := context.Background()
	ingestFile(t, st, fixture(t, "parties_shipments.csv"))
	var before []duckdb.ScreenParty
	if err := st.PartiesToScreen(ctx, func(p *duckdb.ScreenParty) error { before = append(before, *p); return nil }); err != nil || len(before) != 0 {
		t.Errorf("PartiesToScreen before resolution = %d parties, %v; want none", len(before), err)
	}
	if err := st.SetPartyMatches(ctx, []duckdb.PartyMatches{{ID: 7, Matches: "[]", Risk: 1}}); err != nil {
		t.Errorf("SetPartyMatches before resolution: %v", err)
	}
	resolveParties(t, st)
	var ps []duckdb.ScreenParty
	if err := st.PartiesToScreen(ctx, func(p *duckdb.ScreenParty) error { ps = append(ps, *p); return nil }); err != nil {
		t.Fatal(err)
	}
	if len(ps) != 12 || !slices.IsSortedFunc(ps, func(a, b duckdb.ScreenParty) int { return cmp.Compare(a.ID, b.ID) }) {
		t.Fatalf("PartiesToScreen = %d parties, want the 12 by id", len(ps))
	}
	kosmos := shipmentParty(t, st, "T0005", "consignee")
	yildiz := shipmentParty(t, st, "T0005", "shipper")
	var k *duckdb.ScreenParty
	for i := range ps {
		if ps[i].ID == kosmos {
			k = &ps[i]
		}
	}
	want := duckdb.ScreenParty{ID: kosmos, Names: []string{`ООО "КОСМОТЕХ"`, "KOSMOTECH LLC", "OOO KOSMOTEKH"},
		Countries: []string{"RU"}, Identifiers: []string{"7701234561"}}
	if k == nil {
		t.Fatalf("PartiesToScreen has no party %d", kosmos)
	}
	if diff := gocmp.Diff(want, *k); diff != "" {
		t.Errorf("PartiesToScreen: the importer (-want +got):\n%s", diff)
	}

	// matches are versions: the latest wins, parties not given keep theirs, unknown ids change nothing
	sets := [][]duckdb.PartyMatches{
		{{ID: kosmos, Matches: `[{"list":"ofac_sdn","score":0.8}]`, Risk: 0.8}, {ID: yildiz, Matches: `[{"list":"eu_fsf"}]`, Risk: 0.4}},
		{{ID: kosmos, Matches: `[{"list":"ofac_sdn","score":0.95}]`, Risk: 0.95}, {ID: 12345, Matches: `[]`, Risk: 1}},
		nil,
	}
	for _, ms := range sets {
		if err := st.SetPartyMatches(ctx, ms); err != nil {
			t.Fatal(err)
		}
	}
	for _, c := range []struct {
		id      int64
		matches string
		risk    float64
	}{{kosmos, `[{"list":"ofac_sdn","score":0.95}]`, 0.95}, {yildiz, `[{"list":"eu_fsf"}]`, 0.4}} {
		p, err := st.Party(ctx, c.id)
		if err != nil || string(p.Matches) != c.matches || p.Risk != c.risk {
			t.Errorf("Party(%d) after screening = matches %s, risk %v, %v; want %s, %v", c.id, p.Matches, p.Risk, err, c.matches, c.risk)
		}
	}
	byRisk, err := st.Parties(ctx, duckdb.PartyFilter{Order: duckdb.ByRisk, Limit: 3})
	if err != nil || len(byRisk) != 3 || byRisk[0].ID != kosmos || byRisk[1].ID != yildiz || byRisk[2].Risk != 0 || string(byRisk[2].Matches) != "[]" {
		t.Errorf("Parties(by risk, 3) = %+v, %v; want the importer, the Turkish exporter, then an unscreened party", byRisk, err)
	}
	if _, err := st.Party(ctx, 12345); !errors.Is(err, duckdb.ErrNoParty) {
		t.Errorf("Party(12345) after matches for it = %v, want ErrNoParty: matches make no party", err)
	}
	// a rebuild starts without matches, as resolution rewrites every party
	resolveParties(t, st)
	if p, err := st.Party(ctx, kosmos); err != nil || p.Risk != 0 || string(p.Matches) != "[]" {
		t.Errorf("Party(%d) after a rebuild = matches %s, risk %v, %v; want [] and 0", kosmos, p.Matches, p.Risk, err)
	}
}

// shipmentParty returns the party in a role on the shipment with a record id.
func shipmentParty(t *testing.T, st PartiesStore, rec, role string) int64 {
	t.Helper()
	sps, err := st.PartyIDsForShipments(context.Background(), []trade.ShipmentID{shipmentIDOf(t, st, rec)})
	if err != nil {
		t.Fatal(err)
	}
	for _, sp := range sps {
		if sp.Role == role {
			return sp.PartyID
		}
	}
	t.Fatalf("%s has no %s party: %+v", rec, role, sps)
	return 0
}

func testCaseInputs(t *testing.T, st PartiesStore) {
	ctx := context.Background()
	ingestFile(t, st, fixture(t, "parties_shipments.csv"))
	id := func(rec string) trade.ShipmentID { return shipmentIDOf(t, st, rec) }
	fs := []trade.Finding{
		{Key: "t:emirates", Score: 0.9, Severity: trade.SeverityHigh, Title: "via the Emirates",
			ShipmentIDs: []trade.ShipmentID{id("T0008"), id("T0009"), id("T0010")}, Shipments: []string{"T0008", "T0009", "T0010"}},
		{Key: "t:turkey", Score: 0.5, Severity: trade.SeverityMedium, Title: "jackets",
			ShipmentIDs: []trade.ShipmentID{id("T0005"), id("T0005")}, Shipments: []string{"T0005"}},
		{Key: "t:none", Score: 0.1, Severity: trade.SeverityLow, Title: "no lines"},
	}
	if err := st.ReplaceFindings(ctx, "test", "1", slices.Clone(fs)); err != nil {
		t.Fatal(err)
	}
	emirates := cases.Input{First: day("2022-06-01"), Last: day("2022-06-03"), Reporters: []string{"AE export"},
		Routes: []cases.Route{{Origin: "CN", Dispatch: "AE", Destination: "KZ"}, {Origin: "CN", Dispatch: "AE", Destination: "RU"}}}
	turkey := cases.Input{First: day("2022-05-01"), Last: day("2022-05-01"), Reporters: []string{"TR export"},
		Routes: []cases.Route{{Origin: "TR", Dispatch: "TR", Destination: "RU"}}}
	check := func(when string, emiratesParties, turkeyParties []cases.PartyLink, status cases.Status) {
		t.Helper()
		in, err := st.CaseInputs(ctx)
		if err != nil {
			t.Fatalf("CaseInputs %s: %v", when, err)
		}
		if len(in) != 3 {
			t.Fatalf("CaseInputs %s = %d inputs, want one per finding (3)", when, len(in))
		}
		got := map[string]cases.Input{}
		for _, x := range in {
			slices.Sort(x.Reporters) // the DuckDB store gives them in no order
			slices.SortFunc(x.Routes, func(a, b cases.Route) int {
				return cmp.Or(cmp.Compare(a.Origin, b.Origin), cmp.Compare(a.Dispatch, b.Dispatch), cmp.Compare(a.Destination, b.Destination))
			})
			if x.Finding.Title == "" || x.Finding.Score == 0 {
				t.Errorf("CaseInputs %s: finding %s without its fields: %+v", when, x.Finding.Key, x.Finding)
			}
			key := x.Finding.Key
			x.Finding = trade.Finding{}
			got[key] = x
		}
		e, tk := emirates, turkey
		e.Parties, tk.Parties, tk.Status = emiratesParties, turkeyParties, status
		for key, want := range map[string]cases.Input{"t:emirates": e, "t:turkey": tk, "t:none": {}} {
			if diff := gocmp.Diff(want, got[key]); diff != "" {
				t.Errorf("CaseInputs %s: %s (-want +got):\n%s", when, key, diff)
			}
		}
	}
	check("before resolution", nil, nil, "")

	resolveParties(t, st)
	links := func(recs ...string) []cases.PartyLink {
		var out []cases.PartyLink
		for _, rec := range recs {
			for _, role := range []string{"consignee", "shipper"} {
				l := cases.PartyLink{Role: role, ID: shipmentParty(t, st, rec, role)}
				if !slices.Contains(out, l) {
					out = append(out, l)
				}
			}
		}
		slices.SortFunc(out, func(a, b cases.PartyLink) int {
			return cmp.Or(strings.Compare(a.Role, b.Role), cmp.Compare(a.ID, b.ID))
		})
		return out
	}
	em := links("T0008", "T0009", "T0010")
	// the two Silver Falcon lines share an identifier: one party
	if len(em) < 3 || len(em) > 4 {
		t.Errorf("the Emirates lines have %d distinct parties, want 3 or 4: %+v", len(em), em)
	}
	if _, err := st.SetTriage(ctx, cases.Decision{Target: cases.FindingTarget("t:turkey"), Status: cases.StatusConfirmed, Who: "test"}); err != nil {
		t.Fatal(err)
	}
	check("after resolution", em, links("T0005"), cases.StatusConfirmed)
}

func testPartiesEmpty(t *testing.T, st PartiesStore) {
	ctx := context.Background()
	if vs, err := st.PartyVariants(ctx); err != nil || len(vs) != 0 {
		t.Errorf("PartyVariants of an empty store = %d, %v", len(vs), err)
	}
	r := resolveParties(t, st)
	if len(r.Parties) != 0 {
		t.Fatalf("an empty store resolved into %d parties", len(r.Parties))
	}
	ps, err := st.Parties(ctx, duckdb.PartyFilter{})
	if err != nil || len(ps) != 0 {
		t.Errorf("Parties of an empty resolution = %d, %v", len(ps), err)
	}
	if key, err := st.PartiesKey(ctx); err != nil || key != "parties:0/0/0" {
		t.Errorf("PartiesKey of an empty resolution = %q, %v", key, err)
	}
	// a resolution, then an empty one: nothing is left
	ingestFile(t, st, fixture(t, "parties_shipments.csv"))
	resolveParties(t, st)
	if err := st.ReplaceParties(ctx, &party.Result{}); err != nil {
		t.Fatal(err)
	}
	if ps, err = st.Parties(ctx, duckdb.PartyFilter{}); err != nil || len(ps) != 0 {
		t.Errorf("Parties after an empty resolution = %d, %v; want none", len(ps), err)
	}
	if sps, err := st.PartyIDsForShipments(ctx, []trade.ShipmentID{shipmentIDOf(t, st, "T0001")}); err != nil || len(sps) != 0 {
		t.Errorf("PartyIDsForShipments after an empty resolution = %+v, %v; want none", sps, err)
	}
	if key, err := st.PartiesKey(ctx); err != nil || key != "parties:0/0/0" {
		t.Errorf("PartiesKey after an empty resolution = %q, %v", key, err)
	}
	in, err := st.CaseInputs(ctx)
	if err != nil || len(in) != 0 {
		t.Errorf("CaseInputs without findings = %d, %v", len(in), err)
	}
}
