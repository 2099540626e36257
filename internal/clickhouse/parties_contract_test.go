package clickhouse_test

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	ch "github.com/ClickHouse/clickhouse-go/v2"
	gocmp "github.com/google/go-cmp/cmp"

	"tradetrace/internal/cases"
	"tradetrace/internal/clickhouse"
	"tradetrace/internal/detect"
	"tradetrace/internal/duckdb"
	"tradetrace/internal/ingest"
	"tradetrace/internal/party"
	"tradetrace/internal/sample"
	"tradetrace/internal/storetest"
	"tradetrace/internal/trade"
)

var _ storetest.PartiesStore = (*clickhouse.DB)(nil)

// openCH opens a new, empty database on the cluster of TRADETRACE_CH_ADDRS (the test is skipped without it).
func openCH(t *testing.T) *clickhouse.DB {
	t.Helper()
	d, err := clickhouse.Open(context.Background(), testURL(t, ""))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { d.Close() })
	return d
}

// TestPartiesContract runs the parties contract on the ClickHouse cluster.
func TestPartiesContract(t *testing.T) {
	if os.Getenv("TRADETRACE_CH_ADDRS") == "" {
		testURL(t, "") // skips, saying why
	}
	storetest.RunParties(t, func(t *testing.T) storetest.PartiesStore { return openCH(t) })
}

