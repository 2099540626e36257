package goods

import (
	"bufio"
	"errors"
	"io/fs"
	"os"
	"strings"
	"testing"
	"testing/fstest"
)

func TestParseVocabularyErrors(t *testing.T) {
	tests := []struct {
		name, text, want string
	}{
		{"forms before a concept", "en: rifle\n", "forms before the first concept"},
		{"short header", "@ rifle; word; arms.military\n", "header wants"},
		{"unknown kind", "@ rifle; weapon; arms.military; 0.5; 93\n", "unknown kind"},
		{"unknown target", "@ rifle; word; arms.rifles; 0.5; 93\n", "unknown target"},
		{"word needs a class", "@ rifle; word; arms; 0.5; 93\n", "needs a class"},
		{"weight out of range", "@ rifle; word; arms.military; 1.5; 93\n", "not in (0,1]"},
		{"bad hs", "@ rifle; word; arms.military; 0.5; 930\n", "not 2, 4 or 6 digits"},
		{"unknown option", "@ rifle; word; arms.military; 0.5; 93; colour=red\n", "unknown option"},
		{"unknown family in scope", "@ barrel; part; civilian; 0.5; -; scope=guns\n", "unknown family"},
		{"bad language", "@ rifle; word; arms.military; 0.5; 93\nde: Gewehr\n", "lang: forms"},
		{"empty form", "@ rifle; word; arms.military; 0.5; 93\nen: rifle | -- \n", "empty form"},
		{"stem mark inside a word", "@ rifle; word; arms.military; 0.5; 93\nen: ri*fle\n", "stem mark"},
		{"duplicate concept", "@ rifle; word; arms.military; 0.5; 93\nen: rifle\n@ rifle; word; arms.military; 0.5; 93\n",
			"defined twice"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var v vocabulary
			err := v.parse(strings.NewReader(tt.text), "test.txt")
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("parse(%q) = %v, want an error containing %q", tt.text, err, tt.want)
			}
		})
	}
}

func TestParseVocabularyForms(t *testing.T) {
	var v vocabulary
	text := "# comment\n@ ak; model; arms.military; 0.9; 9301\nxx: AK-47 | АК-74\n" +
		"@ rifle; word; arms.sporting_hunting; 0.6; 9303\nru: винтовк* | охотничь* винтовк*\n"
	if err := v.parse(strings.NewReader(text), "test.txt"); err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, f := range v.forms {
		got = append(got, f.text)
	}
	want := []string{"ak 47", "ak47", "ак 74", "ak74", "винтовк"}
	if strings.Join(got, "|") != strings.Join(want, "|") {
		t.Errorf("forms = %q, want %q", got, want)
	}
	if len(v.phrases) != 1 || strings.Join(v.phrases[0].words, " ") != "охотничь винтовк" {
		t.Errorf("phrases = %+v, want one phrase of two stems", v.phrases)
	}
}

func TestNewErrors(t *testing.T) {
	good := "@ rifle; word; arms.sporting_hunting; 0.6; 9303\nen: rifle\n"
	part := "stm32\t0\t-\t8\t20\tSTMicroelectronics\telectronics.ic\t854231\t0.95\tSTM32\n"
	tests := []struct {
		name string
		fsys fstest.MapFS
		want string
	}{
		{"no vocabulary", fstest.MapFS{"partnumbers.tsv": {Data: []byte(part)}}, "no *.txt"},
		{"bad vocabulary", fstest.MapFS{"a.txt": {Data: []byte("@ x; bad; civilian; 1; -\n")},
			"partnumbers.tsv": {Data: []byte(part)}}, "parse vocabulary"},
		{"no part numbers", fstest.MapFS{"a.txt": {Data: []byte(good)}}, "open part numbers"},
		{"bad part numbers", fstest.MapFS{"a.txt": {Data: []byte(good)},
			"partnumbers.tsv": {Data: []byte("stm32\tx\t-\t8\t20\tST\telectronics.ic\t854231\t0.9\tSTM32\n")}},
			"bad digits"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := New(tt.fsys)
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("New() = %v, want an error containing %q", err, tt.want)
			}
		})
	}
	_, err := New(fstest.MapFS{"a.txt": {Data: []byte(good)}})
	if !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("New() without part numbers = %v, want it to wrap fs.ErrNotExist", err)
	}
	c, err := New(fstest.MapFS{"a.txt": {Data: []byte(good)}, "partnumbers.tsv": {Data: []byte(part)}})
	if err != nil {
		t.Fatalf("New(small vocabulary) = %v", err)
	}
	if r := c.Classify("a rifle and an STM32F405RGT6"); r.ScoreOf(ArmsSporting) == 0 || r.ScoreOf(ElectronicsIC) == 0 {
		t.Errorf("small classifier read %v, want a rifle and an IC", r.Scores)
	}
}

