package clickhouse

// A party's page: its profile, activity by month, counterparties, lines and network of partners. A resolved
// party ("123") is read from the summaries written when the parties were resolved (web_resolved.go); a name
// ("n:NAME", for a store whose parties are not resolved) groups the lines that carry it as shipper or consignee,
// each shard scanning its share of the lines.

import (
	"context"
	"encoding/json"
	"fmt"

	"tradetrace/internal/duckdb"
	"tradetrace/internal/trade"
)

// WebParty returns a party's profile.
func (d *DB) WebParty(ctx context.Context, ref duckdb.WebPartyRef) (*duckdb.WebParty, error) {
	if ref.Name == "" {
		return d.webResolvedParty(ctx, ref.ID)
	}
	return d.webNameParty(ctx, ref.Name)
}

// webNameLines is the condition that keeps the visible lines carrying a name as shipper or consignee, with its
// arguments.
func (d *DB) webNameLines(ctx context.Context, name string) (string, []any, error) {
	runs, err := d.completeRuns(ctx)
	if err != nil {
		return "", nil, err
	}
	vis, args := visible(runs)
	return vis + ` AND (shipper_name = ? OR consignee_name = ?)`, append(args, name, name), nil
}

// webNameParty groups the lines that carry one exact shipper or consignee name.
func (d *DB) webNameParty(ctx context.Context, name string) (*duckdb.WebParty, error) {
	p := duckdb.WebParty{Ref: duckdb.WebPartyRef{Name: name}.String(), Name: name}
	runs, err := d.completeRuns(ctx)
	if err != nil {
		return nil, fmt.Errorf("party %q: %w", name, err)
	}
	vis, vargs := visible(runs)
	var ship, cons int64
	var first, last string
	err = d.conn.QueryRow(ctx, `SELECT toInt64(count()), ifNull(sum(value_usd), 0), ifNull(sum(net_weight_kg), 0),
if(count() = 0, '', formatDateTime(min(date), '%Y-%m-%d')), if(count() = 0, '', formatDateTime(max(date), '%Y-%m-%d')),
toInt64(countIf(shipper_name = ?)), toInt64(countIf(consignee_name = ?))
FROM shipments WHERE `+vis+` AND (shipper_name = ? OR consignee_name = ?)`, append(append([]any{name, name}, vargs...), name, name)...).
		Scan(&p.Lines, &p.ValueUSD, &p.WeightKg, &first, &last, &ship, &cons)
	if err != nil {
		return nil, fmt.Errorf("party %q: %w", name, err)
	}
	if p.Lines == 0 {
		return nil, fmt.Errorf("party %q: %w", name, trade.ErrNotFound)
	}
	p.FirstSeen, p.LastSeen = first, last
	type variant struct {
		Name    string `json:"name"`
		NameEn  string `json:"name_en"`
		Country string `json:"country"`
		ID      string `json:"id"`
		Lines   int64  `json:"lines"`
	}
	// Each variant's address is the one on its first line (shipper lines before consignee lines, then by id).
	args := append(append(append([]any{}, vargs...), name), vargs...)
	args = append(args, name)
	rows, err := d.conn.Query(ctx, `SELECT n, n_en, c, i, toInt64(count()) AS lines, argMin(addr, (part, id)) FROM (
  SELECT shipper_name AS n, shipper_name_en AS n_en, shipper_country AS c, shipper_id AS i, shipper_address AS addr, 0 AS part, id
  FROM shipments WHERE `+vis+` AND shipper_name = ?
  UNION ALL
  SELECT consignee_name, consignee_name_en, consignee_country, consignee_id, consignee_address, 1, id
  FROM shipments WHERE `+vis+` AND consignee_name = ?
) GROUP BY n, n_en, c, i ORDER BY lines DESC, n, n_en, c, i LIMIT 50`, args...)
	if err != nil {
		return nil, fmt.Errorf("party %q: %w", name, err)
	}
	defer rows.Close()
	var vs []variant
	ids, addrs := []string{}, []string{}
	countries := map[string]int64{}
	for rows.Next() {
		var v variant
		var addr string
		if err := rows.Scan(&v.Name, &v.NameEn, &v.Country, &v.ID, &v.Lines, &addr); err != nil {
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
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("party %q: %w", name, err)
	}
	var best int64
	for c, n := range countries {
		if n > best || n == best && c < p.Country {
			p.Country, best = c, n
		}
	}
	p.Variants, _ = json.Marshal(vs)
	p.Identifiers, _ = json.Marshal(ids)
	p.Addresses, _ = json.Marshal(addrs)
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

// WebPartyActivity aggregates a party's lines by month and counterparty, with its newest pageLimit lines.
func (d *DB) WebPartyActivity(ctx context.Context, ref duckdb.WebPartyRef, maxCounterparties, pageLimit int) (*duckdb.WebPartyActivity, error) {
	if ref.Name == "" {
		return d.webResolvedActivity(ctx, ref.ID, maxCounterparties, pageLimit)
	}
	out := &duckdb.WebPartyActivity{Months: []duckdb.WebMonth{}, Counterparties: []duckdb.WebCounterparty{}, Latest: []duckdb.WebShipmentRow{}}
	where, args, err := d.webNameLines(ctx, ref.Name)
	if err != nil {
		return nil, fmt.Errorf("party %s activity: %w", ref, err)
	}
	name := ref.Name
	// The party's role on each line: shipper, consignee, or both (a line it sends to itself counts twice).
	roles := `arrayJoin(arrayFilter(r -> r != '', [if(shipper_name = ?, 'shipper', ''), if(consignee_name = ?, 'consignee', '')]))`
	rows, err := d.conn.Query(ctx, `SELECT formatDateTime(date, '%Y-%m') AS month, `+roles+` AS role, toInt64(count()), ifNull(sum(value_usd), 0)
FROM shipments WHERE `+where+` GROUP BY month, role ORDER BY month, role`, append([]any{name, name}, args...)...)
	if err != nil {
		return nil, fmt.Errorf("party %s activity: %w", ref, err)
	}
	for rows.Next() {
		var m duckdb.WebMonth
		if err := rows.Scan(&m.Month, &m.Role, &m.Lines, &m.ValueUSD); err != nil {
			rows.Close()
			return nil, fmt.Errorf("party %s activity: %w", ref, err)
		}
		out.Months = append(out.Months, m)
	}
	err = rows.Err()
	rows.Close()
	if err != nil {
		return nil, fmt.Errorf("party %s activity: %w", ref, err)
	}
	// Counterparties: the other side of each line, its country from its first line; the party itself is not its
	// own counterparty.
	rows, err = d.conn.Query(ctx, `SELECT other, orole, argMin(oc, id), toInt64(count()) AS lines, sum(v) AS value FROM (
  SELECT id, `+roles+` AS role, if(role = 'shipper', consignee_name, shipper_name) AS other,
    if(role = 'shipper', consignee_country, shipper_country) AS oc, if(role = 'shipper', 'consignee', 'shipper') AS orole,
    ifNull(value_usd, 0) AS v
  FROM shipments WHERE `+where+`
) WHERE other != ? GROUP BY other, orole ORDER BY value DESC, other, orole LIMIT ?`, append(append([]any{name, name}, args...), name, maxCounterparties)...)
	if err != nil {
		return nil, fmt.Errorf("party %s activity: %w", ref, err)
	}
	for rows.Next() {
		var c duckdb.WebCounterparty
		if err := rows.Scan(&c.Name, &c.Role, &c.Country, &c.Lines, &c.ValueUSD); err != nil {
			rows.Close()
			return nil, fmt.Errorf("party %s activity: %w", ref, err)
		}
		c.Ref = duckdb.WebPartyRef{Name: c.Name}.String()
		out.Counterparties = append(out.Counterparties, c)
	}
	err = rows.Err()
	rows.Close()
	if err != nil {
		return nil, fmt.Errorf("party %s activity: %w", ref, err)
	}
	var lines uint64
	if err := d.conn.QueryRow(ctx, `SELECT count() FROM shipments WHERE `+where, args...).Scan(&lines); err != nil {
		return nil, fmt.Errorf("party %s activity: %w", ref, err)
	}
	out.Lines = int(lines)
	if pageLimit > 0 {
		if out.Latest, _, err = d.webNameShipments(ctx, name, "", 0, pageLimit); err != nil {
			return nil, err
		}
	}
	return out, nil
}

// WebPartyShipments pages a party's lines in a role ("" for both), newest first.
func (d *DB) WebPartyShipments(ctx context.Context, ref duckdb.WebPartyRef, role string, offset, limit int) ([]duckdb.WebShipmentRow, bool, error) {
	if ref.Name == "" {
		return d.webResolvedShipments(ctx, ref.ID, role, offset, limit)
	}
	return d.webNameShipments(ctx, ref.Name, role, offset, limit)
}

func (d *DB) webNameShipments(ctx context.Context, name, role string, offset, limit int) ([]duckdb.WebShipmentRow, bool, error) {
	runs, err := d.completeRuns(ctx)
	if err != nil {
		return nil, false, fmt.Errorf("party %q shipments: %w", name, err)
	}
	vis, args := visible(runs)
	switch role {
	case "shipper":
		vis += ` AND shipper_name = ?`
		args = append(args, name)
	case "consignee":
		vis += ` AND consignee_name = ?`
		args = append(args, name)
	default:
		vis += ` AND (shipper_name = ? OR consignee_name = ?)`
		args = append(args, name, name)
	}
	rows, err := d.conn.Query(ctx, `SELECT `+webRowSelect+` FROM shipments WHERE `+vis+` ORDER BY date DESC, id LIMIT ? OFFSET ?`,
		append(args, limit+1, offset)...)
	if err != nil {
		return nil, false, fmt.Errorf("party %q shipments: %w", name, err)
	}
	out, err := webScanRows(rows)
	if err != nil {
		return nil, false, fmt.Errorf("party %q shipments: %w", name, err)
	}
	more := len(out) > limit
	if more {
		out = out[:limit]
	}
	return out, more, nil
}

// WebPartyNetwork returns a party's partners up to hops out (1 or 2), keeping the perHop largest partners of
// each party by value.
func (d *DB) WebPartyNetwork(ctx context.Context, ref duckdb.WebPartyRef, hops, perHop int) (*duckdb.WebNetwork, error) {
	root, err := d.WebParty(ctx, ref)
	if err != nil {
		return nil, err
	}
	net := &duckdb.WebNetwork{Nodes: []duckdb.WebNode{{Ref: root.Ref, Name: root.Name, Country: root.Country, Risk: root.Risk}}, Edges: []duckdb.WebEdge{}}
	seen := map[string]bool{root.Ref: true}
	edges := map[[2]string]bool{}
	frontier := []duckdb.WebPartyRef{ref}
	for hop := 1; hop <= hops; hop++ {
		var next []duckdb.WebPartyRef
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
					net.Edges = append(net.Edges, duckdb.WebEdge{From: from, To: to, Lines: c.Lines, ValueUSD: c.ValueUSD})
				}
				if seen[c.Ref] {
					continue
				}
				seen[c.Ref] = true
				net.Nodes = append(net.Nodes, duckdb.WebNode{Ref: c.Ref, Name: c.Name, Country: c.Country, Risk: c.Risk, Hop: hop})
				if nr, err := duckdb.ParseWebPartyRef(c.Ref); err == nil {
					next = append(next, nr)
				}
			}
		}
		frontier = next
	}
	return net, nil
}
