package names

import (
	"reflect"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestPrepareLatin(t *testing.T) {
	tests := []struct {
		in   string
		kind Kind
		want string // Name.Latin()
	}{
		{"Société Générale", KindOrganization, "societe generale"},
		{"«Рога и копыта»", KindOrganization, "roga i kopyta"},
		{"J.P. Morgan & Co.", KindOrganization, "jp morgan and co"},
		{"Mr. Recep Tayyip Erdoğan", KindPerson, "recep tayyip erdogan"},
		{"Al Qa'ida", KindOrganization, "al qaida"},
		{"Ig0r Sech1n", KindPerson, "ig0r sech1n"},
		{"SiemensAG", KindOrganization, "siemens"},
		{"Brigade Forty-Four", KindOrganization, "brigade 44"},
		{"Bain Capital Fund XI L.P.", KindOrganization, "bain capital fund 11"},
		{"Strauß Ørsted Łódź", KindUnknown, "strauss orsted lodz"},
		{"Юрий Щербаков", KindPerson, "yuriy shcherbakov"},
		{"Гнатюк Ганна Іванівна", KindPerson, "hnatyuk hanna ivanivna"},
		{"Тоқаев Қасым-Жомарт", KindPerson, "tokaev kasym zhomart"},
		{"Вучић", KindPerson, "vucic"},
		{"Νικόλαος", KindPerson, "nikolaos"},
		{"Բարակ Օբամա", KindPerson, "barak obama"},
		{"ბარაკ ობამა", KindPerson, "barak obama"},
		{"नरेन्द्र मोदी", KindPerson, "narendr modi"},
		{"习近平", KindPerson, "xi jin ping"},
		{"김정은", KindPerson, "gim jeong eun"},
		{"バラク・オバマ", KindPerson, "baraku obama"},
	}
	for _, tt := range tests {
		if got := Prepare(tt.in, Options{Kind: tt.kind}).Latin(); got != tt.want {
			t.Errorf("Prepare(%q).Latin() = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestHomoglyphs(t *testing.T) {
	tests := []struct{ in, want string }{
		{"cомpany", "company"},         // Cyrillic о and м in a Latin word
		{"АКЦИОНЕPНОЕ", "акционерное"}, // Latin P in a Cyrillic word
		{"Gazprоm", "gazprom"},
	}
	for _, tt := range tests {
		ws := tokenize(tt.in)
		if len(ws) != 1 || ws[0].text != tt.want {
			t.Errorf("tokenize(%q) = %+v, want one word %q", tt.in, ws, tt.want)
		}
	}
}

func TestPhoneticKeys(t *testing.T) {
	groups := [][]string{
		{"rosoboronexport", "rosoboroneksport"},
		{"tekhkrim", "techkrim", "tehkrim"},
		{"khaled", "haled"},
		{"tsentr", "centr"},
		{"yuriy", "iurii", "jurij", "yuri"},
		{"yakovlev", "iakovlev", "jakovlev"},
		{"zhomart", "jomart"},
		{"dmitriy", "dmitrii", "dmitry", "dmitrij"},
		{"zelenskyy", "zelenskiy", "zelenskyi"},
		{"mohammed", "mohamed"},
		{"xi", "shi", "hsi"},
	}
	for _, g := range groups {
		want := phonetic(g[0])
		for _, s := range g[1:] {
			got := phonetic(s)
			if !sharesAny(got, want) {
				t.Errorf("phonetic(%q) = %v, want a key of phonetic(%q) = %v", s, got, g[0], want)
			}
		}
	}
	if sharesAny(phonetic("putin"), phonetic("pudin")) {
		t.Errorf("phonetic(putin) and phonetic(pudin) share a key, want none")
	}
}

func sharesAny(a, b []string) bool {
	for _, x := range a {
		for _, y := range b {
			if x == y {
				return true
			}
		}
	}
	return false
}

func TestLegalForms(t *testing.T) {
	tests := []struct {
		in         string
		wantLatin  string
		wantFamily string
	}{
		{"ООО Ромашка", "romashka", "LLC"},
		{"Romashka LLC", "romashka", "LLC"},
		{"Romashka Ltd.", "romashka", "LLC"},
		{"北京华为技术有限公司", "bei jing hua wei ji shu", "LLC"},
		{"ABC Sp. z o.o.", "abc", "LLC"},
		{"ABC SP Z O O", "abc", "LLC"},
		{"ARITEKS TEKSTIL SAN. VE TIC. LTD. ŞTİ.", "ariteks tekstil", "LLC"},
		{"ТОО Казахмыс", "kazakhmys", "LLP"},
		{"Kazakhmys LLP", "kazakhmys", "LLP"},
		{`ОБЩЕСТВО С ОГРАНИЧЕННОЙ ОТВЕТСТВЕННОСТЬЮ "ТЕХКРИМ"`, "tekhkrim", "LLC"},
		{"CLOSED JOINT STOCK COMPANY TEKHKRIM", "tekhkrim", "JSC"},
		{"Samsung Electronics Co., Ltd.", "samsung electronics", "LLC"},
		{"TACTICAL MISSILES CORPORATION JOINT STOCK COMPANY", "tactical missiles corporation", "JSC"},
		{"Volkswagen Gesellschaft mit beschränkter Haftung", "volkswagen", "LLC"},
	}
	for _, tt := range tests {
		n := Prepare(tt.in, Options{})
		var fams []string
		for _, lf := range n.LegalForms() {
			fams = append(fams, lf.Family)
		}
		if got := n.Latin(); got != tt.wantLatin || !contains(fams, tt.wantFamily) || n.Kind() != KindOrganization {
			t.Errorf("Prepare(%q) = %q %v %v, want %q with family %s, organization", tt.in, got, fams, n.Kind(),
				tt.wantLatin, tt.wantFamily)
		}
	}
	if lf := Prepare("Ivan Ltd", Options{Kind: KindPerson}).LegalForms(); len(lf) != 0 {
		t.Errorf("Prepare(Ivan Ltd, person).LegalForms() = %v, want none", lf)
	}
	if got := Prepare("Citigroup Capital Trust II", Options{}).Latin(); !strings.HasSuffix(got, "ii") {
		t.Errorf("Prepare(Citigroup Capital Trust II).Latin() = %q, want the numeral kept", got)
	}
}

func TestKeysShared(t *testing.T) {
	pairs := [][2]string{
		{"Рособоронэкспорт", "ROSOBORONEXPORT"},
		{"Techkrim", "ЗАО Техкрим"},
		{"SergeiLavrov", "Sergei Lavrov"},
		{"MOHAMED LAKAHL", "MOHAMED LAKHAL"},
		{"习近平", "Xi Jinping"},
		{"محمد علي حسن", "Mohamed Ali Hassan"},
	}
	for _, p := range pairs {
		a, b := Prepare(p[0], Options{}).Keys(), Prepare(p[1], Options{}).Keys()
		if !sharesAny(a, b) {
			t.Errorf("Keys(%q) = %v and Keys(%q) = %v, want a shared key", p[0], a, p[1], b)
		}
	}
	common := Prepare("Mohammed Zadran", Options{Kind: KindPerson}).Keys()
	for _, k := range common {
		if k == "p:mohamed" {
			t.Errorf("Keys(Mohammed Zadran) = %v, want no key of the common word", common)
		}
	}
}

func TestTokens(t *testing.T) {
	n := Prepare("Abd al-Aziz bin Salman", Options{Kind: KindPerson})
	var roles []string
	for _, tk := range n.Tokens() {
		roles = append(roles, tk.Latin+":"+tk.Role.String())
	}
	want := []string{"abd:word", "al:particle", "aziz:word", "bin:symbol", "salman:word"}
	if diff := cmp.Diff(want, roles); diff != "" {
		t.Errorf("Prepare(Abd al-Aziz bin Salman).Tokens() roles (-want +got):\n%s", diff)
	}
	w := map[string]float64{}
	for _, tk := range n.Tokens() {
		w[tk.Latin] = tk.Weight
	}
	if !(w["salman"] > w["al"] && w["aziz"] > w["bin"]) {
		t.Errorf("Tokens weights = %v, want words heavier than particles", w)
	}
}

func TestKindOf(t *testing.T) {
	for in, want := range map[string]Kind{"Person": KindPerson, "Company": KindOrganization,
		"LegalEntity": KindOrganization, "Vessel": KindVessel, "Thing": KindUnknown} {
		if got := KindOf(in); got != want {
			t.Errorf("KindOf(%q) = %v, want %v", in, got, want)
		}
	}
}

func FuzzPrepareCompare(f *testing.F) {
	for _, s := range []string{"ООО «Ромашка»", "J.P. Morgan & Co.", "习近平", "김정은", "محمد علي", "A. B.", "", "...", "SP Z O O"} {
		f.Add(s, "Vladimir Putin")
	}
	f.Fuzz(func(t *testing.T, a, b string) {
		na, nb := Prepare(a, Options{}), Prepare(b, Options{})
		s := Compare(na, nb)
		if s.Value < 0 || s.Value > 1 || s.Value != s.Value {
			t.Fatalf("Compare(%q, %q) = %v, want in [0, 1]", a, b, s.Value)
		}
		if self := Compare(na, na); len(na.Tokens()) > 0 && !self.Match {
			t.Fatalf("Compare(%q, itself) = %v, want a match", a, self.Value)
		}
		_ = na.Keys()
	})
}

// TestPrepareTokens: PrepareTokens gives what Prepare's Tokens do, for every name of nomenklatura's benchmark
// (many scripts, legal forms, numbers, brackets) in every kind.
func TestPrepareTokens(t *testing.T) {
	needShared(t)
	rows, err := readCSV(sharedBench + "/nomenklatura/name_bench_cases.csv")
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for _, r := range rows {
		for _, raw := range []string{r["name1"], r["name2"]} {
			for _, k := range []Kind{KindUnknown, KindOrganization, KindPerson} {
				want := Prepare(raw, Options{Kind: k}).Tokens()
				got := PrepareTokens(raw, Options{Kind: k})
				if !reflect.DeepEqual(got, want) {
					t.Fatalf("PrepareTokens(%q, kind %v) = %+v, Prepare gives %+v", raw, k, got, want)
				}
				n++
			}
		}
	}
	if n < 1000 {
		t.Fatalf("only %d names compared", n)
	}
}

// TestSignature: names that prepare to the same words share a signature and compare alike with any other name;
// a different word, legal form or kind gives another signature.
func TestSignature(t *testing.T) {
	sig := func(s string, k Kind) string { return Prepare(s, Options{Kind: k}).Signature() }
	same := [][2]string{
		{"OOO «Vega»", "ooo vega"},
		{"Tekhkrim, OOO", "TEKHKRIM  OOO."},
		{"ООО «Техкрим»", "ооо техкрим"},
	}
	other := []string{"Golden Harvest Trading LLC", "Shenzhen Kunlun Tech Co., Ltd."}
	for _, p := range same {
		if sig(p[0], KindUnknown) != sig(p[1], KindUnknown) {
			t.Errorf("%q and %q: different signatures", p[0], p[1])
		}
		for _, o := range other {
			a := Compare(Prepare(p[0], Options{}), Prepare(o, Options{}))
			b := Compare(Prepare(p[1], Options{}), Prepare(o, Options{}))
			if a.Value != b.Value || !reflect.DeepEqual(a.Pairs, b.Pairs) {
				t.Errorf("%q and %q share a signature but compare differently with %q: %v, %v", p[0], p[1], o, a.Value, b.Value)
			}
		}
	}
	for _, p := range [][2]string{
		{"OOO Vega", "OOO Vego"},   // a letter
		{"OOO Vega", "ZAO Vega"},   // the legal form
		{"Vega Tekh", "Tekh Vega"}, // the order
		{"OOO Vega", "Vega"},       // a legal form or none
	} {
		if sig(p[0], KindUnknown) == sig(p[1], KindUnknown) {
			t.Errorf("%q and %q share a signature", p[0], p[1])
		}
	}
	if sig("Vega", KindPerson) == sig("Vega", KindOrganization) {
		t.Error("a person and an organisation of one name share a signature")
	}
}