// TestEmbeddedVocabulary checks the shipped data: every HS code exists in HS2022, every concept has a form,
// and every form is in normalised form already.
func TestEmbeddedVocabulary(t *testing.T) {
	codes := make(map[string]bool)
	f, err := os.Open("testdata/hs2022_codes.txt")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		codes[sc.Text()] = true
	}
	if len(codes) < 6000 {
		t.Fatalf("read %d HS codes, want the whole nomenclature", len(codes))
	}
	c := Default()
	hasForm := make([]bool, len(c.concepts))
	for _, p := range c.pats {
		hasForm[p.concept] = true
	}
	for i, cp := range c.concepts {
		if cp.hs != "" && !codes[cp.hs] {
			t.Errorf("%s: concept %q points to HS %s, which HS2022 does not have", cp.source, cp.name, cp.hs)
		}
		if !hasForm[i] && cp.kind != KindPartNumber {
			t.Errorf("%s: concept %q has no form", cp.source, cp.name)
		}
	}
	for _, ci := range classTable {
		for _, code := range []string{ci.chapter, ci.heading} {
			if code != "" && !codes[code] {
				t.Errorf("class %s: default HS %s is not in HS2022", ci.class, code)
			}
		}
	}
	var v vocabulary
	sub, _ := fs.Sub(dataFS, "data")
	names, _ := fs.Glob(sub, "*.txt")
	for _, name := range names {
		b, _ := fs.ReadFile(sub, name)
		if err := v.parse(strings.NewReader(string(b)), name); err != nil {
			t.Fatal(err)
		}
	}
	for _, f := range v.forms {
		if Normalize(f.text) != f.text {
			t.Errorf("form %q of %q is not normalised", f.text, v.concepts[f.concept].name)
		}
	}
	if c.ac.states() >= 1<<16 {
		t.Logf("the automaton has %d states: transitions take 32 bits", c.ac.states())
	}
}

func TestClassTable(t *testing.T) {
	if len(families) != nFamilies {
		t.Fatalf("len(families) = %d, want nFamilies = %d", len(families), nFamilies)
	}
	all := Classes()
	if len(all) != 30 || all[len(all)-1] != Civilian {
		t.Fatalf("Classes() = %v, want the 30 classes of the taxonomy, Civilian last", all)
	}
	tests := []struct {
		c                        Class
		controlled               bool
		family, chapter, heading string
	}{
		{ArmsMilitary, true, "arms", "93", "9301"},
		{DroneParts, true, "drone", "88", "8807"},
		{ArmourBody, true, "armour", "63", ""},
		{MachineTool, true, "machine_tool", "84", ""},
		{Civilian, false, "civilian", "", ""},
		{Class("arms.laser"), false, "arms", "", ""},
	}
	for _, tt := range tests {
		if got := tt.c.Controlled(); got != tt.controlled {
			t.Errorf("%s.Controlled() = %v, want %v", tt.c, got, tt.controlled)
		}
		if got := tt.c.Family(); got != tt.family {
			t.Errorf("%s.Family() = %q, want %q", tt.c, got, tt.family)
		}
		if got := tt.c.Chapter(); got != tt.chapter {
			t.Errorf("%s.Chapter() = %q, want %q", tt.c, got, tt.chapter)
		}
		if got := tt.c.Heading(); got != tt.heading {
			t.Errorf("%s.Heading() = %q, want %q", tt.c, got, tt.heading)
		}
	}
}
