package storetest

import (
	"context"
	"testing"

	"tradetrace/internal/detect/front"
)

// PartyText returns a function that gives a party of the front-company sums the text of the store's appearance
// with its role and key, when the store gave it by key alone (front.Party.Key), and clears the key: a store that
// gives keys and one that gives text then compare alike, by text, as the detector reads them.
func PartyText(ctx context.Context, st ScansStore, q front.Query) (func(*front.Party), error) {
	var apps []front.Appearance
	if err := st.Appearances(ctx, q, func(a *front.Appearance) error { apps = append(apps, *a); return nil }); err != nil {
		return nil, err
	}
	names := front.NamesOf(apps)
	return func(p *front.Party) {
		names.Fill(p)
		p.Key = 0
	}, nil
}

// checkPartyKeys checks that a store that gives keys gives one to each party as written in its role, whatever
// its address.
func checkPartyKeys(t *testing.T, apps []front.Appearance) {
	t.Helper()
	keyOf := map[front.Party]uint64{}
	for _, a := range apps {
		if a.Key == 0 {
			continue
		}
		p := a.Party
		p.Key = 0
		if k, ok := keyOf[p]; ok && k != a.Key {
			t.Errorf("Appearances: %+v has keys %d and %d", p, k, a.Key)
		}
		keyOf[p] = a.Key
	}
	if n := len(front.NamesOf(apps)); n != len(keyOf) {
		t.Errorf("Appearances: %d keys for %d parties as written", n, len(keyOf))
	}
}
