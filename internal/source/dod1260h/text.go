package dod1260h

import (
	"strings"

	"tradetrace/internal/trade"
)

// nameSet collects names once each, case-insensitively and with spaces collapsed; the first kind given wins, so
// callers add the strongest names first.
type nameSet struct {
	list []trade.ListName
	seen map[string]bool
}

func (s *nameSet) add(v string, kind trade.NameKind) {
	s.addName(trade.ListName{Value: v, Kind: kind})
}

func (s *nameSet) addName(n trade.ListName) {
	n.Value = strings.Join(strings.Fields(n.Value), " ")
	if n.Value == "" {
		return
	}
	key := strings.ToLower(n.Value)
	if s.seen == nil {
		s.seen = make(map[string]bool)
	}
	if s.seen[key] {
		return
	}
	s.seen[key] = true
	s.list = append(s.list, n)
}

func dedupe(xs []string) []string {
	var out []string
	seen := make(map[string]bool)
	for _, x := range xs {
		if x = strings.TrimSpace(x); x != "" && !seen[x] {
			seen[x] = true
			out = append(out, x)
		}
	}
	return out
}

// aliasKind makes a short single-word alias ("DJI", "AVIC", "J2") weak: it would match too much on its own.
func aliasKind(v string) trade.NameKind {
	v = strings.TrimSpace(v)
	if !strings.ContainsAny(v, " \t") && len([]rune(v)) <= 4 {
		return trade.NameWeak
	}
	return trade.NameAlias
}
