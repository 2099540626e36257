package clickhouse

// Findings with their triage, for the workbench.

import (
	"context"
	"encoding/json"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"

	"tradetrace/internal/duckdb"
	"tradetrace/internal/trade"
)

// webLatestTriage is every target's latest decision (the highest (decided, version): see migrations/005_cases.sql),
// with decided in whole seconds as the workbench shows it.
const webLatestTriage = `SELECT target, argMax(status, (decided, version)) AS t_status, argMax(note, (decided, version)) AS t_note,
argMax(who, (decided, version)) AS t_who, intDiv(max(decided), 1000000) AS t_decided FROM triage`

// webTriage returns the latest decision on each of these targets; a target with none is left out. The triage
// log is ordered by target on every shard: a lookup in each shard's index.
func (d *DB) webTriage(ctx context.Context, targets []string) (map[string]*duckdb.WebTriage, error) {
	out := map[string]*duckdb.WebTriage{}
	if len(targets) == 0 {
		return out, nil
	}
	rows, err := d.conn.Query(ctx, webLatestTriage+` WHERE target IN (`+placeholders(len(targets))+`) GROUP BY target`, webStrArgs(targets)...)
	if err != nil {
		return nil, fmt.Errorf("triage: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var t duckdb.WebTriage
		var decided int64
		if err := rows.Scan(&t.Target, &t.Status, &t.Note, &t.Who, &decided); err != nil {
			return nil, fmt.Errorf("triage: %w", err)
		}
		t.Decided = time.Unix(decided, 0).UTC().Format(time.DateTime)
		out[t.Target] = &t
	}
	return out, rows.Err()
}

// WebFindings lists the current findings with their triage state: first the page's ids, sorted on narrow
// columns, then the wide columns (evidence, the cited lines) of those ids only.
func (d *DB) WebFindings(ctx context.Context, q duckdb.WebFindingQuery) ([]duckdb.WebFinding, bool, error) {
	gens, err := d.currentGenerations(ctx)
	if err != nil {
		return nil, false, fmt.Errorf("findings: %w", err)
	}
	if len(gens) == 0 || q.IDs != nil && len(q.IDs) == 0 || q.Keys != nil && len(q.Keys) == 0 {
		return []duckdb.WebFinding{}, false, nil
	}
	cur := `generation IN (` + placeholders(len(gens)) + `)`
	conds := []string{cur}
	args := append([]any{}, gens...)
	add := func(c string, a ...any) {
		conds = append(conds, c)
		args = append(args, a...)
	}
	addAll := func(c string, a []any) { add(c, a...) }
	if q.Detector != "" {
		add(`detector = ?`, q.Detector)
	}
	if q.Severity != "" {
		add(`severity = ?`, q.Severity)
	}
	// Ids go in as literals: integers, never text from data.
	if q.ID != 0 {
		add(`id = ` + strconv.FormatInt(q.ID, 10))
	}
	if q.IDs != nil {
		add(`id IN (` + webInts(q.IDs) + `)`)
	}
	if q.Key != "" {
		add(`key = ?`, q.Key)
	}
	if q.Keys != nil {
		keys := make([]any, len(q.Keys))
		for i, k := range q.Keys {
			keys[i] = k
		}
		addAll(`key IN (`+placeholders(len(keys))+`)`, keys)
	}
	if q.Status != "" {
		add(`if(t_status = '', 'new', t_status) = ?`, q.Status) // no decision counts as new
	}
	if q.Text != "" {
		addAll(webHolds(q.Text, "title", "explanation"))
	}
	if len(q.PartyNames) > 0 {
		var ors []string
		var pargs []any
		for _, n := range q.PartyNames {
			b, _ := json.Marshal(n)
			ors = append(ors, `position(parties, ?) > 0`)
			pargs = append(pargs, `"name":`+string(b))
		}
		add("("+strings.Join(ors, " OR ")+")", pargs...)
	}
	if q.ShipmentID != 0 {
		// shipment_ids is a JSON array of integers: ",1,2,3," holds ",2,".
		add(`position(concat(',', replaceAll(replaceAll(replaceAll(shipment_ids, '[', ''), ']', ''), ' ', ''), ','), ?) > 0`,
			","+strconv.FormatInt(q.ShipmentID, 10)+",")
	}
	order := `score DESC, key`
	switch q.Sort {
	case "value":
		order = `value_usd DESC, key`
	case "detector":
		order = `detector, score DESC, key`
	case "title":
		order = `title, key`
	case "decided":
		order = `t_decided DESC, score DESC, key` // no decision: 0, last
	}
	var page []int64
	if q.Ordered {
		if len(conds) != 2 || q.IDs == nil || q.Sort != "" || q.Offset != 0 || len(q.IDs) > q.Limit+1 {
			return nil, false, fmt.Errorf("findings: an ordered page takes ids alone, at most limit + 1 of them")
		}
		page = q.IDs
	} else {
		from := `findings`
		if q.Status != "" || q.Sort == "decided" {
			// Each finding's latest decision ('' and 0 where there is none). The triage log is small (people's
			// decisions); ClickHouse joins USING a column both sides have, so the findings come with their target.
			from = `(SELECT id, generation, detector, severity, key, score, title, explanation, parties, shipment_ids, value_usd,
  concat('finding:', key) AS target FROM findings WHERE ` + cur + `)
ANY LEFT JOIN (SELECT target, t_status, t_decided FROM (` + webLatestTriage + ` WHERE startsWith(target, 'finding:') GROUP BY target)) USING (target)`
			args = append(append([]any{}, gens...), args...) // the subquery's generations come first
		}
		args = append(args, q.Limit+1, q.Offset)
		rows, err := d.conn.Query(ctx, `SELECT id FROM `+from+` WHERE `+strings.Join(conds, " AND ")+` ORDER BY `+order+` LIMIT ? OFFSET ?`, args...)
		if err != nil {
			return nil, false, fmt.Errorf("findings: %w", err)
		}
		for rows.Next() {
			var id int64
			if err := rows.Scan(&id); err != nil {
				rows.Close()
				return nil, false, fmt.Errorf("findings: %w", err)
			}
			page = append(page, id)
		}
		err = rows.Err()
		rows.Close()
		if err != nil {
			return nil, false, fmt.Errorf("findings: %w", err)
		}
	}
	if len(page) == 0 {
		return []duckdb.WebFinding{}, false, nil
	}
	out, err := d.webFindingRows(ctx, cur, gens, page, q.Brief)
	if err != nil {
		return nil, false, err
	}
	more := len(out) > q.Limit
	if more {
		out = out[:q.Limit]
	}
	return out, more, nil
}

// webFindingRows reads the current findings with these ids, in the order of ids, with their latest triage
// decision. An id whose finding is gone is left out (a page's ids may come from an index built a minute ago).
func (d *DB) webFindingRows(ctx context.Context, cur string, gens []any, ids []int64, brief bool) ([]duckdb.WebFinding, error) {
	wide := `explanation, parties, shipments, shipment_ids, evidence`
	if brief {
		wide = `'', '[]', '[]', '[]', '[]'`
	}
	rows, err := d.conn.Query(ctx, `SELECT id, detector, detector_version, key, score, severity, title, `+wide+`, value_usd, weight_kg
FROM findings WHERE `+cur+` AND id IN (`+webInts(ids)+`)`, gens...)
	if err != nil {
		return nil, fmt.Errorf("findings: %w", err)
	}
	defer rows.Close()
	rank := make(map[int64]int, len(ids)) // an id given twice takes its last place, as in the DuckDB store
	for i, id := range ids {
		rank[id] = i
	}
	out := make([]duckdb.WebFinding, len(ids))
	var targets []string
	for rows.Next() {
		var fd duckdb.WebFinding
		var sev, parties, ships, sids, ev string
		if err := rows.Scan(&fd.ID, &fd.Detector, &fd.DetectorVersion, &fd.Key, &fd.Score, &sev, &fd.Title, &fd.Explanation,
			&parties, &ships, &sids, &ev, &fd.ValueUSD, &fd.WeightKg); err != nil {
			return nil, fmt.Errorf("findings: %w", err)
		}
		fd.SeverityName = sev
		fd.Severity, _ = trade.ParseSeverity(sev)
		if err := fd.Finding.DecodeLists(parties, ships, sids, ev); err != nil {
			return nil, err
		}
		fd.ShipmentIDs = fd.Finding.ShipmentIDs
		out[rank[fd.ID]] = fd
		targets = append(targets, "finding:"+fd.Key)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("findings: %w", err)
	}
	out = slices.DeleteFunc(out, func(f duckdb.WebFinding) bool { return f.Key == "" })
	tri, err := d.webTriage(ctx, targets)
	if err != nil {
		return nil, err
	}
	for i := range out {
		if t, ok := tri["finding:"+out[i].Key]; ok {
			c := *t
			out[i].Triage = &c
		}
	}
	return out, nil
}

// webInts writes integers as a SQL list of literals.
func webInts(ids []int64) string {
	lits := make([]string, len(ids))
	for i, id := range ids {
		lits[i] = strconv.FormatInt(id, 10)
	}
	return strings.Join(lits, ", ")
}

// webFindingStates counts the current findings by triage state ('new' where there is no decision).
func (d *DB) webFindingStates(ctx context.Context, cur string, gens []any) ([]duckdb.WebCount, error) {
	return d.webCounts(ctx, `SELECT if(t_status = '', 'new', t_status) AS state, toInt64(count()), sum(value_usd) FROM (
  SELECT concat('finding:', key) AS target, value_usd FROM findings WHERE `+cur+`
) ANY LEFT JOIN (SELECT target, t_status FROM (`+webLatestTriage+` WHERE startsWith(target, 'finding:') GROUP BY target)) USING (target)
GROUP BY state ORDER BY state`, gens...)
}

// webCaseStates counts the current cases by kind and triage state ('new' where there is no decision).
func (d *DB) webCaseStates(ctx context.Context) ([]duckdb.WebCount, error) {
	cur, ok, err := d.webCurrentCases(ctx)
	if err != nil || !ok {
		return []duckdb.WebCount{}, err
	}
	return d.webCounts(ctx, `SELECT kind, if(t_status = '', 'new', t_status) AS state, toInt64(count()), sum(value_usd) FROM (
  SELECT kind, concat('case:', key) AS target, value_usd FROM cases WHERE `+cur+`
) ANY LEFT JOIN (SELECT target, t_status FROM (`+webLatestTriage+` WHERE startsWith(target, 'case:') GROUP BY target)) USING (target)
GROUP BY kind, state ORDER BY kind, state`)
}
