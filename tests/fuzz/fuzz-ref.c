/* The reference and tracking-number parsers on any text: what they accept
 * is in canonical form and parses again to itself. */
#include <stdlib.h>
#include <string.h>

#include "fuzz.h"
#include "postroom/item.h"
#include "postroom/ref.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *s = fuzz_string(data, size);
	char out[PR_REF_LEN], again[PR_REF_LEN];
	char trk[PR_TRACKING_LEN], trk2[PR_TRACKING_LEN];
	pr_error err;
	if (pr_ref_parse(s, out, &err) == PR_OK) {
		if (strlen(out) >= PR_REF_LEN || pr_ref_parse(out, again, &err) != PR_OK ||
		    strcmp(out, again) != 0)
			abort();
	}
	if (pr_tracking_parse(s, trk, &err) == PR_OK) {
		if (strlen(trk) >= PR_TRACKING_LEN || pr_tracking_parse(trk, trk2, &err) != PR_OK ||
		    strcmp(trk, trk2) != 0)
			abort();
	}
	return 0;
}
