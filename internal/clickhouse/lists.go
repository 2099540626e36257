package clickhouse

import (
	"context"
	"crypto/rand"
	"encoding/binary"
	"encoding/json"
	"errors"
	"fmt"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/ClickHouse/clickhouse-go/v2/lib/driver"

	"tradetrace/internal/duckdb"
	"tradetrace/internal/trade"
)

// The list types are the DuckDB store's, so that both stores answer the same calls.
type (
	ListLoad    = duckdb.ListLoad
	ListKey     = duckdb.ListKey
	ListVersion = duckdb.ListVersion
	ListDiff    = duckdb.ListDiff
	DiffEntry   = duckdb.DiffEntry
)

// ErrNoListVersion reports a list or version the store does not hold: the DuckDB store's error, so errors.Is
// answers the same for both stores.
var ErrNoListVersion = duckdb.ErrNoListVersion

// Rows per insert block of a list version: a block is held in memory until it is sent.
const (
	listEntityBlock = 20_000
	listKeyBlock    = 200_000
)

const listVersionInsert = `INSERT INTO list_versions (id, list, file, sha256, loaded, entities, names, keys, event)`

// listVersion is a recorded version with what the store keeps beside the DuckDB store's fields.
type listVersion struct {
	ListVersion
	keys  int64
	event uint64 // the latest event of the version
}

