package listtext

import (
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"tradetrace/internal/trade"
)

func TestNameSet(t *testing.T) {
	var s NameSet
	s.Add("  Rosoboronexport   JSC ", trade.NamePrimary)
	s.Add("ROSOBORONEXPORT JSC", trade.NameAlias) // the same name: the first kind wins
	s.Add("", trade.NameAlias)
	s.Add("Rosoboroneksport", trade.NameWeak)
	want := []trade.ListName{{Value: "Rosoboronexport JSC", Kind: trade.NamePrimary}, {Value: "Rosoboroneksport", Kind: trade.NameWeak}}
	if diff := cmp.Diff(want, s.List); diff != "" {
		t.Errorf("NameSet.List (-want +got):\n%s", diff)
	}
}

func TestCode(t *testing.T) {
	upper := func(s string) string { return "X" + strings.ToUpper(s) }
	tests := []struct {
		resolver func(string) string
		in, want string
	}{
		{nil, "ru", "RU"},
		{nil, "Russia", ""},
		{nil, "  ", ""},
		{upper, "ru", "XRU"},
	}
	for _, tt := range tests {
		if got := Code(tt.resolver, tt.in); got != tt.want {
			t.Errorf("Code(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestDedupeJoin(t *testing.T) {
	if got, want := Dedupe([]string{" a", "b", "a ", "", "c"}), []string{"a", "b", "c"}; !cmp.Equal(got, want) {
		t.Errorf("Dedupe = %q, want %q", got, want)
	}
	if got, want := JoinNonEmpty(", ", " a ", "", "b"), "a, b"; got != want {
		t.Errorf("JoinNonEmpty = %q, want %q", got, want)
	}
}

func TestAliasKind(t *testing.T) {
	for in, want := range map[string]trade.NameKind{"DJI": trade.NameWeak, " J2 ": trade.NameWeak, "AVIC GROUP": trade.NameAlias, "NORINCO": trade.NameAlias} {
		if got := AliasKind(in); got != want {
			t.Errorf("AliasKind(%q) = %v, want %v", in, got, want)
		}
	}
}
