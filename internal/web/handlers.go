package web

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"reflect"
	"regexp"
	"slices"
	"sort"
	"strconv"
	"strings"
	"time"

	"tradetrace/internal/country"
	"tradetrace/internal/duckdb"
	"tradetrace/internal/export"
	"tradetrace/internal/goods"
	"tradetrace/internal/hs"
	"tradetrace/internal/names"
	"tradetrace/internal/trade"
)

// routes registers every page under its path and, with the same handler, its JSON under /api/v1/.
func (s *Server) routes() {
	m := http.NewServeMux()
	both := func(pattern string, h http.HandlerFunc) {
		m.HandleFunc("GET "+pattern, h)
		api := "/api/v1" + pattern
		if pattern == "/" {
			api = "/api/v1/overview"
			m.HandleFunc("GET /{$}", h)
			m.HandleFunc("GET "+api, h)
			return
		}
		m.HandleFunc("GET "+api, h)
	}
	m.HandleFunc("GET /{$}", s.overview)
	m.HandleFunc("GET /api/v1/overview", s.overview)
	both("/search", s.search)
	both("/parties/{id}", s.party)
	both("/parties/{id}/shipments", s.partyShipments)
	m.HandleFunc("GET /api/v1/parties/{id}/network", s.partyNetwork)
	m.HandleFunc("GET /parties/{id}/network.graphml", s.partyGraph("graphml"))
	m.HandleFunc("GET /parties/{id}/network.gexf", s.partyGraph("gexf"))
	both("/shipments/{id}", s.shipment)
	both("/findings", s.findings)
	both("/findings/{id}", s.finding)
	both("/cases", s.cases)
	both("/cases/{id}", s.caseDetail)
	both("/flows", s.flows)
	both("/lists", s.lists)
	both("/runs", s.runs)
	both("/runs/{id}", s.run)
	m.HandleFunc("POST /triage", s.triagePost)
	m.HandleFunc("POST /api/v1/triage", s.triagePost)
	m.HandleFunc("GET /api/v1/csrf", s.csrf)
	m.HandleFunc("GET /api/v1/openapi.json", s.openapi)
	m.HandleFunc("GET /healthz", func(w http.ResponseWriter, r *http.Request) { fmt.Fprintln(w, "ok") })
	static := http.FileServerFS(staticFS)
	m.Handle("GET /static/", http.StripPrefix("", static))
	if s.opts.Mount != nil {
		s.opts.Mount(m)
	}
	m.HandleFunc("/api/", func(w http.ResponseWriter, r *http.Request) {
		s.fail(w, r, http.StatusNotFound, "not_found", "no such API path: "+r.URL.Path)
	})
	m.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) {
		s.fail(w, r, http.StatusNotFound, "not_found", "no such page: "+r.URL.Path)
	})
	s.mux = m
}

func isAPI(r *http.Request) bool { return strings.HasPrefix(r.URL.Path, "/api/") }

// brief reports whether the response is an HTML page, whose lists of findings show neither evidence nor cited
// lines; the API and the exports get whole findings.
func brief(r *http.Request) bool { return !isAPI(r) && r.URL.Query().Get("format") == "" }

// APIError is the one error shape of the API.
type APIError struct {
	Error struct {
		Status  int    `json:"status"`
		Code    string `json:"code"`
		Message string `json:"message"`
	} `json:"error"`
}

func (s *Server) fail(w http.ResponseWriter, r *http.Request, status int, code, msg string) {
	if status >= 500 && s.opts.Log != nil {
		s.opts.Log.Printf("%s %s: %s", r.Method, r.URL.Path, msg)
	}
	if isAPI(r) || r.Header.Get("Accept") == "application/json" {
		var e APIError
		e.Error.Status, e.Error.Code, e.Error.Message = status, code, msg
		w.Header().Set("Content-Type", "application/json; charset=utf-8")
		w.WriteHeader(status)
		json.NewEncoder(w).Encode(e)
		return
	}
	w.WriteHeader(status)
	s.render(w, r, "error", "Error", map[string]any{"Status": status, "Code": code, "Message": msg})
}

// failErr maps a store error to a response.
func (s *Server) failErr(w http.ResponseWriter, r *http.Request, err error) {
	var bad badRequest
	switch {
	case errors.Is(err, trade.ErrNotFound):
		s.fail(w, r, http.StatusNotFound, "not_found", err.Error())
	case errors.As(err, &bad):
		s.fail(w, r, http.StatusBadRequest, "bad_request", err.Error())
	case r.Context().Err() != nil:
		s.fail(w, r, http.StatusServiceUnavailable, "cancelled", "the request was cancelled")
	default:
		s.fail(w, r, http.StatusInternalServerError, "internal", err.Error())
	}
}

