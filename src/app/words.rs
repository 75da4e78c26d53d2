//! Counts in messages and headers, with the noun in the number's form:
//! `1 outlet`, `3 outlets`, never `1 outlets`.

/// `count` and `noun`, in the plural unless `count` is 1 (the nouns the
/// reader counts take an `s`).
pub fn counted(count: usize, noun: &str) -> String {
    if count == 1 {
        format!("1 {noun}")
    } else {
        format!("{count} {noun}s")
    }
}

#[cfg(test)]
mod tests {
    use super::counted;

    #[test]
    fn one_is_singular_and_every_other_count_plural() {
        assert_eq!(counted(1, "outlet"), "1 outlet");
        assert_eq!(counted(0, "article"), "0 articles");
        assert_eq!(counted(12, "statement"), "12 statements");
    }
}
