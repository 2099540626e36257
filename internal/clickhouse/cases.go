package clickhouse

import (
	"context"
	"encoding/json"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/ClickHouse/clickhouse-go/v2/lib/driver"

	"tradetrace/internal/cases"
	"tradetrace/internal/country"
	"tradetrace/internal/detect"
	"tradetrace/internal/duckdb"
	"tradetrace/internal/trade"
)

// CaseFilter selects cases; it is the DuckDB store's, so both stores answer the same calls.
type CaseFilter = duckdb.CaseFilter

const caseColumns = `generation, id, key, kind, title, score, reasons, findings, party_ids, value_usd, first_date, last_date, created`

// caseLookupChunk is how many finding keys one query of a case's findings names: the keys travel in the query
// text, which the server caps (max_query_size, 256 KiB by default).
const caseLookupChunk = 1000

// ReplaceCases stores the cases in place of the previous ones. They are written as a new generation, which
// becomes current by a single insert into case_sets: readers see the old cases or the new, never a mix. Triage
// decisions are kept apart and are not touched.
func (d *DB) ReplaceCases(ctx context.Context, cs []cases.Case) error {
	prev, _, err := d.caseGeneration(ctx)
	if err != nil {
		return fmt.Errorf("save cases: %w", err)
	}
	gen := d.nextVersion()
	if len(cs) > 0 {
		b, err := d.conn.PrepareBatch(ctx, `INSERT INTO cases (`+caseColumns+`)`)
		if err != nil {
			return fmt.Errorf("save cases: %w", err)
		}
		now := time.Now()
		for i := range cs {
			c := &cs[i]
			reasons, _ := json.Marshal(nonEmpty(c.Reasons))
			findings, _ := json.Marshal(nonEmpty(c.Findings))
			parties, _ := json.Marshal(nonEmpty(c.PartyIDs))
			created := c.Created
			if created.IsZero() {
				created = now
			}
			if err := b.Append(gen, c.ID, text(c.Key), text(string(c.Kind)), text(c.Title), c.Score, string(reasons), string(findings),
				string(parties), c.ValueUSD, caseDate(c.FirstDate), caseDate(c.LastDate), created.UnixMicro()); err != nil {
				b.Abort()
				return fmt.Errorf("save cases: %w", err)
			}
		}
		if err := b.Send(); err != nil {
			return fmt.Errorf("save cases: %w", err)
		}
	}
	if err := insertRow(ctx, d.conn, `INSERT INTO case_sets (generation, cases, created)`, gen, int64(len(cs)), time.Now().UTC()); err != nil {
		return fmt.Errorf("save cases: %w", err)
	}
	// Generations before the previous one are invisible and nobody reads them any more; deleting them is
	// housekeeping, retried by the next replace.
	if prev > 0 {
		_ = d.onShards(context.WithoutCancel(ctx), func(ctx context.Context, c driver.Conn) error {
			var n uint64
			if err := c.QueryRow(ctx, `SELECT count() FROM cases_local WHERE generation < ?`, prev).Scan(&n); err != nil || n == 0 {
				return err
			}
			return c.Exec(ctx, `ALTER TABLE cases_local DELETE WHERE generation < ?`, prev)
		})
	}
	return nil
}

// caseGeneration returns the current generation of cases; ok is false when no cases were ever stored.
func (d *DB) caseGeneration(ctx context.Context) (gen uint64, ok bool, err error) {
	var n uint64
	if err := d.conn.QueryRow(ctx, `SELECT max(generation), count() FROM case_sets`).Scan(&gen, &n); err != nil {
		return 0, false, err
	}
	return gen, n > 0, nil
}

// caseDate is a case's date as the Date column takes it: the calendar day the time names, nil for none.
func caseDate(t time.Time) *time.Time {
	if t.IsZero() {
		return nil
	}
	day := time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, time.UTC)
	return &day
}

func nonEmpty[T any](s []T) []T {
	if s == nil {
		return []T{}
	}
	return s
}

