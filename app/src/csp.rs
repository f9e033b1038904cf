//! The Content-Security-Policy every page is sent with. Scripts run only when they carry the
//! page's nonce (a new one for every response, put on Leptos's own hydration scripts by
//! leptos itself) or are loaded by one that does (`'strict-dynamic'`): the app's module and its
//! WebAssembly. A script that someone managed to write into a page has no nonce, so it does not
//! run, whatever else went wrong.

/// The policy for a page rendered with `nonce`.
pub fn page_policy(nonce: &str) -> String {
    [
        "default-src 'self'".to_owned(),
        format!("script-src 'nonce-{nonce}' 'strict-dynamic' 'wasm-unsafe-eval'"),
        // The stylesheet, and Leptos's own nonce-carrying <style>s; `style="…"` attributes (the
        // width of a bar in a chart) are allowed, `<style>` elements without the nonce are not.
        format!("style-src 'self' 'nonce-{nonce}'"),
        "style-src-attr 'unsafe-inline'".to_owned(),
        "img-src 'self' data:".to_owned(),
        "font-src 'self'".to_owned(),
        "connect-src 'self'".to_owned(),
        "form-action 'self'".to_owned(),
        "object-src 'none'".to_owned(),
        "base-uri 'none'".to_owned(),
        "frame-ancestors 'none'".to_owned(),
    ]
    .join("; ")
}

/// For an HTML answer that was not rendered as a page (so has no nonce): nothing runs at all.
pub const NO_SCRIPT_POLICY: &str = "default-src 'self'; script-src 'none'; object-src 'none'; \
     base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

/// Sets the page's policy on the response being rendered (server only).
#[cfg(feature = "ssr")]
pub fn set_page_policy() {
    use leptos::prelude::use_context;
    let nonce = match leptos::nonce::use_nonce() {
        Some(nonce) => nonce,
        None => {
            leptos::nonce::provide_nonce();
            match leptos::nonce::use_nonce() {
                Some(nonce) => nonce,
                None => return,
            }
        }
    };
    let Some(response) = use_context::<leptos_axum::ResponseOptions>() else {
        return;
    };
    if let Ok(value) = http::HeaderValue::from_str(&page_policy(&nonce.to_string())) {
        response.insert_header(http::header::CONTENT_SECURITY_POLICY, value);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_scripts_with_the_pages_nonce_run_and_nothing_frames_the_page() {
        let policy = page_policy("abc123");
        assert!(policy.contains("script-src 'nonce-abc123' 'strict-dynamic' 'wasm-unsafe-eval'"));
        assert!(!policy.contains("'unsafe-inline' ") && !policy.contains("script-src 'self'"));
        for must in [
            "object-src 'none'",
            "base-uri 'none'",
            "frame-ancestors 'none'",
        ] {
            assert!(policy.contains(must), "{must}");
        }
    }

    #[test]
    fn inline_style_is_allowed_only_as_attributes() {
        let policy = page_policy("n");
        assert!(policy.contains("style-src 'self' 'nonce-n'"));
        assert!(policy.contains("style-src-attr 'unsafe-inline'"));
    }

    #[test]
    fn an_html_answer_without_a_nonce_runs_no_script() {
        assert!(NO_SCRIPT_POLICY.contains("script-src 'none'"));
    }
}
