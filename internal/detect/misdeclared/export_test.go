package misdeclared

import "sync/atomic"

// CountingClassifications returns d counting in n the lines it classifies.
func CountingClassifications(d Detector, n *atomic.Int64) Detector {
	d.classified = n
	return d
}
