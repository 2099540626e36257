// Package listtext holds the small text helpers that the list loaders share: a set of names kept once each,
// country resolution, and the de-duplication and joining of free-text values.
package listtext

import (
	"strings"

	"tradetrace/internal/trade"
)

// NameSet collects names once each, case-insensitively and with spaces collapsed; the first kind given wins, so
// callers add the strongest names first.
type NameSet struct {
	List []trade.ListName
	seen map[string]bool
}

// Add adds a name of a kind.
func (s *NameSet) Add(v string, kind trade.NameKind) {
	s.AddName(trade.ListName{Value: v, Kind: kind})
}

// AddName adds a name.
func (s *NameSet) AddName(n trade.ListName) {
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
	s.List = append(s.List, n)
}

// Code resolves a country with the resolver given, or accepts a two-letter code when there is none.
func Code(country func(name string) string, name string) string {
	name = strings.TrimSpace(name)
	if name == "" {
		return ""
	}
	if country != nil {
		return country(name)
	}
	if len(name) == 2 {
		return strings.ToUpper(name)
	}
	return ""
}

// Dedupe trims the values and keeps each non-empty one once, in order.
func Dedupe(xs []string) []string {
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

// JoinNonEmpty joins the trimmed non-empty parts with sep.
func JoinNonEmpty(sep string, parts ...string) string {
	var out []string
	for _, p := range parts {
		if p = strings.TrimSpace(p); p != "" {
			out = append(out, p)
		}
	}
	return strings.Join(out, sep)
}

// AliasKind makes a short single-word alias ("DJI", "AVIC", "J2") weak: it would match too much on its own.
func AliasKind(v string) trade.NameKind {
	v = strings.TrimSpace(v)
	if !strings.ContainsAny(v, " \t") && len([]rune(v)) <= 4 {
		return trade.NameWeak
	}
	return trade.NameAlias
}
