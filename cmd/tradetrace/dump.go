package main

import (
	"bufio"
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"

	"tradetrace/internal/detect"
	"tradetrace/internal/duckdb"
	"tradetrace/internal/export"
	"tradetrace/internal/report"
	"tradetrace/internal/trade"
)

const dumpSynopsis = `findings|parties|shipments [--format csv|xlsx|json|ftm] [--out FILE]
       tradetrace dump network --party N [--format graphml|gexf] [--hops 2] [--max 100] [--out FILE]`

func runDump(ctx context.Context, cfg *config, args []string) error {
	fs := newFlags(cfg, "dump", dumpSynopsis)
	format := fs.String("format", "", "csv, xlsx, json (JSON lines) or ftm (FollowTheMoney JSON lines); graphml or gexf for network")
	out := fs.String("out", "", "the file to write; standard output when empty")
	partyID := fs.Int64("party", 0, "network: the party at the centre")
	hops := fs.Int("hops", 2, "network: how many hops out from the party")
	maxNodes := fs.Int("max", 100, "network: the most parties added per hop, those with the most value first")
	pos, err := parseInterleaved(fs, args)
	if err != nil {
		return err
	}
	if len(pos) != 1 {
		fs.Usage()
		return fmt.Errorf("dump: want one of findings, parties, shipments, network")
	}
	what := pos[0]
	if *format == "" {
		*format = "csv"
		if what == "network" {
			*format = "gexf"
		}
	}
	valid := map[string][]string{
		"findings": {"csv", "xlsx", "json", "ftm"}, "parties": {"csv", "xlsx", "json", "ftm"},
		"shipments": {"csv", "xlsx", "json", "ftm"}, "network": {"graphml", "gexf"},
	}
	formats, ok := valid[what]
	if !ok {
		fs.Usage()
		return fmt.Errorf("dump: unknown table %q: want findings, parties, shipments or network", what)
	}
	if !dumpHas(formats, *format) {
		return fmt.Errorf("dump %s: format %q: want %s", what, *format, strings.Join(formats, ", "))
	}
	if what == "network" && *partyID == 0 {
		return fmt.Errorf("dump network: want --party N")
	}
	st, err := openCoreStore(ctx, cfg)
	if err != nil {
		return err
	}
	defer st.Close()
	return dumpWriteOutput(cfg, *out, func(w io.Writer) error {
		d := dumper{st: st, src: reportSource(st), format: *format, w: w}
		switch what {
		case "findings":
			return d.findings(ctx)
		case "parties":
			return d.parties(ctx)
		case "shipments":
			return d.shipments(ctx)
		}
		return d.network(ctx, *partyID, *hops, *maxNodes)
	})
}

func dumpHas(ss []string, s string) bool {
	for _, x := range ss {
		if x == s {
			return true
		}
	}
	return false
}

// dumpWriteOutput runs write on standard output, or on a temporary file renamed to path when it succeeds.
func dumpWriteOutput(cfg *config, path string, write func(io.Writer) error) error {
	if path == "" {
		b := bufio.NewWriterSize(cfg.stdout, 1<<16)
		if err := write(b); err != nil {
			return err
		}
		return b.Flush()
	}
	f, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".*")
	if err != nil {
		return fmt.Errorf("dump: %w", err)
	}
	defer os.Remove(f.Name())
	b := bufio.NewWriterSize(f, 1<<16)
	if err := write(b); err != nil {
		f.Close()
		return err
	}
	if err := b.Flush(); err != nil {
		f.Close()
		return fmt.Errorf("dump: %w", err)
	}
	if err := f.Close(); err != nil {
		return fmt.Errorf("dump: %w", err)
	}
	if err := os.Chmod(f.Name(), 0o644); err != nil {
		return fmt.Errorf("dump: %w", err)
	}
	if err := os.Rename(f.Name(), path); err != nil {
		return fmt.Errorf("dump: %w", err)
	}
	fmt.Fprintf(cfg.stderr, "written to %s\n", path)
	return nil
}

type dumper struct {
	st     coreStore
	src    reportsSource
	format string
	w      io.Writer
}

// table writes a table as CSV or XLSX.
func (d *dumper) table(t *export.Table) error {
	if d.format == "xlsx" {
		return export.WriteXLSX(d.w, t)
	}
	return export.WriteCSV(d.w, t)
}

func dumpF64(f float64) string { return strconv.FormatFloat(f, 'f', -1, 64) }

