//! Editing a draft framework: every change an administrator can make, as a pure operation on
//! the version's document, checked field by field so each message can sit next to its field.

use crate::framework::{
    DescriptorDoc, ElementDoc, FrameworkDocument, LevelDoc, MAX_MARKDOWN, StrandDoc, TargetDoc,
};
use crate::input::FieldError;
use crate::org::RoleCategory;
use serde::{Deserialize, Serialize};

mod elements;
mod pathways;
mod structure;

pub use pathways::PathwayFields;

/// Which way to move an item within its list.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Direction {
    Up,
    Down,
}

/// What an element form sends.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ElementFields {
    /// The identifier of the strand the element belongs in.
    pub strand: String,
    pub code: String,
    pub title: String,
    pub summary: String,
    pub description: String,
    /// Only non-empty bodies: an empty box removes that descriptor.
    pub descriptors: Vec<DescriptorDoc>,
}

/// One change to a draft. `id: None` on a `Save…` adds a new item.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Edit {
    Details {
        name: String,
        description: String,
    },
    SaveLevel {
        id: Option<String>,
        name: String,
        description: String,
    },
    RemoveLevel {
        id: String,
    },
    MoveLevel {
        id: String,
        direction: Direction,
    },
    SaveStrand {
        id: Option<String>,
        name: String,
        description: String,
    },
    RemoveStrand {
        id: String,
    },
    MoveStrand {
        id: String,
        direction: Direction,
    },
    SaveElement {
        id: Option<String>,
        fields: ElementFields,
    },
    RemoveElement {
        id: String,
    },
    MoveElement {
        id: String,
        direction: Direction,
    },
    SavePathway {
        id: Option<String>,
        name: String,
        description: String,
        role_categories: Vec<RoleCategory>,
        targets: Vec<TargetDoc>,
    },
    RemovePathway {
        id: String,
    },
    MovePathway {
        id: String,
        direction: Direction,
    },
}

/// Why an edit was refused. Nothing in the document changes when it is.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum EditError {
    /// The item named by the edit is not in this version.
    NotFound,
    /// Messages for the form's fields.
    Fields(Vec<FieldError>),
}

fn one(field: &str, message: impl Into<String>) -> EditError {
    EditError::Fields(vec![FieldError::new(field, message)])
}

/// Checks a one-line field: present, short, no control characters.
fn line(errors: &mut Vec<FieldError>, field: &str, label: &str, value: &str, max: usize) {
    if value.trim().is_empty() {
        errors.push(FieldError::new(field, format!("Enter {label}")));
    } else if value.chars().count() > max {
        errors.push(FieldError::new(
            field,
            format!("{} must be {max} characters or fewer", capitalise(label)),
        ));
    } else if value.chars().any(char::is_control) {
        errors.push(FieldError::new(
            field,
            format!("{} must be a single line", capitalise(label)),
        ));
    }
}

/// Checks a Markdown field's length.
fn markdown(errors: &mut Vec<FieldError>, field: &str, label: &str, value: &str) {
    if value.chars().count() > MAX_MARKDOWN {
        errors.push(FieldError::new(
            field,
            format!(
                "{} must be {MAX_MARKDOWN} characters or fewer",
                capitalise(label)
            ),
        ));
    }
}

