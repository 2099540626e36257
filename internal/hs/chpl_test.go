package hs

import (
	"slices"
	"testing"
)

// TestCHPLCounts checks the list against its source file read on its own, and against the published
// counts: 50 codes, of which 45 were on the September 2023 list.
func TestCHPLCounts(t *testing.T) {
	rows, err := readCSV("data/chpl_2024-02-23.csv")
	if err != nil {
		t.Fatal(err)
	}
	want := map[Tier]int{}
	for _, r := range rows[1:] {
		want[Tier(r[2])]++
	}
	published := map[Tier]int{Tier1: 4, Tier2: 5, Tier3A: 16, Tier3B: 9, Tier4A: 11, Tier4B: 5}
	items := CHPLItems("")
	if len(items) != 50 {
		t.Errorf("len(CHPLItems(\"\")) = %d, want 50", len(items))
	}
	got := map[Tier]int{}
	sep2023 := 0
	for _, it := range items {
		got[it.Tier]++
		if it.InSep2023 {
			sep2023++
		}
		if tier, ok := CHPL(it.HS6); !ok || tier != it.Tier {
			t.Errorf("CHPL(%q) = %q, %v, want %q", it.HS6, tier, ok, it.Tier)
		}
		if it.HS2017 == "" || it.Relationship == "" {
			t.Errorf("CHPL item %s has no HS2017 conversion", it.HS6)
		}
	}
	for _, tier := range Tiers {
		if got[tier] != want[tier] || got[tier] != published[tier] {
			t.Errorf("tier %s: %d codes, want %d (file) and %d (published)", tier, got[tier], want[tier], published[tier])
		}
		if tier.Definition() == "" {
			t.Errorf("Tier(%q).Definition() = \"\"", tier)
		}
	}
	if sep2023 != 45 {
		t.Errorf("%d codes on the September 2023 list, want 45", sep2023)
	}
}

func TestCHPL(t *testing.T) {
	tests := []struct {
		c         Code
		tier      Tier
		ok, via17 bool
	}{
		{"854231", Tier1, true, false},
		{"8542310000", Tier1, true, false},
		{"85423111", Tier1, true, false},
		{"852589", Tier3A, true, false},
		{"8525890000", Tier3A, true, false},
		{"880730", Tier3B, true, false},
		{"901310", Tier3B, true, false},
		{"845811", Tier4B, true, false},
		{"854800", Tier2, true, false},
		{"854890", Tier2, true, true},      // HS2017 8548.90 became 8548.00
		{"852580", Tier3A, true, true},     // HS2017 8525.80 split, 8525.89 listed
		{"854140", Tier3A, true, true},     // HS2017 8541.40 split, 8541.49 listed
		{"8803300000", Tier3B, true, true}, // HS2017 8803.30 became 8807.30
		{"851712", "", false, false},       // HS2017 mobile phones: n:n with 8541.51, left out
		{"930320", "", false, false},
		{"850760", "", false, false},
		{"8411", "", false, false},
		{"8542", "", false, false}, // headings do not match
		{"", "", false, false},
	}
	for _, tt := range tests {
		m, ok := LookupCHPL(tt.c)
		if ok != tt.ok || m.Tier != tt.tier || m.ViaHS2017 != tt.via17 {
			t.Errorf("LookupCHPL(%q) = tier %q via HS2017 %v, %v; want %q, %v, %v", tt.c, m.Tier, m.ViaHS2017, ok, tt.tier, tt.via17, tt.ok)
		}
		if tier, ok := CHPL(tt.c); tier != tt.tier || ok != tt.ok {
			t.Errorf("CHPL(%q) = %q, %v, want %q, %v", tt.c, tier, ok, tt.tier, tt.ok)
		}
	}
}

func TestTier(t *testing.T) {
	if got := Tier1.Definition(); got == "" || got == Tier2.Definition() {
		t.Errorf("Tier1.Definition() = %q, want its own definition", got)
	}
	if got := Tier4B.Definition(); got != "Computer Numerically Controlled (CNC) machine tools and components (added Feb 2024)" {
		t.Errorf("Tier4B.Definition() = %q", got)
	}
	for i, tier := range Tiers {
		if got := tier.Rank(); got != i+1 {
			t.Errorf("Tier(%q).Rank() = %d, want %d", tier, got, i+1)
		}
	}
	if got := Tier("5").Rank(); got != 0 {
		t.Errorf("Tier(%q).Rank() = %d, want 0", "5", got)
	}
	if got := Tier("5").Definition(); got != "" {
		t.Errorf("Tier(%q).Definition() = %q, want \"\"", "5", got)
	}
}

func TestCHPLItemsPrefix(t *testing.T) {
	tests := []struct {
		c    Code
		want int
	}{
		{"8542", 4},
		{"8541", 8},
		{"85", 26},
		{"8482", 4},
		{"93", 0},
	}
	for _, tt := range tests {
		if got := CHPLItems(tt.c); len(got) != tt.want {
			t.Errorf("len(CHPLItems(%q)) = %d, want %d", tt.c, len(got), tt.want)
		}
	}
}

func TestCHPLCodes(t *testing.T) {
	codes := CHPLCodes()
	if len(codes) < 50 {
		t.Fatalf("len(CHPLCodes()) = %d, want at least the 50 listed codes", len(codes))
	}
	for _, c := range codes {
		if _, ok := CHPL(c); !ok {
			t.Errorf("CHPLCodes() holds %s, which CHPL does not match", c)
		}
	}
	for _, it := range CHPLItems("") {
		if !slices.Contains(codes, it.HS6) {
			t.Errorf("CHPLCodes() lacks the listed code %s", it.HS6)
		}
	}
}