// caseSelect reads the cases of one generation with their triage state, "new" when nobody has triaged them.
// The join runs on the server that received the query: the cases of a generation and the latest decision on
// each case are small next to the shipments.
const caseSelect = `SELECT id, key, kind, title, score, reasons, findings, party_ids, value_usd, first_date, last_date, created,
if(status = '', 'new', status) AS state
FROM (SELECT id, key, kind, title, score, reasons, findings, party_ids, value_usd, first_date, last_date, created,
             concat('case:', key) AS target
      FROM cases WHERE generation = ?%s)
ANY LEFT JOIN (SELECT target, argMax(status, (decided, version)) AS status FROM triage WHERE target LIKE 'case:%%' GROUP BY target)
USING (target)`

func scanCase(sc interface{ Scan(...any) error }) (cases.Case, error) {
	var c cases.Case
	var kind, reasons, findings, parties, status string
	var first, last *time.Time
	var created int64
	if err := sc.Scan(&c.ID, &c.Key, &kind, &c.Title, &c.Score, &reasons, &findings, &parties, &c.ValueUSD,
		&first, &last, &created, &status); err != nil {
		return c, err
	}
	c.Kind, c.Status = cases.Kind(kind), cases.Status(status)
	if first != nil {
		c.FirstDate = first.UTC()
	}
	if last != nil {
		c.LastDate = last.UTC()
	}
	c.Created = time.UnixMicro(created).UTC()
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
	gen, ok, err := d.caseGeneration(ctx)
	if err != nil {
		return nil, fmt.Errorf("list cases: %w", err)
	}
	if !ok {
		return nil, nil
	}
	inner := ` AND score >= ?`
	args := []any{gen, f.MinScore}
	if f.Kind != "" {
		inner += ` AND kind = ?`
		args = append(args, string(f.Kind))
	}
	q := fmt.Sprintf(caseSelect, inner)
	if f.Status != "" {
		q += ` WHERE state = ?`
		args = append(args, string(f.Status))
	}
	q += ` ORDER BY score DESC, key`
	switch {
	case f.Limit > 0:
		q += ` LIMIT ? OFFSET ?`
		args = append(args, f.Limit, max(f.Offset, 0))
	case f.Offset > 0:
		// No limit, an offset: ClickHouse takes an offset only with a limit, and overflows on the largest.
		q += ` LIMIT 1099511627776 OFFSET ?`
		args = append(args, f.Offset)
	}
	rows, err := d.conn.Query(ctx, q, args...)
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

// Case returns one case, by its id (digits) or its key, with its findings best first. It returns
// duckdb.ErrNotFound when there is no such case, as the DuckDB store does.
func (d *DB) Case(ctx context.Context, idOrKey string) (*cases.Case, []trade.Finding, error) {
	gen, ok, err := d.caseGeneration(ctx)
	if err != nil {
		return nil, nil, fmt.Errorf("case %s: %w", idOrKey, err)
	}
	if !ok {
		return nil, nil, fmt.Errorf("case %s: %w", idOrKey, duckdb.ErrNotFound)
	}
	q := fmt.Sprintf(caseSelect, ` AND key = ?`)
	args := []any{gen, idOrKey}
	if id, err := strconv.ParseInt(idOrKey, 10, 64); err == nil {
		q = fmt.Sprintf(caseSelect, ` AND id = ?`)
		args = []any{gen, id}
	}
	rows, err := d.conn.Query(ctx, q+` LIMIT 1`, args...)
	if err != nil {
		return nil, nil, fmt.Errorf("case %s: %w", idOrKey, err)
	}
	defer rows.Close()
	if !rows.Next() {
		if err := rows.Err(); err != nil {
			return nil, nil, fmt.Errorf("case %s: %w", idOrKey, err)
		}
		return nil, nil, fmt.Errorf("case %s: %w", idOrKey, duckdb.ErrNotFound)
	}
	c, err := scanCase(rows)
	if err != nil {
		return nil, nil, fmt.Errorf("case %s: %w", idOrKey, err)
	}
	rows.Close()
	fs, err := d.findingsByKey(ctx, c.Findings)
	if err != nil {
		return nil, nil, fmt.Errorf("case %s: %w", idOrKey, err)
	}
	return &c, fs, nil
}

// findingsByKey reads the current findings with these keys, in the order of the keys; keys no longer in the
// store are left out.
func (d *DB) findingsByKey(ctx context.Context, keys []string) ([]trade.Finding, error) {
	if len(keys) == 0 {
		return nil, nil
	}
	gens, err := d.currentGenerations(ctx)
	if err != nil || len(gens) == 0 {
		return nil, err
	}
	found := make(map[string]trade.Finding, len(keys))
	for lo := 0; lo < len(keys); lo += caseLookupChunk {
		chunk := keys[lo:min(lo+caseLookupChunk, len(keys))]
		args := append(append([]any(nil), gens...), stringArgs(chunk)...)
		rows, err := d.conn.Query(ctx, `SELECT id, detector, detector_version, key, score, severity, title, explanation, parties, shipments, shipment_ids, evidence, value_usd, weight_kg
FROM findings WHERE generation IN (`+placeholders(len(gens))+`) AND key IN (`+placeholders(len(chunk))+`)`, args...)
		if err != nil {
			return nil, fmt.Errorf("read findings: %w", err)
		}
		err = scanFindingRows(rows, func(fd trade.Finding) { found[fd.Key] = fd })
		rows.Close()
		if err != nil {
			return nil, fmt.Errorf("read findings: %w", err)
		}
	}
	out := make([]trade.Finding, 0, len(found))
	for _, k := range keys {
		if fd, ok := found[k]; ok {
			out = append(out, fd)
			delete(found, k) // a key named twice is given once
		}
	}
	return out, nil
}

// scanFindingRows reads findings in the column order of Findings and calls fn with each.
func scanFindingRows(rows driver.Rows, fn func(trade.Finding)) error {
	for rows.Next() {
		var fd trade.Finding
		var sev, parties, ships, ids, ev string
		if err := rows.Scan(&fd.ID, &fd.Detector, &fd.DetectorVersion, &fd.Key, &fd.Score, &sev, &fd.Title, &fd.Explanation,
			&parties, &ships, &ids, &ev, &fd.ValueUSD, &fd.WeightKg); err != nil {
			return err
		}
		fd.Severity, _ = trade.ParseSeverity(sev)
		if err := fd.DecodeLists(parties, ships, ids, ev); err != nil {
			return err
		}
		fn(fd)
	}
	return rows.Err()
}

func stringArgs(ss []string) []any {
	out := make([]any, len(ss))
	for i, s := range ss {
		out[i] = s
	}
	return out
}

// SetTriage records a decision. Decisions are never changed or removed: the latest for a target is its state.
// A decision is stamped after every earlier one on its target, so that the order of decisions is the order
// they were made in even within one clock tick; two processes deciding on one target at the same microsecond
// are ordered by their write versions.
func (d *DB) SetTriage(ctx context.Context, dec cases.Decision) (cases.Decision, error) {
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
	var last int64
	var n uint64
	if err := d.conn.QueryRow(ctx, `SELECT max(decided), count() FROM triage WHERE target = ?`, string(dec.Target)).Scan(&last, &n); err != nil {
		return dec, fmt.Errorf("triage %s: %w", dec.Target, err)
	}
	if n > 0 && dec.Decided.UnixMicro() <= last {
		dec.Decided = time.UnixMicro(last + 1).UTC()
	}
	if err := insertRow(ctx, d.conn, `INSERT INTO triage (target, status, note, who, decided, version)`,
		string(dec.Target), string(dec.Status), dec.Note, dec.Who, dec.Decided.UnixMicro(), d.nextVersion()); err != nil {
		return dec, fmt.Errorf("triage %s: %w", dec.Target, err)
	}
	return dec, nil
}

// TriageHistory returns every decision on a target, oldest first.
func (d *DB) TriageHistory(ctx context.Context, target cases.Target) ([]cases.Decision, error) {
	rows, err := d.conn.Query(ctx, `SELECT target, status, note, who, decided FROM triage WHERE target = ? ORDER BY decided, version`, string(target))
	if err != nil {
		return nil, fmt.Errorf("triage history %s: %w", target, err)
	}
	defer rows.Close()
	var out []cases.Decision
	for rows.Next() {
		var dec cases.Decision
		var t, s string
		var decided int64
		if err := rows.Scan(&t, &s, &dec.Note, &dec.Who, &decided); err != nil {
			return nil, fmt.Errorf("triage history %s: %w", target, err)
		}
		dec.Target, dec.Status, dec.Decided = cases.Target(t), cases.Status(s), time.UnixMicro(decided).UTC()
		out = append(out, dec)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("triage history %s: %w", target, err)
	}
	return out, nil
}

// latestTriage returns the latest status of every target with the prefix ("case:" or "finding:").
func (d *DB) latestTriage(ctx context.Context, prefix string) (map[string]cases.Status, error) {
	rows, err := d.conn.Query(ctx, `SELECT target, argMax(status, (decided, version)) FROM triage WHERE substring(target, 1, ?) = ? GROUP BY target`,
		len(prefix), prefix)
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

// FindingExists reports whether a current finding has this key.
func (d *DB) FindingExists(ctx context.Context, key string) (bool, error) {
	gens, err := d.currentGenerations(ctx)
	if err != nil {
		return false, fmt.Errorf("finding %s: %w", key, err)
	}
	if len(gens) == 0 {
		return false, nil
	}
	var n uint64
	if err := d.conn.QueryRow(ctx, `SELECT count() FROM findings WHERE generation IN (`+placeholders(len(gens))+`) AND key = ?`,
		append(gens, key)...).Scan(&n); err != nil {
		return false, fmt.Errorf("finding %s: %w", key, err)
	}
	return n > 0, nil
}

// FindingKeyByID returns the key of the current finding with this id (ids change when a detector runs again;
// keys do not), and whether there is one.
func (d *DB) FindingKeyByID(ctx context.Context, id int64) (string, bool, error) {
	gens, err := d.currentGenerations(ctx)
	if err != nil {
		return "", false, fmt.Errorf("finding %d: %w", id, err)
	}
	if len(gens) == 0 {
		return "", false, nil
	}
	rows, err := d.conn.Query(ctx, `SELECT key FROM findings WHERE generation IN (`+placeholders(len(gens))+`) AND id = ? LIMIT 1`,
		append(gens, id)...)
	if err != nil {
		return "", false, fmt.Errorf("finding %d: %w", id, err)
	}
	defer rows.Close()
	if !rows.Next() {
		if err := rows.Err(); err != nil {
			return "", false, fmt.Errorf("finding %d: %w", id, err)
		}
		return "", false, nil
	}
	var key string
	if err := rows.Scan(&key); err != nil {
		return "", false, fmt.Errorf("finding %d: %w", id, err)
	}
	return key, true, nil
}

// CurrentInput returns the complete runs the store holds: what detectors read. It implements detect.State.
func (d *DB) CurrentInput(ctx context.Context) (detect.Input, error) {
	runs, err := d.completeRuns(ctx)
	if err != nil {
		return detect.Input{}, fmt.Errorf("current input: %w", err)
	}
	var in detect.Input
	for _, r := range runs {
		in.MaxRun = max(in.MaxRun, r)
	}
	in.Runs = int64(len(runs))
	return in, nil
}

// DetectorInput returns what a detector's stored findings were computed on: its latest state. It implements
// detect.State.
func (d *DB) DetectorInput(ctx context.Context, detector string) (string, detect.Input, int, bool, error) {
	rows, err := d.conn.Query(ctx, `SELECT argMax(detector_version, version), argMax(max_run, version), argMax(runs, version),
argMax(extra, version), argMax(findings, version) FROM detector_state WHERE detector = ? GROUP BY detector`, detector)
	if err != nil {
		return "", detect.Input{}, 0, false, fmt.Errorf("detector state %s: %w", detector, err)
	}
	defer rows.Close()
	if !rows.Next() {
		if err := rows.Err(); err != nil {
			return "", detect.Input{}, 0, false, fmt.Errorf("detector state %s: %w", detector, err)
		}
		return "", detect.Input{}, 0, false, nil
	}
	var v string
	var in detect.Input
	var n int64
	if err := rows.Scan(&v, &in.MaxRun, &in.Runs, &in.Extra, &n); err != nil {
		return "", detect.Input{}, 0, false, fmt.Errorf("detector state %s: %w", detector, err)
	}
	return v, in, int(n), true, nil
}

// SetDetectorInput records what a detector's findings were just computed on, as a new version of its state.
// It implements detect.State.
func (d *DB) SetDetectorInput(ctx context.Context, detector, version string, in detect.Input, findings int) error {
	if err := insertRow(ctx, d.conn, `INSERT INTO detector_state (detector, detector_version, max_run, runs, extra, findings, ran, version)`,
		detector, version, in.MaxRun, in.Runs, in.Extra, int64(findings), time.Now().UTC(), d.nextVersion()); err != nil {
		return fmt.Errorf("detector state %s: %w", detector, err)
	}
	return nil
}

// The detectors' incremental runs (detect.RunWith with Options.State) take this store as their state.
var _ detect.State = (*DB)(nil)

// findingLinks is one row per (finding key, shipment id) of the current findings: shipment_ids, a JSON array
// of integers, is taken apart with string functions (ClickHouse 18.16 has no JSON arrays).
const findingLinks = `SELECT key, toInt64(arrayJoin(arrayFilter(x -> x != '', splitByChar(',',
	replaceAll(replaceAll(replaceAll(shipment_ids, '[', ''), ']', ''), ' ', ''))))) AS sid
FROM findings WHERE generation IN (%s)`

// CaseInputs reads every finding with the facts of its shipments that grouping into cases needs: dates,
// declarants, routes, resolved parties (when party resolution has run) and the latest triage decision on the
// finding. The links of the findings are computed once and sent to every shard (GLOBAL JOIN), where each joins
// them with its own shipments and shipment_parties and sums its share. Reporters and routes come sorted (the DuckDB store gives them in no order).
func (d *DB) CaseInputs(ctx context.Context) ([]cases.Input, error) {
	fs, err := d.Findings(ctx, FindingFilter{NoRecords: true})
	if err != nil {
		return nil, fmt.Errorf("case inputs: %w", err)
	}
	if len(fs) == 0 {
		return nil, nil
	}
	out, byKey := duckdb.NewCaseInputs(fs)
	gens, err := d.currentGenerations(ctx)
	if err != nil {
		return nil, fmt.Errorf("case inputs: %w", err)
	}
	links := fmt.Sprintf(findingLinks, placeholders(len(gens)))
	rd, err := d.reader(ctx)
	if err != nil {
		return nil, fmt.Errorf("case inputs: %w", err)
	}
	rows, err := d.conn.Query(ctx, `SELECT key, min(date), max(date), groupUniqArray(concat(reporter, ' ', direction)),
		groupUniqArray(concat(origin_country, '-', dispatch_country, '-', destination_country))
		FROM shipments GLOBAL ALL INNER JOIN (SELECT key, sid AS id FROM (`+links+`)) USING id
		WHERE `+rd.cond+` GROUP BY key`, append(append([]any(nil), gens...), rd.args...)...)
	if err != nil {
		return nil, fmt.Errorf("case inputs: shipments: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var key string
		var first, last time.Time
		var reps, routes []string
		if err := rows.Scan(&key, &first, &last, &reps, &routes); err != nil {
			return nil, fmt.Errorf("case inputs: shipments: %w", err)
		}
		in := byKey[key]
		if in == nil {
			continue
		}
		in.First, in.Last = first.UTC(), last.UTC()
		slices.Sort(reps)
		for _, s := range reps {
			if strings.TrimSpace(s) != "" {
				in.Reporters = append(in.Reporters, s)
			}
		}
		slices.Sort(routes)
		for _, s := range routes {
			if p := strings.Split(s, "-"); len(p) == 3 {
				in.Routes = append(in.Routes, cases.Route{Origin: country.Code(p[0]), Dispatch: country.Code(p[1]), Destination: country.Code(p[2])})
			}
		}
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("case inputs: shipments: %w", err)
	}
	rows.Close()

	if gen, err := d.partyGen(ctx); err != nil {
		return nil, fmt.Errorf("case inputs: %w", err)
	} else if gen != 0 {
		prow, err := d.conn.Query(ctx, `SELECT DISTINCT key, role, party_id
			FROM shipment_parties GLOBAL ALL INNER JOIN (SELECT key, sid AS shipment_id FROM (`+links+`)) USING shipment_id
			WHERE generation = ? ORDER BY key, role, party_id`, append(append([]any(nil), gens...), gen)...)
		if err != nil {
			return nil, fmt.Errorf("case inputs: parties: %w", err)
		}
		defer prow.Close()
		if err := duckdb.AddPartyLinks(prow, byKey); err != nil {
			return nil, err
		}
	}

	states, err := d.FindingStatuses(ctx)
	if err != nil {
		return nil, fmt.Errorf("case inputs: %w", err)
	}
	for i := range out {
		out[i].Status = states[out[i].Finding.Key]
	}
	return out, nil
}
