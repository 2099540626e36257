package main

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"log"
	"net/http"
	"os"
	"strconv"
	"time"

	"tradetrace/internal/clickhouse"
	"tradetrace/internal/duckdb"
	"tradetrace/internal/report"
	"tradetrace/internal/trade"
	"tradetrace/internal/web"
)

func runServe(ctx context.Context, cfg *config, args []string) error {
	fs := newFlags(cfg, "serve", "[--addr HOST:PORT] [--token TOKEN] [--user NAME]")
	addr := fs.String("addr", "127.0.0.1:8080", "listen address; anything but loopback needs --token")
	token := fs.String("token", os.Getenv("TRADETRACE_TOKEN"), "access token every request must carry (env TRADETRACE_TOKEN)")
	user := fs.String("user", os.Getenv("USER"), "who triage decisions are recorded as when the form leaves it empty")
	index := fs.Bool("index", false, "create the ART indexes the pages' lookups use, where missing (once; minutes on 10M lines)")
	threads := fs.Int("threads", 1, "DuckDB threads per query: pages run a few small queries each and many pages run at once, so one\n"+
		"thread a query keeps them from contending for the cores (16 clients on 2 cores: 184 → 212 requests/s); 0 for one per core")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if err := web.CheckAddr(*addr, *token); err != nil {
		return err
	}
	var (
		ws  web.Store
		rep report.Source
	)
	if isClickHouse(cfg.db) {
		st, err := clickhouse.Open(ctx, cfg.db)
		if err != nil {
			return err
		}
		defer st.Close()
		if *index {
			fmt.Fprintln(cfg.stderr, "serve: --index is for DuckDB stores; the ClickHouse tables are ordered for the pages' lookups")
		}
		ws, rep = st, reportSource(st)
	} else {
		st, err := duckdb.Open(ctx, cfg.db, duckdb.Config{MemoryLimit: duckMemory(), Threads: *threads})
		if err != nil {
			return err
		}
		defer st.Close()
		if *index {
			made, err := st.WebEnsureIndexes(ctx)
			if err != nil {
				return err
			}
			if len(made) > 0 {
				fmt.Fprintf(cfg.stderr, "serve: created indexes %v\n", made)
			}
		}
		ws, rep = st, st.Reports()
	}
	srv, err := web.New(ws, web.Options{Token: *token, User: *user, Log: log.New(cfg.stderr, "serve: ", log.LstdFlags), Mount: mountReports(rep)})
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

// mountReports adds the case and party reports of internal/report to the workbench: HTML by default, PDF with
// ?format=pdf (headless Chromium). The report page is self-contained with its own inline styles and no
// script, so its Content-Security-Policy allows inline styles and nothing else.
func mountReports(src report.Source) func(*http.ServeMux) {
	serve := func(kind string) http.HandlerFunc {
		return func(w http.ResponseWriter, r *http.Request) {
			id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
			if err != nil {
				web.WriteError(w, http.StatusBadRequest, "bad_request", fmt.Sprintf("%s %q: reports need a case id or a resolved party id (run tradetrace parties resolve)", kind, r.PathValue("id")))
				return
			}
			var rep *report.Report
			if kind == "case" {
				rep, err = report.BuildCase(r.Context(), src, id, time.Now())
			} else {
				rep, err = report.BuildParty(r.Context(), src, id, time.Now())
			}
			if errors.Is(err, trade.ErrNotFound) {
				web.WriteError(w, http.StatusNotFound, "not_found", err.Error())
				return
			}
			if err != nil {
				web.WriteError(w, http.StatusInternalServerError, "internal", err.Error())
				return
			}
			if r.URL.Query().Get("format") == "pdf" {
				pdf, err := rep.WritePDF(r.Context(), report.PDFOptions{})
				if err != nil {
					web.WriteError(w, http.StatusInternalServerError, "internal", err.Error())
					return
				}
				w.Header().Set("Content-Type", "application/pdf")
				w.Header().Set("Content-Disposition", fmt.Sprintf(`inline; filename="%s-%d.pdf"`, kind, id))
				w.Write(pdf)
				return
			}
			var b bytes.Buffer
			if err := rep.WriteHTML(&b); err != nil {
				web.WriteError(w, http.StatusInternalServerError, "internal", err.Error())
				return
			}
			w.Header().Set("Content-Security-Policy", "default-src 'none'; style-src 'unsafe-inline'; img-src data:; frame-ancestors 'none'; base-uri 'none'; form-action 'none'")
			w.Header().Set("Content-Type", "text/html; charset=utf-8")
			w.Write(b.Bytes())
		}
	}
	return func(m *http.ServeMux) {
		m.HandleFunc("GET /cases/{id}/report", serve("case"))
		m.HandleFunc("GET /parties/{id}/report", serve("party"))
	}
}
