/* Ingest: one scan file from the hot folder (or anywhere) to one PDF per
 * item in the archive, in two passes over its pages, one page in memory at
 * a time:
 *
 *   1. each page is decoded to grey, its barcodes read and its ink judged
 *      (header, separator, reusable separator, content, blank);
 *   2. the core plans the documents (scan.h); each document's pages are
 *      written to its PDF (bilevel pages stay CCITT G4, grey and colour
 *      stay grey and colour), blank pages to a PDF beside it;
 *
 * then the original is linked (or copied) unchanged into the archive,
 * everything is recorded in one transaction, and only then does the hot
 * folder's name for it go. A file that cannot be read
 * is moved to the quarantine folder with the reason recorded, never
 * deleted; nothing of it is stored. The same file again (same SHA-256)
 * changes nothing and says so.
 *
 * Archive layout (ARCHIVE is the `archive` setting):
 *   ARCHIVE/YYYY/MM/DD/REF.pdf              an item's pages
 *   ARCHIVE/YYYY/MM/DD/REF-blank.pdf        its blank pages, for review
 *   ARCHIVE/problems/YYYY/MM/DD/NAME-pN.pdf the pages of a scan problem
 *   ARCHIVE/originals/YYYY/MM/DD/NAME       the scan file as it came
 * A name already taken gets "-2", "-3", ... before its extension. */
#ifndef POSTROOM_SERVICE_INGEST_H
#define POSTROOM_SERVICE_INGEST_H

#include <stdint.h>

#include "postroom/db.h"
#include "postroom/scan.h"

/* Files larger than this are quarantined unread. */
#define PR_INGEST_MAX_BYTES (1024LL * 1024 * 1024)

typedef enum pr_ingest_outcome {
	PR_INGEST_STORED,       /* ingested: the plan's documents are recorded */
	PR_INGEST_DUPLICATE,    /* the same content was ingested before */
	PR_INGEST_QUARANTINED,  /* unreadable: moved to the quarantine folder */
} pr_ingest_outcome;

/* Where a file is in its ingest, for a progress display. */
typedef enum pr_ingest_phase {
	PR_INGEST_READING,      /* pass 1: page PAGE of PAGES read */
	PR_INGEST_WRITING,      /* pass 2: page PAGE of PAGES written */
} pr_ingest_phase;

typedef void (*pr_ingest_progress_fn)(pr_ingest_phase phase, int page, int pages,
				      void *ud);

typedef struct pr_ingest_options {
	const char *archive_dir;     /* required */
	const char *quarantine_dir;  /* required */
	pr_ingest_progress_fn progress;  /* may be NULL */
	void *ud;
} pr_ingest_options;

/* What became of one file. */
typedef struct pr_ingest_result {
	pr_ingest_outcome outcome;
	char name[256];              /* the file's name as it came */
	char kept_at[PR_PATH_MAX];   /* where the original is now */
	char sha256[PR_SHA256_HEX];  /* "" when it could not be read */
	char reason[PR_ERROR_MAX];   /* quarantined: why; duplicate: of what */
	int pages;
	int64_t file_id;             /* the scan file's record (0 for a duplicate) */
	pr_scan_plan plan;           /* stored: the documents, with their PDFs */
} pr_ingest_result;

/* Ingests the scan file PATH as the header above says, with *OUT telling
 * what became of it (free with pr_ingest_result_free). A stored,
 * duplicate or quarantined file is PR_OK: the outcome says which. An error
 * leaves the file where it was and the database as it was, to be tried
 * again: PR_EIO when PATH vanished or a folder cannot be written (naming
 * it), PR_ESTATE when another operator changed an item of the file while
 * it was read, the database's errors (PR_EBUSY ...) as they come. */
pr_status pr_ingest_file(pr_db *db, const pr_ingest_options *opt, const char *path,
			 pr_ingest_result *out, pr_error *err);

/* Frees what *R holds (its plan). */
void pr_ingest_result_free(pr_ingest_result *r);

#endif
