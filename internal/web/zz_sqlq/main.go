//go:build ignore

// Scratch query tool (temporary; removed before the report).
package main

import (
	"context"
	"fmt"
	"os"
	"strings"

	"tradetrace/internal/duckdb"
)

func main() {
	ctx := context.Background()
	db, err := duckdb.Open(ctx, os.Args[1], duckdb.Config{})
	if err != nil {
		panic(err)
	}
	for _, q := range os.Args[2:] {
		rows, err := db.SQL().QueryContext(ctx, q)
		if err != nil {
			fmt.Println("ERR", err)
			continue
		}
		cols, _ := rows.Columns()
		fmt.Println(strings.Join(cols, " | "))
		for rows.Next() {
			vals := make([]any, len(cols))
			ptrs := make([]any, len(cols))
			for i := range vals {
				ptrs[i] = &vals[i]
			}
			rows.Scan(ptrs...)
			var s []string
			for _, v := range vals {
				x := fmt.Sprint(v)
				if len(x) > 200 {
					x = x[:200]
				}
				s = append(s, x)
			}
			fmt.Println(strings.Join(s, " | "))
		}
		rows.Close()
	}
}
