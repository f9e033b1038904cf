//! How much a portfolio costs to serve at the scale of a large trust, against the cheapest
//! page there is: a static file of the same size, served by the same server.
//!
//! Builds the demo trust (2,014 people), adds evidence until there are 200,000 entries (the
//! demo teacher gets 300 of them), starts the server, signs in as the demo teacher and times
//! `/portfolio` and a copy of it saved as a static file. Prints the figures and their ratio;
//! the target is a ratio of at most 3. Run with `make bench` (`DATABASE_URL` may name a
//! PostgreSQL database; it must be empty). To profile it, build with
//! `cargo bench -p server --bench portfolio --profile profiling` (optimised, line tables, quick
//! to rebuild) and set `BENCH_SERVICE_ROUNDS` to time the services alone for longer, or
//! `BENCH_SAMPLES` to make more requests (time to attach `perf record -p`). The home page is
//! timed too, for reference (not in the ratio): what any server-rendered page costs.

use app::db::entities::{
    element, evidence_claim, evidence_entry, evidence_place, framework_version, person,
    portfolio_summary,
};
use chrono::{Duration, NaiveDate, Utc};
use rand::rngs::StdRng;
use rand::{Rng, SeedableRng};
use sea_orm::{
    ActiveValue::Set, ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter, TransactionTrait,
};
use server::{Application, Settings};
use std::collections::HashMap;
use std::time::Instant;

/// The allocator the server itself runs with (see `src/main.rs`).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

const TOTAL_ENTRIES: u64 = 200_000;
const SUBJECT_ENTRIES: u64 = 300;
const SAMPLES: usize = 300;

