package main

import (
	"context"
	"encoding/json"
	"fmt"
	"sort"
	"strings"
	"text/tabwriter"
	"time"

	"tradetrace/internal/duckdb"
	"tradetrace/internal/names"
	"tradetrace/internal/screen"
	"tradetrace/internal/trade"
)

// screenStore is what screening needs of a store: the lists, and the parties with their matches.
type screenStore interface {
	ListVersions(ctx context.Context, list string) ([]duckdb.ListVersion, error)
	CurrentListEntities(ctx context.Context) ([]trade.ListEntity, error)
	ListCandidates(ctx context.Context, keys []string, limit int) (ents []trade.ListEntity, ok bool, err error)
	PartiesToScreen(ctx context.Context, fn func(*duckdb.ScreenParty) error) error
	SetPartyMatches(ctx context.Context, ms []duckdb.PartyMatches) error
	Close() error
}

// runScreen screens one name, or every party of the store, against the current versions of the loaded lists.
func runScreen(ctx context.Context, cfg *config, args []string) error {
	fs := newFlags(cfg, "screen", "NAME [--country XX] [--id ID] [--top N] [--min S] [--format table|json] | --parties")
	ctry := fs.String("country", "", "the name's country, ISO alpha-2 (evidence for or against)")
	id := fs.String("id", "", "a tax or registration number of the name (INN, USCC …): strong evidence")
	top := fs.Int("top", 10, "show at most N list entries")
	minScore := fs.Float64("min", names.DefaultThreshold, "lowest score shown")
	format := fs.String("format", "table", "table or json")
	parties := fs.Bool("parties", false, "screen every party of the store and write its matches and risk")
	pos, err := parseInterleaved(fs, args)
	if err != nil {
		return err
	}
	if *format != "table" && *format != "json" {
		return fmt.Errorf("screen: --format must be table or json")
	}
	if !*parties && len(pos) == 0 {
		fs.Usage()
		return fmt.Errorf("screen: a name (or --parties) is required")
	}
	st, err := openFor[screenStore](ctx, cfg, "screen")
	if err != nil {
		return err
	}
	defer st.Close()
	if *parties {
		ix, err := fullIndex(ctx, cfg, st)
		if err != nil {
			return err
		}
		return screenParties(ctx, cfg, st, ix, *minScore)
	}
	vs, err := st.ListVersions(ctx, "")
	if err != nil {
		return err
	}
	if len(vs) == 0 {
		return fmt.Errorf("screen: no lists loaded: run 'tradetrace lists load PATH' first")
	}
	name := strings.Join(pos, " ")
	q := screen.Query{Name: name, Top: *top, MinScore: *minScore}
	if *minScore <= 0 {
		q.MinScore = -1
	}
	if *ctry != "" {
		q.Countries = []string{strings.ToUpper(*ctry)}
	}
	if *id != "" {
		q.Identifiers = []names.Identifier{{Value: *id}}
	}
	// one name: the store looks up the entities that share its rarest keys, and only those are indexed
	t0 := time.Now()
	var ix *screen.Index
	if len(q.Identifiers) == 0 {
		ents, ok, err := st.ListCandidates(ctx, screen.QueryKeys(q), 100)
		if err != nil {
			return err
		}
		if ok {
			ix = screen.NewIndex(ents)
			q.Candidates = ix.Stats().Names
		}
	}
	if ix == nil { // an identifier, or lists loaded without keys: every entity
		if ix, err = fullIndex(ctx, cfg, st); err != nil {
			return err
		}
	}
	ms := ix.Screen(q)
	took := time.Since(t0)
	sums := make([]screen.Summary, len(ms))
	for i, m := range ms {
		sums[i] = m.Summary(name)
	}
	if *format == "json" {
		enc := json.NewEncoder(cfg.stdout)
		enc.SetEscapeHTML(false)
		enc.SetIndent("", "  ")
		return enc.Encode(sums)
	}
	fmt.Fprintf(cfg.stderr, "screened %q in %s\n", name, took.Round(time.Microsecond))
	if len(sums) == 0 {
		fmt.Fprintf(cfg.stdout, "no list entry scores %.2f or more for %q\n", q.MinScore, name)
		return nil
	}
	tw := tabwriter.NewWriter(cfg.stdout, 2, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "#\tSCORE\tLIST\tENTRY\tCAPTION\tMATCHED NAME\tPROGRAMS\tTOPICS")
	for i, s := range sums {
		var topics []string
		for _, t := range s.Topics {
			topics = append(topics, string(t))
		}
		fmt.Fprintf(tw, "%d\t%.3f\t%s\t%s\t%s\t%s\t%s\t%s\n", i+1, s.Score, s.List, clip(listCell(s.SourceID), 24),
			clip(listCell(s.Caption), 60), clip(listCell(s.Name), 50), clip(strings.Join(s.Programs, ","), 40), strings.Join(topics, ","))
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	fmt.Fprintln(cfg.stdout, "\nexplanations:")
	for i, m := range ms {
		fmt.Fprintf(cfg.stdout, "#%d %s %s %q ~ %q\n", i+1, m.List, listCell(m.SourceID), name, listCell(m.Name))
		for _, line := range strings.Split(strings.TrimRight(m.Score.String(), "\n"), "\n") {
			fmt.Fprintf(cfg.stdout, "    %s\n", listCell(line))
		}
	}
	return nil
}

// fullIndex indexes every entity of the current versions of the loaded lists.
func fullIndex(ctx context.Context, cfg *config, st screenStore) (*screen.Index, error) {
	start := time.Now()
	ents, err := st.CurrentListEntities(ctx)
	if err != nil {
		return nil, err
	}
	if len(ents) == 0 {
		return nil, fmt.Errorf("screen: no lists loaded: run 'tradetrace lists load PATH' first")
	}
	read := time.Since(start)
	ix := screen.NewIndex(ents)
	stats := ix.Stats()
	fmt.Fprintf(cfg.stderr, "index: %d entities read in %s, %d names indexed in %s\n", stats.Entities, read.Round(time.Millisecond),
		stats.Names, (time.Since(start) - read).Round(time.Millisecond))
	return ix, nil
}

// screenParties screens every name, variant, country and identifier of every party and writes each party's
// matches (best first, one per list entry) and its risk: the heaviest match.
func screenParties(ctx context.Context, cfg *config, st screenStore, ix *screen.Index, minScore float64) error {
	start := time.Now()
	var ps []duckdb.ScreenParty
	if err := st.PartiesToScreen(ctx, func(p *duckdb.ScreenParty) error { ps = append(ps, *p); return nil }); err != nil {
		return err
	}
	if len(ps) == 0 {
		return fmt.Errorf("screen: the store has no parties yet (party resolution fills them after ingest)")
	}
	var qs []screen.Query
	var owner []int
	for i, p := range ps {
		var ids []names.Identifier
		for _, v := range p.Identifiers {
			ids = append(ids, names.Identifier{Value: v})
		}
		for _, n := range p.Names {
			qs = append(qs, screen.Query{Name: n, Countries: p.Countries, Identifiers: ids, Top: 5, MinScore: minScore, Party: true})
			owner = append(owner, i)
		}
	}
	results := ix.ScreenAll(qs, 0)
	type best struct {
		sums map[string]screen.Summary
		risk float64
	}
	agg := make([]best, len(ps))
	for i, ms := range results {
		b := &agg[owner[i]]
		for _, m := range ms {
			key := m.List + "\x00" + m.SourceID
			if b.sums == nil {
				b.sums = map[string]screen.Summary{}
			}
			if old, ok := b.sums[key]; !ok || m.Score.Value > old.Score {
				b.sums[key] = m.Summary(qs[i].Name)
			}
			b.risk = max(b.risk, m.Risk())
		}
	}
	out := make([]duckdb.PartyMatches, len(ps))
	matched := 0
	for i, p := range ps {
		sums := make([]screen.Summary, 0, len(agg[i].sums))
		for _, s := range agg[i].sums {
			sums = append(sums, s)
		}
		sortSummaries(sums)
		body, err := json.Marshal(sums)
		if err != nil {
			return fmt.Errorf("screen party %d: %w", p.ID, err)
		}
		if len(sums) > 0 {
			matched++
		}
		out[i] = duckdb.PartyMatches{ID: p.ID, Matches: string(body), Risk: agg[i].risk}
	}
	if err := st.SetPartyMatches(ctx, out); err != nil {
		return err
	}
	fmt.Fprintf(cfg.stdout, "screened %d parties (%d names) in %s: %d match a list entry\n", len(ps), len(qs),
		time.Since(start).Round(time.Millisecond), matched)
	return nil
}

// sortSummaries orders matches by descending score, then list and entry.
func sortSummaries(s []screen.Summary) {
	sort.Slice(s, func(i, j int) bool {
		if s[i].Score != s[j].Score {
			return s[i].Score > s[j].Score
		}
		if s[i].List != s[j].List {
			return s[i].List < s[j].List
		}
		return s[i].SourceID < s[j].SourceID
	})
}
