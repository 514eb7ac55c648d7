/* SPDX-License-Identifier: MIT */
#include "util/keyfile.h"

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <sodium.h>

#include "util/random.h"

#define FIELD "queue_key_file"

static int
create_key(const char *path, struct tld_error *err)
{
	unsigned char key[KEYFILE_BYTES];
	ssize_t w;
	int fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC,
	    0600);

	if (fd < 0)
		return errno == EEXIST ? 0 : tld_error_set(err, TLD_EIO, FIELD,
		    "%s: cannot create it: %s", path, strerror(errno));
	random_bytes(key, sizeof(key));
	w = write(fd, key, sizeof(key));
	sodium_memzero(key, sizeof(key));
	if (w != (ssize_t)sizeof(key) || fsync(fd) < 0) {
		int e = errno;

		close(fd);
		unlink(path);
		return tld_error_set(err, TLD_EIO, FIELD, "%s: cannot write it: %s",
		    path, strerror(e));
	}
	if (close(fd) < 0)
		return tld_error_set(err, TLD_EIO, FIELD, "%s: %s", path,
		    strerror(errno));
	return 0;
}

int
keyfile_load(const char *path, bool create, unsigned char key[KEYFILE_BYTES],
    struct tld_error *err)
{
	struct stat st;
	ssize_t n;
	int fd, rc;

	if (create && (rc = create_key(path, err)) < 0)
		return rc;
	fd = open(path, O_RDONLY | O_NOFOLLOW | O_NOCTTY | O_CLOEXEC);
	if (fd < 0)
		return tld_error_set(err, TLD_EIO, FIELD, "%s: %s", path,
		    errno == ELOOP ? "is a symbolic link" : strerror(errno));
	if (fstat(fd, &st) < 0 || !S_ISREG(st.st_mode)) {
		close(fd);
		return tld_error_set(err, TLD_EINVAL, FIELD,
		    "%s: is not a regular file", path);
	}
	if (st.st_mode & (S_IRWXG | S_IRWXO)) {
		close(fd);
		return tld_error_set(err, TLD_EINVAL, FIELD,
		    "%s: group or others may read it (chmod 600 it)", path);
	}
	if (st.st_size != KEYFILE_BYTES) {
		close(fd);
		return tld_error_set(err, TLD_EINVAL, FIELD,
		    "%s: holds %lld bytes, not a %d-byte key", path,
		    (long long)st.st_size, KEYFILE_BYTES);
	}
	n = read(fd, key, KEYFILE_BYTES);
	close(fd);
	if (n != KEYFILE_BYTES) {
		sodium_memzero(key, KEYFILE_BYTES);
		return tld_error_set(err, TLD_EIO, FIELD, "%s: short read", path);
	}
	return 0;
}
