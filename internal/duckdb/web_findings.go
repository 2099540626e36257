package duckdb

// Findings and cases with their triage, for the workbench.

import (
	"context"
	"encoding/json"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"

	"tradetrace/internal/trade"
)

// WebFinding is a finding with its latest triage decision.
type WebFinding struct {
	trade.Finding
	SeverityName string             `json:"severity"`
	ShipmentIDs  []trade.ShipmentID `json:"shipment_ids"`
	Triage       *WebTriage         `json:"triage,omitempty"`
}

// WebTriage is one triage decision.
type WebTriage struct {
	Target  string `json:"target"`
	Status  string `json:"status"`
	Note    string `json:"note"`
	Who     string `json:"who"`
	Decided string `json:"decided"`
}

// WebFindingQuery filters and sorts findings. Sort is one of score, value, detector, title (descending for
// score and value).
type WebFindingQuery struct {
	Detector   string
	Severity   string
	Status     string // new (no decision counts as new), confirmed, dismissed
	Text       string // in the title or the explanation
	PartyNames []string
	ShipmentID int64
	ID         int64
	IDs        []int64 // only these findings (an empty, non-nil list selects none)
	Key        string
	Keys       []string // only these findings (an empty, non-nil list selects none)
	Sort       string
	Offset     int
	Limit      int
	// Ordered says that IDs are the page itself, already in the default order (score, then key) and no longer
	// than Limit + 1: they are read as they are, with no query to sort them. Other filters must be empty.
	Ordered bool
	// Brief leaves out what a list of findings does not show: the explanation, parties, evidence, cited lines and
	// their ids stay empty (a finding may cite hundreds of thousands of lines; decoding them cost a party page
	// most of its time on a 10M store).
	Brief bool
}

const latestTriage = `(SELECT target, arg_max(status, decided) AS status, arg_max(note, decided) AS note,
arg_max(who, decided) AS who, strftime(max(decided), '%Y-%m-%d %H:%M:%S') AS decided FROM triage GROUP BY target)`

// webTriage returns the latest decision on every target, kept in memory until a decision is added: lists of
// findings and cases take their state from here instead of joining the triage table (1 ms of each query).
func (d *DB) webTriage(ctx context.Context) (map[string]*WebTriage, error) {
	v, err := d.memoized(memoTriage, func() (any, error) {
		rows, err := d.db.QueryContext(ctx, `SELECT target, status, note, who, decided FROM `+latestTriage)
		if err != nil {
			return nil, fmt.Errorf("triage: %w", err)
		}
		defer rows.Close()
		m := map[string]*WebTriage{}
		for rows.Next() {
			var t WebTriage
			if err := rows.Scan(&t.Target, &t.Status, &t.Note, &t.Who, &t.Decided); err != nil {
				return nil, fmt.Errorf("triage: %w", err)
			}
			m[t.Target] = &t
		}
		return m, rows.Err()
	})
	if err != nil {
		return nil, err
	}
	return v.(map[string]*WebTriage), nil
}

// triageOf returns a copy of a target's latest decision, nil when there is none: callers may keep or change it
// without touching what the store keeps.
func triageOf(tri map[string]*WebTriage, target string) *WebTriage {
	t, ok := tri[target]
	if !ok {
		return nil
	}
	c := *t
	return &c
}

