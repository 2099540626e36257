package trade

import "errors"

// Sentinel errors that adapters map to user-facing outcomes (HTTP status, exit code) in one table.
var (
	ErrNotFound    = errors.New("not found")
	ErrInvalid     = errors.New("invalid input")
	ErrConflict    = errors.New("conflict")
	ErrUnavailable = errors.New("store unavailable")
	ErrAlreadyDone = errors.New("already ingested")
)
