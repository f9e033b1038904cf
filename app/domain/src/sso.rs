//! Single sign-on rules: which identities a provider vouches for are let in, and whom they
//! are. The ID token's signature, issuer, audience, expiry and nonce are checked before any of
//! this (by the `openidconnect` crate, on the server); these are the trust's own rules on top.

use serde::{Deserialize, Serialize};

/// Where someone can sign in besides their Waymark password.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Provider {
    /// Microsoft Entra ID, the trust's own tenant only.
    Microsoft,
    /// Google Workspace, the trust's own domain only.
    Google,
}

impl Provider {
    pub const ALL: &'static [Provider] = &[Provider::Microsoft, Provider::Google];

    /// As stored, and in addresses (`/sign-in/microsoft`).
    pub fn code(self) -> &'static str {
        match self {
            Provider::Microsoft => "microsoft",
            Provider::Google => "google",
        }
    }

    pub fn from_code(code: &str) -> Option<Self> {
        Self::ALL.iter().copied().find(|p| p.code() == code)
    }

    /// As people know it.
    pub fn label(self) -> &'static str {
        match self {
            Provider::Microsoft => "Microsoft",
            Provider::Google => "Google",
        }
    }

    /// Where the browser starts signing in with this provider.
    pub fn start_path(self) -> String {
        format!("/sign-in/{}", self.code())
    }
}

/// What a provider told us about the person, once its ID token has been checked.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Identity {
    pub provider: Provider,
    /// The provider's stable id for the account.
    pub subject: String,
    pub email: Option<String>,
    /// The provider says the e-mail address belongs to this account.
    pub email_verified: bool,
    /// Microsoft's `tid`: the tenant the account belongs to.
    pub tenant: Option<String>,
    /// Google's `hd`: the Workspace domain the account belongs to (none for a personal account).
    pub domain: Option<String>,
}

/// The trust's own tenant or domain, as configured.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Boundary {
    Tenant(String),
    Domain(String),
}

/// Why a checked identity is not let in. Each has a plain sentence for the person.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Refusal {
    /// The account belongs to another Microsoft tenant.
    OtherTenant,
    /// The account is not in the trust's Google Workspace domain.
    OtherDomain,
    /// The provider did not vouch for an e-mail address.
    NoVerifiedEmail,
    /// The provider's answer did not check out: signature, issuer, audience, expiry, nonce.
    BadToken,
    /// The sign-in was not started here, was already used, or took too long.
    Stale,
    /// The person cancelled, or the provider refused them.
    Cancelled,
    /// The provider could not be reached.
    Unavailable,
    /// The person's record is linked to a different account with this provider.
    OtherAccount,
}

impl Refusal {
    pub const ALL: &'static [Refusal] = &[
        Refusal::OtherTenant,
        Refusal::OtherDomain,
        Refusal::NoVerifiedEmail,
        Refusal::BadToken,
        Refusal::Stale,
        Refusal::Cancelled,
        Refusal::Unavailable,
        Refusal::OtherAccount,
    ];

    /// As carried in the sign-in page's address.
    pub fn code(self) -> &'static str {
        match self {
            Refusal::OtherTenant => "other-tenant",
            Refusal::OtherDomain => "other-domain",
            Refusal::NoVerifiedEmail => "no-verified-email",
            Refusal::BadToken => "bad-token",
            Refusal::Stale => "stale",
            Refusal::Cancelled => "cancelled",
            Refusal::Unavailable => "unavailable",
            Refusal::OtherAccount => "other-account",
        }
    }

    pub fn from_code(code: &str) -> Option<Self> {
        Self::ALL.iter().copied().find(|r| r.code() == code)
    }

    /// What the person reads on the sign-in page.
    pub fn message(self) -> &'static str {
        match self {
            Refusal::OtherTenant => {
                "That account belongs to another organisation. Sign in with your trust account."
            }
            Refusal::OtherDomain => {
                "That Google account is not one of the trust's. Sign in with your trust account."
            }
            Refusal::NoVerifiedEmail => {
                "Your account did not confirm an e-mail address, so Waymark cannot tell who you \
                 are. Ask your administrator."
            }
            Refusal::BadToken => {
                "The sign-in could not be confirmed, so you have not been signed in. Please try again."
            }
            Refusal::Stale => "That sign-in had expired or was already used. Please start again.",
            Refusal::Cancelled => "Signing in was cancelled. You have not been signed in.",
            Refusal::Unavailable => {
                "The sign-in service is not answering just now. Please try again in a few minutes."
            }
            Refusal::OtherAccount => {
                "Your Waymark record is linked to a different account. Sign in with that one, or \
                 ask your administrator."
            }
        }
    }
}

