package report

import (
	"fmt"
	"math"
)

// Chart is a bar chart drawn as inline SVG (no script, no external resource), one bar per bucket.
type Chart struct {
	Width, Height float64
	Bars          []Bar
	Max           string // the value the top of the scale stands for
	Empty         bool
}

// Bar is one bar of a Chart, in SVG user units.
type Bar struct {
	X, Y, W, H float64
	Label      string // shown under some bars
	ShowLabel  bool
	Title      string // the tooltip: label and value
}

// chartHeight is the drawing height of the bars; labels go below.
const chartHeight = 120

// BarChart draws the buckets' values. Months without lines between the first and the last are not filled
// in: the caller passes the buckets it wants drawn.
func BarChart(bs []Bucket) Chart {
	c := Chart{Width: 680, Height: chartHeight + 28}
	if len(bs) == 0 {
		c.Empty = true
		return c
	}
	top := 0.0
	for _, b := range bs {
		top = math.Max(top, b.ValueUSD)
	}
	if top <= 0 {
		top = 1
	}
	c.Max = Money(top)
	step := (c.Width - 10) / float64(len(bs))
	every := int(math.Ceil(float64(len(bs)) / 12))
	for i, b := range bs {
		h := math.Max(0, b.ValueUSD) / top * chartHeight
		c.Bars = append(c.Bars, Bar{
			X: 5 + float64(i)*step + step*0.1, W: math.Min(math.Max(step*0.8, 0.5), 48), Y: chartHeight - h, H: h,
			Label: b.Label, ShowLabel: i%every == 0,
			Title: fmt.Sprintf("%s: %s, %d lines", b.Label, Money(b.ValueUSD), b.Lines),
		})
	}
	return c
}

// LabelY is where bar labels sit.
func (c Chart) LabelY() float64 { return chartHeight + 16 }
