CREATE TABLE "files" (
	"id" uuid PRIMARY KEY NOT NULL,
	"owner_id" uuid NOT NULL,
	"purpose" text NOT NULL,
	"name" text NOT NULL,
	"type" text NOT NULL,
	"size" integer NOT NULL,
	"width" integer,
	"height" integer,
	"variants" text[] NOT NULL,
	"access" text DEFAULT 'owner' NOT NULL,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "certifications" (
	"id" uuid PRIMARY KEY NOT NULL,
	"user_id" uuid NOT NULL,
	"name" text NOT NULL,
	"issuer" text NOT NULL,
	"issued_month" text NOT NULL,
	"expires_month" text,
	"credential_id" text,
	"url" text,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "client_profiles" (
	"user_id" uuid PRIMARY KEY NOT NULL,
	"company_name" text,
	"size" text,
	"industry" text,
	"website" text,
	"country" text,
	"timezone" text,
	"description" text,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "education_entries" (
	"id" uuid PRIMARY KEY NOT NULL,
	"user_id" uuid NOT NULL,
	"school" text NOT NULL,
	"degree" text,
	"field" text,
	"start_year" integer,
	"end_year" integer,
	"description" text,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "employment_entries" (
	"id" uuid PRIMARY KEY NOT NULL,
	"user_id" uuid NOT NULL,
	"company" text NOT NULL,
	"title" text NOT NULL,
	"location" text,
	"country" text,
	"start_month" text NOT NULL,
	"end_month" text,
	"description" text,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "freelancer_profiles" (
	"user_id" uuid PRIMARY KEY NOT NULL,
	"title" text,
	"overview" text,
	"hourly_rate_amount" integer,
	"hourly_rate_currency" text,
	"skill_ids" text[] DEFAULT '{}'::text[] NOT NULL,
	"country" text,
	"timezone" text,
	"availability" text DEFAULT 'as_needed' NOT NULL,
	"languages" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"visibility" text DEFAULT 'public' NOT NULL,
	"photo_file_id" uuid,
	"completeness" smallint DEFAULT 0 NOT NULL,
	"search_vector" "tsvector",
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	CONSTRAINT "freelancer_rate_whole" CHECK (("freelancer_profiles"."hourly_rate_amount" is null) = ("freelancer_profiles"."hourly_rate_currency" is null))
);
--> statement-breakpoint
CREATE TABLE "portfolio_items" (
	"id" uuid PRIMARY KEY NOT NULL,
	"user_id" uuid NOT NULL,
	"title" text NOT NULL,
	"description" text,
	"role" text,
	"skill_ids" text[] NOT NULL,
	"link" text,
	"image_file_ids" uuid[] NOT NULL,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "profile_holds" (
	"user_id" uuid PRIMARY KEY NOT NULL,
	"until" timestamp with time zone,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
ALTER TABLE "certifications" ADD CONSTRAINT "certifications_user_id_freelancer_profiles_user_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."freelancer_profiles"("user_id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "client_profiles" ADD CONSTRAINT "client_profiles_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "education_entries" ADD CONSTRAINT "education_entries_user_id_freelancer_profiles_user_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."freelancer_profiles"("user_id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "employment_entries" ADD CONSTRAINT "employment_entries_user_id_freelancer_profiles_user_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."freelancer_profiles"("user_id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "freelancer_profiles" ADD CONSTRAINT "freelancer_profiles_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "freelancer_profiles" ADD CONSTRAINT "freelancer_profiles_photo_file_id_files_id_fk" FOREIGN KEY ("photo_file_id") REFERENCES "public"."files"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "portfolio_items" ADD CONSTRAINT "portfolio_items_user_id_freelancer_profiles_user_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."freelancer_profiles"("user_id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "profile_holds" ADD CONSTRAINT "profile_holds_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "files_owner_idx" ON "files" USING btree ("owner_id");--> statement-breakpoint
CREATE INDEX "certifications_user_idx" ON "certifications" USING btree ("user_id");--> statement-breakpoint
CREATE INDEX "education_entries_user_idx" ON "education_entries" USING btree ("user_id");--> statement-breakpoint
CREATE INDEX "employment_entries_user_idx" ON "employment_entries" USING btree ("user_id");--> statement-breakpoint
CREATE INDEX "freelancer_profiles_search_idx" ON "freelancer_profiles" USING gin ("search_vector");--> statement-breakpoint
CREATE INDEX "freelancer_profiles_skills_idx" ON "freelancer_profiles" USING gin ("skill_ids");--> statement-breakpoint
CREATE INDEX "freelancer_profiles_country_idx" ON "freelancer_profiles" USING btree ("country");--> statement-breakpoint
CREATE INDEX "freelancer_profiles_rate_idx" ON "freelancer_profiles" USING btree ("hourly_rate_currency","hourly_rate_amount","user_id");--> statement-breakpoint
CREATE INDEX "freelancer_profiles_created_idx" ON "freelancer_profiles" USING btree ("created_at","user_id");--> statement-breakpoint
CREATE INDEX "freelancer_profiles_completeness_idx" ON "freelancer_profiles" USING btree ("completeness","user_id");--> statement-breakpoint
CREATE INDEX "portfolio_items_user_idx" ON "portfolio_items" USING btree ("user_id","created_at");