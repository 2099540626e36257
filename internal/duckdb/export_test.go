package duckdb

// SetChunkRows sets how many rows the loader puts in a chunk, for a test, and returns what restores it.
func SetChunkRows(n int64) (restore func()) {
	old := chunkRows
	chunkRows = n
	return func() { chunkRows = old }
}
