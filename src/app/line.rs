//! A line of text being typed: the filter box, and the search within an
//! article. It is edited as readline users expect (the keymap turns Ctrl-U,
//! Ctrl-W, Ctrl-A/E, Alt-B/F and the like into [`LineEdit`]s). The text is
//! kept in logical order and the cursor is a byte offset into it, always on
//! a character boundary; how it shows on screen (Arabic right to left) is
//! the widget's business.

/// One editing step.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum LineEdit {
    /// Insert a character at the cursor.
    Insert(char),
    /// Delete the character before the cursor.
    Backspace,
    /// Delete the character after the cursor.
    Delete,
    /// One character towards the start of the text.
    Back,
    /// One character towards the end of the text.
    Forward,
    /// To the start of this or the previous word (Alt-B).
    WordBack,
    /// To the end of this or the next word (Alt-F).
    WordForward,
    /// To the start of the line (Ctrl-A).
    Start,
    /// To the end of the line (Ctrl-E).
    End,
    /// Delete from the start of the line to the cursor (Ctrl-U).
    KillToStart,
    /// Delete from the cursor to the end of the line (Ctrl-K).
    KillToEnd,
    /// Delete the whitespace-separated word before the cursor (Ctrl-W).
    KillWordBack,
    /// Delete to the end of this or the next word (Alt-D).
    KillWordForward,
}

/// The text and where the cursor stands in it.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct LineInput {
    text: String,
    cursor: usize,
}

impl LineInput {
    pub fn text(&self) -> &str {
        &self.text
    }

    /// Byte offset of the cursor in the text.
    pub fn cursor(&self) -> usize {
        self.cursor
    }

    pub fn is_empty(&self) -> bool {
        self.text.is_empty()
    }

    pub fn clear(&mut self) {
        self.text.clear();
        self.cursor = 0;
    }

    /// Applies one step; whether the text (not only the cursor) changed.
    pub fn apply(&mut self, edit: LineEdit) -> bool {
        let before = self.text.len();
        match edit {
            LineEdit::Insert(c) => {
                self.text.insert(self.cursor, c);
                self.cursor += c.len_utf8();
                return true;
            }
            LineEdit::Backspace => self.delete_back_to(self.char_before()),
            LineEdit::Delete => self.delete_forward_to(self.char_after()),
            LineEdit::Back => self.cursor = self.char_before(),
            LineEdit::Forward => self.cursor = self.char_after(),
            LineEdit::WordBack => self.cursor = self.word_start_before(char::is_alphanumeric),
            LineEdit::WordForward => self.cursor = self.word_end_after(),
            LineEdit::Start => self.cursor = 0,
            LineEdit::End => self.cursor = self.text.len(),
            LineEdit::KillToStart => self.delete_back_to(0),
            LineEdit::KillToEnd => self.delete_forward_to(self.text.len()),
            LineEdit::KillWordBack => {
                self.delete_back_to(self.word_start_before(|c| !c.is_whitespace()))
            }
            LineEdit::KillWordForward => self.delete_forward_to(self.word_end_after()),
        }
        self.text.len() != before
    }

    fn char_before(&self) -> usize {
        self.text[..self.cursor]
            .char_indices()
            .next_back()
            .map_or(0, |(i, _)| i)
    }

    fn char_after(&self) -> usize {
        self.text[self.cursor..]
            .chars()
            .next()
            .map_or(self.cursor, |c| self.cursor + c.len_utf8())
    }

    /// Where the word before the cursor starts, a word being a run of
    /// characters `in_word` accepts (what lies between the cursor and it
    /// is skipped first).
    fn word_start_before(&self, in_word: impl Fn(char) -> bool) -> usize {
        let before = &self.text[..self.cursor];
        let word_end = before
            .char_indices()
            .rev()
            .find(|&(_, c)| in_word(c))
            .map_or(0, |(i, c)| i + c.len_utf8());
        before[..word_end]
            .char_indices()
            .rev()
            .find(|&(_, c)| !in_word(c))
            .map_or(0, |(i, c)| i + c.len_utf8())
    }

