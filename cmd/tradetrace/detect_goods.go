package main

import (
	"tradetrace/internal/detect"
	"tradetrace/internal/duckdb"
)

// goodsDetectors returns the detectors of misdeclaration and unit values (issue 4).
func goodsDetectors(st *duckdb.DB) []detect.Detector {
	return nil
}
