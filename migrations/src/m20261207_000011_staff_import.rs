//! Staff files uploaded for import: kept between the preview and applying it (so what is
//! applied is what was previewed), with the column mapping chosen for them, which the next
//! file starts from.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(StaffImport::Table)
                    .col(big_pk_auto(StaffImport::Id))
                    .col(big_integer(StaffImport::UploadedBy))
                    .col(timestamp_with_time_zone(StaffImport::UploadedAt))
                    .col(string_len(StaffImport::FileName, 255))
                    // The file as UTF-8 text, whatever it was saved as.
                    .col(text(StaffImport::Content))
                    // JSON: column → the file's heading.
                    .col(text(StaffImport::Mapping))
                    .col(timestamp_with_time_zone_null(StaffImport::AppliedAt))
                    // What applying it did, in words.
                    .col(text(StaffImport::Outcome).default(""))
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_staff_import_person")
                            .from(StaffImport::Table, StaffImport::UploadedBy)
                            .to(Person::Table, Person::Id),
                    )
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table(StaffImport::Table).to_owned())
            .await
    }
}

#[derive(DeriveIden)]
enum StaffImport {
    Table,
    Id,
    UploadedBy,
    UploadedAt,
    FileName,
    Content,
    Mapping,
    AppliedAt,
    Outcome,
}

#[derive(DeriveIden)]
enum Person {
    Table,
    Id,
}
