package main

import (
	"tradetrace/internal/detect"
	"tradetrace/internal/detect/misdeclared"
	"tradetrace/internal/detect/unitvalue"
	"tradetrace/internal/duckdb"
)

// goodsDetectors returns the detectors of misdeclaration and unit values (issues 4 and 5).
func goodsDetectors(st *duckdb.DB) []detect.Detector {
	return []detect.Detector{misdeclared.Detector{Store: st}, unitvalue.Detector{Store: st}}
}
