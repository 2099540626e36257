package duckdb

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"reflect"
	"slices"
	"strings"
	"time"

	"tradetrace/internal/trade"
)

// ListLoad is one publication of a list to load: its entities and the bytes they were read from.
type ListLoad struct {
	List     string // e.g. ofac_sdn
	File     string // the file or files read, for the record
	SHA256   string // of the bytes read: the same bytes loaded again add no version
	Entities []trade.ListEntity
	Keys     []ListKey // blocking keys of the entities' names (screen.EntityKeys), for ListCandidates
}

// ListKey is a blocking key of a name of the entity with this source id.
type ListKey struct {
	SourceID string
	Key      string
}

// ListVersion is one load of a list.
type ListVersion struct {
	ID       int64     `json:"id"`
	List     string    `json:"list"`
	File     string    `json:"file"`
	SHA256   string    `json:"sha256"`
	Loaded   time.Time `json:"loaded"`
	Entities int64     `json:"entities"`
	Names    int64     `json:"names"`
	Current  bool      `json:"current"`
}

// ErrNoListVersion reports a list or version the store does not hold.
var ErrNoListVersion = errors.New("no such list version")

const listVersionColumns = `id, list, file, sha256, loaded, entities, names, is_current`

func scanListVersion(sc interface{ Scan(...any) error }) (ListVersion, error) {
	var v ListVersion
	err := sc.Scan(&v.ID, &v.List, &v.File, &v.SHA256, &v.Loaded, &v.Entities, &v.Names, &v.Current)
	return v, err
}

// listEntityColumns is the column order of the temporary entities file, as read back by read_csv.
const listEntityColumns = `'version_id': 'BIGINT', 'list': 'VARCHAR', 'source_id': 'VARCHAR', 'schema': 'VARCHAR',
'caption': 'VARCHAR', 'topics': 'VARCHAR', 'programs': 'VARCHAR', 'entity': 'VARCHAR'`

// LoadList stores a publication of a list as a new version and makes it the list's current version: the
// entities are written first, then the swap of is_current happens in the same transaction, so readers see the
// old version or the new one, never a mix. When a version of the list with the same SHA256 exists, nothing is
// added: that version is returned (made current again if it was not) with added false.
func (d *DB) LoadList(ctx context.Context, l ListLoad) (v ListVersion, added bool, err error) {
	if l.List == "" || l.SHA256 == "" {
		return v, false, fmt.Errorf("load list: a list name and a sha256 are required")
	}
	tx, err := d.db.BeginTx(ctx, nil)
	if err != nil {
		return v, false, fmt.Errorf("load list %s: %w", l.List, err)
	}
	defer tx.Rollback()
	row := tx.QueryRowContext(ctx, `SELECT `+listVersionColumns+` FROM list_versions WHERE list = ? AND sha256 = ? ORDER BY id DESC LIMIT 1`, l.List, l.SHA256)
	switch old, err := scanListVersion(row); {
	case err == nil:
		if !old.Current {
			if _, err := tx.ExecContext(ctx, `UPDATE list_versions SET is_current = (id = ?) WHERE list = ?`, old.ID, l.List); err != nil {
				return v, false, fmt.Errorf("load list %s: %w", l.List, err)
			}
			old.Current = true
		}
		if err := tx.Commit(); err != nil {
			return v, false, fmt.Errorf("load list %s: %w", l.List, err)
		}
		return old, false, nil
	case !errors.Is(err, sql.ErrNoRows):
		return v, false, fmt.Errorf("load list %s: %w", l.List, err)
	}
	if err := tx.QueryRowContext(ctx, `SELECT coalesce(max(id), 0) + 1 FROM list_versions`).Scan(&v.ID); err != nil {
		return v, false, fmt.Errorf("load list %s: %w", l.List, err)
	}
	v.List, v.File, v.SHA256, v.Loaded, v.Current = l.List, l.File, l.SHA256, time.Now().UTC(), true
	v.Entities = int64(len(l.Entities))
	for i := range l.Entities {
		v.Names += int64(len(l.Entities[i].Names))
	}
	if len(l.Entities) > 0 {
		if err := d.writeEntities(ctx, tx, v.ID, l); err != nil {
			return v, false, fmt.Errorf("load list %s: %w", l.List, err)
		}
	}
	if _, err := tx.ExecContext(ctx, `INSERT INTO list_versions (`+listVersionColumns+`) VALUES (?, ?, ?, ?, ?, ?, ?, false)`,
		v.ID, v.List, v.File, v.SHA256, v.Loaded, v.Entities, v.Names); err != nil {
		return v, false, fmt.Errorf("load list %s: %w", l.List, err)
	}
	// the swap
	if _, err := tx.ExecContext(ctx, `UPDATE list_versions SET is_current = (id = ?) WHERE list = ?`, v.ID, l.List); err != nil {
		return v, false, fmt.Errorf("load list %s: %w", l.List, err)
	}
	if err := tx.Commit(); err != nil {
		return v, false, fmt.Errorf("load list %s: %w", l.List, err)
	}
	return v, true, nil
}

