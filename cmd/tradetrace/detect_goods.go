package main

import (
	"tradetrace/internal/detect"
	"tradetrace/internal/detect/misdeclared"
	"tradetrace/internal/detect/unitvalue"
)

// goodsStore is what the goods detectors read: the lines in scope with their sellers' histories, and the unit
// values far from their peers. Both stores compute them where the data lives.
type goodsStore interface {
	misdeclared.Store
	unitvalue.Store
}

// goodsDetectors returns the detectors of misdeclaration and unit values (issues 4 and 5).
func goodsDetectors(st goodsStore) []detect.Detector {
	return []detect.Detector{misdeclared.Detector{Store: st}, unitvalue.Detector{Store: st}}
}
