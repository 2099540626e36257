//go:build unix

package duckdb

import (
	"errors"
	"os"
	"syscall"
	"time"
)

// makePipe makes a named pipe at path.
func makePipe(path string) error { return syscall.Mkfifo(path, 0o600) }

// openPipe opens the write end of the named pipe at path once its reader has opened it, or fails when done is
// closed first (the reading statement ended without opening it). The file is non-blocking, so its writes wait in
// Go's poller rather than in a thread, and a write to a pipe whose reader has gone fails at once (EPIPE).
func openPipe(path string, done <-chan struct{}) (*os.File, error) {
	wait := 100 * time.Microsecond
	for {
		f, err := os.OpenFile(path, os.O_WRONLY|syscall.O_NONBLOCK, 0)
		if err == nil {
			growPipe(f)
			return f, nil
		}
		if !errors.Is(err, syscall.ENXIO) { // ENXIO: no reader yet
			return nil, err
		}
		select {
		case <-done:
			return nil, errors.New("the load ended before it opened its pipe")
		case <-time.After(wait):
		}
		wait = min(2*wait, 10*time.Millisecond)
	}
}