// writeEntities loads a version's entities through a temporary file and DuckDB's CSV reader.
func (d *DB) writeEntities(ctx context.Context, tx *sql.Tx, version int64, l ListLoad) error {
	ef, err := d.tempTSV("list-*.tsv")
	if err != nil {
		return err
	}
	defer ef.remove()
	w := ef.w
	var e rowEncoder
	for i := range l.Entities {
		ent := &l.Entities[i]
		topics, _ := json.Marshal(nonNil(ent.Topics))
		programs, _ := json.Marshal(nonNil(ent.Programs))
		body, err := json.Marshal(ent)
		if err != nil {
			return fmt.Errorf("entity %s: %w", ent.SourceID, err)
		}
		e = rowEncoder{b: e.b[:0]}
		e.int(version)
		e.str(l.List)
		e.str(ent.SourceID)
		e.str(string(ent.Schema))
		e.str(ent.Caption())
		e.str(string(topics))
		e.str(string(programs))
		e.str(string(body)) // JSON escapes tabs and line breaks: the encoder leaves it unchanged
		if _, err := w.Write(append(e.b, '\n')); err != nil {
			return err
		}
	}
	if err := ef.flush(); err != nil {
		return err
	}
	src := ef.source(listEntityColumns)
	if _, err := tx.ExecContext(ctx, `INSERT INTO list_entities SELECT * FROM `+src); err != nil {
		return err
	}
	if len(l.Keys) == 0 {
		return nil
	}
	kf, err := d.tempTSV("list-keys-*.tsv")
	if err != nil {
		return err
	}
	defer kf.remove()
	w = kf.w
	for _, k := range l.Keys {
		e = rowEncoder{b: e.b[:0]}
		e.int(version)
		e.str(k.Key)
		e.str(k.SourceID)
		if _, err := w.Write(append(e.b, '\n')); err != nil {
			return err
		}
	}
	if err := kf.flush(); err != nil {
		return err
	}
	ksrc := kf.source(`'version_id': 'BIGINT', 'key': 'VARCHAR', 'source_id': 'VARCHAR'`)
	if _, err := tx.ExecContext(ctx, `INSERT INTO list_name_keys SELECT * FROM `+ksrc); err != nil {
		return err
	}
	return nil
}

