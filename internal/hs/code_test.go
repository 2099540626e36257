package hs

import (
	"errors"
	"strings"
	"testing"
)

func TestParse(t *testing.T) {
	tests := []struct {
		in   string
		want Code
	}{
		{"93", "93"},
		{"9303", "9303"},
		{"930320", "930320"},
		{"93032010", "93032010"},
		{"6907219009", "6907219009"},
		{"0101210000", "0101210000"},
		{"8542.31", "854231"},
		{"8542.31.00", "85423100"},
		{"8542.31.00.00", "8542310000"},
		{"8542 31 00 00", "8542310000"},
		{"8542 31 000 0", "8542310000"},
		{"9303.20.100.0", "9303201000"},
		{"0101.21", "010121"},
		{" 8807.30 ", "880730"},
		{"8807\u00a030", "880730"},
		{"'0101210000", "0101210000"}, // the text marker of spreadsheets
		{`"8542.31"`, "854231"},
		{"854231.0", "854231"},  // a float artefact
		{"854231.00", "854231"}, //
		{"6907219009.0", "6907219009"},
		{"8548.0", "8548"},      // the heading 8548 as a number
		{"8548.00", "854800"},   // the dotted subheading 8548.00
		{"8542.3", "854230"},    // 8542.30 with its trailing zero trimmed
		{"8.54231E5", "854231"}, // scientific notation with every digit
		{"8.54231e+05", "854231"},
		{"6.907219009E9", "6907219009"},
		{"1.0121E4", "010121"},       // and a lost leading zero
		{"101210000", "0101210000"},  // 9 digits: the leading zero of chapter 01 was lost
		{"10121", "010121"},          // 5 digits
		{"3042000", "03042000"},      // 7 digits, chapter 03
		{"901210000", "0901210000"},  // 0901 coffee is a heading: the lost zero wins over 9012
		{"101.21", "010121"},         //
		{"8471300000", "8471300000"}, //
		{"9701", "9701"},             // the last chapter
		{"880330", "880330"},         // an HS2017 code is a code
	}
	for _, tt := range tests {
		got, err := Parse(tt.in)
		if err != nil || got != tt.want {
			t.Errorf("Parse(%q) = %q, %v, want %q", tt.in, got, err, tt.want)
		}
	}
}

func TestParseErrors(t *testing.T) {
	tests := []struct {
		in, reason, says string
	}{
		{"", ReasonEmpty, "no code"},
		{"   ", ReasonEmpty, "no code"},
		{"'", ReasonEmpty, "no code"},
		{"''", ReasonChars, "character"},
		{"8542A1", ReasonLetters, "letter"},
		{"HS8542", ReasonLetters, "letter"},
		{"абв", ReasonLetters, "letter"},
		{"8456-8466", ReasonChars, "character"},
		{"8542/31", ReasonChars, "character"},
		{"85.42,31", ReasonChars, "character"},
		{"1", ReasonLength, "1 digit"},
		{"12345678901", ReasonLength, "11 digits"},
		{"85423100000000", ReasonLength, "14 digits"},
		{"844713000", ReasonLength, "0844"}, // 9 digits, and 0844 is not a heading
		{"854", ReasonLength, "3 digits"},   // 0854 is not a heading either
		{"00", ReasonChapter, "chapter 00"},
		{"7701", ReasonChapter, "chapter 77 is reserved"},
		{"980100", ReasonChapter, "chapter 98 is reserved for national use"},
		{"99", ReasonChapter, "chapter 99"},
		{"9999999999", ReasonChapter, "chapter 99"},
		{"9901.00", ReasonChapter, "chapter 99"},
		{"6.90722E+09", ReasonNotation, "every digit"}, // Excel's display of 6907220000 lost digits
		{"8.5E5", ReasonNotation, "every digit"},
		{"8.54231E4", ReasonNotation, "every digit"}, // not an integer
		{"8E999", ReasonNotation, "scientific"},
		{"8.54231E-5", ReasonNotation, "scientific"},
	}
	for _, tt := range tests {
		got, err := Parse(tt.in)
		var pe *ParseError
		if !errors.As(err, &pe) || !errors.Is(err, ErrInvalid) {
			t.Errorf("Parse(%q) = %q, %v, want a *ParseError wrapping ErrInvalid", tt.in, got, err)
			continue
		}
		if got != "" {
			t.Errorf("Parse(%q) = %q with an error, want \"\"", tt.in, got)
		}
		if pe.Reason != tt.reason || !strings.Contains(err.Error(), tt.says) {
			t.Errorf("Parse(%q) error = %q (reason %s), want reason %s saying %q", tt.in, err, pe.Reason, tt.reason, tt.says)
		}
	}
}

func TestCodeParts(t *testing.T) {
	tests := []struct {
		c                     Code
		chapter, heading, sub Code
		n                     int
		valid                 bool
		dotted                string
	}{
		{"8542310000", "85", "8542", "854231", 10, true, "8542.31.00.00"},
		{"93032010", "93", "9303", "930320", 8, true, "9303.20.10"},
		{"930320", "93", "9303", "930320", 6, true, "9303.20"},
		{"9303", "93", "9303", "", 4, true, "9303"},
		{"93", "93", "", "", 2, true, "93"},
		{"", "", "", "", 0, false, ""},
		{"9", "", "", "", 1, false, "9"},
		{"77010000", "77", "7701", "770100", 8, false, "77010000"},
		{"85423", "85", "8542", "", 5, false, "85423"},
		{"85A231", "85", "85A2", "85A231", 6, false, "85A231"},
		{"930320000011", "93", "9303", "930320", 12, true, "9303.20.00.00.11"}, // a Turkish GTİP code
		{"85423100000000", "85", "8542", "854231", 14, false, "85423100000000"},
	}
	for _, tt := range tests {
		if got := tt.c.Chapter(); got != tt.chapter {
			t.Errorf("Code(%q).Chapter() = %q, want %q", tt.c, got, tt.chapter)
		}
		if got := tt.c.Heading(); got != tt.heading {
			t.Errorf("Code(%q).Heading() = %q, want %q", tt.c, got, tt.heading)
		}
		if got := tt.c.HS6(); got != tt.sub {
			t.Errorf("Code(%q).HS6() = %q, want %q", tt.c, got, tt.sub)
		}
		if got := tt.c.Len(); got != tt.n {
			t.Errorf("Code(%q).Len() = %d, want %d", tt.c, got, tt.n)
		}
		if got := tt.c.Valid(); got != tt.valid {
			t.Errorf("Code(%q).Valid() = %v, want %v", tt.c, got, tt.valid)
		}
		if got := tt.c.Dotted(); got != tt.dotted {
			t.Errorf("Code(%q).Dotted() = %q, want %q", tt.c, got, tt.dotted)
		}
	}
}

// TestChapters checks the chapters Parse accepts against the HS: 01 to 97 but 77.
func TestChapters(t *testing.T) {
	n := 0
	for ch := 0; ch < 100; ch++ {
		want := ch >= 1 && ch <= 97 && ch != 77
		s := string([]byte{byte('0' + ch/10), byte('0' + ch%10)})
		_, err := Parse(s)
		if got := err == nil; got != want {
			t.Errorf("Parse(%q) error = %v, want accepted = %v", s, err, want)
		}
		if want {
			n++
		}
	}
	if n != 96 {
		t.Errorf("%d chapters, want 96", n)
	}
}
