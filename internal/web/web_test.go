package web

import (
	"context"
	"encoding/json"
	"flag"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"tradetrace/internal/duckdb"
	"tradetrace/internal/ingest"
	"tradetrace/internal/trade"
)

var update = flag.Bool("update", false, "rewrite the golden files")

const hostile = `<script>alert('x')</script> ACME'; DROP TABLE shipments;--`

// testStore ingests testdata/sample.csv, adds findings, a resolved party, a case and a list version whose text
// is hostile, and returns the store.
func testStore(t *testing.T) *duckdb.DB {
	t.Helper()
	ctx := context.Background()
	d, err := duckdb.Open(ctx, filepath.Join(t.TempDir(), "w.duckdb"), duckdb.Config{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { d.Close() })
	if _, err := ingest.File(ctx, d, "testdata/sample.csv", ingest.Options{Profile: "canonical", Workers: 1}); err != nil {
		t.Fatal(err)
	}
	var ids []int64
	rows, err := d.SQL().QueryContext(ctx, `SELECT id FROM shipments ORDER BY record_id`)
	if err != nil {
		t.Fatal(err)
	}
	for rows.Next() {
		var id int64
		rows.Scan(&id)
		ids = append(ids, id)
	}
	rows.Close()
	if len(ids) != 5 {
		t.Fatalf("ingested %d lines, want 5", len(ids))
	}
	fs := []trade.Finding{
		{Key: "k-rifles", Score: 0.95, Severity: trade.SeverityCritical, Title: "Rifles declared as hunting rifles <script>alert(3)</script>",
			Explanation: "military rifles " + hostile, Parties: []trade.FindingParty{{Name: "NORTHWIND ARMS GROUP CORPORATION", Role: "shipper"}, {Name: hostile, Role: "consignee"}},
			Shipments: []string{"TEST0000000001", "TEST0000000002"}, ShipmentIDs: []trade.ShipmentID{trade.ShipmentID(ids[0]), trade.ShipmentID(ids[1])},
			Evidence: []trade.Evidence{{Label: "description <i>", Value: "<script>alert(4)</script>", RecordID: "TEST0000000002"}}, ValueUSD: 550450},
		{Key: "k-dji", Score: 0.6, Severity: trade.SeverityMedium, Title: "DJI parts through the UAE", Explanation: "drones",
			Parties: []trade.FindingParty{{Name: "FALCON TEST TRADING", Role: "shipper"}}, Shipments: []string{"TEST0000000003"},
			ShipmentIDs: []trade.ShipmentID{trade.ShipmentID(ids[2])}, ValueUSD: 24000},
	}
	if err := d.ReplaceFindings(ctx, "military_goods", "1", fs); err != nil {
		t.Fatal(err)
	}
	return d
}

// resolveParties writes parties and shipment_parties as the party resolution would: one party per exact name.
func resolveParties(t *testing.T, d *duckdb.DB) {
	t.Helper()
	ctx := context.Background()
	for _, q := range []string{
		`INSERT INTO parties SELECT row_number() OVER (ORDER BY n) AS id, n, '', first(c), '["91110000000000001X"]',
		  json_array(json_object('name', n, 'name_en', '', 'country', first(c), 'id', '', 'lines', count(*))), '["<b>addr</b>"]', '{}',
		  count(*), sum(v), 0, min(dt), max(dt), lower(n), CASE WHEN n LIKE '<script>%' THEN 0.9 ELSE 0.1 END,
		  CASE WHEN n LIKE 'NORTHWIND%' THEN '[{"list":"test_list","caption":"<script>alert(5)</script>","score":0.97,"features":[{"name":"identifier","value":1,"weight":3,"contribution":3,"detail":"same name and id"}]}]' ELSE '[]' END
		  FROM (SELECT shipper_name n, shipper_country c, value_usd v, date dt FROM shipments UNION ALL SELECT consignee_name, consignee_country, value_usd, date FROM shipments) GROUP BY n`,
		`INSERT INTO shipment_parties SELECT s.id, 'shipper', p.id FROM shipments s JOIN parties p ON p.name = s.shipper_name`,
		`INSERT INTO shipment_parties SELECT s.id, 'consignee', p.id FROM shipments s JOIN parties p ON p.name = s.consignee_name`,
		`INSERT INTO cases SELECT 1, 'party:' || id, 'party', 'Case about ' || name, 0.9, '[{"detector":"military_goods","finding_key":"k-rifles","score":0.95,"text":"rifles <script>alert(6)</script>"}]',
		  '["k-rifles"]', '[' || id || ']', 550450, DATE '2022-06-08', DATE '2022-07-01', now() FROM parties WHERE name LIKE '<script>%'`,
		`INSERT INTO list_versions VALUES (1, 'test_list', '<script>a.json', 'abc', TIMESTAMP '2024-01-01', 2, 3, false), (2, 'test_list', 'b.json', 'def', TIMESTAMP '2024-02-01', 2, 3, true)`,
		`INSERT INTO list_entities VALUES (1, 'test_list', 'e1', 'Company', 'One', '[]', '[]', '{}'), (1, 'test_list', 'e2', 'Company', 'Two', '[]', '[]', '{}'),
		  (2, 'test_list', 'e2', 'Company', 'Two', '[]', '[]', '{}'), (2, 'test_list', 'e3', 'Company', 'Three', '[]', '[]', '{}')`,
	} {
		if _, err := d.SQL().ExecContext(ctx, q); err != nil {
			t.Fatalf("%s: %v", q, err)
		}
	}
	d.ForgetKept()
}

func get(t *testing.T, h http.Handler, path string, hdr ...string) (*http.Response, string) {
	t.Helper()
	req := httptest.NewRequest("GET", path, nil)
	for i := 0; i+1 < len(hdr); i += 2 {
		req.Header.Set(hdr[i], hdr[i+1])
	}
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, req)
	res := rec.Result()
	b, _ := io.ReadAll(res.Body)
	return res, string(b)
}

