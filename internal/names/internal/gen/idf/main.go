// Command idf generates internal/names/data/idf.txt.gz, the document frequency of name tokens on the
// sanctions and export-control lists in shared/data/lists: for every token key (a phonetic key, or a symbol
// group such as "@co"), the number of distinct list names containing it. The names package turns it into
// token weights by inverse document frequency.
//
//	go run ./internal/names/internal/gen/idf -lists ../shared/data/lists -out internal/names/data/idf.txt.gz
//
// Run it again whenever the tokenisation or the phonetic key of the names package changes: the keys must be
// the ones the package computes.
package main

import (
	"bufio"
	"compress/gzip"
	"encoding/csv"
	"encoding/xml"
	"flag"
	"fmt"
	"io"
	"log"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"

	"tradetrace/internal/names"
)

func main() {
	lists := flag.String("lists", "../shared/data/lists", "folder of shared/data/lists")
	out := flag.String("out", "internal/names/data/idf.txt.gz", "output file")
	minCount := flag.Int("min", 2, "keys seen fewer times are left out (they weigh as unseen keys)")
	flag.Parse()
	if err := run(*lists, *out, *minCount); err != nil {
		log.Fatal(err)
	}
}

type entry struct {
	name string
	kind names.Kind
}

func run(dir, out string, minCount int) error {
	var all []entry
	for _, src := range []func(string) ([]entry, error){readSDN, readConsolidated, readEU, readUN, readCSVCols} {
		es, err := src(dir)
		if err != nil {
			return err
		}
		all = append(all, es...)
	}
	seen := map[string]bool{}
	df := map[string]int{}
	total := 0
	for _, e := range all {
		key := strings.ToLower(strings.TrimSpace(e.name))
		if key == "" || seen[key] {
			continue
		}
		seen[key] = true
		total++
		for _, k := range names.Prepare(e.name, names.Options{Kind: e.kind}).FrequencyKeys() {
			df[k]++
		}
	}
	keys := make([]string, 0, len(df))
	for k, n := range df {
		if n >= minCount {
			keys = append(keys, k)
		}
	}
	sort.Strings(keys)
	f, err := os.Create(out)
	if err != nil {
		return fmt.Errorf("create %s: %w", out, err)
	}
	zw, err := gzip.NewWriterLevel(f, gzip.BestCompression)
	if err != nil {
		return fmt.Errorf("gzip: %w", err)
	}
	w := bufio.NewWriter(zw)
	fmt.Fprintf(w, "# document frequency of name token keys on the lists of shared/data/lists (internal/gen/idf)\n")
	fmt.Fprintf(w, "# names %d\n", total)
	for _, k := range keys {
		fmt.Fprintf(w, "%s\t%d\n", k, df[k])
	}
	if err := w.Flush(); err != nil {
		return fmt.Errorf("write: %w", err)
	}
	if err := zw.Close(); err != nil {
		return fmt.Errorf("close gzip: %w", err)
	}
	log.Printf("%d names, %d keys (%d seen at least %d times)", total, len(df), len(keys), minCount)
	return f.Close()
}

func openCSV(path string) (*csv.Reader, *os.File, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, nil, fmt.Errorf("open %s: %w", path, err)
	}
	r := csv.NewReader(f)
	r.FieldsPerRecord = -1
	r.LazyQuotes = true
	return r, f, nil
}

func kindOfSDNType(t string) names.Kind {
	switch strings.TrimSpace(t) {
	case "individual":
		return names.KindPerson
	case "vessel", "aircraft":
		return names.KindVessel
	}
	return names.KindOrganization
}

// readSDN reads OFAC's SDN primary names and the aliases of alt.csv (2024 and 2019 sets, the aux 2025 aliases).
func readSDN(dir string) ([]entry, error) {
	var out []entry
	kinds := map[string]names.Kind{}
	for _, p := range []string{"ofac_sdn_2024-05-03/sdn.csv", "ofac_sdn_static_2019/sdn.csv"} {
		r, f, err := openCSV(filepath.Join(dir, p))
		if err != nil {
			return nil, err
		}
		for {
			rec, err := r.Read()
			if err == io.EOF {
				break
			}
			if err != nil || len(rec) < 3 {
				continue
			}
			k := kindOfSDNType(rec[2])
			kinds[rec[0]] = k
			out = append(out, entry{rec[1], k})
		}
		f.Close()
	}
	for _, p := range []string{"ofac_sdn_aux_2025-12-24/alt.csv", "ofac_sdn_static_2019/alt.csv"} {
		r, f, err := openCSV(filepath.Join(dir, p))
		if err != nil {
			return nil, err
		}
		for {
			rec, err := r.Read()
			if err == io.EOF {
				break
			}
			if err != nil || len(rec) < 4 {
				continue
			}
			out = append(out, entry{rec[3], kinds[rec[0]]})
		}
		f.Close()
	}
	return out, nil
}

// readConsolidated reads OFAC's consolidated non-SDN list.
func readConsolidated(dir string) ([]entry, error) {
	kinds := map[string]names.Kind{}
	var out []entry
	for i, p := range []string{"ofac_non_sdn_cons_2025-12-19/cons_prim.csv", "ofac_non_sdn_cons_2025-12-19/cons_alt.csv"} {
		r, f, err := openCSV(filepath.Join(dir, p))
		if err != nil {
			return nil, err
		}
		for {
			rec, err := r.Read()
			if err == io.EOF {
				break
			}
			if err != nil || len(rec) < 4 {
				continue
			}
			if i == 0 {
				kinds[rec[0]] = kindOfSDNType(rec[2])
				out = append(out, entry{rec[1], kinds[rec[0]]})
			} else {
				out = append(out, entry{rec[3], kinds[rec[0]]})
			}
		}
		f.Close()
	}
	return out, nil
}

