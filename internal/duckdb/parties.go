package duckdb

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"strings"
	"time"

	"tradetrace/internal/party"
	"tradetrace/internal/trade"
)

// ByValueDesc orders rows by their value to the cent, largest first. A sum of dollars differs in its last bits
// with the order it was added in (the other store's, or another run's), so rows whose values agree to the cent
// are ordered by the next key, not by that noise: the two stores list parties in the same order. Its SQL runs on
// both, and the ClickHouse store orders by it too.
const ByValueDesc = `floor(value_usd * 100 + 0.5) DESC`

// partyVariantsQuery reads the distinct party tuples of the shipments in both roles with what their lines add
// up to, in one pass of the store's own GROUP BY: resolution never sees individual lines.
const partyVariantsQuery = `WITH t AS (
	SELECT shipper_name AS name, shipper_name_en AS name_en, shipper_country AS country, shipper_id AS pid,
		shipper_address AS address, shipper_address_en AS address_en, 1 AS shipper, 0 AS consignee,
		value_usd, coalesce(net_weight_kg, gross_weight_kg) AS weight, date
	FROM shipments WHERE shipper_name <> '' OR shipper_name_en <> '' OR shipper_id <> ''
	UNION ALL
	SELECT consignee_name, consignee_name_en, consignee_country, consignee_id,
		consignee_address, consignee_address_en, 0, 1,
		value_usd, coalesce(net_weight_kg, gross_weight_kg), date
	FROM shipments WHERE consignee_name <> '' OR consignee_name_en <> '' OR consignee_id <> ''
)
SELECT name, name_en, country, pid, coalesce(mode(address) FILTER (WHERE address <> ''), ''),
	coalesce(mode(address_en) FILTER (WHERE address_en <> ''), ''), sum(shipper), sum(consignee),
	coalesce(sum(value_usd), 0), coalesce(sum(weight), 0), min(date), max(date)
FROM t GROUP BY name, name_en, country, pid`

// PartyVariants returns the distinct (name, English name, country, identifier) tuples of the shippers and
// consignees, each with its most frequent addresses, its lines by role, value, weight and dates.
func (d *DB) PartyVariants(ctx context.Context) ([]party.Variant, error) {
	rows, err := d.db.QueryContext(ctx, partyVariantsQuery)
	if err != nil {
		return nil, fmt.Errorf("party variants: %w", err)
	}
	defer rows.Close()
	var out []party.Variant
	for rows.Next() {
		var v party.Variant
		var first, last sql.NullTime
		if err := rows.Scan(&v.Name, &v.NameEn, &v.Country, &v.ID, &v.Address, &v.AddressEn, &v.ShipperLines,
			&v.ConsigneeLines, &v.ValueUSD, &v.WeightKg, &first, &last); err != nil {
			return nil, fmt.Errorf("party variants: %w", err)
		}
		v.First, v.Last = first.Time, last.Time
		out = append(out, v)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("party variants: %w", err)
	}
	return out, nil
}

// partyColumns is the column order of the temporary parties file, as read back by read_csv.
const partyColumns = `'id': 'BIGINT', 'name': 'VARCHAR', 'name_en': 'VARCHAR', 'country': 'VARCHAR',
'identifiers': 'VARCHAR', 'variants': 'VARCHAR', 'addresses': 'VARCHAR', 'roles': 'VARCHAR', 'lines': 'BIGINT',
'value_usd': 'DOUBLE', 'weight_kg': 'DOUBLE', 'first_seen': 'DATE', 'last_seen': 'DATE', 'search': 'VARCHAR',
'risk': 'DOUBLE', 'matches': 'VARCHAR'`

// partyMapColumns is the column order of the temporary variant → party file.
const partyMapColumns = `'name': 'VARCHAR', 'name_en': 'VARCHAR', 'country': 'VARCHAR', 'pid': 'VARCHAR', 'party_id': 'BIGINT'`

// VariantLines is one variant of a stored party, as parties.variants holds it.
type VariantLines struct {
	Name    string `json:"name"`
	NameEn  string `json:"name_en"`
	Country string `json:"country"`
	ID      string `json:"id"`
	Lines   int64  `json:"lines"`
}

