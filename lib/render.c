/* lib/render.c: ClearSilver template rendering with escaping forced on for every page. */
#include <stdlib.h>
#include <string.h>
#include "render.h"
#include "log.h"

/* Appends rendered text to the STRING passed as ctx (cs_render's output callback). */
static NEOERR *render_append(void *ctx, char *text)
{
	return string_append((STRING *)ctx, text);
}

/* Logs a ClearSilver error without passing its text as a format, then frees it. */
static void render_log(NEOERR *err, const char *file)
{
	STRING msg;

	string_init(&msg);
	nerr_error_string(err, &msg);
	log_error("template %s: %s", file, msg.buf ? msg.buf : "?");
	string_clear(&msg);
	nerr_ignore(&err);
}

int render_page(HDF *hdf, const char *dir, const char *file, char **out, size_t *len)
{
	CSPARSE *cs = NULL;
	STRING str;
	NEOERR *err;

	*out = NULL;
	*len = 0;
	string_init(&str);
	err = hdf_set_value(hdf, "Config.VarEscapeMode", "html");
	if (err == STATUS_OK)
		err = hdf_set_value(hdf, "Config.TimeFooter", "0");
	if (err == STATUS_OK)
		err = hdf_set_value(hdf, "Config.WhiteSpaceStrip", "0");
	if (err == STATUS_OK)
		err = hdf_set_value(hdf, "Config.DebugEnabled", "0");
	if (err == STATUS_OK)
		err = hdf_set_value(hdf, "hdf.loadpaths.0", dir);
	if (err == STATUS_OK)
		err = cs_init(&cs, hdf);
	if (err == STATUS_OK)
		err = cgi_register_strfuncs(cs);
	if (err == STATUS_OK)
		err = cs_parse_file(cs, file);
	if (err == STATUS_OK)
		err = cs_render(cs, &str, render_append);
	cs_destroy(&cs);
	if (err != STATUS_OK) {
		render_log(err, file);
		string_clear(&str);
		return -1;
	}
	*out = str.buf ? str.buf : strdup("");
	*len = (size_t)str.len;
	return *out ? 0 : -1;
}
