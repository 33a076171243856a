/* The Scan screen's lists and the worker's lines: above, the hot folder
 * and its worker (running or not, its process, the last activity) and the
 * file in hand with a progress bar by page; then a line choosing one of
 * four lists (today's files, open problems, quarantined files, items
 * scanned today), the list itself on the table widget, and the hints. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "postroom/item.h"
#include "postroom/xmem.h"

#include "desk.h"
#include "draw.h"
#include "scanview.h"

/* ---- the tables ---- */

enum { FC_TIME, FC_NAME, FC_BATCH, FC_ITEMS, FC_PAGES, FC_PROBLEMS, FC_COUNT };
static const struct ui_column file_cols[FC_COUNT] = {
	[FC_TIME] = { "Done", 5, UI_ALIGN_LEFT, 0 },
	[FC_NAME] = { "File", 0, UI_ALIGN_LEFT, 0 },
	[FC_BATCH] = { "Batch", 13, UI_ALIGN_LEFT, 0 },
	[FC_ITEMS] = { "Items", 5, UI_ALIGN_RIGHT, 0 },
	[FC_PAGES] = { "Pages", 5, UI_ALIGN_RIGHT, 0 },
	[FC_PROBLEMS] = { "Problems", 8, UI_ALIGN_RIGHT, 0 },
};

static void file_cell(const void *row, size_t index, int col, char *out, size_t cap)
{
	const pr_scan_file *f = row;
	char hhmm[6];

	(void)index;
	switch (col) {
	case FC_TIME:
		pr_time_hhmm(f->done_at ? f->done_at : f->arrived_at, hhmm);
		snprintf(out, cap, "%s", hhmm);
		break;
	case FC_NAME: snprintf(out, cap, "%s", f->name); break;
	case FC_BATCH: snprintf(out, cap, "%s", *f->batch_ref ? f->batch_ref : "none"); break;
	case FC_ITEMS: snprintf(out, cap, "%d", f->items); break;
	case FC_PAGES: snprintf(out, cap, "%d", f->pages); break;
	case FC_PROBLEMS: snprintf(out, cap, "%d", f->problems); break;
	default: break;
	}
}

enum { PC_ID, PC_KIND, PC_PAGES, PC_FILE, PC_DETAIL, PC_COUNT };
static const struct ui_column problem_cols[PC_COUNT] = {
	[PC_ID] = { "No", 4, UI_ALIGN_LEFT, 0 },
	[PC_KIND] = { "Problem", 16, UI_ALIGN_LEFT, 0 },
	[PC_PAGES] = { "Pages", 9, UI_ALIGN_LEFT, 0 },
	[PC_FILE] = { "File", 18, UI_ALIGN_LEFT, 110 },
	[PC_DETAIL] = { "What", 0, UI_ALIGN_LEFT, 0 },
};

static void problem_cell(const void *row, size_t index, int col, char *out, size_t cap)
{
	const pr_scan_problem *p = row;

	(void)index;
	switch (col) {
	case PC_ID: snprintf(out, cap, "P%lld", (long long)p->id); break;
	case PC_KIND: snprintf(out, cap, "%s", pr_scan_problem_name(p->kind)); break;
	case PC_PAGES: snprintf(out, cap, "%s", p->pages ? p->page_list : "none"); break;
	case PC_FILE: snprintf(out, cap, "%s", p->file_name); break;
	case PC_DETAIL: snprintf(out, cap, "%s", p->detail); break;
	default: break;
	}
}

enum { QC_TIME, QC_NAME, QC_REASON, QC_COUNT };
static const struct ui_column quar_cols[QC_COUNT] = {
	[QC_TIME] = { "When", 16, UI_ALIGN_LEFT, 0 },
	[QC_NAME] = { "File", 20, UI_ALIGN_LEFT, 0 },
	[QC_REASON] = { "Why it was quarantined", 0, UI_ALIGN_LEFT, 0 },
};

