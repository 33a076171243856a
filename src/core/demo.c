/* Demo data: a county council's post room over a period of days, realistic
 * enough to exercise every screen and report, and deterministic: the same
 * seed and the same "now" give the same rows.
 *
 * The shape of the data: 40-odd departments of unequal weight with a few
 * named people each, a team of operators, 2,000-6,000 items a working day
 * received mostly through the morning, and a scanned share that climbs from
 * about 45% to about 95% over the period (DESIGN.md section 1). Items for
 * scanning go into their department's tray (a batch); trays go to the
 * scanners when full or at the runner's rounds, and the scanners work
 * through them in turn, so scanning runs behind logging in the morning and
 * catches up in the afternoon.
 *
 * Each day is planned whole, whatever the clock says, then written as it
 * stands at now: an event that would happen later has not happened yet, so
 * today holds the post logged so far, its open trays and the live backlog,
 * and a later "now" only carries the same day further. Each item is
 * inserted as logged and then moved through the states of its life up to
 * now by pr_item_move, as the desk and the scanners would move it; each
 * batch is inserted in its state at now with its audit events; the rollup
 * triggers count the items. */
#include "postroom/demo.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core.h"
#include "postroom/clock.h"
#include "postroom/item.h"
#include "postroom/operator.h"
#include "postroom/ref.h"
#include "postroom/xmem.h"

/* ---------------------------------------------------------------------
 * Data tables
 * ------------------------------------------------------------------- */

#define DEMO_DOMAIN "county.gov.example"

typedef struct demo_dept_def {
	const char *code;
	const char *name;
	const char *mailbox;  /* local part of the team mailbox */
	int weight;           /* relative share of the day's post */
	int public_pct;       /* % of its post from members of the public */
	const char *senders;  /* its usual correspondents, '|' separated */
} demo_dept_def;

static const demo_dept_def dept_defs[] = {
	{"ASC", "Adult Social Care", "adult.socialcare", 90, 60,
	 "Care Quality Commission|Somerset NHS Foundation Trust|"
	 "Age UK|Alzheimer's Society|Office of the Public Guardian"},
	{"CSC", "Children's Services", "childrens.services", 75, 45,
	 "Ofsted|Family Court|CAFCASS|Department for Education|"
	 "Avon and Somerset Police"},
	{"CTAX", "Council Tax", "counciltax", 95, 85,
	 "Valuation Office Agency|Magistrates' Court|DWP"},
	{"REVBEN", "Revenues & Benefits", "revenues.benefits", 70, 80,
	 "DWP|HMRC|Citizens Advice|The Pension Service"},
	{"CAREFIN", "Care Finance (Financial Assessments)", "care.finance", 50,
	 70, "DWP|Lloyds Bank plc|Barclays Bank UK plc|Nationwide Building Society"},
	{"SEND", "Special Educational Needs & Disabilities", "send", 55, 65,
	 "First-tier Tribunal (SEND)|Department for Education|IPSEA"},
	{"ADM", "Education Admissions", "admissions", 45, 85,
	 "Department for Education|Academy Trust Admissions"},
	{"PEN", "Pensions", "pensions", 55, 60,
	 "Local Government Pension Scheme|Scottish Widows|Hymans Robertson LLP|"
	 "HMRC|The Pensions Regulator"},
	{"HWY", "Highways", "highways", 50, 60,
	 "National Highways|Openreach|Wessex Water|Western Power Distribution"},
	{"PARK", "Parking Services", "parking", 40, 90,
	 "Traffic Penalty Tribunal|DVLA"},
	{"BB", "Blue Badge", "bluebadge", 35, 90, "DWP|DVLA"},
	{"CONC", "Concessionary Travel", "concessionary.travel", 25, 90,
	 "First Bus|Stagecoach South West"},
	{"SCHTRANS", "School Transport", "school.transport", 30, 70,
	 "Coach Hire Ltd|Academy Trust Admissions"},
	{"LEGAL", "Legal Services", "legal", 40, 10,
	 "HM Courts & Tribunals Service|Family Court|County Court Money Claims|"
	 "Government Legal Department"},
	{"PLAN", "Planning", "planning", 35, 50,
	 "Planning Inspectorate|Environment Agency|Natural England|"
	 "Historic England"},
	{"FOST", "Fostering & Adoption", "fostering", 20, 55,
	 "Ofsted|Adoption UK|CoramBAAF"},
	{"REG", "Registration Service", "registration", 30, 75,
	 "General Register Office|HM Passport Office"},
	{"CORONER", "Coroner's Office", "coroner", 20, 25,
	 "Avon and Somerset Police|Somerset NHS Foundation Trust|"
	 "Royal United Hospitals Bath NHS Foundation Trust|Chief Coroner's Office"},
	{"TS", "Trading Standards", "trading.standards", 20, 70,
	 "Citizens Advice|National Trading Standards|Food Standards Agency"},
	{"LIB", "Libraries", "libraries", 15, 60,
	 "British Library|Askews & Holts Library Services"},
	{"WASTE", "Waste & Recycling", "waste", 25, 75,
	 "Environment Agency|Viridor|Biffa Waste Services"},
	{"PH", "Public Health", "publichealth", 15, 25,
	 "UK Health Security Agency|NHS England|Office for Health Improvement"},
	{"PAY", "Payroll", "payroll", 25, 40,
	 "HMRC|Local Government Pension Scheme|Child Maintenance Service"},
	{"PROC", "Procurement", "procurement", 15, 5,
	 "Crown Commercial Service|ESPO|YPO"},
	{"PROP", "Property Services", "property", 15, 20,
	 "HM Land Registry|Savills|Knight Frank LLP"},
	{"ARCH", "Archives", "archives", 8, 70,
	 "The National Archives|Society of Genealogists"},
	{"EP", "Emergency Planning", "emergency.planning", 5, 10,
	 "Environment Agency|Met Office|Cabinet Office"},
	{"DEMS", "Democratic Services", "democratic.services", 8, 50,
	 "Local Government Association|Electoral Commission"},
	{"COMP", "Complaints", "complaints", 30, 90,
	 "Local Government & Social Care Ombudsman"},
	{"FOI", "Information Governance (FOI)", "foi", 20, 70,
	 "Information Commissioner's Office"},
	{"INS", "Insurance", "insurance", 20, 55,
	 "Zurich Municipal|Gallagher Bassett|Direct Line"},
	{"HR", "Human Resources", "hr", 30, 50,
	 "Disclosure and Barring Service|ACAS|Employment Tribunals"},
	{"FIN", "Finance", "finance", 40, 15,
	 "Barclays Bank UK plc|HMRC|Grant Thornton UK LLP|Public Sector Audit "
	 "Appointments"},
	{"DEBT", "Debt Recovery", "debt.recovery", 30, 80,
	 "County Court Money Claims|StepChange Debt Charity"},
	{"ROW", "Public Rights of Way", "rightsofway", 8, 80,
	 "Ramblers|Natural England"},
	{"STREETWORKS", "Streetworks & Permits", "streetworks", 10, 20,
	 "Openreach|Wessex Water|Wales & West Utilities|Virgin Media O2"},
	{"FLOOD", "Flood Risk Management", "flood.risk", 8, 60,
	 "Environment Agency|Internal Drainage Board"},
	{"YJS", "Youth Justice Service", "youth.justice", 10, 30,
	 "Youth Justice Board|HM Courts & Tribunals Service|"
	 "Avon and Somerset Police"},
	{"SAFEG", "Adult Safeguarding", "safeguarding.adults", 15, 40,
	 "Avon and Somerset Police|Care Quality Commission"},
	{"EARLYHELP", "Early Help", "earlyhelp", 15, 60,
	 "Department for Education|Barnardo's"},
	{"SCHOOLS", "School Services", "schools", 20, 30,
	 "Department for Education|Education & Skills Funding Agency|Ofsted"},
	{"LANDCH", "Land Charges", "landcharges", 15, 30,
	 "HM Land Registry|Search Acumen"},
	{"CEX", "Chief Executive's Office", "chief.executive", 8, 50,
	 "Department for Levelling Up|Local Government Association|"
	 "County Councils Network"},
	{"AUDIT", "Internal Audit", "internal.audit", 5, 10,
	 "Grant Thornton UK LLP|CIPFA"},
	{"ICT", "ICT Services", "ict", 8, 5, "BT Business|Microsoft Ltd|Softcat plc"},
};

#define DEMO_NDEPT ((int)(sizeof dept_defs / sizeof dept_defs[0]))
#define DEMO_RCP_MAX 6

