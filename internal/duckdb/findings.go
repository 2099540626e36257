package duckdb

import (
	"context"
	"fmt"
	"runtime"
	"sync"
	"time"

	"tradetrace/internal/trade"
)

// findingFileColumns is the column order of the temporary findings file, as read back by read_csv.
const findingFileColumns = `'id': 'BIGINT', 'detector': 'VARCHAR', 'detector_version': 'VARCHAR', 'key': 'VARCHAR',
'score': 'DOUBLE', 'severity': 'VARCHAR', 'title': 'VARCHAR', 'explanation': 'VARCHAR', 'parties': 'VARCHAR',
'shipments': 'VARCHAR', 'shipment_ids': 'VARCHAR', 'evidence': 'VARCHAR', 'value_usd': 'DOUBLE', 'weight_kg': 'DOUBLE',
'created': 'TIMESTAMP'`

// ReplaceFindings stores a detector's findings in place of its previous ones, in one transaction. The findings
// go through a temporary file and DuckDB's CSV reader, as runs do: bound inserts took 44 of the 68 s of a
// 10M-row detect run.
func (d *DB) ReplaceFindings(ctx context.Context, detector, version string, fs []trade.Finding) error {
	tf, err := d.tempTSV("findings-*.tsv")
	if err != nil {
		return fmt.Errorf("save findings: %w", err)
	}
	defer tf.remove()
	tx, err := d.db.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("save findings: %w", err)
	}
	defer tx.Rollback()
	var next int64
	if err := tx.QueryRowContext(ctx, `SELECT coalesce(max(id), 0) + 1 FROM findings`).Scan(&next); err != nil {
		return fmt.Errorf("save findings: %w", err)
	}
	w := tf.w
	now := time.Now().UTC().Format("2006-01-02 15:04:05.000000")
	for i := range fs {
		fs[i].ID = next + int64(i)
	}
	// The rows are encoded on every core, a batch each, and written in order.
	const batch = 2048
	workers := runtime.GOMAXPROCS(0)
	bufs := make([][]byte, workers)
	for start := 0; start < len(fs); start += batch * workers {
		var wg sync.WaitGroup
		for k := range workers {
			lo := start + k*batch
			hi := min(lo+batch, len(fs))
			bufs[k] = bufs[k][:0]
			if lo >= hi {
				continue
			}
			wg.Add(1)
			go func() {
				defer wg.Done()
				bufs[k] = encodeFindings(bufs[k], fs[lo:hi], detector, version, now)
			}()
		}
		wg.Wait()
		for _, b := range bufs {
			if _, err := w.Write(b); err != nil {
				return fmt.Errorf("save findings: %w", err)
			}
		}
	}
	if err := tf.flush(); err != nil {
		return fmt.Errorf("save findings: %w", err)
	}
	if _, err := tx.ExecContext(ctx, `DELETE FROM findings WHERE detector = ?`, detector); err != nil {
		return fmt.Errorf("save findings: %w", err)
	}
	if len(fs) > 0 {
		src := tf.source(findingFileColumns)
		if _, err := tx.ExecContext(ctx, `INSERT INTO findings SELECT * FROM `+src); err != nil {
			return fmt.Errorf("save findings: %w", err)
		}
	}
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("save findings: %w", err)
	}
	return nil
}

// encodeFindings appends the rows of the findings table for fs, in the order of findingFileColumns.
func encodeFindings(b []byte, fs []trade.Finding, detector, version, now string) []byte {
	var e rowEncoder
	for i := range fs {
		fd := &fs[i]
		e = rowEncoder{b: b}
		e.int(fd.ID)
		e.str(detector)
		e.str(version)
		e.str(fd.Key)
		e.num(trade.N(fd.Score))
		e.str(fd.Severity.String())
		e.str(fd.Title)
		e.str(fd.Explanation)
		// The lists' JSON needs none of str's cleaning: it is valid UTF-8, with every control character escaped.
		e.b = fd.AppendLists(e.sep(), '\t')
		e.num(trade.N(fd.ValueUSD))
		e.num(trade.N(fd.WeightKg))
		e.raw(now)
		b = append(e.b, '\n')
	}
	return b
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
	// NoRecords leaves out each finding's explanation, cited records and store ids (the explanation comes empty,
	// the lists empty), may leave out evidence that does not name the goods, and, without a Limit, any order (keys are unique; callers that need an order sort): what
	// cases are built from. The lists are most of a finding's bytes: reading them for the 580k findings of a
	// 10M-line store set the memory peak of a whole detect run.
	NoRecords bool
}

// findingSelect is the SELECT list of findingColumns for a filter.
func findingSelect(f FindingFilter) string {
	if f.NoRecords {
		return findingColumnsNoRecords
	}
	return findingColumns
}

// Findings lists findings by descending score.
func (d *DB) Findings(ctx context.Context, f FindingFilter) ([]trade.Finding, error) {
	q, args := findingsQuery(f)
	return d.queryFindings(ctx, "list findings", q, args...)
}

// EachFinding calls fn with each finding that Findings would list, in its order, without holding them all: the
// 580k findings of a 10M-line store, read whole, took more than a gigabyte.
func (d *DB) EachFinding(ctx context.Context, f FindingFilter, fn func(*trade.Finding) error) error {
	q, args := findingsQuery(f)
	return d.eachFinding(ctx, "list findings", fn, q, args...)
}

// findingsQuery is the query of Findings and its arguments.
func findingsQuery(f FindingFilter) (string, []any) {
	q := `SELECT ` + findingSelect(f) + ` FROM findings WHERE score >= ?`
	args := []any{f.MinScore}
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
	return q, args
}