static void quar_cell(const void *row, size_t index, int col, char *out, size_t cap)
{
	const pr_scan_file *f = row;
	char when[PR_TIME_LEN];

	(void)index;
	switch (col) {
	case QC_TIME:
		ui_time_text(f->done_at ? f->done_at : f->arrived_at, when);
		snprintf(out, cap, "%s", when);
		break;
	case QC_NAME: snprintf(out, cap, "%s", f->name); break;
	case QC_REASON: {
		/* The reason names the file by its path; the name is enough here. */
		const char *r = f->reason, *slash = strrchr(f->path, '/');
		size_t n = slash ? (size_t)(slash - f->path) + 1 : 0;
		const char *in = strstr(r, f->name);
		if (n && strncmp(r, f->path, n) == 0)
			r += n;
		else if (in && in > r && in[-1] == '/' && !memchr(r, ' ', (size_t)(in - r)))
			r = in;
		snprintf(out, cap, "%s", r);
		break;
	}
	default: break;
	}
}

enum { IC_REF, IC_BATCH, IC_PAGES, IC_BLANK, IC_DPI, IC_SENDER, IC_ADDRESSEE, IC_COUNT };
static const struct ui_column item_cols[IC_COUNT] = {
	[IC_REF] = { "Item", 13, UI_ALIGN_LEFT, 0 },
	[IC_BATCH] = { "Batch", 13, UI_ALIGN_LEFT, 100 },
	[IC_PAGES] = { "Pages", 5, UI_ALIGN_RIGHT, 0 },
	[IC_BLANK] = { "Blank", 5, UI_ALIGN_RIGHT, 0 },
	[IC_DPI] = { "dpi", 4, UI_ALIGN_RIGHT, 0 },
	[IC_SENDER] = { "Sender", 0, UI_ALIGN_LEFT, 0 },
	[IC_ADDRESSEE] = { "Addressee", 0, UI_ALIGN_LEFT, 0 },
};

static void item_cell(const void *row, size_t index, int col, char *out, size_t cap)
{
	const pr_scan_review *r = row;

	(void)index;
	switch (col) {
	case IC_REF: snprintf(out, cap, "%s", r->ref); break;
	case IC_BATCH: snprintf(out, cap, "%s", *r->batch_ref ? r->batch_ref : "none"); break;
	case IC_PAGES: snprintf(out, cap, "%d", r->pages); break;
	case IC_BLANK: snprintf(out, cap, "%d", r->blank_pages); break;
	case IC_DPI:
		if (r->dpi)
			snprintf(out, cap, "%d", r->dpi);
		else
			snprintf(out, cap, "?");
		break;
	case IC_SENDER: snprintf(out, cap, "%s", *r->sender ? r->sender : "(to index)"); break;
	case IC_ADDRESSEE:
		snprintf(out, cap, "%s", *r->addressee ? r->addressee : "(to index)");
		break;
	default: break;
	}
}

static const char *const list_names[SL_COUNT] = {
	[SL_FILES] = "Files today", [SL_PROBLEMS] = "Problems",
	[SL_QUARANTINE] = "Quarantined", [SL_ITEMS] = "Scanned items",
};

/* Sets up the tables. */
void scan_lists_init(struct sview *v)
{
	ui_table_init(&v->tab[SL_FILES], file_cols, FC_COUNT, sizeof(pr_scan_file), file_cell);
	ui_table_set_empty(&v->tab[SL_FILES], "No scan file ingested today yet.");
	ui_table_init(&v->tab[SL_PROBLEMS], problem_cols, PC_COUNT, sizeof(pr_scan_problem),
		      problem_cell);
	ui_table_set_empty(&v->tab[SL_PROBLEMS], "No scan problem waiting: nothing to resolve.");
	ui_table_init(&v->tab[SL_QUARANTINE], quar_cols, QC_COUNT, sizeof(pr_scan_file),
		      quar_cell);
	ui_table_set_empty(&v->tab[SL_QUARANTINE], "No file quarantined.");
	ui_table_init(&v->tab[SL_ITEMS], item_cols, IC_COUNT, sizeof(pr_scan_review), item_cell);
	ui_table_set_empty(&v->tab[SL_ITEMS], "No item scanned today yet.");
}

