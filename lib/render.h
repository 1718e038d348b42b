/* lib/render.h: rendering a ClearSilver template with HTML escaping on, into a malloc'd string. */
#ifndef CERTDESK_RENDER_H
#define CERTDESK_RENDER_H
#include <stddef.h>
#include "cs.h"

/* Renders file (relative to dir, e.g. "login/form.cs") with data hdf; the template is
 * parsed on first use and kept for the rest of the process (a changed template needs the
 * FastCGI processes restarted). Sets in hdf
 * Config.VarEscapeMode=html, Config.TimeFooter=0, Config.WhiteSpaceStrip=0 and
 * hdf.loadpaths.0=dir, and registers ClearSilver's string functions (url_escape,
 * js_escape, html_escape, ...). On success stores the output (NUL-terminated) in *out,
 * its length in *len, and returns 0; on a template error logs it and returns -1. */
int render_page(HDF *hdf, const char *dir, const char *file, char **out, size_t *len);

/* Frees every template kept by render_page (at process exit). */
void render_forget(void);
#endif
