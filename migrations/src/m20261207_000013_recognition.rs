//! Recognition: the milestone rules a trust sets, the awards people receive (automatically
//! when a rule is first met, or by hand from HR), and each person's choice to appear on the
//! celebration wall. An award is given at most once per person and rule (a unique index), and
//! never deleted: withdrawing one keeps it, with who withdrew it, when and why.

use sea_orm_migration::sea_orm::DbBackend;
use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

/// What the database answers when something tries to delete an award.
const REFUSAL: &str = "awards are never deleted: withdraw one instead";

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    fn use_transaction(&self) -> Option<bool> {
        Some(true)
    }

    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(MilestoneRule::Table)
                    .col(pk_auto(MilestoneRule::Id).big_integer())
                    .col(string_len(MilestoneRule::Name, 120))
                    .col(text(MilestoneRule::Description).default(""))
                    // A RuleKind code, and the whole rule as JSON.
                    .col(string_len(MilestoneRule::Kind, 30))
                    .col(text(MilestoneRule::Rule))
                    // A colour for its badge, like "#1d70b8".
                    .col(string_len(MilestoneRule::Colour, 7).default("#1d70b8"))
                    .col(boolean(MilestoneRule::Active).default(true))
                    .col(big_integer(MilestoneRule::CreatedBy))
                    .col(timestamp_with_time_zone(MilestoneRule::CreatedAt))
                    .col(timestamp_with_time_zone(MilestoneRule::UpdatedAt))
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_milestone_rule_created_by")
                            .from(MilestoneRule::Table, MilestoneRule::CreatedBy)
                            .to(Person::Table, Person::Id)
                            .on_delete(ForeignKeyAction::Restrict),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(Award::Table)
                    .col(pk_auto(Award::Id).big_integer())
                    // A random 128-bit token (hex) naming the award on its public
                    // verification page and certificate; ids are not shown to the public.
                    .col(string_len(Award::PublicId, 32).unique_key())
                    .col(big_integer(Award::PersonId))
                    // The rule that gave it; none for an award given by hand.
                    .col(big_integer_null(Award::RuleId))
                    // What it is called and why it was given, as it was on the day.
                    .col(string_len(Award::Name, 120))
                    .col(text(Award::Citation).default(""))
                    // The group it was given with ("the SEND think tank"), if any.
                    .col(string_len(Award::GroupName, 120).default(""))
                    // Who gave it by hand; none when a rule gave it.
                    .col(big_integer_null(Award::GivenBy))
                    // The day the rule was first met, or the award given.
                    .col(date(Award::AwardedOn))
                    .col(timestamp_with_time_zone(Award::CreatedAt))
                    .col(timestamp_with_time_zone_null(Award::WithdrawnAt))
                    .col(big_integer_null(Award::WithdrawnBy))
                    .col(text(Award::WithdrawnReason).default(""))
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_award_person")
                            .from(Award::Table, Award::PersonId)
                            .to(Person::Table, Person::Id)
                            .on_delete(ForeignKeyAction::Restrict),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_award_rule")
                            .from(Award::Table, Award::RuleId)
                            .to(MilestoneRule::Table, MilestoneRule::Id)
                            .on_delete(ForeignKeyAction::Restrict),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_award_given_by")
                            .from(Award::Table, Award::GivenBy)
                            .to(Person::Table, Person::Id)
                            .on_delete(ForeignKeyAction::Restrict),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_award_withdrawn_by")
                            .from(Award::Table, Award::WithdrawnBy)
                            .to(Person::Table, Person::Id)
                            .on_delete(ForeignKeyAction::Restrict),
                    )
                    .to_owned(),
            )
            .await?;
        // Once per person and rule, however many verifications race to give it.
        manager
            .create_index(
                Index::create()
                    .name("idx_award_once_per_rule")
                    .table(Award::Table)
                    .col(Award::PersonId)
                    .col(Award::RuleId)
                    .unique()
                    .to_owned(),
            )
            .await?;
        // The wall: the newest awards first.
        manager
            .create_index(
                Index::create()
                    .name("idx_award_awarded_on")
                    .table(Award::Table)
                    .col(Award::AwardedOn)
                    .to_owned(),
            )
            .await?;
        manager
            .alter_table(
                Table::alter()
                    .table(Person::Table)
                    .add_column(boolean(Person::OnWall).default(false))
                    .to_owned(),
            )
            .await?;
        let db = manager.get_connection();
        for statement in create_trigger(manager.get_database_backend()) {
            db.execute_unprepared(&statement).await?;
        }
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        let db = manager.get_connection();
        if manager.get_database_backend() == DbBackend::Postgres {
            db.execute_unprepared("DROP TRIGGER award_never_deleted ON award")
                .await?;
            db.execute_unprepared("DROP FUNCTION award_never_deleted()")
                .await?;
        }
        manager
            .alter_table(
                Table::alter()
                    .table(Person::Table)
                    .drop_column(Person::OnWall)
                    .to_owned(),
            )
            .await?;
        manager
            .drop_table(Table::drop().table(Award::Table).to_owned())
            .await?;
        manager
            .drop_table(Table::drop().table(MilestoneRule::Table).to_owned())
            .await
    }
}

fn create_trigger(backend: DbBackend) -> Vec<String> {
    match backend {
        DbBackend::Postgres => vec![
            format!(
                "CREATE FUNCTION award_never_deleted() RETURNS trigger LANGUAGE plpgsql AS $$ \
                 BEGIN RAISE EXCEPTION '{REFUSAL}'; END $$"
            ),
            "CREATE TRIGGER award_never_deleted BEFORE DELETE ON award \
             FOR EACH ROW EXECUTE FUNCTION award_never_deleted()"
                .to_owned(),
        ],
        _ => vec![format!(
            "CREATE TRIGGER award_never_deleted BEFORE DELETE ON award \
             BEGIN SELECT RAISE(ABORT, '{REFUSAL}'); END"
        )],
    }
}

#[derive(DeriveIden)]
enum MilestoneRule {
    Table,
    Id,
    Name,
    Description,
    Kind,
    Rule,
    Colour,
    Active,
    CreatedBy,
    CreatedAt,
    UpdatedAt,
}

#[derive(DeriveIden)]
enum Award {
    Table,
    Id,
    PublicId,
    PersonId,
    RuleId,
    Name,
    Citation,
    GroupName,
    GivenBy,
    AwardedOn,
    CreatedAt,
    WithdrawnAt,
    WithdrawnBy,
    WithdrawnReason,
}

#[derive(DeriveIden)]
enum Person {
    Table,
    Id,
    OnWall,
}
