//! ratatui widgets that borrow the reader's state and draw it. They never
//! mutate state. `keymap` is the only place crossterm key types appear.
