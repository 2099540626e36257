package web

import (
	"bytes"
	"fmt"
	"html/template"
	"io/fs"
	"math"
	"net/http"
	"net/url"
	"strconv"
	"strings"

	"tradetrace/internal/country"
	"tradetrace/internal/duckdb"
)

type pageTemplate struct{ t *template.Template }

var funcs = template.FuncMap{
	"usd":     usd,
	"int":     func(n int64) string { return group(strconv.FormatInt(n, 10)) },
	"num":     func(f float64) string { return trimFloat(f) },
	"score":   func(f float64) string { return strconv.FormatFloat(f, 'f', 2, 64) },
	"pct":     func(f float64) string { return strconv.FormatFloat(f*100, 'f', 0, 64) + "%" },
	"country": func(c string) string { return countryLabel(c) },
	"seg":     url.PathEscape,
	"q":       url.QueryEscape,
	"party":   func(ref string) string { return "/parties/" + url.PathEscape(ref) },
	"add":     func(a, b int) int { return a + b },
	"list":    func(xs ...string) []string { return xs },
	"dict2":   func(p Paging, r *http.Request) map[string]any { return map[string]any{"P": p, "R": r} },
	"triage": func(csrf, target, back string, statuses []string, cur *duckdb.WebTriage) map[string]any {
		c := "new"
		if cur != nil {
			c = cur.Status
		}
		return map[string]any{"CSRF": csrf, "Target": target, "Back": back, "Statuses": statuses, "Current": c}
	},
	"str":      func(v any) string { return fmt.Sprint(v) },
	"field":    field,
	"features": features,
	"riskclass": func(r float64) string {
		switch {
		case r >= 0.75:
			return "risk-high"
		case r >= 0.4:
			return "risk-medium"
		case r > 0:
			return "risk-low"
		}
		return "risk-none"
	},
	"pageURL": func(r *http.Request, offset int) string {
		q := r.URL.Query()
		q.Set("offset", strconv.Itoa(offset))
		return r.URL.Path + "?" + q.Encode()
	},
	"withQuery": func(r *http.Request, k, v string) string {
		q := r.URL.Query()
		q.Set(k, v)
		q.Del("offset")
		return r.URL.Path + "?" + q.Encode()
	},
}

func countryLabel(c string) string {
	if c == "" {
		return ""
	}
	if n := country.Name(country.Code(c)); n != "" && n != c {
		return c + " " + n
	}
	return c
}

func usd(f float64) string {
	if f == 0 {
		return "$0"
	}
	return "$" + group(strconv.FormatInt(int64(math.Round(f)), 10))
}

func trimFloat(f float64) string {
	if f == math.Trunc(f) && math.Abs(f) < 1e15 {
		return group(strconv.FormatInt(int64(f), 10))
	}
	return strconv.FormatFloat(f, 'f', 2, 64)
}

func group(s string) string {
	neg := strings.HasPrefix(s, "-")
	s = strings.TrimPrefix(s, "-")
	var b strings.Builder
	for i, c := range s {
		if i > 0 && (len(s)-i)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteRune(c)
	}
	if neg {
		return "-" + b.String()
	}
	return b.String()
}

func parsePages() (map[string]*pageTemplate, error) {
	files, err := fs.Glob(templateFS, "templates/*.html")
	if err != nil {
		return nil, err
	}
	out := map[string]*pageTemplate{}
	for _, f := range files {
		name := strings.TrimSuffix(strings.TrimPrefix(f, "templates/"), ".html")
		if name == "layout" {
			continue
		}
		t, err := template.New("layout.html").Funcs(funcs).ParseFS(templateFS, "templates/layout.html", f)
		if err != nil {
			return nil, fmt.Errorf("web: template %s: %w", f, err)
		}
		out[name] = &pageTemplate{t: t}
	}
	return out, nil
}

// view is what every template gets.
type view struct {
	Title  string
	Page   string
	Data   any
	Req    *http.Request
	Bundle bool
	Token  bool
}

func (s *Server) render(w http.ResponseWriter, r *http.Request, page, title string, data any) {
	p := s.pages[page]
	if p == nil {
		http.Error(w, "no template "+page, http.StatusInternalServerError)
		return
	}
	var buf bytes.Buffer
	if err := p.t.Execute(&buf, view{Title: title, Page: page, Data: data, Req: r, Bundle: s.bundle, Token: s.opts.Token != ""}); err != nil {
		if s.opts.Log != nil {
			s.opts.Log.Printf("render %s: %v", page, err)
		}
		http.Error(w, "the page could not be drawn: "+err.Error(), http.StatusInternalServerError)
		return
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.Write(buf.Bytes())
}

// field renders one value of a JSON object read from the store (a list match): "" when missing, lists joined
// by commas, numbers without trailing zeros.
func field(m map[string]any, k string) string {
	switch v := m[k].(type) {
	case nil:
		return ""
	case float64:
		return trimFloat(v)
	case []any:
		parts := make([]string, 0, len(v))
		for _, x := range v {
			parts = append(parts, fmt.Sprint(x))
		}
		return strings.Join(parts, ", ")
	default:
		return fmt.Sprint(v)
	}
}

// features returns the explanation rows of a list match: the name engine's features with their values and
// weights.
func features(m map[string]any) []map[string]any {
	xs, _ := m["features"].([]any)
	out := make([]map[string]any, 0, len(xs))
	for _, x := range xs {
		if f, ok := x.(map[string]any); ok {
			out = append(out, f)
		}
	}
	return out
}
