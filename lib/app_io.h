/* lib/app_io.h: the byte I/O of the current request, FastCGI or plain CGI, and ClearSilver's hooks onto it. */
#ifndef CERTDESK_APP_IO_H
#define CERTDESK_APP_IO_H
#include <stddef.h>
#include <fcgiapp.h>

/* Installs ClearSilver's cgiwrap hooks (once per process) so that cgi_init/cgi_parse read
 * the current request. */
void io_install(void);

/* Makes rq the current request (NULL: plain CGI on stdin/stdout/environ). */
void io_set(FCGX_Request *rq);

/* The request's environment variable name, raw (NULL when unset). */
const char *io_env(const char *name);

/* Extracts the boundary parameter of a multipart/form-data content type (exact parameter
 * name, optionally quoted, 1-70 characters of RFC 2046's bchars) into out. 0 on success,
 * -1 when the type is not multipart/form-data or has no usable boundary. */
int io_multipart_boundary(const char *ctype, char *out, size_t size);

/* Writes n bytes of the response; returns 0, or -1 when the client is gone. */
int io_put(const void *buf, size_t n);

/* Reads up to n bytes of the request body; returns the count (0 at the end). */
size_t io_get(void *buf, size_t n);

/* Makes ClearSilver's read hook take the request body from the n bytes at body (already
 * read and pre-scanned) instead of the stream; NULL goes back to the stream. The buffer
 * must outlive the parse. */
void io_feed(const char *body, size_t n);

/* Makes ClearSilver's read hook take the request body from read(ctx, out, n) (bytes
 * copied, 0 at the end) instead of the stream; read NULL goes back to the stream. */
void io_feed_from(size_t (*read)(void *ctx, char *out, size_t n), void *ctx);
/* hide != 0: ClearSilver's getenv hook reports no QUERY_STRING (one the pre-scan refused
 * is never parsed); 0 shows it again. */
void io_hide_query(int hide);
/* Plain CGI only: reads and discards what is left of the request body (at most max
 * bytes), so that a server writing the body (Apache's mod_cgid) sees the whole answer
 * even when the program refused the request unread. No-op under FastCGI, whose library
 * discards unread input itself. */
void io_drain(size_t max);

/* Ends the response of a plain CGI request (flush and close stdout) so the server can
 * answer the client before deferred work runs. No-op under FastCGI. */
void io_finish_cgi(void);
#endif
