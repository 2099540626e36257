package duckdb

// The overview, flows, list versions and rejected rows, for the workbench.

import (
	"context"
	"fmt"
	"strings"

	"tradetrace/internal/trade"
)

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
