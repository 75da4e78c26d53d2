//! Reading UTF-8 a character at a time in the hot loops of normalising,
//! tokenising and language detection. News text is ASCII and two-byte
//! characters (Arabic, accented Latin), so those are decoded inline; the
//! rare longer ones go through the standard decoder. An Arabic letter is
//! classified from its two bytes by an [`ArabicBlockSet`], without
//! decoding at all.

/// The character starting at byte `at` of `text` (a character boundary)
/// and its length in bytes.
#[inline]
pub(crate) fn char_at(text: &str, at: usize) -> (char, usize) {
    let bytes = text.as_bytes();
    let lead = bytes[at];
    if lead < 0x80 {
        return (char::from(lead), 1);
    }
    if lead < 0xE0 {
        return (two_byte_char(lead, bytes[at + 1]), 2);
    }
    let c = text[at..]
        .chars()
        .next()
        .unwrap_or(char::REPLACEMENT_CHARACTER);
    (c, c.len_utf8())
}

/// The character of a two-byte sequence: `lead` in 0xC0..0xE0 followed by
/// the continuation byte `next`.
#[inline]
pub(crate) fn two_byte_char(lead: u8, next: u8) -> char {
    let value = (u32::from(lead & 0x1F) << 6) | u32::from(next & 0x3F);
    char::from_u32(value).unwrap_or(char::REPLACEMENT_CHARACTER)
}

/// A set of characters of the Arabic block, U+0600..U+06FF: the two-byte
/// sequences led by 0xD8..=0xDB, one bit per character.
pub(crate) struct ArabicBlockSet([u64; 4]);

impl ArabicBlockSet {
    /// The characters of the block that `included` accepts.
    pub(crate) fn of(included: impl Fn(char) -> bool) -> ArabicBlockSet {
        let mut rows = [0u64; 4];
        for (row, bits) in rows.iter_mut().enumerate() {
            for column in 0..64u32 {
                let c = char::from_u32(0x600 + 64 * row as u32 + column);
                if c.is_some_and(&included) {
                    *bits |= 1 << column;
                }
            }
        }
        ArabicBlockSet(rows)
    }

    /// For the character whose first two bytes are `lead` and `next`:
    /// whether the set holds it, or `None` when it is outside the block.
    #[inline]
    pub(crate) fn get(&self, lead: u8, next: u8) -> Option<bool> {
        let row = self.0.get(usize::from(lead.wrapping_sub(0xD8)))?;
        Some(row >> (next & 0x3F) & 1 == 1)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_character_decodes_to_itself_with_its_length() {
        for c in (0..=u32::from(char::MAX)).filter_map(char::from_u32) {
            let text = format!("a{c}b");
            assert_eq!(char_at(&text, 1), (c, c.len_utf8()), "{:X}", u32::from(c));
        }
    }

    #[test]
    fn a_block_set_answers_for_its_block_and_nothing_else() {
        let letters = ArabicBlockSet::of(|c| c.is_alphabetic());
        for c in (0..=u32::from(char::MAX)).filter_map(char::from_u32) {
            let mut bytes = [0; 4];
            let encoded = c.encode_utf8(&mut bytes).as_bytes();
            let next = encoded.get(1).copied().unwrap_or(0);
            let expected = ('\u{600}'..='\u{6FF}')
                .contains(&c)
                .then(|| c.is_alphabetic());
            assert_eq!(
                letters.get(encoded[0], next),
                expected,
                "{:X}",
                u32::from(c)
            );
        }
    }
}