struct ui_table *scan_table(struct sview *v)
{
	return &v->tab[v->list];
}

/* ---- reading ---- */

struct collect {
	struct sview *v;
	pr_time since;
};

static void *grow(void *rows, size_t n, size_t *cap, size_t size)
{
	if (n < *cap)
		return rows;
	*cap = *cap ? *cap * 2 : 32;
	return xrealloc(rows, *cap * size);
}

static bool add_file(const pr_scan_file *f, void *ud)
{
	struct collect *c = ud;
	struct sview *v = c->v;
	pr_time t = f->done_at ? f->done_at : f->arrived_at;

	if (f->status == PR_SCAN_QUARANTINED && v->nquar < SCAN_QUARANTINE_MAX) {
		v->quar = grow(v->quar, v->nquar, &v->cap[SL_QUARANTINE], sizeof *v->quar);
		v->quar[v->nquar++] = *f;
	} else if (f->status == PR_SCAN_INGESTED && t >= c->since) {
		v->files = grow(v->files, v->nfiles, &v->cap[SL_FILES], sizeof *v->files);
		v->files[v->nfiles++] = *f;
	}
	/* Newest first: past today, only quarantined files are still wanted. */
	return t >= c->since || v->nquar < SCAN_QUARANTINE_MAX;
}

static bool add_problem(const pr_scan_problem *p, void *ud)
{
	struct sview *v = ud;

	v->probs = grow(v->probs, v->nprobs, &v->cap[SL_PROBLEMS], sizeof *v->probs);
	v->probs[v->nprobs++] = *p;
	return true;
}

static bool add_item(const pr_scan_review *r, void *ud)
{
	struct sview *v = ud;

	v->items = grow(v->items, v->nitems, &v->cap[SL_ITEMS], sizeof *v->items);
	v->items[v->nitems++] = *r;
	return true;
}

static void load(struct ui *ui, struct sview *v)
{
	pr_error err;
	struct collect c = { v, pr_day_start(pr_time_dayno(pr_now())) };
	char sel_item[PR_REF_LEN] = "";
	const pr_scan_review *r = scan_selected_item(v);

	if (r != NULL)
		snprintf(sel_item, sizeof sel_item, "%s", r->ref);
	v->nfiles = v->nquar = v->nprobs = v->nitems = 0;
	if (pr_scan_list(ui->db, -1, add_file, &c, &err) != PR_OK)
		ui_error(ui, &err);
	if (pr_scan_problems(ui->db, false, add_problem, v, &err) != PR_OK)
		ui_error(ui, &err);
	if (pr_scan_reviews(ui->db, c.since, SCAN_ITEMS_MAX, add_item, v, &err) != PR_OK)
		ui_error(ui, &err);
	if (*sel_item)
		scan_select_item(v, sel_item);
}

static bool desk_same(const pr_scan_desk *a, const pr_scan_desk *b)
{
	const pr_worker_progress *p = &a->progress, *q = &b->progress;

	return strcmp(a->hot, b->hot) == 0 && a->hot_ok == b->hot_ok &&
	       a->waiting == b->waiting && a->running == b->running && a->pid == b->pid &&
	       a->last_activity == b->last_activity && strcmp(a->last_file, b->last_file) == 0 &&
	       a->busy == b->busy && (!a->busy || (p->pid == q->pid && p->phase == q->phase &&
						   p->page == q->page && p->pages == q->pages &&
						   strcmp(p->file, q->file) == 0));
}