    /// Where the word after the cursor ends (letters and digits).
    fn word_end_after(&self) -> usize {
        let after = &self.text[self.cursor..];
        let word_start = after
            .char_indices()
            .find(|&(_, c)| c.is_alphanumeric())
            .map_or(after.len(), |(i, _)| i);
        let word_end = after[word_start..]
            .char_indices()
            .find(|&(_, c)| !c.is_alphanumeric())
            .map_or(after.len(), |(i, _)| word_start + i);
        self.cursor + word_end
    }

    fn delete_back_to(&mut self, start: usize) {
        self.text.replace_range(start..self.cursor, "");
        self.cursor = start;
    }

    fn delete_forward_to(&mut self, end: usize) {
        self.text.replace_range(self.cursor..end, "");
    }
}

/// A line being typed and whether keys go to it: the filter line, or the
/// search line of an article.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Prompt {
    line: LineInput,
    editing: bool,
}

impl Prompt {
    /// What was typed, in logical order.
    pub fn input(&self) -> &str {
        self.line.text()
    }

    /// Byte offset of the cursor in the input.
    pub fn cursor(&self) -> usize {
        self.line.cursor()
    }

    /// Whether keys go to the line.
    pub fn editing(&self) -> bool {
        self.editing
    }

    pub fn is_empty(&self) -> bool {
        self.line.is_empty()
    }

    /// Opens it for typing, the cursor after the text.
    pub(super) fn open(&mut self) {
        self.editing = true;
        self.line.apply(LineEdit::End);
    }

    /// Keeps the text and leaves the line.
    pub(super) fn close(&mut self) {
        self.editing = false;
    }

    /// Empties and leaves the line.
    pub(super) fn clear(&mut self) {
        self.line.clear();
        self.editing = false;
    }

    /// Applies one editing step; whether the text changed.
    pub(super) fn edit(&mut self, edit: LineEdit) -> bool {
        self.line.apply(edit)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use LineEdit::*;

    fn typed(text: &str) -> LineInput {
        let mut line = LineInput::default();
        for c in text.chars() {
            line.apply(Insert(c));
        }
        line
    }

    fn after(text: &str, edits: &[LineEdit]) -> (String, usize) {
        let mut line = typed(text);
        for &edit in edits {
            line.apply(edit);
        }
        (line.text().to_string(), line.cursor())
    }

    #[test]
    fn kills_take_what_readline_takes() {
        assert_eq!(after("blames:armenia lang", &[KillToStart]), ("".into(), 0));
        assert_eq!(
            after("blames:armenia lang:ar", &[KillWordBack]),
            ("blames:armenia ".into(), 15)
        );
        assert_eq!(
            after("blames:armenia  ", &[KillWordBack]),
            ("".into(), 0),
            "trailing spaces go with the word"
        );
        assert_eq!(
            after("one two three", &[Start, WordForward, KillToEnd]),
            ("one".into(), 3)
        );
        assert_eq!(
            after("one two three", &[Start, KillWordForward]),
            (" two three".into(), 0)
        );
    }

    #[test]
    fn words_are_letters_and_digits_in_any_script() {
        assert_eq!(after("speaker:oman", &[WordBack]).1, "speaker:".len());
        assert_eq!(after("speaker:oman", &[WordBack, WordBack]).1, 0);
        let arabic = "قال بلينكن";
        assert_eq!(after(arabic, &[WordBack]).1, "قال ".len());
        assert_eq!(after(arabic, &[Start, WordForward]).1, "قال".len());
        assert_eq!(after(arabic, &[End]).1, arabic.len());
    }

    #[test]
    fn the_cursor_stays_on_a_character_boundary() {
        let (text, cursor) = after("بلينكن", &[Back, Back, Backspace, Delete, Forward]);
        assert_eq!(text, "بلين");
        assert!(text.is_char_boundary(cursor));
        assert_eq!(after("ab", &[Start, Back, Backspace]), ("ab".into(), 0));
        assert_eq!(after("ab", &[Forward, Delete]), ("ab".into(), 2));
    }
}
