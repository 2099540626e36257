package rank

import (
	"encoding/gob"
	"fmt"
	"io"
)

// modelFile is the stored form of a Model.
type modelFile struct {
	Version   string
	Label     string
	Positive  []string
	Header    []string
	Columns   []Column
	Fields    []field
	Encoders  []*encoder
	Numerics  []numeric
	Names     []string
	Gain      []float64
	Forest    *forest
	TrainRows int
	TrainPos  int
}

// Save writes the model to w (encoding/gob).
func (m *Model) Save(w io.Writer) error {
	f := modelFile{Version: m.version, Label: m.label, Positive: m.positive, Header: m.header, Columns: m.columns,
		Fields: m.fields, Encoders: m.encoders, Numerics: m.numerics, Names: m.names, Gain: m.gain,
		Forest: m.forest, TrainRows: m.trainRows, TrainPos: m.trainPos}
	if err := gob.NewEncoder(w).Encode(&f); err != nil {
		return fmt.Errorf("save model: %w", err)
	}
	return nil
}

// Load reads a model written by Save. It fails on models of another algorithm version.
func Load(r io.Reader) (*Model, error) {
	var f modelFile
	if err := gob.NewDecoder(r).Decode(&f); err != nil {
		return nil, fmt.Errorf("load model: %w", err)
	}
	if f.Version != Version {
		return nil, fmt.Errorf("load model: version %q, want %q", f.Version, Version)
	}
	if err := f.check(); err != nil {
		return nil, fmt.Errorf("load model: %w", err)
	}
	for _, e := range f.Encoders {
		if e.Stats == nil {
			e.Stats = map[string]stat{} // gob drops empty maps
		}
	}
	f.Forest.pack()
	return &Model{version: f.Version, label: f.Label, positive: f.Positive, header: f.Header, columns: f.Columns,
		fields: f.Fields, encoders: f.Encoders, numerics: f.Numerics, names: f.Names, gain: f.Gain,
		forest: f.Forest, trainRows: f.TrainRows, trainPos: f.TrainPos}, nil
}

// check verifies that every index in the stored model points inside its array, so that scoring cannot panic.
func (f *modelFile) check() error {
	if f.Forest == nil || len(f.Names) != len(f.Gain) {
		return fmt.Errorf("incomplete model")
	}
	nx := 0
	for _, e := range f.Encoders {
		for _, i := range e.Fields {
			if i < 0 || i >= len(f.Fields) {
				return fmt.Errorf("profile %q: field %d out of range", e.Name, i)
			}
		}
		nx++
		if e.Count {
			nx++
		}
	}
	if nx+len(f.Numerics) != len(f.Names) {
		return fmt.Errorf("%d features named, %d computed", len(f.Names), nx+len(f.Numerics))
	}
	for ti, t := range f.Forest.Trees {
		n := len(t.Value)
		if n == 0 || len(t.Feature) != n || len(t.Threshold) != n || len(t.Left) != n || len(t.Right) != n {
			return fmt.Errorf("tree %d: ragged arrays", ti)
		}
		for i := range n {
			if t.Left[i] < 0 {
				continue
			}
			// Children come after their parent, which also rules out cycles.
			if int(t.Left[i]) <= i || int(t.Left[i]) >= n || int(t.Right[i]) <= i || int(t.Right[i]) >= n ||
				t.Feature[i] < 0 || int(t.Feature[i]) >= len(f.Names) {
				return fmt.Errorf("tree %d node %d: bad link", ti, i)
			}
		}
	}
	return nil
}
