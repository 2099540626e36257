package duckdb

// Search: parties by any variant, brands, and shipments by goods text, HS code, country or declaration.

import (
	"cmp"
	"context"
	"database/sql"
	"fmt"
	"slices"
	"strconv"
	"strings"
)

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
	ix, err := d.partySearchIndex(ctx)
	if err != nil {
		return nil, false, err
	}
	if len(ix.rows) == 0 {
		return d.webSearchNames(ctx, q)
	}
	out := ix.search(q)
	more := len(out) > q.Limit
	if more {
		out = out[:q.Limit]
	}
	if len(out) == 0 && q.Offset == 0 && len([]rune(q.Text)) >= 3 {
		return d.webSearchByBrand(ctx, q)
	}
	return out, more, nil
}

// partySearchRow is what a party search reads of one resolved party.
type partySearchRow struct {
	id                   int64
	name, nameEn         string
	country              string
	lines                int64
	value, risk          float64
	lowerName, lowerNmEn string
}

// partySearch holds every resolved party's names in memory, and which parties each search key (internal/names)
// is a word of: reading the parties from the store for each search cost 30–50 ms on a 10M-line store (34k
// parties; about 200 bytes each here, so a store of a million parties holds 200 MB).
type partySearch struct {
	rows []partySearchRow
	keys map[string][]int32 // search key → rows holding it
	// every row's lower-cased name and English name, each followed by a NUL, in row order, and where each row
	// starts: a text is found in all the names by one pass of strings.Index
	hay    string
	starts []int32
}

func (d *DB) partySearchIndex(ctx context.Context) (*partySearch, error) {
	v, err := d.memoized(memoPartySearch, func() (any, error) {
		rows, err := d.db.QueryContext(ctx, `SELECT id, name, name_en, country, lines, value_usd, risk, search FROM parties ORDER BY id`)
		if err != nil {
			return nil, fmt.Errorf("search parties: %w", err)
		}
		defer rows.Close()
		ix := &partySearch{keys: map[string][]int32{}}
		for rows.Next() {
			var r partySearchRow
			var words string
			if err := rows.Scan(&r.id, &r.name, &r.nameEn, &r.country, &r.lines, &r.value, &r.risk, &words); err != nil {
				return nil, fmt.Errorf("search parties: %w", err)
			}
			r.lowerName, r.lowerNmEn = strings.ToLower(r.name), strings.ToLower(r.nameEn)
			i := int32(len(ix.rows))
			for _, w := range strings.Fields(words) {
				if l := ix.keys[w]; len(l) == 0 || l[len(l)-1] != i {
					ix.keys[w] = append(l, i)
				}
			}
			ix.rows = append(ix.rows, r)
		}
		if err := rows.Err(); err != nil {
			return nil, fmt.Errorf("search parties: %w", err)
		}
		var hay strings.Builder
		for _, r := range ix.rows {
			ix.starts = append(ix.starts, int32(hay.Len()))
			hay.WriteString(r.lowerName + "\x00" + r.lowerNmEn + "\x00")
		}
		ix.hay = hay.String()
		return ix, nil
	})
	if err != nil {
		return nil, err
	}
	return v.(*partySearch), nil
}

// party returns the party with this id, or nil.
func (ix *partySearch) party(id int64) *partySearchRow {
	i, ok := slices.BinarySearchFunc(ix.rows, id, func(r partySearchRow, id int64) int { return cmp.Compare(r.id, id) })
	if !ok {
		return nil
	}
	return &ix.rows[i]
}