type badRequest struct{ msg string }

func (b badRequest) Error() string { return b.msg }

// respond writes data as JSON under /api/, as CSV with ?format=csv (the page's table named by Table), or as
// the page's HTML.
func (s *Server) respond(w http.ResponseWriter, r *http.Request, page, title string, data any) {
	if isAPI(r) {
		if f := r.URL.Query().Get("format"); f != "" && f != "json" {
			s.exportTable(w, r, f, data)
			return
		}
		w.Header().Set("Content-Type", "application/json; charset=utf-8")
		enc := json.NewEncoder(w)
		enc.SetEscapeHTML(true)
		if err := enc.Encode(data); err != nil && s.opts.Log != nil {
			s.opts.Log.Printf("%s: encode: %v", r.URL.Path, err)
		}
		return
	}
	if f := r.URL.Query().Get("format"); f == "csv" || f == "xlsx" {
		s.exportTable(w, r, f, data)
		return
	}
	s.render(w, r, page, title, data)
}

// exportTable writes the list named Items of a page's data as CSV or XLSX (internal/export), with cells that
// a spreadsheet would run as formulas neutralised.
func (s *Server) exportTable(w http.ResponseWriter, r *http.Request, format string, data any) {
	if format != "csv" && format != "xlsx" {
		s.fail(w, r, http.StatusBadRequest, "bad_request", fmt.Sprintf("format %q: want json, csv or xlsx", format))
		return
	}
	v := reflect.Indirect(reflect.ValueOf(data))
	var items reflect.Value
	if v.Kind() == reflect.Struct {
		items = v.FieldByName("Items")
	}
	if !items.IsValid() || items.Kind() != reflect.Slice {
		s.fail(w, r, http.StatusBadRequest, "bad_request", "this page has no table to export")
		return
	}
	list := make([]any, items.Len())
	for i := range list {
		list[i] = items.Index(i).Interface()
	}
	t := tableOf(list) // the writers neutralise formula cells
	var err error
	if format == "xlsx" {
		w.Header().Set("Content-Type", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
		w.Header().Set("Content-Disposition", `attachment; filename="tradetrace.xlsx"`)
		err = export.WriteXLSX(w, t)
	} else {
		w.Header().Set("Content-Type", "text/csv; charset=utf-8")
		w.Header().Set("Content-Disposition", `attachment; filename="tradetrace.csv"`)
		err = export.WriteCSV(w, t)
	}
	if err != nil && s.opts.Log != nil {
		s.opts.Log.Printf("%s: export: %v", r.URL.Path, err)
	}
}

// Paging is the paging of every list: offset and limit in, next and previous offsets out.
type Paging struct {
	Offset int  `json:"offset"`
	Limit  int  `json:"limit"`
	Next   *int `json:"next_offset"`
	Prev   *int `json:"prev_offset"`
}

func paging(r *http.Request, def, max int) (Paging, error) {
	p := Paging{Limit: def}
	q := r.URL.Query()
	if v := q.Get("offset"); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil || n < 0 || n > 1_000_000 {
			return p, badRequest{fmt.Sprintf("offset %q: want a number from 0 to 1000000", v)}
		}
		p.Offset = n
	}
	if v := q.Get("limit"); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil || n < 1 || n > max {
			return p, badRequest{fmt.Sprintf("limit %q: want a number from 1 to %d", v, max)}
		}
		p.Limit = n
	}
	return p, nil
}

func (p Paging) done(more bool) Paging {
	if more {
		n := p.Offset + p.Limit
		p.Next = &n
	}
	if p.Offset > 0 {
		n := max(0, p.Offset-p.Limit)
		p.Prev = &n
	}
	return p
}

var (
	reCountry = regexp.MustCompile(`^[A-Z]{2}$`)
	reDate    = regexp.MustCompile(`^\d{4}-\d{2}-\d{2}$`)
	reDigits  = regexp.MustCompile(`^\d{2,10}$`)
)

func queryCountry(r *http.Request, name string) (string, error) {
	v := strings.ToUpper(strings.TrimSpace(r.URL.Query().Get(name)))
	if v == "" {
		return "", nil
	}
	if !reCountry.MatchString(v) {
		c, err := country.Parse(v)
		if err != nil {
			return "", badRequest{fmt.Sprintf("%s %q: not a country", name, v)}
		}
		v = string(c)
	}
	return v, nil
}