// TestPartiesSameAsDuckDB loads one generated sample into a DuckDB store and into ClickHouse, resolves the
// parties of each store's variants as `tradetrace parties resolve` does, writes the same findings to both, and
// requires the same variants, parties, links, names, lines, screening input, case inputs and party summaries.
// Sums of values may differ in their last bits (the stores add in different orders): numbers are compared to
// ten significant digits.
func TestPartiesSameAsDuckDB(t *testing.T) {
	if os.Getenv("TRADETRACE_CH_ADDRS") == "" {
		testURL(t, "") // skips, saying why
	}
	ctx := context.Background()
	dir := t.TempDir()
	m, err := sample.Generate(ctx, sample.Config{Dir: filepath.Join(dir, "sample"), Rows: 4000, Seed: 2023, Workers: 1})
	if err != nil {
		t.Fatal(err)
	}
	duck, err := duckdb.Open(ctx, filepath.Join(dir, "d.duckdb"), duckdb.Config{})
	if err != nil {
		t.Fatal(err)
	}
	defer duck.Close()
	chs := openCH(t)
	stores := []storetest.PartiesStore{duck, chs}
	start := time.Now()
	for _, f := range m.Files {
		for _, st := range stores {
			if _, err := ingest.File(ctx, st, filepath.Join(dir, "sample", f.Name), ingest.Options{Profile: f.Profile, Workers: 2}); err != nil {
				t.Fatal(err)
			}
		}
	}
	t.Logf("ingested %d files into both stores in %s", len(m.Files), time.Since(start).Round(time.Millisecond))
	same := func(what string, get func(st storetest.PartiesStore) any) {
		t.Helper()
		t0 := time.Now()
		d := get(duck)
		t1 := time.Now()
		c := get(chs)
		t.Logf("%s: DuckDB %s, ClickHouse %s", what, t1.Sub(t0).Round(time.Millisecond), time.Since(t1).Round(time.Millisecond))
		if diff := gocmp.Diff(d, c, floatsClose); diff != "" {
			t.Errorf("%s: DuckDB and ClickHouse differ (-duckdb +clickhouse):\n%s", what, diff)
		}
	}

	results := make([]*party.Result, 2)
	for i, st := range stores {
		vs, err := st.PartyVariants(ctx)
		if err != nil {
			t.Fatal(err)
		}
		r, err := party.Resolve(ctx, vs, party.Options{Workers: 2})
		if err != nil {
			t.Fatal(err)
		}
		t0 := time.Now()
		if err := st.ReplaceParties(ctx, r); err != nil {
			t.Fatal(err)
		}
		t.Logf("ReplaceParties %d: %s", i, time.Since(t0).Round(time.Millisecond))
		results[i] = r
	}
	// Resolve sorts the variants by key: both slices are in the same order
	if diff := gocmp.Diff(results[0].Variants, results[1].Variants, floatsClose); diff != "" {
		t.Fatalf("PartyVariants: DuckDB and ClickHouse differ (-duckdb +clickhouse):\n%s", diff)
	}
	t.Logf("%d variants, %d parties", len(results[0].Variants), len(results[0].Parties))
	if len(results[0].Parties) < 100 {
		t.Fatalf("the sample resolved into %d parties; the comparison wants a few hundred", len(results[0].Parties))
	}

	all, err := duck.Parties(ctx, duckdb.PartyFilter{})
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range []duckdb.PartyFilter{{}, {Order: duckdb.ByValue}, {Order: duckdb.ByRisk, Limit: 50, Offset: 20},
		{Query: party.SearchWords(all[0].Name)}, {Query: "llc", Limit: 30}} {
		same(fmt.Sprintf("Parties(%+v)", f), func(st storetest.PartiesStore) any {
			ps, err := st.Parties(ctx, f)
			if err != nil {
				t.Fatal(err)
			}
			return ps
		})
	}
	var sids []trade.ShipmentID
	if err := duck.ScanShipments(ctx, detect.Filter{}, func(s *trade.Shipment) error { sids = append(sids, s.ID); return nil }); err != nil {
		t.Fatal(err)
	}
	same("PartyIDsForShipments", func(st storetest.PartiesStore) any {
		sps, err := st.PartyIDsForShipments(ctx, sids)
		if err != nil {
			t.Fatal(err)
		}
		if len(sps) < len(sids) {
			t.Errorf("%d shipment parties for %d shipments", len(sps), len(sids))
		}
		slices.SortFunc(sps, func(a, b duckdb.ShipmentParty) int {
			return cmp.Compare(fmt.Sprint(a.ShipmentID, a.Role), fmt.Sprint(b.ShipmentID, b.Role))
		}) // the stores sort within chunks of 1,000
		return sps
	})
	for _, p := range all[:5] {
		same(fmt.Sprintf("Party(%d), its shipments", p.ID), func(st storetest.PartiesStore) any {
			got, err := st.Party(ctx, p.ID)
			if err != nil {
				t.Fatal(err)
			}
			ship, err := st.PartyShipments(ctx, p.ID, "", 0)
			if err != nil {
				t.Fatal(err)
			}
			return []any{got, ship}
		})
	}
	same("PartiesKey", func(st storetest.PartiesStore) any {
		k, err := st.PartiesKey(ctx)
		if err != nil {
			t.Fatal(err)
		}
		return k
	})
	same("PartiesToScreen", func(st storetest.PartiesStore) any {
		var ps []duckdb.ScreenParty
		if err := st.PartiesToScreen(ctx, func(p *duckdb.ScreenParty) error { ps = append(ps, *p); return nil }); err != nil {
			t.Fatal(err)
		}
		return ps
	})
	var names []duckdb.PartyName
	same("DistinctPartyNames", func(st storetest.PartiesStore) any {
		var ns []duckdb.PartyName
		if err := st.DistinctPartyNames(ctx, func(p *duckdb.PartyName) error { ns = append(ns, *p); return nil }); err != nil {
			t.Fatal(err)
		}
		slices.SortFunc(ns, func(a, b duckdb.PartyName) int {
			return cmp.Or(cmp.Compare(b.Lines, a.Lines), cmp.Compare(fmt.Sprint(a), fmt.Sprint(b)))
		})
		names = ns
		return ns
	})
	for _, role := range []string{"shipper", "consignee", "brand", "manufacturer"} {
		var pick []string
		for _, n := range names {
			if n.Role == role && len(pick) < 4 {
				pick = append(pick, n.Name)
			}
		}
		same("PartyLines("+role+")", func(st storetest.PartiesStore) any {
			ls, err := st.PartyLines(ctx, role, pick)
			if err != nil {
				t.Fatal(err)
			}
			return ls
		})
	}

	// findings citing the shipments of the biggest parties, and screening matches: the same on both stores
	var fs []trade.Finding
	var ms []duckdb.PartyMatches
	for i, p := range all[:30] {
		ship, err := duck.PartyShipments(ctx, p.ID, "", 12)
		if err != nil {
			t.Fatal(err)
		}
		fs = append(fs, trade.Finding{Key: fmt.Sprintf("diff:%d", p.ID), Score: 1 - float64(i)/100, Title: p.Name, ShipmentIDs: ship})
		ms = append(ms, duckdb.PartyMatches{ID: p.ID, Matches: fmt.Sprintf(`[{"n":%d}]`, i), Risk: float64(i%7) / 7})
	}
	for _, st := range stores {
		if err := st.ReplaceFindings(ctx, "diff", "1", slices.Clone(fs)); err != nil {
			t.Fatal(err)
		}
		if err := st.SetPartyMatches(ctx, ms); err != nil {
			t.Fatal(err)
		}
	}
	same("Parties(by risk) after screening", func(st storetest.PartiesStore) any {
		ps, err := st.Parties(ctx, duckdb.PartyFilter{Order: duckdb.ByRisk, Limit: 40})
		if err != nil {
			t.Fatal(err)
		}
		return ps
	})
	same("CaseInputs", func(st storetest.PartiesStore) any {
		in, err := st.CaseInputs(ctx)
		if err != nil {
			t.Fatal(err)
		}
		if len(in) != len(fs) {
			t.Errorf("CaseInputs = %d inputs, want %d", len(in), len(fs))
		}
		for i := range in {
			in[i].Finding.ID = 0 // ids are the store's
			slices.Sort(in[i].Reporters)
			slices.SortFunc(in[i].Routes, func(a, b cases.Route) int { return cmp.Compare(fmt.Sprint(a), fmt.Sprint(b)) })
		}
		slices.SortFunc(in, func(a, b cases.Input) int { return cmp.Compare(a.Finding.Key, b.Finding.Key) })
		return in
	})
	for _, tb := range partySummaryTables {
		duckRows := summaryRows(t, tb.name, tb.kinds, tb.duck, "", func(q string) (rowScanner, error) { return duck.SQL().QueryContext(ctx, q) })
		chCols := cmp.Or(tb.ch, tb.duck)
		chRows := summaryRows(t, tb.name, tb.kinds, chCols, ` WHERE generation = (SELECT max(generation) FROM party_sets)`,
			func(q string) (rowScanner, error) { return chs.Conn().Query(ctx, q) })
		if len(duckRows) == 0 {
			t.Errorf("%s: DuckDB has no rows", tb.name)
		}
		if diff := gocmp.Diff(duckRows, chRows); diff != "" {
			t.Errorf("%s: DuckDB and ClickHouse differ (-duckdb +clickhouse):\n%s", tb.name, diff)
		}
	}
}

