package table

import (
	"bytes"
	"io"
	"strings"
	"unicode/utf8"
)

// csvSource scans delimited text byte by byte. A line without a quote character, and too short to break a size
// limit, takes the fast path: one IndexByte for the line end, one string for the whole record, fields sliced from
// it at the delimiters. Any other record goes through parse, which handles RFC 4180 quoting across lines and
// the limits. How records are read never depends on how the input happens to be split between reads.
//
// Quoting is lenient where RFC 4180 is strict, as Excel is: a quote inside an unquoted field is a literal
// character, and a quote inside a quoted field that is neither doubled nor followed by a delimiter or a line end is
// kept as a literal too ("ACME "BEST" LTD" reads as ACME "BEST" LTD).
type csvSource struct {
	tb        *textBuf
	delim     byte
	line      int64 // physical lines consumed before tb.pos
	maxField  int
	maxRecord int
	checkUTF8 bool // the text was not produced by a decoder, so it may hold invalid UTF-8
	reuse     bool
	want      int // header width, once known: a record spanning lines with another width is an unbalanced quote
	fields    []string
	nfields   int // field count of the last record, to size the next slice

	// state of parse, for the record at tb.pos
	bounds  []int  // each field's content: start and end in tb.buf, and kind; three entries a field
	escaped bool   // some quoted field holds a quote, so its content is not a plain slice of the input
	firstNL int    // buffer position of the first newline inside the record, -1 if none
	inQuote bool   // parse stopped inside a quoted field
	scratch []byte // unescaped record contents, when escaped
}

func newCSVSource(tb *textBuf, delim byte, opt *Options, checkUTF8 bool) *csvSource {
	return &csvSource{
		tb: tb, delim: delim, maxField: opt.MaxFieldBytes, maxRecord: opt.MaxRecordBytes,
		checkUTF8: checkUTF8, reuse: opt.ReuseRecord,
	}
}

func (c *csvSource) close() error { return nil }

// next returns the next record; blank lines are skipped. Fields and Err follow Record's contract; Row is left to
// the Reader.
func (c *csvSource) next() (Record, error) {
	t := c.tb
	for {
		data := t.unread()
		i := bytes.IndexByte(data, '\n')
		if i < 0 && !t.eof {
			if len(data) > c.maxField {
				return c.slow()
			}
			if err := t.fill(); err != nil {
				return Record{}, err
			}
			continue
		}
		if len(data) == 0 {
			return Record{}, io.EOF
		}
		line, adv := data, len(data)
		if i >= 0 {
			line, adv = data[:i], i+1
		}
		if n := len(line); n > 0 && line[n-1] == '\r' {
			line = line[:n-1]
		}
		line = trimBOM(line)
		if len(line) == 0 || len(line) == 1 && line[0] == 0x1A { // blank, or a DOS end-of-file mark
			t.pos += adv
			c.line++
			continue
		}
		if len(line) > c.maxField || bytes.IndexByte(line, '"') >= 0 {
			return c.slow() // quotes, or a line that may break a size limit
		}
		t.pos += adv
		c.line++
		return c.fast(line, c.line), nil
	}
}

// fast splits a line that holds no quote character.
func (c *csvSource) fast(line []byte, start int64) Record {
	s := string(line)
	fields := c.newFields()
	d, prev := c.delim, 0
	for i, b := range line {
		if b == d {
			fields = append(fields, s[prev:i])
			prev = i + 1
		}
	}
	fields = append(fields, s[prev:])
	return c.finish(start, s, fields)
}

func (c *csvSource) newFields() []string {
	if c.reuse {
		return c.fields[:0]
	}
	return make([]string, 0, max(c.nfields, 8))
}

// finish validates the fields of a record whose bytes are all in s: NUL bytes and UTF-8. Sizes are checked
// by parse.
func (c *csvSource) finish(start int64, s string, fields []string) Record {
	c.nfields = len(fields)
	if c.reuse {
		c.fields = fields
	}
	rec := Record{Line: start, Fields: fields}
	if err := checkText(s, fields, c.checkUTF8); err != nil {
		rec.Err = err
	}
	return rec
}

// checkText reports a NUL byte, then invalid UTF-8, in the fields of a record whose bytes are all in s; invalid
// bytes are replaced by U+FFFD in place whatever is reported. The common case costs one scan of s for each check.
func checkText(s string, fields []string, checkUTF8 bool) *RowError {
	var err *RowError
	if checkUTF8 && !utf8.ValidString(s) {
		for i, f := range fields {
			if !utf8.ValidString(f) {
				if err == nil {
					err = rowErr(ReasonInvalidUTF8, i, "invalid UTF-8 replaced by U+FFFD")
				}
				fields[i] = strings.ToValidUTF8(f, "\uFFFD")
			}
		}
	}
	if strings.IndexByte(s, 0) >= 0 {
		if nul := nulError(fields); nul != nil {
			return nul
		}
	}
	return err
}

// nulError reports the first field with a NUL byte.
func nulError(fields []string) *RowError {
	for i, f := range fields {
		if strings.IndexByte(f, 0) >= 0 {
			return rowErr(ReasonBinary, i, "NUL byte in field")
		}
	}
	return nil
}
