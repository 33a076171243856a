/* The console's list machinery without a terminal: where a table's
 * columns go (table-layout.c), the scrolling and selection of a list
 * (list.c) and the hints of a screen mode made from the action table
 * (actions.c). Those files are curses-free; this test compiles them into
 * itself, as test-header does with the header's layout. */
#include "unit.h"

#include <stdio.h>
#include <string.h>

#include "../../src/ui/actions.c"
#include "../../src/ui/list.c"
#include "../../src/ui/table-layout.c"

/* The Intake list's columns: kind from 100 columns, tracking from 125. */
static const struct ui_column cols[] = {
	{ "Time", 5, UI_ALIGN_LEFT, 0 },      { "Reference", 13, UI_ALIGN_LEFT, 0 },
	{ "Dept", 9, UI_ALIGN_LEFT, 0 },      { "Sender", 0, UI_ALIGN_LEFT, 0 },
	{ "Addressee", 0, UI_ALIGN_LEFT, 0 }, { "Kind", 13, UI_ALIGN_LEFT, 100 },
	{ "Tracking", 14, UI_ALIGN_LEFT, 125 }, { "Status", 11, UI_ALIGN_LEFT, 0 },
};
#define NCOL ((int)(sizeof cols / sizeof cols[0]))

/* Every shown cell starts after the marker, one space after the one
 * before it, and ends before the free column on the right. */
static void assert_packed(const int *cx, const int *cw, int x, int w)
{
	int at = x + 1;
	for (int c = 0; c < NCOL; c++) {
		if (cw[c] == 0)
			continue;
		assert_int_equal(cx[c], at);
		assert_true(cx[c] + cw[c] <= x + w - 1);
		at = cx[c] + cw[c] + 1;
	}
}

static void test_layout_80(void **state)
{
	int cx[NCOL], cw[NCOL];

	(void)state;
	ui_table_layout(cols, NCOL, 0, 80, cx, cw);
	assert_int_equal(cw[0], 5);
	assert_int_equal(cw[1], 13);
	assert_int_equal(cw[5], 0); /* kind and tracking hidden */
	assert_int_equal(cw[6], 0);
	assert_int_equal(cw[7], 11);
	/* 78 columns of cells: 38 fixed, 5 spaces, 35 shared, the odd one to
	 * the last flexible column. */
	assert_int_equal(cw[3], 17);
	assert_int_equal(cw[4], 18);
	assert_int_equal(cx[0], 1);
	assert_int_equal(cx[7] + cw[7], 79);
	assert_packed(cx, cw, 0, 80);
}

static void test_layout_wide(void **state)
{
	int cx[NCOL], cw[NCOL];

	(void)state;
	ui_table_layout(cols, NCOL, 0, 110, cx, cw);
	assert_int_equal(cw[5], 13);
	assert_int_equal(cw[6], 0);
	assert_packed(cx, cw, 0, 110);
	ui_table_layout(cols, NCOL, 4, 132, cx, cw);
	assert_int_equal(cw[5], 13);
	assert_int_equal(cw[6], 14);
	assert_int_equal(cx[0], 5);
	assert_int_equal(cx[7] + cw[7], 4 + 132 - 1);
	assert_packed(cx, cw, 4, 132);
}

static void test_layout_narrow(void **state)
{
	int cx[NCOL], cw[NCOL];

	(void)state;
	for (int w = 0; w <= 60; w++) {
		ui_table_layout(cols, NCOL, 2, w, cx, cw);
		for (int c = 0; c < NCOL; c++) {
			assert_true(cw[c] >= 0);
			if (cw[c] > 0)
				assert_true(cx[c] + cw[c] <= 2 + w - 1);
		}
	}
}

