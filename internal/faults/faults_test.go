package faults_test

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"math/rand/v2"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	ch "github.com/ClickHouse/clickhouse-go/v2"

	"tradetrace/internal/clickhouse"
	"tradetrace/internal/detect"
	"tradetrace/internal/duckdb"
	"tradetrace/internal/ingest"
	"tradetrace/internal/sample"
	"tradetrace/internal/storetest"
	"tradetrace/internal/trade"
)

// The kill test runs the ingest in a child process: this test binary again, told by the environment to ingest
// files into a store and to say "done FILE" after each, as `tradetrace ingest` does.
const helperEnv = "TRADETRACE_FAULTS_INGEST"

func TestMain(m *testing.M) {
	if store := os.Getenv(helperEnv); store != "" {
		os.Exit(helperIngest(store, strings.Split(os.Getenv(helperEnv+"_FILES"), "\n")))
	}
	code := m.Run()
	if sampleDir != "" {
		os.RemoveAll(sampleDir)
	}
	os.Exit(code)
}

func helperIngest(store string, files []string) int {
	ctx := context.Background()
	st, err := openStore(ctx, store)
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 1
	}
	defer st.Close()
	for _, f := range files {
		if _, err := ingest.File(ctx, st, f, ingest.Options{}); err != nil {
			fmt.Fprintln(os.Stderr, err)
			return 1
		}
		fmt.Println("done", f)
	}
	return 0
}

// openStore opens a store as the --db flag names it: a clickhouse:// URL or a DuckDB file.
func openStore(ctx context.Context, spec string) (storetest.Store, error) {
	if strings.HasPrefix(spec, "clickhouse://") {
		return clickhouse.Open(ctx, spec)
	}
	return duckdb.Open(ctx, spec, duckdb.Config{})
}

var (
	sampleOnce  sync.Once
	sampleFiles []string
	sampleRows  int64
	sampleErr   error
	sampleDir   string
)

// sampleSet generates a synthetic sample of 24,000 rows once per test binary.
func sampleSet(t *testing.T) ([]string, int64) {
	t.Helper()
	sampleOnce.Do(func() {
		sampleDir, sampleErr = os.MkdirTemp("", "tradetrace-faults-sample-")
		if sampleErr != nil {
			return
		}
		var m sample.Manifest
		m, sampleErr = sample.Generate(context.Background(), sample.Config{Dir: sampleDir, Rows: 24000, Seed: 7})
		for _, f := range m.Files {
			sampleFiles = append(sampleFiles, filepath.Join(sampleDir, f.Name))
			sampleRows += f.Rows
		}
		sort.Strings(sampleFiles)
	})
	if sampleErr != nil {
		t.Fatalf("generate the sample: %v", sampleErr)
	}
	return sampleFiles, sampleRows
}

// chURL returns a new database on the shared test cluster, or skips the test when there is none.
func chURL(t *testing.T, addrs, query string) string {
	t.Helper()
	name := fmt.Sprintf("tt_fault_%d_%d", os.Getpid(), time.Now().UnixNano()%1e9)
	u := "clickhouse://" + strings.Split(addrs, ",")[0] + "/" + name
	if query != "" {
		u += "?" + query
	}
	t.Cleanup(func() {
		if st, err := clickhouse.Open(context.Background(), u); err == nil {
			_ = st.DropDatabase(context.Background())
			st.Close()
		}
	})
	return u
}

func needClickHouse(t *testing.T) string {
	t.Helper()
	addrs := os.Getenv("TRADETRACE_CH_ADDRS")
	if addrs == "" {
		t.Skip("SKIPPED: TRADETRACE_CH_ADDRS is not set: start ClickHouse with scripts/clickhouse.sh start and export TRADETRACE_CH_ADDRS=$(cat /tmp/tradetrace-clickhouse/addrs)")
	}
	return addrs
}

