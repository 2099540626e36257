package listed_test

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"tradetrace/internal/detect"
	"tradetrace/internal/detect/listed"
	"tradetrace/internal/duckdb"
	"tradetrace/internal/ingest"
	"tradetrace/internal/source/lists"
	"tradetrace/internal/trade"
)

// store adapts the DuckDB store to the detector, as cmd/tradetrace does.
type store struct{ db *duckdb.DB }

func (s store) CurrentListEntities(ctx context.Context) ([]trade.ListEntity, error) {
	return s.db.CurrentListEntities(ctx)
}

func (s store) PartyNames(ctx context.Context, fn func(listed.PartyName) error) error {
	return s.db.DistinctPartyNames(ctx, func(p *duckdb.PartyName) error {
		return fn(listed.PartyName{Role: p.Role, Name: p.Name, NameEn: p.NameEn, Country: p.Country, ID: p.ID, Lines: p.Lines})
	})
}

func (s store) PartyLines(ctx context.Context, role string, names []string) ([]listed.PartyLine, error) {
	ls, err := s.db.PartyLines(ctx, role, names)
	out := make([]listed.PartyLine, len(ls))
	for i, l := range ls {
		out[i] = listed.PartyLine{ID: l.ID, Name: l.Name, NameEn: l.NameEn, Country: l.Country, PartyID: l.PartyID}
	}
	return out, err
}

