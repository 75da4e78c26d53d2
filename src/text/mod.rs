//! Pure text functions: sanitising untrusted text, script detection,
//! normalisation for matching (with offset maps back to the original), and the
//! one layout pipeline (shape, bidi, wrap, reorder) that both the reader and
//! `mizan render` use. Nothing here knows about terminals, ratatui or files.

mod hash;
pub mod layout;
mod lines;
pub mod normalize;
mod range;
pub mod sanitize;
mod script;
pub mod segment;

pub use hash::stable_hash;
pub use lines::{LineIndex, line_column};
pub use range::TextRange;
pub use script::{Lang, detect_lang, is_arabic};
