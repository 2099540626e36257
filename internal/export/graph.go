package export

import (
	"bufio"
	"fmt"
	"io"
	"math"
	"slices"
	"strconv"
)

// Node is a party in a network graph.
type Node struct {
	ID, Label, Kind, Country string
	Risk                     float64 // 0..1
	Attrs                    map[string]string
}

// Edge is a trade relation between two parties: Source shipped to Target.
type Edge struct {
	Source, Target string
	Weight         float64 // the value in USD, or what the caller weighs edges by
	Lines          int     // declaration lines behind the edge
	Attrs          map[string]string
}

// Graph is a directed network of parties.
type Graph struct {
	Nodes []Node
	Edges []Edge
}

// attrKeys returns the sorted names of the extra attributes on nodes and on edges.
func (g *Graph) attrKeys() (nodeKeys, edgeKeys []string) {
	nk, ek := map[string]bool{}, map[string]bool{}
	for _, n := range g.Nodes {
		for k := range n.Attrs {
			nk[k] = true
		}
	}
	for _, e := range g.Edges {
		for k := range e.Attrs {
			ek[k] = true
		}
	}
	for k := range nk {
		nodeKeys = append(nodeKeys, k)
	}
	for k := range ek {
		edgeKeys = append(edgeKeys, k)
	}
	slices.Sort(nodeKeys)
	slices.Sort(edgeKeys)
	return nodeKeys, edgeKeys
}

// check reports edges whose ends are not nodes, and duplicate node ids.
func (g *Graph) check() error {
	ids := make(map[string]bool, len(g.Nodes))
	for _, n := range g.Nodes {
		if ids[n.ID] {
			return fmt.Errorf("node %q appears twice", n.ID)
		}
		ids[n.ID] = true
	}
	for i, e := range g.Edges {
		if !ids[e.Source] || !ids[e.Target] {
			return fmt.Errorf("edge %d (%q → %q) names a node the graph does not hold", i, e.Source, e.Target)
		}
	}
	return nil
}

func formatFloat(f float64) string {
	if math.IsNaN(f) || math.IsInf(f, 0) {
		return "0"
	}
	return strconv.FormatFloat(f, 'f', -1, 64)
}

// WriteGraphML writes the graph as GraphML (graphml.graphdrawing.org), directed, with the node fields label,
// kind, country and risk, the edge fields weight and lines, and every extra attribute as a string key.
func WriteGraphML(w io.Writer, g *Graph) error {
	if err := g.check(); err != nil {
		return fmt.Errorf("write graphml: %w", err)
	}
	nodeKeys, edgeKeys := g.attrKeys()
	b := bufio.NewWriter(w)
	b.WriteString(`<?xml version="1.0" encoding="UTF-8"?>` + "\n")
	b.WriteString(`<graphml xmlns="http://graphml.graphdrawing.org/xmlns" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:schemaLocation="http://graphml.graphdrawing.org/xmlns http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd">` + "\n")
	keys := []struct{ id, for_, name, typ string }{
		{"label", "node", "label", "string"},
		{"kind", "node", "kind", "string"},
		{"country", "node", "country", "string"},
		{"risk", "node", "risk", "double"},
		{"weight", "edge", "weight", "double"},
		{"lines", "edge", "lines", "int"},
	}
	for i, k := range nodeKeys {
		keys = append(keys, struct{ id, for_, name, typ string }{fmt.Sprintf("n%d", i), "node", k, "string"})
	}
	for i, k := range edgeKeys {
		keys = append(keys, struct{ id, for_, name, typ string }{fmt.Sprintf("e%d", i), "edge", k, "string"})
	}
	for _, k := range keys {
		fmt.Fprintf(b, "  <key id=\"%s\" for=\"%s\" attr.name=\"%s\" attr.type=\"%s\"/>\n", k.id, k.for_, xmlText(k.name), k.typ)
	}
	b.WriteString("  <graph id=\"G\" edgedefault=\"directed\">\n")
	data := func(key, v string) {
		fmt.Fprintf(b, "      <data key=\"%s\">%s</data>\n", key, xmlText(v))
	}
	for _, n := range g.Nodes {
		fmt.Fprintf(b, "    <node id=\"%s\">\n", xmlText(n.ID))
		data("label", n.Label)
		data("kind", n.Kind)
		data("country", n.Country)
		data("risk", formatFloat(n.Risk))
		for i, k := range nodeKeys {
			if v, ok := n.Attrs[k]; ok {
				data(fmt.Sprintf("n%d", i), v)
			}
		}
		b.WriteString("    </node>\n")
	}
	for i, e := range g.Edges {
		fmt.Fprintf(b, "    <edge id=\"e%d\" source=\"%s\" target=\"%s\">\n", i, xmlText(e.Source), xmlText(e.Target))
		data("weight", formatFloat(e.Weight))
		data("lines", strconv.Itoa(e.Lines))
		for j, k := range edgeKeys {
			if v, ok := e.Attrs[k]; ok {
				data(fmt.Sprintf("e%d", j), v)
			}
		}
		b.WriteString("    </edge>\n")
	}
	b.WriteString("  </graph>\n</graphml>\n")
	if err := b.Flush(); err != nil {
		return fmt.Errorf("write graphml: %w", err)
	}
	return nil
}