// search returns the page of parties (Limit + 1 of them when there are more) that share a key with the query or
// whose name or English name holds the query's text, in any case: those whose name holds it first, then by
// shared keys, risk, lines and id.
func (ix *partySearch) search(q WebPartySearch) []WebPartyHit {
	hits := map[int32]int{}
	for _, k := range slices.Compact(slices.Sorted(slices.Values(q.Keys))) {
		for _, i := range ix.keys[k] {
			hits[i]++
		}
	}
	// The rows whose name or English name holds the text (every row for no text).
	phrase := map[int32]bool{}
	text := strings.ToLower(q.Text)
	switch {
	case text == "":
		for i := range ix.rows {
			phrase[int32(i)] = true
		}
	case !strings.Contains(text, "\x00"):
		for at := 0; at < len(ix.hay); {
			j := strings.Index(ix.hay[at:], text)
			if j < 0 {
				break
			}
			row, _ := slices.BinarySearch(ix.starts, int32(at+j+1))
			row-- // the last row starting at or before the match
			phrase[int32(row)] = true
			if row+1 < len(ix.starts) {
				at = int(ix.starts[row+1])
			} else {
				at = len(ix.hay)
			}
		}
	}
	type cand struct {
		i      int32
		phrase bool
		hits   int
	}
	var cs []cand
	add := func(i int32) {
		if q.Country == "" || ix.rows[i].country == q.Country {
			cs = append(cs, cand{i, phrase[i], hits[i]})
		}
	}
	for i := range phrase {
		add(i)
	}
	for i := range hits {
		if !phrase[i] {
			add(i)
		}
	}
	slices.SortFunc(cs, func(a, b cand) int {
		ra, rb := &ix.rows[a.i], &ix.rows[b.i]
		switch {
		case a.phrase != b.phrase:
			if a.phrase {
				return -1
			}
			return 1
		case a.hits != b.hits:
			return cmp.Compare(b.hits, a.hits)
		case ra.risk != rb.risk:
			return cmp.Compare(rb.risk, ra.risk)
		case ra.lines != rb.lines:
			return cmp.Compare(rb.lines, ra.lines)
		}
		return cmp.Compare(ra.id, rb.id)
	})
	out := []WebPartyHit{}
	for _, c := range cs[min(q.Offset, len(cs)):min(q.Offset+q.Limit+1, len(cs))] {
		r := &ix.rows[c.i]
		out = append(out, WebPartyHit{Ref: strconv.FormatInt(r.id, 10), Name: r.name, NameEn: r.nameEn, Country: r.country,
			Lines: r.lines, ValueUSD: r.value, Risk: r.risk, Hits: c.hits})
	}
	return out
}

// webSearchByBrand finds the shippers of goods whose brand or maker matches: a company known by a brand
// (NORINCO) is found through the lines that carry it.
func (d *DB) webSearchByBrand(ctx context.Context, q WebPartySearch) ([]WebPartyHit, bool, error) {
	// The distinct brands and makers are few (25k on a 10M-line store) and kept in memory: a text that none of
	// them holds finds nothing, without reading every line's brand (130–370 ms on a 10M-line store).
	v, err := d.memoized(memoBrands, func() (any, error) {
		rows, err := d.db.QueryContext(ctx, `SELECT lower(brand) FROM shipments UNION SELECT lower(manufacturer) FROM shipments`)
		if err != nil {
			return nil, fmt.Errorf("search parties by brand: %w", err)
		}
		defer rows.Close()
		var bs []string
		for rows.Next() {
			var b string
			if err := rows.Scan(&b); err != nil {
				return nil, fmt.Errorf("search parties by brand: %w", err)
			}
			bs = append(bs, b)
		}
		return bs, rows.Err()
	})
	if err != nil {
		return nil, false, err
	}
	text := strings.ToLower(q.Text)
	if !slices.ContainsFunc(v.([]string), func(b string) bool { return strings.Contains(b, text) }) {
		return []WebPartyHit{}, false, nil
	}
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
		rows, err = d.db.QueryContext(ctx, `SELECT shipment_id FROM shipment_parties WHERE party_id = `+strconv.FormatInt(ref.ID, 10)+` AND role = ?`, role)
	} else {
		rows, err = d.db.QueryContext(ctx, `SELECT DISTINCT shipment_id FROM shipment_parties WHERE party_id = `+strconv.FormatInt(ref.ID, 10))
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
