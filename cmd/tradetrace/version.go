package main

import (
	"context"
	"fmt"
	"runtime"
	"runtime/debug"
)

func runVersion(ctx context.Context, cfg *config, args []string) error {
	fs := newFlags(cfg, "version", "")
	if err := fs.Parse(args); err != nil {
		return err
	}
	duck := "unknown"
	if bi, ok := debug.ReadBuildInfo(); ok {
		for _, d := range bi.Deps {
			if d.Path == "github.com/duckdb/duckdb-go/v2" {
				duck = d.Version
			}
		}
	}
	fmt.Fprintf(cfg.stdout, "tradetrace %s (%s, duckdb-go %s)\n", version, runtime.Version(), duck)
	return nil
}