func queryDate(r *http.Request, name string) (string, error) {
	v := strings.TrimSpace(r.URL.Query().Get(name))
	if v == "" {
		return "", nil
	}
	if len(v) == 7 { // a month
		if name == "to" {
			t, err := time.Parse("2006-01", v)
			if err != nil {
				return "", badRequest{fmt.Sprintf("%s %q: want YYYY-MM-DD or YYYY-MM", name, v)}
			}
			return t.AddDate(0, 1, -1).Format("2006-01-02"), nil
		}
		v += "-01"
	}
	if !reDate.MatchString(v) {
		return "", badRequest{fmt.Sprintf("%s %q: want YYYY-MM-DD or YYYY-MM", name, v)}
	}
	if _, err := time.Parse("2006-01-02", v); err != nil {
		return "", badRequest{fmt.Sprintf("%s %q: not a date", name, v)}
	}
	return v, nil
}

func clipText(s string, n int) string {
	s = strings.TrimSpace(s)
	if r := []rune(s); len(r) > n {
		return string(r[:n])
	}
	return s
}

// ---- overview

// OverviewPage is the overview.
type OverviewPage struct {
	Findings     []duckdb.WebCount `json:"findings"`
	Cases        []duckdb.WebCount `json:"cases"`
	Triage       []duckdb.WebCount `json:"triage"`
	Months       []FlowMonth       `json:"months"`
	Classes      []ClassFlow       `json:"classes"`
	HubSuppliers []duckdb.WebCount `json:"hub_suppliers"`
	HasParties   bool              `json:"has_parties"`
}

// FlowMonth is a month of lines into the sanctioned destinations, direct and through hubs.
type FlowMonth struct {
	Month       string  `json:"month"`
	DirectLines int64   `json:"direct_lines"`
	DirectUSD   float64 `json:"direct_usd"`
	HubLines    int64   `json:"hub_lines"`
	HubUSD      float64 `json:"hub_usd"`
}

// ClassFlow is a goods class or CHPL tier's lines into the sanctioned destinations.
type ClassFlow struct {
	Class     string  `json:"class"`
	Lines     int64   `json:"lines"`
	ValueUSD  float64 `json:"value_usd"`
	HubLines  int64   `json:"hub_lines"`
	HubUSD    float64 `json:"hub_usd"`
	HSExample string  `json:"hs_example"`
}

func hubCodes() []string {
	var out []string
	for _, h := range country.Hubs() {
		out = append(out, string(h.Code))
	}
	return out
}

// classPrefixes are the HS prefixes of military and CHPL goods, used to group lines by class.
func classPrefixes() []string {
	set := map[string]bool{}
	for _, r := range hs.Rules() {
		if r.Military || r.Kind == hs.KindIs {
			set[string(r.Prefix)] = true
		}
	}
	for _, c := range hs.CHPLCodes() {
		set[string(c)] = true
	}
	out := make([]string, 0, len(set))
	for p := range set {
		out = append(out, p)
	}
	sort.Strings(out)
	return out
}

// classOf names the class of an HS code for the overview: the CHPL tier, else the code's strongest class.
func classOf(code string) string {
	if code == "" {
		return "other goods"
	}
	c := hs.Code(code)
	if t, ok := hs.CHPL(c); ok {
		return "CHPL tier " + string(t)
	}
	best := ""
	var w float64
	for _, m := range hs.Classes(c) {
		if m.Weight > w {
			best, w = m.ID, m.Weight
		}
	}
	if best == "" {
		return "other goods"
	}
	return best
}

