package country

import (
	"strings"
	"testing"
	"unicode"

	"golang.org/x/text/unicode/norm"
)

func TestAppendKey(t *testing.T) {
	tests := []struct{ in, want string }{
		{"", ""},
		{"Russia", "RUSSIA"},
		{"  Russian   Federation ", "RUSSIAN FEDERATION"},
		{"Russian Federation (the)", "RUSSIAN FEDERATION"},
		{"KOREA, REPUBLIC OF", "KOREA REPUBLIC OF"},
		{"Korea (the Republic of)", "KOREA REPUBLIC OF"},
		{"THE GAMBIA", "GAMBIA"},
		{"THEODORE", "THEODORE"}, // only the word THE is dropped
		{"the", ""},
		{"U.A.E.", "UAE"},
		{"Côte d’Ivoire", "COTE DIVOIRE"},
		{"CÔTE D'IVOIRE", "COTE DIVOIRE"},
		{"Bosnia & Herzegovina", "BOSNIA AND HERZEGOVINA"},
		{"Türkiye", "TURKIYE"},
		{"TÜRKİYE", "TURKIYE"},
		{"türkiye", "TURKIYE"},
		{"ÇİN HALK CUMHURİYETİ", "CIN HALK CUMHURIYETI"},
		{"ışık", "ISIK"},
		{"Straße", "STRASSE"},
		{"ÆRØ", "AERO"},
		{"Объединённые Арабские Эмираты", "ОБЪЕДИНЕННЫЕ АРАБСКИЕ ЭМИРАТЫ"},
		{"Об'єднані", "ОБЄДНАНІ"},
		{"Об’єднані", "ОБЄДНАНІ"},
		{"Қазақстан", "ҚАЗАҚСТАН"},
		{"Южно-Африканская", "ЮЖНО АФРИКАНСКАЯ"},
		{"中国 香港", "中国 香港"},
		{"ＲＵＳＳＩＡ（ＲＦ）", "RUSSIA RF"},
		{"N/A", "N A"},
		{"--", ""},
		{"a\xffb", "A B"},
		{"\u212Aelvin", "KELVIN"}, // Kelvin sign
		{"e\u0301", "E"},          // decomposed é
	}
	for _, tt := range tests {
		if got := string(appendKey(nil, tt.in)); got != tt.want {
			t.Errorf("appendKey(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestAppendKeyAppends(t *testing.T) {
	got := string(appendKey([]byte("X|"), "the russia"))
	if got != "X|RUSSIA" {
		t.Errorf("appendKey(%q, %q) = %q, want %q", "X|", "the russia", got, "X|RUSSIA")
	}
}

// TestKeysAreKeys checks that every key of the table is its own key, which Parse relies on when it looks
// the input up before normalising it.
func TestKeysAreKeys(t *testing.T) {
	for k := range tables().keys {
		if got := string(appendKey(nil, k)); got != k {
			t.Errorf("appendKey(%q) = %q, want the key itself", k, got)
		}
	}
}

// TestFoldLatin checks the hand-written tables of foldLatin against Unicode decomposition: each letter of
// U+00C0–U+017F that decomposes must fold to its decomposed base letter.
func TestFoldLatin(t *testing.T) {
	for r := rune(0xC0); r <= 0x17F; r++ {
		if !unicode.IsLetter(r) {
			continue
		}
		got, ok := foldLatin(r)
		if !ok {
			t.Errorf("foldLatin(%U %c) not handled", r, r)
			continue
		}
		d := norm.NFD.String(string(r))
		base := []rune(d)[0]
		if base == r {
			continue // no decomposition: Æ, Ø, Ł, ı … are checked by TestAppendKey
		}
		if want := strings.ToUpper(string(base)); got != want {
			t.Errorf("foldLatin(%U %c) = %q, want %q", r, r, got, want)
		}
	}
}
