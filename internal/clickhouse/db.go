// Package clickhouse is tradetrace's distributed store: the same runs, shipments with their raw source rows,
// rejected rows and findings as the DuckDB store, on a ClickHouse cluster of one or more shards. Each table is
// a MergeTree table on every shard with a Distributed table over them (migrations/001_core.sql says how rows are
// sharded and how a run becomes visible in one step without transactions).
//
// A store is named by a URL: clickhouse://[user[:password]@]host:port/database[?cluster=NAME&lease=DURATION].
// The server at host:port must define the cluster (default "tradetrace") in its remote_servers; the store finds
// the other shards there and applies its migrations on each.
package clickhouse

import (
	"context"
	"embed"
	"errors"
	"fmt"
	"io/fs"
	"net"
	"net/url"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"sync"
	"time"

	ch "github.com/ClickHouse/clickhouse-go/v2"
	"github.com/ClickHouse/clickhouse-go/v2/lib/driver"
)

//go:embed migrations/*.sql
var migrations embed.FS

// DefaultLease is how long a loading run may go without a heartbeat before another process takes it for dead.
const DefaultLease = 2 * time.Minute

// DB is an open store.
type DB struct {
	conn     driver.Conn   // the server named in the URL: Distributed queries start here
	shards   []driver.Conn // one connection per shard, in shard order, for per-shard work
	addrs    []string      // the shards' native addresses
	database string
	cluster  string
	lease    time.Duration

	mu      sync.Mutex
	version uint64 // the last event version handed out: versions increase even when the clock does not
}

// Config is a parsed store URL.
type Config struct {
	Addr     string // host:port of the native protocol
	Database string
	Cluster  string
	User     string
	Password string
	Lease    time.Duration
}

var identRE = regexp.MustCompile(`^[A-Za-z_][A-Za-z0-9_]*$`)

// ParseURL reads clickhouse://[user[:password]@]host:port/database[?cluster=NAME&lease=DURATION].
func ParseURL(s string) (Config, error) {
	u, err := url.Parse(s)
	if err != nil {
		return Config{}, fmt.Errorf("clickhouse store URL: %w", err)
	}
	if u.Scheme != "clickhouse" {
		return Config{}, fmt.Errorf("clickhouse store URL %q: the scheme must be clickhouse://", s)
	}
	cfg := Config{Addr: u.Host, Database: strings.Trim(u.Path, "/"), Cluster: "tradetrace", User: "default", Lease: DefaultLease}
	if cfg.Addr == "" {
		return Config{}, fmt.Errorf("clickhouse store URL %q: no host:port", s)
	}
	if _, _, err := net.SplitHostPort(cfg.Addr); err != nil {
		cfg.Addr = net.JoinHostPort(cfg.Addr, "9000")
	}
	if cfg.Database == "" {
		cfg.Database = "tradetrace"
	}
	if u.User != nil {
		cfg.User = u.User.Username()
		cfg.Password, _ = u.User.Password()
	}
	q := u.Query()
	if c := q.Get("cluster"); c != "" {
		cfg.Cluster = c
	}
	if l := q.Get("lease"); l != "" {
		d, err := time.ParseDuration(l)
		if err != nil || d <= 0 {
			return Config{}, fmt.Errorf("clickhouse store URL %q: lease %q is not a positive duration", s, l)
		}
		cfg.Lease = d
	}
	if !identRE.MatchString(cfg.Database) || !identRE.MatchString(cfg.Cluster) {
		return Config{}, fmt.Errorf("clickhouse store URL %q: the database and cluster must be plain names (letters, digits, _)", s)
	}
	return cfg, nil
}

// Open connects to the store the URL names, creates its database and tables on every shard of the cluster if
// they are missing, and marks runs whose loading process has died as failed.
func Open(ctx context.Context, rawURL string) (*DB, error) {
	cfg, err := ParseURL(rawURL)
	if err != nil {
		return nil, err
	}
	return OpenConfig(ctx, cfg)
}