/* The post room team. The acting login (pr_db_actor) is added as an admin besides. */
static const struct {
	const char *login;
	const char *name;
	const char *role;
} operator_defs[] = {
	{"jpatel", "Jasmine Patel", "operator"},
	{"dmorgan", "Dylan Morgan", "operator"},
	{"kowusu", "Kwame Owusu", "operator"},
	{"lhughes", "Linda Hughes", "operator"},
	{"mnowak", "Marta Nowak", "operator"},
	{"sreid", "Stuart Reid", "operator"},
	{"agriffiths", "Angela Griffiths", "supervisor"},
	{"rkhan", "Rehana Khan", "admin"},
};

#define DEMO_NOPS ((int)(sizeof operator_defs / sizeof operator_defs[0]))
#define DEMO_NCREW 7 /* the first seven do the daily work */

static const char *const first_names[] = {
	"Sarah", "James", "Emma", "David", "Claire", "Michael", "Rachel",
	"Paul", "Helen", "Mark", "Laura", "Andrew", "Nicola", "Richard",
	"Joanne", "Stephen", "Priya", "Mohammed", "Aisha", "Tom", "Hannah",
	"Gareth", "Sian", "Rhys", "Fiona", "Callum", "Niamh", "Declan",
	"Katie", "Daniel", "Sophie", "Oliver", "Charlotte", "Harry", "Lucy",
	"Ben", "Amelia", "Jack", "Zara", "Imran", "Grace", "Wei", "Olu",
	"Chloe", "Liam", "Megan", "Adam", "Beth", "Simon", "Karen",
	"Rebecca", "Ian", "Alison", "Neil", "Jenny", "Ravi", "Anita",
};

static const char *const surnames[] = {
	"Smith", "Jones", "Williams", "Taylor", "Brown", "Davies", "Evans",
	"Wilson", "Thomas", "Roberts", "Johnson", "Lewis", "Walker",
	"Robinson", "Wood", "Thompson", "White", "Watson", "Jackson",
	"Wright", "Green", "Harris", "Cooper", "King", "Lee", "Martin",
	"Clarke", "James", "Morgan", "Hughes", "Edwards", "Hill", "Moore",
	"Clark", "Harrison", "Scott", "Young", "Morris", "Hall", "Ward",
	"Turner", "Carter", "Phillips", "Mitchell", "Patel", "Adams",
	"Campbell", "Anderson", "Allen", "Cook", "Bailey", "Parker",
	"Miller", "Davis", "Murphy", "Price", "Bell", "Baker", "Griffiths",
	"Kelly", "Simpson", "Marshall", "Collins", "Bennett", "Cox",
	"Richardson", "Fox", "Gray", "Rose", "Chapman", "Hunt", "Robertson",
	"Shaw", "Reynolds", "Lloyd", "Ellis", "Richards", "Russell", "Wilkinson",
	"Khan", "Ahmed", "Singh", "Begum", "Hussain", "Shah", "Ali",
	"Nowak", "Kowalski", "O'Brien", "O'Connor", "McDonald", "Okafor",
	"Mensah", "Chen", "Wong", "Nguyen", "Rossi", "Da Silva", "Pearce",
	"Trewin", "Penrose", "Tremayne", "Hawke", "Foot-Smith",
};

/* Organisations that write to any department. */
static const char *const organisations[] = {
	"HMRC", "DWP", "DVLA", "Royal Mail", "HM Land Registry",
	"HM Courts & Tribunals Service", "Companies House", "Cabinet Office",
	"Department for Education", "Environment Agency", "Ofsted",
	"Information Commissioner's Office", "Local Government Association",
	"Local Government & Social Care Ombudsman", "British Gas", "BT Group plc",
	"Barclays Bank UK plc", "Lloyds Bank plc", "NatWest", "Santander UK",
	"Nationwide Building Society", "Capita plc", "Serco Ltd", "Amey plc",
	"Kier Group", "Virgin Media O2", "EDF Energy", "South West Water",
	"Somerset NHS Foundation Trust", "Royal Cornwall Hospitals NHS Trust",
	"Great Western Hospitals NHS Foundation Trust",
	"University Hospitals Bristol and Weston NHS Foundation Trust",
	"NHS Business Services Authority", "Bristol City Council",
	"Dorset Council", "Wiltshire Council", "Devon County Council",
	"Plymouth City Council", "Exeter City Council", "Mendip District Council",
	"Avon and Somerset Police", "Devon & Somerset Fire and Rescue Service",
	"Citizens Advice", "Age UK", "The Salvation Army", "Shelter",
	"Office for National Statistics", "Electoral Commission",
};

static const struct {
	const char *title;
	int weight;
} titles[] = {
	{"Mr", 38}, {"Mrs", 26}, {"Ms", 14}, {"Miss", 9}, {"Dr", 5},
	{"Mx", 2}, {"", 6},
};

static const char *const recorded_prefixes[] = {"RN", "RR", "RT", "RU"};
static const char *const special_prefixes[] = {"ZV", "ZW", "ZY", "ZX"};

static const char *const return_reasons[] = {
	"misdirected: addressed to another organisation",
	"misdirected: for the district council",
	"addressee not known to the council",
	"misdirected: for the NHS trust",
	"refused: no such department",
};

#define REASON_UNSCANNED "delivered unscanned (internal post)"

/* Shares in parts per 100,000. */
#define PPK_LARGE_LETTER 15000
#define PPK_PARCEL 5000
#define PPK_RECORDED 6000
#define PPK_SPECIAL 2000
#define PPK_PRIVATE 2000
#define PPK_REMITTANCE 1000
#define PPK_LEGAL 300
#define PPK_BULKY_PARCEL 10000  /* of parcels: 0.5% of all items */
#define PPK_URGENT 1500
#define PPK_DAMAGED 400
#define PPK_RETURNED 400
#define PPK_NOT_EMAILED 1500    /* scanned, route not yet sent */
#define PPK_NOT_HANDED 4000     /* flagged, not yet collected */
#define PPK_TO_PERSON 60000     /* addressed to a named person */

/* The scanned share at the start and at the end of the period. */
#define SHARE_START 0.45
#define SHARE_END 0.955

/* Local times of day, in seconds. */
#define HM(h, m) ((h) * 3600 + (m) * 60)
#define ROOM_OPENS HM(6, 0)    /* the early shift, and the scanners, start */
#define OFFICE_OPENS HM(8, 30) /* departments' staff are in to sign for items */
#define CLOSE_OF_DAY HM(17, 0)

/* Trays (batches): a full one goes to the scanners at once; at a round the
 * runner takes those open for TRAY_SETTLE that hold TRAY_MIN items or have
 * waited TRAY_WAIT. */
#define TRAY_CAP_MIN 30
#define TRAY_CAP_MAX 60
#define TRAY_MIN 5
#define TRAY_SETTLE (10 * 60)
#define TRAY_WAIT (2 * 3600)
/* From a tray's closing to its first page in a scanner: carrying it over,
 * taking staples out, putting its sheets in. */
#define PREP_MIN (3 * 60)
#define PREP_MAX (8 * 60)
/* The scanners' working hours, for their pace, and their slowest pace
 * (items an hour). */
#define SCAN_HOURS 10.5
#define SCAN_RATE_MIN 120.0

/* ---------------------------------------------------------------------
 * Random numbers: xoshiro256** seeded through splitmix64
 * ------------------------------------------------------------------- */

typedef struct rng {
	uint64_t s[4];
} rng;

static uint64_t splitmix64(uint64_t *x)
{
	uint64_t z = (*x += UINT64_C(0x9e3779b97f4a7c15));
	z = (z ^ (z >> 30)) * UINT64_C(0xbf58476d1ce4e5b9);
	z = (z ^ (z >> 27)) * UINT64_C(0x94d049bb133111eb);
	return z ^ (z >> 31);
}

static void rng_seed(rng *r, uint64_t seed)
{
	for (int i = 0; i < 4; i++)
		r->s[i] = splitmix64(&seed);
}

static uint64_t rotl(uint64_t x, int k)
{
	return (x << k) | (x >> (64 - k));
}

static uint64_t rng_next(rng *r)
{
	uint64_t *s = r->s;
	uint64_t result = rotl(s[1] * 5, 7) * 9;
	uint64_t t = s[1] << 17;
	s[2] ^= s[0];
	s[3] ^= s[1];
	s[1] ^= s[2];
	s[0] ^= s[3];
	s[2] ^= t;
	s[3] = rotl(s[3], 45);
	return result;
}

