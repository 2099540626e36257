package web

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"slices"
	"strconv"
	"strings"
	"time"

	"tradetrace/internal/country"
	"tradetrace/internal/duckdb"
	"tradetrace/internal/trade"
)

// ---- findings and cases

// FindingsPage lists findings.
type FindingsPage struct {
	Filter    FindingFilter       `json:"filter"`
	Items     []duckdb.WebFinding `json:"items"`
	Paging    Paging              `json:"paging"`
	CSRF      string              `json:"-"`
	Statuses  []string            `json:"-"`
	Detectors []string            `json:"-"`
}

// FindingFilter is the findings page's filter form.
type FindingFilter struct {
	Detector string `json:"detector"`
	Severity string `json:"severity"`
	Status   string `json:"status"`
	Q        string `json:"q"`
	Sort     string `json:"sort"`
}

var severities = []string{"info", "low", "medium", "high", "critical"}

func (s *Server) findings(w http.ResponseWriter, r *http.Request) {
	p, err := paging(r, 50, 500)
	if err != nil {
		s.failErr(w, r, err)
		return
	}
	qs := r.URL.Query()
	f := FindingFilter{Detector: clipText(qs.Get("detector"), 64), Severity: qs.Get("severity"), Status: qs.Get("status"), Q: clipText(qs.Get("q"), 200), Sort: qs.Get("sort")}
	if f.Severity != "" && !slices.Contains(severities, f.Severity) {
		s.failErr(w, r, badRequest{fmt.Sprintf("severity %q: want one of %s", f.Severity, strings.Join(severities, ", "))})
		return
	}
	if f.Status != "" && !slices.Contains(duckdb.WebTriageStatuses, f.Status) {
		s.failErr(w, r, badRequest{fmt.Sprintf("status %q: want new, confirmed or dismissed", f.Status)})
		return
	}
	if f.Sort != "" && !slices.Contains([]string{"score", "value", "detector", "title", "decided"}, f.Sort) {
		s.failErr(w, r, badRequest{fmt.Sprintf("sort %q: want score, value, detector, title or decided", f.Sort)})
		return
	}
	items, more, err := s.store.WebFindings(r.Context(), duckdb.WebFindingQuery{Detector: f.Detector, Severity: f.Severity, Status: f.Status, Text: f.Q, Sort: f.Sort, Offset: p.Offset, Limit: p.Limit, Brief: brief(r)})
	if err != nil {
		s.failErr(w, r, err)
		return
	}
	pg := &FindingsPage{Filter: f, Items: items, Paging: p.done(more), Statuses: duckdb.WebTriageStatuses}
	if !isAPI(r) {
		pg.CSRF = s.csrfToken(w, r)
	}
	s.respond(w, r, "findings", "Findings", pg)
}

// FindingPage is one finding with its evidence lines and triage history.
type FindingPage struct {
	Finding   duckdb.WebFinding       `json:"finding"`
	Shipments []duckdb.WebShipmentRow `json:"shipments"`
	History   []duckdb.WebTriage      `json:"history"`
	Cases     []duckdb.WebCase        `json:"cases"`
	CSRF      string                  `json:"-"`
	Statuses  []string                `json:"-"`
}

func (s *Server) finding(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	q := duckdb.WebFindingQuery{Limit: 1}
	if id, err := strconv.ParseInt(r.PathValue("id"), 10, 64); err == nil {
		q.ID = id
	} else {
		q.Key = r.PathValue("id") // a finding's stable key is accepted too
	}
	fs, _, err := s.store.WebFindings(ctx, q)
	if err != nil {
		s.failErr(w, r, err)
		return
	}
	if len(fs) == 0 {
		s.failErr(w, r, fmt.Errorf("finding %s: %w", r.PathValue("id"), trade.ErrNotFound))
		return
	}
	pg := &FindingPage{Finding: fs[0], Statuses: duckdb.WebTriageStatuses, Cases: []duckdb.WebCase{}}
	ids := make([]int64, 0, len(pg.Finding.ShipmentIDs))
	for _, id := range pg.Finding.ShipmentIDs {
		ids = append(ids, int64(id))
		if len(ids) == 200 {
			break
		}
	}
	if pg.Shipments, err = s.store.WebShipmentRows(ctx, ids); err != nil {
		s.failErr(w, r, err)
		return
	}
	if pg.History, err = s.store.WebTriageHistory(ctx, "finding:"+pg.Finding.Key); err != nil {
		s.failErr(w, r, err)
		return
	}
	if pg.Cases, _, err = s.store.WebCases(ctx, duckdb.WebCaseQuery{FindingKey: pg.Finding.Key, Limit: 50}); err != nil {
		s.failErr(w, r, err)
		return
	}
	if !isAPI(r) {
		pg.CSRF = s.csrfToken(w, r)
	}
	s.respond(w, r, "finding", pg.Finding.Title, pg)
}

