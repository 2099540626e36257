package main

import (
	"context"
	"errors"
	"fmt"
	"runtime"
	"strconv"
	"strings"
	"text/tabwriter"
	"time"

	"tradetrace/internal/duckdb"
	"tradetrace/internal/party"
)

// runParties resolves the shipments' shippers and consignees into parties and shows them.
// partiesStore is what the parties commands need of a store; both stores have it.
type partiesStore interface {
	PartyVariants(ctx context.Context) ([]party.Variant, error)
	ReplaceParties(ctx context.Context, r *party.Result) error
	Party(ctx context.Context, id int64) (duckdb.StoredParty, error)
	Parties(ctx context.Context, f duckdb.PartyFilter) ([]duckdb.StoredParty, error)
	Close() error
}

func runParties(ctx context.Context, cfg *config, args []string) error {
	if len(args) == 0 || args[0] == "-h" || args[0] == "help" {
		fmt.Fprintln(cfg.stderr, "Usage: tradetrace parties resolve [--threshold X]")
		fmt.Fprintln(cfg.stderr, "       tradetrace parties show ID|NAME")
		fmt.Fprintln(cfg.stderr, "       tradetrace parties list [--by lines|value|risk] [--limit N] [--offset N] [WORDS]")
		if len(args) == 0 {
			return errors.New("parties: a subcommand is required")
		}
		return nil
	}
	switch args[0] {
	case "resolve":
		return runPartiesResolve(ctx, cfg, args[1:])
	case "show":
		return runPartiesShow(ctx, cfg, args[1:])
	case "list":
		return runPartiesList(ctx, cfg, args[1:])
	}
	return fmt.Errorf("parties: unknown subcommand %q (resolve, show, list)", args[0])
}

func runPartiesResolve(ctx context.Context, cfg *config, args []string) error {
	fs := newFlags(cfg, "parties resolve", "[--threshold X]")
	threshold := fs.Float64("threshold", party.DefaultThreshold, "combined score (name, country, address) from which two variants merge")
	maxBucket := fs.Int("max-bucket", party.DefaultMaxBucket, "blocking keys shared by more names are dropped")
	if err := fs.Parse(args); err != nil {
		return err
	}
	st, err := openFor[partiesStore](ctx, cfg, "parties")
	if err != nil {
		return err
	}
	defer st.Close()
	start := time.Now()
	vs, err := st.PartyVariants(ctx)
	if err != nil {
		return err
	}
	read := time.Since(start)
	r, err := party.Resolve(ctx, vs, party.Options{Threshold: *threshold, MaxBucket: *maxBucket})
	if err != nil {
		return err
	}
	t1 := time.Now()
	if err := st.ReplaceParties(ctx, r); err != nil {
		return err
	}
	write := time.Since(t1)
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	s := r.Stats
	w := cfg.stdout
	fmt.Fprintf(w, "variants read         %d (%d distinct names, %d readings, %d pairs compared)\n", s.Variants, s.NameStrings, s.Readings, s.Compared)
	fmt.Fprintf(w, "parties               %d\n", s.Parties)
	fmt.Fprintf(w, "merged by identifier  %d\n", s.MergedByID)
	fmt.Fprintf(w, "merged by name        %d\n", s.MergedByName)
	fmt.Fprintf(w, "split by identifier   %d (name matches refused: the identifiers differ)\n", s.SplitByID)
	fmt.Fprintf(w, "time                  %s (read %s, resolve %s, write %s); Go heap %d MiB reserved\n",
		time.Since(start).Round(time.Millisecond), read.Round(time.Millisecond), s.Elapsed.Round(time.Millisecond),
		write.Round(time.Millisecond), ms.HeapSys>>20)
	return nil
}

