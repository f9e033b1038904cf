//! Staff consultation on a draft: the open consultation, feedback on it, and feedback grouped
//! for administrators.

use super::document::load_document;
use crate::db::entities::{consultation_feedback, element, framework_version};
use crate::domain::StrandId;
use crate::domain::framework::VersionStatus;
use crate::domain::{Action, VersionId, authorize};
use crate::error::AppError;
use crate::model::{
    ConsultationNotice, ConsultationView, CurrentUser, ElementSummary, FeedbackGroup, FeedbackItem,
    StrandSummary,
};
use chrono::{DateTime, Utc};
use sea_orm::{
    ActiveValue::Set, ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait, QueryFilter,
    QueryOrder,
};
use std::collections::{HashMap, HashSet};

/// The most feedback one person may send at once.
pub const MAX_FEEDBACK: usize = 2_000;

/// The draft open for consultation at `now`, if any.
pub async fn open_consultation(
    db: &impl ConnectionTrait,
    now: DateTime<Utc>,
) -> Result<Option<framework_version::Model>, AppError> {
    Ok(framework_version::Entity::find()
        .filter(framework_version::Column::Status.eq(VersionStatus::Draft.code()))
        .filter(framework_version::Column::ConsultationClosesAt.gt(now))
        .order_by_desc(framework_version::Column::Id)
        .one(db)
        .await?)
}

fn notice(version: &framework_version::Model) -> Option<ConsultationNotice> {
    version
        .consultation_closes_at
        .map(|closes| ConsultationNotice {
            version_id: VersionId(version.id),
            name: version.name.clone(),
            closes: crate::domain::text::day_of(closes),
        })
}

/// The notice shown on the framework page while a consultation is open.
pub async fn consultation_notice(
    db: &DatabaseConnection,
    now: DateTime<Utc>,
) -> Result<Option<ConsultationNotice>, AppError> {
    Ok(open_consultation(db, now).await?.as_ref().and_then(notice))
}

/// The open consultation as `user` sees it, or `None` when none is open.
pub async fn consultation_view(
    db: &DatabaseConnection,
    user: &CurrentUser,
    now: DateTime<Utc>,
) -> Result<Option<ConsultationView>, AppError> {
    let Some(version) = open_consultation(db, now).await? else {
        return Ok(None);
    };
    let Some(notice) = notice(&version) else {
        return Ok(None);
    };
    let doc = load_document(db, &version).await?;
    let elements = ElementLabels::load(db, version.id).await?;
    let mine = consultation_feedback::Entity::find()
        .filter(consultation_feedback::Column::VersionId.eq(version.id))
        .filter(consultation_feedback::Column::PersonId.eq(user.actor.id.0))
        .order_by_desc(consultation_feedback::Column::CreatedAt)
        .all(db)
        .await?
        .into_iter()
        .map(|f| feedback_item(&f, &elements, user.name.clone()))
        .collect();
    Ok(Some(ConsultationView {
        notice,
        strands: doc
            .strands
            .iter()
            .enumerate()
            .map(|(i, s)| StrandSummary {
                id: StrandId(i64::try_from(i).unwrap_or(i64::MAX)),
                name: s.name.clone(),
                description: s.description.clone(),
                elements: s
                    .elements
                    .iter()
                    .map(|e| ElementSummary {
                        code: e.code.clone(),
                        title: e.title.clone(),
                        summary: e.summary.clone(),
                    })
                    .collect(),
            })
            .collect(),
        element_choices: elements.0.clone(),
        mine,
        received: match authorize(&user.actor, Action::ManageFramework) {
            Ok(()) => Some(group_feedback(db, VersionId(version.id), &elements).await?),
            Err(_) => None,
        },
    }))
}

fn feedback_item(
    f: &consultation_feedback::Model,
    elements: &ElementLabels,
    from: String,
) -> FeedbackItem {
    FeedbackItem {
        about: elements.about(f.element_id),
        body: f.body.clone(),
        from,
        when: crate::domain::text::day_of(f.created_at),
    }
}

