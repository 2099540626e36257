package trade

import (
	"reflect"
	"testing"
)

// TestFindingLists: the lists round-trip through their JSON, empty lists are written as [], and bad JSON names the
// finding.
func TestFindingLists(t *testing.T) {
	f := Finding{ID: 7, Parties: []FindingParty{{Name: `A "B"`, Role: "shipper"}}, Shipments: []string{"R1"},
		ShipmentIDs: []ShipmentID{1, 2}, Evidence: []Evidence{{Label: "l", Value: "v", RecordID: "R1"}}}
	p, s, i, e := f.EncodeLists()
	var g Finding
	if err := g.DecodeLists(p, s, i, e); err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(g.Parties, f.Parties) || !reflect.DeepEqual(g.Shipments, f.Shipments) ||
		!reflect.DeepEqual(g.ShipmentIDs, f.ShipmentIDs) || !reflect.DeepEqual(g.Evidence, f.Evidence) {
		t.Errorf("round trip: got %+v, want %+v", g, f)
	}
	if p, s, i, e := (&Finding{}).EncodeLists(); p != "[]" || s != "[]" || i != "[]" || e != "[]" {
		t.Errorf("empty lists encode as %s %s %s %s, want []", p, s, i, e)
	}
	if err := (&Finding{ID: 9}).DecodeLists("[", "[]", "[]", "[]"); err == nil || err.Error()[:9] != "finding 9" {
		t.Errorf("bad JSON: %v, want an error naming finding 9", err)
	}
}
