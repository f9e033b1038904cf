//! The framework as a 1EdTech CASE 1.1 package (CFPackage JSON): a CFDocument, CFItems for
//! strands and elements, `isChildOf` associations, and the levels as a CFRubric with one
//! criterion per element. Identifiers are the framework's own stable UUIDs; those CASE needs
//! that Waymark does not store (associations, rubric parts) are name-based UUIDs derived from
//! them, so two exports of the same version are identical.

use crate::framework::{FrameworkDocument, VersionStatus, descriptor_for};
use chrono::{DateTime, Utc};
use serde_json::{Value, json};
use uuid::Uuid;

/// Where Waymark's derived identifiers live (a fixed, arbitrary namespace).
const NAMESPACE: Uuid = Uuid::from_u128(0x5f2c_7a1e_93b4_4d0a_8e61_2b7c_9d40_1a35);

/// What CASE needs that the document does not carry.
pub struct CaseMeta<'a> {
    /// The site's origin, like `https://waymark.example.org`, for the `uri` fields.
    pub base_url: &'a str,
    /// Who publishes the framework: the trust.
    pub creator: &'a str,
    pub status: VersionStatus,
    /// When the version last changed: its publication, or its creation for a draft.
    pub last_change: DateTime<Utc>,
}

fn derived(parts: &[&str]) -> String {
    Uuid::new_v5(&NAMESPACE, parts.join("/").as_bytes()).to_string()
}

/// The CASE adoption status of a version.
fn adoption_status(status: VersionStatus) -> &'static str {
    match status {
        VersionStatus::Draft => "Draft",
        VersionStatus::Published => "Adopted",
        VersionStatus::Retired => "Deprecated",
    }
}

