package names

import (
	"strings"
	"testing"
)

func TestCompareMatches(t *testing.T) {
	tests := []struct {
		name string
		a, b string
		kind Kind
	}{
		{"Cyrillic to Latin", "Владимир Путин", "Vladimir Putin", KindPerson},
		{"reordered with comma", "PUTIN, Vladimir", "Vladimir Putin", KindPerson},
		{"initial", "V. Putin", "Vladimir Putin", KindPerson},
		{"patronymic dropped", "Vladimir Vladimirovich Putin", "Vladimir Putin", KindPerson},
		{"glued", "SergeiLavrov", "Sergei Lavrov", KindPerson},
		{"typo", "Sergei Lavorv", "Sergei Lavrov", KindPerson},
		{"Yu/Iu/Ju", "Yuriy Yakovlev", "Iurii Iakovlev", KindPerson},
		{"Ju/Ja", "Jurij Jakovlev", "Юрий Яковлев", KindPerson},
		{"-iy/-y", "Dmitriy Medvedev", "Dmitry Medvedev", KindPerson},
		{"Ukrainian", "Володимир Зеленський", "Volodymyr Zelenskyy", KindPerson},
		{"Kazakh", "Қасым-Жомарт Тоқаев", "Kassym-Jomart Tokayev", KindPerson},
		{"Arabic", "محمد علي", "Mohamed Ali", KindPerson},
		{"Hebrew", "משה", "Moshe", KindPerson},
		{"Greek", "Νικόλαος", "Nikolaos", KindPerson},
		{"Chinese", "习近平", "Xi Jinping", KindPerson},
		{"Hangul", "김정은", "Kim Jong Un", KindPerson},
		{"katakana", "バラク・オバマ", "Barack Obama", KindPerson},
		{"Kh/H, x/ks", "ROSOBORONEKSPORT OAO", "Rosoboronexport JSC", KindOrganization},
		{"Cyrillic company", "АО «Рособоронэкспорт»", "ROSOBORONEKSPORT OAO", KindOrganization},
		{"Tekhkrim/Techkrim", "CLOSED JOINT STOCK COMPANY TEKHKRIM", "Techkrim ZAO", KindOrganization},
		{"Tehkrim Cyrillic", "ЗАО «Техкрим»", "Tehkrim CJSC", KindOrganization},
		{"long Russian form", `ОБЩЕСТВО С ОГРАНИЧЕННОЙ ОТВЕТСТВЕННОСТЬЮ "РОМАШКА"`, "Romashka LLC", KindOrganization},
		{"Ts/C", "Tsentr Spetsialnoy Tekhniki", "Centr Specialnoj Tehniki", KindOrganization},
		{"homoglyph", "Gazprоm Neft", "Gazprom Neft", KindOrganization},
		{"Chinese legal form", "新兴际华(广州)进出口有限公司", "Xinxing Jihua (Guangzhou) Import and Export Co., Ltd.", KindOrganization},
		{"Turkish legal form", "ARITEKS TEKSTIL SAN. VE TIC. LTD. ŞTİ.", "Ariteks Tekstil Ltd", KindOrganization},
		{"Polish legal form", "ABC SP Z O O", "ABC Sp. z o.o.", KindOrganization},
		{"symbols across languages", "First Bank Int'l", "First International Bank", KindOrganization},
		{"acronym", "PLA", "People's Liberation Army", KindOrganization},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := Compare(Prepare(tt.a, Options{Kind: tt.kind}), Prepare(tt.b, Options{Kind: tt.kind}))
			if !s.Match {
				t.Errorf("Compare(%q, %q) = %.3f, want ≥ %.2f\n%s", tt.a, tt.b, s.Value, s.Threshold, s)
			}
		})
	}
}

func TestCompareNonMatches(t *testing.T) {
	tests := []struct {
		name string
		a, b string
		kind Kind
	}{
		{"different given name", "Daniel Tusk", "Donald Tusk", KindPerson},
		{"different patronymic", "Sergey Viktorovich Lavrov", "Sergey Borisovich Lavrov", KindPerson},
		{"shared legal form only", "Volkswagen AG", "Siemens AG", KindOrganization},
		{"different Han character", "习近朋", "习近平", KindPerson},
		{"different Hangul syllable", "이재형", "이재명", KindPerson},
		{"father and son", "SALMAN BIN MUHAMMAD AL-RAWI", "MUHAMMAD BIN SALMAN AL-RAWI", KindPerson},
		{"different company word", "Saudi Arabian Gas Company", "Saudi Arabian Oil Company", KindOrganization},
		{"unrelated", "Patricia Lucas Wheeler", "MUHAMMAD OMAR ZADRAN", KindPerson},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := Compare(Prepare(tt.a, Options{Kind: tt.kind}), Prepare(tt.b, Options{Kind: tt.kind}))
			if s.Match {
				t.Errorf("Compare(%q, %q) = %.3f, want < %.2f\n%s", tt.a, tt.b, s.Value, s.Threshold, s)
			}
		})
	}
}

