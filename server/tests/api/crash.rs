//! Nothing acknowledged is lost: the real `waymark` binary serves a trust while about a thousand
//! writes (saves, submissions, verifications) arrive from many clients at once; it is killed
//! with SIGKILL in the middle, started again, and every write it acknowledged must be there,
//! with every entry's audit trail whole (each event starting where the last one ended, and
//! ending where the entry is). On SQLite (WAL, `synchronous=FULL`) and on PostgreSQL.

use crate::common::*;
use app::db::entities::{evidence_entry, evidence_event};
use sea_orm::{Database, EntityTrait, QueryOrder};
use std::collections::HashMap;
use std::process::{Child, Command, Stdio};
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;

/// Entries each taken through save → submit → verify: three writes each.
const ENTRIES: usize = 340;
/// Clients writing at once.
const AT_ONCE: usize = 48;
/// The server is killed once this many writes were acknowledged.
const KILL_AFTER: usize = 500;

fn serve(database_url: &str, port: u16, dir: &std::path::Path) -> Child {
    Command::new(env!("CARGO_BIN_EXE_waymark"))
        .arg("serve")
        .env("DATABASE_URL", database_url)
        .env("LEPTOS_SITE_ADDR", format!("127.0.0.1:{port}"))
        .env("WAYMARK_FILES_DIR", dir.join("files"))
        .env("WAYMARK_KEY_FILE", dir.join("key.json"))
        .env(
            "RUST_LOG",
            if std::env::var("CRASH_DEBUG").is_ok() {
                "warn"
            } else {
                "error"
            },
        )
        .stdout(if std::env::var("CRASH_DEBUG").is_ok() {
            Stdio::inherit()
        } else {
            Stdio::null()
        })
        .stderr(if std::env::var("CRASH_DEBUG").is_ok() {
            Stdio::inherit()
        } else {
            Stdio::null()
        })
        .spawn()
        .expect("the server starts")
}

