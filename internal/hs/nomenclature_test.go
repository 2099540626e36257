package hs

import (
	"strings"
	"testing"
)

func TestNomenclatureCounts(t *testing.T) {
	n := nomen()
	chapters := 0
	for _, ok := range n.chapters {
		if ok {
			chapters++
		}
	}
	// The file has 97 chapters, 1,229 headings and 5,613 subheadings, counting Comtrade's 99, 9999 and
	// 999999, which are not HS.
	if chapters != 96 || n.headCount != 1228 || n.subheads != 5612 {
		t.Errorf("nomenclature: %d chapters, %d headings, %d subheadings, want 96, 1228, 5612", chapters, n.headCount, n.subheads)
	}
}

func TestDescribe(t *testing.T) {
	tests := []struct {
		c    Code
		want string // a part of the description
	}{
		{"9303200000", "sporting, hunting or target-shooting shotguns"},
		{"930110", "artillery weapons"},
		{"88062400", "Unmanned aircraft"},
		{"880730", "parts of aeroplanes, helicopters or unmanned aircraft"},
		{"850760", "lithium-ion"},
		{"852589", "Television cameras"},
		{"8411120000", "Turbo-jets"},
		{"854231", "processors and controllers"},
		{"8710", "Tanks and other armoured fighting vehicles"},
		{"93", "Arms and ammunition"},
		{"8803", "Aircraft, spacecraft"}, // an HS2017 heading: described by its chapter
	}
	for _, tt := range tests {
		if got := Describe(tt.c); !strings.Contains(got, tt.want) {
			t.Errorf("Describe(%q) = %q, want it to contain %q", tt.c, got, tt.want)
		}
	}
	for _, c := range []Code{"", "9", "99", "999999", "77", "ab"} {
		if got := Describe(c); got != "" {
			t.Errorf("Describe(%q) = %q, want \"\"", c, got)
		}
	}
}

func TestSection(t *testing.T) {
	tests := []struct {
		c     Code
		num   int
		title string // a part of the title
	}{
		{"9303", 19, "Arms and ammunition"},
		{"0101210000", 1, "live animals"},
		{"8542310000", 16, "Machinery and mechanical appliances"},
		{"8806", 17, "aircraft"},
		{"6211", 11, "Textiles"},
		{"97", 21, "Works of art"},
		{"99", 0, ""},
		{"77", 0, ""},
		{"9", 0, ""},
		{"x1", 0, ""},
	}
	for _, tt := range tests {
		num, title := Section(tt.c)
		if num != tt.num || !strings.Contains(title, tt.title) || (tt.title == "" && title != "") {
			t.Errorf("Section(%q) = %d, %q, want %d, %q", tt.c, num, title, tt.num, tt.title)
		}
	}
}

func TestExists(t *testing.T) {
	tests := []struct {
		c    Code
		want bool
	}{
		{"93", true},
		{"9303", true},
		{"930320", true},
		{"9303201000", true}, // its subheading exists
		{"93032010", true},
		{"880730", true},
		{"880330", false}, // HS2017 only
		{"852580", false}, // HS2017 only, split in HS2022
		{"8803", false},
		{"77", false},
		{"99", false},
		{"999999", false},
		{"854200", false}, // a heading with subheadings has no 00
		{"85423", false},
		{"", false},
		{"93032A10", false},
	}
	for _, tt := range tests {
		if got := Exists(tt.c); got != tt.want {
			t.Errorf("Exists(%q) = %v, want %v", tt.c, got, tt.want)
		}
	}
}

// TestLoad loads every embedded table directly, so that a broken data file fails here with its error
// rather than as a panic elsewhere.
func TestLoad(t *testing.T) {
	if _, err := loadNomenclature(); err != nil {
		t.Error(err)
	}
	if _, err := loadConcordance(); err != nil {
		t.Error(err)
	}
	if _, err := loadCHPL(); err != nil {
		t.Error(err)
	}
	if _, err := loadEUBan(); err != nil {
		t.Error(err)
	}
	if _, err := loadClasses(); err != nil {
		t.Error(err)
	}
}