// ReplaceParties stores a resolution in place of the previous one, parties and shipment_parties in one
// transaction. Parties go through a temporary file and DuckDB's CSV reader; shipment_parties is filled by
// one INSERT … SELECT per role that joins the shipments to a variant → party table.
func (d *DB) ReplaceParties(ctx context.Context, r *party.Result) error {
	defer d.forget(memoPartySearch, memoCaseParties)
	if err := os.MkdirAll(d.tmpDir, 0o755); err != nil {
		return fmt.Errorf("save parties: %w", err)
	}
	dir, err := os.MkdirTemp(d.tmpDir, "parties-")
	if err != nil {
		return fmt.Errorf("save parties: %w", err)
	}
	defer os.RemoveAll(dir)
	pf, err := newTSV(dir + "/parties.tsv")
	if err != nil {
		return fmt.Errorf("save parties: %w", err)
	}
	defer pf.close()
	mf, err := newTSV(dir + "/map.tsv")
	if err != nil {
		return fmt.Errorf("save parties: %w", err)
	}
	defer mf.close()
	// Variants whose fields the file cannot carry unchanged (tabs, line breaks, a lone \N) are mapped with
	// bound inserts instead, so that the join finds their lines.
	var odd []int
	var e rowEncoder
	for p := range r.Parties {
		pt := &r.Parties[p]
		s := r.Summary(p)
		vars := make([]VariantLines, len(pt.Variants))
		for i, v := range pt.Variants {
			x := &r.Variants[v]
			vars[i] = VariantLines{Name: x.Name, NameEn: x.NameEn, Country: x.Country, ID: x.ID, Lines: x.Lines()}
			if fileSafe(x.Name) && fileSafe(x.NameEn) && fileSafe(x.Country) && fileSafe(x.ID) {
				e = rowEncoder{b: e.b[:0]}
				e.str(x.Name)
				e.str(x.NameEn)
				e.str(x.Country)
				e.str(x.ID)
				e.int(pt.ID)
				if _, err := mf.w.Write(append(e.b, '\n')); err != nil {
					return fmt.Errorf("save parties: %w", err)
				}
			} else {
				odd = append(odd, v)
			}
		}
		ids, _ := json.Marshal(nonNil(s.Identifiers))
		vj, _ := json.Marshal(vars)
		addrs, _ := json.Marshal(nonNil(s.Addresses))
		roles, _ := json.Marshal(s.Roles)
		e = rowEncoder{b: e.b[:0]}
		e.int(pt.ID)
		e.str(s.Name)
		e.str(s.NameEn)
		e.str(s.Country)
		e.str(string(ids))
		e.str(string(vj))
		e.str(string(addrs))
		e.str(string(roles))
		e.int(s.Lines)
		e.num(trade.N(s.ValueUSD))
		e.num(trade.N(s.WeightKg))
		for _, t := range []time.Time{s.First, s.Last} {
			if t.IsZero() {
				e.raw(`\N`)
			} else {
				e.raw(t.Format("2006-01-02"))
			}
		}
		e.str(s.Search)
		e.num(trade.N(0))
		e.str("[]")
		if _, err := pf.w.Write(append(e.b, '\n')); err != nil {
			return fmt.Errorf("save parties: %w", err)
		}
	}
	if err := pf.flush(); err != nil {
		return fmt.Errorf("save parties: %w", err)
	}
	if err := mf.flush(); err != nil {
		return fmt.Errorf("save parties: %w", err)
	}
	tx, err := d.db.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("save parties: %w", err)
	}
	defer tx.Rollback()
	if len(r.Parties) == 0 {
		for _, q := range []string{`DELETE FROM parties`, `DELETE FROM shipment_parties`, `DELETE FROM party_lines`, `DELETE FROM party_months`, `DELETE FROM party_counterparties`,
			`DELETE FROM party_top_counterparties`, `DELETE FROM party_latest`} {
			if _, err := tx.ExecContext(ctx, q); err != nil {
				return fmt.Errorf("save parties: %w", err)
			}
		}
		if err := tx.Commit(); err != nil {
			return fmt.Errorf("save parties: %w", err)
		}
		return nil
	}
	stmts := []string{
		`DELETE FROM parties`,
		`DELETE FROM shipment_parties`,
		`INSERT INTO parties SELECT * FROM ` + pf.source(partyColumns),
		`CREATE OR REPLACE TEMP TABLE party_map AS SELECT * FROM ` + mf.source(partyMapColumns),
	}
	for _, q := range stmts {
		if _, err := tx.ExecContext(ctx, q); err != nil {
			return fmt.Errorf("save parties: %w", err)
		}
	}
	for _, v := range odd {
		x := &r.Variants[v]
		if _, err := tx.ExecContext(ctx, `INSERT INTO party_map VALUES (?, ?, ?, ?, ?)`, x.Name, x.NameEn, x.Country, x.ID,
			r.Parties[r.Of[v]].ID); err != nil {
			return fmt.Errorf("save parties: %w", err)
		}
	}
	for _, role := range []string{party.RoleShipper, party.RoleConsignee} {
		// role is one of two constants, never data
		q := fmt.Sprintf(`INSERT INTO shipment_parties SELECT s.id, '%[1]s', m.party_id FROM shipments s JOIN party_map m
			ON s.%[1]s_name = m.name AND s.%[1]s_name_en = m.name_en AND s.%[1]s_country = m.country AND s.%[1]s_id = m.pid`, role)
		if _, err := tx.ExecContext(ctx, q); err != nil {
			return fmt.Errorf("save parties: %s: %w", role, err)
		}
	}
	if _, err := tx.ExecContext(ctx, `DROP TABLE party_map`); err != nil {
		return fmt.Errorf("save parties: %w", err)
	}
	if err := buildPartySummaries(ctx, tx); err != nil {
		return fmt.Errorf("save parties: %w", err)
	}
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("save parties: %w", err)
	}
	return nil
}