// ListCandidates returns the entities of the current list versions that share the heaviest blocking keys with
// a name (keys shared by few entities weigh more), at most limit of them. ok is false when a current version
// has no keys (it was loaded without them): the caller then indexes every entity.
func (d *DB) ListCandidates(ctx context.Context, keys []string, limit int) (ents []trade.ListEntity, ok bool, err error) {
	var missing int
	if err := d.db.QueryRowContext(ctx, `SELECT count(*) FROM list_versions v WHERE v.is_current AND v.entities > 0
		AND NOT EXISTS (SELECT 1 FROM list_name_keys k WHERE k.version_id = v.id)`).Scan(&missing); err != nil {
		return nil, false, fmt.Errorf("list candidates: %w", err)
	}
	if missing > 0 {
		return nil, false, nil
	}
	if len(keys) == 0 {
		return nil, true, nil
	}
	// the key filter goes into both scans: the table holds every key of every version
	args := make([]any, 0, 2*len(keys)+1)
	for range 2 {
		for _, k := range keys {
			args = append(args, k)
		}
	}
	args = append(args, limit)
	in := placeholders(len(keys))
	q := `WITH w AS (SELECT key, ln((SELECT greatest(sum(entities), 1) FROM list_versions WHERE is_current) / count(*)) AS w
			FROM list_name_keys WHERE key IN (` + in + `)
				AND version_id IN (SELECT id FROM list_versions WHERE is_current)
			GROUP BY key HAVING count(*) <= 20000),
		c AS (SELECT k.version_id, k.source_id, sum(w.w) AS s FROM list_name_keys k JOIN w ON k.key = w.key
			WHERE k.key IN (` + in + `) AND k.version_id IN (SELECT id FROM list_versions WHERE is_current)
			GROUP BY k.version_id, k.source_id ORDER BY s DESC, k.version_id, k.source_id LIMIT ?)
		SELECT e.entity FROM list_entities e JOIN c ON e.version_id = c.version_id AND e.source_id = c.source_id
		ORDER BY c.s DESC, e.list, e.source_id`
	ents, err = d.listEntities(ctx, q, args...)
	if err != nil {
		return nil, false, fmt.Errorf("list candidates: %w", err)
	}
	return ents, true, nil
}

// ListVersions lists the versions of a list ("" for every list), by list and then newest first.
func (d *DB) ListVersions(ctx context.Context, list string) ([]ListVersion, error) {
	q := `SELECT ` + listVersionColumns + ` FROM list_versions`
	var args []any
	if list != "" {
		q += ` WHERE list = ?`
		args = append(args, list)
	}
	rows, err := d.db.QueryContext(ctx, q+` ORDER BY list, id DESC`, args...)
	if err != nil {
		return nil, fmt.Errorf("list versions: %w", err)
	}
	defer rows.Close()
	var out []ListVersion
	for rows.Next() {
		v, err := scanListVersion(rows)
		if err != nil {
			return nil, fmt.Errorf("list versions: %w", err)
		}
		out = append(out, v)
	}
	return out, rows.Err()
}

// CurrentListEntities returns the entities of the current version of every list, by list and source id.
func (d *DB) CurrentListEntities(ctx context.Context) ([]trade.ListEntity, error) {
	return d.listEntities(ctx, `SELECT e.entity FROM list_entities e JOIN list_versions v ON e.version_id = v.id
		WHERE v.is_current ORDER BY e.list, e.source_id`)
}

// ListVersionEntities returns the entities of one version, by source id.
func (d *DB) ListVersionEntities(ctx context.Context, version int64) ([]trade.ListEntity, error) {
	return d.listEntities(ctx, `SELECT entity FROM list_entities WHERE version_id = ? ORDER BY source_id`, version)
}

func (d *DB) listEntities(ctx context.Context, q string, args ...any) ([]trade.ListEntity, error) {
	rows, err := d.db.QueryContext(ctx, q, args...)
	if err != nil {
		return nil, fmt.Errorf("list entities: %w", err)
	}
	defer rows.Close()
	var out []trade.ListEntity
	var body string
	for rows.Next() {
		if err := rows.Scan(&body); err != nil {
			return nil, fmt.Errorf("list entities: %w", err)
		}
		var e trade.ListEntity
		if err := json.Unmarshal([]byte(body), &e); err != nil {
			return nil, fmt.Errorf("list entities: %w", err)
		}
		out = append(out, e)
	}
	return out, rows.Err()
}

// ListDiff is what changed in a list between two versions, entries matched by source id.
type ListDiff struct {
	List    string      `json:"list"`
	From    ListVersion `json:"from"`
	To      ListVersion `json:"to"`
	Added   []DiffEntry `json:"added"`
	Removed []DiffEntry `json:"removed"`
	Changed []DiffEntry `json:"changed"`
}

// DiffEntry is one entry added, removed or changed; Fields names what changed (names, programs, topics …).
type DiffEntry struct {
	SourceID string   `json:"source_id"`
	Caption  string   `json:"caption"`
	Fields   []string `json:"fields,omitempty"`
}