// newStore ingests testdata/shipments.csv (synthetic canonical rows) into a fresh store.
func newStore(t *testing.T) *duckdb.DB {
	t.Helper()
	ctx := context.Background()
	st, err := duckdb.Open(ctx, filepath.Join(t.TempDir(), "t.duckdb"), duckdb.Config{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	res, err := ingest.File(ctx, st, "testdata/shipments.csv", ingest.Options{Profile: "canonical"})
	if err != nil {
		t.Fatal(err)
	}
	if res.Run.Accepted != 9 {
		t.Fatalf("ingest accepted %d rows, want 9", res.Run.Accepted)
	}
	return st
}

func load(t *testing.T, st *duckdb.DB, ents []trade.ListEntity) {
	t.Helper()
	byList := map[string][]trade.ListEntity{}
	for _, e := range ents {
		byList[e.List] = append(byList[e.List], e)
	}
	for l, es := range byList {
		if _, _, err := st.LoadList(context.Background(), duckdb.ListLoad{List: l, File: "test", SHA256: "sha-" + l, Entities: es}); err != nil {
			t.Fatal(err)
		}
	}
}

func name(v string, k trade.NameKind) trade.ListName { return trade.ListName{Value: v, Kind: k} }

// testEntities are list entries of the reference case, written for the test after the public lists.
var testEntities = []trade.ListEntity{
	{List: "test_sdn", SourceID: "1", Schema: trade.SchemaCompany, Programs: []string{"RUSSIA-EO14024"},
		Topics: []trade.Topic{trade.TopicSanction}, Countries: []string{"RU"},
		Names: []trade.ListName{name("CLOSED JOINT STOCK COMPANY TEKHKRIM", trade.NamePrimary), name("TECHCRIM JOINT STOCK COMPANY", trade.NameAlias)}},
	{List: "test_sdn", SourceID: "2", Schema: trade.SchemaCompany, Programs: []string{"RUSSIA-EO14024"},
		Topics: []trade.Topic{trade.TopicSanction}, Countries: []string{"RU"},
		Identifiers: []trade.Identifier{{Scheme: "INN", Value: "7718852163"}},
		Names:       []trade.ListName{name("ROSOBORONEKSPORT OAO", trade.NamePrimary), name("ROSOBORONEXPORT JSC", trade.NameAlias)}},
	{List: "test_833", SourceID: "IV/40", Schema: trade.SchemaCompany, Programs: []string{"833/2014 Annex IV"},
		Topics: []trade.Topic{trade.TopicExportControl, trade.TopicMilitaryEndUser, trade.TopicMilitaryComplex},
		Names:  []trade.ListName{name("Rosoboronexport OJSC", trade.NamePrimary), name("АО «Рособоронэкспорт»", trade.NameAlias)}},
	{List: "test_cmic", SourceID: "30957", Schema: trade.SchemaLegalEntity, Programs: []string{"CMIC-EO13959"},
		Topics: []trade.Topic{trade.TopicSanction, trade.TopicStateDefence}, Countries: []string{"CN"},
		Names: []trade.ListName{name("CHINA NORTH INDUSTRIES GROUP CORPORATION LIMITED", trade.NamePrimary), name("NORINCO", trade.NameAlias)}},
	{List: "test_cmic", SourceID: "32000", Schema: trade.SchemaLegalEntity, Programs: []string{"CMIC-EO13959"},
		Topics: []trade.Topic{trade.TopicSanction, trade.TopicStateDefence}, Countries: []string{"CN"},
		Names: []trade.ListName{name("SZ DJI TECHNOLOGY CO., LTD.", trade.NamePrimary)}},
	{List: "test_sdn", SourceID: "3", Schema: trade.SchemaPerson, Programs: []string{"SDGT"}, Topics: []trade.Topic{trade.TopicSanction},
		Names: []trade.ListName{name("Patricia Meadowbrook", trade.NamePrimary)}},
}

func TestNoLists(t *testing.T) {
	st := newStore(t)
	var log bytes.Buffer
	fs, err := listed.Detector{Store: store{st}, Log: &log}.Detect(context.Background(), st)
	if err != nil {
		t.Fatal(err)
	}
	if len(fs) != 0 || !strings.Contains(log.String(), "no lists loaded") {
		t.Errorf("Detect without lists = %d findings, log %q; want none and a notice", len(fs), log.String())
	}
}

// byKey runs the detector through detect.Run (as the command does) and returns the stored findings by key.
func run(t *testing.T, st *duckdb.DB) map[string]trade.Finding {
	t.Helper()
	ctx := context.Background()
	if _, err := detect.Run(ctx, st, st, []detect.Detector{listed.Detector{Store: store{st}}}); err != nil {
		t.Fatal(err)
	}
	fs, err := st.Findings(ctx, duckdb.FindingFilter{Detector: "listed_party"})
	if err != nil {
		t.Fatal(err)
	}
	out := map[string]trade.Finding{}
	for _, f := range fs {
		out[f.Key] = f
	}
	return out
}

func TestDetect(t *testing.T) {
	st := newStore(t)
	load(t, st, testEntities)
	got := run(t, st)
	tests := []struct {
		key     string
		records []string
		minimum float64
		evid    []string // substrings the evidence must hold
	}{
		{"listed:consignee:test_833:IV/40", []string{"T006", "T007"}, 0.9,
			[]string{"test_833 IV/40", "mil.enduser", "833/2014 Annex IV", "test_sdn 2", "RUSSIA-EO14024", "coverage"}},
		{"listed:shipper:test_cmic:30957", []string{"T001", "T002", "T003"}, 0.85, []string{"gov.defence", "CMIC-EO13959"}},
		{"listed:consignee:test_sdn:1", []string{"T001", "T002", "T003"}, 0.8, []string{"test_sdn 1", "sanction", "tekhkrim ~ tekhkrim"}},
		{"listed:shipper:test_cmic:32000", []string{"T004"}, 0.8, []string{"SZ DJI TECHNOLOGY"}},
		{"listed:manufacturer:test_cmic:30957", []string{"T001", "T002"}, 0.6, nil},
		{"listed:manufacturer:test_cmic:32000", []string{"T004", "T005"}, 0.6, nil},
		{"listed:brand:test_cmic:30957", []string{"T001", "T002", "T003"}, 0.6, nil},
	}
	for _, tt := range tests {
		f, ok := got[tt.key]
		if !ok {
			t.Errorf("no finding %s; got %v", tt.key, keys(got))
			continue
		}
		recs := append([]string(nil), f.Shipments...)
		sort.Strings(recs)
		if strings.Join(recs, ",") != strings.Join(tt.records, ",") {
			t.Errorf("%s shipments = %v, want %v", tt.key, recs, tt.records)
		}
		if f.Score < tt.minimum {
			t.Errorf("%s score = %.3f, want ≥ %.2f", tt.key, f.Score, tt.minimum)
		}
		var ev strings.Builder
		for _, e := range f.Evidence {
			ev.WriteString(e.Label + ": " + e.Value + " [" + e.RecordID + "]\n")
		}
		for _, s := range tt.evid {
			if !strings.Contains(ev.String(), s) {
				t.Errorf("%s evidence lacks %q:\n%s", tt.key, s, ev.String())
			}
		}
	}
	// the Cyrillic and Latin names of Rosoboronexport make one finding
	if f, ok := got["listed:consignee:test_833:IV/40"]; ok && len(f.Parties) != 2 {
		t.Errorf("Rosoboronexport finding parties = %v, want its two variants", f.Parties)
	}
	// the military end user ranks above the sanctioned MoD supplier
	if a, b := got["listed:consignee:test_833:IV/40"], got["listed:consignee:test_sdn:1"]; a.Score <= b.Score {
		t.Errorf("Rosoboronexport score %.3f ≤ Tekhkrim %.3f, want the military end user first", a.Score, b.Score)
	}
	for k, f := range got {
		for _, s := range f.Shipments {
			if s == "T008" || s == "T009" {
				t.Errorf("finding %s cites %s, an ordinary line", k, s)
			}
		}
	}
	if len(got) != len(tests) {
		t.Errorf("Detect = %d findings %v, want %d", len(got), keys(got), len(tests))
	}
}

func keys(m map[string]trade.Finding) []string {
	var out []string
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

// TestDetectRealLists runs the detector with every default list of shared/data/lists loaded.
func TestDetectRealLists(t *testing.T) {
	dir := filepath.Join("..", "..", "..", "..", "shared", "data", "lists")
	if _, err := os.Stat(dir); err != nil {
		t.Skipf("shared lists not found: %v", err)
	}
	ents, err := lists.LoadAll(dir)
	if err != nil {
		t.Fatal(err)
	}
	st := newStore(t)
	load(t, st, ents)
	got := run(t, st)
	want := map[string][]string{ // role and a caption of the list entry the finding must cite
		"NORINCO":         {"shipper", "CHINA NORTH INDUSTRIES GROUP CORPORATION LIMITED"},
		"Tekhkrim":        {"consignee", "CLOSED JOINT STOCK COMPANY TEKHKRIM"},
		"DJI":             {"shipper", "SZ DJI TECHNOLOGY CO., LTD."},
		"Rosoboronexport": {"consignee", "Rosoboronexport OJSC"},
	}
	for who, w := range want {
		found := false
		for _, f := range got {
			if !strings.HasPrefix(f.Key, "listed:"+w[0]+":") {
				continue
			}
			for _, e := range f.Evidence {
				if e.Label == "list entry" && strings.Contains(e.Value, `"`+w[1]+`"`) {
					found = true
				}
			}
		}
		if !found {
			t.Errorf("no %s finding citing %q for %s; got %v", w[0], w[1], who, keys(got))
		}
	}
	for k, f := range got {
		for _, s := range f.Shipments {
			if s == "T008" || s == "T009" {
				t.Errorf("finding %s cites %s, an ordinary line", k, s)
			}
		}
	}
}

// orderedStore gives the party names in the order asked for, with a twin of each consignee name written with
// a trailing full stop (the same words, so the same score against every entry).
type orderedStore struct {
	store
	reverse bool
}

func (s orderedStore) PartyNames(ctx context.Context, fn func(listed.PartyName) error) error {
	var ps []listed.PartyName
	if err := s.store.PartyNames(ctx, func(p listed.PartyName) error {
		ps = append(ps, p)
		if p.Role == "consignee" && p.Name != "" {
			twin := p
			twin.Name += " ."
			ps = append(ps, twin)
		}
		return nil
	}); err != nil {
		return err
	}
	if s.reverse {
		slices.Reverse(ps)
	}
	for _, p := range ps {
		if err := fn(p); err != nil {
			return err
		}
	}
	return nil
}

// TestDetectIgnoresNameOrder: the store gives the names in no particular order, and two ways of writing a
// consignee that match an entry equally well must not make the findings depend on it.
func TestDetectIgnoresNameOrder(t *testing.T) {
	st := newStore(t)
	load(t, st, testEntities)
	ctx := context.Background()
	detectWith := func(reverse bool) []trade.Finding {
		fs, err := listed.Detector{Store: orderedStore{store{st}, reverse}}.Detect(ctx, st)
		if err != nil {
			t.Fatal(err)
		}
		detect.Sort(fs)
		return fs
	}
	a, b := detectWith(false), detectWith(true)
	if len(a) == 0 {
		t.Fatal("no findings")
	}
	twins := 0
	for _, f := range a {
		if strings.Contains(f.Explanation, " .\"") || strings.Contains(f.Explanation, " . ") {
			twins++
		}
	}
	for i := range a {
		if i >= len(b) || a[i].Explanation != b[i].Explanation || a[i].Score != b[i].Score || !slices.Equal(a[i].Shipments, b[i].Shipments) {
			t.Fatalf("finding %d differs with the names in reverse order:\n%s\n%s", i, a[i].Explanation, b[min(i, len(b)-1)].Explanation)
		}
	}
	if len(a) != len(b) {
		t.Fatalf("%d findings, %d with the names in reverse order", len(a), len(b))
	}
	t.Logf("%d findings, %d of them citing a twin name", len(a), twins)
}

// factsStore is store with the DuckDB store's lean read of line facts (listed.FactsReader).
type factsStore struct{ store }

func (s factsStore) ShipmentFacts(ctx context.Context, ids []trade.ShipmentID, fn func(*trade.Shipment) error) error {
	return s.db.ShipmentFacts(ctx, ids, fn)
}

// The findings are the same whether the lines of the matches are summed from their facts alone or read whole,
// evidence included.
func TestDetectFromFacts(t *testing.T) {
	st := newStore(t)
	load(t, st, testEntities)
	ctx := context.Background()
	whole, err := listed.Detector{Store: store{st}}.Detect(ctx, st)
	if err != nil {
		t.Fatal(err)
	}
	facts, err := listed.Detector{Store: factsStore{store{st}}}.Detect(ctx, st)
	if err != nil {
		t.Fatal(err)
	}
	if len(whole) < 5 {
		t.Fatalf("%d findings from whole lines, want the reference case's", len(whole))
	}
	sort.Slice(whole, func(i, j int) bool { return whole[i].Key < whole[j].Key })
	sort.Slice(facts, func(i, j int) bool { return facts[i].Key < facts[j].Key })
	if diff := cmp.Diff(whole, facts); diff != "" {
		t.Errorf("findings (-whole lines +facts):\n%s", diff)
	}
	// A quoted line names its parties and quotes its description: text the facts do not carry.
	quoted := 0
	for _, f := range facts {
		for _, e := range f.Evidence {
			if e.Label == "shipment" && strings.Contains(e.Value, "→") && !strings.Contains(e.Value, `""`) {
				quoted++
			}
		}
	}
	if quoted == 0 {
		t.Error("no finding quotes a shipment line with its description")
	}
}
