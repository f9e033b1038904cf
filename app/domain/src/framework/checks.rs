//! What can be wrong with a framework document: its shape (anything import refuses) and what
//! stops a draft being published. Each problem says where in the document it is.

use super::{
    DOCUMENT_FORMAT, ElementDoc, FrameworkDocument, MAX_MARKDOWN, MAX_NAME, MAX_SUMMARY,
    PathwayDoc, is_valid_code,
};
use serde::{Deserialize, Serialize};
use std::collections::HashSet;

/// One problem with a framework document, with where it is.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Problem {
    /// A path into the document, like `strands[1].elements[0].code`.
    pub at: String,
    pub message: String,
}

impl Problem {
    fn new(at: impl Into<String>, message: impl Into<String>) -> Self {
        Self {
            at: at.into(),
            message: message.into(),
        }
    }
}

impl std::fmt::Display for Problem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        if self.at.is_empty() {
            f.write_str(&self.message)
        } else {
            write!(f, "{}: {}", self.at, self.message)
        }
    }
}

impl FrameworkDocument {
    /// Everything wrong with the document's shape, in document order. An empty list means it
    /// can be imported as a draft (which may still be incomplete: see `publish_problems`).
    pub fn problems(&self) -> Vec<Problem> {
        let mut out = Vec::new();
        if self.format != DOCUMENT_FORMAT {
            out.push(Problem::new(
                "format",
                format!("must be \"{DOCUMENT_FORMAT}\""),
            ));
        }
        text(&mut out, "name", &self.name, MAX_NAME * 2);
        long_text(&mut out, "description", &self.description);
        if self.levels.is_empty() {
            out.push(Problem::new(
                "levels",
                "a framework needs at least one level",
            ));
        }
        for (i, level) in self.levels.iter().enumerate() {
            let at = format!("levels[{i}]");
            text(&mut out, &format!("{at}.name"), &level.name, MAX_NAME);
            long_text(&mut out, &format!("{at}.description"), &level.description);
        }
        if self.strands.is_empty() {
            out.push(Problem::new(
                "strands",
                "a framework needs at least one strand",
            ));
        }
        let mut ids = HashSet::new();
        for id in self.all_ids() {
            if !ids.insert(id) {
                out.push(Problem::new(
                    "",
                    format!("the identifier {id} is used twice"),
                ));
            }
        }
        let mut codes = HashSet::new();
        for (s, strand) in self.strands.iter().enumerate() {
            let at = format!("strands[{s}]");
            text(&mut out, &format!("{at}.name"), &strand.name, MAX_NAME);
            long_text(&mut out, &format!("{at}.description"), &strand.description);
            for (e, element) in strand.elements.iter().enumerate() {
                let at = format!("{at}.elements[{e}]");
                if !is_valid_code(&element.code) {
                    out.push(Problem::new(
                        format!("{at}.code"),
                        format!("\"{}\" is not a code like A1 or S12", element.code),
                    ));
                } else if !codes.insert(element.code.as_str()) {
                    out.push(Problem::new(
                        format!("{at}.code"),
                        format!("the code {} is used more than once", element.code),
                    ));
                }
                self.element_shape_problems(&mut out, &at, element);
            }
        }
        for (p, pathway) in self.pathways.iter().enumerate() {
            self.pathway_shape_problems(&mut out, &format!("pathways[{p}]"), pathway, &codes);
        }
        out
    }

    /// An element's words and descriptors (its code is checked with the others').
    fn element_shape_problems(&self, out: &mut Vec<Problem>, at: &str, element: &ElementDoc) {
        text(out, &format!("{at}.title"), &element.title, MAX_NAME);
        text(out, &format!("{at}.summary"), &element.summary, MAX_SUMMARY);
        long_text(out, &format!("{at}.description"), &element.description);
        let level_count = self.level_count();
        let mut seen = HashSet::new();
        for (d, descriptor) in element.descriptors.iter().enumerate() {
            let at = format!("{at}.descriptors[{d}]");
            if descriptor.level == 0 || descriptor.level > level_count {
                out.push(Problem::new(
                    format!("{at}.level"),
                    format!(
                        "there is no level {}; levels run from 1 to {level_count}",
                        descriptor.level
                    ),
                ));
            }
            if !seen.insert((descriptor.level, descriptor.role_category)) {
                out.push(Problem::new(
                    at.clone(),
                    "this level already has a descriptor for the same role category",
                ));
            }
            if descriptor.body.trim().is_empty() {
                out.push(Problem::new(format!("{at}.body"), "must not be empty"));
            }
            long_text(out, &format!("{at}.body"), &descriptor.body);
        }
    }

