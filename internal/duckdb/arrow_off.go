//go:build !duckdb_arrow

package duckdb

import (
	"context"
	"errors"

	"tradetrace/internal/trade"
)

// Built without the duckdb_arrow tag, rows go to DuckDB as text (stream.go).

const arrowLoad = false

type arrowRows struct{}

var errNoArrow = errors.New("built without Arrow")

func (l *loader) startArrow(context.Context) error { return errNoArrow }
func (l *loader) addArrow(*trade.Shipment) error   { return errNoArrow }
func (l *loader) endArrow() error                  { return errNoArrow }
func (l *loader) abandonArrow()                    {}
func (l *loader) closeArrow()                      {}
func (l *loader) arrowLoaded()                     {}
