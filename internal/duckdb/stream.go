package duckdb

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"path/filepath"
	"sync"
)

// A run's rows stream to a store on disk through a named pipe (see the loader's description in loader.go).

// stream makes a store on disk stream the rows through a named pipe; tests that load in chunks turn it off.
var stream = true

// startStream begins the run's transaction and its one INSERT, which reads the rows from a named pipe, and opens
// the pipe's write end. Where no named pipe can be made it does nothing, and the rows go by files.
func (l *loader) startStream(ctx context.Context) error {
	path := filepath.Join(l.dir, "shipments.pipe")
	if makePipe(path) != nil {
		return nil
	}
	tx, err := l.d.db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	l.tx = tx
	lctx, cancel := context.WithCancel(ctx)
	l.cancelLoad = cancel
	go func() {
		defer close(l.done)
		// DuckDB closes the pipe when the statement ends, however it ends: a write after that fails at once.
		if _, err := tx.ExecContext(lctx, `INSERT INTO shipments SELECT * FROM `+readTSV(path, shipmentColumns, 0)); err != nil {
			l.loadErr = fmt.Errorf("load run %d: shipments: %w", l.run.ID, err)
			close(l.failed)
		}
	}()
	f, err := openPipe(path, l.done)
	if err != nil {
		cancel()
		<-l.done
		tx.Rollback()
		l.tx = nil
		return errors.Join(err, l.loadErr)
	}
	l.pipe = f
	l.ship = &tsvWriter{f: f, w: bufio.NewWriterSize(f, 1<<20), path: path}
	l.d.streams.add(l)
	return nil
}

// endStream writes the stream's last rows and closes its pipe, so that its INSERT reads to the end.
func (l *loader) endStream() error {
	err := l.ship.flush()
	if cerr := l.pipe.Close(); err == nil {
		err = cerr
	}
	return err
}

// abandonStream ends a stream that will not commit: its INSERT is interrupted, and reads to the end of the pipe
// in any case.
func (l *loader) abandonStream() {
	if l.arrow != nil {
		l.abandonArrow()
		return
	}
	l.cancelLoad()
	l.pipe.Close()
}

// liveStreams are the runs streaming into a store. Close abandons them, as a process that stops would: their
// INSERTs wait on pipes or batches that only their loaders would close or send, and their transactions hold a
// connection.
type liveStreams struct {
	mu sync.Mutex
	m  map[*loader]bool
}

func (s *liveStreams) add(l *loader) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.m == nil {
		s.m = map[*loader]bool{}
	}
	s.m[l] = true
}

func (s *liveStreams) remove(l *loader) {
	s.mu.Lock()
	defer s.mu.Unlock()
	delete(s.m, l)
}

// abandon ends every stream, keeping nothing of its run.
func (s *liveStreams) abandon() {
	s.mu.Lock()
	defer s.mu.Unlock()
	for l := range s.m {
		l.abandonStream()
		<-l.done
		l.tx.Rollback()
		l.closeArrow()
	}
	clear(s.m)
}

// streamError is the error of a write to the stream: the INSERT's own error when it has failed (and so closed
// the pipe), else the write's. A write fails only once the pipe is closed, by the INSERT's end or by
// abandonStream, which ends the INSERT too: the wait is short.
func (l *loader) streamError(err error) error {
	<-l.done
	if l.loadErr != nil {
		return l.loadErr
	}
	return err
}

// addStreamed writes a line to the stream, or, when it is longer than the stream's line limit, to the file of
// long lines.
func (l *loader) addStreamed(row []byte) error {
	if len(row) > defaultMaxLine {
		if l.long == nil {
			var err error
			if l.long, err = newTSV(filepath.Join(l.dir, "long.tsv")); err != nil {
				return err
			}
		}
		l.long.n++
		_, err := l.long.w.Write(row)
		return err
	}
	if _, err := l.ship.w.Write(row); err != nil {
		return l.streamError(err)
	}
	return nil
}
