//! mizan-text: pure text functions, the bottom layer of mizan.
//!
//! It owns sanitising untrusted text ([`sanitize`]), script detection
//! ([`Lang`]), normalisation for matching with offset maps back to the
//! original ([`normalize`]), segmentation ([`segment`]), byte ranges
//! ([`TextRange`]), line and column lookup for diagnostics ([`LineIndex`]),
//! hashes that keep their value across runs ([`stable_hash`]), and the one
//! layout pipeline (shape, bidi, wrap, reorder) through which the reader and
//! `mizan render` both lay out an article ([`layout::lay_out_article`]).
//!
//! It may not depend on any other mizan crate, nor on a terminal (ratatui,
//! crossterm), database (rusqlite), network (ureq) or file-watching (notify)
//! crate: nothing here knows about terminals, files or articles as loaded.

mod hash;
pub mod layout;
mod lines;
pub mod normalize;
mod range;
pub mod sanitize;
mod script;
pub mod segment;
mod utf8;

pub use hash::stable_hash;
pub use lines::{LineIndex, line_column};
pub use range::TextRange;
pub use script::{Lang, detect_lang, is_arabic};