func (s *Server) overview(w http.ResponseWriter, r *http.Request) {
	v, err := s.cachedValue(r.Context(), "overview", 5*time.Minute, func(ctx context.Context) (any, error) {
		o, err := s.store.WebOverview(ctx, hubCodes(), []string{"RU", "BY"}, classPrefixes())
		if err != nil {
			return nil, err
		}
		has, err := s.store.WebHasParties(r.Context())
		if err != nil {
			return nil, err
		}
		p := &OverviewPage{Findings: o.Findings, Cases: o.Cases, Triage: o.Triage, HubSuppliers: o.HubSuppliers, HasParties: has}
		months := map[string]*FlowMonth{}
		classes := map[string]*ClassFlow{}
		for _, f := range o.Flows {
			month, route, code := f.Labels[0], f.Labels[2], f.Labels[3]
			m := months[month]
			if m == nil {
				m = &FlowMonth{Month: month}
				months[month] = m
			}
			cl := classOf(code)
			c := classes[cl]
			if c == nil {
				c = &ClassFlow{Class: cl, HSExample: code}
				classes[cl] = c
			}
			c.Lines += f.Lines
			c.ValueUSD += f.ValueUSD
			if route == "hub" {
				m.HubLines += f.Lines
				m.HubUSD += f.ValueUSD
				c.HubLines += f.Lines
				c.HubUSD += f.ValueUSD
			} else {
				m.DirectLines += f.Lines
				m.DirectUSD += f.ValueUSD
			}
		}
		for _, m := range months {
			p.Months = append(p.Months, *m)
		}
		sort.Slice(p.Months, func(i, j int) bool { return p.Months[i].Month < p.Months[j].Month })
		for _, c := range classes {
			p.Classes = append(p.Classes, *c)
		}
		sort.Slice(p.Classes, func(i, j int) bool {
			return p.Classes[i].ValueUSD > p.Classes[j].ValueUSD || p.Classes[i].ValueUSD == p.Classes[j].ValueUSD && p.Classes[i].Class < p.Classes[j].Class
		})
		return p, nil
	})
	if err != nil {
		s.failErr(w, r, err)
		return
	}
	s.respond(w, r, "overview", "Overview", v)
}

// ---- search

// SearchPage holds the results of one search box.
type SearchPage struct {
	Query     SearchQuery             `json:"query"`
	Keys      []string                `json:"keys"`
	Parties   []duckdb.WebPartyHit    `json:"parties"`
	Shipments []duckdb.WebShipmentRow `json:"shipments"`
	Items     []duckdb.WebShipmentRow `json:"-"`
	Paging    Paging                  `json:"paging"`
	Resolved  bool                    `json:"resolved_parties"`
}

// SearchQuery is the search form.
type SearchQuery struct {
	Q       string `json:"q"`
	Kind    string `json:"kind"` // all, parties, shipments
	Country string `json:"country"`
	HS      string `json:"hs"`
	Class   string `json:"class"`
	From    string `json:"from"`
	To      string `json:"to"`
}

var reDecl = regexp.MustCompile(`^[0-9A-Za-z]+([/-][0-9A-Za-z]+)+$|^[A-Z]{4}\d{6,}$|^\d{12,}$`)

func (s *Server) search(w http.ResponseWriter, r *http.Request) {
	p, err := paging(r, 25, 200)
	if err != nil {
		s.failErr(w, r, err)
		return
	}
	qs := r.URL.Query()
	sq := SearchQuery{Q: clipText(qs.Get("q"), 200), Kind: qs.Get("kind"), HS: strings.TrimSpace(qs.Get("hs")), Class: qs.Get("class")}
	if sq.Kind == "" {
		sq.Kind = "all"
	}
	if !slices.Contains([]string{"all", "parties", "shipments"}, sq.Kind) {
		s.failErr(w, r, badRequest{fmt.Sprintf("kind %q: want all, parties or shipments", sq.Kind)})
		return
	}
	if sq.Country, err = queryCountry(r, "country"); err != nil {
		s.failErr(w, r, err)
		return
	}
	if sq.From, err = queryDate(r, "from"); err != nil {
		s.failErr(w, r, err)
		return
	}
	if sq.To, err = queryDate(r, "to"); err != nil {
		s.failErr(w, r, err)
		return
	}
	if sq.HS != "" && !reDigits.MatchString(sq.HS) {
		s.failErr(w, r, badRequest{fmt.Sprintf("hs %q: want 2 to 10 digits", sq.HS)})
		return
	}
	page := &SearchPage{Query: sq, Parties: []duckdb.WebPartyHit{}, Shipments: []duckdb.WebShipmentRow{}}
	ctx := r.Context()
	page.Resolved, err = s.store.WebHasParties(ctx)
	if err != nil {
		s.failErr(w, r, err)
		return
	}
	var moreP, moreS bool
	text := sq.Q
	// A query that is all digits of HS length searches HS codes; one that looks like a declaration number or
	// record id searches those.
	decl := ""
	if text != "" && reDecl.MatchString(text) && !reDigits.MatchString(text) || len(text) >= 12 && reDigits.MatchString(text) {
		decl = text
	}
	hsq := sq.HS
	if hsq == "" && reDigits.MatchString(text) && len(text) <= 10 {
		hsq = text
	}
	if text != "" && sq.Kind != "shipments" && decl == "" && hsq == "" {
		n := names.Prepare(text, names.Options{})
		keys := n.Keys()
		for _, t := range n.Tokens() {
			for _, k := range []string{t.Latin, t.Text} {
				if k != "" && !slices.Contains(keys, k) {
					keys = append(keys, k)
				}
			}
		}
		page.Keys = keys
		page.Parties, moreP, err = s.store.WebSearchParties(ctx, duckdb.WebPartySearch{Text: text, Keys: keys, Country: sq.Country, Offset: p.Offset, Limit: p.Limit})
		if err != nil {
			s.failErr(w, r, err)
			return
		}
	}
	if sq.Kind != "parties" && (text != "" || hsq != "" || sq.Country != "" || sq.Class != "" || sq.From != "" || sq.To != "") {
		ss := duckdb.WebShipmentSearch{HSPrefix: hsq, Country: sq.Country, DeclarationNo: decl, From: sq.From, To: sq.To, Offset: p.Offset, Limit: p.Limit}
		if decl == "" && !(hsq != "" && hsq == text) {
			ss.Text = text
		}
		if sq.Class != "" {
			ss.HSPrefixes = classHS(sq.Class)
			if len(ss.HSPrefixes) == 0 {
				s.failErr(w, r, badRequest{fmt.Sprintf("class %q: no such goods class", sq.Class)})
				return
			}
		}
		page.Shipments, moreS, err = s.store.WebSearchShipments(ctx, ss)
		if err != nil {
			s.failErr(w, r, err)
			return
		}
	}
	page.Items = page.Shipments
	page.Paging = p.done(moreP || moreS)
	s.respond(w, r, "search", "Search", page)
}