// CasesPage lists cases.
type CasesPage struct {
	Filter   CaseFilter       `json:"filter"`
	Items    []duckdb.WebCase `json:"items"`
	Paging   Paging           `json:"paging"`
	CSRF     string           `json:"-"`
	Statuses []string         `json:"-"`
}

// CaseFilter is the cases page's filter form.
type CaseFilter struct {
	Kind   string `json:"kind"`
	Status string `json:"status"`
	Q      string `json:"q"`
	Sort   string `json:"sort"`
}

func (s *Server) cases(w http.ResponseWriter, r *http.Request) {
	p, err := paging(r, 50, 500)
	if err != nil {
		s.failErr(w, r, err)
		return
	}
	qs := r.URL.Query()
	f := CaseFilter{Kind: clipText(qs.Get("kind"), 32), Status: qs.Get("status"), Q: clipText(qs.Get("q"), 200), Sort: qs.Get("sort")}
	if f.Status != "" && !slices.Contains(duckdb.WebTriageStatuses, f.Status) {
		s.failErr(w, r, badRequest{fmt.Sprintf("status %q: want new, confirmed or dismissed", f.Status)})
		return
	}
	if f.Sort != "" && !slices.Contains([]string{"score", "value", "date"}, f.Sort) {
		s.failErr(w, r, badRequest{fmt.Sprintf("sort %q: want score, value or date", f.Sort)})
		return
	}
	items, more, err := s.store.WebCases(r.Context(), duckdb.WebCaseQuery{Kind: f.Kind, Status: f.Status, Text: f.Q, Sort: f.Sort, Offset: p.Offset, Limit: p.Limit})
	if err != nil {
		s.failErr(w, r, err)
		return
	}
	pg := &CasesPage{Filter: f, Items: items, Paging: p.done(more), Statuses: duckdb.WebTriageStatuses}
	if !isAPI(r) {
		pg.CSRF = s.csrfToken(w, r)
	}
	s.respond(w, r, "cases", "Cases", pg)
}

// CasePage is one case.
type CasePage struct {
	Case     duckdb.WebCase      `json:"case"`
	Reasons  []map[string]any    `json:"-"`
	Findings []duckdb.WebFinding `json:"findings"`
	Parties  []*duckdb.WebParty  `json:"parties"`
	History  []duckdb.WebTriage  `json:"history"`
	CSRF     string              `json:"-"`
	Statuses []string            `json:"-"`
	Links    map[string]string   `json:"links"`
}

