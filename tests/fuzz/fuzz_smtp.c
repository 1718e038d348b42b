/* tests/fuzz/fuzz_smtp.c: fuzzes the SMTP reply reading of mail_send (libcurl's SMTP client under our options, and the error text made from its result) against a fake server on 127.0.0.1 that answers with the input. */
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>
#include "cfg.h"
#include "mail.h"

/* The most replies one input is cut into. */
#define MAX_REPLIES 64
/* How long the server waits for the client's next command before it answers anyway (a
 * client that waits for the rest of a multi-line reply sends nothing). */
#define WAIT_MS 2

static int listener = -1;

/* What the fake server sends: the input's NUL-separated pieces, one per turn. */
struct script {
	const uint8_t *data;
	size_t size;
};

/* Sends all n bytes at p on fd (ignoring a client that went away). */
static void send_all(int fd, const uint8_t *p, size_t n)
{
	while (n > 0) {
		ssize_t w = send(fd, p, n, MSG_NOSIGNAL);
		if (w <= 0)
			return;
		p += w;
		n -= (size_t)w;
	}
}

/* The fake server: accepts one connection, sends the first piece as the greeting and each
 * next piece after the client spoke (or WAIT_MS passed, or the client fell silent), then
 * closes. */
static void *serve(void *arg)
{
	const struct script *s = arg;
	struct pollfd p = { listener, POLLIN, 0 };
	const uint8_t *at = s->data, *end = s->data + s->size;
	char buf[4096];
	int fd, turn, one = 1, wait = WAIT_MS;

	if (poll(&p, 1, 2000) != 1 || (fd = accept(listener, NULL, NULL)) < 0)
		return NULL;
	/* Each reply leaves at once, not after the client's delayed acknowledgement. */
	setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof(one));
	p.fd = fd;
	for (turn = 0; turn < MAX_REPLIES && at <= end; turn++) {
		const uint8_t *nul = memchr(at, '\0', (size_t)(end - at));
		size_t n = nul ? (size_t)(nul - at) : (size_t)(end - at);

		if (turn > 0) {
			int ready = poll(&p, 1, wait);
			if (ready == 1 && recv(fd, buf, sizeof(buf), 0) <= 0)
				break;
			/* Once the client stays silent the rest goes out without waiting. */
			wait = ready == 1 ? WAIT_MS : 0;
		}
		send_all(fd, at, n);
		at += n + 1;
	}
	shutdown(fd, SHUT_RDWR);
	close(fd);
	return NULL;
}

/* Opens the listening socket and a site whose Mail.SMTP points at it. */
int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	char dir[] = "/tmp/certdesk-fuzz-XXXXXX", path[256];
	struct sockaddr_in a;
	socklen_t len = sizeof(a);
	FILE *f;

	memset(&a, 0, sizeof(a));
	a.sin_family = AF_INET;
	a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	listener = socket(AF_INET, SOCK_STREAM, 0);
	if (listener < 0 || bind(listener, (struct sockaddr *)&a, sizeof(a)) != 0 || listen(listener, 4) != 0
	    || getsockname(listener, (struct sockaddr *)&a, &len) != 0 || !mkdtemp(dir))
		abort();
	snprintf(path, sizeof(path), "%s/certdesk.hdf", dir);
	f = fopen(path, "w");
	if (!f)
		abort();
	fprintf(f, "Data.Dir = %s\nMail.SMTP = smtp://127.0.0.1:%d\nMail.From = noreply@example.com\n", dir,
	    ntohs(a.sin_port));
	fclose(f);
	if (cfg_load(path) != 0)
		abort();
	return 0;
}

/* Input: the server's replies, separated by NUL bytes (the first is the greeting). */
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const char message[] = "From: noreply@example.com\r\nTo: a@example.com\r\nSubject: fuzz\r\n\r\nhello\r\n";
	struct script s = { data, size };
	char err[256];
	pthread_t server;

	if (pthread_create(&server, NULL, serve, &s) != 0)
		return 0;
	if (mail_send("a@example.com", message, err, sizeof(err)) != 0 && !memchr(err, '\0', sizeof(err)))
		abort();
	pthread_join(server, NULL);
	return 0;
}
