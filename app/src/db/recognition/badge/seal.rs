//! The trust's seal: the Ed25519 key that signs its Open Badges, kept in a file outside the
//! database (a dump of the database never carries it), made the first time it is needed.

use crate::error::AppError;
use ed25519_dalek::SigningKey;
use serde::{Deserialize, Serialize};
use serde_json::Value;
use ssi::claims::data_integrity::suites::EdDsaRdfc2022;
use ssi::claims::data_integrity::{CryptographicSuite, DataIntegrity, ProofOptions};
use ssi::claims::vc::v2::JsonCredential;
use ssi::claims::{SignatureEnvironment, VerificationParameters};
use ssi::json_ld::ContextLoader;
use ssi::verification_methods::{Multikey, SingleSecretSigner};
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// The Open Badges 3.0 context, and where it is published.
pub const OB3_CONTEXT: &str = "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json";
const OB3_DOCUMENT: &str = include_str!("contexts/ob-v3p0-context-3.0.3.json");

/// The trust's signing key, read (or made) once and shared by every request.
#[derive(Clone)]
pub struct Seal(Arc<Inner>);

struct Inner {
    path: PathBuf,
    key: tokio::sync::OnceCell<SigningKey>,
}

impl std::fmt::Debug for Seal {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Seal").field("path", &self.0.path).finish()
    }
}

/// The key file: the 32-byte Ed25519 secret, in hex, with a note for whoever finds it.
#[derive(Serialize, Deserialize)]
struct KeyFile {
    note: String,
    ed25519_secret_hex: String,
}

/// What checking a signed credential found.
#[derive(Debug, PartialEq, Eq)]
pub enum Checked {
    /// Signed with this key, and unchanged since.
    Genuine,
    /// Not a signed credential of this kind at all.
    Unreadable(String),
    /// Signed by another key, or changed after signing.
    NotGenuine(String),
}

impl Seal {
    /// The seal whose key is in the file at `path` (made there on first use).
    pub fn new(path: impl Into<PathBuf>) -> Self {
        Self(Arc::new(Inner {
            path: path.into(),
            key: tokio::sync::OnceCell::new(),
        }))
    }

    async fn key(&self) -> Result<&SigningKey, AppError> {
        self.0
            .key
            .get_or_try_init(|| async {
                let path = self.0.path.clone();
                tokio::task::spawn_blocking(move || open_or_make(&path))
                    .await
                    .map_err(|e| AppError::internal(format!("key task: {e}")))?
            })
            .await
    }

    /// The public key, as a Multikey's `publicKeyMultibase` (`z6Mk…`).
    pub async fn public_multibase(
        &self,
        key_id: &str,
        controller: &str,
    ) -> Result<String, AppError> {
        let method = self.method(key_id, controller).await?;
        Ok(method.public_key.encoded.to_string())
    }

    async fn method(&self, key_id: &str, controller: &str) -> Result<Multikey, AppError> {
        let key = self.key().await?;
        Ok(Multikey::from_public_key(
            iri(key_id)?,
            iref::UriBuf::new(controller.as_bytes().to_vec())
                .map_err(|_| AppError::internal(format!("controller {controller} is not a URI")))?,
            &key.verifying_key(),
        ))
    }

    /// `credential` (a W3C credential v2) with an `eddsa-rdfc-2022` proof by the key `key_id`
    /// of `controller`.
    pub async fn sign(
        &self,
        credential: Value,
        key_id: &str,
        controller: &str,
    ) -> Result<Value, AppError> {
        let key = self.key().await?.clone();
        let resolver = self.resolver(key_id, controller).await?;
        let unsigned: JsonCredential = serde_json::from_value(credential)
            .map_err(|e| AppError::internal(format!("credential shape: {e}")))?;
        let signed = EdDsaRdfc2022
            .sign_with(
                SignatureEnvironment {
                    json_ld_loader: loader()?,
                    eip712_loader: (),
                },
                unsigned,
                &resolver,
                SingleSecretSigner::new(key),
                ProofOptions::from_method(iri(key_id)?.into()),
                (),
            )
            .await
            .map_err(|e| AppError::internal(format!("signing a credential: {e}")))?;
        serde_json::to_value(&signed).map_err(|e| AppError::internal(format!("credential: {e}")))
    }

    /// Whether `text` is a credential signed by the key `key_id` and unchanged since.
    pub async fn check(
        &self,
        text: &str,
        key_id: &str,
        controller: &str,
    ) -> Result<Checked, AppError> {
        let Ok(parsed) = serde_json::from_str::<DataIntegrity<JsonCredential, EdDsaRdfc2022>>(text)
        else {
            return Ok(Checked::Unreadable(
                "This is not a signed credential: paste the whole file, from the first { to the last }."
                    .to_owned(),
            ));
        };
        let signed_by_us = parsed
            .proofs
            .iter()
            .all(|proof| proof.verification_method.id().as_str() == key_id)
            && !parsed.proofs.is_empty();
        if !signed_by_us {
            return Ok(Checked::NotGenuine(
                "It was not signed with this trust's key.".to_owned(),
            ));
        }
        let resolver = self.resolver(key_id, controller).await?;
        let params =
            VerificationParameters::from_resolver(&resolver).with_json_ld_loader(loader()?);
        Ok(match parsed.verify(params).await {
            Ok(Ok(())) => Checked::Genuine,
            Ok(Err(_)) => Checked::NotGenuine(
                "Its signature does not match its contents: it was changed after the trust signed it."
                    .to_owned(),
            ),
            Err(e) => {
                tracing::info!(error = %e, "a credential could not be checked");
                Checked::Unreadable(
                    "This credential could not be read as an Open Badge: parts of it are missing or malformed."
                        .to_owned(),
                )
            }
        })
    }