var parens = regexp.MustCompile(`\(([^()]*)\)`)

// splitNames cuts a multi-valued cell ("a; b (б)") into names, parenthesised originals included.
func splitNames(cell string) []string {
	var out []string
	for _, part := range strings.Split(cell, ";") {
		for _, m := range parens.FindAllStringSubmatch(part, -1) {
			out = append(out, m[1])
		}
		if p := strings.TrimSpace(parens.ReplaceAllString(part, " ")); p != "" {
			out = append(out, p)
		}
	}
	return out
}

// readEU reads the EU regulations 269/2014 and 833/2014: names, aliases, weak aliases, previous names.
func readEU(dir string) ([]entry, error) {
	var out []entry
	for _, p := range []string{"eu_reg_269_833_2026-08/32014R0269.csv", "eu_reg_269_833_2026-08/32014R0833.csv"} {
		r, f, err := openCSV(filepath.Join(dir, p))
		if err != nil {
			return nil, err
		}
		header, err := r.Read()
		if err != nil {
			f.Close()
			return nil, fmt.Errorf("read %s: %w", p, err)
		}
		col := map[string]int{}
		for i, h := range header {
			col[h] = i
		}
		for {
			rec, err := r.Read()
			if err == io.EOF {
				break
			}
			if err != nil {
				continue
			}
			k := names.KindOf(rec[col["schema"]])
			for _, c := range []string{"name", "alias", "weakAlias", "previousName"} {
				for _, n := range splitNames(rec[col[c]]) {
					out = append(out, entry{n, k})
				}
			}
		}
		f.Close()
	}
	return out, nil
}

// readUN reads the UN consolidated list XML: individuals' name parts joined, entities' names, aliases and
// names in original script.
func readUN(dir string) ([]entry, error) {
	f, err := os.Open(filepath.Join(dir, "un_consolidated_2026-02/UN_consolidated.xml"))
	if err != nil {
		return nil, fmt.Errorf("open UN list: %w", err)
	}
	defer f.Close()
	var doc struct {
		Individuals []struct {
			First    string `xml:"FIRST_NAME"`
			Second   string `xml:"SECOND_NAME"`
			Third    string `xml:"THIRD_NAME"`
			Fourth   string `xml:"FOURTH_NAME"`
			Original string `xml:"NAME_ORIGINAL_SCRIPT"`
			Aliases  []struct {
				Name string `xml:"ALIAS_NAME"`
			} `xml:"INDIVIDUAL_ALIAS"`
		} `xml:"INDIVIDUALS>INDIVIDUAL"`
		Entities []struct {
			First    string `xml:"FIRST_NAME"`
			Original string `xml:"NAME_ORIGINAL_SCRIPT"`
			Aliases  []struct {
				Name string `xml:"ALIAS_NAME"`
			} `xml:"ENTITY_ALIAS"`
		} `xml:"ENTITIES>ENTITY"`
	}
	if err := xml.NewDecoder(f).Decode(&doc); err != nil {
		return nil, fmt.Errorf("parse UN list: %w", err)
	}
	var out []entry
	for _, in := range doc.Individuals {
		full := strings.Join(strings.Fields(strings.Join([]string{in.First, in.Second, in.Third, in.Fourth}, " ")), " ")
		out = append(out, entry{full, names.KindPerson}, entry{in.Original, names.KindPerson})
		for _, a := range in.Aliases {
			out = append(out, entry{a.Name, names.KindPerson})
		}
	}
	for _, en := range doc.Entities {
		out = append(out, entry{en.First, names.KindOrganization}, entry{en.Original, names.KindOrganization})
		for _, a := range en.Aliases {
			out = append(out, entry{a.Name, names.KindOrganization})
		}
	}
	return out, nil
}

// readCSVCols reads the name columns of the DoD 1260H list, BIS MIEU and the PRC counter-sanctions list.
func readCSVCols(dir string) ([]entry, error) {
	var out []entry
	for _, src := range []struct {
		path string
		cols []string
	}{
		{"us_dod_1260h_bis_mieu/dod_1260h_chinese_military_companies.csv", []string{"Clean Name", "Alias", "Previous Name"}},
		{"us_dod_1260h_bis_mieu/bis_mieu.csv", []string{"Name", "Alias"}},
		{"us_dod_1260h_bis_mieu/cn_mofcom_countersanctions.csv", []string{"Name", "Alias", "Chinese name"}},
	} {
		r, f, err := openCSV(filepath.Join(dir, src.path))
		if err != nil {
			return nil, err
		}
		header, err := r.Read()
		if err != nil {
			f.Close()
			return nil, fmt.Errorf("read %s: %w", src.path, err)
		}
		col := map[string]int{}
		for i, h := range header {
			col[h] = i
		}
		for {
			rec, err := r.Read()
			if err == io.EOF {
				break
			}
			if err != nil {
				continue
			}
			k := names.KindOrganization
			if i, ok := col["Type"]; ok && i < len(rec) {
				k = names.KindOf(rec[i])
			}
			for _, c := range src.cols {
				if i, ok := col[c]; ok && i < len(rec) {
					for _, n := range splitNames(rec[i]) {
						out = append(out, entry{n, k})
					}
				}
			}
		}
		f.Close()
	}
	return out, nil
}
