//! Markdown as people write it in the framework, rendered to HTML that can never run script.
//!
//! Two layers: raw HTML in the Markdown is turned into plain text before rendering, and the
//! rendered HTML then passes an allow-list sanitiser (ammonia) that keeps only simple text
//! tags and `http`, `https` and `mailto` links. Rendering happens on the server only.

use ammonia::Builder;
use pulldown_cmark::{Event, Options, Parser, Tag, html};
use std::collections::HashSet;
use std::sync::OnceLock;

/// Tags the rendered HTML may contain; everything else is removed (its text kept).
pub const ALLOWED_TAGS: &[&str] = &[
    "p",
    "br",
    "hr",
    "em",
    "strong",
    "del",
    "code",
    "pre",
    "blockquote",
    "ul",
    "ol",
    "li",
    "a",
    "h3",
    "h4",
    "h5",
    "h6",
    "table",
    "thead",
    "tbody",
    "tr",
    "th",
    "td",
];

fn sanitiser() -> &'static Builder<'static> {
    static SANITISER: OnceLock<Builder<'static>> = OnceLock::new();
    SANITISER.get_or_init(|| {
        let mut builder = Builder::empty();
        builder
            .tags(ALLOWED_TAGS.iter().copied().collect::<HashSet<_>>())
            .tag_attributes(
                [("a", ["href"].into_iter().collect())]
                    .into_iter()
                    .collect(),
            )
            .url_schemes(["http", "https", "mailto"].into_iter().collect())
            .link_rel(Some("noopener noreferrer nofollow"))
            .strip_comments(true);
        builder
    })
}

