/* Rows out as an aligned text table, CSV (RFC 4180, header row) or a JSON
 * array of objects; rows are written as they come, never held. */
#include <string.h>

#include "cli.h"
#include "postroom/text.h"

void json_string(FILE *out, const char *s)
{
	fputc('"', out);
	for (const unsigned char *p = (const unsigned char *)(s ? s : ""); *p; p++) {
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

static void csv_field(FILE *out, const char *s)
{
	if (!s[strcspn(s, ",\"\r\n")]) {
		fputs(s, out);
		return;
	}
	fputc('"', out);
	for (; *s; s++) {
		if (*s == '"')
			fputc('"', out);
		fputc(*s, out);
	}
	fputc('"', out);
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
		text_cell(t->out, values[i] ? values[i] : "", t->cols[i].width,
			  t->cols[i].right, i == t->ncols - 1);
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
	const char *names[32];
	switch (format) {
	case FMT_TEXT:
		for (int i = 0; i < ncols && i < 32; i++)
			names[i] = cols[i].title ? cols[i].title : cols[i].name;
		text_line(t, names);
		break;
	case FMT_CSV:
		for (int i = 0; i < ncols; i++) {
			if (i)
				fputc(',', out);
			csv_field(out, cols[i].name);
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
	if (t->format == FMT_JSON)
		fputs(t->rows ? "\n]\n" : "]\n", t->out);
	fflush(t->out);
}
