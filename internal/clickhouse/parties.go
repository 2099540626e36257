package clickhouse

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/ClickHouse/clickhouse-go/v2/lib/driver"

	"tradetrace/internal/duckdb"
	"tradetrace/internal/party"
	"tradetrace/internal/trade"
)

// The resolved parties are the DuckDB store's (internal/duckdb/parties.go), with the same types, written as
// generations (migrations/004_parties.sql): a rebuild becomes visible by one insert into party_sets.

// partyTables are the tables partitioned by generation, each written by every rebuild.
var partyTables = []string{"parties_local", "party_matches_local", "party_map_local", "shipment_parties_local",
	"party_lines_local", "party_months_local", "party_counterparties_local", "party_top_counterparties_local",
	"party_latest_stage_local", "party_latest_local"}

// partyVariantRows is one row per role of every shipment of a complete run with a party in that role. ord
// is the row's place in the DuckDB store's scan (shippers first, then consignees, in id order): the most
// frequent address is chosen as DuckDB's mode chooses it, the first seen among equals.
const partyVariantRows = `SELECT shipper_name AS name, shipper_name_en AS name_en, shipper_country AS country, shipper_id AS pid,
	shipper_address AS address, shipper_address_en AS address_en, toUInt8(1) AS shipper, toUInt8(0) AS consignee,
	value_usd, coalesce(net_weight_kg, gross_weight_kg) AS weight, date, (toUInt8(0), id) AS ord
FROM shipments WHERE %[1]s AND (shipper_name != '' OR shipper_name_en != '' OR shipper_id != '')
UNION ALL
SELECT consignee_name, consignee_name_en, consignee_country, consignee_id,
	consignee_address, consignee_address_en, toUInt8(0), toUInt8(1),
	value_usd, coalesce(net_weight_kg, gross_weight_kg), date, (toUInt8(1), id)
FROM shipments WHERE %[1]s AND (consignee_name != '' OR consignee_name_en != '' OR consignee_id != '')`

// partyVariantsQuery sums the variants' lines in one GROUP BY and joins each variant's most frequent address
// and English address (ClickHouse 18.16 has one JOIN per SELECT, hence the nesting).
const partyVariantsQuery = `SELECT name, name_en, country, pid, address, address_en, toInt64(shipper_lines), toInt64(consignee_lines),
	ifNull(value, 0), ifNull(weight_kg, 0), first, last
FROM (
	SELECT * FROM (
		SELECT name, name_en, country, pid, sum(shipper) AS shipper_lines, sum(consignee) AS consignee_lines,
			sum(value_usd) AS value, sum(weight) AS weight_kg, min(date) AS first, max(date) AS last
		FROM (%[1]s) GROUP BY name, name_en, country, pid
	) ANY LEFT JOIN (
		SELECT name, name_en, country, pid, argMax(address, (n, -first_row.1, -first_row.2)) AS address
		FROM (SELECT name, name_en, country, pid, address, count() AS n, min(ord) AS first_row
			FROM (%[1]s) WHERE address != '' GROUP BY name, name_en, country, pid, address)
		GROUP BY name, name_en, country, pid
	) USING (name, name_en, country, pid)
) ANY LEFT JOIN (
	SELECT name, name_en, country, pid, argMax(address_en, (n, -first_row.1, -first_row.2)) AS address_en
	FROM (SELECT name, name_en, country, pid, address_en, count() AS n, min(ord) AS first_row
		FROM (%[1]s) WHERE address_en != '' GROUP BY name, name_en, country, pid, address_en)
	GROUP BY name, name_en, country, pid
) USING (name, name_en, country, pid)`

