/* SPDX-License-Identifier: MIT */
/*
 * Safe output files (see outfile.h).  The rules come from a root who ran
 * `--output /dev/null` and found the device replaced by a regular file: a
 * target is only ever replaced when it is a regular file or missing, the
 * temporary can neither be a planted symlink (O_EXCL|O_NOFOLLOW, random
 * name) nor readable by others (0600), and devices and FIFOs are written
 * as they are.
 */
#include "util/outfile.h"

#include <errno.h>
#include <fcntl.h>
#include <stdbool.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "util/random.h"

static void
outfile_clear(struct outfile *o)
{
	memset(o, 0, sizeof(*o));
}

static const char *
kind_of(mode_t m)
{
	if (S_ISLNK(m))
		return "a symbolic link (not followed: name its target)";
	if (S_ISDIR(m))
		return "a directory";
	if (S_ISBLK(m))
		return "a block device";
	if (S_ISSOCK(m))
		return "a socket";
	return "not a regular file, character device or FIFO";
}

/* The folder of path into dir ("." when it has none). */
static int
folder_of(const char *path, char *dir, size_t dirlen)
{
	const char *slash = strrchr(path, '/');
	int n;

	if (slash == NULL)
		n = snprintf(dir, dirlen, ".");
	else if (slash == path)
		n = snprintf(dir, dirlen, "/");
	else
		n = snprintf(dir, dirlen, "%.*s", (int)(slash - path), path);
	return n < 0 || (size_t)n >= dirlen ? -1 : 0;
}

static void
sync_folder(const char *path)
{
	char dir[PATH_MAX];
	int fd;

	if (folder_of(path, dir, sizeof(dir)) < 0)
		return;
	if ((fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC)) >= 0) {
		(void)fsync(fd);
		close(fd);
	}
}

static int
open_stream(struct outfile *o, struct tld_error *err)
{
	struct stat st;
	int fd;

	/* No O_CREAT, no O_TRUNC: the node is written as it is. */
	fd = open(o->path, O_WRONLY | O_NOFOLLOW | O_NOCTTY | O_CLOEXEC);
	if (fd < 0)
		return tld_error_set(err, TLD_EIO, o->field, "cannot open %s: %s",
		    o->path, strerror(errno));
	/* What was opened is what was checked (not swapped meanwhile). */
	if (fstat(fd, &st) != 0 || !(S_ISCHR(st.st_mode) || S_ISFIFO(st.st_mode))) {
		close(fd);
		return tld_error_set(err, TLD_EINVAL, o->field,
		    "%s changed while it was opened; not written", o->path);
	}
	if ((o->f = fdopen(fd, "wb")) == NULL) {
		close(fd);
		return tld_error_set(err, TLD_EIO, o->field, "cannot open %s: %s",
		    o->path, strerror(errno));
	}
	o->kind = OUTFILE_STREAM;
	return 0;
}

static int
open_temporary(struct outfile *o, int flags, struct tld_error *err)
{
	char dir[PATH_MAX], rnd[17];
	const char *base = strrchr(o->path, '/');
	int fd = -1, n;

	base = base != NULL ? base + 1 : o->path;
	if (base[0] == '\0' || folder_of(o->path, dir, sizeof(dir)) < 0)
		return tld_error_set(err, TLD_EINVAL, o->field,
		    "%s does not name a file", o->path);
	for (int tries = 0; tries < 16 && fd < 0; tries++) {
		random_hex(rnd, sizeof(rnd), 8);
		n = snprintf(o->tmp, sizeof(o->tmp), "%s/.%.64s.%s.tmp", dir, base,
		    rnd);
		if (n < 0 || (size_t)n >= sizeof(o->tmp))
			return tld_error_set(err, TLD_EINVAL, o->field,
			    "%s: the path is too long", o->path);
		fd = open(o->tmp, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW |
		    O_CLOEXEC, 0600);
		if (fd < 0 && errno != EEXIST)
			break;
	}
	if (fd < 0) {
		int e = errno;

		o->tmp[0] = '\0';
		return tld_error_set(err, TLD_EIO, o->field,
		    "cannot create %s: %s", o->path, strerror(e));
	}
	(void)fchmod(fd, 0600); /* whatever the umask, never more */
	o->kind = OUTFILE_REPLACE;
	if ((flags & OUTFILE_PATH_ONLY) == OUTFILE_PATH_ONLY) {
		close(fd);
		return 0;
	}
	if ((o->f = fdopen(fd, "wb")) == NULL) {
		int e = errno;

		close(fd);
		unlink(o->tmp);
		return tld_error_set(err, TLD_EIO, o->field, "cannot write %s: %s",
		    o->path, strerror(e));
	}
	return 0;
}

