package lists

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"tradetrace/internal/trade"
)

func TestSources(t *testing.T) {
	seen := make(map[string]bool)
	defaults := 0
	for _, s := range Sources() {
		if s.Name == "" || seen[s.Name] || len(s.Files) == 0 || s.Format == "" || s.Licence == "" || s.Publisher == "" {
			t.Errorf("Sources() has %+v, want a unique name, files, a format, a licence and a publisher", s)
		}
		seen[s.Name] = true
		for _, f := range s.Files {
			if filepath.IsAbs(f) || strings.Contains(f, `\`) {
				t.Errorf("Sources()[%s] file %q, want a slash-separated relative path", s.Name, f)
			}
		}
		if s.Default {
			defaults++
			if strings.Contains(s.Licence, "CC BY-NC") || strings.Contains(s.Name, "sample") {
				t.Errorf("Sources()[%s] is a default list, but it is a sample or non-commercial data", s.Name)
			}
		}
	}
	if defaults != 8 {
		t.Errorf("Sources() has %d default lists, want 8", defaults)
	}
}

func TestDetect(t *testing.T) {
	tests := []struct {
		path string
		want Format
	}{
		{"../ofac/testdata/sdn.csv", FormatOFACCSV},
		{"../ofac/testdata/cons_prim.csv", FormatOFACCSV},
		{"../ofac/testdata/alt.csv", FormatOFACAlt},
		{"../ofac/testdata/add.csv", FormatOFACAdd},
		{"../ofac/testdata/sdn_comments.csv", FormatOFACComments},
		{"../ofac/testdata/sample_ofac_consolidated.xml", FormatOFACXML},
		{"../eu/testdata/32014R0833.csv", FormatEUCSV},
		{"../eu/testdata/sample_eu.xml", FormatEUXML},
		{"../hmt/testdata/sample_hmt.csv", FormatHMTCSV},
		{"../un/testdata/sample_unsc.xml", FormatUNXML},
		{"../csl/testdata/us_csl_sample_2019.csv", FormatCSL},
		{"../csl/testdata/us_csl_consolidated_sample_2025.csv", FormatCSL},
		{"../dod1260h/testdata/dod_1260h.csv", FormatDoD1260H},
		{"../mieu/testdata/bis_mieu.csv", FormatMIEU},
		{"../mofcom/testdata/cn_mofcom.csv", FormatMOFCOM},
		{"../ftm/testdata/zala_cut.ftm.jsonl", FormatFTM},
		{"../ftm/testdata/senzing_cut.json", FormatSenzing},
	}
	for _, tt := range tests {
		got, err := Detect(tt.path)
		if err != nil || got != tt.want {
			t.Errorf("Detect(%s) = %q, %v, want %q", tt.path, got, err, tt.want)
		}
	}
	if _, err := Detect("lists_test.go"); !errors.Is(err, ErrUnknownFormat) {
		t.Errorf("Detect(lists_test.go) error = %v, want ErrUnknownFormat", err)
	}
}

func TestDetectBytes(t *testing.T) {
	tests := []struct {
		in     string
		want   Format
		wantOK bool
	}{
		{"\xef\xbb\xbf  <?xml version=\"1.0\"?><sdnList/>", FormatOFACXML, true},
		{"<html><body/></html>", "", false},
		{`{"id":"x","schema":"Person","properties":{}}`, FormatFTM, true},
		{`{"a":1}`, "", false},
		{"12,\"X\",-0- ,\"A\",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- \r\n", FormatOFACCSV, true},
		{"12,34,\"xyz\",\"X\",-0- \r\n", "", false},
		{"Last Updated,27/04/2020\n", FormatHMTCSV, true},
		{"", "", false},
	}
	for _, tt := range tests {
		got, ok := DetectBytes([]byte(tt.in))
		if got != tt.want || ok != tt.wantOK {
			t.Errorf("DetectBytes(%q) = %q, %v, want %q, %v", tt.in, got, ok, tt.want, tt.wantOK)
		}
	}
}

// copyFixtures copies files of the sibling packages' testdata into a temporary directory.
func copyFixtures(t *testing.T, files map[string]string) string {
	t.Helper()
	dir := t.TempDir()
	for dst, src := range files {
		data, err := os.ReadFile(src)
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, dst), data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

func TestLoadPathFolder(t *testing.T) {
	dir := copyFixtures(t, map[string]string{
		// Renamed files: the parts of the OFAC set are told by their content.
		"primary.csv": "../ofac/testdata/sdn.csv", "names.csv": "../ofac/testdata/alt.csv",
		"addresses.csv": "../ofac/testdata/add.csv",
		"cons_prim.csv": "../ofac/testdata/cons_prim.csv", "cons_alt.csv": "../ofac/testdata/cons_alt.csv",
		"mieu.csv": "../mieu/testdata/bis_mieu.csv", "README.txt": "lists_test.go",
	})
	ents, err := LoadPath(dir)
	if err != nil {
		t.Fatalf("LoadPath(folder) error: %v", err)
	}
	counts := make(map[string]int)
	for _, c := range Counts(ents) {
		counts[c.List] = c.Entities
	}
	if counts["ofac_sdn"] != 9 || counts["ofac_cons"] != 5 || counts["us_bis_mieu"] != 13 || len(counts) != 3 {
		t.Errorf("LoadPath(folder) counts = %v, want ofac_sdn 9, ofac_cons 5, us_bis_mieu 13", counts)
	}
	roe := find(ents, "ofac_sdn", "18782")
	if roe == nil || len(roe.Names) != 4 || len(roe.Addresses) != 1 {
		t.Errorf("LoadPath(folder) ROSOBORONEKSPORT = %+v, want its aliases and address joined from the renamed parts", roe)
	}
}

func TestLoadFilesErrors(t *testing.T) {
	if _, err := LoadFiles("../ofac/testdata/alt.csv"); !errors.Is(err, ErrNoList) {
		t.Errorf("LoadFiles(alt.csv alone) error = %v, want ErrNoList", err)
	}
	if _, err := LoadFiles("lists_test.go"); !errors.Is(err, ErrUnknownFormat) {
		t.Errorf("LoadFiles(lists_test.go) error = %v, want ErrUnknownFormat", err)
	}
	if _, err := Load(t.TempDir(), "no_such_list"); !errors.Is(err, ErrNoList) {
		t.Errorf("Load(no_such_list) error = %v, want ErrNoList", err)
	}
	if _, err := LoadAll(t.TempDir()); !errors.Is(err, ErrNoList) {
		t.Errorf("LoadAll(empty folder) error = %v, want ErrNoList", err)
	}
	if _, err := Load(t.TempDir(), "ofac_sdn"); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("Load(ofac_sdn from an empty folder) error = %v, want a missing file", err)
	}
}

func TestLoadFilesNames(t *testing.T) {
	ents, err := LoadFiles("../eu/testdata/32014R0833.csv", "../eu/testdata/32014R0269.csv", "../ftm/testdata/t1_sample.ftm.jsonl",
		"../un/testdata/un_cut.xml")
	if err != nil {
		t.Fatal(err)
	}
	counts := make(map[string]int)
	for _, c := range Counts(ents) {
		counts[c.List] = c.Entities
	}
	want := map[string]int{"eu_833": 7, "eu_269": 6, "ftm_t1_sample": 6, "un_sc": 4}
	for name, n := range want {
		if counts[name] != n {
			t.Errorf("LoadFiles counts = %v, want %v", counts, want)
			break
		}
	}
}

func find(ents []trade.ListEntity, list, id string) *trade.ListEntity {
	for i := range ents {
		if ents[i].List == list && ents[i].SourceID == id {
			return &ents[i]
		}
	}
	return nil
}

func FuzzDetectBytes(f *testing.F) {
	for _, p := range []string{"../ofac/testdata/sdn.csv", "../eu/testdata/sample_eu.xml", "../hmt/testdata/sample_hmt.csv",
		"../ftm/testdata/senzing_cut.json"} {
		data, err := os.ReadFile(p)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(data)
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		format, ok := DetectBytes(data)
		if ok != (format != "") {
			t.Fatalf("DetectBytes(%q) = %q, %v: a format exactly when ok", data, format, ok)
		}
	})
}