    async fn resolver(
        &self,
        key_id: &str,
        controller: &str,
    ) -> Result<HashMap<iref::IriBuf, Multikey>, AppError> {
        Ok([(iri(key_id)?, self.method(key_id, controller).await?)].into())
    }
}

fn iri(text: &str) -> Result<iref::IriBuf, AppError> {
    iref::IriBuf::new(text.to_owned()).map_err(|e| AppError::internal(format!("IRI {text}: {e}")))
}

/// The JSON-LD contexts a credential may name: ssi's own W3C contexts and the Open Badges one.
fn loader() -> Result<ContextLoader, AppError> {
    ContextLoader::default()
        .with_context_map_from([(OB3_CONTEXT.to_owned(), OB3_DOCUMENT.to_owned())].into())
        .map_err(|e| AppError::internal(format!("bundled context: {e}")))
}

/// Reads the key at `path`, or makes one there. A new key is written whole to a file of its
/// own and then linked into place, which fails if another process got there first: then that
/// key is read, so two servers starting together still share one key.
fn open_or_make(path: &Path) -> Result<SigningKey, AppError> {
    match std::fs::read_to_string(path) {
        Ok(text) => return parse(path, &text),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
        Err(e) => {
            return Err(AppError::internal(format!(
                "reading {}: {e}",
                path.display()
            )));
        }
    }
    if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
        std::fs::create_dir_all(dir)
            .map_err(|e| AppError::internal(format!("making {}: {e}", dir.display())))?;
    }
    let mut secret = [0u8; 32];
    rand::RngCore::fill_bytes(&mut rand::rng(), &mut secret);
    let file = KeyFile {
        note: "The trust's key for signing Open Badges. Keep it secret and back it up: \
               without it, Waymark cannot sign new badges that match the published key."
            .to_owned(),
        ed25519_secret_hex: hex::encode(secret),
    };
    let text = serde_json::to_string_pretty(&file).expect("a key file serialises");
    let draft = path.with_extension(format!("new-{}", hex::encode(&secret[..4])));
    write_private(&draft, &text)?;
    let linked = std::fs::hard_link(&draft, path);
    let _ = std::fs::remove_file(&draft);
    match linked {
        Ok(()) => {
            tracing::info!(path = %path.display(), "made the trust's key for signing badges");
            parse(path, &text)
        }
        Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {
            let text = std::fs::read_to_string(path)
                .map_err(|e| AppError::internal(format!("reading {}: {e}", path.display())))?;
            parse(path, &text)
        }
        Err(e) => Err(AppError::internal(format!(
            "placing {}: {e}",
            path.display()
        ))),
    }
}

fn write_private(path: &Path, text: &str) -> Result<(), AppError> {
    use std::io::Write;
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
    let mut file = options
        .open(path)
        .map_err(|e| AppError::internal(format!("writing {}: {e}", path.display())))?;
    file.write_all(text.as_bytes())
        .and_then(|()| file.sync_all())
        .map_err(|e| AppError::internal(format!("writing {}: {e}", path.display())))
}

