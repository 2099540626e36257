package names

import (
	"encoding/binary"
	"math"
)

// Signature is a string that two prepared names share when everything a comparison reads of them is the same:
// their words (every field of each), the glued runs of neighbouring words, their legal forms and kind. Names
// written differently often share one ("OOO «Vega»" and "Vega, OOO"), and a caller comparing many names can
// compare one of each signature. Countries and identifiers, which With changes, are not part of it. It is made
// when asked for, not by Prepare: most callers never ask.
func (n Name) Signature() string {
	b := []byte{byte(n.kind), byte(len(n.tokens))}
	for i := range n.tokens {
		b = n.tokens[i].appendFields(b)
	}
	for i := range n.runs {
		r := &n.runs[i]
		b = append(b, byte(r.from), byte(r.to))
		b = r.glued.appendFields(b)
		b = appendField(b, r.acronym)
	}
	for _, l := range n.legal {
		b = appendField(appendField(appendField(b, l.Text), l.Form), l.Family)
	}
	return string(b)
}

// appendField appends s and a byte no UTF-8 string holds, so that fields cannot run into each other.
func appendField(b []byte, s string) []byte { return append(append(b, s...), 0xff) }

// appendFields appends every field of a word.
func (t *token) appendFields(b []byte) []byte {
	b = appendField(appendField(b, t.text), t.latin)
	for _, ss := range [][]string{t.latins, t.variants, t.phon, t.skel, t.groups} {
		b = binary.LittleEndian.AppendUint32(b, uint32(len(ss)))
		for _, s := range ss {
			b = appendField(b, s)
		}
	}
	b = appendField(b, t.sorted)
	flag := func(v bool) byte {
		if v {
			return 1
		}
		return 0
	}
	b = append(b, byte(t.role), byte(t.script), flag(t.syllable), flag(t.acronym), flag(t.patronym))
	b = binary.LittleEndian.AppendUint64(b, math.Float64bits(t.weight))
	return binary.LittleEndian.AppendUint64(b, uint64(t.run))
}
