package duckdb

import (
	"encoding/json"
	"fmt"
)

// zipRaw pairs a run's header with one raw row. A ragged row keeps its extra fields under numbered names.
func zipRaw(header []string, raw string) ([][2]string, error) {
	var fields []string
	if err := json.Unmarshal([]byte(raw), &fields); err != nil {
		return nil, fmt.Errorf("raw row: %w", err)
	}
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
