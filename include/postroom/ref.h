/* References: short, readable aloud, scannable as Code 128, with a check
 * letter that catches a mistyped character or two swapped neighbours.
 *
 * Form: a kind letter, the day as YYMMDD, '-', a sequence of at least four
 * digits, and the check letter: I261120-0042K is item 42 logged on
 * 20 November 2026. Batches use B. */
#ifndef POSTROOM_REF_H
#define POSTROOM_REF_H

#include "postroom/status.h"

#define PR_REF_LEN 24

/* Writes the reference for KIND ('I', 'B', ...), day DAYNO and sequence SEQ
 * (1 or more) into OUT. */
void pr_ref_make(char kind, long dayno, long seq, char out[PR_REF_LEN]);

/* Normalises IN (trims, upper-cases) into OUT and checks its form, its date
 * and its check letter. PR_EINVAL with a message that names the fault. */
pr_status pr_ref_parse(const char *in, char out[PR_REF_LEN], pr_error *err);

#endif
