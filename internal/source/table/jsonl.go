package table

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"slices"
	"strings"
	"unicode/utf8"
)

// jsonlSource reads one JSON object per line. The header is the keys in the order first seen; a record's Fields
// has one entry per header column known when it was read, so earlier records may be shorter than later ones.
type jsonlSource struct {
	tb        *textBuf
	line      int64
	header    []string
	index     map[string]int
	opt       *Options
	checkUTF8 bool
	pending   []Record // records read by Open while looking for the first object

	// per-line scratch space
	members []jsonMember
	scratch []byte // the values of the line, end to end
	cols    []int  // each value's column
	ends    []int  // each value's end in scratch
}

// maxLeadingBadLines bounds how far Open looks for the first JSON object.
const maxLeadingBadLines = 100

// newJSONLSource reads up to the first valid object, which gives the initial header, and keeps the records read
// on the way for next to return.
func newJSONLSource(tb *textBuf, opt *Options, checkUTF8 bool) (*jsonlSource, error) {
	j := &jsonlSource{tb: tb, index: make(map[string]int), opt: opt, checkUTF8: checkUTF8}
	for {
		rec, err := j.read()
		if err == io.EOF {
			return nil, fmt.Errorf("%w: no JSON object in the file", ErrNoHeader)
		}
		if err != nil {
			return nil, err
		}
		j.pending = append(j.pending, rec)
		if rec.Err == nil {
			return j, nil
		}
		if len(j.pending) >= maxLeadingBadLines {
			return nil, fmt.Errorf("%w: no JSON object in the first %d lines", ErrNoHeader, len(j.pending))
		}
	}
}

func (j *jsonlSource) close() error { return nil }

func (j *jsonlSource) next() (Record, error) {
	if len(j.pending) > 0 {
		rec := j.pending[0]
		j.pending = j.pending[1:]
		return rec, nil
	}
	return j.read()
}

