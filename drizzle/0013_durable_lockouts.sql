CREATE TABLE "lockouts" (
	"subject" text PRIMARY KEY NOT NULL,
	"run" integer DEFAULT 0 NOT NULL,
	"run_started_at" timestamp with time zone,
	"streak" integer DEFAULT 0 NOT NULL,
	"streak_started_at" timestamp with time zone,
	"locked_until" timestamp with time zone,
	"until_unlocked" boolean DEFAULT false NOT NULL
);
