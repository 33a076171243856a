/* The scan file reader (pr_tiff_open, then each page described, decoded to
 * grey and encoded for a PDF) on any bytes: it reads a file or refuses it
 * with a message, never crashes, never leaks. */
#include <stdlib.h>

#include "fuzz.h"
#include "postroom/io/tiff.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	pr_tiff *t = NULL;
	pr_error err;
	if (pr_tiff_open(fuzz_file(data, size), &t, &err) != PR_OK) {
		if (!err.msg[0])
			abort();
		return 0;
	}
	int pages = pr_tiff_pages(t);
	for (int i = 0; i < pages && i < 8; i++) {
		pr_tiff_page info;
		pr_grey_image g;
		pr_encoded_page enc;
		if (pr_tiff_page_info(t, i, &info, &err) != PR_OK)
			continue;
		if (pr_tiff_page_grey(t, i, 100, &g, &err) == PR_OK)
			pr_grey_image_free(&g);
		if (pr_tiff_page_encoded(t, i, &enc, &err) == PR_OK)
			pr_encoded_free(&enc);
	}
	pr_tiff_close(t);
	return 0;
}