static void test_list_moves(void **state)
{
	struct ui_list l = { .cursor = true };
	char pos[64];

	(void)state;
	ui_list_resize(&l, 245, 12);
	ui_list_position(&l, pos, sizeof pos);
	assert_string_equal(pos, "1-12 of 245");
	assert_true(ui_list_move(&l, ACT_DOWN));
	assert_int_equal(l.sel, 1);
	/* A page is the height less one: a line stays in view. */
	assert_true(ui_list_move(&l, ACT_PGDN));
	assert_int_equal(l.sel, 12);
	assert_int_equal(l.top, 11);
	ui_list_position(&l, pos, sizeof pos);
	assert_string_equal(pos, "12-23 of 245");
	assert_true(ui_list_move(&l, ACT_END));
	assert_int_equal(l.sel, 244);
	assert_int_equal(l.top, 233);
	assert_true(ui_list_move(&l, ACT_DOWN));
	assert_int_equal(l.sel, 244);
	assert_true(ui_list_move(&l, ACT_HOME));
	assert_int_equal(l.sel, 0);
	assert_int_equal(l.top, 0);
	assert_false(ui_list_move(&l, ACT_HELP));
	/* Fewer rows after a re-read: the selection stays inside. */
	l.sel = 200;
	l.top = 190;
	ui_list_resize(&l, 20, 12);
	assert_int_equal(l.sel, 19);
	assert_int_equal(l.top, 8);
	ui_list_resize(&l, 0, 12);
	assert_int_equal(l.sel, 0);
	ui_list_position(&l, pos, sizeof pos);
	assert_string_equal(pos, "none");
}

static void test_hints(void **state)
{
	char out[128];

	(void)state;
	ui_hints(UIM_INTAKE_LIST, 200, out, sizeof out);
	assert_string_equal(out, "Enter: show, n: form, e: exception, H: hand over");
	/* Whole entries only, the first ones first. */
	ui_hints(UIM_INTAKE_LIST, 20, out, sizeof out);
	assert_string_equal(out, "Enter: show, n: form");
	ui_hints(UIM_INTAKE_LIST, 19, out, sizeof out);
	assert_string_equal(out, "Enter: show");
	ui_hints(UIM_INTAKE_LIST, 5, out, sizeof out);
	assert_string_equal(out, "");
	ui_hints(UIM_NONE, 200, out, sizeof out);
	assert_string_equal(out, "");
	/* The keys come from the action table. */
	ui_hints(UIM_ITEMS_OPEN, 200, out, sizeof out);
	assert_non_null(strstr(out, "Esc: batches"));
	assert_non_null(strstr(out, "-: remove"));
	ui_hints(UIM_BATCHES_OPEN, 200, out, sizeof out);
	assert_non_null(strstr(out, "Tab: items"));
	assert_non_null(strstr(out, "F1: keys"));
	/* A small buffer is never overrun. */
	ui_hints(UIM_INTAKE_LIST, 200, out, 12);
	assert_string_equal(out, "Enter: show");
}

static void test_action_scopes(void **state)
{
	(void)state;
	assert_int_equal(ui_action_find(SCR_BATCHES, 'n', true), ACT_BATCH_NEW);
	assert_int_equal(ui_action_find(SCR_INTAKE, 'n', true), ACT_NEW_ITEM);
	/* Letters are text in a form field; function keys still act. */
	assert_int_equal(ui_action_find(SCR_INTAKE, 'n', false), ACT_NONE);
	assert_int_equal(ui_action_find(SCR_INTAKE, UI_FN(KEY_F(3)), false), ACT_BATCHES);
	assert_int_equal(ui_action_find(SCR_REPORTS, UI_FN(KEY_PPAGE), true), ACT_WEEK_BACK);
	assert_int_equal(ui_action_find(SCR_INTAKE, UI_FN(KEY_PPAGE), true), ACT_PGUP);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_layout_80),
		cmocka_unit_test(test_layout_wide),
		cmocka_unit_test(test_layout_narrow),
		cmocka_unit_test(test_list_moves),
		cmocka_unit_test(test_hints),
		cmocka_unit_test(test_action_scopes),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
