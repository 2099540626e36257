// Command tradetrace finds military and dual-use goods flowing into sanctioned destinations in customs data,
// and shows the evidence. Run "tradetrace help" for the commands.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"runtime/debug"
	"sort"

	"syscall"
)

// version is set at build time with -ldflags "-X main.version=…".
var version = "dev"

// config is everything the commands read from flags and the environment; it is built here and passed down.
type config struct {
	db     string
	stdout io.Writer
	stderr io.Writer
}

type command struct {
	summary string
	run     func(ctx context.Context, cfg *config, args []string) error
}

var commands = map[string]command{
	"sample":  {"generate the synthetic reference dataset in real customs layouts", runSample},
	"ingest":  {"load customs files (CSV, TSV, XLSX, JSON lines; gzip) into the store", runIngest},
	"detect":  {"run the detectors and print their findings", runDetect},
	"cases":   {"group findings into cases by party and route, ranked for triage", runCases},
	"triage":  {"mark a case or a finding new, confirmed or dismissed, with a note", runTriage},
	"runs":    {"list ingest runs and their rejected rows", runRuns},
	"export":  {"write the shipments as a CSV file in the canonical layout", runExport},
	"flows":   {"country-level flows: re-export surges from Eurostat Comext extracts", runFlows},
	"rank":    {"rank declarations for inspection from a labelled history", runRank},
	"match":   {"score name pairs with the name engine (name1,name2 → score)", runMatch},
	"parties": {"resolve shippers and consignees into parties; show a party with every variant", runParties},
	"lists":   {"load, show and compare versions of sanctions and export-control lists", runLists},
	"screen":  {"screen a name, or every party, against the loaded lists, with explanations", runScreen},
	"version": {"print the version", runVersion},
	"report":  {"write the case or party report with its evidence rows, as HTML or PDF", runReport},
	"dump":    {"export findings, parties, shipments (CSV, XLSX, JSON, FtM) or a party network (GraphML, GEXF)", runDump},
	"serve":   {"serve the investigator's workbench (web UI and JSON API) on 127.0.0.1", runServe},
}

// exitError carries an exit status other than 1.
type exitError struct{ code int }

func (e exitError) Error() string { return fmt.Sprintf("exit status %d", e.code) }

// goMemoryLimit is the Go heap's soft limit unless GOMEMLIMIT says otherwise. DuckDB keeps its own memory
// under duckdb.Config.MemoryLimit (duckMemoryLimit); without a limit the Go heap of a 10M-row detect run grew past 1 GB of
// garbage on top of that. 1 GiB made that run spend its time collecting garbage (341 s against 98 s at 1.5 GiB).
const goMemoryLimit = 1536 << 20

func main() {
	if os.Getenv("GOMEMLIMIT") == "" {
		debug.SetMemoryLimit(goMemoryLimit)
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	err := run(ctx, os.Args[1:], os.Stdout, os.Stderr)
	stop()
	var ee exitError
	switch {
	case err == nil:
	case errors.As(err, &ee):
		os.Exit(ee.code)
	case errors.Is(err, flag.ErrHelp):
		os.Exit(2)
	default:
		fmt.Fprintln(os.Stderr, "tradetrace:", err)
		os.Exit(1)
	}
}

func run(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	cfg := &config{db: os.Getenv("TRADETRACE_DB"), stdout: stdout, stderr: stderr}
	if cfg.db == "" {
		cfg.db = "tradetrace.duckdb"
	}
	fs := flag.NewFlagSet("tradetrace", flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.StringVar(&cfg.db, "db", cfg.db, "the store: a DuckDB file path (env TRADETRACE_DB)")
	fs.Usage = func() { usage(stderr) }
	if err := fs.Parse(args); err != nil {
		return err
	}
	if fs.NArg() == 0 || fs.Arg(0) == "help" || fs.Arg(0) == "-h" {
		usage(stdout)
		return nil
	}
	c, ok := commands[fs.Arg(0)]
	if !ok {
		usage(stderr)
		return fmt.Errorf("unknown command %q", fs.Arg(0))
	}
	return c.run(ctx, cfg, fs.Args()[1:])
}

func usage(w io.Writer) {
	fmt.Fprintln(w, "Usage: tradetrace [--db PATH] COMMAND [flags]")
	fmt.Fprintln(w, "\nCommands:")
	var names []string
	for n := range commands {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, n := range names {
		fmt.Fprintf(w, "  %-8s %s\n", n, commands[n].summary)
	}
	fmt.Fprintln(w, "\nRun 'tradetrace COMMAND -h' for a command's flags.")
}

// newFlags makes a command's flag set with the global --db flag repeated, so it may come after the command.
func newFlags(cfg *config, name, synopsis string) *flag.FlagSet {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(cfg.stderr)
	fs.StringVar(&cfg.db, "db", cfg.db, "the store: a DuckDB file path (env TRADETRACE_DB)")
	fs.Usage = func() {
		fmt.Fprintf(cfg.stderr, "Usage: tradetrace %s %s\n\n", name, synopsis)
		fs.PrintDefaults()
	}
	return fs
}

// parseInterleaved parses flags that may come before or after the positional arguments.
func parseInterleaved(fs *flag.FlagSet, args []string) ([]string, error) {
	var pos []string
	for {
		if err := fs.Parse(args); err != nil {
			return nil, err
		}
		args = fs.Args()
		if len(args) == 0 {
			return pos, nil
		}
		pos = append(pos, args[0])
		args = args[1:]
		if len(args) > 0 && args[0] == "--" {
			return append(pos, args[1:]...), nil
		}
		if len(args) == 0 {
			return pos, nil
		}
	}
}