async fn until_healthy(base: &str) {
    let client = reqwest::Client::new();
    for _ in 0..300 {
        if let Ok(r) = client.get(format!("{base}/healthz")).send().await
            && r.status().is_success()
        {
            return;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    panic!("the server did not come up at {base}");
}

async fn signed_in(base: &str, email: &str) -> reqwest::Client {
    let client = reqwest::Client::builder()
        .cookie_store(true)
        .redirect(reqwest::redirect::Policy::none())
        .timeout(Duration::from_secs(20))
        .build()
        .expect("client");
    let response = client
        .post(format!("{base}/api/sign_in"))
        .header("accept", "text/html")
        .header("origin", base)
        .header("referer", format!("{base}/sign-in"))
        .form(&[("email", email), ("password", PASSWORD), ("next", "/")])
        .send()
        .await
        .expect("signs in");
    assert_eq!(
        location(&response).as_deref(),
        Some("/"),
        "{email} signs in"
    );
    client
}

/// Posts a form as a browser would; the redirect it was acknowledged with, if it was.
async fn post(
    client: &reqwest::Client,
    base: &str,
    endpoint: &str,
    fields: &[(&str, &str)],
) -> Option<String> {
    let response = client
        .post(format!("{base}/api/{endpoint}"))
        .header("accept", "text/html")
        .header("origin", base)
        .header("referer", format!("{base}/evidence"))
        .form(fields)
        .send()
        .await
        .ok()?;
    let to = location(&response);
    if std::env::var("CRASH_DEBUG").is_ok() {
        eprintln!("{endpoint}: {} {to:?}", response.status());
    }
    to.filter(|to| !to.contains("__err"))
}

/// What the server acknowledged.
#[derive(Default)]
struct Acknowledged {
    /// Entry id → how far it got: 1 saved, 2 submitted, 3 verified.
    reached: std::sync::Mutex<HashMap<i64, u8>>,
    writes: AtomicUsize,
}

impl Acknowledged {
    fn note(&self, id: i64, step: u8) {
        self.reached.lock().expect("lock").insert(id, step);
        self.writes.fetch_add(1, Ordering::SeqCst);
    }
}

async fn one_entry(
    staff: reqwest::Client,
    manager: reqwest::Client,
    base: String,
    acks: Arc<Acknowledged>,
    n: usize,
) {
    let title = format!("Crash-test entry {n}");
    let Some(to) = post(
        &staff,
        &base,
        "save_evidence",
        &[
            ("entry[revision]", "0"),
            ("entry[activity_type]", "1"),
            ("entry[title]", &title),
            ("entry[started_on]", "2026-03-12"),
            ("entry[places][2]", "on"),
            ("entry[hours]", "1.5"),
            ("entry[people_reached]", "24"),
            (
                "entry[what_done]",
                "Led the meeting on whole-class feedback.",
            ),
            (
                "entry[reflection]",
                "Next time I would share the slides first.",
            ),
            ("entry[claims][B2]", "3"),
            ("entry[claims][S5]", "2"),
        ],
    )
    .await
    else {
        return;
    };
    let Some(id) = to
        .trim_start_matches("/evidence/")
        .split('?')
        .next()
        .and_then(|id| id.parse::<i64>().ok())
    else {
        return;
    };
    acks.note(id, 1);
    let id_text = id.to_string();
    if post(
        &staff,
        &base,
        "evidence_action",
        &[("id", &id_text), ("revision", "0"), ("action", "submit")],
    )
    .await
    .is_none()
    {
        return;
    }
    acks.note(id, 2);
    if post(
        &manager,
        &base,
        "evidence_action",
        &[
            ("id", &id_text),
            ("revision", "1"),
            ("action", "verify"),
            ("levels[B2]", "3"),
            ("levels[S5]", "2"),
        ],
    )
    .await
    .is_none()
    {
        return;
    }
    acks.note(id, 3);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_acknowledged_write_survives_the_server_being_killed() {
    // A trust with a framework, in a database of its own; then the real binary serves it.
    let (database_url, before) = {
        let app = TestApp::spawn().await;
        with_framework(&app).await;
        let before = evidence_entry::Entity::find()
            .all(&app.db)
            .await
            .expect("reads")
            .len();
        (app.database_url.clone(), before)
    };
    let dir = std::env::temp_dir()
        .join("waymark-tests")
        .join(format!("crash-{}", hex_id()));
    std::fs::create_dir_all(&dir).expect("a folder");
    let port = {
        let probe = std::net::TcpListener::bind("127.0.0.1:0").expect("a free port");
        probe.local_addr().expect("bound").port()
    };
    let base = format!("http://127.0.0.1:{port}");
    let mut server = serve(&database_url, port, &dir);
    until_healthy(&base).await;
    let staff = signed_in(&base, STAFF).await;
    let manager = signed_in(&base, MANAGER).await;

    let acks = Arc::new(Acknowledged::default());
    let turns = Arc::new(tokio::sync::Semaphore::new(AT_ONCE));
    let mut tasks = Vec::new();
    for n in 0..ENTRIES {
        let (staff, manager, base, acks, turns) = (
            staff.clone(),
            manager.clone(),
            base.clone(),
            acks.clone(),
            turns.clone(),
        );
        tasks.push(tokio::spawn(async move {
            let _turn = turns.acquire_owned().await.expect("a turn");
            one_entry(staff, manager, base, acks, n).await;
        }));
    }
    // Killed in the middle, without warning.
    while acks.writes.load(Ordering::SeqCst) < KILL_AFTER && !tasks.iter().all(|t| t.is_finished())
    {
        tokio::time::sleep(Duration::from_millis(5)).await;
    }
    server.kill().expect("killed");
    server.wait().ok();
    let at_kill = acks.writes.load(Ordering::SeqCst);
    for task in tasks {
        task.await.ok();
    }
    let acknowledged = acks.writes.load(Ordering::SeqCst);

    // Started again over the same database: everything acknowledged is there.
    let mut server = serve(&database_url, port, &dir);
    until_healthy(&base).await;
    let db = Database::connect(&database_url).await.expect("opens");
    let entries: HashMap<i64, evidence_entry::Model> = evidence_entry::Entity::find()
        .all(&db)
        .await
        .expect("reads")
        .into_iter()
        .map(|e| (e.id, e))
        .collect();
    let events = evidence_event::Entity::find()
        .order_by_asc(evidence_event::Column::Id)
        .all(&db)
        .await
        .expect("reads");
    let mut trails: HashMap<i64, Vec<&evidence_event::Model>> = HashMap::new();
    for event in &events {
        trails.entry(event.entry_id).or_default().push(event);
    }

    let reached = acks.reached.lock().expect("lock").clone();
    let mut lost = Vec::new();
    for (id, step) in &reached {
        let wanted = match step {
            1 => ["draft", "submitted", "verified"].as_slice(),
            2 => ["submitted", "verified"].as_slice(),
            _ => ["verified"].as_slice(),
        };
        match entries.get(id) {
            Some(entry) if wanted.contains(&entry.status.as_str()) => {}
            other => lost.push((*id, *step, other.map(|e| e.status.clone()))),
        }
    }
    // Every trail is whole: it starts from nothing, each event starts where the last ended,
    // and the last ends where the entry is.
    let mut broken = Vec::new();
    for (id, entry) in &entries {
        let trail = trails.get(id).map(Vec::as_slice).unwrap_or_default();
        let mut at: Option<&str> = None;
        let mut whole = !trail.is_empty();
        for event in trail {
            whole &= event.from_status.as_deref() == at;
            at = Some(event.to_status.as_str());
        }
        whole &= at == Some(entry.status.as_str());
        if !whole {
            broken.push(*id);
        }
    }
    let verified = entries.values().filter(|e| e.status == "verified").count();
    println!(
        "crash test ({}): {acknowledged} writes acknowledged ({at_kill} when the server was killed), \
         over {} entries; after the restart {} entries ({} new), {} verified, {} events; \
         acknowledged writes missing: {}; broken trails: {}",
        if database_url.starts_with("postgres") {
            "PostgreSQL"
        } else {
            "SQLite"
        },
        reached.len(),
        entries.len(),
        entries.len() - before,
        verified,
        events.len(),
        lost.len(),
        broken.len()
    );
    server.kill().ok();
    server.wait().ok();
    db.close().await.ok();
    std::fs::remove_dir_all(&dir).ok();
    assert!(
        acknowledged >= KILL_AFTER,
        "the server was killed in the middle of the writes"
    );
    assert!(
        acknowledged < ENTRIES * 3,
        "and some writes were cut off by it"
    );
    assert_eq!(lost, [], "acknowledged writes that are missing");
    assert_eq!(
        broken,
        Vec::<i64>::new(),
        "entries whose audit trail is broken"
    );
}
