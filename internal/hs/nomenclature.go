package hs

import (
	"embed"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"strings"
	"sync"
)

//go:embed data/*.csv
var dataFS embed.FS

// nomenclature is the HS2022 nomenclature: descriptions of chapters, headings and subheadings, and the
// sections the chapters belong to. UN Comtrade's pseudo-chapter 99 ("commodities not specified") and its
// TOTAL row are left out: they are not part of the HS.
type nomenclature struct {
	desc      map[Code]string
	chapters  [100]bool
	section   [100]uint8 // section number by chapter
	sections  []string   // titles, by section number (index 0 unused)
	headings  map[Code]bool
	subheads  int
	headCount int
}

var nomen = sync.OnceValue(func() *nomenclature {
	n, err := loadNomenclature()
	if err != nil {
		panic(fmt.Sprintf("hs: embedded data: %v", err))
	}
	return n
})

// chapters returns the table of HS chapters, indexed by the chapter's number.
func chapters() *[100]bool { return &nomen().chapters }

var romans = map[string]uint8{"I": 1, "II": 2, "III": 3, "IV": 4, "V": 5, "VI": 6, "VII": 7, "VIII": 8, "IX": 9,
	"X": 10, "XI": 11, "XII": 12, "XIII": 13, "XIV": 14, "XV": 15, "XVI": 16, "XVII": 17, "XVIII": 18, "XIX": 19,
	"XX": 20, "XXI": 21}

func loadNomenclature() (*nomenclature, error) {
	n := &nomenclature{desc: make(map[Code]string, 7000), headings: make(map[Code]bool, 2000)}
	rows, err := readCSV("data/hs-sections.csv")
	if err != nil {
		return nil, err
	}
	n.sections = make([]string, len(romans)+1)
	for _, r := range rows[1:] {
		num, ok := romans[r[0]]
		if !ok {
			return nil, fmt.Errorf("hs-sections.csv: section %q", r[0])
		}
		n.sections[num] = strings.TrimSpace(r[1])
	}

	rows, err = readCSV("data/harmonized-system-hs2022.csv")
	if err != nil {
		return nil, err
	}
	if strings.Join(rows[0], ",") != "section,hscode,description,parent,level" {
		return nil, fmt.Errorf("harmonized-system-hs2022.csv: header %q", rows[0])
	}
	for _, r := range rows[1:] {
		sec, code, desc := r[0], Code(r[1]), r[2]
		num, ok := romans[sec]
		if !ok {
			continue // Comtrade's TOTAL rows: chapter 99 and the grand total
		}
		if !allDigits(string(code)) || (len(code) != 2 && len(code) != 4 && len(code) != 6) {
			return nil, fmt.Errorf("harmonized-system-hs2022.csv: code %q", code)
		}
		n.desc[code] = desc
		ch := 10*(code[0]-'0') + (code[1] - '0')
		switch len(code) {
		case 2:
			n.chapters[ch] = true
			n.section[ch] = num
		case 4:
			n.headings[code] = true
			n.headCount++
		case 6:
			n.subheads++
		}
	}
	return n, nil
}

// headingExists reports whether h is a heading of HS2022 or of HS2017.
func headingExists(h []byte) bool {
	return nomen().headings[Code(h)] || concord().headings2017[Code(h)]
}

// Describe returns the description of the deepest level of c that HS2022 knows: the subheading, else the
// heading, else the chapter; "" when none is known. National subdivisions (8 and 10 digits) are described
// by their subheading.
func Describe(c Code) string {
	n := nomen()
	for _, l := range [...]int{6, 4, 2} {
		if len(c) >= l {
			if d, ok := n.desc[c[:l]]; ok {
				return d
			}
		}
	}
	return ""
}

// Section returns the number (1 to 21) and title of the HS section that c's chapter belongs to, or 0 and
// "" when the chapter is not an HS chapter.
func Section(c Code) (int, string) {
	if len(c) < 2 || !allDigits(string(c[:2])) {
		return 0, ""
	}
	n := nomen()
	num := n.section[10*(c[0]-'0')+(c[1]-'0')]
	if num == 0 {
		return 0, ""
	}
	return int(num), n.sections[num]
}

// Exists reports whether c is in the HS2022 nomenclature: a chapter, heading or subheading that exists, or
// an 8- or 10-digit national code whose subheading exists (the national subdivisions themselves are not
// known here).
func Exists(c Code) bool {
	switch len(c) {
	case 2, 4, 6:
		_, ok := nomen().desc[c]
		return ok
	case 8, 10:
		_, ok := nomen().desc[c[:6]]
		return ok && allDigits(string(c))
	}
	return false
}

// readCSV reads a whole embedded CSV file; lines starting with # are comments, and a byte-order mark and
// carriage returns are dropped.
func readCSV(name string) ([][]string, error) {
	f, err := dataFS.Open(name)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	r := csv.NewReader(f)
	r.Comment = '#'
	r.ReuseRecord = false
	var rows [][]string
	for {
		rec, err := r.Read()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return nil, fmt.Errorf("read %s: %w", name, err)
		}
		rows = append(rows, rec)
	}
	if len(rows) < 2 {
		return nil, fmt.Errorf("read %s: no data rows", name)
	}
	rows[0][0] = strings.TrimPrefix(rows[0][0], "\uFEFF")
	return rows, nil
}