func newServer(t *testing.T, d *duckdb.DB, opts Options) *Server {
	t.Helper()
	s, err := New(d, opts)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

func partyID(t *testing.T, d *duckdb.DB, name string) string {
	var id int64
	if err := d.SQL().QueryRow(`SELECT id FROM parties WHERE name = ?`, name).Scan(&id); err != nil {
		t.Fatal(err)
	}
	return strconv.FormatInt(id, 10)
}

func shipmentID(t *testing.T, d *duckdb.DB, rec string) string {
	var id int64
	if err := d.SQL().QueryRow(`SELECT id FROM shipments WHERE record_id = ?`, rec).Scan(&id); err != nil {
		t.Fatal(err)
	}
	return strconv.FormatInt(id, 10)
}

func findingID(t *testing.T, d *duckdb.DB, key string) string {
	var id int64
	if err := d.SQL().QueryRow(`SELECT id FROM findings WHERE key = ?`, key).Scan(&id); err != nil {
		t.Fatal(err)
	}
	return strconv.FormatInt(id, 10)
}

// pagePaths lists a path of every page, with and without resolved parties.
func pagePaths(t *testing.T, d *duckdb.DB, resolved bool) []string {
	ps := []string{
		"/", "/search?q=" + url.QueryEscape("<script>"), "/search?q=acme", "/search?q=DROP", "/search?q=northwind",
		"/parties/" + url.PathEscape("n:"+hostile), "/parties/" + url.PathEscape("n:"+hostile) + "/shipments",
		"/shipments/" + shipmentID(t, d, "TEST0000000002"), "/shipments/" + shipmentID(t, d, "TEST0000000004"),
		"/findings", "/findings?q=script", "/findings/" + findingID(t, d, "k-rifles"), "/cases", "/flows", "/flows?q=DJI&dest=all",
		"/lists", "/runs", "/runs/1",
	}
	if resolved {
		ps = append(ps, "/parties/"+partyID(t, d, hostile), "/parties/"+partyID(t, d, "NORTHWIND ARMS GROUP CORPORATION"), "/cases/1",
			"/parties/"+partyID(t, d, hostile)+"/shipments?role=consignee")
	}
	return ps
}

// TestHostileTextIsEscaped renders every page and its JSON from a store whose names, descriptions, findings,
// list matches and cases hold HTML, script and SQL, and checks that none of it reaches a page as markup.
func TestHostileTextIsEscaped(t *testing.T) {
	d := testStore(t)
	for _, resolved := range []bool{false, true} {
		if resolved {
			resolveParties(t, d)
		}
		s := newServer(t, d, Options{})
		raw := regexp.MustCompile(`<script>alert|<img src=x|<b>bold|<i>|<b>addr`)
		sawEscaped := false
		for _, p := range pagePaths(t, d, resolved) {
			res, body := get(t, s, p)
			if res.StatusCode != 200 {
				t.Errorf("resolved=%v GET %s: %d %s", resolved, p, res.StatusCode, body)
				continue
			}
			if m := raw.FindString(body); m != "" {
				t.Errorf("resolved=%v GET %s: raw markup %q in the page", resolved, p, m)
			}
			if strings.Contains(body, "&lt;script&gt;alert(") || strings.Contains(body, "&lt;script&gt;") {
				sawEscaped = true
			}
			if strings.Count(body, "<script") != strings.Count(body, `<script type="module" src="/static/dist/app.js"></script>`)+strings.Count(body, `<script type="application/json"`) {
				t.Errorf("resolved=%v GET %s: a script element that is neither the bundle nor a JSON block", resolved, p)
			}
			api := "/api/v1" + p
			if p == "/" {
				api = "/api/v1/overview"
			}
			res, body = get(t, s, api)
			if res.StatusCode != 200 {
				t.Errorf("resolved=%v GET %s: %d %s", resolved, api, res.StatusCode, body)
				continue
			}
			if ct := res.Header.Get("Content-Type"); !strings.HasPrefix(ct, "application/json") {
				t.Errorf("GET %s: Content-Type %q", api, ct)
			}
			if strings.Contains(body, "<script") || strings.Contains(body, "<img") {
				t.Errorf("resolved=%v GET %s: unescaped < in JSON", resolved, api)
			}
			if !json.Valid([]byte(body)) {
				t.Errorf("GET %s: invalid JSON", api)
			}
		}
		if !sawEscaped {
			t.Errorf("resolved=%v: no page showed the hostile text as escaped text", resolved)
		}
	}
	// The hostile name shows as text on its party page: the escaped name is there, and the shipments table
	// still exists (the SQL fragment did nothing).
	s := newServer(t, d, Options{})
	_, body := get(t, s, "/parties/"+url.PathEscape("n:"+hostile))
	if !strings.Contains(body, "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; ACME&#39;; DROP TABLE shipments;--") {
		t.Errorf("party page does not show the hostile name as text")
	}
	var n int
	if err := d.SQL().QueryRow(`SELECT count(*) FROM shipments`).Scan(&n); err != nil || n != 5 {
		t.Errorf("shipments after the pages: %d, %v; want 5", n, err)
	}
}

func TestSecurityHeaders(t *testing.T) {
	s := newServer(t, testStore(t), Options{})
	for _, p := range []string{"/", "/api/v1/findings", "/nope", "/static/app.css"} {
		res, _ := get(t, s, p)
		csp := res.Header.Get("Content-Security-Policy")
		for _, want := range []string{"default-src 'none'", "script-src 'self'", "style-src 'self'", "frame-ancestors 'none'"} {
			if !strings.Contains(csp, want) {
				t.Errorf("GET %s: CSP %q lacks %q", p, csp, want)
			}
		}
		if strings.Contains(csp, "unsafe-inline") || strings.Contains(csp, "unsafe-eval") {
			t.Errorf("GET %s: CSP allows inline code: %q", p, csp)
		}
		if res.Header.Get("X-Content-Type-Options") != "nosniff" {
			t.Errorf("GET %s: no X-Content-Type-Options: nosniff", p)
		}
	}
	// No inline style or script in the templates: no style= attributes, no on…= handlers.
	entries, _ := templateFS.ReadDir("templates")
	for _, e := range entries {
		b, _ := templateFS.ReadFile("templates/" + e.Name())
		if m := regexp.MustCompile(`(?i)\sstyle=|\son[a-z]+=|<style|javascript:`).Find(b); m != nil {
			t.Errorf("template %s has inline code or style: %q", e.Name(), m)
		}
	}
}

func TestAddressNeedsToken(t *testing.T) {
	for _, c := range []struct {
		addr, token string
		ok          bool
	}{
		{"127.0.0.1:8080", "", true}, {"[::1]:8080", "", true}, {"localhost:0", "", true},
		{"0.0.0.0:8080", "", false}, {":8080", "", false}, {"192.168.1.5:80", "", false}, {"0.0.0.0:8080", "s3cret", true},
	} {
		err := CheckAddr(c.addr, c.token)
		if (err == nil) != c.ok {
			t.Errorf("CheckAddr(%q, %q) = %v, want ok=%v", c.addr, c.token, err, c.ok)
		}
	}
}

func TestToken(t *testing.T) {
	s := newServer(t, testStore(t), Options{Token: "s3cret"})
	for _, p := range []string{"/", "/api/v1/findings", "/static/app.css", "/api/v1/openapi.json"} {
		res, body := get(t, s, p)
		if res.StatusCode != http.StatusUnauthorized {
			t.Errorf("GET %s without token: %d", p, res.StatusCode)
		}
		if strings.HasPrefix(p, "/api/") && !strings.Contains(body, `"code":"unauthorized"`) {
			t.Errorf("GET %s without token: body %s", p, body)
		}
	}
	if res, _ := get(t, s, "/api/v1/findings", "Authorization", "Bearer wrong"); res.StatusCode != 401 {
		t.Errorf("wrong bearer token: %d", res.StatusCode)
	}
	if res, _ := get(t, s, "/api/v1/findings", "Authorization", "Bearer s3cret"); res.StatusCode != 200 {
		t.Errorf("bearer token: %d", res.StatusCode)
	}
	res, _ := get(t, s, "/?token=s3cret")
	if res.StatusCode != 200 {
		t.Fatalf("?token=: %d", res.StatusCode)
	}
	var cookie *http.Cookie
	for _, c := range res.Cookies() {
		if c.Name == tokenCookie {
			cookie = c
		}
	}
	if cookie == nil || !cookie.HttpOnly {
		t.Fatalf("?token= set no HttpOnly cookie: %v", res.Cookies())
	}
	if res, _ := get(t, s, "/findings", "Cookie", cookie.Name+"="+cookie.Value); res.StatusCode != 200 {
		t.Errorf("token cookie: %d", res.StatusCode)
	}
}

func TestTriageCSRF(t *testing.T) {
	d := testStore(t)
	s := newServer(t, d, Options{User: "tester"})
	fid := findingID(t, d, "k-rifles")
	res, body := get(t, s, "/findings/"+fid)
	var csrfCookieVal string
	for _, c := range res.Cookies() {
		if c.Name == csrfCookie {
			csrfCookieVal = c.Value
		}
	}
	m := regexp.MustCompile(`name="csrf" value="([0-9a-f]+)"`).FindStringSubmatch(body)
	if csrfCookieVal == "" || m == nil {
		t.Fatalf("finding page set no CSRF cookie (%q) or form token", csrfCookieVal)
	}
	post := func(form url.Values, cookie string) *http.Response {
		req := httptest.NewRequest("POST", "/triage", strings.NewReader(form.Encode()))
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
		if cookie != "" {
			req.Header.Set("Cookie", csrfCookie+"="+cookie)
		}
		rec := httptest.NewRecorder()
		s.ServeHTTP(rec, req)
		return rec.Result()
	}
	form := url.Values{"target": {"finding:k-rifles"}, "status": {"confirmed"}, "note": {"<b>seen</b>"}, "back": {"/findings/" + fid}}
	if r := post(form, csrfCookieVal); r.StatusCode != http.StatusForbidden {
		t.Errorf("POST without CSRF token: %d, want 403", r.StatusCode)
	}
	form.Set("csrf", m[1])
	if r := post(form, "0123456789abcdef0123456789abcdef"); r.StatusCode != http.StatusForbidden {
		t.Errorf("POST with another browser's cookie: %d, want 403", r.StatusCode)
	}
	if r := post(form, csrfCookieVal); r.StatusCode != http.StatusSeeOther || r.Header.Get("Location") != "/findings/"+fid {
		t.Fatalf("POST with CSRF token: %d → %q", r.StatusCode, r.Header.Get("Location"))
	}
	form.Set("back", "//evil.example/")
	form.Set("status", "dismissed")
	if r := post(form, csrfCookieVal); r.Header.Get("Location") != "/findings" {
		t.Errorf("open redirect: Location %q", r.Header.Get("Location"))
	}
	form.Set("status", "bogus")
	if r := post(form, csrfCookieVal); r.StatusCode != http.StatusBadRequest {
		t.Errorf("bad status: %d", r.StatusCode)
	}
	form.Set("status", "confirmed")
	form.Set("target", "finding:nope")
	if r := post(form, csrfCookieVal); r.StatusCode != http.StatusNotFound {
		t.Errorf("unknown target: %d", r.StatusCode)
	}
	// The latest decision wins, with who and when.
	_, body = get(t, s, "/api/v1/findings/"+fid)
	var fp struct {
		Finding struct {
			Triage struct{ Status, Who, Decided, Note string }
		}
		History []struct{ Status string }
	}
	if err := json.Unmarshal([]byte(body), &fp); err != nil {
		t.Fatal(err)
	}
	if fp.Finding.Triage.Status != "dismissed" || fp.Finding.Triage.Who != "tester" || fp.Finding.Triage.Decided == "" || len(fp.History) != 2 {
		t.Errorf("triage after two decisions: %+v, history %d", fp.Finding.Triage, len(fp.History))
	}
	if _, body := get(t, s, "/findings?status=dismissed"); !strings.Contains(body, "Rifles declared") || strings.Contains(body, "DJI parts") {
		t.Errorf("status filter: dismissed findings page wrong")
	}
	// The API: a token from /api/v1/csrf in the X-CSRF-Token header.
	res, body = get(t, s, "/api/v1/csrf")
	var tok struct {
		Token string `json:"csrf_token"`
	}
	json.Unmarshal([]byte(body), &tok)
	var ck string
	for _, c := range res.Cookies() {
		if c.Name == csrfCookie {
			ck = c.Value
		}
	}
	apiPost := func(token string) *http.Response {
		req := httptest.NewRequest("POST", "/api/v1/triage", strings.NewReader(`{"target":"finding:k-dji","status":"confirmed","note":"n","who":"api"}`))
		req.Header.Set("Cookie", csrfCookie+"="+ck)
		if token != "" {
			req.Header.Set("X-CSRF-Token", token)
		}
		rec := httptest.NewRecorder()
		s.ServeHTTP(rec, req)
		return rec.Result()
	}
	if r := apiPost(""); r.StatusCode != http.StatusForbidden {
		t.Errorf("API POST without X-CSRF-Token: %d", r.StatusCode)
	}
	if r := apiPost(tok.Token); r.StatusCode != http.StatusCreated {
		b, _ := io.ReadAll(r.Body)
		t.Errorf("API POST: %d %s", r.StatusCode, b)
	}
}

func TestErrorsAndPaging(t *testing.T) {
	d := testStore(t)
	s := newServer(t, d, Options{})
	for _, c := range []struct {
		path   string
		status int
		code   string
	}{
		{"/api/v1/shipments/1", 404, "not_found"}, {"/api/v1/shipments/x", 400, "bad_request"},
		{"/api/v1/parties/n:nobody", 404, "not_found"}, {"/api/v1/parties/zz", 400, "bad_request"},
		{"/api/v1/search?q=a&limit=0", 400, "bad_request"}, {"/api/v1/search?from=2022-13-01", 400, "bad_request"},
		{"/api/v1/findings?severity=x", 400, "bad_request"}, {"/api/v1/nothing", 404, "not_found"},
		{"/api/v1/runs/99", 404, "not_found"}, {"/api/v1/cases/7", 404, "not_found"},
	} {
		res, body := get(t, s, c.path)
		var e APIError
		if err := json.Unmarshal([]byte(body), &e); err != nil || res.StatusCode != c.status || e.Error.Code != c.code || e.Error.Status != c.status || e.Error.Message == "" {
			t.Errorf("GET %s: %d %s; want %d %s", c.path, res.StatusCode, body, c.status, c.code)
		}
	}
	if res, body := get(t, s, "/shipments/1"); res.StatusCode != 404 || !strings.Contains(body, "<h1>404") {
		t.Errorf("HTML 404: %d", res.StatusCode)
	}
	// Paging: one line per page, following next_offset until it ends.
	seen := map[string]bool{}
	path := "/api/v1/search?kind=shipments&country=RU&limit=1"
	for i := 0; i < 10; i++ {
		_, body := get(t, s, path)
		var pg struct {
			Shipments []struct {
				RecordID string `json:"record_id"`
			}
			Paging Paging
		}
		if err := json.Unmarshal([]byte(body), &pg); err != nil {
			t.Fatal(err)
		}
		if len(pg.Shipments) != 1 {
			t.Fatalf("page %d: %d lines", i, len(pg.Shipments))
		}
		seen[pg.Shipments[0].RecordID] = true
		if pg.Paging.Next == nil {
			break
		}
		path = "/api/v1/search?kind=shipments&country=RU&limit=1&offset=" + strconv.Itoa(*pg.Paging.Next)
	}
	if len(seen) != 4 {
		t.Errorf("paged through %d distinct RU lines, want 4", len(seen))
	}
	// CSV export of a table, with formulas neutralised.
	res, body := get(t, s, "/api/v1/search?kind=shipments&q=DJI&format=csv")
	if res.StatusCode != 200 || !strings.HasPrefix(res.Header.Get("Content-Type"), "text/csv") || strings.Count(body, "\n") != 3 {
		t.Errorf("CSV export: %d %q\n%s", res.StatusCode, res.Header.Get("Content-Type"), body)
	}
	res, body = get(t, s, "/findings?format=xlsx")
	if res.StatusCode != 200 || !strings.HasPrefix(body, "PK") {
		t.Errorf("XLSX export: %d %q", res.StatusCode, res.Header.Get("Content-Type"))
	}
	res, body = get(t, s, "/parties/"+url.PathEscape("n:NORTHWIND ARMS GROUP CORPORATION")+"/network.graphml")
	if res.StatusCode != 200 || !strings.Contains(body, "<graphml") || !strings.Contains(body, "&lt;script&gt;") {
		t.Errorf("GraphML export: %d %.300s", res.StatusCode, body)
	}
	res, body = get(t, s, "/parties/"+url.PathEscape("n:NORTHWIND ARMS GROUP CORPORATION")+"/network.gexf")
	if res.StatusCode != 200 || !strings.Contains(body, "<gexf") {
		t.Errorf("GEXF export: %d %.300s", res.StatusCode, body)
	}
}

func TestPagesShowTheEvidence(t *testing.T) {
	d := testStore(t)
	s := newServer(t, d, Options{})
	// Fallback parties: search by brand finds the shipper; its page has variants and counterparties.
	_, body := get(t, s, "/api/v1/search?q=northwind&kind=parties")
	if !strings.Contains(body, `"id":"n:NORTHWIND ARMS GROUP CORPORATION"`) {
		t.Errorf("search northwind: %s", body)
	}
	_, body = get(t, s, "/api/v1/parties/"+url.PathEscape("n:NORTHWIND ARMS GROUP CORPORATION"))
	var pp struct {
		Party          duckdb.WebParty
		Counterparties []duckdb.WebCounterparty
		Months         []duckdb.WebMonth
		Findings       []duckdb.WebFinding
	}
	if err := json.Unmarshal([]byte(body), &pp); err != nil {
		t.Fatal(err)
	}
	if pp.Party.Lines != 2 || len(pp.Counterparties) != 2 || len(pp.Months) != 2 || len(pp.Findings) != 1 || pp.Party.Resolved {
		t.Errorf("party: lines %d, counterparties %d, months %d, findings %d", pp.Party.Lines, len(pp.Counterparties), len(pp.Months), len(pp.Findings))
	}
	// Shipment page: raw row with provenance, goods evidence, route, the finding.
	sid := shipmentID(t, d, "TEST0000000001")
	_, body = get(t, s, "/api/v1/shipments/"+sid)
	var sp struct {
		Raw      [][2]string
		Run      RunJSON
		Findings []duckdb.WebFinding
		Route    []RouteStop
		Goods    struct{ Evidence []any }
	}
	if err := json.Unmarshal([]byte(body), &sp); err != nil {
		t.Fatal(err)
	}
	if len(sp.Raw) != 27 || sp.Raw[0][0] != "record_id" || sp.Raw[0][1] != "TEST0000000001" || !strings.HasSuffix(sp.Run.File, "sample.csv") {
		t.Errorf("raw row: %v, run file %q", sp.Raw[:min(2, len(sp.Raw))], sp.Run.File)
	}
	if len(sp.Findings) != 1 || sp.Findings[0].Key != "k-rifles" || len(sp.Route) == 0 || len(sp.Goods.Evidence) == 0 {
		t.Errorf("shipment: findings %d, route %v, goods %+v", len(sp.Findings), sp.Route, sp.Goods)
	}
	// A line no finding cites lists none.
	_, body = get(t, s, "/api/v1/shipments/"+shipmentID(t, d, "TEST0000000005"))
	if !strings.Contains(body, `"findings":[]`) {
		t.Errorf("uncited line lists findings: %.400s", body)
	}
	// Flows: DJI goes CN → AE → RU through a hub.
	_, body = get(t, s, "/api/v1/flows?q=DJI")
	var fp FlowsPage
	json.Unmarshal([]byte(body), &fp)
	if len(fp.Items) != 1 || fp.Items[0].Origin != "CN" || fp.Items[0].Dispatch != "AE" || fp.Items[0].Destination != "RU" || !fp.Items[0].ViaHub || fp.Items[0].Lines != 2 {
		t.Errorf("flows DJI: %+v", fp.Items)
	}
	// Resolved parties: search goes through parties.search; list matches and cases show.
	resolveParties(t, d)
	s = newServer(t, d, Options{})
	_, body = get(t, s, "/api/v1/search?q=Northwind&kind=parties")
	if !strings.Contains(body, `"id":"`+partyID(t, d, "NORTHWIND ARMS GROUP CORPORATION")+`"`) {
		t.Errorf("resolved search: %s", body)
	}
	_, body = get(t, s, "/parties/"+partyID(t, d, "NORTHWIND ARMS GROUP CORPORATION"))
	if !strings.Contains(body, "same name and id") || !strings.Contains(body, "91110000000000001X") {
		t.Errorf("resolved party page lacks list match explanation or identifier")
	}
	_, body = get(t, s, "/parties/"+partyID(t, d, hostile))
	if !strings.Contains(body, `href="/cases/1"`) {
		t.Errorf("party page lacks its case")
	}
	_, body = get(t, s, "/api/v1/lists")
	var lp ListsPage
	json.Unmarshal([]byte(body), &lp)
	if len(lp.Items) != 2 || lp.Items[0].Added != 1 || lp.Items[0].Removed != 1 {
		t.Errorf("list versions: %+v", lp.Items)
	}
}

// TestWithoutBundle: with no JavaScript bundle the pages still carry their tables and no script tag.
func TestWithoutBundle(t *testing.T) {
	s := newServer(t, testStore(t), Options{})
	s.bundle = false
	_, body := get(t, s, "/")
	if strings.Contains(body, "/static/dist/app.js") || !strings.Contains(body, `class="data chart-table"`) {
		t.Errorf("overview without the bundle: script referenced or table missing")
	}
	s.bundle = true
	if _, body := get(t, s, "/"); !strings.Contains(body, `src="/static/dist/app.js"`) {
		t.Errorf("overview with the bundle does not load it")
	}
}

// TestOpenAPIGolden compares the OpenAPI document with testdata/openapi.golden.json (go test -update
// rewrites it) and checks that every documented GET path answers.
func TestOpenAPIGolden(t *testing.T) {
	got := OpenAPI()
	golden := "testdata/openapi.golden.json"
	if *update {
		if err := os.WriteFile(golden, got, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatal(err)
	}
	if string(got) != string(want) {
		t.Errorf("the OpenAPI document changed; review and run go test ./internal/web -run OpenAPI -update")
	}
	var doc struct {
		OpenAPI string                    `json:"openapi"`
		Paths   map[string]map[string]any `json:"paths"`
	}
	if err := json.Unmarshal(got, &doc); err != nil || doc.OpenAPI != "3.1.0" {
		t.Fatalf("document: %v %q", err, doc.OpenAPI)
	}
	d := testStore(t)
	s := newServer(t, d, Options{})
	sid, fid := shipmentID(t, d, "TEST0000000001"), findingID(t, d, "k-rifles")
	for p, ops := range doc.Paths {
		if _, ok := ops["get"]; !ok {
			continue
		}
		path := strings.NewReplacer("/shipments/{id}", "/shipments/"+sid, "/findings/{id}", "/findings/"+fid,
			"/parties/{id}", "/parties/"+url.PathEscape("n:FALCON TEST TRADING"), "/runs/{id}", "/runs/1", "/cases/{id}", "/cases/1").Replace(p)
		res, body := get(t, s, path)
		if res.StatusCode != 200 && !(strings.Contains(p, "/cases/{id}") && res.StatusCode == 404) {
			t.Errorf("documented GET %s: %d %s", path, res.StatusCode, body)
		}
	}
}
