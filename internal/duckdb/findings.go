package duckdb

import (
	"context"
	"encoding/json"
	"fmt"
	"strings"
	"time"

	"tradetrace/internal/trade"
)

// ReplaceFindings stores a detector's findings in place of its previous ones, in one transaction.
func (d *DB) ReplaceFindings(ctx context.Context, detector, version string, fs []trade.Finding) error {
	tx, err := d.db.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("save findings: %w", err)
	}
	defer tx.Rollback()
	if _, err := tx.ExecContext(ctx, `DELETE FROM findings WHERE detector = ?`, detector); err != nil {
		return fmt.Errorf("save findings: %w", err)
	}
	var next int64
	if err := tx.QueryRowContext(ctx, `SELECT coalesce(max(id), 0) + 1 FROM findings`).Scan(&next); err != nil {
		return fmt.Errorf("save findings: %w", err)
	}
	// Multi-row inserts: one prepared insert per finding cost milliseconds each.
	const cols = 15
	const batch = 400
	now := time.Now().UTC()
	for start := 0; start < len(fs); start += batch {
		end := min(start+batch, len(fs))
		args := make([]any, 0, (end-start)*cols)
		for i := start; i < end; i++ {
			f := &fs[i]
			f.ID = next + int64(i)
			parties, _ := json.Marshal(nonNil(f.Parties))
			ships, _ := json.Marshal(nonNil(f.Shipments))
			ids, _ := json.Marshal(nonNil(f.ShipmentIDs))
			ev, _ := json.Marshal(nonNil(f.Evidence))
			args = append(args, f.ID, detector, version, f.Key, f.Score, f.Severity.String(), f.Title, f.Explanation,
				string(parties), string(ships), string(ids), string(ev), f.ValueUSD, f.WeightKg, now)
		}
		row := "(" + placeholders(cols) + ")"
		q := `INSERT INTO findings (id, detector, detector_version, key, score, severity, title, explanation,
			parties, shipments, shipment_ids, evidence, value_usd, weight_kg, created) VALUES ` +
			strings.TrimSuffix(strings.Repeat(row+", ", end-start), ", ")
		if _, err := tx.ExecContext(ctx, q, args...); err != nil {
			return fmt.Errorf("save findings: %w", err)
		}
	}
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("save findings: %w", err)
	}
	return nil
}

func nonNil[T any](s []T) []T {
	if s == nil {
		return []T{}
	}
	return s
}

// FindingFilter selects findings.
type FindingFilter struct {
	Detector string
	MinScore float64
	Limit    int
}

// Findings lists findings by descending score.
func (d *DB) Findings(ctx context.Context, f FindingFilter) ([]trade.Finding, error) {
	q := `SELECT id, detector, detector_version, key, score, severity, title, explanation, parties, shipments, shipment_ids, evidence, value_usd, weight_kg FROM findings WHERE score >= ?`
	args := []any{f.MinScore}
	if f.Detector != "" {
		q += ` AND detector = ?`
		args = append(args, f.Detector)
	}
	q += ` ORDER BY score DESC, key`
	if f.Limit > 0 {
		q += ` LIMIT ?`
		args = append(args, f.Limit)
	}
	rows, err := d.db.QueryContext(ctx, q, args...)
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
		for _, p := range []struct {
			s string
			v any
		}{{parties, &fd.Parties}, {ships, &fd.Shipments}, {ids, &fd.ShipmentIDs}, {ev, &fd.Evidence}} {
			if err := json.Unmarshal([]byte(p.s), p.v); err != nil {
				return nil, fmt.Errorf("finding %d: %w", fd.ID, err)
			}
		}
		out = append(out, fd)
	}
	return out, rows.Err()
}