func (d *dumper) findings(ctx context.Context) error {
	fs, err := d.st.Findings(ctx, duckdb.FindingFilter{})
	if err != nil {
		return err
	}
	switch d.format {
	case "json":
		plain := make([]export.Finding, len(fs))
		for i, f := range fs {
			plain[i] = export.PlainFinding(f)
		}
		return export.WriteJSONLines(d.w, plain)
	case "ftm":
		return d.findingEntities(ctx, fs)
	}
	t := &export.Table{Name: "findings",
		Columns: []string{"id", "detector", "detector_version", "key", "score", "severity", "title", "explanation", "parties", "record_ids", "value_usd", "weight_kg"},
		Types:   []export.ColumnType{export.ColumnNumber, export.ColumnText, export.ColumnText, export.ColumnText, export.ColumnNumber, export.ColumnText, export.ColumnText, export.ColumnText, export.ColumnText, export.ColumnText, export.ColumnNumber, export.ColumnNumber}}
	for _, f := range fs {
		var ps []string
		for _, p := range f.Parties {
			ps = append(ps, p.Name+" ("+p.Role+")")
		}
		t.Rows = append(t.Rows, []string{strconv.FormatInt(f.ID, 10), f.Detector, f.DetectorVersion, f.Key, dumpF64(f.Score), f.Severity.String(),
			f.Title, f.Explanation, strings.Join(ps, "; "), strings.Join(f.Shipments, " "), dumpF64(f.ValueUSD), dumpF64(f.WeightKg)})
	}
	return d.table(t)
}

// findingEntities writes the findings as FtM Notes with the shipments they cite (Payments) and the parties
// of those shipments, so that the file stands on its own.
func (d *dumper) findingEntities(ctx context.Context, fs []trade.Finding) error {
	sp, err := d.src.ShipmentParties(ctx)
	if err != nil {
		return err
	}
	parties, err := d.src.AllParties(ctx, 0)
	if err != nil {
		return err
	}
	byID := map[int64]*report.Party{}
	for i := range parties {
		byID[parties[i].ID] = &parties[i]
	}
	written := map[string]bool{}
	var batch []export.Entity
	emit := func(e export.Entity) {
		if !written[e.ID] {
			written[e.ID] = true
			batch = append(batch, e)
		}
	}
	partyRef := func(id int64, p trade.Party) string {
		if rp := byID[id]; rp != nil {
			emit(export.PartyEntity(report.ExportParty(rp)))
			return export.PartyEntityID(id)
		}
		e := export.NameEntity(p)
		emit(e)
		return e.ID
	}
	// One read of every cited shipment: a query per finding took minutes on the sample's thousands.
	var ids []trade.ShipmentID
	for _, f := range fs {
		ids = append(ids, f.ShipmentIDs...)
	}
	ships := map[trade.ShipmentID]*trade.Shipment{}
	if err := d.st.Shipments(ctx, ids, func(s *trade.Shipment) error {
		c := *s
		ships[s.ID] = &c
		return nil
	}); err != nil {
		return err
	}
	for i := range fs {
		f := &fs[i]
		var about []string
		for _, id := range f.ShipmentIDs {
			s := ships[id]
			if s == nil {
				continue
			}
			pids := sp[s.ID]
			shipper, consignee := partyRef(pids[0], s.Shipper), partyRef(pids[1], s.Consignee)
			emit(export.ShipmentEntity(s, shipper, consignee))
			about = append(about, shipper, consignee, export.ShipmentEntityID(s.ID))
		}
		emit(export.FindingEntity(f, about))
		if err := export.WriteEntities(d.w, batch); err != nil {
			return err
		}
		batch = batch[:0]
	}
	return nil
}

func (d *dumper) parties(ctx context.Context) error {
	ps, err := d.src.AllParties(ctx, 0)
	if err != nil {
		return err
	}
	switch d.format {
	case "json":
		out := make([]export.Party, len(ps))
		for i := range ps {
			out[i] = *report.ExportParty(&ps[i])
		}
		return export.WriteJSONLines(d.w, out)
	case "ftm":
		out := make([]export.Entity, len(ps))
		for i := range ps {
			out[i] = export.PartyEntity(report.ExportParty(&ps[i]))
		}
		return export.WriteEntities(d.w, out)
	}
	t := &export.Table{Name: "parties",
		Columns: []string{"id", "name", "name_en", "country", "identifiers", "variants", "lines", "value_usd", "weight_kg", "first_seen", "last_seen", "risk", "list_matches"},
		Types:   []export.ColumnType{export.ColumnNumber, export.ColumnText, export.ColumnText, export.ColumnText, export.ColumnText, export.ColumnText, export.ColumnNumber, export.ColumnNumber, export.ColumnNumber, export.ColumnText, export.ColumnText, export.ColumnNumber, export.ColumnText}}
	for i := range ps {
		ep := report.ExportParty(&ps[i])
		t.Rows = append(t.Rows, []string{strconv.FormatInt(ep.ID, 10), ep.Name, ep.NameEn, ep.Country, strings.Join(ps[i].Identifiers, "; "),
			strings.Join(ep.Variants, "; "), strconv.FormatInt(ep.Lines, 10), dumpF64(ep.ValueUSD), dumpF64(ep.WeightKg), ep.FirstSeen, ep.LastSeen,
			dumpF64(ep.Risk), strings.Join(ep.Matches, "; ")})
	}
	return d.table(t)
}

