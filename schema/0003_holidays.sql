-- schema/0003_holidays.sql: China's official holidays and make-up working days, for counting review working days (SPEC §10).

CREATE TABLE holidays (
	day TEXT PRIMARY KEY CHECK (day GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]'),
	kind TEXT NOT NULL CHECK (kind IN ('off', 'work'))   -- off: a holiday on a weekday; work: a make-up working day on a weekend
);

PRAGMA user_version = 3;
