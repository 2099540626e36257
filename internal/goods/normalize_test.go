package goods

import (
	"strings"
	"testing"
	"unicode/utf8"
)

func TestNormalize(t *testing.T) {
	tests := []struct {
		name, in, want string
	}{
		{"lower case and punctuation", "BRONEZHILET (ARMOUR), KL 4!", "bronezhilet armour kl 4"},
		{"point before digits kept", "cal.50 kl.4", "cal.50 kl.4"},
		{"hyphen splits", "AK-47", "ak 47"},
		{"turkish dotted and dotless i", "İNSANSIZ HAVA ARACI İHA", "insansiz hava araci iha"},
		{"turkish letters folded", "KURŞUN GEÇİRMEZ YELEK, çelik", "kursun gecirmez yelek celik"},
		{"cyrillic kept, yo folded", "РУЖЬЁ Охотничье", "ружье охотничье"},
		{"ukrainian letters", "ПРИЛАД НІЧНОГО БАЧЕННЯ ҐАНОК ЄВРО ЇЖАК", "прилад нічного бачення ґанок євро їжак"},
		{"ukrainian apostrophe joins", "м'ясо пам’ять", "мясо память"},
		{"decimal comma", "калибр 5,56 мм", "калибр 5.56 мм"},
		{"latin x between numbers", "7.62 X 39", "7.62x39"},
		{"cyrillic x between numbers", "7,62х39", "7.62x39"},
		{"times sign", "5.56×45 NATO", "5.56x45 nato"},
		{"star as times", "250*300 мм", "250x300 мм"},
		{"x not between numbers", "x-ray 4 x box", "x ray 4 x box"},
		{"leading point kept before digits", "cal .223 Rem", "cal .223 rem"},
		{"slash between numbers kept", "12/70, 1/2", "12/70 1/2"},
		{"slash elsewhere splits", "GPS/ГЛОНАСС", "gps глонасс"},
		{"full-width forms", "ＤＪＩ　Ｍａｖｉｃ３", "dji mavic3"},
		{"chinese kept", "民用狩猎步枪，CQ-A。", "民用狩猎步枪 cq a"},
		{"cyrillic look-alikes in a model go latin", "АК47 М16", "ak47 m16"},
		{"cyrillic-only letter keeps the token cyrillic", "Бр4 6Б47", "бр4 6б47"},
		{"latin look-alikes in a cyrillic word go cyrillic", "бpoнeжилeт", "бронежилет"},
		{"spaces collapse and trim", "  a \t\n b  ", "a b"},
		{"diacritics folded", "Crème brûlée Straße", "creme brulee strasse"},
		{"empty", "", ""},
		{"only punctuation", " -- ,, ", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := Normalize(tt.in); got != tt.want {
				t.Errorf("Normalize(%q) = %q, want %q", tt.in, got, tt.want)
			}
		})
	}
}

// checkNormalized asserts the invariants of a normalised string.
func checkNormalized(t *testing.T, in, n string) {
	t.Helper()
	if !utf8.ValidString(n) {
		t.Errorf("Normalize(%q) = %q, not valid UTF-8", in, n)
	}
	if strings.HasPrefix(n, " ") || strings.HasSuffix(n, " ") || strings.Contains(n, "  ") {
		t.Errorf("Normalize(%q) = %q, has stray spaces", in, n)
	}
	if n2 := Normalize(n); n2 != n {
		t.Errorf("Normalize(Normalize(%q)) = %q, want %q (idempotent)", in, n2, n)
	}
	if strings.ContainsAny(n, "\n\t,;:!?()") {
		t.Errorf("Normalize(%q) = %q, has punctuation left", in, n)
	}
}

func TestNormalizeCorpusInvariants(t *testing.T) {
	for _, c := range loadCases(t) {
		checkNormalized(t, c.Text, Normalize(c.Text))
	}
}

func FuzzNormalize(f *testing.F) {
	for _, s := range []string{"ВИНТОВКИ CQ-A 5,56х45", "İHA 7.62 X 39", "民用步枪", "a'b", "1*2", ".5", "x1x2",
		"\xff\xfe", "5 . 56", "ＡＫ－４７"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		checkNormalized(t, s, Normalize(s))
	})
}