int
outfile_open(struct outfile *o, const char *path, const char *field,
    int flags, struct tld_error *err)
{
	struct stat st;
	int n, rc;

	outfile_clear(o);
	snprintf(o->field, sizeof(o->field), "%s", field);
	if (path == NULL || path[0] == '\0')
		return tld_error_set(err, TLD_EINVAL, field, "no file given");
	n = snprintf(o->path, sizeof(o->path), "%s", path);
	if (n < 0 || (size_t)n >= sizeof(o->path)) {
		outfile_clear(o);
		return tld_error_set(err, TLD_EINVAL, field, "the path is too long");
	}
	if (strcmp(path, "-") == 0 || strcmp(path, "/dev/stdout") == 0) {
		if (flags & OUTFILE_FILE_ONLY) {
			outfile_clear(o);
			return tld_error_set(err, TLD_EINVAL, field,
			    "%s: this is written to a file, not to standard output",
			    path);
		}
		o->kind = OUTFILE_STDOUT;
		o->f = stdout;
		return 0;
	}
	if (lstat(path, &st) != 0) {
		if (errno != ENOENT) {
			rc = tld_error_set(err, TLD_EIO, field, "cannot write %s: %s",
			    path, strerror(errno));
			outfile_clear(o);
			return rc;
		}
		rc = open_temporary(o, flags, err);
	} else if (S_ISREG(st.st_mode)) {
		rc = open_temporary(o, flags, err);
	} else if ((S_ISCHR(st.st_mode) || S_ISFIFO(st.st_mode)) &&
	    !(flags & OUTFILE_FILE_ONLY)) {
		rc = open_stream(o, err);
	} else {
		rc = tld_error_set(err, TLD_EINVAL, field,
		    "refusing to write %s: it is %s", path,
		    S_ISCHR(st.st_mode) || S_ISFIFO(st.st_mode) ?
		    "a device or FIFO, and this needs a regular file" :
		    kind_of(st.st_mode));
	}
	if (rc < 0)
		outfile_clear(o);
	return rc;
}

void
outfile_abort(struct outfile *o)
{
	if (o->f != NULL && o->kind != OUTFILE_STDOUT)
		fclose(o->f);
	else if (o->f != NULL)
		fflush(o->f);
	if (o->kind == OUTFILE_REPLACE && o->tmp[0] != '\0')
		unlink(o->tmp);
	outfile_clear(o);
}

int
outfile_commit(struct outfile *o, struct tld_error *err)
{
	struct stat st;
	bool path_only = o->f == NULL;
	int rc = 0, e = 0;

	if (o->kind == OUTFILE_STDOUT) {
		if (fflush(o->f) != 0 || ferror(o->f))
			rc = tld_error_set(err, TLD_EIO, o->field,
			    "cannot write to standard output: %s", strerror(errno));
		outfile_clear(o);
		return rc;
	}
	if (o->f != NULL) {
		if (fflush(o->f) != 0 || ferror(o->f) ||
		    (o->kind == OUTFILE_REPLACE && fsync(fileno(o->f)) != 0))
			e = errno ? errno : EIO;
		if (fclose(o->f) != 0 && e == 0)
			e = errno;
		o->f = NULL;
	}
	if (e == 0 && o->kind == OUTFILE_REPLACE && path_only) {
		int fd = open(o->tmp, O_RDONLY | O_NOFOLLOW | O_CLOEXEC);

		/* OUTFILE_PATH_ONLY writers closed their own handle: sync here. */
		if (fd < 0 || fsync(fd) != 0)
			e = errno;
		if (fd >= 0)
			close(fd);
	}
	if (e != 0) {
		rc = tld_error_set(err, TLD_EIO, o->field, "cannot write %s: %s",
		    o->path, strerror(e));
	} else if (o->kind == OUTFILE_REPLACE) {
		/* The target may have been swapped since it was looked at. */
		if (lstat(o->path, &st) == 0 && !S_ISREG(st.st_mode))
			rc = tld_error_set(err, TLD_EINVAL, o->field,
			    "refusing to replace %s: it is now %s", o->path,
			    kind_of(st.st_mode));
		else if (rename(o->tmp, o->path) != 0)
			rc = tld_error_set(err, TLD_EIO, o->field,
			    "cannot write %s: %s", o->path, strerror(errno));
		else {
			o->tmp[0] = '\0';
			sync_folder(o->path);
		}
	}
	if (o->kind == OUTFILE_REPLACE && o->tmp[0] != '\0')
		unlink(o->tmp);
	outfile_clear(o);
	return rc;
}

int
outfile_write(const char *path, const char *field, int flags,
    const void *data, size_t len, struct tld_error *err)
{
	struct outfile o;
	int rc;

	if ((rc = outfile_open(&o, path, field, flags & OUTFILE_FILE_ONLY,
	    err)) < 0)
		return rc;
	if (len > 0 && fwrite(data, 1, len, o.f) != len) {
		rc = tld_error_set(err, TLD_EIO, field, "cannot write %s: %s", path,
		    strerror(errno));
		outfile_abort(&o);
		return rc;
	}
	return outfile_commit(&o, err);
}
