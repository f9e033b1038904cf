//! `waymark [serve | migrate | demo [--if-empty] | backup DIR | restore DIR | import-staff FILE
//! --as EMAIL [--apply]]`: the
//! Waymark server and its tasks.

use server::{Application, Settings, demo, startup};
use std::process::ExitCode;

const USAGE: &str = "\
Usage: waymark [COMMAND]

Commands:
  serve              Apply migrations and serve the app (the default)
  migrate            Apply database migrations, then exit
  demo [--if-empty]  Seed the demo trust into an empty database, then exit.
                     With --if-empty, a database that already has people is left alone.
  backup DIR         Copy the database, the supporting files and the badge key into DIR
                     (new or empty), consistently, while the server runs
  restore DIR        Bring a backup back into an empty database, files folder and key file
  import-staff FILE --as EMAIL [--apply] [--leavers] [--invite]
                     Preview importing a staff CSV file (as the administrator EMAIL);
                     with --apply, apply it. --leavers also marks people missing from the
                     file as leavers; --invite e-mails each person added an invitation.

Configuration comes from the environment: DATABASE_URL, LEPTOS_SITE_ADDR,
WAYMARK_SECURE_COOKIES, WAYMARK_TRUST_PROXY, RUST_LOG (see README.md).";

/// A faster allocator than the system's for a server's many small, short-lived allocations.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

#[tokio::main]
async fn main() -> ExitCode {
    tracing_subscriber::fmt()
        .with_env_filter(
            tracing_subscriber::EnvFilter::try_from_default_env()
                .unwrap_or_else(|_| "info,sqlx=warn,sea_orm=warn".into()),
        )
        .init();

    let args: Vec<String> = std::env::args().skip(1).collect();
    let settings = match Settings::from_env() {
        Ok(settings) => settings,
        Err(err) => {
            eprintln!("waymark: {err}");
            return ExitCode::FAILURE;
        }
    };
    let result = match args.first().map(String::as_str) {
        None | Some("serve") => serve(settings).await,
        Some("migrate") => migrate(&settings).await,
        Some("demo") => seed_demo(&settings, args.iter().any(|a| a == "--if-empty")).await,
        Some("import-staff") => import_staff(&settings, &args[1..]).await,
        Some(command @ ("backup" | "restore")) => match args.get(1) {
            Some(dir) => backup_or_restore(&settings, command, dir).await,
            None => Err(anyhow::anyhow!("{command} needs a folder\n\n{USAGE}")),
        },
        Some("-h" | "--help" | "help") => {
            println!("{USAGE}");
            Ok(())
        }
        Some(other) => Err(anyhow::anyhow!("unknown command {other:?}\n\n{USAGE}")),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(err) => {
            eprintln!("waymark: {err:#}");
            ExitCode::FAILURE
        }
    }
}

async fn serve(settings: Settings) -> anyhow::Result<()> {
    let app = Application::build(settings).await?;
    tracing::info!("Waymark is listening on http://{}", app.address()?);
    app.run().await?;
    Ok(())
}

async fn migrate(settings: &Settings) -> anyhow::Result<()> {
    use migrations::{Migrator, MigratorTrait};
    let db = startup::connect(&settings.database_url).await?;
    Migrator::up(&db, None).await?;
    println!("Migrations applied.");
    Ok(())
}

async fn import_staff(settings: &Settings, args: &[String]) -> anyhow::Result<()> {
    use migrations::{Migrator, MigratorTrait};
    let request = server::import_staff::Request::parse(args)
        .map_err(|e| anyhow::anyhow!("{e}\n\n{USAGE}"))?;
    let db = startup::connect(&settings.database_url).await?;
    Migrator::up(&db, None).await?;
    let mailer = app::mail::Mailer::new(
        settings.smtp_url.as_ref().map(|s| s.0.as_str()),
        &settings.mail_from,
        &settings.base_url,
    )
    .map_err(|e| anyhow::anyhow!("{e}"))?;
    server::import_staff::run(&db, &mailer, &request).await
}

async fn backup_or_restore(settings: &Settings, command: &str, dir: &str) -> anyhow::Result<()> {
    let dir = std::path::Path::new(dir);
    let manifest = if command == "backup" {
        server::backup::backup(settings, dir).await?
    } else {
        server::backup::restore(settings, dir).await?
    };
    let done = if command == "backup" {
        "Backed up"
    } else {
        "Restored"
    };
    println!(
        "{done}: the {} database (taken {}), {} supporting files ({} missing), {}.",
        manifest.database,
        manifest.taken_at,
        manifest.files_named,
        manifest.files_missing,
        if manifest.key {
            "the badge key"
        } else {
            "no badge key yet"
        }
    );
    Ok(())
}

async fn seed_demo(settings: &Settings, if_empty: bool) -> anyhow::Result<()> {
    use migrations::{Migrator, MigratorTrait};
    let db = startup::connect(&settings.database_url).await?;
    Migrator::up(&db, None).await?;
    let started = std::time::Instant::now();
    match demo::seed(&db).await {
        Ok(summary) => println!(
            "Seeded the demo trust: {} academies, {} people, {} evidence entries, in {:.1} s.",
            summary.academies,
            summary.people,
            summary.entries,
            started.elapsed().as_secs_f64()
        ),
        Err(demo::DemoError::NotEmpty(n)) if if_empty => {
            println!("The database already has {n} people; leaving it as it is.");
        }
        Err(err) => return Err(err.into()),
    }
    println!("\nDemo sign-ins (password: {}):", demo::DEMO_PASSWORD);
    for (email, role) in demo::DEMO_SIGN_INS {
        println!("  {email:<24} {role}");
    }
    println!(
        "\nOpen http://{} in your browser.",
        settings.leptos.site_addr
    );
    Ok(())
}