/// How many timed requests to make of each page (`BENCH_SAMPLES`, for profiling; 300 unless set).
fn samples() -> usize {
    std::env::var("BENCH_SAMPLES")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(SAMPLES)
}

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    let dir = std::env::temp_dir().join(format!("waymark-bench-{}", std::process::id()));
    std::fs::create_dir_all(dir.join("site/bench"))?;
    let database_url = std::env::var("DATABASE_URL")
        .unwrap_or_else(|_| format!("sqlite://{}/bench.db?mode=rwc", dir.display()));
    let vars: HashMap<&str, String> = [
        ("DATABASE_URL", database_url.clone()),
        ("LEPTOS_SITE_ADDR", "127.0.0.1:0".to_owned()),
        ("LEPTOS_SITE_ROOT", dir.join("site").display().to_string()),
        ("WAYMARK_FILES_DIR", dir.join("files").display().to_string()),
    ]
    .into_iter()
    .collect();
    let settings = Settings::from_lookup(|name| vars.get(name).cloned())?;
    let app = Application::build(settings).await?;
    let db = app.db.clone();
    let kept = app.kept.clone();

    let started = Instant::now();
    server::demo::seed(&db).await?;
    let subject = person::Entity::find()
        .filter(person::Column::Email.eq("staff@waymark.test"))
        .one(&db)
        .await?
        .ok_or_else(|| anyhow::anyhow!("the demo teacher is missing"))?;
    grow(&db, subject.id).await?;
    let entries = evidence_entry::Entity::find().count(&db).await?;
    let people = person::Entity::find().count(&db).await?;
    let theirs = evidence_entry::Entity::find()
        .filter(evidence_entry::Column::OwnerId.eq(subject.id))
        .count(&db)
        .await?;
    println!(
        "built a trust of {people} people with {entries} evidence entries ({theirs} the demo teacher's) in {:.1} s",
        started.elapsed().as_secs_f64()
    );

    // What the services alone cost (queries and assembly), to tell it from rendering: as most
    // visits find it, with the person's summary kept; and when it must be counted afresh (the
    // first visit after their evidence changed).
    let user = app::db::auth::current_user(&db, subject.clone()).await?;
    let filters = app::model::PortfolioFilters::default();
    let rounds: usize = std::env::var("BENCH_SERVICE_ROUNDS")
        .ok()
        .and_then(|r| r.parse().ok())
        .unwrap_or(130);
    for (label, afresh) in [("with the summary kept", false), ("counted afresh", true)] {
        let mut ms = Vec::new();
        for round in 0..rounds {
            if afresh {
                portfolio_summary::Entity::delete_by_id(subject.id)
                    .exec(&db)
                    .await?;
            }
            let start = Instant::now();
            app::db::portfolio::portfolio(&db, &kept, &user, None, &filters, Utc::now()).await?;
            if round >= 30 {
                ms.push(start.elapsed().as_secs_f64() * 1000.0);
            }
        }
        println!(
            "building the portfolio's data (services only), {label}: median {:.2}ms",
            Timings::of(ms).median
        );
    }

    let address = format!("http://{}", app.address()?);
    tokio::spawn(app.run());
    let client = reqwest::Client::builder()
        .cookie_store(true)
        .redirect(reqwest::redirect::Policy::none())
        .build()?;
    let signed_in = client
        .post(format!("{address}/api/sign_in"))
        .header("accept", "text/html")
        .header("origin", &address)
        .form(&[
            ("email", "staff@waymark.test"),
            ("password", server::demo::DEMO_PASSWORD),
            ("next", "/"),
        ])
        .send()
        .await?;
    anyhow::ensure!(
        signed_in.status().is_redirection(),
        "could not sign in: {}",
        signed_in.status()
    );

    let portfolio_url = format!("{address}/portfolio");
    let page = client.get(&portfolio_url).send().await?.bytes().await?;
    anyhow::ensure!(
        String::from_utf8_lossy(&page).contains("Coverage of the framework"),
        "the portfolio did not render"
    );
    std::fs::write(dir.join("site/bench/portfolio-copy.html"), &page)?;
    let static_url = format!("{address}/bench/portfolio-copy.html");
    let copy = client.get(&static_url).send().await?.bytes().await?;
    anyhow::ensure!(
        copy.len() == page.len(),
        "the static copy is not the same size"
    );
    let samples = samples();
    println!(
        "page size: {} bytes; {samples} requests each, one at a time, after a warm-up",
        page.len()
    );

    let portfolio = time(&client, &portfolio_url, samples).await?;
    let file = time(&client, &static_url, samples).await?;
    let home = time(&client, &format!("{address}/"), samples).await?;
    println!("{:<28}{:>10}{:>10}{:>10}", "", "median", "p95", "mean");
    for (name, t) in [
        ("portfolio (server-rendered)", &portfolio),
        ("static file", &file),
        ("home page (for reference)", &home),
    ] {
        println!(
            "{name:<28}{:>8.2}ms{:>8.2}ms{:>8.2}ms",
            t.median, t.p95, t.mean
        );
    }
    let ratio = portfolio.median / file.median;
    println!(
        "ratio (median portfolio / median static file): {ratio:.2} (target: at most 3.00) {}",
        if ratio <= 3.0 { "MET" } else { "NOT MET" }
    );
    let _ = std::fs::remove_dir_all(&dir);
    Ok(())
}

struct Timings {
    median: f64,
    p95: f64,
    mean: f64,
}

impl Timings {
    /// The figures of some timings, in milliseconds.
    fn of(mut ms: Vec<f64>) -> Timings {
        ms.sort_by(f64::total_cmp);
        Timings {
            median: ms[ms.len() / 2],
            p95: ms[ms.len() * 95 / 100],
            mean: ms.iter().sum::<f64>() / f64::from(u32::try_from(ms.len()).unwrap_or(u32::MAX)),
        }
    }
}

async fn time(client: &reqwest::Client, url: &str, samples: usize) -> anyhow::Result<Timings> {
    for _ in 0..30 {
        client.get(url).send().await?.bytes().await?;
    }
    let mut ms = Vec::with_capacity(samples);
    for _ in 0..samples {
        let start = Instant::now();
        let response = client.get(url).send().await?;
        anyhow::ensure!(
            response.status().is_success(),
            "{url}: {}",
            response.status()
        );
        response.bytes().await?;
        ms.push(start.elapsed().as_secs_f64() * 1000.0);
    }
    Ok(Timings::of(ms))
}

