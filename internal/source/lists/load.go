package lists

import (
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"tradetrace/internal/source/csl"
	"tradetrace/internal/source/dod1260h"
	"tradetrace/internal/source/eu"
	"tradetrace/internal/source/ftm"
	"tradetrace/internal/source/hmt"
	"tradetrace/internal/source/mieu"
	"tradetrace/internal/source/mofcom"
	"tradetrace/internal/source/ofac"
	"tradetrace/internal/source/un"
	"tradetrace/internal/trade"
)

// ErrNoList reports a name that is no known list, or a directory or file list that holds none.
var ErrNoList = errors.New("no such list")

// Load loads the named list from a lists directory laid out as Sources says. Every entity's List is the
// source's name.
func Load(dir, name string) ([]trade.ListEntity, error) {
	s, ok := source(name)
	if !ok {
		return nil, fmt.Errorf("load list %q: %w", name, ErrNoList)
	}
	paths := make([]string, len(s.Files))
	for i, f := range s.Files {
		paths[i] = filepath.Join(dir, filepath.FromSlash(f))
	}
	ents, err := loadFormat(s.Format, s.Name, paths)
	if err != nil {
		return nil, fmt.Errorf("load list %s: %w", name, err)
	}
	return ents, nil
}

// LoadAll loads every default list whose primary file is in the lists directory. It fails when one of them
// fails, or when the directory holds none.
func LoadAll(dir string) ([]trade.ListEntity, error) {
	var out []trade.ListEntity
	found := false
	for _, s := range sources {
		if !s.Default || !exists(filepath.Join(dir, filepath.FromSlash(s.Files[0]))) {
			continue
		}
		found = true
		ents, err := Load(dir, s.Name)
		if err != nil {
			return nil, err
		}
		out = append(out, ents...)
	}
	if !found {
		return nil, fmt.Errorf("load lists from %s: no known list file: %w", dir, ErrNoList)
	}
	return out, nil
}

// LoadPath loads what a user points at. A directory laid out as Sources says loads as LoadAll; any other
// directory loads the list files directly in it, as LoadFiles; a file loads as LoadFiles.
func LoadPath(path string) ([]trade.ListEntity, error) {
	info, err := os.Stat(path)
	if err != nil {
		return nil, fmt.Errorf("load lists: %w", err)
	}
	if !info.IsDir() {
		return LoadFiles(path)
	}
	for _, s := range sources {
		if s.Default && exists(filepath.Join(path, filepath.FromSlash(s.Files[0]))) {
			return LoadAll(path)
		}
	}
	entries, err := os.ReadDir(path)
	if err != nil {
		return nil, fmt.Errorf("load lists: %w", err)
	}
	var files []string
	for _, e := range entries {
		if !e.Type().IsRegular() || strings.HasPrefix(e.Name(), ".") {
			continue
		}
		p := filepath.Join(path, e.Name())
		if _, err := Detect(p); err == nil {
			files = append(files, p)
		}
	}
	if len(files) == 0 {
		return nil, fmt.Errorf("load lists from %s: no list file: %w", path, ErrNoList)
	}
	return LoadFiles(files...)
}