/* A number in [0, n); n > 0. The modulo bias is negligible for our n. */
static long rng_below(rng *r, long n)
{
	return (long)(rng_next(r) % (uint64_t)n);
}

/* A number in [lo, hi]. */
static long rng_range(rng *r, long lo, long hi)
{
	return lo + rng_below(r, hi - lo + 1);
}

/* A double in [0, 1). */
static double rng_unit(rng *r)
{
	return (double)(rng_next(r) >> 11) * 0x1.0p-53;
}

/* True with probability PPK parts in 100,000. */
static bool rng_chance(rng *r, long ppk)
{
	return rng_below(r, 100000) < ppk;
}

#define PICK(r, array) ((array)[rng_below((r), (long)(sizeof(array) / sizeof((array)[0])))])

/* ---------------------------------------------------------------------
 * State of one fill
 * ------------------------------------------------------------------- */

typedef struct demo_rcp {
	int64_t id;
	char name[64];
} demo_rcp;

typedef struct demo {
	pr_db *db;
	sqlite3 *sql;
	sqlite3_stmt *ins_item;
	sqlite3_stmt *ins_seq;
	sqlite3_stmt *ins_batch;
	uint64_t seed;
	pr_time now;
	long today;
	long first;
	long days;
	int64_t dept_id[DEMO_NDEPT];
	demo_rcp rcp[DEMO_NDEPT][DEMO_RCP_MAX];
	int nrcp[DEMO_NDEPT];
	long weight_total;
	/* Operators on duty on the day being filled. */
	const char *crew[DEMO_NCREW];
	int ncrew;
} demo;

/* One event in the life of an item or a batch, as it goes to audit_events. */
typedef struct demo_event {
	pr_time at;
	const char *actor;
	const char *from;
	const char *to;
	const char *reason;
} demo_event;

/* Which way an item goes. */
typedef enum demo_fate {
	FATE_SCAN,      /* into a tray, scanned, emailed */
	FATE_EXCEPTION, /* flagged at the desk, handed over */
	FATE_RETURN,    /* not for the council */
	FATE_UNSCANNED, /* the old way: sorted into the internal post */
} demo_fate;

/* One item: its plan (the p_ fields and their actors: what happens when,
 * whatever the clock says), then its state at now, which is inserted. */
typedef struct demo_item {
	char ref[PR_REF_LEN];
	int dept;
	int rcp;  /* index into the department's recipients, -1 for the team */
	char sender[160];
	const char *addressee;
	const char *kind;
	const char *service;
	char tracking[PR_TRACKING_LEN];
	unsigned flags;
	pr_time received_at;
	const char *logged_by;

	demo_fate fate;
	pr_time p_batched;      /* FATE_SCAN: into its department's tray */
	const char *batched_by;
	long batch;             /* index into the day's batches, -1 for none */
	long batch_pos;         /* 1 for the first in its tray */
	pr_time p_scanned;      /* set by the scanners' queue */
	const char *scanned_by;
	long email_after;       /* seconds from scan to email; 0: not yet sent */
	pr_time p_exception;    /* FATE_EXCEPTION and FATE_UNSCANNED */
	const char *exception_by;
	pr_time p_handed;       /* 0 while nobody has come for it */
	const char *handed_by;
	const char *handed_name;
	pr_time p_returned;     /* FATE_RETURN */
	const char *returned_by;
	const char *p_reason;   /* of the exception or the return */

	const char *status;
	bool batched;
	pr_time scanned_at;
	pr_time emailed_at;
	const char *exception_reason;
	const char *handed_to;
	pr_time handed_at;
	pr_time updated_at;
	char batch_why[40];
	char signed_for[96];
	demo_event ev[5];
	int nev;
} demo_item;

/* One tray (a batch), planned whole like the items. */
typedef struct demo_batch {
	char ref[PR_REF_LEN];
	int dept;
	long cap;       /* the items that fill it */
	long items;
	pr_time opened_at, last_at, closed_at, scanned_at;
	const char *opened_by, *closed_by, *scanned_by;
	long first;     /* its first item in the day's by-tray order */
	int64_t id;     /* once inserted */
} demo_batch;

/* The plan of one day. */
typedef struct demo_day {
	long dayno;
	long n;
	demo_item *item;        /* N, in order of receipt */
	long nbatch;
	demo_batch *batch;      /* in order of opening */
	long open[DEMO_NDEPT];  /* each department's open tray, -1 for none */
	long nclosed;
	long *closed;           /* trays in the order they were closed */
	long *member;           /* items by tray, in tray order */
} demo_day;

/* ---------------------------------------------------------------------
 * Days and times
 * ------------------------------------------------------------------- */

static bool is_working_day(long dayno)
{
	return pr_day_weekday(dayno) < 5;
}

static long next_working_day(long dayno)
{
	do
		dayno++;
	while (!is_working_day(dayno));
	return dayno;
}

/* The time SECS seconds after local midnight (for SECS of 03:00 or later)
 * on day DAYNO, right on the days the clocks change too. */
static pr_time local_time(long dayno, long secs)
{
	pr_time start = pr_day_start(dayno);
	pr_time len = pr_day_start(dayno + 1) - start;
	return start + secs + (secs >= HM(3, 0) ? len - 86400 : 0);
}

/* The local time of day of T on day DAYNO, in seconds. */
static long time_of_day(long dayno, pr_time t)
{
	pr_time start = pr_day_start(dayno);
	pr_time len = pr_day_start(dayno + 1) - start;
	long secs = (long)(t - start);
	return secs >= HM(3, 0) ? secs - (long)(len - 86400) : secs;
}

/* A moment MIN_S..MAX_S seconds after T (on day DAYNO) within working
 * hours, else early on the next working day. *DAY_OUT is its day. */
static pr_time later(rng *r, long dayno, pr_time t, long min_s, long max_s,
		     long *day_out)
{
	pr_time at = t + rng_range(r, min_s, max_s);
	if (is_working_day(dayno) && time_of_day(dayno, at) <= CLOSE_OF_DAY) {
		*day_out = dayno;
		return at;
	}
	*day_out = next_working_day(dayno);
	return local_time(*day_out, rng_range(r, HM(8, 0), HM(11, 30)));
}

/* How many items arrive on DAYNO. */
static long day_volume(rng *r, long dayno)
{
	static const int weekday_pct[7] = {122, 104, 100, 95, 84, 0, 0};
	int wd = pr_day_weekday(dayno);
	if (wd == 5)
		return rng_range(r, 8, 60);
	if (wd == 6)
		return rng_range(r, 0, 8);
	long n = 4200L * weekday_pct[wd] / 100;
	n = n * rng_range(r, 85, 116) / 100;
	return n < 2000 ? 2000 : n > 6000 ? 6000 : n;
}

static int cmp_long(const void *a, const void *b)
{
	long x = *(const long *)a, y = *(const long *)b;
	return (x > y) - (x < y);
}

/* When the post comes: waves, each an exact share (%) of the day's items
 * spread evenly over its hours. A post room starts early: the room opens at
 * 06:00 to the overnight drop box and hand deliveries, so a working day has
 * post logged from its first minutes (at least 80 items by 06:40, a fifth
 * of them by 06:10), then the early collection from the sorting office,
 * then the main Royal Mail delivery. At the weekend a few items come in the
 * morning and whoever is on logs them. */
typedef struct demo_wave {
	int pct;
	long from, to;
} demo_wave;

static const demo_wave working_waves[] = {
	{4, HM(6, 0), HM(6, 40)},     /* overnight: the drop box, hand deliveries */
	{8, HM(6, 40), HM(7, 30)},    /* the early collection from the sorting office */
	{50, HM(7, 30), HM(9, 0)},    /* the main Royal Mail delivery */
	{25, HM(9, 0), HM(11, 0)},    /* sorting office top-ups, couriers, hand delivery */
	{11, HM(12, 30), HM(15, 30)}, /* the afternoon delivery */
	{2, HM(15, 30), HM(16, 45)},
};
static const demo_wave saturday_waves[] = {{100, HM(8, 0), HM(11, 30)}};
static const demo_wave sunday_waves[] = {{100, HM(9, 0), HM(12, 0)}};

/* The local times of receipt (seconds after midnight) of the N items of a
 * day of weekday WD into SECS, in order. The biggest wave takes what the
 * rounding of the shares leaves. */
