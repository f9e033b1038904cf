//! Building addresses: the one percent-encoder for values put into a query string.

/// Percent-encodes `s` for use as one query-string value. `/` is left as it is (it is
/// allowed there and keeps addresses readable); everything but unreserved characters is
/// encoded, so `&`, `=`, `?`, `#` and spaces cannot change the address's meaning.
pub fn encode_query_value(s: &str) -> String {
    const HEX: &[u8; 16] = b"0123456789ABCDEF";
    let mut encoded = String::with_capacity(s.len());
    for b in s.bytes() {
        match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' | b'/' => {
                encoded.push(char::from(b));
            }
            _ => {
                encoded.push('%');
                encoded.push(char::from(HEX[usize::from(b >> 4)]));
                encoded.push(char::from(HEX[usize::from(b & 0x0F)]));
            }
        }
    }
    encoded
}

#[cfg(test)]
mod tests {
    use super::encode_query_value;

    #[test]
    fn characters_that_would_change_the_address_are_encoded() {
        assert_eq!(
            encode_query_value("/people?q=a b&x=1#top"),
            "/people%3Fq%3Da%20b%26x%3D1%23top"
        );
        assert_eq!(encode_query_value("Ó"), "%C3%93");
    }
}
