//! Disjoint sets over `0..n`, shared by story grouping (articles) and
//! statement alignment (statements). The smaller index is always the root,
//! so groups come out in a stable order whatever order links arrive in.

use std::collections::HashMap;

pub struct UnionFind {
    parent: Vec<usize>,
}

impl UnionFind {
    pub fn new(size: usize) -> Self {
        Self {
            parent: (0..size).collect(),
        }
    }

    /// The representative of `index`'s set: its smallest member.
    pub fn root(&mut self, mut index: usize) -> usize {
        while self.parent[index] != index {
            self.parent[index] = self.parent[self.parent[index]];
            index = self.parent[index];
        }
        index
    }

    /// Merges the sets of `a` and `b`; returns the new root.
    pub fn join(&mut self, a: usize, b: usize) -> usize {
        let (a, b) = (self.root(a), self.root(b));
        let (root, child) = if a < b { (a, b) } else { (b, a) };
        self.parent[child] = root;
        root
    }

    /// The sets' members, ascending, sets ordered by their smallest member.
    pub fn groups(mut self) -> Vec<Vec<usize>> {
        let mut by_root: HashMap<usize, Vec<usize>> = HashMap::new();
        for index in 0..self.parent.len() {
            let root = self.root(index);
            by_root.entry(root).or_default().push(index);
        }
        let mut groups: Vec<Vec<usize>> = by_root.into_values().collect();
        groups.sort_unstable_by_key(|members| members[0]);
        groups
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn joined_sets_list_their_members_in_order() {
        let mut sets = UnionFind::new(5);
        sets.join(4, 1);
        sets.join(3, 4);
        assert_eq!(sets.root(3), 1);
        assert_eq!(sets.groups(), [vec![0], vec![1, 3, 4], vec![2]]);
    }
}
