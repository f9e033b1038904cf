//! The audit trails cannot be lost. An evidence event keeps its entry and its actor (deleting
//! either is refused rather than taking the trail with it), and the database itself refuses to
//! change or delete a row of the trail: an evidence event once the entry has been submitted
//! (a draft that never was may still be deleted, with the steps of its drafting), and any
//! change to the organisation.

use sea_orm_migration::sea_orm::DbBackend;
use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

/// What the database says when someone tries; the server never does.
const REFUSAL: &str = "the audit trail is never changed or deleted";

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    /// All or nothing on SQLite too (its table is rebuilt), on one connection.
    fn use_transaction(&self) -> Option<bool> {
        Some(true)
    }

    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        let db = manager.get_connection();
        let backend = db.get_database_backend();
        match backend {
            DbBackend::Postgres => {
                db.execute_unprepared(
                    "ALTER TABLE evidence_event \
                     DROP CONSTRAINT fk_event_entry, DROP CONSTRAINT fk_event_actor, \
                     ADD CONSTRAINT fk_event_entry FOREIGN KEY (entry_id) \
                       REFERENCES evidence_entry (id) ON DELETE RESTRICT, \
                     ADD CONSTRAINT fk_event_actor FOREIGN KEY (actor_id) \
                       REFERENCES person (id) ON DELETE RESTRICT",
                )
                .await?;
            }
            _ => rebuild_events(manager, ForeignKeyAction::Restrict).await?,
        }
        for statement in create_triggers(backend) {
            db.execute_unprepared(&statement).await?;
        }
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        let db = manager.get_connection();
        let backend = db.get_database_backend();
        for statement in drop_triggers(backend) {
            db.execute_unprepared(&statement).await?;
        }
        match backend {
            DbBackend::Postgres => {
                db.execute_unprepared(
                    "ALTER TABLE evidence_event \
                     DROP CONSTRAINT fk_event_entry, DROP CONSTRAINT fk_event_actor, \
                     ADD CONSTRAINT fk_event_entry FOREIGN KEY (entry_id) \
                       REFERENCES evidence_entry (id) ON DELETE CASCADE, \
                     ADD CONSTRAINT fk_event_actor FOREIGN KEY (actor_id) \
                       REFERENCES person (id) ON DELETE CASCADE",
                )
                .await?;
                Ok(())
            }
            _ => rebuild_events(manager, ForeignKeyAction::Cascade).await,
        }
    }
}

/// SQLite cannot change a foreign key: the table is built again with `on_delete`, its rows
/// copied across.
async fn rebuild_events(
    manager: &SchemaManager<'_>,
    on_delete: ForeignKeyAction,
) -> Result<(), DbErr> {
    let db = manager.get_connection();
    manager
        .create_table(
            Table::create()
                .table(Alias::new("evidence_event_rebuilt"))
                .col(big_pk_auto(Event::Id))
                .col(big_integer(Event::EntryId))
                .col(big_integer(Event::ActorId))
                .col(timestamp_with_time_zone(Event::At))
                .col(string_len(Event::Action, 30))
                .col(string_len_null(Event::FromStatus, 20))
                .col(string_len(Event::ToStatus, 20))
                .col(text(Event::Comment))
                .col(text(Event::LevelsBefore))
                .col(text(Event::LevelsAfter))
                .foreign_key(
                    ForeignKey::create()
                        .name("fk_event_entry")
                        .from(Alias::new("evidence_event_rebuilt"), Event::EntryId)
                        .to(Alias::new("evidence_entry"), Entry::Id)
                        .on_delete(on_delete),
                )
                .foreign_key(
                    ForeignKey::create()
                        .name("fk_event_actor")
                        .from(Alias::new("evidence_event_rebuilt"), Event::ActorId)
                        .to(Person::Table, Person::Id)
                        .on_delete(on_delete),
                )
                .to_owned(),
        )
        .await?;
    db.execute_unprepared(
        "INSERT INTO evidence_event_rebuilt \
           (id, entry_id, actor_id, at, action, from_status, to_status, comment, levels_before, levels_after) \
         SELECT id, entry_id, actor_id, at, action, from_status, to_status, comment, levels_before, levels_after \
         FROM evidence_event",
    )
    .await?;
    db.execute_unprepared("DROP TABLE evidence_event").await?;
    db.execute_unprepared("ALTER TABLE evidence_event_rebuilt RENAME TO evidence_event")
        .await?;
    manager
        .create_index(
            Index::create()
                .name("idx_event_entry")
                .table(Alias::new("evidence_event"))
                .col(Event::EntryId)
                .to_owned(),
        )
        .await
}

