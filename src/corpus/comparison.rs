//! Everything a comparison shows, computed once for a set of analysed
//! articles: their stories, each story's aligned statements and the
//! coverage counts. `mizan compare` prints it; the reader's compare and
//! coverage views draw it.

use super::align::{AlignOptions, AlignedGroup, Alignment, align_story};
use super::coverage::{Coverage, coverage};
use super::stories::{Analysed, Story, StoryOptions, group_stories};
use rayon::prelude::*;

pub struct Comparison {
    pub stories: Vec<Story>,
    /// One per story, in the same order.
    pub alignments: Vec<Alignment>,
    /// For each analysed article, the index of its story.
    pub story_of: Vec<usize>,
    /// The counts of all the articles.
    pub coverage: Coverage,
}

impl Comparison {
    pub fn build(
        analysed: &[Analysed],
        stories: &StoryOptions,
        align: &AlignOptions,
    ) -> Comparison {
        let stories = group_stories(analysed, stories);
        let alignments = stories
            .par_iter()
            .map(|story| align_story(analysed, story, align))
            .collect();
        let mut story_of = vec![0; analysed.len()];
        for (index, story) in stories.iter().enumerate() {
            for &article in &story.articles {
                story_of[article] = index;
            }
        }
        let everything: Vec<usize> = (0..analysed.len()).collect();
        Comparison {
            coverage: coverage(analysed, &everything),
            stories,
            alignments,
            story_of,
        }
    }

    /// Every aligned group of every story with its story's index, stories
    /// in order.
    pub fn groups(&self) -> impl Iterator<Item = (usize, &AlignedGroup)> {
        self.alignments
            .iter()
            .enumerate()
            .flat_map(|(story, alignment)| alignment.groups.iter().map(move |group| (story, group)))
    }

    /// The counts of one story's articles.
    pub fn story_coverage(&self, analysed: &[Analysed], story: usize) -> Coverage {
        coverage(analysed, &self.stories[story].articles)
    }
}
