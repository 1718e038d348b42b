/* lib/app_resp.c: writing responses: status line, security headers, cookies, pages, redirects, files, error pages. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "app_int.h"
#include "storage.h"
#include "app_io.h"
#include "cfg.h"
#include "log.h"
#include "render.h"

/* The most of an unread request body a plain CGI program reads away before answering. */
#define CGI_DRAIN_MAX (64 * 1024 * 1024)

/* The reason phrase of status. */
static const char *status_text(int status)
{
	switch (status) {
	case 200: return "OK";
	case 303: return "See Other";
	case 400: return "Bad Request";
	case 403: return "Forbidden";
	case 404: return "Not Found";
	case 405: return "Method Not Allowed";
	case 413: return "Payload Too Large";
	case 422: return "Unprocessable Entity";
	case 429: return "Too Many Requests";
	case 503: return "Service Unavailable";
	default: return status >= 500 ? "Internal Server Error" : "Error";
	}
}

/* The default Chinese message of an error status. */
static const char *status_message(int status)
{
	switch (status) {
	case 400: return "请求格式有误，请返回后重试";
	case 403: return "请求已失效，请刷新页面后重试";
	case 404: return "您访问的页面不存在";
	case 405: return "不支持该请求方式";
	case 413: return "提交的内容过大，请压缩文件后重试";
	case 422: return "提交的内容有误，请检查后重试";
	case 429: return "操作过于频繁，请稍后再试";
	case 503: return "系统维护中，请稍后再试";
	default: return "服务器内部错误，请稍后再试";
	}
}

/* Copies s into out without CR, LF or other control characters (header safety). */
static void header_clean(const char *s, char *out, size_t size)
{
	size_t n = 0;

	for (; *s && n + 1 < size; s++)
		if ((unsigned char)*s >= 0x20 && *s != 0x7f)
			out[n++] = *s;
	out[n] = '\0';
}

/* Writes the status line, the security headers, cookies and extra (pre-cleaned) headers. */
static void write_head(struct req *r, int status, const char *ctype, const char *extra)
{
	char head[4096];
	int n, i;

	n = snprintf(head, sizeof(head),
	    "Status: %d %s\r\n"
	    "Content-Type: %s\r\n"
	    "Content-Security-Policy: default-src 'self'; img-src 'self' blob:; "
	    "frame-ancestors 'none'; form-action 'self'; base-uri 'self'; object-src 'none'\r\n"
	    "X-Content-Type-Options: nosniff\r\n"
	    "Referrer-Policy: same-origin\r\n"
	    "X-Frame-Options: DENY\r\n"
	    "Cache-Control: no-store\r\n"
	    "%s%s",
	    status, status_text(status), ctype, status == 405 ? "Allow: GET, POST\r\n" : "",
	    extra ? extra : "");
	if (n < 0 || (size_t)n >= sizeof(head))
		n = 0;
	io_drain(CGI_DRAIN_MAX);
	io_put(head, (size_t)n);
	for (i = 0; i < r->ncookies; i++) {
		io_put("Set-Cookie: ", 12);
		io_put(r->cookies[i], strlen(r->cookies[i]));
		io_put("\r\n", 2);
	}
	io_put("\r\n", 2);
	r->responded = 1;
	r->status = status;
	log_info("%s %s%s -> %d", r->method, r->app->program, r->path, status);
}

void resp_cookie(struct req *r, const char *name, const char *value, long max_age)
{
	char age[32] = "";
	char *c;

	if (r->ncookies >= MAX_COOKIES)
		return;
	if (max_age >= 0)
		snprintf(age, sizeof(age), "; Max-Age=%ld", max_age);
	if (asprintf(&c, "%s=%s; Path=/; HttpOnly; SameSite=Lax%s%s", name, value, age,
	    cfg_https() ? "; Secure" : "") >= 0)
		r->cookies[r->ncookies++] = c;
}

void resp_plain(struct req *r, int status, const char *text)
{
	if (r->responded)
		return;
	write_head(r, status, "text/plain; charset=utf-8", NULL);
	io_put(text, strlen(text));
}

void req_render(struct req *r, int status, const char *file)
{
	char *out = NULL;
	size_t len = 0;

	if (r->responded)
		return;
	if (render_page(r->hdf, cfg_str("Templates.Dir", CERTDESK_DATADIR "/templates"), file,
	    &out, &len) != 0) {
		resp_plain(r, 500, "服务器内部错误，请稍后再试\n");
		return;
	}
	write_head(r, status, "text/html; charset=utf-8", NULL);
	io_put(out, len);
	free(out);
}