/// An identity the trust's rules accept: its e-mail address, lower-cased.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Admitted {
    pub email: String,
}

/// Applies the trust's boundary and the verified-e-mail rule to a checked identity.
pub fn admit(identity: &Identity, boundary: &Boundary) -> Result<Admitted, Refusal> {
    match boundary {
        Boundary::Tenant(tenant) => {
            if identity.tenant.as_deref() != Some(tenant.as_str()) {
                return Err(Refusal::OtherTenant);
            }
        }
        Boundary::Domain(domain) => {
            let same = identity
                .domain
                .as_deref()
                .is_some_and(|hd| hd.eq_ignore_ascii_case(domain));
            if !same {
                return Err(Refusal::OtherDomain);
            }
        }
    }
    let email = identity
        .email
        .as_deref()
        .map(str::trim)
        .filter(|e| !e.is_empty() && e.contains('@'))
        .filter(|_| identity.email_verified)
        .ok_or(Refusal::NoVerifiedEmail)?;
    Ok(Admitted {
        email: email.to_ascii_lowercase(),
    })
}

/// A person a sign-in could belong to.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Candidate {
    pub person: i64,
    pub active: bool,
    /// Already linked to an account with this provider: `Some(true)` if it is this account.
    pub linked: Option<bool>,
}

/// Whom a sign-in belongs to.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Match {
    /// This person: start their session (and link the account if it is not yet).
    Person { person: i64, link: bool },
    /// Nobody active: the "ask your administrator" page. Waymark never registers anyone itself.
    Unknown,
    /// The e-mail belongs to a person whose record is linked to another account.
    Refused(Refusal),
}

/// Decides whom a sign-in belongs to: the person already linked to this account, else the
/// active person with the verified e-mail address, unless their record is linked to another
/// account with the same provider.
pub fn match_person(by_subject: Option<Candidate>, by_email: Option<Candidate>) -> Match {
    if let Some(linked) = by_subject {
        return if linked.active {
            Match::Person {
                person: linked.person,
                link: false,
            }
        } else {
            Match::Unknown
        };
    }
    match by_email {
        Some(c) if !c.active => Match::Unknown,
        Some(c) if c.linked == Some(false) => Match::Refused(Refusal::OtherAccount),
        Some(c) => Match::Person {
            person: c.person,
            link: c.linked.is_none(),
        },
        None => Match::Unknown,
    }
}

/// Why administrators may not require single sign-on yet.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CannotRequire {
    /// No provider is configured: nobody could sign in at all.
    NoProvider,
    /// The administrator has not signed in with a provider themselves, so nobody knows it works.
    NotTriedByYou,
}

impl CannotRequire {
    pub fn message(self) -> &'static str {
        match self {
            CannotRequire::NoProvider => {
                "No single sign-on is set up on this server, so nobody could sign in. Set up \
                 Microsoft or Google sign-in first."
            }
            CannotRequire::NotTriedByYou => {
                "Sign in with Microsoft or Google yourself first, so you know it works before \
                 passwords stop."
            }
        }
    }
}

