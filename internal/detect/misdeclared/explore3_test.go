package misdeclared_test

import (
	"context"
	"fmt"
	"os"
	"testing"
	"time"

	"tradetrace/internal/detect/misdeclared"
	"tradetrace/internal/duckdb"
	"tradetrace/internal/goods"
)

func TestExploreTiming(t *testing.T) {
	path := os.Getenv("TT_TIMING")
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
	n := 0
	var ls []misdeclared.Line
	err = db.ScanGoodsLines(ctx, misdeclared.Scope{}, func(l *misdeclared.Line) error { n++; ls = append(ls, *l); return nil })
	fmt.Println("scan", n, time.Since(start), err)
	start = time.Now()
	for i := range ls {
		goods.ClassifyFields(ls[i].Description, ls[i].DescriptionEn, ls[i].Brand, ls[i].Manufacturer)
	}
	fmt.Println("classify", time.Since(start))
}

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
	fs, err := misdeclared.Detector{Store: db}.Detect(ctx, db)
	if err != nil {
		t.Fatal(err)
	}
	fmt.Println("findings", len(fs), time.Since(start))
	kinds := map[string]int{}
	for i, f := range fs {
		k := f.Key[:len("misdeclared_goods|code")]
		kinds[k]++
		if i < 60 || os.Getenv("TT_ALL") != "" {
			fmt.Printf("%3d %.3f %s | %v\n", i+1, f.Score, f.Title, f.Shipments[:min(3, len(f.Shipments))])
			if os.Getenv("TT_V") != "" {
				fmt.Println("     ", f.Explanation)
			}
		}
	}
	fmt.Println(kinds)
}
