package duckdb

import (
	"fmt"
	"strings"
)

// decodeRaw splits a raw row written by tsvWriter.rawRow back into its fields.
func decodeRaw(raw string) []string {
	fields := strings.Split(raw, "\x1f")
	for i, f := range fields {
		if !strings.Contains(f, `\`) {
			continue
		}
		var b strings.Builder
		for j := 0; j < len(f); j++ {
			if f[j] != '\\' || j+1 == len(f) {
				b.WriteByte(f[j])
				continue
			}
			j++
			switch f[j] {
			case 't':
				b.WriteByte('\t')
			case 'n':
				b.WriteByte('\n')
			case 'r':
				b.WriteByte('\r')
			case 's':
				b.WriteByte(0x1f)
			default:
				b.WriteByte(f[j])
			}
		}
		fields[i] = b.String()
	}
	return fields
}

// zipRaw pairs a run's header with one raw row. A ragged row keeps its extra fields under numbered names.
func zipRaw(header []string, raw string) ([][2]string, error) {
	fields := decodeRaw(raw)
	out := make([][2]string, 0, len(fields))
	for i, f := range fields {
		name := fmt.Sprintf("column %d", i+1)
		if i < len(header) {
			name = header[i]
		}
		out = append(out, [2]string{name, f})
	}
	return out, nil
}
