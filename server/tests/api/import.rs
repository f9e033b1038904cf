//! Staff import: preview before anything changes, every bad row named, all or nothing,
//! idempotent, leavers offered and never silently marked, the files trusts really send, and
//! only administrators.

use crate::common::*;
use app::db::entities::{org_change, person};
use app::db::people::import;
use app::error::AppError;
use sea_orm::{ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter};

fn now() -> chrono::DateTime<chrono::Utc> {
    chrono::Utc::now()
}

const HEADINGS: &str = "Employee No,First Name,Surname,Work Email,School,Job Title,Staff Category,Line Manager Email,Leaving Date\n";

/// The test trust as its HR system would export it, plus two new people (one managing the
/// other) and Sam promoted.
fn good_file() -> String {
    format!(
        "{HEADINGS}\
         A1,Ada,Admin,admin@test.example,Central trust team,Head of Systems,Enabling,,\n\
         H1,Hari,Human,hr@test.example,Central,HR Business Partner,Enabling,,\n\
         M1,Mina,Manager,manager@test.example,Ashgrove,Assistant Principal,Leading,head@test.example,\n\
         S1,Sam,Staff,staff@test.example,Ashgrove,Head of Year 4,Delivering,manager@test.example,\n\
         P1,Pat,Lead,pdlead@test.example,Kingsmead Academy,Assistant Principal,Leading,,\n\
         O1,Olu,Other,other@test.example,Kingsmead Academy,Teacher of Music,Delivering,pdlead@test.example,\n\
         HH,Hana,Head,head@test.example,Ashgrove,Principal,Leading,,\n\
         PA,Paz,Ashgrove,homepd@test.example,Ashgrove,Professional Development Lead,Leading,head@test.example,\n\
         N1,Nia,New,nia@test.example,Kingsmead,Head of Science,Leading,pdlead@test.example,\n\
         N2,Ned,Newer,ned@test.example,Kingsmead,Teacher of Science,Delivering,nia@test.example,\n"
    )
}

async fn count_people(app: &TestApp) -> u64 {
    person::Entity::find().count(&app.db).await.expect("count")
}

