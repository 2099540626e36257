//go:build !unix

package duckdb

import (
	"errors"
	"os"
)

// makePipe fails where there are no named pipes: the loader then goes by files.
func makePipe(string) error { return errors.New("no named pipes on this system") }

func openPipe(string, <-chan struct{}) (*os.File, error) {
	return nil, errors.New("no named pipes on this system")
}
