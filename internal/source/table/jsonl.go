package table

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
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
	dec := json.NewDecoder(bytes.NewReader(line))
	dec.UseNumber()
	if tok, err := dec.Token(); err != nil || tok != json.Delim('{') {
		return Record{Err: rowErr(ReasonBadJSON, -1, "not a JSON object")}, false
	}
	type kv struct {
		col int
		val string
	}
	var vals []kv
	var newKeys []string
	for dec.More() {
		tok, err := dec.Token()
		if err != nil {
			return Record{Err: rowErr(ReasonBadJSON, -1, "%v", err)}, false
		}
		key, _ := tok.(string)
		var raw json.RawMessage
		if err := dec.Decode(&raw); err != nil {
			return Record{Err: rowErr(ReasonBadJSON, -1, "value of %q: %v", key, err)}, false
		}
		val, err := jsonText(raw)
		if err != nil {
			return Record{Err: rowErr(ReasonBadJSON, -1, "value of %q: %v", key, err)}, false
		}
		if badUTF8 != nil {
			val = strings.ToValidUTF8(val, "\uFFFD")
		}
		if strings.IndexByte(val, 0) >= 0 {
			return Record{Err: rowErr(ReasonBinary, -1, "NUL character in the value of %q", key)}, false
		}
		col, ok := j.index[key]
		if !ok {
			col = len(j.header) + len(newKeys)
			for k, nk := range newKeys {
				if nk == key {
					col, ok = len(j.header)+k, true
				}
			}
			if !ok {
				newKeys = append(newKeys, key)
			}
		}
		if len(val) > j.opt.MaxFieldBytes {
			return Record{Err: rowErr(ReasonFieldTooLarge, col, "value of %q: %d bytes, limit %d", key, len(val), j.opt.MaxFieldBytes)}, false
		}
		vals = append(vals, kv{col, val})
	}
	if _, err := dec.Token(); err != nil {
		return Record{Err: rowErr(ReasonBadJSON, -1, "%v", err)}, false
	}
	if _, err := dec.Token(); !errors.Is(err, io.EOF) {
		return Record{Err: rowErr(ReasonBadJSON, -1, "data after the object")}, false
	}
	if len(vals) == 0 {
		return Record{}, true
	}
	if n := len(j.header) + len(newKeys); n > j.opt.MaxColumns {
		return Record{Err: rowErr(ReasonTooManyFields, -1, "%d keys in all, limit %d", n, j.opt.MaxColumns)}, false
	}
	for _, k := range newKeys {
		j.index[k] = len(j.header)
		j.header = append(j.header, k)
	}
	fields := make([]string, len(j.header))
	for _, v := range vals {
		fields[v.col] = v.val // a repeated key: the last value wins
	}
	rec.Fields = fields
	if badUTF8 != nil {
		rec.Err = badUTF8
	}
	return rec, false
}

// jsonText renders a JSON value as a field: strings unquoted, numbers as written, true and false, null as the
// empty string, objects and arrays as compact JSON.
func jsonText(raw json.RawMessage) (string, error) {
	if len(raw) == 0 {
		return "", nil
	}
	switch raw[0] {
	case '"':
		var s string
		err := json.Unmarshal(raw, &s)
		return s, err
	case 'n':
		return "", nil
	case '{', '[':
		var b bytes.Buffer
		err := json.Compact(&b, raw)
		return b.String(), err
	}
	return string(raw), nil
}
