// Package rusage reads what the process has used so far: its CPU time and its peak memory. Commands print the
// CPU time beside the wall-clock time of long work, and benchmarks report both: on a shared machine CPU time
// varies less than wall-clock time and is the better sign of a saving.
package rusage
