package duckdb

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"

	"tradetrace/internal/cases"
	"tradetrace/internal/country"
	"tradetrace/internal/detect"
	"tradetrace/internal/trade"
)

// ErrNotFound is returned when a case, or another single row asked for by key, is not in the store.
var ErrNotFound = errors.New("not found")

const caseColumns = `'id': 'BIGINT', 'key': 'VARCHAR', 'kind': 'VARCHAR', 'title': 'VARCHAR', 'score': 'DOUBLE',
'reasons': 'VARCHAR', 'findings': 'VARCHAR', 'party_ids': 'VARCHAR', 'value_usd': 'DOUBLE', 'first_date': 'DATE',
'last_date': 'DATE', 'created': 'TIMESTAMP'`

const tsFormat = "2006-01-02 15:04:05.000000"

// NewCaseInputs makes one case input of each finding, and indexes them by finding key for the reads that fill
// them in. Both stores' CaseInputs start with it.
func NewCaseInputs(fs []trade.Finding) ([]cases.Input, map[string]*cases.Input) {
	byKey := make(map[string]*cases.Input, len(fs))
	out := make([]cases.Input, len(fs))
	for i := range fs {
		cases.Trim(&fs[i])
		out[i].Finding = fs[i]
		byKey[fs[i].Key] = &out[i]
	}
	return out, byKey
}

// Rows is what both stores' drivers give for a query's rows.
type Rows interface {
	Next() bool
	Scan(dest ...any) error
	Err() error
}

// AddPartyLinks reads rows of (finding key, role, party id) into the inputs of those findings: the resolved
// parties of each finding's lines. Both stores read them with it.
func AddPartyLinks(rows Rows, byKey map[string]*cases.Input) error {
	for rows.Next() {
		var key, role string
		var id int64
		if err := rows.Scan(&key, &role, &id); err != nil {
			return fmt.Errorf("case inputs: parties: %w", err)
		}
		if in := byKey[key]; in != nil {
			in.Parties = append(in.Parties, cases.PartyLink{Role: role, ID: id})
		}
	}
	if err := rows.Err(); err != nil {
		return fmt.Errorf("case inputs: parties: %w", err)
	}
	return nil
}

