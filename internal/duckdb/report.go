package duckdb

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"strings"

	"tradetrace/internal/cases"
	"tradetrace/internal/report"
	"tradetrace/internal/trade"
)

// ReportSource reads what the case and party reports need (report.Source) from the store.
type ReportSource struct{ d *DB }

// Reports returns the store as a report.Source.
func (d *DB) Reports() *ReportSource { return &ReportSource{d: d} }

var _ report.Source = (*ReportSource)(nil)

// Case returns a case by id with its latest triage status.
func (s *ReportSource) Case(ctx context.Context, id int64) (*cases.Case, error) {
	var c cases.Case
	var kind, reasons, findings, parties, status string
	var first, last sql.NullTime
	err := s.d.db.QueryRowContext(ctx, `SELECT c.id, c.key, c.kind, c.title, c.score, c.reasons, c.findings, c.party_ids,
c.value_usd, c.first_date, c.last_date, c.created,
coalesce((SELECT arg_max(t.status, t.decided) FROM triage t WHERE t.target = 'case:' || c.key), 'new')
FROM cases c WHERE c.id = ?`, id).Scan(&c.ID, &c.Key, &kind, &c.Title, &c.Score, &reasons, &findings, &parties,
		&c.ValueUSD, &first, &last, &c.Created, &status)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, fmt.Errorf("case %d: %w", id, trade.ErrNotFound)
	}
	if err != nil {
		return nil, fmt.Errorf("case %d: %w", id, err)
	}
	c.Kind, c.Status, c.FirstDate, c.LastDate = cases.Kind(kind), cases.Status(status), first.Time, last.Time
	for _, p := range []struct {
		name, s string
		v       any
	}{{"reasons", reasons, &c.Reasons}, {"findings", findings, &c.Findings}, {"party_ids", parties, &c.PartyIDs}} {
		if err := json.Unmarshal([]byte(p.s), p.v); err != nil {
			return nil, fmt.Errorf("case %d: %s: %w", id, p.name, err)
		}
	}
	return &c, nil
}

// Party returns a resolved party.
func (s *ReportSource) Party(ctx context.Context, id int64) (*report.Party, error) {
	var p report.Party
	var ids, vars, addrs, roles, matches string
	var first, last sql.NullTime
	err := s.d.db.QueryRowContext(ctx, `SELECT id, name, name_en, country, identifiers, variants, addresses, roles, lines,
value_usd, weight_kg, first_seen, last_seen, risk, matches FROM parties WHERE id = ?`, id).
		Scan(&p.ID, &p.Name, &p.NameEn, &p.Country, &ids, &vars, &addrs, &roles, &p.Lines, &p.ValueUSD, &p.WeightKg,
			&first, &last, &p.Risk, &matches)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, fmt.Errorf("party %d: %w", id, trade.ErrNotFound)
	}
	if err != nil {
		return nil, fmt.Errorf("party %d: %w", id, err)
	}
	p.FirstSeen, p.LastSeen = first.Time, last.Time
	if err := report.DecodeParty(&p, ids, vars, addrs, roles, matches); err != nil {
		return nil, fmt.Errorf("party %d: %w", id, err)
	}
	return &p, nil
}

// Parties returns the parties with these ids that exist, in id order.
func (s *ReportSource) Parties(ctx context.Context, ids []int64) ([]report.Party, error) {
	sorted := slices.Clone(ids)
	slices.Sort(sorted)
	sorted = slices.Compact(sorted)
	var out []report.Party
	for _, id := range sorted {
		p, err := s.Party(ctx, id)
		if errors.Is(err, trade.ErrNotFound) {
			continue
		}
		if err != nil {
			return nil, err
		}
		out = append(out, *p)
	}
	return out, nil
}

// findingColumns are the columns queryFindings reads, in its order.
const findingColumns = findingHead + recordLists + findingTail