// fileSafe reports whether rowEncoder.str writes s unchanged.
func fileSafe(s string) bool {
	return s != `\N` && !strings.ContainsAny(s, "\t\n\r") && strings.ToValidUTF8(s, "\uFFFD") == s
}

// StoredParty is a row of the parties table.
type StoredParty struct {
	ID          int64
	Name        string
	NameEn      string
	Country     string
	Identifiers []string
	Variants    []VariantLines
	Addresses   []string
	Roles       map[string]int64
	Lines       int64
	ValueUSD    float64
	WeightKg    float64
	First, Last time.Time // zero when unknown
	Search      string
	Risk        float64
	Matches     json.RawMessage
}

const partySelect = `id, name, name_en, country, identifiers, variants, addresses, roles, lines, value_usd, weight_kg,
first_seen, last_seen, search, risk, matches`

func scanParty(sc interface{ Scan(...any) error }) (StoredParty, error) {
	var p StoredParty
	var ids, vars, addrs, roles, matches string
	var first, last sql.NullTime
	if err := sc.Scan(&p.ID, &p.Name, &p.NameEn, &p.Country, &ids, &vars, &addrs, &roles, &p.Lines, &p.ValueUSD,
		&p.WeightKg, &first, &last, &p.Search, &p.Risk, &matches); err != nil {
		return p, err
	}
	p.First, p.Last = first.Time, last.Time
	for _, f := range []struct {
		s string
		v any
	}{{ids, &p.Identifiers}, {vars, &p.Variants}, {addrs, &p.Addresses}, {roles, &p.Roles}} {
		if err := json.Unmarshal([]byte(f.s), f.v); err != nil {
			return p, fmt.Errorf("party %d: %w", p.ID, err)
		}
	}
	p.Matches = json.RawMessage(matches)
	return p, nil
}

// ErrNoParty is returned when no party has the id asked for.
var ErrNoParty = errors.New("no such party")

// Party returns the party with the id.
func (d *DB) Party(ctx context.Context, id int64) (StoredParty, error) {
	p, err := scanParty(d.db.QueryRowContext(ctx, `SELECT `+partySelect+` FROM parties WHERE id = ?`, id))
	if errors.Is(err, sql.ErrNoRows) {
		return p, fmt.Errorf("party %d: %w", id, ErrNoParty)
	}
	if err != nil {
		return p, fmt.Errorf("party %d: %w", id, err)
	}
	return p, nil
}

// PartyVariantsOf returns the variants of a party, most lines first.
func (d *DB) PartyVariantsOf(ctx context.Context, id int64) ([]VariantLines, error) {
	p, err := d.Party(ctx, id)
	if err != nil {
		return nil, err
	}
	return p.Variants, nil
}

// PartyOrder says how Parties sorts.
type PartyOrder uint8

// Orders of Parties.
const (
	ByLines PartyOrder = iota // most declaration lines first
	ByValue                   // highest value first
	ByRisk                    // highest risk first
)