// PartyVariants returns the distinct (name, English name, country, identifier) tuples of the shippers and
// consignees of complete runs, each with its most frequent addresses, its lines by role, value, weight and
// dates. The shards group their own rows; only the variants come back.
func (d *DB) PartyVariants(ctx context.Context) ([]party.Variant, error) {
	rd, err := d.reader(ctx)
	if err != nil {
		return nil, fmt.Errorf("party variants: %w", err)
	}
	rowsSQL := fmt.Sprintf(partyVariantRows, rd.cond)
	var args []any
	for range 6 { // three reads of the rows, two role branches each
		args = append(args, rd.args...)
	}
	rows, err := d.conn.Query(ctx, fmt.Sprintf(partyVariantsQuery, rowsSQL), args...)
	if err != nil {
		return nil, fmt.Errorf("party variants: %w", err)
	}
	defer rows.Close()
	var out []party.Variant
	for rows.Next() {
		var v party.Variant
		if err := rows.Scan(&v.Name, &v.NameEn, &v.Country, &v.ID, &v.Address, &v.AddressEn, &v.ShipperLines,
			&v.ConsigneeLines, &v.ValueUSD, &v.WeightKg, &v.First, &v.Last); err != nil {
			return nil, fmt.Errorf("party variants: %w", err)
		}
		v.First, v.Last = v.First.UTC(), v.Last.UTC()
		out = append(out, v)
	}
	if err := rows.Err(); err != nil {
		return nil, incomplete("party variants", int64(len(out)), err)
	}
	return out, nil
}

// ReplaceParties stores a resolution in place of the previous one. Everything is written under a new
// generation: the parties through the Distributed table, the variant → party map to every shard, then each
// shard links its own shipments to their parties (one INSERT … SELECT per role, joined with the map) and the
// party summaries are built. One insert into party_sets then makes the generation current: readers see the
// old resolution or the new one, never a mix. Screening's matches of the old generation are not carried over
// (as the DuckDB store's rewrite of the parties table resets them).
func (d *DB) ReplaceParties(ctx context.Context, r *party.Result) (err error) {
	gen := d.nextVersion()
	defer func() {
		if err != nil {
			// Nobody reads an uncommitted generation; dropping it gives the space back now rather than at the
			// next rebuild.
			_ = d.dropPartyGenerations(context.WithoutCancel(ctx), func(g uint64) bool { return g == gen })
			err = fmt.Errorf("save parties: %w", err)
		}
	}()
	if err := d.writeParties(ctx, gen, r); err != nil {
		return err
	}
	if len(r.Parties) > 0 {
		if err := d.linkShipments(ctx, gen, r); err != nil {
			return err
		}
		if err := d.buildPartySummaries(ctx, gen); err != nil {
			return err
		}
	}
	var n, links uint64
	var maxID int64
	if err := d.conn.QueryRow(ctx, `SELECT count(), max(id) FROM parties WHERE generation = ?`, gen).Scan(&n, &maxID); err != nil {
		return err
	}
	if n != uint64(len(r.Parties)) {
		return fmt.Errorf("%d parties written, the shards hold %d", len(r.Parties), n)
	}
	if err := d.conn.QueryRow(ctx, `SELECT count() FROM shipment_parties WHERE generation = ?`, gen).Scan(&links); err != nil {
		return err
	}
	// the commit
	if err := insertRow(ctx, d.conn, `INSERT INTO party_sets (generation, parties, max_id, links, created)`,
		gen, int64(n), maxID, int64(links), time.Now().UTC()); err != nil {
		return err
	}
	// Generations before the previous one are invisible now; dropping them is housekeeping, retried by the
	// next rebuild.
	_ = d.dropOldPartyGenerations(context.WithoutCancel(ctx))
	return nil
}

// writeParties writes the parties of a generation with their summaries, as the DuckDB store's parties rows.
func (d *DB) writeParties(ctx context.Context, gen uint64, r *party.Result) error {
	var b driver.Batch
	send := func() error {
		if b == nil {
			return nil
		}
		err := b.Send()
		b = nil
		return err
	}
	for p := range r.Parties {
		if b == nil {
			var err error
			if b, err = d.conn.PrepareBatch(ctx, `INSERT INTO parties (generation, id, name, name_en, country, identifiers,
				variants, addresses, roles, lines, value_usd, weight_kg, first_seen, last_seen, search, risk, matches)`); err != nil {
				return err
			}
		}
		pt := &r.Parties[p]
		s := r.Summary(p)
		vars := make([]duckdb.VariantLines, len(pt.Variants))
		for i, v := range pt.Variants {
			x := &r.Variants[v]
			vars[i] = duckdb.VariantLines{Name: text(x.Name), NameEn: text(x.NameEn), Country: text(x.Country), ID: text(x.ID), Lines: x.Lines()}
		}
		ids, _ := json.Marshal(nonNilStrings(s.Identifiers))
		vj, _ := json.Marshal(vars)
		addrs, _ := json.Marshal(nonNilStrings(s.Addresses))
		roles, _ := json.Marshal(s.Roles)
		if err := b.Append(gen, pt.ID, text(s.Name), text(s.NameEn), text(s.Country), string(ids), string(vj), string(addrs),
			string(roles), s.Lines, s.ValueUSD, s.WeightKg, dateOrNil(s.First), dateOrNil(s.Last), text(s.Search), 0.0, "[]"); err != nil {
			b.Abort()
			return err
		}
		if (p+1)%blockRows == 0 {
			if err := send(); err != nil {
				return err
			}
		}
	}
	return send()
}