// TestKillDuringIngest kills an ingest process with SIGKILL while it loads a file, then ingests the same files
// again: every file ends as exactly one complete run, the counts add up, and no row is stored twice.
func TestKillDuringIngest(t *testing.T) {
	t.Run("duckdb", func(t *testing.T) {
		killAndRerun(t, filepath.Join(t.TempDir(), "store.duckdb"), 0)
	})
	t.Run("clickhouse", func(t *testing.T) {
		addrs := needClickHouse(t)
		// A short lease: the killed run's heartbeat stops, and the re-run takes it for dead after a second.
		killAndRerun(t, chURL(t, addrs, "lease=1s"), 1500*time.Millisecond)
	})
}

func killAndRerun(t *testing.T, store string, afterKill time.Duration) {
	ctx := context.Background()
	files, total := sampleSet(t)
	killed := false
	for attempt := 0; attempt < 4 && !killed; attempt++ {
		cmd := exec.Command(os.Args[0], "-test.run=^$")
		cmd.Env = append(os.Environ(), helperEnv+"="+store, helperEnv+"_FILES="+strings.Join(files, "\n"))
		out, err := cmd.StdoutPipe()
		if err != nil {
			t.Fatal(err)
		}
		cmd.Stderr = os.Stderr
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		// Wait until a file is in, then kill somewhere in the loading or committing of the next ones.
		sc := bufio.NewScanner(out)
		done := 0
		for sc.Scan() {
			if strings.HasPrefix(sc.Text(), "done ") {
				done++
				if done == 1+attempt {
					break
				}
			}
		}
		time.Sleep(time.Duration(rand.IntN(400)) * time.Millisecond)
		if err := cmd.Process.Signal(syscall.SIGKILL); err != nil {
			t.Fatal(err)
		}
		go func() { _, _ = bufio.NewReader(out).WriteTo(devNull{}) }()
		err = cmd.Wait()
		var ee *exec.ExitError
		if errors.As(err, &ee) && ee.Sys().(syscall.WaitStatus).Signaled() {
			killed = true
			t.Logf("attempt %d: killed the ingest with SIGKILL after %d complete file(s)", attempt+1, done)
		} else {
			t.Logf("attempt %d: the ingest ended before the kill (%v); trying again with a later kill", attempt+1, err)
		}
	}
	if !killed {
		t.Fatal("the ingest process always ended before it could be killed")
	}
	time.Sleep(afterKill)

	st, err := openStore(ctx, store)
	if err != nil {
		t.Fatalf("open the store after the kill: %v", err)
	}
	defer st.Close()
	runs, err := st.Runs(ctx, 1000)
	if err != nil {
		t.Fatal(err)
	}
	interrupted := 0
	for _, r := range runs {
		switch r.Status {
		case trade.RunComplete:
		case trade.RunFailed:
			interrupted++
			if !strings.Contains(r.Error, "interrupted") {
				t.Errorf("run %d failed with %q, want it called interrupted", r.ID, r.Error)
			}
		default:
			t.Errorf("after the kill and a re-open, run %d is %s, want complete or failed", r.ID, r.Status)
		}
	}
	t.Logf("after the kill: %d runs, %d interrupted", len(runs), interrupted)
	checkStore(t, st, files, -1)

	// Run the same files again: what was complete is skipped, the rest loads once.
	for _, f := range files {
		if _, err := ingest.File(ctx, st, f, ingest.Options{}); err != nil {
			t.Fatalf("re-run %s: %v", filepath.Base(f), err)
		}
	}
	checkStore(t, st, files, total)
}

