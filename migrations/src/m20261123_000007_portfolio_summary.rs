//! What a person's evidence adds up to, kept rather than counted on every visit.
//!
//! A portfolio's figures, coverage matrix and chart count every claim and entry of the person:
//! at the scale of a large trust that counting is most of what a portfolio costs. So each
//! person carries an **evidence revision**, raised by the database itself whenever one of their
//! entries, its claims or its places is written (triggers, so no write path can forget), and
//! `portfolio_summary` keeps the counts stamped with the revision they were made at. A summary
//! whose stamp is not the person's revision is stale and is counted afresh.

use sea_orm_migration::prelude::*;
use sea_orm_migration::schema::*;
use sea_orm_migration::sea_orm::{ConnectionTrait, DbBackend};

use crate::m20261122_000003_framework::cascade;

#[derive(DeriveMigrationName)]
pub struct Migration;

/// The raise itself; the triggers finish it with the person(s) whose evidence changed.
const RAISE: &str = "UPDATE person SET evidence_revision = evidence_revision + 1 WHERE id";

/// How a trigger finds the owner of a row (`NEW` or `OLD`).
type Owner = fn(&str) -> String;

/// Each table whose rows make up a person's evidence, with how a row finds its owner.
fn owned_tables() -> [(&'static str, Owner); 3] {
    fn entry(row: &str) -> String {
        format!("{row}.owner_id")
    }
    fn part(row: &str) -> String {
        format!("(SELECT owner_id FROM evidence_entry WHERE id = {row}.entry_id)")
    }
    [
        ("evidence_entry", entry),
        ("evidence_claim", part),
        ("evidence_place", part),
    ]
}

/// The statements that create the triggers on `backend`.
fn create_triggers(backend: DbBackend) -> Vec<String> {
    let mut statements = Vec::new();
    for (table, owner) in owned_tables() {
        let (new, old) = (owner("NEW"), owner("OLD"));
        match backend {
            DbBackend::Postgres => {
                statements.push(format!(
                    "CREATE FUNCTION {table}_revision() RETURNS trigger LANGUAGE plpgsql AS $$ \
                     BEGIN \
                       IF TG_OP <> 'INSERT' THEN {RAISE} = {old}; END IF; \
                       IF TG_OP <> 'DELETE' THEN {RAISE} = {new}; END IF; \
                       RETURN NULL; \
                     END $$"
                ));
                statements.push(format!(
                    "CREATE TRIGGER {table}_revision AFTER INSERT OR UPDATE OR DELETE ON {table} \
                     FOR EACH ROW EXECUTE FUNCTION {table}_revision()"
                ));
            }
            _ => {
                for (event, whose) in [
                    ("INSERT", format!("= {new}")),
                    ("UPDATE", format!("IN ({old}, {new})")),
                    ("DELETE", format!("= {old}")),
                ] {
                    statements.push(format!(
                        "CREATE TRIGGER {table}_revision_{} AFTER {event} ON {table} \
                         BEGIN {RAISE} {whose}; END",
                        event.to_lowercase()
                    ));
                }
            }
        }
    }
    statements
}

/// The statements that drop them again.
fn drop_triggers(backend: DbBackend) -> Vec<String> {
    let mut statements = Vec::new();
    for (table, _) in owned_tables() {
        match backend {
            DbBackend::Postgres => {
                statements.push(format!("DROP TRIGGER {table}_revision ON {table}"));
                statements.push(format!("DROP FUNCTION {table}_revision()"));
            }
            _ => {
                for event in ["insert", "update", "delete"] {
                    statements.push(format!("DROP TRIGGER {table}_revision_{event}"));
                }
            }
        }
    }
    statements
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .alter_table(
                Table::alter()
                    .table(Person::Table)
                    .add_column(big_integer(Person::EvidenceRevision).default(0))
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(PortfolioSummary::Table)
                    .col(big_integer(PortfolioSummary::PersonId).primary_key())
                    // The person's evidence revision the summary was counted at.
                    .col(big_integer(PortfolioSummary::Revision))
                    // JSON: see `app::domain::summary::Summary`.
                    .col(text(PortfolioSummary::Figures))
                    .foreign_key(&mut cascade(
                        "fk_portfolio_summary_person",
                        PortfolioSummary::Table,
                        PortfolioSummary::PersonId,
                        Person::Table,
                        Person::Id,
                    ))
                    .to_owned(),
            )
            .await?;
        let db = manager.get_connection();
        for statement in create_triggers(db.get_database_backend()) {
            db.execute_unprepared(&statement).await?;
        }
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        let db = manager.get_connection();
        for statement in drop_triggers(db.get_database_backend()) {
            db.execute_unprepared(&statement).await?;
        }
        manager
            .drop_table(Table::drop().table(PortfolioSummary::Table).to_owned())
            .await?;
        manager
            .alter_table(
                Table::alter()
                    .table(Person::Table)
                    .drop_column(Person::EvidenceRevision)
                    .to_owned(),
            )
            .await
    }
}

#[derive(DeriveIden)]
enum Person {
    Table,
    Id,
    EvidenceRevision,
}

#[derive(DeriveIden)]
enum PortfolioSummary {
    Table,
    PersonId,
    Revision,
    Figures,
}
