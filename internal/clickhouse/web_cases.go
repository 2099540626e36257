package clickhouse

// Cases and triage decisions, for the workbench (the tables of migrations/005_cases.sql).

import (
	"context"
	"encoding/json"
	"fmt"
	"strconv"
	"strings"
	"time"

	"tradetrace/internal/cases"
	"tradetrace/internal/duckdb"
	"tradetrace/internal/trade"
)

// webCurrentCases returns the condition that keeps the current generation of cases; ok is false when no cases
// were ever stored.
func (d *DB) webCurrentCases(ctx context.Context) (cond string, ok bool, err error) {
	gen, ok, err := d.caseGeneration(ctx)
	if err != nil || !ok {
		return "", false, err
	}
	return `generation = ` + strconv.FormatUint(gen, 10), true, nil
}

// WebCases lists the current cases with their triage state.
func (d *DB) WebCases(ctx context.Context, q duckdb.WebCaseQuery) ([]duckdb.WebCase, bool, error) {
	cur, ok, err := d.webCurrentCases(ctx)
	if err != nil {
		return nil, false, fmt.Errorf("cases: %w", err)
	}
	if !ok {
		return []duckdb.WebCase{}, false, nil
	}
	conds := []string{cur}
	var args []any
	add := func(c string, a ...any) {
		conds = append(conds, c)
		args = append(args, a...)
	}
	addAll := func(c string, a []any) { add(c, a...) }
	if q.ID != 0 {
		add(`id = ` + strconv.FormatInt(q.ID, 10))
	}
	if q.Kind != "" {
		add(`kind = ?`, q.Kind)
	}
	if q.Status != "" {
		add(`if(t_status = '', 'new', t_status) = ?`, q.Status) // no decision counts as new
	}
	if q.Text != "" {
		addAll(webHolds(q.Text, "title"))
	}
	if q.PartyID != 0 {
		// party_ids is a JSON array of integers: ",1,2,3," holds ",2,".
		add(`position(concat(',', replaceAll(replaceAll(replaceAll(party_ids, '[', ''), ']', ''), ' ', ''), ','), ?) > 0`,
			","+strconv.FormatInt(q.PartyID, 10)+",")
	}
	if q.FindingKey != "" {
		b, _ := json.Marshal(q.FindingKey)
		add(`position(findings, ?) > 0`, string(b))
	}
	order := `score DESC, id`
	switch q.Sort {
	case "value":
		order = `value_usd DESC, id`
	case "date":
		order = `last_date DESC NULLS LAST, id`
	}
	from := `cases`
	if q.Status != "" {
		from = `(SELECT *, concat('case:', key) AS target FROM cases WHERE ` + cur + `)
ANY LEFT JOIN (SELECT target, t_status FROM (` + webLatestTriage + ` WHERE startsWith(target, 'case:') GROUP BY target)) USING (target)`
	}
	wide := `reasons, findings, party_ids`
	if q.Brief {
		wide = `'[]', '[]', '[]'`
	}
	args = append(args, q.Limit+1, q.Offset)
	rows, err := d.conn.Query(ctx, `SELECT id, key, kind, title, score, `+wide+`, value_usd,
ifNull(formatDateTime(first_date, '%Y-%m-%d'), ''), ifNull(formatDateTime(last_date, '%Y-%m-%d'), '')
FROM `+from+` WHERE `+strings.Join(conds, " AND ")+` ORDER BY `+order+` LIMIT ? OFFSET ?`, args...)
	if err != nil {
		return nil, false, fmt.Errorf("cases: %w", err)
	}
	defer rows.Close()
	out := []duckdb.WebCase{}
	var targets []string
	for rows.Next() {
		var c duckdb.WebCase
		var reasons, findings, pids string
		if err := rows.Scan(&c.ID, &c.Key, &c.Kind, &c.Title, &c.Score, &reasons, &findings, &pids, &c.ValueUSD,
			&c.FirstDate, &c.LastDate); err != nil {
			return nil, false, fmt.Errorf("cases: %w", err)
		}
		c.Reasons = webJSON(reasons)
		if err := json.Unmarshal([]byte(findings), &c.Findings); err != nil {
			return nil, false, fmt.Errorf("case %d: findings: %w", c.ID, err)
		}
		if err := json.Unmarshal([]byte(pids), &c.PartyIDs); err != nil {
			return nil, false, fmt.Errorf("case %d: party ids: %w", c.ID, err)
		}
		out = append(out, c)
		targets = append(targets, "case:"+c.Key)
	}
	if err := rows.Err(); err != nil {
		return nil, false, fmt.Errorf("cases: %w", err)
	}
	tri, err := d.webTriage(ctx, targets)
	if err != nil {
		return nil, false, err
	}
	for i := range out {
		if t, ok := tri["case:"+out[i].Key]; ok {
			c := *t
			out[i].Triage = &c
		}
	}
	more := len(out) > q.Limit
	if more {
		out = out[:q.Limit]
	}
	return out, more, nil
}

// WebAddTriage appends a triage decision. The target must name a current finding or case. The decision is
// stamped now, or just after the target's latest decision (SetTriage), so that it is the target's latest.
func (d *DB) WebAddTriage(ctx context.Context, t duckdb.WebTriage) error {
	if !contains(duckdb.WebTriageStatuses, t.Status) {
		return fmt.Errorf("triage %s: status %q is not one of new, confirmed, dismissed", t.Target, t.Status)
	}
	kind, key, ok := strings.Cut(t.Target, ":")
	var n uint64
	var err error
	switch {
	case ok && kind == "finding":
		var gens []any
		if gens, err = d.currentGenerations(ctx); err == nil && len(gens) > 0 {
			err = d.conn.QueryRow(ctx, `SELECT count() FROM findings WHERE generation IN (`+placeholders(len(gens))+`) AND key = ?`,
				append(gens, key)...).Scan(&n)
		}
	case ok && kind == "case":
		var cur string
		var have bool
		if cur, have, err = d.webCurrentCases(ctx); err == nil && have {
			err = d.conn.QueryRow(ctx, `SELECT count() FROM cases WHERE `+cur+` AND key = ?`, key).Scan(&n)
		}
	default:
		return fmt.Errorf("triage %q: the target must be finding:KEY or case:KEY", t.Target)
	}
	if err != nil {
		return fmt.Errorf("triage %s: %w", t.Target, err)
	}
	if n == 0 {
		return fmt.Errorf("triage %s: %w", t.Target, trade.ErrNotFound)
	}
	if _, err := d.SetTriage(ctx, cases.Decision{Target: cases.Target(t.Target), Status: cases.Status(t.Status), Note: t.Note, Who: t.Who}); err != nil {
		return err
	}
	return nil
}

// WebTriageHistory lists a target's decisions, newest first.
func (d *DB) WebTriageHistory(ctx context.Context, target string) ([]duckdb.WebTriage, error) {
	rows, err := d.conn.Query(ctx, `SELECT target, status, note, who, decided FROM triage WHERE target = ? ORDER BY decided DESC, version DESC`, target)
	if err != nil {
		return nil, fmt.Errorf("triage %s: %w", target, err)
	}
	defer rows.Close()
	out := []duckdb.WebTriage{}
	for rows.Next() {
		var t duckdb.WebTriage
		var decided int64
		if err := rows.Scan(&t.Target, &t.Status, &t.Note, &t.Who, &decided); err != nil {
			return nil, fmt.Errorf("triage %s: %w", target, err)
		}
		t.Decided = time.UnixMicro(decided).UTC().Format(time.DateTime)
		out = append(out, t)
	}
	return out, rows.Err()
}
