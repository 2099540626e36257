package clickhouse

// The overview and the flows pages: aggregates of the findings and of the shipments, each shard aggregating its
// share of the lines.

import (
	"cmp"
	"context"
	"fmt"
	"slices"
	"strings"
	"time"

	"tradetrace/internal/duckdb"
)

// webCounts runs an aggregate whose last two columns are a count (Int64) and a value (Float64) and whose other
// columns are labels (String). It is for the store's own fixed queries; arguments are parameters.
func (d *DB) webCounts(ctx context.Context, query string, args ...any) ([]duckdb.WebCount, error) {
	rows, err := d.conn.Query(ctx, query, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	cols := len(rows.Columns())
	out := []duckdb.WebCount{}
	for rows.Next() {
		c := duckdb.WebCount{Labels: make([]string, cols-2)}
		ptrs := make([]any, cols)
		for i := range c.Labels {
			ptrs[i] = &c.Labels[i]
		}
		ptrs[cols-2], ptrs[cols-1] = &c.Lines, &c.ValueUSD
		if err := rows.Scan(ptrs...); err != nil {
			return nil, err
		}
		out = append(out, c)
	}
	return out, rows.Err()
}

// webStrArgs turns strings into query arguments.
func webStrArgs(vals []string) []any {
	args := make([]any, len(vals))
	for i, v := range vals {
		args[i] = v
	}
	return args
}

// WebOverview aggregates the store for the overview page: the current findings by detector and severity and by
// triage state, the cases by kind and state, and the lines bound for the sanctioned destinations (one scan of
// them on every shard for the flows, one for the hubs' suppliers). The server caches the result.
func (d *DB) WebOverview(ctx context.Context, hubs, sanctioned, classHS []string) (*duckdb.WebOverview, error) {
	o := duckdb.WebOverview{Findings: []duckdb.WebCount{}, Cases: []duckdb.WebCount{}, Triage: []duckdb.WebCount{},
		Flows: []duckdb.WebCount{}, HubSuppliers: []duckdb.WebCount{}}
	gens, err := d.currentGenerations(ctx)
	if err != nil {
		return nil, fmt.Errorf("overview findings: %w", err)
	}
	if len(gens) > 0 {
		cur := `generation IN (` + placeholders(len(gens)) + `)`
		if o.Findings, err = d.webCounts(ctx, `SELECT detector, severity, toInt64(count()), sum(value_usd) FROM findings
WHERE `+cur+` GROUP BY detector, severity ORDER BY detector, severity`, gens...); err != nil {
			return nil, fmt.Errorf("overview findings: %w", err)
		}
		if o.Triage, err = d.webFindingStates(ctx, cur, gens); err != nil {
			return nil, fmt.Errorf("overview triage: %w", err)
		}
	}
	if o.Cases, err = d.webCaseStates(ctx); err != nil {
		return nil, fmt.Errorf("overview cases: %w", err)
	}
	if len(sanctioned) == 0 {
		return &o, nil // no destination is sanctioned: no line is bound for one
	}
	runs, err := d.completeRuns(ctx)
	if err != nil {
		return nil, fmt.Errorf("overview flows: %w", err)
	}
	vis, visArgs := visible(runs)
	dst := `destination_country IN (` + placeholders(len(sanctioned)) + `)`
	viaHub, hubArgs := `0`, []any(nil)
	if len(hubs) > 0 {
		viaHub = `(dispatch_country != origin_country AND dispatch_country IN (` + placeholders(len(hubs)) + `))`
		hubArgs = webStrArgs(hubs)
	}
	// Only lines whose HS code may hold controlled goods are grouped by code: the rest count under "".
	hsExpr, hsArgs := `''`, []any(nil)
	if len(classHS) > 0 {
		var c string
		c, hsArgs = webStartsWith("hs6", classHS)
		hsExpr = `if(` + c + `, hs6, '')`
	}
	var args []any
	args = append(args, hubArgs...)
	args = append(args, hsArgs...)
	args = append(args, visArgs...)
	args = append(args, webStrArgs(sanctioned)...)
	if o.Flows, err = d.webCounts(ctx, `SELECT formatDateTime(date, '%Y-%m') AS month, destination_country AS dest,
if(`+viaHub+`, 'hub', 'direct') AS route, `+hsExpr+` AS hs, toInt64(count()), ifNull(sum(value_usd), 0)
FROM shipments WHERE `+vis+` AND `+dst+` GROUP BY month, dest, route, hs ORDER BY month, dest, route, hs`, args...); err != nil {
		return nil, fmt.Errorf("overview flows: %w", err)
	}
	if len(hubs) == 0 {
		return &o, nil // no hub: no line goes through one
	}
	args = append(append(append([]any{}, visArgs...), webStrArgs(sanctioned)...), hubArgs...)
	if o.HubSuppliers, err = d.webCounts(ctx, `SELECT shipper_name, shipper_country, dispatch_country, toInt64(count()) AS lines,
ifNull(sum(value_usd), 0) AS value FROM shipments WHERE `+vis+` AND `+dst+` AND `+viaHub+`
GROUP BY shipper_name, shipper_country, dispatch_country
ORDER BY value DESC, shipper_name, shipper_country, dispatch_country LIMIT 25`, args...); err != nil {
		return nil, fmt.Errorf("overview suppliers: %w", err)
	}
	return &o, nil
}

// WebFlows groups lines by origin, dispatch and destination country: the 200 largest routes by value.
func (d *DB) WebFlows(ctx context.Context, q duckdb.WebFlowQuery) ([]duckdb.WebCount, error) {
	runs, err := d.completeRuns(ctx)
	if err != nil {
		return nil, fmt.Errorf("flows: %w", err)
	}
	cond, args := visible(runs)
	conds := []string{cond}
	add := func(c string, a ...any) {
		conds = append(conds, c)
		args = append(args, a...)
	}
	addAll := func(c string, a []any) { add(c, a...) }
	if len(q.HSPrefixes) > 0 {
		addAll(webStartsWith("hs_code", q.HSPrefixes))
	}
	if q.Text != "" {
		addAll(webHolds(q.Text, "brand", "manufacturer", "description", "description_en"))
	}
	if q.From != "" {
		add(`date >= toDate(?)`, q.From)
	}
	if q.To != "" {
		add(`date <= toDate(?)`, q.To)
	}
	if len(q.Dest) > 0 {
		addAll(`destination_country IN (`+placeholders(len(q.Dest))+`)`, webStrArgs(q.Dest))
	}
	out, err := d.webCounts(ctx, `SELECT origin_country, dispatch_country, destination_country, toInt64(count()) AS lines,
ifNull(sum(value_usd), 0) AS value FROM shipments WHERE `+strings.Join(conds, " AND ")+`
GROUP BY origin_country, dispatch_country, destination_country
ORDER BY value DESC, lines DESC, origin_country, dispatch_country, destination_country LIMIT 200`, args...)
	if err != nil {
		return nil, fmt.Errorf("flows: %w", err)
	}
	return out, nil
}

// WebListVersions lists the loaded list versions, newest first, with their differences (entities by source id)
// from the version of the same list loaded before. A list's current version is its version with the latest
// event (migrations/003_lists.sql); the entities of two versions are compared on every shard at once.
func (d *DB) WebListVersions(ctx context.Context) ([]duckdb.WebListVersion, error) {
	vs, err := d.listVersions(ctx, "")
	if err != nil {
		return nil, fmt.Errorf("list versions: %w", err)
	}
	slices.SortFunc(vs, func(a, b listVersion) int {
		if c := b.Loaded.Compare(a.Loaded); c != 0 {
			return c
		}
		return cmp.Compare(b.ID, a.ID)
	})
	out := make([]duckdb.WebListVersion, len(vs))
	for i, v := range vs {
		out[i] = duckdb.WebListVersion{ID: v.ID, List: v.List, File: v.File, SHA256: v.SHA256, Loaded: v.Loaded.Format(time.DateTime),
			Entities: v.Entities, Names: v.Names, IsCurrent: v.Current}
	}
	// Each version's previous one: the version of its list loaded just before (out is newest first).
	for i := range out {
		v := &out[i]
		var prev int64
		found := false
		for _, p := range out[i+1:] {
			if p.List == v.List {
				prev, found = p.ID, true
				break
			}
		}
		if !found {
			continue
		}
		diff := `SELECT toInt64(count()) FROM list_entities WHERE version_id = ? AND source_id GLOBAL NOT IN (SELECT source_id FROM list_entities WHERE version_id = ?)`
		if err := d.conn.QueryRow(ctx, diff, v.ID, prev).Scan(&v.Added); err != nil {
			return nil, fmt.Errorf("list version %d: %w", v.ID, err)
		}
		if err := d.conn.QueryRow(ctx, diff, prev, v.ID).Scan(&v.Removed); err != nil {
			return nil, fmt.Errorf("list version %d: %w", v.ID, err)
		}
	}
	return out, nil
}