// DiffVersions picks the two versions a diff of a list compares, from the list's versions (newest first, as
// ListVersions returns them): to, or the current one when zero; from, or the one loaded before to when zero.
// Both stores' DiffList start with it.
func DiffVersions(list string, vs []ListVersion, from, to int64) (ListDiff, error) {
	diff := ListDiff{List: list}
	if len(vs) == 0 {
		return diff, fmt.Errorf("diff list %s: %w", list, ErrNoListVersion)
	}
	find := func(id int64) (ListVersion, bool) {
		for _, v := range vs {
			if v.ID == id {
				return v, true
			}
		}
		return ListVersion{}, false
	}
	var ok bool
	if to == 0 {
		for _, v := range vs {
			if v.Current {
				diff.To, ok = v, true
			}
		}
	} else {
		diff.To, ok = find(to)
	}
	if !ok {
		return diff, fmt.Errorf("diff list %s: version %d: %w", list, to, ErrNoListVersion)
	}
	if from == 0 {
		for _, v := range vs { // newest first
			if v.ID < diff.To.ID {
				diff.From, ok = v, true
				break
			}
		}
		if diff.From.ID == 0 {
			return diff, fmt.Errorf("diff list %s: no version before %d: %w", list, diff.To.ID, ErrNoListVersion)
		}
	} else if diff.From, ok = find(from); !ok {
		return diff, fmt.Errorf("diff list %s: version %d: %w", list, from, ErrNoListVersion)
	}
	return diff, nil
}

// DiffList compares two versions of a list. A zero to means the current version; a zero from the version
// loaded before to.
func (d *DB) DiffList(ctx context.Context, list string, from, to int64) (ListDiff, error) {
	vs, err := d.ListVersions(ctx, list)
	if err != nil {
		return ListDiff{List: list}, err
	}
	diff, err := DiffVersions(list, vs, from, to)
	if err != nil {
		return diff, err
	}
	rows, err := d.db.QueryContext(ctx, `SELECT coalesce(a.source_id, b.source_id), coalesce(b.caption, a.caption),
			a.entity, b.entity
		FROM (SELECT source_id, caption, entity FROM list_entities WHERE version_id = ?) a
		FULL OUTER JOIN (SELECT source_id, caption, entity FROM list_entities WHERE version_id = ?) b
		ON a.source_id = b.source_id
		WHERE a.entity IS DISTINCT FROM b.entity
		ORDER BY 1`, diff.From.ID, diff.To.ID)
	if err != nil {
		return diff, fmt.Errorf("diff list %s: %w", list, err)
	}
	defer rows.Close()
	for rows.Next() {
		var de DiffEntry
		var a, b sql.NullString
		if err := rows.Scan(&de.SourceID, &de.Caption, &a, &b); err != nil {
			return diff, fmt.Errorf("diff list %s: %w", list, err)
		}
		switch {
		case !a.Valid:
			diff.Added = append(diff.Added, de)
		case !b.Valid:
			diff.Removed = append(diff.Removed, de)
		default:
			de.Fields, err = ChangedListFields(a.String, b.String)
			if err != nil {
				return diff, fmt.Errorf("diff list %s: entry %s: %w", list, de.SourceID, err)
			}
			diff.Changed = append(diff.Changed, de)
		}
	}
	return diff, rows.Err()
}

// ChangedListFields names the fields of two list entities' JSON that differ, in the order of trade.ListEntity's
// fields. Both stores' list diffs use it.
func ChangedListFields(a, b string) ([]string, error) {
	var x, y map[string]json.RawMessage
	if err := json.Unmarshal([]byte(a), &x); err != nil {
		return nil, err
	}
	if err := json.Unmarshal([]byte(b), &y); err != nil {
		return nil, err
	}
	var out []string
	t := reflect.TypeOf(trade.ListEntity{})
	for i := 0; i < t.NumField(); i++ {
		f := t.Field(i)
		name, _, _ := strings.Cut(f.Tag.Get("json"), ",")
		if name == "" {
			name = f.Name
		}
		if string(x[name]) != string(y[name]) {
			out = append(out, name)
		}
	}
	return out, nil
}