static void receipt_times(rng *r, int wd, long n, long *secs)
{
	const demo_wave *w = wd < 5 ? working_waves : wd == 5 ? saturday_waves : sunday_waves;
	size_t nw = wd < 5 ? sizeof working_waves / sizeof working_waves[0] : 1;
	size_t main = 0;
	long left = n, k = 0;

	for (size_t i = 0; i < nw; i++) {
		if (w[i].pct > w[main].pct)
			main = i;
		left -= n * w[i].pct / 100;
	}
	for (size_t i = 0; i < nw; i++) {
		long m = n * w[i].pct / 100 + (i == main ? left : 0);
		for (long j = 0; j < m; j++)
			secs[k++] = rng_range(r, w[i].from, w[i].to - 1);
	}
	qsort(secs, (size_t)n, sizeof *secs, cmp_long);
}

/* The runner's rounds, local times; the last takes every tray. The first,
 * at 06:20, takes every tray that has settled, so the scanners start on
 * the overnight post. Weekend trays go at the rounds and wait for the next
 * working day's scanners. */
static const long working_rounds[] = {
	HM(6, 20), HM(7, 30), HM(8, 30), HM(9, 30), HM(10, 30), HM(11, 30),
	HM(12, 30), HM(13, 30), HM(14, 30), HM(15, 30), HM(16, 30), CLOSE_OF_DAY,
};
static const long weekend_rounds[] = {HM(10, 0), HM(11, 0), HM(12, 0), HM(13, 0)};

/* The share of the day's items that get scanned, on day I of N: a smooth
 * climb from SHARE_START to SHARE_END with a little daily noise. */
static double scan_share(rng *r, long i, long n)
{
	double x = n > 1 ? (double)i / (double)(n - 1) : 1.0;
	x = x / 0.85 > 1.0 ? 1.0 : x / 0.85; /* a plateau at the end */
	double s = x * x * (3.0 - 2.0 * x);
	double noise = (rng_unit(r) - 0.5) * (0.05 - 0.03 * s);
	return SHARE_START + (SHARE_END - SHARE_START) * s + noise;
}

/* How a day's post is handled when SHARE of it is to be scanned. */
typedef struct demo_regime {
	double p_scan;  /* chance that an ordinary item is scanned */
	/* What the scanners can do in a day over what is put to them: in the
	 * old way of working about 70%, the rest waiting for the next day;
	 * in the new a third more than they need, so the morning's queue is
	 * gone by the early afternoon. */
	double pace;
} demo_regime;

static demo_regime regime_of(double share)
{
	/* 0 in the old way of working, 1 in the new. */
	double modern = (share - SHARE_START) / (SHARE_END - SHARE_START);
	modern = modern < 0 ? 0 : modern > 1 ? 1 : modern;
	return (demo_regime){
		/* Exceptions and returns (about 4.2%) are never scanned. */
		.p_scan = share / (1.0 - 0.042),
		.pace = 0.7 + 0.65 * modern,
	};
}

/* ---------------------------------------------------------------------
 * Names and parties
 * ------------------------------------------------------------------- */

/* Field I of the '|'-separated LIST into OUT. */
static void list_field(const char *list, long i, char *out, size_t cap)
{
	while (i-- > 0 && strchr(list, '|'))
		list = strchr(list, '|') + 1;
	size_t len = strcspn(list, "|");
	if (len >= cap)
		len = cap - 1;
	memcpy(out, list, len);
	out[len] = '\0';
}

static long list_count(const char *list)
{
	long n = 1;
	for (; *list; list++)
		n += *list == '|';
	return n;
}

/* A member of the public as an envelope names them: "Mrs J Patel". */
static void public_name(rng *r, char *out, size_t cap)
{
	long total = 0, u;
	for (size_t i = 0; i < sizeof titles / sizeof titles[0]; i++)
		total += titles[i].weight;
	u = rng_below(r, total);
	size_t t = 0;
	while (u >= titles[t].weight)
		u -= titles[t++].weight;
	const char *first = PICK(r, first_names);
	const char *sur = PICK(r, surnames);
	if (rng_chance(r, 6000))
		snprintf(out, cap, "Mr & Mrs %c %s", first[0], sur);
	else if (titles[t].title[0] == '\0')
		snprintf(out, cap, "%s %s", first, sur);
	else
		snprintf(out, cap, "%s %c %s", titles[t].title, first[0], sur);
}

/* A firm of solicitors: "Patel & Co Solicitors", "Hughes Ward LLP", ... */
static void solicitor_name(rng *r, char *out, size_t cap)
{
	const char *a = PICK(r, surnames), *b = PICK(r, surnames);
	switch (rng_below(r, 5)) {
	case 0:
		snprintf(out, cap, "%s & Co Solicitors", a);
		break;
	case 1:
		snprintf(out, cap, "%s %s LLP", a, b);
		break;
	case 2:
		snprintf(out, cap, "%s & %s Solicitors", a, b);
		break;
	case 3:
		snprintf(out, cap, "%s Law Ltd", a);
		break;
	default:
		snprintf(out, cap, "%s %s & Partners", a, b);
		break;
	}
}

/* Who sent an item to department DEPT with FLAGS. */
static void sender_for(rng *r, int dept, unsigned flags, char *out, size_t cap)
{
	const demo_dept_def *def = &dept_defs[dept];
	if (flags & PR_FLAG_LEGAL) {
		if (rng_chance(r, 70000))
			solicitor_name(r, out, cap);
		else
			snprintf(out, cap, "HM Courts & Tribunals Service");
		return;
	}
	if ((flags & PR_FLAG_REMITTANCE) || rng_below(r, 100) < def->public_pct) {
		public_name(r, out, cap);
		return;
	}
	long u = rng_below(r, 100);
	if (u < 45 && def->senders)
		list_field(def->senders, rng_below(r, list_count(def->senders)), out, cap);
	else if (u < 60)
		solicitor_name(r, out, cap);
	else
		snprintf(out, cap, "%s", PICK(r, organisations));
}

/* "Sarah O'Brien" -> "sarah.obrien@county.gov.example": the first name, a
 * dot, the rest in lower case without spaces or apostrophes. */
static void person_email(const char *name, char *out, size_t cap)
{
	size_t n = 0;
	bool dot = false;
	for (const char *p = name; *p && n + 1 < cap; p++) {
		char c = *p;
		if (c >= 'A' && c <= 'Z')
			out[n++] = (char)(c - 'A' + 'a');
		else if ((c >= 'a' && c <= 'z') || c == '-')
			out[n++] = c;
		else if (c == ' ' && !dot) {
			out[n++] = '.';
			dot = true;
		}
	}
	snprintf(out + n, cap - n, "@" DEMO_DOMAIN);
}

/* A Royal Mail tracking number with PREFIX: two letters, eight digits, the
 * S10 check digit and "GB". */
static void tracking_number(rng *r, const char *prefix, char out[PR_TRACKING_LEN])
{
	static const int weights[8] = {8, 6, 4, 2, 3, 5, 9, 7};
	char digits[9];
	int sum = 0;
	for (int i = 0; i < 8; i++) {
		int d = (int)rng_below(r, 10);
		digits[i] = (char)('0' + d);
		sum += d * weights[i];
	}
	digits[8] = '\0';
	int check = 11 - sum % 11;
	check = check == 10 ? 0 : check == 11 ? 5 : check;
	snprintf(out, PR_TRACKING_LEN, "%s%s%dGB", prefix, digits, check);
}

/* ---------------------------------------------------------------------
 * SQL
 * ------------------------------------------------------------------- */

static pr_status prepare(demo *d, const char *sql, sqlite3_stmt **out,
			 pr_error *err)
{
	int rc = sqlite3_prepare_v3(d->sql, sql, -1, SQLITE_PREPARE_PERSISTENT,
				    out, NULL);
	if (rc != SQLITE_OK)
		return pr_db_fail(d->db, err, rc, "preparing the demo data");
	return PR_OK;
}

/* Steps STMT once (a write) and resets it. */
static pr_status step(demo *d, sqlite3_stmt *stmt, const char *what,
		      pr_error *err)
{
	int rc = sqlite3_step(stmt);
	sqlite3_reset(stmt);
	if (rc != SQLITE_DONE)
		return pr_db_fail(d->db, err, rc, what);
	return PR_OK;
}

/* Binds S, which outlives the step, or NULL. */
static void bind_text(sqlite3_stmt *stmt, int idx, const char *s)
{
	if (s)
		sqlite3_bind_text(stmt, idx, s, -1, SQLITE_STATIC);
	else
		sqlite3_bind_null(stmt, idx);
}

static void bind_time(sqlite3_stmt *stmt, int idx, pr_time t)
{
	if (t)
		sqlite3_bind_int64(stmt, idx, t);
	else
		sqlite3_bind_null(stmt, idx);
}