// floatsClose compares numbers to ten significant digits.
var floatsClose = gocmp.Comparer(func(a, b float64) bool {
	return a == b || math.Abs(a-b) <= 1e-10*math.Max(math.Abs(a), math.Abs(b))
})

// partySummaryTables are the party summary tables with the columns compared: in DuckDB, in ClickHouse
// (current generation), and the Go kind of each (i integer, f number, s text, d date).
var partySummaryTables = []struct{ name, kinds, duck, ch string }{
	{"party_lines", "isdfi", "party_id, role, date, value_usd, shipment_id", ""},
	{"party_months", "issif", "party_id, role, month, lines, value_usd", ""},
	{"party_counterparties", "iisif", "party_id, counterparty_id, counterparty_role, lines, value_usd", ""},
	{"party_top_counterparties", "iiisif", "party_id, CAST(rank AS BIGINT), counterparty_id, counterparty_role, lines, value_usd", "party_id, toInt64(rank), counterparty_id, counterparty_role, lines, value_usd"},
	{"party_latest", "iiisssssssssssssssfsff", `party_id, CAST(rank AS BIGINT), shipment_id, record_id, date, direction, reporter, declaration_no,
		shipper_name, shipper_country, consignee_name, consignee_country, origin_country, dispatch_country, destination_country,
		hs_code, description, brand, quantity, unit, net_weight_kg, value_usd`, `party_id, toInt64(rank), shipment_id, record_id, date, direction, reporter, declaration_no,
		shipper_name, shipper_country, consignee_name, consignee_country, origin_country, dispatch_country, destination_country,
		hs_code, description, brand, quantity, unit, net_weight_kg, value_usd`},
}

