package sample

import (
	"bytes"
	"context"
	"encoding/csv"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"sync"
	"testing"

	"golang.org/x/text/encoding/charmap"
)

// The shared fixture: one sample of fixtureRows rows, generated once and parsed once for the tests that
// read files.
const (
	fixtureRows = 30_000
	fixtureSeed = 2023
)

type parsedFile struct {
	name string
	kind Kind
	raw  []byte // as written
	text string // decoded to UTF-8
	rows [][]string
	col  map[string]int
}

func (f *parsedFile) get(row []string, col string) string {
	i, ok := f.col[col]
	if !ok {
		panic("no column " + col + " in " + f.name)
	}
	return row[i]
}

type sampleData struct {
	dir   string
	m     Manifest
	files []*parsedFile
	byRec map[string]recordRef // record id → file and row
}

type recordRef struct {
	f   *parsedFile
	row []string
}

var (
	fixtureOnce sync.Once
	fixture     *sampleData
	fixtureErr  error
	fixtureDir  string
)

func TestMain(m *testing.M) {
	code := m.Run()
	if fixtureDir != "" {
		os.RemoveAll(fixtureDir)
	}
	os.Exit(code)
}

func loadFixture(t *testing.T) *sampleData {
	t.Helper()
	fixtureOnce.Do(func() {
		fixtureDir, fixtureErr = os.MkdirTemp("", "sample-fixture-")
		if fixtureErr != nil {
			return
		}
		fixture, fixtureErr = generateAndParse(fixtureDir, Config{Rows: fixtureRows, Seed: fixtureSeed})
	})
	if fixtureErr != nil {
		t.Fatalf("fixture: %v", fixtureErr)
	}
	return fixture
}

func generateAndParse(dir string, cfg Config) (*sampleData, error) {
	cfg.Dir = dir
	m, err := Generate(context.Background(), cfg)
	if err != nil {
		return nil, err
	}
	s := &sampleData{dir: dir, m: m, byRec: map[string]recordRef{}}
	for _, fi := range m.Files {
		f, err := parseFile(filepath.Join(dir, fi.Name))
		if err != nil {
			return nil, err
		}
		s.files = append(s.files, f)
		idCol := "RECORD_ID"
		if layouts[f.kind].Profile == "canonical" {
			idCol = "record_id"
		}
		for _, r := range f.rows {
			s.byRec[f.get(r, idCol)] = recordRef{f, r}
		}
	}
	return s, nil
}

func parseFile(path string) (*parsedFile, error) {
	raw, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	name := filepath.Base(path)
	k, ok := ParseKind(name)
	if !ok {
		return nil, fmt.Errorf("%s: unknown kind", name)
	}
	f := &parsedFile{name: name, kind: k, raw: raw, text: string(raw), col: map[string]int{}}
	if layouts[k].Encoding == "Windows-1251" {
		b, err := charmap.Windows1251.NewDecoder().Bytes(raw)
		if err != nil {
			return nil, fmt.Errorf("%s: decode: %w", name, err)
		}
		f.text = string(b)
	}
	rd := csv.NewReader(strings.NewReader(f.text))
	all, err := rd.ReadAll()
	if err != nil {
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	for i, c := range all[0] {
		f.col[c] = i
	}
	f.rows = all[1:]
	return f, nil
}

// filesOf returns the parsed files of a kind.
func (s *sampleData) filesOf(k Kind) []*parsedFile {
	var out []*parsedFile
	for _, f := range s.files {
		if f.kind == k {
			out = append(out, f)
		}
	}
	return out
}

// dirDigest is a digest of every file in a directory, names included, in name order.
func dirDigest(t *testing.T, dir string) map[string][]byte {
	t.Helper()
	ents, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	out := map[string][]byte{}
	var names []string
	for _, e := range ents {
		names = append(names, e.Name())
	}
	sort.Strings(names)
	for _, n := range names {
		b, err := os.ReadFile(filepath.Join(dir, n))
		if err != nil {
			t.Fatal(err)
		}
		out[n] = b
	}
	return out
}

func sameFiles(a, b map[string][]byte) (string, bool) {
	if len(a) != len(b) {
		return "file count", false
	}
	for n, x := range a {
		if !bytes.Equal(x, b[n]) {
			return n, false
		}
	}
	return "", true
}
