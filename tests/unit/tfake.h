/* tests/unit/tfake.h: runs a Python fake of tests/fakes/ from a C unit test (start, read its PORT line, stop) and calls its HTTP control API with libcurl. */
#ifndef CERTDESK_TFAKE_H
#define CERTDESK_TFAKE_H
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

#include <curl/curl.h>
#include <jansson.h>

/* How long a fake lives at most (--lifetime, seconds) and waits for its PORT line (ms). */
#define TFAKE_LIFETIME "300"
#define TFAKE_START_MS 60000

/* A running fake: its process, its main port and the port of its HTTP control API (the
 * CONTROL port it printed, else the main port). */
struct tfake {
	pid_t pid;
	int port, control;
};

/* A growing, NUL-terminated byte buffer (data NULL until something is added; free it). */
struct tfake_buf {
	char *data;
	size_t len;
};

/* Appends size * n bytes at p to the struct tfake_buf ctx; returns the bytes taken (0 when
 * out of memory). Usable as a libcurl write callback. */
static inline size_t tfake_grow(char *p, size_t size, size_t n, void *ctx)
{
	struct tfake_buf *b = ctx;
	char *d = realloc(b->data, b->len + size * n + 1);

	if (!d)
		return 0;
	memcpy(d + b->len, p, size * n);
	b->len += size * n;
	d[b->len] = '\0';
	b->data = d;
	return size * n;
}

/* Starts python3 $top_srcdir/tests/fakes/<script> --port 0 --lifetime TFAKE_LIFETIME
 * --parent-pid <this process> followed by extra_args (NULL-ended, at most 16; NULL for none),
 * its standard error into the file stderr_path, and fills f from the "PORT n[ CONTROL m]"
 * line it prints first (waiting at most TFAKE_START_MS). Returns 0, or -1 (f->pid may still
 * name the child: call tfake_stop). */
static inline int tfake_start(struct tfake *f, const char *script, const char *const *extra_args,
			      const char *stderr_path)
{
	const char *top = getenv("top_srcdir");
	const char *argv[28];
	char path[600], parent[32], line[128] = "";
	int fd[2], n = 0, got_ports;
	size_t got = 0;
	struct pollfd p;

	f->pid = 0;
	f->port = f->control = 0;
	snprintf(path, sizeof(path), "%s/tests/fakes/%s", top ? top : ".", script);
	snprintf(parent, sizeof(parent), "%ld", (long)getpid());
	argv[n++] = "python3";
	argv[n++] = path;
	argv[n++] = "--port";
	argv[n++] = "0";
	argv[n++] = "--lifetime";
	argv[n++] = TFAKE_LIFETIME;
	argv[n++] = "--parent-pid";
	argv[n++] = parent;
	while (extra_args && *extra_args && n < 24)
		argv[n++] = *extra_args++;
	argv[n] = NULL;
	if (pipe(fd) != 0)
		return -1;
	fflush(stdout);
	f->pid = fork();
	if (f->pid == 0) {
		dup2(fd[1], 1);
		close(fd[0]);
		close(fd[1]);
		if (!freopen(stderr_path, "w", stderr))
			_exit(127);
		execvp("python3", (char *const *)argv);
		_exit(127);
	}
	close(fd[1]);
	p.fd = fd[0];
	p.events = POLLIN;
	while (f->pid > 0 && got < sizeof(line) - 1 && !strchr(line, '\n') && poll(&p, 1, TFAKE_START_MS) == 1) {
		ssize_t r = read(fd[0], line + got, sizeof(line) - 1 - got);
		if (r <= 0)
			break;
		got += (size_t)r;
		line[got] = '\0';
	}
	close(fd[0]);
	got_ports = sscanf(line, "PORT %d CONTROL %d", &f->port, &f->control);
	if (got_ports < 1 || f->port <= 0)
		return -1;
	if (got_ports == 1)
		f->control = f->port;
	return 0;
}

/* Ends f's process, if any: SIGTERM, then SIGKILL when it has not exited within 5 s.
 * Safe to call twice. */
static inline void tfake_stop(struct tfake *f)
{
	int i, status;

	if (f->pid <= 0)
		return;
	kill(f->pid, SIGTERM);
	for (i = 0; i < 100 && waitpid(f->pid, &status, WNOHANG) == 0; i++)
		usleep(50000);
	if (i == 100) {
		kill(f->pid, SIGKILL);
		waitpid(f->pid, &status, 0);
	}
	f->pid = 0;
}

/* Calls path (starting with '/') on f's control port, POST with an empty body when post,
 * else GET; returns the HTTP status (0 when the call failed) and, when json is not NULL,
 * the parsed JSON answer in *json (NULL when none; the caller json_decref's it).
 * curl_global_init must have been called. */
static inline long tfake_call(const struct tfake *f, int post, const char *path, json_t **json)
{
	char url[512];
	struct tfake_buf b = { NULL, 0 };
	long status = 0;
	CURL *c = curl_easy_init();

	snprintf(url, sizeof(url), "http://127.0.0.1:%d%s", f->control, path);
	if (c) {
		curl_easy_setopt(c, CURLOPT_URL, url);
		curl_easy_setopt(c, CURLOPT_NOPROXY, "*");
		curl_easy_setopt(c, CURLOPT_TIMEOUT, 30L);
		curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L);
		curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, tfake_grow);
		curl_easy_setopt(c, CURLOPT_WRITEDATA, &b);
		if (post)
			curl_easy_setopt(c, CURLOPT_POSTFIELDS, "");
		if (curl_easy_perform(c) == CURLE_OK)
			curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &status);
		curl_easy_cleanup(c);
	}
	if (json)
		*json = b.data ? json_loads(b.data, 0, NULL) : NULL;
	free(b.data);
	return status;
}
#endif
