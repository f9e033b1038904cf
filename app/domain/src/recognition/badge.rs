//! Open Badges 3.0: an award as a W3C Verifiable Credential (v2) with the Open Badges context,
//! the achievement it recognises, and the trust's issuer profile with its public key. Plain
//! JSON here; the server signs the credential (`eddsa-rdfc-2022`) and serves the rest.
//!
//! Nothing in these documents is a JSON `true` or `false`: where a context gives a boolean
//! term a datatype, `ssi` (which signs) and `jsonld.js` (which most verifiers use) turn it into
//! different RDF, and the signature would not check. So the holder is named by the address of
//! the award's public page rather than by an `IdentityObject` (whose `hashed` is a boolean).

use chrono::NaiveDate;
use serde_json::{Value, json};

/// The W3C Verifiable Credentials v2 context.
pub const CREDENTIALS_V2: &str = "https://www.w3.org/ns/credentials/v2";
/// The Open Badges 3.0 context (bundled with the server, never fetched).
pub const OPEN_BADGES_V3: &str = "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json";
/// Contexts of the issuer profile, which is also the controller document of the trust's key:
/// DID v1 first, so that verifiers read its `assertionMethod` as it is.
pub const DID_V1: &str = "https://www.w3.org/ns/did/v1";
pub const MULTIKEY_V1: &str = "https://w3id.org/security/multikey/v1";

/// Where the issuer profile is, under the site's address.
pub const ISSUER_PATH: &str = "/credentials/issuer";
/// Where achievements are, under the site's address.
pub const ACHIEVEMENTS_PATH: &str = "/credentials/achievements";
/// Where an award's public page is, under the site's address (its token follows).
pub const VERIFY_PATH: &str = "/awards/verify/";

/// The trust as the issuer of its badges, at the site's address `base` (no trailing `/`).
#[derive(Clone, Copy, Debug)]
pub struct Issuer<'a> {
    pub base: &'a str,
    pub name: &'a str,
}

impl Issuer<'_> {
    /// The issuer profile's address, which is also its identifier.
    pub fn id(&self) -> String {
        format!("{}{ISSUER_PATH}", self.base)
    }

    /// The identifier of the trust's signing key.
    pub fn key_id(&self) -> String {
        format!("{}#key-1", self.id())
    }

    /// The address of the public page of the award whose token is `public_id`.
    pub fn verify_url(&self, public_id: &str) -> String {
        format!("{}{VERIFY_PATH}{public_id}", self.base)
    }

    /// The token of the award a credential's `id` names, when that is one of this site's
    /// award pages.
    pub fn public_id_of<'c>(&self, credential_id: &'c str) -> Option<&'c str> {
        credential_id
            .strip_prefix(self.base)?
            .strip_prefix(VERIFY_PATH)
            .filter(|token| !token.is_empty() && token.chars().all(|c| c.is_ascii_alphanumeric()))
    }

    fn profile(&self) -> Value {
        json!({ "id": self.id(), "type": ["Profile"], "name": self.name, "url": self.base })
    }
}

/// What an award recognises.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Achievement {
    pub id: String,
    pub name: String,
    /// Markdown.
    pub description: String,
    /// How it is earned, in Markdown.
    pub criteria: String,
}

impl Achievement {
    /// A milestone's achievement: its address is the milestone's, shared by everyone who
    /// meets it. An empty description is told by the rule's sentence.
    pub fn of_milestone(
        issuer: &Issuer,
        rule_id: i64,
        name: &str,
        description: &str,
        sentence: &str,
    ) -> Self {
        let description = if description.trim().is_empty() {
            sentence
        } else {
            description
        };
        Self {
            id: format!("{}{ACHIEVEMENTS_PATH}/{rule_id}", issuer.base),
            name: name.to_owned(),
            description: description.to_owned(),
            criteria: format!("Met automatically when verified evidence shows it: {sentence}"),
        }
    }