// listVersions reads the version log of a list ("" for every list): each recorded version once, by list and
// then newest first, Current set on the version of each list's latest event.
func (d *DB) listVersions(ctx context.Context, list string) ([]listVersion, error) {
	q := `SELECT id, any(list), any(file), any(sha256), any(loaded), any(entities), any(names), any(keys), max(event)
FROM list_versions`
	var args []any
	if list != "" {
		q += ` WHERE list = ?`
		args = append(args, list)
	}
	rows, err := d.conn.Query(ctx, q+` GROUP BY id`, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []listVersion
	for rows.Next() {
		var v listVersion
		var loaded int64
		if err := rows.Scan(&v.ID, &v.List, &v.File, &v.SHA256, &loaded, &v.Entities, &v.Names, &v.keys, &v.event); err != nil {
			return nil, err
		}
		v.Loaded = time.UnixMicro(loaded).UTC()
		out = append(out, v)
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	sort.Slice(out, func(i, j int) bool {
		if out[i].List != out[j].List {
			return out[i].List < out[j].List
		}
		return out[i].ID > out[j].ID
	})
	cur := map[string]int{} // list → index of its current version
	for i, v := range out {
		if c, ok := cur[v.List]; !ok || v.event > out[c].event {
			cur[v.List] = i
		}
	}
	for _, i := range cur {
		out[i].Current = true
	}
	return out, nil
}

// currentLists returns the current version of every list, by id.
func (d *DB) currentLists(ctx context.Context) ([]listVersion, error) {
	vs, err := d.listVersions(ctx, "")
	if err != nil {
		return nil, err
	}
	var cur []listVersion
	for _, v := range vs {
		if v.Current {
			cur = append(cur, v)
		}
	}
	sort.Slice(cur, func(i, j int) bool { return cur[i].ID < cur[j].ID })
	return cur, nil
}

// LoadList stores a publication of a list as a new version and makes it the list's current version. The
// entities and name keys are written first under a claimed version id that no reader looks at; once the
// shards hold them all, one single-row insert into the version log records the version as current, so readers
// see the old version or the new one, never a mix. A load that fails or whose context is cancelled before
// that insert leaves the previous version current and drops what it wrote. When a version of the list with
// the same SHA256 exists, nothing is added: that version is returned (made current again if it was not) with
// added false.
func (d *DB) LoadList(ctx context.Context, l ListLoad) (v ListVersion, added bool, err error) {
	if l.List == "" || l.SHA256 == "" {
		return v, false, fmt.Errorf("load list: a list name and a sha256 are required")
	}
	vs, err := d.listVersions(ctx, l.List)
	if err != nil {
		return v, false, fmt.Errorf("load list %s: %w", l.List, err)
	}
	for _, old := range vs { // newest first, as the DuckDB store picks
		if old.SHA256 != l.SHA256 {
			continue
		}
		if !old.Current {
			if err := d.commitListVersion(ctx, old); err != nil {
				return v, false, fmt.Errorf("load list %s: %w", l.List, err)
			}
			old.Current = true
		}
		return old.ListVersion, false, nil
	}
	if err := d.reapLists(ctx); err != nil {
		return v, false, fmt.Errorf("load list %s: %w", l.List, err)
	}
	id, token, err := d.claimListVersion(ctx)
	if err != nil {
		return v, false, fmt.Errorf("load list %s: %w", l.List, err)
	}
	stop := d.listHeartbeat(ctx, id, token)
	defer stop()
	nv := listVersion{ListVersion: ListVersion{ID: id, List: l.List, File: l.File, SHA256: l.SHA256,
		Loaded: time.Now().UTC().Truncate(time.Microsecond), Entities: int64(len(l.Entities)), Current: true}, keys: int64(len(l.Keys))}
	for i := range l.Entities {
		nv.Names += int64(len(l.Entities[i].Names))
	}
	err = d.writeListVersion(ctx, id, l)
	if err == nil {
		err = d.commitListVersion(ctx, nv)
	}
	if err != nil {
		if !errors.Is(err, errCommitUnknown) {
			// Nothing of this version is visible; its rows go now rather than when the lease runs out.
			err = errors.Join(err, d.dropListVersion(context.WithoutCancel(ctx), id))
		}
		return v, false, fmt.Errorf("load list %s: %w", l.List, err)
	}
	return nv.ListVersion, true, nil
}

// writeListVersion writes a version's entities and name keys in blocks, then checks that the shards hold them.
// A cancelled context stops it between blocks, not during one: an insert cut off while the server still
// writes its block could land after the load has dropped the version's rows.
func (d *DB) writeListVersion(ctx context.Context, id int64, l ListLoad) error {
	send := context.WithoutCancel(ctx)
	for start := 0; start < len(l.Entities); start += listEntityBlock {
		if err := ctx.Err(); err != nil {
			return err
		}
		b, err := d.conn.PrepareBatch(send, `INSERT INTO list_entities (version_id, list, source_id, schema, caption, topics, programs, entity)`)
		if err != nil {
			return err
		}
		for i := start; i < min(start+listEntityBlock, len(l.Entities)); i++ {
			ent := &l.Entities[i]
			topics, _ := json.Marshal(nonNilSlice(ent.Topics))
			programs, _ := json.Marshal(nonNilSlice(ent.Programs))
			body, err := json.Marshal(ent)
			if err != nil {
				b.Abort()
				return fmt.Errorf("entity %s: %w", ent.SourceID, err)
			}
			if err := b.Append(id, text(l.List), text(ent.SourceID), text(string(ent.Schema)), text(ent.Caption()),
				string(topics), string(programs), text(string(body))); err != nil {
				b.Abort()
				return err
			}
		}
		if err := b.Send(); err != nil {
			return err
		}
	}
	for start := 0; start < len(l.Keys); start += listKeyBlock {
		if err := ctx.Err(); err != nil {
			return err
		}
		b, err := d.conn.PrepareBatch(send, `INSERT INTO list_name_keys (version_id, key, source_id, seq)`)
		if err != nil {
			return err
		}
		for i := start; i < min(start+listKeyBlock, len(l.Keys)); i++ {
			k := &l.Keys[i]
			if err := b.Append(id, text(k.Key), text(k.SourceID), uint32(i)); err != nil {
				b.Abort()
				return err
			}
		}
		if err := b.Send(); err != nil {
			return err
		}
	}
	for _, c := range []struct {
		table string
		want  int
	}{{"list_entities", len(l.Entities)}, {"list_name_keys", len(l.Keys)}} {
		var n uint64
		if err := d.conn.QueryRow(ctx, `SELECT count() FROM `+c.table+` WHERE version_id = ?`, id).Scan(&n); err != nil {
			return err
		}
		if n != uint64(c.want) {
			return fmt.Errorf("version %d: the shards hold %d rows of %s, want %d", id, n, c.table, c.want)
		}
	}
	return nil
}

// errCommitUnknown reports a commit insert that failed in a way that leaves open whether the row arrived.
var errCommitUnknown = errors.New("the version may or may not have been recorded")

// commitListVersion appends an event making the version its list's current one: the single insert that
// switches readers over. A context cancelled before it stops the load; once the insert is sent it is not
// interrupted, so that a cancelled load never reports failure for a version that became current.
func (d *DB) commitListVersion(ctx context.Context, v listVersion) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	ctx = context.WithoutCancel(ctx)
	event := d.nextVersion()
	err := insertRow(ctx, d.conn, listVersionInsert, v.ID, text(v.List), text(v.File), text(v.SHA256), v.Loaded.UnixMicro(),
		v.Entities, v.Names, v.keys, event)
	if err == nil {
		return nil
	}
	var n uint64
	if qerr := d.conn.QueryRow(ctx, `SELECT count() FROM list_versions WHERE id = ? AND event = ?`, v.ID, event).Scan(&n); qerr != nil {
		return fmt.Errorf("record version %d: %w (%w: %w)", v.ID, err, errCommitUnknown, qerr)
	}
	if n > 0 {
		return nil
	}
	return fmt.Errorf("record version %d: %w", v.ID, err)
}

// claimListVersion takes the next version id: max(id) + 1 over the claims, won when this claim is the
// earliest for that id (as run ids are claimed). Ids of loads that failed are not reused.
func (d *DB) claimListVersion(ctx context.Context) (id int64, token uint64, err error) {
	var tb [8]byte
	for attempt := 0; attempt < 20; attempt++ {
		if err := d.conn.QueryRow(ctx, `SELECT toInt64(max(id) + 1) FROM list_claims`).Scan(&id); err != nil {
			return 0, 0, fmt.Errorf("claim a version id: %w", err)
		}
		id = max(id, 1)
		if _, err := rand.Read(tb[:]); err != nil {
			return 0, 0, fmt.Errorf("claim a version id: %w", err)
		}
		token = binary.LittleEndian.Uint64(tb[:])
		if err := insertRow(ctx, d.conn, `INSERT INTO list_claims (id, token, claimed)`, id, token, d.nextVersion()); err != nil {
			return 0, 0, fmt.Errorf("claim a version id: %w", err)
		}
		var first uint64
		if err := d.conn.QueryRow(ctx, `SELECT argMin(token, (claimed, token)) FROM list_claims WHERE id = ?`, id).Scan(&first); err != nil {
			return 0, 0, fmt.Errorf("claim a version id: %w", err)
		}
		if first == token {
			return id, token, nil
		}
	}
	return 0, 0, errors.New("claim a version id: 20 attempts lost to other processes")
}

// listHeartbeat adds a row to the version's claim every third of the lease until stop is called, so that
// another process does not take a long load for a dead one.
func (d *DB) listHeartbeat(ctx context.Context, id int64, token uint64) (stop func()) {
	done := make(chan struct{})
	finished := make(chan struct{})
	go func() {
		defer close(finished)
		t := time.NewTicker(d.lease / 3)
		defer t.Stop()
		for {
			select {
			case <-done:
				return
			case <-ctx.Done():
				return
			case <-t.C:
				_ = insertRow(ctx, d.conn, `INSERT INTO list_claims (id, token, claimed)`, id, token, d.nextVersion())
			}
		}
	}()
	return func() {
		close(done)
		<-finished
	}
}

// reapLists drops the rows of versions that were claimed but never recorded and whose load has sent no
// heartbeat for the lease: their process died mid-load. Readers never saw them; this gives the space back. The
// partitions are listed before the claims and versions are read: a load claims its id before it writes, so a
// partition seen here of a load still running has a fresh claim by then.
func (d *DB) reapLists(ctx context.Context) error {
	parts := make([][]listPartition, len(d.shards))
	for i, c := range d.shards {
		ps, err := listPartitions(ctx, c, d.database)
		if err != nil {
			return fmt.Errorf("clean up interrupted loads: shard %d (%s): %w", i+1, d.addrs[i], err)
		}
		parts[i] = ps
	}
	vs, err := d.listVersions(ctx, "")
	if err != nil {
		return fmt.Errorf("clean up interrupted loads: %w", err)
	}
	keep := map[int64]bool{}
	for _, v := range vs {
		keep[v.ID] = true
	}
	rows, err := d.conn.Query(ctx, `SELECT id FROM list_claims GROUP BY id HAVING max(claimed) >= ?`, uint64(time.Now().Add(-d.lease).UnixNano()))
	if err != nil {
		return fmt.Errorf("clean up interrupted loads: %w", err)
	}
	for rows.Next() {
		var id int64
		if err := rows.Scan(&id); err != nil {
			rows.Close()
			return fmt.Errorf("clean up interrupted loads: %w", err)
		}
		keep[id] = true
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return fmt.Errorf("clean up interrupted loads: %w", err)
	}
	for i, ps := range parts {
		for _, p := range ps {
			if keep[p.id] {
				continue
			}
			if err := d.shards[i].Exec(ctx, fmt.Sprintf(`ALTER TABLE %s DROP PARTITION %d`, p.table, p.id)); err != nil {
				return fmt.Errorf("clean up interrupted loads: shard %d (%s): %w", i+1, d.addrs[i], err)
			}
		}
	}
	return nil
}

type listPartition struct {
	table string
	id    int64
}

// listPartitions lists the version partitions a shard holds.
func listPartitions(ctx context.Context, c driver.Conn, database string) ([]listPartition, error) {
	rows, err := c.Query(ctx, `SELECT DISTINCT table, partition FROM system.parts
WHERE database = ? AND table IN ('list_entities_local', 'list_name_keys_local') AND active`, database)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []listPartition
	for rows.Next() {
		var p listPartition
		var part string
		if err := rows.Scan(&p.table, &part); err != nil {
			return nil, err
		}
		if p.id, err = strconv.ParseInt(strings.Trim(part, "'"), 10, 64); err != nil {
			return nil, fmt.Errorf("%s: partition %q: %w", p.table, part, err)
		}
		out = append(out, p)
	}
	return out, rows.Err()
}

// dropListVersion deletes the rows of a version that was never recorded, on every shard.
func (d *DB) dropListVersion(ctx context.Context, id int64) error {
	err := d.onShards(ctx, func(ctx context.Context, c driver.Conn) error {
		for _, t := range []string{"list_entities_local", "list_name_keys_local"} {
			if err := c.Exec(ctx, fmt.Sprintf(`ALTER TABLE %s DROP PARTITION %d`, t, id)); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return fmt.Errorf("drop the rows of version %d: %w", id, err)
	}
	return nil
}

// ListCandidates returns the entities of the current list versions that share the heaviest blocking keys with
// a name (keys shared by few entities weigh more), at most limit of them. ok is false when a current version
// has no keys (it was loaded without them): the caller then indexes every entity. Each shard sums the weights
// of the entities it holds; the weights are counted over all shards first. An entity's weights are added in
// the order its keys were loaded, the order in which the DuckDB store scans them, so that sums that differ only
// by rounding rank the same in both stores.
func (d *DB) ListCandidates(ctx context.Context, keys []string, limit int) (ents []trade.ListEntity, ok bool, err error) {
	cur, err := d.currentLists(ctx)
	if err != nil {
		return nil, false, fmt.Errorf("list candidates: %w", err)
	}
	var total int64
	ids := make([]any, len(cur))
	for i, v := range cur {
		if v.Entities > 0 && v.keys == 0 {
			return nil, false, nil
		}
		total += v.Entities
		ids[i] = v.ID
	}
	if len(keys) == 0 || len(cur) == 0 {
		return nil, true, nil
	}
	ks := make([]any, len(keys))
	for i, k := range keys {
		ks[i] = k
	}
	inKeys, inIDs := placeholders(len(ks)), placeholders(len(ids))
	args := []any{float64(max(total, 1))}
	args = append(append(append(args, ks...), ids...), ks...)
	args = append(append(args, ids...), limit)
	rows, err := d.conn.Query(ctx, `SELECT version_id, source_id,
	arraySum(arrayMap(p -> p.2, arraySort(p -> p.1, groupArray((seq, w))))) AS s
FROM list_name_keys GLOBAL ANY INNER JOIN (
	SELECT key, log(? / count()) AS w FROM list_name_keys
	WHERE key IN (`+inKeys+`) AND version_id IN (`+inIDs+`)
	GROUP BY key HAVING count() <= 20000
) USING key
WHERE key IN (`+inKeys+`) AND version_id IN (`+inIDs+`)
GROUP BY version_id, source_id ORDER BY s DESC, version_id, source_id LIMIT ?`, args...)
	if err != nil {
		return nil, false, fmt.Errorf("list candidates: %w", err)
	}
	type cand struct {
		version int64
		source  string
	}
	score := map[cand]float64{}
	var srcs []any
	for rows.Next() {
		var c cand
		var s float64
		if err := rows.Scan(&c.version, &c.source, &s); err != nil {
			rows.Close()
			return nil, false, fmt.Errorf("list candidates: %w", err)
		}
		score[c] = s
		srcs = append(srcs, c.source)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, false, fmt.Errorf("list candidates: %w", err)
	}
	if len(srcs) == 0 {
		return nil, true, nil
	}
	// the candidates' entities: only their rows are read (the entity column is the wide one)
	rows, err = d.conn.Query(ctx, `SELECT version_id, list, source_id, entity FROM list_entities
PREWHERE source_id IN (`+placeholders(len(srcs))+`) WHERE version_id IN (`+inIDs+`)`, append(srcs, ids...)...)
	if err != nil {
		return nil, false, fmt.Errorf("list candidates: %w", err)
	}
	defer rows.Close()
	type found struct {
		s            float64
		list, source string
		ent          trade.ListEntity
	}
	var fs []found
	for rows.Next() {
		var c cand
		var f found
		var body string
		if err := rows.Scan(&c.version, &f.list, &c.source, &body); err != nil {
			return nil, false, fmt.Errorf("list candidates: %w", err)
		}
		var ok bool
		if f.s, ok = score[c]; !ok {
			continue // the same source id in another current version, not a candidate there
		}
		if err := json.Unmarshal([]byte(body), &f.ent); err != nil {
			return nil, false, fmt.Errorf("list candidates: %w", err)
		}
		f.source = c.source
		fs = append(fs, f)
	}
	if err := rows.Err(); err != nil {
		return nil, false, fmt.Errorf("list candidates: %w", err)
	}
	sort.SliceStable(fs, func(i, j int) bool {
		if fs[i].s != fs[j].s {
			return fs[i].s > fs[j].s
		}
		if fs[i].list != fs[j].list {
			return fs[i].list < fs[j].list
		}
		return fs[i].source < fs[j].source
	})
	ents = make([]trade.ListEntity, len(fs))
	for i := range fs {
		ents[i] = fs[i].ent
	}
	return ents, true, nil
}

// ListVersions lists the versions of a list ("" for every list), by list and then newest first.
func (d *DB) ListVersions(ctx context.Context, list string) ([]ListVersion, error) {
	vs, err := d.listVersions(ctx, list)
	if err != nil {
		return nil, fmt.Errorf("list versions: %w", err)
	}
	var out []ListVersion
	for _, v := range vs {
		out = append(out, v.ListVersion)
	}
	return out, nil
}

// CurrentListEntities returns the entities of the current version of every list, by list and source id.
func (d *DB) CurrentListEntities(ctx context.Context) ([]trade.ListEntity, error) {
	cur, err := d.currentLists(ctx)
	if err != nil {
		return nil, fmt.Errorf("list entities: %w", err)
	}
	if len(cur) == 0 {
		return nil, nil
	}
	ids := make([]any, len(cur))
	for i, v := range cur {
		ids[i] = v.ID
	}
	return d.listEntities(ctx, `SELECT entity FROM list_entities WHERE version_id IN (`+placeholders(len(ids))+`) ORDER BY list, source_id`, ids...)
}

// ListVersionEntities returns the entities of one version, by source id. A version that is not recorded (a
// load that did not finish) has none.
func (d *DB) ListVersionEntities(ctx context.Context, version int64) ([]trade.ListEntity, error) {
	var n uint64
	if err := d.conn.QueryRow(ctx, `SELECT count() FROM list_versions WHERE id = ?`, version).Scan(&n); err != nil {
		return nil, fmt.Errorf("list entities: %w", err)
	}
	if n == 0 {
		return nil, nil
	}
	return d.listEntities(ctx, `SELECT entity FROM list_entities WHERE version_id = ? ORDER BY source_id`, version)
}

// listEntities streams the query's entity column and decodes each entity.
func (d *DB) listEntities(ctx context.Context, q string, args ...any) ([]trade.ListEntity, error) {
	rows, err := d.conn.Query(ctx, q, args...)
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
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("list entities: %w", err)
	}
	return out, nil
}

// DiffList compares two versions of a list. A zero to means the current version; a zero from the version
// loaded before to. Entries are matched by source id; each shard compares the entries it holds (both versions'
// entries of one source id sit on the same shard).
func (d *DB) DiffList(ctx context.Context, list string, from, to int64) (ListDiff, error) {
	vs, err := d.ListVersions(ctx, list)
	if err != nil {
		return ListDiff{List: list}, err
	}
	diff, err := duckdb.DiffVersions(list, vs, from, to)
	if err != nil {
		return diff, err
	}
	// The left side is the Distributed table, so the join runs on every shard against that shard's own rows
	// of the other version; an entity is never empty, so an empty one is a side without the source id.
	rows, err := d.conn.Query(ctx, `SELECT source_id, caption, b_caption, entity, b_entity FROM list_entities
ALL FULL OUTER JOIN (
	SELECT source_id, caption AS b_caption, entity AS b_entity FROM `+d.database+`.list_entities_local WHERE version_id = ?
) USING source_id
PREWHERE version_id = ?
WHERE entity != b_entity
ORDER BY source_id`, diff.To.ID, diff.From.ID)
	if err != nil {
		return diff, fmt.Errorf("diff list %s: %w", list, err)
	}
	defer rows.Close()
	for rows.Next() {
		var de DiffEntry
		var aCaption, bCaption, a, b string
		if err := rows.Scan(&de.SourceID, &aCaption, &bCaption, &a, &b); err != nil {
			return diff, fmt.Errorf("diff list %s: %w", list, err)
		}
		de.Caption = bCaption
		switch {
		case a == "":
			diff.Added = append(diff.Added, de)
		case b == "":
			de.Caption = aCaption
			diff.Removed = append(diff.Removed, de)
		default:
			de.Fields, err = duckdb.ChangedListFields(a, b)
			if err != nil {
				return diff, fmt.Errorf("diff list %s: entry %s: %w", list, de.SourceID, err)
			}
			diff.Changed = append(diff.Changed, de)
		}
	}
	if err := rows.Err(); err != nil {
		return diff, fmt.Errorf("diff list %s: %w", list, err)
	}
	return diff, nil
}

// ListsKey is the input key of detectors that read the sanctions and export-control lists: the ids of the
// current list versions. Loading a list changes it, so an incremental detect run runs those detectors again.
func (d *DB) ListsKey(ctx context.Context) (string, error) {
	cur, err := d.currentLists(ctx)
	if err != nil {
		return "", fmt.Errorf("lists key: %w", err)
	}
	ids := make([]string, len(cur))
	for i, v := range cur {
		ids[i] = strconv.FormatInt(v.ID, 10)
	}
	return "lists:" + strings.Join(ids, ","), nil
}

// nonNilSlice turns a nil slice into an empty one, so that it is written as [] as the DuckDB store writes it.
func nonNilSlice[T any](s []T) []T {
	if s == nil {
		return []T{}
	}
	return s
}

// The listed-party detector reads the lists through this method (its Store also needs the parties' names and
// lines, which belong to the parties' part of the store).
var _ interface {
	CurrentListEntities(ctx context.Context) ([]trade.ListEntity, error)
} = (*DB)(nil)