// WebFindings lists findings with their triage state.
func (d *DB) WebFindings(ctx context.Context, q WebFindingQuery) ([]WebFinding, bool, error) {
	var conds []string
	var args []any
	if q.Detector != "" {
		conds = append(conds, `f.detector = ?`)
		args = append(args, q.Detector)
	}
	if q.Severity != "" {
		conds = append(conds, `f.severity = ?`)
		args = append(args, q.Severity)
	}
	// Ids go in as literals (integers, never text from data): DuckDB then reads the other columns only for the
	// findings they select, where bound ids made it read every column of every finding (a party page on a 10M
	// store spent half its time here).
	if q.ID != 0 {
		conds = append(conds, `f.id = `+strconv.FormatInt(q.ID, 10))
	}
	if q.IDs != nil {
		if len(q.IDs) == 0 {
			return []WebFinding{}, false, nil
		}
		lits := make([]string, len(q.IDs))
		for i, id := range q.IDs {
			lits[i] = strconv.FormatInt(id, 10)
		}
		conds = append(conds, `f.id IN (`+strings.Join(lits, ", ")+`)`)
	}
	if q.Key != "" {
		conds = append(conds, `f.key = ?`)
		args = append(args, q.Key)
	}
	if q.Keys != nil {
		if len(q.Keys) == 0 {
			return []WebFinding{}, false, nil
		}
		conds = append(conds, `f.key IN (`+placeholders(len(q.Keys))+`)`)
		args = append(args, anySlice(q.Keys)...)
	}
	if q.Status != "" {
		conds = append(conds, `coalesce(t.status, 'new') = ?`)
		args = append(args, q.Status)
	}
	if q.Text != "" {
		like := "%" + escapeLike(q.Text) + "%"
		conds = append(conds, `(f.title ILIKE ? ESCAPE '\' OR f.explanation ILIKE ? ESCAPE '\')`)
		args = append(args, like, like)
	}
	if len(q.PartyNames) > 0 {
		var ors []string
		for _, n := range q.PartyNames {
			b, _ := json.Marshal(n)
			ors = append(ors, `contains(f.parties, ?)`)
			args = append(args, `"name":`+string(b))
		}
		conds = append(conds, "("+strings.Join(ors, " OR ")+")")
	}
	if q.ShipmentID != 0 {
		conds = append(conds, `contains(',' || replace(trim(f.shipment_ids, '[] '), ' ', '') || ',', ?)`)
		args = append(args, ","+strconv.FormatInt(q.ShipmentID, 10)+",")
	}
	where := ""
	if len(conds) > 0 {
		where = " WHERE " + strings.Join(conds, " AND ")
	}
	order := `f.score DESC, f.key`
	switch q.Sort {
	case "value":
		order = `f.value_usd DESC, f.key`
	case "detector":
		order = `f.detector, f.score DESC, f.key`
	case "title":
		order = `f.title, f.key`
	case "decided":
		order = `t.decided DESC NULLS LAST, f.score DESC, f.key`
	}
	args = append(args, q.Limit+1, q.Offset)
	// The page's ids first, sorted on narrow columns; then the wide columns (evidence, the cited lines) of those
	// ids only, written as literals: with the workbench's index on findings(id) DuckDB probes the index for them,
	// where a join against the first query read the wide columns of every finding (100+ ms on a 10M store).
	from := `FROM findings f`
	if q.Status != "" || q.Sort == "decided" {
		from += ` LEFT JOIN ` + latestTriage + ` t ON t.target = 'finding:' || f.key`
	}
	var page []string
	rank := map[int64]int{}
	if q.Ordered {
		if len(conds) != 1 || q.Sort != "" || q.Offset != 0 || len(q.IDs) > q.Limit+1 {
			return nil, false, fmt.Errorf("findings: an ordered page takes ids alone, at most limit + 1 of them")
		}
		for _, id := range q.IDs {
			rank[id] = len(page)
			page = append(page, strconv.FormatInt(id, 10))
		}
	} else {
		idRows, err := d.db.QueryContext(ctx, `SELECT f.id `+from+where+` ORDER BY `+order+` LIMIT ? OFFSET ?`, args...)
		if err != nil {
			return nil, false, fmt.Errorf("findings: %w", err)
		}
		for idRows.Next() {
			var id int64
			if err := idRows.Scan(&id); err != nil {
				idRows.Close()
				return nil, false, fmt.Errorf("findings: %w", err)
			}
			rank[id] = len(page)
			page = append(page, strconv.FormatInt(id, 10))
		}
		idRows.Close()
		if err := idRows.Err(); err != nil {
			return nil, false, fmt.Errorf("findings: %w", err)
		}
	}
	if len(page) == 0 {
		return []WebFinding{}, false, nil
	}
	wide := `f.explanation, f.parties, f.shipments, f.shipment_ids, f.evidence`
	if q.Brief {
		wide = `'', '[]', '[]', '[]', '[]'`
	}
	tri, err := d.webTriage(ctx)
	if err != nil {
		return nil, false, err
	}
	rows, err := d.db.QueryContext(ctx, `SELECT f.id, f.detector, f.detector_version, f.key, f.score, f.severity, f.title,
`+wide+`, f.value_usd, f.weight_kg FROM findings f WHERE f.id IN (`+strings.Join(page, ", ")+`)`)
	if err != nil {
		return nil, false, fmt.Errorf("findings: %w", err)
	}
	defer rows.Close()
	out := make([]WebFinding, len(page))
	for rows.Next() {
		var fd WebFinding
		var sev, parties, ships, ids, ev string
		if err := rows.Scan(&fd.ID, &fd.Detector, &fd.DetectorVersion, &fd.Key, &fd.Score, &sev, &fd.Title, &fd.Explanation,
			&parties, &ships, &ids, &ev, &fd.ValueUSD, &fd.WeightKg); err != nil {
			return nil, false, fmt.Errorf("findings: %w", err)
		}
		fd.SeverityName = sev
		fd.Severity, _ = trade.ParseSeverity(sev)
		if err := fd.Finding.DecodeLists(parties, ships, ids, ev); err != nil {
			return nil, false, err
		}
		fd.ShipmentIDs = fd.Finding.ShipmentIDs
		fd.Triage = triageOf(tri, "finding:"+fd.Key)
		out[rank[fd.ID]] = fd
	}
	if err := rows.Err(); err != nil {
		return nil, false, fmt.Errorf("findings: %w", err)
	}
	// Leave out an id whose finding is gone (the page's ids may come from an index built a minute ago).
	out = slices.DeleteFunc(out, func(f WebFinding) bool { return f.Key == "" })
	more := len(out) > q.Limit
	if more {
		out = out[:q.Limit]
	}
	return out, more, nil
}