// PartyFilter selects parties.
type PartyFilter struct {
	Query  string // words that must all occur in the party's search words (normalised as names are)
	Order  PartyOrder
	Limit  int // 0: no limit
	Offset int
}

// Parties lists parties, a page at a time.
func (d *DB) Parties(ctx context.Context, f PartyFilter) ([]StoredParty, error) {
	q := `SELECT ` + partySelect + ` FROM parties`
	var args []any
	var conds []string
	for _, w := range strings.Fields(strings.ToLower(f.Query)) {
		conds = append(conds, `contains(' ' || search || ' ', ?)`)
		args = append(args, " "+w)
	}
	if len(conds) > 0 {
		q += ` WHERE ` + strings.Join(conds, ` AND `)
	}
	switch f.Order {
	case ByValue:
		q += ` ORDER BY ` + ByValueDesc + `, id`
	case ByRisk:
		q += ` ORDER BY risk DESC, lines DESC, id`
	default:
		q += ` ORDER BY lines DESC, id`
	}
	if f.Limit > 0 {
		q += ` LIMIT ?`
		args = append(args, f.Limit)
	}
	if f.Offset > 0 {
		q += ` OFFSET ?`
		args = append(args, f.Offset)
	}
	rows, err := d.db.QueryContext(ctx, q, args...)
	if err != nil {
		return nil, fmt.Errorf("list parties: %w", err)
	}
	defer rows.Close()
	var out []StoredParty
	for rows.Next() {
		p, err := scanParty(rows)
		if err != nil {
			return nil, fmt.Errorf("list parties: %w", err)
		}
		out = append(out, p)
	}
	return out, rows.Err()
}

// ShipmentParty is the party standing in one role on one shipment.
type ShipmentParty struct {
	ShipmentID trade.ShipmentID
	Role       string // shipper, consignee
	PartyID    int64
}

// PartyIDsForShipments returns the parties of the given shipments, by shipment id and role.
func (d *DB) PartyIDsForShipments(ctx context.Context, ids []trade.ShipmentID) ([]ShipmentParty, error) {
	var out []ShipmentParty
	const chunk = 1000
	for start := 0; start < len(ids); start += chunk {
		part := ids[start:min(start+chunk, len(ids))]
		args := make([]any, len(part))
		for i, id := range part {
			args[i] = int64(id)
		}
		rows, err := d.db.QueryContext(ctx, `SELECT shipment_id, role, party_id FROM shipment_parties WHERE shipment_id IN (`+
			placeholders(len(part))+`) ORDER BY shipment_id, role`, args...)
		if err != nil {
			return nil, fmt.Errorf("shipment parties: %w", err)
		}
		for rows.Next() {
			var sp ShipmentParty
			var sid int64
			if err := rows.Scan(&sid, &sp.Role, &sp.PartyID); err != nil {
				rows.Close()
				return nil, fmt.Errorf("shipment parties: %w", err)
			}
			sp.ShipmentID = trade.ShipmentID(sid)
			out = append(out, sp)
		}
		if err := rows.Close(); err != nil {
			return nil, fmt.Errorf("shipment parties: %w", err)
		}
	}
	return out, nil
}

// PartyShipments returns the ids of the shipments a party stands on, in a role or in any ("" role), newest
// id first, at most limit (0: all).
func (d *DB) PartyShipments(ctx context.Context, id int64, role string, limit int) ([]trade.ShipmentID, error) {
	q := `SELECT shipment_id FROM shipment_parties WHERE party_id = ?`
	args := []any{id}
	if role != "" {
		q += ` AND role = ?`
		args = append(args, role)
	}
	q += ` ORDER BY shipment_id DESC`
	if limit > 0 {
		q += ` LIMIT ?`
		args = append(args, limit)
	}
	rows, err := d.db.QueryContext(ctx, q, args...)
	if err != nil {
		return nil, fmt.Errorf("party %d shipments: %w", id, err)
	}
	defer rows.Close()
	var out []trade.ShipmentID
	for rows.Next() {
		var sid int64
		if err := rows.Scan(&sid); err != nil {
			return nil, fmt.Errorf("party %d shipments: %w", id, err)
		}
		out = append(out, trade.ShipmentID(sid))
	}
	return out, rows.Err()
}
