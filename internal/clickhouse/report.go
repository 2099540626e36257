package clickhouse

// The case and party reports (internal/report), the graph exports and the FollowTheMoney dumps read the store
// through ReportSource, the port of the DuckDB store's (internal/duckdb/report.go): the same methods, the same
// answers, the same sentinel errors. It adds no table: it reads the current generations of the parties, their
// links and summaries (migration 004), of the cases and triage (migration 005) and of the findings, and the
// shipments and raw rows of complete runs (migration 001).
//
// Where the work happens. A party's links sit on the shard of their shipment, in party_lines (ordered by
// party, so a party's lines are a primary-key range on every shard) and shipment_parties (ordered by shipment);
// raw rows sit on the shard of their shipment too. So the figures of a party (PartyTotals) are one Distributed
// query per direction in which every shard joins its own shipments with its own links and sums them under the
// five breakdowns at once (arrayJoin of (breakdown, key) pairs, in place of DuckDB's GROUPING SETS); the
// network is one query per hop (a UNION ALL of the two roles a party can hold, each shard joining its links
// of the frontier's shipments); evidence rows and their source records are one query per 1,000 ids, each shard
// joining its own raw rows; the findings citing a party's shipments are found by one query that sends the
// party's shipment ids to the shards holding the findings (GLOBAL IN). Nothing reads a whole table to the
// client but ShipmentParties, whose answer is every link.

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"

	"tradetrace/internal/cases"
	"tradetrace/internal/duckdb"
	"tradetrace/internal/report"
	"tradetrace/internal/trade"
)

// ReportSource reads what the case and party reports need (report.Source) from the store, and what the
// exports need (AllParties, ShipmentParties, Network).
type ReportSource struct{ d *DB }

// Reports returns the store as a report.Source.
func (d *DB) Reports() *ReportSource { return &ReportSource{d: d} }

// Case returns a case of the current generation by id, with its latest triage status; trade.ErrNotFound when
// there is none.
func (s *ReportSource) Case(ctx context.Context, id int64) (*cases.Case, error) {
	gen, ok, err := s.d.caseGeneration(ctx)
	if err != nil {
		return nil, fmt.Errorf("case %d: %w", id, err)
	}
	if !ok {
		return nil, fmt.Errorf("case %d: %w", id, trade.ErrNotFound)
	}
	rows, err := s.d.conn.Query(ctx, fmt.Sprintf(caseSelect, ` AND id = ?`)+` LIMIT 1`, gen, id)
	if err != nil {
		return nil, fmt.Errorf("case %d: %w", id, err)
	}
	defer rows.Close()
	if !rows.Next() {
		if err := rows.Err(); err != nil {
			return nil, fmt.Errorf("case %d: %w", id, err)
		}
		return nil, fmt.Errorf("case %d: %w", id, trade.ErrNotFound)
	}
	c, err := scanCase(rows)
	if err != nil {
		return nil, fmt.Errorf("case %d: %w", id, err)
	}
	return &c, nil
}

// reportPartySelect reads parties of a generation with screening's latest matches, as the report shows them;
// {matches} restricts the matches read to the parties wanted.
const reportPartySelect = `SELECT id, name, name_en, country, identifiers, variants, addresses, roles, lines, value_usd, weight_kg,
first_seen, last_seen, if(m_set = 1, m_risk, risk) AS p_risk, if(m_set = 1, m_matches, matches) AS p_matches` + partyMatchesJoin

