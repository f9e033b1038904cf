//! Sign-in state kept in the database, so any number of servers can share it: sessions and
//! the failure counts that slow down password guessing.

use sea_orm_migration::{prelude::*, schema::*};

use crate::m20261122_000001_organisation::Person;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(Session::Table)
                    // The SHA-256 of the cookie's token: a leaked table gives no usable cookie.
                    .col(string_len(Session::Id, 64).primary_key())
                    .col(big_integer(Session::PersonId))
                    .col(timestamp_with_time_zone(Session::CreatedAt))
                    .col(timestamp_with_time_zone(Session::ExpiresAt))
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_session_person")
                            .from(Session::Table, Session::PersonId)
                            .to(Person::Table, Person::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_session_person")
                    .table(Session::Table)
                    .col(Session::PersonId)
                    .to_owned(),
            )
            .await?;

        manager
            .create_table(
                Table::create()
                    .table(SignInFailure::Table)
                    // "account:<e-mail>" or "address:<ip>".
                    .col(string_len(SignInFailure::Key, 300).primary_key())
                    .col(integer(SignInFailure::Failures))
                    .col(timestamp_with_time_zone(SignInFailure::WindowStartedAt))
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table(SignInFailure::Table).to_owned())
            .await?;
        manager
            .drop_table(Table::drop().table(Session::Table).to_owned())
            .await
    }
}

#[derive(DeriveIden)]
enum Session {
    Table,
    Id,
    PersonId,
    CreatedAt,
    ExpiresAt,
}

#[derive(DeriveIden)]
enum SignInFailure {
    Table,
    Key,
    Failures,
    WindowStartedAt,
}