    /// A pathway's words and targets; `codes` are the document's element codes.
    fn pathway_shape_problems(
        &self,
        out: &mut Vec<Problem>,
        at: &str,
        pathway: &PathwayDoc,
        codes: &HashSet<&str>,
    ) {
        text(out, &format!("{at}.name"), &pathway.name, MAX_NAME);
        long_text(out, &format!("{at}.description"), &pathway.description);
        if pathway.targets.is_empty() {
            out.push(Problem::new(
                format!("{at}.targets"),
                "a pathway needs at least one target",
            ));
        }
        let level_count = self.level_count();
        let mut targeted = HashSet::new();
        for (t, target) in pathway.targets.iter().enumerate() {
            let at = format!("{at}.targets[{t}]");
            if !codes.contains(target.element.as_str()) {
                out.push(Problem::new(
                    format!("{at}.element"),
                    format!("there is no element {}", target.element),
                ));
            } else if !targeted.insert(target.element.as_str()) {
                out.push(Problem::new(
                    format!("{at}.element"),
                    format!("{} is targeted more than once", target.element),
                ));
            }
            if target.level == 0 || target.level > level_count {
                out.push(Problem::new(
                    format!("{at}.level"),
                    format!(
                        "there is no level {}; levels run from 1 to {level_count}",
                        target.level
                    ),
                ));
            }
        }
    }

    /// What stops this framework being published: its shape problems, plus every element
    /// needing a descriptor (for everyone) at every level.
    pub fn publish_problems(&self) -> Vec<Problem> {
        let mut out = self.problems();
        let level_count = self.level_count();
        for strand in &self.strands {
            if strand.elements.is_empty() {
                out.push(Problem::new(
                    format!("strand {}", strand.name),
                    "has no elements",
                ));
            }
            for element in &strand.elements {
                for level in 1..=level_count {
                    let has_general = element
                        .descriptors
                        .iter()
                        .any(|d| d.level == level && d.role_category.is_none());
                    if !has_general {
                        let name = self.level(level).map(|l| l.name.as_str()).unwrap_or("?");
                        out.push(Problem::new(
                            format!("element {}", element.code),
                            format!("has no descriptor at level {level} ({name})"),
                        ));
                    }
                }
            }
        }
        out
    }

    fn all_ids(&self) -> impl Iterator<Item = &str> {
        let levels = self.levels.iter().filter_map(|l| l.id.as_deref());
        let strands = self.strands.iter().filter_map(|s| s.id.as_deref());
        let elements = self
            .strands
            .iter()
            .flat_map(|s| s.elements.iter())
            .filter_map(|e| e.id.as_deref());
        let pathways = self.pathways.iter().filter_map(|p| p.id.as_deref());
        self.id
            .as_deref()
            .into_iter()
            .chain(levels)
            .chain(strands)
            .chain(elements)
            .chain(pathways)
    }
}

fn text(out: &mut Vec<Problem>, at: &str, value: &str, max: usize) {
    if value.trim().is_empty() {
        out.push(Problem::new(at, "must not be empty"));
    } else if value.chars().count() > max {
        out.push(Problem::new(
            at,
            format!("must be {max} characters or fewer"),
        ));
    } else if value.chars().any(|c| c.is_control()) {
        out.push(Problem::new(
            at,
            "must be a single line without control characters",
        ));
    }
}

fn long_text(out: &mut Vec<Problem>, at: &str, value: &str) {
    if value.chars().count() > MAX_MARKDOWN {
        out.push(Problem::new(
            at,
            format!("must be {MAX_MARKDOWN} characters or fewer"),
        ));
    }
}
