package hs

import (
	"fmt"
	"slices"
	"strconv"
	"strings"
	"sync"
)

// ClassInfo is a goods class of the shared taxonomy ("arms.sporting_hunting", "drone.parts" …).
type ClassInfo struct {
	ID          string
	Name        string
	Military    bool // goods of the class are military by nature (arms, armour, military vehicles, warships)
	Description string
}

// MatchKind says how an HS code relates to a class.
type MatchKind string

// Kinds of class rules.
const (
	// KindIs: the code names goods of the class (9301 Military weapons).
	KindIs MatchKind = "is"
	// KindIncludes: the code covers goods of the class among others (6506.10 Safety headgear covers
	// ballistic helmets and hard hats).
	KindIncludes MatchKind = "includes"
	// KindHides: the code does not name such goods, but they are known to be declared under it (body armour
	// as 6307.90 textile articles): only the description can tell.
	KindHides MatchKind = "hides"
)

// ClassMatch is a class that an HS code points at, with the rule that says so.
type ClassMatch struct {
	ClassInfo
	Weight float64 // how strongly the code alone points at the class, in (0, 1]
	Kind   MatchKind
	Prefix Code   // the prefix of the rule that matched
	Source string // where the rule comes from
}

type classTable struct {
	info  []ClassInfo
	byID  map[string]int
	rules map[Code][]ClassMatch
}

var classes = sync.OnceValue(func() *classTable {
	t, err := loadClasses()
	if err != nil {
		panic(fmt.Sprintf("hs: embedded data: %v", err))
	}
	return t
})

func loadClasses() (*classTable, error) {
	rows, err := readCSV("data/class_info.csv")
	if err != nil {
		return nil, err
	}
	if strings.Join(rows[0], ",") != "id,name,military,description" {
		return nil, fmt.Errorf("class_info.csv: header %q", rows[0])
	}
	t := &classTable{byID: map[string]int{}, rules: map[Code][]ClassMatch{}}
	for _, r := range rows[1:] {
		if _, dup := t.byID[r[0]]; dup || (r[2] != "yes" && r[2] != "no") {
			return nil, fmt.Errorf("class_info.csv: row %q", r)
		}
		t.byID[r[0]] = len(t.info)
		t.info = append(t.info, ClassInfo{ID: r[0], Name: r[1], Military: r[2] == "yes", Description: r[3]})
	}

	rows, err = readCSV("data/classes.csv")
	if err != nil {
		return nil, err
	}
	if strings.Join(rows[0], ",") != "prefix,class,weight,kind,source" {
		return nil, fmt.Errorf("classes.csv: header %q", rows[0])
	}
	for _, r := range rows[1:] {
		p := Code(r[0])
		i, ok := t.byID[r[1]]
		w, err := strconv.ParseFloat(r[2], 64)
		k := MatchKind(r[3])
		switch {
		case !p.Valid():
			return nil, fmt.Errorf("classes.csv: prefix %q is not a valid code", p)
		case !ok:
			return nil, fmt.Errorf("classes.csv: %s: unknown class %q", p, r[1])
		case err != nil || w <= 0 || w > 1:
			return nil, fmt.Errorf("classes.csv: %s: weight %q", p, r[2])
		case k != KindIs && k != KindIncludes && k != KindHides:
			return nil, fmt.Errorf("classes.csv: %s: kind %q", p, r[3])
		case slices.ContainsFunc(t.rules[p], func(m ClassMatch) bool { return m.ID == r[1] }):
			return nil, fmt.Errorf("classes.csv: %s: class %s twice", p, r[1])
		}
		t.rules[p] = append(t.rules[p], ClassMatch{ClassInfo: t.info[i], Weight: w, Kind: k, Prefix: p, Source: r[4]})
	}
	for _, ms := range t.rules {
		slices.SortStableFunc(ms, func(a, b ClassMatch) int {
			if a.Weight != b.Weight {
				if a.Weight > b.Weight {
					return -1
				}
				return 1
			}
			return strings.Compare(a.ID, b.ID)
		})
	}
	return t, nil
}

// Classes returns the goods classes that c points at, strongest first: the rules of the longest prefix of
// c that has rules (the most specific rule wins; it may name several classes). nil means no class, that
// is ordinary civilian goods as far as the code can tell; the description may still say otherwise.
func Classes(c Code) []ClassMatch { return slices.Clone(ReadClasses(c)) }

// ReadClasses is Classes without the copy, for loops over millions of lines: the matches are the table's own,
// and the caller must not change them.
func ReadClasses(c Code) []ClassMatch {
	t := classes()
	for l := min(len(c), 10) &^ 1; l >= 2; l -= 2 {
		if ms, ok := t.rules[c[:l]]; ok {
			return ms
		}
	}
	return nil
}

// Military reports whether c itself names military goods: chapter 93 (arms and ammunition, sporting and
// hunting arms included), 8710 (tanks and armoured vehicles), 8906.10 (warships). No HS code names body
// armour or ballistic helmets: the codes they are declared under (6506.10, 6307.90 …) also cover civilian
// goods, so they are not military by code; the description decides.
func Military(c Code) bool {
	for _, m := range ReadClasses(c) {
		if m.Military && m.Kind == KindIs {
			return true
		}
	}
	return false
}

// Class returns the class with the given ID.
func Class(id string) (ClassInfo, bool) {
	t := classes()
	i, ok := t.byID[id]
	if !ok {
		return ClassInfo{}, false
	}
	return t.info[i], true
}

// AllClasses returns every class of the taxonomy, in the order of class_info.csv.
func AllClasses() []ClassInfo { return slices.Clone(classes().info) }

// Rules returns every class rule, sorted by prefix and then by class, so that callers can select the codes of
// some classes (for example to push a filter down to a store).
func Rules() []ClassMatch {
	t := classes()
	var out []ClassMatch
	for _, ms := range t.rules {
		out = append(out, ms...)
	}
	slices.SortFunc(out, func(a, b ClassMatch) int {
		if c := strings.Compare(string(a.Prefix), string(b.Prefix)); c != 0 {
			return c
		}
		return strings.Compare(a.ID, b.ID)
	})
	return out
}
