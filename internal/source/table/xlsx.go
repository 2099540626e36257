package table

import (
	"archive/zip"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"path"
	"strconv"
	"strings"
)

// workbook is an opened XLSX package: its parts by name, the worksheets in workbook order, the shared strings
// and the number format kind of each cell style.
type workbook struct {
	files    map[string]*zip.File // by lower-case part name; OPC part names are case-insensitive
	sheets   []sheetInfo
	sst      []string
	kinds    []numKind // by cellXfs index, the s attribute of a cell
	date1904 bool
}

type sheetInfo struct {
	name string
	path string
}

type relationship struct {
	typ    string
	target string // part name, resolved against the source part's folder
}

// openWorkbook reads the package relationships, workbook, shared strings and styles. Worksheets are read later,
// as a stream.
func openWorkbook(ra io.ReaderAt, size int64) (*workbook, error) {
	zr, err := zip.NewReader(ra, size)
	if err != nil {
		return nil, fmt.Errorf("%w: %v", ErrNotXLSX, err)
	}
	wb := &workbook{files: make(map[string]*zip.File, len(zr.File))}
	for _, f := range zr.File {
		wb.files[strings.ToLower(strings.TrimPrefix(f.Name, "/"))] = f
	}
	wbPath := "xl/workbook.xml"
	if rels, err := wb.readRels("_rels/.rels", ""); err == nil {
		for _, r := range rels {
			if strings.HasSuffix(r.typ, "/officeDocument") {
				wbPath = r.target
			}
		}
	}
	if wb.file(wbPath) == nil {
		return nil, fmt.Errorf("%w: no workbook part", ErrNotXLSX)
	}
	type sheetRef struct{ name, rid string }
	var refs []sheetRef
	err = wb.walk(wbPath, func(se xml.StartElement) error {
		switch se.Name.Local {
		case "sheet":
			var ref sheetRef
			for _, a := range se.Attr {
				switch {
				case a.Name.Local == "name":
					ref.name = a.Value
				case a.Name.Local == "id" && a.Name.Space != "":
					ref.rid = a.Value
				}
			}
			refs = append(refs, ref)
		case "workbookPr":
			for _, a := range se.Attr {
				if a.Name.Local == "date1904" {
					wb.date1904 = a.Value == "1" || strings.EqualFold(a.Value, "true")
				}
			}
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("%w: workbook: %v", ErrNotXLSX, err)
	}
	dir := path.Dir(wbPath)
	rels, err := wb.readRels(path.Join(dir, "_rels", path.Base(wbPath)+".rels"), dir)
	if err != nil {
		return nil, fmt.Errorf("%w: workbook relationships: %v", ErrNotXLSX, err)
	}
	for _, ref := range refs {
		r, ok := rels[ref.rid]
		if ok && strings.HasSuffix(r.typ, "/worksheet") && wb.file(r.target) != nil {
			wb.sheets = append(wb.sheets, sheetInfo{name: ref.name, path: r.target})
		}
	}
	if len(wb.sheets) == 0 {
		return nil, ErrNoSheets
	}
	for _, r := range rels {
		switch {
		case strings.HasSuffix(r.typ, "/sharedStrings"):
			if wb.sst, err = wb.readSharedStrings(r.target); err != nil {
				return nil, fmt.Errorf("shared strings: %w", err)
			}
		case strings.HasSuffix(r.typ, "/styles"):
			if wb.kinds, err = wb.readStyles(r.target); err != nil {
				return nil, fmt.Errorf("styles: %w", err)
			}
		}
	}
	return wb, nil
}

func (wb *workbook) file(name string) *zip.File {
	return wb.files[strings.ToLower(name)]
}

var errNoPart = errors.New("part missing")

func (wb *workbook) open(name string) (io.ReadCloser, error) {
	f := wb.file(name)
	if f == nil {
		return nil, fmt.Errorf("%s: %w", name, errNoPart)
	}
	return f.Open()
}

// walk calls fn for each start element of a small XML part.
func (wb *workbook) walk(name string, fn func(xml.StartElement) error) error {
	rc, err := wb.open(name)
	if err != nil {
		return err
	}
	defer rc.Close()
	dec := xml.NewDecoder(rc)
	for {
		tok, err := dec.RawToken()
		if err == io.EOF {
			return nil
		}
		if err != nil {
			return err
		}
		if se, ok := tok.(xml.StartElement); ok {
			if err := fn(se); err != nil {
				return err
			}
		}
	}
}

// readRels reads a relationships part; targets are resolved against dir. External targets are left out.
func (wb *workbook) readRels(name, dir string) (map[string]relationship, error) {
	rels := make(map[string]relationship)
	err := wb.walk(name, func(se xml.StartElement) error {
		if se.Name.Local != "Relationship" {
			return nil
		}
		var id, mode string
		var r relationship
		for _, a := range se.Attr {
			switch a.Name.Local {
			case "Id":
				id = a.Value
			case "Type":
				r.typ = a.Value
			case "Target":
				r.target = a.Value
			case "TargetMode":
				mode = a.Value
			}
		}
		if mode == "External" {
			return nil
		}
		if strings.HasPrefix(r.target, "/") {
			r.target = path.Clean(r.target[1:])
		} else {
			r.target = path.Join(dir, r.target)
		}
		rels[id] = r
		return nil
	})
	return rels, err
}

// readSharedStrings reads the shared string table: each <si> is the concatenation of its <t> texts, leaving out
// phonetic runs (<rPh>).
func (wb *workbook) readSharedStrings(name string) ([]string, error) {
	rc, err := wb.open(name)
	if err != nil {
		return nil, err
	}
	defer rc.Close()
	dec := xml.NewDecoder(rc)
	var sst []string
	var text []byte
	inT, rph := false, 0
	for {
		tok, err := dec.RawToken()
		if err == io.EOF {
			return sst, nil
		}
		if err != nil {
			return nil, err
		}
		switch t := tok.(type) {
		case xml.StartElement:
			switch t.Name.Local {
			case "si":
				text = text[:0]
			case "t":
				inT = rph == 0
			case "rPh":
				rph++
			}
		case xml.EndElement:
			switch t.Name.Local {
			case "si":
				sst = append(sst, decodeXEscapes(string(text)))
			case "t":
				inT = false
			case "rPh":
				rph--
			}
		case xml.CharData:
			if inT {
				text = append(text, t...)
			}
		}
	}
}

// pick returns the sheet named sel, or at 1-based position sel when no sheet has that name; "" is the first.
func (wb *workbook) pick(sel string) (sheetInfo, error) {
	if sel == "" {
		return wb.sheets[0], nil
	}
	for _, s := range wb.sheets {
		if s.name == sel {
			return s, nil
		}
	}
	for _, s := range wb.sheets {
		if strings.EqualFold(s.name, sel) {
			return s, nil
		}
	}
	if n, err := strconv.Atoi(sel); err == nil && n >= 1 && n <= len(wb.sheets) {
		return wb.sheets[n-1], nil
	}
	names := make([]string, len(wb.sheets))
	for i, s := range wb.sheets {
		names[i] = strconv.Quote(s.name)
	}
	return sheetInfo{}, fmt.Errorf("%w: %q; the workbook has %s", ErrSheetNotFound, sel, strings.Join(names, ", "))
}

// decodeXEscapes decodes the _xHHHH_ escapes OOXML uses for control characters in strings.
func decodeXEscapes(s string) string {
	if !strings.Contains(s, "_x") {
		return s
	}
	var b strings.Builder
	for {
		i := strings.Index(s, "_x")
		if i < 0 || i+7 > len(s) {
			break
		}
		n, err := strconv.ParseUint(s[i+2:i+6], 16, 16)
		if err != nil || s[i+6] != '_' {
			b.WriteString(s[:i+2])
			s = s[i+2:]
			continue
		}
		b.WriteString(s[:i])
		b.WriteRune(rune(n))
		s = s[i+7:]
	}
	b.WriteString(s)
	return b.String()
}
