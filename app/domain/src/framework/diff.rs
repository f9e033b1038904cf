//! What changed between two versions of the framework (a draft and the published one),
//! matched by the stable identifiers every item keeps from version to version.

use crate::framework::{DescriptorDoc, FrameworkDocument};
use crate::org::RoleCategory;
use serde::{Deserialize, Serialize};
use std::collections::HashMap;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ChangeKind {
    Added,
    Removed,
    Changed,
}

impl ChangeKind {
    pub fn label(self) -> &'static str {
        match self {
            ChangeKind::Added => "Added",
            ChangeKind::Removed => "Removed",
            ChangeKind::Changed => "Changed",
        }
    }
}

/// One item that differs, with what is different about it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Change {
    pub kind: ChangeKind,
    /// What it is: "A3 Coaching others", "Level 2: Team".
    pub subject: String,
    pub details: Vec<String>,
}

/// Changes to one kind of thing ("Elements"), in the newer version's order.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ChangeGroup {
    pub heading: String,
    pub changes: Vec<Change>,
}

fn key(id: Option<&str>, fallback: &str) -> String {
    id.map_or_else(|| format!("~{fallback}"), str::to_owned)
}

/// Compares `old` and `new` item lists: added, removed and changed items, and whether the
/// items they share are in a different order.
fn compare<T>(
    old: &[T],
    new: &[T],
    key_of: impl Fn(&T) -> String,
    subject: impl Fn(&T) -> String,
    details: impl Fn(&T, &T) -> Vec<String>,
) -> (Vec<Change>, bool) {
    let old_keys: Vec<String> = old.iter().map(&key_of).collect();
    let new_keys: Vec<String> = new.iter().map(&key_of).collect();
    let mut changes = Vec::new();
    for (item, k) in new.iter().zip(&new_keys) {
        match old_keys.iter().position(|o| o == k) {
            None => changes.push(Change {
                kind: ChangeKind::Added,
                subject: subject(item),
                details: Vec::new(),
            }),
            Some(i) => {
                let details = details(&old[i], item);
                if !details.is_empty() {
                    changes.push(Change {
                        kind: ChangeKind::Changed,
                        subject: subject(item),
                        details,
                    });
                }
            }
        }
    }
    for (item, k) in old.iter().zip(&old_keys) {
        if !new_keys.contains(k) {
            changes.push(Change {
                kind: ChangeKind::Removed,
                subject: subject(item),
                details: Vec::new(),
            });
        }
    }
    let shared_old: Vec<&String> = old_keys.iter().filter(|k| new_keys.contains(k)).collect();
    let shared_new: Vec<&String> = new_keys.iter().filter(|k| old_keys.contains(k)).collect();
    (changes, shared_old != shared_new)
}

fn quoted(before: &str, after: &str) -> String {
    format!("“{before}” → “{after}”")
}

/// What differs in a name and a description.
fn named_changes(before: (&str, &str), after: (&str, &str)) -> Vec<String> {
    let mut d = Vec::new();
    if before.0 != after.0 {
        d.push(format!("Name: {}", quoted(before.0, after.0)));
    }
    if before.1 != after.1 {
        d.push("Description reworded".to_owned());
    }
    d
}

fn category_label(category: Option<RoleCategory>) -> &'static str {
    category.map_or("for everyone", RoleCategory::label)
}