// findingColumnsNoRecords are findingColumns with the explanation read as empty, the cited records and store
// ids as empty lists, and of the evidence only what names the goods (the labels cases.Trim keeps): cases read
// no more, and the whole evidence of a 10M-line store's findings is 307 MB of JSON to decode, its goods 27 MB.
const findingColumnsNoRecords = `id, detector, detector_version, key, score, severity, title, '' AS explanation, parties, ` +
	`'[]' AS shipments, '[]' AS shipment_ids, coalesce(CAST(to_json(list_filter(json_extract(evidence, '$[*]'), ` +
	`e -> (e->>'label') IN ('goods class', 'goods') OR starts_with(e->>'label', 'goods ('))) AS VARCHAR), '[]') AS evidence, ` +
	`value_usd, weight_kg`

const (
	findingHead = `id, detector, detector_version, key, score, severity, title, explanation, parties, `
	recordLists = `shipments, shipment_ids`
	findingTail = `, evidence, value_usd, weight_kg`
)

// queryFindings reads the findings a query selects with findingColumns; its errors say what was read.
func (d *DB) queryFindings(ctx context.Context, what, query string, args ...any) ([]trade.Finding, error) {
	var out []trade.Finding
	err := d.eachFinding(ctx, what, func(fd *trade.Finding) error {
		out = append(out, *fd)
		return nil
	}, query, args...)
	return out, err
}

// eachFinding runs a query of findingColumns and calls fn with each finding, in the query's order.
func (d *DB) eachFinding(ctx context.Context, what string, fn func(*trade.Finding) error, query string, args ...any) error {
	return d.eachQueried(ctx, what, func(rows rowScanner) error {
		var fd trade.Finding
		var sev, parties, ships, ids, ev string
		if err := rows.Scan(&fd.ID, &fd.Detector, &fd.DetectorVersion, &fd.Key, &fd.Score, &sev, &fd.Title, &fd.Explanation,
			&parties, &ships, &ids, &ev, &fd.ValueUSD, &fd.WeightKg); err != nil {
			return fmt.Errorf("%s: %w", what, err)
		}
		fd.Severity, _ = trade.ParseSeverity(sev)
		if err := fd.DecodeLists(parties, ships, ids, ev); err != nil {
			return fmt.Errorf("%s: %w", what, err)
		}
		return fn(&fd)
	}, query, args...)
}

func sortFindings(fs []trade.Finding) {
	slices.SortStableFunc(fs, func(a, b trade.Finding) int {
		if a.Score != b.Score {
			if a.Score > b.Score {
				return -1
			}
			return 1
		}
		return strings.Compare(a.Key, b.Key)
	})
}

// Findings returns the findings with these keys, by descending score.
func (s *ReportSource) Findings(ctx context.Context, keys []string) ([]trade.Finding, error) {
	var out []trade.Finding
	const chunk = 500
	for start := 0; start < len(keys); start += chunk {
		part := keys[start:min(start+chunk, len(keys))]
		args := make([]any, len(part))
		for i, k := range part {
			args[i] = k
		}
		fs, err := s.d.queryFindings(ctx, "findings by key", `SELECT `+findingColumns+` FROM findings WHERE key IN (`+placeholders(len(part))+`)`, args...)
		if err != nil {
			return nil, err
		}
		out = append(out, fs...)
	}
	sortFindings(out)
	return out, nil
}

// PartyFindings returns the findings that cite a shipment of the party, by descending score.
func (s *ReportSource) PartyFindings(ctx context.Context, id int64) ([]trade.Finding, error) {
	return s.d.queryFindings(ctx, fmt.Sprintf("party %d: findings", id), `WITH ps AS (SELECT DISTINCT shipment_id FROM shipment_parties WHERE party_id = ?),
fs AS (SELECT id AS fid, unnest(CAST(shipment_ids AS BIGINT[])) AS sid FROM findings),
hit AS (SELECT DISTINCT fid FROM fs JOIN ps ON ps.shipment_id = fs.sid)
SELECT `+findingColumns+` FROM findings WHERE id IN (SELECT fid FROM hit) ORDER BY score DESC, key`, id)
}