// LoadFiles loads list files whatever their names, detecting each one's format. The parts of an OFAC legacy CSV
// set are joined to their primary file: cons_alt.csv, cons_add.csv and cons_comments.csv to cons_prim.csv, the
// others to sdn.csv. A file's list is named after its format (ofac_sdn, eu_833, un_sc …); FollowTheMoney files
// after the file ("ftm_zala_aero_cluster").
func LoadFiles(paths ...string) ([]trade.ListEntity, error) {
	type set struct{ primary, parts []string }
	ofacSets := map[bool]*set{false: {}, true: {}}
	var out []trade.ListEntity
	for _, p := range paths {
		format, err := Detect(p)
		if err != nil {
			return nil, fmt.Errorf("load lists: %w", err)
		}
		cons := strings.HasPrefix(strings.ToLower(filepath.Base(p)), "cons_")
		switch format {
		case FormatOFACCSV:
			ofacSets[cons].primary = append(ofacSets[cons].primary, p)
			continue
		case FormatOFACAlt, FormatOFACAdd, FormatOFACComments:
			ofacSets[cons].parts = append(ofacSets[cons].parts, p)
			continue
		}
		ents, err := loadFormat(format, fileList(format, p), []string{p})
		if err != nil {
			return nil, fmt.Errorf("load list %s: %w", p, err)
		}
		out = append(out, ents...)
	}
	for _, cons := range []bool{false, true} {
		s := ofacSets[cons]
		if len(s.primary) == 0 && len(s.parts) > 0 {
			return nil, fmt.Errorf("load lists: %s without its primary file (sdn.csv or cons_prim.csv): %w",
				strings.Join(s.parts, ", "), ErrNoList)
		}
		if len(s.primary) > 1 {
			return nil, fmt.Errorf("load lists: several ofac primary files %s: %w", strings.Join(s.primary, ", "),
				ErrNoList)
		}
		if len(s.primary) == 1 {
			name := ofac.ListSDN
			if cons {
				name = ofac.ListCons
			}
			ents, err := loadFormat(FormatOFACCSV, name, append(s.primary, s.parts...))
			if err != nil {
				return nil, fmt.Errorf("load list %s: %w", s.primary[0], err)
			}
			out = append(out, ents...)
		}
	}
	return out, nil
}

// fileList names the list of a file loaded by path.
func fileList(format Format, path string) string {
	switch format {
	case FormatOFACXML:
		return ofac.ListSDN
	case FormatEUXML:
		return eu.ListFSF
	case FormatHMTCSV:
		return hmt.ListName
	case FormatUNXML:
		return un.ListName
	case FormatCSL:
		return csl.ListName
	case FormatDoD1260H:
		return dod1260h.ListName
	case FormatMIEU:
		return mieu.ListName
	case FormatMOFCOM:
		return mofcom.ListName
	case FormatEUCSV:
		return "" // named by the CELEX number of each record
	}
	base := filepath.Base(path)
	if i := strings.Index(base, "."); i > 0 {
		base = base[:i]
	}
	return "ftm_" + strings.ToLower(base)
}

// loadFormat reads files of one format and maps them to entities of the named list; an empty name keeps the
// names the mapper gives.
func loadFormat(format Format, name string, paths []string) ([]trade.ListEntity, error) {
	var ents []trade.ListEntity
	var err error
	switch format {
	case FormatOFACCSV:
		ents, err = loadOFAC(name, paths)
	case FormatOFACXML:
		ents, err = withFile(paths[0], func(r io.Reader) ([]trade.ListEntity, error) {
			l, err := ofac.ReadXML(r)
			return ofac.MapXML(name, l.Entries, CountryCode), err
		})
	case FormatEUCSV:
		ents, err = withFile(paths[0], func(r io.Reader) ([]trade.ListEntity, error) {
			recs, err := eu.ReadCSV(r)
			return eu.Map(recs, CountryCode), err
		})
	case FormatEUXML:
		ents, err = withFile(paths[0], func(r io.Reader) ([]trade.ListEntity, error) {
			recs, err := eu.ReadXML(r)
			return eu.MapXML(recs, CountryCode), err
		})
	case FormatHMTCSV:
		ents, err = withFile(paths[0], func(r io.Reader) ([]trade.ListEntity, error) {
			rows, err := hmt.Read(r)
			return hmt.Map(rows, CountryCode), err
		})
	case FormatUNXML:
		ents, err = withFile(paths[0], func(r io.Reader) ([]trade.ListEntity, error) {
			l, err := un.Read(r)
			return un.Map(l.Records, CountryCode), err
		})
	case FormatCSL:
		ents, err = withFile(paths[0], func(r io.Reader) ([]trade.ListEntity, error) {
			recs, err := csl.Read(r)
			return csl.Map(recs, CountryCode), err
		})
	case FormatDoD1260H:
		ents, err = withFile(paths[0], func(r io.Reader) ([]trade.ListEntity, error) {
			recs, err := dod1260h.Read(r)
			return dod1260h.Map(recs), err
		})
	case FormatMIEU:
		ents, err = withFile(paths[0], func(r io.Reader) ([]trade.ListEntity, error) {
			recs, err := mieu.Read(r)
			return mieu.Map(recs, CountryCode), err
		})
	case FormatMOFCOM:
		ents, err = withFile(paths[0], func(r io.Reader) ([]trade.ListEntity, error) {
			recs, err := mofcom.Read(r)
			return mofcom.Map(recs, CountryCode), err
		})
	case FormatFTM:
		ents, err = withFile(paths[0], func(r io.Reader) ([]trade.ListEntity, error) {
			es, err := ftm.Read(r)
			return ftm.Map(name, es, CountryCode), err
		})
	case FormatSenzing:
		ents, err = withFile(paths[0], func(r io.Reader) ([]trade.ListEntity, error) {
			recs, err := ftm.ReadSenzing(r)
			return ftm.MapSenzing(name, recs, CountryCode), err
		})
	default:
		return nil, fmt.Errorf("format %q: %w", format, ErrUnknownFormat)
	}
	if err != nil {
		return nil, err
	}
	if name != "" {
		for i := range ents {
			ents[i].List = name
		}
	}
	return ents, nil
}

