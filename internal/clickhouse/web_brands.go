package clickhouse

// The distinct brands and makers of the store's lines, built once per version of the lines on the cluster
// (migrations/006_web.sql): a party search that finds no party looks for the text in them before it reads the
// brand and maker of every line.

import (
	"context"
	"encoding/binary"
	"fmt"
	"hash/fnv"
	"time"

	"github.com/ClickHouse/clickhouse-go/v2/lib/driver"
)

// webRunsVersion is the version of the lines a reader sees: a hash of the complete runs' ids (in id order, as
// completeRuns returns them).
func webRunsVersion(runs []int64) uint64 {
	h := fnv.New64a()
	var b [8]byte
	for _, r := range runs {
		binary.LittleEndian.PutUint64(b[:], uint64(r))
		h.Write(b[:])
	}
	return h.Sum64()
}

// webBrandsHold reports whether a brand or maker written on the lines of these complete runs holds the text,
// in any case, building the store's list of brands for this version of the lines first if no process has.
func (d *DB) webBrandsHold(ctx context.Context, runs []int64, text string) (bool, error) {
	v := webRunsVersion(runs)
	var n uint64
	if err := d.conn.QueryRow(ctx, `SELECT count() FROM web_brand_sets WHERE runs = ?`, v).Scan(&n); err != nil {
		return false, fmt.Errorf("brands: %w", err)
	}
	if n == 0 {
		if err := d.webBuildBrands(ctx, runs, v); err != nil {
			return false, fmt.Errorf("brands: %w", err)
		}
	}
	c, args := webHolds(text, "brand")
	if err := d.conn.QueryRow(ctx, `SELECT count() FROM (SELECT 1 FROM web_brands WHERE runs = ? AND `+c+` LIMIT 1)`,
		append([]any{v}, args...)...).Scan(&n); err != nil {
		return false, fmt.Errorf("brands: %w", err)
	}
	return n > 0, nil
}

// webBuildBrands writes the distinct brands and makers of the lines of these runs as version v, each shard its
// own, records the version, and drops the versions before the one recorded last before it.
func (d *DB) webBuildBrands(ctx context.Context, runs []int64, v uint64) error {
	cond, args := visible(runs)
	args = append(append([]any{v}, args...), args...)
	err := d.onShards(ctx, func(ctx context.Context, c driver.Conn) error {
		return c.Exec(ctx, `INSERT INTO web_brands_local (runs, brand) SELECT toUInt64(?), b FROM (
  SELECT brand AS b FROM shipments_local WHERE `+cond+` UNION ALL SELECT manufacturer FROM shipments_local WHERE `+cond+`
) GROUP BY b`, args...)
	})
	if err != nil {
		return err
	}
	if err := insertRow(ctx, d.conn, `INSERT INTO web_brand_sets (runs, created)`, v, time.Now()); err != nil {
		return err
	}
	rows, err := d.conn.Query(ctx, `SELECT runs FROM web_brand_sets WHERE runs != ? GROUP BY runs ORDER BY max(created) DESC, runs`, v)
	if err != nil {
		return err
	}
	var old []uint64
	for rows.Next() {
		var r uint64
		if err := rows.Scan(&r); err != nil {
			rows.Close()
			return err
		}
		old = append(old, r)
	}
	err = rows.Err()
	rows.Close()
	if err != nil || len(old) < 2 {
		return err
	}
	// The version recorded just before this one stays for the readers that have just read it; older ones go,
	// their record before their brands, so that no reader takes a version for built while its brands are dropped.
	return d.onShards(ctx, func(ctx context.Context, c driver.Conn) error {
		for _, r := range old[1:] {
			for _, t := range []string{"web_brand_sets_local", "web_brands_local"} {
				if err := c.Exec(ctx, fmt.Sprintf(`ALTER TABLE %s DROP PARTITION %d`, t, r)); err != nil {
					return err
				}
			}
		}
		return nil
	})
}