    /// The achievement of an award given by hand: it is told by its citation, and lives at
    /// the award's own page.
    pub fn by_hand(
        issuer: &Issuer,
        public_id: &str,
        name: &str,
        citation: &str,
        group: &str,
    ) -> Self {
        let given = if group.trim().is_empty() {
            format!(
                "Given by {} in recognition of the work its citation describes.",
                issuer.name
            )
        } else {
            format!(
                "Given by {} to the members of {group}, in recognition of the work its citation describes.",
                issuer.name
            )
        };
        let description = if citation.trim().is_empty() {
            given.clone()
        } else {
            citation.to_owned()
        };
        Self {
            id: format!("{}#achievement", issuer.verify_url(public_id)),
            name: name.to_owned(),
            description,
            criteria: given,
        }
    }

    /// The achievement as Open Badges JSON, made by `issuer`.
    pub fn to_json(&self, issuer: &Issuer) -> Value {
        json!({
            "id": self.id,
            "type": ["Achievement"],
            "name": self.name,
            "description": self.description,
            "criteria": { "narrative": self.criteria },
            "creator": issuer.profile(),
        })
    }

    /// The achievement as a document of its own, with its contexts.
    pub fn to_document(&self, issuer: &Issuer) -> Value {
        let mut document = self.to_json(issuer);
        document["@context"] = json!([CREDENTIALS_V2, OPEN_BADGES_V3]);
        document
    }
}

/// One award, as its credential tells it.
#[derive(Clone, Debug)]
pub struct Award<'a> {
    pub public_id: &'a str,
    pub name: &'a str,
    /// Why it was given, in Markdown (may be empty).
    pub citation: &'a str,
    pub awarded_on: NaiveDate,
    pub achievement: Achievement,
}

/// The unsigned Open Badges 3.0 credential of `award`.
pub fn credential(issuer: &Issuer, award: &Award) -> Value {
    let id = issuer.verify_url(award.public_id);
    let awarded = format!("{}T00:00:00Z", award.awarded_on.format("%Y-%m-%d"));
    let mut subject = json!({
        "id": format!("{id}#holder"),
        "type": ["AchievementSubject"],
        "achievement": award.achievement.to_json(issuer),
    });
    if !award.citation.trim().is_empty() {
        subject["narrative"] = json!(award.citation);
    }
    json!({
        "@context": [CREDENTIALS_V2, OPEN_BADGES_V3],
        "id": id,
        "type": ["VerifiableCredential", "OpenBadgeCredential"],
        "name": award.name,
        "issuer": issuer.profile(),
        "validFrom": awarded,
        "awardedDate": awarded,
        "credentialSubject": subject,
    })
}

/// The trust's issuer profile, publishing its public key (`z6Mk…`) for assertions: the
/// document a verifier reads to check a credential's signature.
pub fn issuer_profile(issuer: &Issuer, public_key_multibase: &str) -> Value {
    let mut profile = issuer.profile();
    profile["@context"] = json!([DID_V1, MULTIKEY_V1, CREDENTIALS_V2, OPEN_BADGES_V3]);
    profile["assertionMethod"] = json!([{
        "id": issuer.key_id(),
        "type": "Multikey",
        "controller": issuer.id(),
        "publicKeyMultibase": public_key_multibase,
    }]);
    profile
}

#[cfg(test)]
mod tests {
    use super::*;

    const ISSUER: Issuer = Issuer {
        base: "https://waymark.example.org",
        name: "Northbridge Learning Trust",
    };

    fn milestone_award() -> Value {
        credential(
            &ISSUER,
            &Award {
                public_id: "0123abcd",
                name: "Trust contributor",
                citation: "",
                awarded_on: NaiveDate::from_ymd_opt(2026, 3, 5).unwrap(),
                achievement: Achievement::of_milestone(
                    &ISSUER,
                    7,
                    "Trust contributor",
                    "",
                    "5 verified activities in at least 2 other academies",
                ),
            },
        )
    }

    fn booleans(value: &Value) -> usize {
        match value {
            Value::Bool(_) => 1,
            Value::Array(items) => items.iter().map(booleans).sum(),
            Value::Object(map) => map.values().map(booleans).sum(),
            _ => 0,
        }
    }

