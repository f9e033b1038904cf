//! The organisation: the trust, its academies, its people and their access roles.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(Trust::Table)
                    .col(big_pk_auto(Trust::Id))
                    .col(string_len(Trust::Name, 200))
                    .to_owned(),
            )
            .await?;

        manager
            .create_table(
                Table::create()
                    .table(Academy::Table)
                    .col(big_pk_auto(Academy::Id))
                    .col(string_len_uniq(Academy::Name, 200))
                    .col(string_len(Academy::Phase, 40))
                    .col(timestamp_with_time_zone(Academy::CreatedAt))
                    .to_owned(),
            )
            .await?;

        manager
            .create_table(
                Table::create()
                    .table(Person::Table)
                    .col(big_pk_auto(Person::Id))
                    .col(string_len_uniq(Person::Email, 254))
                    .col(string_len(Person::Name, 120))
                    .col(string_len(Person::JobTitle, 120))
                    // NULL: the central trust team.
                    .col(big_integer_null(Person::AcademyId))
                    .col(string_len(Person::RoleCategory, 20))
                    .col(big_integer_null(Person::LineManagerId))
                    .col(string_len(Person::Status, 20))
                    // NULL: cannot sign in with a password.
                    .col(string_len_null(Person::PasswordHash, 200))
                    .col(timestamp_with_time_zone(Person::CreatedAt))
                    .col(timestamp_with_time_zone(Person::UpdatedAt))
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_person_academy")
                            .from(Person::Table, Person::AcademyId)
                            .to(Academy::Table, Academy::Id)
                            .on_delete(ForeignKeyAction::Restrict),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_person_line_manager")
                            .from(Person::Table, Person::LineManagerId)
                            .to(Person::Table, Person::Id)
                            .on_delete(ForeignKeyAction::SetNull),
                    )
                    .to_owned(),
            )
            .await?;
        for (name, column) in [
            ("idx_person_academy", Person::AcademyId),
            ("idx_person_line_manager", Person::LineManagerId),
            ("idx_person_name", Person::Name),
        ] {
            manager
                .create_index(
                    Index::create()
                        .name(name)
                        .table(Person::Table)
                        .col(column)
                        .to_owned(),
                )
                .await?;
        }

        manager
            .create_table(
                Table::create()
                    .table(PersonRole::Table)
                    .col(big_integer(PersonRole::PersonId))
                    .col(string_len(PersonRole::Role, 40))
                    .primary_key(
                        Index::create()
                            .col(PersonRole::PersonId)
                            .col(PersonRole::Role),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_person_role_person")
                            .from(PersonRole::Table, PersonRole::PersonId)
                            .to(Person::Table, Person::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for table in [
            PersonRole::Table.into_iden(),
            Person::Table.into_iden(),
            Academy::Table.into_iden(),
            Trust::Table.into_iden(),
        ] {
            manager
                .drop_table(Table::drop().table(table).to_owned())
                .await?;
        }
        Ok(())
    }
}

#[derive(DeriveIden)]
enum Trust {
    Table,
    Id,
    Name,
}

#[derive(DeriveIden)]
pub(crate) enum Academy {
    Table,
    Id,
    Name,
    Phase,
    CreatedAt,
}

#[derive(DeriveIden)]
pub(crate) enum Person {
    Table,
    Id,
    Email,
    Name,
    JobTitle,
    AcademyId,
    RoleCategory,
    LineManagerId,
    Status,
    PasswordHash,
    CreatedAt,
    UpdatedAt,
}

#[derive(DeriveIden)]
enum PersonRole {
    Table,
    PersonId,
    Role,
}
