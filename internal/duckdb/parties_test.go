package duckdb

import (
	"context"
	"testing"

	"tradetrace/internal/ingest"
	"tradetrace/internal/party"
	"tradetrace/internal/trade"
)

// TestReplaceParties ingests synthetic canonical rows (internal/party/testdata/shipments.csv), resolves their
// parties, stores them, and reads them back: one party per company, every shipment linked in both roles,
// look-ups by id, words and value, and ids that survive a rebuild.
func TestReplaceParties(t *testing.T) {
	ctx := context.Background()
	d, err := Open(ctx, t.TempDir()+"/p.duckdb", Config{})
	if err != nil {
		t.Fatal(err)
	}
	defer d.Close()
	if _, err := ingest.File(ctx, d, "../party/testdata/shipments.csv", ingest.Options{}); err != nil {
		t.Fatal(err)
	}
	resolve := func() *party.Result {
		t.Helper()
		vs, err := d.PartyVariants(ctx)
		if err != nil {
			t.Fatal(err)
		}
		r, err := party.Resolve(ctx, vs, party.Options{})
		if err != nil {
			t.Fatal(err)
		}
		if err := d.ReplaceParties(ctx, r); err != nil {
			t.Fatal(err)
		}
		return r
	}
	r := resolve()
	var nParties, nLinks, nShip int
	q := d.SQL()
	if err := q.QueryRowContext(ctx, `SELECT (SELECT count(*) FROM parties), (SELECT count(*) FROM shipment_parties), (SELECT count(*) FROM shipments)`).Scan(&nParties, &nLinks, &nShip); err != nil {
		t.Fatal(err)
	}
	if nParties != 12 || nParties != len(r.Parties) {
		t.Errorf("%d parties stored (%d resolved), want 12", nParties, len(r.Parties))
	}
	if nShip != 12 || nLinks != 2*nShip {
		t.Errorf("%d shipment_parties rows for %d shipments, want two per shipment", nLinks, nShip)
	}
	shipmentID := func(rec string) trade.ShipmentID {
		var id int64
		if err := q.QueryRowContext(ctx, `SELECT id FROM shipments WHERE record_id = ?`, rec).Scan(&id); err != nil {
			t.Fatal(err)
		}
		return trade.ShipmentID(id)
	}
	sps, err := d.PartyIDsForShipments(ctx, []trade.ShipmentID{shipmentID("T0005"), shipmentID("T0001"), shipmentID("T0003")})
	if err != nil {
		t.Fatal(err)
	}
	if len(sps) != 6 {
		t.Fatalf("PartyIDsForShipments = %d rows, want 6: %+v", len(sps), sps)
	}
	role := map[trade.ShipmentID]map[string]int64{}
	for _, sp := range sps {
		if role[sp.ShipmentID] == nil {
			role[sp.ShipmentID] = map[string]int64{}
		}
		role[sp.ShipmentID][sp.Role] = sp.PartyID
	}
	kosmos := role[shipmentID("T0005")]["consignee"]
	// the importer written with its INN, in Cyrillic without it, transliterated, and in English is one party
	for _, rec := range []string{"T0001", "T0003"} {
		if got := role[shipmentID(rec)]["consignee"]; got != kosmos {
			t.Errorf("%s consignee is party %d, want %d (the INN's party)", rec, got, kosmos)
		}
	}
	if role[shipmentID("T0001")]["shipper"] != role[shipmentID("T0003")]["shipper"] {
		t.Errorf("the Chinese exporter in characters (with USCC) and in Latin (without) are two parties")
	}
	p, err := d.Party(ctx, kosmos)
	if err != nil {
		t.Fatal(err)
	}
	if p.Name != `ООО "КОСМОТЕХ"` || p.Country != "RU" || len(p.Identifiers) != 1 || p.Identifiers[0] != "7701234561" ||
		len(p.Variants) != 4 || p.Lines != 4 || p.Roles["consignee"] != 4 || p.ValueUSD != 24000 || p.First.IsZero() ||
		string(p.Matches) != "[]" || p.Risk != 0 {
		t.Errorf("Party(%d) = %+v", kosmos, p)
	}
	if _, err := d.Party(ctx, 1); err == nil {
		t.Error("Party(1) found a party that does not exist")
	}
	found, err := d.Parties(ctx, PartyFilter{Query: party.SearchWords("КОСМОТЕХ")})
	if err != nil {
		t.Fatal(err)
	}
	if len(found) != 2 {
		t.Errorf("search for КОСМОТЕХ found %d parties, want 2 (the importer and the other firm of that name)", len(found))
	}
	top, err := d.Parties(ctx, PartyFilter{Order: ByValue, Limit: 1})
	if err != nil {
		t.Fatal(err)
	}
	if len(top) != 1 || top[0].ID != kosmos {
		t.Errorf("Parties by value, limit 1 = %+v, want the importer", top)
	}
	page2, err := d.Parties(ctx, PartyFilter{Limit: 5, Offset: 10})
	if err != nil {
		t.Fatal(err)
	}
	if len(page2) != 2 {
		t.Errorf("Parties page 3 of 5 = %d parties, want 2", len(page2))
	}
	// a rebuild replaces, keeps the ids
	resolve()
	var again int
	if err := q.QueryRowContext(ctx, `SELECT count(*) FROM shipment_parties WHERE party_id = ?`, kosmos).Scan(&again); err != nil {
		t.Fatal(err)
	}
	if err := q.QueryRowContext(ctx, `SELECT (SELECT count(*) FROM parties), (SELECT count(*) FROM shipment_parties)`).Scan(&nParties, &nLinks); err != nil {
		t.Fatal(err)
	}
	if again != 4 || nParties != 12 || nLinks != 24 {
		t.Errorf("after a rebuild: the importer has %d lines, %d parties, %d links; want 4, 12, 24", again, nParties, nLinks)
	}
}
