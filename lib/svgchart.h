/* lib/svgchart.h: the geometry of server-rendered SVG bar charts (bars, gridlines, labels) laid out into the page data for a template to draw. */
#ifndef CERTDESK_SVGCHART_H
#define CERTDESK_SVGCHART_H
#include <stdint.h>
#include "cs.h"

/* One bar: its axis label, its value (>= 0, in the chart's unit), and the value as shown. */
struct svgchart_bar {
	const char *label;
	int64_t value;
	const char *text;
};

/* Lays out a bar chart of n bars in a viewBox of width × height into hdf under prefix:
 * Width, Height, the plot area Left, Right, Top, Bottom; Bars.N.{X, Y, W, H, Label, Text,
 * TextX} with LabelShown = 1 on every step-th bar counted back from the last (the step
 * chosen so that axis labels do not collide); Ticks.N.{Y, Label} for gridlines at round multiples of the
 * axis maximum, labelled in units of value / divisor (e.g. 100 for fen shown as yuan).
 * Values below zero are drawn as zero. */
void svgchart_bars(HDF *hdf, const char *prefix, const struct svgchart_bar *bars, int n, int width,
    int height, int64_t divisor);
#endif