// checkStore checks what must hold after any crash: complete runs whose counts add up, one complete run per
// file at most, only rows of complete runs visible, no fingerprint twice, and the counts equal to the runs'
// sums. With total ≥ 0 every file must be in, total rows read.
func checkStore(t *testing.T, st storetest.Store, files []string, total int64) {
	t.Helper()
	ctx := context.Background()
	runs, err := st.Runs(ctx, 1000)
	if err != nil {
		t.Fatal(err)
	}
	complete := map[trade.RunID]bool{}
	byFile := map[string]int{}
	var read, acc, rej int64
	for _, r := range runs {
		if r.Status != trade.RunComplete {
			continue
		}
		complete[r.ID] = true
		byFile[r.SHA256]++
		if !r.Adds() {
			t.Errorf("run %d: read %d ≠ accepted %d + rejected %d", r.ID, r.Read, r.Accepted, r.Rejected)
		}
		read, acc, rej = read+r.Read, acc+r.Accepted, rej+r.Rejected
	}
	for sha, n := range byFile {
		if n > 1 {
			t.Errorf("the file with hash %s… has %d complete runs, want 1", sha[:12], n)
		}
	}
	ships, rejected, err := st.Counts(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if ships != acc || rejected != rej {
		t.Errorf("the store holds %d shipments and %d rejected rows; its complete runs say %d and %d", ships, rejected, acc, rej)
	}
	seen := make(map[uint64]trade.ShipmentID, ships)
	var n int64
	err = st.ScanShipments(ctx, detect.Filter{}, func(s *trade.Shipment) error {
		n++
		if !complete[s.Prov.Run] {
			return fmt.Errorf("shipment %d belongs to run %d, which is not complete", s.ID, s.Prov.Run)
		}
		if prev, dup := seen[s.Fingerprint]; dup {
			return fmt.Errorf("shipments %d and %d are the same source row (fingerprint %x)", prev, s.ID, s.Fingerprint)
		}
		seen[s.Fingerprint] = s.ID
		return nil
	})
	if err != nil {
		t.Error(err)
	}
	if n != ships {
		t.Errorf("a scan gives %d shipments, Counts %d", n, ships)
	}
	if total >= 0 {
		if len(byFile) != len(files) || read != total {
			t.Errorf("after the re-run: %d files in complete runs (want %d), %d rows read (want %d)", len(byFile), len(files), read, total)
		}
	}
}

type devNull struct{}

func (devNull) Write(p []byte) (int, error) { return len(p), nil }

// cluster is a two-shard ClickHouse of this test's own, which it may stop at will.
type cluster struct {
	dir   string
	addrs string
	ports [2]int
}

func scriptPath(t *testing.T) string {
	p, err := filepath.Abs("../../scripts/clickhouse.sh")
	if err != nil {
		t.Fatal(err)
	}
	return p
}

// freePort finds a port free on loopback, with its HTTP companion (port + 20000) free too.
func freePort(t *testing.T, not int) int {
	for i := 0; i < 100; i++ {
		p := 21000 + rand.IntN(20000)
		if p == not || p+20000 == not {
			continue
		}
		ok := true
		for _, q := range []int{p, p + 20000} {
			l, err := net.Listen("tcp", "127.0.0.1:"+strconv.Itoa(q))
			if err != nil {
				ok = false
				break
			}
			l.Close()
		}
		if ok {
			return p
		}
	}
	t.Fatal("no free port pair on loopback")
	return 0
}

// startCluster starts two ClickHouse servers with their data under dir, through scripts/clickhouse.sh.
func startCluster(t *testing.T, dir string) *cluster {
	t.Helper()
	needClickHouse(t) // the servers are installed where the tests have a cluster
	c := &cluster{dir: dir}
	c.ports[0] = freePort(t, 0)
	c.ports[1] = freePort(t, c.ports[0])
	env := append(os.Environ(), "CH_DIR="+dir, fmt.Sprintf("CH_PORTS=%d %d", c.ports[0], c.ports[1]))
	cmd := exec.Command(scriptPath(t), "start")
	cmd.Env = env
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("start a ClickHouse cluster of the test's own: %v\n%s", err, out)
	}
	t.Cleanup(func() {
		cmd := exec.Command(scriptPath(t), "stop")
		cmd.Env = env
		if out, err := cmd.CombinedOutput(); err != nil {
			t.Errorf("stop the test's ClickHouse: %v\n%s", err, out)
		}
	})
	b, err := os.ReadFile(filepath.Join(dir, "addrs"))
	if err != nil {
		t.Fatal(err)
	}
	c.addrs = strings.TrimSpace(string(b))
	return c
}

