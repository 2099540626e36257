// Package duckdb is tradetrace's embedded store: one DuckDB file holding runs, shipments with their raw source
// rows, rejected rows and findings. The schema lives in numbered migrations embedded in the binary.
package duckdb

import (
	"context"
	"database/sql"
	"embed"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"

	duck "github.com/duckdb/duckdb-go/v2"
)

//go:embed migrations/*.sql
var migrations embed.FS

// DB is an open store.
type DB struct {
	db     *sql.DB
	path   string // "" for an in-memory store
	tmpDir string
	rawDir string // the runs' files of source records (raw.go): PATH.raw, or a temporary directory in memory
	memo   memo

	streams liveStreams // runs streaming to their INSERT, through a pipe (stream.go) or as Arrow batches (arrow.go)
	qlog    *queryLog   // nil unless Config.QueryLog is set
}

// Config tunes the store.
type Config struct {
	MemoryLimit string // DuckDB memory_limit, e.g. "3GB"; empty keeps DuckDB's default
	// BlockMemory is DuckDB's block_allocator_memory, e.g. "1GB": memory for DuckDB's blocks (the pages of
	// tables read from the file, its hash tables) that, once taken, DuckDB keeps for the store's life and
	// gives to the next blocks, where it otherwise hands each block's memory back to the system when the block
	// goes, and takes fresh memory, page by page, for the next. Empty keeps DuckDB's default (none kept).
	BlockMemory string
	Threads     int // 0 keeps DuckDB's default (one per core)
	// QueryLog, when set, gets a line for each query whose rows the store reads: how long DuckDB took to run
	// it and its rows to read, with the process's CPU time in each span (querylog.go).
	QueryLog io.Writer
}

// Open opens or creates the store at path (":memory:" or "" for a store in memory), applies pending migrations
// and marks runs left loading by an interrupted process as failed (they hold no rows: rows are only written
// when a run commits; the files of source records such a run had begun are removed).
func Open(ctx context.Context, path string, cfg Config) (*DB, error) {
	dsn := path
	if path == ":memory:" {
		dsn, path = "", ""
	}
	tmp := os.TempDir()
	if path != "" {
		if dir := filepath.Dir(path); dir != "" {
			if err := os.MkdirAll(dir, 0o755); err != nil {
				return nil, fmt.Errorf("open store: %w", err)
			}
		}
		tmp = path + ".tmp"
	}
	// Rows carry their own ids, so DuckDB need not keep insertion order: loads run in parallel.
	settings := []string{"SET preserve_insertion_order = false"}
	if cfg.MemoryLimit != "" {
		settings = append(settings, "SET memory_limit='"+cfg.MemoryLimit+"'")
	}
	if cfg.BlockMemory != "" {
		settings = append(settings, "SET block_allocator_memory='"+cfg.BlockMemory+"'")
	}
	if cfg.Threads > 0 {
		settings = append(settings, "SET threads="+strconv.Itoa(cfg.Threads))
	}
	c, err := duck.NewConnector(dsn, nil)
	if err != nil {
		return nil, fmt.Errorf("open store %s: %w", path, err)
	}
	sdb := sql.OpenDB(c)
	for _, s := range settings {
		if _, err := sdb.ExecContext(ctx, s); err != nil {
			sdb.Close()
			return nil, fmt.Errorf("open store: %s: %w", s, err)
		}
	}
	if path == "" {
		sdb.SetMaxOpenConns(1) // every connection of an in-memory store would see its own database
	}
	if path != "" {
		// DuckDB holds the file for one process, so the temporary files of runs it finds are a killed
		// process's leftovers: their runs are marked failed below.
		if err := os.RemoveAll(tmp); err != nil {
			sdb.Close()
			return nil, fmt.Errorf("open store: remove leftovers: %w", err)
		}
	}
	d := &DB{db: sdb, path: path, tmpDir: tmp, rawDir: path + ".raw"}
	if cfg.QueryLog != nil {
		d.qlog = &queryLog{w: cfg.QueryLog}
	}
	if path == "" {
		if d.rawDir, err = os.MkdirTemp("", "tradetrace-raw-"); err != nil {
			sdb.Close()
			return nil, fmt.Errorf("open store: %w", err)
		}
	}
	if err := d.migrate(ctx); err != nil {
		sdb.Close()
		return nil, err
	}
	if err := d.ensurePartySummaries(ctx); err != nil {
		sdb.Close()
		return nil, err
	}
	if _, err := sdb.ExecContext(ctx, `UPDATE runs SET status = 'failed', error = 'interrupted: the process stopped before the run committed' WHERE status = 'loading'`); err != nil {
		sdb.Close()
		return nil, fmt.Errorf("open store: %w", err)
	}
	if err := d.removeRawLeftovers(ctx); err != nil {
		sdb.Close()
		return nil, fmt.Errorf("open store: remove leftovers: %w", err)
	}
	if err := d.dropRunViews(ctx); err != nil {
		sdb.Close()
		return nil, fmt.Errorf("open store: remove leftovers: %w", err)
	}
	return d, nil
}

