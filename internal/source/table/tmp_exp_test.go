package table

import (
	"bytes"
	"encoding/csv"
	"io"
	"testing"
)

func BenchmarkExpNoQuotes(b *testing.B) {
	data := bytes.ReplaceAll(benchCSV(), []byte{'"'}, []byte{'\''})
	// commas inside former quoted fields now split fields: keep rows consistent by using a delimiter-free copy
	data = bytes.ReplaceAll(data, []byte(", "), []byte("; "))
	b.Run("table", func(b *testing.B) {
		b.SetBytes(int64(len(data)))
		for b.Loop() {
			r, _ := New(bytes.NewReader(data), "x.csv", Options{ReuseRecord: true})
			for {
				_, err := r.Next()
				if err != nil {
					break
				}
			}
		}
	})
	b.Run("stdlib", func(b *testing.B) {
		b.SetBytes(int64(len(data)))
		for b.Loop() {
			cr := csv.NewReader(bytes.NewReader(data))
			cr.ReuseRecord = true
			cr.FieldsPerRecord = -1
			for {
				_, err := cr.Read()
				if err == io.EOF {
					break
				}
			}
		}
	})
}