/// Descriptors keyed by (level identifier, role category code), so reordering levels does not
/// look like rewording every descriptor.
fn descriptors_by_level<'a>(
    doc: &FrameworkDocument,
    descriptors: &'a [DescriptorDoc],
) -> HashMap<(String, Option<&'static str>), &'a DescriptorDoc> {
    descriptors
        .iter()
        .map(|d| {
            let level = doc
                .level(d.level)
                .map(|l| key(l.id.as_deref(), &l.name))
                .unwrap_or_default();
            ((level, d.role_category.map(RoleCategory::code)), d)
        })
        .collect()
}

fn level_name(doc: &FrameworkDocument, rank: u32) -> String {
    doc.level(rank)
        .map_or_else(|| format!("level {rank}"), |l| l.name.clone())
}

/// Everything that differs between `old` and `new`, grouped; empty when they match.
pub fn diff(old: &FrameworkDocument, new: &FrameworkDocument) -> Vec<ChangeGroup> {
    let mut groups = Vec::new();
    let mut push = |heading: &str, (mut changes, reordered): (Vec<Change>, bool)| {
        if reordered {
            changes.push(Change {
                kind: ChangeKind::Changed,
                subject: format!("The order of the {}", heading.to_lowercase()),
                details: Vec::new(),
            });
        }
        if !changes.is_empty() {
            groups.push(ChangeGroup {
                heading: heading.to_owned(),
                changes,
            });
        }
    };

    let mut framework = Vec::new();
    if old.name != new.name {
        framework.push(format!("Name: {}", quoted(&old.name, &new.name)));
    }
    if old.description != new.description {
        framework.push("Description reworded".to_owned());
    }
    push(
        "Framework",
        (
            (!framework.is_empty())
                .then(|| Change {
                    kind: ChangeKind::Changed,
                    subject: new.name.clone(),
                    details: framework,
                })
                .into_iter()
                .collect(),
            false,
        ),
    );

    push(
        "Levels",
        compare(
            &old.levels,
            &new.levels,
            |l| key(l.id.as_deref(), &l.name),
            |l| l.name.clone(),
            |a, b| named_changes((&a.name, &a.description), (&b.name, &b.description)),
        ),
    );

    push(
        "Strands",
        compare(
            &old.strands,
            &new.strands,
            |s| key(s.id.as_deref(), &s.name),
            |s| s.name.clone(),
            |a, b| named_changes((&a.name, &a.description), (&b.name, &b.description)),
        ),
    );

    let strand_of = |doc: &FrameworkDocument| -> HashMap<String, String> {
        doc.strands
            .iter()
            .flat_map(|s| {
                s.elements
                    .iter()
                    .map(move |e| (key(e.id.as_deref(), &e.code), s.name.clone()))
            })
            .collect()
    };
    let (old_strand, new_strand) = (strand_of(old), strand_of(new));
    let old_elements: Vec<_> = old.elements().cloned().collect();
    let new_elements: Vec<_> = new.elements().cloned().collect();
    push(
        "Elements",
        compare(
            &old_elements,
            &new_elements,
            |e| key(e.id.as_deref(), &e.code),
            |e| format!("{} {}", e.code, e.title),
            |a, b| {
                let k = key(a.id.as_deref(), &a.code);
                let mut d = Vec::new();
                if a.code != b.code {
                    d.push(format!("Code: {} → {}", a.code, b.code));
                }
                if old_strand.get(&k) != new_strand.get(&k) {
                    d.push(format!(
                        "Moved from {} to {}",
                        old_strand.get(&k).map_or("", String::as_str),
                        new_strand.get(&k).map_or("", String::as_str)
                    ));
                }
                if a.title != b.title {
                    d.push(format!("Title: {}", quoted(&a.title, &b.title)));
                }
                if a.summary != b.summary {
                    d.push("Summary reworded".to_owned());
                }
                if a.description != b.description {
                    d.push("Description reworded".to_owned());
                }
                let before = descriptors_by_level(old, &a.descriptors);
                let after = descriptors_by_level(new, &b.descriptors);
                for desc in &b.descriptors {
                    let at = format!(
                        "{} ({})",
                        level_name(new, desc.level),
                        category_label(desc.role_category)
                    );
                    let level = new
                        .level(desc.level)
                        .map(|l| key(l.id.as_deref(), &l.name))
                        .unwrap_or_default();
                    match before.get(&(level, desc.role_category.map(RoleCategory::code))) {
                        None => d.push(format!("New descriptor at {at}")),
                        Some(old_desc) if old_desc.body != desc.body => {
                            d.push(format!("Descriptor at {at} reworded"));
                        }
                        Some(_) => {}
                    }
                }
                for ((level, category), desc) in &before {
                    if !after.contains_key(&(level.clone(), *category)) {
                        d.push(format!(
                            "Descriptor at {} ({}) removed",
                            level_name(old, desc.level),
                            category_label(desc.role_category)
                        ));
                    }
                }
                d
            },
        ),
    );

    push(
        "Pathways",
        compare(
            &old.pathways,
            &new.pathways,
            |p| key(p.id.as_deref(), &p.name),
            |p| p.name.clone(),
            |a, b| {
                let mut d = named_changes((&a.name, &a.description), (&b.name, &b.description));
                if a.role_categories != b.role_categories {
                    d.push("Suits different role categories".to_owned());
                }
                for t in &b.targets {
                    match a.targets.iter().find(|o| o.element == t.element) {
                        None => d.push(format!(
                            "New target: {} at {}",
                            t.element,
                            level_name(new, t.level)
                        )),
                        Some(o) if level_name(old, o.level) != level_name(new, t.level) => {
                            d.push(format!(
                                "Target for {}: {} → {}",
                                t.element,
                                level_name(old, o.level),
                                level_name(new, t.level)
                            ));
                        }
                        Some(_) => {}
                    }
                }
                for o in &a.targets {
                    if !b.targets.iter().any(|t| t.element == o.element) {
                        d.push(format!("No longer targets {}", o.element));
                    }
                }
                d
            },
        ),
    );
    groups
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::framework::{
        DOCUMENT_FORMAT, ElementDoc, LevelDoc, PathwayDoc, StrandDoc, TargetDoc,
    };

    fn doc() -> FrameworkDocument {
        let level = |id: &str, name: &str| LevelDoc {
            id: Some(id.into()),
            name: name.into(),
            description: String::new(),
        };
        let element = |id: &str, code: &str| ElementDoc {
            id: Some(id.into()),
            code: code.into(),
            title: format!("Title {code}"),
            summary: "Summary".into(),
            description: String::new(),
            descriptors: vec![
                DescriptorDoc {
                    level: 1,
                    role_category: None,
                    body: "one".into(),
                },
                DescriptorDoc {
                    level: 2,
                    role_category: None,
                    body: "two".into(),
                },
            ],
        };
        FrameworkDocument {
            format: DOCUMENT_FORMAT.into(),
            id: Some("v".into()),
            name: "Framework 2025".into(),
            description: String::new(),
            levels: vec![level("l1", "Own practice"), level("l2", "Team")],
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
                targets: vec![TargetDoc {
                    element: "A1".into(),
                    level: 2,
                }],
            }],
        }
    }

    #[test]
    fn identical_versions_have_no_changes() {
        assert_eq!(diff(&doc(), &doc()), vec![]);
    }

    #[test]
    fn a_reworded_descriptor_is_named_by_its_element_and_level() {
        let mut new = doc();
        new.strands[0].elements[1].descriptors[1].body = "two, better".into();
        let groups = diff(&doc(), &new);
        assert_eq!(groups.len(), 1);
        assert_eq!(groups[0].heading, "Elements");
        assert_eq!(groups[0].changes[0].subject, "A2 Title A2");
        assert_eq!(
            groups[0].changes[0].details,
            ["Descriptor at Team (for everyone) reworded"]
        );
    }

    #[test]
    fn added_and_removed_elements_are_listed_as_such() {
        let mut new = doc();
        let mut added = new.strands[1].elements[0].clone();
        added.id = Some("e4".into());
        added.code = "S2".into();
        new.strands[1].elements.push(added);
        new.strands[0].elements.remove(1);
        let groups = diff(&doc(), &new);
        let kinds: Vec<_> = groups[0]
            .changes
            .iter()
            .map(|c| (c.kind, c.subject.as_str()))
            .collect();
        assert_eq!(
            kinds,
            [
                (ChangeKind::Added, "S2 Title S1"),
                (ChangeKind::Removed, "A2 Title A2")
            ]
        );
    }

    #[test]
    fn reordering_levels_is_one_change_not_a_rewording_of_every_descriptor() {
        let mut new = doc();
        new.levels.swap(0, 1);
        for e in new.strands.iter_mut().flat_map(|s| s.elements.iter_mut()) {
            for d in &mut e.descriptors {
                d.level = 3 - d.level;
            }
        }
        new.pathways[0].targets[0].level = 1;
        let groups = diff(&doc(), &new);
        assert_eq!(groups.len(), 1, "{groups:?}");
        assert_eq!(groups[0].changes[0].subject, "The order of the levels");
    }

    #[test]
    fn an_element_moved_to_another_strand_says_where_from_and_to() {
        let mut new = doc();
        let moved = new.strands[0].elements.remove(0);
        new.strands[1].elements.push(moved);
        let groups = diff(&doc(), &new);
        assert!(
            groups[0].changes[0]
                .details
                .contains(&"Moved from Attitudes to Skills".to_owned()),
            "{groups:?}"
        );
    }

    #[test]
    fn pathway_target_changes_name_the_levels() {
        let mut new = doc();
        new.pathways[0].targets[0].level = 1;
        new.pathways[0].targets.push(TargetDoc {
            element: "S1".into(),
            level: 2,
        });
        let groups = diff(&doc(), &new);
        assert_eq!(
            groups[0].changes[0].details,
            [
                "Target for A1: Team → Own practice",
                "New target: S1 at Team"
            ]
        );
    }
}
