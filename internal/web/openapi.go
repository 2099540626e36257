package web

import (
	"encoding/json"
	"net/http"
	"reflect"
	"sort"
	"strings"
	"sync"
	"time"

	"tradetrace/internal/duckdb"
)

func (s *Server) openapi(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.Write(OpenAPI())
}

// apiPath describes one GET or POST path of the API.
type apiPath struct {
	path, method, summary string
	params                []apiParam
	body                  any // request body type for POST
	resp                  any // response type
	status                string
}

type apiParam struct {
	name, in, typ, desc string
	required            bool
}

var (
	pPaging = []apiParam{{"offset", "query", "integer", "first item, from 0", false}, {"limit", "query", "integer", "items per page", false}}
	pFormat = apiParam{"format", "query", "string", "json (default) or csv: the page's table as CSV", false}
)

func withPaging(ps ...apiParam) []apiParam { return append(append(ps, pPaging...), pFormat) }

func apiPaths() []apiPath {
	id := func(desc string) apiParam { return apiParam{"id", "path", "string", desc, true} }
	return []apiPath{
		{path: "/overview", method: "get", summary: "Findings and cases by detector, severity and status; flows into Russia and Belarus by month, goods class and route; top suppliers through hubs", resp: OverviewPage{}},
		{path: "/search", method: "get", summary: "Search parties (any script or variant), goods text, HS codes, countries and declaration numbers", params: withPaging(
			apiParam{"q", "query", "string", "the search box", false}, apiParam{"kind", "query", "string", "all, parties or shipments", false},
			apiParam{"country", "query", "string", "ISO 3166 alpha-2 or a country name", false}, apiParam{"hs", "query", "string", "HS code prefix, 2 to 10 digits", false},
			apiParam{"class", "query", "string", "goods class id (e.g. drone, arms.military) or chpl, chpl.1 …", false},
			apiParam{"from", "query", "string", "YYYY-MM-DD or YYYY-MM", false}, apiParam{"to", "query", "string", "YYYY-MM-DD or YYYY-MM", false}), resp: SearchPage{}},
		{path: "/parties/{id}", method: "get", summary: "A party: variants, identifiers, list matches, risk, monthly trade, counterparties, findings and cases", params: []apiParam{id("party id, or n:NAME for an exact name while parties are not resolved")}, resp: PartyPage{}},
		{path: "/parties/{id}/shipments", method: "get", summary: "A party's shipment lines, newest first", params: withPaging(id("party id or n:NAME"), apiParam{"role", "query", "string", "shipper or consignee", false}), resp: PartyShipmentsPage{}},
		{path: "/parties/{id}/network", method: "get", summary: "A party's trading network up to two hops", params: []apiParam{id("party id or n:NAME"), {"hops", "query", "integer", "1 or 2", false}, {"limit", "query", "integer", "partners per party, 1 to 25", false}}, resp: duckdb.WebNetwork{}},
		{path: "/shipments/{id}", method: "get", summary: "A shipment line: every field, the raw source row with provenance, goods classes with their deciding words, route, findings", params: []apiParam{id("shipment id")}, resp: ShipmentPage{}},
		{path: "/findings", method: "get", summary: "Findings with their triage state", params: withPaging(
			apiParam{"detector", "query", "string", "detector name", false}, apiParam{"severity", "query", "string", "info, low, medium, high, critical", false},
			apiParam{"status", "query", "string", "new, confirmed, dismissed", false}, apiParam{"q", "query", "string", "text in the title or explanation", false},
			apiParam{"sort", "query", "string", "score, value, detector, title, decided", false}), resp: FindingsPage{}},
		{path: "/findings/{id}", method: "get", summary: "A finding with its shipment lines, cases and triage history", params: []apiParam{id("finding id, or its stable key")}, resp: FindingPage{}},
		{path: "/cases", method: "get", summary: "Cases with their triage state", params: withPaging(
			apiParam{"kind", "query", "string", "party or route", false}, apiParam{"status", "query", "string", "new, confirmed, dismissed", false},
			apiParam{"q", "query", "string", "text in the title", false}, apiParam{"sort", "query", "string", "score, value, date", false}), resp: CasesPage{}},
		{path: "/cases/{id}", method: "get", summary: "A case with its reasons, parties, findings and triage history", params: []apiParam{id("case id")}, resp: CasePage{}},
		{path: "/flows", method: "get", summary: "Origin → dispatch → destination routes for a goods class, text and period", params: []apiParam{
			{"class", "query", "string", "goods class id or chpl tier", false}, {"q", "query", "string", "brand or goods text", false},
			{"from", "query", "string", "YYYY-MM-DD or YYYY-MM", false}, {"to", "query", "string", "YYYY-MM-DD or YYYY-MM", false},
			{"dest", "query", "string", "sanctioned (default), all, or a country", false}, pFormat}, resp: FlowsPage{}},
		{path: "/lists", method: "get", summary: "Loaded list versions with counts and differences from the version before", params: []apiParam{pFormat}, resp: ListsPage{}},
		{path: "/runs", method: "get", summary: "Ingest runs with their counts", params: withPaging(), resp: RunsPage{}},
		{path: "/runs/{id}", method: "get", summary: "An ingest run and its rejected rows", params: withPaging(id("run id")), resp: RunPage{}},
		{path: "/csrf", method: "get", summary: "A CSRF token for POST requests (sets the tt_csrf cookie)", resp: map[string]string{}},
		{path: "/triage", method: "post", summary: "Record a triage decision (append-only) for finding:KEY or case:KEY; needs the X-CSRF-Token header", params: []apiParam{{"X-CSRF-Token", "header", "string", "from GET /api/v1/csrf", true}}, body: TriageRequest{}, resp: struct {
			Target  string             `json:"target"`
			History []duckdb.WebTriage `json:"history"`
		}{}, status: "201"},
	}
}