// WebCase is a case with its latest triage decision.
type WebCase struct {
	ID        int64           `json:"id"`
	Key       string          `json:"key"`
	Kind      string          `json:"kind"`
	Title     string          `json:"title"`
	Score     float64         `json:"score"`
	Reasons   json.RawMessage `json:"reasons"`
	Findings  []string        `json:"findings"`
	PartyIDs  []int64         `json:"party_ids"`
	ValueUSD  float64         `json:"value_usd"`
	FirstDate string          `json:"first_date"`
	LastDate  string          `json:"last_date"`
	Triage    *WebTriage      `json:"triage,omitempty"`
}

// WebCaseQuery filters and sorts cases.
type WebCaseQuery struct {
	ID         int64
	Kind       string
	Status     string
	Text       string
	PartyID    int64
	FindingKey string // cases that hold this finding
	Sort       string // score, value, date
	Offset     int
	Limit      int
	// Brief leaves out what a list of cases does not show: the reasons, findings and parties stay empty.
	Brief bool
}

// WebCases lists cases with their triage state.
func (d *DB) WebCases(ctx context.Context, q WebCaseQuery) ([]WebCase, bool, error) {
	var conds []string
	var args []any
	if q.ID != 0 {
		conds = append(conds, `c.id = `+strconv.FormatInt(q.ID, 10))
	}
	if q.Kind != "" {
		conds = append(conds, `c.kind = ?`)
		args = append(args, q.Kind)
	}
	if q.Status != "" {
		conds = append(conds, `coalesce(t.status, 'new') = ?`)
		args = append(args, q.Status)
	}
	if q.Text != "" {
		conds = append(conds, `c.title ILIKE ? ESCAPE '\'`)
		args = append(args, "%"+escapeLike(q.Text)+"%")
	}
	if q.PartyID != 0 {
		// The party's cases by id, from the cases' parties kept in memory: matching the JSON lists of every case
		// cost a party page 20–30 ms on a 10M-line store. Ids are integers, written as literals so that DuckDB
		// probes the workbench's index on cases(id).
		byParty, err := d.caseParties(ctx)
		if err != nil {
			return nil, false, err
		}
		ids := byParty[q.PartyID]
		if len(ids) == 0 {
			return []WebCase{}, false, nil
		}
		lits := make([]string, len(ids))
		for i, id := range ids {
			lits[i] = strconv.FormatInt(id, 10)
		}
		conds = append(conds, `c.id IN (`+strings.Join(lits, ", ")+`)`)
	}
	if q.FindingKey != "" {
		b, _ := json.Marshal(q.FindingKey)
		conds = append(conds, `contains(c.findings, ?)`)
		args = append(args, string(b))
	}
	where := ""
	if len(conds) > 0 {
		where = " WHERE " + strings.Join(conds, " AND ")
	}
	order := `c.score DESC, c.id`
	switch q.Sort {
	case "value":
		order = `c.value_usd DESC, c.id`
	case "date":
		order = `c.last_date DESC NULLS LAST, c.id`
	}
	args = append(args, q.Limit+1, q.Offset)
	tri, err := d.webTriage(ctx)
	if err != nil {
		return nil, false, err
	}
	from := `FROM cases c`
	if q.Status != "" {
		from += ` LEFT JOIN ` + latestTriage + ` t ON t.target = 'case:' || c.key`
	}
	wide := `c.reasons, c.findings, c.party_ids`
	if q.Brief {
		wide = `'[]', '[]', '[]'`
	}
	rows, err := d.db.QueryContext(ctx, `SELECT c.id, c.key, c.kind, c.title, c.score, `+wide+`,
c.value_usd, coalesce(strftime(c.first_date, '%Y-%m-%d'), ''), coalesce(strftime(c.last_date, '%Y-%m-%d'), '')
`+from+where+` ORDER BY `+order+` LIMIT ? OFFSET ?`, args...)
	if err != nil {
		return nil, false, fmt.Errorf("cases: %w", err)
	}
	defer rows.Close()
	out := []WebCase{}
	for rows.Next() {
		var c WebCase
		var reasons, findings, pids string
		if err := rows.Scan(&c.ID, &c.Key, &c.Kind, &c.Title, &c.Score, &reasons, &findings, &pids, &c.ValueUSD,
			&c.FirstDate, &c.LastDate); err != nil {
			return nil, false, fmt.Errorf("cases: %w", err)
		}
		c.Reasons = rawJSON(reasons)
		if err := json.Unmarshal([]byte(findings), &c.Findings); err != nil {
			return nil, false, fmt.Errorf("case %d: findings: %w", c.ID, err)
		}
		if err := json.Unmarshal([]byte(pids), &c.PartyIDs); err != nil {
			return nil, false, fmt.Errorf("case %d: party ids: %w", c.ID, err)
		}
		c.Triage = triageOf(tri, "case:"+c.Key)
		out = append(out, c)
	}
	if err := rows.Err(); err != nil {
		return nil, false, fmt.Errorf("cases: %w", err)
	}
	more := len(out) > q.Limit
	if more {
		out = out[:q.Limit]
	}
	return out, more, nil
}