// PartyName is one distinct way a party is written in the shipments in one role, with the number of lines.
type PartyName struct {
	Role    string // shipper, consignee, manufacturer, brand
	Name    string
	NameEn  string
	Country string
	ID      string
	Lines   int64
}

// partyRoles maps a role to its columns: name, English name, country, identifier (an empty string literal
// where the store has none).
// The column names are constants, never data.
var partyRoles = []struct{ role, name, nameEn, country, id string }{
	{"shipper", "shipper_name", "shipper_name_en", "shipper_country", "shipper_id"},
	{"consignee", "consignee_name", "consignee_name_en", "consignee_country", "consignee_id"},
	{"manufacturer", "manufacturer", "''", "''", "''"},
	{"brand", "brand", "''", "''", "''"},
}

// DistinctPartyNames calls fn for each distinct (role, name, English name, country, identifier) of the
// shipments, computed by one GROUP BY per role in the store: a screening pass then sees each way of writing a
// party once, not every line.
func (d *DB) DistinctPartyNames(ctx context.Context, fn func(*PartyName) error) error {
	for _, r := range partyRoles {
		q := fmt.Sprintf(`SELECT %[1]s, %[2]s, %[3]s, %[4]s, count(*) FROM shipments
			WHERE %[1]s <> '' OR %[2]s <> '' GROUP BY ALL`, r.name, r.nameEn, r.country, r.id)
		what := "distinct " + r.role + " names"
		p := PartyName{Role: r.role}
		dest := []any{&p.Name, &p.NameEn, &p.Country, &p.ID, &p.Lines} // one slice for every row
		err := d.eachQueried(ctx, what, func(rows rowScanner) error {
			if err := rows.Scan(dest...); err != nil {
				return fmt.Errorf("%s: %w", what, err)
			}
			return fn(&p)
		}, q)
		if err != nil {
			return err
		}
	}
	return nil
}

// PartyLine is a shipment on which a party stands in a role, with the party as written there.
type PartyLine struct {
	ID      trade.ShipmentID
	Name    string
	NameEn  string
	Country string
	PartyID string
}

// PartyLines returns the shipments on which one of these names stands in the role, as the name or the English
// name, in id order. Empty names are ignored; unknown roles are an error.
func (d *DB) PartyLines(ctx context.Context, role string, partyNames []string) ([]PartyLine, error) {
	var r struct{ role, name, nameEn, country, id string }
	for _, x := range partyRoles {
		if x.role == role {
			r = x
		}
	}
	if r.role == "" {
		return nil, fmt.Errorf("party lines: unknown role %q", role)
	}
	var ns []string
	for _, n := range partyNames {
		if n != "" {
			ns = append(ns, n)
		}
	}
	if len(ns) == 0 {
		return nil, nil
	}
	// The names are bound as one list and joined as a set: one scan of the role's columns. (Chunks of IN
	// lists scanned the table once per chunk: 74 s for 13k names on 10M lines.)
	where := r.name + ` IN (SELECT v FROM w)`
	if r.nameEn != "''" {
		where += ` OR ` + r.nameEn + ` IN (SELECT v FROM w)`
	}
	q := fmt.Sprintf(`WITH w AS (SELECT DISTINCT unnest(?::VARCHAR[]) AS v)
SELECT id, %s, %s, %s, %s FROM shipments WHERE %s ORDER BY id`, r.name, r.nameEn, r.country, r.id, where)
	var out []PartyLine
	var l PartyLine
	dest := []any{&l.ID, &l.Name, &l.NameEn, &l.Country, &l.PartyID} // one slice for every row
	err := d.eachQueried(ctx, "party lines", func(rows rowScanner) error {
		if err := rows.Scan(dest...); err != nil {
			return fmt.Errorf("party lines: %w", err)
		}
		out = append(out, l)
		return nil
	}, q, ns)
	if err != nil {
		return nil, err
	}
	return out, nil
}

// ScreenParty is a resolved party as screening reads it: its names, countries and identifiers.
type ScreenParty struct {
	ID          int64
	Names       []string // the party's name, English name and every variant, without repeats
	Countries   []string
	Identifiers []string
}

