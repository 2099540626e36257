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
	ix, err := d.partySearchIndex(ctx)
	if err != nil {
		return false, err
	}
	return len(ix.rows) > 0, nil
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
value_usd, weight_kg, strftime(first_seen, '%Y-%m-%d'), strftime(last_seen, '%Y-%m-%d'), risk, matches FROM parties WHERE id = `+strconv.FormatInt(ref.ID, 10)).
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

// webIndexes are the ART indexes that turn the workbench's lookups into index probes: a shipment and its raw
// row by id, a party's lines and a line's parties, findings, cases and parties by id (pages read them by their ids).
var webIndexes = []struct{ name, table, column string }{
	{"web_shipments_id", "shipments", "id"},
	{"web_raw_rows_id", "raw_rows", "id"},
	{"web_shipment_parties_party", "shipment_parties", "party_id"},
	{"web_shipment_parties_shipment", "shipment_parties", "shipment_id"},
	{"web_findings_id", "findings", "id"},
	{"web_cases_id", "cases", "id"},
	{"web_parties_id", "parties", "id"},
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

// WebFindingRefs lists every finding's cited lines and party names, for an index kept in memory, in the order
// lists of findings show them unless told otherwise: by score, then key.
func (d *DB) WebFindingRefs(ctx context.Context) ([]WebFindingRef, error) {
	rows, err := d.db.QueryContext(ctx, `SELECT id, shipment_ids, parties FROM findings ORDER BY score DESC, key`)
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