func (s *Server) caseDetail(w http.ResponseWriter, r *http.Request) {
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if err != nil {
		s.failErr(w, r, badRequest{fmt.Sprintf("case %q: not a case id", r.PathValue("id"))})
		return
	}
	ctx := r.Context()
	cs, _, err := s.store.WebCases(ctx, duckdb.WebCaseQuery{ID: id, Limit: 1})
	if err != nil {
		s.failErr(w, r, err)
		return
	}
	if len(cs) == 0 {
		s.failErr(w, r, fmt.Errorf("case %d: %w", id, trade.ErrNotFound))
		return
	}
	pg := &CasePage{Case: cs[0], Statuses: duckdb.WebTriageStatuses, Findings: []duckdb.WebFinding{}, Parties: []*duckdb.WebParty{}}
	json.Unmarshal(pg.Case.Reasons, &pg.Reasons)
	keys := pg.Case.Findings[:min(len(pg.Case.Findings), 100)]
	fs, _, err := s.store.WebFindings(ctx, duckdb.WebFindingQuery{Keys: keys, Limit: len(keys)})
	if err != nil {
		s.failErr(w, r, err)
		return
	}
	// in the case's order of its findings
	at := make(map[string]int, len(keys))
	for i, k := range keys {
		at[k] = i
	}
	slices.SortStableFunc(fs, func(a, b duckdb.WebFinding) int { return at[a.Key] - at[b.Key] })
	pg.Findings = append(pg.Findings, fs...)
	for i, pid := range pg.Case.PartyIDs {
		if i == 20 {
			break
		}
		p, err := s.store.WebParty(ctx, duckdb.WebPartyRef{ID: pid})
		if err != nil {
			continue // a case may outlive a rebuilt party
		}
		pg.Parties = append(pg.Parties, p)
	}
	if pg.History, err = s.store.WebTriageHistory(ctx, "case:"+pg.Case.Key); err != nil {
		s.failErr(w, r, err)
		return
	}
	pg.Links = map[string]string{"report": fmt.Sprintf("/cases/%d/report", id), "pdf": fmt.Sprintf("/cases/%d/report?format=pdf", id)}
	if !isAPI(r) {
		pg.CSRF = s.csrfToken(w, r)
	}
	s.respond(w, r, "case", pg.Case.Title, pg)
}

// TriageRequest is the body of POST /api/v1/triage (and the triage form).
type TriageRequest struct {
	Target string `json:"target"`
	Status string `json:"status"`
	Note   string `json:"note"`
	Who    string `json:"who"`
}

func (s *Server) triagePost(w http.ResponseWriter, r *http.Request) {
	r.Body = http.MaxBytesReader(w, r.Body, 64<<10)
	var t TriageRequest
	var csrf, back string
	if isAPI(r) {
		if err := json.NewDecoder(r.Body).Decode(&t); err != nil {
			s.fail(w, r, http.StatusBadRequest, "bad_request", "triage: the body must be JSON {target, status, note, who}: "+err.Error())
			return
		}
		csrf = r.Header.Get("X-CSRF-Token")
	} else {
		if err := r.ParseForm(); err != nil {
			s.fail(w, r, http.StatusBadRequest, "bad_request", "triage: "+err.Error())
			return
		}
		t = TriageRequest{Target: r.PostForm.Get("target"), Status: r.PostForm.Get("status"), Note: r.PostForm.Get("note"), Who: r.PostForm.Get("who")}
		csrf, back = r.PostForm.Get("csrf"), r.PostForm.Get("back")
	}
	if !s.checkCSRF(r, csrf) {
		s.fail(w, r, http.StatusForbidden, "csrf", "triage: missing or wrong CSRF token; reload the page (API: GET /api/v1/csrf and send X-CSRF-Token)")
		return
	}
	t.Note, t.Who = clipText(t.Note, 2000), clipText(t.Who, 100)
	if t.Who == "" {
		t.Who = s.opts.User
	}
	d := duckdb.WebTriage{Target: t.Target, Status: t.Status, Note: t.Note, Who: t.Who}
	if err := s.store.WebAddTriage(r.Context(), d); err != nil {
		if !strings.Contains(err.Error(), trade.ErrNotFound.Error()) {
			err = badRequest{err.Error()}
		}
		s.failErr(w, r, err)
		return
	}
	s.cacheMu.Lock()
	delete(s.cache, "overview")
	s.cacheMu.Unlock()
	if isAPI(r) {
		h, err := s.store.WebTriageHistory(r.Context(), t.Target)
		if err != nil {
			s.failErr(w, r, err)
			return
		}
		w.Header().Set("Content-Type", "application/json; charset=utf-8")
		w.WriteHeader(http.StatusCreated)
		json.NewEncoder(w).Encode(map[string]any{"target": t.Target, "history": h})
		return
	}
	if !strings.HasPrefix(back, "/") || strings.HasPrefix(back, "//") || strings.ContainsAny(back, "\\\r\n") {
		back = "/findings"
	}
	http.Redirect(w, r, back, http.StatusSeeOther)
}

