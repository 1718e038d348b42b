/* lib/sender.c: the sender: one lane process per kind of message, woken by a datagram from the programs, sending the outbox with its back-off. */
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/file.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <sys/un.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>
#include "sender.h"
#include "cfg.h"
#include "clock.h"
#include "db.h"
#include "log.h"
#include "outbox.h"

/* A lane looks at the outbox at least this often, for messages queued without a wake-up
 * (certdesk-admin, a wake-up lost while the lane restarted): the only cost when idle. */
#define LANE_IDLE_MS 60000
/* When the only due messages are claimed by another runner (cron), look again after this. */
#define LANE_BUSY_MS 1000
/* A lane's pause after a failure, doubling while the gateway keeps failing. */
#define LANE_PAUSE_MS 10000
#define LANE_PAUSE_MAX_MS (5 * 60 * 1000)
/* Messages sent between two looks for a stop request. */
#define LANE_BATCH 20
/* A lane that died is started again after this. */
#define LANE_RESTART_S 1


static volatile sig_atomic_t stopping;

/* SIGTERM and SIGINT: stop after the message being sent. */
static void on_stop(int sig)
{
	(void)sig;
	stopping = 1;
}


/* The lane's wake-up socket, bound afresh (a stale one from a killed sender is replaced),
 * writable by the owner and group of Data.Dir; the descriptor, or -1 after a warning. */
static int lane_socket(const char *kind)
{
	struct sockaddr_un addr;
	int fd;

	if (sender_wake_addr(kind, &addr) != 0) {
		log_warn("sender %s: Data.Dir is too long a path for a wake-up socket:"
		    " looking at the outbox every %d s instead", kind, LANE_IDLE_MS / 1000);
		return -1;
	}
	fd = socket(AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC | SOCK_NONBLOCK, 0);
	if (fd < 0)
		return -1;
	unlink(addr.sun_path);
	if (bind(fd, (struct sockaddr *)&addr, sizeof(addr)) != 0 || chmod(addr.sun_path, 0660) != 0) {
		log_warn("sender %s: cannot bind %s: %s", kind, addr.sun_path, strerror(errno));
		close(fd);
		return -1;
	}
	return fd;
}

/* Reads every wake-up queued on fd (they only say "look"). */
static void drain(int fd)
{
	char buf[16];

	while (fd >= 0 && recv(fd, buf, sizeof(buf), MSG_DONTWAIT) >= 0)
		;
}

/* How long the lane sleeps (ms) when now it may send again from resume_ms and the next
 * message of kind is due at next. */
static int64_t lane_wait(int64_t now, int64_t resume_ms, int64_t next)
{
	int64_t wait = LANE_IDLE_MS;

	if (next != INT64_MAX)
		wait = next > now ? next - now : LANE_BUSY_MS;
	if (resume_ms - now > wait)
		wait = resume_ms - now;
#ifdef CERTDESK_TEST_CLOCK
	/* A test may move the clock while messages wait: look every second then. */
	if (next != INT64_MAX && wait > 1000)
		wait = 1000;
#endif
	return wait < LANE_IDLE_MS ? wait : LANE_IDLE_MS;
}

/* Sleeps up to ms on fd (or only the time when fd is -1), waking early for a datagram or a
 * stop request: SIGTERM and SIGINT are blocked outside the sleep and unblocked (the mask
 * to sleep with) during it, so a stop request between the check and the sleep is kept. */
static void lane_sleep(int fd, int64_t ms, const sigset_t *unblocked)
{
	struct pollfd p = { fd, POLLIN, 0 };
	struct timespec ts = { (time_t)(ms / 1000), (long)(ms % 1000) * 1000000L };

	if (!stopping)
		ppoll(&p, fd >= 0 ? 1 : 0, &ts, unblocked);
	drain(fd);
}

/* The lane of kind: sends, pauses after failures, sleeps; returns when asked to stop. */
static void lane_loop(const char *kind, int fd, const sigset_t *unblocked)
{
	int64_t pause = 0, resume_ms = 0, now;
	int sent, failed;

	log_info("sender %s: running", kind);
	while (!stopping) {
		now = clock_now_ms();
		/* A clock set back never stretches a pause. */
		if (resume_ms - now > pause)
			resume_ms = now + pause;
		if (now >= resume_ms) {
			sent = outbox_send_due(kind, LANE_BATCH, &failed);
			if (failed) {
				pause = pause ? pause * 2 : LANE_PAUSE_MS;
				if (pause > LANE_PAUSE_MAX_MS)
					pause = LANE_PAUSE_MAX_MS;
				now = clock_now_ms();
				resume_ms = now + pause;
				log_warn("sender %s: the gateway failed; next try in %lld s", kind,
				    (long long)(pause / 1000));
				continue;
			}
			if (pause)
				log_info("sender %s: the gateway works again", kind);
			pause = 0;
			if (sent == LANE_BATCH)
				continue;
			now = clock_now_ms();
		}
		lane_sleep(fd, lane_wait(now, resume_ms, outbox_next_due(kind)), unblocked);
	}
	log_info("sender %s: stopped", kind);
}

