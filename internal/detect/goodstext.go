package detect

import (
	"context"
	"strconv"
	"strings"

	"tradetrace/internal/goods"
	"tradetrace/internal/trade"
)

// GoodsReaderVersion names what ClassifyGoods returns: the goods classifier's version and this adapter's. A
// stored reading made under another version is read again.
const GoodsReaderVersion = goods.Version + "+classes/1"

// TextReadings is implemented by stores that keep what each line's text reads as (the DuckDB store's ReadGoods
// runs ClassifyGoods once over every new ingest run): the military detector looks the readings up rather than
// classifying millions of descriptions on every run.
type TextReadings interface {
	// TextClasses calls fn, in no particular order, with the stored classes of each line the filter selects
	// whose text reads as a controlled class (lines with none are not called). ok is false, and fn is never
	// called, when the stored reading does not cover every complete run under this version.
	TextClasses(ctx context.Context, version string, f Filter, fn func(id trade.ShipmentID, cs []TextClass) error) (ok bool, err error)
}

// ReadScanner is implemented by stores that can add the lines whose stored reading (TextReadings) names some
// classes to a scan, in the same pass: the military detector reads the lines its HS codes select and the lines
// its text readings select in one scan, where reading the second kind by id would visit the table again for each.
type ReadScanner interface {
	// ScanShipmentsRead calls fn, in no particular order, for each shipment the filter selects, and for each
	// shipment the filter selects without its HS prefixes whose stored reading under this version names one of
	// these classes. ok is false, and fn is never called, when the stored reading does not cover every complete
	// run under this version.
	ScanShipmentsRead(ctx context.Context, version string, classes []string, f Filter, fn func(*trade.Shipment) error) (ok bool, err error)
}

// ReadScanAheader is implemented by stores that run the ReadScanner's scan while the stored readings are read:
// the military detector needs them all before it reads a line, and a store whose queries run to their end
// before their first row (DuckDB's) would otherwise leave the scan to begin only then. ScanReadAhead calls
// readings as TextClasses does for rf, then fn as ScanShipmentsRead does for classes and f; ok is false, and
// neither is called, when the stored reading does not cover every complete run under this version or the
// store cannot scan f so (then the caller reads as without it).
type ReadScanAheader interface {
	ScanReadAhead(ctx context.Context, version string, rf Filter, readings func(id trade.ShipmentID, cs []TextClass) error,
		classes []string, f Filter, fn func(*trade.Shipment) error) (ok bool, err error)
}

// ClassifyGoods is the Classify function of the military detector as the command wires it: the classes a
// shipment's description, brand and maker read as, with the words that decided each. It is safe for concurrent
// use.
func ClassifyGoods(t *Text) []TextClass {
	r := goods.ClassifyFields(t.Description, t.DescriptionEn, t.Brand, t.Manufacturer)
	var out []TextClass
	for _, sc := range r.Scores {
		if sc.Score < goods.Threshold || sc.Class == goods.Civilian {
			continue
		}
		var words []string
		for _, e := range r.Evidence {
			if e.Class == sc.Class && len(words) < 4 {
				words = append(words, strconv.Quote(e.Text))
			}
		}
		out = append(out, TextClass{Class: string(sc.Class), Military: true, Weight: sc.Score,
			Evidence: strings.Join(words, ", ")})
	}
	return out
}
