/* SPDX-License-Identifier: MIT */
/*
 * Delivery into a Maildir (https://cr.yp.to/proto/maildir.html), the
 * embedded default: each message is written to tmp/ under a unique name
 * "<time>.<pid>_<counter>.<host>", fsynced, then hard-linked into new/ and
 * removed from tmp/.  link() rather than rename() because link() never
 * replaces a message already in new/ should a name ever repeat (a pid
 * reused within the same second, a fixed virtual clock); a clash just
 * takes the next counter.  Each file begins with Return-Path and
 * Delivered-To lines, as a local delivery agent writes them.
 */
#include "mail/transport_internal.h"

#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "util/buf.h"
#include "util/clock.h"
#include "util/xalloc.h"

#define PREFIX_LEN (sizeof("maildir:") - 1)
#define HOST_MAX 255
#define NAME_TRIES 64

struct maildir {
	int tmp_fd;  /* the directory DIR/tmp */
	int new_fd;  /* the directory DIR/new */
	char host[HOST_MAX * 4 + 1]; /* escaped as the Maildir spec asks */
	unsigned long counter;
};

/* The host name with '/' and ':' (and anything odd) as \ooo. */
static void
set_host(struct maildir *md)
{
	char raw[HOST_MAX + 1];
	size_t o = 0;

	if (gethostname(raw, sizeof(raw)) != 0)
		raw[0] = '\0';
	raw[HOST_MAX] = '\0';
	if (raw[0] == '\0')
		memcpy(raw, "localhost", sizeof("localhost"));
	for (size_t i = 0; raw[i] != '\0'; i++) {
		unsigned char c = (unsigned char)raw[i];

		if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
		    (c >= '0' && c <= '9') || c == '-' || c == '.' ||
		    c == '_') {
			md->host[o++] = (char)c;
		} else {
			md->host[o++] = '\\';
			md->host[o++] = (char)('0' + (c >> 6));
			md->host[o++] = (char)('0' + ((c >> 3) & 7));
			md->host[o++] = (char)('0' + (c & 7));
		}
	}
	md->host[o] = '\0';
}

static int
make_dir(const char *path, struct tld_error *err)
{
	struct stat st;

	if (mkdir(path, 0700) != 0 && errno != EEXIST)
		return tld_error_set(err, TLD_EIO, "mail",
		    "cannot create %s: %s", path, strerror(errno));
	if (stat(path, &st) != 0)
		return tld_error_set(err, TLD_EIO, "mail", "%s: %s", path,
		    strerror(errno));
	if (!S_ISDIR(st.st_mode))
		return tld_error_set(err, TLD_EINVAL, "mail",
		    "%s is not a directory", path);
	return 0;
}

static int
open_dir(const char *path, int *fd, struct tld_error *err)
{
	*fd = open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (*fd < 0)
		return tld_error_set(err, TLD_EIO, "mail", "%s: %s", path,
		    strerror(errno));
	return 0;
}

static void
maildir_close(void *state)
{
	struct maildir *md = state;

	if (md == NULL)
		return;
	if (md->tmp_fd >= 0)
		close(md->tmp_fd);
	if (md->new_fd >= 0)
		close(md->new_fd);
	free(md);
}

static int
maildir_open(const char *spec, unsigned connections, void **state,
    struct tld_error *err)
{
	const char *dir = spec + PREFIX_LEN;
	static const char *const subdirs[] = { "tmp", "new", "cur" };
	struct maildir *md;
	struct buf path;
	int rc;

	(void)connections; /* one file at a time */
	if (dir[0] == '\0')
		return tld_error_set(err, TLD_EINVAL, "mail",
		    "maildir: needs a directory (maildir:DIR)");
	md = xcalloc(1, sizeof(*md));
	md->tmp_fd = md->new_fd = -1;
	buf_init(&path);
	if ((rc = make_dir(dir, err)) != 0)
		goto out;
	for (size_t i = 0; i < 3; i++) {
		buf_reset(&path);
		buf_printf(&path, "%s/%s", dir, subdirs[i]);
		if ((rc = make_dir(buf_str(&path), err)) != 0)
			goto out;
		if (i == 0)
			rc = open_dir(buf_str(&path), &md->tmp_fd, err);
		else if (i == 1)
			rc = open_dir(buf_str(&path), &md->new_fd, err);
		if (rc != 0)
			goto out;
	}
	set_host(md);
	*state = md;
	md = NULL;
out:
	maildir_close(md);
	buf_fini(&path);
	return rc;
}

