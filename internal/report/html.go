package report

import (
	"embed"
	"fmt"
	"html/template"
	"io"
	"strings"
	"time"

	"tradetrace/internal/trade"
)

//go:embed templates/*.html
var templateFS embed.FS

// page is the report template, parsed once: a template that fails to parse is a programming error, caught by
// every test.
var page = template.Must(template.New("report.html").Funcs(template.FuncMap{
	"money":  Money,
	"weight": Weight,
	"share":  Share,
	"chart":  BarChart,
	"date": func(t time.Time) string {
		if t.IsZero() {
			return "–"
		}
		return t.Format("2006-01-02")
	},
	"num": func(n trade.Num) string {
		if !n.Valid {
			return "–"
		}
		return group(n.String())
	},
	"score":   func(f float64) string { return fmt.Sprintf("%.2f", f) },
	"country": countryName,
	"inc":     func(i int) int { return i + 1 },
	"short": func(s string, n int) string {
		if r := []rune(s); len(r) > n {
			return string(r[:n]) + "…"
		}
		return s
	},
	"route": func(r *Row) string {
		return RouteLabel(RouteKey(string(r.Origin), string(r.Dispatch), string(r.Destination)))
	},
	"routeShort": func(r *Row) string {
		k := RouteKey(string(r.Origin), string(r.Dispatch), string(r.Destination))
		if r.Dispatch == "" || r.Dispatch == r.Origin {
			return strings.Replace(k, ">"+strings.Split(k, ">")[1]+">", " → ", 1)
		}
		return strings.ReplaceAll(k, ">", " → ")
	},
	"join": strings.Join,
	"f1":   func(f float64) string { return fmt.Sprintf("%.1f", f) },
	"f0":   func(f float64) string { return fmt.Sprintf("%.0f", f) },
}).ParseFS(templateFS, "templates/report.html"))

// WriteHTML writes the report as one self-contained HTML page: styles inline, charts as inline SVG, no
// script and a Content-Security-Policy that forbids loading anything. Every value from the data is escaped
// by html/template.
func (r *Report) WriteHTML(w io.Writer) error {
	if err := page.Execute(w, r); err != nil {
		return fmt.Errorf("render %s report: %w", r.Kind, err)
	}
	return nil
}
