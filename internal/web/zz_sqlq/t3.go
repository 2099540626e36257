//go:build ignore

package main

import (
	"context"
	"fmt"
	"os"
	"time"

	"tradetrace/internal/duckdb"
)

func main() {
	ctx := context.Background()
	db, err := duckdb.Open(ctx, os.Args[1], duckdb.Config{})
	if err != nil {
		panic(err)
	}
	s := time.Now()
	made, err := db.WebEnsureIndexes(ctx)
	fmt.Println(made, err, time.Since(s))
}
