package trade

import "errors"

// Sentinel errors that adapters map to user-facing outcomes (HTTP status, exit code) in one table.
var (
	ErrNotFound = errors.New("not found")
)
