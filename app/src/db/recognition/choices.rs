//! What a milestone can refer to — the published framework's levels, strands, elements and
//! pathways, and the activity types staff record — and naming those references in a sentence.

use crate::db::entities::activity_type;
use crate::db::framework::{load_document, published_version};
use crate::error::AppError;
use crate::model::RuleChoices;
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder};

/// Everything a rule's form can choose from.
pub(super) async fn choices(db: &impl ConnectionTrait) -> Result<RuleChoices, AppError> {
    let mut choices = RuleChoices {
        activity_types: activity_type::Entity::find()
            .filter(activity_type::Column::Active.eq(true))
            .order_by_asc(activity_type::Column::Position)
            .all(db)
            .await?
            .into_iter()
            .map(|t| (crate::domain::ActivityTypeId(t.id), t.name))
            .collect(),
        ..RuleChoices::default()
    };
    if let Some(version) = published_version(db).await? {
        let doc = load_document(db, &version).await?;
        choices.levels = doc.levels.iter().map(|l| l.name.clone()).collect();
        choices.strands = doc
            .strands
            .iter()
            .filter_map(|s| Some((s.id.clone()?, s.name.clone())))
            .collect();
        choices.elements = doc
            .elements()
            .filter_map(|e| Some((e.id.clone()?, format!("{} {}", e.code, e.title))))
            .collect();
        choices.pathways = doc
            .pathways
            .iter()
            .filter_map(|p| Some((p.id.clone()?, p.name.clone())))
            .collect();
    }
    Ok(choices)
}

/// What a rule refers to, by name: a strand, an element, an activity type or a pathway.
pub(super) fn namer(choices: &RuleChoices) -> impl Fn(&str) -> String + '_ {
    move |key: &str| {
        let found = choices
            .strands
            .iter()
            .chain(&choices.elements)
            .chain(&choices.pathways)
            .find(|(id, _)| id == key)
            .map(|(_, name)| name.clone())
            .or_else(|| {
                choices
                    .activity_types
                    .iter()
                    .find(|(id, _)| id.to_string() == key)
                    .map(|(_, name)| name.clone())
            });
        found.unwrap_or_else(|| "something no longer in the framework".to_owned())
    }
}
