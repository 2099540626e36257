package report

import (
	"encoding/json"
	"fmt"
	"slices"
	"strconv"
	"strings"
)

// DecodeParty reads the JSON columns of a stored party (both stores keep the same ones). Their element shapes are read leniently: identifiers
// and addresses may be strings or objects, list matches carry their fields under the names screening uses.
func DecodeParty(p *Party, ids, vars, addrs, roles, matches string) error {
	var anyIDs, anyAddrs, anyMatches []any
	for _, c := range []struct {
		name, s string
		v       any
	}{{"identifiers", ids, &anyIDs}, {"variants", vars, &p.Variants}, {"addresses", addrs, &anyAddrs}, {"roles", roles, &p.Roles}, {"matches", matches, &anyMatches}} {
		if strings.TrimSpace(c.s) == "" {
			continue
		}
		if err := json.Unmarshal([]byte(c.s), c.v); err != nil {
			return fmt.Errorf("%s: %w", c.name, err)
		}
	}
	for _, v := range anyIDs {
		if s := jsonText(v, "scheme", "value"); s != "" {
			p.Identifiers = append(p.Identifiers, s)
		}
	}
	for _, v := range anyAddrs {
		if s := jsonText(v, "address", "text"); s != "" {
			p.Addresses = append(p.Addresses, s)
		}
	}
	for _, v := range anyMatches {
		o, ok := v.(map[string]any)
		if !ok {
			continue
		}
		m := Match{
			List:        jsonField(o, "list", "dataset", "source"),
			Entry:       jsonField(o, "caption", "entry", "entity_name", "name"),
			Explanation: jsonField(o, "explanation", "explain", "reason", "text"),
		}
		m.Score = jsonScore(o["score"])
		if m.Explanation == "" {
			if sc, ok := o["score"].(map[string]any); ok {
				m.Explanation = jsonField(sc, "explanation", "explain", "text")
			}
		}
		p.Matches = append(p.Matches, m)
	}
	slices.SortStableFunc(p.Matches, func(a, b Match) int {
		switch {
		case a.Score > b.Score:
			return -1
		case a.Score < b.Score:
			return 1
		}
		return 0
	})
	return nil
}

// jsonText renders a JSON value as text: a string as it is, a number plainly, an object as its "first" and
// "second" fields ("INN 7701234567") or, failing those, as compact JSON.
func jsonText(v any, first, second string) string {
	switch x := v.(type) {
	case string:
		return x
	case float64:
		return strconv.FormatFloat(x, 'f', -1, 64)
	case map[string]any:
		a, b := jsonField(x, first, "kind", "type"), jsonField(x, second, "id", "name")
		if b != "" {
			return strings.TrimSpace(a + " " + b)
		}
		out, _ := json.Marshal(x)
		return string(out)
	case nil:
		return ""
	}
	out, _ := json.Marshal(v)
	return string(out)
}

// jsonField returns the first of the named fields that holds a non-empty string or a number, as text.
func jsonField(o map[string]any, names ...string) string {
	for _, n := range names {
		for k, v := range o {
			if !strings.EqualFold(k, n) {
				continue
			}
			switch x := v.(type) {
			case string:
				if x != "" {
					return x
				}
			case float64:
				return strconv.FormatFloat(x, 'f', -1, 64)
			}
		}
	}
	return ""
}

// jsonScore reads a score given as a number or as an object holding one.
func jsonScore(v any) float64 {
	switch x := v.(type) {
	case float64:
		return x
	case map[string]any:
		for _, n := range []string{"score", "value", "total"} {
			if f, ok := x[n].(float64); ok {
				return f
			}
		}
	}
	return 0
}
