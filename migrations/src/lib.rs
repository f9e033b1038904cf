//! Waymark's database schema, as reversible migrations that run on SQLite and PostgreSQL.
//! The server applies them at start; `waymark migrate` applies them on demand.

pub use sea_orm_migration::prelude::*;

mod m20261122_000001_organisation;
mod m20261122_000002_sign_in;
mod m20261122_000003_framework;
mod m20261122_000004_evidence;
mod m20261123_000005_portfolio;
mod m20261123_000006_portfolio_indexes;
mod m20261123_000007_portfolio_summary;
mod m20261207_000008_academy_admin;
mod m20261207_000009_people_admin;
mod m20261207_000010_audit_append_only;
mod m20261207_000011_staff_import;
mod m20261207_000012_password_links;
mod m20261207_000013_recognition;
mod m20261207_000014_session_idle;
mod m20261207_000015_single_sign_on;
mod m20261207_000016_one_published_framework;

/// Every migration, oldest first.
pub struct Migrator;

#[async_trait::async_trait]
impl MigratorTrait for Migrator {
    fn migrations() -> Vec<Box<dyn MigrationTrait>> {
        vec![
            Box::new(m20261122_000001_organisation::Migration),
            Box::new(m20261122_000002_sign_in::Migration),
            Box::new(m20261122_000003_framework::Migration),
            Box::new(m20261122_000004_evidence::Migration),
            Box::new(m20261123_000005_portfolio::Migration),
            Box::new(m20261123_000006_portfolio_indexes::Migration),
            Box::new(m20261123_000007_portfolio_summary::Migration),
            Box::new(m20261207_000008_academy_admin::Migration),
            Box::new(m20261207_000009_people_admin::Migration),
            Box::new(m20261207_000010_audit_append_only::Migration),
            Box::new(m20261207_000011_staff_import::Migration),
            Box::new(m20261207_000012_password_links::Migration),
            Box::new(m20261207_000013_recognition::Migration),
            Box::new(m20261207_000014_session_idle::Migration),
            Box::new(m20261207_000015_single_sign_on::Migration),
            Box::new(m20261207_000016_one_published_framework::Migration),
        ]
    }
}
