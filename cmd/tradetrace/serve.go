package main

import (
	"context"
	"fmt"
	"log"
	"net/http"
	"os"

	"tradetrace/internal/duckdb"
	"tradetrace/internal/web"
)

func runServe(ctx context.Context, cfg *config, args []string) error {
	fs := newFlags(cfg, "serve", "[--addr HOST:PORT] [--token TOKEN] [--user NAME]")
	addr := fs.String("addr", "127.0.0.1:8080", "listen address; anything but loopback needs --token")
	token := fs.String("token", os.Getenv("TRADETRACE_TOKEN"), "access token every request must carry (env TRADETRACE_TOKEN)")
	user := fs.String("user", os.Getenv("USER"), "who triage decisions are recorded as when the form leaves it empty")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if err := web.CheckAddr(*addr, *token); err != nil {
		return err
	}
	st, err := openStore(ctx, cfg)
	if err != nil {
		return err
	}
	defer st.Close()
	srv, err := web.New(st, web.Options{Token: *token, User: *user, Log: log.New(cfg.stderr, "serve: ", log.LstdFlags), Mount: mountReports(st)})
	if err != nil {
		return err
	}
	return srv.Serve(ctx, *addr, func(a string) {
		if *token != "" {
			fmt.Fprintf(cfg.stdout, "tradetrace: serving %s on http://%s/?token=…\n", cfg.db, a)
			return
		}
		fmt.Fprintf(cfg.stdout, "tradetrace: serving %s on http://%s/\n", cfg.db, a)
	})
}

// mountReports adds the report and export handlers of internal/report and internal/export to the workbench.
// Until they are wired, the workbench's links to /cases/{id}/report, /parties/{id}/report and the network
// exports answer 404 with the API's error shape.
func mountReports(st *duckdb.DB) func(*http.ServeMux) {
	_ = st
	return nil
}