// CaseInputs reads every finding (without its cited records, see FindingFilter.NoRecords) with the facts of its
// shipments that grouping into cases needs: dates, declarants, routes, resolved parties (when party resolution
// has filled shipment_parties) and the latest triage decision on the finding.
func (d *DB) CaseInputs(ctx context.Context) ([]cases.Input, error) {
	fs, err := d.Findings(ctx, FindingFilter{NoRecords: true})
	if err != nil {
		return nil, fmt.Errorf("case inputs: %w", err)
	}
	out, byKey := NewCaseInputs(fs)
	const links = `WITH fs AS (SELECT key, unnest(CAST(json_extract(shipment_ids, '$[*]') AS BIGINT[])) AS sid FROM findings)`
	rows, err := d.db.QueryContext(ctx, links+`
SELECT fs.key, min(s.date), max(s.date),
       list(DISTINCT s.reporter || ' ' || s.direction),
       list(DISTINCT s.origin_country || '-' || s.dispatch_country || '-' || s.destination_country)
FROM fs JOIN shipments s ON s.id = fs.sid GROUP BY fs.key`)
	if err != nil {
		return nil, fmt.Errorf("case inputs: shipments: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var key string
		var first, last sql.NullTime
		var reps, routes []any
		if err := rows.Scan(&key, &first, &last, &reps, &routes); err != nil {
			return nil, fmt.Errorf("case inputs: shipments: %w", err)
		}
		in := byKey[key]
		if in == nil {
			continue
		}
		in.First, in.Last = first.Time, last.Time
		for _, r := range reps {
			if s, ok := r.(string); ok && strings.TrimSpace(s) != "" {
				in.Reporters = append(in.Reporters, s)
			}
		}
		for _, r := range routes {
			s, _ := r.(string)
			p := strings.Split(s, "-")
			if len(p) == 3 {
				in.Routes = append(in.Routes, cases.Route{Origin: country.Code(p[0]), Dispatch: country.Code(p[1]), Destination: country.Code(p[2])})
			}
		}
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("case inputs: shipments: %w", err)
	}
	rows.Close()

	prow, err := d.db.QueryContext(ctx, links+`
SELECT DISTINCT fs.key, sp.role, sp.party_id FROM fs JOIN shipment_parties sp ON sp.shipment_id = fs.sid ORDER BY 1, 2, 3`)
	if err != nil {
		return nil, fmt.Errorf("case inputs: parties: %w", err)
	}
	defer prow.Close()
	if err := AddPartyLinks(prow, byKey); err != nil {
		return nil, err
	}
	prow.Close()

	states, err := d.latestTriage(ctx, "finding:")
	if err != nil {
		return nil, fmt.Errorf("case inputs: %w", err)
	}
	for i := range out {
		out[i].Status = states[string(cases.FindingTarget(out[i].Finding.Key))]
	}
	return out, nil
}

// latestTriage returns the latest status of every target with the prefix.
func (d *DB) latestTriage(ctx context.Context, prefix string) (map[string]cases.Status, error) {
	rows, err := d.db.QueryContext(ctx, `SELECT target, arg_max(status, decided) FROM triage WHERE starts_with(target, ?) GROUP BY target`, prefix)
	if err != nil {
		return nil, fmt.Errorf("triage states: %w", err)
	}
	defer rows.Close()
	out := map[string]cases.Status{}
	for rows.Next() {
		var t, s string
		if err := rows.Scan(&t, &s); err != nil {
			return nil, fmt.Errorf("triage states: %w", err)
		}
		out[t] = cases.Status(s)
	}
	return out, rows.Err()
}

// ReplaceCases stores the cases in place of the previous ones, in one transaction: readers see the old cases
// or the new ones, never a mix. Triage decisions are kept apart and are not touched.
func (d *DB) ReplaceCases(ctx context.Context, cs []cases.Case) error {
	defer d.forget(memoCaseParties)
	tf, err := d.tempTSV("cases-*.tsv")
	if err != nil {
		return fmt.Errorf("save cases: %w", err)
	}
	defer tf.remove()
	w := tf.w
	var e rowEncoder
	date := func(t time.Time) {
		if t.IsZero() {
			e.raw(`\N`)
			return
		}
		e.raw(t.Format("2006-01-02"))
	}
	for i := range cs {
		c := &cs[i]
		reasons, _ := json.Marshal(nonNil(c.Reasons))
		findings, _ := json.Marshal(nonNil(c.Findings))
		parties, _ := json.Marshal(nonNil(c.PartyIDs))
		created := c.Created
		if created.IsZero() {
			created = time.Now()
		}
		e = rowEncoder{b: e.b[:0]}
		e.int(c.ID)
		e.str(c.Key)
		e.str(string(c.Kind))
		e.str(c.Title)
		e.num(trade.N(c.Score))
		e.str(string(reasons))
		e.str(string(findings))
		e.str(string(parties))
		e.num(trade.N(c.ValueUSD))
		date(c.FirstDate)
		date(c.LastDate)
		e.raw(created.UTC().Format(tsFormat))
		if _, err := w.Write(append(e.b, '\n')); err != nil {
			return fmt.Errorf("save cases: %w", err)
		}
	}
	if err := tf.flush(); err != nil {
		return fmt.Errorf("save cases: %w", err)
	}
	tx, err := d.db.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("save cases: %w", err)
	}
	defer tx.Rollback()
	if _, err := tx.ExecContext(ctx, `DELETE FROM cases`); err != nil {
		return fmt.Errorf("save cases: %w", err)
	}
	if len(cs) > 0 {
		src := tf.source(caseColumns)
		if _, err := tx.ExecContext(ctx, `INSERT INTO cases SELECT * FROM `+src); err != nil {
			return fmt.Errorf("save cases: %w", err)
		}
	}
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("save cases: %w", err)
	}
	return nil
}

// CaseFilter selects cases.
type CaseFilter struct {
	Status   cases.Status // "" for any; new includes cases nobody has triaged
	Kind     cases.Kind   // "" for any
	MinScore float64
	Limit    int // 0: all
	Offset   int
}