// riskColour maps a risk in [0, 1] to a colour from grey-green (none) through amber to red (certain).
func riskColour(r float64) (red, green, blue int) {
	r = math.Max(0, math.Min(1, r))
	if math.IsNaN(r) {
		r = 0
	}
	if r < 0.5 {
		t := r / 0.5
		return int(120 + t*(230-120)), 160, int(120 - t*(120-40))
	}
	t := (r - 0.5) / 0.5
	return int(230 - t*(230-200)), int(160 - t*160), int(40 - t*40)
}

// WriteGEXF writes the graph as GEXF 1.3 (gexf.net), which Gephi opens: a static directed graph, nodes with
// the attributes kind, country and risk (and every extra attribute), coloured and sized by risk; edges
// weighted, with their line count.
func WriteGEXF(w io.Writer, g *Graph) error {
	if err := g.check(); err != nil {
		return fmt.Errorf("write gexf: %w", err)
	}
	nodeKeys, edgeKeys := g.attrKeys()
	b := bufio.NewWriter(w)
	b.WriteString(`<?xml version="1.0" encoding="UTF-8"?>` + "\n")
	b.WriteString(`<gexf xmlns="http://gexf.net/1.3" xmlns:viz="http://gexf.net/1.3/viz" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:schemaLocation="http://gexf.net/1.3 http://gexf.net/1.3/gexf.xsd" version="1.3">` + "\n")
	b.WriteString("  <meta><creator>tradetrace</creator><description>trade network of parties: edges run from shipper to consignee</description></meta>\n")
	b.WriteString("  <graph defaultedgetype=\"directed\" mode=\"static\">\n")
	b.WriteString("    <attributes class=\"node\">\n")
	b.WriteString("      <attribute id=\"kind\" title=\"kind\" type=\"string\"/>\n")
	b.WriteString("      <attribute id=\"country\" title=\"country\" type=\"string\"/>\n")
	b.WriteString("      <attribute id=\"risk\" title=\"risk\" type=\"double\"/>\n")
	for i, k := range nodeKeys {
		fmt.Fprintf(b, "      <attribute id=\"n%d\" title=\"%s\" type=\"string\"/>\n", i, xmlText(k))
	}
	b.WriteString("    </attributes>\n    <attributes class=\"edge\">\n")
	b.WriteString("      <attribute id=\"lines\" title=\"lines\" type=\"integer\"/>\n")
	for i, k := range edgeKeys {
		fmt.Fprintf(b, "      <attribute id=\"e%d\" title=\"%s\" type=\"string\"/>\n", i, xmlText(k))
	}
	b.WriteString("    </attributes>\n")
	att := func(id, v string) {
		fmt.Fprintf(b, "          <attvalue for=\"%s\" value=\"%s\"/>\n", id, xmlText(v))
	}
	b.WriteString("    <nodes>\n")
	for _, n := range g.Nodes {
		fmt.Fprintf(b, "      <node id=\"%s\" label=\"%s\">\n        <attvalues>\n", xmlText(n.ID), xmlText(n.Label))
		att("kind", n.Kind)
		att("country", n.Country)
		att("risk", formatFloat(n.Risk))
		for i, k := range nodeKeys {
			if v, ok := n.Attrs[k]; ok {
				att(fmt.Sprintf("n%d", i), v)
			}
		}
		r, gr, bl := riskColour(n.Risk)
		fmt.Fprintf(b, "        </attvalues>\n        <viz:color r=\"%d\" g=\"%d\" b=\"%d\"/>\n        <viz:size value=\"%s\"/>\n      </node>\n",
			r, gr, bl, formatFloat(10+20*math.Max(0, math.Min(1, n.Risk))))
	}
	b.WriteString("    </nodes>\n    <edges>\n")
	for i, e := range g.Edges {
		fmt.Fprintf(b, "      <edge id=\"%d\" source=\"%s\" target=\"%s\" weight=\"%s\">\n        <attvalues>\n",
			i, xmlText(e.Source), xmlText(e.Target), formatFloat(e.Weight))
		att("lines", strconv.Itoa(e.Lines))
		for j, k := range edgeKeys {
			if v, ok := e.Attrs[k]; ok {
				att(fmt.Sprintf("e%d", j), v)
			}
		}
		b.WriteString("        </attvalues>\n      </edge>\n")
	}
	b.WriteString("    </edges>\n  </graph>\n</gexf>\n")
	if err := b.Flush(); err != nil {
		return fmt.Errorf("write gexf: %w", err)
	}
	return nil
}
