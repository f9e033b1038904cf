//! Password sign-in under pressure: the attempt limit is exact when attempts arrive together,
//! password hashing is bounded however many arrive, and a client behind a proxy cannot escape
//! the per-address limit by writing its own `X-Forwarded-For`.

use crate::common::*;
use app::db::auth;
use app::db::entities::sign_in_failure;
use app::error::AppError;
use sea_orm::EntityTrait;
use std::net::IpAddr;

fn loopback() -> Option<IpAddr> {
    Some(IpAddr::from([127, 0, 0, 1]))
}

async fn counted(app: &TestApp, key: &str) -> i32 {
    sign_in_failure::Entity::find_by_id(key.to_owned())
        .one(&app.db)
        .await
        .expect("reads")
        .map_or(0, |row| row.failures)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn forty_wrong_passwords_at_once_get_five_answers_and_the_right_one_among_them_does_not_get_in()
 {
    let app = TestApp::spawn().await;
    let now = chrono::Utc::now();
    let burst: Vec<_> = (0..40)
        .map(|_| {
            let db = app.db.clone();
            tokio::spawn(async move {
                auth::sign_in(&db, STAFF, "not the password", loopback(), None, now).await
            })
        })
        .collect();
    // The right password arrives among them, once the limit's worth has been counted.
    let key = format!("account:{STAFF}");
    for _ in 0..400 {
        if counted(&app, &key).await > 5 {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(5)).await;
    }
    let right = auth::sign_in(&app.db, STAFF, PASSWORD, loopback(), None, now).await;
    assert!(
        matches!(right, Err(AppError::TooManyAttempts(_))),
        "the right password inside the burst does not get in: {right:?}"
    );
    let (mut wrong, mut refused) = (0, 0);
    for attempt in burst {
        match attempt.await.expect("runs") {
            Err(AppError::InvalidCredentials) => wrong += 1,
            Err(AppError::TooManyAttempts(_)) => refused += 1,
            other => panic!("unexpected answer: {other:?}"),
        }
    }
    assert_eq!(
        (wrong, refused),
        (5, 35),
        "exactly five passwords were checked"
    );

    // Another account from the same address is not held back by Sam's attempts.
    auth::sign_in(&app.db, MANAGER, PASSWORD, loopback(), None, now)
        .await
        .expect("signs in");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_right_password_is_not_held_against_its_address() {
    let app = TestApp::spawn().await;
    let now = chrono::Utc::now();
    for _ in 0..3 {
        auth::sign_in(&app.db, STAFF, PASSWORD, loopback(), None, now)
            .await
            .expect("signs in");
    }
    assert_eq!(counted(&app, "address:127.0.0.1").await, 0);
    assert_eq!(counted(&app, &format!("account:{STAFF}")).await, 0);
    let _ = auth::sign_in(&app.db, STAFF, "wrong", loopback(), None, now).await;
    assert_eq!(counted(&app, "address:127.0.0.1").await, 1);
}

/// The process's resident memory, in MiB (Linux).
fn resident_mib() -> u64 {
    let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    status
        .lines()
        .find_map(|l| l.strip_prefix("VmRSS:"))
        .and_then(|v| v.trim().trim_end_matches("kB").trim().parse::<u64>().ok())
        .map_or(0, |kb| kb / 1024)
}

#[test]
fn a_hundred_and_fifty_sign_ins_at_once_keep_memory_bounded_and_pages_served() {
    // Measured in a process of its own in which glibc hands large blocks straight back to the
    // system when they are freed: otherwise its arenas keep freed hash blocks, and the growth
    // measured would be that keeping, not the work in flight.
    let run = std::process::Command::new(std::env::current_exe().expect("this test binary"))
        .args([
            "--exact",
            "throttle::memory_during_a_burst_of_sign_ins",
            "--ignored",
            "--nocapture",
        ])
        .env("MALLOC_MMAP_THRESHOLD_", "131072")
        .output()
        .expect("runs");
    let said = String::from_utf8_lossy(&run.stdout);
    println!("{said}");
    assert!(
        run.status.success() && said.contains("1 passed"),
        "{said}\n{}",
        String::from_utf8_lossy(&run.stderr)
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
#[ignore = "run by a_hundred_and_fifty_sign_ins_at_once_keep_memory_bounded_and_pages_served, in a process of its own"]
async fn memory_during_a_burst_of_sign_ins() {
    let app = TestApp::spawn().await;
    let now = chrono::Utc::now();
    let before = resident_mib();
    let done = std::sync::Arc::new(std::sync::atomic::AtomicBool::new(false));
    let watcher = {
        let done = done.clone();
        std::thread::spawn(move || {
            let mut peak = 0;
            while !done.load(std::sync::atomic::Ordering::Relaxed) {
                peak = peak.max(resident_mib());
                std::thread::sleep(std::time::Duration::from_millis(2));
            }
            peak
        })
    };
    // Each from its own address and for its own (unknown) account, so no limit stops them:
    // every one costs a password check.
    let burst: Vec<_> = (0..150u8)
        .map(|n| {
            let db = app.db.clone();
            tokio::spawn(async move {
                let email = format!("nobody{n}@test.example");
                let address = Some(IpAddr::from([10, 1, 0, n]));
                auth::sign_in(&db, &email, "not the password", address, None, now).await
            })
        })
        .collect();
    let (status, _) = app.get(&app.client(), "/healthz").await;
    assert_eq!(status, 200, "pages are served during the burst");
    let (status, _) = app.get(&app.client(), "/sign-in").await;
    assert_eq!(status, 200);
    let mut busy = 0;
    for attempt in burst {
        match attempt.await.expect("runs") {
            Err(AppError::InvalidCredentials) => {}
            Err(AppError::Busy) => busy += 1,
            other => panic!("unexpected answer: {other:?}"),
        }
    }
    done.store(true, std::sync::atomic::Ordering::Relaxed);
    let peak = watcher.join().expect("watcher");
    let grew = peak.saturating_sub(before);
    // A password check holds 19 MiB; two per core run at once. Unbounded, 150 would need
    // about 2.8 GiB.
    let cores = std::thread::available_parallelism()
        .map_or(2, std::num::NonZero::get)
        .try_into()
        .unwrap_or(2u64);
    let bound = 2 * cores * 19 + 150;
    assert!(
        grew <= bound,
        "resident memory grew by {grew} MiB during the burst (bound {bound} MiB)"
    );
    println!(
        "150 sign-ins at once: memory grew {grew} MiB (bound {bound}), {busy} told to try again"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn behind_a_proxy_rotating_x_forwarded_for_does_not_escape_the_address_limit() {
    let app = TestApp::spawn_with(&[("WAYMARK_TRUST_PROXY", "true")]).await;
    let attempt = |n: u32| {
        let client = app.client();
        let url = app.url("/api/sign_in");
        let origin = app.address.clone();
        async move {
            let response = client
                .post(url)
                .header("accept", "text/html")
                .header("origin", &origin)
                .header("referer", format!("{origin}/sign-in"))
                // The client writes whatever it likes on the left; the proxy adds the right.
                .header(
                    "x-forwarded-for",
                    format!("203.0.113.{}, 198.51.100.7", n % 250),
                )
                .form(&[
                    ("email", format!("guess{n}@test.example")),
                    ("password", "not the password".to_owned()),
                    ("next", "/".to_owned()),
                ])
                .send()
                .await
                .expect("answers");
            let back = location(&response).expect("sent back to the form");
            client
                .get(back)
                .send()
                .await
                .expect("answers")
                .text()
                .await
                .unwrap_or_default()
        }
    };
    for n in 0..50 {
        let page = attempt(n).await;
        assert!(
            page.contains("The e-mail address or password is not right"),
            "attempt {n}: {page}"
        );
    }
    let page = attempt(50).await;
    assert!(page.contains("Too many sign-in attempts"), "{page}");
    assert_eq!(counted(&app, "address:198.51.100.7").await, 51);
}