// OpenConfig is Open with a parsed URL.
func OpenConfig(ctx context.Context, cfg Config) (*DB, error) {
	boot, err := dial(ctx, cfg, cfg.Addr, "default")
	if err != nil {
		return nil, err
	}
	addrs, err := clusterAddrs(ctx, boot, cfg)
	boot.Close()
	if err != nil {
		return nil, err
	}
	d := &DB{addrs: addrs, database: cfg.Database, cluster: cfg.Cluster, lease: cfg.Lease}
	for _, a := range addrs {
		c, err := dial(ctx, cfg, a, "default")
		if err != nil {
			d.Close()
			return nil, err
		}
		err = c.Exec(ctx, "CREATE DATABASE IF NOT EXISTS "+cfg.Database)
		c.Close()
		if err != nil {
			d.Close()
			return nil, fmt.Errorf("clickhouse %s: create database %s: %w", a, cfg.Database, err)
		}
		c, err = dial(ctx, cfg, a, cfg.Database)
		if err != nil {
			d.Close()
			return nil, err
		}
		d.shards = append(d.shards, c)
	}
	if d.conn, err = dial(ctx, cfg, cfg.Addr, cfg.Database); err != nil {
		d.Close()
		return nil, err
	}
	if err := d.migrate(ctx); err != nil {
		d.Close()
		return nil, err
	}
	if err := d.reapStale(ctx); err != nil {
		d.Close()
		return nil, err
	}
	return d, nil
}

func dial(ctx context.Context, cfg Config, addr, database string) (driver.Conn, error) {
	c, err := ch.Open(&ch.Options{
		Addr: []string{addr},
		Auth: ch.Auth{Database: database, Username: cfg.User, Password: cfg.Password},
		Settings: ch.Settings{
			// An insert into a Distributed table returns once every shard holds its rows, not when they are
			// queued on the server that received them: a run is only marked complete after its rows are in.
			"insert_distributed_sync": 1,
		},
		DialTimeout:  10 * time.Second,
		MaxOpenConns: 16,
		Compression:  &ch.Compression{Method: ch.CompressionLZ4},
	})
	if err != nil {
		return nil, fmt.Errorf("clickhouse %s: %w", addr, err)
	}
	if err := c.Ping(ctx); err != nil {
		c.Close()
		return nil, fmt.Errorf("clickhouse %s: %w", addr, err)
	}
	return c, nil
}

// clusterAddrs reads the shards of the cluster from the server's remote_servers: one address per shard (the
// first replica of each).
func clusterAddrs(ctx context.Context, c driver.Conn, cfg Config) ([]string, error) {
	rows, err := c.Query(ctx, `SELECT shard_num, host_address, port FROM system.clusters WHERE cluster = ? AND replica_num = 1 ORDER BY shard_num`, cfg.Cluster)
	if err != nil {
		return nil, fmt.Errorf("clickhouse %s: read cluster %s: %w", cfg.Addr, cfg.Cluster, err)
	}
	defer rows.Close()
	var addrs []string
	for rows.Next() {
		var shard uint32
		var host string
		var port uint16
		if err := rows.Scan(&shard, &host, &port); err != nil {
			return nil, fmt.Errorf("clickhouse %s: read cluster %s: %w", cfg.Addr, cfg.Cluster, err)
		}
		addrs = append(addrs, net.JoinHostPort(host, strconv.Itoa(int(port))))
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("clickhouse %s: read cluster %s: %w", cfg.Addr, cfg.Cluster, err)
	}
	if len(addrs) == 0 {
		return nil, fmt.Errorf("clickhouse %s: the server defines no cluster %q in remote_servers; the store needs one (a single server is a cluster of one shard: see internal/clickhouse/README.md)", cfg.Addr, cfg.Cluster)
	}
	return addrs, nil
}

// Close closes the store's connections.
func (d *DB) Close() error {
	var errs []error
	if d.conn != nil {
		errs = append(errs, d.conn.Close())
	}
	for _, c := range d.shards {
		errs = append(errs, c.Close())
	}
	return errors.Join(errs...)
}

// Shards returns the native addresses of the cluster's shards, in shard order.
func (d *DB) Shards() []string { return append([]string(nil), d.addrs...) }

// Conn exposes the connection for benchmarks and tests in this module.
func (d *DB) Conn() driver.Conn { return d.conn }

// nextVersion returns a version for a run or finding event: nanoseconds since 1970, strictly increasing within
// this process.
func (d *DB) nextVersion() uint64 {
	d.mu.Lock()
	defer d.mu.Unlock()
	v := uint64(time.Now().UnixNano())
	if v <= d.version {
		v = d.version + 1
	}
	d.version = v
	return v
}