/// Passwords may be switched off only when a provider is set up and the administrator doing
/// it has signed in with one.
pub fn may_require_sso(
    providers: &[Provider],
    admin_has_linked: bool,
) -> Result<(), CannotRequire> {
    if providers.is_empty() {
        return Err(CannotRequire::NoProvider);
    }
    if !admin_has_linked {
        return Err(CannotRequire::NotTriedByYou);
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn microsoft(tenant: Option<&str>, email: Option<&str>, verified: bool) -> Identity {
        Identity {
            provider: Provider::Microsoft,
            subject: "sub-1".into(),
            email: email.map(Into::into),
            email_verified: verified,
            tenant: tenant.map(Into::into),
            domain: None,
        }
    }

    fn google(domain: Option<&str>) -> Identity {
        Identity {
            provider: Provider::Google,
            subject: "sub-2".into(),
            email: Some("Ada@Meridian.test".into()),
            email_verified: true,
            tenant: None,
            domain: domain.map(Into::into),
        }
    }

    const TENANT: &str = "7c1a";

    #[test]
    fn an_account_in_the_trusts_tenant_with_a_verified_email_is_let_in_lower_cased() {
        let id = microsoft(Some(TENANT), Some("Ada.Lovelace@Meridian.test"), true);
        assert_eq!(
            admit(&id, &Boundary::Tenant(TENANT.into())),
            Ok(Admitted {
                email: "ada.lovelace@meridian.test".into()
            })
        );
    }

    #[test]
    fn an_account_from_another_tenant_or_none_is_refused() {
        let boundary = Boundary::Tenant(TENANT.into());
        for tenant in [Some("other"), None] {
            let id = microsoft(tenant, Some("a@b.test"), true);
            assert_eq!(admit(&id, &boundary), Err(Refusal::OtherTenant));
        }
    }

    #[test]
    fn a_google_account_must_be_in_the_trusts_workspace_domain() {
        let boundary = Boundary::Domain("meridian.test".into());
        assert!(admit(&google(Some("Meridian.test")), &boundary).is_ok());
        assert_eq!(
            admit(&google(Some("elsewhere.test")), &boundary),
            Err(Refusal::OtherDomain)
        );
        // A personal gmail account has no `hd` at all.
        assert_eq!(admit(&google(None), &boundary), Err(Refusal::OtherDomain));
    }

    #[test]
    fn an_unverified_or_missing_email_is_refused() {
        let boundary = Boundary::Tenant(TENANT.into());
        let unverified = microsoft(Some(TENANT), Some("a@b.test"), false);
        assert_eq!(admit(&unverified, &boundary), Err(Refusal::NoVerifiedEmail));
        let missing = microsoft(Some(TENANT), None, true);
        assert_eq!(admit(&missing, &boundary), Err(Refusal::NoVerifiedEmail));
        let blank = microsoft(Some(TENANT), Some("  "), true);
        assert_eq!(admit(&blank, &boundary), Err(Refusal::NoVerifiedEmail));
    }

    fn candidate(person: i64, active: bool, linked: Option<bool>) -> Option<Candidate> {
        Some(Candidate {
            person,
            active,
            linked,
        })
    }

    #[test]
    fn a_linked_account_signs_in_its_person_whatever_the_email_says_now() {
        assert_eq!(
            match_person(candidate(4, true, Some(true)), candidate(9, true, None)),
            Match::Person {
                person: 4,
                link: false
            }
        );
    }

    #[test]
    fn the_first_sign_in_by_verified_email_links_the_account() {
        assert_eq!(
            match_person(None, candidate(9, true, None)),
            Match::Person {
                person: 9,
                link: true
            }
        );
    }

    #[test]
    fn nobody_is_registered_by_signing_in() {
        assert_eq!(match_person(None, None), Match::Unknown);
    }

    #[test]
    fn a_departed_person_is_not_let_in_by_either_route() {
        assert_eq!(
            match_person(candidate(4, false, Some(true)), None),
            Match::Unknown
        );
        assert_eq!(
            match_person(None, candidate(4, false, None)),
            Match::Unknown
        );
    }

    #[test]
    fn an_email_whose_person_is_linked_to_another_account_is_refused() {
        assert_eq!(
            match_person(None, candidate(9, true, Some(false))),
            Match::Refused(Refusal::OtherAccount)
        );
    }

    #[test]
    fn passwords_stay_on_until_a_provider_is_set_up_and_tried_by_the_administrator() {
        assert_eq!(may_require_sso(&[], true), Err(CannotRequire::NoProvider));
        assert_eq!(
            may_require_sso(&[Provider::Google], false),
            Err(CannotRequire::NotTriedByYou)
        );
        assert_eq!(may_require_sso(&[Provider::Microsoft], true), Ok(()));
    }

    #[test]
    fn every_refusal_and_provider_reads_back_from_its_code() {
        for r in Refusal::ALL {
            assert_eq!(Refusal::from_code(r.code()), Some(*r));
            assert!(r.message().ends_with('.'));
        }
        for p in Provider::ALL {
            assert_eq!(Provider::from_code(p.code()), Some(*p));
        }
        assert_eq!(Provider::from_code("okta"), None);
    }
}