// loadOFAC reads an OFAC legacy CSV set: the primary file first, then its parts, recognised by their names
// (alt.csv, cons_add.csv …) or else by their content.
func loadOFAC(name string, paths []string) ([]trade.ListEntity, error) {
	var set ofac.Set
	for i, p := range paths {
		part := FormatOFACCSV
		if i > 0 {
			part = ofacPart(p)
		}
		if err := readOFACPart(p, part, &set); err != nil {
			return nil, err
		}
	}
	return ofac.Map(name, set, CountryCode), nil
}

// ofacPart tells which part of an OFAC set a file is, by its name or else by its content.
func ofacPart(p string) Format {
	base := strings.ToLower(filepath.Base(p))
	switch {
	case strings.HasSuffix(base, "alt.csv"):
		return FormatOFACAlt
	case strings.HasSuffix(base, "add.csv"):
		return FormatOFACAdd
	case strings.HasSuffix(base, "comments.csv"):
		return FormatOFACComments
	}
	format, _ := Detect(p)
	return format
}

func readOFACPart(p string, part Format, set *ofac.Set) error {
	f, err := os.Open(p)
	if err != nil {
		return err
	}
	defer f.Close()
	switch part {
	case FormatOFACCSV:
		set.Entries, err = ofac.ReadEntries(f)
	case FormatOFACAlt:
		set.Alts, err = ofac.ReadAlts(f)
	case FormatOFACAdd:
		set.Addresses, err = ofac.ReadAddresses(f)
	case FormatOFACComments:
		set.Comments, err = ofac.ReadComments(f)
	default:
		err = fmt.Errorf("not a part of an ofac csv set: %w", ErrUnknownFormat)
	}
	if err != nil {
		return fmt.Errorf("%s: %w", filepath.Base(p), err)
	}
	return nil
}

func withFile(path string, read func(io.Reader) ([]trade.ListEntity, error)) ([]trade.ListEntity, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	ents, err := read(f)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", filepath.Base(path), err)
	}
	return ents, nil
}

func exists(path string) bool {
	_, err := os.Stat(path)
	return err == nil
}

// Counts returns how many entities each list has, by list name, sorted by name.
func Counts(ents []trade.ListEntity) []ListCount {
	m := make(map[string]int)
	for _, e := range ents {
		m[e.List]++
	}
	out := make([]ListCount, 0, len(m))
	for name, n := range m {
		out = append(out, ListCount{List: name, Entities: n})
	}
	sort.Slice(out, func(i, j int) bool { return out[i].List < out[j].List })
	return out
}

// ListCount is the number of entities of one list.
type ListCount struct {
	List     string
	Entities int
}
