CREATE TYPE "public"."user_role" AS ENUM('customer', 'shop_owner', 'admin');--> statement-breakpoint
CREATE TYPE "public"."finishing_kind" AS ENUM('staple', 'punch', 'bind');--> statement-breakpoint
CREATE TYPE "public"."price_color_mode" AS ENUM('monochrome', 'color');--> statement-breakpoint
CREATE TYPE "public"."price_sides" AS ENUM('one-sided', 'two-sided');--> statement-breakpoint
CREATE TYPE "public"."shop_status" AS ENUM('pending_review', 'active', 'suspended');--> statement-breakpoint
CREATE TABLE "accounts" (
	"id" text PRIMARY KEY NOT NULL,
	"account_id" text NOT NULL,
	"provider_id" text NOT NULL,
	"user_id" text NOT NULL,
	"access_token" text,
	"refresh_token" text,
	"id_token" text,
	"access_token_expires_at" timestamp with time zone,
	"refresh_token_expires_at" timestamp with time zone,
	"scope" text,
	"password" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "sessions" (
	"id" text PRIMARY KEY NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"token" text NOT NULL,
	"ip_address" text,
	"user_agent" text,
	"user_id" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "sessions_token_unique" UNIQUE("token")
);
--> statement-breakpoint
CREATE TABLE "users" (
	"id" text PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"email" text NOT NULL,
	"email_verified" boolean DEFAULT false NOT NULL,
	"image" text,
	"role" "user_role" DEFAULT 'customer' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "users_email_unique" UNIQUE("email")
);
--> statement-breakpoint
CREATE TABLE "verifications" (
	"id" text PRIMARY KEY NOT NULL,
	"identifier" text NOT NULL,
	"value" text NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "shop_finishing_prices" (
	"shop_id" uuid NOT NULL,
	"finishing" "finishing_kind" NOT NULL,
	"price_minor" integer NOT NULL,
	"is_manual" boolean DEFAULT false NOT NULL,
	CONSTRAINT "shop_finishing_prices_shop_id_finishing_pk" PRIMARY KEY("shop_id","finishing")
);
--> statement-breakpoint
CREATE TABLE "shop_hour_exceptions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"shop_id" uuid NOT NULL,
	"date" date NOT NULL,
	"opens_minute" smallint,
	"closes_minute" smallint,
	"note" text DEFAULT '' NOT NULL
);
--> statement-breakpoint
CREATE TABLE "shop_hours" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"shop_id" uuid NOT NULL,
	"weekday" smallint NOT NULL,
	"opens_minute" smallint NOT NULL,
	"closes_minute" smallint NOT NULL
);
--> statement-breakpoint
CREATE TABLE "shop_prices" (
	"shop_id" uuid NOT NULL,
	"media" text NOT NULL,
	"color_mode" "price_color_mode" NOT NULL,
	"sides" "price_sides" NOT NULL,
	"price_per_page_minor" integer NOT NULL,
	CONSTRAINT "shop_prices_shop_id_media_color_mode_sides_pk" PRIMARY KEY("shop_id","media","color_mode","sides")
);
--> statement-breakpoint
CREATE TABLE "shops" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"owner_id" text NOT NULL,
	"name" text NOT NULL,
	"description" text DEFAULT '' NOT NULL,
	"phone" text DEFAULT '' NOT NULL,
	"address_line" text NOT NULL,
	"city" text NOT NULL,
	"postcode" text DEFAULT '' NOT NULL,
	"country" text NOT NULL,
	"lat" double precision NOT NULL,
	"lng" double precision NOT NULL,
	"location" geography(Point,4326) GENERATED ALWAYS AS ((ST_SetSRID(ST_MakePoint(lng, lat), 4326)::geography)) STORED NOT NULL,
	"timezone" text NOT NULL,
	"status" "shop_status" DEFAULT 'pending_review' NOT NULL,
	"status_reason" text,
	"auto_accept" boolean DEFAULT true NOT NULL,
	"job_fee_minor" integer DEFAULT 0 NOT NULL,
	"minimum_charge_minor" integer DEFAULT 0 NOT NULL,
	"cap_color" boolean DEFAULT false NOT NULL,
	"cap_duplex" boolean DEFAULT false NOT NULL,
	"cap_media" text[] DEFAULT '{}'::text[] NOT NULL,
	"cap_finishings" text[] DEFAULT '{}'::text[] NOT NULL,
	"cap_pages_per_minute" integer DEFAULT 0 NOT NULL,
	"stripe_account_id" text,
	"stripe_charges_enabled" boolean DEFAULT false NOT NULL,
	"stripe_payouts_enabled" boolean DEFAULT false NOT NULL,
	"stripe_details_submitted" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "shops_stripe_account_id_unique" UNIQUE("stripe_account_id")
);
--> statement-breakpoint
ALTER TABLE "accounts" ADD CONSTRAINT "accounts_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sessions" ADD CONSTRAINT "sessions_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "shop_finishing_prices" ADD CONSTRAINT "shop_finishing_prices_shop_id_shops_id_fk" FOREIGN KEY ("shop_id") REFERENCES "public"."shops"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "shop_hour_exceptions" ADD CONSTRAINT "shop_hour_exceptions_shop_id_shops_id_fk" FOREIGN KEY ("shop_id") REFERENCES "public"."shops"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "shop_hours" ADD CONSTRAINT "shop_hours_shop_id_shops_id_fk" FOREIGN KEY ("shop_id") REFERENCES "public"."shops"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "shop_prices" ADD CONSTRAINT "shop_prices_shop_id_shops_id_fk" FOREIGN KEY ("shop_id") REFERENCES "public"."shops"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "shops" ADD CONSTRAINT "shops_owner_id_users_id_fk" FOREIGN KEY ("owner_id") REFERENCES "public"."users"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "accounts_user_id_idx" ON "accounts" USING btree ("user_id");--> statement-breakpoint
CREATE INDEX "sessions_user_id_idx" ON "sessions" USING btree ("user_id");--> statement-breakpoint
CREATE UNIQUE INDEX "shop_hour_exceptions_shop_date" ON "shop_hour_exceptions" USING btree ("shop_id","date");--> statement-breakpoint
CREATE INDEX "shop_hours_shop_idx" ON "shop_hours" USING btree ("shop_id","weekday");--> statement-breakpoint
CREATE INDEX "shops_location_gist" ON "shops" USING gist ("location");--> statement-breakpoint
CREATE INDEX "shops_cap_media_gin" ON "shops" USING gin ("cap_media");--> statement-breakpoint
CREATE INDEX "shops_owner_idx" ON "shops" USING btree ("owner_id");--> statement-breakpoint
CREATE INDEX "shops_status_idx" ON "shops" USING btree ("status");