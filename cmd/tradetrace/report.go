package main

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"time"

	"tradetrace/internal/clickhouse"
	"tradetrace/internal/duckdb"
	"tradetrace/internal/report"
	"tradetrace/internal/trade"
)

// reportsSource is what reports and the graph exports read: report.Source, every party, the parties of every
// line, and a party's network. Each store has its own (Reports()).
type reportsSource interface {
	report.Source
	AllParties(ctx context.Context, limit int) ([]report.Party, error)
	ShipmentParties(ctx context.Context) (map[trade.ShipmentID][2]int64, error)
	Network(ctx context.Context, id int64, hops, maxNodes int) (*report.Network, error)
}

// reportSource returns the store's source of reports.
func reportSource(st coreStore) reportsSource {
	switch s := st.(type) {
	case *duckdb.DB:
		return s.Reports()
	case *clickhouse.DB:
		return s.Reports()
	}
	panic(fmt.Sprintf("reportSource: a store of type %T", st))
}

func runReport(ctx context.Context, cfg *config, args []string) error {
	fs := newFlags(cfg, "report", "--case N | --party N [--format html|pdf] [--out FILE]")
	caseID := fs.Int64("case", 0, "the case to report on")
	partyID := fs.Int64("party", 0, "the resolved party to report on")
	format := fs.String("format", "html", "html or pdf (PDF is printed by headless Chromium)")
	out := fs.String("out", "", "the file to write; standard output for HTML when empty, case-N.pdf or party-N.pdf for PDF")
	chromium := fs.String("chromium", report.DefaultChromium, "the Chromium binary that prints PDFs")
	pos, err := parseInterleaved(fs, args)
	if err != nil {
		return err
	}
	if len(pos) > 0 || (*caseID == 0) == (*partyID == 0) || (*format != "html" && *format != "pdf") {
		fs.Usage()
		return fmt.Errorf("report: want exactly one of --case N or --party N, and --format html or pdf")
	}
	st, err := openCoreStore(ctx, cfg)
	if err != nil {
		return err
	}
	defer st.Close()
	src := reportSource(st)
	var r *report.Report
	name := ""
	if *caseID != 0 {
		r, err = report.BuildCase(ctx, src, *caseID, time.Now())
		name = fmt.Sprintf("case-%d", *caseID)
	} else {
		r, err = report.BuildParty(ctx, src, *partyID, time.Now())
		name = fmt.Sprintf("party-%d", *partyID)
	}
	if err != nil {
		return err
	}
	var body []byte
	if *format == "pdf" {
		if body, err = r.WritePDF(ctx, report.PDFOptions{Chromium: *chromium}); err != nil {
			return err
		}
		if *out == "" {
			*out = name + ".pdf"
		}
	} else {
		var b bytes.Buffer
		if err := r.WriteHTML(&b); err != nil {
			return err
		}
		body = b.Bytes()
	}
	if *out == "" {
		_, err := cfg.stdout.Write(body)
		return err
	}
	if err := reportWriteFile(*out, body); err != nil {
		return fmt.Errorf("report: %w", err)
	}
	fmt.Fprintf(cfg.stderr, "%s report written to %s (%d evidence rows, %d findings, %d bytes)\n", r.Kind, *out, r.AllRows, len(r.Findings), len(body))
	return nil
}

// reportWriteFile writes a file through a temporary file in the same directory, so that a reader never sees
// half of it.
func reportWriteFile(path string, body []byte) error {
	f, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".*")
	if err != nil {
		return err
	}
	defer os.Remove(f.Name())
	if _, err := f.Write(body); err != nil {
		f.Close()
		return err
	}
	if err := f.Close(); err != nil {
		return err
	}
	if err := os.Chmod(f.Name(), 0o644); err != nil {
		return err
	}
	return os.Rename(f.Name(), path)
}