type rowScanner interface {
	Next() bool
	Scan(...any) error
	Err() error
	Close() error
}

// summaryRows reads the columns of a summary table as sorted lines of text, numbers to ten significant digits.
func summaryRows(t *testing.T, table, kinds, cols, where string, query func(string) (rowScanner, error)) []string {
	t.Helper()
	rows, err := query(`SELECT ` + cols + ` FROM ` + table + where)
	if err != nil {
		t.Fatalf("%s: %v", table, err)
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		dest := make([]any, len(kinds))
		for i, k := range kinds {
			switch k {
			case 'i':
				dest[i] = new(int64)
			case 'f':
				dest[i] = new(float64)
			case 's':
				dest[i] = new(string)
			case 'd':
				dest[i] = new(time.Time)
			}
		}
		if err := rows.Scan(dest...); err != nil {
			t.Fatalf("%s: %v", table, err)
		}
		var b strings.Builder
		for _, v := range dest {
			switch v := v.(type) {
			case *float64:
				b.WriteString(strconv.FormatFloat(*v, 'g', 10, 64))
			case *time.Time:
				b.WriteString(v.UTC().Format(time.DateOnly))
			default:
				fmt.Fprint(&b, reflect.ValueOf(v).Elem().Interface())
			}
			b.WriteByte('|')
		}
		out = append(out, b.String())
	}
	if err := rows.Err(); err != nil {
		t.Fatalf("%s: %v", table, err)
	}
	slices.Sort(out)
	return out
}

