package report

import (
	"bytes"
	"testing"

	"tradetrace/internal/export"
)

func TestNetworkGraph(t *testing.T) {
	n := &Network{Center: 2,
		Nodes: []NetworkNode{{ID: 2, Name: "TEKHKRIM", Country: "RU", Risk: 0.9}, {ID: 1, Name: "NORINCO <CN>", Country: "CN", Hop: 1}},
		Edges: []NetworkEdge{{Shipper: 1, Consignee: 2, Lines: 3, ValueUSD: 1105000}}}
	g := NetworkGraph(n)
	if len(g.Nodes) != 2 || g.Nodes[0].Kind != "subject" || g.Nodes[1].Kind != "partner" || g.Nodes[1].Attrs["hop"] != "1" {
		t.Errorf("nodes = %+v", g.Nodes)
	}
	if len(g.Edges) != 1 || g.Edges[0].Source != "p1" || g.Edges[0].Target != "p2" || g.Edges[0].Lines != 3 {
		t.Errorf("edges = %+v", g.Edges)
	}
	var b bytes.Buffer
	if err := export.WriteGEXF(&b, g); err != nil {
		t.Errorf("WriteGEXF(NetworkGraph) = %v", err)
	}
}

func TestExportParty(t *testing.T) {
	p := &Party{ID: 7, Name: "ООО Ромашка", Country: "RU", Identifiers: []string{"INN 7701234567", "1234"},
		Variants: []Variant{{Name: "ООО Ромашка", NameEn: "Romashka LLC"}}, Matches: []Match{{List: "ofac_sdn", Entry: "ROMASHKA", Score: 0.9}}}
	ep := ExportParty(p)
	if len(ep.Identifiers) != 2 || ep.Identifiers[0] != (export.Identifier{Scheme: "INN", Value: "7701234567"}) || ep.Identifiers[1].Value != "1234" {
		t.Errorf("identifiers = %+v", ep.Identifiers)
	}
	e := export.PartyEntity(ep)
	if e.Properties["innCode"][0] != "7701234567" || e.Properties["alias"][0] != "Romashka LLC" || len(e.Properties["notes"]) != 1 {
		t.Errorf("FtM entity = %+v", e)
	}
}
