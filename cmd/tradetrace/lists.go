package main

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"text/tabwriter"
	"time"

	"tradetrace/internal/duckdb"
	"tradetrace/internal/screen"
	"tradetrace/internal/source/lists"
	"tradetrace/internal/trade"
)

// runLists loads, shows and compares versions of sanctions and export-control lists.
// listsStore is what the lists commands need of a store; both stores have it.
type listsStore interface {
	LoadList(ctx context.Context, l duckdb.ListLoad) (v duckdb.ListVersion, added bool, err error)
	ListVersions(ctx context.Context, list string) ([]duckdb.ListVersion, error)
	DiffList(ctx context.Context, list string, from, to int64) (duckdb.ListDiff, error)
	Close() error
}

func runLists(ctx context.Context, cfg *config, args []string) error {
	const synopsis = "load PATH... [--all] | show [--all] | diff LIST [--from V] [--to V] [--format table|json]"
	if len(args) == 0 {
		fmt.Fprintf(cfg.stderr, "Usage: tradetrace lists %s\n", synopsis)
		return fmt.Errorf("lists: a subcommand is required (load, show or diff)")
	}
	switch args[0] {
	case "load":
		return listsLoad(ctx, cfg, args[1:])
	case "show":
		return listsShow(ctx, cfg, args[1:])
	case "diff":
		return listsDiff(ctx, cfg, args[1:])
	case "-h", "--help", "help":
		fmt.Fprintf(cfg.stdout, "Usage: tradetrace lists %s\n", synopsis)
		return nil
	}
	fmt.Fprintf(cfg.stderr, "Usage: tradetrace lists %s\n", synopsis)
	return fmt.Errorf("lists: unknown subcommand %q", args[0])
}

// listUnit is one list publication to load: its entities and the files they came from.
type listUnit struct {
	list  string
	files []string
	ents  []trade.ListEntity
}

