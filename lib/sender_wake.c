/* lib/sender_wake.c: the programs' side of the sender: the wake-up datagram, apart from the lanes so that a web program links no gateway client. */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>
#include "sender.h"
#include "cfg.h"

int sender_wake_addr(const char *kind, struct sockaddr_un *addr)
{
	char name[32], path[1024];

	memset(addr, 0, sizeof(*addr));
	addr->sun_family = AF_UNIX;
	snprintf(name, sizeof(name), "sender-%s.sock", kind);
	if (cfg_data_path(name, path, sizeof(path)) != 0 || strlen(path) >= sizeof(addr->sun_path))
		return -1;
	memcpy(addr->sun_path, path, strlen(path) + 1);
	return 0;
}

void sender_wake(const char *kind)
{
	struct sockaddr_un addr;
	int fd;

	if (sender_wake_addr(kind, &addr) != 0)
		return;
	fd = socket(AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC | SOCK_NONBLOCK, 0);
	if (fd < 0)
		return;
	/* ENOENT or ECONNREFUSED (no sender) and EAGAIN (wake-ups already queued) are fine. */
	if (sendto(fd, "w", 1, MSG_DONTWAIT | MSG_NOSIGNAL, (struct sockaddr *)&addr, sizeof(addr)) < 0)
		errno = 0;
	close(fd);
}
