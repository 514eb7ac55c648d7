/* SPDX-License-Identifier: MIT */
/* dlopen/dlsym with errors a user can act on. */
#include "util/dynlib.h"

#include <dlfcn.h>

int
dynlib_load(const char *const *sonames, const struct dynlib_symbol *syms,
    size_t nsyms, const char *field, struct tld_error *err)
{
	void *h = NULL;
	const char *tried = sonames[0];

	for (size_t i = 0; sonames[i] != NULL && h == NULL; i++) {
		tried = sonames[i];
		h = dlopen(sonames[i], RTLD_NOW | RTLD_LOCAL);
	}
	if (h == NULL)
		return tld_error_set(err, TLD_EIO, field,
		    "cannot load %s (is its Debian package installed? see "
		    "scripts/install-deps): %s", tried, dlerror());
	for (size_t i = 0; i < nsyms; i++) {
		void *sym = dlsym(h, syms[i].name);

		if (sym == NULL) {
			int rc = tld_error_set(err, TLD_EIO, field,
			    "%s lacks %s", tried, syms[i].name);

			dlclose(h);
			return rc;
		}
		*syms[i].slot = sym;
	}
	/* Kept loaded for the life of the process. */
	return 0;
}