/// What feedback on no particular element is filed under.
pub const WHOLE_FRAMEWORK: &str = "The framework as a whole";

/// Records `user`'s feedback on the open consultation, about one of its elements or (with
/// no element) the whole. Refused once the consultation has closed.
pub async fn leave_feedback(
    db: &DatabaseConnection,
    user: &CurrentUser,
    version_id: VersionId,
    element_id: Option<i64>,
    body: &str,
    now: DateTime<Utc>,
) -> Result<(), AppError> {
    let version_id = version_id.0;
    let body = body.trim();
    if body.is_empty() {
        return Err(AppError::field("body", "Enter your feedback"));
    }
    if body.chars().count() > MAX_FEEDBACK {
        return Err(AppError::field(
            "body",
            format!("Feedback must be {MAX_FEEDBACK} characters or fewer"),
        ));
    }
    let version = open_consultation(db, now)
        .await?
        .filter(|v| v.id == version_id)
        .ok_or_else(|| {
            AppError::Conflict(
                "This consultation has closed, so feedback can no longer be sent.".into(),
            )
        })?;
    if let Some(id) = element_id {
        let belongs = element::Entity::find_by_id(id)
            .one(db)
            .await?
            .is_some_and(|e| e.version_id == version.id);
        if !belongs {
            return Err(AppError::field(
                "element",
                "Choose an element of this draft",
            ));
        }
    }
    consultation_feedback::Entity::insert(consultation_feedback::ActiveModel {
        version_id: Set(version.id),
        element_id: Set(element_id),
        person_id: Set(user.actor.id.0),
        body: Set(body.to_owned()),
        created_at: Set(now),
        ..Default::default()
    })
    .exec(db)
    .await?;
    Ok(())
}

/// A version's elements in framework order, named as feedback is filed ("A2 Growth and
/// curiosity").
pub struct ElementLabels(Vec<(i64, String)>);

impl ElementLabels {
    pub async fn load(db: &DatabaseConnection, version_id: i64) -> Result<Self, AppError> {
        Ok(Self(
            element::Entity::find()
                .filter(element::Column::VersionId.eq(version_id))
                .order_by_asc(element::Column::Position)
                .all(db)
                .await?
                .into_iter()
                .map(|e| (e.id, format!("{} {}", e.code, e.title)))
                .collect(),
        ))
    }

    /// What feedback on `element` (or on none) is about.
    fn about(&self, element: Option<i64>) -> String {
        element
            .and_then(|id| self.0.iter().find(|(e, _)| *e == id))
            .map(|(_, label)| label.clone())
            .unwrap_or_else(|| WHOLE_FRAMEWORK.to_owned())
    }
}

/// Everyone's feedback on a version, grouped: the whole framework first, then by element.
pub async fn group_feedback(
    db: &DatabaseConnection,
    version_id: VersionId,
    elements: &ElementLabels,
) -> Result<Vec<FeedbackGroup>, AppError> {
    let version_id = version_id.0;
    let feedback = consultation_feedback::Entity::find()
        .filter(consultation_feedback::Column::VersionId.eq(version_id))
        .order_by_asc(consultation_feedback::Column::CreatedAt)
        .all(db)
        .await?;
    let names: HashMap<i64, String> = crate::db::entities::person::Entity::find()
        .filter(
            crate::db::entities::person::Column::Id
                .is_in(feedback.iter().map(|f| f.person_id).collect::<HashSet<_>>()),
        )
        .all(db)
        .await?
        .into_iter()
        .map(|p| (p.id, p.name))
        .collect();
    let order = std::iter::once(None).chain(elements.0.iter().map(|(id, _)| Some(*id)));
    Ok(order
        .filter_map(|key| {
            let items: Vec<FeedbackItem> = feedback
                .iter()
                .filter(|f| f.element_id == key)
                .map(|f| {
                    let from = names.get(&f.person_id).cloned().unwrap_or_default();
                    feedback_item(f, elements, from)
                })
                .collect();
            (!items.is_empty()).then(|| FeedbackGroup {
                about: elements.about(key),
                items,
            })
        })
        .collect())
}