    #[test]
    fn a_credential_is_a_verifiable_credential_and_an_open_badge() {
        let vc = milestone_award();
        assert_eq!(vc["@context"], json!([CREDENTIALS_V2, OPEN_BADGES_V3]));
        assert_eq!(
            vc["type"],
            json!(["VerifiableCredential", "OpenBadgeCredential"])
        );
        assert_eq!(vc["validFrom"], "2026-03-05T00:00:00Z");
        assert_eq!(
            vc["credentialSubject"]["type"],
            json!(["AchievementSubject"])
        );
    }

    #[test]
    fn the_issuer_is_the_trust_profile_at_its_own_address() {
        let vc = milestone_award();
        assert_eq!(
            vc["issuer"]["id"],
            "https://waymark.example.org/credentials/issuer"
        );
        assert_eq!(vc["issuer"]["type"], json!(["Profile"]));
        assert_eq!(vc["issuer"]["name"], "Northbridge Learning Trust");
    }

    #[test]
    fn the_credential_is_named_by_the_awards_public_page_and_so_is_its_holder() {
        let vc = milestone_award();
        assert_eq!(
            vc["id"],
            "https://waymark.example.org/awards/verify/0123abcd"
        );
        assert_eq!(
            vc["credentialSubject"]["id"],
            "https://waymark.example.org/awards/verify/0123abcd#holder"
        );
    }

    #[test]
    fn nothing_in_a_credential_or_profile_is_a_json_boolean() {
        assert_eq!(booleans(&milestone_award()), 0);
        assert_eq!(booleans(&issuer_profile(&ISSUER, "z6MkExample")), 0);
    }

    #[test]
    fn a_milestone_without_a_description_is_described_by_its_rule() {
        let vc = milestone_award();
        let achievement = &vc["credentialSubject"]["achievement"];
        assert_eq!(
            achievement["id"],
            "https://waymark.example.org/credentials/achievements/7"
        );
        assert_eq!(
            achievement["description"],
            "5 verified activities in at least 2 other academies"
        );
        assert!(
            achievement["criteria"]["narrative"]
                .as_str()
                .unwrap()
                .ends_with("5 verified activities in at least 2 other academies")
        );
        assert_eq!(achievement["creator"]["id"], vc["issuer"]["id"]);
    }

    #[test]
    fn an_award_given_by_hand_is_described_by_its_citation_and_carries_it() {
        let achievement = Achievement::by_hand(
            &ISSUER,
            "feed01",
            "Think tank",
            "For **leading** the reading think tank.",
            "Reading think tank",
        );
        assert_eq!(
            achievement.description,
            "For **leading** the reading think tank."
        );
        assert!(
            achievement
                .criteria
                .contains("the members of Reading think tank")
        );
        assert_eq!(
            achievement.id,
            "https://waymark.example.org/awards/verify/feed01#achievement"
        );
        let vc = credential(
            &ISSUER,
            &Award {
                public_id: "feed01",
                name: "Think tank",
                citation: "For **leading** the reading think tank.",
                awarded_on: NaiveDate::from_ymd_opt(2026, 1, 9).unwrap(),
                achievement,
            },
        );
        assert_eq!(
            vc["credentialSubject"]["narrative"],
            "For **leading** the reading think tank."
        );
    }

    #[test]
    fn the_issuer_profile_publishes_its_key_for_assertions() {
        let profile = issuer_profile(&ISSUER, "z6MkExample");
        assert_eq!(profile["@context"][0], DID_V1);
        let method = &profile["assertionMethod"][0];
        assert_eq!(
            method["id"],
            "https://waymark.example.org/credentials/issuer#key-1"
        );
        assert_eq!(method["type"], "Multikey");
        assert_eq!(method["controller"], profile["id"]);
        assert_eq!(method["publicKeyMultibase"], "z6MkExample");
    }

    #[test]
    fn an_awards_token_is_read_back_only_from_this_sites_award_pages() {
        assert_eq!(
            ISSUER.public_id_of("https://waymark.example.org/awards/verify/0123abcd"),
            Some("0123abcd")
        );
        assert_eq!(
            ISSUER.public_id_of("https://elsewhere.example/awards/verify/0123abcd"),
            None
        );
        assert_eq!(
            ISSUER.public_id_of("https://waymark.example.org/awards/verify/"),
            None
        );
        assert_eq!(
            ISSUER.public_id_of("https://waymark.example.org/awards/verify/01/../x"),
            None
        );
    }
}