/* SIGCHLD: only ends the sender's sigsuspend, so that it reaps the lane. */
static void on_child(int sig)
{
	(void)sig;
}

/* Installs on_stop for SIGTERM and SIGINT and on_child for SIGCHLD, and blocks the three
 * (they are taken only while sleeping, so none is missed between a check and the sleep);
 * old gets the mask to sleep with. */
static void sender_signals(sigset_t *old)
{
	struct sigaction sa;
	sigset_t block;

	memset(&sa, 0, sizeof(sa));
	sigemptyset(&sa.sa_mask);
	sa.sa_handler = on_stop;
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGINT, &sa, NULL);
	sa.sa_handler = on_child;
	sigaction(SIGCHLD, &sa, NULL);
	sigemptyset(&block);
	sigaddset(&block, SIGTERM);
	sigaddset(&block, SIGINT);
	sigaddset(&block, SIGCHLD);
	sigprocmask(SIG_BLOCK, &block, old);
	sigdelset(old, SIGTERM);
	sigdelset(old, SIGINT);
	sigdelset(old, SIGCHLD);
}

/* Starts the lane of kind in a child process; its pid, or -1. */
static pid_t lane_start(const char *kind, int (*open_site)(void))
{
	pid_t parent = getpid(), pid = fork();
	sigset_t unblocked;
	int fd;

	if (pid != 0)
		return pid;
	/* A lane never outlives its sender; it inherits the blocked stop signals. */
	prctl(PR_SET_PDEATHSIG, SIGTERM);
	if (getppid() != parent)
		_exit(0);
	sigprocmask(SIG_SETMASK, NULL, &unblocked);
	sigdelset(&unblocked, SIGTERM);
	sigdelset(&unblocked, SIGINT);
	if (open_site() != 0)
		_exit(1);
	fd = lane_socket(kind);
	lane_loop(kind, fd, &unblocked);
	if (fd >= 0) {
		struct sockaddr_un addr;
		if (sender_wake_addr(kind, &addr) == 0)
			unlink(addr.sun_path);
		close(fd);
	}
	db_close();
	_exit(0);
}

/* Takes Data.Dir/sender.lock (held by the lanes too, through the inherited descriptor);
 * the descriptor, or -1 when another sender holds it. */
static int take_lock(void)
{
	char path[1024];
	int fd;

	if (cfg_data_path("sender.lock", path, sizeof(path)) != 0)
		return -1;
	fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0640);
	if (fd < 0 || flock(fd, LOCK_EX | LOCK_NB) != 0) {
		if (fd >= 0)
			close(fd);
		return -1;
	}
	return fd;
}

int sender_run(int (*open_site)(void))
{
	pid_t lanes[OUTBOX_KINDS], pid;
	sigset_t unblocked;
	size_t i;
	int lock, status;

	lock = take_lock();
	if (lock < 0) {
		log_error("another sender is running on %s (or its lock cannot be taken)",
		    cfg_str("Data.Dir", "."));
		return 2;
	}
	if (open_site() != 0)
		return 1;
	db_close();
	sender_signals(&unblocked);
	for (i = 0; i < OUTBOX_KINDS; i++)
		lanes[i] = lane_start(outbox_kinds[i], open_site);
	while (!stopping) {
		while ((pid = waitpid(-1, &status, WNOHANG)) > 0)
			for (i = 0; i < OUTBOX_KINDS; i++)
				if (lanes[i] == pid) {
					log_error("sender %s: lane ended (status %d); starting it again",
					    outbox_kinds[i], status);
					sleep(LANE_RESTART_S);
					lanes[i] = lane_start(outbox_kinds[i], open_site);
				}
		if (!stopping)
			sigsuspend(&unblocked);
	}
	for (i = 0; i < OUTBOX_KINDS; i++)
		if (lanes[i] > 0)
			kill(lanes[i], SIGTERM);
	while (waitpid(-1, &status, 0) > 0 || errno == EINTR)
		;
	close(lock);
	return 0;
}
