#!/bin/sh
# Builds a database holding years of a large council's post, for the report
# benchmarks: DAYS days ending on END (YYYY-MM-DD), about PER_DAY items on a
# working day and few at weekends, 45 departments, the scanned share rising
# from 45% to 95%. Items are written with plain SQL in the sqlite3 shell,
# in their final state, so the daily counts are kept by postroom's own
# triggers; no audit trail is written (the reports measured do not read it).
#
# Usage: bench/large-db.sh POSTROOM_BINARY DB DAYS PER_DAY END
set -eu
bin=$1 db=$2 days=$3 per_day=$4 end=$5

POSTROOM_DB="$db" "$bin" init >/dev/null
sqlite3 "$db" <<SQL
PRAGMA synchronous = OFF;
PRAGMA cache_size = -1000000;
BEGIN IMMEDIATE;
-- Synthetic post: marked as a demo database, so POSTROOM_NOW sets its clock.
INSERT INTO meta (key, value) VALUES ('demo', 'made by bench/large-db.sh');
INSERT INTO departments (code, name, email, created_at)
  SELECT 'D' || value, 'Department ' || value, 'd' || value || '@county.example', 0
  FROM generate_series(1, 45);
WITH day AS (
  SELECT value AS n, date('$end', '-' || ($days - 1 - value) || ' days') AS d
  FROM generate_series(0, $days - 1)
), sized AS (
  SELECT n, d, unixepoch(d, 'utc') AS t0,
    CASE WHEN strftime('%w', d) IN ('0', '6') THEN 20 + (n * 37) % 40
         ELSE $per_day * 85 / 100 + (n * 7919) % ($per_day * 30 / 100) END AS items
  FROM day
), item AS (
  SELECT s.n, s.d, s.t0, k.value AS k,
    s.t0 + 27000 + (k.value * 7919 + s.n * 104729) % 14400 AS at,
    ((k.value * 1103515245 + s.n * 12345) / 7) % 1000 AS roll
  FROM sized s JOIN generate_series(1, $per_day * 115 / 100) k ON k.value <= s.items
)
INSERT INTO items (ref, dept_id, sender, addressee, kind, service, flags, status,
  received_at, received_day, logged_by, scanned_at, scanned_day, emailed_at,
  exception_reason, handed_to, handed_at, updated_at)
SELECT 'I' || substr(d, 3, 2) || substr(d, 6, 2) || substr(d, 9, 2) || '-' || printf('%05d', k) || 'A',
  1 + (k * 31 + n) % 45, 'Sender ' || (k % 997), 'Addressee ' || (k % 211),
  CASE WHEN k % 20 = 0 THEN 'large-letter' WHEN k % 41 = 0 THEN 'parcel' ELSE 'letter' END,
  'standard', 0,
  CASE WHEN roll < 40 THEN 'handed-over'
       WHEN roll < 40 + 450 + 500 * n / $days THEN 'emailed'
       ELSE 'handed-over' END,
  at, d, 'bench',
  CASE WHEN roll >= 40 AND roll < 40 + 450 + 500 * n / $days THEN at + 3600 + roll * 7 END,
  CASE WHEN roll >= 40 AND roll < 40 + 450 + 500 * n / $days THEN d END,
  CASE WHEN roll >= 40 AND roll < 40 + 450 + 500 * n / $days THEN at + 4200 + roll * 7 END,
  CASE WHEN roll < 40 THEN 'Private & confidential'
       WHEN roll >= 40 + 450 + 500 * n / $days THEN 'delivered unscanned (internal post)' END,
  CASE WHEN roll < 40 OR roll >= 40 + 450 + 500 * n / $days THEN 'Team' END,
  CASE WHEN roll < 40 OR roll >= 40 + 450 + 500 * n / $days THEN at + 7200 END,
  at
FROM item;
INSERT INTO sequences (kind, day, last)
  SELECT 'I', received_day, count(*) FROM items GROUP BY received_day;
COMMIT;
SQL