/* Reads the hot folder and the worker; true when the lines change. */
bool scan_desk_refresh(struct ui *ui, struct sview *v)
{
	pr_scan_desk d;
	pr_error err;
	bool ok = pr_scan_desk_state(ui->app, &d, &err) == PR_OK;
	bool changed = ok != v->desk_ok;

	if (ok) {
		changed = changed || !desk_same(&d, &v->desk);
		v->desk = d;
	} else {
		changed = changed || strcmp(v->desk_err, err.msg) != 0;
		snprintf(v->desk_err, sizeof v->desk_err, "%s", err.msg);
	}
	v->desk_ok = ok;
	return changed;
}

/* The rows of the lists below the worker's lines and the list selector,
 * above the hints. */
static struct ui_rect table_rect(const struct ui_rect *area)
{
	return (struct ui_rect){ area->y + 4, area->x, area->h - 5, area->w };
}

void scan_lists_refresh(struct ui *ui, struct sview *v, const struct ui_rect *area)
{
	struct ui_rect r = table_rect(area);

	if (!v->loaded || v->gen != ui->generation) {
		v->loaded = true;
		v->gen = ui->generation;
		load(ui, v);
	}
	ui_table_rows(&v->tab[SL_FILES], v->files, v->nfiles, r.h);
	ui_table_rows(&v->tab[SL_PROBLEMS], v->probs, v->nprobs, r.h);
	ui_table_rows(&v->tab[SL_QUARANTINE], v->quar, v->nquar, r.h);
	ui_table_rows(&v->tab[SL_ITEMS], v->items, v->nitems, r.h);
}

const pr_scan_file *scan_selected_file(const struct sview *v)
{
	const struct ui_table *t = &v->tab[v->list];
	if (v->list != SL_FILES && v->list != SL_QUARANTINE)
		return NULL;
	return ui_table_selected(t);
}

const pr_scan_problem *scan_selected_problem(const struct sview *v)
{
	return v->list == SL_PROBLEMS ? ui_table_selected(&v->tab[SL_PROBLEMS]) : NULL;
}

const pr_scan_review *scan_selected_item(const struct sview *v)
{
	if (v->nitems == 0 || v->tab[SL_ITEMS].list.sel >= v->nitems)
		return NULL;
	return &v->items[v->tab[SL_ITEMS].list.sel];
}

void scan_select_item(struct sview *v, const char *ref)
{
	for (size_t i = 0; i < v->nitems; i++)
		if (strcmp(v->items[i].ref, ref) == 0) {
			v->tab[SL_ITEMS].list.count = v->nitems;
			ui_table_select(&v->tab[SL_ITEMS], i);
			return;
		}
}

/* ---- drawing ---- */

static void ago_text(pr_time t, char *out, size_t cap)
{
	char when[PR_TIME_LEN], today[PR_DAY_LEN], day[PR_DAY_LEN];

	pr_time_day(pr_now(), today);
	pr_time_day(t, day);
	if (strcmp(day, today) == 0) {
		char hhmm[6];
		pr_time_hhmm(t, hhmm);
		snprintf(out, cap, "today %s", hhmm);
	} else {
		ui_time_text(t, when);
		snprintf(out, cap, "%s", when);
	}
}

