//! `waymark import-staff FILE --as EMAIL [--apply] [--leavers]`: the staff import from the
//! command line, through the same code as the web page. Without `--apply` it prints the
//! preview and changes nothing; with it, it applies the file in one transaction.

use app::db::entities::person;
use app::db::people::import;
use app::domain::EmailAddress;
use app::model::ImportPreview;
use sea_orm::{ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter};
use std::fmt::Write as _;

/// What the command was asked to do.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Request {
    pub file: String,
    /// The administrator the changes are recorded against.
    pub actor: String,
    pub apply: bool,
    /// Also mark people missing from the file as leavers.
    pub leavers: bool,
    /// E-mail each person added an invitation.
    pub invite: bool,
}

impl Request {
    /// Reads `FILE --as EMAIL [--apply] [--leavers] [--invite]`, in any order.
    pub fn parse(args: &[String]) -> Result<Request, String> {
        let mut file = None;
        let mut actor = None;
        let (mut apply, mut leavers, mut invite) = (false, false, false);
        let mut args = args.iter();
        while let Some(arg) = args.next() {
            match arg.as_str() {
                "--apply" => apply = true,
                "--leavers" => leavers = true,
                "--invite" => invite = true,
                "--as" => actor = args.next().cloned(),
                other if other.starts_with("--") => return Err(format!("unknown option {other}")),
                other => file = Some(other.to_owned()),
            }
        }
        Ok(Request {
            file: file.ok_or("name the CSV file to import")?,
            actor: actor.ok_or("say which administrator is importing: --as EMAIL")?,
            apply,
            leavers,
            invite,
        })
    }
}

/// The preview in words, for a terminal.
pub fn describe(preview: &ImportPreview) -> String {
    let mut out = String::new();
    let _ = writeln!(
        out,
        "{}: {} rows of staff — {} to add, {} to change, {} leaving, {} unchanged, {} not in the file.",
        preview.file_name,
        preview.rows,
        preview.add_count,
        preview.change_count,
        preview.leaver_count,
        preview.unchanged,
        preview.missing_count,
    );
    if !preview.problems.is_empty() {
        let _ = writeln!(
            out,
            "\n{} problems to fix in the file:",
            preview.problems.len()
        );
        for p in &preview.problems {
            let _ = writeln!(out, "  row {}: {}", p.row, p.message);
        }
    }
    for c in preview.changes.iter().take(20) {
        let fields: Vec<String> = c
            .changes
            .iter()
            .map(|ch| format!("{}: {} → {}", ch.field, ch.from, ch.to))
            .collect();
        let _ = writeln!(
            out,
            "  change row {} {}: {}",
            c.row,
            c.name,
            fields.join("; ")
        );
    }
    out
}

/// Runs the import, printing what it finds and does. Fails (changing nothing) when the file
/// has problems.
pub async fn run(
    db: &DatabaseConnection,
    mailer: &app::mail::Mailer,
    request: &Request,
) -> anyhow::Result<()> {
    let bytes = std::fs::read(&request.file)
        .map_err(|e| anyhow::anyhow!("cannot read {}: {e}", request.file))?;
    let email = EmailAddress::parse(&request.actor).map_err(|e| anyhow::anyhow!("--as: {e}"))?;
    let actor = person::Entity::find()
        .filter(person::Column::Email.eq(email.as_str()))
        .one(db)
        .await?
        .ok_or_else(|| anyhow::anyhow!("nobody has the e-mail address {email}"))?;
    let user = app::db::auth::current_user(db, actor).await?;
    let now = chrono::Utc::now();
    let name = std::path::Path::new(&request.file).file_name().map_or_else(
        || request.file.clone(),
        |n| n.to_string_lossy().into_owned(),
    );
    let id = import::upload(db, &user, &name, &bytes, now)
        .await
        .map_err(plain)?;
    let preview = import::preview(db, &user, id, now).await.map_err(plain)?;
    print!("{}", describe(&preview));
    if !preview.problems.is_empty() {
        anyhow::bail!("nothing was changed: fix the rows above and run it again");
    }
    if !request.apply {
        println!("\nNothing changed yet: run again with --apply to apply it.");
        return Ok(());
    }
    let options = import::Options {
        missing_leave: request.leavers,
        invite_new: request.invite,
    };
    let applied = import::apply(db, &user, id, options, now)
        .await
        .map_err(plain)?;
    println!(
        "Applied: {} added, {} changed, {} marked as leavers, {} invited.",
        applied.added,
        applied.changed,
        applied.left,
        applied.invitations.len()
    );
    mailer.send_now(applied.invitations).await;
    Ok(())
}

/// An error as the person at the terminal should read it.
fn plain(err: app::error::AppError) -> anyhow::Error {
    match &err {
        app::error::AppError::Validation(errors) => anyhow::anyhow!(
            "{}",
            errors
                .iter()
                .map(|e| e.message.clone())
                .collect::<Vec<_>>()
                .join("; ")
        ),
        app::error::AppError::Conflict(message) => anyhow::anyhow!("{message}"),
        _ => anyhow::anyhow!("{err}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn args(list: &[&str]) -> Vec<String> {
        list.iter().map(|s| (*s).to_owned()).collect()
    }

    #[test]
    fn the_file_and_the_administrator_are_both_needed() {
        assert!(
            Request::parse(&args(&["staff.csv"]))
                .unwrap_err()
                .contains("--as")
        );
        assert!(
            Request::parse(&args(&["--as", "a@b.org"]))
                .unwrap_err()
                .contains("file")
        );
        let request =
            Request::parse(&args(&["--apply", "staff.csv", "--as", "a@b.org"])).expect("parses");
        assert_eq!(
            request,
            Request {
                file: "staff.csv".into(),
                actor: "a@b.org".into(),
                apply: true,
                leavers: false,
                invite: false
            }
        );
    }
}
