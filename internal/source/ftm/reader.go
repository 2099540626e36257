// Package ftm reads FollowTheMoney entities as JSON lines — the format of OpenSanctions exports and of the yente
// screening service — and the Senzing JSON export of the same data, and maps the named parties among them
// (persons, companies, organizations, vessels, aircraft) to list entities, joining in the programs of their
// Sanction entities and the full text of their Address entities.
package ftm

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
)

// Entity is one FollowTheMoney entity: a schema and multi-valued properties, with the metadata OpenSanctions
// adds. Target is nil when the file does not say whether the entity is a listed target.
type Entity struct {
	ID         string              `json:"id"`
	Caption    string              `json:"caption,omitempty"`
	Schema     string              `json:"schema"`
	Properties map[string][]string `json:"properties"`
	Datasets   []string            `json:"datasets,omitempty"`
	Referents  []string            `json:"referents,omitempty"`
	Target     *bool               `json:"target,omitempty"`
	FirstSeen  string              `json:"first_seen,omitempty"`
	LastSeen   string              `json:"last_seen,omitempty"`
	LastChange string              `json:"last_change,omitempty"`
}

// ErrLayout reports a line that is not a FollowTheMoney entity.
var ErrLayout = errors.New("not followthemoney json")

// maxLine is the longest line read; OpenSanctions entities with thousands of values run to megabytes.
const maxLine = 64 << 20

// Read reads JSON lines, one entity a line; blank lines are skipped. A line without an id or a schema is an
// error.
func Read(r io.Reader) ([]Entity, error) {
	var out []Entity
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 0, 1<<20), maxLine)
	line := 0
	for sc.Scan() {
		line++
		b := bytes.TrimSpace(sc.Bytes())
		if len(b) == 0 {
			continue
		}
		var e Entity
		if err := json.Unmarshal(b, &e); err != nil {
			return nil, fmt.Errorf("read ftm line %d: %w", line, err)
		}
		if e.ID == "" || e.Schema == "" {
			return nil, fmt.Errorf("read ftm line %d: no id or schema: %w", line, ErrLayout)
		}
		out = append(out, e)
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("read ftm line %d: %w", line+1, err)
	}
	return out, nil
}