/// Builds the package. A document read from the database always has identifiers; any that
/// are missing are derived from the version's identifier and the item's position.
pub fn package(doc: &FrameworkDocument, meta: &CaseMeta) -> Value {
    let base = meta.base_url.trim_end_matches('/');
    let when = meta.last_change.format("%Y-%m-%dT%H:%M:%SZ").to_string();
    let doc_id = doc.id.clone().unwrap_or_else(|| derived(&[&doc.name]));
    let uri = |kind: &str, id: &str| format!("{base}/ims/case/v1p1/{kind}/{id}");
    let link = |kind: &str, id: &str, title: &str| json!({ "title": title, "identifier": id, "uri": uri(kind, id) });
    let doc_link = link("CFDocuments", &doc_id, &doc.name);
    let type_id = |name: &str| derived(&["item-type", name]);
    let item_type_link = |name: &str| link("CFItemTypes", &type_id(name), name);

    let mut items = Vec::new();
    let mut associations = Vec::new();
    let mut criteria = Vec::new();
    let rubric_id = derived(&["rubric", &doc_id]);
    let level_ids: Vec<String> = doc
        .levels
        .iter()
        .enumerate()
        .map(|(i, l)| {
            l.id.clone()
                .unwrap_or_else(|| derived(&[&doc_id, "level", &i.to_string()]))
        })
        .collect();
    let mut child_of = |child: Value, parent: Value, sequence: usize| {
        let child_id = child["identifier"].as_str().unwrap_or_default().to_owned();
        let parent_id = parent["identifier"].as_str().unwrap_or_default().to_owned();
        let id = derived(&["isChildOf", &child_id, &parent_id]);
        associations.push(json!({
            "identifier": id,
            "uri": uri("CFAssociations", &id),
            "associationType": "isChildOf",
            "sequenceNumber": sequence,
            "originNodeURI": child,
            "destinationNodeURI": parent,
            "CFDocumentURI": doc_link.clone(),
            "lastChangeDateTime": when,
        }));
    };

    for (s, strand) in doc.strands.iter().enumerate() {
        let strand_id = strand
            .id
            .clone()
            .unwrap_or_else(|| derived(&[&doc_id, "strand", &s.to_string()]));
        items.push(json!({
            "identifier": strand_id,
            "uri": uri("CFItems", &strand_id),
            "fullStatement": strand.name,
            "notes": strand.description,
            "CFItemType": "Strand",
            "CFItemTypeURI": item_type_link("Strand"),
            "CFDocumentURI": doc_link.clone(),
            "language": "en",
            "lastChangeDateTime": when,
        }));
        let strand_link = link("CFItems", &strand_id, &strand.name);
        child_of(strand_link.clone(), doc_link.clone(), s + 1);

        for (e, element) in strand.elements.iter().enumerate() {
            let element_id = element
                .id
                .clone()
                .unwrap_or_else(|| derived(&[&doc_id, "element", &element.code]));
            items.push(json!({
                "identifier": element_id,
                "uri": uri("CFItems", &element_id),
                "humanCodingScheme": element.code,
                "abbreviatedStatement": element.title,
                "fullStatement": format!("{}: {}", element.title, element.summary),
                "notes": element.description,
                "CFItemType": "Element",
                "CFItemTypeURI": item_type_link("Element"),
                "CFDocumentURI": doc_link.clone(),
                "language": "en",
                "lastChangeDateTime": when,
            }));
            let element_link = link(
                "CFItems",
                &element_id,
                &format!("{} {}", element.code, element.title),
            );
            child_of(element_link.clone(), strand_link.clone(), e + 1);

            let criterion_id = derived(&["criterion", &rubric_id, &element_id]);
            let levels: Vec<Value> = doc
                .levels
                .iter()
                .enumerate()
                .map(|(i, level)| {
                    let rank = crate::framework::rank_at(i);
                    let id = derived(&["criterion-level", &criterion_id, &level_ids[i]]);
                    json!({
                        "identifier": id,
                        "uri": uri("CFRubricCriterionLevels", &id),
                        "quality": level.name,
                        "description": descriptor_for(&element.descriptors, rank, None)
                            .map(|d| d.body.as_str())
                            .unwrap_or_default(),
                        "score": rank,
                        "position": rank,
                        "rubricCriterionId": criterion_id,
                        "lastChangeDateTime": when,
                    })
                })
                .collect();
            criteria.push(json!({
                "identifier": criterion_id,
                "uri": uri("CFRubricCriteria", &criterion_id),
                "category": strand.name,
                "description": element.title,
                "CFItemURI": element_link,
                "position": criteria.len() + 1,
                "rubricId": rubric_id,
                "lastChangeDateTime": when,
                "CFRubricCriterionLevels": levels,
            }));
        }
    }

    let item_types: Vec<Value> = [
        (
            "Strand",
            "A group of elements: attitudes, behaviours or skills.",
        ),
        (
            "Element",
            "One quality of leadership, described level by level.",
        ),
    ]
    .into_iter()
    .enumerate()
    .map(|(i, (name, description))| {
        json!({
            "identifier": type_id(name),
            "uri": uri("CFItemTypes", &type_id(name)),
            "title": name,
            "description": description,
            "hierarchyCode": (i + 1).to_string(),
            "lastChangeDateTime": when,
        })
    })
    .collect();

    json!({
        "CFDocument": {
            "identifier": doc_id,
            "uri": uri("CFDocuments", &doc_id),
            "creator": meta.creator,
            "title": doc.name,
            "description": doc.description,
            "adoptionStatus": adoption_status(meta.status),
            "language": "en",
            "lastChangeDateTime": when,
            "CFPackageURI": link("CFPackages", &doc_id, &doc.name),
        },
        "CFItems": items,
        "CFAssociations": associations,
        "CFDefinitions": { "CFItemTypes": item_types },
        "CFRubrics": [{
            "identifier": rubric_id,
            "uri": uri("CFRubrics", &rubric_id),
            "title": format!("{}: levels", doc.name),
            "description": doc.levels.iter().map(|l| l.name.as_str()).collect::<Vec<_>>().join(" → "),
            "lastChangeDateTime": when,
            "CFRubricCriteria": criteria,
        }],
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::framework::{DOCUMENT_FORMAT, DescriptorDoc, ElementDoc, LevelDoc, StrandDoc};
    use std::collections::HashSet;

    fn doc() -> FrameworkDocument {
        FrameworkDocument {
            format: DOCUMENT_FORMAT.into(),
            id: Some("11111111-1111-4111-8111-111111111111".into()),
            name: "Leadership framework".into(),
            description: "How we lead".into(),
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
            strands: vec![StrandDoc {
                id: Some("s1".into()),
                name: "Attitudes".into(),
                description: String::new(),
                elements: ["A1", "A2"]
                    .into_iter()
                    .map(|code| ElementDoc {
                        id: Some(format!("e-{code}")),
                        code: code.into(),
                        title: format!("Title {code}"),
                        summary: "Summary".into(),
                        description: String::new(),
                        descriptors: vec![DescriptorDoc {
                            level: 1,
                            role_category: None,
                            body: format!("{code} at one"),
                        }],
                    })
                    .collect(),
            }],
            pathways: vec![],
        }
    }

    fn meta() -> CaseMeta<'static> {
        CaseMeta {
            base_url: "https://waymark.test/",
            creator: "Meridian Learning Trust",
            status: VersionStatus::Published,
            last_change: DateTime::parse_from_rfc3339("2025-09-01T08:00:00Z")
                .unwrap()
                .with_timezone(&Utc),
        }
    }

    #[test]
    fn two_exports_of_the_same_version_are_identical() {
        assert_eq!(package(&doc(), &meta()), package(&doc(), &meta()));
    }

    #[test]
    fn strands_and_elements_are_items_typed_as_such_with_the_code_as_human_coding_scheme() {
        let p = package(&doc(), &meta());
        let items = p["CFItems"].as_array().unwrap();
        assert_eq!(items.len(), 3);
        assert_eq!(items[0]["CFItemType"], "Strand");
        assert_eq!(items[0]["identifier"], "s1");
        assert_eq!(items[1]["CFItemType"], "Element");
        assert_eq!(items[1]["humanCodingScheme"], "A1");
        assert_eq!(
            items[1]["uri"],
            "https://waymark.test/ims/case/v1p1/CFItems/e-A1"
        );
        assert_eq!(p["CFDocument"]["adoptionStatus"], "Adopted");
    }

    #[test]
    fn every_item_is_a_child_of_its_strand_or_the_document() {
        let p = package(&doc(), &meta());
        let edges: Vec<(String, String)> = p["CFAssociations"]
            .as_array()
            .unwrap()
            .iter()
            .map(|a| {
                assert_eq!(a["associationType"], "isChildOf");
                (
                    a["originNodeURI"]["identifier"]
                        .as_str()
                        .unwrap()
                        .to_owned(),
                    a["destinationNodeURI"]["identifier"]
                        .as_str()
                        .unwrap()
                        .to_owned(),
                )
            })
            .collect();
        let doc_id = "11111111-1111-4111-8111-111111111111".to_owned();
        assert_eq!(
            edges,
            [
                ("s1".to_owned(), doc_id),
                ("e-A1".to_owned(), "s1".to_owned()),
                ("e-A2".to_owned(), "s1".to_owned()),
            ]
        );
    }

    #[test]
    fn the_levels_form_a_rubric_with_one_criterion_per_element() {
        let p = package(&doc(), &meta());
        let criteria = p["CFRubrics"][0]["CFRubricCriteria"].as_array().unwrap();
        assert_eq!(criteria.len(), 2);
        let levels = criteria[0]["CFRubricCriterionLevels"].as_array().unwrap();
        assert_eq!(levels.len(), 2);
        assert_eq!(levels[0]["quality"], "Own practice");
        assert_eq!(levels[0]["description"], "A1 at one");
        assert_eq!(levels[1]["score"], 2);
        assert_eq!(criteria[0]["CFItemURI"]["identifier"], "e-A1");
    }

    #[test]
    fn no_two_parts_of_a_package_share_an_identifier() {
        let p = package(&doc(), &meta());
        let mut ids = Vec::new();
        fn collect(v: &Value, ids: &mut Vec<String>) {
            match v {
                Value::Object(map) => {
                    // Links repeat the identifiers they point at; only count definitions.
                    if map.contains_key("uri")
                        && map.contains_key("lastChangeDateTime")
                        && let Some(id) = map.get("identifier").and_then(Value::as_str)
                    {
                        ids.push(id.to_owned());
                    }
                    map.values().for_each(|v| collect(v, ids));
                }
                Value::Array(list) => list.iter().for_each(|v| collect(v, ids)),
                _ => {}
            }
        }
        collect(&p, &mut ids);
        let unique: HashSet<_> = ids.iter().collect();
        assert_eq!(unique.len(), ids.len(), "{ids:?}");
        assert!(ids.len() > 10);
    }
}
