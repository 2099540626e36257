package names

import (
	"encoding/binary"
	"hash/maphash"
	"math"
)

// Signature is a short string that two prepared names share when everything a comparison reads of them is the
// same: their words, the glued runs of neighbouring words, their legal forms and kind. Names written
// differently often share one ("OOO «Vega»" and "Vega, OOO"), and a caller comparing many names can compare one
// of each signature. Countries and identifiers, which With changes, are not part of it. Each word enters as a
// 64-bit hash of its fields: two different words among a million share a hash with a chance of about one in
// thirty million.
func (n Name) Signature() string {
	b := make([]byte, 0, 8*(len(n.tokens)+len(n.runs))+16)
	b = append(b, byte(n.kind), byte(len(n.tokens)))
	for i := range n.tokens {
		b = binary.LittleEndian.AppendUint64(b, n.tokens[i].fp)
	}
	for i := range n.runs {
		r := &n.runs[i]
		b = append(b, byte(r.from), byte(r.to))
		b = binary.LittleEndian.AppendUint64(b, r.glued.fp)
		b = append(b, r.acronym...)
		b = append(b, 0xff) // no UTF-8 string holds this byte
	}
	for _, l := range n.legal {
		b = append(b, l.Text...)
		b = append(b, 0xff)
		b = append(b, l.Form...)
		b = append(b, 0xff)
		b = append(b, l.Family...)
		b = append(b, 0xff)
	}
	return string(b)
}

// fpSeed seeds the words' hashes: signatures are compared within one process only.
var fpSeed = maphash.MakeSeed()

// fingerprint hashes every field of a word.
func (t *token) fingerprint() uint64 {
	var h maphash.Hash
	h.SetSeed(fpSeed)
	str := func(s string) {
		h.WriteString(s)
		h.WriteByte(0xff)
	}
	strs := func(ss []string) {
		var n [4]byte
		binary.LittleEndian.PutUint32(n[:], uint32(len(ss)))
		h.Write(n[:])
		for _, s := range ss {
			str(s)
		}
	}
	str(t.text)
	str(t.latin)
	strs(t.latins)
	strs(t.variants)
	strs(t.phon)
	strs(t.skel)
	strs(t.groups)
	str(t.sorted)
	flag := func(v bool) byte {
		if v {
			return 1
		}
		return 0
	}
	var b [5 + 8 + 8]byte
	b[0], b[1], b[2], b[3], b[4] = byte(t.role), byte(t.script), flag(t.syllable), flag(t.acronym), flag(t.patronym)
	binary.LittleEndian.PutUint64(b[5:], math.Float64bits(t.weight))
	binary.LittleEndian.PutUint64(b[13:], uint64(t.run))
	h.Write(b[:])
	return h.Sum64()
}

// fingerprintAll sets the hashes of a prepared name's words and glued runs.
func fingerprintAll(ts []token, rs []run) {
	for i := range ts {
		ts[i].fp = ts[i].fingerprint()
	}
	for i := range rs {
		rs[i].glued.fp = rs[i].glued.fingerprint()
	}
}