static void
next_name(struct maildir *md, struct buf *name)
{
	buf_reset(name);
	buf_printf(name, "%" PRId64 ".%ld_%lu.%s", clock_now(),
	    (long)getpid(), md->counter++, md->host);
}

static int
write_all(int fd, const char *p, size_t len)
{
	while (len > 0) {
		ssize_t n = write(fd, p, len);

		if (n < 0) {
			if (errno == EINTR)
				continue;
			return -1;
		}
		p += n;
		len -= (size_t)n;
	}
	return 0;
}

static int
maildir_send(void *state, const char *from, const char *rcpt,
    const char *data, size_t len, struct tld_error *err)
{
	struct maildir *md = state;
	struct buf tmp_name, new_name, head;
	int fd = -1, rc = TLD_EIO, tries;
	bool in_tmp = false;

	buf_init(&tmp_name);
	buf_init(&new_name);
	buf_init(&head);
	for (tries = 0; tries < NAME_TRIES; tries++) {
		next_name(md, &tmp_name);
		fd = openat(md->tmp_fd, buf_str(&tmp_name),
		    O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0600);
		if (fd >= 0 || errno != EEXIST)
			break;
	}
	if (fd < 0) {
		tld_error_set(err, TLD_EIO, "mail", "cannot create tmp/%s: %s",
		    buf_str(&tmp_name), tries == NAME_TRIES ?
		    "no unused name" : strerror(errno));
		goto out;
	}
	in_tmp = true;
	buf_printf(&head, "Return-Path: <%s>\r\nDelivered-To: %s\r\n", from,
	    rcpt);
	/* fchmod: a umask must not make the file unreadable to its owner. */
	if (fchmod(fd, 0600) != 0 || write_all(fd, head.data, head.len) != 0 ||
	    write_all(fd, data, len) != 0 || fsync(fd) != 0) {
		tld_error_set(err, TLD_EIO, "mail", "cannot write tmp/%s: %s",
		    buf_str(&tmp_name), strerror(errno));
		goto out;
	}
	if (close(fd) != 0) {
		fd = -1;
		tld_error_set(err, TLD_EIO, "mail", "cannot write tmp/%s: %s",
		    buf_str(&tmp_name), strerror(errno));
		goto out;
	}
	fd = -1;
	for (tries = 0; tries < NAME_TRIES; tries++) {
		if (tries == 0)
			buf_printf(&new_name, "%s", buf_str(&tmp_name));
		else
			next_name(md, &new_name);
		if (linkat(md->tmp_fd, buf_str(&tmp_name), md->new_fd,
		    buf_str(&new_name), 0) == 0)
			break;
		if (errno != EEXIST) {
			tld_error_set(err, TLD_EIO, "mail",
			    "cannot link tmp/%s into new/: %s",
			    buf_str(&tmp_name), strerror(errno));
			goto out;
		}
	}
	if (tries == NAME_TRIES) {
		tld_error_set(err, TLD_EIO, "mail",
		    "no unused name in new/ for tmp/%s", buf_str(&tmp_name));
		goto out;
	}
	/*
	 * Make the new entry durable.  Should this fail, the message is in
	 * new/ all the same: an error would only make the caller deliver
	 * it twice.
	 */
	(void)fsync(md->new_fd);
	rc = 0;
out:
	if (fd >= 0)
		close(fd);
	if (in_tmp)
		unlinkat(md->tmp_fd, buf_str(&tmp_name), 0);
	buf_fini(&tmp_name);
	buf_fini(&new_name);
	buf_fini(&head);
	return rc;
}

const struct transport_ops transport_maildir_ops = {
	.kind = "maildir",
	.open = maildir_open,
	.send = maildir_send,
	.close = maildir_close,
};
