package web

import (
	"encoding/json"
	"fmt"
	"net/http"
	"sort"
	"strconv"

	"tradetrace/internal/duckdb"
	"tradetrace/internal/export"
)

// WriteError writes the API's error shape; handlers mounted through Options.Mount use it.
func WriteError(w http.ResponseWriter, status int, code, msg string) {
	var e APIError
	e.Error.Status, e.Error.Code, e.Error.Message = status, code, msg
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.WriteHeader(status)
	json.NewEncoder(w).Encode(e)
}

// tableOf turns the Items of a page's data into an export table: the JSON fields of the items, sorted by name,
// as columns.
func tableOf(items []any) *export.Table {
	t := &export.Table{Name: "tradetrace"}
	for i, it := range items {
		b, err := json.Marshal(it)
		if err != nil {
			continue
		}
		var m map[string]any
		if json.Unmarshal(b, &m) != nil {
			continue
		}
		if i == 0 {
			for k := range m {
				t.Columns = append(t.Columns, k)
			}
			sort.Strings(t.Columns)
		}
		row := make([]string, len(t.Columns))
		for j, k := range t.Columns {
			row[j] = cellText(m[k])
		}
		t.Rows = append(t.Rows, row)
	}
	for _, c := range t.Columns {
		switch c {
		case "id", "record_id", "hs_code", "declaration_no", "key", "shipment_ids", "party_ids":
			t.Types = append(t.Types, export.ColumnText)
		default:
			t.Types = append(t.Types, export.ColumnAuto)
		}
	}
	return t
}

func cellText(v any) string {
	switch x := v.(type) {
	case nil:
		return ""
	case string:
		return x
	case float64:
		return strconv.FormatFloat(x, 'f', -1, 64)
	case bool:
		return strconv.FormatBool(x)
	default:
		b, _ := json.Marshal(x)
		return string(b)
	}
}

// partyGraph serves a party's two-hop network as GraphML or GEXF (opens in Gephi).
func (s *Server) partyGraph(format string) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		ref, err := s.partyRef(r)
		if err != nil {
			s.failErr(w, r, err)
			return
		}
		net, err := s.store.WebPartyNetwork(r.Context(), ref, 2, 12)
		if err != nil {
			s.failErr(w, r, err)
			return
		}
		g := graphOf(net)
		name := "party-network." + format
		if ref.Name == "" {
			name = fmt.Sprintf("party-%d-network.%s", ref.ID, format)
		}
		w.Header().Set("Content-Disposition", `attachment; filename="`+name+`"`)
		if format == "gexf" {
			w.Header().Set("Content-Type", "application/gexf+xml; charset=utf-8")
			err = export.WriteGEXF(w, g)
		} else {
			w.Header().Set("Content-Type", "application/graphml+xml; charset=utf-8")
			err = export.WriteGraphML(w, g)
		}
		if err != nil && s.opts.Log != nil {
			s.opts.Log.Printf("%s: %v", r.URL.Path, err)
		}
	}
}

func graphOf(n *duckdb.WebNetwork) *export.Graph {
	g := &export.Graph{}
	for _, x := range n.Nodes {
		g.Nodes = append(g.Nodes, export.Node{ID: x.Ref, Label: x.Name, Kind: "party", Country: x.Country, Risk: x.Risk,
			Attrs: map[string]string{"hop": strconv.Itoa(x.Hop)}})
	}
	for _, e := range n.Edges {
		g.Edges = append(g.Edges, export.Edge{Source: e.From, Target: e.To, Weight: e.ValueUSD, Lines: int(e.Lines)})
	}
	return g
}