fn parse(path: &Path, text: &str) -> Result<SigningKey, AppError> {
    let bad = |why: &str| AppError::internal(format!("the key file {} {why}", path.display()));
    let file: KeyFile = serde_json::from_str(text).map_err(|_| bad("is not a Waymark key file"))?;
    let bytes = hex::decode(file.ed25519_secret_hex.trim()).map_err(|_| bad("is not hex"))?;
    let secret: [u8; 32] = bytes
        .try_into()
        .map_err(|_| bad("does not hold 32 bytes"))?;
    Ok(SigningKey::from_bytes(&secret))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::recognition::badge::{self, Achievement, Award, Issuer};

    const ISSUER: Issuer = Issuer {
        base: "http://127.0.0.1:3000",
        name: "Test Trust",
    };

    fn key_path(name: &str) -> PathBuf {
        let dir = std::env::temp_dir().join(format!(
            "waymark-seal-{name}-{}",
            hex::encode(rand::random::<[u8; 6]>())
        ));
        dir.join("trust-key.json")
    }

    fn award() -> Value {
        badge::credential(
            &ISSUER,
            &Award {
                public_id: "00112233445566778899aabbccddeeff",
                name: "Trust contributor",
                citation: "For leading maths across three academies.",
                awarded_on: chrono::NaiveDate::from_ymd_opt(2026, 5, 1).unwrap(),
                achievement: Achievement::of_milestone(
                    &ISSUER,
                    1,
                    "Trust contributor",
                    "",
                    "5 activities",
                ),
            },
        )
    }

    async fn signed(seal: &Seal) -> Value {
        seal.sign(award(), &ISSUER.key_id(), &ISSUER.id())
            .await
            .expect("signs")
    }

    async fn check(seal: &Seal, credential: &Value) -> Checked {
        seal.check(&credential.to_string(), &ISSUER.key_id(), &ISSUER.id())
            .await
            .expect("checks")
    }

    #[tokio::test]
    async fn a_key_is_made_on_first_use_and_read_back_afterwards() {
        let path = key_path("first-use");
        assert!(!path.exists());
        let first = Seal::new(&path)
            .public_multibase(&ISSUER.key_id(), &ISSUER.id())
            .await
            .unwrap();
        assert!(path.exists(), "the key is kept in its file");
        assert!(first.starts_with("z6Mk"), "an Ed25519 Multikey: {first}");
        let again = Seal::new(&path)
            .public_multibase(&ISSUER.key_id(), &ISSUER.id())
            .await
            .unwrap();
        assert_eq!(first, again);
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = std::fs::metadata(&path).unwrap().permissions().mode();
            assert_eq!(mode & 0o077, 0, "only its owner may read the key");
        }
        std::fs::remove_dir_all(path.parent().unwrap()).ok();
    }

    #[tokio::test]
    async fn seals_made_at_once_on_one_file_share_one_key() {
        let path = key_path("race");
        let keys = futures_join(
            (0..8)
                .map(|_| {
                    let seal = Seal::new(&path);
                    tokio::spawn(async move {
                        seal.public_multibase(&ISSUER.key_id(), &ISSUER.id())
                            .await
                            .unwrap()
                    })
                })
                .collect(),
        )
        .await;
        assert!(keys.windows(2).all(|w| w[0] == w[1]), "{keys:?}");
        let left: Vec<_> = std::fs::read_dir(path.parent().unwrap()).unwrap().collect();
        assert_eq!(left.len(), 1, "no drafts are left behind");
        std::fs::remove_dir_all(path.parent().unwrap()).ok();
    }

    async fn futures_join(handles: Vec<tokio::task::JoinHandle<String>>) -> Vec<String> {
        let mut out = Vec::new();
        for handle in handles {
            out.push(handle.await.unwrap());
        }
        out
    }

    #[tokio::test]
    async fn a_signed_credential_checks_as_genuine_and_carries_an_eddsa_rdfc_2022_proof() {
        let path = key_path("genuine");
        let seal = Seal::new(&path);
        let credential = signed(&seal).await;
        assert_eq!(credential["proof"]["type"], "DataIntegrityProof");
        assert_eq!(credential["proof"]["cryptosuite"], "eddsa-rdfc-2022");
        assert_eq!(credential["proof"]["proofPurpose"], "assertionMethod");
        assert_eq!(
            credential["proof"]["verificationMethod"],
            ISSUER.key_id().as_str()
        );
        assert_eq!(check(&seal, &credential).await, Checked::Genuine);
        std::fs::remove_dir_all(path.parent().unwrap()).ok();
    }

    #[tokio::test]
    async fn a_changed_credential_is_not_genuine() {
        let path = key_path("changed");
        let seal = Seal::new(&path);
        let mut credential = signed(&seal).await;
        credential["name"] = "Trust leader".into();
        assert!(matches!(
            check(&seal, &credential).await,
            Checked::NotGenuine(_)
        ));
        std::fs::remove_dir_all(path.parent().unwrap()).ok();
    }

    #[tokio::test]
    async fn a_credential_signed_with_another_key_is_not_genuine() {
        let (ours, theirs) = (key_path("ours"), key_path("theirs"));
        let credential = signed(&Seal::new(&theirs)).await;
        assert!(matches!(
            check(&Seal::new(&ours), &credential).await,
            Checked::NotGenuine(_)
        ));
        std::fs::remove_dir_all(ours.parent().unwrap()).ok();
        std::fs::remove_dir_all(theirs.parent().unwrap()).ok();
    }

    #[tokio::test]
    async fn text_that_is_no_credential_is_unreadable() {
        let path = key_path("unreadable");
        let seal = Seal::new(&path);
        for text in ["hello", "{}", "{\"proof\": 3}"] {
            let found = seal
                .check(text, &ISSUER.key_id(), &ISSUER.id())
                .await
                .unwrap();
            assert!(matches!(found, Checked::Unreadable(_)), "{text}: {found:?}");
        }
        std::fs::remove_dir_all(path.parent().unwrap()).ok();
    }

    #[test]
    fn a_damaged_key_file_is_refused_rather_than_replaced() {
        let path = key_path("damaged");
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(&path, "not a key").unwrap();
        assert!(open_or_make(&path).is_err());
        assert_eq!(std::fs::read_to_string(&path).unwrap(), "not a key");
        std::fs::remove_dir_all(path.parent().unwrap()).ok();
    }
}