void req_redirect(struct req *r, const char *path)
{
	char clean[2048], extra[2300];
	const char *base = cfg_str("Site.BaseURL", "");
	size_t blen = strlen(base);

	if (r->responded)
		return;
	if (!path || path[0] != '/' || path[1] == '/' || path[1] == '\\')
		path = "/";
	while (blen && base[blen - 1] == '/')
		blen--;
	header_clean(path, clean, sizeof(clean));
	snprintf(extra, sizeof(extra), "Location: %.*s%s\r\n", (int)blen, base, clean);
	write_head(r, 303, "text/plain; charset=utf-8", extra);
}

void req_redirect_with(struct req *r, const char *path, const char *param, const char *value)
{
	char url[2048], *esc = NULL;

	if (!value || cgi_url_escape(value, &esc) != STATUS_OK || !esc) {
		req_redirect(r, path);
		return;
	}
	snprintf(url, sizeof(url), "%s%c%s=%s", path, strchr(path, '?') ? '&' : '?', param, esc);
	free(esc);
	req_redirect(r, url);
}

/* Answers a body with a Content-Disposition of kind ("attachment" or "inline"). */
static void send_body(struct req *r, int status, const char *ctype, const void *body, size_t n,
    const char *filename, const char *kind)
{
	char extra[1200], name[400], *esc = NULL;

	if (r->responded)
		return;
	extra[0] = '\0';
	if (filename) {
		header_clean(filename, name, sizeof(name));
		if (cgi_url_escape(name, &esc) == STATUS_OK && esc) {
			snprintf(extra, sizeof(extra),
			    "Content-Disposition: %s; filename=\"download\"; filename*=UTF-8''%s\r\n", kind, esc);
			free(esc);
		}
	}
	write_head(r, status, ctype, extra);
	io_put(body, n);
}

void req_send(struct req *r, int status, const char *ctype, const void *body, size_t n,
    const char *filename)
{
	send_body(r, status, ctype, body, n, filename, "attachment");
}

void req_send_inline(struct req *r, int status, const char *ctype, const void *body, size_t n,
    const char *filename)
{
	send_body(r, status, ctype, body, n, filename, "inline");
}

void req_stream_begin(struct req *r, int status, const char *ctype, const char *filename)
{
	if (r->responded)
		return;
	send_body(r, status, ctype, NULL, 0, filename, "attachment");
	r->streaming = 1;
}

int req_stream(struct req *r, const void *buf, size_t n)
{
	return r->streaming ? io_put(buf, n) : -1;
}

void req_error(struct req *r, int status, const char *msg)
{
	const char *title = NULL;
	char code[8];

	if (r->responded)
		return;
	if (status >= 500 && storage_full()) {
		status = 503;
		msg = STORAGE_FULL_MESSAGE;
		title = "系统繁忙，存储空间不足";
	}
	if (!r->hdf) {
		resp_plain(r, status, msg ? msg : status_message(status));
		return;
	}
	snprintf(code, sizeof(code), "%d", status);
	hdf_set_value(r->hdf, "Page.Status", code);
	hdf_set_value(r->hdf, "Page.Title", title ? title : status_message(status));
	hdf_set_value(r->hdf, "Page.Message", msg ? msg : status_message(status));
	if (!hdf_get_value(r->hdf, "Site.Name", NULL))
		hdf_set_value(r->hdf, "Site.Name", cfg_str("Site.Name", "CFCA数字证书在线受理平台"));
	req_render(r, status, "errors/error.cs");
}

void req_flash(struct req *r, const char *name, const char *value)
{
	char raw[160], text[65], *esc = NULL;

	util_copy(text, sizeof(text), value);
	snprintf(raw, sizeof(raw), "%s=%s", name, text);
	if (cgi_url_escape(raw, &esc) == STATUS_OK && esc) {
		resp_cookie(r, "cd_flash", esc, 600);
		free(esc);
	}
}

void flash_load(struct req *r, const char *cookie)
{
	char buf[200], key[sizeof(buf) + 8];
	char *eq;

	util_copy(buf, sizeof(buf), cookie);
	cgi_url_unescape(buf);
	eq = strchr(buf, '=');
	if (eq && eq > buf && eq - buf < 32 && strspn(buf, "abcdefghijklmnopqrstuvwxyz_") == (size_t)(eq - buf)
	    && valid_utf8_len(eq + 1, 0) >= 0) {
		*eq = '\0';
		snprintf(key, sizeof(key), "Flash.%s", buf);
		hdf_set_value(r->hdf, key, eq + 1);
	}
	resp_cookie(r, "cd_flash", "", 0);
}