func listsLoad(ctx context.Context, cfg *config, args []string) error {
	fs := newFlags(cfg, "lists load", "PATH... [--all]")
	all := fs.Bool("all", false, "in a lists folder laid out as shared/data/lists, also load older vintages and format samples")
	paths, err := parseInterleaved(fs, args)
	if err != nil {
		return err
	}
	if len(paths) == 0 {
		fs.Usage()
		return fmt.Errorf("lists load: a file or folder is required")
	}
	var units []listUnit
	start := time.Now()
	for _, p := range paths {
		us, err := listUnits(p, *all)
		if err != nil {
			return err
		}
		units = append(units, us...)
	}
	units = mergeUnits(units)
	read := time.Since(start)
	st, err := openFor[listsStore](ctx, cfg, "lists")
	if err != nil {
		return err
	}
	defer st.Close()
	tw := tabwriter.NewWriter(cfg.stdout, 2, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "LIST\tVERSION\tSTATUS\tENTITIES\tNAMES\tFILES")
	var nEnts, nNames int64
	for _, u := range units {
		sum, err := filesSHA256(u.files)
		if err != nil {
			return fmt.Errorf("lists load: %w", err)
		}
		l := duckdb.ListLoad{List: u.list, File: strings.Join(u.files, " "), SHA256: sum, Entities: u.ents}
		known, err := st.ListVersions(ctx, u.list)
		if err != nil {
			return err
		}
		if !hasSHA(known, sum) {
			for _, k := range screen.EntityKeys(u.ents) {
				l.Keys = append(l.Keys, duckdb.ListKey{SourceID: k.SourceID, Key: k.Key})
			}
		}
		v, added, err := st.LoadList(ctx, l)
		if err != nil {
			return err
		}
		status := "loaded"
		if !added {
			status = "unchanged"
		}
		nEnts += v.Entities
		nNames += v.Names
		fmt.Fprintf(tw, "%s\t%d\t%s\t%d\t%d\t%s\n", v.List, v.ID, status, v.Entities, v.Names, clip(v.File, 100))
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	fmt.Fprintf(cfg.stderr, "%d lists, %d entities, %d names: read in %s, stored in %s\n", len(units), nEnts, nNames,
		read.Round(time.Millisecond), (time.Since(start) - read).Round(time.Millisecond))
	return nil
}

// listUnits reads what a path holds, one unit per list: a folder laid out as the shared lists folder by its
// known sources (the default ones, or all with all), any other folder by the list files directly in it, a
// file alone. The parts of an OFAC CSV set go with their primary file.
func listUnits(path string, all bool) ([]listUnit, error) {
	info, err := os.Stat(path)
	if err != nil {
		return nil, fmt.Errorf("lists load: %w", err)
	}
	if info.IsDir() {
		var units []listUnit
		for _, s := range lists.Sources() {
			if (!s.Default && !all) || !fileExists(filepath.Join(path, filepath.FromSlash(s.Files[0]))) {
				continue
			}
			ents, err := lists.Load(path, s.Name)
			if err != nil {
				return nil, err
			}
			u := listUnit{list: s.Name, ents: ents}
			for _, f := range s.Files {
				u.files = append(u.files, filepath.Join(path, filepath.FromSlash(f)))
			}
			units = append(units, u)
		}
		if len(units) > 0 {
			return units, nil
		}
	}
	files := []string{path}
	if info.IsDir() {
		entries, err := os.ReadDir(path)
		if err != nil {
			return nil, fmt.Errorf("lists load: %w", err)
		}
		files = nil
		for _, e := range entries {
			p := filepath.Join(path, e.Name())
			if e.Type().IsRegular() && !strings.HasPrefix(e.Name(), ".") {
				if _, err := lists.Detect(p); err == nil {
					files = append(files, p)
				}
			}
		}
		if len(files) == 0 {
			return nil, fmt.Errorf("lists load: %s: no list file: %w", path, lists.ErrNoList)
		}
	}
	// groups of files loaded together: an OFAC CSV set (sdn or cons_), or one file
	groups := map[string][]string{}
	var order []string
	for _, f := range files {
		format, err := lists.Detect(f)
		if err != nil {
			return nil, fmt.Errorf("lists load: %w", err)
		}
		key := f
		if strings.HasPrefix(string(format), "ofac_") && format != lists.FormatOFACXML {
			key = "ofac:" + fmt.Sprint(strings.HasPrefix(strings.ToLower(filepath.Base(f)), "cons_"))
		}
		if _, ok := groups[key]; !ok {
			order = append(order, key)
		}
		groups[key] = append(groups[key], f)
	}
	var units []listUnit
	for _, key := range order {
		ents, err := lists.LoadFiles(groups[key]...)
		if err != nil {
			return nil, err
		}
		byList := map[string][]trade.ListEntity{}
		for _, e := range ents {
			byList[e.List] = append(byList[e.List], e)
		}
		names := make([]string, 0, len(byList))
		for n := range byList {
			names = append(names, n)
		}
		sort.Strings(names)
		for _, n := range names {
			units = append(units, listUnit{list: n, files: groups[key], ents: byList[n]})
		}
	}
	return units, nil
}

// mergeUnits joins the units of one list read from several files in one command (two CSL files, say) into
// one version: otherwise the last file read would replace the others.
func mergeUnits(us []listUnit) []listUnit {
	var out []listUnit
	at := map[string]int{}
	for _, u := range us {
		if i, ok := at[u.list]; ok {
			out[i].files = append(out[i].files, u.files...)
			out[i].ents = append(out[i].ents, u.ents...)
			continue
		}
		at[u.list] = len(out)
		out = append(out, u)
	}
	return out
}

func hasSHA(vs []duckdb.ListVersion, sum string) bool {
	for _, v := range vs {
		if v.SHA256 == sum {
			return true
		}
	}
	return false
}

func fileExists(p string) bool {
	_, err := os.Stat(p)
	return err == nil
}

// filesSHA256 hashes the files in turn: the sha256 of each file's name and digest.
func filesSHA256(files []string) (string, error) {
	all := sha256.New()
	for _, p := range files {
		f, err := os.Open(p)
		if err != nil {
			return "", err
		}
		h := sha256.New()
		_, err = io.Copy(h, f)
		f.Close()
		if err != nil {
			return "", fmt.Errorf("%s: %w", p, err)
		}
		fmt.Fprintf(all, "%s %x\n", filepath.Base(p), h.Sum(nil))
	}
	return hex.EncodeToString(all.Sum(nil)), nil
}

func listsShow(ctx context.Context, cfg *config, args []string) error {
	fs := newFlags(cfg, "lists show", "[--all]")
	all := fs.Bool("all", false, "show every version, not only the current ones")
	if err := fs.Parse(args); err != nil {
		return err
	}
	st, err := openFor[listsStore](ctx, cfg, "lists")
	if err != nil {
		return err
	}
	defer st.Close()
	vs, err := st.ListVersions(ctx, "")
	if err != nil {
		return err
	}
	if len(vs) == 0 {
		fmt.Fprintln(cfg.stderr, "no lists loaded: run 'tradetrace lists load PATH'")
		return nil
	}
	tw := tabwriter.NewWriter(cfg.stdout, 2, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "LIST\tVERSION\tCURRENT\tENTITIES\tNAMES\tLOADED\tSHA256\tFILES")
	for _, v := range vs {
		if !*all && !v.Current {
			continue
		}
		cur := ""
		if v.Current {
			cur = "yes"
		}
		fmt.Fprintf(tw, "%s\t%d\t%s\t%d\t%d\t%s\t%.12s\t%s\n", v.List, v.ID, cur, v.Entities, v.Names,
			v.Loaded.Format("2006-01-02 15:04"), v.SHA256, clip(v.File, 100))
	}
	return tw.Flush()
}

func listsDiff(ctx context.Context, cfg *config, args []string) error {
	fs := newFlags(cfg, "lists diff", "LIST [--from V] [--to V] [--format table|json]")
	from := fs.Int64("from", 0, "the older version (default: the one before --to)")
	to := fs.Int64("to", 0, "the newer version (default: the current one)")
	format := fs.String("format", "table", "table or json")
	pos, err := parseInterleaved(fs, args)
	if err != nil {
		return err
	}
	if len(pos) != 1 {
		fs.Usage()
		return fmt.Errorf("lists diff: one list name is required")
	}
	if *format != "table" && *format != "json" {
		return fmt.Errorf("lists diff: --format must be table or json")
	}
	st, err := openFor[listsStore](ctx, cfg, "lists")
	if err != nil {
		return err
	}
	defer st.Close()
	d, err := st.DiffList(ctx, pos[0], *from, *to)
	if err != nil {
		return err
	}
	if *format == "json" {
		enc := json.NewEncoder(cfg.stdout)
		enc.SetEscapeHTML(false)
		enc.SetIndent("", "  ")
		return enc.Encode(d)
	}
	fmt.Fprintf(cfg.stdout, "%s: version %d (%s, %d entities) → version %d (%s, %d entities): %d added, %d removed, %d changed\n",
		d.List, d.From.ID, d.From.Loaded.Format("2006-01-02"), d.From.Entities, d.To.ID, d.To.Loaded.Format("2006-01-02"),
		d.To.Entities, len(d.Added), len(d.Removed), len(d.Changed))
	tw := tabwriter.NewWriter(cfg.stdout, 2, 4, 2, ' ', 0)
	for _, g := range []struct {
		sign string
		es   []duckdb.DiffEntry
	}{{"+", d.Added}, {"-", d.Removed}, {"~", d.Changed}} {
		for _, e := range g.es {
			fmt.Fprintf(tw, "%s\t%s\t%s\t%s\n", g.sign, e.SourceID, clip(listCell(e.Caption), 80), strings.Join(e.Fields, ","))
		}
	}
	return tw.Flush()
}

// listCell keeps a value from a list on one line of a table.
func listCell(s string) string {
	return strings.NewReplacer("\t", " ", "\n", " ", "\r", " ").Replace(s)
}