// linkShipments writes the variant → party map to every shard, then has each shard link its shipments of
// complete runs to their parties in both roles.
func (d *DB) linkShipments(ctx context.Context, gen uint64, r *party.Result) error {
	complete, err := d.completeRuns(ctx)
	if err != nil {
		return err
	}
	cond, cargs := visible(complete)
	err = d.onShards(ctx, func(ctx context.Context, c driver.Conn) error {
		b, err := c.PrepareBatch(ctx, `INSERT INTO party_map_local (generation, name, name_en, country, pid, party_id)`)
		if err != nil {
			return err
		}
		for v := range r.Variants {
			// the values as the store gave them: the join compares them with the shipments' own
			x := &r.Variants[v]
			if err := b.Append(gen, x.Name, x.NameEn, x.Country, x.ID, r.Parties[r.Of[v]].ID); err != nil {
				b.Abort()
				return err
			}
		}
		if err := b.Send(); err != nil {
			return fmt.Errorf("party map: %w", err)
		}
		for _, role := range []string{party.RoleShipper, party.RoleConsignee} {
			// role is one of two constants, never data
			q := fmt.Sprintf(`INSERT INTO shipment_parties_local (generation, shipment_id, role, party_id)
				SELECT ?, id, '%[1]s', party_id
				FROM (SELECT id, %[1]s_name AS name, %[1]s_name_en AS name_en, %[1]s_country AS country, %[1]s_id AS pid
					FROM shipments_local WHERE %[2]s)
				ANY INNER JOIN (SELECT name, name_en, country, pid, party_id FROM party_map_local WHERE generation = ?)
				USING (name, name_en, country, pid)`, role, cond)
			args := append(append([]any{gen}, cargs...), gen)
			if err := c.Exec(ctx, q, args...); err != nil {
				return fmt.Errorf("link %s parties: %w", role, err)
			}
		}
		return c.Exec(ctx, fmt.Sprintf(`ALTER TABLE party_map_local DROP PARTITION %d`, gen))
	})
	return err
}

// qualify names the store's database where a query says {database}: a Distributed query's subquery on a local
// table runs on each shard in the connection's default database.
func (d *DB) qualify(q string) string { return strings.ReplaceAll(q, "{database}", d.database) }

// partyGen returns the current generation of the parties, 0 when none was ever written.
func (d *DB) partyGen(ctx context.Context) (uint64, error) {
	var g uint64
	if err := d.conn.QueryRow(ctx, `SELECT max(generation) FROM party_sets`).Scan(&g); err != nil {
		return 0, fmt.Errorf("current parties: %w", err)
	}
	return g, nil
}

// dropOldPartyGenerations drops the partitions of every generation older than the previous committed one,
// committed or abandoned. Generations newer than the current one may be a rebuild in progress: they stay.
func (d *DB) dropOldPartyGenerations(ctx context.Context) error {
	rows, err := d.conn.Query(ctx, `SELECT generation FROM party_sets ORDER BY generation DESC LIMIT 2`)
	if err != nil {
		return err
	}
	var keep []uint64
	for rows.Next() {
		var g uint64
		if err := rows.Scan(&g); err != nil {
			rows.Close()
			return err
		}
		keep = append(keep, g)
	}
	rows.Close()
	if err := rows.Err(); err != nil || len(keep) == 0 {
		return err
	}
	oldest := keep[len(keep)-1]
	return d.dropPartyGenerations(ctx, func(g uint64) bool { return g < oldest })
}