// dropRunViews drops the views of runs' Arrow rows (arrow.go) that a killed process left: DuckDB keeps such a
// view in the store's file, and it points at the dead process's memory. No run is loading when a store opens.
func (d *DB) dropRunViews(ctx context.Context) error {
	var views []string
	if err := d.eachQueried(ctx, "leftover run views", func(r rowScanner) error {
		var v string
		err := r.Scan(&v)
		views = append(views, v)
		return err
	}, `SELECT view_name FROM duckdb_views() WHERE NOT internal AND schema_name = 'main' AND view_name LIKE 'tt\_run\_%\_rows' ESCAPE '\'`); err != nil {
		return err
	}
	for _, v := range views {
		if _, err := d.db.ExecContext(ctx, `DROP VIEW IF EXISTS "`+v+`"`); err != nil {
			return err
		}
	}
	return nil
}

// Close closes the store.
func (d *DB) Close() error {
	d.streams.abandon()
	err := d.db.Close()
	if d.path == "" {
		os.RemoveAll(d.rawDir)
	}
	return err
}

// DeferCheckpoints has the store write its committed changes into its file when it closes, not each time its
// write-ahead log passes DuckDB's 16 MB. A detect run commits each detector's findings in turn, and each
// checkpoint rewrote what the commits before it had changed: on the 10M-line sample the eight detectors took
// 139–144 CPU-s with the checkpoint at close against 153–154 CPU-s without (the whole command, close included,
// 186–187 against 192–193). What a commit made is as safe either way: DuckDB replays its log when it opens.
func (d *DB) DeferCheckpoints(ctx context.Context) error {
	if _, err := d.db.ExecContext(ctx, "SET checkpoint_threshold = '"+deferredCheckpoint+"'"); err != nil {
		return fmt.Errorf("defer checkpoints: %w", err)
	}
	return nil
}

// deferredCheckpoint is the log size at which DeferCheckpoints' store checkpoints before it closes: far beyond
// what a detect run writes (its 583k findings on the 10M-line sample).
const deferredCheckpoint = "8GB"

// SQL exposes the database for benchmarks and tests in this module.
func (d *DB) SQL() *sql.DB { return d.db }

func (d *DB) migrate(ctx context.Context) error {
	if _, err := d.db.ExecContext(ctx, `CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name VARCHAR NOT NULL, applied TIMESTAMP NOT NULL DEFAULT current_timestamp)`); err != nil {
		return fmt.Errorf("migrate: %w", err)
	}
	entries, err := fs.ReadDir(migrations, "migrations")
	if err != nil {
		return fmt.Errorf("migrate: %w", err)
	}
	sort.Slice(entries, func(i, j int) bool { return entries[i].Name() < entries[j].Name() })
	for _, e := range entries {
		num, _, ok := strings.Cut(e.Name(), "_")
		v, err := strconv.Atoi(num)
		if !ok || err != nil {
			return fmt.Errorf("migrate: %s: the name must start with a number and an underscore", e.Name())
		}
		var n int
		if err := d.db.QueryRowContext(ctx, `SELECT count(*) FROM schema_migrations WHERE version = ?`, v).Scan(&n); err != nil {
			return fmt.Errorf("migrate: %w", err)
		}
		if n > 0 {
			continue
		}
		body, err := migrations.ReadFile("migrations/" + e.Name())
		if err != nil {
			return fmt.Errorf("migrate: %w", err)
		}
		tx, err := d.db.BeginTx(ctx, nil)
		if err != nil {
			return fmt.Errorf("migrate: %w", err)
		}
		if _, err := tx.ExecContext(ctx, string(body)); err != nil {
			tx.Rollback()
			return fmt.Errorf("migrate %s: %w", e.Name(), err)
		}
		if _, err := tx.ExecContext(ctx, `INSERT INTO schema_migrations (version, name) VALUES (?, ?)`, v, e.Name()); err != nil {
			tx.Rollback()
			return fmt.Errorf("migrate %s: %w", e.Name(), err)
		}
		if err := tx.Commit(); err != nil {
			return fmt.Errorf("migrate %s: %w", e.Name(), err)
		}
	}
	return nil
}
