//! Sharing a portfolio: read-only links (only a hash of each token is stored) and a record of
//! every time one is opened.

use sea_orm_migration::{prelude::*, schema::*};

use crate::m20261122_000001_organisation::Person;
use crate::m20261122_000003_framework::cascade;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(ShareLink::Table)
                    .col(big_pk_auto(ShareLink::Id))
                    .col(big_integer(ShareLink::PersonId))
                    // SHA-256 of the token, hex: the token itself is shown once and never kept.
                    .col(string_len_uniq(ShareLink::TokenHash, 64))
                    // What the owner called it ("Interview panel at Kingsmead").
                    .col(string_len(ShareLink::Label, 120))
                    .col(timestamp_with_time_zone(ShareLink::CreatedAt))
                    .col(timestamp_with_time_zone(ShareLink::ExpiresAt))
                    .col(timestamp_with_time_zone_null(ShareLink::RevokedAt))
                    .foreign_key(&mut cascade(
                        "fk_share_link_person",
                        ShareLink::Table,
                        ShareLink::PersonId,
                        Person::Table,
                        Person::Id,
                    ))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_share_link_person")
                    .table(ShareLink::Table)
                    .col(ShareLink::PersonId)
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(ShareOpening::Table)
                    .col(big_pk_auto(ShareOpening::Id))
                    .col(big_integer(ShareOpening::LinkId))
                    .col(timestamp_with_time_zone(ShareOpening::At))
                    // Whether the link still worked when it was opened.
                    .col(boolean(ShareOpening::Served))
                    .foreign_key(&mut cascade(
                        "fk_share_opening_link",
                        ShareOpening::Table,
                        ShareOpening::LinkId,
                        ShareLink::Table,
                        ShareLink::Id,
                    ))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_share_opening_link")
                    .table(ShareOpening::Table)
                    .col(ShareOpening::LinkId)
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for table in [
            ShareOpening::Table.into_iden(),
            ShareLink::Table.into_iden(),
        ] {
            manager
                .drop_table(Table::drop().table(table).to_owned())
                .await?;
        }
        Ok(())
    }
}

#[derive(DeriveIden)]
enum ShareLink {
    Table,
    Id,
    PersonId,
    TokenHash,
    Label,
    CreatedAt,
    ExpiresAt,
    RevokedAt,
}

#[derive(DeriveIden)]
enum ShareOpening {
    Table,
    Id,
    LinkId,
    At,
    Served,
}