// TestPartyGenerations checks how a rebuild of the parties becomes visible on ClickHouse: rows of a generation
// that party_sets does not name are never read, the links of each shard are of its own shipments, and a
// rebuild drops the generations before the previous one, abandoned ones included.
func TestPartyGenerations(t *testing.T) {
	ctx := context.Background()
	u := testURL(t, "")
	st, err := clickhouse.Open(ctx, u)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	if _, err := ingest.File(ctx, st, "../storetest/testdata/parties_shipments.csv", ingest.Options{}); err != nil {
		t.Fatal(err)
	}
	resolve := func() uint64 {
		t.Helper()
		vs, err := st.PartyVariants(ctx)
		if err != nil {
			t.Fatal(err)
		}
		r, err := party.Resolve(ctx, vs, party.Options{Workers: 2})
		if err != nil {
			t.Fatal(err)
		}
		if err := st.ReplaceParties(ctx, r); err != nil {
			t.Fatal(err)
		}
		var gen uint64
		if err := st.Conn().QueryRow(ctx, `SELECT max(generation) FROM party_sets`).Scan(&gen); err != nil {
			t.Fatal(err)
		}
		return gen
	}
	gen := resolve()
	before, err := st.Parties(ctx, duckdb.PartyFilter{})
	if err != nil || len(before) != 12 {
		t.Fatalf("Parties = %d, %v; want 12", len(before), err)
	}
	// a rebuild that died before its commit: a party and a link written under a generation party_sets lacks
	ghost := gen + 1
	for _, q := range []struct {
		insert string
		vals   []any
	}{
		{`INSERT INTO parties (generation, id, name, identifiers, variants, addresses, roles, lines, matches)`,
			[]any{ghost, int64(42), "GHOST LLC", "[]", "[]", "[]", "{}", int64(1_000_000), "[]"}},
		{`INSERT INTO party_lines (generation, party_id, role, date, value_usd, shipment_id)`,
			[]any{ghost, int64(42), "shipper", time.Date(2022, 1, 1, 0, 0, 0, 0, time.UTC), 1.0, int64(before[0].ID)}},
	} {
		b, err := st.Conn().PrepareBatch(ctx, q.insert)
		if err != nil {
			t.Fatal(err)
		}
		if err := b.Append(q.vals...); err != nil {
			t.Fatal(err)
		}
		if err := b.Send(); err != nil {
			t.Fatal(err)
		}
	}
	after, err := st.Parties(ctx, duckdb.PartyFilter{})
	if err != nil || !gocmp.Equal(before, after) {
		t.Errorf("Parties after an uncommitted generation = %d parties, %v; want the 12 of the committed one", len(after), err)
	}
	if _, err := st.Party(ctx, 42); !errors.Is(err, duckdb.ErrNoParty) {
		t.Errorf("Party(42) of an uncommitted generation = %v, want ErrNoParty", err)
	}
	if got, err := st.PartyShipments(ctx, 42, "", 0); err != nil || len(got) != 0 {
		t.Errorf("PartyShipments(42) of an uncommitted generation = %v, %v; want none", got, err)
	}

	db := u[strings.LastIndex(u, "/")+1:]
	for i, a := range st.Shards() {
		c, err := ch.Open(&ch.Options{Addr: []string{a}, Auth: ch.Auth{Database: db}})
		if err != nil {
			t.Fatal(err)
		}
		var links, foreign uint64
		if err := c.QueryRow(ctx, `SELECT count(), countIf(shipment_id NOT IN (SELECT id FROM shipments_local)) FROM shipment_parties_local WHERE generation = ?`, gen).Scan(&links, &foreign); err != nil {
			t.Fatal(err)
		}
		c.Close()
		t.Logf("shard %d (%s): %d links", i+1, a, links)
		if links == 0 || foreign != 0 {
			t.Errorf("shard %d: %d links, %d of them to shipments of other shards; want some, all to its own", i+1, links, foreign)
		}
	}

	resolve()
	last := resolve()
	for i, a := range st.Shards() {
		c, err := ch.Open(&ch.Options{Addr: []string{a}, Auth: ch.Auth{Database: db}})
		if err != nil {
			t.Fatal(err)
		}
		rows, err := c.Query(ctx, `SELECT table, groupUniqArray(partition) FROM system.parts WHERE database = ? AND active
			AND table IN ('parties_local', 'party_lines_local', 'party_map_local', 'party_latest_stage_local') GROUP BY table ORDER BY table`, db)
		if err != nil {
			t.Fatal(err)
		}
		parts := map[string][]string{}
		for rows.Next() {
			var tb string
			var ps []string
			if err := rows.Scan(&tb, &ps); err != nil {
				t.Fatal(err)
			}
			slices.Sort(ps)
			parts[tb] = ps
		}
		rows.Close()
		c.Close()
		for tb, ps := range parts {
			switch tb {
			case "parties_local", "party_lines_local":
				if len(ps) > 2 || ps[len(ps)-1] != strconv.FormatUint(last, 10) || slices.Contains(ps, strconv.FormatUint(ghost, 10)) {
					t.Errorf("shard %d: %s holds generations %v; want at most the last two, %d the newest", i+1, tb, ps, last)
				}
			default:
				t.Errorf("shard %d: %s holds generations %v; want none (they serve a rebuild only)", i+1, tb, ps)
			}
		}
	}
}
