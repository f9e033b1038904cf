//! The draft editor's rules, one file per kind of item; the shared fixture is here.

mod elements;
mod pathways;
mod structure;

use super::*;
use crate::framework::{
    DOCUMENT_FORMAT, DescriptorDoc, ElementDoc, FrameworkDocument, LevelDoc, PathwayDoc, StrandDoc,
    TargetDoc,
};

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
