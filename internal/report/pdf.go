package report

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"time"
)

// DefaultChromium is where Debian's chromium package installs the browser.
const DefaultChromium = "/usr/bin/chromium"

// PDFOptions configure PDF rendering.
type PDFOptions struct {
	Chromium string        // the browser binary; DefaultChromium when empty
	Timeout  time.Duration // how long the browser may take; 90 s when zero
}

// ErrNoChromium says the browser that renders PDFs is not installed.
var ErrNoChromium = errors.New("chromium is not installed (Debian: apt-get install chromium)")

// PDF renders a report page to PDF with headless Chromium: the page is written to a private temporary
// directory and printed from there with a throw-away profile, the network off and no header or footer. The
// page loads nothing from outside (its Content-Security-Policy forbids it), so the PDF depends on nothing
// but the HTML.
func PDF(ctx context.Context, html []byte, opt PDFOptions) ([]byte, error) {
	bin := opt.Chromium
	if bin == "" {
		bin = DefaultChromium
	}
	if _, err := exec.LookPath(bin); err != nil {
		return nil, fmt.Errorf("render pdf: %s: %w", bin, ErrNoChromium)
	}
	timeout := opt.Timeout
	if timeout == 0 {
		timeout = 90 * time.Second
	}
	dir, err := os.MkdirTemp("", "tradetrace-report-*")
	if err != nil {
		return nil, fmt.Errorf("render pdf: %w", err)
	}
	defer os.RemoveAll(dir)
	in := filepath.Join(dir, "report.html")
	out := filepath.Join(dir, "report.pdf")
	if err := os.WriteFile(in, html, 0o600); err != nil {
		return nil, fmt.Errorf("render pdf: %w", err)
	}
	ctx, cancel := context.WithTimeout(ctx, timeout)
	defer cancel()
	cmd := exec.CommandContext(ctx, bin,
		"--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
		"--disable-background-networking", "--disable-component-update", "--disable-sync",
		"--disable-extensions", "--disable-default-apps", "--no-first-run", "--mute-audio",
		"--proxy-server=127.0.0.1:9", "--proxy-bypass-list=<-loopback>", // nothing reaches a network
		"--user-data-dir="+filepath.Join(dir, "profile"),
		"--no-pdf-header-footer", "--print-to-pdf-no-header",
		"--print-to-pdf="+out,
		(&url.URL{Scheme: "file", Path: in}).String())
	cmd.Env = append(os.Environ(), "HOME="+dir) // the browser writes its caches under HOME
	var stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stderr, &stderr
	cmd.WaitDelay = 5 * time.Second
	runErr := cmd.Run()
	pdf, err := os.ReadFile(out)
	if err != nil || len(pdf) == 0 {
		if runErr == nil {
			runErr = errors.New("no PDF written")
		}
		tail := stderr.Bytes()
		if len(tail) > 2000 {
			tail = tail[len(tail)-2000:]
		}
		return nil, fmt.Errorf("render pdf with %s: %w\n%s", bin, runErr, tail)
	}
	if !bytes.HasPrefix(pdf, []byte("%PDF-")) {
		return nil, fmt.Errorf("render pdf with %s: the output is not a PDF", bin)
	}
	return pdf, nil
}

// WritePDF renders the report as HTML and prints it to PDF.
func (r *Report) WritePDF(ctx context.Context, opt PDFOptions) ([]byte, error) {
	var b bytes.Buffer
	if err := r.WriteHTML(&b); err != nil {
		return nil, err
	}
	return PDF(ctx, b.Bytes(), opt)
}
