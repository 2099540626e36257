//go:build !unix

package rusage

import "time"

// CPU is not read on this system: 0.
func CPU() time.Duration { return 0 }

// PeakRSS is not read on this system: 0.
func PeakRSS() int64 { return 0 }
