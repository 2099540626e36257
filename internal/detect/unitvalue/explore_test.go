package unitvalue_test

import (
	"context"
	"fmt"
	"os"
	"testing"
	"time"

	"tradetrace/internal/detect/unitvalue"
	"tradetrace/internal/duckdb"
)

func TestExploreRun(t *testing.T) {
	path := os.Getenv("TT_RUN")
	if path == "" {
		t.Skip()
	}
	ctx := context.Background()
	db, err := duckdb.Open(ctx, path, duckdb.Config{})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	start := time.Now()
	d := unitvalue.Detector{Store: db}
	fmt.Sscan(os.Getenv("TT_Z"), &d.MinZ)
	fs, err := d.Detect(ctx, db)
	if err != nil {
		t.Fatal(err)
	}
	fmt.Println("findings", len(fs), time.Since(start))
	for i, f := range fs {
		if i < 50 || os.Getenv("TT_ALL") != "" {
			fmt.Printf("%3d %.3f %s | %v\n", i+1, f.Score, f.Title, f.Shipments[:min(3, len(f.Shipments))])
			if os.Getenv("TT_V") != "" {
				fmt.Println("     ", f.Explanation)
				for _, e := range f.Evidence {
					fmt.Println("       ", e.Label, ":", e.Value, e.RecordID)
				}
			}
		}
	}
}