const caseSelect = `SELECT c.id, c.key, c.kind, c.title, c.score, c.reasons, c.findings, c.party_ids, c.value_usd,
c.first_date, c.last_date, c.created, coalesce(t.status, 'new')
FROM cases c LEFT JOIN (SELECT target, arg_max(status, decided) AS status FROM triage GROUP BY target) t
ON t.target = 'case:' || c.key`

func scanCase(sc interface{ Scan(...any) error }) (cases.Case, error) {
	var c cases.Case
	var kind, reasons, findings, parties, status string
	var first, last sql.NullTime
	if err := sc.Scan(&c.ID, &c.Key, &kind, &c.Title, &c.Score, &reasons, &findings, &parties, &c.ValueUSD,
		&first, &last, &c.Created, &status); err != nil {
		return c, err
	}
	c.Kind, c.Status, c.FirstDate, c.LastDate = cases.Kind(kind), cases.Status(status), first.Time, last.Time
	for _, p := range []struct {
		s string
		v any
	}{{reasons, &c.Reasons}, {findings, &c.Findings}, {parties, &c.PartyIDs}} {
		if err := json.Unmarshal([]byte(p.s), p.v); err != nil {
			return c, fmt.Errorf("case %s: %w", c.Key, err)
		}
	}
	return c, nil
}

// Cases lists cases by descending score, then key, with their triage state.
func (d *DB) Cases(ctx context.Context, f CaseFilter) ([]cases.Case, error) {
	q := caseSelect + ` WHERE c.score >= ?`
	args := []any{f.MinScore}
	if f.Status != "" {
		q += ` AND coalesce(t.status, 'new') = ?`
		args = append(args, string(f.Status))
	}
	if f.Kind != "" {
		q += ` AND c.kind = ?`
		args = append(args, string(f.Kind))
	}
	q += ` ORDER BY c.score DESC, c.key`
	if f.Limit > 0 {
		q += ` LIMIT ?`
		args = append(args, f.Limit)
	}
	if f.Offset > 0 {
		q += ` OFFSET ?`
		args = append(args, f.Offset)
	}
	rows, err := d.db.QueryContext(ctx, q, args...)
	if err != nil {
		return nil, fmt.Errorf("list cases: %w", err)
	}
	defer rows.Close()
	var out []cases.Case
	for rows.Next() {
		c, err := scanCase(rows)
		if err != nil {
			return nil, fmt.Errorf("list cases: %w", err)
		}
		out = append(out, c)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("list cases: %w", err)
	}
	return out, nil
}

// Case returns one case, by its id (digits) or its key, with its findings best first. It returns ErrNotFound
// when there is no such case.
func (d *DB) Case(ctx context.Context, idOrKey string) (*cases.Case, []trade.Finding, error) {
	q := caseSelect + ` WHERE c.key = ?`
	args := []any{idOrKey}
	if id, err := strconv.ParseInt(idOrKey, 10, 64); err == nil {
		q = caseSelect + ` WHERE c.id = ?`
		args = []any{id}
	}
	c, err := scanCase(d.db.QueryRowContext(ctx, q, args...))
	if errors.Is(err, sql.ErrNoRows) {
		return nil, nil, fmt.Errorf("case %s: %w", idOrKey, ErrNotFound)
	}
	if err != nil {
		return nil, nil, fmt.Errorf("case %s: %w", idOrKey, err)
	}
	fs, err := d.findingsByKey(ctx, c.Findings)
	if err != nil {
		return nil, nil, fmt.Errorf("case %s: %w", idOrKey, err)
	}
	return &c, fs, nil
}

// findingsByKey reads the findings with these keys, in the order of the keys; keys no longer in the store are
// left out.
func (d *DB) findingsByKey(ctx context.Context, keys []string) ([]trade.Finding, error) {
	if len(keys) == 0 {
		return nil, nil
	}
	all, err := d.findingsIn(ctx, keys)
	if err != nil {
		return nil, err
	}
	pos := make(map[string]int, len(keys))
	for i, k := range keys {
		pos[k] = i
	}
	out := make([]trade.Finding, 0, len(all))
	placed := make([]*trade.Finding, len(keys))
	for i := range all {
		if p, ok := pos[all[i].Key]; ok {
			placed[p] = &all[i]
		}
	}
	for _, f := range placed {
		if f != nil {
			out = append(out, *f)
		}
	}
	return out, nil
}

