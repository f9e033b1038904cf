//! Text people wrote, put back into a `<textarea>`. On the server, tachys 0.2 writes a
//! textarea's text children as they are, unescaped, so text holding `</textarea>` would end
//! the element and whatever followed (a `<script>`) would run as part of the page. So every
//! textarea is given its text through [`textarea_text`] as `inner_html`: escaped here, read
//! back by the browser as the very same text, on the server's page and after hydration alike.

/// `text` escaped to stand as a textarea's contents.
pub fn textarea_text(text: &str) -> String {
    let mut escaped = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => escaped.push_str("&amp;"),
            '<' => escaped.push_str("&lt;"),
            '>' => escaped.push_str("&gt;"),
            c => escaped.push(c),
        }
    }
    escaped
}

#[cfg(test)]
mod tests {
    use super::textarea_text;

    #[test]
    fn text_that_would_close_the_textarea_is_escaped() {
        assert_eq!(
            textarea_text("</textarea><script>x()</script>"),
            "&lt;/textarea&gt;&lt;script&gt;x()&lt;/script&gt;"
        );
    }

    #[test]
    fn ampersands_are_escaped_and_everything_else_is_kept() {
        assert_eq!(
            textarea_text("Fish & chips\n  **bold** “quoted”"),
            "Fish &amp; chips\n  **bold** “quoted”"
        );
    }
}
