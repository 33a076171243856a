/* PDFs of scanned pages, written by hand (no outside library): one image
 * a page, the image data as the scan gave it (G4 kept G4), the page the
 * size of the paper at the scan's resolution. Written under a temporary
 * name and renamed into place when whole, so a crash never leaves half a
 * PDF under the final name. Pages are streamed: each page's data is
 * written out when it is added and can be freed at once.
 *
 * Call order: pr_scanpdf_open, pr_scanpdf_add_page for each page, then
 * pr_scanpdf_close (the file appears) or pr_scanpdf_abandon (nothing is
 * left). Either one frees the writer. */
#ifndef POSTROOM_IO_SCANPDF_H
#define POSTROOM_IO_SCANPDF_H

#include "postroom/io/image.h"
#include "postroom/sha256.h"
#include "postroom/status.h"

typedef struct pr_scanpdf pr_scanpdf;

/* Starts the PDF that will be PATH (its folder must exist): a temporary
 * file beside it. PR_EIO naming PATH when it cannot be made. */
pr_status pr_scanpdf_open(const char *path, pr_scanpdf **out, pr_error *err);

/* Writes page ENC as the next page: an image XObject (/CCITTFaxDecode with
 * /K -1 for G4, /FlateDecode for grey and RGB) drawn over a page of
 * width / xdpi * 72 by height / ydpi * 72 points. ENC stays the caller's
 * and may be freed as soon as this returns. PR_EINVAL for an empty or
 * inconsistent page, PR_EIO when the write fails; after a failure only
 * pr_scanpdf_abandon is left to call. */
pr_status pr_scanpdf_add_page(pr_scanpdf *pdf, const pr_encoded_page *enc, pr_error *err);

/* The number of pages added so far. */
int pr_scanpdf_pages(const pr_scanpdf *pdf);

/* Writes the page tree, cross-reference table and trailer, flushes the
 * file to disk, renames it into place and frees PDF. SHA256 (may be NULL)
 * gets the SHA-256 of the file as written, in hex. PR_EINVAL when no page
 * was added, PR_EIO naming the path when it cannot be written: either way
 * nothing is left under PATH or the temporary name, and PDF is freed. */
pr_status pr_scanpdf_close(pr_scanpdf *pdf, char sha256[PR_SHA256_HEX_LEN], pr_error *err);

/* Drops the PDF: the temporary file is removed and PDF freed; PDF may be
 * NULL. */
void pr_scanpdf_abandon(pr_scanpdf *pdf);

#endif