// SetTriage records a decision. Decisions are never changed or removed: the latest for a target is its state.
// A decision is stamped after every earlier one on its target, so that the order of decisions is the order
// they were made in even within one clock tick.
func (d *DB) SetTriage(ctx context.Context, dec cases.Decision) (cases.Decision, error) {
	defer d.forget(memoTriage)
	st, err := cases.ParseStatus(string(dec.Status))
	if err != nil {
		return dec, fmt.Errorf("triage %s: %w", dec.Target, err)
	}
	dec.Status = st
	if !strings.HasPrefix(string(dec.Target), "case:") && !strings.HasPrefix(string(dec.Target), "finding:") {
		return dec, fmt.Errorf("triage %s: the target must start with \"case:\" or \"finding:\" and a key", dec.Target)
	}
	if dec.Decided.IsZero() {
		dec.Decided = time.Now()
	}
	dec.Decided = dec.Decided.UTC().Truncate(time.Microsecond)
	tx, err := d.db.BeginTx(ctx, nil)
	if err != nil {
		return dec, fmt.Errorf("triage %s: %w", dec.Target, err)
	}
	defer tx.Rollback()
	var last sql.NullTime
	if err := tx.QueryRowContext(ctx, `SELECT max(decided) FROM triage WHERE target = ?`, string(dec.Target)).Scan(&last); err != nil {
		return dec, fmt.Errorf("triage %s: %w", dec.Target, err)
	}
	if last.Valid && !dec.Decided.After(last.Time) {
		dec.Decided = last.Time.Add(time.Microsecond)
	}
	if _, err := tx.ExecContext(ctx, `INSERT INTO triage (target, status, note, who, decided) VALUES (?, ?, ?, ?, ?)`,
		string(dec.Target), string(dec.Status), dec.Note, dec.Who, dec.Decided); err != nil {
		return dec, fmt.Errorf("triage %s: %w", dec.Target, err)
	}
	if err := tx.Commit(); err != nil {
		return dec, fmt.Errorf("triage %s: %w", dec.Target, err)
	}
	return dec, nil
}

// TriageHistory returns every decision on a target, oldest first.
func (d *DB) TriageHistory(ctx context.Context, target cases.Target) ([]cases.Decision, error) {
	rows, err := d.db.QueryContext(ctx, `SELECT target, status, note, who, decided FROM triage WHERE target = ? ORDER BY decided`, string(target))
	if err != nil {
		return nil, fmt.Errorf("triage history %s: %w", target, err)
	}
	defer rows.Close()
	var out []cases.Decision
	for rows.Next() {
		var dec cases.Decision
		var t, s string
		if err := rows.Scan(&t, &s, &dec.Note, &dec.Who, &dec.Decided); err != nil {
			return nil, fmt.Errorf("triage history %s: %w", target, err)
		}
		dec.Target, dec.Status = cases.Target(t), cases.Status(s)
		out = append(out, dec)
	}
	return out, rows.Err()
}

// findingsIn reads the findings with these keys, in no particular order.
func (d *DB) findingsIn(ctx context.Context, keys []string) ([]trade.Finding, error) {
	return d.queryFindings(ctx, "read findings", `SELECT `+findingColumns+` FROM findings WHERE key IN (`+placeholders(len(keys))+`)`, anySlice(keys)...)
}

func anySlice(ss []string) []any {
	out := make([]any, len(ss))
	for i, s := range ss {
		out[i] = s
	}
	return out
}

// CurrentInput returns the complete runs the store holds: what detectors read. It implements detect.State.
func (d *DB) CurrentInput(ctx context.Context) (detect.Input, error) {
	var in detect.Input
	if err := d.db.QueryRowContext(ctx, `SELECT coalesce(max(id), 0), count(*) FROM runs WHERE status = 'complete'`).Scan(&in.MaxRun, &in.Runs); err != nil {
		return in, fmt.Errorf("current input: %w", err)
	}
	return in, nil
}

