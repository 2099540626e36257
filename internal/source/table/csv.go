package table

import (
	"bytes"
	"io"
	"strings"
	"unicode/utf8"
)

// csvSource scans delimited text byte by byte. A line without a quote character takes the fast path: one
// IndexByte for the line end, one string for the whole record, fields sliced from it at the delimiters. Any
// other record goes through parse, which handles RFC 4180 quoting across lines.
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
	fields    []string
	nfields   int // field count of the last record, to size the next slice

	// parse state
	scratch []byte // unescaped field contents of the record, concatenated
	ends    []int  // end offset of each field in scratch
	firstNL int    // buffer position of the first newline inside the record, -1 if none
	inQuote bool   // parse stopped inside a quoted field
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
		if bytes.IndexByte(line, '"') >= 0 {
			return c.slow()
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
	for {
		j := strings.IndexByte(s, c.delim)
		if j < 0 {
			break
		}
		fields = append(fields, s[:j])
		s = s[j+1:]
	}
	fields = append(fields, s)
	return c.finish(start, fields, len(line))
}

func (c *csvSource) newFields() []string {
	if c.reuse {
		return c.fields[:0]
	}
	return make([]string, 0, max(c.nfields, 8))
}

// finish validates the fields of a record whose bytes total n: sizes, NUL bytes and UTF-8.
func (c *csvSource) finish(start int64, fields []string, n int) Record {
	c.nfields = len(fields)
	if c.reuse {
		c.fields = fields
	}
	rec := Record{Line: start, Fields: fields}
	if n > c.maxRecord {
		rec.Fields = nil
		rec.Err = rowErr(ReasonRecordTooLarge, -1, "%d bytes, limit %d", n, c.maxRecord)
		return rec
	}
	if n > c.maxField {
		for i, f := range fields {
			if len(f) > c.maxField {
				rec.Fields = nil
				rec.Err = rowErr(ReasonFieldTooLarge, i, "%d bytes, limit %d", len(f), c.maxField)
				return rec
			}
		}
	}
	if err := checkText(fields, c.checkUTF8); err != nil {
		rec.Err = err
	}
	return rec
}

// checkText reports a NUL byte, then invalid UTF-8, in fields; invalid bytes are replaced by U+FFFD in place.
func checkText(fields []string, checkUTF8 bool) *RowError {
	for i, f := range fields {
		if strings.IndexByte(f, 0) >= 0 {
			return rowErr(ReasonBinary, i, "NUL byte in field")
		}
	}
	if !checkUTF8 {
		return nil
	}
	var err *RowError
	for i, f := range fields {
		if !utf8.ValidString(f) {
			if err == nil {
				err = rowErr(ReasonInvalidUTF8, i, "invalid UTF-8 replaced by U+FFFD")
			}
			fields[i] = strings.ToValidUTF8(f, "\uFFFD")
		}
	}
	return err
}

// parse outcomes.
const (
	parsed        = iota // a whole record, ending at the returned position
	needMore             // the record runs past the buffered bytes
	eofInQuote           // the input ended inside a quoted field
	fieldTooLarge        // a field grew past maxField; the returned position is where scanning stopped
)

// slow parses the record at tb.pos with full quoting rules, reading more input as needed, and recovers from
// malformed records (see the package documentation).
func (c *csvSource) slow() (Record, error) {
	t := c.tb
	for {
		st, p := c.parse()
		start := c.line + 1
		switch st {
		case parsed:
			s := string(c.scratch)
			fields := c.newFields()
			prev := 0
			for _, e := range c.ends {
				fields = append(fields, s[prev:e])
				prev = e
			}
			c.line += int64(bytes.Count(t.buf[t.pos:p], []byte{'\n'}))
			if p == t.end && t.eof && p > t.pos && t.buf[p-1] != '\n' {
				c.line++ // the last line has no line end
			}
			t.pos = p
			return c.finish(start, fields, len(s)), nil
		case needMore:
			if t.end-t.pos <= c.maxRecord {
				if err := t.fill(); err != nil {
					return Record{}, err
				}
				continue
			}
			reason := ReasonRecordTooLarge
			if c.inQuote && c.firstNL >= 0 {
				reason = ReasonUnterminatedQuote
			}
			err := rowErr(reason, -1, "record longer than %d bytes", c.maxRecord)
			return c.recover(start, err, t.end)
		case eofInQuote:
			err := rowErr(ReasonUnterminatedQuote, len(c.ends), "quoted field not closed before the end of the file")
			return c.recover(start, err, t.end)
		case fieldTooLarge:
			if c.inQuote && c.firstNL >= 0 {
				err := rowErr(ReasonUnterminatedQuote, len(c.ends), "quoted field spans lines and exceeds %d bytes", c.maxField)
				return c.recover(start, err, p)
			}
			err := rowErr(ReasonFieldTooLarge, len(c.ends), "more than %d bytes", c.maxField)
			return c.recover(start, err, p)
		}
	}
}

