package table

// A walk over the members of one JSON object. It relies on json.Valid having accepted the text, so it checks
// nothing, only finding where keys and values begin and end; it is several times faster than a json.Decoder.

// jsonMember is one key and its value in an object, as raw JSON text.
type jsonMember struct {
	key, val []byte
}

// objectMembers appends the members of the valid JSON object b to dst.
func objectMembers(b []byte, dst []jsonMember) []jsonMember {
	i := skipSpace(b, 1) // past '{'
	for i < len(b) && b[i] == '"' {
		k := i
		i = skipString(b, i)
		key := b[k:i]
		i = skipSpace(b, skipSpace(b, i)+1) // past ':'
		v := i
		i = skipValue(b, i)
		dst = append(dst, jsonMember{key: key, val: b[v:i]})
		i = skipSpace(b, i)
		if i < len(b) && b[i] == ',' {
			i = skipSpace(b, i+1)
		}
	}
	return dst
}

func skipSpace(b []byte, i int) int {
	for i < len(b) && (b[i] == ' ' || b[i] == '\t' || b[i] == '\n' || b[i] == '\r') {
		i++
	}
	return i
}

// skipString returns the position after the string that starts at b[i].
func skipString(b []byte, i int) int {
	for i++; i < len(b); i++ {
		switch b[i] {
		case '\\':
			i++
		case '"':
			return i + 1
		}
	}
	return len(b)
}

// skipValue returns the position after the value that starts at b[i].
func skipValue(b []byte, i int) int {
	if i >= len(b) {
		return i
	}
	switch b[i] {
	case '"':
		return skipString(b, i)
	case '{', '[':
		depth := 0
		for ; i < len(b); i++ {
			switch b[i] {
			case '"':
				i = skipString(b, i) - 1
			case '{', '[':
				depth++
			case '}', ']':
				if depth--; depth == 0 {
					return i + 1
				}
			}
		}
		return len(b)
	}
	for i < len(b) && b[i] != ',' && b[i] != '}' && b[i] != ']' && b[i] != ' ' && b[i] != '\t' && b[i] != '\n' && b[i] != '\r' {
		i++
	}
	return i
}