// DetectorInput returns what a detector's stored findings were computed on. It implements detect.State.
func (d *DB) DetectorInput(ctx context.Context, detector string) (string, detect.Input, int, bool, error) {
	var v string
	var in detect.Input
	var n int
	err := d.db.QueryRowContext(ctx, `SELECT version, max_run, runs, extra, findings FROM detector_state WHERE detector = ?`, detector).
		Scan(&v, &in.MaxRun, &in.Runs, &in.Extra, &n)
	if errors.Is(err, sql.ErrNoRows) {
		return "", in, 0, false, nil
	}
	if err != nil {
		return "", in, 0, false, fmt.Errorf("detector state %s: %w", detector, err)
	}
	return v, in, n, true, nil
}

// SetDetectorInput records what a detector's findings were just computed on. It implements detect.State.
func (d *DB) SetDetectorInput(ctx context.Context, detector, version string, in detect.Input, findings int) error {
	tx, err := d.db.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("detector state %s: %w", detector, err)
	}
	defer tx.Rollback()
	if _, err := tx.ExecContext(ctx, `DELETE FROM detector_state WHERE detector = ?`, detector); err != nil {
		return fmt.Errorf("detector state %s: %w", detector, err)
	}
	if _, err := tx.ExecContext(ctx, `INSERT INTO detector_state (detector, version, max_run, runs, extra, findings, ran) VALUES (?, ?, ?, ?, ?, ?, ?)`,
		detector, version, in.MaxRun, in.Runs, in.Extra, findings, time.Now().UTC()); err != nil {
		return fmt.Errorf("detector state %s: %w", detector, err)
	}
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("detector state %s: %w", detector, err)
	}
	return nil
}

// FindingExists reports whether a finding with this key is stored.
func (d *DB) FindingExists(ctx context.Context, key string) (bool, error) {
	var n int
	if err := d.db.QueryRowContext(ctx, `SELECT count(*) FROM findings WHERE key = ?`, key).Scan(&n); err != nil {
		return false, fmt.Errorf("finding %s: %w", key, err)
	}
	return n > 0, nil
}

// FindingKeyByID returns the key of the finding with this id (ids change when a detector runs again; keys do
// not), and whether there is one.
func (d *DB) FindingKeyByID(ctx context.Context, id int64) (string, bool, error) {
	var key string
	err := d.db.QueryRowContext(ctx, `SELECT key FROM findings WHERE id = ?`, id).Scan(&key)
	if errors.Is(err, sql.ErrNoRows) {
		return "", false, nil
	}
	if err != nil {
		return "", false, fmt.Errorf("finding %d: %w", id, err)
	}
	return key, true, nil
}

// FindingStatuses returns the latest triage state of every finding that has one, by finding key.
func (d *DB) FindingStatuses(ctx context.Context) (map[string]cases.Status, error) {
	m, err := d.latestTriage(ctx, "finding:")
	if err != nil {
		return nil, err
	}
	out := make(map[string]cases.Status, len(m))
	for t, s := range m {
		out[strings.TrimPrefix(t, "finding:")] = s
	}
	return out, nil
}

// ListsKey is the input key of detectors that read the sanctions and export-control lists: the ids of the
// current list versions. Loading a list changes it, so an incremental detect run runs those detectors again.
func (d *DB) ListsKey(ctx context.Context) (string, error) {
	var key string
	if err := d.db.QueryRowContext(ctx, `SELECT coalesce(string_agg(CAST(id AS VARCHAR), ',' ORDER BY id), '') FROM list_versions WHERE is_current`).Scan(&key); err != nil {
		return "", fmt.Errorf("lists key: %w", err)
	}
	return "lists:" + key, nil
}

// PartiesKey is the input key of readers of the resolved parties: their number and the highest id, which change
// when party resolution rebuilds them differently.
func (d *DB) PartiesKey(ctx context.Context) (string, error) {
	var n, maxID, links int64
	if err := d.db.QueryRowContext(ctx, `SELECT count(*), coalesce(max(id), 0), (SELECT count(*) FROM shipment_parties) FROM parties`).Scan(&n, &maxID, &links); err != nil {
		return "", fmt.Errorf("parties key: %w", err)
	}
	return fmt.Sprintf("parties:%d/%d/%d", n, maxID, links), nil
}
