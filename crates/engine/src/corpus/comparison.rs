//! Everything a comparison shows, computed once for a set of analysed
//! articles: their stories and each story's aligned statements. `mizan
//! compare` prints it with the coverage counts; the reader's compare and
//! coverage views draw it.

use super::align::{AlignOptions, AlignedGroup, Alignment, align_story};
use super::names::Names;
use super::stories::{Analysed, Story, StoryOptions, group_stories};
use rayon::prelude::*;

pub struct Comparison {
    pub stories: Vec<Story>,
    /// One per story, in the same order.
    pub alignments: Vec<Alignment>,
    /// For each analysed article, the index of its story.
    pub story_of: Vec<usize>,
}

impl Comparison {
    /// Groups and aligns `analysed`; `names` tells which speakers are one
    /// person across languages. The coverage counts are not part of
    /// it: the reader counts only what its coverage view shows, and counts
    /// of 10,000 articles held beside the stories would be ~15 MiB for
    /// nothing (`mizan compare` counts them with
    /// [`crate::corpus::coverage::coverage`]).
    pub fn build(
        analysed: &[Analysed],
        names: &Names,
        stories: &StoryOptions,
        align: &AlignOptions,
    ) -> Comparison {
        let stories = group_stories(analysed, names, stories);
        let alignments = stories
            .par_iter()
            .map(|story| align_story(analysed, story, names, align))
            .collect();
        let mut story_of = vec![0; analysed.len()];
        for (index, story) in stories.iter().enumerate() {
            for &article in &story.articles {
                story_of[article] = index;
            }
        }
        Comparison {
            stories,
            alignments,
            story_of,
        }
    }

    /// Every aligned group of every story with its story's index, stories
    /// in order.
    pub fn groups(&self) -> impl Iterator<Item = (usize, AlignedGroup<'_>)> {
        self.alignments
            .iter()
            .enumerate()
            .flat_map(|(story, alignment)| alignment.groups().map(move |group| (story, group)))
    }
}
