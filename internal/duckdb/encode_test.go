package duckdb

import (
	"math/rand/v2"
	"strings"
	"testing"
	"unicode/utf8"
)

// refStr and refRawRow are the field encoders as first written, byte by byte: appendClean must write what they
// wrote.
func refStr(s string) string {
	s = strings.ToValidUTF8(s, "\uFFFD")
	if s == `\N` {
		return `\\N`
	}
	return strings.NewReplacer("\t", " ", "\n", " ", "\r", " ").Replace(s)
}

func refRawRow(fields []string) string {
	var out []string
	for _, f := range fields {
		f = strings.ToValidUTF8(f, "\uFFFD")
		out = append(out, strings.NewReplacer(`\`, `\\`, "\t", `\t`, "\n", `\n`, "\r", `\r`, "\x1f", `\s`).Replace(f))
	}
	return strings.Join(out, "\x1f")
}

// TestFieldEncodersMatchReference: every byte value, invalid UTF-8 in runs and alone, at every offset of the
// eight-byte reads, in both kinds of field; and textIsClean says yes exactly to the text fields appendClean
// leaves as they are.
func TestFieldEncodersMatchReference(t *testing.T) {
	parts := []string{"a", "AB", "Я", "中国", "\\", "\t", "\n", "\r", "\x1f", "\x00", "\x7f", "\xff", "\xe2\x80", "\xc3",
		"😀", " ", "N", `\N`, "plain ascii text", "ООО ТЕХКРИМ"}
	for c := 0; c < 256; c++ {
		parts = append(parts, string([]byte{byte(c)}))
	}
	rng := rand.New(rand.NewPCG(3, 4))
	field := func() string {
		var b strings.Builder
		for range rng.IntN(14) {
			b.WriteString(parts[rng.IntN(len(parts))])
		}
		return b.String()
	}
	check := func(fields []string) {
		t.Helper()
		for _, f := range fields {
			e := rowEncoder{}
			e.str(f)
			if got, want := string(e.b), refStr(f); got != want {
				t.Fatalf("str(%q) = %q, want %q", f, got, want)
			}
			if !utf8.Valid(e.b) {
				t.Fatalf("str(%q) is not UTF-8", f)
			}
			if got, want := textIsClean(f), string(appendClean(nil, f, false)) == f; got != want {
				t.Fatalf("textIsClean(%q) = %v, but appendClean changes it: %v", f, got, !want)
			}
		}
		e := rowEncoder{}
		e.rawRow(fields)
		if got, want := string(e.b), refRawRow(fields); got != want {
			t.Fatalf("rawRow(%q) = %q, want %q", fields, got, want)
		}
	}
	check([]string{`\N`, "", "\xff\xfe\xfd", "a\xffb\xfec", "12345678\t12345678\\"})
	for range 50000 {
		fields := make([]string, 1+rng.IntN(4))
		for i := range fields {
			fields[i] = field()
		}
		check(fields)
	}
}

func FuzzFieldEncoders(f *testing.F) {
	f.Add("ООО \"ТЕХКРИМ\"\t\\N\xff", "x\x1fy")
	f.Fuzz(func(t *testing.T, a, b string) {
		e := rowEncoder{}
		e.str(a)
		if got, want := string(e.b), refStr(a); got != want {
			t.Fatalf("str(%q) = %q, want %q", a, got, want)
		}
		if got, want := textIsClean(a), string(appendClean(nil, a, false)) == a; got != want {
			t.Fatalf("textIsClean(%q) = %v, but appendClean changes it: %v", a, got, !want)
		}
		e = rowEncoder{}
		e.rawRow([]string{a, b})
		if got, want := string(e.b), refRawRow([]string{a, b}); got != want {
			t.Fatalf("rawRow = %q, want %q", got, want)
		}
	})
}

// BenchmarkAppendClean encodes fields as ingest writes them: Latin, Cyrillic and Han names and descriptions.
func BenchmarkAppendClean(b *testing.B) {
	fields := []string{"OOO TEKHKRIM", "ООО \"ТЕХКРИМ\" г. Москва, ул. Лесная, д. 5", "中国北方工业有限公司",
		"КАРАБИНЫ ОХОТНИЧЬИ ГРАЖДАНСКИЕ CQ-A КАЛИБР 5,56 ММ, В КОМПЛЕКТЕ С МАГАЗИНОМ", "8542310000", "PORTABLE COMPUTERS",
		"Ningbo Guangyuan Apparel Co., Ltd", "бронежилет защитный 4 класса"}
	n := 0
	for _, f := range fields {
		n += len(f)
	}
	b.SetBytes(int64(n))
	var buf []byte
	for b.Loop() {
		buf = buf[:0]
		for _, f := range fields {
			buf = appendClean(buf, f, false)
		}
	}
}