/// Adds verified and waiting entries (with claims and places) until the trust has
/// `TOTAL_ENTRIES`, `SUBJECT_ENTRIES` of them the subject's.
async fn grow(db: &sea_orm::DatabaseConnection, subject: i64) -> anyhow::Result<()> {
    let mut rng = StdRng::seed_from_u64(200_000);
    let version = framework_version::Entity::find()
        .filter(framework_version::Column::Status.eq("published"))
        .one(db)
        .await?
        .ok_or_else(|| anyhow::anyhow!("no published framework"))?;
    let elements: Vec<(String, String)> = element::Entity::find()
        .filter(element::Column::VersionId.eq(version.id))
        .all(db)
        .await?
        .into_iter()
        .map(|e| (e.uuid, e.code))
        .collect();
    let people: Vec<(i64, Option<i64>)> = person::Entity::find()
        .all(db)
        .await?
        .into_iter()
        .map(|p| (p.id, p.academy_id))
        .collect();
    let existing = evidence_entry::Entity::find().count(db).await?;
    let theirs = evidence_entry::Entity::find()
        .filter(evidence_entry::Column::OwnerId.eq(subject))
        .count(db)
        .await?;
    let mut owners: Vec<i64> =
        vec![subject; usize::try_from(SUBJECT_ENTRIES.saturating_sub(theirs))?];
    let others: Vec<i64> = people
        .iter()
        .map(|p| p.0)
        .filter(|id| *id != subject)
        .collect();
    while u64::try_from(owners.len())? + existing < TOTAL_ENTRIES {
        owners.push(others[rng.random_range(0..others.len())]);
    }
    let academy_of: HashMap<i64, Option<i64>> = people.into_iter().collect();
    let next_id = i64::try_from(evidence_entry::Entity::find().count(db).await?)? + 1_000_000;
    let today = Utc::now().date_naive();
    let now = Utc::now();
    for (chunk_no, chunk) in owners.chunks(1_000).enumerate() {
        let txn = db.begin().await?;
        let mut entries = Vec::with_capacity(chunk.len());
        let mut claims = Vec::new();
        let mut places = Vec::new();
        for (i, owner) in chunk.iter().enumerate() {
            let id = next_id + i64::try_from(chunk_no * 1_000 + i)?;
            let date: NaiveDate = today - Duration::days(rng.random_range(14..1_000));
            let verified = rng.random_bool(0.85);
            let home = academy_of.get(owner).copied().flatten().unwrap_or(1);
            let host = (home % 22) + 1;
            entries.push(evidence_entry::ActiveModel {
                id: Set(id),
                owner_id: Set(*owner),
                activity_type_id: Set(Some(rng.random_range(1..=9))),
                title: Set(format!("Led a cross-school session #{id}")),
                started_on: Set(Some(date)),
                ended_on: Set(None),
                trust_wide: Set(false),
                hours_quarters: Set(Some(rng.random_range(2..24))),
                people_reached: Set(Some(rng.random_range(3..60))),
                what_done: Set("Led a session for colleagues at another academy.".to_owned()),
                reflection: Set(String::new()),
                status: Set(if verified { "verified" } else { "submitted" }.to_owned()),
                revision: Set(2),
                framework_version_id: Set(Some(version.id)),
                created_at: Set(now),
                updated_at: Set(now),
                submitted_at: Set(Some(now)),
                decided_at: Set(verified.then_some(now)),
            });
            places.push(evidence_place::ActiveModel {
                entry_id: Set(id),
                academy_id: Set(host),
            });
            let first = rng.random_range(0..elements.len());
            for k in 0..2 {
                let (uuid, code) = &elements[(first + k * 5) % elements.len()];
                let level = rng.random_range(1..=4);
                claims.push(evidence_claim::ActiveModel {
                    entry_id: Set(id),
                    element_uuid: Set(uuid.clone()),
                    element_code: Set(code.clone()),
                    claimed_level: Set(level),
                    verified_level: Set(verified.then_some(level)),
                    ..Default::default()
                });
            }
        }
        evidence_entry::Entity::insert_many(entries)
            .exec(&txn)
            .await?;
        for batch in claims.chunks(1_000) {
            evidence_claim::Entity::insert_many(batch.to_vec())
                .exec(&txn)
                .await?;
        }
        evidence_place::Entity::insert_many(places)
            .exec(&txn)
            .await?;
        txn.commit().await?;
    }
    Ok(())
}