// onShards runs fn on every shard at once and joins the errors, each naming its shard.
func (d *DB) onShards(ctx context.Context, fn func(ctx context.Context, c driver.Conn) error) error {
	errs := make([]error, len(d.shards))
	var wg sync.WaitGroup
	for i, c := range d.shards {
		wg.Add(1)
		go func() {
			defer wg.Done()
			if err := fn(ctx, c); err != nil {
				errs[i] = fmt.Errorf("shard %d (%s): %w", i+1, d.addrs[i], err)
			}
		}()
	}
	wg.Wait()
	return errors.Join(errs...)
}

func (d *DB) migrate(ctx context.Context) error {
	entries, err := fs.ReadDir(migrations, "migrations")
	if err != nil {
		return fmt.Errorf("migrate: %w", err)
	}
	sort.Slice(entries, func(i, j int) bool { return entries[i].Name() < entries[j].Name() })
	for i, c := range d.shards {
		if err := d.migrateShard(ctx, c, entries); err != nil {
			return fmt.Errorf("migrate shard %d (%s): %w", i+1, d.addrs[i], err)
		}
	}
	return nil
}

func (d *DB) migrateShard(ctx context.Context, c driver.Conn, entries []fs.DirEntry) error {
	if err := c.Exec(ctx, `CREATE TABLE IF NOT EXISTS schema_migrations (version Int64, name String, applied DateTime) ENGINE = MergeTree ORDER BY version`); err != nil {
		return err
	}
	for _, e := range entries {
		num, _, ok := strings.Cut(e.Name(), "_")
		v, err := strconv.Atoi(num)
		if !ok || err != nil {
			return fmt.Errorf("%s: the name must start with a number and an underscore", e.Name())
		}
		var n uint64
		if err := c.QueryRow(ctx, `SELECT count() FROM schema_migrations WHERE version = ?`, v).Scan(&n); err != nil {
			return err
		}
		if n > 0 {
			continue
		}
		body, err := migrations.ReadFile("migrations/" + e.Name())
		if err != nil {
			return err
		}
		text := strings.NewReplacer("{cluster}", d.cluster, "{database}", d.database).Replace(string(body))
		for _, stmt := range splitStatements(text) {
			// A migration that stopped half-way is re-run: a table it already made is kept.
			stmt = strings.Replace(stmt, "CREATE TABLE ", "CREATE TABLE IF NOT EXISTS ", 1)
			if err := c.Exec(ctx, stmt); err != nil {
				return fmt.Errorf("%s: %w", e.Name(), err)
			}
		}
		if err := insertRow(ctx, c, `INSERT INTO schema_migrations (version, name, applied)`, int64(v), e.Name(), time.Now()); err != nil {
			return fmt.Errorf("%s: %w", e.Name(), err)
		}
	}
	return nil
}

// insertRow inserts one row. Inserts go as data blocks with an explicit column list: ClickHouse 18.16 takes
// no values inline over the native protocol.
func insertRow(ctx context.Context, c driver.Conn, insert string, vals ...any) error {
	b, err := c.PrepareBatch(ctx, insert)
	if err != nil {
		return err
	}
	if err := b.Append(vals...); err != nil {
		b.Abort()
		return err
	}
	return b.Send()
}

// splitStatements splits a migration at the semicolons that end a line, dropping comment lines.
func splitStatements(text string) []string {
	var out []string
	var cur strings.Builder
	for _, line := range strings.Split(text, "\n") {
		t := strings.TrimSpace(line)
		if t == "" || strings.HasPrefix(t, "--") {
			continue
		}
		cur.WriteString(line)
		cur.WriteByte('\n')
		if strings.HasSuffix(t, ";") {
			s := strings.TrimSuffix(strings.TrimSpace(cur.String()), ";")
			out = append(out, s)
			cur.Reset()
		}
	}
	if s := strings.TrimSpace(cur.String()); s != "" {
		out = append(out, s)
	}
	return out
}

// DropDatabase drops the store's database on every shard: everything it holds is gone. For tests and for
// taking a store down on purpose.
func (d *DB) DropDatabase(ctx context.Context) error {
	return d.onShards(ctx, func(ctx context.Context, c driver.Conn) error {
		return c.Exec(ctx, "DROP DATABASE IF EXISTS "+d.database)
	})
}

// WithSettings returns a context whose queries run with these ClickHouse settings, e.g. max_block_size.
func WithSettings(ctx context.Context, settings map[string]any) context.Context {
	return ch.Context(ctx, ch.WithSettings(ch.Settings(settings)))
}
