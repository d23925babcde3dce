-- Copyright (c) The terraform-provider-lever authors
-- SPDX-License-Identifier: MPL-2.0

-- The first schema of the PostgreSQL store. A shipped migration is never
-- edited: databases in the field have run it. Changes go in a new file.

-- Every row belongs to a tenant (a name backend.CheckTenant accepted);
-- names, and the default profile, are unique within a tenant, and ids
-- across all of them. NULL scopes means "the environment's defaults" and
-- NULL actions "never set", both distinct from an empty array.
-- client_secret is sealed (package sealing) with the profile's id as
-- additional data, never plaintext. Ids sort bytewise (COLLATE "C"), the
-- order lists promise, whatever the database's collation.
CREATE TABLE profiles (
    id                 text        COLLATE "C" NOT NULL PRIMARY KEY,
    tenant             text        NOT NULL,
    name               text        NOT NULL,
    environment        text        NOT NULL,
    description        text        NOT NULL,
    client_id          text        NOT NULL,
    client_secret      text        NOT NULL CHECK (client_secret LIKE 'v1:%'),
    secret_fingerprint text        NOT NULL,
    secret_version     bigint      NOT NULL,
    callback_url       text        NOT NULL,
    logo_url           text        NOT NULL,
    scopes             text[],
    actions            text[],
    enabled            boolean     NOT NULL,
    is_default         boolean     NOT NULL,
    -- The key of the write that made this version, or '' for none.
    request_key        text        NOT NULL,
    version            bigint      NOT NULL CHECK (version > 0),
    created_at         timestamptz NOT NULL,
    updated_at         timestamptz NOT NULL,
    -- The store maps a violation of either constraint, by its name, to the
    -- typed error naming the profile that holds the name or the default.
    CONSTRAINT profiles_name_unique UNIQUE (tenant, environment, name)
);

-- One default per environment of a tenant.
CREATE UNIQUE INDEX profiles_one_default ON profiles (tenant, environment) WHERE is_default;

-- The unique index serves lookups by environment and name; these serve a
-- tenant's list filtered by name alone, and its whole list in id order.
CREATE INDEX profiles_by_name ON profiles (tenant, name);
CREATE INDEX profiles_by_tenant ON profiles (tenant, id);

CREATE TABLE scope_sets (
    id          text        COLLATE "C" NOT NULL PRIMARY KEY,
    tenant      text        NOT NULL,
    name        text        NOT NULL,
    description text        NOT NULL,
    scopes      text[]      NOT NULL,
    request_key text        NOT NULL,
    version     bigint      NOT NULL CHECK (version > 0),
    created_at  timestamptz NOT NULL,
    updated_at  timestamptz NOT NULL,
    CONSTRAINT scope_sets_name_unique UNIQUE (tenant, name)
);

CREATE INDEX scope_sets_by_tenant ON scope_sets (tenant, id);

-- Facts about the store as a whole, such as the key check.
CREATE TABLE meta (
    name  text NOT NULL PRIMARY KEY,
    value text NOT NULL
);