// classHS returns the HS prefixes of the goods classes whose id starts with c ("drone" → drone.uav, drone.parts).
func classHS(c string) []string {
	var out []string
	for _, m := range hs.Rules() {
		if (m.ID == c || strings.HasPrefix(m.ID, c+".")) && m.Kind != hs.KindHides && !slices.Contains(out, string(m.Prefix)) {
			out = append(out, string(m.Prefix))
		}
	}
	if strings.HasPrefix(c, "chpl") {
		for _, it := range hs.CHPLItems("") {
			if c == "chpl" || "chpl."+string(it.Tier) == c {
				out = append(out, string(it.HS6))
			}
		}
	}
	return out
}

// ClassOption is a goods class offered in filters.
type ClassOption struct {
	ID   string `json:"id"`
	Name string `json:"name"`
}

func classOptions() []ClassOption {
	out := []ClassOption{{"chpl", "CHPL (all tiers)"}}
	for _, t := range hs.Tiers {
		out = append(out, ClassOption{"chpl." + string(t), "CHPL tier " + string(t)})
	}
	for _, c := range hs.AllClasses() {
		out = append(out, ClassOption{c.ID, c.Name})
	}
	return out
}

// ---- shipment

// ShipmentPage is one shipment line with its evidence.
type ShipmentPage struct {
	Shipment   *trade.Shipment     `json:"shipment"`
	Fields     [][2]string         `json:"fields"`
	Raw        [][2]string         `json:"raw"`
	Run        RunJSON             `json:"run"`
	Goods      goods.Result        `json:"goods"`
	Contradict bool                `json:"contradicts_declaration"`
	HSClasses  []hs.ClassMatch     `json:"hs_classes"`
	CHPL       string              `json:"chpl_tier"`
	HSText     string              `json:"hs_description"`
	Route      []RouteStop         `json:"route"`
	Findings   []duckdb.WebFinding `json:"findings"`
	Parties    map[string]string   `json:"parties"` // role → party reference
}

// RouteStop is one country on a line's route.
type RouteStop struct {
	Role    string `json:"role"`
	Country string `json:"country"`
	Name    string `json:"name"`
	Hub     bool   `json:"hub"`
	Sanct   bool   `json:"sanctioned"`
}