func TestCompareEvidence(t *testing.T) {
	inn := func(v string) Options {
		return Options{Kind: KindOrganization, Identifiers: []Identifier{{Scheme: "INN", Value: v}}}
	}
	base := Compare(Prepare("Romashka", Options{Kind: KindOrganization}), Prepare("Romaška Trading", Options{Kind: KindOrganization}))
	same := Compare(Prepare("Romashka", inn("7701 234 567")), Prepare("Romaška Trading", inn("7701234567")))
	diff := Compare(Prepare("Romashka", inn("7701234567")), Prepare("Romaška Trading", inn("7801234567")))
	if !(same.Value > base.Value && base.Value > diff.Value) {
		t.Errorf("Compare with identifiers = same %.3f, none %.3f, different %.3f, want same > none > different",
			same.Value, base.Value, diff.Value)
	}
	cc := func(c ...string) Options { return Options{Kind: KindPerson, Countries: c} }
	sameC := Compare(Prepare("Ivan Petrov", cc("ru")), Prepare("Ivan Petrov", cc("RU", "BY")))
	diffC := Compare(Prepare("Ivan Petrov", cc("RU")), Prepare("Ivan Petrov", cc("US")))
	if !(sameC.Value > diffC.Value) {
		t.Errorf("Compare with countries = same %.3f, different %.3f, want same > different", sameC.Value, diffC.Value)
	}
	lf := Compare(Prepare("Deutsche Bank AG", Options{}), Prepare("Deutsche Bank GmbH", Options{}))
	if !hasFeature(lf, "legal_form", 1) {
		t.Errorf("Compare(Deutsche Bank AG, Deutsche Bank GmbH) features = %v, want legal_form 1", lf.Features)
	}
}

func hasFeature(s Score, name string, value float64) bool {
	for _, f := range s.Features {
		if f.Name == name && f.Value == value {
			return true
		}
	}
	return false
}

func TestScoreExplains(t *testing.T) {
	s := Compare(Prepare("Vladimir Putin", Options{}), Prepare("Путин Владимир", Options{}))
	if s.Version != Version || s.Threshold != DefaultThreshold {
		t.Errorf("Compare version, threshold = %q, %v, want %q, %v", s.Version, s.Threshold, Version, DefaultThreshold)
	}
	var z float64
	for _, f := range s.Features {
		if f.Contribution != f.Value*f.Weight {
			t.Errorf("feature %s contribution = %v, want %v × %v", f.Name, f.Contribution, f.Value, f.Weight)
		}
		z += f.Contribution
	}
	if got := sigmoid(z); abs(got-s.Value) > 1e-9 {
		t.Errorf("Compare value = %v, want logistic of the contributions %v", s.Value, got)
	}
	if len(s.Pairs) != 2 {
		t.Errorf("Compare pairs = %v, want 2 pairs", s.Pairs)
	}
	if !strings.Contains(s.String(), "putin ~ putin") {
		t.Errorf("Score.String() = %q, want the aligned pairs", s.String())
	}
}

func abs(x float64) float64 {
	if x < 0 {
		return -x
	}
	return x
}

func TestCompareEmpty(t *testing.T) {
	s := Compare(Prepare("", Options{}), Prepare("Gazprom", Options{}))
	if s.Match || s.Value > 0.01 {
		t.Errorf("Compare(\"\", Gazprom) = %.3f, want ≈ 0", s.Value)
	}
}

// TestWordsValueIsScore: the score a comparison of words reaches with the names' countries and identifiers
// (Words.Value, which screening and the chain detector use without an explanation) is exactly Compare's.
func TestWordsValueIsScore(t *testing.T) {
	pairs := [][2]string{
		{"ROSOBORONEKSPORT OAO", "Rosoboronexport JSC"}, {"Sergei Lavorv", "Sergei Lavrov"}, {"Daniel Tusk", "Donald Tusk"},
		{"ООО «Вега»", "Vega LLC"}, {"", "Vega LLC"}, {"Shenzhen Bright Trading Co", "Bright Trading Co Ltd"},
	}
	opts := []Options{{}, {Countries: []string{"RU"}}, {Countries: []string{"CN"}, Identifiers: []Identifier{{Value: "7718852163"}}},
		{Identifiers: []Identifier{{Value: "9909123456"}}}}
	n := 0
	for _, p := range pairs {
		for _, oa := range opts {
			for _, ob := range opts {
				a, b := Prepare(p[0], oa), Prepare(p[1], ob)
				want := Compare(a, b).Value
				if got := CompareWords(a, b).Value(a, b); got != want {
					t.Errorf("%q %v ~ %q %v: Words.Value = %v, Compare = %v", p[0], oa, p[1], ob, got, want)
				}
				n++
			}
		}
	}
	t.Logf("%d comparisons", n)
}