// Fill sets a party's names, countries and identifiers from its stored columns, without repeats: name, English
// name, then each variant's (the JSON array of variants); the identifiers of the variants, then the party's own
// (a JSON array of strings or trade.Identifier objects). Both stores read parties to screen with it.
func (p *ScreenParty) Fill(name, nameEn, ctry, ids, variants string) error {
	add := func(ss *[]string, s string) {
		if s != "" && !slices.Contains(*ss, s) {
			*ss = append(*ss, s)
		}
	}
	add(&p.Names, name)
	add(&p.Names, nameEn)
	add(&p.Countries, ctry)
	var vs []struct {
		Name    string `json:"name"`
		NameEn  string `json:"name_en"`
		Country string `json:"country"`
		ID      string `json:"id"`
	}
	if variants != "" {
		if err := json.Unmarshal([]byte(variants), &vs); err != nil {
			return fmt.Errorf("party %d: variants: %w", p.ID, err)
		}
	}
	for _, v := range vs {
		add(&p.Names, v.Name)
		add(&p.Names, v.NameEn)
		add(&p.Countries, v.Country)
		add(&p.Identifiers, v.ID)
	}
	if ids != "" {
		var idv []json.RawMessage
		if err := json.Unmarshal([]byte(ids), &idv); err != nil {
			return fmt.Errorf("party %d: identifiers: %w", p.ID, err)
		}
		for _, raw := range idv {
			var s string
			var ti trade.Identifier
			if json.Unmarshal(raw, &s) == nil {
				add(&p.Identifiers, s)
			} else if json.Unmarshal(raw, &ti) == nil {
				add(&p.Identifiers, ti.Value)
			}
		}
	}
	return nil
}

// PartiesToScreen calls fn for each row of the parties table.
func (d *DB) PartiesToScreen(ctx context.Context, fn func(*ScreenParty) error) error {
	rows, err := d.db.QueryContext(ctx, `SELECT id, name, name_en, country, identifiers, variants FROM parties ORDER BY id`)
	if err != nil {
		return fmt.Errorf("parties to screen: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var p ScreenParty
		var name, nameEn, ctry, ids, variants string
		if err := rows.Scan(&p.ID, &name, &nameEn, &ctry, &ids, &variants); err != nil {
			return fmt.Errorf("parties to screen: %w", err)
		}
		if err := p.Fill(name, nameEn, ctry, ids, variants); err != nil {
			return err
		}
		if err := fn(&p); err != nil {
			return err
		}
	}
	return rows.Err()
}

// PartyMatches is what screening found for one party: its list matches as JSON and its risk in [0, 1].
type PartyMatches struct {
	ID      int64
	Matches string // JSON array
	Risk    float64
}

// SetPartyMatches writes the matches and risk of the given parties in one transaction; parties not given keep
// theirs.
func (d *DB) SetPartyMatches(ctx context.Context, ms []PartyMatches) error {
	defer d.forget(memoPartySearch)
	if len(ms) == 0 {
		return nil
	}
	tf, err := d.tempTSV("matches-*.tsv")
	if err != nil {
		return fmt.Errorf("set party matches: %w", err)
	}
	defer tf.remove()
	w := tf.w
	var e rowEncoder
	for _, m := range ms {
		if m.Matches == "" {
			m.Matches = "[]"
		}
		e = rowEncoder{b: e.b[:0]}
		e.int(m.ID)
		e.str(m.Matches)
		e.num(trade.N(m.Risk))
		if _, err := w.Write(append(e.b, '\n')); err != nil {
			return fmt.Errorf("set party matches: %w", err)
		}
	}
	if err := tf.flush(); err != nil {
		return fmt.Errorf("set party matches: %w", err)
	}
	src := tf.source(`'id': 'BIGINT', 'matches': 'VARCHAR', 'risk': 'DOUBLE'`)
	tx, err := d.db.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("set party matches: %w", err)
	}
	defer tx.Rollback()
	if _, err := tx.ExecContext(ctx, `UPDATE parties SET matches = t.matches, risk = t.risk FROM `+src+` t WHERE parties.id = t.id`); err != nil {
		return fmt.Errorf("set party matches: %w", err)
	}
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("set party matches: %w", err)
	}
	return nil
}