func (s *Server) shipment(w http.ResponseWriter, r *http.Request) {
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if err != nil {
		s.failErr(w, r, badRequest{fmt.Sprintf("shipment %q: not a shipment id", r.PathValue("id"))})
		return
	}
	ctx := r.Context()
	sh, err := s.store.Shipment(ctx, trade.ShipmentID(id))
	if err != nil {
		s.failErr(w, r, err)
		return
	}
	pg := &ShipmentPage{Shipment: sh}
	if pg.Raw, err = s.store.WebRaw(ctx, id, int64(sh.Prov.Run)); err != nil {
		s.failErr(w, r, err)
		return
	}
	run, err := s.store.WebRun(ctx, int64(sh.Prov.Run))
	if err != nil {
		s.failErr(w, r, err)
		return
	}
	pg.Run = runJSON(run)
	pg.Goods = goods.ClassifyFields(sh.Description, sh.DescriptionEn, sh.Brand, sh.Manufacturer)
	pg.Contradict = pg.Goods.Contradicts()
	pg.HSClasses = hs.Classes(sh.HS)
	if t, ok := hs.CHPL(sh.HS); ok {
		pg.CHPL = string(t)
	}
	pg.HSText = hs.Describe(sh.HS)
	for _, st := range []struct {
		role string
		c    country.Code
	}{{"origin", sh.Origin}, {"dispatch", sh.Dispatch}, {"trading", sh.Trading}, {"destination", sh.Destination}} {
		if st.c == "" {
			continue
		}
		pg.Route = append(pg.Route, RouteStop{Role: st.role, Country: string(st.c), Name: country.Name(st.c), Hub: country.IsHub(st.c), Sanct: country.IsSanctionedDestination(st.c)})
	}
	pg.Fields = shipmentFields(sh)
	fx, err := s.findingIndex(ctx)
	if err != nil {
		s.failErr(w, r, err)
		return
	}
	if pg.Findings, _, err = s.store.WebFindings(ctx, duckdb.WebFindingQuery{IDs: fx.onShipment(id, 50), Ordered: true, Limit: 50, Brief: brief(r)}); err != nil {
		s.failErr(w, r, err)
		return
	}
	pg.Parties = map[string]string{"shipper": duckdb.WebPartyRef{Name: sh.Shipper.Name}.String(), "consignee": duckdb.WebPartyRef{Name: sh.Consignee.Name}.String()}
	sp, err := s.store.WebShipmentParties(ctx, id)
	if err != nil {
		s.failErr(w, r, err)
		return
	}
	for role, pid := range sp {
		pg.Parties[role] = strconv.FormatInt(pid, 10)
	}
	s.respond(w, r, "shipment", "Shipment "+sh.RecordID, pg)
}

func num(n trade.Num) string {
	if !n.Valid {
		return ""
	}
	return strconv.FormatFloat(n.V, 'f', -1, 64)
}

func shipmentFields(sh *trade.Shipment) [][2]string {
	return [][2]string{
		{"record id", sh.RecordID}, {"date", sh.Date.Format("2006-01-02")}, {"direction", sh.Direction.String()},
		{"reporter", string(sh.Reporter)}, {"declaration no", sh.DeclarationNo}, {"item no", strconv.Itoa(sh.ItemNo)},
		{"shipper", sh.Shipper.Name}, {"shipper (en)", sh.Shipper.NameEn}, {"shipper address", sh.Shipper.Address},
		{"shipper address (en)", sh.Shipper.AddressEn}, {"shipper country", string(sh.Shipper.Country)}, {"shipper id", sh.Shipper.ID},
		{"consignee", sh.Consignee.Name}, {"consignee (en)", sh.Consignee.NameEn}, {"consignee address", sh.Consignee.Address},
		{"consignee address (en)", sh.Consignee.AddressEn}, {"consignee country", string(sh.Consignee.Country)}, {"consignee id", sh.Consignee.ID},
		{"origin", string(sh.Origin)}, {"dispatch", string(sh.Dispatch)}, {"destination", string(sh.Destination)}, {"trading", string(sh.Trading)},
		{"HS code", string(sh.HS)}, {"HS6", string(sh.HS6)}, {"description", sh.Description}, {"description (en)", sh.DescriptionEn},
		{"brand", sh.Brand}, {"manufacturer", sh.Manufacturer}, {"quantity", num(sh.Quantity)}, {"unit", sh.Unit},
		{"gross weight kg", num(sh.GrossWeightKg)}, {"net weight kg", num(sh.NetWeightKg)}, {"value", num(sh.Value)},
		{"currency", sh.Currency}, {"value USD", num(sh.ValueUSD)}, {"aggregated", strconv.FormatBool(sh.Aggregated)},
		{"fingerprint", strconv.FormatUint(sh.Fingerprint, 16)},
	}
}