static void demo_finalize(demo *d)
{
	sqlite3_finalize(d->ins_item);
	sqlite3_finalize(d->ins_seq);
	sqlite3_finalize(d->ins_batch);
}

/* ---------------------------------------------------------------------
 * The directory: departments, recipients, operators
 * ------------------------------------------------------------------- */

static bool rcp_name_taken(const demo *d, const char *name)
{
	for (int i = 0; i < DEMO_NDEPT; i++)
		for (int j = 0; j < d->nrcp[i]; j++)
			if (strcmp(d->rcp[i][j].name, name) == 0)
				return true;
	return false;
}

static pr_status add_recipients(demo *d, rng *r, int dept, sqlite3_stmt *ins,
				pr_error *err)
{
	int n = 2 + dept_defs[dept].weight / 30 + (int)rng_below(r, 3);
	if (n > DEMO_RCP_MAX)
		n = DEMO_RCP_MAX;
	for (int j = 0; j < n; j++) {
		demo_rcp *p = &d->rcp[dept][j];
		char email[128];
		do
			snprintf(p->name, sizeof p->name, "%s %s",
				 PICK(r, first_names), PICK(r, surnames));
		while (rcp_name_taken(d, p->name));
		person_email(p->name, email, sizeof email);
		sqlite3_bind_int64(ins, 1, d->dept_id[dept]);
		sqlite3_bind_text(ins, 2, p->name, -1, SQLITE_STATIC);
		sqlite3_bind_text(ins, 3, email, -1, SQLITE_TRANSIENT);
		pr_status st = step(d, ins, "adding demo recipients", err);
		if (st != PR_OK)
			return st;
		p->id = sqlite3_last_insert_rowid(d->sql);
		d->nrcp[dept] = j + 1;
	}
	return PR_OK;
}

static pr_status add_departments(demo *d, rng *r, pr_time created,
				 pr_error *err)
{
	sqlite3_stmt *dept = NULL, *rcp = NULL;
	pr_status st = prepare(d, "INSERT INTO departments (code, name, email, "
			       "active, created_at) VALUES (?1, ?2, ?3, 1, ?4)",
			       &dept, err);
	if (st == PR_OK)
		st = prepare(d, "INSERT INTO recipients (dept_id, name, email) "
			     "VALUES (?1, ?2, ?3)", &rcp, err);
	for (int i = 0; st == PR_OK && i < DEMO_NDEPT; i++) {
		char email[128];
		snprintf(email, sizeof email, "%s@" DEMO_DOMAIN, dept_defs[i].mailbox);
		sqlite3_bind_text(dept, 1, dept_defs[i].code, -1, SQLITE_STATIC);
		sqlite3_bind_text(dept, 2, dept_defs[i].name, -1, SQLITE_STATIC);
		sqlite3_bind_text(dept, 3, email, -1, SQLITE_TRANSIENT);
		sqlite3_bind_int64(dept, 4, created);
		st = step(d, dept, "adding demo departments", err);
		if (st != PR_OK)
			break;
		d->dept_id[i] = sqlite3_last_insert_rowid(d->sql);
		d->weight_total += dept_defs[i].weight;
		st = add_recipients(d, r, i, rcp, err);
	}
	sqlite3_finalize(dept);
	sqlite3_finalize(rcp);
	return st;
}

static pr_status add_operators(demo *d, pr_time created, pr_error *err)
{
	sqlite3_stmt *ins = NULL;
	pr_status st = prepare(d, "INSERT INTO operators (login, name, role, "
			       "active, created_at) VALUES (?1, ?2, ?3, 1, ?4) "
			       "ON CONFLICT (login) DO UPDATE SET role = excluded.role",
			       &ins, err);
	for (int i = 0; st == PR_OK && i <= DEMO_NOPS; i++) {
		bool me = i == DEMO_NOPS; /* whoever runs the demo: an admin */
		sqlite3_bind_text(ins, 1, me ? pr_db_actor(d->db) : operator_defs[i].login,
				  -1, SQLITE_TRANSIENT);
		sqlite3_bind_text(ins, 2, me ? "" : operator_defs[i].name, -1,
				  SQLITE_STATIC);
		sqlite3_bind_text(ins, 3, me ? "admin" : operator_defs[i].role, -1,
				  SQLITE_STATIC);
		sqlite3_bind_int64(ins, 4, created);
		st = step(d, ins, "adding demo operators", err);
	}
	sqlite3_finalize(ins);
	return st;
}

/* ---------------------------------------------------------------------
 * The plan of a day: items, trays and the scanners
 * ------------------------------------------------------------------- */

/* Moves IT to state TO at AT by ACTOR, unless AT is still to come. */
static bool item_step(demo_item *it, pr_time now, pr_time at, const char *actor,
		      const char *to, const char *reason)
{
	if (at > now)
		return false;
	it->ev[it->nev++] = (demo_event){at, actor, it->status, to, reason};
	it->status = to;
	it->updated_at = at;
	return true;
}

static int pick_dept(const demo *d, rng *r)
{
	long u = rng_below(r, d->weight_total);
	int i = 0;
	while (u >= dept_defs[i].weight)
		u -= dept_defs[i++].weight;
	return i;
}

static const char *crew_member(const demo *d, rng *r)
{
	return d->crew[rng_below(r, d->ncrew)];
}

/* What the desk sees: department, addressee, sender, kind, service, flags. */
static void item_describe(const demo *d, rng *r, demo_item *it)
{
	it->dept = pick_dept(d, r);
	if (rng_chance(r, PPK_TO_PERSON)) {
		it->rcp = (int)rng_below(r, d->nrcp[it->dept]);
		it->addressee = d->rcp[it->dept][it->rcp].name;
	} else {
		it->rcp = -1;
		it->addressee = dept_defs[it->dept].name;
	}

	long u = rng_below(r, 100000);
	it->kind = u < PPK_PARCEL ? "parcel"
		   : u < PPK_PARCEL + PPK_LARGE_LETTER ? "large-letter" : "letter";
	u = rng_below(r, 100000);
	it->tracking[0] = '\0';
	if (u < PPK_SPECIAL) {
		it->service = "special-delivery";
		tracking_number(r, PICK(r, special_prefixes), it->tracking);
	} else if (u < PPK_SPECIAL + PPK_RECORDED) {
		it->service = "recorded";
		tracking_number(r, PICK(r, recorded_prefixes), it->tracking);
	} else {
		it->service = "standard";
	}

	it->flags = 0;
	if (rng_chance(r, PPK_PRIVATE))
		it->flags |= PR_FLAG_PRIVATE;
	if (rng_chance(r, PPK_REMITTANCE))
		it->flags |= PR_FLAG_REMITTANCE;
	if (rng_chance(r, PPK_LEGAL))
		it->flags |= PR_FLAG_LEGAL;
	if (it->kind[0] == 'p' && rng_chance(r, PPK_BULKY_PARCEL))
		it->flags |= PR_FLAG_BULKY;
	if (rng_chance(r, PPK_URGENT))
		it->flags |= PR_FLAG_URGENT;
	if (rng_chance(r, PPK_DAMAGED))
		it->flags |= PR_FLAG_DAMAGED;
	sender_for(r, it->dept, it->flags, it->sender, sizeof it->sender);
}

/* The name of whoever signs for IT: its addressee, else one of the team. */
static const char *signer(const demo *d, rng *r, const demo_item *it)
{
	int j = it->rcp >= 0 ? it->rcp : (int)rng_below(r, d->nrcp[it->dept]);
	return d->rcp[it->dept][j].name;
}

/* Plans IT's hand-over MIN_S..MAX_S after FROM (on DAYNO), once the
 * departments' staff are in to sign for it. */
static void plan_hand_over(const demo *d, rng *r, demo_item *it, long dayno,
			   pr_time from, long min_s, long max_s)
{
	long day;
	pr_time at = later(r, dayno, from, min_s, max_s, &day);
	if (time_of_day(day, at) < OFFICE_OPENS)
		at = local_time(day, rng_range(r, OFFICE_OPENS, OFFICE_OPENS + 3600));
	it->handed_name = signer(d, r, it);
	it->handed_by = crew_member(d, r);
	it->p_handed = at;
}

/* The label of the first exception flag: why an item was not opened. */
static const char *flag_reason(unsigned flags)
{
	for (int i = 0; i < PR_FLAG_COUNT; i++) {
		unsigned f = pr_flag_by_index(i);
		if ((flags & f) && pr_flags_exception(f))
			return pr_flag_label(f);
	}
	return "exception";
}