func (s *Server) csrf(w http.ResponseWriter, r *http.Request) {
	tok := s.csrfToken(w, r)
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	json.NewEncoder(w).Encode(map[string]string{"csrf_token": tok, "header": "X-CSRF-Token"})
}

// ---- flows

// FlowsPage is origin → hub → destination for a goods class and period.
type FlowsPage struct {
	Filter  FlowFilter        `json:"filter"`
	Items   []FlowRoute       `json:"items"`
	Classes []ClassOption     `json:"-"`
	Surges  string            `json:"surges"`
	Links   map[string]string `json:"-"`
}

// FlowFilter is the flows form.
type FlowFilter struct {
	Class string `json:"class"`
	Q     string `json:"q"`
	From  string `json:"from"`
	To    string `json:"to"`
	Dest  string `json:"dest"` // sanctioned (RU, BY), all, or a country code
}

// FlowRoute is one route with its volume.
type FlowRoute struct {
	Origin      string  `json:"origin"`
	Dispatch    string  `json:"dispatch"`
	Destination string  `json:"destination"`
	ViaHub      bool    `json:"via_hub"`
	Lines       int64   `json:"lines"`
	ValueUSD    float64 `json:"value_usd"`
	Search      string  `json:"-"`
}

func (s *Server) flows(w http.ResponseWriter, r *http.Request) {
	qs := r.URL.Query()
	f := FlowFilter{Class: clipText(qs.Get("class"), 64), Q: clipText(qs.Get("q"), 100), Dest: qs.Get("dest")}
	var err error
	if f.From, err = queryDate(r, "from"); err != nil {
		s.failErr(w, r, err)
		return
	}
	if f.To, err = queryDate(r, "to"); err != nil {
		s.failErr(w, r, err)
		return
	}
	q := duckdb.WebFlowQuery{Text: f.Q, From: f.From, To: f.To}
	switch {
	case f.Dest == "" || f.Dest == "sanctioned":
		f.Dest = "sanctioned"
		q.Dest = []string{"RU", "BY"}
	case f.Dest == "all":
	default:
		c, err := queryCountry(r, "dest")
		if err != nil {
			s.failErr(w, r, err)
			return
		}
		f.Dest, q.Dest = c, []string{c}
	}
	if f.Class != "" {
		if q.HSPrefixes = classHS(f.Class); len(q.HSPrefixes) == 0 {
			s.failErr(w, r, badRequest{fmt.Sprintf("class %q: no such goods class", f.Class)})
			return
		}
	}
	key := fmt.Sprintf("flows|%q|%q|%q|%q|%q", f.Class, f.Q, f.From, f.To, f.Dest)
	v, err := s.cachedValue(r.Context(), key, 5*time.Minute, func(ctx context.Context) (any, error) { return s.store.WebFlows(ctx, q) })
	if err != nil {
		s.failErr(w, r, err)
		return
	}
	pg := &FlowsPage{Filter: f, Items: []FlowRoute{}, Classes: classOptions(),
		Surges: "Country-level re-export surges come from Eurostat Comext extracts: run `tradetrace flows --help` to load and print them; the store does not hold them yet."}
	for _, c := range v.([]duckdb.WebCount) {
		fr := FlowRoute{Origin: c.Labels[0], Dispatch: c.Labels[1], Destination: c.Labels[2], Lines: c.Lines, ValueUSD: c.ValueUSD}
		fr.ViaHub = fr.Dispatch != fr.Origin && country.IsHub(country.Code(fr.Dispatch))
		pg.Items = append(pg.Items, fr)
	}
	s.respond(w, r, "flows", "Flows", pg)
}

// ---- lists and runs

// ListsPage lists the loaded list versions.
type ListsPage struct {
	Items []duckdb.WebListVersion `json:"items"`
}