var openapiDoc = sync.OnceValue(buildOpenAPI)

// OpenAPI returns the OpenAPI 3.1 document of the API, built from the types the handlers encode.
func OpenAPI() []byte { return openapiDoc() }

func buildOpenAPI() []byte {
	schemas := map[string]any{}
	sg := &schemaGen{defs: schemas}
	paths := map[string]any{}
	errResp := map[string]any{"description": "error", "content": map[string]any{"application/json": map[string]any{"schema": map[string]any{"$ref": "#/components/schemas/Error"}}}}
	for _, p := range apiPaths() {
		op := map[string]any{"summary": p.summary, "operationId": opID(p.method, p.path)}
		var params []any
		for _, q := range p.params {
			params = append(params, map[string]any{"name": q.name, "in": q.in, "required": q.required, "description": q.desc, "schema": map[string]any{"type": q.typ}})
		}
		if params != nil {
			op["parameters"] = params
		}
		if p.body != nil {
			op["requestBody"] = map[string]any{"required": true, "content": map[string]any{"application/json": map[string]any{"schema": sg.schema(reflect.TypeOf(p.body))}}}
		}
		status := p.status
		if status == "" {
			status = "200"
		}
		op["responses"] = map[string]any{
			status:    map[string]any{"description": "ok", "content": map[string]any{"application/json": map[string]any{"schema": sg.schema(reflect.TypeOf(p.resp))}}},
			"default": errResp,
		}
		paths["/api/v1"+p.path] = map[string]any{p.method: op}
	}
	schemas["Error"] = sg.schema(reflect.TypeOf(APIError{}))
	doc := map[string]any{
		"openapi": "3.1.0",
		"info": map[string]any{"title": "tradetrace workbench API", "version": "1",
			"description": "Everything the workbench pages show, as JSON. Lists page with offset and limit and return next_offset. Errors have one shape: {error: {status, code, message}}. With an access token, send Authorization: Bearer TOKEN."},
		"servers":    []any{map[string]any{"url": "/"}},
		"paths":      paths,
		"components": map[string]any{"schemas": schemas, "securitySchemes": map[string]any{"bearer": map[string]any{"type": "http", "scheme": "bearer"}}},
	}
	b, err := json.MarshalIndent(doc, "", "  ")
	if err != nil {
		panic(err) // the document is built from fixed maps
	}
	return append(b, '\n')
}

func opID(method, path string) string {
	var b strings.Builder
	b.WriteString(method)
	for _, part := range strings.Split(path, "/") {
		part = strings.Trim(part, "{}")
		if part == "" {
			continue
		}
		b.WriteString(strings.ToUpper(part[:1]) + part[1:])
	}
	return b.String()
}

type schemaGen struct{ defs map[string]any }

var (
	timeType = reflect.TypeOf(time.Time{})
	rawType  = reflect.TypeOf(json.RawMessage(nil))
)

func (g *schemaGen) schema(t reflect.Type) map[string]any {
	for t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	switch {
	case t == timeType:
		return map[string]any{"type": "string", "format": "date-time"}
	case t == rawType:
		return map[string]any{"description": "JSON as stored"}
	}
	if m, ok := reflect.New(t).Interface().(interface{ MarshalText() ([]byte, error) }); ok && m != nil && t.Kind() != reflect.Struct {
		return map[string]any{"type": "string"}
	}
	switch t.Kind() {
	case reflect.String:
		return map[string]any{"type": "string"}
	case reflect.Bool:
		return map[string]any{"type": "boolean"}
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64, reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
		return map[string]any{"type": "integer"}
	case reflect.Float32, reflect.Float64:
		return map[string]any{"type": "number"}
	case reflect.Slice, reflect.Array:
		return map[string]any{"type": "array", "items": g.schema(t.Elem())}
	case reflect.Map:
		return map[string]any{"type": "object", "additionalProperties": g.schema(t.Elem())}
	case reflect.Interface:
		return map[string]any{}
	case reflect.Struct:
		name := t.Name()
		if name != "" {
			name = strings.ToUpper(t.PkgPath()[strings.LastIndex(t.PkgPath(), "/")+1:][:1]) + t.PkgPath()[strings.LastIndex(t.PkgPath(), "/")+2:] + name
			if _, ok := g.defs[name]; !ok {
				g.defs[name] = map[string]any{} // break cycles
				g.defs[name] = g.object(t)
			}
			return map[string]any{"$ref": "#/components/schemas/" + name}
		}
		return g.object(t)
	}
	return map[string]any{}
}

func (g *schemaGen) object(t reflect.Type) map[string]any {
	props := map[string]any{}
	g.fields(t, props)
	keys := make([]string, 0, len(props))
	for k := range props {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return map[string]any{"type": "object", "properties": props, "required": keys}
}

func (g *schemaGen) fields(t reflect.Type, props map[string]any) {
	for i := 0; i < t.NumField(); i++ {
		f := t.Field(i)
		if !f.IsExported() {
			continue
		}
		tag := f.Tag.Get("json")
		if tag == "-" {
			continue
		}
		name, opts, _ := strings.Cut(tag, ",")
		if f.Anonymous && name == "" {
			ft := f.Type
			for ft.Kind() == reflect.Pointer {
				ft = ft.Elem()
			}
			g.fields(ft, props)
			continue
		}
		if name == "" {
			name = f.Name
		}
		if _, shadowed := props[name]; shadowed {
			continue // an outer field of the same name wins, as in encoding/json
		}
		s := g.schema(f.Type)
		if strings.Contains(opts, "omitempty") {
			s = map[string]any{"anyOf": []any{s}, "description": "omitted when empty"}
		}
		props[name] = s
	}
}