/* Plans the life of IT, logged on DAYNO under REGIME, whatever the clock
 * says; its scan is left to the trays and the scanners. */
static void item_plan(const demo *d, rng *r, demo_item *it, long dayno,
		      const demo_regime *regime)
{
	pr_time t = it->received_at;
	long day;

	it->batch = -1;
	if (pr_flags_exception(it->flags)) {
		it->fate = FATE_EXCEPTION;
		it->p_reason = flag_reason(it->flags);
		it->p_exception = t;
		it->exception_by = it->logged_by;
		if (!rng_chance(r, PPK_NOT_HANDED))
			plan_hand_over(d, r, it, dayno, t, 20 * 60, 5 * 3600);
		return;
	}
	if (rng_chance(r, PPK_RETURNED)) {
		it->fate = FATE_RETURN;
		it->p_reason = PICK(r, return_reasons);
		it->p_returned = later(r, dayno, t, 1800, 3 * 3600, &day);
		it->returned_by = crew_member(d, r);
		return;
	}
	if (rng_unit(r) < regime->p_scan) {
		/* Letters go into their department's tray as they are logged;
		 * large letters and parcels are opened first, and a few
		 * letters wait at the desk for a second look. */
		it->fate = FATE_SCAN;
		long wait = strcmp(it->kind, "letter") != 0 ? rng_range(r, 10 * 60, 40 * 60)
			    : rng_chance(r, 8000) ? rng_range(r, 3 * 60, 20 * 60) : 0;
		it->p_batched = t + wait;
		it->batched_by = wait ? crew_member(d, r) : it->logged_by;
		it->email_after = rng_chance(r, PPK_NOT_EMAILED) ? 0 : rng_range(r, 60, 25 * 60);
		return;
	}
	/* Not scanned: sorted into the internal post and signed for. */
	it->fate = FATE_UNSCANNED;
	it->p_reason = REASON_UNSCANNED;
	it->p_exception = later(r, dayno, t, 3600, 3 * 3600, &day);
	it->exception_by = crew_member(d, r);
	plan_hand_over(d, r, it, day, it->p_exception, 10 * 60, 90 * 60);
}

/* Closes tray B of DD at AT: it goes to the scanners. */
static void tray_close(const demo *d, rng *r, demo_day *dd, long b, pr_time at)
{
	demo_batch *bt = &dd->batch[b];
	bt->closed_at = at;
	bt->closed_by = crew_member(d, r);
	dd->open[bt->dept] = -1;
	dd->closed[dd->nclosed++] = b;
}

/* The runner's round at AT: the trays that are due go (all of them at the
 * LAST round; at the FIRST, every tray that has settled). */
static void tray_round(const demo *d, rng *r, demo_day *dd, pr_time at, bool first,
		       bool last)
{
	for (int k = 0; k < DEMO_NDEPT; k++) {
		long b = dd->open[k];
		if (b < 0)
			continue;
		const demo_batch *bt = &dd->batch[b];
		pr_time open_for = at - bt->opened_at;
		if (last)
			tray_close(d, r, dd, b, bt->last_at > at ? bt->last_at : at);
		else if (open_for >= TRAY_SETTLE &&
			 (first || bt->items >= TRAY_MIN || open_for >= TRAY_WAIT))
			tray_close(d, r, dd, b, at);
	}
}

typedef struct demo_key {
	pr_time at;
	long i;
} demo_key;

static int cmp_key(const void *a, const void *b)
{
	const demo_key *x = a, *y = b;
	if (x->at != y->at)
		return (x->at > y->at) - (x->at < y->at);
	return (x->i > y->i) - (x->i < y->i);
}

/* Puts DD's items for scanning into their departments' trays in the order
 * they were batched, and closes the trays when full or at the rounds. */
static void plan_trays(const demo *d, rng *r, demo_day *dd)
{
	bool working = is_working_day(dd->dayno);
	const long *rounds = working ? working_rounds : weekend_rounds;
	size_t nr = working ? sizeof working_rounds / sizeof working_rounds[0]
			    : sizeof weekend_rounds / sizeof weekend_rounds[0];
	demo_key *key = xcalloc((size_t)dd->n + 1, sizeof *key);
	size_t nk = 0, ri = 0;

	for (long k = 0; k < dd->n; k++)
		if (dd->item[k].fate == FATE_SCAN)
			key[nk++] = (demo_key){dd->item[k].p_batched, k};
	qsort(key, nk, sizeof *key, cmp_key);
	for (int k = 0; k < DEMO_NDEPT; k++)
		dd->open[k] = -1;
	for (size_t k = 0; k < nk; k++) {
		demo_item *it = &dd->item[key[k].i];
		pr_time at = key[k].at;
		for (; ri + 1 < nr && local_time(dd->dayno, rounds[ri]) <= at; ri++)
			tray_round(d, r, dd, local_time(dd->dayno, rounds[ri]), ri == 0, false);
		long b = dd->open[it->dept];
		if (b < 0) {
			b = dd->nbatch++;
			demo_batch *nb = &dd->batch[b];
			nb->dept = it->dept;
			nb->cap = rng_range(r, TRAY_CAP_MIN, TRAY_CAP_MAX);
			nb->opened_at = at;
			nb->opened_by = it->batched_by;
			pr_ref_make('B', dd->dayno, b + 1, nb->ref);
			dd->open[it->dept] = b;
		}
		demo_batch *bt = &dd->batch[b];
		it->batch = b;
		it->batch_pos = ++bt->items;
		bt->last_at = at;
		snprintf(it->batch_why, sizeof it->batch_why, "in batch %s", bt->ref);
		if (bt->items >= bt->cap)
			tray_close(d, r, dd, b, at);
	}
	for (; ri < nr; ri++)
		tray_round(d, r, dd, local_time(dd->dayno, rounds[ri]), ri == 0, ri + 1 == nr);
	free(key);

	/* The items by tray, in tray order. */
	long pos = 0;
	for (long b = 0; b < dd->nbatch; b++) {
		dd->batch[b].first = pos;
		pos += dd->batch[b].items;
	}
	for (long k = 0; k < dd->n; k++) {
		const demo_item *it = &dd->item[k];
		if (it->batch >= 0)
			dd->member[dd->batch[it->batch].first + it->batch_pos - 1] = k;
	}
}

/* The scanners take the N trays of ORDER in turn on DAYNO from the time the
 * room opens, PER_ITEM seconds an item or so. With SPILL, a tray they
 * cannot start by the close of day (or on a day they do not work) is left
 * in SPILL for the next working day. */
static void scan_trays(const demo *d, rng *r, demo_day *dd, const long *order, long n,
		       long dayno, double per_item, long *spill, long *nspill)
{
	pr_time free_at = local_time(dayno, ROOM_OPENS);
	pr_time last_start = local_time(dayno, CLOSE_OF_DAY);

	for (long k = 0; k < n; k++) {
		demo_batch *bt = &dd->batch[order[k]];
		pr_time start = bt->closed_at + rng_range(r, PREP_MIN, PREP_MAX);
		if (start < free_at)
			start = free_at;
		if (spill && (!is_working_day(dayno) || start > last_start)) {
			spill[(*nspill)++] = order[k];
			continue;
		}
		bt->scanned_by = crew_member(d, r);
		pr_time t = start;
		for (long j = 0; j < bt->items; j++) {
			demo_item *it = &dd->item[dd->member[bt->first + j]];
			t += 1 + (pr_time)(per_item * (0.6 + 0.8 * rng_unit(r)));
			it->p_scanned = t;
			it->scanned_by = bt->scanned_by;
		}
		bt->scanned_at = t;
		free_at = t;
	}
}

/* Plans when DD's trays are scanned: the day's own at a pace the REGIME
 * sets for the day's work, and what is left the next working day. */
static void plan_scans(const demo *d, rng *r, demo_day *dd, const demo_regime *regime)
{
	long to_scan = 0, nspill = 0;
	for (long b = 0; b < dd->nbatch; b++)
		to_scan += dd->batch[b].items;
	double rate = (double)to_scan / SCAN_HOURS * regime->pace;
	if (rate < SCAN_RATE_MIN)
		rate = SCAN_RATE_MIN;
	long *spill = xcalloc((size_t)dd->nbatch + 1, sizeof *spill);
	scan_trays(d, r, dd, dd->closed, dd->nclosed, dd->dayno, 3600.0 / rate, spill, &nspill);
	scan_trays(d, r, dd, spill, nspill, next_working_day(dd->dayno), 3600.0 / rate,
		   NULL, NULL);
	free(spill);
}

