//! Editing a draft framework: every change an administrator can make, as a pure operation on
//! the version's document, checked field by field so each message can sit next to its field.

use super::framework::{
    DescriptorDoc, ElementDoc, FrameworkDocument, LevelDoc, MAX_MARKDOWN, MAX_NAME, MAX_SUMMARY,
    PathwayDoc, StrandDoc, TargetDoc, is_valid_code, rank_at,
};
use super::input::FieldError;
use super::org::RoleCategory;
use serde::{Deserialize, Serialize};

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
            format: super::framework::DOCUMENT_FORMAT.to_owned(),
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
            Edit::Details { name, description } => {
                let mut errors = Vec::new();
                line(&mut errors, "name", "a name", &name, MAX_NAME * 2);
                markdown(&mut errors, "description", "the description", &description);
                fail_on(errors)?;
                self.name = name.trim().to_owned();
                self.description = clean_markdown(&description);
                Ok(None)
            }
            Edit::SaveLevel {
                id,
                name,
                description,
            } => {
                let mut errors = Vec::new();
                line(&mut errors, "name", "the level's name", &name, MAX_NAME);
                markdown(&mut errors, "description", "the description", &description);
                fail_on(errors)?;
                let (name, description) = (name.trim().to_owned(), clean_markdown(&description));
                match id {
                    Some(id) => {
                        let i = self.level_index(&id).ok_or(EditError::NotFound)?;
                        self.levels[i].name = name;
                        self.levels[i].description = description;
                        Ok(Some(id))
                    }
                    None => {
                        let id = new_id();
                        self.levels.push(LevelDoc {
                            id: Some(id.clone()),
                            name,
                            description,
                        });
                        Ok(Some(id))
                    }
                }
            }
            Edit::RemoveLevel { id } => {
                let i = self.level_index(&id).ok_or(EditError::NotFound)?;
                if self.levels.len() == 1 {
                    return Err(one("level", "A framework needs at least one level"));
                }
                let rank = rank_at(i);
                self.levels.remove(i);
                let renumber = |level: &mut u32| {
                    if *level > rank {
                        *level -= 1;
                    }
                };
                for element in self.strands.iter_mut().flat_map(|s| s.elements.iter_mut()) {
                    element.descriptors.retain(|d| d.level != rank);
                    element
                        .descriptors
                        .iter_mut()
                        .for_each(|d| renumber(&mut d.level));
                }
                for pathway in &mut self.pathways {
                    pathway.targets.retain(|t| t.level != rank);
                    pathway
                        .targets
                        .iter_mut()
                        .for_each(|t| renumber(&mut t.level));
                }
                Ok(None)
            }
            Edit::MoveLevel { id, direction } => {
                let i = self.level_index(&id).ok_or(EditError::NotFound)?;
                if shift(&mut self.levels, i, direction) {
                    let a = rank_at(i);
                    let b = match direction {
                        Direction::Up => a - 1,
                        Direction::Down => a + 1,
                    };
                    let swap = |level: &mut u32| {
                        if *level == a {
                            *level = b;
                        } else if *level == b {
                            *level = a;
                        }
                    };
                    for element in self.strands.iter_mut().flat_map(|s| s.elements.iter_mut()) {
                        element
                            .descriptors
                            .iter_mut()
                            .for_each(|d| swap(&mut d.level));
                        element
                            .descriptors
                            .sort_by_key(|d| (d.level, d.role_category.map(RoleCategory::code)));
                    }
                    for pathway in &mut self.pathways {
                        pathway.targets.iter_mut().for_each(|t| swap(&mut t.level));
                    }
                }
                Ok(Some(id))
            }
            Edit::SaveStrand {
                id,
                name,
                description,
            } => {
                let mut errors = Vec::new();
                line(&mut errors, "name", "the strand's name", &name, MAX_NAME);
                markdown(&mut errors, "description", "the description", &description);
                fail_on(errors)?;
                let (name, description) = (name.trim().to_owned(), clean_markdown(&description));
                match id {
                    Some(id) => {
                        let i = self.strand_index(&id).ok_or(EditError::NotFound)?;
                        self.strands[i].name = name;
                        self.strands[i].description = description;
                        Ok(Some(id))
                    }
                    None => {
                        let id = new_id();
                        self.strands.push(StrandDoc {
                            id: Some(id.clone()),
                            name,
                            description,
                            elements: Vec::new(),
                        });
                        Ok(Some(id))
                    }
                }
            }
            Edit::RemoveStrand { id } => {
                let i = self.strand_index(&id).ok_or(EditError::NotFound)?;
                if !self.strands[i].elements.is_empty() {
                    return Err(one(
                        "strand",
                        format!(
                            "{} still has elements: move or remove them first",
                            self.strands[i].name
                        ),
                    ));
                }
                if self.strands.len() == 1 {
                    return Err(one("strand", "A framework needs at least one strand"));
                }
                self.strands.remove(i);
                Ok(None)
            }
            Edit::MoveStrand { id, direction } => {
                let i = self.strand_index(&id).ok_or(EditError::NotFound)?;
                shift(&mut self.strands, i, direction);
                Ok(Some(id))
            }
            Edit::SaveElement { id, fields } => self.save_element(id, fields, new_id),
            Edit::RemoveElement { id } => {
                let (s, e) = self.element_index(&id).ok_or(EditError::NotFound)?;
                let code = self.strands[s].elements.remove(e).code;
                for pathway in &mut self.pathways {
                    pathway.targets.retain(|t| t.element != code);
                }
                Ok(None)
            }
            Edit::MoveElement { id, direction } => {
                let (s, e) = self.element_index(&id).ok_or(EditError::NotFound)?;
                shift(&mut self.strands[s].elements, e, direction);
                Ok(Some(id))
            }
            Edit::SavePathway {
                id,
                name,
                description,
                role_categories,
                targets,
            } => {
                let mut errors = Vec::new();
                line(&mut errors, "name", "the pathway's name", &name, MAX_NAME);
                markdown(&mut errors, "description", "the description", &description);
                let level_count = self.level_count();
                if targets.is_empty() {
                    errors.push(FieldError::new(
                        "targets",
                        "Choose a target level for at least one element",
                    ));
                }
                for target in &targets {
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
                fail_on(errors)?;
                let mut targets = targets;
                targets.dedup_by(|a, b| a.element == b.element);
                let order: Vec<String> = self.elements().map(|e| e.code.clone()).collect();
                targets.sort_by_key(|t| order.iter().position(|c| *c == t.element));
                let mut role_categories = role_categories;
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
            Edit::RemovePathway { id } => {
                let i = self.pathway_index(&id).ok_or(EditError::NotFound)?;
                self.pathways.remove(i);
                Ok(None)
            }
            Edit::MovePathway { id, direction } => {
                let i = self.pathway_index(&id).ok_or(EditError::NotFound)?;
                shift(&mut self.pathways, i, direction);
                Ok(Some(id))
            }
        }
    }

    fn save_element(
        &mut self,
        id: Option<String>,
        fields: ElementFields,
        new_id: impl FnOnce() -> String,
    ) -> Result<Option<String>, EditError> {
        let current = match &id {
            Some(id) => Some(self.element_index(id).ok_or(EditError::NotFound)?),
            None => None,
        };
        let mut errors = Vec::new();
        let Some(target_strand) = self.strand_index(&fields.strand) else {
            return Err(one("strand", "Choose a strand"));
        };
        let code = fields.code.trim().to_ascii_uppercase();
        if !is_valid_code(&code) {
            errors.push(FieldError::new(
                "code",
                "Enter a code of one to three capital letters and a number, like A1 or S12",
            ));
        } else if self.elements().any(|e| e.code == code && e.id != id) {
            errors.push(FieldError::new(
                "code",
                format!("Another element already has the code {code}"),
            ));
        }
        line(&mut errors, "title", "a title", &fields.title, MAX_NAME);
        line(
            &mut errors,
            "summary",
            "a one-line summary",
            &fields.summary,
            MAX_SUMMARY,
        );
        markdown(
            &mut errors,
            "description",
            "the description",
            &fields.description,
        );
        let level_count = self.level_count();
        let mut descriptors: Vec<DescriptorDoc> = Vec::new();
        for d in fields.descriptors {
            let field = descriptor_field(d.level, d.role_category);
            let body = clean_markdown(&d.body);
            if d.level == 0 || d.level > level_count {
                errors.push(FieldError::new(&field, "There is no such level"));
            } else if body.is_empty() {
                continue;
            } else if body.chars().count() > MAX_MARKDOWN {
                errors.push(FieldError::new(
                    &field,
                    format!("A descriptor must be {MAX_MARKDOWN} characters or fewer"),
                ));
            } else if descriptors
                .iter()
                .any(|e| e.level == d.level && e.role_category == d.role_category)
            {
                errors.push(FieldError::new(&field, "This descriptor was sent twice"));
            } else {
                descriptors.push(DescriptorDoc {
                    level: d.level,
                    role_category: d.role_category,
                    body,
                });
            }
        }
        fail_on(errors)?;
        descriptors.sort_by_key(|d| (d.level, d.role_category.map(RoleCategory::code)));

        let id = id.unwrap_or_else(new_id);
        let mut element = match current {
            Some((s, e)) => self.strands[s].elements.remove(e),
            None => ElementDoc {
                id: Some(id.clone()),
                code: String::new(),
                title: String::new(),
                summary: String::new(),
                description: String::new(),
                descriptors: Vec::new(),
            },
        };
        let old_code = std::mem::replace(&mut element.code, code.clone());
        element.title = fields.title.trim().to_owned();
        element.summary = fields.summary.trim().to_owned();
        element.description = clean_markdown(&fields.description);
        element.descriptors = descriptors;
        match current {
            // Stays where it was unless it changes strand, when it goes to the end of the new one.
            Some((s, e)) if s == target_strand => self.strands[s].elements.insert(e, element),
            _ => self.strands[target_strand].elements.push(element),
        }
        if !old_code.is_empty() && old_code != code {
            for target in self.pathways.iter_mut().flat_map(|p| p.targets.iter_mut()) {
                if target.element == old_code {
                    target.element = code.clone();
                }
            }
        }
        Ok(Some(id))
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
mod tests {
    use super::*;
    use crate::domain::framework::DOCUMENT_FORMAT;

    fn descriptor(level: u32, body: &str) -> DescriptorDoc {
        DescriptorDoc {
            level,
            role_category: None,
            body: body.into(),
        }
    }

    fn element(id: &str, code: &str) -> ElementDoc {
        ElementDoc {
            id: Some(id.into()),
            code: code.into(),
            title: format!("Title {code}"),
            summary: format!("Summary {code}"),
            description: String::new(),
            descriptors: vec![descriptor(1, "one"), descriptor(2, "two")],
        }
    }

    fn doc() -> FrameworkDocument {
        FrameworkDocument {
            format: DOCUMENT_FORMAT.into(),
            id: Some("v".into()),
            name: "Framework".into(),
            description: String::new(),
            levels: vec![
                LevelDoc {
                    id: Some("l1".into()),
                    name: "Own practice".into(),
                    description: String::new(),
                },
                LevelDoc {
                    id: Some("l2".into()),
                    name: "Team".into(),
                    description: String::new(),
                },
            ],
            strands: vec![
                StrandDoc {
                    id: Some("s1".into()),
                    name: "Attitudes".into(),
                    description: String::new(),
                    elements: vec![element("e1", "A1"), element("e2", "A2")],
                },
                StrandDoc {
                    id: Some("s2".into()),
                    name: "Skills".into(),
                    description: String::new(),
                    elements: vec![element("e3", "S1")],
                },
            ],
            pathways: vec![PathwayDoc {
                id: Some("p1".into()),
                name: "Aspiring leader".into(),
                description: String::new(),
                role_categories: vec![],
                targets: vec![
                    TargetDoc {
                        element: "A1".into(),
                        level: 2,
                    },
                    TargetDoc {
                        element: "S1".into(),
                        level: 1,
                    },
                ],
            }],
        }
    }

    fn fields(strand: &str, code: &str) -> ElementFields {
        ElementFields {
            strand: strand.into(),
            code: code.into(),
            title: "Coaching others".into(),
            summary: "Helps colleagues grow".into(),
            description: "Line one\r\nline two".into(),
            descriptors: vec![descriptor(1, "  first  "), descriptor(2, "")],
        }
    }

    fn no_id() -> String {
        unreachable!("no new item expected")
    }

    fn codes(d: &FrameworkDocument) -> Vec<&str> {
        d.elements().map(|e| e.code.as_str()).collect()
    }

    fn field_errors(result: Result<Option<String>, EditError>) -> Vec<String> {
        match result {
            Err(EditError::Fields(errors)) => errors.into_iter().map(|e| e.field).collect(),
            other => panic!("expected field errors, got {other:?}"),
        }
    }

    #[test]
    fn saving_an_element_changes_it_in_place_and_drops_empty_descriptors() {
        let mut d = doc();
        let saved = d.apply(
            Edit::SaveElement {
                id: Some("e1".into()),
                fields: fields("s1", "a1"),
            },
            no_id,
        );
        assert_eq!(saved, Ok(Some("e1".into())));
        let e = &d.strands[0].elements[0];
        assert_eq!(e.code, "A1", "codes are upper-cased");
        assert_eq!(e.title, "Coaching others");
        assert_eq!(e.description, "Line one\nline two");
        assert_eq!(e.descriptors, vec![descriptor(1, "first")]);
        assert!(d.problems().is_empty());
        assert!(!d.publish_problems().is_empty(), "level 2 is now missing");
    }

    #[test]
    fn a_new_element_goes_at_the_end_of_its_strand_with_a_fresh_identifier() {
        let mut d = doc();
        let saved = d.apply(
            Edit::SaveElement {
                id: None,
                fields: fields("s1", "A3"),
            },
            || "new".into(),
        );
        assert_eq!(saved, Ok(Some("new".into())));
        assert_eq!(codes(&d), ["A1", "A2", "A3", "S1"]);
    }

    #[test]
    fn an_element_cannot_take_a_code_another_element_has() {
        let mut d = doc();
        let before = d.clone();
        let result = d.apply(
            Edit::SaveElement {
                id: Some("e1".into()),
                fields: fields("s1", "A2"),
            },
            no_id,
        );
        assert_eq!(field_errors(result), ["code"]);
        assert_eq!(d, before, "nothing changes when an edit is refused");
        let result = d.apply(
            Edit::SaveElement {
                id: None,
                fields: fields("s1", "S1"),
            },
            || "new".into(),
        );
        assert_eq!(field_errors(result), ["code"]);
    }

    #[test]
    fn an_element_missing_its_title_and_summary_gets_a_message_for_each() {
        let mut d = doc();
        let mut f = fields("s1", "A1");
        f.title = " ".into();
        f.summary = String::new();
        let result = d.apply(
            Edit::SaveElement {
                id: Some("e1".into()),
                fields: f,
            },
            no_id,
        );
        assert_eq!(field_errors(result), ["title", "summary"]);
    }

    #[test]
    fn renaming_an_elements_code_follows_through_to_pathway_targets() {
        let mut d = doc();
        d.apply(
            Edit::SaveElement {
                id: Some("e1".into()),
                fields: fields("s1", "A9"),
            },
            no_id,
        )
        .unwrap();
        assert_eq!(d.pathways[0].targets[0].element, "A9");
        assert!(d.problems().is_empty());
    }

    #[test]
    fn moving_an_element_to_another_strand_puts_it_at_the_end_of_that_strand() {
        let mut d = doc();
        d.apply(
            Edit::SaveElement {
                id: Some("e1".into()),
                fields: fields("s2", "A1"),
            },
            no_id,
        )
        .unwrap();
        assert_eq!(codes(&d), ["A2", "S1", "A1"]);
    }

    #[test]
    fn removing_an_element_removes_the_pathway_targets_on_it() {
        let mut d = doc();
        d.apply(Edit::RemoveElement { id: "e1".into() }, no_id)
            .unwrap();
        assert_eq!(codes(&d), ["A2", "S1"]);
        assert_eq!(d.pathways[0].targets.len(), 1);
        assert!(d.problems().is_empty());
    }

    #[test]
    fn elements_move_up_and_down_within_their_strand_and_stop_at_the_ends() {
        let mut d = doc();
        d.apply(
            Edit::MoveElement {
                id: "e2".into(),
                direction: Direction::Up,
            },
            no_id,
        )
        .unwrap();
        assert_eq!(codes(&d), ["A2", "A1", "S1"]);
        d.apply(
            Edit::MoveElement {
                id: "e2".into(),
                direction: Direction::Up,
            },
            no_id,
        )
        .unwrap();
        assert_eq!(codes(&d), ["A2", "A1", "S1"], "already first");
        d.apply(
            Edit::MoveElement {
                id: "e3".into(),
                direction: Direction::Down,
            },
            no_id,
        )
        .unwrap();
        assert_eq!(codes(&d), ["A2", "A1", "S1"], "already last in its strand");
    }

    #[test]
    fn moving_a_level_carries_its_descriptors_and_targets_with_it() {
        let mut d = doc();
        d.apply(
            Edit::MoveLevel {
                id: "l2".into(),
                direction: Direction::Up,
            },
            no_id,
        )
        .unwrap();
        assert_eq!(d.levels[0].name, "Team");
        let e = &d.strands[0].elements[0];
        assert_eq!(
            e.descriptors,
            vec![descriptor(1, "two"), descriptor(2, "one")]
        );
        assert_eq!(d.pathways[0].targets[0].level, 1, "A1's target was Team");
        assert_eq!(d.pathways[0].targets[1].level, 2);
    }

    #[test]
    fn removing_a_level_removes_its_descriptors_and_renumbers_the_rest() {
        let mut d = doc();
        d.apply(Edit::RemoveLevel { id: "l1".into() }, no_id)
            .unwrap();
        assert_eq!(d.levels.len(), 1);
        assert_eq!(
            d.strands[0].elements[0].descriptors,
            vec![descriptor(1, "two")]
        );
        assert_eq!(
            d.pathways[0].targets,
            vec![TargetDoc {
                element: "A1".into(),
                level: 1
            }]
        );
        assert!(d.publish_problems().is_empty());
        let last = d.apply(Edit::RemoveLevel { id: "l2".into() }, no_id);
        assert_eq!(field_errors(last), ["level"], "the last level stays");
    }

    #[test]
    fn a_strand_with_elements_cannot_be_removed_but_an_empty_one_can() {
        let mut d = doc();
        let refused = d.apply(Edit::RemoveStrand { id: "s2".into() }, no_id);
        assert_eq!(field_errors(refused), ["strand"]);
        d.apply(
            Edit::SaveStrand {
                id: None,
                name: "Behaviours".into(),
                description: String::new(),
            },
            || "s3".into(),
        )
        .unwrap();
        assert_eq!(d.strands.len(), 3);
        d.apply(Edit::RemoveStrand { id: "s3".into() }, no_id)
            .unwrap();
        assert_eq!(d.strands.len(), 2);
    }

    #[test]
    fn strands_can_be_renamed_and_reordered() {
        let mut d = doc();
        d.apply(
            Edit::SaveStrand {
                id: Some("s2".into()),
                name: " Skills and knowledge ".into(),
                description: "How".into(),
            },
            no_id,
        )
        .unwrap();
        d.apply(
            Edit::MoveStrand {
                id: "s2".into(),
                direction: Direction::Up,
            },
            no_id,
        )
        .unwrap();
        assert_eq!(d.strands[0].name, "Skills and knowledge");
        assert_eq!(codes(&d), ["S1", "A1", "A2"]);
    }

    #[test]
    fn a_pathway_needs_a_name_and_at_least_one_target() {
        let mut d = doc();
        let result = d.apply(
            Edit::SavePathway {
                id: Some("p1".into()),
                name: String::new(),
                description: String::new(),
                role_categories: vec![],
                targets: vec![],
            },
            no_id,
        );
        assert_eq!(field_errors(result), ["name", "targets"]);
    }

    #[test]
    fn a_pathway_target_must_be_an_element_and_level_of_this_draft() {
        let mut d = doc();
        let result = d.apply(
            Edit::SavePathway {
                id: None,
                name: "Coach".into(),
                description: String::new(),
                role_categories: vec![],
                targets: vec![
                    TargetDoc {
                        element: "Z9".into(),
                        level: 1,
                    },
                    TargetDoc {
                        element: "A2".into(),
                        level: 3,
                    },
                ],
            },
            || "p2".into(),
        );
        assert_eq!(field_errors(result), ["targets", "target-A2"]);
    }

    #[test]
    fn a_saved_pathway_keeps_its_targets_in_framework_order() {
        let mut d = doc();
        d.apply(
            Edit::SavePathway {
                id: None,
                name: "Coach".into(),
                description: String::new(),
                role_categories: vec![RoleCategory::Supporting, RoleCategory::Leading],
                targets: vec![
                    TargetDoc {
                        element: "S1".into(),
                        level: 2,
                    },
                    TargetDoc {
                        element: "A2".into(),
                        level: 1,
                    },
                ],
            },
            || "p2".into(),
        )
        .unwrap();
        let p = &d.pathways[1];
        assert_eq!(p.targets[0].element, "A2");
        assert_eq!(
            p.role_categories,
            vec![RoleCategory::Leading, RoleCategory::Supporting]
        );
        assert!(d.problems().is_empty());
    }

    #[test]
    fn an_edit_naming_something_not_in_the_draft_is_not_found() {
        let mut d = doc();
        for edit in [
            Edit::RemoveElement { id: "zz".into() },
            Edit::RemoveLevel { id: "zz".into() },
            Edit::RemovePathway { id: "zz".into() },
            Edit::MoveStrand {
                id: "zz".into(),
                direction: Direction::Up,
            },
        ] {
            assert_eq!(d.apply(edit, no_id), Err(EditError::NotFound));
        }
    }

    #[test]
    fn the_framework_needs_a_name() {
        let mut d = doc();
        let result = d.apply(
            Edit::Details {
                name: "\n".into(),
                description: String::new(),
            },
            no_id,
        );
        assert_eq!(field_errors(result), ["name"]);
    }
}