// caseParties maps each party to the cases that name it.
func (d *DB) caseParties(ctx context.Context) (map[int64][]int64, error) {
	v, err := d.memoized(memoCaseParties, func() (any, error) {
		rows, err := d.db.QueryContext(ctx, `SELECT id, party_ids FROM cases ORDER BY id`)
		if err != nil {
			return nil, fmt.Errorf("cases: %w", err)
		}
		defer rows.Close()
		m := map[int64][]int64{}
		for rows.Next() {
			var id int64
			var pids string
			var ps []int64
			if err := rows.Scan(&id, &pids); err != nil {
				return nil, fmt.Errorf("cases: %w", err)
			}
			if err := json.Unmarshal([]byte(pids), &ps); err != nil {
				return nil, fmt.Errorf("case %d: party ids: %w", id, err)
			}
			for _, p := range ps {
				m[p] = append(m[p], id)
			}
		}
		if err := rows.Err(); err != nil {
			return nil, fmt.Errorf("cases: %w", err)
		}
		return m, nil
	})
	if err != nil {
		return nil, err
	}
	return v.(map[int64][]int64), nil
}

// WebTriageStatuses are the triage states.
var WebTriageStatuses = []string{"new", "confirmed", "dismissed"}

// WebAddTriage appends a triage decision. The target must name an existing finding or case.
func (d *DB) WebAddTriage(ctx context.Context, t WebTriage) error {
	defer d.forget(memoTriage)
	if !contains(WebTriageStatuses, t.Status) {
		return fmt.Errorf("triage %s: status %q is not one of new, confirmed, dismissed", t.Target, t.Status)
	}
	kind, key, ok := strings.Cut(t.Target, ":")
	var n int
	var err error
	switch {
	case ok && kind == "finding":
		err = d.db.QueryRowContext(ctx, `SELECT count(*) FROM findings WHERE key = ?`, key).Scan(&n)
	case ok && kind == "case":
		err = d.db.QueryRowContext(ctx, `SELECT count(*) FROM cases WHERE key = ?`, key).Scan(&n)
	default:
		return fmt.Errorf("triage %q: the target must be finding:KEY or case:KEY", t.Target)
	}
	if err != nil {
		return fmt.Errorf("triage %s: %w", t.Target, err)
	}
	if n == 0 {
		return fmt.Errorf("triage %s: %w", t.Target, trade.ErrNotFound)
	}
	if _, err := d.db.ExecContext(ctx, `INSERT INTO triage (target, status, note, who, decided) VALUES (?, ?, ?, ?, ?)`,
		t.Target, t.Status, t.Note, t.Who, time.Now().UTC()); err != nil {
		return fmt.Errorf("triage %s: %w", t.Target, err)
	}
	return nil
}

// WebTriageHistory lists a target's decisions, newest first.
func (d *DB) WebTriageHistory(ctx context.Context, target string) ([]WebTriage, error) {
	rows, err := d.db.QueryContext(ctx, `SELECT target, status, note, who, strftime(decided, '%Y-%m-%d %H:%M:%S') FROM triage WHERE target = ? ORDER BY decided DESC`, target)
	if err != nil {
		return nil, fmt.Errorf("triage %s: %w", target, err)
	}
	defer rows.Close()
	out := []WebTriage{}
	for rows.Next() {
		var t WebTriage
		if err := rows.Scan(&t.Target, &t.Status, &t.Note, &t.Who, &t.Decided); err != nil {
			return nil, fmt.Errorf("triage %s: %w", target, err)
		}
		out = append(out, t)
	}
	return out, rows.Err()
}
