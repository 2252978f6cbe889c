ALTER TABLE "passkeys" ADD COLUMN "held_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "user_identities" ADD COLUMN "held_at" timestamp with time zone;