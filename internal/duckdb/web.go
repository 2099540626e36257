package duckdb

// The queries of the investigator's workbench (internal/web). Each page's query is a point lookup by id, a
// lookup through shipment_parties, or a scan of a small table (parties, findings, cases, runs, lists); the
// overview and the flows page aggregate the shipments and are cached by the server. Names and types carry the
// Web prefix so that they stay apart from the store's other methods.

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"

	"tradetrace/internal/trade"
)

// WebShipmentRow is a shipment line as the workbench lists it.
type WebShipmentRow struct {
	ID            int64   `json:"id"`
	RecordID      string  `json:"record_id"`
	Date          string  `json:"date"`
	Direction     string  `json:"direction"`
	Reporter      string  `json:"reporter"`
	DeclarationNo string  `json:"declaration_no"`
	Shipper       string  `json:"shipper"`
	ShipperCC     string  `json:"shipper_country"`
	Consignee     string  `json:"consignee"`
	ConsigneeCC   string  `json:"consignee_country"`
	Origin        string  `json:"origin_country"`
	Dispatch      string  `json:"dispatch_country"`
	Destination   string  `json:"destination_country"`
	HSCode        string  `json:"hs_code"`
	Description   string  `json:"description"`
	Brand         string  `json:"brand"`
	Quantity      float64 `json:"quantity"`
	Unit          string  `json:"unit"`
	NetWeightKg   float64 `json:"net_weight_kg"`
	ValueUSD      float64 `json:"value_usd"`
}

const webRowSelect = `s.id, s.record_id, strftime(s.date, '%Y-%m-%d'), s.direction, s.reporter, s.declaration_no,
s.shipper_name, s.shipper_country, s.consignee_name, s.consignee_country, s.origin_country, s.dispatch_country,
s.destination_country, s.hs_code, s.description, s.brand, coalesce(s.quantity, 0), s.unit,
coalesce(s.net_weight_kg, 0), coalesce(s.value_usd, 0)`

func scanWebRows(rows *sql.Rows) ([]WebShipmentRow, error) {
	defer rows.Close()
	out := []WebShipmentRow{}
	for rows.Next() {
		var r WebShipmentRow
		if err := rows.Scan(&r.ID, &r.RecordID, &r.Date, &r.Direction, &r.Reporter, &r.DeclarationNo, &r.Shipper,
			&r.ShipperCC, &r.Consignee, &r.ConsigneeCC, &r.Origin, &r.Dispatch, &r.Destination, &r.HSCode,
			&r.Description, &r.Brand, &r.Quantity, &r.Unit, &r.NetWeightKg, &r.ValueUSD); err != nil {
			return nil, err
		}
		out = append(out, r)
	}
	return out, rows.Err()
}

// WebPartyRef names a party: a resolved party's id ("123"), or, while the parties table is empty, an exact
// shipper or consignee name ("n:NAME").
type WebPartyRef struct {
	ID   int64  // resolved party id, when Name is empty
	Name string // exact name, for a store without resolved parties
}

// ParseWebPartyRef reads a party reference from a URL.
func ParseWebPartyRef(s string) (WebPartyRef, error) {
	if name, ok := strings.CutPrefix(s, "n:"); ok {
		if name == "" {
			return WebPartyRef{}, fmt.Errorf("party %q: empty name", s)
		}
		return WebPartyRef{Name: name}, nil
	}
	id, err := strconv.ParseInt(s, 10, 64)
	if err != nil {
		return WebPartyRef{}, fmt.Errorf("party %q: not a party id", s)
	}
	return WebPartyRef{ID: id}, nil
}

// String is the reference as used in URLs.
func (r WebPartyRef) String() string {
	if r.Name != "" {
		return "n:" + r.Name
	}
	return strconv.FormatInt(r.ID, 10)
}

// WebParty is a party's profile.
type WebParty struct {
	Ref         string          `json:"id"`
	Resolved    bool            `json:"resolved"` // false: grouped by exact name, the parties table being empty
	Name        string          `json:"name"`
	NameEn      string          `json:"name_en"`
	Country     string          `json:"country"`
	Identifiers json.RawMessage `json:"identifiers"`
	Variants    json.RawMessage `json:"variants"`
	Addresses   json.RawMessage `json:"addresses"`
	Roles       json.RawMessage `json:"roles"`
	Lines       int64           `json:"lines"`
	ValueUSD    float64         `json:"value_usd"`
	WeightKg    float64         `json:"weight_kg"`
	FirstSeen   string          `json:"first_seen"`
	LastSeen    string          `json:"last_seen"`
	Risk        float64         `json:"risk"`
	Matches     json.RawMessage `json:"matches"`
}

// WebHasParties reports whether the parties table holds resolved parties.
func (d *DB) WebHasParties(ctx context.Context) (bool, error) {
	var n int
	if err := d.db.QueryRowContext(ctx, `SELECT count(*) FROM (SELECT 1 FROM parties LIMIT 1)`).Scan(&n); err != nil {
		return false, fmt.Errorf("parties: %w", err)
	}
	return n > 0, nil
}

// WebParty returns a party's profile.
func (d *DB) WebParty(ctx context.Context, ref WebPartyRef) (*WebParty, error) {
	if ref.Name != "" {
		return d.webNameParty(ctx, ref.Name)
	}
	p := WebParty{Ref: ref.String(), Resolved: true}
	var ids, vars, addrs, roles, matches string
	var first, last sql.NullString
	err := d.db.QueryRowContext(ctx, `SELECT name, name_en, country, identifiers, variants, addresses, roles, lines,
value_usd, weight_kg, strftime(first_seen, '%Y-%m-%d'), strftime(last_seen, '%Y-%m-%d'), risk, matches FROM parties WHERE id = ?`, ref.ID).
		Scan(&p.Name, &p.NameEn, &p.Country, &ids, &vars, &addrs, &roles, &p.Lines, &p.ValueUSD, &p.WeightKg, &first, &last, &p.Risk, &matches)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, fmt.Errorf("party %d: %w", ref.ID, trade.ErrNotFound)
	}
	if err != nil {
		return nil, fmt.Errorf("party %d: %w", ref.ID, err)
	}
	p.FirstSeen, p.LastSeen = first.String, last.String
	p.Identifiers, p.Variants, p.Addresses, p.Roles, p.Matches = rawJSON(ids), rawJSON(vars), rawJSON(addrs), rawJSON(roles), rawJSON(matches)
	return &p, nil
}

// rawJSON keeps a JSON column as it is when it is valid JSON, and as a JSON string otherwise.
func rawJSON(s string) json.RawMessage {
	if s == "" {
		return json.RawMessage("null")
	}
	if json.Valid([]byte(s)) {
		return json.RawMessage(s)
	}
	b, _ := json.Marshal(s)
	return b
}

// webNameParty groups the shipments that carry one exact shipper or consignee name.
func (d *DB) webNameParty(ctx context.Context, name string) (*WebParty, error) {
	p := WebParty{Ref: WebPartyRef{Name: name}.String(), Name: name}
	var first, last sql.NullString
	var ship, cons int64
	err := d.db.QueryRowContext(ctx, `SELECT count(*), coalesce(sum(value_usd), 0), coalesce(sum(net_weight_kg), 0),
strftime(min(date), '%Y-%m-%d'), strftime(max(date), '%Y-%m-%d'),
count(*) FILTER (WHERE shipper_name = ?), count(*) FILTER (WHERE consignee_name = ?)
FROM shipments WHERE shipper_name = ? OR consignee_name = ?`, name, name, name, name).
		Scan(&p.Lines, &p.ValueUSD, &p.WeightKg, &first, &last, &ship, &cons)
	if err != nil {
		return nil, fmt.Errorf("party %q: %w", name, err)
	}
	if p.Lines == 0 {
		return nil, fmt.Errorf("party %q: %w", name, trade.ErrNotFound)
	}
	p.FirstSeen, p.LastSeen = first.String, last.String
	type variant struct {
		Name    string `json:"name"`
		NameEn  string `json:"name_en"`
		Country string `json:"country"`
		ID      string `json:"id"`
		Lines   int64  `json:"lines"`
	}
	rows, err := d.db.QueryContext(ctx, `SELECT n, n_en, c, i, count(*) AS lines, first(addr) FROM (
  SELECT shipper_name n, shipper_name_en n_en, shipper_country c, shipper_id i, shipper_address addr FROM shipments WHERE shipper_name = ?
  UNION ALL
  SELECT consignee_name, consignee_name_en, consignee_country, consignee_id, consignee_address FROM shipments WHERE consignee_name = ?
) GROUP BY ALL ORDER BY lines DESC LIMIT 50`, name, name)
	if err != nil {
		return nil, fmt.Errorf("party %q: %w", name, err)
	}
	var vs []variant
	var ids, addrs []string
	countries := map[string]int64{}
	for rows.Next() {
		var v variant
		var addr string
		if err := rows.Scan(&v.Name, &v.NameEn, &v.Country, &v.ID, &v.Lines, &addr); err != nil {
			rows.Close()
			return nil, fmt.Errorf("party %q: %w", name, err)
		}
		vs = append(vs, v)
		if v.ID != "" && !contains(ids, v.ID) {
			ids = append(ids, v.ID)
		}
		if addr != "" && !contains(addrs, addr) {
			addrs = append(addrs, addr)
		}
		countries[v.Country] += v.Lines
		if p.NameEn == "" && v.NameEn != "" && v.NameEn != v.Name {
			p.NameEn = v.NameEn
		}
	}
	rows.Close()
	var best int64
	for c, n := range countries {
		if n > best || n == best && c < p.Country {
			p.Country, best = c, n
		}
	}
	p.Variants, _ = json.Marshal(vs)
	p.Identifiers, _ = json.Marshal(nonNil(ids))
	p.Addresses, _ = json.Marshal(nonNil(addrs))
	p.Roles, _ = json.Marshal(map[string]int64{"shipper": ship, "consignee": cons})
	p.Matches = json.RawMessage("[]")
	return &p, nil
}

