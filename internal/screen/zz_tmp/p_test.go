package zz

import (
	"context"
	"testing"
	"time"

	"tradetrace/internal/duckdb"
	"tradetrace/internal/screen"
)

func TestP(t *testing.T) {
	ctx := context.Background()
	st, err := duckdb.Open(ctx, "/tmp/h3/demo2.duckdb", duckdb.Config{})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	for i := 0; i < 3; i++ {
		s := time.Now()
		keys := screen.QueryKeys(screen.Query{Name: "Rosoboronexport"})
		k := time.Since(s)
		ents, ok, err := st.ListCandidates(ctx, keys, 100)
		c := time.Since(s)
		ix := screen.NewIndex(ents)
		n := time.Since(s)
		ms := ix.Screen(screen.Query{Name: "Rosoboronexport", Candidates: 1000})
		t.Log(k, c, n, time.Since(s), len(ents), ok, err, len(ms))
	}
}
