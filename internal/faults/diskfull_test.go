package faults_test

import (
	"context"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"

	"tradetrace/internal/ingest"
	"tradetrace/internal/storetest"
	"tradetrace/internal/trade"
)

// mountTmpfs mounts a tmpfs of the given size (e.g. "8m") on a new directory and unmounts it when the test
// ends. Mounting needs root: without it the test is skipped, saying so.
func mountTmpfs(t *testing.T, size string) string {
	t.Helper()
	dir := t.TempDir()
	if out, err := exec.Command("mount", "-t", "tmpfs", "-o", "size="+size, "tmpfs", dir).CombinedOutput(); err != nil {
		t.Skipf("SKIPPED: cannot mount a tmpfs to fill up (%v: %s); the disk-full test needs root", err, strings.TrimSpace(string(out)))
	}
	t.Cleanup(func() {
		if out, err := exec.Command("umount", "-l", dir).CombinedOutput(); err != nil {
			t.Errorf("umount %s: %v: %s", dir, err, out)
		}
	})
	return dir
}

func resizeTmpfs(t *testing.T, dir, size string) {
	t.Helper()
	if out, err := exec.Command("mount", "-o", "remount,size="+size, dir).CombinedOutput(); err != nil {
		t.Fatalf("grow the tmpfs: %v: %s", err, out)
	}
}

// TestDiskFull fills the disk under a store during an ingest: the ingest fails with an error that says the
// disk is full, the runs that were complete before keep every row, the failed run shows nothing, and once there
// is space again the same files load.
func TestDiskFull(t *testing.T) {
	t.Run("duckdb", func(t *testing.T) {
		dir := mountTmpfs(t, "6m")
		diskFull(t, dir, filepath.Join(dir, "store.duckdb"))
	})
	t.Run("clickhouse", func(t *testing.T) {
		needClickHouse(t)
		// Both shards keep their data on the small disk; a short lease lets the run that the full disk stopped
		// be taken for dead at once.
		dir := mountTmpfs(t, "24m")
		c := startCluster(t, filepath.Join(dir, "ch"))
		diskFull(t, dir, "clickhouse://"+strings.Split(c.addrs, ",")[0]+"/diskfull?lease=1s")
	})
}

type snapshot struct {
	ships, rejected int64
	complete        map[trade.RunID]trade.Run
}

func snap(t *testing.T, st storetest.Store) snapshot {
	t.Helper()
	ctx := context.Background()
	s := snapshot{complete: map[trade.RunID]trade.Run{}}
	var err error
	if s.ships, s.rejected, err = st.Counts(ctx); err != nil {
		t.Fatalf("Counts: %v", err)
	}
	runs, err := st.Runs(ctx, 1000)
	if err != nil {
		t.Fatalf("Runs: %v", err)
	}
	for _, r := range runs {
		if r.Status == trade.RunComplete {
			s.complete[r.ID] = r
		}
	}
	return s
}

func diskFull(t *testing.T, dir, store string) {
	ctx := context.Background()
	files, total := sampleSet(t)
	st, err := openStore(ctx, store)
	if err != nil {
		t.Fatalf("open the store on the small disk: %v", err)
	}
	var before snapshot
	var failure error
	loaded := 0
	for _, f := range files {
		before = snap(t, st)
		if _, err := ingest.File(ctx, st, f, ingest.Options{}); err != nil {
			failure = err
			break
		}
		loaded++
	}
	if failure == nil {
		st.Close()
		t.Fatalf("all %d files fit on the small disk: make it smaller", len(files))
	}
	t.Logf("after %d file(s) the ingest failed: %v", loaded, failure)
	if !strings.Contains(failure.Error(), "no space left on device") && !strings.Contains(strings.ToLower(failure.Error()), "space") {
		t.Errorf("the error %q does not say that the disk is full", failure)
	}
	if loaded == 0 {
		t.Errorf("not even the first file fitted: the test shows nothing about an intact store")
	}
	// The store as it stands, then after a restart, holds what it held before the failed ingest.
	check := func(st storetest.Store, when string) {
		after := snap(t, st)
		if after.ships != before.ships || after.rejected != before.rejected {
			t.Errorf("%s: %d shipments, %d rejected; before the failed ingest %d, %d", when, after.ships, after.rejected, before.ships, before.rejected)
		}
		if len(after.complete) != len(before.complete) {
			t.Errorf("%s: %d complete runs, before %d", when, len(after.complete), len(before.complete))
		}
		for id, r := range before.complete {
			a, ok := after.complete[id]
			if !ok || a.Accepted != r.Accepted || a.Rejected != r.Rejected {
				t.Errorf("%s: run %d was complete with %d + %d rows, now %+v", when, id, r.Accepted, r.Rejected, a)
			}
		}
		checkStore(t, st, files, -1)
	}
	check(st, "right after the failure")
	st.Close()
	var fs syscall.Statfs_t
	if err := syscall.Statfs(dir, &fs); err == nil {
		t.Logf("disk: %d of %d KiB free", fs.Bavail*uint64(fs.Bsize)/1024, fs.Blocks*uint64(fs.Bsize)/1024)
	}
	st, err = openStore(ctx, store)
	if err != nil {
		t.Fatalf("re-open the store after the disk filled: %v", err)
	}
	check(st, "after a restart")
	st.Close()

	// With space again, the same files go in, each once.
	resizeTmpfs(t, dir, "512m")
	st, err = openStore(ctx, store)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	for _, f := range files {
		if _, err := ingest.File(ctx, st, f, ingest.Options{}); err != nil {
			t.Fatalf("ingest %s with space again: %v", filepath.Base(f), err)
		}
	}
	checkStore(t, st, files, total)
}
