package goods

import (
	"encoding/json"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// evidenceOf returns the evidence of a kind whose text is text, or nil.
func evidenceOf(r *Result, k Kind, text string) *Evidence {
	for i, e := range r.Evidence {
		if e.Kind == k && e.Text == text {
			return &r.Evidence[i]
		}
	}
	return nil
}

// TestMisdeclaredRifles is the reference case: NORINCO's CQ-A rifles, an M16 copy, declared as civilian
// hunting rifles.
func TestMisdeclaredRifles(t *testing.T) {
	r := Classify("civilian hunting rifles CQ-A 5.56")
	if r.Class != ArmsMilitary || r.Military.Class != ArmsMilitary {
		t.Fatalf("Classify() = %s (military reading %s), want %s\n%s", r.Class, r.Military.Class, ArmsMilitary,
			r.Explain())
	}
	if r.DeclaredClass != ArmsSporting || !r.Contradicts() {
		t.Errorf("DeclaredClass = %q, Contradicts() = %v, want %s and true", r.DeclaredClass, r.Contradicts(),
			ArmsSporting)
	}
	model := evidenceOf(&r, KindModel, "cq a")
	calibre := evidenceOf(&r, KindCalibre, "5.56")
	if model == nil || model.Term != "CQ-A" || model.Weight < 0.9 || calibre == nil || calibre.Class != ArmsMilitary {
		t.Errorf("evidence = %+v, want the model CQ-A (≥0.9) and the calibre 5.56 for %s", r.Evidence, ArmsMilitary)
	}
	var declared []string
	for _, e := range r.Declared {
		declared = append(declared, e.Text)
	}
	if want := []string{"civilian", "hunting"}; !slices.Equal(declared, want) {
		t.Errorf("Declared = %q, want %q", declared, want)
	}
	if r.Chapters[0] != "93" || r.Headings[0] != "9301" || r.Confidence <= 0.5 {
		t.Errorf("chapters %v headings %v confidence %v, want 93, 9301 and more than 0.5", r.Chapters, r.Headings,
			r.Confidence)
	}
}

func TestDeclaredWording(t *testing.T) {
	tests := []struct {
		in            string
		class, mil    Class
		declared      Class
		contradiction bool
	}{
		{"hunting rifle", ArmsSporting, ArmsSporting, ArmsSporting, false},
		{"airsoft helmet", Civilian, ArmourHelmet, Civilian, false},
		{"ballistic helmet NIJ IIIA, airsoft", ArmourHelmet, ArmourHelmet, Civilian, true},
		{"toy drone", Civilian, Drone, Civilian, false},
		{"DJI Mavic 3 drone, not for military use", Drone, Drone, Civilian, true},
		{"ceramic tiles", Civilian, "", "", false},
	}
	for _, tt := range tests {
		r := Classify(tt.in)
		if r.Class != tt.class || r.Military.Class != tt.mil || r.DeclaredClass != tt.declared ||
			r.Contradicts() != tt.contradiction {
			t.Errorf("Classify(%q) = %s, military %s, declared %q, contradicts %v; want %s, %s, %q, %v\n%s", tt.in,
				r.Class, r.Military.Class, r.DeclaredClass, r.Contradicts(), tt.class, tt.mil, tt.declared,
				tt.contradiction, r.Explain())
		}
	}
}

func TestNothingRecognised(t *testing.T) {
	for _, in := range []string{"", "   ", "товар", "item 1 of 3", "12345"} {
		r := Classify(in)
		if r.Class != Civilian || r.Confidence != 0 || len(r.Chapters) != 0 || len(r.Evidence) != 0 ||
			r.Military != (Score{}) {
			t.Errorf("Classify(%q) = %+v, want Civilian with confidence 0 and nothing else", in, r)
		}
	}
}

func TestWordBoundaries(t *testing.T) {
	tests := []struct {
		in   string
		want Class // the decided class
		not  Class // a class that must have no reading at all
	}{
		{"Болт M16x80 DIN 931 оцинкованный", Civilian, ArmsMilitary},  // a metric thread, not an M16
		{"Бронежилет", ArmourBody, Civilian},                          // "жилет" inside it is not a vest
		{"Винты самонарезающие", Civilian, ArmsSporting},              // винт is not винтовка
		{"Гранаты свежие, 10 кг", Civilian, ArmsAmmunition},           // pomegranates
		{"Патрон для лампы E27", ElectronicsOther, ArmsAmmunition},    // a lamp holder
		{"Сырье для производства", Civilian, ""},                      // сырье is not сыр
		{"5.567 kg net", Civilian, ArmsMilitary},                      // not a 5.56
		{"Станок для бритья", Civilian, MachineTool},                  // a razor
		{"Chevrolet Camaro passenger car", Civilian, VesselMilitary},  // no Corvette confusion
		{"Сплит-система кондиционер", Civilian, ""},                   //
		{"Кольцо уплотнительное резиновое", Civilian, ""},             //
		{"Prize cup for the tournament", Civilian, ElectronicsOther},  // prize is not priz
		{"Диван угловой, ткань велюр", Civilian, ArmsMilitary},        //
		{"热熔胶枪 100W", Civilian, ArmsSporting},                         // a glue gun
		{"Kazakistan menşeli buğday", Civilian, ""},                   //
		{"IC card reader, contactless", Civilian, ElectronicsIC},      // a smart card reader
		{"Ремкомплект тормозной системы для грузовика", Civilian, ""}, //
	}
	for _, tt := range tests {
		r := Classify(tt.in)
		if r.Class != tt.want || tt.not != "" && r.ScoreOf(tt.not) > 0 {
			t.Errorf("Classify(%q) = %s with %v; want %s and no %s reading\n%s", tt.in, r.Class, r.Scores, tt.want,
				tt.not, r.Explain())
		}
	}
}

func TestStemsMatchWholeWords(t *testing.T) {
	r := Classify("Бронежилеты модульные")
	e := evidenceOf(&r, KindWord, "бронежилеты")
	if e == nil || e.Term != "body armour" || e.Lang != "ru" {
		t.Errorf("Classify(бронежилеты) evidence = %+v, want the whole word matched by the ru stem", r.Evidence)
	}
}

func TestClassifyFields(t *testing.T) {
	r := ClassifyFields("Аккумулятор литий-полимерный", "Lithium polymer battery", "DJI", "SZ DJI TECHNOLOGY CO., LTD.")
	if r.Class != DroneParts {
		t.Fatalf("ClassifyFields() = %s, want %s\n%s", r.Class, DroneParts, r.Explain())
	}
	var fields []string
	counts := map[string]int{}
	for _, e := range r.Evidence {
		fields = append(fields, e.Term+"@"+e.Field.String())
		counts[e.Term]++
	}
	// The brand is found in the brand column; the battery in both descriptions counts once, in the first.
	want := []string{"battery@description", "DJI@brand"}
	if diff := cmp.Diff(want, fields); diff != "" {
		t.Errorf("evidence fields (-want +got):\n%s", diff)
	}
	// The same text in one field or spread over several gives the same reading.
	one := Classify("ВИНТОВКИ ОХОТНИЧЬИ CQ-A 5.56 NORINCO")
	many := ClassifyFields("ВИНТОВКИ ОХОТНИЧЬИ", "HUNTING RIFLES CQ-A 5.56", "", "NORINCO")
	if one.Class != many.Class || one.Military.Class != many.Military.Class || one.DeclaredClass != many.DeclaredClass {
		t.Errorf("one field %s/%s/%s, several %s/%s/%s, want the same reading", one.Class, one.Military.Class,
			one.DeclaredClass, many.Class, many.Military.Class, many.DeclaredClass)
	}
}

func TestScoresOrdered(t *testing.T) {
	for _, c := range loadCases(t) {
		r := Classify(c.Text)
		if !slices.IsSortedFunc(r.Scores, func(a, b Score) int {
			switch {
			case a.Score > b.Score:
				return -1
			case a.Score < b.Score:
				return 1
			}
			return 0
		}) {
			t.Errorf("Classify(%q).Scores = %v, want best first", c.Text, r.Scores)
		}
		for _, s := range r.Scores {
			if s.Score <= 0 || s.Score > 1 || !s.Class.Valid() {
				t.Errorf("Classify(%q) score %+v out of range", c.Text, s)
			}
		}
		if r.Confidence < 0 || r.Confidence > 1 {
			t.Errorf("Classify(%q).Confidence = %v, want 0–1", c.Text, r.Confidence)
		}
		if r.Military.Class != "" && (r.Military.Class == Civilian || r.ScoreOf(r.Military.Class) != r.Military.Score) {
			t.Errorf("Classify(%q).Military = %+v, want the best controlled reading", c.Text, r.Military)
		}
	}
}

func TestConcurrentUse(t *testing.T) {
	cases := loadCases(t)
	want := make([]Class, len(cases))
	for i, c := range cases {
		want[i] = Classify(c.Text).Class
	}
	var wg sync.WaitGroup
	errs := make(chan string, len(cases)*4)
	for range 4 {
		wg.Go(func() {
			for i, c := range cases {
				if got := Classify(c.Text).Class; got != want[i] {
					errs <- c.Text + ": " + string(got) + " want " + string(want[i])
				}
			}
		})
	}
	wg.Wait()
	close(errs)
	for e := range errs {
		t.Errorf("concurrent Classify(%s)", e)
	}
}

func TestResultJSON(t *testing.T) {
	r := Classify("Квадрокоптер DJI Mavic 3")
	b, err := json.Marshal(r)
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{`"class":"drone"`, `"kind":"model"`, `"field":"description"`, `"term":"DJI"`} {
		if !strings.Contains(string(b), want) {
			t.Errorf("json.Marshal(result) = %s, want it to contain %s", b, want)
		}
	}
	if !strings.Contains(r.Explain(), "drone") {
		t.Errorf("Explain() = %q, want the class named", r.Explain())
	}
}