// PartyCases returns the cases that name the party, by descending score.
func (s *ReportSource) PartyCases(ctx context.Context, id int64) ([]cases.Case, error) {
	rows, err := s.d.db.QueryContext(ctx, `SELECT id FROM cases WHERE list_contains(CAST(party_ids AS BIGINT[]), ?) ORDER BY score DESC, key`, id)
	if err != nil {
		return nil, fmt.Errorf("party %d: cases: %w", id, err)
	}
	var ids []int64
	for rows.Next() {
		var c int64
		if err := rows.Scan(&c); err != nil {
			rows.Close()
			return nil, fmt.Errorf("party %d: cases: %w", id, err)
		}
		ids = append(ids, c)
	}
	if err := rows.Close(); err != nil {
		return nil, fmt.Errorf("party %d: cases: %w", id, err)
	}
	out := make([]cases.Case, 0, len(ids))
	for _, c := range ids {
		cs, err := s.Case(ctx, c)
		if err != nil {
			return nil, err
		}
		out = append(out, *cs)
	}
	return out, nil
}

// Rows returns the shipments with these ids with their run and source record, in date order.
func (s *ReportSource) Rows(ctx context.Context, ids []trade.ShipmentID) ([]report.Row, error) {
	sorted := slices.Clone(ids)
	slices.Sort(sorted)
	sorted = slices.Compact(sorted)
	headers := map[trade.RunID][]string{}
	var out []report.Row
	const chunk = 1000
	var x shipmentScanner
	for start := 0; start < len(sorted); start += chunk {
		part := sorted[start:min(start+chunk, len(sorted))]
		args := make([]any, len(part))
		ids := make([]int64, len(part))
		for i, id := range part {
			args[i], ids[i] = int64(id), int64(id)
		}
		raws, err := s.d.rawRecords(ctx, s.d.db, ids)
		if err != nil {
			return nil, fmt.Errorf("evidence rows: %w", err)
		}
		rows, err := s.d.db.QueryContext(ctx, `SELECT `+shipmentSelect+`,
(SELECT r.started FROM runs r WHERE r.id = shipments.run_id),
(SELECT r.sha256 FROM runs r WHERE r.id = shipments.run_id),
(SELECT min(sp.party_id) FROM shipment_parties sp WHERE sp.shipment_id = shipments.id AND sp.role = 'shipper'),
(SELECT min(sp.party_id) FROM shipment_parties sp WHERE sp.shipment_id = shipments.id AND sp.role = 'consignee')
FROM shipments WHERE id IN (`+placeholders(len(part))+`) ORDER BY date, record_id, id`, args...)
		if err != nil {
			return nil, fmt.Errorf("evidence rows: %w", err)
		}
		for rows.Next() {
			var r report.Row
			var started sql.NullTime
			var sha sql.NullString
			var shipper, consignee sql.NullInt64
			err := x.scan(rowsWith{rows, []any{&started, &sha, &shipper, &consignee}}, &r.Shipment)
			if err != nil {
				rows.Close()
				return nil, fmt.Errorf("evidence rows: %w", err)
			}
			r.RunStarted, r.RunSHA256, r.ShipperID, r.ConsigneeID = started.Time, sha.String, shipper.Int64, consignee.Int64
			if raw, ok := raws[int64(r.ID)]; ok {
				hdr, ok := headers[r.Prov.Run]
				if !ok {
					if hdr, err = s.d.RunHeader(ctx, r.Prov.Run); err != nil && !errors.Is(err, trade.ErrNotFound) {
						rows.Close()
						return nil, fmt.Errorf("evidence rows: %w", err)
					}
					headers[r.Prov.Run] = hdr
				}
				r.Raw = zipRaw(hdr, raw)
			}
			out = append(out, r)
		}
		if err := rows.Close(); err != nil {
			return nil, fmt.Errorf("evidence rows: %w", err)
		}
	}
	slices.SortStableFunc(out, func(a, b report.Row) int {
		if c := a.Date.Compare(b.Date); c != 0 {
			return c
		}
		if c := strings.Compare(a.RecordID, b.RecordID); c != 0 {
			return c
		}
		return int(a.ID - b.ID)
	})
	return out, nil
}

// rowsWith scans the shipment columns and then the extra columns a query adds after them.
type rowsWith struct {
	rows  *sql.Rows
	extra []any
}

func (r rowsWith) Scan(dest ...any) error { return r.rows.Scan(append(dest, r.extra...)...) }

