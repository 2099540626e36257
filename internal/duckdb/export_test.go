package duckdb

// SetChunkRows makes the loader go by files (not through a pipe) in chunks of n rows, for a test, and returns
// what restores it.
func SetChunkRows(n int64) (restore func()) {
	old, oldStream := chunkRows, stream
	chunkRows, stream = n, false
	return func() { chunkRows, stream = old, oldStream }
}
