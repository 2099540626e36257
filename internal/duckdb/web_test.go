package duckdb

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"tradetrace/internal/ingest"
	"tradetrace/internal/trade"
)

const webCSV = `record_id,date,direction,reporter,declaration_no,shipper_name,shipper_address,shipper_country,shipper_id,consignee_name,consignee_address,consignee_country,consignee_id,origin_country,dispatch_country,destination_country,hs_code,description,brand,manufacturer,quantity,unit,gross_weight_kg,net_weight_kg,value,currency,value_usd
W1,2022-06-08,export,CN,D1,ALPHA ARMS CORP,A,CN,ID1,BETA LLC,B,RU,,CN,CN,RU,9303300000,RIFLES,ALPHABRAND,ALPHA ARMS CORP,10,PCS,40,35,1000,USD,1000
W2,2022-07-08,export,CN,D2,ALPHA ARMS CORP,A,CN,ID1,GAMMA LLC,G,RU,,CN,CN,RU,9303300000,RIFLES,ALPHABRAND,ALPHA ARMS CORP,10,PCS,40,35,3000,USD,3000
W3,2022-07-09,export,AE,D3,DELTA TRADING,D,AE,,BETA LLC,B,RU,,CN,AE,RU,8507600000,BATTERIES,DJI,DJI,10,PCS,40,35,500,USD,500
`

