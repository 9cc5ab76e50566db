CREATE TABLE "worker_capabilities" (
	"worker_id" text PRIMARY KEY NOT NULL,
	"office_version" text,
	"seen_at" timestamp with time zone DEFAULT now() NOT NULL
);
