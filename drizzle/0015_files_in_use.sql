ALTER TABLE "files" ADD COLUMN "in_use" boolean DEFAULT true NOT NULL;--> statement-breakpoint
CREATE INDEX "files_unused_idx" ON "files" USING btree ("created_at") WHERE not "files"."in_use";