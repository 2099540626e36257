package duckdb

// A party's page: its activity by month, counterparties, lines and its network of partners.

import (
	"context"
	"database/sql"
	"fmt"
	"strconv"
	"time"
)

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
		rows, err := d.db.QueryContext(ctx, `SELECT shipment_id, role FROM shipment_parties WHERE party_id = `+strconv.FormatInt(ref.ID, 10))
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

// webResolvedActivity reads a resolved party's activity from the summaries made when the parties were resolved
// (party_months, party_counterparties, party_lines: party_summary.go), each a short range of rows: a party page
// costs the same for a party of ten lines as for one of sixty thousand.
func (d *DB) webResolvedActivity(ctx context.Context, id int64, maxCounterparties, pageLimit int) (*WebPartyActivity, error) {
	out := &WebPartyActivity{Months: []WebMonth{}, Counterparties: []WebCounterparty{}, Latest: []WebShipmentRow{}}
	ref := WebPartyRef{ID: id}
	ix, err := d.partySearchIndex(ctx)
	if err != nil {
		return nil, err
	}
	if p := ix.party(id); p != nil {
		out.Lines = int(p.lines) // the party's distinct lines, counted when the parties were resolved
	}
	if out.Lines == 0 {
		return out, nil
	}
	rows, err := d.db.QueryContext(ctx, `SELECT month, role, lines, value_usd FROM party_months WHERE party_id = `+strconv.FormatInt(id, 10)+` ORDER BY month, role`)
	if err != nil {
		return nil, fmt.Errorf("party %s months: %w", ref, err)
	}
	for rows.Next() {
		var m WebMonth
		if err := rows.Scan(&m.Month, &m.Role, &m.Lines, &m.ValueUSD); err != nil {
			rows.Close()
			return nil, fmt.Errorf("party %s months: %w", ref, err)
		}
		out.Months = append(out.Months, m)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("party %s months: %w", ref, err)
	}
	// The first page's counterparties are ranked already (party_top_counterparties); their names come from the
	// parties kept in memory for search, not a join with every party.
	pid := strconv.FormatInt(id, 10)
	cq := `SELECT counterparty_id, counterparty_role, lines, value_usd FROM party_top_counterparties
WHERE party_id = ` + pid + ` AND rank <= ? ORDER BY rank`
	if maxCounterparties > partyPageRows {
		cq = `SELECT counterparty_id, counterparty_role, lines, value_usd FROM party_counterparties
WHERE party_id = ` + pid + ` ORDER BY ` + ByValueDesc + `, CAST(counterparty_id AS VARCHAR), counterparty_role LIMIT ?`
	}
	rows, err = d.db.QueryContext(ctx, cq, maxCounterparties)
	if err != nil {
		return nil, fmt.Errorf("party %s counterparties: %w", ref, err)
	}
	for rows.Next() {
		var c WebCounterparty
		var pid int64
		if err := rows.Scan(&pid, &c.Role, &c.Lines, &c.ValueUSD); err != nil {
			rows.Close()
			return nil, fmt.Errorf("party %s counterparties: %w", ref, err)
		}
		p := ix.party(pid)
		if p == nil {
			continue // a summary of parties since replaced (the join dropped these too)
		}
		c.Ref, c.Name, c.Country, c.Risk = strconv.FormatInt(pid, 10), p.name, p.country, p.risk
		out.Counterparties = append(out.Counterparties, c)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("party %s counterparties: %w", ref, err)
	}
	switch {
	case pageLimit > partyPageRows:
		if out.Latest, _, err = d.webResolvedShipments(ctx, id, "", 0, pageLimit); err != nil {
			return nil, err
		}
	case pageLimit > 0:
		rows, err := d.db.QueryContext(ctx, `SELECT shipment_id, record_id, date, direction, reporter, declaration_no,
shipper_name, shipper_country, consignee_name, consignee_country, origin_country, dispatch_country, destination_country,
hs_code, description, brand, quantity, unit, net_weight_kg, value_usd
FROM party_latest WHERE party_id = `+pid+` AND rank <= ? ORDER BY rank`, pageLimit)
		if err != nil {
			return nil, fmt.Errorf("party %s latest lines: %w", ref, err)
		}
		if out.Latest, err = scanWebRows(rows); err != nil {
			return nil, fmt.Errorf("party %s latest lines: %w", ref, err)
		}
	}
	return out, nil
}

// webResolvedShipments pages a resolved party's lines, newest first: the page's ids from party_lines (a short
// range, already in that order), then their rows by id.
func (d *DB) webResolvedShipments(ctx context.Context, id int64, role string, offset, limit int) ([]WebShipmentRow, bool, error) {
	q := `SELECT DISTINCT ON (date, shipment_id) shipment_id FROM party_lines WHERE party_id = ` + strconv.FormatInt(id, 10)
	var args []any
	if role != "" {
		q += ` AND role = ?`
		args = append(args, role)
	}
	q += ` ORDER BY date DESC, shipment_id LIMIT ? OFFSET ?`
	args = append(args, limit+1, offset)
	rows, err := d.db.QueryContext(ctx, q, args...)
	if err != nil {
		return nil, false, fmt.Errorf("party %d shipments: %w", id, err)
	}
	var ids []int64
	for rows.Next() {
		var sid int64
		if err := rows.Scan(&sid); err != nil {
			rows.Close()
			return nil, false, fmt.Errorf("party %d shipments: %w", id, err)
		}
		ids = append(ids, sid)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, false, fmt.Errorf("party %d shipments: %w", id, err)
	}
	more := len(ids) > limit
	if more {
		ids = ids[:limit]
	}
	out, err := d.WebShipmentRows(ctx, ids)
	if err != nil {
		return nil, false, fmt.Errorf("party %d shipments: %w", id, err)
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