static demo_day *day_new(long dayno, long n)
{
	size_t m = (size_t)n + 1;
	demo_day *dd = xcalloc(1, sizeof *dd);
	dd->dayno = dayno;
	dd->n = n;
	dd->item = xcalloc(m, sizeof *dd->item);
	dd->batch = xcalloc(m, sizeof *dd->batch);
	dd->closed = xcalloc(m, sizeof *dd->closed);
	dd->member = xcalloc(m, sizeof *dd->member);
	return dd;
}

static void day_free(demo_day *dd)
{
	free(dd->item);
	free(dd->batch);
	free(dd->closed);
	free(dd->member);
	free(dd);
}

/* Plans day DD whole under REGIME: its items in order of receipt and the
 * way each goes, its trays, and the scanners' work through them. */
static void plan_day(const demo *d, rng *r, demo_day *dd, const demo_regime *regime)
{
	long *secs = xcalloc((size_t)dd->n + 1, sizeof *secs);
	receipt_times(r, pr_day_weekday(dd->dayno), dd->n, secs);
	for (long k = 0; k < dd->n; k++) {
		demo_item *it = &dd->item[k];
		it->received_at = local_time(dd->dayno, secs[k]);
		pr_ref_make('I', dd->dayno, k + 1, it->ref);
		item_describe(d, r, it);
		it->logged_by = crew_member(d, r);
		item_plan(d, r, it, dd->dayno, regime);
	}
	free(secs);
	plan_trays(d, r, dd);
	plan_scans(d, r, dd, regime);
}

/* ---------------------------------------------------------------------
 * Writing a day as it stands at now
 * ------------------------------------------------------------------- */

/* Brings IT to where its plan has got by NOW: the events that have
 * happened, in order, and the state they leave. */
static void item_materialise(demo_item *it, pr_time now)
{
	item_step(it, now, it->received_at, it->logged_by, "received", "logged");
	switch (it->fate) {
	case FATE_EXCEPTION:
	case FATE_UNSCANNED:
		if (!item_step(it, now, it->p_exception, it->exception_by, "exception",
			       it->p_reason))
			break;
		it->exception_reason = it->p_reason;
		if (!it->p_handed)
			break;
		snprintf(it->signed_for, sizeof it->signed_for, "signed for by %s",
			 it->handed_name);
		if (item_step(it, now, it->p_handed, it->handed_by, "handed-over",
			      it->signed_for)) {
			it->handed_to = it->handed_name;
			it->handed_at = it->p_handed;
		}
		break;
	case FATE_RETURN:
		if (item_step(it, now, it->p_returned, it->returned_by, "returned",
			      it->p_reason))
			it->exception_reason = it->p_reason;
		break;
	case FATE_SCAN:
		if (!item_step(it, now, it->p_batched, it->batched_by, "batched", it->batch_why))
			break;
		it->batched = true;
		if (!it->p_scanned || !item_step(it, now, it->p_scanned, it->scanned_by,
						 "scanned", NULL))
			break;
		it->scanned_at = it->p_scanned;
		if (it->email_after && item_step(it, now, it->p_scanned + it->email_after,
						 it->scanned_by, "emailed", NULL))
			it->emailed_at = it->p_scanned + it->email_after;
		break;
	}
}

static pr_status events_insert(demo *d, const char *entity, int64_t id, const char *ref,
			       const demo_event *ev, int nev, pr_error *err)
{
	/* Through the one writer, so the demo's events are in the chain. */
	for (int i = 0; i < nev; i++) {
		pr_status st = pr_audit_write_as(d->db, ev[i].at, ev[i].actor, entity, id,
						 ref, ev[i].from, ev[i].to, ev[i].reason, err);
		if (st != PR_OK)
			return st;
	}
	return PR_OK;
}

/* Inserts tray B as it stands at now (it was opened by then). */
static pr_status batch_insert(demo *d, demo_batch *b, pr_error *err)
{
	bool closed = b->closed_at <= d->now;
	bool scanned = closed && b->scanned_at && b->scanned_at <= d->now;
	demo_event ev[3];
	int nev = 0;
	char why[32];

	ev[nev++] = (demo_event){b->opened_at, b->opened_by, NULL, "open", NULL};
	if (closed) {
		snprintf(why, sizeof why, "%ld item%s", b->items, b->items == 1 ? "" : "s");
		ev[nev++] = (demo_event){b->closed_at, b->closed_by, "open", "closed", why};
	}
	if (scanned)
		ev[nev++] = (demo_event){b->scanned_at, b->scanned_by, "closed", "scanned", NULL};

	sqlite3_stmt *s = d->ins_batch;
	sqlite3_bind_text(s, 1, b->ref, -1, SQLITE_STATIC);
	sqlite3_bind_int64(s, 2, d->dept_id[b->dept]);
	sqlite3_bind_text(s, 3, ev[nev - 1].to, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 4, b->opened_by, -1, SQLITE_STATIC);
	sqlite3_bind_int64(s, 5, b->opened_at);
	bind_text(s, 6, closed ? b->closed_by : NULL);
	bind_time(s, 7, closed ? b->closed_at : 0);
	bind_time(s, 8, closed ? b->closed_at : 0); /* sheets printed on closing */
	bind_time(s, 9, scanned ? b->scanned_at : 0);
	pr_status st = step(d, s, "adding demo batches", err);
	if (st != PR_OK)
		return st;
	b->id = sqlite3_last_insert_rowid(d->sql);
	return events_insert(d, "batch", b->id, b->ref, ev, nev, err);
}

/* The column a move writes besides the state (pr_item_change.text): the
 * reason of an exception or a return, the name of who signed. */
static const char *move_text(const demo_item *it, const char *to)
{
	if (strcmp(to, "exception") == 0 || strcmp(to, "returned") == 0)
		return it->exception_reason;
	if (strcmp(to, "handed-over") == 0)
		return it->handed_to;
	return NULL;
}

/* Inserts IT as it was logged (received, with its "logged" event), then
 * makes the moves of its life up to now through pr_item_move, the one
 * writer of the item's state changes. */
static pr_status item_insert(demo *d, const demo_day *dd, const demo_item *it,
			     const char *day, pr_error *err)
{
	sqlite3_stmt *s = d->ins_item;

	sqlite3_bind_text(s, 1, it->ref, -1, SQLITE_STATIC);
	sqlite3_bind_int64(s, 2, d->dept_id[it->dept]);
	if (it->rcp >= 0)
		sqlite3_bind_int64(s, 3, d->rcp[it->dept][it->rcp].id);
	else
		sqlite3_bind_null(s, 3);
	sqlite3_bind_text(s, 4, it->sender, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 5, it->addressee, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 6, it->kind, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 7, it->service, -1, SQLITE_STATIC);
	bind_text(s, 8, it->tracking[0] ? it->tracking : NULL);
	sqlite3_bind_int64(s, 9, it->flags);
	sqlite3_bind_int64(s, 10, it->received_at);
	sqlite3_bind_text(s, 11, day, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 12, it->logged_by, -1, SQLITE_STATIC);
	pr_status st = step(d, s, "adding demo items", err);
	if (st != PR_OK)
		return st;
	int64_t id = sqlite3_last_insert_rowid(d->sql);
	st = events_insert(d, "item", id, it->ref, it->ev, 1, err);
	for (int i = 1; st == PR_OK && i < it->nev; i++) {
		const demo_event *ev = &it->ev[i];
		pr_item_status from, to;
		if ((st = pr_item_status_parse(ev->from, &from, err)) != PR_OK ||
		    (st = pr_item_status_parse(ev->to, &to, err)) != PR_OK)
			break;
		pr_item_change c = {
			.id = id, .ref = it->ref, .from = (int)from, .to = (int)to,
			.reason = ev->reason, .text = move_text(it, ev->to),
			.batch_id = to == PR_ITEM_BATCHED ? dd->batch[it->batch].id : 0,
			.at = ev->at, .actor = ev->actor,
		};
		st = pr_item_move(d->db, &c, err);
	}
	return st;
}

static pr_status seq_insert(demo *d, const char *kind, const char *day, long last,
			    pr_error *err)
{
	sqlite3_bind_text(d->ins_seq, 1, day, -1, SQLITE_STATIC);
	sqlite3_bind_int64(d->ins_seq, 2, last);
	sqlite3_bind_text(d->ins_seq, 3, kind, -1, SQLITE_STATIC);
	return step(d, d->ins_seq, "numbering the demo items", err);
}

