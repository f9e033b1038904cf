//! Links that let a person set their password: an invitation (a week) or a reset (an hour).
//! Only a hash of each link's token is kept; a link works once.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(PasswordLink::Table)
                    // SHA-256 of the token, in hex.
                    .col(string_len(PasswordLink::Id, 64).primary_key())
                    .col(big_integer(PasswordLink::PersonId))
                    // A LinkPurpose code.
                    .col(string_len(PasswordLink::Purpose, 20))
                    .col(timestamp_with_time_zone(PasswordLink::CreatedAt))
                    .col(timestamp_with_time_zone(PasswordLink::ExpiresAt))
                    .col(timestamp_with_time_zone_null(PasswordLink::UsedAt))
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_password_link_person")
                            .from(PasswordLink::Table, PasswordLink::PersonId)
                            .to(Person::Table, Person::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_password_link_person")
                    .table(PasswordLink::Table)
                    .col(PasswordLink::PersonId)
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table(PasswordLink::Table).to_owned())
            .await
    }
}

#[derive(DeriveIden)]
enum PasswordLink {
    Table,
    Id,
    PersonId,
    Purpose,
    CreatedAt,
    ExpiresAt,
    UsedAt,
}

#[derive(DeriveIden)]
enum Person {
    Table,
    Id,
}
