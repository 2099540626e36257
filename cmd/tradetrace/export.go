package main

import (
	"context"
	"fmt"
)

func runExport(ctx context.Context, cfg *config, args []string) error {
	fs := newFlags(cfg, "export", "shipments FILE.csv")
	pos, err := parseInterleaved(fs, args)
	if err != nil {
		return err
	}
	if len(pos) != 2 || pos[0] != "shipments" {
		fs.Usage()
		return fmt.Errorf("export: want 'shipments FILE.csv'")
	}
	st, err := openCoreStore(ctx, cfg)
	if err != nil {
		return err
	}
	defer st.Close()
	n, err := st.ExportCanonical(ctx, pos[1])
	if err != nil {
		return err
	}
	fmt.Fprintf(cfg.stdout, "%d shipments written to %s in the canonical layout\n", n, pos[1])
	return nil
}