/* PR_ESTATE when something other than the demo has numbered items or
 * batches on DAY (a postroom beside it logging post): the demo's numbers
 * would clash with them. */
static pr_status day_unused(demo *d, const char *day, pr_error *err)
{
	sqlite3_stmt *s = NULL;
	int rc = sqlite3_prepare_v2(d->sql, "SELECT count(*) FROM sequences "
				    "WHERE day = ?1 AND last > 0", -1, &s, NULL);
	if (rc == SQLITE_OK) {
		sqlite3_bind_text(s, 1, day, -1, SQLITE_STATIC);
		rc = sqlite3_step(s);
	}
	int64_t used = rc == SQLITE_ROW ? sqlite3_column_int64(s, 0) : 0;
	sqlite3_finalize(s);
	if (rc != SQLITE_ROW)
		return pr_db_fail(d->db, err, rc, "making the demo");
	if (used)
		return pr_fail(err, PR_ESTATE, "someone logged post in %s on %s while "
			       "the demo was being made; the demo fills only a database "
			       "nobody else is using (the days before %s are complete)",
			       pr_db_path(d->db), day, day);
	return PR_OK;
}

/* Writes day DD as it stands at now, in one transaction: the trays opened
 * and the items logged by then, each in its state at now. */
static pr_status write_day(demo *d, demo_day *dd, pr_error *err)
{
	char day[PR_DAY_LEN];
	long nb = 0, ni = 0;

	pr_day_format(dd->dayno, day);
	pr_status st = pr_db_begin(d->db, err);
	if (st == PR_OK)
		st = day_unused(d, day, err);
	for (; st == PR_OK && nb < dd->nbatch && dd->batch[nb].opened_at <= d->now; nb++)
		st = batch_insert(d, &dd->batch[nb], err);
	for (; st == PR_OK && ni < dd->n && dd->item[ni].received_at <= d->now; ni++) {
		item_materialise(&dd->item[ni], d->now);
		st = item_insert(d, dd, &dd->item[ni], day, err);
	}
	if (st == PR_OK && ni > 0)
		st = seq_insert(d, "I", day, ni, err);
	if (st == PR_OK && nb > 0)
		st = seq_insert(d, "B", day, nb, err);
	if (st != PR_OK)
		return pr_db_rollback(d->db, st);
	return pr_db_commit(d->db, err);
}

/* Chooses who works on DAYNO: five or six of the crew on a working day,
 * one or two at the weekend. */
static void pick_crew(demo *d, rng *r, long dayno)
{
	const char *all[DEMO_NCREW];
	int n = DEMO_NCREW;
	for (int i = 0; i < n; i++)
		all[i] = operator_defs[i].login;
	d->ncrew = is_working_day(dayno) ? (int)rng_range(r, 5, 6)
					 : (int)rng_range(r, 1, 2);
	for (int i = 0; i < d->ncrew; i++) {
		int j = (int)rng_below(r, n);
		d->crew[i] = all[j];
		all[j] = all[--n];
	}
}

/* Fills day number I of the period (DAYNO): plans it whole, then writes
 * what has happened by now. */
static pr_status fill_day(demo *d, long i, long dayno, pr_error *err)
{
	rng r;
	uint64_t mix = (uint64_t)dayno;
	rng_seed(&r, d->seed ^ splitmix64(&mix));

	long n = day_volume(&r, dayno);
	demo_regime regime = regime_of(scan_share(&r, i, d->days));
	pick_crew(d, &r, dayno);
	demo_day *dd = day_new(dayno, n);
	plan_day(d, &r, dd, &regime);
	pr_status st = write_day(d, dd, err);
	day_free(dd);
	return st;
}

/* ---------------------------------------------------------------------
 * Entry points
 * ------------------------------------------------------------------- */

/* True in *EMPTY when the database holds no departments and no items. */
pr_status pr_db_is_empty(pr_db *db, bool *empty, pr_error *err)
{
	sqlite3_stmt *stmt = pr_db_stmt(db,
		"SELECT EXISTS (SELECT 1 FROM departments) "
		"OR EXISTS (SELECT 1 FROM items)", err);
	if (!stmt)
		return err ? err->code : PR_EDB;
	int rc = sqlite3_step(stmt);
	if (rc != SQLITE_ROW)
		return pr_db_fail(db, err, rc, "checking whether the database is empty");
	*empty = sqlite3_column_int(stmt, 0) == 0;
	sqlite3_reset(stmt);
	return PR_OK;
}

/* The directory in one transaction, refused unless the database is empty
 * (checked inside it, so two demos at once cannot both fill). */
/* Marks the database as a demo one (meta 'demo'). */
static pr_status mark_demo(demo *d, pr_error *err)
{
	int rc = sqlite3_exec(d->sql, "INSERT OR REPLACE INTO meta (key, value) "
			      "VALUES ('demo', 'filled by postroom demo')", NULL, NULL, NULL);
	return rc == SQLITE_OK ? PR_OK : pr_db_fail(d->db, err, rc, "marking the demo");
}

static pr_status fill_directory(demo *d, pr_error *err)
{
	rng r;
	bool empty = false;
	pr_time created = pr_day_start(d->first) - 14 * 86400 + HM(9, 0);

	rng_seed(&r, d->seed);
	pr_status st = pr_db_begin(d->db, err);
	if (st != PR_OK)
		return st;
	st = pr_db_is_empty(d->db, &empty, err);
	if (st == PR_OK && !empty)
		st = pr_fail(err, PR_ESTATE, "the database already holds departments "
			     "or items; demo fills only an empty database");
	bool any = false;
	if (st == PR_OK)
		st = pr_operator_any(d->db, &any, err);
	if (st == PR_OK && any)
		st = pr_operator_require(d->db, PR_ROLE_ADMIN, "fill the demo", err);
	if (st == PR_OK)
		st = add_departments(d, &r, created, err);
	if (st == PR_OK)
		st = add_operators(d, created, err);
	if (st == PR_OK)
		st = mark_demo(d, err);
	if (st != PR_OK)
		return pr_db_rollback(d->db, st);
	return pr_db_commit(d->db, err);
}

/* Fills an empty database with demo data; see demo.h. Each day is its own
 * transaction, so a failure part way leaves the directory and whole days. */
pr_status pr_demo_fill(pr_db *db, const pr_demo_options *opt, pr_error *err)
{
	if (!opt || opt->days < 1 || opt->days > 3660)
		return pr_fail(err, PR_EINVAL, "demo days must be 1 to 3660, not %d",
			       opt ? opt->days : 0);

	demo *d = calloc(1, sizeof *d);
	if (!d)
		return pr_fail(err, PR_EIO, "out of memory filling the demo");
	d->db = db;
	d->sql = pr_db_sqlite(db);
	d->seed = opt->seed;
	/* A demo database may live at a chosen time (POSTROOM_NOW): it is
	 * marked as one in the same transaction as its directory. */
	bool empty = false;
	if (pr_db_is_empty(db, &empty, err) != PR_OK) {
		free(d);
		return err ? err->code : PR_EDB;
	}
	if (empty)
		pr_clock_allow_env();
	d->now = pr_now();
	d->today = pr_time_dayno(d->now);
	d->days = opt->days;
	d->first = d->today - opt->days + 1;

	pr_status st = fill_directory(d, err);
	if (st == PR_OK)
		st = prepare(d, "INSERT INTO items (ref, dept_id, recipient_id, "
			     "sender, addressee, kind, service, tracking, flags, "
			     "status, received_at, received_day, logged_by, updated_at) "
			     "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, 'received', "
			     "?10, ?11, ?12, ?10)",
			     &d->ins_item, err);
	if (st == PR_OK)
		st = prepare(d, "INSERT INTO sequences (kind, day, last) "
			     "VALUES (?3, ?1, ?2) ON CONFLICT (kind, day) "
			     "DO UPDATE SET last = max(last, excluded.last)",
			     &d->ins_seq, err);
	if (st == PR_OK)
		st = prepare(d, "INSERT INTO batches (ref, dept_id, status, opened_by, "
			     "opened_at, closed_by, closed_at, sheets_printed_at, "
			     "scanned_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
			     &d->ins_batch, err);
	if (st == PR_OK && opt->progress)
		opt->progress(0.0, opt->ud);
	for (long i = 0; st == PR_OK && i < opt->days; i++) {
		st = fill_day(d, i, d->first + i, err);
		if (st == PR_OK && opt->progress)
			opt->progress((double)(i + 1) / opt->days, opt->ud);
	}
	demo_finalize(d);
	free(d);
	return st;
}
