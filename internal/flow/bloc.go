package flow

import "slices"

// Bloc is a group of countries whose flows are added up as one, such as the EU: the figures of its member
// states are summed, and the bloc's own aggregate lines (Code) are kept apart so that nothing counts twice.
type Bloc struct {
	Code    Area
	members map[Area]bool
}

// NewBloc returns the bloc code made of members.
func NewBloc(code Area, members ...Area) Bloc {
	b := Bloc{Code: code, members: make(map[Area]bool, len(members))}
	for _, m := range members {
		b.members[m] = true
	}
	return b
}

// EU27Bloc returns the European Union of 27 member states (since 1 February 2020).
func EU27Bloc() Bloc {
	return NewBloc(EU27, "AT", "BE", "BG", "CY", "CZ", "DE", "DK", "EE", "ES", "FI", "FR", "GR", "HR", "HU", "IE",
		"IT", "LT", "LU", "LV", "MT", "NL", "PL", "PT", "RO", "SE", "SI", "SK")
}

// Has reports whether a is a member of the bloc.
func (b Bloc) Has(a Area) bool { return b.members[a] }

// Members returns the member states, sorted.
func (b Bloc) Members() []Area {
	out := make([]Area, 0, len(b.members))
	for m := range b.members {
		out = append(out, m)
	}
	slices.Sort(out)
	return out
}

// Empty reports whether the bloc has no members (the zero Bloc).
func (b Bloc) Empty() bool { return len(b.members) == 0 }