func (s *Server) lists(w http.ResponseWriter, r *http.Request) {
	items, err := s.store.WebListVersions(r.Context())
	if err != nil {
		s.failErr(w, r, err)
		return
	}
	s.respond(w, r, "lists", "Lists", &ListsPage{Items: items})
}

// RunJSON is an ingest run as the API shows it.
type RunJSON struct {
	ID       int64            `json:"id"`
	File     string           `json:"file"`
	SHA256   string           `json:"sha256"`
	Size     int64            `json:"size"`
	Profile  string           `json:"profile"`
	Format   string           `json:"format"`
	Encoding string           `json:"encoding"`
	Started  string           `json:"started"`
	Finished string           `json:"finished"`
	Status   string           `json:"status"`
	Error    string           `json:"error"`
	Read     int64            `json:"rows_read"`
	Accepted int64            `json:"accepted"`
	Rejected int64            `json:"rejected"`
	Reasons  map[string]int64 `json:"reasons"`
}

func runJSON(r *trade.Run) RunJSON {
	out := RunJSON{ID: int64(r.ID), File: r.File, SHA256: r.SHA256, Size: r.Size, Profile: r.Profile, Format: r.Format,
		Encoding: r.Encoding, Started: r.Started.UTC().Format(time.RFC3339), Status: string(r.Status), Error: r.Error,
		Read: r.Read, Accepted: r.Accepted, Rejected: r.Rejected, Reasons: r.Reasons}
	if !r.Finished.IsZero() {
		out.Finished = r.Finished.UTC().Format(time.RFC3339)
	}
	if out.Reasons == nil {
		out.Reasons = map[string]int64{}
	}
	return out
}

// RunsPage lists ingest runs.
type RunsPage struct {
	Items  []RunJSON `json:"items"`
	Paging Paging    `json:"paging"`
}

func (s *Server) runs(w http.ResponseWriter, r *http.Request) {
	p, err := paging(r, 100, 1000)
	if err != nil {
		s.failErr(w, r, err)
		return
	}
	all, err := s.store.Runs(r.Context(), p.Offset+p.Limit+1)
	if err != nil {
		s.failErr(w, r, err)
		return
	}
	pg := &RunsPage{Items: []RunJSON{}}
	for i := p.Offset; i < len(all) && i < p.Offset+p.Limit; i++ {
		pg.Items = append(pg.Items, runJSON(&all[i]))
	}
	pg.Paging = p.done(len(all) > p.Offset+p.Limit)
	s.respond(w, r, "runs", "Runs", pg)
}

// RunPage is one run with its rejected rows.
type RunPage struct {
	Run    RunJSON         `json:"run"`
	Items  []RejectionJSON `json:"items"`
	Paging Paging          `json:"paging"`
}

// RejectionJSON is a rejected source row.
type RejectionJSON struct {
	Row    int64    `json:"row"`
	Column string   `json:"column"`
	Value  string   `json:"value"`
	Reason string   `json:"reason"`
	Detail string   `json:"detail"`
	Raw    []string `json:"raw"`
}

func (s *Server) run(w http.ResponseWriter, r *http.Request) {
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if err != nil {
		s.failErr(w, r, badRequest{fmt.Sprintf("run %q: not a run id", r.PathValue("id"))})
		return
	}
	p, err := paging(r, 100, 1000)
	if err != nil {
		s.failErr(w, r, err)
		return
	}
	run, err := s.store.WebRun(r.Context(), id)
	if err != nil {
		s.failErr(w, r, err)
		return
	}
	rej, more, err := s.store.WebRejections(r.Context(), id, p.Offset, p.Limit)
	if err != nil {
		s.failErr(w, r, err)
		return
	}
	pg := &RunPage{Run: runJSON(run), Items: []RejectionJSON{}, Paging: p.done(more)}
	for _, x := range rej {
		pg.Items = append(pg.Items, RejectionJSON{Row: x.Row, Column: x.Column, Value: x.Value, Reason: x.Reason, Detail: x.Detail, Raw: x.Raw})
	}
	s.respond(w, r, "run", fmt.Sprintf("Run %d", id), pg)
}