// dropPartyGenerations drops, on every shard, the partitions of the party tables whose generation drop
// selects.
func (d *DB) dropPartyGenerations(ctx context.Context, drop func(uint64) bool) error {
	in := "'" + strings.Join(partyTables, "', '") + "'"
	return d.onShards(ctx, func(ctx context.Context, c driver.Conn) error {
		rows, err := c.Query(ctx, `SELECT DISTINCT table, partition FROM system.parts WHERE database = ? AND active AND table IN (`+in+`)`, d.database)
		if err != nil {
			return err
		}
		type part struct {
			table string
			gen   uint64
		}
		var parts []part
		for rows.Next() {
			var t, p string
			if err := rows.Scan(&t, &p); err != nil {
				rows.Close()
				return err
			}
			if g, err := strconv.ParseUint(p, 10, 64); err == nil && drop(g) {
				parts = append(parts, part{t, g})
			}
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return err
		}
		var errs []error
		for _, p := range parts {
			errs = append(errs, c.Exec(ctx, fmt.Sprintf(`ALTER TABLE %s DROP PARTITION %d`, p.table, p.gen)))
		}
		return errors.Join(errs...)
	})
}

// partyMatchesJoin adds screening's latest matches and risk to the parties of a generation. party_matches is
// sharded like parties, so each shard joins its own rows: the subquery names the local table, with the
// database (the shards run it in their default database).
const partyMatchesJoin = ` FROM parties ANY LEFT JOIN (
	SELECT id, argMax(matches, version) AS m_matches, argMax(risk, version) AS m_risk, toUInt8(1) AS m_set
	FROM {database}.party_matches_local WHERE generation = ?{matches} GROUP BY id) USING id
WHERE generation = ?`

const partySelect = `SELECT id, name, name_en, country, identifiers, variants, addresses, roles, lines, value_usd, weight_kg,
first_seen, last_seen, search, if(m_set = 1, m_risk, risk) AS p_risk, if(m_set = 1, m_matches, matches) AS p_matches` + partyMatchesJoin

func scanParty(sc interface{ Scan(...any) error }) (duckdb.StoredParty, error) {
	var p duckdb.StoredParty
	var ids, vars, addrs, roles, matches string
	var first, last *time.Time
	if err := sc.Scan(&p.ID, &p.Name, &p.NameEn, &p.Country, &ids, &vars, &addrs, &roles, &p.Lines, &p.ValueUSD,
		&p.WeightKg, &first, &last, &p.Search, &p.Risk, &matches); err != nil {
		return p, err
	}
	if first != nil {
		p.First = first.UTC()
	}
	if last != nil {
		p.Last = last.UTC()
	}
	for _, f := range []struct {
		s string
		v any
	}{{ids, &p.Identifiers}, {vars, &p.Variants}, {addrs, &p.Addresses}, {roles, &p.Roles}} {
		if err := json.Unmarshal([]byte(f.s), f.v); err != nil {
			return p, fmt.Errorf("party %d: %w", p.ID, err)
		}
	}
	p.Matches = json.RawMessage(matches)
	return p, nil
}

// Party returns the party with the id; the error wraps duckdb.ErrNoParty when there is none.
func (d *DB) Party(ctx context.Context, id int64) (duckdb.StoredParty, error) {
	ps, err := d.queryParties(ctx, &id, ` AND id = ?`, []any{id})
	if err != nil {
		return duckdb.StoredParty{}, fmt.Errorf("party %d: %w", id, err)
	}
	if len(ps) == 0 {
		return duckdb.StoredParty{}, fmt.Errorf("party %d: %w", id, duckdb.ErrNoParty)
	}
	return ps[0], nil
}

// PartyVariantsOf returns the variants of a party, most lines first.
func (d *DB) PartyVariantsOf(ctx context.Context, id int64) ([]duckdb.VariantLines, error) {
	p, err := d.Party(ctx, id)
	if err != nil {
		return nil, err
	}
	return p.Variants, nil
}

