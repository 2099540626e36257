//go:build unix

package rusage

import (
	"testing"
	"time"
)

// TestUsage: 300 ms of busy work shows in the CPU time, and the peak holds at least a 64 MiB buffer touched.
func TestUsage(t *testing.T) {
	before := CPU()
	x := 0
	for start := time.Now(); time.Since(start) < 300*time.Millisecond; {
		x++
	}
	if used := CPU() - before; used < 100*time.Millisecond {
		t.Errorf("300 ms of busy work used %v of CPU time (%d rounds)", used, x)
	}
	buf := make([]byte, 64<<20)
	for i := range buf {
		buf[i] = byte(i)
	}
	if p := PeakRSS(); p < int64(len(buf)) {
		t.Errorf("peak RSS %d bytes, below the %d-byte buffer held", p, len(buf))
	}
	_ = buf[len(buf)-1]
}
