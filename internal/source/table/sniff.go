package table

import "io"

// Sample is what Sniff saw at the start of a file: enough to choose an ingest profile.
type Sample struct {
	Format    Format
	Encoding  Encoding
	Delimiter rune     // CSV and TSV only
	Sheet     string   // XLSX only: the sheet read
	Sheets    []string // XLSX only: all worksheets
	Header    []string // for JSON lines, the keys of all the sampled rows
	Rows      []Record // up to n records, row errors included
}

// Sniff opens the file at path and returns its format, encoding, header and first n records. Options.ReuseRecord
// is ignored, since the records are kept.
func Sniff(path string, opt Options, n int) (*Sample, error) {
	opt.ReuseRecord = false
	r, err := Open(path, opt)
	if err != nil {
		return nil, err
	}
	defer r.Close()
	return sample(r, n)
}

// SniffReader is Sniff for a reader; name serves detection by extension, as in New.
func SniffReader(rd io.Reader, name string, opt Options, n int) (*Sample, error) {
	opt.ReuseRecord = false
	r, err := New(rd, name, opt)
	if err != nil {
		return nil, err
	}
	defer r.Close()
	return sample(r, n)
}

func sample(r *Reader, n int) (*Sample, error) {
	s := &Sample{
		Format: r.Format(), Encoding: r.Encoding(), Delimiter: r.Delimiter(),
		Sheet: r.Sheet(), Sheets: r.Sheets(),
	}
	for len(s.Rows) < n {
		rec, err := r.Next()
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, err
		}
		s.Rows = append(s.Rows, rec)
	}
	s.Header = r.Header()
	return s, nil
}