// signalShard sends a signal to the server of shard n (1-based).
func (c *cluster) signalShard(t *testing.T, n int, sig syscall.Signal) int {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(c.dir, fmt.Sprintf("shard%d", n), "launcher.pid"))
	if err != nil {
		t.Fatal(err)
	}
	pid, err := strconv.Atoi(strings.TrimSpace(string(b)))
	if err != nil {
		t.Fatal(err)
	}
	if err := syscall.Kill(pid, sig); err != nil {
		t.Fatalf("signal %v to shard %d (pid %d): %v", sig, n, pid, err)
	}
	return pid
}

// killShard stops shard n (1-based) with SIGKILL, as a crashed or unplugged server.
func (c *cluster) killShard(t *testing.T, n int) {
	t.Helper()
	pid := c.signalShard(t, n, syscall.SIGKILL)
	for i := 0; i < 100; i++ {
		if syscall.Kill(pid, 0) != nil {
			return
		}
		time.Sleep(50 * time.Millisecond)
	}
}

// TestShardDownMidQuery stops a shard of a two-shard ClickHouse while a detector-style scan streams rows. Twice:
// first the shard the store talks to (the one that gathers the other's rows), then the other one, seen from the
// first. Each time the scan must end with an error that says its result is incomplete — or, if the lost shard
// had already sent everything, with every row — never with part of the rows and no error. With a shard down,
// reads fail and name the server they cannot reach, and a detector run fails without replacing the findings
// it had.
func TestShardDownMidQuery(t *testing.T) {
	c := startCluster(t, t.TempDir())
	ctx := context.Background()
	addrs := strings.Split(c.addrs, ",")
	st, err := clickhouse.Open(ctx, "clickhouse://"+addrs[0]+"/faults")
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	if len(st.Shards()) != 2 {
		t.Fatalf("the cluster has %d shards, want 2", len(st.Shards()))
	}
	files, _ := sampleSet(t)
	for _, f := range files[:4] {
		if _, err := ingest.File(ctx, st, f, ingest.Options{}); err != nil {
			t.Fatal(err)
		}
	}
	// A scan must outlast the kill: each shard's rows are doubled in place, server-side, to some 256 times the
	// sample, so that a shard is still sending when it stops.
	for _, a := range addrs {
		conn, err := ch.Open(&ch.Options{Addr: []string{a}, Auth: ch.Auth{Database: "faults"}})
		if err != nil {
			t.Fatal(err)
		}
		for i := 0; i < 8; i++ {
			if err := conn.Exec(ctx, `INSERT INTO shipments_local SELECT * FROM shipments_local`); err != nil {
				t.Fatal(err)
			}
		}
		conn.Close()
	}
	total, _, err := st.Counts(ctx)
	if err != nil {
		t.Fatal(err)
	}
	old := []trade.Finding{{Key: "before", Score: 0.5, Title: "a finding from before the fault"}}
	if err := st.ReplaceFindings(ctx, "military_goods", "1", old); err != nil {
		t.Fatal(err)
	}

	// scan reads every shipment slowly (small blocks, a pause every 200 rows) and kills shard n on the first
	// row; a watchdog kills it anyway if no row comes.
	scan := func(st *clickhouse.DB, n int) (int64, error) {
		var once sync.Once
		kill := func() { once.Do(func() { c.killShard(t, n) }) }
		watchdog := time.AfterFunc(20*time.Second, kill)
		defer watchdog.Stop()
		qctx := clickhouse.WithSettings(ctx, map[string]any{"max_block_size": 1024})
		var rows int64
		err := st.ScanShipments(qctx, detect.Filter{}, func(*trade.Shipment) error {
			rows++
			if rows == 1 {
				kill()
			}
			if rows%200 == 0 {
				time.Sleep(time.Millisecond)
			}
			return nil
		})
		return rows, err
	}

	// 1. The shard the store talks to stops: the stream breaks off, whatever the other shard sent.
	st2, err := clickhouse.Open(ctx, "clickhouse://"+addrs[1]+"/faults")
	if err != nil {
		t.Fatal(err)
	}
	n, err := scan(st2, 2)
	st2.Close()
	t.Logf("scan through shard 2, shard 2 killed after the first row: %d of %d rows, then error: %v", n, total, err)
	if err == nil {
		t.Errorf("the scan ended without an error after %d of %d rows though the server streaming them was killed", n, total)
	} else if !strings.Contains(err.Error(), "scan shipments") || !strings.Contains(err.Error(), "incomplete") {
		t.Errorf("the error %q does not say that the scan's result is incomplete", err)
	}
	if n == 0 || n >= total {
		t.Errorf("%d of %d rows arrived before the error: the kill did not land in the middle of the query", n, total)
	}
	c.restartShard(t, 2)

	// 2. The other shard stops while the first gathers its rows.
	n, err = scan(st, 2)
	t.Logf("scan through shard 1, shard 2 killed after the first row: %d of %d rows, then error: %v", n, total, err)
	if err == nil && n != total {
		t.Fatalf("the scan ended without an error after %d of %d rows: a partial result taken for a whole one", n, total)
	}
	if err != nil && !strings.Contains(err.Error(), "incomplete") {
		t.Errorf("the error %q does not say that the scan's result is incomplete", err)
	}

	// With the shard gone, reads fail and say which server they could not reach.
	_, _, err = st.Counts(ctx)
	if err == nil {
		t.Fatal("Counts succeeded with a shard down")
	}
	t.Logf("Counts with shard 2 down: %v", err)
	if !strings.Contains(err.Error(), strconv.Itoa(c.ports[1])) {
		t.Errorf("the error %q does not name the lost shard's port %d", err, c.ports[1])
	}
	reps, err := detect.Run(ctx, st, st, []detect.Detector{detect.Military{Classify: func(*detect.Text) []detect.TextClass { return nil }}})
	if err == nil {
		t.Fatalf("the detectors ran with a shard down: %+v", reps)
	}
	t.Logf("detect with shard 2 down: %v", err)

	// Back up, the store holds what it held, and the findings of before the fault.
	c.restartShard(t, 2)
	if got, _, err := st.Counts(ctx); err != nil || got != total {
		t.Errorf("with the shard back, Counts = %d, %v; want %d", got, err, total)
	}
	fs, err := st.Findings(ctx, clickhouse.FindingFilter{})
	if err != nil || len(fs) != 1 || fs[0].Key != "before" {
		t.Errorf("with the shard back, the findings are %+v, %v; want the one from before the fault", fs, err)
	}
}