// reportParties reads the parties of a generation (none for 0) that where (a condition on id, or "") selects,
// in the order and limit of rest.
func (s *ReportSource) reportParties(ctx context.Context, gen uint64, where string, whereArgs []any, rest string, restArgs []any) ([]report.Party, error) {
	if gen == 0 {
		return nil, nil
	}
	q := strings.Replace(s.d.qualify(reportPartySelect), "{matches}", where, 1) + where + rest
	args := append(append(append(append([]any{gen}, whereArgs...), gen), whereArgs...), restArgs...)
	rows, err := s.d.conn.Query(ctx, q, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []report.Party
	for rows.Next() {
		var p report.Party
		var ids, vars, addrs, roles, matches string
		var first, last *time.Time
		if err := rows.Scan(&p.ID, &p.Name, &p.NameEn, &p.Country, &ids, &vars, &addrs, &roles, &p.Lines, &p.ValueUSD, &p.WeightKg,
			&first, &last, &p.Risk, &matches); err != nil {
			return nil, err
		}
		if first != nil {
			p.FirstSeen = first.UTC()
		}
		if last != nil {
			p.LastSeen = last.UTC()
		}
		if err := report.DecodeParty(&p, ids, vars, addrs, roles, matches); err != nil {
			return nil, fmt.Errorf("party %d: %w", p.ID, err)
		}
		out = append(out, p)
	}
	return out, rows.Err()
}

// Party returns a resolved party of the current generation; trade.ErrNotFound when there is none.
func (s *ReportSource) Party(ctx context.Context, id int64) (*report.Party, error) {
	gen, err := s.d.partyGen(ctx)
	if err != nil {
		return nil, fmt.Errorf("party %d: %w", id, err)
	}
	return s.party(ctx, gen, id)
}

func (s *ReportSource) party(ctx context.Context, gen uint64, id int64) (*report.Party, error) {
	ps, err := s.reportParties(ctx, gen, ` AND id = ?`, []any{id}, "", nil)
	if err != nil {
		return nil, fmt.Errorf("party %d: %w", id, err)
	}
	if len(ps) == 0 {
		return nil, fmt.Errorf("party %d: %w", id, trade.ErrNotFound)
	}
	return &ps[0], nil
}

// Parties returns the parties with these ids that exist, in id order, read by one query per 1,000 ids.
func (s *ReportSource) Parties(ctx context.Context, ids []int64) ([]report.Party, error) {
	gen, err := s.d.partyGen(ctx)
	if err != nil {
		return nil, fmt.Errorf("parties: %w", err)
	}
	return s.parties(ctx, gen, ids)
}

func (s *ReportSource) parties(ctx context.Context, gen uint64, ids []int64) ([]report.Party, error) {
	sorted := slices.Clone(ids)
	slices.Sort(sorted)
	sorted = slices.Compact(sorted)
	var out []report.Party
	const chunk = 1000
	for start := 0; start < len(sorted); start += chunk {
		part := sorted[start:min(start+chunk, len(sorted))]
		args := make([]any, len(part))
		for i, id := range part {
			args[i] = id
		}
		ps, err := s.reportParties(ctx, gen, ` AND id IN (`+placeholders(len(part))+`)`, args, ` ORDER BY id`, nil)
		if err != nil {
			return nil, fmt.Errorf("parties: %w", err)
		}
		out = append(out, ps...)
	}
	return out, nil
}

// AllParties lists the resolved parties by descending value, at most limit of them (all when limit ≤ 0).
func (s *ReportSource) AllParties(ctx context.Context, limit int) ([]report.Party, error) {
	rest, args := ` ORDER BY `+duckdb.ByValueDesc+`, id`, []any(nil)
	if limit > 0 {
		rest += ` LIMIT ?`
		args = append(args, limit)
	}
	gen, err := s.d.partyGen(ctx)
	if err != nil {
		return nil, fmt.Errorf("list parties: %w", err)
	}
	ps, err := s.reportParties(ctx, gen, "", nil, rest, args)
	if err != nil {
		return nil, fmt.Errorf("list parties: %w", err)
	}
	return ps, nil
}

// reportFindingColumns are the columns scanFindingRows reads.
const reportFindingColumns = `id, detector, detector_version, key, score, severity, title, explanation, parties, shipments,
shipment_ids, evidence, value_usd, weight_kg`

// Findings returns the current findings with these keys, by descending score, then key.
func (s *ReportSource) Findings(ctx context.Context, keys []string) ([]trade.Finding, error) {
	if len(keys) == 0 {
		return nil, nil
	}
	gens, err := s.d.currentGenerations(ctx)
	if err != nil || len(gens) == 0 {
		if err != nil {
			err = fmt.Errorf("findings by key: %w", err)
		}
		return nil, err
	}
	var out []trade.Finding
	const chunk = 500 // as the DuckDB store asks: a key named in two chunks is given twice, as there
	for start := 0; start < len(keys); start += chunk {
		part := keys[start:min(start+chunk, len(keys))]
		rows, err := s.d.conn.Query(ctx, `SELECT `+reportFindingColumns+` FROM findings WHERE generation IN (`+placeholders(len(gens))+
			`) AND key IN (`+placeholders(len(part))+`)`, append(slices.Clone(gens), stringArgs(part)...)...)
		if err != nil {
			return nil, fmt.Errorf("findings by key: %w", err)
		}
		err = scanFindingRows(rows, func(fd trade.Finding) { out = append(out, fd) })
		rows.Close()
		if err != nil {
			return nil, fmt.Errorf("findings by key: %w", err)
		}
	}
	slices.SortStableFunc(out, func(a, b trade.Finding) int {
		if a.Score != b.Score {
			if a.Score > b.Score {
				return -1
			}
			return 1
		}
		return strings.Compare(a.Key, b.Key)
	})
	return out, nil
}

// findingShipmentIDs is a finding's shipment_ids (a JSON array of integers) as an array, taken apart with string
// functions (ClickHouse 18.16 reads no JSON arrays).
const findingShipmentIDs = `arrayMap(x -> toInt64(x), arrayFilter(x -> x != '', splitByChar(',',
	replaceAll(replaceAll(replaceAll(shipment_ids, '[', ''), ']', ''), ' ', ''))))`

// PartyFindings returns the current findings that cite a shipment of the party, by descending score, then key.
// The party's shipment ids (a primary-key range of party_lines on every shard) are gathered once and sent to
// the shards of the findings, which pick the findings citing one of them.
func (s *ReportSource) PartyFindings(ctx context.Context, id int64) ([]trade.Finding, error) {
	gen, err := s.d.partyGen(ctx)
	if err != nil {
		return nil, fmt.Errorf("party %d: findings: %w", id, err)
	}
	gens, err := s.d.currentGenerations(ctx)
	if err != nil {
		return nil, fmt.Errorf("party %d: findings: %w", id, err)
	}
	if gen == 0 || len(gens) == 0 {
		return nil, nil
	}
	in := placeholders(len(gens))
	q := `SELECT ` + reportFindingColumns + ` FROM findings WHERE generation IN (` + in + `) AND (generation, id) GLOBAL IN (
	SELECT generation, id FROM findings ARRAY JOIN ` + findingShipmentIDs + ` AS sid
	WHERE generation IN (` + in + `) AND sid GLOBAL IN (SELECT shipment_id FROM party_lines WHERE generation = ? AND party_id = ?))
ORDER BY score DESC, key`
	args := append(append(slices.Clone(gens), gens...), gen, id)
	rows, err := s.d.conn.Query(ctx, q, args...)
	if err != nil {
		return nil, fmt.Errorf("party %d: findings: %w", id, err)
	}
	defer rows.Close()
	var out []trade.Finding
	if err := scanFindingRows(rows, func(fd trade.Finding) { out = append(out, fd) }); err != nil {
		return nil, fmt.Errorf("party %d: findings: %w", id, err)
	}
	return out, nil
}

// PartyCases returns the cases of the current generation that name the party, by descending score, then key,
// with their triage status.
func (s *ReportSource) PartyCases(ctx context.Context, id int64) ([]cases.Case, error) {
	out := []cases.Case{}
	gen, ok, err := s.d.caseGeneration(ctx)
	if err != nil {
		return nil, fmt.Errorf("party %d: cases: %w", id, err)
	}
	if !ok {
		return out, nil
	}
	partyIDs := strings.ReplaceAll(findingShipmentIDs, "shipment_ids", "party_ids")
	rows, err := s.d.conn.Query(ctx, fmt.Sprintf(caseSelect, ` AND has(`+strings.ReplaceAll(partyIDs, "%", "%%")+`, ?)`)+` ORDER BY score DESC, key`, gen, id)
	if err != nil {
		return nil, fmt.Errorf("party %d: cases: %w", id, err)
	}
	defer rows.Close()
	for rows.Next() {
		c, err := scanCase(rows)
		if err != nil {
			return nil, fmt.Errorf("party %d: cases: %w", id, err)
		}
		out = append(out, c)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("party %d: cases: %w", id, err)
	}
	return out, nil
}

// Rows returns the shipments of complete runs with these ids, with their run, source record and resolved
// parties, in date order (then record id, then id). Each chunk of 1,000 ids is one query of the shipments, in
// which every shard joins its own raw rows, and one of their links.
func (s *ReportSource) Rows(ctx context.Context, ids []trade.ShipmentID) ([]report.Row, error) {
	sorted := slices.Clone(ids)
	slices.Sort(sorted)
	sorted = slices.Compact(sorted)
	if len(sorted) == 0 {
		return nil, nil
	}
	runs, err := s.d.queryRuns(ctx, ` WHERE r_status = 'complete'`)
	if err != nil {
		return nil, fmt.Errorf("evidence rows: %w", err)
	}
	byRun := make(map[int64]*trade.Run, len(runs))
	files := make(map[int64]string, len(runs))
	complete := make([]int64, len(runs))
	for i := range runs {
		r := &runs[i].run
		byRun[int64(r.ID)], files[int64(r.ID)], complete[i] = r, r.File, int64(r.ID)
	}
	cond, cargs := visible(complete)
	gen, err := s.d.partyGen(ctx)
	if err != nil {
		return nil, fmt.Errorf("evidence rows: %w", err)
	}
	headers := map[trade.RunID][]string{}
	x := shipmentScanner{files: files}
	var out []report.Row
	const chunk = 1000
	for start := 0; start < len(sorted); start += chunk {
		part := sorted[start:min(start+chunk, len(sorted))]
		idArgs := make([]any, len(part))
		for i, id := range part {
			idArgs[i] = int64(id)
		}
		in := placeholders(len(part))
		q := s.d.qualify(`SELECT ` + shipmentSelect + `, raw_set, raw FROM shipments
ANY LEFT JOIN (SELECT id, raw, toUInt8(1) AS raw_set FROM {database}.raw_rows_local WHERE id IN (` + in + `)) USING id
WHERE ` + cond + ` AND id IN (` + in + `) ORDER BY date, record_id, id`)
		rows, err := s.d.conn.Query(ctx, q, append(append(slices.Clone(idArgs), cargs...), idArgs...)...)
		if err != nil {
			return nil, fmt.Errorf("evidence rows: %w", err)
		}
		first := len(out)
		for rows.Next() {
			var r report.Row
			var rawSet uint8
			var raw []string
			if err := x.scan(rowsWith{rows, []any{&rawSet, &raw}}, &r.Shipment); err != nil {
				rows.Close()
				return nil, fmt.Errorf("evidence rows: %w", err)
			}
			if run := byRun[int64(r.Prov.Run)]; run != nil {
				r.RunStarted, r.RunSHA256 = run.Started, run.SHA256
			}
			if rawSet == 1 {
				hdr, ok := headers[r.Prov.Run]
				if !ok {
					if hdr, err = s.d.RunHeader(ctx, r.Prov.Run); err != nil && !errors.Is(err, trade.ErrNotFound) {
						rows.Close()
						return nil, fmt.Errorf("evidence rows: %w", err)
					}
					headers[r.Prov.Run] = hdr
				}
				r.Raw = rawPairs(hdr, raw)
			}
			out = append(out, r)
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return nil, fmt.Errorf("evidence rows: %w", err)
		}
		if gen == 0 || len(out) == first {
			continue
		}
		at := make(map[trade.ShipmentID]*report.Row, len(out)-first)
		for i := first; i < len(out); i++ {
			at[out[i].ID] = &out[i]
		}
		prow, err := s.d.conn.Query(ctx, `SELECT shipment_id, role, min(party_id) FROM shipment_parties
WHERE generation = ? AND shipment_id IN (`+in+`) GROUP BY shipment_id, role`, append([]any{gen}, idArgs...)...)
		if err != nil {
			return nil, fmt.Errorf("evidence rows: parties: %w", err)
		}
		for prow.Next() {
			var sid, p int64
			var role string
			if err := prow.Scan(&sid, &role, &p); err != nil {
				prow.Close()
				return nil, fmt.Errorf("evidence rows: parties: %w", err)
			}
			if r := at[trade.ShipmentID(sid)]; r != nil {
				switch role {
				case "shipper":
					r.ShipperID = p
				case "consignee":
					r.ConsigneeID = p
				}
			}
		}
		prow.Close()
		if err := prow.Err(); err != nil {
			return nil, fmt.Errorf("evidence rows: parties: %w", err)
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
	rows  interface{ Scan(...any) error }
	extra []any
}

func (r rowsWith) Scan(dest ...any) error { return r.rows.Scan(append(dest, r.extra...)...) }

// rawPairs names a source record's fields by the run's header; fields past the header are "column N".
func rawPairs(header, fields []string) [][2]string {
	out := make([][2]string, 0, len(fields))
	for i, f := range fields {
		name := fmt.Sprintf("column %d", i+1)
		if i < len(header) {
			name = header[i]
		}
		out = append(out, [2]string{name, f})
	}
	return out
}

// partyTotalsQuery adds up a party's lines in one role under the five breakdowns at once: each line counts
// once under its month (1), its route (2), its HS chapter (3), its counterparty (4) and the total (0). Every
// shard joins its own shipments, the party's lines (a primary-key range of party_lines_local) and the
// counterparties' links, and sums its share. %[1]s is the other role's name column, %[2]s the condition that
// keeps complete runs; both are constants of the store, never data.
const partyTotalsQuery = `SELECT (arrayJoin([
		(toUInt8(1), formatDateTime(date, '%%Y-%%m')),
		(toUInt8(2), concat(if(origin_country = '', '?', origin_country), '>', if(dispatch_country = '', '?', dispatch_country), '>',
			if(destination_country = '', '?', destination_country))),
		(toUInt8(3), substring(hs_code, 1, 2)),
		(toUInt8(4), if(cp_set = 1, concat('party:', toString(cp)), concat('name:', %[1]s))),
		(toUInt8(0), '')]) AS g).1 AS dim, g.2 AS k,
	toInt64(count()), sum(ifNull(value_usd, 0)), sum(coalesce(net_weight_kg, gross_weight_kg, 0)), min(date), max(date), any(%[1]s)
FROM shipments ANY LEFT JOIN (
	SELECT shipment_id AS id, min(party_id) AS cp, toUInt8(1) AS cp_set FROM {database}.shipment_parties_local
	WHERE generation = ? AND role = ? AND shipment_id IN (
		SELECT shipment_id FROM {database}.party_lines_local WHERE generation = ? AND party_id = ? AND role = ?)
	GROUP BY shipment_id
) USING id
WHERE %[2]s AND id IN (SELECT shipment_id FROM {database}.party_lines_local WHERE generation = ? AND party_id = ? AND role = ?)
GROUP BY dim, k`

// PartyTotals adds up all of a party's shipments, inbound (as consignee) and outbound (as shipper), by month,
// route, HS chapter and counterparty: one query per direction, summed by the shards.
func (s *ReportSource) PartyTotals(ctx context.Context, id int64) (*report.PartyTotals, error) {
	var pt report.PartyTotals
	gen, err := s.d.partyGen(ctx)
	if err != nil {
		return nil, fmt.Errorf("party %d: totals: %w", id, err)
	}
	if gen == 0 {
		return &pt, nil
	}
	complete, err := s.d.completeRuns(ctx)
	if err != nil {
		return nil, fmt.Errorf("party %d: totals: %w", id, err)
	}
	cond, cargs := visible(complete)
	// label is the name column of each counterparty key; party keys are named from the parties table below
	label := map[string]string{}
	var cps []int64
	for _, dir := range []struct {
		role, other, otherName string
		t                      *report.Totals
	}{{"consignee", "shipper", "shipper_name", &pt.In}, {"shipper", "consignee", "consignee_name", &pt.Out}} {
		q := s.d.qualify(fmt.Sprintf(partyTotalsQuery, dir.otherName, cond))
		args := append(append([]any{gen, dir.other, gen, id, dir.role}, cargs...), gen, id, dir.role)
		if err := s.partyTotals(ctx, q, args, dir.t, label, &cps); err != nil {
			return nil, fmt.Errorf("party %d: totals as %s: %w", id, dir.role, err)
		}
	}
	if len(cps) > 0 {
		names, err := s.partyNames(ctx, gen, cps)
		if err != nil {
			return nil, fmt.Errorf("party %d: totals: %w", id, err)
		}
		for k, n := range names {
			label["party:"+strconv.FormatInt(k, 10)] = n
		}
	}
	for _, t := range []*report.Totals{&pt.In, &pt.Out} {
		for i := range t.Counterparties {
			t.Counterparties[i].Label = label[t.Counterparties[i].Key]
		}
		slices.SortFunc(t.ByMonth, func(a, b report.Bucket) int { return strings.Compare(a.Key, b.Key) })
		report.SortByValue(t.ByRoute)
		report.SortByValue(t.ByGoods)
		report.SortByValue(t.Counterparties)
	}
	return &pt, nil
}

func (s *ReportSource) partyTotals(ctx context.Context, q string, args []any, t *report.Totals, label map[string]string, cps *[]int64) error {
	rows, err := s.d.conn.Query(ctx, q, args...)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		var g struct {
			Dim uint8
			Key string
		}
		var b report.Bucket
		var first, last time.Time
		var other string
		if err := rows.Scan(&g.Dim, &g.Key, &b.Lines, &b.ValueUSD, &b.WeightKg, &first, &last, &other); err != nil {
			return err
		}
		switch g.Dim {
		case 1:
			b.Key, b.Label = g.Key, report.MonthLabel(g.Key)
			t.ByMonth = append(t.ByMonth, b)
		case 2:
			b.Key, b.Label = g.Key, report.RouteLabel(g.Key)
			t.ByRoute = append(t.ByRoute, b)
		case 3:
			b.Key, b.Label = "hs:"+g.Key, report.ChapterLabel(g.Key)
			t.ByGoods = append(t.ByGoods, b)
		case 4:
			b.Key = g.Key
			label[g.Key] = other
			if p, ok := strings.CutPrefix(g.Key, "party:"); ok {
				if n, err := strconv.ParseInt(p, 10, 64); err == nil {
					*cps = append(*cps, n)
				}
			}
			t.Counterparties = append(t.Counterparties, b)
		default:
			t.Lines, t.ValueUSD, t.WeightKg, t.First, t.Last = b.Lines, b.ValueUSD, b.WeightKg, first.UTC(), last.UTC()
		}
	}
	return rows.Err()
}

// partyNames returns the names of the parties of a generation with these ids.
func (s *ReportSource) partyNames(ctx context.Context, gen uint64, ids []int64) (map[int64]string, error) {
	slices.Sort(ids)
	ids = slices.Compact(ids)
	out := make(map[int64]string, len(ids))
	const chunk = 1000
	for start := 0; start < len(ids); start += chunk {
		part := ids[start:min(start+chunk, len(ids))]
		args := []any{gen}
		for _, id := range part {
			args = append(args, id)
		}
		rows, err := s.d.conn.Query(ctx, `SELECT id, name FROM parties WHERE generation = ? AND id IN (`+placeholders(len(part))+`)`, args...)
		if err != nil {
			return nil, fmt.Errorf("party names: %w", err)
		}
		for rows.Next() {
			var id int64
			var name string
			if err := rows.Scan(&id, &name); err != nil {
				rows.Close()
				return nil, fmt.Errorf("party names: %w", err)
			}
			out[id] = name
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return nil, fmt.Errorf("party names: %w", err)
		}
	}
	return out, nil
}

// ShipmentParties returns the resolved shipper and consignee of every shipment that has one (0 for a role
// without a resolved party). A shipment's links sit on its shard, so every shard's groups are whole and the
// server that took the query only forwards them.
func (s *ReportSource) ShipmentParties(ctx context.Context) (map[trade.ShipmentID][2]int64, error) {
	out := map[trade.ShipmentID][2]int64{}
	gen, err := s.d.partyGen(ctx)
	if err != nil || gen == 0 {
		if err != nil {
			return nil, fmt.Errorf("shipment parties: %w", err)
		}
		return out, nil
	}
	ctx = WithSettings(ctx, map[string]any{"distributed_group_by_no_merge": 1})
	rows, err := s.d.conn.Query(ctx, `SELECT shipment_id, role, min(party_id) FROM shipment_parties WHERE generation = ? GROUP BY shipment_id, role`, gen)
	if err != nil {
		return nil, fmt.Errorf("shipment parties: %w", err)
	}
	defer rows.Close()
	var n int64
	for rows.Next() {
		var id, p int64
		var role string
		if err := rows.Scan(&id, &role, &p); err != nil {
			return nil, fmt.Errorf("shipment parties: %w", err)
		}
		n++
		v := out[trade.ShipmentID(id)]
		switch role {
		case "shipper":
			v[0] = p
		case "consignee":
			v[1] = p
		}
		out[trade.ShipmentID(id)] = v
	}
	if err := rows.Err(); err != nil {
		return nil, incomplete("shipment parties", n, err)
	}
	return out, nil
}

// networkHop is the edges (shipper → consignee between resolved parties: lines, value) of the shipments on
// which a party of the frontier ({f}) stands: those it shipped, then those it received from a shipper outside
// the frontier, so that every shipment counts once. Each branch starts from the frontier's lines (a
// primary-key range of party_lines) and every shard joins them with its own links of the same shipments.
const networkHop = `SELECT party_id, o_party, toInt64(count()), sum(value_usd) FROM party_lines ALL INNER JOIN (
	SELECT shipment_id, party_id AS o_party FROM {database}.shipment_parties_local WHERE generation = ? AND role = 'consignee'
	AND shipment_id IN (SELECT shipment_id FROM {database}.party_lines_local WHERE generation = ? AND role = 'shipper' AND party_id IN ({f}))
) USING shipment_id
WHERE generation = ? AND role = 'shipper' AND party_id IN ({f})
GROUP BY party_id, o_party
UNION ALL
SELECT o_party, party_id, toInt64(count()), sum(value_usd) FROM party_lines ALL INNER JOIN (
	SELECT shipment_id, party_id AS o_party FROM {database}.shipment_parties_local WHERE generation = ? AND role = 'shipper'
	AND party_id NOT IN ({f})
	AND shipment_id IN (SELECT shipment_id FROM {database}.party_lines_local WHERE generation = ? AND role = 'consignee' AND party_id IN ({f}))
) USING shipment_id
WHERE generation = ? AND role = 'consignee' AND party_id IN ({f})
GROUP BY party_id, o_party`

// Network returns a party's trading partners out to hops hops (shipper → consignee edges between resolved
// parties). Each hop keeps at most maxNodes new parties, those with the most value traded first. One query per
// hop, and one for the parties found.
func (s *ReportSource) Network(ctx context.Context, id int64, hops, maxNodes int) (*report.Network, error) {
	gen, err := s.d.partyGen(ctx)
	if err != nil {
		return nil, fmt.Errorf("party %d: network: %w", id, err)
	}
	if _, err := s.party(ctx, gen, id); err != nil {
		return nil, err
	}
	if maxNodes <= 0 {
		maxNodes = 100
	}
	b := report.NewNetworkBuilder(id)
	frontier := []int64{id}
	for h := 1; h <= hops && len(frontier) > 0; h++ {
		f := make([]any, len(frontier))
		for i, p := range frontier {
			f[i] = p
		}
		// the arguments in the order of the query's placeholders: the first branch's links (generation), their
		// frontier's lines (generation, frontier) and the party's lines (generation, frontier); the second's
		// the same, its links with the frontier once more (NOT IN)
		var args []any
		for _, part := range [][]any{{gen, gen}, f, {gen}, f, {gen}, f, {gen}, f, {gen}, f} {
			args = append(args, part...)
		}
		q := strings.ReplaceAll(s.d.qualify(networkHop), "{f}", placeholders(len(frontier)))
		qctx := ctx
		if n := len(q) + 24*len(args); n > 200<<10 {
			// The frontier (up to maxNodes ids, five times) travels in the query text, which the server caps
			// at 256 KiB by default.
			qctx = WithSettings(ctx, map[string]any{"max_query_size": 2 * n})
		}
		rows, err := s.d.conn.Query(qctx, q, args...)
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
		rows.Close()
		if err := rows.Err(); err != nil {
			return nil, fmt.Errorf("party %d: network: %w", id, err)
		}
		frontier = b.Next(h, maxNodes)
	}
	ps, err := s.parties(ctx, gen, b.Parties())
	if err != nil {
		return nil, fmt.Errorf("party %d: network: %w", id, err)
	}
	return b.Network(ps), nil
}

// The reports, the workbench's report routes and the exports read either store through the same methods.
var _ report.Source = (*ReportSource)(nil)