func runPartiesShow(ctx context.Context, cfg *config, args []string) error {
	fs := newFlags(cfg, "parties show", "ID|NAME")
	pos, err := parseInterleaved(fs, args)
	if err != nil {
		return err
	}
	if len(pos) == 0 {
		fs.Usage()
		return errors.New("parties show: a party id or name is required")
	}
	st, err := openFor[partiesStore](ctx, cfg, "parties")
	if err != nil {
		return err
	}
	defer st.Close()
	q := strings.Join(pos, " ")
	var ps []duckdb.StoredParty
	if id, err := strconv.ParseInt(q, 10, 64); err == nil {
		p, err := st.Party(ctx, id)
		switch {
		case err == nil:
			ps = append(ps, p)
		case !errors.Is(err, duckdb.ErrNoParty):
			return err
		}
	}
	if len(ps) == 0 {
		words := searchQuery(q)
		if words == "" {
			return fmt.Errorf("parties show: %q has no words to look up", q)
		}
		if ps, err = st.Parties(ctx, duckdb.PartyFilter{Query: words, Limit: 5}); err != nil {
			return err
		}
	}
	if len(ps) == 0 {
		return fmt.Errorf("parties show: no party matches %q (has `tradetrace parties resolve` run?)", q)
	}
	for i, p := range ps {
		if i > 0 {
			fmt.Fprintln(cfg.stdout)
		}
		printParty(cfg, &p)
	}
	return nil
}

// searchQuery normalises the words of a query as the search column holds them.
func searchQuery(q string) string {
	return party.SearchWords(q)
}

func printParty(cfg *config, p *duckdb.StoredParty) {
	w := cfg.stdout
	fmt.Fprintf(w, "party %d: %s", p.ID, p.Name)
	if p.NameEn != "" && p.NameEn != p.Name {
		fmt.Fprintf(w, " (%s)", p.NameEn)
	}
	fmt.Fprintln(w)
	fmt.Fprintf(w, "  country      %s\n", p.Country)
	fmt.Fprintf(w, "  identifiers  %s\n", strings.Join(p.Identifiers, ", "))
	var roles []string
	for _, r := range []string{party.RoleShipper, party.RoleConsignee} {
		if n := p.Roles[r]; n > 0 {
			roles = append(roles, fmt.Sprintf("%s %d lines", r, n))
		}
	}
	fmt.Fprintf(w, "  roles        %s\n", strings.Join(roles, ", "))
	fmt.Fprintf(w, "  volume       %d lines, $%.0f, %.0f kg", p.Lines, p.ValueUSD, p.WeightKg)
	if !p.First.IsZero() {
		fmt.Fprintf(w, ", %s to %s", p.First.Format("2006-01-02"), p.Last.Format("2006-01-02"))
	}
	fmt.Fprintln(w)
	for _, a := range p.Addresses {
		fmt.Fprintf(w, "  address      %s\n", a)
	}
	fmt.Fprintf(w, "  variants     %d\n", len(p.Variants))
	tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "    LINES\tNAME\tNAME_EN\tCOUNTRY\tID")
	for _, v := range p.Variants {
		fmt.Fprintf(tw, "    %d\t%s\t%s\t%s\t%s\n", v.Lines, v.Name, v.NameEn, v.Country, v.ID)
	}
	tw.Flush()
}

func runPartiesList(ctx context.Context, cfg *config, args []string) error {
	fs := newFlags(cfg, "parties list", "[--by lines|value|risk] [--limit N] [--offset N] [WORDS]")
	by := fs.String("by", "lines", "order: lines, value or risk")
	limit := fs.Int("limit", 20, "parties per page")
	offset := fs.Int("offset", 0, "parties to skip")
	pos, err := parseInterleaved(fs, args)
	if err != nil {
		return err
	}
	f := duckdb.PartyFilter{Query: searchQuery(strings.Join(pos, " ")), Limit: *limit, Offset: *offset}
	switch *by {
	case "lines":
	case "value":
		f.Order = duckdb.ByValue
	case "risk":
		f.Order = duckdb.ByRisk
	default:
		return fmt.Errorf("parties list: --by %q: want lines, value or risk", *by)
	}
	st, err := openFor[partiesStore](ctx, cfg, "parties")
	if err != nil {
		return err
	}
	defer st.Close()
	ps, err := st.Parties(ctx, f)
	if err != nil {
		return err
	}
	tw := tabwriter.NewWriter(cfg.stdout, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "ID\tLINES\tVALUE_USD\tVARIANTS\tCOUNTRY\tNAME")
	for _, p := range ps {
		fmt.Fprintf(tw, "%d\t%d\t%.0f\t%d\t%s\t%s\n", p.ID, p.Lines, p.ValueUSD, len(p.Variants), p.Country, p.Name)
	}
	return tw.Flush()
}
