package trade

import (
	"strconv"
	"unicode/utf8"
)

// The stores keep a finding's lists as JSON text (see EncodeLists). A detector run writes hundreds of thousands of
// findings, and encoding/json's reflection took a fifth of the time of writing them; these functions write the
// same bytes json.Marshal writes for the same lists (TestListJSONMatchesMarshal holds them to it).

// appendJSONString appends s as json.Marshal writes a string: quoted, with <, > and & escaped for HTML, control
// characters escaped, invalid UTF-8 replaced by U+FFFD, and U+2028 and U+2029 escaped.
func appendJSONString(b []byte, s string) []byte {
	const hex = "0123456789abcdef"
	b = append(b, '"')
	start := 0
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			if c >= 0x20 && c != '"' && c != '\\' && c != '<' && c != '>' && c != '&' {
				i++
				continue
			}
			b = append(b, s[start:i]...)
			switch c {
			case '"', '\\':
				b = append(b, '\\', c)
			case '\b':
				b = append(b, '\\', 'b')
			case '\f':
				b = append(b, '\\', 'f')
			case '\n':
				b = append(b, '\\', 'n')
			case '\r':
				b = append(b, '\\', 'r')
			case '\t':
				b = append(b, '\\', 't')
			default:
				b = append(b, '\\', 'u', '0', '0', hex[c>>4], hex[c&0xF])
			}
			i++
			start = i
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == utf8.RuneError && size == 1:
			b = append(b, s[start:i]...)
			b = append(b, `\ufffd`...)
		case r == '\u2028' || r == '\u2029':
			b = append(b, s[start:i]...)
			b = append(b, '\\', 'u', '2', '0', '2', hex[r&0xF])
		default:
			i += size
			continue
		}
		i += size
		start = i
	}
	b = append(b, s[start:]...)
	return append(b, '"')
}

// appendJSONField appends ,"name":"value" (no comma before the first field), or nothing when omitEmpty and the
// value is empty.
func appendJSONField(b []byte, first bool, name, value string, omitEmpty bool) []byte {
	if omitEmpty && value == "" {
		return b
	}
	if !first {
		b = append(b, ',')
	}
	b = append(b, '"')
	b = append(b, name...)
	b = append(b, '"', ':')
	return appendJSONString(b, value)
}

// appendObjectsJSON appends a list of objects, each written by fields (its fields, comma-separated).
func appendObjectsJSON[T any](b []byte, xs []T, fields func(b []byte, x *T) []byte) []byte {
	b = append(b, '[')
	for i := range xs {
		if i > 0 {
			b = append(b, ',')
		}
		b = append(b, '{')
		b = fields(b, &xs[i])
		b = append(b, '}')
	}
	return append(b, ']')
}

func appendPartiesJSON(b []byte, ps []FindingParty) []byte {
	return appendObjectsJSON(b, ps, func(b []byte, p *FindingParty) []byte {
		b = appendJSONField(b, true, "name", p.Name, false)
		b = appendJSONField(b, false, "role", p.Role, false)
		b = appendJSONField(b, false, "country", p.Country, true)
		return appendJSONField(b, false, "id", p.ID, true)
	})
}

func appendEvidenceJSON(b []byte, es []Evidence) []byte {
	return appendObjectsJSON(b, es, func(b []byte, e *Evidence) []byte {
		b = appendJSONField(b, true, "label", e.Label, false)
		b = appendJSONField(b, false, "value", e.Value, false)
		return appendJSONField(b, false, "record_id", e.RecordID, true)
	})
}

func appendStringsJSON(b []byte, ss []string) []byte {
	b = append(b, '[')
	for i, s := range ss {
		if i > 0 {
			b = append(b, ',')
		}
		b = appendJSONString(b, s)
	}
	return append(b, ']')
}

func appendIDsJSON(b []byte, ids []ShipmentID) []byte {
	b = append(b, '[')
	for i, id := range ids {
		if i > 0 {
			b = append(b, ',')
		}
		b = strconv.AppendInt(b, int64(id), 10)
	}
	return append(b, ']')
}