// Parties lists parties, a page at a time, in the filter's order.
func (d *DB) Parties(ctx context.Context, f duckdb.PartyFilter) ([]duckdb.StoredParty, error) {
	var where string
	var args []any
	for _, w := range strings.Fields(strings.ToLower(f.Query)) {
		where += ` AND position(concat(' ', search, ' '), ?) > 0`
		args = append(args, " "+w)
	}
	switch f.Order {
	case duckdb.ByValue:
		where += ` ORDER BY ` + duckdb.ByValueDesc + `, id`
	case duckdb.ByRisk:
		where += ` ORDER BY p_risk DESC, lines DESC, id`
	default:
		where += ` ORDER BY lines DESC, id`
	}
	switch {
	case f.Limit > 0 && f.Offset > 0:
		where += ` LIMIT ? OFFSET ?`
		args = append(args, f.Limit, f.Offset)
	case f.Limit > 0:
		where += ` LIMIT ?`
		args = append(args, f.Limit)
	case f.Offset > 0:
		// ClickHouse takes no OFFSET without a LIMIT. The shards of a Distributed query are sent LIMIT
		// offset + limit, which must not overflow: 2^62 rows is no limit.
		where += ` LIMIT ?, 4611686018427387904`
		args = append(args, f.Offset)
	}
	ps, err := d.queryParties(ctx, nil, where, args)
	if err != nil {
		return nil, fmt.Errorf("list parties: %w", err)
	}
	return ps, nil
}

