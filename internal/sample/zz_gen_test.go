package sample

import (
	"context"
	"os"
	"testing"
)

func TestZZGen(t *testing.T) {
	dir := os.Getenv("SAMPLE_DIR")
	if dir == "" {
		t.Skip()
	}
	if _, err := Generate(context.Background(), Config{Dir: dir, Rows: 200000, Seed: 1}); err != nil {
		t.Fatal(err)
	}
}
