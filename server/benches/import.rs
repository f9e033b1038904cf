//! How long a staff import takes at a trust's scale: previewing and applying a file of 2,000
//! people, then of 20,000, into a fresh database, and previewing the same file again once
//! applied (which must find nothing to do). Targets: under 2 s and under 15 s on SQLite on this
//! machine. Run with `make bench-import` (`DATABASE_URL` may name an empty PostgreSQL
//! database instead).

use app::db::entities::{academy, person, person_role};
use app::db::people::import;
use app::domain::{AcademyPhase, AccessRole, PersonStatus};
use migrations::{Migrator, MigratorTrait};
use sea_orm::{ActiveValue::Set, EntityTrait};
use std::fmt::Write as _;
use std::time::Instant;

#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

const ACADEMIES: usize = 22;

/// A file of `n` staff: each academy's principal first, then staff managed by them (and some
/// by a head of department), with a few of every role category.
fn staff_file(n: usize) -> String {
    let mut file = String::from(
        "Employee Number,First Name,Last Name,Email,Academy,Job Title,Role Category,Line Manager Email\n",
    );
    for i in 0..n {
        let academy = i % ACADEMIES;
        let (title, category, manager) = if i < ACADEMIES {
            ("Principal", "Leading", String::new())
        } else if i < ACADEMIES * 6 {
            (
                "Head of Department",
                "Leading",
                format!("p{academy}@bench.example"),
            )
        } else {
            let head = ACADEMIES + (i % (ACADEMIES * 5));
            let category = ["Delivering", "Supporting", "Enabling"][i % 3];
            ("Teacher", category, format!("p{head}@bench.example"))
        };
        let email = format!("p{i}@bench.example");
        let _ = writeln!(
            file,
            "B{i:06},First{i},Last{i},{email},Bench Academy {academy},{title},{category},{manager}"
        );
    }
    file
}

async fn fresh(
    url: &str,
) -> anyhow::Result<(sea_orm::DatabaseConnection, app::model::CurrentUser)> {
    let db = server::startup::connect(url).await?;
    Migrator::fresh(&db).await?;
    let now = chrono::Utc::now();
    academy::Entity::insert_many((0..ACADEMIES).map(|i| academy::ActiveModel {
        name: Set(format!("Bench Academy {i}")),
        phase: Set(AcademyPhase::Primary.code().to_owned()),
        created_at: Set(now),
        short_name: Set(String::new()),
        closed_on: Set(None),
        ..Default::default()
    }))
    .exec(&db)
    .await?;
    let admin = person::Entity::insert(person::ActiveModel {
        email: Set("admin@bench.example".into()),
        name: Set("Bench Admin".into()),
        job_title: Set("Head of Systems".into()),
        academy_id: Set(None),
        role_category: Set("enabling".into()),
        line_manager_id: Set(None),
        status: Set(PersonStatus::Active.code().into()),
        password_hash: Set(None),
        created_at: Set(now),
        updated_at: Set(now),
        employee_number: Set(Some("ADMIN".into())),
        left_on: Set(None),
        ..Default::default()
    })
    .exec(&db)
    .await?
    .last_insert_id;
    person_role::Entity::insert(person_role::ActiveModel {
        person_id: Set(admin),
        role: Set(AccessRole::Administrator.code().into()),
    })
    .exec(&db)
    .await?;
    let model = person::Entity::find_by_id(admin)
        .one(&db)
        .await?
        .ok_or_else(|| anyhow::anyhow!("admin"))?;
    let user = app::db::auth::current_user(&db, model).await?;
    Ok((db, user))
}

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    let dir = std::env::temp_dir().join(format!("waymark-import-bench-{}", std::process::id()));
    std::fs::create_dir_all(&dir)?;
    println!("Staff import (target: 2,000 rows under 2 s, 20,000 under 15 s, preview and apply)");
    for (n, target) in [(2_000, 2.0), (20_000, 15.0)] {
        let url = std::env::var("DATABASE_URL")
            .unwrap_or_else(|_| format!("sqlite://{}/import-{n}.db?mode=rwc", dir.display()));
        let (db, admin) = fresh(&url).await?;
        let file = staff_file(n);
        let now = chrono::Utc::now();

        let started = Instant::now();
        let id = import::upload(&db, &admin, "bench.csv", file.as_bytes(), now).await?;
        let preview = import::preview(&db, &admin, id, now).await?;
        let previewed = started.elapsed().as_secs_f64();
        anyhow::ensure!(preview.problems.is_empty(), "{:?}", &preview.problems[..1]);
        anyhow::ensure!(preview.add_count == n, "{} to add", preview.add_count);

        let started = Instant::now();
        let applied = import::apply(&db, &admin, id, import::Options::default(), now).await?;
        let apply_time = started.elapsed().as_secs_f64();
        anyhow::ensure!(applied.added == n);

        let started = Instant::now();
        let again = import::upload(&db, &admin, "bench.csv", file.as_bytes(), now).await?;
        let second = import::preview(&db, &admin, again, now).await?;
        let repreview = started.elapsed().as_secs_f64();
        anyhow::ensure!(
            second.add_count + second.change_count == 0,
            "the same file again changes nothing"
        );

        let verdict = |t: f64| if t < target { "ok" } else { "OVER TARGET" };
        println!(
            "  {n:>6} rows: upload + preview {previewed:.2} s ({}), apply {apply_time:.2} s ({}), same file again {repreview:.2} s",
            verdict(previewed),
            verdict(apply_time),
        );
    }
    let _ = std::fs::remove_dir_all(&dir);
    Ok(())
}
