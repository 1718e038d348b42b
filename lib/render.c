/* lib/render.c: ClearSilver template rendering with escaping forced on for every page, each template parsed once per process. */
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

/* A template parsed once per process and rendered for every request: its parse tree was
 * made against hdf (the escaping mode and the load path, read when parsing), and renders
 * with the request's data swapped in (ClearSilver looks variables up in parse->hdf when it
 * renders; includes are constant, resolved when parsing). */
struct parsed {
	char *dir, *file;
	HDF *hdf;
	CSPARSE *cs;
	struct parsed *next;
};

static struct parsed *parsed;

/* Frees one cached template. */
static void parsed_free(struct parsed *p)
{
	cs_destroy(&p->cs);
	hdf_destroy(&p->hdf);
	free(p->dir);
	free(p->file);
	free(p);
}

/* Sets the configuration every render needs in hdf. */
static NEOERR *render_config(HDF *hdf, const char *dir)
{
	NEOERR *err = hdf_set_value(hdf, "Config.VarEscapeMode", "html");

	if (err == STATUS_OK)
		err = hdf_set_value(hdf, "Config.TimeFooter", "0");
	if (err == STATUS_OK)
		err = hdf_set_value(hdf, "Config.WhiteSpaceStrip", "0");
	if (err == STATUS_OK)
		err = hdf_set_value(hdf, "Config.DebugEnabled", "0");
	if (err == STATUS_OK)
		err = hdf_set_value(hdf, "hdf.loadpaths.0", dir);
	return err;
}

/* The cached parse of dir/file, parsing it on first use; NULL after logging. */
static struct parsed *parsed_get(const char *dir, const char *file)
{
	struct parsed *p;
	NEOERR *err;

	for (p = parsed; p; p = p->next)
		if (strcmp(p->file, file) == 0 && strcmp(p->dir, dir) == 0)
			return p;
	p = calloc(1, sizeof(*p));
	if (!p || !(p->dir = strdup(dir)) || !(p->file = strdup(file))) {
		if (p) {
			free(p->dir);
			free(p);
		}
		log_error("template %s: out of memory", file);
		return NULL;
	}
	err = hdf_init(&p->hdf);
	if (err == STATUS_OK)
		err = render_config(p->hdf, dir);
	if (err == STATUS_OK)
		err = cs_init(&p->cs, p->hdf);
	if (err == STATUS_OK)
		err = cgi_register_strfuncs(p->cs);
	if (err == STATUS_OK)
		err = cs_parse_file(p->cs, file);
	if (err != STATUS_OK) {
		render_log(err, file);
		parsed_free(p);
		return NULL;
	}
	p->next = parsed;
	parsed = p;
	return p;
}

void render_forget(void)
{
	while (parsed) {
		struct parsed *next = parsed->next;
		parsed_free(parsed);
		parsed = next;
	}
}

int render_page(HDF *hdf, const char *dir, const char *file, char **out, size_t *len)
{
	struct parsed *p, **pp;
	STRING str;
	NEOERR *err;

	*out = NULL;
	*len = 0;
	err = render_config(hdf, dir);
	if (err != STATUS_OK) {
		render_log(err, file);
		return -1;
	}
	p = parsed_get(dir, file);
	if (!p)
		return -1;
	string_init(&str);
	p->cs->hdf = hdf;
	err = cs_render(p->cs, &str, render_append);
	p->cs->hdf = p->hdf;
	if (err != STATUS_OK) {
		/* A render that failed half-way may leave state behind: parse it again next time. */
		for (pp = &parsed; *pp != p; pp = &(*pp)->next)
			;
		*pp = p->next;
		parsed_free(p);
		render_log(err, file);
		string_clear(&str);
		return -1;
	}
	*out = str.buf ? str.buf : strdup("");
	*len = (size_t)str.len;
	return *out ? 0 : -1;
}