/* The hot folder and worker line, and the line of the file in hand. */
void scan_desk_draw(const struct sview *v, const struct ui_rect *area, int y)
{
	const pr_scan_desk *d = &v->desk;
	int x = area->x + 1, w = area->w - 2;

	if (!v->desk_ok) {
		ui_putf(area->y + y, x, w, ROLE_ERROR, "Error: %s", v->desk_err);
		return;
	}
	char last[300] = "no scan file yet";
	if (d->last_activity) {
		char when[PR_TIME_LEN];
		ago_text(d->last_activity, when, sizeof when);
		snprintf(last, sizeof last, "%s (%s)", when, d->last_file);
	}
	int used;
	if (d->running) {
		char pid[32] = "";
		if (d->pid)
			snprintf(pid, sizeof pid, ", process %ld", d->pid);
		used = ui_putf(area->y + y, x, w, ROLE_NORMAL, "Worker: running%s. ", pid);
	} else if (!d->hot_ok) {
		used = ui_put(area->y + y, x, w, ROLE_WARNING,
			      "Worker: NOT RUNNING, no hot folder yet.");
		used += 1;
	} else {
		used = ui_put(area->y + y, x, w, ROLE_WARNING,
			      "Worker: NOT RUNNING (start: postroom worker)");
		used += 1;
	}
	ui_putf(area->y + y, x + used, w - used, ROLE_NORMAL, "Last activity: %s", last);

	y++;
	if (d->busy) {
		const pr_worker_progress *p = &d->progress;
		bool writing = p->phase == PR_WORKER_WRITING;
		char head[400];
		snprintf(head, sizeof head, "In progress: %s, %s page %d of %d ", p->file,
			 writing ? "writing" : "reading", p->page, p->pages);
		int hw = ui_put(area->y + y, x, w - 22, ROLE_NORMAL, head);
		int bar = w - hw - 14;
		if (bar > 40)
			bar = 40;
		if (bar >= 6) {
			/* Reading is the first half of the work, writing the second. */
			int pct = p->pages ? (writing ? 50 : 0) + 50 * p->page / p->pages : 0;
			int fill = bar * pct / 100;
			int bx = x + hw;
			ui_put(area->y + y, bx, 1, ROLE_NORMAL, "[");
			ui_glyphs(area->y + y, bx + 1, fill, L'\u2588', '#', ROLE_NORMAL);
			ui_glyphs(area->y + y, bx + 1 + fill, bar - fill, L'\u00b7', '.', ROLE_DIM);
			ui_putf(area->y + y, bx + 1 + bar, 8, ROLE_NORMAL, "] %3d%%", pct);
		}
	} else {
		ui_putf(area->y + y, x, w, ROLE_NORMAL, "In progress: none. Waiting: %d file%s in %s",
			d->waiting, d->waiting == 1 ? "" : "s", d->hot);
	}
}

void scan_lists_draw(struct ui *ui, struct sview *v, const struct ui_rect *area)
{
	ui_put(area->y, area->x + 1, area->w - 2, ROLE_TITLE, ui_screen_info(SCR_SCAN)->title);
	scan_desk_draw(v, area, 1);
	/* The list selector: the current one bracketed and reversed. */
	int x = area->x + 1;
	size_t counts[SL_COUNT] = { v->nfiles, v->nprobs, v->nquar, v->nitems };
	for (int l = 0; l < SL_COUNT && x < area->x + area->w - 2; l++) {
		bool cur = l == (int)v->list;
		char label[64];
		snprintf(label, sizeof label, "%s%d %s: %zu%s", cur ? "[" : " ", l + 1, list_names[l],
			 counts[l], cur ? "]" : " ");
		x += ui_put(area->y + 3, x, area->x + area->w - 1 - x,
			    cur ? ROLE_CURSOR : ROLE_LABEL, label) + 1;
	}
	struct ui_rect r = table_rect(area);
	ui_table_draw(&v->tab[v->list], &r, true);
	char hints[256], pos[48];
	ui_table_position(&v->tab[v->list], pos, sizeof pos);
	ui_view_hints(ui, &ui->views[SCR_SCAN], area->w - 20, hints, sizeof hints);
	ui_putf(area->y + area->h - 1, area->x + 1, area->w - 2, ROLE_LABEL, "%s  (%s)", hints, pos);
}

void scan_lists_free(struct sview *v)
{
	for (int l = 0; l < SL_COUNT; l++)
		ui_table_free(&v->tab[l]);
	free(v->files);
	free(v->quar);
	free(v->probs);
	free(v->items);
}
