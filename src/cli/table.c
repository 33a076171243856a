/* Rows out as an aligned text table, CSV (RFC 4180, header row) or a JSON
 * array of objects; rows are written as they come, never held. */
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "postroom/text.h"

void cli_put(FILE *out, const char *s)
{
	char *e = pr_text_escaped(s ? s : "");
	fputs(e ? e : s ? s : "", out);
	free(e);
}

void json_string(FILE *out, const char *s)
{
	fputc('"', out);
	for (const unsigned char *p = (const unsigned char *)(s ? s : ""); *p; p++) {
		/* C1 controls (U+0080-U+009F: C2 80-9F) and the direction
		 * controls (E2 80 AA-AE, E2 81 A6-A9) as \u escapes: the same
		 * string to a JSON reader, harmless on a terminal. */
		if (p[0] == 0xC2 && p[1] >= 0x80 && p[1] <= 0x9F) {
			fprintf(out, "\\u%04x", p[1]);
			p++;
			continue;
		}
		if (p[0] == 0xE2 && ((p[1] == 0x80 && p[2] >= 0xAA && p[2] <= 0xAE) ||
				     (p[1] == 0x81 && p[2] >= 0xA6 && p[2] <= 0xA9))) {
			fprintf(out, "\\u%04x", 0x2000u | (p[1] & 0x3Fu) << 6 | (p[2] & 0x3Fu));
			p += 2;
			continue;
		}
		switch (*p) {
		case '"': fputs("\\\"", out); break;
		case '\\': fputs("\\\\", out); break;
		case '\n': fputs("\\n", out); break;
		case '\r': fputs("\\r", out); break;
		case '\t': fputs("\\t", out); break;
		default:
			if (*p < 0x20 || *p == 0x7F)
				fprintf(out, "\\u%04x", *p);
			else
				fputc(*p, out);
		}
	}
	fputc('"', out);
}

void json_fields(FILE *out, const cli_col *cols, int ncols,
		 const char *const *values)
{
	for (int i = 0; i < ncols; i++) {
		const char *v = values[i] ? values[i] : "";
		if (i)
			fputs(", ", out);
		json_string(out, cols[i].name);
		fputs(": ", out);
		if (cols[i].type == COL_TEXT)
			json_string(out, v);
		else if (!*v)
			fputs("null", out);
		else if (cols[i].type == COL_BOOL)
			fputs(strcmp(v, "yes") == 0 || strcmp(v, "true") == 0
			      ? "true" : "false", out);
		else
			fputs(v, out);
	}
}

static void csv_field(FILE *out, const char *raw)
{
	/* Control characters are written visibly (\n, \x1B): a csv file is
	 * read on terminals too. */
	char *e = pr_text_escaped(raw);
	const char *s = e ? e : raw;
	if (!s[strcspn(s, ",\"")]) {
		fputs(s, out);
		free(e);
		return;
	}
	fputc('"', out);
	for (; *s; s++) {
		if (*s == '"')
			fputc('"', out);
		fputc(*s, out);
	}
	fputc('"', out);
	free(e);
}

/* Writes S padded or cut to WIDTH characters (cut with "~"). */
static void text_cell(FILE *out, const char *s, int width, bool right, bool last)
{
	size_t chars = pr_utf8_len(s);
	if (width <= 0 || (last && !right)) {
		fputs(s, out);
		return;
	}
	if (chars > (size_t)width) {
		/* Cut at a character boundary, leaving room for the marker. */
		size_t keep = (size_t)width - 1, i = 0, n = 0;
		while (s[i] && n < keep) {
			i++;
			while (((unsigned char)s[i] & 0xC0) == 0x80)
				i++;
			n++;
		}
		fwrite(s, 1, i, out);
		fputc('~', out);
		return;
	}
	int pad = width - (int)chars;
	if (right)
		fprintf(out, "%*s%s", pad, "", s);
	else if (last)
		fputs(s, out);
	else
		fprintf(out, "%s%*s", s, pad, "");
}

static void text_line(cli_table *t, const char *const *values)
{
	for (int i = 0; i < t->ncols; i++) {
		if (i)
			fputs("  ", t->out);
		const char *v = values[i] ? values[i] : "";
		char *e = pr_text_escaped(v);
		text_cell(t->out, e ? e : v, t->cols[i].width, t->cols[i].right,
			  i == t->ncols - 1);
		free(e);
	}
	fputc('\n', t->out);
}

void table_begin(cli_table *t, cli_format format, const cli_col *cols, int ncols,
		 FILE *out)
{
	t->format = format;
	t->cols = cols;
	t->ncols = ncols;
	t->out = out;
	t->rows = 0;
	t->started = false;
}

/* Writes the header: before the first row, or at the end of an empty table,
 * so a listing that fails before its first row prints nothing. */
static void table_start(cli_table *t)
{
	const char *names[32];
	FILE *out = t->out;
	if (t->started)
		return;
	t->started = true;
	switch (t->format) {
	case FMT_TEXT:
		for (int i = 0; i < t->ncols && i < 32; i++)
			names[i] = t->cols[i].title ? t->cols[i].title : t->cols[i].name;
		text_line(t, names);
		break;
	case FMT_CSV:
		for (int i = 0; i < t->ncols; i++) {
			if (i)
				fputc(',', out);
			csv_field(out, t->cols[i].name);
		}
		fputc('\n', out);
		break;
	case FMT_JSON:
		fputc('[', out);
		break;
	}
}

void table_row(cli_table *t, const char *const *values)
{
	table_start(t);
	switch (t->format) {
	case FMT_TEXT:
		text_line(t, values);
		break;
	case FMT_CSV:
		for (int i = 0; i < t->ncols; i++) {
			if (i)
				fputc(',', t->out);
			csv_field(t->out, values[i] ? values[i] : "");
		}
		fputc('\n', t->out);
		break;
	case FMT_JSON:
		fputs(t->rows ? ",\n  {" : "\n  {", t->out);
		json_fields(t->out, t->cols, t->ncols, values);
		fputc('}', t->out);
		break;
	}
	t->rows++;
}

void table_end(cli_table *t)
{
	table_start(t);
	if (t->format == FMT_JSON)
		fputs(t->rows ? "\n]\n" : "]\n", t->out);
	fflush(t->out);
}

int table_finish(cli_table *t, pr_status st, const pr_error *err)
{
	if (st != PR_OK && t->rows == 0)
		return cli_fail(err);
	table_end(t);
	return st == PR_OK ? EXIT_OK : cli_fail(err);
}
