/* SPDX-License-Identifier: MIT */
/* tldops: everything but this file is in libtldops. */
#include "cli/cli.h"

int
main(int argc, char **argv)
{
	return cli_main(argc, argv);
}
