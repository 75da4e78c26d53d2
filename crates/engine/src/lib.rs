//! mizan-engine: what mizan knows about news, from text and lexicons, above
//! `mizan-text`.
//!
//! The modules, from the bottom up:
//! - [`limits`]: size limits on untrusted input, and reading a file within them.
//! - [`lexicon`]: the user-editable TOML lexicons, validated and compiled, and
//!   the [`Name`](lexicon::Name)s and [`Origin`](lexicon::Origin)s they hand out.
//! - [`tagger`]: statements, speakers, parties and stance, from an article's
//!   text, its paragraph ranges and language, and a lexicon.
//! - [`corpus`]: articles, their parsing and loading from local files and the
//!   bundled samples, and stories, alignment, coverage, dates and terms.
//!
//! It may depend on `mizan-text` and on no other mizan crate; nor on a
//! terminal (ratatui, crossterm), database (rusqlite), network (ureq) or
//! file-watching (notify) crate. Articles from the store are made by
//! `mizan-store`; the configuration is the binary's, so functions here take
//! what they need of it ([`limits::Limits`], [`lexicon::LexiconSettings`]).

pub mod corpus;
pub mod lexicon;
pub mod limits;
pub mod tagger;
