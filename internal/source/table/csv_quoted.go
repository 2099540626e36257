package table

import (
	"bytes"
)

// parse outcomes.
const (
	parsed         = iota // a whole record, ending at the returned position
	needMore              // the record runs past the buffered bytes
	eofInQuote            // the input ended inside a quoted field
	fieldTooLarge         // a field is longer than maxField; the position is where it crossed the limit
	recordTooLarge        // the record is longer than maxRecord; the position is where it crossed the limit
	strayAfterNL          // a stray quote after a line break inside a quoted field: the opening quote was unbalanced
)

// slow parses the record at tb.pos with full quoting rules, reading more input as needed, and recovers from
// malformed records (see the package documentation).
func (c *csvSource) slow() (Record, error) {
	t := c.tb
	for {
		st, p := c.parse()
		start := c.line + 1
		nfield := len(c.bounds) / 3 // the field being parsed when parsing stopped
		var err *RowError
		switch st {
		case parsed:
			if c.firstNL >= 0 && c.want > 0 && !c.fits() {
				err := rowErr(ReasonUnterminatedQuote, -1, "record spans lines and has %d fields, header has %d", nfield, c.want)
				return c.recover(start, err, p)
			}
			s, fields := c.build()
			if c.firstNL < 0 {
				c.line++ // the only line feed, if any, ends the record
			} else {
				c.line += int64(bytes.Count(t.buf[t.pos:p], []byte{'\n'}))
				if t.buf[p-1] != '\n' {
					c.line++ // the last line of the input has no line end
				}
			}
			t.pos = p
			return c.finish(start, s, fields), nil
		case needMore:
			if err := t.fill(); err != nil {
				return Record{}, err
			}
			continue
		case eofInQuote:
			err = rowErr(ReasonUnterminatedQuote, nfield, "quoted field not closed before the end of the file")
		case strayAfterNL:
			err = rowErr(ReasonUnterminatedQuote, nfield, "quoted field runs over a line end into a stray quote")
		case recordTooLarge:
			err = rowErr(ReasonRecordTooLarge, -1, "more than %d bytes", c.maxRecord)
		case fieldTooLarge:
			err = rowErr(ReasonFieldTooLarge, nfield, "more than %d bytes", c.maxField)
			if c.inQuote && c.firstNL >= 0 {
				err = rowErr(ReasonUnterminatedQuote, nfield, "quoted field spans lines and exceeds %d bytes", c.maxField)
			}
		}
		return c.recover(start, err, p)
	}
}

// recover reports a malformed record and moves past it. When the record spans lines, reading resumes on the line
// after the one it started on, so an unbalanced quote costs one row, not the rest of the file. Otherwise the rest
// of the physical line from position from is skipped.
func (c *csvSource) recover(start int64, err *RowError, from int) (Record, error) {
	t := c.tb
	rec := Record{Line: start, Err: err}
	c.line++
	if c.firstNL >= 0 {
		t.pos = c.firstNL + 1
		return rec, nil
	}
	t.pos = from
	for {
		if i := bytes.IndexByte(t.unread(), '\n'); i >= 0 {
			t.pos += i + 1
			return rec, nil
		}
		t.pos = t.end
		if t.eof {
			return rec, nil
		}
		if err := t.fill(); err != nil {
			return Record{}, err
		}
	}
}

// Field kinds in bounds.
const (
	plainField   = 0 // the content is the bytes as they stand
	escapedField = 1 // quoted content holding quotes: "" stands for one quote, a lone quote for itself
)