// dumpShipmentColumns are the canonical layout's columns (PRODUCT.md) and the provenance of each row.
var dumpShipmentColumns = []string{"record_id", "date", "direction", "reporter", "declaration_no", "shipper_name", "shipper_address",
	"shipper_country", "shipper_id", "consignee_name", "consignee_address", "consignee_country", "consignee_id", "origin_country",
	"dispatch_country", "destination_country", "hs_code", "description", "brand", "manufacturer", "quantity", "unit",
	"gross_weight_kg", "net_weight_kg", "value", "currency", "value_usd", "file", "row", "run"}

func dumpShipmentRow(s *trade.Shipment) []string {
	return []string{s.RecordID, s.Date.Format("2006-01-02"), s.Direction.String(), string(s.Reporter), s.DeclarationNo,
		s.Shipper.DisplayName(), s.Shipper.Address, string(s.Shipper.Country), s.Shipper.ID,
		s.Consignee.DisplayName(), s.Consignee.Address, string(s.Consignee.Country), s.Consignee.ID,
		string(s.Origin), string(s.Dispatch), string(s.Destination), string(s.HS), s.Description, s.Brand, s.Manufacturer,
		s.Quantity.String(), s.Unit, s.GrossWeightKg.String(), s.NetWeightKg.String(), s.Value.String(), s.Currency, s.ValueUSD.String(),
		s.Prov.File, strconv.FormatInt(s.Prov.Row, 10), strconv.FormatInt(int64(s.Prov.Run), 10)}
}

func (d *dumper) shipments(ctx context.Context) error {
	switch d.format {
	case "csv":
		cw, err := export.NewCSVWriter(d.w, "shipments", dumpShipmentColumns)
		if err != nil {
			return err
		}
		if err := d.st.ScanShipments(ctx, detect.Filter{}, func(s *trade.Shipment) error { return cw.Write(dumpShipmentRow(s)) }); err != nil {
			return err
		}
		return cw.Flush()
	case "json":
		return d.st.ScanShipments(ctx, detect.Filter{}, func(s *trade.Shipment) error {
			row := dumpShipmentRow(s)
			obj := make(map[string]string, len(row))
			for i, c := range dumpShipmentColumns {
				if row[i] != "" {
					obj[c] = row[i]
				}
			}
			return export.WriteJSONLines(d.w, []map[string]string{obj})
		})
	case "ftm":
		sp, err := d.src.ShipmentParties(ctx)
		if err != nil {
			return err
		}
		seen := map[string]bool{}
		return d.st.ScanShipments(ctx, detect.Filter{}, func(s *trade.Shipment) error {
			ids := sp[s.ID]
			var es []export.Entity
			ref := func(id int64, p trade.Party) string {
				if id != 0 {
					return export.PartyEntityID(id) // the parties themselves: tradetrace dump parties --format ftm
				}
				e := export.NameEntity(p)
				if !seen[e.ID] {
					seen[e.ID] = true
					es = append(es, e)
				}
				return e.ID
			}
			shipper, consignee := ref(ids[0], s.Shipper), ref(ids[1], s.Consignee)
			es = append(es, export.ShipmentEntity(s, shipper, consignee))
			return export.WriteEntities(d.w, es)
		})
	}
	types := make([]export.ColumnType, len(dumpShipmentColumns))
	for i, c := range dumpShipmentColumns {
		switch c {
		case "quantity", "gross_weight_kg", "net_weight_kg", "value", "value_usd", "row", "run":
			types[i] = export.ColumnNumber
		default:
			types[i] = export.ColumnText
		}
	}
	t := &export.Table{Name: "shipments", Columns: dumpShipmentColumns, Types: types}
	err := d.st.ScanShipments(ctx, detect.Filter{}, func(s *trade.Shipment) error {
		if len(t.Rows)+1 >= export.MaxXLSXRows {
			return fmt.Errorf("dump shipments: more than %d rows do not fit a sheet; use --format csv", export.MaxXLSXRows-1)
		}
		t.Rows = append(t.Rows, dumpShipmentRow(s))
		return nil
	})
	if err != nil {
		return err
	}
	return d.table(t)
}

func (d *dumper) network(ctx context.Context, id int64, hops, maxNodes int) error {
	n, err := d.src.Network(ctx, id, hops, maxNodes)
	if err != nil {
		return err
	}
	g := report.NetworkGraph(n)
	if d.format == "graphml" {
		return export.WriteGraphML(d.w, g)
	}
	return export.WriteGEXF(d.w, g)
}