// read returns the record of the next non-blank line.
func (j *jsonlSource) read() (Record, error) {
	t := j.tb
	for {
		data := t.unread()
		i := bytes.IndexByte(data, '\n')
		if i < 0 && !t.eof {
			if len(data) > j.opt.MaxRecordBytes {
				return j.skipLong()
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
		t.pos += adv
		j.line++
		if adv > j.opt.MaxRecordBytes {
			return Record{Line: j.line, Err: rowErr(ReasonRecordTooLarge, -1, "line longer than %d bytes", j.opt.MaxRecordBytes)}, nil
		}
		line = bytes.TrimSpace(trimBOM(line))
		if len(line) == 0 || len(line) == 1 && line[0] == 0x1A {
			continue
		}
		rec, blank := j.parse(line)
		if blank {
			continue
		}
		rec.Line = j.line
		return rec, nil
	}
}

// skipLong reports a line over the record limit and skips to its end.
func (j *jsonlSource) skipLong() (Record, error) {
	t := j.tb
	rec := Record{Line: j.line + 1, Err: rowErr(ReasonRecordTooLarge, -1, "line longer than %d bytes", j.opt.MaxRecordBytes)}
	for {
		if i := bytes.IndexByte(t.unread(), '\n'); i >= 0 {
			t.pos += i + 1
			break
		}
		t.pos = t.end
		if t.eof {
			break
		}
		if err := t.fill(); err != nil {
			return Record{}, err
		}
	}
	j.line++
	return rec, nil
}

// parse decodes one line. An object without keys is blank and yields no record.
func (j *jsonlSource) parse(line []byte) (rec Record, blank bool) {
	if k := bytes.IndexByte(line, 0); k >= 0 {
		return Record{Err: rowErr(ReasonBinary, -1, "NUL byte at offset %d", k)}, false
	}
	var badUTF8 *RowError
	if j.checkUTF8 && !utf8.Valid(line) {
		badUTF8 = rowErr(ReasonInvalidUTF8, -1, "invalid UTF-8 replaced by U+FFFD")
	}
	if !json.Valid(line) {
		var v any
		err := json.Unmarshal(line, &v) // only for its message
		return Record{Err: rowErr(ReasonBadJSON, -1, "%v", err)}, false
	}
	if line[0] != '{' {
		return Record{Err: rowErr(ReasonBadJSON, -1, "not a JSON object")}, false
	}
	var newKeys []string
	j.scratch, j.cols, j.ends = j.scratch[:0], j.cols[:0], j.ends[:0]
	j.members = objectMembers(line, j.members[:0])
	for _, m := range j.members {
		var key string
		col, known := -1, false
		if kb := m.key[1 : len(m.key)-1]; bytes.IndexByte(kb, '\\') < 0 {
			col, known = j.index[string(kb)] // no allocation for a key seen before
			if !known {
				key = string(kb)
			}
		} else {
			k, err := jsonString(m.key)
			if err != nil {
				return Record{Err: rowErr(ReasonBadJSON, -1, "key %s: %v", m.key, err)}, false
			}
			key = k
			col, known = j.index[key]
		}
		if !known && badUTF8 != nil {
			key = strings.ToValidUTF8(key, "\uFFFD")
			col, known = j.index[key]
		}
		if !known {
			col = slices.Index(newKeys, key)
			if col < 0 {
				col = len(newKeys)
				newKeys = append(newKeys, key)
			}
			col += len(j.header)
		}
		start := len(j.scratch)
		var err error
		if j.scratch, err = appendJSONText(j.scratch, m.val); err != nil {
			return Record{Err: rowErr(ReasonBadJSON, -1, "value of %s: %v", m.key, err)}, false
		}
		if bytes.IndexByte(j.scratch[start:], 0) >= 0 {
			return Record{Err: rowErr(ReasonBinary, -1, "NUL character in the value of %s", m.key)}, false
		}
		if n := len(j.scratch) - start; n > j.opt.MaxFieldBytes {
			return Record{Err: rowErr(ReasonFieldTooLarge, col, "value of %s: %d bytes, limit %d", m.key, n, j.opt.MaxFieldBytes)}, false
		}
		j.cols, j.ends = append(j.cols, col), append(j.ends, len(j.scratch))
	}
	if len(j.cols) == 0 {
		return Record{}, true
	}
	if n := len(j.header) + len(newKeys); n > j.opt.MaxColumns {
		return Record{Err: rowErr(ReasonTooManyFields, -1, "%d keys in all, limit %d", n, j.opt.MaxColumns)}, false
	}
	for _, k := range newKeys {
		j.index[k] = len(j.header)
		j.header = append(j.header, k)
	}
	s := string(j.scratch) // one allocation for all the values
	fields := make([]string, len(j.header))
	prev := 0
	for i, col := range j.cols {
		fields[col] = s[prev:j.ends[i]] // a repeated key: the last value wins
		prev = j.ends[i]
	}
	rec.Fields = fields
	if badUTF8 != nil {
		for i, f := range fields {
			fields[i] = strings.ToValidUTF8(f, "\uFFFD")
		}
		rec.Err = badUTF8
	}
	return rec, false
}

// appendJSONText appends a JSON value as a field: strings unquoted, numbers as written, true and false, null as
// nothing, objects and arrays as compact JSON.
func appendJSONText(dst, raw []byte) ([]byte, error) {
	if len(raw) == 0 {
		return dst, nil
	}
	switch raw[0] {
	case '"':
		if bytes.IndexByte(raw, '\\') < 0 {
			return append(dst, raw[1:len(raw)-1]...), nil
		}
		s, err := jsonString(raw)
		return append(dst, s...), err
	case 'n':
		return dst, nil
	case '{', '[':
		b := bytes.NewBuffer(dst)
		err := json.Compact(b, raw)
		return b.Bytes(), err
	}
	return append(dst, raw...), nil
}

// jsonString unquotes a JSON string, taking the shortcut when it has no escapes.
func jsonString(raw []byte) (string, error) {
	if len(raw) >= 2 && bytes.IndexByte(raw, '\\') < 0 {
		return string(raw[1 : len(raw)-1]), nil
	}
	var s string
	err := json.Unmarshal(raw, &s)
	return s, err
}
