CREATE TABLE "second_step_failures" (
	"user_id" uuid PRIMARY KEY NOT NULL,
	"wrong_answers" integer DEFAULT 0 NOT NULL,
	"locked_until" timestamp with time zone,
	"last_wrong_at" timestamp with time zone
);
--> statement-breakpoint
ALTER TABLE "one_time_codes" ADD COLUMN "sent_for" text;--> statement-breakpoint
ALTER TABLE "second_step_failures" ADD CONSTRAINT "second_step_failures_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;