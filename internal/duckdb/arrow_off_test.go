//go:build !duckdb_arrow

package duckdb

func appendRefusedRow(*arrowRows) { panic("built without Arrow") }
