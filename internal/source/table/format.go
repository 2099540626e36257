package table

import (
	"fmt"
	"strings"
)

// Format is the layout of an input file.
type Format uint8

// The formats a Reader understands. FormatAuto asks for detection.
const (
	FormatAuto  Format = iota // detect from the content and the file name
	FormatCSV                 // delimited text with RFC 4180 quoting; the delimiter is ',', ';' or '|'
	FormatTSV                 // tab-delimited text, quoted like CSV
	FormatXLSX                // Office Open XML spreadsheet
	FormatJSONL               // one JSON object per line
)

var formatNames = [...]string{"auto", "csv", "tsv", "xlsx", "jsonl"}

// String returns the lower-case name of the format, as ParseFormat accepts it.
func (f Format) String() string {
	if int(f) < len(formatNames) {
		return formatNames[f]
	}
	return fmt.Sprintf("format(%d)", f)
}

// ParseFormat parses a format name ("csv", "tsv", "xlsx", "jsonl", "auto" or empty); "ndjson" is an alias of "jsonl".
func ParseFormat(s string) (Format, error) {
	switch strings.ToLower(strings.TrimSpace(s)) {
	case "", "auto":
		return FormatAuto, nil
	case "csv":
		return FormatCSV, nil
	case "tsv", "tab":
		return FormatTSV, nil
	case "xlsx":
		return FormatXLSX, nil
	case "jsonl", "ndjson", "json-lines", "jsonlines":
		return FormatJSONL, nil
	}
	return FormatAuto, fmt.Errorf("parse format %q: unknown format", s)
}

// Encoding is the character encoding of a text input. Whatever the input encoding, a Reader returns UTF-8 strings.
type Encoding uint8

// The encodings a Reader decodes. Detection chooses among UTF-8, UTF-16 (with a byte order mark, or by the zero
// bytes of mostly ASCII text), Windows-1251 and Windows-1252; KOI8-R and IBM866 are only used when asked for.
const (
	EncodingAuto        Encoding = iota // detect
	EncodingUTF8                        // UTF-8, with or without a byte order mark
	EncodingUTF16LE                     // UTF-16 little-endian
	EncodingUTF16BE                     // UTF-16 big-endian
	EncodingWindows1251                 // Windows Cyrillic (cp1251)
	EncodingWindows1252                 // Windows Western European (cp1252, a superset of printable ISO-8859-1)
	EncodingKOI8R                       // KOI8-R Cyrillic
	EncodingIBM866                      // DOS Cyrillic (cp866)
)

var encodingNames = [...]string{"auto", "utf-8", "utf-16le", "utf-16be", "windows-1251", "windows-1252", "koi8-r", "ibm866"}

// String returns the canonical (WHATWG) name of the encoding.
func (e Encoding) String() string {
	if int(e) < len(encodingNames) {
		return encodingNames[e]
	}
	return fmt.Sprintf("encoding(%d)", e)
}

// ParseEncoding parses an encoding name, accepting the usual aliases ("utf8", "cp1251", "latin1", "koi8r", "cp866").
func ParseEncoding(s string) (Encoding, error) {
	n := strings.NewReplacer("-", "", "_", "", " ", "").Replace(strings.ToLower(strings.TrimSpace(s)))
	switch n {
	case "", "auto":
		return EncodingAuto, nil
	case "utf8", "utf8bom", "utf8sig":
		return EncodingUTF8, nil
	case "utf16le", "utf16", "ucs2", "unicode":
		return EncodingUTF16LE, nil
	case "utf16be":
		return EncodingUTF16BE, nil
	case "windows1251", "cp1251", "1251", "win1251", "xcp1251":
		return EncodingWindows1251, nil
	case "windows1252", "cp1252", "1252", "win1252", "latin1", "iso88591", "l1":
		return EncodingWindows1252, nil
	case "koi8r", "koi8":
		return EncodingKOI8R, nil
	case "ibm866", "cp866", "866", "dos866":
		return EncodingIBM866, nil
	}
	return EncodingAuto, fmt.Errorf("parse encoding %q: unknown encoding", s)
}