// PartyTotals adds up all of a party's shipments, inbound (as consignee) and outbound (as shipper), by
// month, route, HS chapter and counterparty, in one grouping-sets scan per direction.
func (s *ReportSource) PartyTotals(ctx context.Context, id int64) (*report.PartyTotals, error) {
	var pt report.PartyTotals
	for _, dir := range []struct {
		role, other, otherName string
		t                      *report.Totals
	}{{"consignee", "shipper", "shipper_name", &pt.In}, {"shipper", "consignee", "consignee_name", &pt.Out}} {
		if err := s.partyTotals(ctx, id, dir.role, dir.other, dir.otherName, dir.t); err != nil {
			return nil, fmt.Errorf("party %d: totals as %s: %w", id, dir.role, err)
		}
	}
	return &pt, nil
}

func (s *ReportSource) partyTotals(ctx context.Context, id int64, role, other, otherName string, t *report.Totals) error {
	// otherName is one of two constant column names, never data.
	q := `WITH ps AS (SELECT DISTINCT shipment_id FROM shipment_parties WHERE party_id = ? AND role = ?),
x AS (
  SELECT s.date,
    strftime(s.date, '%Y-%m') AS m,
    coalesce(nullif(s.origin_country, ''), '?') || '>' || coalesce(nullif(s.dispatch_country, ''), '?') || '>' || coalesce(nullif(s.destination_country, ''), '?') AS route,
    substr(s.hs_code, 1, 2) AS ch,
    coalesce('party:' || CAST(cp.party_id AS VARCHAR), 'name:' || s.` + otherName + `) AS cpk,
    coalesce(p.name, s.` + otherName + `) AS cpl,
    coalesce(s.value_usd, 0) AS v,
    coalesce(s.net_weight_kg, s.gross_weight_kg, 0) AS w
  FROM shipments s JOIN ps ON ps.shipment_id = s.id
  LEFT JOIN (SELECT shipment_id, min(party_id) AS party_id FROM shipment_parties WHERE role = ? GROUP BY shipment_id) cp ON cp.shipment_id = s.id
  LEFT JOIN parties p ON p.id = cp.party_id
)
SELECT GROUPING(m), GROUPING(route), GROUPING(ch), GROUPING(cpk), m, route, ch, cpk, any_value(cpl),
  count(*), coalesce(sum(v), 0), coalesce(sum(w), 0), min(date), max(date)
FROM x GROUP BY GROUPING SETS ((m), (route), (ch), (cpk), ())`
	rows, err := s.d.db.QueryContext(ctx, q, id, role, other)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		var gm, gr, gc, gp int
		var m, route, ch, cpk, cpl sql.NullString
		var b report.Bucket
		var first, last sql.NullTime
		if err := rows.Scan(&gm, &gr, &gc, &gp, &m, &route, &ch, &cpk, &cpl, &b.Lines, &b.ValueUSD, &b.WeightKg, &first, &last); err != nil {
			return err
		}
		switch {
		case gm == 0:
			b.Key, b.Label = m.String, report.MonthLabel(m.String)
			t.ByMonth = append(t.ByMonth, b)
		case gr == 0:
			b.Key, b.Label = route.String, report.RouteLabel(route.String)
			t.ByRoute = append(t.ByRoute, b)
		case gc == 0:
			b.Key, b.Label = "hs:"+ch.String, report.ChapterLabel(ch.String)
			t.ByGoods = append(t.ByGoods, b)
		case gp == 0:
			b.Key, b.Label = cpk.String, cpl.String
			t.Counterparties = append(t.Counterparties, b)
		default:
			t.Lines, t.ValueUSD, t.WeightKg, t.First, t.Last = b.Lines, b.ValueUSD, b.WeightKg, first.Time, last.Time
		}
	}
	if err := rows.Err(); err != nil {
		return err
	}
	slices.SortFunc(t.ByMonth, func(a, b report.Bucket) int { return strings.Compare(a.Key, b.Key) })
	report.SortByValue(t.ByRoute)
	report.SortByValue(t.ByGoods)
	report.SortByValue(t.Counterparties)
	return nil
}

