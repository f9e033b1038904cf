//! The demo framework: the published 2025 version, and a 2026 draft open for consultation
//! with staff feedback on it.

use super::{DemoError, Plan};
use app::db::entities::{
    consultation_feedback, element, framework_version, pathway, pathway_follower,
};
use chrono::Utc;
use sea_orm::{ActiveValue::Set, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter};

pub const FRAMEWORK_JSON: &str = include_str!("framework.json");

pub(super) async fn seed_framework(
    txn: &impl ConnectionTrait,
    plan: &Plan,
    now: chrono::DateTime<Utc>,
) -> Result<(), DemoError> {
    use app::db::framework::insert_document;
    use app::domain::framework::{DescriptorDoc, ElementDoc, FrameworkDocument, VersionStatus};

    let published: FrameworkDocument =
        serde_json::from_str(FRAMEWORK_JSON).map_err(|e| DemoError::Framework(e.to_string()))?;
    let problems = published.publish_problems();
    if !problems.is_empty() {
        return Err(DemoError::Framework(format!("{problems:?}")));
    }
    let published_id = insert_document(txn, &published, VersionStatus::Published, now)
        .await
        .map_err(|e| DemoError::Framework(e.to_string()))?;

    // Next year's draft keeps the same identifiers, rewords one element and adds another.
    let doc = app::db::framework::load_document(
        txn,
        &framework_version::Entity::find_by_id(published_id)
            .one(txn)
            .await?
            .ok_or_else(|| DemoError::Framework("published version vanished".into()))?,
    )
    .await
    .map_err(|e| DemoError::Framework(e.to_string()))?;
    let mut draft = doc;
    draft.id = None;
    draft.name = "Meridian Leadership Framework 2026".into();
    if let Some(a4) = draft.strands[0]
        .elements
        .iter_mut()
        .find(|e| e.code == "A4")
    {
        a4.summary =
            "Takes shared responsibility for every pupil in every Meridian academy.".into();
    }
    draft.strands[2].elements.push(ElementDoc {
        id: None,
        code: "S6".into(),
        title: "Digital fluency".into(),
        summary: "Uses technology purposefully to improve learning and reduce workload.".into(),
        description: "Proposed for 2026 after feedback from the trust's digital think tank.".into(),
        descriptors: [
            "Uses the trust's digital tools confidently and safely in your own work.",
            "Helps your team adopt digital tools that save time or improve learning.",
            "Leads the academy's use of technology so that it serves clear priorities.",
            "Shapes the trust's digital strategy with colleagues from other academies.",
        ]
        .iter()
        .enumerate()
        .map(|(i, body)| DescriptorDoc {
            level: app::domain::framework::rank_at(i),
            role_category: None,
            body: (*body).into(),
        })
        .collect(),
    });
    let draft_id = insert_document(txn, &draft, VersionStatus::Draft, now)
        .await
        .map_err(|e| DemoError::Framework(e.to_string()))?;
    framework_version::Entity::update(framework_version::ActiveModel {
        id: Set(draft_id),
        consultation_closes_at: Set(Some(now + chrono::Duration::days(21))),
        ..Default::default()
    })
    .exec(txn)
    .await?;

    // Some consultation feedback already in.
    let elements: std::collections::HashMap<String, i64> = element::Entity::find()
        .filter(element::Column::VersionId.eq(draft_id))
        .all(txn)
        .await?
        .into_iter()
        .map(|e| (e.code, e.id))
        .collect();
    let voices = [
        (
            Some("S6"),
            "Welcome this. Could level 1 mention online safety explicitly for support staff?",
        ),
        (
            Some("S6"),
            "Please make sure this is not only about teachers: our office team lead a lot of the digital work.",
        ),
        (
            Some("A4"),
            "The new wording is clearer. \"Every pupil in every academy\" is exactly how it feels in our hub.",
        ),
        (
            Some("B4"),
            "Could the trust level give examples of what counts, such as leading a staff meeting at another academy?",
        ),
        (
            Some("A5"),
            "Good to see wellbeing here. Level 3 should mention workload of support staff too.",
        ),
        (
            None,
            "The framework reads well for my role as a site manager; the tailored descriptors help a lot.",
        ),
        (
            None,
            "Four levels is about right. Please keep the language plain.",
        ),
    ];
    feedback_rows(txn, plan, draft_id, &elements, &voices, now).await?;

    // The demo class teacher and manager already follow a pathway each.
    for (email, name) in [
        ("staff@waymark.test", "Aspiring middle leader"),
        ("manager@waymark.test", "Aspiring senior leader"),
    ] {
        let person = plan.people.iter().find(|p| p.email == email);
        let pathway = pathway::Entity::find()
            .filter(pathway::Column::VersionId.eq(published_id))
            .filter(pathway::Column::Name.eq(name))
            .one(txn)
            .await?;
        if let (Some(person), Some(pathway)) = (person, pathway) {
            pathway_follower::Entity::insert(pathway_follower::ActiveModel {
                person_id: Set(person.id),
                pathway_uuid: Set(pathway.uuid),
                followed_at: Set(now),
            })
            .exec(txn)
            .await?;
        }
    }
    Ok(())
}

async fn feedback_rows(
    txn: &impl ConnectionTrait,
    plan: &Plan,
    version_id: i64,
    elements: &std::collections::HashMap<String, i64>,
    voices: &[(Option<&str>, &str)],
    now: chrono::DateTime<Utc>,
) -> Result<(), DemoError> {
    consultation_feedback::Entity::insert_many(voices.iter().enumerate().map(
        |(i, (code, body))| {
            // A spread of people from across the trust.
            let person = &plan.people[(i * 257 + 40) % plan.people.len()];
            consultation_feedback::ActiveModel {
                version_id: Set(version_id),
                element_id: Set(code.and_then(|c| elements.get(c).copied())),
                person_id: Set(person.id),
                body: Set((*body).to_owned()),
                created_at: Set(now - chrono::Duration::hours(6 * super::id_of(i) - 5)),
                ..Default::default()
            }
        },
    ))
    .exec(txn)
    .await?;
    Ok(())
}