async fn trail_rows(app: &TestApp) -> u64 {
    org_change::Entity::find()
        .count(&app.db)
        .await
        .expect("count")
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_file_is_previewed_then_applied_whole_and_applying_it_again_changes_nothing() {
    let app = TestApp::spawn().await;
    let admin = user(&app, ADMIN).await;
    let before = count_people(&app).await;
    let id = import::upload(&app.db, &admin, "staff.csv", good_file().as_bytes(), now())
        .await
        .expect("uploads");
    let preview = import::preview(&app.db, &admin, id, now())
        .await
        .expect("preview");
    assert_eq!(preview.problems, vec![]);
    assert_eq!(preview.add_count, 2);
    assert_eq!(
        preview.change_count, 8,
        "every employee number is new, and Sam's title"
    );
    let sam = preview
        .changes
        .iter()
        .find(|c| c.name == "Sam Staff")
        .expect("Sam changes");
    assert!(
        sam.changes.iter().any(|c| c.field == "Job title"
            && c.from == "Class Teacher"
            && c.to == "Head of Year 4")
    );
    assert_eq!(preview.missing_count, 0);
    assert_eq!(
        count_people(&app).await,
        before,
        "a preview changes nothing"
    );

    let applied = import::apply(&app.db, &admin, id, import::Options::default(), now())
        .await
        .expect("applies");
    assert_eq!((applied.added, applied.changed, applied.left), (2, 8, 0));
    let ned = person::Entity::find()
        .filter(person::Column::Email.eq("ned@test.example"))
        .one(&app.db)
        .await
        .expect("query")
        .expect("Ned is added");
    let nia = person::Entity::find()
        .filter(person::Column::Email.eq("nia@test.example"))
        .one(&app.db)
        .await
        .expect("query")
        .expect("Nia is added");
    assert_eq!(
        ned.line_manager_id,
        Some(nia.id),
        "managed by someone the same file added"
    );
    assert_eq!(ned.academy_id, Some(2));

    // The same file again: nothing to do, and applying it writes nothing.
    let trail = trail_rows(&app).await;
    let again = import::upload(&app.db, &admin, "staff.csv", good_file().as_bytes(), now())
        .await
        .expect("uploads again");
    let preview = import::preview(&app.db, &admin, again, now())
        .await
        .expect("preview");
    assert_eq!(
        (
            preview.add_count,
            preview.change_count,
            preview.leaver_count
        ),
        (0, 0, 0)
    );
    assert_eq!(preview.unchanged, 10);
    import::apply(&app.db, &admin, again, import::Options::default(), now())
        .await
        .expect("applies");
    assert_eq!(
        trail_rows(&app).await,
        trail,
        "the second time changes nothing"
    );
    assert_eq!(count_people(&app).await, before + 2);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_bad_row_is_named_and_nothing_is_applied_until_all_are_right() {
    let app = TestApp::spawn().await;
    let admin = user(&app, ADMIN).await;
    let file = format!(
        "{HEADINGS}\
         X1,Una,Known,una@test.example,Atlantis Academy,Teacher,Delivering,,\n\
         X2,Dee,Double,una@test.example,Ashgrove,Teacher,Delivering,,\n\
         X3,Gus,Ghost,gus@test.example,Ashgrove,Teacher,Delivering,ghost@test.example,\n\
         X4,Ida,Date,ida@test.example,Ashgrove,Teacher,Delivering,,31/02/2026\n\
         HH,Hana,Head,head@test.example,Ashgrove,Principal,Leading,staff@test.example,\n\
         X5,Val,Valid,val@test.example,Ashgrove,Teacher,Delivering,,\n"
    );
    let before = count_people(&app).await;
    let id = import::upload(&app.db, &admin, "staff.csv", file.as_bytes(), now())
        .await
        .expect("uploads");
    let preview = import::preview(&app.db, &admin, id, now())
        .await
        .expect("preview");
    let rows: Vec<usize> = preview.problems.iter().map(|p| p.row).collect();
    assert_eq!(rows, [2, 3, 4, 5, 6], "{:?}", preview.problems);
    let text: Vec<&str> = preview
        .problems
        .iter()
        .map(|p| p.message.as_str())
        .collect();
    assert!(text[0].starts_with("Unknown academy “Atlantis Academy”"));
    assert_eq!(
        text[1],
        "The e-mail address una@test.example is also on row 2"
    );
    assert_eq!(
        text[2],
        "Line manager “ghost@test.example” is not in the file or in Waymark"
    );
    assert!(text[3].contains("“31/02/2026” is not a date"));
    assert!(text[4].contains("line management loop"), "{}", text[4]);
    let refused = import::apply(&app.db, &admin, id, import::Options::default(), now())
        .await
        .unwrap_err();
    assert!(matches!(refused, AppError::Conflict(m) if m.contains("5 problems")));
    assert_eq!(
        count_people(&app).await,
        before,
        "not even the good row was added"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn people_missing_from_a_full_file_are_only_offered_as_leavers_and_a_leaving_date_signs_them_out()
 {
    let app = TestApp::spawn().await;
    let admin = user(&app, ADMIN).await;
    let manager = app.signed_in(MANAGER).await;
    // Olu and Paz are missing; Mina's leaving date has come.
    let file = format!(
        "{HEADINGS}\
         A1,Ada,Admin,admin@test.example,Central trust team,Head of Systems,Enabling,,\n\
         H1,Hari,Human,hr@test.example,Central,HR Business Partner,Enabling,,\n\
         M1,Mina,Manager,manager@test.example,Ashgrove,Assistant Principal,Leading,head@test.example,{}\n\
         S1,Sam,Staff,staff@test.example,Ashgrove,Class Teacher,Delivering,head@test.example,\n\
         P1,Pat,Lead,pdlead@test.example,Kingsmead Academy,Assistant Principal,Leading,,\n\
         HH,Hana,Head,head@test.example,Ashgrove,Principal,Leading,,\n",
        now().date_naive().format("%d/%m/%Y")
    );
    let id = import::upload(&app.db, &admin, "staff.csv", file.as_bytes(), now())
        .await
        .expect("uploads");
    let preview = import::preview(&app.db, &admin, id, now())
        .await
        .expect("preview");
    assert_eq!(preview.problems, vec![]);
    assert_eq!(preview.leaver_count, 1);
    let missing: Vec<&str> = preview.missing.iter().map(|m| m.name.as_str()).collect();
    assert_eq!(missing, ["Olu Other", "Paz Ashgrove"]);
    import::apply(&app.db, &admin, id, import::Options::default(), now())
        .await
        .expect("applies");
    let status = |email: &'static str| {
        let db = app.db.clone();
        async move {
            person::Entity::find()
                .filter(person::Column::Email.eq(email))
                .one(&db)
                .await
                .expect("query")
                .expect("person")
                .status
        }
    };
    assert_eq!(status(MANAGER).await, "left");
    assert_eq!(
        status(OTHER_ACADEMY_TEACHER).await,
        "active",
        "not marked unless asked"
    );
    assert_eq!(
        app.get(&manager, "/").await.0,
        303,
        "the leaver is signed out at once"
    );

    // Asked: the missing are marked as leavers too.
    let again = import::upload(&app.db, &admin, "staff.csv", file.as_bytes(), now())
        .await
        .expect("uploads");
    import::apply(
        &app.db,
        &admin,
        again,
        import::Options {
            missing_leave: true,
            invite_new: false,
        },
        now(),
    )
    .await
    .expect("applies");
    assert_eq!(status(OTHER_ACADEMY_TEACHER).await, "left");
    assert_eq!(status(HOME_PD_LEAD).await, "left");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn windows_files_with_semicolons_and_a_byte_order_mark_read_as_written() {
    let app = TestApp::spawn().await;
    let admin = user(&app, ADMIN).await;
    // Windows-1252: "Zoë Brûlé" with one byte for each accented letter.
    let mut file = b"Email;Name;School;Post;Category\r\n".to_vec();
    file.extend_from_slice(b"zoe@test.example;Zo\xEB Br\xFBl\xE9;Kingsmead;\"Teacher,\r\nFrench\";Delivering\r\n;;;;\r\n");
    let id = import::upload(&app.db, &admin, "export.csv", &file, now())
        .await
        .expect("uploads");
    let preview = import::preview(&app.db, &admin, id, now())
        .await
        .expect("preview");
    assert_eq!(preview.problems, vec![]);
    assert_eq!(preview.adds[0].name, "Zoë Brûlé");
    assert!(preview.adds[0].detail.contains("Teacher, French"));

    let mut utf8 = b"\xEF\xBB\xBF".to_vec();
    utf8.extend_from_slice(
        "Email,Name,School,Post,Category\nzia@test.example,Zia Ünal,Ashgrove,Teacher,Supporting\n"
            .as_bytes(),
    );
    let id = import::upload(&app.db, &admin, "utf8.csv", &utf8, now())
        .await
        .expect("uploads");
    let preview = import::preview(&app.db, &admin, id, now())
        .await
        .expect("preview");
    assert_eq!(preview.adds[0].name, "Zia Ünal");
    assert_eq!(
        preview
            .mapping
            .iter()
            .filter(|c| c.heading.is_some())
            .count(),
        5
    );

    let err = import::upload(&app.db, &admin, "empty.csv", b"", now())
        .await
        .unwrap_err();
    assert!(matches!(err, AppError::Validation(e) if e[0].message.contains("empty")));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_column_mapping_is_chosen_once_and_remembered_for_the_next_file() {
    let app = TestApp::spawn().await;
    let admin = user(&app, ADMIN).await;
    let file = "Mail,Who,Where,What,Kind\nzed@test.example,Zed Zee,Ashgrove,Teacher,Delivering\n";
    let id = import::upload(&app.db, &admin, "odd.csv", file.as_bytes(), now())
        .await
        .expect("uploads");
    let preview = import::preview(&app.db, &admin, id, now())
        .await
        .expect("preview");
    assert!(
        preview.problems.iter().all(|p| p.row == 1),
        "the headings are not recognised"
    );
    let choices = [
        ("email", "Mail"),
        ("full_name", "Who"),
        ("academy", "Where"),
        ("job_title", "What"),
        ("role_category", "Kind"),
    ]
    .into_iter()
    .map(|(c, h)| (c.to_owned(), h.to_owned()))
    .collect();
    import::set_mapping(&app.db, &admin, id, &choices)
        .await
        .expect("maps");
    let preview = import::preview(&app.db, &admin, id, now())
        .await
        .expect("preview");
    assert_eq!(preview.problems, vec![]);
    assert_eq!(preview.add_count, 1);
    // A heading the file does not have is refused.
    let bad = [("email".to_owned(), "Nope".to_owned())]
        .into_iter()
        .collect();
    assert!(
        import::set_mapping(&app.db, &admin, id, &bad)
            .await
            .is_err()
    );
    // The next file starts from the mapping chosen.
    let next = import::upload(&app.db, &admin, "odd2.csv", file.as_bytes(), now())
        .await
        .expect("uploads");
    let preview = import::preview(&app.db, &admin, next, now())
        .await
        .expect("preview");
    assert_eq!(preview.problems, vec![]);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn only_administrators_import_and_the_command_line_does_the_same() {
    let app = TestApp::spawn().await;
    for who in [HR, MANAGER, STAFF] {
        let actor = user(&app, who).await;
        assert!(matches!(
            import::upload(&app.db, &actor, "staff.csv", good_file().as_bytes(), now()).await,
            Err(AppError::Forbidden)
        ));
    }
    let admin = user(&app, ADMIN).await;
    let id = import::upload(&app.db, &admin, "staff.csv", good_file().as_bytes(), now())
        .await
        .expect("uploads");
    let hr = user(&app, HR).await;
    assert!(matches!(
        import::preview(&app.db, &hr, id, now()).await,
        Err(AppError::Forbidden)
    ));
    assert!(matches!(
        import::apply(&app.db, &hr, id, import::Options::default(), now()).await,
        Err(AppError::Forbidden)
    ));

    // `waymark import-staff FILE --as EMAIL --apply`.
    let path = app.files_dir.join("staff.csv");
    std::fs::create_dir_all(&app.files_dir).expect("dir");
    std::fs::write(&path, good_file()).expect("writes");
    let request = server::import_staff::Request {
        file: path.to_string_lossy().into_owned(),
        actor: ADMIN.to_owned(),
        apply: false,
        leavers: false,
        invite: false,
    };
    let mailer =
        app::mail::Mailer::new(None, "Waymark <w@test.example>", "http://x").expect("mailer");
    let before = count_people(&app).await;
    server::import_staff::run(&app.db, &mailer, &request)
        .await
        .expect("previews");
    assert_eq!(
        count_people(&app).await,
        before,
        "without --apply nothing changes"
    );
    let apply = server::import_staff::Request {
        apply: true,
        ..request.clone()
    };
    server::import_staff::run(&app.db, &mailer, &apply)
        .await
        .expect("applies");
    assert_eq!(count_people(&app).await, before + 2);
    let as_hr = server::import_staff::Request {
        actor: HR.to_owned(),
        ..apply
    };
    assert!(
        server::import_staff::run(&app.db, &mailer, &as_hr)
            .await
            .is_err()
    );
}
