#!/usr/bin/env bash
# Adds a migration with the same name to both providers' migrations assemblies.
# Usage: scripts/add-migration.sh AddQuarterlyReports
set -euo pipefail
name=${1:?usage: scripts/add-migration.sh MigrationName}
cd "$(dirname "$0")/.."
dotnet tool restore >/dev/null

dotnet ef migrations add "$name" \
  --project src/CoordinationPortal.Migrations.Sqlite \
  --startup-project src/CoordinationPortal.Web \
  --output-dir Migrations \
  -- --Database:Provider=Sqlite

# The connection string is never opened: the SQL Server provider only needs one to build the model.
dotnet ef migrations add "$name" \
  --project src/CoordinationPortal.Migrations.SqlServer \
  --startup-project src/CoordinationPortal.Web \
  --output-dir Migrations \
  -- --Database:Provider=SqlServer "--ConnectionStrings:Portal=Server=design-time;Database=CoordinationPortal"
