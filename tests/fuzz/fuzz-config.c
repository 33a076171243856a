/* The configuration file parser (pr_config_read_file) on any bytes: it
 * either reads the file or refuses it with a message naming the line. */
#include <stdlib.h>
#include <string.h>

#include "fuzz.h"
#include "postroom/config.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	pr_config cfg;
	pr_error err;
	pr_error_clear(&err);
	pr_config_defaults(&cfg);
	pr_status st = pr_config_read_file(&cfg, fuzz_file(data, size), &err);
	if (st != PR_OK && (err.msg[0] == '\0' || cfg.source))
		abort(); /* a refusal says why and keeps the old source */
	pr_config_free(&cfg);
	return 0;
}