func contains(s []string, v string) bool {
	for _, x := range s {
		if x == v {
			return true
		}
	}
	return false
}

// WebPartyHit is one party in search results.
type WebPartyHit struct {
	Ref      string  `json:"id"`
	Name     string  `json:"name"`
	NameEn   string  `json:"name_en"`
	Country  string  `json:"country"`
	Lines    int64   `json:"lines"`
	ValueUSD float64 `json:"value_usd"`
	Risk     float64 `json:"risk"`
	Hits     int     `json:"hits"` // how many of the query's keys the party's variants share
}

// WebPartySearch is a party search: the query as typed and the keys the name engine made of it.
type WebPartySearch struct {
	Text    string   // the query as typed: matched as a substring of the name and English name
	Keys    []string // search keys (internal/names) matched as whole words of parties.search
	Country string
	Offset  int
	Limit   int
}

// WebSearchParties finds parties by name keys or name text. With no resolved parties it searches the
// shipments' shipper and consignee names.
func (d *DB) WebSearchParties(ctx context.Context, q WebPartySearch) ([]WebPartyHit, bool, error) {
	has, err := d.WebHasParties(ctx)
	if err != nil {
		return nil, false, err
	}
	if !has {
		return d.webSearchNames(ctx, q)
	}
	var hit []string
	var args []any
	for _, k := range q.Keys {
		hit = append(hit, `CASE WHEN contains(' ' || search || ' ', ?) THEN 1 ELSE 0 END`)
		args = append(args, " "+k+" ")
	}
	hitExpr := "0"
	if len(hit) > 0 {
		hitExpr = strings.Join(hit, " + ")
	}
	like := "%" + escapeLike(q.Text) + "%"
	sqlq := `SELECT id, name, name_en, country, lines, value_usd, risk, hits FROM (
  SELECT *, (` + hitExpr + `) AS hits FROM parties) p
WHERE (hits > 0 OR name ILIKE ? ESCAPE '\' OR name_en ILIKE ? ESCAPE '\')`
	args = append(args, like, like)
	if q.Country != "" {
		sqlq += ` AND country = ?`
		args = append(args, q.Country)
	}
	sqlq += ` ORDER BY (name ILIKE ? ESCAPE '\' OR name_en ILIKE ? ESCAPE '\') DESC, hits DESC, risk DESC, lines DESC, id LIMIT ? OFFSET ?`
	args = append(args, like, like, q.Limit+1, q.Offset)
	rows, err := d.db.QueryContext(ctx, sqlq, args...)
	if err != nil {
		return nil, false, fmt.Errorf("search parties: %w", err)
	}
	defer rows.Close()
	out := []WebPartyHit{}
	for rows.Next() {
		var h WebPartyHit
		var id int64
		if err := rows.Scan(&id, &h.Name, &h.NameEn, &h.Country, &h.Lines, &h.ValueUSD, &h.Risk, &h.Hits); err != nil {
			return nil, false, fmt.Errorf("search parties: %w", err)
		}
		h.Ref = strconv.FormatInt(id, 10)
		out = append(out, h)
	}
	if err := rows.Err(); err != nil {
		return nil, false, fmt.Errorf("search parties: %w", err)
	}
	more := len(out) > q.Limit
	if more {
		out = out[:q.Limit]
	}
	if len(out) == 0 && q.Offset == 0 && len([]rune(q.Text)) >= 3 {
		return d.webSearchByBrand(ctx, q)
	}
	return out, more, nil
}

// webSearchByBrand finds the shippers of goods whose brand or maker matches: a company known by a brand
// (NORINCO) is found through the lines that carry it.
func (d *DB) webSearchByBrand(ctx context.Context, q WebPartySearch) ([]WebPartyHit, bool, error) {
	like := "%" + escapeLike(q.Text) + "%"
	rows, err := d.db.QueryContext(ctx, `SELECT id FROM shipments WHERE brand ILIKE ? ESCAPE '\' OR manufacturer ILIKE ? ESCAPE '\' LIMIT 500`, like, like)
	if err != nil {
		return nil, false, fmt.Errorf("search parties by brand: %w", err)
	}
	var ids []int64
	for rows.Next() {
		var id int64
		if err := rows.Scan(&id); err != nil {
			rows.Close()
			return nil, false, fmt.Errorf("search parties by brand: %w", err)
		}
		ids = append(ids, id)
	}
	rows.Close()
	lines := map[int64]int{}
	err = d.webIn(ctx, ids, `SELECT party_id FROM shipment_parties WHERE role = 'shipper' AND shipment_id IN (%s)`, func(r *sql.Rows) error {
		var pid int64
		if err := r.Scan(&pid); err != nil {
			return err
		}
		lines[pid]++
		return nil
	})
	if err != nil {
		return nil, false, fmt.Errorf("search parties by brand: %w", err)
	}
	pids := make([]int64, 0, len(lines))
	for pid := range lines {
		pids = append(pids, pid)
	}
	out := []WebPartyHit{}
	err = d.webIn(ctx, pids, `SELECT id, name, name_en, country, lines, value_usd, risk FROM parties WHERE id IN (%s)`, func(r *sql.Rows) error {
		var h WebPartyHit
		var id int64
		if err := r.Scan(&id, &h.Name, &h.NameEn, &h.Country, &h.Lines, &h.ValueUSD, &h.Risk); err != nil {
			return err
		}
		h.Ref = strconv.FormatInt(id, 10)
		h.Hits = lines[id]
		if q.Country == "" || q.Country == h.Country {
			out = append(out, h)
		}
		return nil
	})
	if err != nil {
		return nil, false, fmt.Errorf("search parties by brand: %w", err)
	}
	sortBy(out, func(a, b WebPartyHit) bool { return a.Hits > b.Hits || a.Hits == b.Hits && a.Ref < b.Ref })
	more := len(out) > q.Limit
	if more {
		out = out[:q.Limit]
	}
	return out, more, nil
}

func (d *DB) webSearchNames(ctx context.Context, q WebPartySearch) ([]WebPartyHit, bool, error) {
	like := "%" + escapeLike(q.Text) + "%"
	args := []any{like, like, like, like, like, like}
	cc := ""
	if q.Country != "" {
		cc = ` WHERE c = ?`
		args = append(args, q.Country)
	}
	args = append(args, q.Limit+1, q.Offset)
	rows, err := d.db.QueryContext(ctx, `SELECT n, first(n_en), mode(c), count(*) AS lines, coalesce(sum(v), 0) AS value FROM (
  SELECT shipper_name n, shipper_name_en n_en, shipper_country c, value_usd v FROM shipments
  WHERE shipper_name ILIKE ? ESCAPE '\' OR shipper_name_en ILIKE ? ESCAPE '\'
  UNION ALL
  SELECT consignee_name, consignee_name_en, consignee_country, value_usd FROM shipments
  WHERE consignee_name ILIKE ? ESCAPE '\' OR consignee_name_en ILIKE ? ESCAPE '\'
  UNION ALL
  -- a brand or maker written on the goods names its shipper too (NORINCO → CHINA NORTH INDUSTRIES …)
  SELECT shipper_name, shipper_name_en, shipper_country, value_usd FROM shipments
  WHERE brand ILIKE ? ESCAPE '\' OR manufacturer ILIKE ? ESCAPE '\'
)`+cc+` GROUP BY n ORDER BY lines DESC, n LIMIT ? OFFSET ?`, args...)
	if err != nil {
		return nil, false, fmt.Errorf("search names: %w", err)
	}
	defer rows.Close()
	out := []WebPartyHit{}
	for rows.Next() {
		var h WebPartyHit
		if err := rows.Scan(&h.Name, &h.NameEn, &h.Country, &h.Lines, &h.ValueUSD); err != nil {
			return nil, false, fmt.Errorf("search names: %w", err)
		}
		h.Ref = WebPartyRef{Name: h.Name}.String()
		out = append(out, h)
	}
	if err := rows.Err(); err != nil {
		return nil, false, fmt.Errorf("search names: %w", err)
	}
	more := len(out) > q.Limit
	if more {
		out = out[:q.Limit]
	}
	return out, more, nil
}

