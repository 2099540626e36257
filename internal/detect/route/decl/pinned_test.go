package decl_test

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"testing"

	"tradetrace/internal/detect/route/decl"
)

// pinnedKeys is the hash of the name keys TestNameKeysPinned makes, by decl.KeyVersion.
var pinnedKeys = map[string]string{
	"1 names-1": "cb00a01e7da341df",
}

// TestNameKeysPinned pins the keys of 5,808 names (12 legal forms of two of 22 words) in several scripts under
// decl.KeyVersion: stores keep keys under that version between runs (decl.KeyMemo), so a change to how names are
// keyed (here or in the names engine) must come with a new version, or runs would mix keys of two kinds. When
// this fails after such a change, raise the version and pin the new hash under it.
func TestNameKeysPinned(t *testing.T) {
	words := []string{"КОПТЕР", "ЛАЙН", "KOPTER", "LAYN", "ARITEKS", "TEKSTİL", "НОРИНКО", "XINXING", "GUANGZHOU",
		"ТЕХКРИМ", "BINGO", "北方工业", "深圳", "ЁЛКА", "İSTANBUL", "DIŞ", "ТИЦ", "R0S0B0R0N", "AL-NOOR", "Μάρκος", "", "GROUP"}
	forms := []string{"ООО «%s %s»", "OOO %s %s", "%s %s LLC", "%s %s SAN. VE TİC. LTD. ŞTİ.", "%s%s", "АО \"%s\" %s",
		"%s %s TRADING FZE", "%s (%s) CO., LTD.", "%s-%s GMBH", "ТОО %s %s", "%s%s有限公司", "ИП %s %s"}
	h := sha256.New()
	keyed := 0
	for _, f := range forms {
		for _, a := range words {
			for _, b := range words {
				name := fmt.Sprintf(f, a, b)
				k := decl.NewKeyer().NameKey(name, "")
				fmt.Fprintf(h, "%q\t%q\n", name, k)
				if k != "" {
					keyed++
				}
			}
		}
	}
	if keyed < len(forms)*len(words)*len(words)/2 {
		t.Fatalf("%d names keyed: too few for the hash to say much", keyed)
	}
	got := hex.EncodeToString(h.Sum(nil))[:16]
	if want, ok := pinnedKeys[decl.KeyVersion]; !ok || got != want {
		t.Errorf("name keys %s: %d names (%d keyed) hash to %s, pinned %q: keys changed, so decl.KeyVersion (or names.Version) must change, with this hash pinned under it",
			decl.KeyVersion, len(forms)*len(words)*len(words), keyed, got, want)
	}
}