/// Renders Markdown to safe HTML.
pub fn render(markdown: &str) -> String {
    let mut options = Options::empty();
    options.insert(Options::ENABLE_TABLES);
    options.insert(Options::ENABLE_STRIKETHROUGH);
    // Raw HTML is shown as the characters typed, never interpreted.
    let events = Parser::new_ext(markdown, options).map(|event| match event {
        Event::Html(raw) | Event::InlineHtml(raw) => Event::Text(raw),
        // Link titles are dropped: only the address is kept.
        Event::Start(Tag::Link {
            link_type,
            dest_url,
            id,
            ..
        }) => Event::Start(Tag::Link {
            link_type,
            dest_url,
            title: "".into(),
            id,
        }),
        other => other,
    });
    let mut unsafe_html = String::with_capacity(markdown.len() * 3 / 2);
    html::push_html(&mut unsafe_html, events);
    sanitiser().clean(&unsafe_html).to_string()
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// Every tag in `html` with its attributes, lower-cased. Text `<` is always escaped as
    /// `&lt;` in the output, so each raw `<` starts a tag.
    fn tags(html: &str) -> Vec<(String, Vec<(String, String)>)> {
        let mut out = Vec::new();
        let mut rest = html;
        while let Some(start) = rest.find('<') {
            let after = &rest[start + 1..];
            let end = after.find('>').expect("every tag is closed");
            let inside = after[..end].trim_start_matches('/').to_lowercase();
            let mut parts = inside.splitn(2, char::is_whitespace);
            let name = parts.next().unwrap_or("").trim_end_matches('/').to_owned();
            let mut attrs = Vec::new();
            let mut attr_text = parts.next().unwrap_or("").trim();
            while let Some(eq) = attr_text.find("=\"") {
                let key = attr_text[..eq].trim().to_owned();
                let value_start = &attr_text[eq + 2..];
                let close = value_start.find('"').expect("quoted");
                attrs.push((key, value_start[..close].to_owned()));
                attr_text = value_start[close + 1..].trim();
            }
            out.push((name, attrs));
            rest = &after[end + 1..];
        }
        out
    }

    /// The safety property: only allowed tags, only `href` and `rel` on links, and every
    /// `href` a web or mail address or a link within this site (no scheme at all).
    fn assert_safe(html: &str) {
        for (name, attrs) in tags(html) {
            assert!(
                ALLOWED_TAGS.contains(&name.as_str()),
                "tag <{name}> in {html}"
            );
            for (key, value) in attrs {
                assert!(
                    name == "a" && (key == "href" || key == "rel"),
                    "attribute {key} on <{name}> in {html}"
                );
                if key == "href" {
                    // A browser reads a scheme only as letters, digits, `+`, `-` or `.` before a
                    // colon, starting with a letter (after trimming spaces and control
                    // characters); anything else is a path on this site.
                    let trimmed = value.trim_matches(|c: char| c.is_whitespace() || c.is_control());
                    let scheme = trimmed.split_once(':').map(|(s, _)| s).filter(|s| {
                        s.chars().next().is_some_and(|c| c.is_ascii_alphabetic())
                            && s.chars()
                                .all(|c| c.is_ascii_alphanumeric() || "+-.".contains(c))
                    });
                    assert!(
                        !trimmed.contains("&#") && !trimmed.contains('\t'),
                        "encoded href {value} in {html}"
                    );
                    assert!(
                        scheme.is_none_or(|s| ["http", "https", "mailto"].contains(&s)),
                        "href {value} in {html}"
                    );
                }
            }
        }
    }

    const XSS_CORPUS: &[&str] = &[
        "<script>alert(1)</script>",
        "<SCRIPT SRC=//evil.example/x.js></SCRIPT>",
        "<style>body{display:none}</style>",
        "<img src=x onerror=alert(1)>",
        "<svg onload=alert(1)><circle r=1/></svg>",
        "<svg><script>alert(1)</script></svg>",
        "<a href=\"javascript:alert(1)\">click</a>",
        "[click](javascript:alert(1))",
        "[click](JaVaScRiPt:alert(1))",
        "[click](java\tscript:alert(1))",
        "[click](&#106;avascript:alert(1))",
        "[click](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
        "![x](javascript:alert(1))",
        "![x](https://evil.example/pixel.png)",
        "[x](vbscript:msgbox(1))",
        "<div onclick=\"alert(1)\">hi</div>",
        "<p onmouseover=alert(1)>hover</p>",
        "<iframe src=\"https://evil.example\"></iframe>",
        "<object data=\"x\"></object><embed src=x>",
        "<form action=https://evil.example><input name=x></form>",
        "<meta http-equiv=refresh content=0;url=https://evil.example>",
        "<base href=https://evil.example/>",
        "<<script>script>alert(1)<</script>/script>",
        "<scr<script>ipt>alert(1)</script>",
        "<a href=\"https://ok.example\" onclick=\"alert(1)\">ok</a>",
        "<b><i>unclosed <u>nesting</b></i>",
        "</p></li></ul><script>alert(1)</script>",
        "<!-- <script>alert(1)</script> -->",
        "<math><mi xlink:href=\"javascript:alert(1)\">x</mi></math>",
        "<details open ontoggle=alert(1)>",
        "<a href=\"  javascript:alert(1)\">spaced</a>",
        "[a](<javascript:alert(1)>)",
        "```html\n<script>alert(1)</script>\n```",
        "`<script>alert(1)</script>`",
        "| a | b |\n|---|---|\n| <script>alert(1)</script> | <img src=x onerror=alert(1)> |",
    ];

    #[test]
    fn no_payload_in_the_xss_corpus_survives_as_markup() {
        for payload in XSS_CORPUS {
            let html = render(payload);
            assert_safe(&html);
            assert!(
                !html.to_lowercase().contains("<script"),
                "{payload} → {html}"
            );
        }
    }

    #[test]
    fn raw_html_is_shown_as_the_characters_typed() {
        assert_eq!(render("<b>bold?</b>"), "<p>&lt;b&gt;bold?&lt;/b&gt;</p>\n");
    }

    #[test]
    fn ordinary_markdown_keeps_its_meaning() {
        let html =
            render("Leads **with purpose**.\n\n- one\n- two\n\n[Read more](https://example.org/x)");
        assert!(html.contains("<strong>with purpose</strong>"));
        assert!(html.contains("<li>one</li>"));
        assert!(html.contains(
            "<a href=\"https://example.org/x\" rel=\"noopener noreferrer nofollow\">Read more</a>"
        ));
    }

    #[test]
    fn a_link_title_is_dropped_and_only_the_address_kept() {
        let html = render(r#"[x](><svg "[x](")"#);
        assert!(!html.contains("title="), "{html}");
        assert_safe(&html);
    }

    #[test]
    fn images_are_not_embedded() {
        let html = render("![tracker](https://evil.example/pixel.png)");
        assert!(!html.contains("<img"));
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(512))]

        #[test]
        fn no_input_renders_to_anything_outside_the_allow_list(input in "\\PC{0,200}") {
            assert_safe(&render(&input));
        }

        #[test]
        fn no_mix_of_html_fragments_renders_to_unsafe_markup(
            parts in proptest::collection::vec(
                prop_oneof![
                    Just("<script>"), Just("</script>"), Just("<img src=x "), Just("onerror="),
                    Just("javascript:"), Just("<a href=\""), Just("\">"), Just("[x]("), Just(")"),
                    Just("<svg "), Just("onload=alert(1)"), Just("data:text/html,"), Just("<"),
                    Just(">"), Just("\""), Just("'"), Just("&#"), Just("\n\n"), Just("`"), Just("**"),
                ],
                0..24,
            )
        ) {
            assert_safe(&render(&parts.concat()));
        }
    }
}
