//! The test trust every test server starts with.

use super::{
    ADMIN, HEAD, HOME_PD_LEAD, HR, LEFT, MANAGER, OTHER_ACADEMY_TEACHER, PD_LEAD, STAFF,
    password_hash,
};
use app::db::entities::{academy, person, person_role};
use app::domain::{AcademyPhase, AccessRole, PersonStatus, RoleCategory};
use sea_orm::{ActiveValue::Set, ConnectionTrait, DatabaseConnection, EntityTrait};

/// The test trust: two academies, a teacher and their manager, HR, an administrator, a PD
/// lead, a teacher elsewhere, and someone who has left.
pub(super) async fn seed(db: &DatabaseConnection) {
    let now = chrono::Utc::now();
    academy::Entity::insert_many([
        academy::ActiveModel {
            id: Set(1),
            name: Set("Ashgrove Primary Academy".into()),
            phase: Set(AcademyPhase::Primary.code().into()),
            created_at: Set(now),
            short_name: Set("Ashgrove".into()),
            closed_on: Set(None),
        },
        academy::ActiveModel {
            id: Set(2),
            name: Set("Kingsmead Academy".into()),
            phase: Set(AcademyPhase::Secondary.code().into()),
            created_at: Set(now),
            short_name: Set(String::new()),
            closed_on: Set(None),
        },
    ])
    .exec(db)
    .await
    .expect("academies");
    let people = [
        (
            1,
            ADMIN,
            "Ada Admin",
            "Head of Systems",
            None,
            RoleCategory::Enabling,
            None,
            PersonStatus::Active,
        ),
        (
            2,
            HR,
            "Hari Human",
            "HR Business Partner",
            None,
            RoleCategory::Enabling,
            None,
            PersonStatus::Active,
        ),
        (
            3,
            MANAGER,
            "Mina Manager",
            "Assistant Principal",
            Some(1),
            RoleCategory::Leading,
            Some(8),
            PersonStatus::Active,
        ),
        (
            4,
            STAFF,
            "Sam Staff",
            "Class Teacher",
            Some(1),
            RoleCategory::Delivering,
            Some(3),
            PersonStatus::Active,
        ),
        (
            5,
            PD_LEAD,
            "Pat Lead",
            "Assistant Principal",
            Some(2),
            RoleCategory::Leading,
            None,
            PersonStatus::Active,
        ),
        (
            6,
            OTHER_ACADEMY_TEACHER,
            "Olu Other",
            "Teacher of Music",
            Some(2),
            RoleCategory::Delivering,
            Some(5),
            PersonStatus::Active,
        ),
        (
            7,
            LEFT,
            "Lee Left",
            "Teaching Assistant",
            Some(1),
            RoleCategory::Supporting,
            Some(3),
            PersonStatus::Left,
        ),
        (
            8,
            HEAD,
            "Hana Head",
            "Principal",
            Some(1),
            RoleCategory::Leading,
            None,
            PersonStatus::Active,
        ),
        (
            9,
            HOME_PD_LEAD,
            "Paz Ashgrove",
            "Professional Development Lead",
            Some(1),
            RoleCategory::Leading,
            Some(8),
            PersonStatus::Active,
        ),
    ];
    person::Entity::insert_many(people.map(
        |(id, email, name, title, academy, category, manager, status)| person::ActiveModel {
            id: Set(id),
            email: Set(email.into()),
            name: Set(name.into()),
            job_title: Set(title.into()),
            academy_id: Set(academy),
            role_category: Set(category.code().into()),
            line_manager_id: Set(manager),
            status: Set(status.code().into()),
            password_hash: Set(Some(password_hash().to_owned())),
            created_at: Set(now),
            updated_at: Set(now),
            evidence_revision: Set(0),
            employee_number: Set(None),
            left_on: Set((status == PersonStatus::Left).then(|| now.date_naive())),
            on_wall: Set(false),
        },
    ))
    .exec(db)
    .await
    .expect("people");
    person_role::Entity::insert_many(
        [
            (1, AccessRole::Administrator),
            (2, AccessRole::Hr),
            (5, AccessRole::AcademyPdLead),
            (9, AccessRole::AcademyPdLead),
        ]
        .map(|(id, role)| person_role::ActiveModel {
            person_id: Set(id),
            role: Set(role.code().into()),
        }),
    )
    .exec(db)
    .await
    .expect("roles");
    app::db::evidence::ensure_activity_types(db)
        .await
        .expect("activity types");
    if db.get_database_backend() == sea_orm::DbBackend::Postgres {
        for table in ["academy", "person"] {
            db.execute_unprepared(&format!(
                "SELECT setval(pg_get_serial_sequence('{table}', 'id'), (SELECT MAX(id) FROM {table}))"
            ))
            .await
            .expect("sequence");
        }
    }
}
