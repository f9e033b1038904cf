//! Administrators keep the academies themselves: each gets a short name and can be closed
//! (keeping its history), and every change to the organisation is written to an audit trail
//! that no one edits.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        // SQLite adds one column per statement.
        manager
            .alter_table(
                Table::alter()
                    .table(Academy::Table)
                    .add_column(string_len(Academy::ShortName, 40).default(""))
                    .to_owned(),
            )
            .await?;
        manager
            .alter_table(
                Table::alter()
                    .table(Academy::Table)
                    .add_column(date_null(Academy::ClosedOn))
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(OrgChange::Table)
                    .col(big_pk_auto(OrgChange::Id))
                    .col(timestamp_with_time_zone(OrgChange::At))
                    .col(big_integer(OrgChange::ActorId))
                    // What changed: an academy or a person (one of the two).
                    .col(big_integer_null(OrgChange::AcademyId))
                    .col(big_integer_null(OrgChange::PersonId))
                    .col(string_len(OrgChange::Field, 60))
                    .col(text(OrgChange::FromValue))
                    .col(text(OrgChange::ToValue))
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_org_change_actor")
                            .from(OrgChange::Table, OrgChange::ActorId)
                            .to(Person::Table, Person::Id),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_org_change_academy")
                            .from(OrgChange::Table, OrgChange::AcademyId)
                            .to(Academy::Table, Academy::Id),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_org_change_person")
                            .from(OrgChange::Table, OrgChange::PersonId)
                            .to(Person::Table, Person::Id),
                    )
                    .to_owned(),
            )
            .await?;
        for (name, column) in [
            ("idx_org_change_academy", OrgChange::AcademyId),
            ("idx_org_change_person", OrgChange::PersonId),
        ] {
            manager
                .create_index(
                    Index::create()
                        .name(name)
                        .table(OrgChange::Table)
                        .col(column)
                        .to_owned(),
                )
                .await?;
        }
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table(OrgChange::Table).to_owned())
            .await?;
        for column in [Academy::ClosedOn, Academy::ShortName] {
            manager
                .alter_table(
                    Table::alter()
                        .table(Academy::Table)
                        .drop_column(column)
                        .to_owned(),
                )
                .await?;
        }
        Ok(())
    }
}

#[derive(DeriveIden)]
enum Academy {
    Table,
    Id,
    ShortName,
    ClosedOn,
}

#[derive(DeriveIden)]
enum Person {
    Table,
    Id,
}

#[derive(DeriveIden)]
enum OrgChange {
    Table,
    Id,
    At,
    ActorId,
    AcademyId,
    PersonId,
    Field,
    FromValue,
    ToValue,
}
