package clickhouse

import (
	"context"
	"fmt"
	"time"

	"github.com/ClickHouse/clickhouse-go/v2/lib/driver"

	"tradetrace/internal/duckdb"
	"tradetrace/internal/trade"
)

// FindingFilter selects findings; it is the DuckDB store's, so both stores answer the same calls.
type FindingFilter = duckdb.FindingFilter

const findingColumns = `id, generation, detector, detector_version, key, score, severity, title, explanation, parties, shipments, shipment_ids, evidence, value_usd, weight_kg, created`

// ReplaceFindings stores a detector's findings in place of its previous ones. The findings are written as a
// new generation, which becomes the detector's current one by a single insert into finding_sets; the older
// generations are then deleted in the background. Readers see either the old findings or the new, never a mix.
func (d *DB) ReplaceFindings(ctx context.Context, detector, version string, fs []trade.Finding) error {
	gen := d.nextVersion()
	var next int64
	if err := d.conn.QueryRow(ctx, `SELECT toInt64(max(id) + 1) FROM findings`).Scan(&next); err != nil {
		return fmt.Errorf("save findings: %w", err)
	}
	if next < 1 {
		next = 1
	}
	now := time.Now().UTC()
	if len(fs) > 0 {
		b, err := d.conn.PrepareBatch(ctx, `INSERT INTO findings (`+findingColumns+`)`)
		if err != nil {
			return fmt.Errorf("save findings: %w", err)
		}
		for i := range fs {
			fd := &fs[i]
			fd.ID = next + int64(i)
			parties, ships, ids, ev := fd.EncodeLists()
			if err := b.Append(fd.ID, gen, text(detector), text(version), text(fd.Key), fd.Score, fd.Severity.String(), text(fd.Title),
				text(fd.Explanation), text(parties), text(ships), ids, text(ev), fd.ValueUSD, fd.WeightKg, now); err != nil {
				b.Abort()
				return fmt.Errorf("save findings: %w", err)
			}
		}
		if err := b.Send(); err != nil {
			return fmt.Errorf("save findings: %w", err)
		}
	}
	if err := insertRow(ctx, d.conn, `INSERT INTO finding_sets (detector, generation, findings, created)`,
		detector, gen, int64(len(fs)), now); err != nil {
		return fmt.Errorf("save findings: %w", err)
	}
	// Older generations are invisible now; deleting them is housekeeping, retried by the next replace.
	_ = d.onShards(context.WithoutCancel(ctx), func(ctx context.Context, c driver.Conn) error {
		var n uint64
		if err := c.QueryRow(ctx, `SELECT count() FROM findings_local WHERE detector = ? AND generation < ?`, detector, gen).Scan(&n); err != nil || n == 0 {
			return err
		}
		return c.Exec(ctx, `ALTER TABLE findings_local DELETE WHERE detector = ? AND generation < ?`, detector, gen)
	})
	return nil
}

// currentGenerations returns the current generation of each detector's findings.
func (d *DB) currentGenerations(ctx context.Context) ([]any, error) {
	rows, err := d.conn.Query(ctx, `SELECT max(generation) FROM finding_sets GROUP BY detector`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var gens []any
	for rows.Next() {
		var g uint64
		if err := rows.Scan(&g); err != nil {
			return nil, err
		}
		gens = append(gens, g)
	}
	return gens, rows.Err()
}

// Findings lists the current findings by descending score.
func (d *DB) Findings(ctx context.Context, f FindingFilter) ([]trade.Finding, error) {
	gens, err := d.currentGenerations(ctx)
	if err != nil {
		return nil, fmt.Errorf("list findings: %w", err)
	}
	if len(gens) == 0 {
		return nil, nil
	}
	lists := `explanation, parties, shipments, shipment_ids`
	if f.NoRecords {
		lists = `'' AS explanation, parties, '[]' AS shipments, '[]' AS shipment_ids`
	}
	q := `SELECT id, detector, detector_version, key, score, severity, title, ` + lists + `, evidence, value_usd, weight_kg
FROM findings WHERE generation IN (` + placeholders(len(gens)) + `) AND score >= ?`
	args := append(gens, f.MinScore)
	if f.Detector != "" {
		q += ` AND detector = ?`
		args = append(args, f.Detector)
	}
	if !f.NoRecords || f.Limit > 0 {
		q += ` ORDER BY score DESC, key`
	}
	if f.Limit > 0 {
		q += ` LIMIT ?`
		args = append(args, f.Limit)
	}
	rows, err := d.conn.Query(ctx, q, args...)
	if err != nil {
		return nil, fmt.Errorf("list findings: %w", err)
	}
	defer rows.Close()
	var out []trade.Finding
	for rows.Next() {
		var fd trade.Finding
		var sev, parties, ships, ids, ev string
		if err := rows.Scan(&fd.ID, &fd.Detector, &fd.DetectorVersion, &fd.Key, &fd.Score, &sev, &fd.Title, &fd.Explanation,
			&parties, &ships, &ids, &ev, &fd.ValueUSD, &fd.WeightKg); err != nil {
			return nil, fmt.Errorf("list findings: %w", err)
		}
		fd.Severity, _ = trade.ParseSeverity(sev)
		if err := fd.DecodeLists(parties, ships, ids, ev); err != nil {
			return nil, err
		}
		out = append(out, fd)
	}
	return out, rows.Err()
}