// AllParties lists resolved parties by descending value, at most limit of them (all when limit ≤ 0).
func (s *ReportSource) AllParties(ctx context.Context, limit int) ([]report.Party, error) {
	q := `SELECT id, name, name_en, country, identifiers, variants, addresses, roles, lines, value_usd, weight_kg,
first_seen, last_seen, risk, matches FROM parties ORDER BY ` + ByValueDesc + `, id`
	var args []any
	if limit > 0 {
		q += ` LIMIT ?`
		args = append(args, limit)
	}
	rows, err := s.d.db.QueryContext(ctx, q, args...)
	if err != nil {
		return nil, fmt.Errorf("list parties: %w", err)
	}
	defer rows.Close()
	var out []report.Party
	for rows.Next() {
		var p report.Party
		var ids, vars, addrs, roles, matches string
		var first, last sql.NullTime
		if err := rows.Scan(&p.ID, &p.Name, &p.NameEn, &p.Country, &ids, &vars, &addrs, &roles, &p.Lines, &p.ValueUSD, &p.WeightKg,
			&first, &last, &p.Risk, &matches); err != nil {
			return nil, fmt.Errorf("list parties: %w", err)
		}
		p.FirstSeen, p.LastSeen = first.Time, last.Time
		if err := report.DecodeParty(&p, ids, vars, addrs, roles, matches); err != nil {
			return nil, fmt.Errorf("party %d: %w", p.ID, err)
		}
		out = append(out, p)
	}
	return out, rows.Err()
}

// ShipmentParties returns the resolved shipper and consignee of every shipment that has one (0 for a role
// without a resolved party).
func (s *ReportSource) ShipmentParties(ctx context.Context) (map[trade.ShipmentID][2]int64, error) {
	rows, err := s.d.db.QueryContext(ctx, `SELECT shipment_id, role, min(party_id) FROM shipment_parties GROUP BY 1, 2`)
	if err != nil {
		return nil, fmt.Errorf("shipment parties: %w", err)
	}
	defer rows.Close()
	out := map[trade.ShipmentID][2]int64{}
	for rows.Next() {
		var id trade.ShipmentID
		var role string
		var p int64
		if err := rows.Scan(&id, &role, &p); err != nil {
			return nil, fmt.Errorf("shipment parties: %w", err)
		}
		v := out[id]
		switch role {
		case "shipper":
			v[0] = p
		case "consignee":
			v[1] = p
		}
		out[id] = v
	}
	return out, rows.Err()
}

// Network returns a party's trading partners out to hops hops (shipper → consignee edges between resolved
// parties). Each hop keeps at most maxNodes new parties, those with the most value traded first.
func (s *ReportSource) Network(ctx context.Context, id int64, hops, maxNodes int) (*report.Network, error) {
	if _, err := s.Party(ctx, id); err != nil {
		return nil, err
	}
	if maxNodes <= 0 {
		maxNodes = 100
	}
	b := report.NewNetworkBuilder(id)
	frontier := []int64{id}
	for h := 1; h <= hops && len(frontier) > 0; h++ {
		args := make([]any, 0, 2*len(frontier))
		for range 2 {
			for _, p := range frontier {
				args = append(args, p)
			}
		}
		ph := placeholders(len(frontier))
		rows, err := s.d.db.QueryContext(ctx, `SELECT a.party_id, b.party_id, count(*), coalesce(sum(s.value_usd), 0)
FROM shipment_parties a
JOIN shipment_parties b ON b.shipment_id = a.shipment_id AND b.role = 'consignee'
JOIN shipments s ON s.id = a.shipment_id
WHERE a.role = 'shipper' AND (a.party_id IN (`+ph+`) OR b.party_id IN (`+ph+`))
GROUP BY 1, 2`, args...)
		if err != nil {
			return nil, fmt.Errorf("party %d: network: %w", id, err)
		}
		for rows.Next() {
			var e report.NetworkEdge
			if err := rows.Scan(&e.Shipper, &e.Consignee, &e.Lines, &e.ValueUSD); err != nil {
				rows.Close()
				return nil, fmt.Errorf("party %d: network: %w", id, err)
			}
			b.Add(e)
		}
		if err := rows.Close(); err != nil {
			return nil, fmt.Errorf("party %d: network: %w", id, err)
		}
		frontier = b.Next(h, maxNodes)
	}
	ps, err := s.Parties(ctx, b.Parties())
	if err != nil {
		return nil, err
	}
	return b.Network(ps), nil
}
