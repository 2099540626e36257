package report

import (
	"fmt"
	"strconv"
	"strings"

	"tradetrace/internal/export"
)

// NetworkGraph maps a party network to a graph for the GraphML and GEXF writers. Node ids are "p" and the
// party id; the centre is of kind "subject", the others "partner"; edges are weighted by value in USD.
func NetworkGraph(n *Network) *export.Graph {
	g := &export.Graph{}
	nid := func(id int64) string { return "p" + strconv.FormatInt(id, 10) }
	for _, nd := range n.Nodes {
		kind := "partner"
		if nd.ID == n.Center {
			kind = "subject"
		}
		g.Nodes = append(g.Nodes, export.Node{ID: nid(nd.ID), Label: nd.Name, Kind: kind, Country: nd.Country, Risk: nd.Risk,
			Attrs: map[string]string{"party_id": strconv.FormatInt(nd.ID, 10), "hop": strconv.Itoa(nd.Hop),
				"lines": strconv.FormatInt(nd.Lines, 10), "value_usd": strconv.FormatFloat(nd.ValueUSD, 'f', -1, 64)}})
	}
	for _, e := range n.Edges {
		g.Edges = append(g.Edges, export.Edge{Source: nid(e.Shipper), Target: nid(e.Consignee), Weight: e.ValueUSD, Lines: int(e.Lines)})
	}
	return g
}

// ExportParty maps a party as the store reads it to the export model (plain JSON, FtM Company).
// Identifiers read as "SCHEME value" keep their scheme.
func ExportParty(p *Party) *export.Party {
	ep := &export.Party{ID: p.ID, Name: p.Name, NameEn: p.NameEn, Country: p.Country, Addresses: p.Addresses, Roles: p.Roles,
		Lines: p.Lines, ValueUSD: p.ValueUSD, WeightKg: p.WeightKg, Risk: p.Risk}
	for _, v := range p.Variants {
		ep.Variants = append(ep.Variants, v.Name)
		if v.NameEn != "" {
			ep.Variants = append(ep.Variants, v.NameEn)
		}
	}
	for _, id := range p.Identifiers {
		scheme, value, ok := strings.Cut(id, " ")
		if !ok {
			scheme, value = "", id
		}
		ep.Identifiers = append(ep.Identifiers, export.Identifier{Scheme: scheme, Value: value})
	}
	if !p.FirstSeen.IsZero() {
		ep.FirstSeen = p.FirstSeen.Format("2006-01-02")
	}
	if !p.LastSeen.IsZero() {
		ep.LastSeen = p.LastSeen.Format("2006-01-02")
	}
	for _, m := range p.Matches {
		ep.Matches = append(ep.Matches, fmt.Sprintf("%s: %s (%.2f) %s", m.List, m.Entry, m.Score, m.Explanation))
	}
	return ep
}