func escapeLike(s string) string {
	r := strings.NewReplacer(`\`, `\\`, `%`, `\%`, `_`, `\_`)
	return r.Replace(s)
}

// WebShipmentSearch selects shipment lines. Empty fields do not filter.
type WebShipmentSearch struct {
	Text          string // goods text: description, English description, brand, manufacturer (substring)
	HSPrefix      string // digits
	Country       string // any of the line's countries
	DeclarationNo string // exact, or the record id
	From, To      string // dates, YYYY-MM-DD, inclusive
	HSPrefixes    []string
	Offset, Limit int
}

// WebSearchShipments lists shipment lines by date, newest first.
func (d *DB) WebSearchShipments(ctx context.Context, q WebShipmentSearch) ([]WebShipmentRow, bool, error) {
	var conds []string
	var args []any
	if q.Text != "" {
		like := "%" + escapeLike(q.Text) + "%"
		conds = append(conds, `(s.description ILIKE ? ESCAPE '\' OR s.description_en ILIKE ? ESCAPE '\' OR s.brand ILIKE ? ESCAPE '\' OR s.manufacturer ILIKE ? ESCAPE '\')`)
		args = append(args, like, like, like, like)
	}
	if q.HSPrefix != "" {
		conds = append(conds, `starts_with(s.hs_code, ?)`)
		args = append(args, q.HSPrefix)
	}
	if len(q.HSPrefixes) > 0 {
		var ors []string
		for _, p := range q.HSPrefixes {
			ors = append(ors, `starts_with(s.hs_code, ?)`)
			args = append(args, p)
		}
		conds = append(conds, "("+strings.Join(ors, " OR ")+")")
	}
	if q.Country != "" {
		conds = append(conds, `(s.origin_country = ? OR s.dispatch_country = ? OR s.destination_country = ? OR s.shipper_country = ? OR s.consignee_country = ?)`)
		args = append(args, q.Country, q.Country, q.Country, q.Country, q.Country)
	}
	if q.DeclarationNo != "" {
		conds = append(conds, `(s.declaration_no = ? OR s.record_id = ?)`)
		args = append(args, q.DeclarationNo, q.DeclarationNo)
	}
	if q.From != "" {
		conds = append(conds, `s.date >= CAST(? AS DATE)`)
		args = append(args, q.From)
	}
	if q.To != "" {
		conds = append(conds, `s.date <= CAST(? AS DATE)`)
		args = append(args, q.To)
	}
	where := ""
	if len(conds) > 0 {
		where = " WHERE " + strings.Join(conds, " AND ")
	}
	args = append(args, q.Limit+1, q.Offset)
	rows, err := d.db.QueryContext(ctx, `SELECT `+webRowSelect+` FROM shipments s`+where+` ORDER BY s.date DESC, s.id LIMIT ? OFFSET ?`, args...)
	if err != nil {
		return nil, false, fmt.Errorf("search shipments: %w", err)
	}
	out, err := scanWebRows(rows)
	if err != nil {
		return nil, false, fmt.Errorf("search shipments: %w", err)
	}
	more := len(out) > q.Limit
	if more {
		out = out[:q.Limit]
	}
	return out, more, nil
}

// webPartyIDs returns the ids of a party's shipment lines in a role ("" for both), as a SQL condition on
// shipments s and its arguments. Resolved parties go through shipment_parties; names compare exactly.
func (d *DB) webPartyLines(ctx context.Context, ref WebPartyRef, role string) ([]int64, error) {
	var rows *sql.Rows
	var err error
	if ref.Name != "" {
		switch role {
		case "shipper":
			rows, err = d.db.QueryContext(ctx, `SELECT id FROM shipments WHERE shipper_name = ?`, ref.Name)
		case "consignee":
			rows, err = d.db.QueryContext(ctx, `SELECT id FROM shipments WHERE consignee_name = ?`, ref.Name)
		default:
			rows, err = d.db.QueryContext(ctx, `SELECT id FROM shipments WHERE shipper_name = ? OR consignee_name = ?`, ref.Name, ref.Name)
		}
	} else if role != "" {
		rows, err = d.db.QueryContext(ctx, `SELECT shipment_id FROM shipment_parties WHERE party_id = ? AND role = ?`, ref.ID, role)
	} else {
		rows, err = d.db.QueryContext(ctx, `SELECT DISTINCT shipment_id FROM shipment_parties WHERE party_id = ?`, ref.ID)
	}
	if err != nil {
		return nil, fmt.Errorf("party %s lines: %w", ref, err)
	}
	defer rows.Close()
	var ids []int64
	for rows.Next() {
		var id int64
		if err := rows.Scan(&id); err != nil {
			return nil, fmt.Errorf("party %s lines: %w", ref, err)
		}
		ids = append(ids, id)
	}
	return ids, rows.Err()
}

// webIn runs a query over the shipments with these ids in chunks: the query has one %s for the id list.
func (d *DB) webIn(ctx context.Context, ids []int64, query string, fn func(*sql.Rows) error) error {
	const chunk = 2000
	for start := 0; start < len(ids); start += chunk {
		part := ids[start:min(start+chunk, len(ids))]
		var b strings.Builder
		for i, id := range part {
			if i > 0 {
				b.WriteByte(',')
			}
			b.WriteString(strconv.FormatInt(id, 10)) // ids are integers from the store, not data text
		}
		rows, err := d.db.QueryContext(ctx, fmt.Sprintf(query, b.String()))
		if err != nil {
			return err
		}
		for rows.Next() {
			if err := fn(rows); err != nil {
				rows.Close()
				return err
			}
		}
		if err := rows.Close(); err != nil {
			return err
		}
	}
	return nil
}

// WebMonth is one month of a party's trade.
type WebMonth struct {
	Month    string  `json:"month"`
	Role     string  `json:"role"` // shipper (out) or consignee (in)
	Lines    int64   `json:"lines"`
	ValueUSD float64 `json:"value_usd"`
}

// WebCounterparty is a trading partner of a party.
type WebCounterparty struct {
	Ref      string  `json:"id"`
	Name     string  `json:"name"`
	Country  string  `json:"country"`
	Role     string  `json:"role"` // the counterparty's role: consignee of the party's shipments, or shipper
	Lines    int64   `json:"lines"`
	ValueUSD float64 `json:"value_usd"`
	Risk     float64 `json:"risk"`
}

// WebPartyActivity is what the party page shows of a party's shipments.
type WebPartyActivity struct {
	Months         []WebMonth        `json:"months"`
	Counterparties []WebCounterparty `json:"counterparties"`
	Lines          int               `json:"lines"`
	Latest         []WebShipmentRow  `json:"latest"` // the newest pageLimit lines
}

// WebPartyActivity aggregates a party's shipment lines by month and counterparty. It reads the lines through
// their ids, so its cost follows the party's size, not the store's.
func (d *DB) WebPartyActivity(ctx context.Context, ref WebPartyRef, maxCounterparties, pageLimit int) (*WebPartyActivity, error) {
	if ref.Name == "" {
		return d.webResolvedActivity(ctx, ref.ID, maxCounterparties, pageLimit)
	}
	out := &WebPartyActivity{Months: []WebMonth{}, Counterparties: []WebCounterparty{}, Latest: []WebShipmentRow{}}
	type key struct{ month, role string }
	months := map[key]*WebMonth{}
	type ckey struct{ name, role string }
	cps := map[ckey]*WebCounterparty{}
	self := map[string]bool{}
	if ref.Name != "" {
		self[ref.Name] = true
	}
	var ids []int64
	var roleOf map[int64][]string
	if ref.Name != "" {
		var err error
		if ids, err = d.webPartyLines(ctx, ref, ""); err != nil {
			return nil, err
		}
	} else {
		// one pass over shipment_parties gives the lines and the party's roles on them
		roleOf = map[int64][]string{}
		rows, err := d.db.QueryContext(ctx, `SELECT shipment_id, role FROM shipment_parties WHERE party_id = ?`, ref.ID)
		if err != nil {
			return nil, fmt.Errorf("party %s: %w", ref, err)
		}
		for rows.Next() {
			var id int64
			var role string
			if err := rows.Scan(&id, &role); err != nil {
				rows.Close()
				return nil, fmt.Errorf("party %s: %w", ref, err)
			}
			if roleOf[id] == nil {
				ids = append(ids, id)
			}
			roleOf[id] = append(roleOf[id], role)
		}
		rows.Close()
	}
	out.Lines = len(ids)
	type idDate struct {
		id   int64
		date time.Time
	}
	dates := make([]idDate, 0, len(ids))
	err := d.webIn(ctx, ids, `SELECT id, date, shipper_name, shipper_country, consignee_name, consignee_country,
coalesce(value_usd, 0) FROM shipments WHERE id IN (%s)`, func(rows *sql.Rows) error {
		var id int64
		var date time.Time
		var sn, sc, cn, cc string
		var v float64
		if err := rows.Scan(&id, &date, &sn, &sc, &cn, &cc, &v); err != nil {
			return err
		}
		dates = append(dates, idDate{id, date})
		month := date.Format("2006-01")
		var roles []string
		if ref.Name != "" {
			if sn == ref.Name {
				roles = append(roles, "shipper")
			}
			if cn == ref.Name {
				roles = append(roles, "consignee")
			}
		} else {
			roles = roleOf[id]
		}
		for _, role := range roles {
			m := months[key{month, role}]
			if m == nil {
				m = &WebMonth{Month: month, Role: role}
				months[key{month, role}] = m
			}
			m.Lines++
			m.ValueUSD += v
			other, oc, orole := cn, cc, "consignee"
			if role == "consignee" {
				other, oc, orole = sn, sc, "shipper"
			}
			if self[other] {
				continue
			}
			c := cps[ckey{other, orole}]
			if c == nil {
				c = &WebCounterparty{Name: other, Country: oc, Role: orole, Ref: WebPartyRef{Name: other}.String()}
				cps[ckey{other, orole}] = c
			}
			c.Lines++
			c.ValueUSD += v
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("party %s activity: %w", ref, err)
	}
	for _, m := range months {
		out.Months = append(out.Months, *m)
	}
	sortBy(out.Months, func(a, b WebMonth) bool { return a.Month < b.Month || a.Month == b.Month && a.Role < b.Role })
	for _, c := range cps {
		out.Counterparties = append(out.Counterparties, *c)
	}
	sortBy(out.Counterparties, func(a, b WebCounterparty) bool {
		return a.ValueUSD > b.ValueUSD || a.ValueUSD == b.ValueUSD && a.Name < b.Name
	})
	if len(out.Counterparties) > maxCounterparties {
		out.Counterparties = out.Counterparties[:maxCounterparties]
	}
	if pageLimit > 0 {
		sortBy(dates, func(a, b idDate) bool { return a.date.After(b.date) || a.date.Equal(b.date) && a.id < b.id })
		page := make([]int64, 0, pageLimit)
		for _, x := range dates[:min(pageLimit, len(dates))] {
			page = append(page, x.id)
		}
		if out.Latest, err = d.WebShipmentRows(ctx, page); err != nil {
			return nil, err
		}
	}
	return out, nil
}

// webPartyLinesSQL selects a resolved party's lines and its roles on them.
const webPartyLinesSQL = `(SELECT shipment_id, role FROM shipment_parties WHERE party_id = ?)`

// webResolvedActivity aggregates a resolved party's lines: one join of the party's rows of shipment_parties
// with the shipments (date and value), one self-join of shipment_parties for the counterparties, and lookups
// by id for the rest; the sums are made here.
func (d *DB) webResolvedActivity(ctx context.Context, id int64, maxCounterparties, pageLimit int) (*WebPartyActivity, error) {
	out := &WebPartyActivity{Months: []WebMonth{}, Counterparties: []WebCounterparty{}, Latest: []WebShipmentRow{}}
	ref := WebPartyRef{ID: id}
	type line struct {
		date  time.Time
		value float64
	}
	lines := map[int64]line{}
	type mkey struct{ month, role string }
	months := map[mkey]*WebMonth{}
	rows, err := d.db.QueryContext(ctx, `SELECT l.shipment_id, l.role, s.date, coalesce(s.value_usd, 0)
FROM shipments s JOIN `+webPartyLinesSQL+` l ON s.id = l.shipment_id`, id)
	if err != nil {
		return nil, fmt.Errorf("party %s lines: %w", ref, err)
	}
	for rows.Next() {
		var sid int64
		var role string
		var ln line
		if err := rows.Scan(&sid, &role, &ln.date, &ln.value); err != nil {
			rows.Close()
			return nil, fmt.Errorf("party %s lines: %w", ref, err)
		}
		lines[sid] = ln
		k := mkey{ln.date.Format("2006-01"), role}
		m := months[k]
		if m == nil {
			m = &WebMonth{Month: k.month, Role: role}
			months[k] = m
		}
		m.Lines++
		m.ValueUSD += ln.value
	}
	rows.Close()
	out.Lines = len(lines)
	for _, m := range months {
		out.Months = append(out.Months, *m)
	}
	sortBy(out.Months, func(a, b WebMonth) bool { return a.Month < b.Month || a.Month == b.Month && a.Role < b.Role })
	if len(lines) == 0 {
		return out, nil
	}
	type ckey struct {
		party int64
		role  string
	}
	cps := map[ckey]*WebCounterparty{}
	rows, err = d.db.QueryContext(ctx, `SELECT l.shipment_id, o.party_id, o.role FROM `+webPartyLinesSQL+` l
JOIN shipment_parties o ON o.shipment_id = l.shipment_id AND o.role <> l.role AND o.party_id <> ?`, id, id)
	if err != nil {
		return nil, fmt.Errorf("party %s counterparties: %w", ref, err)
	}
	for rows.Next() {
		var sid, pid int64
		var role string
		if err := rows.Scan(&sid, &pid, &role); err != nil {
			rows.Close()
			return nil, fmt.Errorf("party %s counterparties: %w", ref, err)
		}
		c := cps[ckey{pid, role}]
		if c == nil {
			c = &WebCounterparty{Ref: strconv.FormatInt(pid, 10), Role: role}
			cps[ckey{pid, role}] = c
		}
		c.Lines++
		c.ValueUSD += lines[sid].value
	}
	rows.Close()
	for _, c := range cps {
		out.Counterparties = append(out.Counterparties, *c)
	}
	sortBy(out.Counterparties, func(a, b WebCounterparty) bool {
		return a.ValueUSD > b.ValueUSD || a.ValueUSD == b.ValueUSD && a.Ref < b.Ref
	})
	out.Counterparties = out.Counterparties[:min(maxCounterparties, len(out.Counterparties))]
	byRef := map[string]int{}
	pids := make([]int64, 0, len(out.Counterparties))
	for i, c := range out.Counterparties {
		byRef[c.Ref] = i
		pid, _ := strconv.ParseInt(c.Ref, 10, 64)
		pids = append(pids, pid)
	}
	err = d.webIn(ctx, pids, `SELECT id, name, country, risk FROM parties WHERE id IN (%s)`, func(r *sql.Rows) error {
		var pid int64
		var name, cc string
		var risk float64
		if err := r.Scan(&pid, &name, &cc, &risk); err != nil {
			return err
		}
		for i := range out.Counterparties {
			if out.Counterparties[i].Ref == strconv.FormatInt(pid, 10) {
				out.Counterparties[i].Name, out.Counterparties[i].Country, out.Counterparties[i].Risk = name, cc, risk
			}
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("party %s counterparties: %w", ref, err)
	}
	if pageLimit > 0 {
		type idDate struct {
			id   int64
			date time.Time
		}
		all := make([]idDate, 0, len(lines))
		for sid, ln := range lines {
			all = append(all, idDate{sid, ln.date})
		}
		sortBy(all, func(a, b idDate) bool { return a.date.After(b.date) || a.date.Equal(b.date) && a.id < b.id })
		page := make([]int64, 0, pageLimit)
		for _, x := range all[:min(pageLimit, len(all))] {
			page = append(page, x.id)
		}
		if out.Latest, err = d.WebShipmentRows(ctx, page); err != nil {
			return nil, err
		}
	}
	return out, nil
}

// webResolvedShipments pages a resolved party's lines, newest first.
func (d *DB) webResolvedShipments(ctx context.Context, id int64, role string, offset, limit int) ([]WebShipmentRow, bool, error) {
	q := `SELECT ` + webRowSelect + ` FROM shipments s WHERE s.id IN (SELECT shipment_id FROM shipment_parties WHERE party_id = ?`
	args := []any{id}
	if role != "" {
		q += ` AND role = ?`
		args = append(args, role)
	}
	q += `) ORDER BY s.date DESC, s.id LIMIT ? OFFSET ?`
	args = append(args, limit+1, offset)
	rows, err := d.db.QueryContext(ctx, q, args...)
	if err != nil {
		return nil, false, fmt.Errorf("party %d shipments: %w", id, err)
	}
	out, err := scanWebRows(rows)
	if err != nil {
		return nil, false, fmt.Errorf("party %d shipments: %w", id, err)
	}
	more := len(out) > limit
	if more {
		out = out[:limit]
	}
	return out, more, nil
}

func sortBy[T any](s []T, less func(a, b T) bool) {
	// insertion sort is enough for the few hundred rows a page shows; larger inputs use a merge.
	if len(s) > 64 {
		mid := len(s) / 2
		sortBy(s[:mid], less)
		sortBy(s[mid:], less)
		merged := make([]T, 0, len(s))
		i, j := 0, mid
		for i < mid && j < len(s) {
			if less(s[j], s[i]) {
				merged = append(merged, s[j])
				j++
			} else {
				merged = append(merged, s[i])
				i++
			}
		}
		merged = append(merged, s[i:mid]...)
		merged = append(merged, s[j:]...)
		copy(s, merged)
		return
	}
	for i := 1; i < len(s); i++ {
		for j := i; j > 0 && less(s[j], s[j-1]); j-- {
			s[j], s[j-1] = s[j-1], s[j]
		}
	}
}

// WebPartyShipments pages a party's shipment lines, newest first.
func (d *DB) WebPartyShipments(ctx context.Context, ref WebPartyRef, role string, offset, limit int) ([]WebShipmentRow, bool, error) {
	if ref.Name == "" {
		return d.webResolvedShipments(ctx, ref.ID, role, offset, limit)
	}
	ids, err := d.webPartyLines(ctx, ref, role)
	if err != nil {
		return nil, false, err
	}
	type idDate struct {
		id   int64
		date time.Time
	}
	var all []idDate
	err = d.webIn(ctx, ids, `SELECT id, date FROM shipments WHERE id IN (%s)`, func(rows *sql.Rows) error {
		var x idDate
		if err := rows.Scan(&x.id, &x.date); err != nil {
			return err
		}
		all = append(all, x)
		return nil
	})
	if err != nil {
		return nil, false, fmt.Errorf("party %s shipments: %w", ref, err)
	}
	sortBy(all, func(a, b idDate) bool { return a.date.After(b.date) || a.date.Equal(b.date) && a.id < b.id })
	if offset > len(all) {
		offset = len(all)
	}
	page := all[offset:min(offset+limit, len(all))]
	more := offset+limit < len(all)
	pageIDs := make([]int64, len(page))
	for i, x := range page {
		pageIDs[i] = x.id
	}
	out, err := d.WebShipmentRows(ctx, pageIDs)
	return out, more, err
}

// WebShipmentRows returns the rows of these shipments in the order of ids.
func (d *DB) WebShipmentRows(ctx context.Context, ids []int64) ([]WebShipmentRow, error) {
	byID := map[int64]WebShipmentRow{}
	err := d.webIn(ctx, ids, `SELECT `+strings.ReplaceAll(webRowSelect, "%", "%%")+` FROM shipments s WHERE s.id IN (%s)`, func(rows *sql.Rows) error {
		var r WebShipmentRow
		if err := rows.Scan(&r.ID, &r.RecordID, &r.Date, &r.Direction, &r.Reporter, &r.DeclarationNo, &r.Shipper,
			&r.ShipperCC, &r.Consignee, &r.ConsigneeCC, &r.Origin, &r.Dispatch, &r.Destination, &r.HSCode,
			&r.Description, &r.Brand, &r.Quantity, &r.Unit, &r.NetWeightKg, &r.ValueUSD); err != nil {
			return err
		}
		byID[r.ID] = r
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("shipment rows: %w", err)
	}
	out := make([]WebShipmentRow, 0, len(ids))
	for _, id := range ids {
		if r, ok := byID[id]; ok {
			out = append(out, r)
		}
	}
	return out, nil
}

// WebShipmentParties returns the resolved parties of a shipment line: role → party id.
func (d *DB) WebShipmentParties(ctx context.Context, id int64) (map[string]int64, error) {
	rows, err := d.db.QueryContext(ctx, `SELECT role, party_id FROM shipment_parties WHERE shipment_id = ?`, id)
	if err != nil {
		return nil, fmt.Errorf("shipment %d parties: %w", id, err)
	}
	defer rows.Close()
	out := map[string]int64{}
	for rows.Next() {
		var role string
		var pid int64
		if err := rows.Scan(&role, &pid); err != nil {
			return nil, fmt.Errorf("shipment %d parties: %w", id, err)
		}
		out[role] = pid
	}
	return out, rows.Err()
}

// WebRaw returns a shipment's source record as column → value pairs, in the source's column order, reading
// raw_rows by id alone.
func (d *DB) WebRaw(ctx context.Context, id int64, run int64) ([][2]string, error) {
	var raw string
	if err := d.db.QueryRowContext(ctx, `SELECT raw FROM raw_rows WHERE id = ?`, id).Scan(&raw); err != nil {
		if errors.Is(err, sql.ErrNoRows) {
			return nil, fmt.Errorf("shipment %d raw row: %w", id, trade.ErrNotFound)
		}
		return nil, fmt.Errorf("shipment %d raw row: %w", id, err)
	}
	hdr, err := d.RunHeader(ctx, trade.RunID(run))
	if err != nil {
		return nil, err
	}
	return zipRaw(hdr, raw)
}

// WebRun returns one ingest run.
func (d *DB) WebRun(ctx context.Context, id int64) (*trade.Run, error) {
	r, err := scanRun(d.db.QueryRowContext(ctx, `SELECT `+runColumns+` FROM runs WHERE id = ?`, id))
	if errors.Is(err, sql.ErrNoRows) {
		return nil, fmt.Errorf("run %d: %w", id, trade.ErrNotFound)
	}
	if err != nil {
		return nil, fmt.Errorf("run %d: %w", id, err)
	}
	return r, nil
}

// WebFinding is a finding with its latest triage decision.
type WebFinding struct {
	trade.Finding
	SeverityName string             `json:"severity"`
	ShipmentIDs  []trade.ShipmentID `json:"shipment_ids"`
	Triage       *WebTriage         `json:"triage,omitempty"`
}

// WebTriage is one triage decision.
type WebTriage struct {
	Target  string `json:"target"`
	Status  string `json:"status"`
	Note    string `json:"note"`
	Who     string `json:"who"`
	Decided string `json:"decided"`
}

// WebFindingQuery filters and sorts findings. Sort is one of score, value, detector, title (descending for
// score and value).
type WebFindingQuery struct {
	Detector   string
	Severity   string
	Status     string // new (no decision counts as new), confirmed, dismissed
	Text       string // in the title or the explanation
	PartyNames []string
	ShipmentID int64
	ID         int64
	IDs        []int64 // only these findings (an empty, non-nil list selects none)
	Key        string
	Sort       string
	Offset     int
	Limit      int
}

const latestTriage = `(SELECT target, arg_max(status, decided) AS status, arg_max(note, decided) AS note,
arg_max(who, decided) AS who, strftime(max(decided), '%Y-%m-%d %H:%M:%S') AS decided FROM triage GROUP BY target)`

// WebFindings lists findings with their triage state.
func (d *DB) WebFindings(ctx context.Context, q WebFindingQuery) ([]WebFinding, bool, error) {
	var conds []string
	var args []any
	if q.Detector != "" {
		conds = append(conds, `f.detector = ?`)
		args = append(args, q.Detector)
	}
	if q.Severity != "" {
		conds = append(conds, `f.severity = ?`)
		args = append(args, q.Severity)
	}
	if q.ID != 0 {
		conds = append(conds, `f.id = ?`)
		args = append(args, q.ID)
	}
	if q.IDs != nil {
		if len(q.IDs) == 0 {
			return []WebFinding{}, false, nil
		}
		conds = append(conds, `f.id IN (`+placeholders(len(q.IDs))+`)`)
		for _, id := range q.IDs {
			args = append(args, id)
		}
	}
	if q.Key != "" {
		conds = append(conds, `f.key = ?`)
		args = append(args, q.Key)
	}
	if q.Status != "" {
		conds = append(conds, `coalesce(t.status, 'new') = ?`)
		args = append(args, q.Status)
	}
	if q.Text != "" {
		like := "%" + escapeLike(q.Text) + "%"
		conds = append(conds, `(f.title ILIKE ? ESCAPE '\' OR f.explanation ILIKE ? ESCAPE '\')`)
		args = append(args, like, like)
	}
	if len(q.PartyNames) > 0 {
		var ors []string
		for _, n := range q.PartyNames {
			b, _ := json.Marshal(n)
			ors = append(ors, `contains(f.parties, ?)`)
			args = append(args, `"name":`+string(b))
		}
		conds = append(conds, "("+strings.Join(ors, " OR ")+")")
	}
	if q.ShipmentID != 0 {
		conds = append(conds, `contains(',' || replace(trim(f.shipment_ids, '[] '), ' ', '') || ',', ?)`)
		args = append(args, ","+strconv.FormatInt(q.ShipmentID, 10)+",")
	}
	where := ""
	if len(conds) > 0 {
		where = " WHERE " + strings.Join(conds, " AND ")
	}
	order := `f.score DESC, f.key`
	switch q.Sort {
	case "value":
		order = `f.value_usd DESC, f.key`
	case "detector":
		order = `f.detector, f.score DESC, f.key`
	case "title":
		order = `f.title, f.key`
	case "decided":
		order = `t.decided DESC NULLS LAST, f.score DESC, f.key`
	}
	args = append(args, q.Limit+1, q.Offset)
	rows, err := d.db.QueryContext(ctx, `SELECT f.id, f.detector, f.detector_version, f.key, f.score, f.severity, f.title,
f.explanation, f.parties, f.shipments, f.shipment_ids, f.evidence, f.value_usd, f.weight_kg,
t.status, t.note, t.who, t.decided
FROM findings f LEFT JOIN `+latestTriage+` t ON t.target = 'finding:' || f.key`+where+` ORDER BY `+order+` LIMIT ? OFFSET ?`, args...)
	if err != nil {
		return nil, false, fmt.Errorf("findings: %w", err)
	}
	defer rows.Close()
	out := []WebFinding{}
	for rows.Next() {
		var fd WebFinding
		var sev, parties, ships, ids, ev string
		var ts, tn, tw, td sql.NullString
		if err := rows.Scan(&fd.ID, &fd.Detector, &fd.DetectorVersion, &fd.Key, &fd.Score, &sev, &fd.Title, &fd.Explanation,
			&parties, &ships, &ids, &ev, &fd.ValueUSD, &fd.WeightKg, &ts, &tn, &tw, &td); err != nil {
			return nil, false, fmt.Errorf("findings: %w", err)
		}
		fd.SeverityName = sev
		fd.Severity, _ = trade.ParseSeverity(sev)
		for _, p := range []struct {
			s string
			v any
		}{{parties, &fd.Parties}, {ships, &fd.Shipments}, {ids, &fd.ShipmentIDs}, {ev, &fd.Evidence}} {
			if err := json.Unmarshal([]byte(p.s), p.v); err != nil {
				return nil, false, fmt.Errorf("finding %d: %w", fd.ID, err)
			}
		}
		fd.Finding.ShipmentIDs = fd.ShipmentIDs
		if ts.Valid {
			fd.Triage = &WebTriage{Target: "finding:" + fd.Key, Status: ts.String, Note: tn.String, Who: tw.String, Decided: td.String}
		}
		out = append(out, fd)
	}
	if err := rows.Err(); err != nil {
		return nil, false, fmt.Errorf("findings: %w", err)
	}
	more := len(out) > q.Limit
	if more {
		out = out[:q.Limit]
	}
	return out, more, nil
}

// WebCase is a case with its latest triage decision.
type WebCase struct {
	ID        int64           `json:"id"`
	Key       string          `json:"key"`
	Kind      string          `json:"kind"`
	Title     string          `json:"title"`
	Score     float64         `json:"score"`
	Reasons   json.RawMessage `json:"reasons"`
	Findings  []string        `json:"findings"`
	PartyIDs  []int64         `json:"party_ids"`
	ValueUSD  float64         `json:"value_usd"`
	FirstDate string          `json:"first_date"`
	LastDate  string          `json:"last_date"`
	Triage    *WebTriage      `json:"triage,omitempty"`
}

// WebCaseQuery filters and sorts cases.
type WebCaseQuery struct {
	ID         int64
	Kind       string
	Status     string
	Text       string
	PartyID    int64
	FindingKey string // cases that hold this finding
	Sort       string // score, value, date
	Offset     int
	Limit      int
}

// WebCases lists cases with their triage state.
func (d *DB) WebCases(ctx context.Context, q WebCaseQuery) ([]WebCase, bool, error) {
	var conds []string
	var args []any
	if q.ID != 0 {
		conds = append(conds, `c.id = ?`)
		args = append(args, q.ID)
	}
	if q.Kind != "" {
		conds = append(conds, `c.kind = ?`)
		args = append(args, q.Kind)
	}
	if q.Status != "" {
		conds = append(conds, `coalesce(t.status, 'new') = ?`)
		args = append(args, q.Status)
	}
	if q.Text != "" {
		conds = append(conds, `c.title ILIKE ? ESCAPE '\'`)
		args = append(args, "%"+escapeLike(q.Text)+"%")
	}
	if q.PartyID != 0 {
		conds = append(conds, `contains(',' || replace(trim(c.party_ids, '[] '), ' ', '') || ',', ?)`)
		args = append(args, ","+strconv.FormatInt(q.PartyID, 10)+",")
	}
	if q.FindingKey != "" {
		b, _ := json.Marshal(q.FindingKey)
		conds = append(conds, `contains(c.findings, ?)`)
		args = append(args, string(b))
	}
	where := ""
	if len(conds) > 0 {
		where = " WHERE " + strings.Join(conds, " AND ")
	}
	order := `c.score DESC, c.id`
	switch q.Sort {
	case "value":
		order = `c.value_usd DESC, c.id`
	case "date":
		order = `c.last_date DESC NULLS LAST, c.id`
	}
	args = append(args, q.Limit+1, q.Offset)
	rows, err := d.db.QueryContext(ctx, `SELECT c.id, c.key, c.kind, c.title, c.score, c.reasons, c.findings, c.party_ids,
c.value_usd, coalesce(strftime(c.first_date, '%Y-%m-%d'), ''), coalesce(strftime(c.last_date, '%Y-%m-%d'), ''),
t.status, t.note, t.who, t.decided
FROM cases c LEFT JOIN `+latestTriage+` t ON t.target = 'case:' || c.key`+where+` ORDER BY `+order+` LIMIT ? OFFSET ?`, args...)
	if err != nil {
		return nil, false, fmt.Errorf("cases: %w", err)
	}
	defer rows.Close()
	out := []WebCase{}
	for rows.Next() {
		var c WebCase
		var reasons, findings, pids string
		var ts, tn, tw, td sql.NullString
		if err := rows.Scan(&c.ID, &c.Key, &c.Kind, &c.Title, &c.Score, &reasons, &findings, &pids, &c.ValueUSD,
			&c.FirstDate, &c.LastDate, &ts, &tn, &tw, &td); err != nil {
			return nil, false, fmt.Errorf("cases: %w", err)
		}
		c.Reasons = rawJSON(reasons)
		if err := json.Unmarshal([]byte(findings), &c.Findings); err != nil {
			return nil, false, fmt.Errorf("case %d: findings: %w", c.ID, err)
		}
		if err := json.Unmarshal([]byte(pids), &c.PartyIDs); err != nil {
			return nil, false, fmt.Errorf("case %d: party ids: %w", c.ID, err)
		}
		if ts.Valid {
			c.Triage = &WebTriage{Target: "case:" + c.Key, Status: ts.String, Note: tn.String, Who: tw.String, Decided: td.String}
		}
		out = append(out, c)
	}
	if err := rows.Err(); err != nil {
		return nil, false, fmt.Errorf("cases: %w", err)
	}
	more := len(out) > q.Limit
	if more {
		out = out[:q.Limit]
	}
	return out, more, nil
}

// WebTriageStatuses are the triage states.
var WebTriageStatuses = []string{"new", "confirmed", "dismissed"}

// WebAddTriage appends a triage decision. The target must name an existing finding or case.
func (d *DB) WebAddTriage(ctx context.Context, t WebTriage) error {
	if !contains(WebTriageStatuses, t.Status) {
		return fmt.Errorf("triage %s: status %q is not one of new, confirmed, dismissed", t.Target, t.Status)
	}
	kind, key, ok := strings.Cut(t.Target, ":")
	var n int
	var err error
	switch {
	case ok && kind == "finding":
		err = d.db.QueryRowContext(ctx, `SELECT count(*) FROM findings WHERE key = ?`, key).Scan(&n)
	case ok && kind == "case":
		err = d.db.QueryRowContext(ctx, `SELECT count(*) FROM cases WHERE key = ?`, key).Scan(&n)
	default:
		return fmt.Errorf("triage %q: the target must be finding:KEY or case:KEY", t.Target)
	}
	if err != nil {
		return fmt.Errorf("triage %s: %w", t.Target, err)
	}
	if n == 0 {
		return fmt.Errorf("triage %s: %w", t.Target, trade.ErrNotFound)
	}
	if _, err := d.db.ExecContext(ctx, `INSERT INTO triage (target, status, note, who, decided) VALUES (?, ?, ?, ?, ?)`,
		t.Target, t.Status, t.Note, t.Who, time.Now().UTC()); err != nil {
		return fmt.Errorf("triage %s: %w", t.Target, err)
	}
	return nil
}

// WebTriageHistory lists a target's decisions, newest first.
func (d *DB) WebTriageHistory(ctx context.Context, target string) ([]WebTriage, error) {
	rows, err := d.db.QueryContext(ctx, `SELECT target, status, note, who, strftime(decided, '%Y-%m-%d %H:%M:%S') FROM triage WHERE target = ? ORDER BY decided DESC`, target)
	if err != nil {
		return nil, fmt.Errorf("triage %s: %w", target, err)
	}
	defer rows.Close()
	out := []WebTriage{}
	for rows.Next() {
		var t WebTriage
		if err := rows.Scan(&t.Target, &t.Status, &t.Note, &t.Who, &t.Decided); err != nil {
			return nil, fmt.Errorf("triage %s: %w", target, err)
		}
		out = append(out, t)
	}
	return out, rows.Err()
}

// WebCount is a count and value under a few labels.
type WebCount struct {
	Labels   []string `json:"labels"`
	Lines    int64    `json:"lines"`
	ValueUSD float64  `json:"value_usd"`
}

// WebCountsQuery runs an aggregate whose last two columns are a count and a value and whose other columns
// are labels. It is for the server's own fixed queries; arguments are parameters.
func (d *DB) webCounts(ctx context.Context, query string, args ...any) ([]WebCount, error) {
	rows, err := d.db.QueryContext(ctx, query, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	cols, err := rows.Columns()
	if err != nil {
		return nil, err
	}
	out := []WebCount{}
	for rows.Next() {
		c := WebCount{Labels: make([]string, len(cols)-2)}
		ptrs := make([]any, len(cols))
		for i := range c.Labels {
			ptrs[i] = &c.Labels[i]
		}
		ptrs[len(cols)-2], ptrs[len(cols)-1] = &c.Lines, &c.ValueUSD
		if err := rows.Scan(ptrs...); err != nil {
			return nil, err
		}
		out = append(out, c)
	}
	return out, rows.Err()
}

// WebOverview is the raw material of the overview page; the server maps HS codes to goods classes.
type WebOverview struct {
	Findings []WebCount `json:"findings"` // detector, severity
	Cases    []WebCount `json:"cases"`    // kind, triage status
	Triage   []WebCount `json:"triage"`   // findings by triage status
	// Flows into the sanctioned destinations: month, destination, route (direct or hub), hs6.
	Flows []WebCount `json:"flows"`
	// Top shippers to the sanctioned destinations through hubs: shipper, shipper country, dispatch country.
	HubSuppliers []WebCount `json:"hub_suppliers"`
}

// WebOverview aggregates the store for the overview page. It scans the shipments bound for the sanctioned
// destinations once; the server caches the result.
func (d *DB) WebOverview(ctx context.Context, hubs []string, sanctioned []string, classHS []string) (*WebOverview, error) {
	var o WebOverview
	var err error
	if o.Findings, err = d.webCounts(ctx, `SELECT detector, severity, count(*), coalesce(sum(value_usd), 0) FROM findings GROUP BY ALL ORDER BY 1, 2`); err != nil {
		return nil, fmt.Errorf("overview findings: %w", err)
	}
	if o.Cases, err = d.webCounts(ctx, `SELECT c.kind, coalesce(t.status, 'new'), count(*), coalesce(sum(c.value_usd), 0) FROM cases c
LEFT JOIN `+latestTriage+` t ON t.target = 'case:' || c.key GROUP BY ALL ORDER BY 1, 2`); err != nil {
		return nil, fmt.Errorf("overview cases: %w", err)
	}
	if o.Triage, err = d.webCounts(ctx, `SELECT coalesce(t.status, 'new'), count(*), coalesce(sum(f.value_usd), 0) FROM findings f
LEFT JOIN `+latestTriage+` t ON t.target = 'finding:' || f.key GROUP BY ALL ORDER BY 1`); err != nil {
		return nil, fmt.Errorf("overview triage: %w", err)
	}
	in := func(vals []string) (string, []any) {
		if len(vals) == 0 {
			return "(NULL)", nil
		}
		args := make([]any, len(vals))
		for i, v := range vals {
			args[i] = v
		}
		return "(" + placeholders(len(vals)) + ")", args
	}
	hubIn, hubArgs := in(hubs)
	dstIn, dstArgs := in(sanctioned)
	// Only lines whose HS code may hold controlled goods are grouped by code: the rest count under "".
	var hsCase string
	var hsArgs []any
	if len(classHS) > 0 {
		var ors []string
		for _, p := range classHS {
			ors = append(ors, `starts_with(hs6, ?)`)
			hsArgs = append(hsArgs, p)
		}
		hsCase = `CASE WHEN ` + strings.Join(ors, " OR ") + ` THEN hs6 ELSE '' END`
	} else {
		hsCase = `''`
	}
	var args []any
	args = append(args, hubArgs...)
	args = append(args, hsArgs...)
	args = append(args, dstArgs...)
	if o.Flows, err = d.webCounts(ctx, `SELECT strftime(date, '%Y-%m') AS month, destination_country,
CASE WHEN dispatch_country <> origin_country AND dispatch_country IN `+hubIn+` THEN 'hub' ELSE 'direct' END AS route,
`+hsCase+` AS hs, count(*), coalesce(sum(value_usd), 0)
FROM shipments WHERE destination_country IN `+dstIn+` GROUP BY ALL ORDER BY 1, 2, 3, 4`, args...); err != nil {
		return nil, fmt.Errorf("overview flows: %w", err)
	}
	args = append(append([]any{}, dstArgs...), hubArgs...)
	if o.HubSuppliers, err = d.webCounts(ctx, `SELECT shipper_name, shipper_country, dispatch_country, count(*), coalesce(sum(value_usd), 0)
FROM shipments WHERE destination_country IN `+dstIn+` AND dispatch_country <> origin_country AND dispatch_country IN `+hubIn+`
GROUP BY ALL ORDER BY 5 DESC, 1 LIMIT 25`, args...); err != nil {
		return nil, fmt.Errorf("overview suppliers: %w", err)
	}
	return &o, nil
}

// WebFlowQuery selects the lines of a flows page.
type WebFlowQuery struct {
	HSPrefixes []string // a goods class's HS prefixes; none: every line
	Text       string   // brand, manufacturer or description (substring)
	From, To   string   // YYYY-MM-DD
	Dest       []string // destination countries; none: every destination
}

// WebFlows groups lines by origin, dispatch and destination country.
func (d *DB) WebFlows(ctx context.Context, q WebFlowQuery) ([]WebCount, error) {
	var conds []string
	var args []any
	if len(q.HSPrefixes) > 0 {
		var ors []string
		for _, p := range q.HSPrefixes {
			ors = append(ors, `starts_with(hs_code, ?)`)
			args = append(args, p)
		}
		conds = append(conds, "("+strings.Join(ors, " OR ")+")")
	}
	if q.Text != "" {
		like := "%" + escapeLike(q.Text) + "%"
		conds = append(conds, `(brand ILIKE ? ESCAPE '\' OR manufacturer ILIKE ? ESCAPE '\' OR description ILIKE ? ESCAPE '\' OR description_en ILIKE ? ESCAPE '\')`)
		args = append(args, like, like, like, like)
	}
	if q.From != "" {
		conds = append(conds, `date >= CAST(? AS DATE)`)
		args = append(args, q.From)
	}
	if q.To != "" {
		conds = append(conds, `date <= CAST(? AS DATE)`)
		args = append(args, q.To)
	}
	if len(q.Dest) > 0 {
		conds = append(conds, `destination_country IN (`+placeholders(len(q.Dest))+`)`)
		for _, c := range q.Dest {
			args = append(args, c)
		}
	}
	where := ""
	if len(conds) > 0 {
		where = " WHERE " + strings.Join(conds, " AND ")
	}
	out, err := d.webCounts(ctx, `SELECT origin_country, dispatch_country, destination_country, count(*), coalesce(sum(value_usd), 0)
FROM shipments`+where+` GROUP BY ALL ORDER BY 5 DESC, 4 DESC LIMIT 200`, args...)
	if err != nil {
		return nil, fmt.Errorf("flows: %w", err)
	}
	return out, nil
}

// WebListVersion is a loaded list publication.
type WebListVersion struct {
	ID        int64  `json:"id"`
	List      string `json:"list"`
	File      string `json:"file"`
	SHA256    string `json:"sha256"`
	Loaded    string `json:"loaded"`
	Entities  int64  `json:"entities"`
	Names     int64  `json:"names"`
	IsCurrent bool   `json:"is_current"`
	// Added and Removed count the entities (by source id) against the list's previous version.
	Added   int64 `json:"added"`
	Removed int64 `json:"removed"`
}

// WebListVersions lists the loaded list versions, newest first, with their differences from the version
// before.
func (d *DB) WebListVersions(ctx context.Context) ([]WebListVersion, error) {
	rows, err := d.db.QueryContext(ctx, `WITH v AS (
  SELECT *, lag(id) OVER (PARTITION BY list ORDER BY loaded, id) AS prev FROM list_versions)
SELECT v.id, v.list, v.file, v.sha256, strftime(v.loaded, '%Y-%m-%d %H:%M:%S'), v.entities, v.names, v.is_current,
  CASE WHEN v.prev IS NULL THEN 0 ELSE (SELECT count(*) FROM list_entities e WHERE e.version_id = v.id
    AND e.source_id NOT IN (SELECT source_id FROM list_entities p WHERE p.version_id = v.prev)) END,
  CASE WHEN v.prev IS NULL THEN 0 ELSE (SELECT count(*) FROM list_entities p WHERE p.version_id = v.prev
    AND p.source_id NOT IN (SELECT source_id FROM list_entities e WHERE e.version_id = v.id)) END
FROM v ORDER BY v.loaded DESC, v.id DESC`)
	if err != nil {
		return nil, fmt.Errorf("list versions: %w", err)
	}
	defer rows.Close()
	out := []WebListVersion{}
	for rows.Next() {
		var v WebListVersion
		if err := rows.Scan(&v.ID, &v.List, &v.File, &v.SHA256, &v.Loaded, &v.Entities, &v.Names, &v.IsCurrent, &v.Added, &v.Removed); err != nil {
			return nil, fmt.Errorf("list versions: %w", err)
		}
		out = append(out, v)
	}
	return out, rows.Err()
}

// WebRejections pages a run's rejected rows.
func (d *DB) WebRejections(ctx context.Context, run int64, offset, limit int) ([]trade.Rejection, bool, error) {
	rows, err := d.db.QueryContext(ctx, `SELECT run_id, file, row_no, column_name, value, reason, detail, raw FROM rejected WHERE run_id = ? ORDER BY row_no LIMIT ? OFFSET ?`, run, limit+1, offset)
	if err != nil {
		return nil, false, fmt.Errorf("run %d rejected rows: %w", run, err)
	}
	defer rows.Close()
	out := []trade.Rejection{}
	for rows.Next() {
		var r trade.Rejection
		var raw string
		if err := rows.Scan(&r.Run, &r.File, &r.Row, &r.Column, &r.Value, &r.Reason, &r.Detail, &raw); err != nil {
			return nil, false, fmt.Errorf("run %d rejected rows: %w", run, err)
		}
		r.Raw = decodeRaw(raw)
		out = append(out, r)
	}
	if err := rows.Err(); err != nil {
		return nil, false, err
	}
	more := len(out) > limit
	if more {
		out = out[:limit]
	}
	return out, more, nil
}

// WebEdge is a trade link between two parties.
type WebEdge struct {
	From     string  `json:"from"`
	To       string  `json:"to"`
	Lines    int64   `json:"lines"`
	ValueUSD float64 `json:"value_usd"`
}

// WebNode is a party in a network.
type WebNode struct {
	Ref     string  `json:"id"`
	Name    string  `json:"name"`
	Country string  `json:"country"`
	Risk    float64 `json:"risk"`
	Hop     int     `json:"hop"`
}

// WebNetwork is a party's trading network.
type WebNetwork struct {
	Nodes []WebNode `json:"nodes"`
	Edges []WebEdge `json:"edges"`
}

// WebPartyNetwork returns a party's partners up to hops out (1 or 2), keeping the perHop largest partners of
// each party by value.
func (d *DB) WebPartyNetwork(ctx context.Context, ref WebPartyRef, hops, perHop int) (*WebNetwork, error) {
	root, err := d.WebParty(ctx, ref)
	if err != nil {
		return nil, err
	}
	net := &WebNetwork{Nodes: []WebNode{{Ref: root.Ref, Name: root.Name, Country: root.Country, Risk: root.Risk}}, Edges: []WebEdge{}}
	seen := map[string]bool{root.Ref: true}
	edges := map[[2]string]bool{}
	frontier := []WebPartyRef{ref}
	for hop := 1; hop <= hops; hop++ {
		var next []WebPartyRef
		for _, r := range frontier {
			act, err := d.WebPartyActivity(ctx, r, perHop, 0)
			if err != nil {
				return nil, err
			}
			for _, c := range act.Counterparties {
				from, to := r.String(), c.Ref
				if c.Role == "shipper" {
					from, to = to, from
				}
				if !edges[[2]string{from, to}] {
					edges[[2]string{from, to}] = true
					net.Edges = append(net.Edges, WebEdge{From: from, To: to, Lines: c.Lines, ValueUSD: c.ValueUSD})
				}
				if seen[c.Ref] {
					continue
				}
				seen[c.Ref] = true
				net.Nodes = append(net.Nodes, WebNode{Ref: c.Ref, Name: c.Name, Country: c.Country, Risk: c.Risk, Hop: hop})
				if nr, err := ParseWebPartyRef(c.Ref); err == nil {
					next = append(next, nr)
				}
			}
		}
		frontier = next
	}
	return net, nil
}

// webIndexes are the ART indexes that turn the workbench's lookups into index probes: a shipment and its raw
// row by id, a party's lines and a line's parties.
var webIndexes = []struct{ name, table, column string }{
	{"web_shipments_id", "shipments", "id"},
	{"web_raw_rows_id", "raw_rows", "id"},
	{"web_shipment_parties_party", "shipment_parties", "party_id"},
	{"web_shipment_parties_shipment", "shipment_parties", "shipment_id"},
}

// WebEnsureIndexes creates the workbench's indexes where they are missing and reports which it created. On a
// 10M-line store this takes minutes and memory once; the store keeps them up to date afterwards.
func (d *DB) WebEnsureIndexes(ctx context.Context) ([]string, error) {
	var made []string
	for _, ix := range webIndexes {
		var n int
		if err := d.db.QueryRowContext(ctx, `SELECT count(*) FROM duckdb_indexes() WHERE index_name = ?`, ix.name).Scan(&n); err != nil {
			return made, fmt.Errorf("indexes: %w", err)
		}
		if n > 0 {
			continue
		}
		// names are constants above, not data
		if _, err := d.db.ExecContext(ctx, `CREATE INDEX `+ix.name+` ON `+ix.table+` (`+ix.column+`)`); err != nil {
			return made, fmt.Errorf("index %s on %s(%s): %w", ix.name, ix.table, ix.column, err)
		}
		made = append(made, ix.name)
	}
	return made, nil
}

// WebFindingRef is what the server indexes of each finding: which lines and party names it cites.
type WebFindingRef struct {
	ID          int64
	ShipmentIDs []int64
	PartyNames  []string
}

// WebFindingRefs lists every finding's cited lines and party names, for an index kept in memory.
func (d *DB) WebFindingRefs(ctx context.Context) ([]WebFindingRef, error) {
	rows, err := d.db.QueryContext(ctx, `SELECT id, shipment_ids, parties FROM findings`)
	if err != nil {
		return nil, fmt.Errorf("finding refs: %w", err)
	}
	defer rows.Close()
	var out []WebFindingRef
	for rows.Next() {
		var r WebFindingRef
		var ids, parties string
		if err := rows.Scan(&r.ID, &ids, &parties); err != nil {
			return nil, fmt.Errorf("finding refs: %w", err)
		}
		var ps []trade.FindingParty
		if err := json.Unmarshal([]byte(ids), &r.ShipmentIDs); err != nil {
			return nil, fmt.Errorf("finding %d: shipment ids: %w", r.ID, err)
		}
		if err := json.Unmarshal([]byte(parties), &ps); err != nil {
			return nil, fmt.Errorf("finding %d: parties: %w", r.ID, err)
		}
		for _, p := range ps {
			r.PartyNames = append(r.PartyNames, p.Name)
		}
		out = append(out, r)
	}
	return out, rows.Err()
}