// queryParties reads the parties of the current generation that the rest of the query selects; with an id,
// the matches of that party alone are read.
func (d *DB) queryParties(ctx context.Context, id *int64, rest string, args []any) ([]duckdb.StoredParty, error) {
	gen, err := d.partyGen(ctx)
	if err != nil || gen == 0 {
		return nil, err
	}
	q, head := strings.Replace(d.qualify(partySelect), "{matches}", "", 1), []any{gen, gen}
	if id != nil {
		q, head = strings.Replace(d.qualify(partySelect), "{matches}", " AND id = ?", 1), []any{gen, *id, gen}
	}
	rows, err := d.conn.Query(ctx, q+rest, append(head, args...)...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []duckdb.StoredParty
	for rows.Next() {
		p, err := scanParty(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, p)
	}
	return out, rows.Err()
}

// PartyIDsForShipments returns the parties of the given shipments, by shipment id and role.
func (d *DB) PartyIDsForShipments(ctx context.Context, ids []trade.ShipmentID) ([]duckdb.ShipmentParty, error) {
	gen, err := d.partyGen(ctx)
	if err != nil || gen == 0 {
		return nil, err
	}
	var out []duckdb.ShipmentParty
	const chunk = 1000
	for start := 0; start < len(ids); start += chunk {
		part := ids[start:min(start+chunk, len(ids))]
		args := make([]any, 0, len(part)+1)
		args = append(args, gen)
		for _, id := range part {
			args = append(args, int64(id))
		}
		rows, err := d.conn.Query(ctx, `SELECT shipment_id, role, party_id FROM shipment_parties WHERE generation = ? AND shipment_id IN (`+
			placeholders(len(part))+`) ORDER BY shipment_id, role`, args...)
		if err != nil {
			return nil, fmt.Errorf("shipment parties: %w", err)
		}
		for rows.Next() {
			var sp duckdb.ShipmentParty
			var sid int64
			if err := rows.Scan(&sid, &sp.Role, &sp.PartyID); err != nil {
				rows.Close()
				return nil, fmt.Errorf("shipment parties: %w", err)
			}
			sp.ShipmentID = trade.ShipmentID(sid)
			out = append(out, sp)
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return nil, fmt.Errorf("shipment parties: %w", err)
		}
	}
	return out, nil
}

// PartyShipments returns the ids of the shipments a party stands on, in a role or in any ("" role), newest
// id first, at most limit (0: all). It reads party_lines, which holds one row per link like shipment_parties
// but ordered by party: each shard reads a range of its primary key.
func (d *DB) PartyShipments(ctx context.Context, id int64, role string, limit int) ([]trade.ShipmentID, error) {
	gen, err := d.partyGen(ctx)
	if err != nil || gen == 0 {
		if err != nil {
			err = fmt.Errorf("party %d shipments: %w", id, err)
		}
		return nil, err
	}
	q := `SELECT shipment_id FROM party_lines WHERE generation = ? AND party_id = ?`
	args := []any{gen, id}
	if role != "" {
		q += ` AND role = ?`
		args = append(args, role)
	}
	q += ` ORDER BY shipment_id DESC`
	if limit > 0 {
		q += ` LIMIT ?`
		args = append(args, limit)
	}
	rows, err := d.conn.Query(ctx, q, args...)
	if err != nil {
		return nil, fmt.Errorf("party %d shipments: %w", id, err)
	}
	defer rows.Close()
	var out []trade.ShipmentID
	for rows.Next() {
		var sid int64
		if err := rows.Scan(&sid); err != nil {
			return nil, fmt.Errorf("party %d shipments: %w", id, err)
		}
		out = append(out, trade.ShipmentID(sid))
	}
	return out, rows.Err()
}

// PartiesKey is the input key of readers of the resolved parties: their number, the highest id and the number
// of links, as the DuckDB store computes it, read from the current generation's row of party_sets.
func (d *DB) PartiesKey(ctx context.Context) (string, error) {
	gen, err := d.partyGen(ctx)
	if err != nil {
		return "", fmt.Errorf("parties key: %w", err)
	}
	var n, maxID, links int64
	if gen != 0 {
		if err := d.conn.QueryRow(ctx, `SELECT parties, max_id, links FROM party_sets WHERE generation = ? LIMIT 1`, gen).Scan(&n, &maxID, &links); err != nil {
			return "", fmt.Errorf("parties key: %w", err)
		}
	}
	return fmt.Sprintf("parties:%d/%d/%d", n, maxID, links), nil
}

func dateOrNil(t time.Time) *time.Time {
	if t.IsZero() {
		return nil
	}
	return &t
}

func nonNilStrings(s []string) []string {
	if s == nil {
		return []string{}
	}
	return s
}

// partyRoles maps a role to its columns: name, English name, country, identifier (an empty string literal where the shipments have
// none). The column names are constants, never data.
var partyRoles = []struct{ role, name, nameEn, country, id string }{
	{"shipper", "shipper_name", "shipper_name_en", "shipper_country", "shipper_id"},
	{"consignee", "consignee_name", "consignee_name_en", "consignee_country", "consignee_id"},
	{"manufacturer", "manufacturer", "''", "''", "''"},
	{"brand", "brand", "''", "''", "''"},
}

// DistinctPartyNames calls fn for each distinct (role, name, English name, country, identifier) of the
// shipments of complete runs, computed by one GROUP BY per role that every shard runs on its own rows.
func (d *DB) DistinctPartyNames(ctx context.Context, fn func(*duckdb.PartyName) error) error {
	rd, err := d.reader(ctx)
	if err != nil {
		return fmt.Errorf("distinct party names: %w", err)
	}
	for _, r := range partyRoles {
		var group []string
		for _, c := range []string{r.name, r.nameEn, r.country, r.id} {
			if c != "''" {
				group = append(group, c)
			}
		}
		q := fmt.Sprintf(`SELECT %[1]s, %[2]s, %[3]s, %[4]s, toInt64(count()) FROM shipments
			WHERE %[5]s AND (%[1]s != '' OR %[2]s != '') GROUP BY %[6]s`, r.name, r.nameEn, r.country, r.id, rd.cond, strings.Join(group, ", "))
		if err := d.eachPartyName(ctx, q, rd.args, r.role, fn); err != nil {
			return err
		}
	}
	return nil
}

func (d *DB) eachPartyName(ctx context.Context, q string, args []any, role string, fn func(*duckdb.PartyName) error) error {
	rows, err := d.conn.Query(ctx, q, args...)
	if err != nil {
		return fmt.Errorf("distinct %s names: %w", role, err)
	}
	defer rows.Close()
	p := duckdb.PartyName{Role: role}
	var n int64
	for rows.Next() {
		if err := rows.Scan(&p.Name, &p.NameEn, &p.Country, &p.ID, &p.Lines); err != nil {
			return fmt.Errorf("distinct %s names: %w", role, err)
		}
		n++
		if err := fn(&p); err != nil {
			return err
		}
	}
	if err := rows.Err(); err != nil {
		return incomplete("distinct "+role+" names", n, err)
	}
	return nil
}

// PartyLines returns the shipments of complete runs on which one of these names stands in the role, as the
// name or the English name, in id order (within each chunk of 2,000 names, as the DuckDB store reads them).
// Empty names are ignored; unknown roles are an error.
func (d *DB) PartyLines(ctx context.Context, role string, partyNames []string) ([]duckdb.PartyLine, error) {
	var r struct{ role, name, nameEn, country, id string }
	for _, x := range partyRoles {
		if x.role == role {
			r = x
		}
	}
	if r.role == "" {
		return nil, fmt.Errorf("party lines: unknown role %q", role)
	}
	var ns []any
	for _, n := range partyNames {
		if n != "" {
			ns = append(ns, n)
		}
	}
	if len(ns) == 0 {
		return nil, nil
	}
	rd, err := d.reader(ctx)
	if err != nil {
		return nil, fmt.Errorf("party lines: %w", err)
	}
	var out []duckdb.PartyLine
	const chunk = 2000
	for start := 0; start < len(ns); start += chunk {
		part := ns[start:min(start+chunk, len(ns))]
		args := append(append([]any(nil), rd.args...), part...)
		where := r.name + ` IN (` + placeholders(len(part)) + `)`
		if r.nameEn != "''" {
			where += ` OR ` + r.nameEn + ` IN (` + placeholders(len(part)) + `)`
			args = append(args, part...)
		}
		q := fmt.Sprintf(`SELECT id, %s, %s, %s, %s FROM shipments WHERE %s AND (%s) ORDER BY id`, r.name, r.nameEn, r.country, r.id, rd.cond, where)
		rows, err := d.conn.Query(ctx, q, args...)
		if err != nil {
			return nil, fmt.Errorf("party lines: %w", err)
		}
		for rows.Next() {
			var l duckdb.PartyLine
			var id int64
			if err := rows.Scan(&id, &l.Name, &l.NameEn, &l.Country, &l.PartyID); err != nil {
				rows.Close()
				return nil, fmt.Errorf("party lines: %w", err)
			}
			l.ID = trade.ShipmentID(id)
			out = append(out, l)
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return nil, fmt.Errorf("party lines: %w", err)
		}
	}
	return out, nil
}

// PartiesToScreen calls fn for each party of the current generation, by id.
func (d *DB) PartiesToScreen(ctx context.Context, fn func(*duckdb.ScreenParty) error) error {
	gen, err := d.partyGen(ctx)
	if err != nil || gen == 0 {
		return err
	}
	rows, err := d.conn.Query(ctx, `SELECT id, name, name_en, country, identifiers, variants FROM parties WHERE generation = ? ORDER BY id`, gen)
	if err != nil {
		return fmt.Errorf("parties to screen: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var p duckdb.ScreenParty
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

// SetPartyMatches records the matches and risk of the given parties of the current generation, as new
// versions in party_matches (no row is updated): readers take each party's latest version. Parties not given
// keep theirs; a rebuild of the parties starts without any, as on DuckDB.
func (d *DB) SetPartyMatches(ctx context.Context, ms []duckdb.PartyMatches) error {
	if len(ms) == 0 {
		return nil
	}
	gen, err := d.partyGen(ctx)
	if err != nil || gen == 0 {
		return err // no parties: nothing to set
	}
	version := d.nextVersion()
	b, err := d.conn.PrepareBatch(ctx, `INSERT INTO party_matches (generation, id, matches, risk, version)`)
	if err != nil {
		return fmt.Errorf("set party matches: %w", err)
	}
	for _, m := range ms {
		if m.Matches == "" {
			m.Matches = "[]"
		}
		if err := b.Append(gen, m.ID, text(m.Matches), m.Risk, version); err != nil {
			b.Abort()
			return fmt.Errorf("set party matches: %w", err)
		}
	}
	if err := b.Send(); err != nil {
		return fmt.Errorf("set party matches: %w", err)
	}
	return nil
}
