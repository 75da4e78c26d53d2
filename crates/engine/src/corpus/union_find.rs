//! Disjoint sets over `0..n`, shared by story grouping (articles) and
//! statement alignment (statements). The smaller index is always the root,
//! so groups come out in a stable order whatever order links arrive in.

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
    pub fn groups(self) -> Vec<Vec<usize>> {
        self.sets().iter().map(<[usize]>::to_vec).collect()
    }

    /// Like [`UnionFind::groups`], in two allocations however many sets
    /// there are (statement alignment makes one set per statement).
    pub fn sets(mut self) -> Sets {
        let count = self.parent.len();
        let mut set_of = vec![0; count];
        let mut sizes: Vec<usize> = Vec::new();
        for index in 0..count {
            // A root is its set's smallest member, so it is met first.
            let root = self.root(index);
            set_of[index] = if root == index {
                sizes.push(0);
                sizes.len() - 1
            } else {
                set_of[root]
            };
            sizes[set_of[index]] += 1;
        }
        let mut next: Vec<usize> = sizes
            .iter()
            .scan(0, |start, &size| {
                let this = *start;
                *start += size;
                Some(this)
            })
            .collect();
        let mut members = vec![0; count];
        for (index, &set) in set_of.iter().enumerate() {
            members[next[set]] = index;
            next[set] += 1;
        }
        Sets {
            members,
            ends: next,
        }
    }
}

/// Disjoint sets laid out flat: every set's members in turn.
pub struct Sets {
    members: Vec<usize>,
    /// Where each set ends in `members`.
    ends: Vec<usize>,
}

impl Sets {
    /// Each set's members, ascending, sets ordered by their smallest member.
    pub fn iter(&self) -> impl Iterator<Item = &[usize]> {
        let starts = std::iter::once(0).chain(self.ends.iter().copied());
        starts
            .zip(&self.ends)
            .map(|(start, &end)| &self.members[start..end])
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

    #[test]
    fn flat_sets_hold_every_index_once_in_set_order() {
        let mut sets = UnionFind::new(6);
        sets.join(5, 2);
        sets.join(0, 4);
        let sets = sets.sets();
        let listed: Vec<&[usize]> = sets.iter().collect();
        assert_eq!(listed, [&[0, 4][..], &[1], &[2, 5], &[3]]);
    }
}