// recover reports a malformed record and moves past it. When the record spans lines, reading resumes on the line
// after the one it started on, so an unbalanced quote costs one row, not the rest of the file. Otherwise the rest
// of the physical line from position from is skipped.
func (c *csvSource) recover(start int64, err *RowError, from int) (Record, error) {
	t := c.tb
	rec := Record{Line: start, Err: err}
	if c.firstNL >= 0 {
		t.pos = c.firstNL + 1
		c.line++
		return rec, nil
	}
	t.pos = from
	for {
		if i := bytes.IndexByte(t.unread(), '\n'); i >= 0 {
			t.pos += i + 1
			c.line++
			return rec, nil
		}
		t.pos = t.end
		if t.eof {
			c.line++
			return rec, nil
		}
		if err := t.fill(); err != nil {
			return Record{}, err
		}
	}
}

// parse scans one record from tb.pos into scratch and ends.
func (c *csvSource) parse() (status, end int) {
	t := c.tb
	buf := t.buf[:t.end]
	d := c.delim
	p := t.pos
	if rest := trimBOM(buf[p:]); len(rest) < len(buf)-p {
		p += 3
	}
	c.scratch, c.ends = c.scratch[:0], c.ends[:0]
	c.firstNL, c.inQuote = -1, false
	for {
		fstart := len(c.scratch)
		if p < len(buf) && buf[p] == '"' {
			c.inQuote = true
			p++
		quoted:
			for {
				j := bytes.IndexByte(buf[p:], '"')
				e := len(buf)
				if j >= 0 {
					e = p + j
				}
				seg := buf[p:e]
				if c.firstNL < 0 {
					if k := bytes.IndexByte(seg, '\n'); k >= 0 {
						c.firstNL = p + k
					}
				}
				if len(c.scratch)-fstart+len(seg) > c.maxField {
					return fieldTooLarge, e
				}
				c.scratch = append(c.scratch, seg...)
				if j < 0 {
					if t.eof {
						return eofInQuote, e
					}
					return needMore, e
				}
				p = e + 1
				if p == len(buf) {
					if !t.eof {
						return needMore, p
					}
					break
				}
				switch b := buf[p]; {
				case b == '"':
					c.scratch = append(c.scratch, '"')
					p++
				case b == d || b == '\n':
					break quoted
				case b == '\r' && p+1 < len(buf):
					if buf[p+1] == '\n' {
						break quoted
					}
					c.scratch = append(c.scratch, '"')
				case b == '\r':
					if !t.eof {
						return needMore, p
					}
					break quoted
				default:
					c.scratch = append(c.scratch, '"') // lenient: a stray quote is literal
				}
			}
			c.inQuote = false
		} else {
			j := indexDelimOrNL(buf[p:], d)
			if j < 0 {
				if len(c.scratch)-fstart+len(buf)-p > c.maxField {
					return fieldTooLarge, len(buf)
				}
				if !t.eof {
					return needMore, p
				}
				j = len(buf) - p
			}
			seg := buf[p : p+j]
			p += j
			if n := len(seg); n > 0 && seg[n-1] == '\r' && (p == len(buf) || buf[p] == '\n') {
				seg = seg[:n-1]
			}
			if len(c.scratch)-fstart+len(seg) > c.maxField {
				return fieldTooLarge, p
			}
			c.scratch = append(c.scratch, seg...)
		}
		c.ends = append(c.ends, len(c.scratch))
		if p >= len(buf) {
			return parsed, p
		}
		switch buf[p] {
		case '\n':
			return parsed, p + 1
		case '\r':
			if p+1 < len(buf) && buf[p+1] == '\n' {
				return parsed, p + 2
			}
			return parsed, p + 1
		default: // the delimiter
			p++
		}
	}
}

// indexDelimOrNL returns the index of the first delimiter or line feed in b, or -1.
func indexDelimOrNL(b []byte, d byte) int {
	for i, c := range b {
		if c == d || c == '\n' {
			return i
		}
	}
	return -1
}
