//! The draft's pathways: a named set of elements with a target level each.

use super::{Direction, EditError, clean_markdown, fail_on, line, markdown, shift};
use crate::framework::{FrameworkDocument, MAX_NAME, PathwayDoc, TargetDoc};
use crate::input::FieldError;
use crate::org::RoleCategory;

/// What a pathway form sends.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PathwayFields {
    pub name: String,
    pub description: String,
    /// The role categories it is meant for (none: everyone).
    pub role_categories: Vec<RoleCategory>,
    pub targets: Vec<TargetDoc>,
}

impl FrameworkDocument {
    /// Saves a pathway; its targets are kept once per element, in framework order.
    pub(super) fn save_pathway(
        &mut self,
        id: Option<String>,
        fields: PathwayFields,
        new_id: impl FnOnce() -> String,
    ) -> Result<Option<String>, EditError> {
        let PathwayFields {
            name,
            description,
            mut role_categories,
            mut targets,
        } = fields;
        let mut errors = Vec::new();
        line(&mut errors, "name", "the pathway's name", &name, MAX_NAME);
        markdown(&mut errors, "description", "the description", &description);
        errors.extend(self.target_problems(&targets));
        fail_on(errors)?;
        targets.dedup_by(|a, b| a.element == b.element);
        let order: Vec<String> = self.elements().map(|e| e.code.clone()).collect();
        targets.sort_by_key(|t| order.iter().position(|c| *c == t.element));
        role_categories.sort_by_key(|c| RoleCategory::ALL.iter().position(|a| a == c));
        role_categories.dedup();
        let (name, description) = (name.trim().to_owned(), clean_markdown(&description));
        match id {
            Some(id) => {
                let i = self.pathway_index(&id).ok_or(EditError::NotFound)?;
                let pathway = &mut self.pathways[i];
                pathway.name = name;
                pathway.description = description;
                pathway.role_categories = role_categories;
                pathway.targets = targets;
                Ok(Some(id))
            }
            None => {
                let id = new_id();
                self.pathways.push(PathwayDoc {
                    id: Some(id.clone()),
                    name,
                    description,
                    role_categories,
                    targets,
                });
                Ok(Some(id))
            }
        }
    }

    /// What is wrong with a pathway's targets: none at all, an element that is not in this
    /// draft, or a level it does not have.
    fn target_problems(&self, targets: &[TargetDoc]) -> Vec<FieldError> {
        let mut errors = Vec::new();
        let level_count = self.level_count();
        if targets.is_empty() {
            errors.push(FieldError::new(
                "targets",
                "Choose a target level for at least one element",
            ));
        }
        for target in targets {
            if !self.elements().any(|e| e.code == target.element) {
                errors.push(FieldError::new(
                    "targets",
                    format!("There is no element {} in this draft", target.element),
                ));
            } else if target.level == 0 || target.level > level_count {
                errors.push(FieldError::new(
                    &format!("target-{}", target.element),
                    format!("Choose one of the {level_count} levels"),
                ));
            }
        }
        errors
    }

    pub(super) fn remove_pathway(&mut self, id: &str) -> Result<Option<String>, EditError> {
        let i = self.pathway_index(id).ok_or(EditError::NotFound)?;
        self.pathways.remove(i);
        Ok(None)
    }

    pub(super) fn move_pathway(
        &mut self,
        id: String,
        direction: Direction,
    ) -> Result<Option<String>, EditError> {
        let i = self.pathway_index(&id).ok_or(EditError::NotFound)?;
        shift(&mut self.pathways, i, direction);
        Ok(Some(id))
    }
}