/// An evidence event may be deleted only while its entry has never been submitted; no event
/// and no organisation change is ever updated.
fn create_triggers(backend: DbBackend) -> Vec<String> {
    let submitted = "EXISTS (SELECT 1 FROM evidence_event s \
                     WHERE s.entry_id = OLD.entry_id AND s.action = 'submit')";
    match backend {
        DbBackend::Postgres => vec![
            format!(
                "CREATE FUNCTION evidence_event_append_only() RETURNS trigger LANGUAGE plpgsql AS $$ \
                 BEGIN \
                   IF TG_OP = 'UPDATE' OR {submitted} THEN \
                     RAISE EXCEPTION '{REFUSAL}'; \
                   END IF; \
                   RETURN OLD; \
                 END $$"
            ),
            "CREATE TRIGGER evidence_event_append_only BEFORE UPDATE OR DELETE ON evidence_event \
             FOR EACH ROW EXECUTE FUNCTION evidence_event_append_only()"
                .to_owned(),
            format!(
                "CREATE FUNCTION org_change_append_only() RETURNS trigger LANGUAGE plpgsql AS $$ \
                 BEGIN RAISE EXCEPTION '{REFUSAL}'; END $$"
            ),
            "CREATE TRIGGER org_change_append_only BEFORE UPDATE OR DELETE ON org_change \
             FOR EACH ROW EXECUTE FUNCTION org_change_append_only()"
                .to_owned(),
        ],
        _ => vec![
            format!(
                "CREATE TRIGGER evidence_event_no_update BEFORE UPDATE ON evidence_event \
                 BEGIN SELECT RAISE(ABORT, '{REFUSAL}'); END"
            ),
            format!(
                "CREATE TRIGGER evidence_event_no_delete BEFORE DELETE ON evidence_event \
                 WHEN {submitted} BEGIN SELECT RAISE(ABORT, '{REFUSAL}'); END"
            ),
            format!(
                "CREATE TRIGGER org_change_no_update BEFORE UPDATE ON org_change \
                 BEGIN SELECT RAISE(ABORT, '{REFUSAL}'); END"
            ),
            format!(
                "CREATE TRIGGER org_change_no_delete BEFORE DELETE ON org_change \
                 BEGIN SELECT RAISE(ABORT, '{REFUSAL}'); END"
            ),
        ],
    }
}

fn drop_triggers(backend: DbBackend) -> Vec<String> {
    match backend {
        DbBackend::Postgres => vec![
            "DROP TRIGGER evidence_event_append_only ON evidence_event".to_owned(),
            "DROP FUNCTION evidence_event_append_only()".to_owned(),
            "DROP TRIGGER org_change_append_only ON org_change".to_owned(),
            "DROP FUNCTION org_change_append_only()".to_owned(),
        ],
        _ => [
            "evidence_event_no_update",
            "evidence_event_no_delete",
            "org_change_no_update",
            "org_change_no_delete",
        ]
        .iter()
        .map(|t| format!("DROP TRIGGER {t}"))
        .collect(),
    }
}

#[derive(DeriveIden)]
enum Event {
    Id,
    EntryId,
    ActorId,
    At,
    Action,
    FromStatus,
    ToStatus,
    Comment,
    LevelsBefore,
    LevelsAfter,
}

#[derive(DeriveIden)]
enum Entry {
    Id,
}

#[derive(DeriveIden)]
enum Person {
    Table,
    Id,
}
