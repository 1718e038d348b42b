/* lib/svgchart.c: the geometry of server-rendered SVG bar charts (bars, gridlines, labels) laid out into the page data for a template to draw. */
#include <stdio.h>
#include "svgchart.h"

#define LEFT 64		/* room for the gridline labels */
#define RIGHT 8
#define TOP 12
#define BOTTOM 30	/* room for the axis labels */
#define TICKS 4
#define LABEL_ROOM 56	/* the width an axis label needs, in user units */

/* Sets prefix.name (name a constant) to the number v with one decimal. */
static void set_num(HDF *hdf, const char *prefix, const char *name, double v)
{
	char key[200], val[32];

	snprintf(key, sizeof(key), "%s.%s", prefix, name);
	snprintf(val, sizeof(val), "%.1f", v);
	hdf_set_value(hdf, key, val);
}

/* Sets prefix.list.i.name to value. */
static void set_item(HDF *hdf, const char *prefix, const char *list, int i, const char *name, const char *value)
{
	char key[200];

	snprintf(key, sizeof(key), "%s.%s.%d.%s", prefix, list, i, name);
	hdf_set_value(hdf, key, value);
}

/* The gridline step in display units: the smallest 1, 2 or 5 × 10^k with TICKS steps
 * reaching top (at least 1). */
static int64_t nice_step(int64_t top)
{
	int64_t scale = 1;

	for (;;) {
		if (scale * TICKS >= top)
			return scale;
		if (2 * scale * TICKS >= top)
			return 2 * scale;
		if (5 * scale * TICKS >= top)
			return 5 * scale;
		scale *= 10;
	}
}

void svgchart_bars(HDF *hdf, const char *prefix, const struct svgchart_bar *bars, int n, int width,
    int height, int64_t divisor)
{
	double pw = width - LEFT - RIGHT, ph = height - TOP - BOTTOM, slot, axis;
	int64_t max = 0, step;
	char sub[160], val[32];
	int i, every;

	for (i = 0; i < n; i++)
		if (bars[i].value > max)
			max = bars[i].value;
	step = nice_step((max + divisor - 1) / divisor);
	axis = (double)(step * TICKS * divisor);
	slot = n > 0 ? pw / n : pw;
	every = (int)(LABEL_ROOM / slot) + 1;
	set_num(hdf, prefix, "Width", width);
	set_num(hdf, prefix, "Height", height);
	set_num(hdf, prefix, "Left", LEFT);
	set_num(hdf, prefix, "Right", width - RIGHT);
	set_num(hdf, prefix, "Top", TOP);
	set_num(hdf, prefix, "Bottom", TOP + ph);
	set_num(hdf, prefix, "LabelY", TOP + ph + 20);
	set_num(hdf, prefix, "TickX", LEFT - 6);
	for (i = 0; i <= TICKS; i++) {
		snprintf(sub, sizeof(sub), "%s.Ticks.%d", prefix, i);
		set_num(hdf, sub, "Y", TOP + ph - ph * i / TICKS);
		snprintf(val, sizeof(val), "%lld", (long long)(step * i));
		set_item(hdf, prefix, "Ticks", i, "Label", val);
	}
	for (i = 0; i < n; i++) {
		double h = bars[i].value > 0 ? ph * (double)bars[i].value / axis : 0;
		snprintf(sub, sizeof(sub), "%s.Bars.%d", prefix, i);
		set_num(hdf, sub, "X", LEFT + slot * i + slot * 0.15);
		set_num(hdf, sub, "W", slot * 0.7);
		set_num(hdf, sub, "Y", TOP + ph - h);
		set_num(hdf, sub, "H", h);
		set_num(hdf, sub, "TextX", LEFT + slot * i + slot / 2);
		set_item(hdf, prefix, "Bars", i, "Label", bars[i].label);
		set_item(hdf, prefix, "Bars", i, "Text", bars[i].text);
		if ((n - 1 - i) % every == 0)
			set_item(hdf, prefix, "Bars", i, "LabelShown", "1");
	}
}