// parse scans the record at tb.pos, noting in bounds where each field's content lies (start, end, kind).
// Quoted contents without inner quotes, the common case, are plain slices of the input too.
//
// parse never looks past maxRecord bytes from the record start, and a field's line breaks count only within
// its first maxField bytes, so the outcome is the same however much input happens to be buffered.
func (c *csvSource) parse() (status, end int) {
	t := c.tb
	buf := t.buf[:t.end]
	atEnd := t.eof // no more input beyond buf
	if lim := t.pos + c.maxRecord + 1; len(buf) > lim {
		buf, atEnd = buf[:lim], false
	}
	// more is the outcome when the record runs past buf.
	more := needMore
	if len(buf) == t.pos+c.maxRecord+1 {
		more = recordTooLarge
	}
	d := c.delim
	p := t.pos
	if len(buf)-p >= 3 && buf[p] == 0xEF && buf[p+1] == 0xBB && buf[p+2] == 0xBF {
		p += 3
	}
	c.bounds = c.bounds[:0]
	c.escaped, c.firstNL, c.inQuote = false, -1, false
	nl := indexNL(buf, p) // the end of the current line: its line feed, or len(buf)
	for {
		if p < len(buf) && buf[p] == '"' {
			c.inQuote = true
			start, kind := p+1, plainField
			q, multiline := start, false
		quoted:
			for {
				e := len(buf)
				if j := bytes.IndexByte(buf[q:], '"'); j >= 0 {
					e = q + j
				}
				if hi := min(e, start+c.maxField+1); q < hi {
					if k := bytes.IndexByte(buf[q:hi], '\n'); k >= 0 {
						multiline = true
						if c.firstNL < 0 {
							c.firstNL = q + k
						}
					}
				}
				switch {
				case e-start > c.maxField:
					return fieldTooLarge, start + c.maxField + 1
				case e == len(buf) && atEnd:
					return eofInQuote, e
				case e == len(buf) || e+1 == len(buf) && !atEnd:
					return more, e
				}
				q = e + 1
				if q == len(buf) {
					break // closed at the end of the input
				}
				switch b := buf[q]; {
				case b == d || b == '\n':
					break quoted
				case b == '\r' && q+1 == len(buf):
					if !atEnd {
						return more, q
					}
					break quoted
				case b == '\r' && buf[q+1] == '\n':
					break quoted
				case b == '"':
					q++ // a doubled quote
				case multiline:
					return strayAfterNL, q
				}
				kind = escapedField // a doubled quote, or a stray one kept as it is
				c.escaped = true
			}
			c.bounds = append(c.bounds, start, q-1, kind)
			c.inQuote = false
			p = q
		} else {
			if p > nl { // a quoted field took us past the line end we knew
				nl = indexNL(buf, p)
			}
			j := indexDelim(buf[p:nl], d)
			if j < 0 && nl < len(buf) {
				j = nl - p
			}
			if j < 0 {
				if len(buf)-p > c.maxField+1 { // +1: a CR before the line feed is not content
					return fieldTooLarge, p + c.maxField + 1
				}
				if !atEnd {
					return more, len(buf)
				}
				j = len(buf) - p
			}
			e := p + j
			if e > p && buf[e-1] == '\r' && (e == len(buf) || buf[e] == '\n') {
				e--
			}
			if e-p > c.maxField {
				return fieldTooLarge, p + c.maxField + 1
			}
			c.bounds = append(c.bounds, p, e, plainField)
			p += j
		}
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

// fits tells whether the parsed record has as many fields as the header, not counting empty extra ones.
func (c *csvSource) fits() bool {
	n := len(c.bounds) / 3
	if n < c.want {
		return false
	}
	for i := c.want; i < n; i++ {
		if c.bounds[3*i] != c.bounds[3*i+1] {
			return false
		}
	}
	return true
}

// build makes the record's one string and its fields from bounds: a copy of the record's bytes when no field needs
// unescaping, else the unescaped contents laid end to end.
func (c *csvSource) build() (string, []string) {
	buf := c.tb.buf
	b := c.bounds
	fields := c.newFields()
	if !c.escaped {
		base := b[0]
		s := string(buf[base:b[len(b)-2]])
		for i := 0; i < len(b); i += 3 {
			fields = append(fields, s[b[i]-base:b[i+1]-base])
		}
		return s, fields
	}
	c.scratch = c.scratch[:0]
	for i := 0; i < len(b); i += 3 {
		content := buf[b[i]:b[i+1]]
		if b[i+2] == plainField {
			c.scratch = append(c.scratch, content...)
		} else {
			c.scratch = appendUnescaped(c.scratch, content)
		}
		b[i+1] = len(c.scratch) // reuse the slot for the end offset in scratch
	}
	s := string(c.scratch)
	prev := 0
	for i := 0; i < len(b); i += 3 {
		fields = append(fields, s[prev:b[i+1]])
		prev = b[i+1]
	}
	return s, fields
}

// appendUnescaped appends quoted content with each doubled quote made single.
func appendUnescaped(dst, content []byte) []byte {
	for {
		i := bytes.IndexByte(content, '"')
		if i < 0 {
			return append(dst, content...)
		}
		dst = append(dst, content[:i+1]...)
		content = content[i+1:]
		if len(content) > 0 && content[0] == '"' {
			content = content[1:]
		}
	}
}

// indexDelim returns the index of the first d in b, or -1. Fields are short, and a plain loop beats
// bytes.IndexByte on a few bytes.
func indexDelim(b []byte, d byte) int {
	for i, c := range b {
		if c == d {
			return i
		}
	}
	return -1
}

// indexNL returns the position of the first line feed in buf from p on, or len(buf).
func indexNL(buf []byte, p int) int {
	if i := bytes.IndexByte(buf[p:], '\n'); i >= 0 {
		return p + i
	}
	return len(buf)
}
