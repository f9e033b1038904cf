//! Single sign-on: which Microsoft or Google account belongs to which person, the sign-ins
//! under way (each used once), and whether the trust still accepts passwords.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(SsoIdentity::Table)
                    // A `Provider` code: `microsoft` or `google`.
                    .col(string_len(SsoIdentity::Provider, 20))
                    // The provider's subject id for the account (stable, unlike an e-mail).
                    .col(string_len(SsoIdentity::Subject, 255))
                    .col(big_integer(SsoIdentity::PersonId))
                    .col(timestamp_with_time_zone(SsoIdentity::LinkedAt))
                    .col(timestamp_with_time_zone(SsoIdentity::LastUsedAt))
                    .primary_key(
                        Index::create()
                            .col(SsoIdentity::Provider)
                            .col(SsoIdentity::Subject),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_sso_identity_person")
                            .from(SsoIdentity::Table, SsoIdentity::PersonId)
                            .to(Person::Table, Person::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        // One account per provider for each person.
        manager
            .create_index(
                Index::create()
                    .name("ux_sso_identity_person")
                    .table(SsoIdentity::Table)
                    .col(SsoIdentity::PersonId)
                    .col(SsoIdentity::Provider)
                    .unique()
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(SsoRequest::Table)
                    // SHA-256 of the `state` sent to the provider, in hex.
                    .col(string_len(SsoRequest::Id, 64).primary_key())
                    .col(string_len(SsoRequest::Provider, 20))
                    .col(string_len(SsoRequest::PkceVerifier, 128))
                    .col(string_len(SsoRequest::Nonce, 128))
                    // Where to go once signed in (already checked to be a path on this site).
                    .col(string_len(SsoRequest::Next, 500))
                    .col(timestamp_with_time_zone(SsoRequest::CreatedAt))
                    .to_owned(),
            )
            .await?;
        manager
            .alter_table(
                Table::alter()
                    .table(Trust::Table)
                    .add_column(boolean(Trust::SsoRequired).default(false))
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .alter_table(
                Table::alter()
                    .table(Trust::Table)
                    .drop_column(Trust::SsoRequired)
                    .to_owned(),
            )
            .await?;
        manager
            .drop_table(Table::drop().table(SsoRequest::Table).to_owned())
            .await?;
        manager
            .drop_table(Table::drop().table(SsoIdentity::Table).to_owned())
            .await
    }
}

#[derive(DeriveIden)]
enum SsoIdentity {
    Table,
    Provider,
    Subject,
    PersonId,
    LinkedAt,
    LastUsedAt,
}

#[derive(DeriveIden)]
enum SsoRequest {
    Table,
    Id,
    Provider,
    PkceVerifier,
    Nonce,
    Next,
    CreatedAt,
}

#[derive(DeriveIden)]
enum Trust {
    Table,
    SsoRequired,
}

#[derive(DeriveIden)]
enum Person {
    Table,
    Id,
}
