package duckdb

import (
	"context"
	"sort"
	"testing"

	"github.com/google/go-cmp/cmp"

	"tradetrace/internal/detect/route/decl"
)

// TestKeepNameKeys: name keys come back as kept, names with quotes, backslashes, "\N" and Cyrillic included;
// more are added under the same version, a name the file would change (a tab, a line break, "\N" alone) is not
// kept (nor is anything when all are such names), and keeping under a new version drops the old.
func TestKeepNameKeys(t *testing.T) {
	ctx := context.Background()
	d, err := Open(ctx, t.TempDir()+"/m.duckdb", Config{})
	if err != nil {
		t.Fatal(err)
	}
	defer d.Close()
	read := func(version string) []decl.NameWords {
		t.Helper()
		var out []decl.NameWords
		if err := d.NameKeys(ctx, version, func(name, words string) error {
			out = append(out, decl.NameWords{Name: name, Words: words})
			return nil
		}); err != nil {
			t.Fatal(err)
		}
		sort.Slice(out, func(i, j int) bool { return out[i].Name < out[j].Name })
		return out
	}
	first := []decl.NameWords{
		{Name: `ООО "ВЕГА" \ \N`, Words: "vk vg"},
		{Name: `\N`, Words: ""},
		{Name: "ARITEKS LTD", Words: "artk"},
	}
	if err := d.KeepNameKeys(ctx, "v1", first); err != nil {
		t.Fatal(err)
	}
	more := []decl.NameWords{{Name: "TAB\tBED", Words: "tb bd"}, {Name: "LINE\nBREAK", Words: "ln brk"}, {Name: "KOPTER LAYN", Words: "kptr ln"}}
	if err := d.KeepNameKeys(ctx, "v1", more); err != nil {
		t.Fatal(err)
	}
	if err := d.KeepNameKeys(ctx, "v1", []decl.NameWords{{Name: "ONLY\tTABS", Words: "onl tbs"}}); err != nil {
		t.Fatalf("keeping only names the file would change: %v", err)
	}
	want := []decl.NameWords{first[2], more[2], first[0]}
	if diff := cmp.Diff(want, read("v1")); diff != "" {
		t.Errorf("name keys under v1 (-kept +read):\n%s", diff)
	}
	if got := read("v2"); len(got) != 0 {
		t.Errorf("%d name keys under a version never kept", len(got))
	}
	if err := d.KeepNameKeys(ctx, "v2", more[2:]); err != nil {
		t.Fatal(err)
	}
	if got := read("v1"); len(got) != 0 {
		t.Errorf("%d name keys left under v1 after keeping some under v2; want none", len(got))
	}
	if diff := cmp.Diff(more[2:], read("v2")); diff != "" {
		t.Errorf("name keys under v2 (-kept +read):\n%s", diff)
	}
}