// restartShard starts the server of shard n again on its own data, and waits until it answers.
func (c *cluster) restartShard(t *testing.T, n int) {
	t.Helper()
	d := filepath.Join(c.dir, fmt.Sprintf("shard%d", n))
	cmd := exec.Command("clickhouse-server", "--config-file="+filepath.Join(d, "config.xml"))
	cmd.SysProcAttr = &syscall.SysProcAttr{Setsid: true}
	if err := cmd.Start(); err != nil {
		t.Fatalf("restart shard %d: %v", n, err)
	}
	go func() { _ = cmd.Wait() }()
	if err := os.WriteFile(filepath.Join(d, "launcher.pid"), []byte(strconv.Itoa(cmd.Process.Pid)+"\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	addr := strings.Split(c.addrs, ",")[n-1]
	deadline := time.Now().Add(60 * time.Second)
	for {
		conn, err := ch.Open(&ch.Options{Addr: []string{addr}, DialTimeout: time.Second})
		if err == nil {
			err = conn.Ping(context.Background())
			conn.Close()
		}
		if err == nil {
			return
		}
		if time.Now().After(deadline) {
			t.Fatalf("shard %d did not answer within 60 s of its restart: %v", n, err)
		}
		time.Sleep(200 * time.Millisecond)
	}
}
