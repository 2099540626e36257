package hs

import (
	"strings"
	"testing"
)

func TestEUBanList(t *testing.T) {
	l := EUExportBanList()
	// The source says 2,223 codes as of 7 October 2022; the file holds as many, all distinct.
	if len(l) != 2223 {
		t.Errorf("len(EUExportBanList()) = %d, want 2223", len(l))
	}
	for i, e := range l {
		if len(e.Code) != 8 || !e.Code.Valid() || e.Label == "" {
			t.Errorf("ban list entry %+v: want a valid CN8 with a label", e)
		}
		if i > 0 && l[i-1].Code >= e.Code {
			t.Errorf("ban list not sorted at %s", e.Code)
		}
	}
}

func TestEUExportBan(t *testing.T) {
	tests := []struct {
		c     Code
		n     int // how many CN8 codes match
		exact bool
	}{
		{"88073000", 1, true},
		{"8807300000", 1, true}, // a 10-digit national code through its first 8 digits
		{"8807300010", 1, true},
		{"85423111", 1, true},
		{"85423100", 0, false}, // the CN splits 8542.31 further: 8542 31 00 is not a CN8
		{"854231", 3, false},   // possibly: 85423111, 85423119, 85423190
		{"8542", 19, false},
		{"880730", 1, false},
		{"8411", 6, false},
		{"930320", 0, false}, // arms are banned by the Common Military List, not by this annex list
		{"9303", 0, false},
		{"8", 0, false},
		{"", 0, false},
	}
	for _, tt := range tests {
		codes, exact := EUExportBan(tt.c)
		if len(codes) != tt.n || exact != tt.exact {
			t.Errorf("EUExportBan(%q) = %d codes, exact %v; want %d, %v", tt.c, len(codes), exact, tt.n, tt.exact)
		}
		for _, cn := range codes {
			if !strings.HasPrefix(string(cn.Code), string(tt.c.prefix(min(len(tt.c), 8)))) {
				t.Errorf("EUExportBan(%q) returned %s, not under it", tt.c, cn.Code)
			}
		}
		if got := EUExportBanned(tt.c); got != (tt.n > 0) {
			t.Errorf("EUExportBanned(%q) = %v, want %v", tt.c, got, tt.n > 0)
		}
	}
	codes, _ := EUExportBan("88073000")
	if len(codes) == 1 && !strings.Contains(codes[0].Label, "aeroplanes") {
		t.Errorf("EUExportBan(%q) label = %q", "88073000", codes[0].Label)
	}
}