func webStore(t *testing.T) *DB {
	t.Helper()
	ctx := context.Background()
	dir := t.TempDir()
	d, err := Open(ctx, filepath.Join(dir, "w.duckdb"), Config{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { d.Close() })
	f := filepath.Join(dir, "w.csv")
	if err := os.WriteFile(f, []byte(webCSV), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := ingest.File(ctx, d, f, ingest.Options{Profile: "canonical", Workers: 1}); err != nil {
		t.Fatal(err)
	}
	return d
}

func TestWebPartyByName(t *testing.T) {
	ctx := context.Background()
	d := webStore(t)
	if has, err := d.WebHasParties(ctx); err != nil || has {
		t.Fatalf("WebHasParties = %v, %v; want false", has, err)
	}
	ref, err := ParseWebPartyRef("n:ALPHA ARMS CORP")
	if err != nil || ref.String() != "n:ALPHA ARMS CORP" {
		t.Fatalf("ParseWebPartyRef: %v %v", ref, err)
	}
	p, err := d.WebParty(ctx, ref)
	if err != nil {
		t.Fatal(err)
	}
	if p.Lines != 2 || p.ValueUSD != 4000 || p.FirstSeen != "2022-06-08" || p.LastSeen != "2022-07-08" || p.Country != "CN" || !strings.Contains(string(p.Identifiers), "ID1") {
		t.Errorf("party by name: %+v", p)
	}
	act, err := d.WebPartyActivity(ctx, ref, 10, 1)
	if err != nil {
		t.Fatal(err)
	}
	if len(act.Months) != 2 || len(act.Counterparties) != 2 || act.Counterparties[0].Name != "GAMMA LLC" || act.Counterparties[0].ValueUSD != 3000 ||
		len(act.Latest) != 1 || act.Latest[0].RecordID != "W2" {
		t.Errorf("activity: %+v", act)
	}
	if _, err := d.WebParty(ctx, WebPartyRef{Name: "NOBODY"}); !errors.Is(err, trade.ErrNotFound) {
		t.Errorf("unknown name: %v", err)
	}
	if _, err := ParseWebPartyRef("x1"); err == nil {
		t.Errorf("ParseWebPartyRef accepted x1")
	}
	// Search by name text, and by a brand on the goods.
	hits, _, err := d.WebSearchParties(ctx, WebPartySearch{Text: "beta", Limit: 10})
	if err != nil || len(hits) != 1 || hits[0].Ref != "n:BETA LLC" || hits[0].Lines != 2 {
		t.Errorf("search beta: %+v %v", hits, err)
	}
	hits, _, err = d.WebSearchParties(ctx, WebPartySearch{Text: "alphabrand", Limit: 10})
	if err != nil || len(hits) != 1 || hits[0].Ref != "n:ALPHA ARMS CORP" {
		t.Errorf("search by brand: %+v %v", hits, err)
	}
	// A LIKE wildcard in the query is a literal.
	if hits, _, _ := d.WebSearchParties(ctx, WebPartySearch{Text: "%", Limit: 10}); len(hits) != 0 {
		t.Errorf("search %%: %d hits", len(hits))
	}
	// Shipments: pages, newest first, and the network.
	rows, more, err := d.WebPartyShipments(ctx, WebPartyRef{Name: "BETA LLC"}, "consignee", 0, 1)
	if err != nil || len(rows) != 1 || !more || rows[0].RecordID != "W3" {
		t.Errorf("party shipments page 1: %+v %v %v", rows, more, err)
	}
	rows, more, _ = d.WebPartyShipments(ctx, WebPartyRef{Name: "BETA LLC"}, "consignee", 1, 1)
	if len(rows) != 1 || more || rows[0].RecordID != "W1" {
		t.Errorf("party shipments page 2: %+v %v", rows, more)
	}
	net, err := d.WebPartyNetwork(ctx, WebPartyRef{Name: "BETA LLC"}, 2, 5)
	if err != nil || len(net.Nodes) != 4 || len(net.Edges) != 3 {
		t.Errorf("network of BETA: %d nodes, %d edges, %v", len(net.Nodes), len(net.Edges), err)
	}
}

// resolvedWebStore is webStore with one resolved party per name and their summaries; it returns the ids of
// BETA LLC and ALPHA ARMS CORP.
func resolvedWebStore(t *testing.T) (d *DB, beta, alpha int64) {
	t.Helper()
	ctx := context.Background()
	d = webStore(t)
	for _, q := range []string{
		`INSERT INTO parties SELECT row_number() OVER (ORDER BY n), n, '', 'XX', '[]', '[]', '[]', '{}', count(*), sum(v), 0, min(dt), max(dt), lower(n), 0.5, '[]'
		 FROM (SELECT shipper_name n, value_usd v, date dt FROM shipments UNION ALL SELECT consignee_name, value_usd, date FROM shipments) GROUP BY n`,
		`INSERT INTO shipment_parties SELECT s.id, 'shipper', p.id FROM shipments s JOIN parties p ON p.name = s.shipper_name`,
		`INSERT INTO shipment_parties SELECT s.id, 'consignee', p.id FROM shipments s JOIN parties p ON p.name = s.consignee_name`,
	} {
		if _, err := d.db.ExecContext(ctx, q); err != nil {
			t.Fatal(err)
		}
	}
	sumParties(t, d)
	d.db.QueryRow(`SELECT id FROM parties WHERE name = 'BETA LLC'`).Scan(&beta)
	d.db.QueryRow(`SELECT id FROM parties WHERE name = 'ALPHA ARMS CORP'`).Scan(&alpha)
	return d, beta, alpha
}

func TestWebResolvedParties(t *testing.T) {
	ctx := context.Background()
	d, beta, alpha := resolvedWebStore(t)
	hits, _, err := d.WebSearchParties(ctx, WebPartySearch{Text: "llc beta", Keys: []string{"beta", "llc"}, Limit: 10})
	if err != nil || len(hits) == 0 || hits[0].Name != "BETA LLC" || hits[0].Hits != 2 {
		t.Errorf("resolved search: %+v %v", hits, err)
	}
	hits, _, err = d.WebSearchParties(ctx, WebPartySearch{Text: "alphabrand", Keys: []string{"alphabrand"}, Limit: 10})
	if err != nil || len(hits) != 1 || hits[0].Name != "ALPHA ARMS CORP" {
		t.Errorf("resolved search by brand: %+v %v", hits, err)
	}
	act, err := d.WebPartyActivity(ctx, WebPartyRef{ID: beta}, 10, 10)
	if err != nil {
		t.Fatal(err)
	}
	if act.Lines != 2 || len(act.Counterparties) != 2 || len(act.Latest) != 2 {
		t.Fatalf("resolved activity: %+v", act)
	}
	for _, c := range act.Counterparties {
		if c.Role != "shipper" || c.Risk != 0.5 || strings.HasPrefix(c.Ref, "n:") {
			t.Errorf("counterparty not resolved: %+v", c)
		}
	}
	if _, err := d.WebParty(ctx, WebPartyRef{ID: 999}); !errors.Is(err, trade.ErrNotFound) {
		t.Errorf("unknown party: %v", err)
	}
	sp, err := d.WebShipmentParties(ctx, act.Latest[0].ID)
	if err != nil || sp["consignee"] != beta {
		t.Errorf("shipment parties: %v %v", sp, err)
	}
	_ = alpha
}

func TestWebTriageLatestWins(t *testing.T) {
	ctx := context.Background()
	d := webStore(t)
	if err := d.ReplaceFindings(ctx, "t", "1", []trade.Finding{{Key: "a", Score: 0.9, Title: "A", ShipmentIDs: []trade.ShipmentID{11, 123}}, {Key: "b", Score: 0.2, Title: "B", ShipmentIDs: []trade.ShipmentID{1234}}}); err != nil {
		t.Fatal(err)
	}
	for _, st := range []string{"confirmed", "dismissed"} {
		if err := d.WebAddTriage(ctx, WebTriage{Target: "finding:a", Status: st, Note: "n-" + st, Who: "me"}); err != nil {
			t.Fatal(err)
		}
	}
	if err := d.WebAddTriage(ctx, WebTriage{Target: "finding:zz", Status: "new"}); !errors.Is(err, trade.ErrNotFound) {
		t.Errorf("unknown target: %v", err)
	}
	if err := d.WebAddTriage(ctx, WebTriage{Target: "finding:a", Status: "maybe"}); err == nil {
		t.Errorf("bad status accepted")
	}
	if err := d.WebAddTriage(ctx, WebTriage{Target: "a", Status: "new"}); err == nil {
		t.Errorf("target without kind accepted")
	}
	fs, _, err := d.WebFindings(ctx, WebFindingQuery{Status: "dismissed", Limit: 10})
	if err != nil || len(fs) != 1 || fs[0].Key != "a" || fs[0].Triage.Note != "n-dismissed" || fs[0].Triage.Who != "me" {
		t.Errorf("dismissed: %+v %v", fs, err)
	}
	fs, _, _ = d.WebFindings(ctx, WebFindingQuery{Status: "new", Limit: 10})
	if len(fs) != 1 || fs[0].Key != "b" {
		t.Errorf("new: %+v", fs)
	}
	// Findings citing a shipment id match whole ids only: 123 is not 1234 or 11.
	fs, _, _ = d.WebFindings(ctx, WebFindingQuery{ShipmentID: 123, Limit: 10})
	if len(fs) != 1 || fs[0].Key != "a" {
		t.Errorf("by shipment 123: %+v", fs)
	}
	if fs, _, _ = d.WebFindings(ctx, WebFindingQuery{ShipmentID: 12, Limit: 10}); len(fs) != 0 {
		t.Errorf("by shipment 12: %d findings", len(fs))
	}
	h, err := d.WebTriageHistory(ctx, "finding:a")
	if err != nil || len(h) != 2 || h[0].Status != "dismissed" {
		t.Errorf("history: %+v %v", h, err)
	}
}

func TestWebEnsureIndexes(t *testing.T) {
	ctx := context.Background()
	d := webStore(t)
	made, err := d.WebEnsureIndexes(ctx)
	if err != nil || len(made) != len(webIndexes) {
		t.Fatalf("first WebEnsureIndexes = %v, %v; want %d indexes", made, err, len(webIndexes))
	}
	if made, err = d.WebEnsureIndexes(ctx); err != nil || len(made) != 0 {
		t.Errorf("second WebEnsureIndexes = %v, %v; want none", made, err)
	}
	// Lookups still answer, and new lines still load.
	p, err := d.WebParty(ctx, WebPartyRef{Name: "BETA LLC"})
	if err != nil || p.Lines != 2 {
		t.Errorf("party after indexing: %v %v", p, err)
	}
	// The indexed tables are rewritten by the detectors and the case builder: writes and reads still agree.
	for run := 0; run < 3; run++ {
		var fs []trade.Finding
		for i := 0; i <= run; i++ {
			fs = append(fs, trade.Finding{Detector: "t", DetectorVersion: "1", Key: fmt.Sprintf("k%d", i), Score: 0.5,
				Severity: trade.SeverityLow, Title: "t", ShipmentIDs: []trade.ShipmentID{1}})
		}
		if err := d.ReplaceFindings(ctx, "t", "1", fs); err != nil {
			t.Fatal(err)
		}
		got, _, err := d.WebFindings(ctx, WebFindingQuery{Limit: 10})
		if err != nil || len(got) != run+1 {
			t.Fatalf("run %d: %d findings, %v; want %d", run, len(got), err, run+1)
		}
		if one, _, err := d.WebFindings(ctx, WebFindingQuery{ID: got[0].ID, Limit: 1}); err != nil || len(one) != 1 || one[0].Key != got[0].Key {
			t.Errorf("run %d: finding %d by id: %v %v", run, got[0].ID, one, err)
		}
	}
}
