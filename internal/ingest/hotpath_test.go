package ingest

import (
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/cespare/xxhash/v2"
)

// streamed is the fingerprint's definition: every field, then the unit separator, fed to one digest.
func streamed(fields []string) uint64 {
	d := xxhash.New()
	for _, f := range fields {
		_, _ = d.WriteString(f)
		_, _ = d.Write([]byte{0x1f})
	}
	return d.Sum64()
}

// TestFingerprintIsStable checks the one-call fingerprint against its definition on records of every shape, and
// against values stores already hold: a changed fingerprint would let a repeated record in as new.
func TestFingerprintIsStable(t *testing.T) {
	pinned := []struct {
		fields []string
		want   uint64
	}{
		{[]string{}, 0xef46db3751d8e999},
		{[]string{""}, 0x4c7f8d21e9dd7505},
		{[]string{"RU0001", "2022-06-15", "ООО \"ТЕХКРИМ\"", "9303201000", "1000", ""}, 0x6c22256cf089d1b6},
	}
	var buf []byte
	for _, p := range pinned {
		var got uint64
		got, buf = fingerprint(buf, p.fields)
		if want := streamed(p.fields); got != want {
			t.Errorf("fingerprint(%q) = %#x, its definition gives %#x", p.fields, got, want)
		}
		if got != p.want {
			t.Errorf("fingerprint(%q) = %#x, stores hold %#x", p.fields, got, p.want)
		}
	}
	rng := rand.New(rand.NewPCG(1, 2))
	alphabet := []string{"a", "Z", "7", ",", "\"", "\x1f", "\t", "\n", "Ж", "中", " "}
	for i := 0; i < 2000; i++ {
		fields := make([]string, rng.IntN(45))
		for j := range fields {
			var b strings.Builder
			n := rng.IntN(40)
			if rng.IntN(100) == 0 {
				n = 5000 // longer than the digest's own buffer many times over
			}
			for k := 0; k < n; k++ {
				b.WriteString(alphabet[rng.IntN(len(alphabet))])
			}
			fields[j] = b.String()
		}
		var got uint64
		got, buf = fingerprint(buf, fields)
		if want := streamed(fields); got != want {
			t.Fatalf("record %d (%d fields): fingerprint %#x, its definition %#x", i, len(fields), got, want)
		}
	}
	// Two records that join to the same text differ: the separator follows every field.
	a, _ := fingerprint(nil, []string{"ab", "c"})
	b, _ := fingerprint(nil, []string{"a", "bc"})
	if a == b {
		t.Errorf("fields ab|c and a|bc have one fingerprint %#x", a)
	}
}

// TestFirstRows checks the loader's table of fingerprints against a map: through many doublings, with
// fingerprint 0, with repeats, and with fingerprints that share their low bits (long probe runs).
func TestFirstRows(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 4))
	fps := []uint64{0, 0, 1, 1 << 63}
	for i := 0; i < 200_000; i++ {
		switch {
		case i%7 == 0 && len(fps) > 0:
			fps = append(fps, fps[rng.IntN(len(fps))]) // a repeat
		case i%5 == 0:
			fps = append(fps, uint64(rng.IntN(64))<<40|0xABC) // the same low bits as many others
		default:
			fps = append(fps, rng.Uint64())
		}
	}
	want := map[uint64]int64{}
	seen := newFirstRows()
	for row, fp := range fps {
		first, dup := seen.add(fp, int64(row))
		w, wdup := want[fp]
		if !wdup {
			want[fp] = int64(row)
		}
		if dup != wdup || first != w {
			t.Fatalf("row %d, fingerprint %#x: got (%d, %v), want (%d, %v)", row, fp, first, dup, w, wdup)
		}
	}
	if seen.n != len(want) {
		t.Errorf("the table holds %d fingerprints, want %d", seen.n, len(want))
	}
}

// TestIsNull checks the null tokens' short cut against the map it stands in front of.
func TestIsNull(t *testing.T) {
	var b binding
	b.setNulls([]string{"-", "НЕТ ДАННЫХ", "#N/A", "x"})
	for _, v := range []string{"", "NULL", "null", "Null", "N/A", "n/a", "-", "НЕТ ДАННЫХ", "#N/A", "x",
		"NUL", "NULLS", "nulL", "--", "НЕТ", "НЕТ ДАННЫХ.", "#N/A ", "X", "RU", "9303201000", "ООО \"ТЕХКРИМ\"", "0"} {
		if got, want := b.isNull(v), b.nulls[v]; got != want {
			t.Errorf("isNull(%q) = %v, the tokens say %v", v, got, want)
		}
	}
	if !b.isNull("НЕТ ДАННЫХ") || b.isNull("RU") {
		t.Error("a profile's own token, or an ordinary value, is misread")
	}
}