fn capitalise(label: &str) -> String {
    let mut chars = label.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// The form field of one descriptor box: `descriptor-2-all` or `descriptor-2-enabling`.
pub fn descriptor_field(level: u32, category: Option<RoleCategory>) -> String {
    format!(
        "descriptor-{level}-{}",
        category.map_or("all", RoleCategory::code)
    )
}

/// Normalises Markdown from a form: browsers send CRLF line ends.
pub fn clean_markdown(text: &str) -> String {
    text.replace("\r\n", "\n").trim().to_owned()
}

/// Moves the item at `index` one place; `false` when it is already at that end.
fn shift<T>(items: &mut [T], index: usize, direction: Direction) -> bool {
    match direction {
        Direction::Up if index > 0 => {
            items.swap(index, index - 1);
            true
        }
        Direction::Down if index + 1 < items.len() => {
            items.swap(index, index + 1);
            true
        }
        _ => false,
    }
}

impl FrameworkDocument {
    /// Where a trust with no framework yet starts: four levels of reach, three empty strands.
    pub fn outline() -> Self {
        let named = |name: &str, description: &str| (name.to_owned(), description.to_owned());
        FrameworkDocument {
            format: crate::framework::DOCUMENT_FORMAT.to_owned(),
            id: None,
            name: "Leadership framework".to_owned(),
            description: String::new(),
            levels: [
                named("Own practice", "Leads their own work well."),
                named("Team", "Leads with and through a team."),
                named("Academy", "Shapes practice across an academy."),
                named("Trust", "Shapes practice across the trust."),
            ]
            .into_iter()
            .map(|(name, description)| LevelDoc {
                id: None,
                name,
                description,
            })
            .collect(),
            strands: ["Attitudes", "Behaviours", "Skills"]
                .into_iter()
                .map(|name| StrandDoc {
                    id: None,
                    name: name.to_owned(),
                    description: String::new(),
                    elements: Vec::new(),
                })
                .collect(),
            pathways: Vec::new(),
        }
    }

    fn level_index(&self, id: &str) -> Option<usize> {
        self.levels.iter().position(|l| l.id.as_deref() == Some(id))
    }

    fn strand_index(&self, id: &str) -> Option<usize> {
        self.strands
            .iter()
            .position(|s| s.id.as_deref() == Some(id))
    }

    /// (strand index, element index) of an element.
    fn element_index(&self, id: &str) -> Option<(usize, usize)> {
        self.strands.iter().enumerate().find_map(|(s, strand)| {
            strand
                .elements
                .iter()
                .position(|e| e.id.as_deref() == Some(id))
                .map(|e| (s, e))
        })
    }

    fn pathway_index(&self, id: &str) -> Option<usize> {
        self.pathways
            .iter()
            .position(|p| p.id.as_deref() == Some(id))
    }

    /// Every element in framework order.
    pub fn elements(&self) -> impl Iterator<Item = &ElementDoc> {
        self.strands.iter().flat_map(|s| s.elements.iter())
    }

    /// Applies one edit. Returns the identifier of the item saved (new items get `new_id()`),
    /// or why it was refused, leaving the document as it was.
    pub fn apply(
        &mut self,
        edit: Edit,
        new_id: impl FnOnce() -> String,
    ) -> Result<Option<String>, EditError> {
        match edit {
            Edit::Details { name, description } => self.save_details(name, description),
            Edit::SaveLevel {
                id,
                name,
                description,
            } => self.save_level(id, name, description, new_id),
            Edit::RemoveLevel { id } => self.remove_level(&id),
            Edit::MoveLevel { id, direction } => self.move_level(id, direction),
            Edit::SaveStrand {
                id,
                name,
                description,
            } => self.save_strand(id, name, description, new_id),
            Edit::RemoveStrand { id } => self.remove_strand(&id),
            Edit::MoveStrand { id, direction } => self.move_strand(id, direction),
            Edit::SaveElement { id, fields } => self.save_element(id, fields, new_id),
            Edit::RemoveElement { id } => self.remove_element(&id),
            Edit::MoveElement { id, direction } => self.move_element(id, direction),
            Edit::SavePathway {
                id,
                name,
                description,
                role_categories,
                targets,
            } => {
                let pathway = PathwayFields {
                    name,
                    description,
                    role_categories,
                    targets,
                };
                self.save_pathway(id, pathway, new_id)
            }
            Edit::RemovePathway { id } => self.remove_pathway(&id),
            Edit::MovePathway { id, direction } => self.move_pathway(id, direction),
        }
    }
}

fn fail_on(errors: Vec<FieldError>) -> Result<(), EditError> {
    if errors.is_empty() {
        Ok(())
    } else {
        Err(EditError::Fields(errors))
    }
}

#[cfg(test)]
mod tests;
